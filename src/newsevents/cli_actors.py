"""The ``actors`` and ``clusters`` commands: the actor registry and event clusters, over ``api`` and ``query``."""

from __future__ import annotations

from typing import Any

import click

from newsevents.cli import DB_OPTION, main, _conn, _echo_json_lines, _names, _settings
from newsevents.cli_options import settings_options
from newsevents.table import render

#: ``--json`` of a command that shows one record
RECORD_JSON = click.option("--json", "as_json", is_flag=True, help="Print the full JSON object.")


def _fetched(fetch: str, db: str | None, key: str, as_json: bool) -> dict[str, Any] | None:
    """One record by ``query.<fetch>(conn, key)``; printed as indented JSON (and None returned) with ``--json``."""
    from newsevents import query
    from newsevents.cli import _json_line

    record = getattr(query, fetch)(_conn(db), key)
    if as_json:
        click.echo(_json_line(record, indent=2))
        return None
    return record


def _show_suggestions(result: dict[str, Any], q: str | None) -> None:
    """Say so when a search found nothing, with the close names to try."""
    if q and not result["items"]:
        tips = result.get("suggestions") or []
        hint = f"; did you mean: {', '.join(tips)}?" if tips else "; list them all with `newsevents actors`"
        click.echo(f"no actor matches {q!r}{hint}", err=True)


@click.group(invoke_without_command=True)
@DB_OPTION
@click.option("--country", help="Only actors of this country (ISO alpha-3).")
@click.option("--search", "q", help="Find an actor by id, name or any alias (exact matches first; close names when none).")
@click.option("--limit", default=50, show_default=True, type=int)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def actors(ctx: click.Context, db: str, country: str | None, q: str | None, limit: int, as_json: bool) -> None:
    """List actors of the registry, most active first; show, merge, split or alias them.

    \b
    Example:
      newsevents actors --country RUS
      newsevents actors --search Putin
      newsevents actors show Putin
      newsevents actors merge "Vladimir Putin" "President Putin"
    """
    if ctx.invoked_subcommand is not None:
        return
    from newsevents import query

    result = query.list_actors(_conn(db), q=q, country=country, limit=limit)
    if as_json:
        return _echo_json_lines(result["items"])
    click.echo(render(result["items"], ["id", "name", "kind", "country", "sector", "as_actor", "as_target"]))
    _show_suggestions(result, q)


@actors.command("show")
@click.argument("name")
@DB_OPTION
@RECORD_JSON
def actors_show(name: str, db: str, as_json: bool) -> None:
    """One actor by id, name or alias: its aliases, the evidence of every merge, offices and event counts.

    \b
    Example:
      newsevents actors show Putin --db news.db
    """
    actor = _fetched("get_actor", db, name, as_json)
    if actor is None:
        return
    click.echo(f"{actor['id']}  {actor['name']}  ({actor.get('kind', 'actor')}, {actor.get('country') or '-'})")
    click.echo(f"events: {len(actor['events_as_actor'])} as actor, {len(actor['events_as_target'])} as target")
    if actor.get("aliases"):
        click.echo("\naliases:\n" + render(actor["aliases"], ["text", "how"]))
    if actor.get("merges"):
        click.echo("\nmerged names (evidence):\n" + render(actor["merges"], ["name", "rule", "article_title", "context"], {"context": 60}))
    if actor.get("terms"):
        click.echo("\noffices:\n" + render(actor["terms"], ["country", "office", "start", "end", "source"]))


def _correct(op: str, db: str | None, actor: str, other: str) -> None:
    """Store one correction, rebuild registry and clusters, and say what happened."""
    from newsevents import api

    made = api.correct_actors(_settings(db=db), op, actor, other)
    click.echo(f"{op}: {made['actor']} {made['other']} (stored; applied again after every ingest)")
    for stale in made["stale"]:
        click.echo(f"warning: an earlier {stale['op']} of {stale['actor']} no longer finds its actor", err=True)


@actors.command("rebuild")
@DB_OPTION
@settings_options("actor_dictionary")
def actors_rebuild(db: str, actor_dictionary: str | None) -> None:
    """Build the actor registry and the event clusters again from everything stored (ingest does it by itself).

    For a database made before the registry existed, or after changing --actor-dictionary.

    \b
    Example:
      newsevents actors rebuild --db news.db --actor-dictionary my_actors.tsv
    """
    from newsevents import api

    settings = _settings(db=db, actor_dictionary=actor_dictionary)
    registry, counts = api.rebuild_actors(settings)
    click.echo(f"actors: {len(registry.actors)}; event clusters: {counts['clusters']}")


@actors.command("merge")
@click.argument("a")
@click.argument("b")
@DB_OPTION
def actors_merge(a: str, b: str, db: str) -> None:
    """Merge actor B into actor A (ids or names; A's id stays).

    \b
    Example:
      newsevents actors merge person:vladimir-putin "President Putin"
    """
    _correct("merge", db, a, b)


@actors.command("split")
@click.argument("actor_id")
@click.argument("name")
@DB_OPTION
def actors_split(actor_id: str, name: str, db: str) -> None:
    """Split the name NAME off the actor ACTOR_ID into an actor of its own.

    \b
    Example:
      newsevents actors split org:parliament "Georgian Parliament"
    """
    _correct("split", db, actor_id, name)


@actors.command("alias")
@click.argument("actor_id")
@click.argument("name")
@DB_OPTION
def actors_alias(actor_id: str, name: str, db: str) -> None:
    """Make NAME always mean the actor ACTOR_ID.

    \b
    Example:
      newsevents actors alias person:vladimir-putin "Vova"
    """
    _correct("alias", db, actor_id, name)


@click.group(invoke_without_command=True)
@DB_OPTION
@click.option("--type", "etype", help="Only this PLOVER type, e.g. ASSAULT.")
@click.option("--country", help="Only happenings with a party of this country (ISO alpha-3).")
@click.option("--actor", help="Only happenings with this actor (id, name or alias).")
@click.option("--since", help="Only happenings on or after this date (YYYY-MM-DD).")
@click.option("--min-sources", type=click.IntRange(0), help="Only happenings reported by at least this many sources.")
@click.option("--contested", is_flag=True, default=None, help="Only happenings one source reports and another says were denied.")
@click.option("--limit", default=50, show_default=True, type=int)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def clusters(ctx: click.Context, db: str, etype: str | None, country: str | None, actor: str | None, since: str | None,
             min_sources: int | None, contested: bool | None, limit: int, as_json: bool) -> None:  # fmt: skip
    """Event clusters: one real happening with every article and source that reports it, most sources first.

    \b
    Example:
      newsevents clusters --type ASSAULT --min-sources 2
      newsevents clusters show ec50cda3dae1f1
    """
    if ctx.invoked_subcommand is not None:
        return
    from newsevents import query

    items = query.list_clusters(_conn(db), type=etype, country=country, actor=actor, since=since, min_sources=min_sources,
                                contested=contested, limit=limit)["items"]  # fmt: skip
    if as_json:
        return _echo_json_lines(items)
    rows = [{**c, "actors": _names(c["actors"]), "targets": _names(c["targets"]),
             "contested": "yes" if c["contested"] else ""} for c in items]  # fmt: skip
    click.echo(render(rows, ["id", "date", "type", "sources", "articles", "contested", "actors", "targets", "sentence"],
                      {"actors": 24, "targets": 24, "sentence": 50}))  # fmt: skip


@clusters.command("show")
@click.argument("cluster_id")
@DB_OPTION
@RECORD_JSON
def clusters_show(cluster_id: str, db: str, as_json: bool) -> None:
    """One happening: every source that reports it with its status and evidence sentence.

    \b
    Example:
      newsevents clusters show ec50cda3dae1f1 --db news.db
    """
    cluster = _fetched("get_cluster", db, cluster_id, as_json)
    if cluster is None:
        return
    who, whom = _names(cluster["actors"]) or "-", _names(cluster["targets"]) or "-"
    click.echo(f"{cluster['id']}  {cluster['type']}  {cluster['date'] or 'undated'}  {who} -> {whom}"
               f"{'  CONTESTED' if cluster['contested'] else ''}")  # fmt: skip
    click.echo(f"{cluster['sources']} sources, {cluster['articles']} articles, first seen {cluster['first_seen']}, last {cluster['last_seen']}\n")
    click.echo(render(cluster["members"], ["published", "source", "status", "title", "sentence"], {"title": 40, "sentence": 70}))


main.add_command(actors)  # registered here, so importing this module first or cli first both work
main.add_command(clusters)

"""The ``analytics`` commands: build a Parquet/DuckDB analytics dataset from a store and query it (``newsevents.analytics``)."""

from __future__ import annotations

from typing import Any

import click

from newsevents.cli import DB_OPTION, _echo_json_lines, _settings, main
from newsevents.table import render

OUT_OPTION = click.option("--out", "out", required=True, help="The analytics dataset directory (made by `analytics build`).")
JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print one JSON object per row.")
SINCE = click.option("--since", help="First month (YYYY-MM or YYYY; a dyad also takes YYYY-MM-DD).")
UNTIL = click.option("--until", help="Last month (YYYY-MM or YYYY; a dyad also takes YYYY-MM-DD).")


def _show(rows: list[dict[str, Any]], columns: list[str], as_json: bool) -> None:
    if as_json:
        _echo_json_lines(rows)
    elif rows:
        click.echo(render(rows, columns))
    else:
        click.echo("no rows", err=True)


def _open(out: str) -> Any:
    from newsevents.analytics import Analytics

    return Analytics(out)


@click.group()
def analytics() -> None:
    """Analytics at scale: the store's events as a Parquet dataset with DuckDB rollups (needs `pip install newsevents[analytics]`).

    Example: newsevents analytics build --db news.db --out news-analytics
    """


@analytics.command("build")
@DB_OPTION
@OUT_OPTION
@click.option("--threads", type=int, help="DuckDB worker threads (default: every core).")
def build_command(db: str | None, out: str, threads: int | None) -> None:
    """Export a SQLite store to the dataset OUT, or bring OUT up to date: only months that changed are written again.

    Example: newsevents analytics build --db news.db --out news-analytics
    """
    from newsevents.analytics import build

    path = _settings(db=db).db
    if "://" in str(path):
        raise click.ClickException(f"analytics build reads a SQLite store; {path} is not one (pass --db FILE.db)")
    report = build(path, out, threads=threads)
    written = f"{len(report.months_written)} months written" + (f", {len(report.months_removed)} removed" if report.months_removed else "")
    click.echo(f"{report.events:,} events in {report.months} months; {written}; {report.seconds:.1f} s; {report.bytes / 1e6:.1f} MB in {report.out}")


@analytics.group("query")
def query_group() -> None:
    """Ask the dataset: dyad series, counts by type and month, top actors, top pairs.

    Example: newsevents analytics query dyad Russia Ukraine --by month --out news-analytics
    """


@query_group.command("dyad")
@click.argument("a")
@click.argument("b")
@OUT_OPTION
@click.option("--by", default="month", show_default=True, type=click.Choice(["day", "week", "month", "year"]), help="Period of the series.")
@click.option("--count", default="clusters", show_default=True, type=click.Choice(["clusters", "mentions"]),
              help="Count a happening once (clusters) or every report of it (mentions).")  # fmt: skip
@SINCE
@UNTIL
@JSON_OPTION
def dyad_command(a: str, b: str, out: str, by: str, count: str, since: str | None, until: str | None, as_json: bool) -> None:
    """Happenings between A and B per period and quad class, with their summed Goldstein score.

    Example: newsevents analytics query dyad Russia Ukraine --by year --out news-analytics
    """
    rows = _open(out).dyad_series(a, b, by=by, count=count, since=since, until=until)["series"]
    _show(rows, ["period", "quad_class", "events", "goldstein"], as_json)


@query_group.command("types")
@OUT_OPTION
@SINCE
@UNTIL
@click.option("--type", "kind", help="Only this PLOVER event type.")
@JSON_OPTION
def types_command(out: str, since: str | None, until: str | None, kind: str | None, as_json: bool) -> None:
    """Events per month and PLOVER type, with their summed Goldstein score.

    Example: newsevents analytics query types --since 2024-01 --type ASSAULT --out news-analytics
    """
    rows = _open(out).counts_by_type_month(since=since, until=until, type=kind)
    _show(rows, ["month", "type", "events", "goldstein"], as_json)


def _top_options(command: Any) -> Any:
    """The options of a top list: the dataset, how many, the months and --json."""
    for option in reversed((OUT_OPTION, click.option("-n", "n", default=20, show_default=True, help="How many rows."), SINCE, UNTIL, JSON_OPTION)):
        command = option(command)
    return command


@query_group.command("actors")
@_top_options
def actors_command(out: str, n: int, since: str | None, until: str | None, as_json: bool) -> None:
    """The registry actors in most events, on either side.

    Example: newsevents analytics query actors -n 10 --since 2024 --out news-analytics
    """
    rows = _open(out).top_actors(n, since=since, until=until)
    _show(rows, ["id", "name", "kind", "country", "as_actor", "as_target"], as_json)


@query_group.command("pairs")
@_top_options
def pairs_command(out: str, n: int, since: str | None, until: str | None, as_json: bool) -> None:
    """The pairs of registry actors that meet in most events (on opposite sides, or together).

    Example: newsevents analytics query pairs -n 10 --out news-analytics
    """
    rows = _open(out).top_pairs(n, since=since, until=until)
    _show(rows, ["a", "a_name", "b", "b_name", "events", "goldstein"], as_json)


main.add_command(analytics)  # registered here, so importing this module first or cli first both work

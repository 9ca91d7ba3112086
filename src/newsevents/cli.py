"""The command line: a thin shell over the Python API (api.py) and the read queries (query.py)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import click

from newsevents.cli_options import CONFIG_OPTION, make_settings, settings_options
from newsevents.errors import NewseventsError
from newsevents.settings import Settings

DB_OPTION = settings_options("db")


def _settings(**options: Any) -> Settings:
    """Settings for this command: config file (--config), environment, then the flags given."""
    root = click.get_current_context().find_root()
    return make_settings(root.params.get("config"), **options)


def _conn(db: str | None):
    from newsevents.store import open_store

    return open_store(_settings(db=db).db, readonly=True).conn


def _fail(exc: NewseventsError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


class _Group(click.Group):
    """Turns our errors into one clear line and exit code 2 instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewseventsError as exc:
            _fail(exc)


@click.group(cls=_Group)
@click.version_option(package_name="newsevents")
@CONFIG_OPTION
def main(config: str | None) -> None:
    """newsevents: raw news in, clean articles, actors and evidence-backed events out.

    \b
    Example:
      newsevents ingest examples/corpus --db news.db
      newsevents events --db news.db --country IRN
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@settings_options("db", "input_format", "model", "workers", "batch_size", "max_input_bytes", "events", "coder", "lexicon",
                  "min_confidence", "actor_dictionary", "near_duplicate_similarity", "fetch_links", "fetch_timeout",
                  "fetch_interval", "busy_timeout", "quiet", "runner", "parse")  # fmt: skip
@click.option("--address", "ray_address", default=None, help="Ray cluster to join with --runner ray (host:port of `ray start --head`); empty: start a local Ray.")
@click.option("--out", type=click.Path(file_okay=False), default=None, help="Write the results as a Parquet dataset by publication month in this folder instead of the database (load it with `newsevents load`).")
def ingest(paths: tuple[str, ...], out: str | None, **options: Any) -> None:
    """Read files, folders (recursively), - (stdin) or http(s) URLs (RSS/Atom feeds, pages); store clean, annotated articles.

    \b
    Example:
      newsevents ingest dumps/ pages/*.html feed.jsonl.gz --db news.db --workers 2
      newsevents ingest https://news.example/rss.xml --db news.db
      newsevents ingest dumps/ --runner ray --address 127.0.0.1:6379 --workers 4 --out dataset/
    """
    from newsevents.api import ingest as run

    settings = _settings(**options)
    quiet = settings.quiet
    bar = _progress(quiet)
    summary = run(list(paths), settings, progress=bar, on_failure=lambda f: click.echo(f"failed: {f.origin}: {f.reason}", err=True), out_dir=out or None)
    bar.close()
    _print_summary(summary, quiet)
    sys.exit(0 if summary.ok else 1)


@main.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@settings_options("db", "busy_timeout")
def load(directory: str, **options: Any) -> None:
    """Store a Parquet dataset written by `ingest --out DIR`; articles already stored are skipped, so loading twice adds nothing.

    \b
    Example:
      newsevents ingest dumps/ --runner ray --out dataset/
      newsevents load dataset/ --db news.db
    """
    from newsevents.api import rebuild_registry
    from newsevents.batch.dataset import load_dataset

    settings = _settings(**options)
    summary = load_dataset(directory, settings)
    if summary.documents:
        rebuild_registry(settings)  # actors and clusters, as after an ingest
    click.echo(f"articles: {summary.documents} new, {summary.duplicates} already stored\ndatabase: {settings.db}")


class _Bar:
    """A tqdm bar over articles, shown only on a terminal and without --quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet, self.bar = quiet or not sys.stderr.isatty(), None

    def __call__(self, done: int, total: int) -> None:
        if self.quiet:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="article", file=sys.stderr)
        if total > self.bar.total:  # a streaming ingest learns its total window by window
            self.bar.total = total
            self.bar.refresh()
        self.bar.update(done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _progress(quiet: bool) -> _Bar:
    return _Bar(quiet)


def _print_summary(s: Any, quiet: bool) -> None:
    lines = [
        f"inputs: {s.inputs} ({s.inputs_stored} stored, {s.inputs_duplicate} duplicate, {s.failed} failed"
        + (f", {s.failed_partly} of them in part)" if s.failed_partly else ")"),
        f"articles: {s.stored} new, {s.duplicates} duplicate; events: {s.events}",
        f"database: {s.db}",
    ]
    skipped = _skipped_line(s)
    if skipped:
        lines.insert(2, skipped)
    for f in s.failures:
        lines.append(f"  failed: {f.origin}: {f.reason}")
    click.echo("\n".join(lines if not quiet else [line for line in lines if not line.startswith("database: ")]))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--every", default=10.0, show_default=True, type=click.FloatRange(min=0.001), help="Minutes between two cycles.")
@click.option("--cycles", type=click.IntRange(1), help="Stop after this many cycles (default: run until SIGTERM or Ctrl-C).")
@settings_options("db", "input_format", "model", "workers", "batch_size", "max_input_bytes", "events", "coder", "lexicon",
                  "min_confidence", "actor_dictionary", "near_duplicate_similarity", "fetch_links", "fetch_timeout",
                  "fetch_interval", "busy_timeout", "parse")  # fmt: skip
def watch(paths: tuple[str, ...], every: float, cycles: int | None, **options: Any) -> None:
    """Watch folders, files and feed URLs: every N minutes, ingest what is new; one line per cycle.

    Resumable: after a crash, Ctrl-C or a restart nothing is stored twice. SIGTERM ends it cleanly.

    \b
    Example:
      newsevents watch inbox/ https://news.example/rss.xml --every 15 --db news.db
    """
    from newsevents.api import ingest as run
    from newsevents.ingest.watch import Stop, watch as loop

    settings = _settings(**options, quiet=True)

    def ingest(todo: list[str]) -> Any:
        return run(todo, settings, on_failure=lambda f: click.echo(f"failed: {f.origin}: {f.reason}", err=True))

    stop = Stop()
    restore = stop.install()
    try:
        done = loop(list(paths), ingest, every=every * 60, cycles=cycles, echo=click.echo, stop=stop)
    except KeyboardInterrupt:
        click.echo("interrupted; run the same watch again to go on (nothing is stored twice)", err=True)
        sys.exit(130)
    finally:
        restore()
    click.echo(f"stopped after {done} cycle{'s' if done != 1 else ''}; database: {settings.db}")


def _skipped_line(s: Any) -> str | None:
    """'skipped: 3 not English (fr 2, ar 1); 1 near-duplicate ...', or None when the screen kept nothing back."""
    parts = []
    not_english = getattr(s, "not_english", {})
    if not_english:
        by = ", ".join(f"{lang} {n}" for lang, n in not_english.items())
        parts.append(f"{sum(not_english.values())} not English ({by})")
    near = getattr(s, "near_duplicates", 0)
    if near:
        parts.append(f"{near} near-duplicate{'s' if near != 1 else ''} (stored, linked to the original; see articles --duplicates)")
    return f"skipped: {'; '.join(parts)}" if parts else None


@main.command()
@DB_OPTION
@click.option("--search", "q", help="Full-text search over titles and bodies.")
@click.option("--language", help="Only articles in this language (ISO 639-1: en, fr, ar, fa, ru, es, ...).")
@click.option("--duplicates", is_flag=True, help="Show near-duplicate groups instead: each original and its copies.")
@click.option("--limit", default=20, show_default=True, type=int)
def articles(db: str, q: str | None, language: str | None, duplicates: bool, limit: int) -> None:
    """List stored articles, newest first.

    \b
    Example:
      newsevents articles --search "police commander"
      newsevents articles --language fr
      newsevents articles --duplicates
    """
    from newsevents import query
    from newsevents.table import render

    if duplicates:
        from newsevents.query_duplicates import duplicate_groups

        _print_duplicates(duplicate_groups(_conn(db), limit=limit))
        return
    conn = _conn(db)
    page = query.list_articles(conn, q=q, language=language, limit=limit)
    if language and not page["items"]:
        from newsevents.query_duplicates import language_counts

        stored = ", ".join(f"{lang} {n}" for lang, n in language_counts(conn).items()) or "none"
        click.echo(f"no articles in language {language!r}{' matching the search' if q else ''}; languages stored: {stored}")
        return
    click.echo(render(page["items"], ["id", "published", "language", "source", "events", "title"], {"title": 70}))


def _print_duplicates(groups: list[dict[str, Any]]) -> None:
    """Each near-duplicate group: a header line, then its members (original first, the coded one marked)."""
    from newsevents.table import render

    if not groups:
        click.echo("no near-duplicate groups")
        return
    for group in groups:
        click.echo(f"\ngroup {group['group']}: {group['size']} articles, original {group['original']}")
        rows = [m | {"role": "original" if m["id"] == group["original"] else "copy", "coded": "events" if m["coded"] else "-"} for m in group["members"]]
        click.echo(render(rows, ["id", "role", "coded", "similarity", "published", "source", "title"], {"title": 60}))


@main.command()
@click.argument("article_id")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the article's full JSON object.")
def show(article_id: str, db: str, as_json: bool) -> None:
    """Show one article with its entities, events and quotes.

    \b
    Example:
      newsevents show 3f2a9c1d0b7e4a55
    """
    from newsevents import query

    d = query.get_article(_conn(db), article_id)
    if as_json:
        click.echo(_json_line(d, indent=2))
        return
    _say(f"{d['title']}\n{d['source'] or ''} {d['published'] or ''} {d['url'] or ''}".rstrip())
    for c in d["captions"]:
        _say(f"[caption] {c['text']}" + (f" ({c['credit']})" if c["credit"] else ""))
    _say("")
    _say("\n\n".join(d["paragraphs"]))
    _say("\nentities:")
    for e in d["entities"]:
        if e["type"] in ("PERSON", "ORG", "LOC", "NORP"):
            _say(f"  {e['type']:<7} {e['name']}" + (f" [{e['country']}]" if e["country"] else "") + f"  ×{len(e['mentions'])}")
    if d["events"]:
        _say("events:")
        for ev in d["events"]:
            who = _names(ev["actors"]) or "?"
            whom = _names(ev["targets"]) or "-"
            _say(f"  {ev['type']:<9} {who} → {whom}  [{ev['status']}, {ev['date'] or ev['date_text'] or 'undated'}]  “{d['text'][ev['evidence']['start']:ev['evidence']['end']]}”")
    if d["quotes"]:
        _say("quotes:")
        for q in d["quotes"]:
            _say(f"  {q['speaker'] or '?'}: “{q['text'][:100]}”")


@main.command()
@DB_OPTION
@click.option("--type", "etype", help="Only this type: PERSON, ORG, LOC, NORP, ...")
@click.option("--limit", default=20, show_default=True, type=int)
def entities(db: str, etype: str | None, limit: int) -> None:
    """Top entities by the number of articles naming them.

    \b
    Example:
      newsevents entities --type PERSON --limit 10
    """
    from newsevents import query
    from newsevents.table import render

    types = [etype.upper()] if etype else ["PERSON", "ORG", "LOC", "NORP"]
    conn = _conn(db)
    for t in types:
        click.echo(f"\n{t}")
        click.echo(render(query.top_entities(conn, type=t, limit=limit), ["name", "country", "articles", "mentions"]))


@main.command()
@DB_OPTION
@click.option("--format", "fmt", default="jsonl", show_default=True, type=click.Choice(["jsonl", "csv", "parquet"]))
@click.option("--table", default="articles", show_default=True, type=click.Choice(["articles", "events", "entities"]), help="Rows for CSV/Parquet (JSONL always writes whole articles).")
@click.option("--out", default="-", show_default=True, help="Output file; - for stdout (not for Parquet).")
def export(db: str, fmt: str, table: str, out: str) -> None:
    """Export stored articles: JSONL (the JSON contract), CSV or Parquet.

    \b
    Example:
      newsevents export --format parquet --table events --out events.parquet
    """
    import functools

    from newsevents import query
    from newsevents.export import export as run
    from newsevents.store import open_store

    with open_store(_settings(db=db).db, readonly=True) as store:
        n = run(store.iter_documents(), fmt, out, table, canonical=functools.partial(query.canonical_ids, store.conn))
    if out != "-":
        click.echo(f"wrote {n} rows to {out}", err=True)


@main.command()
@click.argument("file", default="-")
@settings_options("model", "coder", "lexicon", "min_confidence", "batch_size", "parse")
def code(file: str, **options: Any) -> None:
    """Code sentences: JSONL {"id", "text", "published"?, "language"?} in, {"id", "events"} out.

    A text that reads as another language than English is not coded: its line says
    {"id", "events": [], "language", "skipped"}; "language": "en" in the record codes it anyway.

    \b
    Example:
      echo '{"id": 1, "text": "Police arrested two protesters in Tehran."}' | newsevents code
    """
    from newsevents.api import code_lines

    from contextlib import nullcontext

    bad = 0
    with nullcontext(sys.stdin) if file == "-" else _open_text(file) as handle:
        for out in code_lines(handle, _settings(**options), name=file):
            click.echo(_json_line(out))
            if "error" in out:
                bad += 1
                sys.stdout.flush()  # keep stdout and stderr in input order on a terminal
                click.echo(f"error: {_plain(out['error'])}", err=True)
            elif "skipped" in out:  # not English: accounted for, not an input error
                sys.stdout.flush()
                click.echo(f"skipped: {_plain(out['skipped'])}", err=True)
    sys.exit(1 if bad else 0)


def _open_text(path: str):
    """Open a UTF-8 text file for reading, or fail with a message naming it."""
    try:
        return open(path, encoding="utf-8", errors="replace")
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror}; check the path")


def _json_line(obj: Any, indent: int | None = None) -> str:
    """JSON safe on a terminal: C1 controls escaped; ASCII escapes when a value is not valid Unicode."""
    import re

    line = json.dumps(obj, ensure_ascii=False, indent=indent)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(obj, indent=indent)
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", line)  # JSON escapes C0 itself


def _say(text: str) -> None:
    """Print text from the data on the terminal, without its control characters."""
    click.echo(_plain(text))


def _plain(value: Any) -> str:
    """A value as text that is safe on a terminal: no control characters, no escape sequences."""
    from newsevents.unicode import strip_controls

    text = "" if value is None else str(value)
    return strip_controls(text).encode("utf-8", "replace").decode("utf-8")


def _event_filter_options(f):
    for name, help_ in reversed(
        [
            ("--actor", "Source actor: id, name, any alias (Putin) or country code."),
            ("--target", "Target actor: id, name, any alias or country code."),
            ("--country", "Country code on either side (ISO alpha-3)."),
            ("--type", "PLOVER event type, e.g. CONSULT, ACCUSE."),
            ("--status", "reported, alleged, denied, planned or hypothetical."),
            ("--since", "Events on or after this date (YYYY-MM-DD)."),
            ("--until", "Events on or before this date (YYYY-MM-DD)."),
            ("--text", "Words in the evidence sentence."),
        ]
    ):
        f = click.option(name, help=help_)(f)
    return f


def _event_listing(f):
    """The options of a command that lists by event filter: --db, the filters, --limit and --json."""
    f = click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")(f)
    f = click.option("--limit", default=50, show_default=True, type=int)(f)
    return DB_OPTION(_event_filter_options(f))


def _event_filter(o: dict[str, Any]) -> Any:
    from newsevents import query

    return query.EventFilter(actor=o["actor"], target=o["target"], country=o["country"], type=o["type"], status=o["status"],
                             date_from=o["since"], date_to=o["until"], text=o["text"])


def _names(parties: list[dict[str, Any]]) -> str:
    """The names of an event's or a cluster's actors (or targets), comma separated."""
    return ", ".join(p["name"] for p in parties)


def _counts(counts: dict[str, int]) -> str:
    """"A 3, B 2" from a mapping of counts."""
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def _echo_json_lines(items: list[dict[str, Any]]) -> None:
    for it in items:
        click.echo(_json_line(it))


@main.command()
@_event_listing
def events(db: str, limit: int, as_json: bool, **filters: Any) -> None:
    """List coded events with their evidence.

    \b
    Example:
      newsevents events --country IRN --type ACCUSE --since 2024-01-01
    """
    from newsevents import query
    from newsevents.table import render

    items = query.list_events(_conn(db), _event_filter(filters), limit=limit)["items"]
    if as_json:
        return _echo_json_lines(items)
    rows = [
        {**it, "actor": _names(it["actors"]), "target": _names(it["targets"]), "where": (it["location"] or {}).get("name")}
        for it in items
    ]
    click.echo(render(rows, ["day", "type", "mode", "actor", "target", "status", "where", "sentence"], {"actor": 24, "target": 24, "sentence": 60}))


@main.command()
@_event_listing
def places(db: str, limit: int, as_json: bool, **filters: Any) -> None:
    """Where events happened: each resolved place with coordinates and its event counts, busiest first.

    \b
    Example:
      newsevents places --country UKR --type ASSAULT
    """
    from newsevents import query
    from newsevents.table import render

    items = query.event_places(_conn(db), _event_filter(filters), limit=limit)
    if as_json:
        return _echo_json_lines(items)
    click.echo(render(items, ["name", "country", "lat", "lon", "events", "cooperation", "conflict"]))


@main.command()
@DB_OPTION
@click.option("--kind", type=click.Choice(["direct", "mixed", "indirect"]), help="Only this kind: direct quotes, mixed (part quoted) or indirect (reported speech).")
@click.option("--source", "--speaker", "source", help="Only attributions to this source (part of the speaker's name or of the source as written).")
@click.option("--limit", default=50, show_default=True, type=int)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, with spans and the events each attribution states.")
def quotes(db: str, kind: str | None, source: str | None, limit: int, as_json: bool) -> None:
    """Who said what: quotes and reported speech, with source, cue and content.

    \b
    Example:
      newsevents quotes --kind indirect --source ministry
    """
    from newsevents import query
    from newsevents.table import render

    items = query.list_attributions(_conn(db), kind=kind, source=source, limit=limit)["items"]
    if as_json:
        return _echo_json_lines(items)
    click.echo(render(items, ["published", "kind", "speaker", "cue_text", "content_text"], {"speaker": 24, "content_text": 80}))


@main.command()
@DB_OPTION
@click.option("--person", help="Only this person (substring).")
@click.option("--country", help="Only offices of this country.")
@click.option("--office", help="Only this office (substring), e.g. President.")
def roles(db: str, person: str | None, country: str | None, office: str | None) -> None:
    """Who held which office when (first and last date seen).

    \b
    Example:
      newsevents roles --country IRN --office President
    """
    from newsevents import query
    from newsevents.table import render

    items = query.list_roles(_conn(db), person=person, country=country, office=office)
    click.echo(render(items, ["country", "office", "person", "first_seen", "last_seen", "articles"]))


@main.command()
@click.argument("a")
@click.argument("b")
@DB_OPTION
@click.option("--by", default="day", show_default=True, type=click.Choice(["day", "week"]))
@click.option("--count", default="clusters", show_default=True, type=click.Choice(["clusters", "mentions"]),
              help="clusters: a happening reported by several articles counts once; mentions: every coded event.")
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV instead of a table.")
def dyad(a: str, b: str, db: str, by: str, count: str, as_csv: bool) -> None:
    """Happenings between two countries or actors (ids, names or aliases) per day: count and summed Goldstein by quad class.

    \b
    Example:
      newsevents dyad RUS IRN --by week --csv > rus_irn.csv
      newsevents dyad Putin Pezeshkian --count mentions
    """
    from newsevents import query
    from newsevents.table import render

    series = query.dyad_series(_conn(db), a, b, by=by, count=count)["series"]
    if as_csv:
        w = csv.DictWriter(sys.stdout, fieldnames=["period", "quad_class", "events", "goldstein"])
        w.writeheader()
        w.writerows(series)
        return
    click.echo(render(series, ["period", "quad_class", "events", "goldstein"]))


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind; loopback unless told otherwise.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--processes", "processes", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes on the one port; more than 1 answers pages on several cores at once.")
@settings_options("trusted_hosts")
def serve(db: str | None, host: str, port: int, processes: int, trusted_hosts: str | None) -> None:
    """Serve the JSON API and the dashboard (read-only).

    \b
    Example:
      newsevents serve --db news.db --port 8000 --trusted-hosts localhost,news.example.org
      newsevents serve --db news.db --processes 2
    """
    from newsevents.store import open_store
    from newsevents.web import serve as run  # raises MissingExtra naming the [web] extra when it is not installed

    settings = _settings(db=db, trusted_hosts=trusted_hosts)
    open_store(settings.db, readonly=True).close()  # fail early with a clear message
    run(settings.db, host=host, port=port, trusted_hosts=settings.trusted_hosts, workers=processes)


@main.command()
@click.option("--db", default="demo.db", show_default=True, help="Database for the demo (recreated).")
@click.option("--corpus", default=None, help="Corpus folder (default: the example corpus that ships with newsevents).")
@settings_options("workers", "model")
def demo(db: str, corpus: str | None, workers: int | None, model: str | None) -> None:
    """Ingest the example corpus into a fresh database and print a summary.

    \b
    Example:
      newsevents demo --db demo.db
    """
    from newsevents import query
    from newsevents.api import ingest as run
    from newsevents.table import render

    corpus = corpus or str(Path(__file__).resolve().parents[2] / "examples" / "corpus")
    if not Path(corpus).exists():
        raise click.ClickException(f"corpus {corpus} not found; pass --corpus PATH")
    for suffix in ("", "-wal", "-shm"):
        Path(db + suffix).unlink(missing_ok=True)
    summary = run([corpus], _settings(db=db, workers=workers, model=model, quiet=True), on_failure=lambda f: click.echo(f"failed: {f.origin}: {f.reason}", err=True))
    _print_summary(summary, False)
    conn = _conn(db)
    st = query.stats(conn)
    click.echo("\nentities by type: " + _counts({k: v for k, v in st["entities_by_type"].items() if k in ("PERSON", "ORG", "LOC", "NORP")}))
    click.echo("events by type: " + _counts(st["events_by_type"]))
    said = st["attributions_by_kind"]
    click.echo(f"who said what: {sum(said.values())} attributions ({_counts(said)})")
    click.echo(f"one id per actor: {st['actors_in_events']} actors take part in events; one record per happening: {st['clusters']} clusters of {st['events']} events")
    for t in ("PERSON", "ORG"):
        click.echo(f"\ntop {t}:")
        click.echo(render(query.top_entities(conn, type=t, limit=8), ["name", "country", "articles", "mentions"]))
    click.echo(f"\ndatabase: {Path(db).resolve()}")
    click.echo(f"dashboard: newsevents serve --db {db}   (then open http://127.0.0.1:8000/)")
    sys.exit(0 if summary.ok else 1)


import newsevents.cli_actors  # noqa: E402,F401 - registers `actors` and `clusters` itself (they use the helpers above)

import newsevents.cli_analytics  # noqa: E402,F401 - registers `analytics` itself (DuckDB is imported only when it runs)

"""Analytics bench (issue #9 item 4): dyad series, counts by type and month, top actors and top pairs at 10 clients.

For each size (default 100k, 1M and 10M events) it makes a synthetic store (``analytics.synthetic``:
400 actors and the PLOVER types with Zipf-like weights, ten years of days, happenings told 1-4 times;
no NLP), builds the analytics dataset from it (flat rows, pairs file and rollups: timed, with the bytes
on disk), and sends each query from 10 client threads at once, each with its own cursor:

- *uncached*: every request has parameters never asked before, and no answer cache (what counts);
- *cached*: the same 10 parameter sets again and again, through the LRU cache of ``Analytics``.

With ``--postgres URL`` (default: the local test server) the same rollup tables (``dyad_day`` with a
covering index, type, actor and pair months and totals) are loaded into PostgreSQL in a schema of its
own, which is dropped after; the same uncached requests are timed there, one connection per client. Its load time
is a bulk COPY of rows DuckDB made, not the cost of keeping rollups current on every write.

With ``--store-rollups SIZE`` it measures instead the rollups a PostgreSQL *store* keeps current on write
(migration 0014): the synthetic events are written into a fresh store schema in batches (articles, events
and participants by COPY, one transaction each, registry ids already set), once with the rollup triggers
and once without; then a registry-style update of 10,000 participants' ids, with and without; then the
rollups are checked against a recomputation and counts by type and month, top actors and top pairs are
timed on them (uncached, 10 clients). Dyad series are not among those rollups (they count clusters, which
change after the write), so they are not timed there.

Run: ``python bench/analytics_bench.py [--sizes 100k 1M 10M] [--clients 10] [--requests 30] [--no-postgres]``
or ``python bench/analytics_bench.py --store-rollups 1M``.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.analytics import Analytics  # noqa: E402
from newsevents.analytics.build import build_from  # noqa: E402
from newsevents.analytics.synthetic import FIRST_DAY, synthetic_raw  # noqa: E402
from newsevents.plover import EVENT_TYPES  # noqa: E402

QUERIES = ("dyad_series", "counts_by_type_month", "top_actors", "top_pairs")
Params = tuple[Any, ...]


def parse_size(text: str) -> int:
    """100k, 1M, 2500 -> a number of events."""
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1].lower(), 1)
    return int(float(text[:-1] if scale > 1 else text) * scale)


# -- parameters: fresh ones for every request, drawn as users ask (busy actors more often) ---------


class Draw:
    """Random parameters for each query; ``fresh`` never returns the same parameters twice."""

    def __init__(self, actors: list[str], seed: int) -> None:
        self.rng = random.Random(seed)
        self.actors = actors
        self.weights = [1.0 / (i + 1) ** 0.8 for i in range(len(actors))]  # the busiest actors are asked about most
        self.seen: set[tuple[str, Params]] = set()
        self.lock = threading.Lock()
        first = int(FIRST_DAY[:4])
        self.months = [f"{y}-{m:02d}" for y in range(first, first + 10) for m in range(1, 13)]

    def _range(self) -> tuple[str | None, str | None]:
        if self.rng.random() < 0.3:
            return None, None
        i, j = sorted(self.rng.sample(range(len(self.months)), 2))
        return self.months[i], self.months[j]

    def params(self, query: str) -> Params:
        r = self.rng
        if query == "dyad_series":
            a, b = r.choices(self.actors, self.weights, k=2)
            since, until = self._range()
            return a, b, r.choice(["day", "week", "month", "year"]), r.choice(["clusters", "mentions"]), since, until
        if query == "counts_by_type_month":
            since, until = self._range()
            return since, until, r.choice([None, *EVENT_TYPES])
        since, until = self._range()
        return r.randint(5, 100), since, until

    def fresh(self, query: str) -> Params:
        """Parameters not drawn before for this query."""
        with self.lock:
            while True:
                p = self.params(query)
                if (query, p) not in self.seen:
                    self.seen.add((query, p))
                    return p


def call_duckdb(an: Analytics, query: str, p: Params) -> Any:
    """One request to the DuckDB side."""
    if query == "dyad_series":
        return an.dyad_series(p[0], p[1], by=p[2], count=p[3], since=p[4], until=p[5])["series"]
    if query == "counts_by_type_month":
        return an.counts_by_type_month(since=p[0], until=p[1], type=p[2])
    return getattr(an, query)(p[0], since=p[1], until=p[2])


def run_clients(clients: int, requests: int, call: Callable[[int], Any]) -> list[float]:
    """``clients`` threads, started together, each making ``requests`` calls; every call's seconds."""
    times: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)
    errors: list[BaseException] = []

    def client(k: int) -> None:
        start.wait()
        mine = []
        try:
            for _ in range(requests):
                t = time.perf_counter()
                call(k)
                mine.append(time.perf_counter() - t)
        except BaseException as exc:  # reported after the threads join
            errors.append(exc)
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return times


def pct(times: list[float], q: float) -> float:
    """The q-quantile in milliseconds."""
    return statistics.quantiles(times, n=100, method="inclusive")[int(q * 100) - 1] * 1000 if len(times) > 1 else times[0] * 1000


# -- PostgreSQL: the same rows and rollups in plain tables --------------------------------------

PG_TABLES = {
    "dyad_day": "ka text, kb text, count text, day text, quad_class int, events bigint, goldstein float8",
    "type_month": "month text, type text, events bigint, goldstein float8",
    "actor_month": "month text, id text, as_actor bigint, as_target bigint",
    "pair_month": "month text, a text, b text, events bigint, goldstein float8",
    "actors": "id text, name text, kind text, country text, sector text",
}
PG_INDEXES = (
    "CREATE INDEX ON dyad_day (ka, kb, count, day) INCLUDE (quad_class, events, goldstein)",
    "CREATE INDEX ON type_month (month, type)", "CREATE INDEX ON actor_month (month)", "CREATE INDEX ON pair_month (month)",
    "CREATE UNIQUE INDEX ON actors (id)",
)  # fmt: skip
PG_PERIOD = {"day": "day", "week": "to_char(day::date, 'YYYY-\"W\"WW')", "month": "substr(day, 1, 7)", "year": "substr(day, 1, 4)"}


def pg_load(url: str, schema: str, out: Path) -> float:
    """Copy the dataset's pairs, rollups and actors into ``schema``; seconds taken."""
    import duckdb
    import psycopg

    started = time.perf_counter()
    src = duckdb.connect()
    src.execute(f"ATTACH '{out / 'rollups.duckdb'}' AS r (READ_ONLY)")
    sources = {"dyad_day": "r.dyad_day", "type_month": "r.type_month", "actor_month": "r.actor_month",
               "pair_month": "r.pair_month", "actors": f"read_parquet('{out / 'actors.parquet'}')"}  # fmt: skip
    with psycopg.connect(url, autocommit=True) as pg:
        pg.execute(f"CREATE SCHEMA {schema}")
        pg.execute(f"SET search_path = {schema}")
        for table, columns in PG_TABLES.items():
            pg.execute(f"CREATE UNLOGGED TABLE {table} ({columns})")
            names = ", ".join(c.split()[0] for c in columns.split(", "))
            csv = out / f"{table}.pg.csv"  # DuckDB writes the rows, PostgreSQL's COPY reads them: no Python per row
            src.execute(f"COPY (SELECT {names} FROM {sources[table]}) TO '{csv}' (FORMAT csv, HEADER false)")
            with pg.cursor().copy(f"COPY {table} ({names}) FROM STDIN (FORMAT csv)") as copy, csv.open("rb") as f:
                while chunk := f.read(1 << 20):
                    copy.write(chunk)
            csv.unlink()
        for sql in PG_INDEXES:
            pg.execute(sql)
        pg.execute("ANALYZE")
    src.close()
    return time.perf_counter() - started


def pg_call(cur: Any, query: str, p: Params) -> Any:
    """One request to the PostgreSQL side (the same rows and order as the DuckDB side)."""
    if query == "dyad_series":
        a, b, by, count, since, until = p
        sql = (
            f"SELECT {PG_PERIOD[by]} AS period, quad_class, sum(events), round(sum(goldstein)::numeric, 2) FROM dyad_day "
            "WHERE ka = %(a)s AND kb = %(b)s AND count = %(count)s AND (%(since)s::text IS NULL OR day >= %(since)s) "
            "AND (%(end)s::text IS NULL OR day <= %(end)s) GROUP BY period, quad_class ORDER BY period NULLS FIRST, quad_class NULLS FIRST"
        )
        a, b = sorted((a, b))
        return cur.execute(sql, {"a": a, "b": b, "count": count, "since": since, "end": until + "-99" if until else None}).fetchall()
    if query == "counts_by_type_month":
        since, until, kind = p
        sql = ("SELECT month, type, events, round(goldstein::numeric, 2) FROM type_month WHERE month >= %s AND month <= %s "
               "AND (%s::text IS NULL OR type = %s) ORDER BY month, type")  # fmt: skip
        return cur.execute(sql, (since or "", until or "9999", kind, kind)).fetchall()
    n, since, until = p
    where = "month >= %s AND month <= %s" if since else "(month IS NOT NULL OR %s::text || %s::text IS NULL)"
    if query == "top_actors":
        sql = ("SELECT t.id, ac.name, ac.kind, ac.country, ac.sector, t.as_actor, t.as_target FROM (SELECT id, sum(as_actor) AS as_actor, "
               f"sum(as_target) AS as_target FROM actor_month WHERE {where} GROUP BY id) t JOIN actors ac ON ac.id = t.id "
               "ORDER BY t.as_actor + t.as_target DESC, ac.name, t.id LIMIT %s")  # fmt: skip
    else:
        sql = ("SELECT p.a, x.name, p.b, y.name, p.events, round(p.goldstein::numeric, 2) FROM (SELECT a, b, sum(events) AS events, "
               f"sum(goldstein) AS goldstein FROM pair_month WHERE {where} GROUP BY a, b ORDER BY events DESC, a, b LIMIT %s) p "
               "LEFT JOIN actors x ON x.id = p.a LEFT JOIN actors y ON y.id = p.b ORDER BY p.events DESC, p.a, p.b")  # fmt: skip
    return cur.execute(sql, (since, until, n)).fetchall()


# -- one size ----------------------------------------------------------------------------------


def bench_size(events: int, args: argparse.Namespace, work: Path) -> list[dict[str, Any]]:
    """Build one size and time every query every way; rows for the table."""
    t = time.perf_counter()
    raw = synthetic_raw(events, seed=args.seed)
    made = time.perf_counter() - t
    out = work / f"n{events}"
    report = build_from(raw, out)
    del raw
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    print(f"\n{events:,} events: synthetic rows {made:.1f} s; build {report.seconds:.1f} s "
          f"({report.months} months, {report.bytes / 1e6:.0f} MB on disk; peak memory so far {peak:.1f} GB)", flush=True)  # fmt: skip
    rows: list[dict[str, Any]] = []
    an = Analytics(out, cache_size=0)
    actors = [r["id"] for r in an.top_actors(400)]
    draw = Draw(actors, args.seed)
    for query in QUERIES:
        times = run_clients(args.clients, args.requests, lambda k: call_duckdb(an, query, draw.fresh(query)))
        rows.append({"events": events, "engine": "duckdb", "query": query, "mode": "uncached", "times": times})
    an.close()
    cached = Analytics(out, cache_size=4096)
    for query in QUERIES:
        fixed = [draw.fresh(query) for _ in range(args.clients)]
        for p in fixed:
            call_duckdb(cached, query, p)
        times = run_clients(args.clients, args.requests, lambda k: call_duckdb(cached, query, fixed[k]))
        rows.append({"events": events, "engine": "duckdb", "query": query, "mode": "cached", "times": times})
    cached.close()
    if args.postgres and events <= args.pg_max:
        rows += bench_postgres(events, args, out, draw)
    for row in rows:
        row["build_s"] = report.seconds
        row["mb"] = report.bytes / 1e6
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    return rows


def bench_postgres(events: int, args: argparse.Namespace, out: Path, draw: Draw) -> list[dict[str, Any]]:
    """Load one size into PostgreSQL and time the uncached requests there; the schema is dropped after."""
    import psycopg

    schema = f"analytics_bench_{os.getpid()}"
    rows = []
    try:
        seconds = pg_load(args.postgres, schema, out)
        print(f"  PostgreSQL: loaded in {seconds:.1f} s", flush=True)
        local = threading.local()

        def call(query: str) -> Any:
            if not hasattr(local, "conn"):
                local.conn = psycopg.connect(args.postgres, autocommit=True, options=f"-c search_path={schema}")
                conns.append(local.conn)
            return pg_call(local.conn.cursor(), query, draw.fresh(query))

        conns: list[Any] = []
        for query in QUERIES:
            times = run_clients(args.clients, args.requests, lambda k: call(query))
            rows.append({"events": events, "engine": f"postgres (load {seconds:.0f} s)", "query": query, "mode": "uncached", "times": times})
        for c in conns:
            c.close()
    finally:
        with psycopg.connect(args.postgres, autocommit=True) as pg:
            pg.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
    return rows


# -- PostgreSQL store: rollups kept current on write (migration 0014) ------------------------------

STORE_VIEWS = {  # the names and columns pg_call reads, over the store's rollup tables
    "type_month": "SELECT month, type, events, goldstein FROM {s}.rollup_type_month",
    "actor_month": "SELECT month, actor_id AS id, as_actor, as_target FROM {s}.rollup_actor_month",
    "pair_month": "SELECT month, a, b, events, goldstein FROM {s}.rollup_pair_month",
    "actors": "SELECT id, name, 'actor'::text AS kind, country, sector FROM {s}.actors",
}
WRITE_BATCH = 10_000


def store_write(url: str, schema: str, raw: Any, triggers: bool, updates: int = 10_000) -> tuple[float, float]:
    """Write the synthetic events into a fresh store in ``schema``; seconds for the events, and for a 10,000-participant id update."""
    import psycopg

    from newsevents.store import open_store

    open_store(f"{url}?options=-csearch_path%3D{schema}").close()  # the migrations, rollup triggers included
    events, parts = raw.events.to_pylist(), raw.participants.to_pylist()
    with psycopg.connect(url, autocommit=True, options=f"-c search_path={schema}") as pg:
        if not triggers:
            for table in ("events", "event_actors"):
                pg.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        with pg.cursor().copy("COPY actors (id, name, country) FROM STDIN") as copy:
            for actor in {p["actor_id"]: p["country"] for p in parts}.items():
                copy.write_row((actor[0], actor[0], actor[1]))
        by_event: dict[str, list[dict[str, Any]]] = {}
        for p in parts:
            by_event.setdefault(p["event_id"], []).append(p)
        started = time.perf_counter()
        for i in range(0, len(events), WRITE_BATCH):
            batch = events[i : i + WRITE_BATCH]
            with pg.transaction():
                cur = pg.cursor()
                with cur.copy("COPY articles (id, title, text, created) FROM STDIN") as copy:
                    for e in batch[:: 10]:
                        copy.write_row((f"a{e['event_id']}", "t", "x", "2025-01-01"))
                with cur.copy("COPY events (id, article_id, type, quad_class, goldstein, date, status, sentence, sentence_start, "
                              "evidence_start, evidence_end, confidence, reciprocal, historical) FROM STDIN") as copy:  # fmt: skip
                    for n, e in enumerate(batch):
                        article = f"a{batch[n - n % 10]['event_id']}"
                        copy.write_row((e["event_id"], article, e["type"], e["quad_class"], e["goldstein"], e["day"], e["status"], "s", 0, 0, 1,
                                        0.9, e["reciprocal"], 0 if e["day"] else 1))  # fmt: skip
                with cur.copy("COPY event_actors (event_id, role, position, actor_id, name, country, canonical_id) FROM STDIN") as copy:
                    for e in batch:
                        for p in by_event[e["event_id"]]:
                            copy.write_row((p["event_id"], p["role"], p["position"], p["actor_id"], p["name"], p["country"], p["canonical_id"]))
        written = time.perf_counter() - started
        rows = pg.execute("SELECT rowid, canonical_id FROM event_actors ORDER BY rowid LIMIT %s", (updates,)).fetchall()
        started = time.perf_counter()
        with pg.transaction():  # as store/registry.py does: one UPDATE per participant whose id changes
            pg.cursor().executemany("UPDATE event_actors SET canonical_id = %s WHERE rowid = %s", [(f"{c}-renamed", r) for r, c in rows])
        updated = time.perf_counter() - started
        pg.execute("ANALYZE")
    return written, updated


def bench_store_rollups(events: int, args: argparse.Namespace) -> None:
    """Write ``events`` synthetic events into a PostgreSQL store with and without the rollup triggers, check and time the rollups."""
    import psycopg

    raw = synthetic_raw(events, seed=args.seed)
    schemas = {True: f"rollups_on_{os.getpid()}", False: f"rollups_off_{os.getpid()}"}
    try:
        seconds = {on: store_write(args.postgres, schema, raw, on) for on, schema in schemas.items()}
        for on, (written, updated) in seconds.items():
            print(f"{events:,} events {'with' if on else 'without'} rollup triggers: written in {written:.1f} s ({events / written:,.0f} events/s); "
                  f"10,000 participants' registry ids updated in {updated:.1f} s (load average {os.getloadavg()[0]:.1f})", flush=True)  # fmt: skip
        store, views = schemas[True], f"rollups_q_{os.getpid()}"
        with psycopg.connect(args.postgres, autocommit=True, options=f"-c search_path={store}") as pg:
            started = time.perf_counter()
            for name, recomputed in CHECKS.items():
                differ = pg.execute(f"SELECT count(*) FROM (({recomputed}) EXCEPT ({STORED[name]})) x").fetchone()[0]
                differ += pg.execute(f"SELECT count(*) FROM (({STORED[name]}) EXCEPT ({recomputed})) x").fetchone()[0]
                size = pg.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                print(f"  {name}: {size:,} rows, {differ} differing from a recomputation", flush=True)
            print(f"  checked in {time.perf_counter() - started:.1f} s", flush=True)
            pg.execute(f"CREATE SCHEMA {views}")
            for name, select in STORE_VIEWS.items():
                pg.execute(f"CREATE VIEW {views}.{name} AS {select.format(s=store)}")
        actors = [p["canonical_id"] for p in raw.participants.slice(0, 20000).to_pylist()]
        draw = Draw(sorted(set(actors), key=actors.count, reverse=True), args.seed)
        local = threading.local()
        conns: list[Any] = []

        def call(query: str) -> Any:
            if not hasattr(local, "conn"):
                local.conn = psycopg.connect(args.postgres, autocommit=True, options=f"-c search_path={views},{store}")
                conns.append(local.conn)
            return pg_call(local.conn.cursor(), query, draw.fresh(query))

        rows = []
        for query in QUERIES[1:]:
            times = run_clients(args.clients, args.requests, lambda k: call(query))
            rows.append({"events": events, "engine": "postgres store rollups", "query": query, "mode": "uncached", "times": times,
                         "build_s": seconds[True][0], "mb": 0})  # fmt: skip
        for c in conns:
            c.close()
        table(rows)
    finally:
        with psycopg.connect(args.postgres, autocommit=True) as pg:
            for schema in [*schemas.values(), f"rollups_q_{os.getpid()}"]:
                pg.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


#: each store rollup recomputed from the migration's views, and read as stored (goldstein to 6 places)
CHECKS = {
    "rollup_type_month": "SELECT month, type, count(*), round(coalesce(sum(goldstein), 0)::numeric, 6), count(goldstein) FROM rollup_event_days "
                         "WHERE month <> 'none' GROUP BY month, type",
    "rollup_actor_month": "SELECT x.canonical_id, e.month, count(*) FILTER (WHERE x.role = 'actor'), count(*) FILTER (WHERE x.role = 'target') "
                          "FROM event_actors x JOIN rollup_event_days e ON e.id = x.event_id WHERE x.canonical_id IS NOT NULL GROUP BY 1, 2",
    "rollup_pair_month": "SELECT month, a, b, count(*), round(coalesce(sum(goldstein), 0)::numeric, 6), count(goldstein) FROM rollup_pairs_now "
                         "GROUP BY month, a, b",
}  # fmt: skip
STORED = {
    "rollup_type_month": "SELECT month, type, events, round(goldstein::numeric, 6), scored FROM rollup_type_month",
    "rollup_actor_month": "SELECT actor_id, month, as_actor, as_target FROM rollup_actor_month",
    "rollup_pair_month": "SELECT month, a, b, events, round(goldstein::numeric, 6), scored FROM rollup_pair_month",
}


def postgres_url(url: str | None) -> str | None:
    """The server to compare with, or None (with the reason) when it cannot be reached."""
    if not url:
        return None
    try:
        import psycopg

        psycopg.connect(url, connect_timeout=3).close()
        return url
    except Exception as exc:  # no driver or no server: the DuckDB side still runs
        print(f"PostgreSQL side skipped: {url} is not reachable ({exc.__class__.__name__}); pass --no-postgres to skip it quietly", file=sys.stderr)
        return None


def table(rows: list[dict[str, Any]]) -> None:
    """Print rows as the bench's table."""
    print(f"\n{'events':>10}  {'engine':<22} {'query':<22} {'mode':<9} {'p50 ms':>8} {'p95 ms':>8}  {'build s':>7} {'MB':>6}")
    for r in rows:
        print(f"{r['events']:>10,}  {r['engine']:<22} {r['query']:<22} {r['mode']:<9} {pct(r['times'], 0.5):>8.1f} {pct(r['times'], 0.95):>8.1f}"
              f"  {r['build_s']:>7.1f} {r['mb']:>6.0f}", flush=True)  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["100k", "1M", "10M"], help="Events per synthetic store (100k, 1M, 10M).")
    parser.add_argument("--clients", type=int, default=10, help="Concurrent client threads.")
    parser.add_argument("--requests", type=int, default=30, help="Requests per client per query and mode.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/test", help="PostgreSQL server to compare with.")
    parser.add_argument("--no-postgres", dest="postgres", action="store_const", const=None, help="Time DuckDB only.")
    parser.add_argument("--pg-max", default="10M", help="Largest size also loaded into PostgreSQL.")
    parser.add_argument("--work", help="Directory for the datasets (default: a temporary one).")
    parser.add_argument("--keep", action="store_true", help="Keep the datasets after the run.")
    parser.add_argument("--store-rollups", metavar="SIZE", help="Time the rollups a PostgreSQL store keeps current on write, at SIZE events.")
    args = parser.parse_args(argv)
    args.postgres = postgres_url(args.postgres)
    if args.store_rollups:
        print(f"store rollups bench: {args.clients} clients x {args.requests} requests; {os.cpu_count()} cores; "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
        bench_store_rollups(parse_size(args.store_rollups), args)
        return
    args.pg_max = parse_size(args.pg_max)
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="analytics-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"analytics bench: {args.clients} clients x {args.requests} requests per query and mode; {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)  # fmt: skip
    rows = []
    try:
        for size in args.sizes:
            done = bench_size(parse_size(size), args, work)
            table(done)
            rows += done
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nall sizes (load average now {os.getloadavg()[0]:.1f}):")
    table(rows)
    worst = max((pct(r["times"], 0.95), r["query"], r["events"]) for r in rows if r["mode"] == "uncached" and r["engine"] == "duckdb")
    print(f"\nworst uncached DuckDB p95: {worst[0]:.0f} ms ({worst[1]} at {worst[2]:,} events); target < 200 ms")


if __name__ == "__main__":
    main()

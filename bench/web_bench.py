"""`make bench` (second half): API and page latency at 100,000 events, with one client and with 10 concurrent clients.

Builds a database of synthetic documents (20,000 articles × 5 events, written with
``SQLiteStore.write_documents``; no spaCy), serves it with uvicorn in a subprocess on 127.0.0.1,
then sends a bounded number of GET requests per endpoint, first from one client (one request at a
time: what a page costs), then from 10 client threads (httpx), and prints p50/p95 latency of each.
The server runs as one process, and again as ``--workers`` processes (``newsevents.web.serve``'s
workers) for the 10-client run. Target: p95 < 100 ms for every row; the client threads share the
machine's cores with the server, so on 2 cores 10 clients mostly measure queueing.

    python bench/web_bench.py                      # build in a temp dir, measure, clean up
    python bench/web_bench.py --db /tmp/web100k.db # build once (if missing) and keep it
    python bench/web_bench.py --db /tmp/web100k.db --export-rows 1000000 --export-formats csv --export-only
                                                   # stream 1M events as CSV: time, bytes, server RSS
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

TARGET_MS = 100.0
CLIENTS = 10
#: (name, quad class, Goldstein, CAMEO, verb phrase) of the synthetic events
TYPES = [
    ("CONSULT", 1, 1.0, "040", "met"), ("AGREE", 1, 4.0, "057", "signed a deal with"), ("SUPPORT", 1, 3.4, "051", "praised"),
    ("REQUEST", 1, 3.0, "020", "appealed to"), ("COOPERATE", 2, 6.0, "061", "worked with"), ("AID", 2, 7.0, "070", "sent aid to"),
    ("ACCUSE", 3, -2.0, "112", "accused"), ("REJECT", 3, -4.0, "120", "rejected"), ("THREATEN", 3, -4.4, "138", "threatened"),
    ("PROTEST", 3, -6.5, "141", "protested against"), ("SANCTION", 3, -4.5, "163", "sanctioned"), ("MOBILIZE", 4, -7.2, "150", "mobilised against"),
    ("COERCE", 4, -7.0, "173", "arrested"), ("ASSAULT", 4, -9.0, "190", "attacked"),
]
ACTORS = [
    ("Vladimir Putin", "RUS"), ("Sergei Lavrov", "RUS"), ("Ebrahim Raisi", "IRN"), ("Hossein Amir-Abdollahian", "IRN"),
    ("Joe Biden", "USA"), ("Antony Blinken", "USA"), ("Xi Jinping", "CHN"), ("Wang Yi", "CHN"), ("Recep Tayyip Erdogan", "TUR"),
    ("Volodymyr Zelensky", "UKR"), ("Dmytro Kuleba", "UKR"), ("Olaf Scholz", "DEU"), ("Emmanuel Macron", "FRA"),
    ("Benjamin Netanyahu", "ISR"), ("Narendra Modi", "IND"), ("Rishi Sunak", "GBR"), ("Kim Jong Un", "PRK"), ("Luiz Inacio Lula", "BRA"),
]
#: Zipf-like popularity: the k-th actor is named about 1/k as often as the first
WEIGHTS = [1 / (k + 1) for k in range(len(ACTORS))]
GROUPS = [("police", "COP"), ("protesters", "CVL"), ("army", "MIL"), ("rebels", "REB"), ("government", "GOV")]
CITIES = [
    ("Moscow", "RUS", 55.75, 37.62), ("Tehran", "IRN", 35.69, 51.42), ("Washington", "USA", 38.9, -77.04), ("Beijing", "CHN", 39.9, 116.4),
    ("Ankara", "TUR", 39.93, 32.86), ("Kyiv", "UKR", 50.45, 30.52), ("Berlin", "DEU", 52.52, 13.4), ("Paris", "FRA", 48.86, 2.35),
    ("Jerusalem", "ISR", 31.77, 35.21), ("New Delhi", "IND", 28.61, 77.21), ("London", "GBR", 51.51, -0.13), ("Geneva", "CHE", 46.2, 6.15),
    ("Pyongyang", "PRK", 39.04, 125.76), ("Brasilia", "BRA", -15.79, -47.88), ("Doha", "QAT", 25.29, 51.53),
]


def synth_documents(n_articles: int, events_per_article: int = 5, seed: int = 11):
    """Yield ``n_articles`` varied documents with ``events_per_article`` events each (offsets exact)."""
    from newsevents.records import ActorRef, Article, Caption, Document, Entity, Event, Location, Mention, Quote, Role

    rng = random.Random(seed)
    start = date(2023, 1, 1)
    for n in range(n_articles):
        published = start + timedelta(days=rng.randrange(730))
        paragraphs: list[str] = []
        events, entities, offset = [], {}, 0

        def mention(name: str, country: str | None, at: int) -> str:
            ent = entities.setdefault(name, {"id": f"e{len(entities) + 1}", "country": country, "mentions": []})
            ent["mentions"].append(Mention(at, at + len(name), name))
            return ent["id"]

        for k in range(events_per_article):
            a = rng.choices(ACTORS, WEIGHTS)[0]  # a few actors dominate the news, as in real coverage
            b = a
            while b[1] == a[1]:
                b = rng.choices(ACTORS, WEIGHTS)[0]
            named_target = rng.random() < 0.7
            group, sector = rng.choice(GROUPS)
            target_name = b[0] if named_target else f"{group} in {b[1]}"
            etype, quad, gold, cameo, verb = rng.choice(TYPES)
            city = rng.choice(CITIES)
            day = published - timedelta(days=rng.randrange(3))
            sentence = f"{a[0]} {verb} {target_name} in {city[0]} on {day.isoformat()}, officials said."
            base = offset
            a_id = mention(a[0], a[1], base)
            trig = base + len(a[0]) + 1
            t_at = trig + len(verb) + 1
            t_id = mention(b[0], b[1], t_at) if named_target else None
            c_at = t_at + len(target_name) + 4
            mention(city[0], city[1], c_at)
            events.append(Event(
                id=f"b{n}x{k}", type=etype, mode=None, context=(), cameo=cameo, quad_class=quad, goldstein=gold,
                actors=(ActorRef(a[0], a_id, a[1], "GOV", base, base + len(a[0])),),
                targets=(ActorRef(target_name, t_id, b[1], "GOV" if named_target else sector, t_at, t_at + len(target_name)),),
                date=day.isoformat() if rng.random() < 0.8 else None, date_text=None,
                location=Location(city[0], city[1], city[2], city[3], c_at, c_at + len(city[0])),
                status=rng.choice(("reported", "reported", "reported", "alleged", "denied", "planned")),
                sentence=sentence, sentence_start=base, evidence_start=trig, evidence_end=trig + len(verb), confidence=round(rng.uniform(0.5, 0.99), 2),
            ))
            paragraphs.append(sentence)
            offset += len(sentence) + 2
        speaker = events[0].actors[0].name
        quote_text = "We will defend our interests,"
        paragraphs.append(f"\u201c{quote_text}\u201d {speaker} said.")
        q_at = offset + 1
        mention(speaker, None, offset + len(quote_text) + 4)
        ents = tuple(Entity(v["id"], name, "LOC" if name in {c[0] for c in CITIES} else "PERSON", tuple(v["mentions"]), v["country"])
                     for name, v in entities.items())
        article = Article(id=f"{n:016x}", title=f"{events[0].actors[0].name} and {events[0].targets[0].name}: report {n}",
                          paragraphs=tuple(paragraphs), captions=(Caption(f"Officials meet (report {n})", "Bench Photo"),),
                          source="Bench Wire", url=f"https://example.org/bench/{n}", published=published.isoformat(), origin=f"bench-{n}")
        role = Role(speaker, "Foreign Minister" if "Lavrov" in speaker or "Blinken" in speaker else "President", events[0].actors[0].country, published.isoformat())
        yield Document(article=article, entities=ents, events=tuple(events),
                       quotes=(Quote(quote_text, q_at, q_at + len(quote_text), speaker),), roles=(role,))


def build(db: Path, n_articles: int) -> None:
    """Write the synthetic corpus to ``db`` in chunks of 2,000 documents."""
    from newsevents.store import open_store

    t0 = time.perf_counter()
    docs = synth_documents(n_articles)
    with open_store(db) as store:
        while True:
            chunk = [d for _, d in zip(range(2000), docs)]
            if not chunk:
                break
            store.write_documents(chunk)
        events = store.conn.execute("SELECT count(*) FROM events").fetchone()[0]
    print(f"built {db}: {n_articles:,} articles, {events:,} events in {time.perf_counter() - t0:.1f} s")


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, cache_size: int, workers: int = 1) -> subprocess.Popen:
    """uvicorn serving ``create_app(db)`` on 127.0.0.1:``port`` in a child process (access log off).

    With ``workers`` > 1: that many processes, each building its app from NEWSEVENTS_DB as ``newsevents serve --workers`` does
    (each with the default result cache)."""
    if workers > 1:
        code = (
            "import sys, uvicorn; uvicorn.run('newsevents.web:app_from_settings', factory=True, workers=int(sys.argv[3]), "
            "host='127.0.0.1', port=int(sys.argv[2]), log_level='warning', access_log=False)"
        )
        env = {**os.environ, "NEWSEVENTS_DB": str(db), "NEWSEVENTS_TRUSTED_HOSTS": "127.0.0.1,localhost,::1"}
        return subprocess.Popen([sys.executable, "-c", code, str(db), str(port), str(workers)], env=env)
    code = (
        "import sys, uvicorn; from newsevents.web import create_app; "
        "uvicorn.run(create_app(sys.argv[1], cache_size=int(sys.argv[3])), host='127.0.0.1', port=int(sys.argv[2]), "
        "log_level='warning', access_log=False)"
    )
    return subprocess.Popen([sys.executable, "-c", code, str(db), str(port), str(cache_size)])


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Poll /api/stats until the server answers."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with code {proc.returncode}")
        try:
            if httpx.get(base + "/api/stats", timeout=30).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {timeout:.0f} s")


def measure(base: str, urls: list[str], clients: int = CLIENTS) -> tuple[list[float], int]:
    """GET every url once, spread over ``clients`` threads; return latencies (ms) and the count of non-200 answers."""
    import httpx

    latencies: list[float] = []
    bad = [0]
    lock = threading.Lock()
    work = list(urls)

    def run() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                with lock:
                    if not work:
                        return
                    url = work.pop()
                t0 = time.perf_counter()
                r = client.get(url)
                _ = r.content
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    latencies.append(ms)
                    if r.status_code != 200:
                        bad[0] += 1

    threads = [threading.Thread(target=run) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, bad[0]


def server_memory(pid: int) -> tuple[int, int]:
    """The server's resident memory now and at its peak, in MiB (Linux /proc; (0, 0) elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0, 0
    kib = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith(("VmRSS", "VmHWM"))}
    return kib.get("VmRSS", 0) // 1024, kib.get("VmHWM", 0) // 1024


def measure_export(base: str, pid: int, url: str) -> str:
    """Download ``url`` as a stream; one line: rows, MB, seconds and the server's memory before and at its peak."""
    import httpx

    before, _ = server_memory(pid)
    t0 = time.perf_counter()
    lines = size = 0
    first_byte = None
    with httpx.stream("GET", base + url, timeout=600) as r:
        for chunk in r.iter_bytes():
            first_byte = first_byte or time.perf_counter() - t0
            lines += chunk.count(b"\n")
            size += len(chunk)
    wall = time.perf_counter() - t0
    now, peak = server_memory(pid)
    rows = lines - (2 if "format=json" in url else 1) if "format=parquet" not in url else None
    shown = f"{rows:>9,} rows" if rows is not None else f"{'(binary)':>14}"
    return (f"{url:<50} {shown} {size / 1e6:>7.1f} MB {wall:>6.1f} s  "
            f"first byte {1000 * (first_byte or 0):.0f} ms; server RSS {before} MiB before, {now} after, peak {peak}")


def inflate(db: Path, rows: int) -> None:
    """Copy the events (and their participants) of ``db`` under new ids until it holds about ``rows`` events."""
    import sqlite3

    conn = sqlite3.connect(db)
    have = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    cols = {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in ("events", "event_actors")}
    for k in range(1, max(1, -(-rows // have))):
        ev = ", ".join(f"id || '~{k}'" if c == "id" else c for c in cols["events"])
        ea = ", ".join(f"event_id || '~{k}'" if c == "event_id" else c for c in cols["event_actors"])
        conn.execute(f"INSERT INTO events ({', '.join(cols['events'])}) SELECT {ev} FROM events WHERE id NOT LIKE '%~%'")
        conn.execute(f"INSERT INTO event_actors ({', '.join(cols['event_actors'])}) SELECT {ea} FROM event_actors WHERE event_id NOT LIKE '%~%'")
        conn.commit()
    print(f"inflated {db}: {conn.execute('SELECT count(*) FROM events').fetchone()[0]:,} events")
    conn.close()


def export_rows(db: Path, rows: int, formats: tuple[str, ...] = ("csv", "json", "parquet")) -> None:
    """Serve a copy of ``db`` inflated to about ``rows`` events and stream every event in each of ``formats``."""
    import shutil

    with tempfile.TemporaryDirectory(prefix="newsevents-export-bench-") as folder:
        big = Path(folder) / "export.db"
        shutil.copy(db, big)
        inflate(big, rows)
        port = free_port()
        proc = start_server(big, port, 128)
        try:
            wait_ready(f"http://127.0.0.1:{port}", proc)
            for fmt in formats:
                print(measure_export(f"http://127.0.0.1:{port}", proc.pid, f"/api/events?format={fmt}"))
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


Row = tuple[str, list[str], bool]


def run_rows(db: Path, cache_size: int, rows: list[Row], client_counts: tuple[int, ...] = (1, CLIENTS), workers: int = 1) -> set[str]:
    """Serve ``db`` (with ``workers`` processes), measure each row (name, urls, gated) with each number of clients in turn;
    print one line per row; return the names of gated rows that missed the target with some number of clients."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db, port, cache_size, workers)
    missed: set[str] = set()
    try:
        wait_ready(base, proc)
        measure(base, [u for _, urls, _ in rows for u in urls[:2]] * max(1, workers), clients=2)  # warm SQLite's page cache and the imports
        for name, urls, gate in rows:
            cells = []
            for clients in client_counts:
                t0 = time.perf_counter()
                lat, bad = measure(base, urls, clients)
                wall = time.perf_counter() - t0
                p95 = pct(lat, 95)
                ok = p95 < TARGET_MS and not bad
                if gate and not ok:
                    missed.add(name)
                mark = ("ok" if ok else "MISSED") if gate else ""
                cells.append(f"{statistics.median(lat):>7.1f} {p95:>7.1f} {len(lat) / wall:>6.0f} {mark:<6}" + (f" {bad} non-200" if bad else ""))
            print(f"{name:<58} {len(urls):>5}  " + "  ".join(cells))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return missed


def header(client_counts: tuple[int, ...]) -> str:
    """The column heads of ``run_rows``' lines."""
    cols = "  ".join(f"{f'{c} client' + ('s' if c > 1 else '') + ': p50 / p95 ms, req/s':<28}" for c in client_counts)
    return f"{'endpoint':<58} {'n':>5}  {cols}  (target p95 < {TARGET_MS:.0f} ms)"


def dyad_size(db: Path, a: str, b: str) -> int:
    """How many events the dyad a–b has (for the report)."""
    from newsevents import query
    from newsevents.store import open_store

    with open_store(db, readonly=True) as store:
        return sum(r["events"] for r in query.dyad_series(store.conn, a, b)["series"])


def main() -> int:
    """Build (or reuse) the database, serve it, measure, print the table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="database to build (if missing) and keep; default: a temporary one")
    ap.add_argument("--articles", type=int, default=20_000, help="articles to synthesise (5 events each)")
    ap.add_argument("--requests", type=int, default=300, help="requests for each of the first three endpoints (a tenth for the others)")
    ap.add_argument("--strict", action="store_true", help="exit 1 when an endpoint misses the target (one process, 1 or 10 clients)")
    ap.add_argument("--workers", type=int, default=2, help="also measure 10 clients against this many server processes (1: skip)")
    ap.add_argument("--export-rows", type=int, default=0, help="also stream every event of a copy inflated to this many events "
                    "(CSV, JSON, Parquet), with the server's memory; e.g. 1000000")
    ap.add_argument("--export-formats", default="csv,json,parquet", help="formats of the --export-rows downloads, e.g. csv")
    ap.add_argument("--export-only", action="store_true", help="skip the latency table (with --export-rows)")
    args = ap.parse_args()
    tmp = None
    if args.db:
        db = Path(args.db)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="newsevents-web-bench-")
        db = Path(tmp.name) / "bench.db"
    try:
        if not db.exists():
            build(db, args.articles)
        missed = False if args.export_only and args.export_rows else bench(db, args.articles, args.requests, args.workers)
        if args.export_rows:
            formats = tuple(f.strip() for f in args.export_formats.split(",") if f.strip())
            print(f"\nexports of every event (format={'|'.join(formats)}), about {args.export_rows:,} events:")
            export_rows(db, args.export_rows, formats)
    finally:
        if tmp:
            tmp.cleanup()
    return 1 if missed and args.strict else 0


def bench(db: Path, articles: int, n: int, workers: int = 2) -> bool:
    """Measure every endpoint with one client and with 10 (one server process, then ``workers``), with the result cache on
    (as served) and off; return True when some endpoint missed the target."""
    rng = random.Random(3)
    ids = [f"{rng.randrange(articles):016x}" for _ in range(n)]
    countries = sorted({c for _, c in ACTORS})
    pairs = [(a, b) for a in countries for b in countries if a != b]
    rng.shuffle(pairs)
    few = max(10, n // 10)
    served = [
        ("GET /api/events?country=IRN&type=ACCUSE", ["/api/events?country=IRN&type=ACCUSE"] * n, True),
        ("GET /articles/{id} (page, random ids)", [f"/articles/{i}" for i in ids], True),
        ("GET /api/dyads/RUS/IRN", ["/api/dyads/RUS/IRN"] * n, True),
        ("GET /api/events (no filter)", ["/api/events"] * few, True),
        ("GET /api/events?actor=vladimir-putin&date_from=2024-01", ["/api/events?actor=vladimir-putin&date_from=2024-01"] * few, True),
        ("GET /api/articles/{id}", [f"/api/articles/{i}" for i in ids[:few]], True),
        ("GET /api/articles?q=Tehran sanctioned", ["/api/articles?q=Tehran%20sanctioned"] * few, True),
        ("GET /events?country=IRN&type=ACCUSE (page)", ["/events?country=IRN&type=ACCUSE"] * few, True),
        ("GET /events?type=ACCUSE&page=3&size=100 (page)", ["/events?type=ACCUSE&page=3&size=100"] * few, True),
        ("GET /events?page=200 (page, no filter)", ["/events?page=200"] * few, True),
        ("GET /actors?page=2 (page)", ["/actors?page=2"] * few, True),
        ("GET /search?q=Tehran (page)", ["/search?q=Tehran"] * few, True),
        ("GET /dyads/RUS/IRN?by=week (page)", ["/dyads/RUS/IRN?by=week"] * few, True),
        ("GET /events?date_from=2024-06-01&date_to=2024-06-30 (page)", ["/events?date_from=2024-06-01&date_to=2024-06-30"] * few, True),
        ("GET /events?sort=-date&page=50 (page)", ["/events?sort=-date&page=50"] * few, True),
        ("GET /map (page, with the basemap)", ["/map"] * few, True),
        ("GET /map?region=europe&place=Moscow (page)", ["/map?region=europe&place=Moscow&place_country=RUS"] * few, True),
        ("GET /actors/sergei-lavrov (page)", ["/actors/sergei-lavrov"] * few, True),
        ("GET / (overview page)", ["/"] * few, True),
    ]
    cold = [
        ("GET /api/dyads/RUS/IRN", ["/api/dyads/RUS/IRN"] * 30, False),
        ("GET /api/dyads/{A}/{B} (30 other country pairs)", [f"/api/dyads/{a}/{b}" for a, b in pairs[:30]], False),
        ("GET /actors/sergei-lavrov (page)", ["/actors/sergei-lavrov"] * 20, False),
        ("GET / (overview page)", ["/"] * 20, False),
    ]
    print(f"\n{db}; RUS–IRN dyad: {dyad_size(db, 'RUS', 'IRN'):,} events; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the start (other work on the machine slows every figure)")
    print("\none server process, as served (aggregates cached until the database changes):")
    print(header((1, CLIENTS)))
    missed = run_rows(db, 128, served)
    many: set[str] = set()
    if workers > 1:
        print(f"\n{workers} server processes (newsevents.web.serve(workers={workers})), as served:")
        print(header((CLIENTS,)))
        many = run_rows(db, 128, served, (CLIENTS,), workers)
    print("\nresult cache off (every dyad, actor and overview computed from SQL), one server process:")
    print(header((1, CLIENTS)))
    run_rows(db, 0, cold)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")
    print(f"one process: {len(served) - len(missed)} of {len(served)} endpoints met p95 < {TARGET_MS:.0f} ms with both 1 and {CLIENTS} clients"
          + (f"; missed: {', '.join(sorted(missed))}" if missed else ""))
    if workers > 1:
        print(f"{workers} processes, {CLIENTS} clients: {len(served) - len(many)} of {len(served)} met it" + (f"; missed: {', '.join(sorted(many))}" if many else ""))
    return bool(missed)


if __name__ == "__main__":
    sys.exit(main())

"""Registry and cluster bench (issue #8): rebuild the actor registry and the event clusters of 20,000 articles.

Writes a synthetic store straight through the store layer (no NLP): seeded, with the name variety
the registry has to fold (full names, surnames, "President X", "Mr X", transliteration variants,
family-name-first names, surnames two people share, organisations with acronyms and "Name (ACR)",
countries as names, demonyms and capitals, agents such as "Iran's police", office descriptions
resolved through observed roles), and happenings told by one to four outlets. Then times:

1. the full rebuild, phase by phase (read and observe every article, build the registry, write
   it; read the events, cluster them, write the clusters), as ``api._refresh(rebuild=True)`` runs it;
2. ``api._refresh`` after storing 100 more articles (what each later ingest pays: only the new
   articles are read and observed and added to the kept totals by node, which the registry's
   corpus-wide step reads, and only a window of events is read and scored again around what
   changed, ``store.clusters.window_update``), and checks that what it stores equals a full
   rebuild (``rebuild=True``);
3. for comparison, the day window alone (``store.read.articles_near``: every article with an
   event within the clusters' reach of the new ones; the refresh narrows it further by type group
   and country) against reading every event, as a full rebuild does;
4. for scale, a real ``newsevents ingest`` of the example corpus in the same run, extrapolated
   to the same number of articles.

Prints seconds and the peak resident memory (``resource``; ``--tracemalloc`` adds the peak of
Python allocations, slower). Run: ``python bench/registry_bench.py [--articles 20000] [--seed 8]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")

#: (ISO alpha-3, name, demonym, capital): real states the gazetteer knows, so every form resolves.
COUNTRIES = [
    ("IRN", "Iran", "Iranian", "Tehran"), ("RUS", "Russia", "Russian", "Moscow"), ("UKR", "Ukraine", "Ukrainian", "Kiev"),
    ("CHN", "China", "Chinese", "Beijing"), ("KOR", "South Korea", "South Korean", "Seoul"), ("TUR", "Turkey", "Turkish", "Ankara"),
    ("FRA", "France", "French", "Paris"), ("DEU", "Germany", "German", "Berlin"), ("BRA", "Brazil", "Brazilian", "Brasilia"),
    ("NGA", "Nigeria", "Nigerian", "Abuja"), ("KEN", "Kenya", "Kenyan", "Nairobi"), ("MEX", "Mexico", "Mexican", "Mexico City"),
    ("POL", "Poland", "Polish", "Warsaw"), ("EGY", "Egypt", "Egyptian", "Cairo"), ("PAK", "Pakistan", "Pakistani", "Islamabad"),
    ("IND", "India", "Indian", "New Delhi"), ("ISR", "Israel", "Israeli", "Jerusalem"), ("SAU", "Saudi Arabia", "Saudi", "Riyadh"),
    ("JPN", "Japan", "Japanese", "Tokyo"), ("ARG", "Argentina", "Argentine", "Buenos Aires"), ("ETH", "Ethiopia", "Ethiopian", "Addis Ababa"),
    ("VNM", "Vietnam", "Vietnamese", "Hanoi"), ("SRB", "Serbia", "Serbian", "Belgrade"), ("HUN", "Hungary", "Hungarian", "Budapest"),
]  # fmt: skip
FAMILY_FIRST = {"CHN", "KOR", "VNM"}
SYLLABLES = ["ka", "ro", "mi", "le", "na", "vo", "da", "si", "te", "lu", "ma", "ri", "go", "be", "sha", "zo", "ha", "ni", "pe", "tu"]
ORG_WORDS = ["National", "Democratic", "Liberation", "Front", "Council", "Movement", "Union", "Party", "Alliance", "Guard",
             "Popular", "Revolutionary", "Forces", "Congress", "Assembly", "Workers", "Unity", "Justice", "Progress", "Reform"]  # fmt: skip
TYPES = [("CONSULT", "met"), ("ACCUSE", "accused"), ("ASSAULT", "attacked"), ("COERCE", "detained members of"),
         ("PROTEST", "protested against"), ("AID", "sent aid to"), ("SANCTION", "imposed sanctions on"), ("THREATEN", "threatened")]  # fmt: skip
AGENTS = [("COP", "police"), ("MIL", "troops"), ("JUD", "courts")]
OUTLETS = [f"{a} {b}" for a in ("Harbour", "Northgate", "Lakeshore", "Steppe", "Gulf", "Caspian", "Prairie", "Delta")
           for b in ("Ledger", "Courier", "Tribune", "Herald", "Wire")]  # fmt: skip
START = dt.date(2023, 1, 1)


@dataclass(frozen=True)
class Person:
    """A synthetic person: the forms a reporter may write and the country."""

    full: str
    family: str
    country: str
    variant: str  # a transliteration variant of the full name ("" when none)


@dataclass(frozen=True)
class Org:
    """A synthetic organisation: its long name, its acronym and its country."""

    name: str
    acronym: str
    country: str


def _word(rng: random.Random, n: int) -> str:
    """A made-up name word of ``n`` syllables."""
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def make_people(rng: random.Random, per_country: int = 12) -> list[Person]:
    """Persons of every country; some family names ending in -sky (variants -skiy, -skyy), some shared by two people."""
    people = []
    for iso, *_ in COUNTRIES:
        families: list[str] = []
        for k in range(per_country):
            family = rng.choice(families) if families and rng.random() < 0.1 else _word(rng, 2) + ("sky" if rng.random() < 0.2 else "")
            families.append(family)
            given = _word(rng, rng.choice((1, 2)))
            full = f"{family} {given}" if iso in FAMILY_FIRST else f"{given} {family}"
            variant = full.replace("sky", rng.choice(("skiy", "skyy"))) if family.endswith("sky") else ""
            people.append(Person(full, family, iso, variant))
    return people


def make_orgs(rng: random.Random, count: int = 120) -> list[Org]:
    """Organisations with three- or four-word names and their initials as acronym."""
    out, seen = [], set()
    while len(out) < count:
        name = " ".join(rng.sample(ORG_WORDS, rng.choice((3, 4))))
        acronym = "".join(w[0] for w in name.split())
        if acronym not in seen:
            seen.add(acronym)
            out.append(Org(name, acronym, rng.choice(COUNTRIES)[0]))
    return out


class Writer:
    """Builds one article's text paragraph by paragraph and records the offsets of every name."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.parts: list[str] = []
        self.offset = 0

    def add(self, text: str) -> tuple[int, int]:
        """Append ``text`` to the current paragraph; its (start, end) in the article text."""
        start = self.offset + sum(len(p) for p in self.parts)
        self.parts.append(text)
        return start, start + len(text)

    def end_paragraph(self) -> int:
        """Close the paragraph; the offset where it started."""
        text = "".join(self.parts)
        start = self.offset
        self.paragraphs.append(text)
        self.offset += len(text) + 2
        self.parts = []
        return start


class Corpus:
    """Seeded synthetic documents: happenings told by several outlets with varied name forms."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.people = make_people(self.rng)
        self.orgs = make_orgs(self.rng)
        self.heads = {iso: [p for p in self.people if p.country == iso][:2] for iso, *_ in COUNTRIES}  # two successive presidents
        self.happenings: list[tuple[str, int, int, Any, str, int]] = []  # (type, type index, day, actor, target iso, reports)
        self.first_day = 0  # happenings from now on fall on this day of the 730 or later (``--recent-days``: a news stream's new days)

    def _happening(self) -> tuple[str, int, int, Any, str, int]:
        """A recent happening still under-reported (60 %), else a new one."""
        rng = self.rng
        if self.happenings and rng.random() < 0.6:
            pick = rng.randrange(max(0, len(self.happenings) - 50), len(self.happenings))
            h = self.happenings[pick]
            if h[5] < 4 and h[2] >= self.first_day:
                self.happenings[pick] = (*h[:5], h[5] + 1)
                return h
        t = rng.randrange(len(TYPES))
        actor = rng.choice([rng.choice(self.people), rng.choice(self.orgs), rng.choice(COUNTRIES)[0], ("agent", rng.choice(COUNTRIES)[0])])
        h = (TYPES[t][0], t, rng.randrange(self.first_day, 730), actor, rng.choice(COUNTRIES)[0], 1)
        self.happenings.append(h)
        return h

    def _president(self, iso: str, day: int) -> Person:
        """The country's president on ``day``: the first of its two heads for the first year, then the second."""
        return self.heads[iso][0 if day < 365 else 1]

    def _actor_form(self, actor: Any, day: int) -> tuple[str, str | None, str | None, str | None]:
        """(name as written, entity type or None for a description, country, sector) of one actor."""
        rng = self.rng
        country = {c[0]: c for c in COUNTRIES}
        if isinstance(actor, Person):
            head = self._president(actor.country, day) == actor
            forms = [actor.full, actor.family, f"Mr {actor.family}"] + ([actor.variant] if actor.variant else [])
            forms += [f"President {actor.family}"] if head else [f"Minister {actor.full}"]
            if head and rng.random() < 0.15:
                return f"the {country[actor.country][2]} president", None, actor.country, "GOV"
            return rng.choice(forms), "PERSON", actor.country, "GOV"
        if isinstance(actor, Org):
            return rng.choice((actor.name, actor.acronym, f"the {actor.name}")), "ORG", actor.country, None
        if isinstance(actor, tuple):
            iso = actor[1]
            sector, word = AGENTS[sorted(country).index(iso) % len(AGENTS)]  # each country's agent is of one sector
            return rng.choice((f"{country[iso][1]}'s {word}", f"{country[iso][2]} {word}")), None, iso, sector
        iso, name, demonym, capital = country[actor]
        forms = ((name, "GPE", None), (demonym, "NORP", None), (capital, "GPE", "GOV"), (f"the {demonym} government", None, "GOV"))
        text, kind, sector = rng.choice(forms)
        return text, kind, iso, sector

    def document(self, n: int) -> Any:
        """Article ``n``: one to three events of happenings, named as a reporter would."""
        from newsevents.records import ActorRef, Article, Document, Entity, Event, Mention, Role

        rng, w = self.rng, Writer()
        entities: dict[str, tuple[str, list[Mention], str | None, str]] = {}  # name -> (id, mentions, country, NER type)
        events, roles, published = [], [], None
        for k in range(rng.choice((1, 1, 2, 2, 3))):
            etype, t, day, actor, target, _ = self._happening()
            name, kind, country, sector = self._actor_form(actor, day)
            iso, tname, tdemonym, tcapital = next(c for c in COUNTRIES if c[0] == target)
            tform, tkind = rng.choice(((tname, "GPE"), (tcapital, "GPE"), (tdemonym + " officials", None)))
            start = w.offset
            a_span = w.add(name)
            verb = w.add(f" {TYPES[t][1]} ")
            t_span = w.add(tform)
            w.add(f" on {(START + dt.timedelta(days=day)).isoformat()}.")
            para_start = w.end_paragraph()
            refs = []
            for text, span, ekind, c, s in ((name, a_span, kind, country, sector), (tform, t_span, tkind, iso, "GOV" if tkind is None else None)):
                eid = None
                if ekind is not None:
                    eid = entities.setdefault(text, (f"e{len(entities) + 1}", [], c if ekind != "PERSON" else None, ekind))[0]
                    entities[text][1].append(Mention(span[0], span[1], text))
                refs.append(ActorRef(text, eid, c, s, span[0], span[1]))
            if isinstance(actor, Person) and kind == "PERSON" and rng.random() < 0.3:
                office = "President" if self._president(actor.country, day) == actor else "Foreign Minister"
                roles.append(Role(actor.full, office, actor.country, (START + dt.timedelta(days=day)).isoformat(), entities[name][0]))
            day_text = (START + dt.timedelta(days=day)).isoformat()
            published = published or (START + dt.timedelta(days=day + rng.randrange(0, 3))).isoformat()
            events.append(Event(
                id=f"syn{n:06d}-{k}", type=etype, mode=None, context=(), cameo=None, quad_class=None, goldstein=None,
                actors=(refs[0],), targets=(refs[1],), date=day_text, date_text=day_text, location=None, status="reported",
                sentence=w.paragraphs[-1], sentence_start=start, evidence_start=verb[0] + 1, evidence_end=verb[1] - 1, confidence=0.9,
            ))  # fmt: skip
            assert para_start == start
        if isinstance(actor, Org) and rng.random() < 0.3:  # "Name (ACR)" in a closing paragraph
            long = w.add(actor.name)
            w.add(" (")
            short = w.add(actor.acronym)
            w.add(") said nothing more.")
            w.end_paragraph()
            entities.setdefault(actor.name, (f"e{len(entities) + 1}", [], actor.country, "ORG"))[1].extend(
                [Mention(long[0], long[1], actor.name), Mention(short[0], short[1], actor.acronym)])
        ents = tuple(Entity(eid, name, etype, tuple(ms), c) for name, (eid, ms, c, etype) in entities.items())
        article = Article(id=f"{n:016x}", title=f"Report {n}", paragraphs=tuple(w.paragraphs), source=OUTLETS[n % len(OUTLETS)],
                          url=f"https://bench.example/{n}", published=published, origin=f"bench-{n}")  # fmt: skip
        return Document(article=article, entities=ents, events=tuple(events), roles=tuple(roles))

    def documents(self, first: int, count: int) -> Iterator[Any]:
        """Articles ``first`` .. ``first + count - 1``."""
        for n in range(first, first + count):
            yield self.document(n)


def timed(label: str, fn: Callable[[], T], rows: list[tuple[str, float, float, float]]) -> T:
    """Run ``fn``, record its wall-clock and CPU seconds (CPU: what a machine shared with other work still measures) and the peak RSS so far (MB)."""
    t0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    rows.append((label, time.perf_counter() - t0, time.process_time() - c0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    return out


def write(db: str, docs: Iterator[Any], batch: int = 1000) -> int:
    """Store documents through the store layer in batches; how many were stored."""
    from newsevents.store import open_store

    stored, chunk = 0, []
    with open_store(db) as store:
        for doc in docs:
            chunk.append(doc)
            if len(chunk) == batch:
                stored += store.write_documents(chunk)
                chunk = []
        stored += store.write_documents(chunk)
    return stored


def full_rebuild(db: str, rows: list[tuple[str, float, float, float]]) -> None:
    """The steps of ``api._refresh``, timed one by one."""
    from functools import lru_cache

    from newsevents.clusters import CLUSTERER, cluster_events
    from newsevents.registry import Registry
    from newsevents.registry.pause import collector_paused
    from newsevents.registry.sightings import state_code
    from newsevents.store import open_store
    from newsevents.store.clusters import read_mentions, write_clusters
    from newsevents.store.registry import observe_stored, read_corrections, write_registry

    state_code("Iran")  # the gazetteer loads once per process (an ingest has it loaded already): not part of a rebuild
    with open_store(db) as store, collector_paused():
        conn = store.conn
        observed = timed("registry: read and observe every article", lambda: observe_stored(conn, fresh=True), rows)
        registry = timed("registry: build", lambda: Registry.from_observed(observed, corrections=read_corrections(conn)), rows)
        timed("registry: write", lambda: write_registry(conn, registry), rows)
        mentions = timed("clusters: read events", lambda: read_mentions(conn), rows)
        made = timed("clusters: cluster", lambda: cluster_events(mentions, actor_key=lru_cache(maxsize=None)(registry.key_for)), rows)
        timed("clusters: write", lambda: write_clusters(conn, made, CLUSTERER, rebuild=True), rows)
        print(f"  {len(registry.actors)} actors, {len(registry.aliases)} aliases, {len(made)} clusters of {len(mentions)} events")


def _same_as_full(db: str) -> bool:
    """True when the stored registry and clusters equal what a full rebuild (``rebuild=True``) stores."""
    import sqlite3

    from newsevents.api import _refresh
    from newsevents.settings import Settings

    def snapshot() -> dict[str, list[tuple[Any, ...]]]:
        conn = sqlite3.connect(db)
        try:
            return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
        finally:
            conn.close()

    before = snapshot()
    _refresh(Settings.make(db=db), rebuild=True)
    return snapshot() == before


def windowed_reads(db: str, new: list[str], rows: list[tuple[str, float, float, float]]) -> None:
    """Time reading the events a refresh around ``new`` articles needs (``store.read``'s window) against reading every event."""
    from newsevents.clusters.policy import default_policy
    from newsevents.store import open_store
    from newsevents.store.read import articles_near, read_events

    policy = default_policy()
    reach = max(policy.window_event_days, policy.window_published_days)
    with open_store(db) as store:
        conn = store.conn
        window = timed(f"window: articles within {reach} days of the new", lambda: articles_near(conn, new, reach), rows)
        timed(f"window: read their events ({len(window)} articles)", lambda: read_events(conn, articles=window), rows)
        timed("read every event (what a full rebuild reads)", lambda: read_events(conn), rows)


TABLES = ("registry_actors", "registry_aliases", "registry_merges", "registry_terms", "event_clusters", "event_cluster_members")


def real_ingest(rows: list[tuple[str, float, float, float]]) -> int:
    """Ingest the example corpus for real (model, coder, store, refresh) into a temporary store; articles stored."""
    from newsevents.api import ingest
    from newsevents.settings import Settings

    with tempfile.TemporaryDirectory() as tmp:
        summary = timed("real ingest of examples/corpus", lambda: ingest([str(ROOT / "examples" / "corpus")], Settings.make(db=f"{tmp}/c.db")), rows)
    return summary.stored


def main(argv: list[str] | None = None) -> int:
    """Build the synthetic store, time the rebuilds and print the table."""
    parser = argparse.ArgumentParser(prog="python bench/registry_bench.py", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="synthetic articles in the store (default 20000)")
    parser.add_argument("--more", type=int, default=100, help="articles added after the full rebuild (default 100)")
    parser.add_argument("--seed", type=int, default=8, help="random seed of the synthetic corpus")
    parser.add_argument("--recent-days", type=int, default=0,
                        help="the articles added after the full rebuild report happenings of the corpus's last N days only, as a "
                             "news stream does (default 0: any day of the two years)")  # fmt: skip
    parser.add_argument("--tracemalloc", action="store_true", help="also report the peak of Python allocations (slower)")
    parser.add_argument("--no-ingest", action="store_true", help="skip the real ingest of the example corpus")
    parser.add_argument("--no-verify", action="store_true", help="skip checking the refresh against a full rebuild")
    args = parser.parse_args(argv)
    from newsevents.api import _refresh
    from newsevents.settings import Settings

    rows: list[tuple[str, float, float, float]] = []
    corpus = Corpus(args.seed)
    same = True
    if args.tracemalloc:
        tracemalloc.start()
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/bench.db"
        stored = timed(f"store {args.articles} synthetic articles", lambda: write(db, corpus.documents(0, args.articles)), rows)
        print(f"{stored} articles stored")
        full_rebuild(db, rows)
        full = sum(s for label, s, _, _ in rows if label.startswith(("registry:", "clusters:")))
        full_cpu = sum(c for label, _, c, _ in rows if label.startswith(("registry:", "clusters:")))
        corpus.first_day = 730 - args.recent_days if args.recent_days else 0
        timed(f"store {args.more} more articles", lambda: write(db, corpus.documents(args.articles, args.more)), rows)
        timed(f"refresh after {args.more} more (api._refresh)", lambda: _refresh(Settings.make(db=db)), rows)
        windowed_reads(db, [f"{n:016x}" for n in range(args.articles, args.articles + args.more)], rows)
        if not args.no_verify:
            same = timed("full rebuild again, to compare", lambda: _same_as_full(db), rows)
            print(f"  the refresh {'equals' if same else 'DIFFERS FROM'} a full rebuild (registry and cluster tables)")
    ingested = 0 if args.no_ingest else real_ingest(rows)
    print(f"\n{'step':<48} {'seconds':>9} {'CPU s':>9} {'peak RSS MB':>12}")
    for label, seconds, cpu, rss in rows:
        print(f"{label:<48} {seconds:9.2f} {cpu:9.2f} {rss:12.0f}")
    print(f"{'full rebuild (registry + clusters)':<48} {full:9.2f} {full_cpu:9.2f}")
    refresh, refresh_cpu = next((s, c) for label, s, c, _ in rows if label.startswith("refresh after"))
    print(f"refresh after {args.more} more articles: {refresh:.2f} s ({refresh_cpu:.2f} s CPU), "
          f"{100 * refresh / full:.0f} % of the full rebuild ({100 * refresh_cpu / full_cpu:.0f} % of its CPU time)")
    if ingested:
        per = rows[-1][1] / ingested
        print(f"real ingest: {per:.2f} s/article (model load included) -> {per * args.articles / 60:.0f} min for {args.articles}; "
              f"the full rebuild is {100 * full / (per * args.articles):.1f} % of that")  # fmt: skip
    if args.tracemalloc:
        print(f"peak Python allocations: {tracemalloc.get_traced_memory()[1] / 2**20:.0f} MB")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

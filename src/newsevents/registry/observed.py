"""What the registry keeps of one article: its sightings and links, made once and kept (``store.registry`` caches them).

``observe(facts)`` depends on that article alone, so a store keeps it per article and a refresh
after new articles observes only those. The corpus-wide step (``registry.build``) reads only their
totals by node (``NodeTotals``: counts that add up, and each name's earliest sighting), so a store
that keeps the totals adds the new articles' to them instead of reading every article again.
``encode`` / ``decode`` (and ``encode_totals`` / ``decode_totals``) give the JSON a store keeps; ``VERSION``
changes whenever ``sightings_of`` reads an article differently, and ``observer_version`` with the
offices our dictionary dates, so a store observes again.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field

from newsevents.registry.records import ArticleFacts
from newsevents.registry.sightings import Link, Sighting, sightings_of

#: v2: descriptions after a state's name and capitals as entities (registry.phrases); v3: offices our
#: dictionary dates are single-holder offices ("the Saudi crown prince"); v4: seats of government and
#: known names the NER missed (registry.known); v5: an office our dictionary dates has one holder in the
#: dictionary's country only; v6: a surname of a person the article names in full, in any spelling, where the NER
#: found nothing (sightings._surnames); v7: a known name holding what the NER found in part, a state's forces named
#: as an organisation ("the Pentagon"), an institution noun after a word saying which ("foreign ministry"); v8: person
#: keys read transliteration variants alike (ł/l, ou/u, -eh/-a, x/ks, ibn/bin, "Al Thani"), titles without their dot,
#: hyphenated acronyms (round 5 of the actor gold); v9: bare descriptions the article resolves ("the army", "the prime
#: minister", "his Turkish counterpart", "his party": registry.bare), a participant's description that opens with an
#: organisation ("EU foreign ministers"), "top diplomat" as a foreign minister (round 6), and only al/el inside a name
#: left out of its key ("Ash Carter" is no Carter). Our
#: dictionary's dated offices and the known names are part of what an
#: article's observation depends on, so they are part of the version.
VERSION = "observed.v9"


def observer_version() -> str:
    """``VERSION`` and a digest of the offices our dictionary dates (country and title): what a kept observation was made with."""
    import hashlib

    from newsevents.registry.known import known_version
    from newsevents.registry.sightings import dated_offices

    offices = "|".join(f"{country}:{title}" for country, title in sorted(dated_offices()))
    return VERSION + ":" + hashlib.sha1(offices.encode("utf-8")).hexdigest()[:8] + ":" + known_version()


@dataclass(frozen=True)
class Observed:
    """One article's sightings and links, in the order ``sightings_of`` gives them."""

    article: str
    sightings: tuple[Sighting, ...] = ()
    links: tuple[Link, ...] = ()


def observe(facts: ArticleFacts) -> Observed:
    """The sightings and links of one article."""
    found, linked = sightings_of(facts)
    return Observed(facts.article, tuple(found), tuple(linked))


def unique_observed(items: Iterable[Observed]) -> tuple[Observed, ...]:
    """One Observed per article id, sorted by id (of two for one id, the larger by repr): the same whatever the order."""
    chosen: dict[str, Observed] = {}
    for item in items:
        known = chosen.get(item.article)
        if known is None or (known != item and repr(item) > repr(known)):
            chosen[item.article] = item
    return tuple(chosen[k] for k in sorted(chosen))


def encode(observed: Observed) -> str:
    """The JSON a store keeps for one article's observations."""
    return json.dumps([[astuple(s) for s in observed.sightings], [astuple(x) for x in observed.links]], ensure_ascii=False,
                      separators=(",", ":"))  # fmt: skip


def decode(article: str, text: str) -> Observed:
    """The observations ``encode`` wrote for ``article``."""
    sightings, links = json.loads(text)
    return Observed(article, tuple(Sighting(*row) for row in sightings), tuple(Link(*row) for row in links))


#: How a sighting of a description, not a name, came about: evidence for an actor, never an alias.
DESCRIBED = ("role", "description", "agent", "phrase", "phrase-role")

First = tuple[str, int, str, int, int]  # (article, start, name, index in the article's sightings, end) of a name's earliest sighting


@dataclass
class NodeTotals:
    """What the registry's corpus-wide step reads of one node, summed over articles (``totals_of``; ``add`` sums two)."""

    seen: int = 0  # sightings
    plain: int = 0  # sightings that name the actor (not descriptions)
    names: Counter[str] = field(default_factory=Counter)  # names as written, mentions left out
    countries: Counter[str] = field(default_factory=Counter)  # the country of every sighting that has one
    sectors: Counter[str] = field(default_factory=Counter)
    given: Counter[str] = field(default_factory=Counter)  # countries of the node's own entities (not event participants)
    aliases: Counter[tuple[str, str]] = field(default_factory=Counter)  # (how, name) of the sightings that name the actor
    first: dict[tuple[str, str, str], First] = field(default_factory=dict)  # (how, folded name, date of a role) -> earliest
    holders: Counter[tuple[str, str, str | None, tuple[str, ...], tuple[str, ...]]] = field(default_factory=Counter)
    # (office, date, country, states the article describes that office of, states it names) of a dated role holder
    links: Counter[tuple[str, str]] = field(default_factory=Counter)  # (other node, rule) of "Name (ACR)" links from this node

    def add(self, other: "NodeTotals") -> None:
        """Add ``other``'s sightings to these (the earliest of each name kept)."""
        self.seen += other.seen
        self.plain += other.plain
        for mine, theirs in ((self.names, other.names), (self.countries, other.countries), (self.sectors, other.sectors),
                             (self.given, other.given), (self.aliases, other.aliases), (self.holders, other.holders),
                             (self.links, other.links)):  # fmt: skip
            mine.update(theirs)  # type: ignore[attr-defined]
        for key, at in other.first.items():
            known = self.first.get(key)
            if known is None or at < known:
                self.first[key] = at


Totals = dict[str, NodeTotals]  # node -> its totals


def totals_of(item: Observed) -> Totals:
    """One article's totals by node: what it adds to the corpus-wide step."""
    from newsevents.registry.keys import folded
    from newsevents.registry.timeline import office_key

    described: dict[str, set[str]] = {}  # office key -> states whose office the article describes
    named: set[str] = set()
    for s in item.sightings:
        if s.node.startswith("role:"):
            country, office = s.node[5:].split("|", 1)
            described.setdefault(office_key(office), set()).add(country)
            named.add(country)
        elif s.node.startswith(("country:", "agent:")):
            named.add(s.node.split(":", 1)[1][:3])
    out: Totals = {}
    for index, s in enumerate(item.sightings):
        t = out.get(s.node) or out.setdefault(s.node, NodeTotals())
        t.seen += 1
        if s.how != "mention":
            t.names[s.name] += 1
        if s.country:
            t.countries[s.country] += 1
        if s.sector:
            t.sectors[s.sector] += 1
        if s.how == "entity" and not s.ref and s.country:
            t.given[s.country] += 1
        if s.how not in DESCRIBED:
            t.plain += 1
            t.aliases[(s.how, s.name)] += 1
        if s.how == "holder":
            if s.date and s.office:
                t.holders[(s.office, s.date, s.country, tuple(sorted(described.get(office_key(s.office), ()))), tuple(sorted(named)))] += 1
        else:
            key = (s.how, folded(s.name), (s.date or "") if s.node.startswith("role:") else "")
            at = (item.article, s.start, s.name, index, s.end)
            if key not in t.first or at < t.first[key]:
                t.first[key] = at
    for link in item.links:
        t = out.get(link.node) or out.setdefault(link.node, NodeTotals())
        t.links[(link.other, link.rule)] += 1
    return out


def add_totals(into: Totals, more: Totals) -> Totals:
    """Add ``more`` into ``into`` node by node; return ``into``."""
    for node, t in more.items():
        known = into.get(node)
        if known is None:
            into[node] = NodeTotals()
            known = into[node]
        known.add(t)
    return into


def corpus_totals(observed: Iterable[Observed]) -> Totals:
    """The totals of every article of ``observed``."""
    out: Totals = {}
    for item in observed:
        add_totals(out, totals_of(item))
    return out


def encode_totals(t: NodeTotals) -> str:
    """The JSON a store keeps for one node's totals."""
    return json.dumps([t.seen, t.plain, t.names, t.countries, t.sectors, t.given, list(t.aliases.items()),
                       [[*k, *v] for k, v in t.first.items()], [[*k, n] for k, n in t.holders.items()],
                       list(t.links.items())], ensure_ascii=False, separators=(",", ":"))  # fmt: skip


def decode_totals(text: str) -> NodeTotals:
    """The totals ``encode_totals`` wrote."""
    seen, plain, names, countries, sectors, given, aliases, first, holders, links = json.loads(text)
    return NodeTotals(
        seen, plain, Counter(names), Counter(countries), Counter(sectors), Counter(given),
        Counter({(how, name): n for (how, name), n in aliases}),
        {(how, key, date): (article, start, name, index, end) for how, key, date, article, start, name, index, end in first},
        Counter({(office, date, country, tuple(described), tuple(named)): n for office, date, country, described, named, n in holders}),
        Counter({(other, rule): n for (other, rule), n in links}),
    )  # fmt: skip

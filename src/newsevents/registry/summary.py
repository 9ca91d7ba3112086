"""From the final node -> actor map to the registry's records: actors, aliases, merges, terms, assignments.

Role descriptions ("the Iranian president") are resolved here, once every person's actor and
country is known: through the timeline at the article's date, else to the country itself.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from newsevents.registry.corrections import Applied
from newsevents.registry.dictionary import Dictionary, Entry
from newsevents.registry.observed import First, Observed, Totals
from newsevents.registry.keys import folded, is_acronym, kind_of
from newsevents.registry.phrases import LEADER
from newsevents.registry.records import Actor, Alias, Assignment, Correction, Merge, Term
from newsevents.registry.sightings import UNKNOWN_COUNTRY, Sighting, is_state
from newsevents.registry.timeline import Timeline, observed_terms, office_key
from newsevents.registry.unionfind import Clusters

#: When one name reached an actor in several ways, the alias shows the first of these.
_HOW_ORDER = ("correction", "dictionary", "name", "country-name", "demonym", "capital", "seat", "transliteration",
              "surname", "short-form", "acronym", "bracket", "description", "agent", "entity", "mention")
#: Descriptions outside events (``registry.phrases``): assigned, though no participant and no entity.
_PHRASES = ("phrase", "phrase-role")


@dataclass(frozen=True)
class Summary:
    """The records a build produces."""

    actors: tuple[Actor, ...]
    aliases: tuple[Alias, ...]
    merges: tuple[Merge, ...]
    terms: tuple[Term, ...]
    assignments: tuple[Assignment, ...]
    stale: tuple[Correction, ...]


def _most(counts: Counter[str]) -> str | None:
    """The most frequent non-empty value (ties: alphabetical), None when there is none."""
    counts = Counter({v: k for v, k in counts.items() if v and k > 0})
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _actor(actor_id: str, nodes: list[str], by_node: Totals, entries: dict[str, Entry], display: dict[str, str]) -> Actor:
    """The canonical record of one actor from its nodes' totals (the dictionary's facts win)."""
    from newsevents.nlp.gazetteer import country_name
    from newsevents.registry.build import best_name

    kind = kind_of(actor_id) or "group"
    entry = entries.get(actor_id)
    seen = [by_node[n] for n in nodes if n in by_node]
    if kind == "country":
        return Actor(actor_id, (entry.names[0] if entry else None) or country_name(actor_id) or actor_id, kind, actor_id, None)
    country = entry.country if entry and entry.country else _most(sum((t.countries for t in seen), Counter()))
    sector = entry.sector if entry and entry.sector else _most(sum((t.sectors for t in seen), Counter()))
    if kind == "agent":
        code, _, sector = actor_id.partition("-")
        country = None if code == UNKNOWN_COUNTRY else code
    if entry is not None:
        name = entry.names[0]
    else:
        counts: Counter[str] = Counter()
        for n in nodes:
            if n in display:
                counts[display[n]] += (sum(by_node[n].names.values()) if n in by_node else 0) or 1
        if not counts:
            counts = +sum((t.names for t in seen), Counter())
        full = (lambda t: len(t.split()) >= 2) if kind == "person" else (lambda t: not is_acronym(t))
        name = best_name(counts, full) if counts else f"{country_name(country or '') or country or ''} {sector or ''}".strip()
    return Actor(actor_id, name, kind, country, sector)


@dataclass(frozen=True)
class Resolver:
    """Which actor each sighting resolved to: by its node, or for a role description by its node, date and how."""

    node_actor: dict[str, str]
    roles: dict[tuple[str, str, str], str | None]  # (role node, date or "", how) -> actor; None: a description no term resolves

    def actor_of(self, s: Sighting) -> str | None:
        """The actor of one sighting, None when it resolves to none (or its node is not part of the build)."""
        if s.node.startswith("role:"):
            return self.roles.get((s.node, s.date or "", s.how))
        return self.node_actor.get(s.node)

    def assignments(self, observed: Iterable[Observed]) -> tuple[Assignment, ...]:
        """The assignments of the articles ``observed``: participants, entities, descriptions outside events, known names."""
        return tuple(sorted(
            Assignment(s.article, s.start, s.end, s.name, s.entity, actor, s.ref)
            for item in observed for s in item.sightings
            if (s.ref or (s.how != "mention" and s.start >= 0 and s.entity) or s.how in _PHRASES or s.how == "known")
            and (actor := self.actor_of(s)) is not None
        ))  # fmt: skip

    def resolutions(self, nodes: Iterable[str]) -> dict[str, str]:
        """Node -> what its sightings resolve to, in brief ("" for none): when it is the same, so is every assignment of the node."""
        roles: dict[str, list[str]] = defaultdict(list)
        for (node, day, how), actor in sorted(self.roles.items()):
            roles[node].append(f"{day}|{how}|{actor or ''}")
        return {n: "\n".join(roles[n]) if n.startswith("role:") else self.node_actor.get(n, "") for n in nodes}


def summarise(by_node: Totals, applied: Applied, clusters: Clusters, dictionary: Dictionary,
              display: dict[str, str]) -> tuple["Summary", Resolver]:
    """The registry's records from the final node map (its assignments left empty) and the ``Resolver`` that gives them."""
    node_actor = applied.node_actor
    members: dict[str, list[str]] = defaultdict(list)
    for node in sorted(node_actor):
        members[node_actor[node]].append(node)
    entries = dictionary.by_id()
    actors = {a: _actor(a, ns, by_node, entries, display) for a, ns in members.items()}
    timeline = _timeline(by_node, node_actor, actors, dictionary)
    weight: Counter[str] = Counter()
    for n, t in by_node.items():
        if t.plain and not n.startswith("role:"):
            weight[node_actor[n]] += t.plain
    roles: dict[tuple[str, str, str], str | None] = {}
    for n, t in by_node.items():
        if n.startswith("role:"):
            country, office = n[5:].split("|", 1)
            for how, _, day in t.first:
                if (n, day, how) in roles:
                    continue
                on = day or None
                holder = _leader(timeline, country, on, weight) if office == LEADER else timeline.holder(country, office, on)
                holder = holder if holder in actors else node_actor.get(f"dict:{holder}")  # merged away by a correction
                # a description outside events that no term resolves names no one
                roles[(n, day, how)] = holder or node_actor[f"country:{country}"] if holder or how != "phrase-role" else None
    resolver = Resolver(node_actor, roles)
    used = {a for a in roles.values() if a} | {node_actor[n] for n, t in by_node.items() if t.seen and n in node_actor}
    used |= {e.id for e in dictionary.entries}
    moved = {e.id: node_actor.get(f"dict:{e.id}", e.id) for e in dictionary.entries}  # a dictionary actor merged into another
    summary = Summary(
        tuple(sorted(actors[a] for a in used if a in actors)),
        _aliases(by_node, node_actor, clusters, dictionary, applied, moved),
        _merges(by_node, resolver, clusters, actors, applied),
        tuple(sorted({replace(t, actor=moved.get(t.actor, t.actor)) for terms in timeline.terms.values() for t in terms})),
        (),
        tuple(applied.stale),
    )
    return summary, resolver


def _leader(timeline: Timeline, country: str, day: str | None, weight: Counter[str]) -> str | None:
    """Who "the country's leader" is on ``day``: the one holder of a head office, else the most named of them."""
    holders = sorted({h for title in _head_offices() if (h := timeline.holder(country, title, day))})
    if len(holders) <= 1:
        return holders[0] if holders else None
    ranked = sorted(holders, key=lambda h: -weight[h])
    return ranked[0] if weight[ranked[0]] > weight[ranked[1]] else None


@lru_cache(maxsize=1)
def _head_offices() -> tuple[str, ...]:
    """Titles of the offices of rank head (heads of state or government) in events_offices.tsv."""
    from newsevents.events.tables import office_table

    return tuple(sorted({o.title for o in office_table().values() if o.rank == "head"}))


def _timeline(by_node: Totals, node_actor: dict[str, str], actors: dict[str, Actor], dictionary: Dictionary) -> Timeline:
    """The dictionary's terms plus the roles observed in the articles, each as an office of the one country it is known to be of.

    An office is per country: "President Aliyev" in an article on Armenia and Azerbaijan says
    nothing of which country's president he is, so a role is kept only when its country is known
    (``_office_country``), and never when the dictionary gives that office of that country to
    someone else on that day.
    """
    entries = dictionary.by_id()
    given: dict[str, set[str]] = defaultdict(set)  # actor -> the states its entities carry (the NER's, not the coder's guess)
    for n, t in by_node.items():
        if n.startswith("person:"):
            given[node_actor[n]].update(c for c, k in t.given.items() if k and is_state(c))
    listed = Timeline(list(dictionary.terms))
    observations = []
    for n, t in by_node.items():
        if not t.holders:
            continue
        actor = actors[node_actor[n]]
        entry = entries.get(actor.id)
        own = entry.country if entry else next(iter(given[actor.id])) if len(given[actor.id]) == 1 else None
        for (office, day, role_country, described, named), k in t.holders.items():
            if not k:
                continue
            country = _office_country(role_country, own, set(described), set(named))
            held = listed.holder(country, office, day) if country else None
            if country and (held is None or node_actor.get(f"dict:{held}", held) == actor.id):
                observations.append((country, office, day, actor.id))
    return Timeline(list(dictionary.terms) + observed_terms(observations))


def _office_country(given: str | None, person: str | None, described: set[str], named: set[str]) -> str | None:
    """The state whose office a role holder holds, or None when unsure.

    The state the role names ("Iranian President Raisi"), unless the person is known to be of
    another (``person``: the dictionary's state, else the one state the person's entities carry);
    else the person's state; else the one state whose same office the article describes ("Foreign
    Minister Andrii Sybiha ... Ukraine's foreign minister"); else the one state the article names.
    Never the event coder's guess for a participant, which is often the other party's state.
    """
    own = person if is_state(person) else None
    if is_state(given):
        return given if own in (None, given) else None
    if own:
        return own
    for states in (described, named):
        if len(states) == 1:
            return next(iter(states))
        if states:
            return None
    return None


def _how(how: str, node: str, name: str, clusters: Clusters, listed: set[tuple[str, str]], actor: str) -> str:
    """How a name seen at ``node`` came to its actor, for the alias table."""
    if (folded(name), actor) in listed:
        return "dictionary"
    if how in ("mention", "country-name", "demonym", "capital", "seat", "description", "agent"):
        return how
    joined = clusters.how.get(node)
    return joined[0] if joined else "name"


def _aliases(by_node: Totals, node_actor: dict[str, str], clusters: Clusters, dictionary: Dictionary, applied: Applied,
             moved: dict[str, str]) -> tuple[Alias, ...]:
    """Names that mean one actor across the corpus (names meaning several are left out)."""
    listed = {(folded(n), moved[e.id]) for e in dictionary.entries for n in e.names}
    found: dict[str, list[tuple[str, str, str, int]]] = defaultdict(list)  # key -> (actor, how, text, times)
    for node, t in by_node.items():
        if node.startswith("role:"):
            continue  # descriptions ("officials") are evidence, not names
        actor = node_actor[node]
        for (how, text), k in t.aliases.items():
            if k:
                found[folded(text)].append((actor, _how(how, node, text, clusters, listed, actor), text, k))
    for entry in dictionary.entries:
        for n in entry.names:
            found[folded(n)].append((moved[entry.id], "dictionary", n, 1))
    for text, actor in applied.aliases:
        found[folded(text)] = [row for row in found[folded(text)] if row[0] == actor] + [(actor, "correction", text, 1)]
    out = []
    for key, rows in found.items():
        if not key or len({a for a, _, _, _ in rows}) != 1:
            continue
        texts: Counter[str] = Counter()
        for _, _, t, k in rows:
            texts[t] += k
        text = min(texts, key=lambda t: (-texts[t], t))
        how = min((h for _, h, _, _ in rows), key=lambda h: _HOW_ORDER.index(h) if h in _HOW_ORDER else len(_HOW_ORDER))
        out.append(Alias(text, rows[0][0], how))
    return tuple(sorted(out))


def _merges(by_node: Totals, resolver: Resolver, clusters: Clusters, actors: dict[str, Actor], applied: Applied) -> tuple[Merge, ...]:
    """Evidence for every name joined to an actor under another name: rule and first article."""
    joined_into = {target: rule for node, (rule, target) in sorted(clusters.how.items())}
    first: dict[tuple[str, str], tuple[First, str]] = {}  # (actor, folded name) -> (earliest sighting, rule)
    for node, t in by_node.items():
        for (how, key, day), at in t.first.items():
            actor = resolver.roles.get((node, day, how)) if node.startswith("role:") else resolver.node_actor[node]
            if actor is None or key == folded(actors[actor].name):
                continue
            if how in ("role", "phrase-role"):
                rule = "role"
            elif how == "phrase":
                rule = "description"
            elif how == "mention":
                rule = "mention"
            else:
                joined = clusters.how.get(node)
                rule = joined[0] if joined else joined_into.get(node, how if how != "entity" else "name")
            known = first.get((actor, key))
            if known is None or at[:4] < known[0][:4]:
                first[(actor, key)] = (at, rule)
    out = {k: Merge(k[0], name, rule, article, start if start >= 0 else None, end if end >= 0 else None)
           for k, ((article, start, name, _, end), rule) in first.items()}  # fmt: skip
    for actor, name in applied.joined:
        if actor in actors:
            out[(actor, "correction:" + folded(name))] = Merge(actor, name, "correction")
    return tuple(sorted(out.values()))

"""From the final node -> actor map to the registry's records: actors, aliases, merges, terms, assignments.

Role descriptions ("the Iranian president") are resolved here, once every person's actor and
country is known: through the timeline at the article's date, else to the country itself.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from newsevents.registry.corrections import Applied
from newsevents.registry.dictionary import Dictionary, Entry
from newsevents.registry.keys import folded, is_acronym, kind_of
from newsevents.registry.phrases import LEADER
from newsevents.registry.records import Actor, Alias, Assignment, Correction, Merge, Term
from newsevents.registry.sightings import UNKNOWN_COUNTRY, Sighting, is_state
from newsevents.registry.timeline import Timeline, observed_terms, office_key
from newsevents.registry.unionfind import Clusters

#: When one name reached an actor in several ways, the alias shows the first of these.
_HOW_ORDER = ("correction", "dictionary", "name", "country-name", "demonym", "capital", "seat", "transliteration",
              "surname", "short-form", "acronym", "bracket", "description", "agent", "entity", "mention")
#: Sightings of descriptions, not names: evidence for an actor, never an alias.
_PHRASES = ("phrase", "phrase-role")
_DESCRIBED = ("role", "description", "agent", *_PHRASES)


@dataclass(frozen=True)
class Summary:
    """The records a build produces."""

    actors: tuple[Actor, ...]
    aliases: tuple[Alias, ...]
    merges: tuple[Merge, ...]
    terms: tuple[Term, ...]
    assignments: tuple[Assignment, ...]
    stale: tuple[Correction, ...]


def _most(values: list[str | None]) -> str | None:
    """The most frequent non-empty value (ties: alphabetical), None when there is none."""
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _actor(actor_id: str, nodes: list[str], by_node: dict[str, list[Sighting]], entries: dict[str, Entry],
           display: dict[str, str]) -> Actor:
    """The canonical record of one actor from its nodes' sightings (the dictionary's facts win)."""
    from newsevents.nlp.gazetteer import country_name
    from newsevents.registry.build import best_name

    kind = kind_of(actor_id) or "group"
    entry = entries.get(actor_id)
    seen = [s for n in nodes for s in by_node.get(n, [])]
    named = [s for s in seen if s.how != "mention"]
    if kind == "country":
        return Actor(actor_id, (entry.names[0] if entry else None) or country_name(actor_id) or actor_id, kind, actor_id, None)
    country = entry.country if entry and entry.country else _most([s.country for s in seen])
    sector = entry.sector if entry and entry.sector else _most([s.sector for s in seen])
    if kind == "agent":
        code, _, sector = actor_id.partition("-")
        country = None if code == UNKNOWN_COUNTRY else code
    if entry is not None:
        name = entry.names[0]
    else:
        counts: Counter[str] = Counter()
        for n in nodes:
            if n in display:
                counts[display[n]] += sum(1 for s in by_node.get(n, []) if s.how != "mention") or 1
        if not counts:
            counts.update(s.name for s in named)
        full = (lambda t: len(t.split()) >= 2) if kind == "person" else (lambda t: not is_acronym(t))
        name = best_name(counts, full) if counts else f"{country_name(country or '') or country or ''} {sector or ''}".strip()
    return Actor(actor_id, name, kind, country, sector)


def summarise(sightings: list[Sighting], applied: Applied, clusters: Clusters, dictionary: Dictionary,
              display: dict[str, str]) -> "Summary":
    """The registry's records from the final node map."""
    node_actor = applied.node_actor
    by_node: dict[str, list[Sighting]] = defaultdict(list)
    for s in sightings:
        by_node[s.node].append(s)
    members: dict[str, list[str]] = defaultdict(list)
    for node in sorted(node_actor):
        members[node_actor[node]].append(node)
    entries = dictionary.by_id()
    actors = {a: _actor(a, ns, by_node, entries, display) for a, ns in members.items()}
    timeline = _timeline(sightings, node_actor, actors, dictionary)
    resolved: list[tuple[Sighting, str]] = []  # each sighting with its actor (a list: hashing 100,000 sightings is slow)
    weight = Counter(node_actor[s.node] for s in sightings if not s.node.startswith("role:") and s.how not in _DESCRIBED)
    for s in sightings:
        if s.node.startswith("role:"):
            country, office = s.node[5:].split("|", 1)
            holder = _leader(timeline, country, s.date, weight) if office == LEADER else timeline.holder(country, office, s.date)
            holder = holder if holder in actors else node_actor.get(f"dict:{holder}")  # merged away by a correction
            if holder or s.how != "phrase-role":  # a description outside events that no term resolves names no one
                resolved.append((s, holder or node_actor[f"country:{country}"]))
        else:
            resolved.append((s, node_actor[s.node]))
    used = {a for _, a in resolved} | {node_actor[n] for n in by_node if n in node_actor}
    used |= {e.id for e in dictionary.entries}
    moved = {e.id: node_actor.get(f"dict:{e.id}", e.id) for e in dictionary.entries}  # a dictionary actor merged into another
    assignments = tuple(sorted(
        Assignment(s.article, s.start, s.end, s.name, s.entity, actor, s.ref)
        for s, actor in resolved if s.ref or (s.how != "mention" and s.start >= 0 and s.entity) or s.how in _PHRASES or s.how == "known"
    ))
    return Summary(
        tuple(sorted(actors[a] for a in used if a in actors)),
        _aliases(resolved, clusters, dictionary, applied, moved),
        _merges(resolved, clusters, actors, applied),
        tuple(sorted({replace(t, actor=moved.get(t.actor, t.actor)) for terms in timeline.terms.values() for t in terms})),
        assignments,
        tuple(applied.stale),
    )


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


def _timeline(sightings: list[Sighting], node_actor: dict[str, str], actors: dict[str, Actor], dictionary: Dictionary) -> Timeline:
    """The dictionary's terms plus the roles observed in the articles, each as an office of the one country it is known to be of.

    An office is per country: "President Aliyev" in an article on Armenia and Azerbaijan says
    nothing of which country's president he is, so a role is kept only when its country is known
    (``_office_country``), and never when the dictionary gives that office of that country to
    someone else on that day.
    """
    entries = dictionary.by_id()
    described: dict[tuple[str, str], set[str]] = defaultdict(set)  # (article, office) -> states whose office it describes
    named: dict[str, set[str]] = defaultdict(set)  # article -> the states it names
    for s in sightings:
        if s.node.startswith("role:"):
            country, office = s.node[5:].split("|", 1)
            described[(s.article, office_key(office))].add(country)
            named[s.article].add(country)
        elif s.node.startswith(("country:", "agent:")):
            named[s.article].add(s.node.split(":", 1)[1][:3])
    given: dict[str, set[str]] = defaultdict(set)  # actor -> the states its entities carry (the NER's, not the coder's guess)
    for s in sightings:
        if s.how == "entity" and not s.ref and is_state(s.country) and s.node.startswith("person:"):
            given[node_actor[s.node]].add(s.country or "")
    listed = Timeline(list(dictionary.terms))
    observations = []
    for s in sightings:
        if s.how != "holder" or not s.date or not s.office:
            continue
        actor = actors[node_actor[s.node]]
        entry = entries.get(actor.id)
        own = entry.country if entry else next(iter(given[actor.id])) if len(given[actor.id]) == 1 else None
        country = _office_country(s, own, described[(s.article, office_key(s.office))], named[s.article])
        held = listed.holder(country, s.office, s.date) if country else None
        if country and (held is None or node_actor.get(f"dict:{held}", held) == actor.id):
            observations.append((country, s.office, s.date, actor.id))
    return Timeline(list(dictionary.terms) + observed_terms(observations))


def _office_country(role: Sighting, person: str | None, described: set[str], named: set[str]) -> str | None:
    """The state whose office a role holder holds, or None when unsure.

    The state the role names ("Iranian President Raisi"), unless the person is known to be of
    another (``person``: the dictionary's state, else the one state the person's entities carry);
    else the person's state; else the one state whose same office the article describes ("Foreign
    Minister Andrii Sybiha ... Ukraine's foreign minister"); else the one state the article names.
    Never the event coder's guess for a participant, which is often the other party's state.
    """
    own = person if is_state(person) else None
    if is_state(role.country):
        return role.country if own in (None, role.country) else None
    if own:
        return own
    for states in (described, named):
        if len(states) == 1:
            return next(iter(states))
        if states:
            return None
    return None


def _how(s: Sighting, clusters: Clusters, listed: set[tuple[str, str]], actor: str) -> str:
    """How a sighting's name came to its actor, for the alias table."""
    if (folded(s.name), actor) in listed:
        return "dictionary"
    if s.how in ("mention", "country-name", "demonym", "capital", "seat", "description", "agent"):
        return s.how
    joined = clusters.how.get(s.node)
    return joined[0] if joined else "name"


def _aliases(resolved: list[tuple[Sighting, str]], clusters: Clusters,
             dictionary: Dictionary, applied: Applied, moved: dict[str, str]) -> tuple[Alias, ...]:
    """Names that mean one actor across the corpus (names meaning several are left out)."""
    listed = {(folded(n), moved[e.id]) for e in dictionary.entries for n in e.names}
    found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # key -> (actor, how, text)
    for s, actor in resolved:
        if s.how in _DESCRIBED:
            continue  # descriptions ("officials") are evidence, not names
        found[folded(s.name)].append((actor, _how(s, clusters, listed, actor), s.name))
    for entry in dictionary.entries:
        for n in entry.names:
            found[folded(n)].append((moved[entry.id], "dictionary", n))
    for text, actor in applied.aliases:
        found[folded(text)] = [(a, h, t) for a, h, t in found[folded(text)] if a == actor] + [(actor, "correction", text)]
    out = []
    for key, rows in found.items():
        if not key or len({a for a, _, _ in rows}) != 1:
            continue
        texts = Counter(t for _, _, t in rows)
        text = min(texts, key=lambda t: (-texts[t], t))
        how = min((h for _, h, _ in rows), key=lambda h: _HOW_ORDER.index(h) if h in _HOW_ORDER else len(_HOW_ORDER))
        out.append(Alias(text, rows[0][0], how))
    return tuple(sorted(out))


def _where(merge: Merge) -> tuple[str, int, str]:
    """Sort key of a merge's evidence: article, offset, name."""
    return (merge.article or "", merge.start if merge.start is not None else -1, merge.name)


def _merges(resolved: list[tuple[Sighting, str]], clusters: Clusters, actors: dict[str, Actor],
            applied: Applied) -> tuple[Merge, ...]:
    """Evidence for every name joined to an actor under another name: rule and first article."""
    joined_into = {target: rule for node, (rule, target) in sorted(clusters.how.items())}
    first: dict[tuple[str, str], Merge] = {}
    for s, actor in resolved:
        if s.how == "holder":
            continue
        if s.how in ("role", "phrase-role"):
            rule = "role"
        elif s.how == "phrase":
            rule = "description"
        elif s.how == "mention":
            rule = "mention"
        else:
            joined = clusters.how.get(s.node)
            rule = joined[0] if joined else joined_into.get(s.node, s.how if s.how != "entity" else "name")
        name = s.name
        if folded(name) == folded(actors[actor].name):
            continue
        merge = Merge(actor, name, rule, s.article, s.start if s.start >= 0 else None, s.end if s.end >= 0 else None)
        key = (actor, folded(name))
        if key not in first or _where(merge) < _where(first[key]):
            first[key] = merge
    for actor, name in applied.joined:
        if actor in actors:
            first[(actor, "correction:" + folded(name))] = Merge(actor, name, "correction")
    return tuple(sorted(first.values()))

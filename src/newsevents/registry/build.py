"""Build a registry from the sorted set of all observations: sightings -> nodes -> clusters -> actors.

Everything is computed from the articles' observations summed by node (``registry.observed.NodeTotals``:
counts, and each name's earliest sighting by article id and place), the dictionary and the
corrections, in sorted order at every step, so the result does not depend on the order the
articles came in, nor on whether they came at once, in several ``add`` calls or were added to
totals a store kept. Only the assignments read each sighting again (``summary.Resolver``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from newsevents.names import slug
from newsevents.registry.corrections import apply_corrections
from newsevents.registry.dictionary import Dictionary
from newsevents.registry.keys import folded, is_acronym, kind_of, person_key
from newsevents.registry.orgs import agent_of, join_orgs
from newsevents.registry.persons import join_persons
from newsevents.registry.observed import NodeTotals, Observed, Totals, corpus_totals
from newsevents.registry.records import Correction
from newsevents.registry.sightings import is_state
from newsevents.registry.summary import Resolver, Summary, summarise
from newsevents.registry.unionfind import Clusters

_PREFIX = {"person": "person:", "org": "org:", "group": "group:"}


def best_name(counts: Counter[str], full: Callable[[str], bool]) -> str:
    """The canonical name: most frequent full form, then longest, then alphabetical."""
    return min(counts, key=lambda n: (not full(n), -counts[n], -len(n), n))


def build(observed: tuple[Observed, ...], dictionary: Dictionary, corrections: Sequence[Correction]) -> Summary:
    """Cluster every sighting of ``observed`` (one per article, sorted by article) into actors, apply ``corrections``, and summarise."""
    made, resolver = build_totals(corpus_totals(observed), dictionary, corrections)
    return replace(made, assignments=resolver.assignments(observed))


def build_totals(totals: Totals, dictionary: Dictionary, corrections: Sequence[Correction]) -> tuple[Summary, Resolver]:
    """The registry of the articles ``totals`` sums (``registry.observed``), without assignments, and the ``Resolver`` that gives them.

    Everything here is read from the totals by node, never from one sighting: so a store that
    keeps them builds the registry without reading every article again.
    """
    entries = dictionary.by_id()
    # A name known from our dictionary (registry.known) whose actor a user's dictionary replaced names no actor here.
    by_node = {n: t for n, t in totals.items() if not n.startswith("dict:") or n[5:] in entries}
    nodes = {n for n, t in by_node.items() if t.seen and not n.startswith("role:")} | {f"dict:{e}" for e in entries}
    links = sorted((node, other, rule) for node, t in totals.items() for other, rule in t.links)
    nodes |= {other for _, other, _ in links}
    nodes |= {"country:" + n[5:].split("|")[0] for n, t in by_node.items() if t.seen and n.startswith("role:")}
    empty = NodeTotals()
    agents = {n: a for n in nodes if n.startswith("org:") and (a := agent_of(written_form(n, by_node.get(n, empty))))}
    nodes |= set(agents.values())
    countries = {n: Counter({c: k for c, k in by_node[n].countries.items() if is_state(c)}) for n in nodes if n in by_node}
    for e in entries.values():
        if is_state(e.country):
            countries[f"dict:{e.id}"] = Counter({e.country or "": 1})
    pins = {f"dict:{e}": e for e in entries}
    pins.update({n: n.split(":", 1)[1] for n in nodes if n.startswith(("country:", "agent:"))})
    clusters = Clusters(sorted(nodes), countries, pins)
    for e in sorted(entries):
        if kind_of(e) in ("country", "agent"):
            node = f"{kind_of(e)}:{e}"
            if node in clusters.parent:
                clusters.union(f"dict:{e}", node, "dictionary")
    for node, other, rule in links:
        clusters.union(node, other, rule)
    display = {n: written_form(n, by_node.get(n, empty)) for n in nodes if not n.startswith("dict:")}
    kinds = {"person": ("person",), "named": ("organisation", "group")}
    listed = {k: {f"dict:{e.id}": list(e.names) for e in entries.values() if e.kind in v} for k, v in kinds.items()}
    # A one-word name the NER did not call a person ("Tshisekedi asked ...") may still be the surname of one.
    loose = {n: display[n] for n in nodes if n.startswith("group:") and _one_name(display[n])}
    join_persons(clusters, {n: n[7:] for n in nodes if n.startswith("person:")}, listed["person"], loose)
    # A name the dictionary lists for an organisation means it even where the NER took it for a person ("Ansar Allah").
    clusters.join_listed({n: n[7:] for n in nodes if n.startswith("person:")}, listed["named"], folded)
    # A name the dictionary lists for a person means that person even where no entity typed it PERSON ("Merz and Macron
    # agreed"), or the NER took it for an organisation ("Trump said").
    clusters.join_listed({n: display[n] for n in nodes if n.startswith(("group:", "org:"))}, listed["person"], person_key)
    join_orgs(clusters, {n: display[n] for n in nodes if n.startswith(("org:", "group:"))}, listed["named"])
    for node, agent in sorted(agents.items()):
        clusters.union(agent, node, "agent")  # "the Israel Defense Forces" and, joined to it, "IDF": ISR-MIL
    node_actor = _ids(clusters, by_node, display)
    forms = {n: {folded(name) for name in by_node[n].names if by_node[n].names[name]} | {folded(display[n])} if n in by_node
             else {folded(display[n])} for n in display}  # fmt: skip
    forms.update({f"dict:{e.id}": {folded(x) for x in e.names} for e in entries.values()})
    applied = apply_corrections(corrections, node_actor, forms)
    return summarise(by_node, applied, clusters, dictionary, display)


def _one_name(name: str) -> bool:
    """True for one capitalised word of letters that could be a surname ("Tshisekedi"), not a people's plural or an acronym."""
    return name.isalpha() and name[:1].isupper() and name[1:].islower() and len(name) >= 4 and not name.endswith("s")


def written_form(node: str, totals: NodeTotals) -> str:
    """How a node is written: a person's name without titles, else its most frequent written name."""
    if node.startswith("person:"):
        return node[7:]
    counts = +totals.names
    return best_name(counts, lambda n: not is_acronym(n)) if counts else node.split(":", 1)[1]


def _ids(clusters: Clusters, by_node: Totals, display: dict[str, str]) -> dict[str, str]:
    """Node -> actor id: a pinned id, else the kind's prefix and the slug of the cluster's best name."""
    proposed: list[tuple[int, str, str, list[str], str]] = []
    for root, members in clusters.groups().items():
        pinned = clusters.pin.get(root)
        if pinned:
            proposed.append((0, pinned, root, members, ""))
            continue
        prefix = next(_PREFIX[m.split(":", 1)[0]] for m in sorted(members, key=lambda m: not m.startswith("org:")))
        counts: Counter[str] = Counter()
        for m in members:
            counts[display[m]] += max(1, sum(by_node[m].names.values()) if m in by_node else 0)
        name = best_name(counts, (lambda n: len(n.split()) >= 2) if prefix == "person:" else (lambda n: not is_acronym(n)))
        proposed.append((1, prefix + slug(name), root, members, (clusters.country(root) or "").lower()))
    node_actor: dict[str, str] = {}
    taken: set[str] = set()
    for _, actor_id, _, members, country in sorted(proposed):
        candidate, n = actor_id, 1
        if candidate in taken and country:
            candidate = f"{actor_id}-{country}"  # "Parliament" of HUN and of GEO: org:parliament-geo
        while candidate in taken:
            n += 1
            candidate = f"{actor_id}-{n}"
        taken.add(candidate)
        for m in members:
            node_actor[m] = candidate
    return node_actor

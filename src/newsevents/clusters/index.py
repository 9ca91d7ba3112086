"""Incremental clustering: add mentions in any order, in any batches, and get the clusters one batch would give.

Two groups only merge when some pair between them scores at least the threshold, so the linkage
splits over the connected components of the graph whose edges are such pairs. Adding mentions
re-clusters only the components they touch; everything is keyed by content (mention keys, ids from
the first-seen mention), so the result does not depend on the order mentions arrive in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence

from newsevents.clusters.evidence import ActorKey, default_actor_key, score_pair
from newsevents.clusters.linkage import average_linkage
from newsevents.clusters.model import EventCluster, EventMention, cluster_id, most_common
from newsevents.clusters.policy import ClusterPolicy, default_policy


class ClusterIndex:
    """Mentions seen so far, the strong pairs between them, and the current clusters."""

    def __init__(self, policy: ClusterPolicy | None = None, actor_key: ActorKey | None = None) -> None:
        self.policy = policy or default_policy()
        self.actor_key = actor_key or default_actor_key
        self._mentions: dict[str, EventMention] = {}
        self._by_day: dict[tuple[str, str], dict[str, set[str]]] = {}  # (day, type group) -> party country or "?" -> keys
        self._edges: dict[str, set[str]] = {}
        self._scores: dict[str, dict[str, float]] = {}  # key -> key -> score, for every pair no veto stops
        self._cluster_of: dict[str, str] = {}
        self._clusters: dict[str, EventCluster] = {}
        self.kept: frozenset[str] = frozenset()  # after ``update``: ids of the known clusters it kept whole, unscored

    def __len__(self) -> int:
        return len(self._mentions)

    def add(self, mentions: Iterable[EventMention]) -> tuple[list[EventCluster], list[str]]:
        """Add mentions (repeats of a known key are ignored); return the clusters made or changed and the ids gone."""
        new = sorted({m.key: m for m in mentions if m.key not in self._mentions}.values(), key=lambda m: m.key)
        for mention in new:
            self._insert(mention)
        touched = self._component({m.key for m in new})
        before = {self._cluster_of[k] for k in touched if k in self._cluster_of}
        made = self._recluster(touched)
        after = {c.id for c in made}
        for gone in before - after:
            self._clusters.pop(gone, None)
        return made, sorted(before - after)

    def clusters(self) -> list[EventCluster]:
        """Every cluster, earliest first seen first."""
        return sorted(self._clusters.values(), key=lambda c: (c.mentions[0].order(), c.id))

    def cluster_of(self, mention: EventMention) -> EventCluster | None:
        """The cluster holding ``mention``, or None when it was never added."""
        cid = self._cluster_of.get(mention.key)
        return self._clusters.get(cid) if cid else None

    def _insert(self, mention: EventMention) -> None:
        """Store a mention and its strong pairs with the mentions of nearby days."""
        self._mentions[mention.key] = mention
        self._edges.setdefault(mention.key, set())
        self._scores.setdefault(mention.key, {})
        self._score(mention, self._nearby(mention))
        self._file(mention)

    def _score(self, mention: EventMention, others: Iterable[str]) -> None:
        """Score ``mention`` against ``others`` (keys) and keep every pair no veto stops, and the strong ones as edges."""
        key = mention.key
        for other in sorted(others):
            result = score_pair(mention, self._mentions[other], self.policy, self.actor_key)
            if result.veto is not None:
                continue
            self._scores[key][other] = self._scores[other][key] = result.score
            if result.score >= self.policy.link_threshold:
                self._edges[key].add(other)
                self._edges[other].add(key)

    def _file(self, mention: EventMention) -> None:
        """File a dated mention under its day, type group and party countries (an undated one stays alone)."""
        if mention.day is None:
            return
        buckets = self._by_day.setdefault((mention.day, self.policy.type_group(mention.event.type)), {})
        for country in mention_blocks(mention, self.policy.symmetric):
            buckets.setdefault(country, set()).add(mention.key)

    def update(self, mentions: Iterable[EventMention], known: Mapping[str, str], seeds: Iterable[str]) -> list[EventCluster]:
        """Every cluster of ``mentions``, the same as ``cluster_events`` gives, re-scoring only around ``seeds``.

        ``known`` maps mention keys to the id of the cluster each was in when last clustered with the
        same policy and actor keys; ``seeds`` are the keys it cannot vouch for (see
        ``clusters.incremental.seeds_of``; a key missing from ``known`` is a seed too). Only the
        strong components holding a seed are scored and linked again; the other mentions keep
        their known clusters, whose ids ``kept`` lists afterwards (a strong component holds whole
        clusters, so each kept one has the same members, keys and record as before). For an empty index.
        """
        wanted = {m.key: m for m in mentions}
        region = self.rescore(wanted.values(), known, seeds)[1]
        rest: dict[str, list[EventMention]] = {}
        for key in sorted(set(wanted) - region):
            rest.setdefault(known[key], []).append(wanted[key])
        kept = set()
        for members in rest.values():
            cluster = build_cluster(members, self.actor_key)
            for mention in cluster.mentions:
                self._cluster_of[mention.key] = cluster.id
            self._clusters[cluster.id] = cluster
            kept.add(cluster.id)
        self.kept = frozenset(kept)
        return self.clusters()

    def rescore(self, mentions: Iterable[EventMention], known: Collection[str],
                seeds: Iterable[str]) -> tuple[list[EventCluster], set[str]]:  # fmt: skip
        """Score and link again only the strong components of ``mentions`` that hold a seed: their clusters and keys.

        ``known`` holds the keys clustered before (a key missing from it is a seed too). For an empty
        index; the components are whole only when ``mentions`` holds every mention within the
        policy's reach of each of their days (``store.clusters`` widens its window until it does).
        """
        wanted = {m.key: m for m in mentions}
        for key in sorted(wanted):
            self._mentions[key] = wanted[key]
            self._edges[key], self._scores[key] = set(), {}
            self._file(wanted[key])
        region: set[str] = set()
        stack = sorted(k for k in set(seeds) | (set(wanted) - set(known)) if k in wanted)
        while stack:
            key = stack.pop()
            if key in region:
                continue
            region.add(key)
            self._score(self._mentions[key], self._nearby(self._mentions[key]) - region - {key})
            stack.extend(sorted(self._edges[key] - region))
        return self._recluster(region), region

    def _nearby(self, mention: EventMention) -> set[str]:
        """Keys of mentions that may join ``mention``: a type of its group, days within the widest window, a party country in common.

        A mention whose actors all have a country meets only mentions that share one of them or
        have an actor without a country ("?"); any pair of others is vetoed by its actors anyway.
        """
        if mention.day is None:
            return set()
        reach = max(self.policy.window_event_days, self.policy.window_published_days)
        start, group = dt.date.fromisoformat(mention.day), self.policy.type_group(mention.event.type)
        wanted = mention_blocks(mention, self.policy.symmetric)
        found: set[str] = set()
        for offset in range(-reach, reach + 1):
            buckets = self._by_day.get(((start + dt.timedelta(days=offset)).isoformat(), group), {})
            for country, keys in buckets.items():
                if "?" in wanted or country == "?" or country in wanted:  # as ``meets``
                    found |= keys
        return found

    def _component(self, seeds: set[str]) -> set[str]:
        """Every key linked to ``seeds`` by strong pairs."""
        seen, stack = set(seeds), sorted(seeds)
        while stack:
            for other in self._edges[stack.pop()]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        return seen

    def _recluster(self, keys: set[str]) -> list[EventCluster]:
        """Run the linkage over ``keys`` again and store the clusters it gives."""
        mentions = sorted((self._mentions[k] for k in keys), key=lambda m: m.order())
        position = {m.key: n for n, m in enumerate(mentions)}
        scores: dict[tuple[int, int], float] = {}
        for i, mention in enumerate(mentions):
            for other, value in self._scores[mention.key].items():
                j = position.get(other)
                if j is not None and i < j:
                    scores[(i, j)] = value
        sort_keys = [f"{n:09d}" for n in range(len(mentions))]  # ``mentions`` is already in first-seen order
        made = []
        units = [m.article_id for m in mentions]
        for group in average_linkage(sort_keys, scores, self.policy.link_threshold, units):
            cluster = build_cluster([mentions[i] for i in group], self.actor_key)
            for mention in cluster.mentions:
                self._cluster_of[mention.key] = cluster.id
            self._clusters[cluster.id] = cluster
            made.append(cluster)
        return made


def mention_blocks(mention: EventMention, symmetric: frozenset[str]) -> frozenset[str]:
    """The actor countries a mention is filed under (``blocks``)."""
    event = mention.event
    return blocks(event.type, [ref.country for ref in event.actors], [ref.country for ref in event.targets], symmetric)


def blocks(type_: str, actors: Sequence[str | None], targets: Sequence[str | None], symmetric: frozenset[str]) -> frozenset[str]:
    """The actor countries an event is filed under, or {"?"} when an actor has none (or there is no actor).

    Only actors count (a pair of mentions whose actors' countries are all known and disjoint is
    vetoed); symmetric types compare actors and targets as one, so for them the targets count too.
    """
    parties = [*actors, *targets] if type_ in symmetric else list(actors)
    if not parties or any(not country for country in parties):
        return frozenset({"?"})
    return frozenset(country for country in parties if country)


def meets(filed: frozenset[str], wanted: Collection[str]) -> bool:
    """True when a mention filed under ``filed`` may be scored against one whose blocks are ``wanted`` (``_nearby``'s rule)."""
    return "?" in wanted or "?" in filed or not filed.isdisjoint(wanted)


def build_cluster(mentions: list[EventMention], actor_key: ActorKey = default_actor_key) -> EventCluster:
    """A cluster record from its mentions: id, consensus type and date, actor and target keys."""
    ordered = tuple(sorted(mentions, key=lambda m: m.order()))
    own_days = [m.day for m in ordered if m.own_date and m.day]
    days = most_common(own_days)
    date = days[0] if days else min((m.published_day for m in ordered if m.published_day), default=None)
    return EventCluster(
        id=cluster_id(ordered[0]),
        type=most_common([m.event.type for m in ordered])[0],
        date=date,
        mentions=ordered,
        actors=most_common([actor_key(a) for m in ordered for a in m.event.actors]),
        targets=most_common([actor_key(t) for m in ordered for t in m.event.targets]),
    )


def cluster_events(mentions: Iterable[EventMention], policy: ClusterPolicy | None = None,
                   actor_key: ActorKey | None = None) -> list[EventCluster]:  # fmt: skip
    """Cluster mentions in one go: the pure function behind ``ClusterIndex``."""
    index = ClusterIndex(policy, actor_key)
    index.add(mentions)
    return index.clusters()

"""Incremental clustering: add mentions in any order, in any batches, and get the clusters one batch would give.

Two groups only merge when some pair between them scores at least the threshold, so the linkage
splits over the connected components of the graph whose edges are such pairs. Adding mentions
re-clusters only the components they touch; everything is keyed by content (mention keys, ids from
the first-seen mention), so the result does not depend on the order mentions arrive in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

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
        self._by_day: dict[str, set[str]] = {}
        self._edges: dict[str, set[str]] = {}
        self._cluster_of: dict[str, str] = {}
        self._clusters: dict[str, EventCluster] = {}

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
        key = mention.key
        self._mentions[key] = mention
        self._edges.setdefault(key, set())
        if mention.day is None:
            return  # without any date a mention cannot be matched; it stays alone
        for other in sorted(self._nearby(mention.day)):
            result = score_pair(mention, self._mentions[other], self.policy, self.actor_key)
            if result.veto is None and result.score >= self.policy.link_threshold:
                self._edges[key].add(other)
                self._edges[other].add(key)
        self._by_day.setdefault(mention.day, set()).add(key)

    def _nearby(self, day: str) -> set[str]:
        """Keys of mentions whose day lies within the widest date window of ``day``."""
        reach = max(self.policy.window_event_days, self.policy.window_published_days)
        start = dt.date.fromisoformat(day)
        found: set[str] = set()
        for offset in range(-reach, reach + 1):
            found |= self._by_day.get((start + dt.timedelta(days=offset)).isoformat(), set())
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
        ordered = sorted(keys, key=lambda k: self._mentions[k].order())
        mentions = [self._mentions[k] for k in ordered]
        sort_keys = ["\x1f".join(map(str, m.order())) for m in mentions]

        def pair(i: int, j: int) -> float | None:
            result = score_pair(mentions[i], mentions[j], self.policy, self.actor_key)
            return None if result.veto else result.score

        made = []
        for group in average_linkage(sort_keys, pair, self.policy.link_threshold):
            cluster = build_cluster([mentions[i] for i in group], self.actor_key)
            for mention in cluster.mentions:
                self._cluster_of[mention.key] = cluster.id
            self._clusters[cluster.id] = cluster
            made.append(cluster)
        return made


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

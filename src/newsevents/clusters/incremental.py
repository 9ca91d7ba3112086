"""Cluster again after new articles (or a new registry) without scoring the whole corpus: the same clusters as one batch.

The stored clusters were made from the same policy and with the actor keys of the stored registry
(``old_key``). The *seeds* are what that clustering cannot vouch for: new mentions, mentions whose
participants now resolve to other keys (``new_key``), and every member of a stored cluster that
holds a seed or lost a member. ``ClusterIndex.update`` then scores and links again only the strong
components that hold a seed; every other stored cluster is kept as it was. This equals clustering
everything at once because average linkage never merges across strong components, and a stored
cluster free of seeds has the same pair scores as before, so its component and its linkage are
unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from newsevents.clusters.evidence import ActorKey
from newsevents.clusters.index import ClusterIndex
from newsevents.clusters.model import EventCluster, EventMention
from newsevents.clusters.policy import ClusterPolicy


def seeds_of(mentions: Sequence[EventMention], stored: Mapping[str, str], old_key: ActorKey, new_key: ActorKey) -> set[str]:
    """Keys of the mentions the stored clustering (event id -> cluster id) cannot vouch for."""
    present = {m.event.id for m in mentions}
    members: dict[str, list[EventMention]] = {}
    for m in mentions:
        if m.event.id in stored:
            members.setdefault(stored[m.event.id], []).append(m)
    doubtful = {cid for eid, cid in stored.items() if eid not in present}  # a cluster that lost a member
    seeds = set()
    for m in mentions:
        if m.event.id not in stored:
            seeds.add(m.key)
        elif any(old_key(ref) != new_key(ref) for ref in m.event.actors + m.event.targets):
            doubtful.add(stored[m.event.id])
    for cid in doubtful:
        seeds.update(m.key for m in members.get(cid, ()))
    return seeds


def recluster(mentions: Sequence[EventMention], stored: Mapping[str, str], old_key: ActorKey, new_key: ActorKey,
              policy: ClusterPolicy | None = None) -> list[EventCluster]:  # fmt: skip
    """Every cluster of ``mentions``, as ``cluster_events(mentions, policy, new_key)`` gives, scoring only around the seeds."""
    return recluster_keeping(mentions, stored, old_key, new_key, policy)[0]


def recluster_keeping(mentions: Sequence[EventMention], stored: Mapping[str, str], old_key: ActorKey, new_key: ActorKey,
                      policy: ClusterPolicy | None = None) -> tuple[list[EventCluster], frozenset[str]]:  # fmt: skip
    """``recluster``'s clusters and the ids of the stored clusters kept as they were (their stored rows need no writing)."""
    seeds = seeds_of(mentions, stored, old_key, new_key)
    known = {m.key: stored[m.event.id] for m in mentions if m.event.id in stored}
    index = ClusterIndex(policy, new_key)
    made = index.update(mentions, known, seeds)
    return made, index.kept

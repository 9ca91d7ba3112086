"""Cross-article event clusters (``newsevents.clusters.v1``): one real happening, one record with all its sources.

The same strike reported by three outlets is three coded events; clustering joins them by type (or a
neighbour type), resolved actors and targets, dates within a window, nearby places and shared
words, scored per pair and linked by average linkage with vetoes. The policy is data
(``data/clusters_policy.tsv``); actor resolution is a callable (``actor_key``) a registry can replace.
"""

from __future__ import annotations

from newsevents.clusters.evidence import PairScore, default_actor_key, score_pair
from newsevents.clusters.index import ClusterIndex, build_cluster, cluster_events
from newsevents.clusters.model import EventCluster, EventMention
from newsevents.clusters.policy import ClusterPolicy, default_policy, parse_policy
from newsevents.records import Document

#: The versioned name of this clustering behaviour; changed behaviour gets a new version.
CLUSTERER = "newsevents.clusters.v1"

__all__ = [
    "CLUSTERER", "ClusterIndex", "ClusterPolicy", "EventCluster", "EventMention", "PairScore", "build_cluster",
    "cluster_events", "default_actor_key", "default_policy", "mentions_of", "parse_policy", "score_pair",
]  # fmt: skip


def mentions_of(document: Document) -> list[EventMention]:
    """The mentions of one annotated document: each event with its article's id, source, date and named persons."""
    article = document.article
    people = {e.id for e in document.entities if e.type == "PERSON"}
    return [
        EventMention(event, article.id, article.source, article.published,
                     frozenset(ref.name for ref in event.actors + event.targets if ref.entity in people))
        for event in document.events
    ]  # fmt: skip


"""Average linkage with cannot-links: merge the two groups whose pairs score highest on average, never across a veto.

A chain of weak links cannot pull a distractor in: a group joins another only when its pairs (of
articles) score ``threshold`` on average, and never when any pair between them is vetoed (a different day, a
different target). Ties break on the groups' first mention keys, so the result is the same for
any input order.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: Scores of the pairs that may join, by index pair (i < j); a pair missing is vetoed (cannot link).
PairScores = Mapping[tuple[int, int], float]


def average_linkage(keys: Sequence[str], scores: PairScores, threshold: float,
                    units: Sequence[str] | None = None) -> list[list[int]]:  # fmt: skip
    """Groups of item indices (each sorted by key, groups by first key) after merging while the best average >= threshold.

    Items belong to units (the articles they come from; by default each item is its own unit). The
    average between two groups is taken over pairs of different units, each pair counting its best
    item pair, so an article that tells one happening twice ("shelled the city", "killing twelve")
    votes once, and two mentions in one article are no evidence that two articles agree (when the
    groups share only one unit, its best pair decides).
    It is defined only when every item pair between the groups is scored (none vetoed). A heap
    holds the candidate merges and stale entries are skipped, so the work grows with the scored
    pairs, not with the square.
    """
    unit = list(units) if units is not None else list(keys)
    members = {i: [i] for i in range(len(keys))}
    links: dict[int, dict[int, _Link]] = {i: {} for i in range(len(keys))}
    for (i, j), value in sorted(scores.items()):
        link = _Link(1, {_unit_pair(unit[i], unit[j]): value})
        links[i][j] = links[j][i] = link
    version = dict.fromkeys(members, 0)
    heap: list[tuple[float, str, str, int, int, int, int]] = []

    def push(ga: int, gb: int) -> None:
        link = links[ga][gb]
        if link.count == len(members[ga]) * len(members[gb]) and link.average() >= threshold:
            if keys[members[gb][0]] < keys[members[ga][0]]:
                ga, gb = gb, ga
            heapq.heappush(heap, (-link.average(), keys[members[ga][0]], keys[members[gb][0]], ga, gb, version[ga], version[gb]))

    for ga in sorted(links):
        for gb in sorted(links[ga]):
            if ga < gb:
                push(ga, gb)
    while heap:
        _, _, _, ga, gb, va, vb = heapq.heappop(heap)
        if ga not in members or gb not in members or version[ga] != va or version[gb] != vb:
            continue  # stale: one of the groups has changed since
        members[ga] = sorted(members[ga] + members.pop(gb), key=lambda i: keys[i])
        version[ga] += 1
        for other, link in sorted(links.pop(gb).items()):
            del links[other][gb]
            if other == ga:
                continue
            merged = links[ga].get(other)
            merged = link if merged is None else merged.merged(link)
            links[ga][other] = links[other][ga] = merged
        for other in sorted(links[ga]):
            push(ga, other)
    return sorted(members.values(), key=lambda group: keys[group[0]])


@dataclass(frozen=True)
class _Link:
    """What two groups share: how many item pairs are scored, and the best score of each pair of units."""

    count: int
    best: dict[tuple[str, str], float]

    def merged(self, other: _Link) -> _Link:
        """The link of a merged group: pair counts add up, each unit pair keeps its best score."""
        best = dict(self.best)
        for pair, value in other.best.items():
            best[pair] = max(value, best.get(pair, value))
        return _Link(self.count + other.count, best)

    def average(self) -> float:
        """Mean best score over pairs of different units (summed in sorted order, so exact whatever the merge order)."""
        cross = sorted(value for (a, b), value in self.best.items() if a != b)
        return math.fsum(cross) / len(cross) if cross else max(self.best.values())


def _unit_pair(a: str, b: str) -> tuple[str, str]:
    """A pair of units in sorted order."""
    return (a, b) if a <= b else (b, a)


def components(count: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of ``count`` items under ``edges``, each sorted, ordered by smallest index."""
    parent = list(range(count))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in edges:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    found: dict[int, list[int]] = {}
    for i in range(count):
        found.setdefault(find(i), []).append(i)
    return sorted(found.values(), key=lambda g: g[0])

"""Average linkage with cannot-links: merge the two groups whose pairs score highest on average, never across a veto.

A chain of weak links cannot pull a distractor in: a group joins another only when its pairs score
``threshold`` on average, and never when any pair between them is vetoed (a different day, a
different target). Ties break on the groups' first mention keys, so the result is the same for
any input order.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence

#: Scores of the pairs that may join, by index pair (i < j); a pair missing is vetoed (cannot link).
PairScores = Mapping[tuple[int, int], float]


def average_linkage(keys: Sequence[str], scores: PairScores, threshold: float) -> list[list[int]]:
    """Groups of item indices (each sorted by key, groups by first key) after merging while the best average >= threshold.

    Each pair of groups keeps the sum and number of its scored pairs; the average is defined only
    when every pair between them is scored (none vetoed). A heap holds the candidate merges and
    stale entries are skipped, so the work grows with the scored pairs, not with the square.
    """
    members = {i: [i] for i in range(len(keys))}
    links: dict[int, dict[int, list[float]]] = {i: {} for i in range(len(keys))}  # group -> group -> [sum, count]
    for (i, j), value in sorted(scores.items()):
        links[i][j] = [value, 1]
        links[j][i] = [value, 1]
    version = dict.fromkeys(members, 0)
    heap: list[tuple[float, str, str, int, int, int, int]] = []

    def push(ga: int, gb: int) -> None:
        total, count = links[ga][gb]
        if count == len(members[ga]) * len(members[gb]) and total / count >= threshold:
            if keys[members[gb][0]] < keys[members[ga][0]]:
                ga, gb = gb, ga
            heapq.heappush(heap, (-total / count, keys[members[ga][0]], keys[members[gb][0]], ga, gb, version[ga], version[gb]))

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
        for other, (total, count) in sorted(links.pop(gb).items()):
            del links[other][gb]
            if other == ga:
                continue
            merged = links[ga].setdefault(other, [0.0, 0])
            merged[0] += total
            merged[1] += count
            links[other][ga] = merged
        for other in sorted(links[ga]):
            push(ga, other)
    return sorted(members.values(), key=lambda group: keys[group[0]])


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

"""Average linkage with cannot-links: merge the two groups whose pairs score highest on average, never across a veto.

A chain of weak links cannot pull a distractor in: a group joins another only when its pairs score
``threshold`` on average, and never when any pair between them is vetoed (a different day, a
different target). Ties break on the groups' first mention keys, so the result is the same for
any input order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

#: Score of a pair of items by index, or None when the pair is vetoed.
PairFn = Callable[[int, int], "float | None"]


def average_linkage(keys: Sequence[str], pair: PairFn, threshold: float) -> list[list[int]]:
    """Groups of item indices (each sorted, groups ordered by first key) after merging while the best average >= threshold."""
    order = sorted(range(len(keys)), key=lambda i: keys[i])
    groups: list[list[int]] = [[i] for i in order]
    scores: dict[tuple[int, int], float | None] = {}
    for x in range(len(order)):
        for y in range(x + 1, len(order)):
            i, j = order[x], order[y]
            scores[(i, j)] = scores[(j, i)] = pair(i, j)
    while True:
        best: tuple[float, int, int] | None = None
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                value = _average(groups[x], groups[y], scores)
                if value is not None and value >= threshold and (best is None or value > best[0]):
                    best = (value, x, y)
        if best is None:
            break
        _, x, y = best
        groups[x] = sorted(groups[x] + groups[y], key=lambda i: keys[i])
        del groups[y]
        groups.sort(key=lambda g: keys[g[0]])
    return groups


def _average(a: list[int], b: list[int], scores: dict[tuple[int, int], float | None]) -> float | None:
    """Mean pair score between two groups, or None when any pair is vetoed."""
    total = 0.0
    for i in a:
        for j in b:
            value = scores[(i, j)]
            if value is None:
                return None
            total += value
    return total / (len(a) * len(b))


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

"""Union-find over nodes that remembers how each node joined, and refuses to join two pinned actors."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable


class Clusters:
    """Disjoint sets of nodes; a set may be pinned to a dictionary id, and carries its countries."""

    def __init__(self, nodes: list[str], countries: dict[str, Counter[str]], pins: dict[str, str]) -> None:
        self.parent = {n: n for n in nodes}
        self.countries = {n: Counter(countries.get(n, Counter())) for n in nodes}
        self.pin = {n: pins[n] for n in nodes if n in pins}
        self.how: dict[str, tuple[str, str]] = {}  # node -> (rule, the node it joined)

    def find(self, node: str) -> str:
        """The root of the node's set."""
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def country(self, node: str) -> str | None:
        """The set's most observed country (ties: alphabetical), None when none is known."""
        counts = self.countries[self.find(node)]
        return min(counts, key=lambda c: (-counts[c], c)) if counts else None

    def union(self, into: str, node: str, rule: str) -> bool:
        """Join ``node``'s set to ``into``'s; False (and nothing done) when both are pinned to different ids."""
        a, b = self.find(into), self.find(node)
        if a == b:
            return True
        if a in self.pin and b in self.pin and self.pin[a] != self.pin[b]:
            return False
        root, child = (a, b) if a < b else (b, a)
        self.parent[child] = root
        self.countries[root] = self.countries[root] + self.countries.pop(child)
        if child in self.pin or root in self.pin:
            self.pin[root] = self.pin.get(root) or self.pin[child]
        self.how.setdefault(node, (rule, into))
        return True

    def groups(self) -> dict[str, list[str]]:
        """Root -> sorted member nodes."""
        out: dict[str, list[str]] = {}
        for node in sorted(self.parent):
            out.setdefault(self.find(node), []).append(node)
        return out

    def join_listed(self, forms: dict[str, str], dictionary: dict[str, list[str]], key: Callable[[str], str]) -> None:
        """Join every node whose name has the key of exactly one dictionary actor's name to that actor."""
        listed: dict[str, set[str]] = defaultdict(set)
        for dict_node, names in dictionary.items():
            for name in names:
                listed[key(name)].add(dict_node)
        for node, name in sorted(forms.items()):
            owners = listed.get(key(name), set())
            if len(owners) == 1:
                self.union(next(iter(owners)), node, "dictionary")

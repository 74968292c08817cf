"""Disjoint sets (union-find): the grouping step that origins, quotes and conflicts all share."""

from __future__ import annotations


class DisjointSets:
    """Items 0..n-1, each in its own set until joined."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The representative of i's set (with path halving, so chains stay short)."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        """Join b's set into a's."""
        self.parent[self.find(b)] = self.find(a)

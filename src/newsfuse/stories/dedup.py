"""Which articles are copies of one another (wire stories reprinted, syndicated pieces)?

Copies share an *origin*; corroboration counts origins, not articles, so a wire story printed by four
outlets counts once.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.text import words
from newsfuse.types import Article

SHINGLE = 5  # words per shingle
# Two texts are copies when this share of the shorter one's shingles appears in the other. Reprints
# are often trimmed or topped with a local lead, so containment (not Jaccard) is what we measure.
COPY_CONTAINMENT = 0.5


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    toks = words(text)
    if len(toks) < size:
        return {hash(" ".join(toks))} if toks else set()
    return {hash(" ".join(toks[i:i + size])) for i in range(len(toks) - size + 1)}


def containment(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def assign_origins(articles: Sequence[Article], threshold: float = COPY_CONTAINMENT) -> list[int]:
    """One origin number per article (0, 1, ...); copies of each other get the same number."""
    sets = [shingles(a.text) for a in articles]
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if containment(sets[i], sets[j]) >= threshold:
                parent[find(j)] = find(i)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(find(i), len(numbers)) for i in range(len(articles))]

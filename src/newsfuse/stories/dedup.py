"""Which articles are copies of one another (wire stories reprinted, syndicated pieces)?

Copies share an *origin*; corroboration counts origins, not articles, so a wire story printed by four
outlets counts once.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np

from newsfuse.disjoint import DisjointSets
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
    copies = DisjointSets(len(articles))
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            if containment(sets[i], sets[j]) >= threshold:
                copies.union(i, j)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(copies.find(i), len(numbers)) for i in range(len(articles))]


# --- streaming near-duplicates (MinHash LSH) ---------------------------------------------------------

# LSH candidates are looked for down to this Jaccard similarity: a reprint trimmed to 60% of the
# original has Jaccard 0.6 but containment 1.0, and two equal-length texts sharing half their shingles
# have Jaccard 0.33; below that nothing reaches COPY_CONTAINMENT.
LSH_JACCARD = 0.3
MINHASH_SEED = 1  # every process must hash with the same seed and scheme
MINHASH_SCHEME = "affine32"


class NearDuplicates:
    """Finds, among the articles added so far (and not evicted), one that the new article copies.

    Each candidate from the LSH index is checked by its estimated containment (Jaccard turned into
    the share of the shorter text's shingles found in the other, from the two sizes), the same
    measure `assign_origins` uses on exact shingle sets. Entries are evicted by day, so memory stays
    bounded on an endless stream; exact copies of older articles are still caught by the store's
    content hash.
    """

    def __init__(self, num_perm: int, threshold: float = COPY_CONTAINMENT) -> None:
        self.num_perm = num_perm
        self.threshold = threshold
        self._lsh = _BandIndex(*lsh_bands(LSH_JACCARD, num_perm))
        self._entries: dict[str, tuple[np.ndarray, int, int]] = {}  # key → (minhash, shingles, day)
        self._by_day: dict[int, list[str]] = {}
        self._order: dict[str, int] = {}  # insertion rank: the earliest copy is the original
        self._added = 0

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, sketch: np.ndarray, shingles: int) -> str | None:
        """The key of the earliest-added article this one copies (or is copied by), or None."""
        if shingles == 0 or not self._entries:
            return None
        best: tuple[int, str] | None = None
        assert len(sketch) == self.num_perm, "a MinHash of another size than the index's"
        for key in sorted(self._lsh.query(sketch)):
            other, other_shingles, _ = self._entries[key]
            if estimated_containment(sketch, shingles, other, other_shingles) >= self.threshold:
                rank = self._order[key]
                if best is None or rank < best[0]:
                    best = (rank, key)
        return best[1] if best else None

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def add(self, key: str, sketch: np.ndarray, shingles: int, day: int) -> None:
        if key in self._entries:
            return
        if shingles:  # an empty text copies nothing and nothing copies it
            self._lsh.insert(key, sketch)
        self._entries[key] = (sketch, shingles, day)
        self._order[key] = self._added
        self._added += 1
        self._by_day.setdefault(day, []).append(key)

    def evict_before(self, day: int) -> list[str]:
        """Forget the articles of days before `day`; returns their keys."""
        gone: list[str] = []
        for old in [d for d in self._by_day if d < day]:
            for key in self._by_day.pop(old):
                sketch, shingles, _ = self._entries.pop(key)
                if shingles:
                    self._lsh.remove(key, sketch)
                del self._order[key]
                gone.append(key)
        return gone


def estimated_containment(a: np.ndarray, size_a: int, b: np.ndarray, size_b: int) -> float:
    """|A ∩ B| / min(|A|, |B|) from two MinHashes and the set sizes."""
    jaccard = float(np.mean(a == b))
    common = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return min(1.0, common / max(1, min(size_a, size_b)))


@cache
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) for an LSH index down to Jaccard `threshold`, as datasketch's
    `MinHashLSH` chooses them (the pair that minimises the false positive and negative areas, weighed
    alike: 21 bands of 3 for 0.3 and 64 permutations), so that this index finds the candidates
    datasketch's would. Computed here: importing datasketch's index imports scipy.integrate, about
    a second of the stream driver's start (0.3–0.5 ms an article over 3,000). The areas are integrals
    of polynomials of degree b·r ≤ `num_perm`, which Gauss–Legendre quadrature on `num_perm` nodes
    gives exactly (up to rounding); tests/test_stories_dedup.py checks the choice against datasketch's."""
    nodes, node_weights = np.polynomial.legendre.leggauss(max(num_perm, 2))

    def area(lo: float, hi: float, b: int, r: int, positive: bool) -> float:
        s = (hi - lo) / 2 * nodes + (hi + lo) / 2
        caught = 1 - (1 - s ** float(r)) ** float(b)
        return float((hi - lo) / 2 * node_weights @ (caught if positive else 1 - caught))

    best, choice = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            error = 0.5 * area(0.0, threshold, b, r, True) + 0.5 * area(threshold, 1.0, b, r, False)
            if error < best:
                best, choice = error, (b, r)
    return choice


class _BandIndex:
    """MinHash LSH: keys whose sketches agree on all rows of any one band are candidates. Plain
    dicts of band bytes (datasketch's index byte-swapped and re-wrapped every band of every call:
    a quarter of the stream driver's time, words only). A sketch's bands are cut from its bytes once
    (slicing bytes, not numpy views: the same keys at a fraction of the cost) and kept for its removal."""

    def __init__(self, bands: int, rows: int) -> None:
        self._rows = rows
        self._ranges = range(0, bands * rows, rows)
        self._tables: list[dict[bytes, set[str]]] = [{} for _ in range(bands)]
        self._held: dict[str, list[bytes]] = {}

    def _keys(self, sketch: np.ndarray) -> list[bytes]:
        raw = np.ascontiguousarray(sketch).tobytes()
        size = sketch.itemsize * self._rows
        return [raw[lo * sketch.itemsize:lo * sketch.itemsize + size] for lo in self._ranges]

    def insert(self, key: str, sketch: np.ndarray) -> None:
        bands = self._held[key] = self._keys(sketch)
        for table, band in zip(self._tables, bands, strict=True):
            table.setdefault(band, set()).add(key)

    def query(self, sketch: np.ndarray) -> set[str]:
        out: set[str] = set()
        for table, band in zip(self._tables, self._keys(sketch), strict=True):
            out.update(table.get(band, ()))
        return out

    def remove(self, key: str, sketch: np.ndarray) -> None:
        bands = self._held.pop(key, None) or self._keys(sketch)
        for table, band in zip(self._tables, bands, strict=True):
            keys = table.get(band)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del table[band]

"""The similarity of two clusters of articles: the one measure every grouping decision reads.

A cluster is read as the sums it is made of (`Parts`): an open story's sums, a chunk's new articles'
unit vectors, or both. The average link of two clusters is the sum of their members' pairwise
similarities over the number of pairs that count (`Links.between`), less the hubness correction
(`corrected`). The chunk's agglomeration (`stories.group`), the merging of two live stories and the
re-clustering of one story's members (`stories.reconcile`) all call this, so a story merged after
the fact is merged on exactly the evidence that would have merged it in one batch.

What the similarity is (words, embeddings, across languages, hubness) is documented in
`stories.group`; this module only computes it over sums.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from newsfuse.config import Grouping
from newsfuse.stories.features import LANGUAGE_SLOTS, TERM_SPACE
from newsfuse.stories.languages import ANCHOR_SPACE, MIXED, language_of, language_rows

# A pair where one side has no embedding is compared by its TF-IDF cosine × WORDS_SCALE, on the
# blended scale: on the Multi-News dev articles words alone do best at a cosine of 0.20 (0.926 /
# 0.912 / 0.917 B-cubed F1 in file order and two random orders) and blended at 0.28, hence
# WORDS_SCALE = 0.28 / 0.20. See docs/benchmarks-stories.md.
WORDS_SCALE = 1.4
UNDATED_FIRST, UNDATED_LAST = 1 << 40, -(1 << 40)  # the span of a cluster with no dated member


def _empty_i() -> list[np.ndarray]:
    return []


@dataclass(slots=True)
class Parts:
    """A cluster as the similarity reads it: its size and the sums it adds up. The order of the
    parts is the order they are added in (it fixes the floating-point sums)."""

    size: int
    terms: list[np.ndarray] = field(default_factory=_empty_i)  # term ids and their `u` weights, per part
    weights: list[np.ndarray] = field(default_factory=_empty_i)
    anchor_terms: list[np.ndarray] = field(default_factory=_empty_i)  # tagged with their language
    anchor_weights: list[np.ndarray] = field(default_factory=_empty_i)
    vectors: list[np.ndarray] = field(default_factory=_empty_i)  # embedding sums; an empty one: a part not embedded
    # cross-model vectors (an article's) and per-language sums (a story's rows); empty ones are skipped
    xvectors: list[np.ndarray] = field(default_factory=_empty_i)


def rows_matrix(terms: list[np.ndarray], weights: list[np.ndarray], width: int = TERM_SPACE) -> sp.csr_matrix:
    """One sparse row per (term ids, weights) pair, over the hashed term space (`width`: wider, for
    ids tagged with a language, `language_anchors`); a term id given twice in a row adds up (a
    story's sums plus its new members' vectors)."""
    indptr = np.zeros(len(terms) + 1, np.int64)
    indptr[1:] = np.cumsum([len(t) for t in terms])
    indices = np.concatenate(terms) if terms else np.zeros(0, np.int32)
    data = np.concatenate(weights) if weights else np.zeros(0, np.float32)
    matrix = sp.csr_matrix((data, indices, indptr), shape=(len(terms), width))
    matrix.sum_duplicates()
    return matrix


def sum_terms(terms: list[np.ndarray], weights: list[np.ndarray], max_terms: int) -> tuple[np.ndarray, np.ndarray]:
    """Sparse vectors added up (a term in several adds its weights), the `max_terms` heaviest kept."""
    if not any(len(t) for t in terms):
        return np.zeros(0, np.int32), np.zeros(0, np.float32)
    ids, inverse = np.unique(np.concatenate(terms), return_inverse=True)
    sums = np.bincount(inverse, weights=np.concatenate(weights)).astype(np.float32)
    if len(ids) > max_terms:
        keep = np.sort(np.argpartition(sums, -max_terms)[-max_terms:])
        ids, sums = ids[keep], sums[keep]
    return ids.astype(np.int32), sums


def normalised(terms: np.ndarray, weights: np.ndarray, idf: np.ndarray, raw_idf: np.ndarray) -> np.ndarray:
    """An article's term weights divided by their TF-IDF norm: `u·idf²·u'` is then a cosine."""
    norm = _norm(weights * idf[terms])
    if norm == 0.0:
        # Nothing shared with any other article yet: keep its terms for later articles to match.
        norm = _norm(weights * raw_idf[terms]) or 1.0
    return (weights / norm).astype(np.float32)


def _norm(v: np.ndarray) -> float:
    # What np.linalg.norm computes for a real vector (the square root of its dot with itself), without
    # its checks: this runs for every member of every changed story, every chunk.
    return float(np.sqrt(v.dot(v)))


def _cat(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.zeros(0, dtype)


@dataclass(slots=True)
class CrossSums:
    """One side's signals across languages, read once: each cluster's cross-model sum over all its
    members (`width` = the model's dim + 1 + 2 × LANGUAGE_SLOTS), its per-language sums (slot →
    (cluster indices, their rows)), and its number anchors folded (every language) and tagged (per
    language, `stories.languages`)."""

    width: int
    total: np.ndarray
    languages: dict[int, tuple[np.ndarray, np.ndarray]]
    numbers: sp.csr_matrix
    tagged: sp.csr_matrix


@dataclass(slots=True)
class Side:
    """One side of a similarity block, read once: each cluster's summed term row and embedding."""

    parts: list[Parts]
    rows: sp.csr_matrix
    vectors: np.ndarray  # each cluster's embedding sum (zeros where it has none)
    embedded: np.ndarray  # whether every member is embedded
    sizes: np.ndarray
    cross: CrossSums | None = None  # read when first needed


class Links:
    """Average-link sums between clusters under one chunk's IDF and the grouping settings."""

    def __init__(self, idf2: np.ndarray, cfg: Grouping, cross_on: bool) -> None:
        self.idf2 = idf2  # IDF squared: u·idf²·u' is a cosine
        self.cfg = cfg
        self.cross_on = cross_on  # whether the signals across languages are computed at all

    def side(self, parts: Sequence[Parts]) -> Side:
        parts = list(parts)
        rows = rows_matrix([_cat(p.terms, np.int32) for p in parts], [_cat(p.weights, np.float32) for p in parts])
        sums, has = [], []
        for p in parts:
            has.append(all(len(v) for v in p.vectors))
            sums.append(np.sum(p.vectors, axis=0) if has[-1] else None)
        dim = next((len(v) for v in sums if v is not None), 0)
        vectors = np.array([v if v is not None else np.zeros(dim) for v in sums], np.float64).reshape(len(parts), dim)
        return Side(parts, rows, vectors, np.array(has, bool), np.array([p.size for p in parts]))

    def words(self, left: Side, right: Side, weighed: sp.spmatrix | None = None) -> np.ndarray:
        """Summed pair TF-IDF cosines of each left cluster with each right one. `weighed`: `right.rows`
        × IDF², transposed, when the caller has it already."""
        if weighed is not None:
            return np.asarray((left.rows @ weighed).toarray())
        return weighed_dot(left.rows, right.rows, self.idf2)

    def between(self, left: Side, right: Side, weighed: sp.spmatrix | None = None,
                words: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Summed pair similarities of each left cluster with each right one, and how many pairs they
        count as: words and embeddings where both sides are embedded (all English, for MiniLM);
        elsewhere the words, with the signals across languages when the stream has them.
        `weighed`: as `words`; `words`: `self.words(left, right)`, when the caller has it already
        (`within` reads the same block: computed once, the sparse product is the costly part)."""
        words = self.words(left, right, weighed) if words is None else words
        both = left.embedded[:, None] & right.embedded[None, :]
        weight = self.cfg.embed_weight
        alone = (self._cross(left, right, words) if not both.all() and self.cross_on
                 else (words * WORDS_SCALE, np.outer(left.sizes, right.sizes).astype(np.float64)))
        if not weight or not both.any():
            return alone
        return (np.where(both, (1 - weight) * words + weight * (left.vectors @ right.vectors.T), alone[0]),
                np.where(both, np.outer(left.sizes, right.sizes), alone[1]))

    def within(self, left: Side, right: Side, weighed: sp.spmatrix | None = None,
               words: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """`between` without the signals across languages: words, blended with the embedding where
        both sides are embedded. One scale for every pair whatever its languages, which is what the
        hubness excess reads (`stories.group.hub_excess`): the cross model's term (up to
        `cross_weight` × (1 − `cross_floor`), 2.0) would put a report with a translation in the
        chunk on another scale than its neighbours, raise the chunk's median and lift every loner."""
        return Links(self.idf2, self.cfg, False).between(left, right, weighed, words) if self.cross_on \
            else self.between(left, right, weighed, words)

    def _cross(self, left: Side, right: Side, words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Summed pair similarities where languages may differ (see `config.Grouping`), and how many
        pairs they count as: words, plus, over the pairs of two different languages only
        (`stories.languages`), the cross model's cosine less its floor where it reads both and the
        numbers' cosine; a pair that can be compared (same language, or both read by the cross
        model) counts one, a pair of two languages the model reads one of at most `cross_unread`:
        such a pair says little either way, and must not outvote the rest."""
        cfg = self.cfg
        pairs = np.outer(left.sizes, right.sizes).astype(np.float64)
        xl, xr = _cross_sums(left), _cross_sums(right)
        if xl.width and xr.width:
            dim = xl.width - 1 - 2 * LANGUAGE_SLOTS
            (ul, rl, hrl, hul), (ur, rr, hrr, hur) = (
                (x[:, :dim], x[:, dim], x[:, dim + 1:dim + 1 + LANGUAGE_SLOTS], x[:, dim + 1 + LANGUAGE_SLOTS:])
                for x in (xl.total, xr.total))
            # Two clusters of one and the same language are compared by their words (the cross signals
            # add nothing to them, but a story kept before per-language sums would).
            hl, hr = hrl + hul, hrr + hur
            one_l, one_r = (hl > 0).sum(axis=1) == 1, (hr > 0).sum(axis=1) == 1
            alike = one_l[:, None] & one_r[None, :] & (hl.argmax(axis=1)[:, None] == hr.argmax(axis=1)[None, :])
            if alike.all():  # every pair of one language (a block of one story's members): words alone
                return words * WORDS_SCALE, pairs
        numbers = weighed_dot(xl.numbers, xr.numbers, self.idf2) - weighed_dot(xl.tagged, xr.tagged, self.idf2)
        out = words * WORDS_SCALE + cfg.anchor_weight * numbers
        if not (xl.width and xr.width):
            return out, pairs
        same_cosine, same_read = _same_language(xl, xr, dim)
        out += cfg.cross_weight * (ul @ ur.T - same_cosine - cfg.cross_floor * (np.outer(rl, rr) - same_read))
        same = (hrl + hul) @ (hrr + hur).T
        read = np.outer(rl, rr) - hrl @ hrr.T
        total = np.outer((hrl + hul).sum(axis=1), (hrr + hur).sum(axis=1))
        # Members from before the cross signal (a store's older stories) count one a pair.
        counted = same + read + cfg.cross_unread * (total - same - read) + (pairs - total)
        apart = (counted > 0) & ~alike
        return np.where(apart, out, words * WORDS_SCALE), np.where(apart, counted, pairs)


def weighed_dot(left: sp.csr_matrix, right: sp.csr_matrix, idf2: np.ndarray) -> np.ndarray:
    """left · IDF² · rightᵀ over the terms the two sides use (not the whole hashed space: a few
    stories or members are compared many times a chunk). A term id tagged with a language
    (`stories.languages`) is weighed as its term."""
    used = np.union1d(left.indices, right.indices)
    if not len(used):
        return np.zeros((left.shape[0], right.shape[0]))
    compact = [sp.csr_matrix((m.data, np.searchsorted(used, m.indices), m.indptr), shape=(m.shape[0], len(used)))
               for m in (left, right)]
    weighed = compact[1].multiply(idf2[used % TERM_SPACE][None, :]).T.tocsc()
    return np.asarray((compact[0] @ weighed).toarray())


def _cross_sums(side: Side) -> CrossSums:
    if side.cross is None:
        side.cross = cross_sums(side.parts)
    return side.cross


def cross_sums(parts: Sequence[Parts]) -> CrossSums:
    """Each cluster's signals across languages (`CrossSums`)."""
    rows = [language_rows(p.xvectors) for p in parts]
    width = next((r.shape[1] for r in rows if r.size), 0)
    total = np.zeros((len(parts), width))
    found: dict[int, tuple[list[int], list[np.ndarray]]] = {}
    for i, r in enumerate(rows):
        if not r.size:
            continue
        total[i] = r.sum(axis=0)
        for row in r:
            k = language_of(row)
            if k != MIXED:
                found.setdefault(k, ([], []))
                found[k][0].append(i)
                found[k][1].append(row)
    languages = {k: (np.array(ix), np.array(rs, np.float64)) for k, (ix, rs) in found.items()}
    terms = [_cat(p.anchor_terms, np.int32) for p in parts]
    weights = [_cat(p.anchor_weights, np.float32) for p in parts]
    numbers = rows_matrix([t % TERM_SPACE for t in terms], weights)
    tagged = rows_matrix([t[t >= TERM_SPACE] for t in terms], [w[t >= TERM_SPACE] for t, w in zip(terms, weights, strict=True)],
                         ANCHOR_SPACE)
    return CrossSums(width, total, languages, numbers, tagged)


def _same_language(left: CrossSums, right: CrossSums, dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Over the pairs of one language: the summed cross-model cosines, and how many pairs the model
    reads (a story's row of several languages, kept from before, takes part in neither)."""
    shape = (len(left.total), len(right.total))
    cosine, read = np.zeros(shape), np.zeros(shape)
    for k in sorted(left.languages.keys() & right.languages.keys()):
        (il, rows_l), (ir, rows_r) = left.languages[k], right.languages[k]
        block = np.ix_(il, ir)
        cosine[block] += rows_l[:, :dim] @ rows_r[:, :dim].T
        read[block] += np.outer(rows_l[:, dim], rows_r[:, dim])
    return cosine, read


def corrected(block: np.ndarray, counts: np.ndarray, hub_weight: float, left: tuple[np.ndarray, np.ndarray],
              right: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Summed pair similarities less `hub_weight` × the mean excess of each pair (per pair that
    counts); `left`, `right`: each cluster's (summed hubness excess, size)."""
    if not hub_weight:
        return block
    (hubs_l, sizes_l), (hubs_r, sizes_r) = left, right
    pairs = np.outer(sizes_l, sizes_r)
    return block - hub_weight / 2 * (np.outer(hubs_l, sizes_r) + np.outer(sizes_l, hubs_r)) \
        * (counts / np.maximum(pairs, 1))


def averages(sums: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Average links; -inf where no pair counts."""
    return np.divide(sums, counts, out=np.full(sums.shape, -np.inf), where=counts > 0)

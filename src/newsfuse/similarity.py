"""Sentence-to-sentence similarity without an N×N matrix, for briefs too long for one.

Claims and the summary compare every sentence with every other. Up to `DENSE_LIMIT` sentences that
is one matrix product (4,000² float32 is 64 MB) and the results are exactly what they always were.
Beyond it, `similarities` returns a `LazySims`: the same indexing (`sims[i, j]`, `sims[i, group]`,
`sims[np.ix_(a, b)]`) computed from the vectors on demand, candidate pairs found block by block as
each sentence's `NEIGHBOURS` nearest sentences of other articles, and cross-source centrality
computed exactly from per-article vector sums (mean of dot products = dot product of means). Memory
is O(N·d + block·N) instead of O(N²); time for the pairs is still O(N²·d) multiply-adds, which BLAS
does in seconds for 10,000 sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

DENSE_LIMIT = 4_000  # sentences; at or below this the full matrix is used (results unchanged)
NEIGHBOURS = 32  # candidate pairs kept per sentence beyond the limit
BLOCK = 1_024  # rows of the similarity matrix computed at once (BLOCK × N float32)


class LazySims:
    """The rows and cells of `vectors @ vectors.T`, computed when asked for."""

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = np.asarray(vectors, dtype=np.float32)
        self.shape = (len(self.vectors), len(self.vectors))

    def __len__(self) -> int:
        return len(self.vectors)

    def __getitem__(self, key: Any) -> Any:
        rows, cols = key
        if isinstance(rows, np.ndarray) and rows.ndim == 2:  # np.ix_(a, b)
            return self.vectors[rows.ravel()] @ self.vectors[np.asarray(cols).ravel()].T
        if isinstance(rows, int | np.integer) and isinstance(cols, int | np.integer):
            return float(self.vectors[int(rows)] @ self.vectors[int(cols)])
        return self.vectors[rows] @ self.vectors[cols].T

    def cross_source_centrality(self, articles: Sequence[str]) -> np.ndarray:
        """Each sentence's mean similarity to the sentences of other articles, from vector sums."""
        labels = np.array(articles)
        _, group = np.unique(labels, return_inverse=True)
        vectors = self.vectors.astype(np.float64)
        sums = np.zeros((group.max() + 1, vectors.shape[1])) if len(vectors) else np.zeros((0, 0))
        np.add.at(sums, group, vectors)
        counts = np.bincount(group)
        others = vectors.sum(axis=0) - sums[group]
        n_other = len(vectors) - counts[group]
        return (np.einsum("ij,ij->i", vectors, others) / np.maximum(n_other, 1)).astype(float)

    def candidate_pairs(self, threshold: float, articles: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(i, j), i < j, of sentences of different articles at or above `threshold`, each sentence
        keeping its `NEIGHBOURS` closest."""
        labels = np.unique(np.array(articles), return_inverse=True)[1]
        n = len(self.vectors)
        k = min(NEIGHBOURS, max(n - 1, 1))
        found_i: list[np.ndarray] = []
        found_j: list[np.ndarray] = []
        for lo in range(0, n, BLOCK):
            block = self.vectors[lo:lo + BLOCK] @ self.vectors.T
            block[labels[lo:lo + BLOCK, None] == labels[None, :]] = -np.inf  # same article: never a pair
            top = np.argpartition(-block, k - 1, axis=1)[:, :k] if k < n else np.argsort(-block, axis=1)
            rows = np.repeat(np.arange(lo, lo + len(block)), top.shape[1])
            cols = top.ravel()
            keep = block[rows - lo, cols] >= threshold
            found_i.append(rows[keep])
            found_j.append(cols[keep])
        if not found_i:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        ii, jj = np.concatenate(found_i), np.concatenate(found_j)
        pairs = np.unique(np.stack([np.minimum(ii, jj), np.maximum(ii, jj)], axis=1), axis=0)
        return pairs[:, 0], pairs[:, 1]


def similarities(vectors: np.ndarray) -> np.ndarray | LazySims:
    """The full matrix for up to `DENSE_LIMIT` sentences, a `LazySims` beyond."""
    if len(vectors) <= DENSE_LIMIT:
        return vectors @ vectors.T
    return LazySims(vectors)


def candidate_pairs(sims: np.ndarray | LazySims, threshold: float, articles: Sequence[str]
                    ) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(sims, LazySims):
        return sims.candidate_pairs(threshold, articles)
    ii, jj = np.nonzero(np.triu(sims, 1) >= threshold)
    return ii, jj

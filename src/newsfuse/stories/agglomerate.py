"""Average-link agglomeration of one chunk's articles together with the stories already open.

The clusters to merge start as the open stories ("anchored": they keep their id, and two of them
never merge, so a story once shown is never silently folded into another) and the chunk's articles
(alone, or as groups of copies). The most similar pair whose average similarity reaches the
threshold merges, again and again, as in batch agglomerative clustering. Only the sums of pairwise
similarities are needed: the average link of a union is the size-weighted mean of its parts'
(Lance-Williams), so a story of 40 articles enters as one row, not 40.

Why not assign each article, in turn, to its best story: that greedy pass lets whichever article
comes first decide where the next ones go. On the Multi-News story set, words only, the greedy
stream scored 0.909 / 0.911 / 0.907 B-cubed F1 (file order, two random orders) where this scores
0.926 / 0.917 / 0.918 (docs/benchmarks-stories.md).
"""

from __future__ import annotations

import numpy as np


def average_link(sums: np.ndarray, sizes: np.ndarray, anchored: np.ndarray, first: np.ndarray, last: np.ndarray,
                 *, threshold: float, quiet: int, weights: np.ndarray | None = None,
                 gap_weight: float = 0.0, apart: np.ndarray | None = None) -> np.ndarray:
    """For each starting cluster, the index of the cluster it ends in.

    `sums[i, j]`: the sum of the similarities between the members of i and those of j (symmetric;
    the diagonal is ignored); `sizes`: members per cluster; `first`/`last`: each cluster's span in
    days, first after last for a cluster none of whose members is dated. Two clusters merge only if
    their average similarity (less the date term, below) reaches `threshold` and at most one of them
    is anchored (a cluster with no dated member is within any span). Ties go to the lower index, so
    the result depends only on the input.

    `weights[i, j]`: how many pairs `sums[i, j]` is the sum of, when pairs do not all count one
    (across languages some say less, `stories.group`); the average is then `sums / weights`, and
    both add up as clusters merge. None: `sizes[i] × sizes[j]`.

    `gap_weight`: 0, dated spans more than `quiet` days apart never merge; else they may, at a price
    taken off their average: `gap_weight` per `quiet` days beyond the first `quiet` (log-odds of one
    event falling linearly with time), the date term of the story pair model
    (`benchmarks/train_story_pairs.py`). Reports of one event come weeks, months, even years apart (a
    trial after a shooting: in the ECB+ gold every pair of dated reports inside a topic is one event,
    up to two years apart), and what tells two events of one kind apart is what they say, not when:
    at the default (0.001 per 7 days) two years cost 0.10, ten years 0.52.

    `apart[i, j]`: clusters that must not merge, whatever their link (two stories whose figures
    contradict, `stories.figures`); a union stays apart from what either part was apart from.
    """
    n = len(sizes)
    root = np.arange(n)
    if n < 2:
        return root
    sums = np.array(sums, dtype=np.float64)
    size = sizes.astype(np.float64)
    counts = np.outer(size, size) if weights is None else np.array(weights, dtype=np.float64)
    first, last = first.astype(np.int64), last.astype(np.int64)
    anchored = anchored.astype(bool)
    alive = np.ones(n, bool)
    never = np.zeros((n, n), bool) if apart is None else np.array(apart, dtype=bool)

    def scores(rows: np.ndarray) -> np.ndarray:
        """Average similarity of each of `rows` to every cluster, -inf where a merge is not allowed."""
        # A pair of clusters with no pair that counts has no average: it cannot merge.
        out = np.divide(sums[rows], counts[rows], out=np.full((len(rows), n), -np.inf), where=counts[rows] > 0)
        allowed = alive[None, :] & ~(anchored[rows, None] & anchored[None, :]) & ~never[rows]
        gap = np.maximum(first[rows, None], first[None, :]) - np.minimum(last[rows, None], last[None, :])
        undated = first > last
        dated = ~(undated[rows, None] | undated[None, :])
        if gap_weight:
            out = out - np.where(dated, gap_weight * np.maximum(gap - quiet, 0) / quiet, 0.0)
        else:
            allowed &= (gap <= quiet) | ~dated
        allowed[np.arange(len(rows)), rows] = False
        return np.where(allowed, out, -np.inf)

    score = scores(np.arange(n))
    best = score.argmax(axis=1)
    best_score = score[np.arange(n), best]
    while True:
        i = int(best_score.argmax())
        if best_score[i] < threshold:
            break
        j = int(best[i])
        keep, drop = (j, i) if anchored[j] or (j < i and not anchored[i]) else (i, j)
        sums[keep] += sums[drop]
        sums[:, keep] = sums[keep]
        counts[keep] += counts[drop]
        counts[:, keep] = counts[keep]
        size[keep] += size[drop]
        first[keep] = min(first[keep], first[drop])
        last[keep] = max(last[keep], last[drop])
        anchored[keep] |= anchored[drop]
        never[keep] |= never[drop]
        never[:, keep] = never[keep]
        alive[drop] = False
        root[root == drop] = keep
        score[drop] = -np.inf
        score[:, drop] = -np.inf
        best_score[drop] = -np.inf
        score[keep] = scores(np.array([keep]))[0]
        score[:, keep] = score[keep]
        # Rows whose best partner was one of the pair must look again; the rest only compare with `keep`.
        stale = alive & ((best == keep) | (best == drop))
        stale[keep] = True
        rows = np.flatnonzero(stale)
        best[rows] = score[rows].argmax(axis=1)
        best_score[rows] = score[rows, best[rows]]
        better = alive & ~stale & (score[:, keep] > best_score)
        best[better] = keep
        best_score[better] = score[better, keep]
    return root

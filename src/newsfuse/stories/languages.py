"""A story's signals across languages, kept per language, so that they count only across languages.

The cross model's cosine and the numbers' cosine (`stories.links`) say that two reports in two
languages tell one event; between two reports in one language the words (and the in-language
embedder) already say it, better. A story that has gained a French report must not compare its
English members with the English reports of another event through the cross model: that would let
a multilingual model that cannot tell two earthquakes apart merge them. So a story keeps its
members' cross-model vectors summed per language (one row each; a story usually holds one or two
languages) and its number anchors tagged with their language, and the similarity subtracts the
same-language part of each product: what is left is the sum over pairs in two different languages.

A language is its slot (`features.LANGUAGE_SLOTS`, crc32 of its code), read from the row itself: a
row holds one language's members, whose counts sit in that slot. A story kept before these sums
(store schema < 9) holds all its languages in one row, and its anchors untagged: its pairs are
compared as before, the cross signals over every pair.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsfuse.stories.features import LANGUAGE_SLOTS, TERM_SPACE

# Number anchors tagged with their language: id + (slot + 1) × TERM_SPACE; an untagged id (below
# TERM_SPACE) is one of a story kept before the tags. Fits in int32 (33 × 2²⁰).
ANCHOR_SPACE = (LANGUAGE_SLOTS + 1) * TERM_SPACE
MIXED = -1  # the language of a row that holds several (a story kept before per-language sums)


def language_of(row: np.ndarray) -> int:
    """The language slot of a cross-model vector or per-language sum (`features.cross_vector`):
    where its members are counted, read or not by the model; `MIXED` for a row of several."""
    counts = row[-2 * LANGUAGE_SLOTS:-LANGUAGE_SLOTS] + row[-LANGUAGE_SLOTS:]
    held = counts.nonzero()[0]  # flatnonzero, without its ravel: a row is 1-D
    return int(held[0]) if len(held) == 1 else MIXED


def language_rows(xvectors: Sequence[np.ndarray]) -> np.ndarray:
    """Cross-model vectors (an article's, 1-D) and per-language sums (a story's, one row per
    language) added up per language: float32 rows in slot order (`MIXED` first); (0, 0) when none."""
    sums: dict[int, np.ndarray] = {}
    for x in xvectors:
        if not x.size:
            continue
        for row in np.atleast_2d(x):
            k = language_of(row)
            sums[k] = sums[k] + row if k in sums else row.astype(np.float64)
    if not sums:
        return np.zeros((0, 0), np.float32)
    return np.array([sums[k] for k in sorted(sums)], np.float32)


def language_anchors(anchors: np.ndarray, xvector: np.ndarray) -> np.ndarray:
    """An article's number anchor ids tagged with its language (read from its cross vector; left
    as they are when it has none). The order is kept: the tag adds a constant."""
    if not len(xvector) or not len(anchors):
        return anchors
    k = language_of(xvector)
    return anchors if k == MIXED else (anchors + (k + 1) * TERM_SPACE).astype(np.int32)

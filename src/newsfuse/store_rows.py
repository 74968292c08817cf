"""What one chunk writes to the store, as plain rows (`Store.commit_chunk` takes a `ChunkWrite`).

Apart from `store` to keep that module to the SQL; it computes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from newsfuse.types import Article


@dataclass(slots=True)
class ArticleRow:
    article: Article
    content_hash: str
    day: int
    story: int
    copy_of: str
    minhash: np.ndarray
    shingles: int

    def values(self) -> tuple[object, ...]:
        a = self.article
        removed = json.dumps([{"text": r.text, "reason": r.reason, "line": r.line, "detail": r.detail}
                              for r in a.removed], ensure_ascii=False)
        return (a.id, a.outlet, a.url, a.title, a.published.isoformat() if a.published else None, a.language,
                a.origin, a.text, removed, a.outlet_from, a.published_from, self.content_hash, self.day,
                self.story, self.copy_of, self.minhash.astype(np.uint32).tobytes(), self.shingles, a.wire)


@dataclass(slots=True)
class StoryWrite:
    id: int
    title: str
    size: int
    first_day: int
    last_day: int
    joinable: bool
    terms: np.ndarray
    weights: np.ndarray
    vector: np.ndarray
    hub: float
    xvector: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))  # per-language rows
    anchor_terms: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    anchor_weights: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))


def pack_terms(terms: np.ndarray, weights: np.ndarray) -> bytes:
    """A sparse vector as one blob: the int32 ids, then their float32 weights."""
    return terms.astype(np.int32).tobytes() + weights.astype(np.float32).tobytes()


def unpack_terms(blob: bytes) -> tuple[np.ndarray, np.ndarray]:
    half = len(blob) // 2
    return np.frombuffer(blob[:half], np.int32).copy(), np.frombuffer(blob[half:], np.float32).copy()


@dataclass(slots=True)
class ChunkWrite:
    articles: list[ArticleRow] = field(default_factory=list)
    aliases: list[tuple[str, str, str]] = field(default_factory=list)  # (duplicate id, stored id, reason)
    stories: list[StoryWrite] = field(default_factory=list)
    outlets: dict[int, list[str]] = field(default_factory=dict)
    df_terms: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    df_counts: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    meta: dict[str, object] = field(default_factory=dict)
    first_story: int | None = None  # the `next_story` the chunk's story ids were given from
    at: str | None = None  # when the stories' versions are dated (UTC ISO 8601); None: the commit's time
    # Stories the grouper reconciled after the chunk (stories.reconcile): (merged story, the story it
    # merged into), and (new story, the story it split from, the earlier articles that moved to it).
    merged: list[tuple[int, int]] = field(default_factory=list)
    split: list[tuple[int, int, list[str]]] = field(default_factory=list)


def unpack_rows(blob: bytes, rows: int) -> np.ndarray:
    """A story's per-language cross-model sums, `rows` float32 rows in one blob; (0, 0) when none."""
    values = np.frombuffer(blob, np.float32).copy()
    return values.reshape(rows, -1) if rows and values.size else np.zeros((0, 0), np.float32)

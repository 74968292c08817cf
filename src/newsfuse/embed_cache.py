"""Sentence vectors remembered across briefs: a story that grows by one article is re-briefed by
embedding that article's sentences only.

A story is briefed again and again as it develops (`newsfuse changes` briefs it before and after
each window, the web app after each ingest), and all but its newest sentences were embedded last
time. Embedding is the costly stage of a brief on CPU, so `CachedEmbedder` keeps the vectors of the
sentences it has seen (LRU, bounded) and embeds only the others; spaCy parses are kept the same way
by `facts.nlp`. The cross-article stages (claims, conflicts, summary) are recomputed: they are the
cheap part, and they must see the whole story.

The vectors are the ones the model gave when the sentence was first embedded. An int8 model's
vectors move by rounding noise with the batch a sentence is embedded in; reusing them makes two
briefs of one story agree on every sentence they share, which is what a diff of the two wants.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from newsfuse.embed import Embedder

# 20,000 MiniLM vectors are 30 MB: the sentences of a few hundred articles, as many as the parse
# cache keeps (facts.nlp.CACHE_SIZE).
CACHE_SIZE = 20_000


class CachedEmbedder:
    """`inner` with a memory of the vectors it gave (thread-safe: the web app briefs in threads)."""

    def __init__(self, inner: Embedder, size: int = CACHE_SIZE) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.size = size
        self.hits = 0
        self.misses = 0
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            todo = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        # Embedded outside the lock: another brief may read the cache meanwhile (a text two briefs
        # both miss is embedded twice, which is harmless).
        fresh = self.inner.embed(todo) if todo else np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            for text, row in zip(todo, fresh, strict=True):
                self._vectors[text] = row
            found = {t: self._vectors[t] for t in texts if t in self._vectors}
            for t in found:
                self._vectors.move_to_end(t)
            self.hits += len(texts) - len(todo)
            self.misses += len(todo)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # A text evicted between the two locks (a cache smaller than one brief) comes from `fresh`.
        own = dict(zip(todo, fresh, strict=True))
        return np.stack([found[t] if t in found else own[t] for t in texts]).astype(np.float32, copy=False)


_shared: dict[int, CachedEmbedder] = {}
_shared_lock = threading.Lock()


def cached(inner: Embedder) -> CachedEmbedder:
    """The one cache of this process for `inner` (load_embedder gives one embedder per name)."""
    if isinstance(inner, CachedEmbedder):
        return inner
    with _shared_lock:
        found = _shared.get(id(inner))
        if found is None or found.inner is not inner:
            found = _shared[id(inner)] = CachedEmbedder(inner)
        return found

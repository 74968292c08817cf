"""A story's sentences parsed for the fact extractors: every sentence for its entities, and in full
the sentences an extractor reads the syntax of (`parse_needs`).

The extractors all read the same parsed sentences (`Parsed`), so a story is parsed once, and a
sentence printed by several outlets (wire copies) once. spaCy runs on one core while the sentence
embedder (onnxruntime, which releases the GIL) leaves the other partly idle, so the pipeline parses a
story's sentences in a background thread (`prefetch`) while it embeds them: the same calls on the
same texts, only earlier, so the docs and everything read from them are the same.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from newsfuse.facts.nlp import (
    CACHE_SIZE,
    DEFAULT_MODEL,
    DEFAULT_MODELS,
    Parsed,
    load_nlp,
    model_for,
    parse_texts,
)
from newsfuse.facts.parse_needs import needs_syntax
from newsfuse.text import split_sentences
from newsfuse.types import Sentence, Source


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


def _parse_group(group: Sequence[Source], name: str, english: bool) -> list[Parsed]:
    """The sentences of sources that one pipeline reads. English ones (the rules of `parse_needs` are
    English) are parsed for their entities first, then in full where an extractor reads more."""
    pairs = _pairs(group)
    lang = {src.article.id: src.article.language for src in group}
    texts = [s.text for _, s in pairs]
    docs = parse_texts(texts, name, full=not english)
    parsed = [Parsed(aid, s, d, lang.get(aid, "")) for (aid, s), d in zip(pairs, docs, strict=True)]
    if not english:
        return parsed
    # A sentence two outlets print keeps one doc: in full wherever one of its copies needs it.
    wanted = list(dict.fromkeys(p.text for p, n in zip(parsed, needs_syntax(parsed), strict=True) if n))
    full = dict(zip(wanted, parse_texts(wanted, name), strict=True))
    return [Parsed(p.source, p.sentence, full[p.text], p.lang) if p.text in full else p for p in parsed]


def parse_sources(sources: Sequence[Source], model: str = DEFAULT_MODEL,
                  models: str = DEFAULT_MODELS) -> list[Parsed]:
    """Every sentence of every source, parsed by its language's pipeline, in source then sentence order.
    The English model is loaded whatever the languages: a missing one is reported however the story reads."""
    load_nlp(model)
    out: dict[str, list[Parsed]] = {}
    for name, group in _by_model(sources, model, models).items():
        for p in _parse_group(group, name, english=name == model):
            out.setdefault(p.source, []).append(p)
    return [p for src in sources for p in out.pop(src.article.id, [])]


def prefetch(stories: Sequence[Sequence[Source]], model: str = DEFAULT_MODEL,
             after: threading.Thread | None = None, models: str = DEFAULT_MODELS) -> threading.Thread:
    """Parse the stories' sentences into the cache in a background thread, story by story, exactly as
    `parse_sources` will, so that call then finds them all.

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
                    budget -= len(_pairs(group))
                    if budget < 0:
                        return
                    _parse_group(group, name, english=name == model)
        except Exception:  # a warm-up only: the facts stage parses again and reports the error
            return

    thread = threading.Thread(target=run, name="newsfuse-spacy-prefetch", daemon=True)
    thread.start()
    return thread

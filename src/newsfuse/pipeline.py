"""The brief pipeline: articles in, one Brief out. Stages run in order; each is timed.

`brief()` is the library entry point; `brief_many()` briefs many clusters with one embedding pass
over all their sentences (the embedder is the costly stage, and it is fastest on big sorted batches).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.claims import build_claims
from newsfuse.compare import compare_facts
from newsfuse.compare.coverage import coverage
from newsfuse.compare.support import honest_support
from newsfuse.config import NO_EMBEDDER, Settings, load_settings
from newsfuse.editor import Edited, standalone_sentences
from newsfuse.editor.latest import state_latest
from newsfuse.embed import Embedder, embed_remembered, load_embedder, reads
from newsfuse.errors import ConfigError, InputError, NoArticlesError
from newsfuse.facts import extract_facts
from newsfuse.ingest import read_articles
from newsfuse.ingest.files import too_large
from newsfuse.ingest.meta import date_yearless_datelines
from newsfuse.preload import preload
from newsfuse.stories.dedup import assign_origins
from newsfuse.summarize import summarize
from newsfuse.text import split_sentences, word_count
from newsfuse.types import Article, Brief, Skipped, Source

ArticleInput = str | Path | dict[str, Any] | Article


@dataclass(slots=True)
class Prepared:
    """A story read, cleaned and split, waiting for its sentence vectors."""

    id: str
    sources: list[Source]
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    embedder: str = ""  # the model its sentences are embedded with (`brief_embedder`)
    claim_threshold: float = 0.0  # that model's same-point cosine

    @property
    def sentence_texts(self) -> list[str]:
        return [s.text for src in self.sources for s in src.sentences]


# The same-point cosine of the lexical fallback (hashed stems and stem bigrams): chosen on MultiLing
# topics M000-M004 in cs, he, hi (docs/benchmarks.md, "Sentences and words of every script").
LEXICAL_CLAIM_THRESHOLD = 0.7


def brief_embedder(sources: Sequence[Source], settings: Settings) -> tuple[str, float]:
    """The model a brief embeds its sentences with, and that model's same-point cosine: `embedder`
    when it reads the language of every source, else `cross_embedder` for every sentence. Vectors of
    two models cannot be compared, and a claim across languages needs its sentences in one space;
    an English brief is embedded as it always was.

    When some source is in a language `cross_embedder` does not read either, the sentences are
    compared by their words (`hashing`, in the language's stems when the brief has one language): a
    model gives the sentences of a script it never learnt nearly one vector (`use-m` on Hebrew: a mean
    cosine of 0.73 between the sentences of one story, 86% of pairs above its same-point cosine), so
    that every sentence made one claim and passed for a copy of the others."""
    languages = {s.article.language for s in sources}
    if settings.cross_embedder == NO_EMBEDDER or all(reads(settings.embedder, code) for code in languages):
        return settings.embedder, settings.claim_threshold
    if all(reads(settings.cross_embedder, code) for code in languages):
        return settings.cross_embedder, settings.cross_claim_threshold
    only = next(iter(languages)) if len(languages) == 1 else ""
    return (f"hashing:{only}" if only.isalpha() else "hashing"), LEXICAL_CLAIM_THRESHOLD


def model_for(prepared: Prepared, settings: Settings, given: Embedder | None) -> Embedder:
    """The loaded model for `prepared`: `given` (the caller's, for `settings.embedder`) when the
    brief uses that model, else the one it names, loaded once per process."""
    if prepared.embedder == settings.embedder and given is not None:
        return given
    return load_embedder(prepared.embedder or settings.embedder, settings.embed_batch)


def embed_unique(model: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Embed each distinct text once: wire copies repeat whole paragraphs word for word."""
    index: dict[str, int] = {}
    rows = [index.setdefault(t, len(index)) for t in texts]
    vectors = embed_remembered(model, list(index))
    return vectors[rows] if len(texts) else vectors


def prepare(inputs: Sequence[ArticleInput], settings: Settings, id: str = "brief") -> Prepared:
    """Read and clean the articles (Article objects are taken as already clean), split sentences,
    and find which articles are copies of one another."""
    started = time.perf_counter()
    given = [a for a in inputs if isinstance(a, Article)]
    if len(given) == len(inputs):
        articles, skipped, warnings = list(given), [], []
        for a in articles:
            size = len(a.text.encode("utf-8", "replace")) if isinstance(a.text, str) else 0
            if size > settings.max_article_bytes:
                raise InputError(too_large(size, settings.max_article_bytes), path=a.id or "article",
                                 hint="split it, or raise the setting max_article_bytes (NEWSFUSE_MAX_ARTICLE_BYTES)")
    else:
        result = read_articles(inputs, settings=settings)
        articles, skipped, warnings = result.articles, result.skipped, result.warnings
    if not articles:
        raise NoArticlesError("no article to brief", hint="give at least one file, folder, or text")
    if len(articles) > settings.max_articles:
        raise InputError(f"{len(articles)} articles is more than one brief takes ({settings.max_articles})",
                         hint="use `newsfuse ingest` and `newsfuse stories` to split them into stories")
    read = time.perf_counter()
    # a wire's dateline day without a year anywhere in its copy takes the story's year
    articles = date_yearless_datelines(articles)
    origins = assign_origins(articles)
    sources = [Source(number=i + 1, article=a, origin=o, sentences=split_sentences(a))
               for i, (a, o) in enumerate(zip(articles, origins, strict=True))]
    total = sum(len(src.sentences) for src in sources)
    if total > settings.max_sentences:
        # Refused before the costly stages: embedding alone runs at ~200 sentences/s on 2 cores.
        raise InputError(f"{total:,} sentences is more than one brief takes ({settings.max_sentences:,})",
                         path=id, hint="brief fewer or shorter articles, or raise the setting max_sentences (NEWSFUSE_MAX_SENTENCES)")
    model, threshold = brief_embedder(sources, settings)
    return Prepared(id, sources, skipped, warnings, {"read": read - started, "split": time.perf_counter() - read},
                    model, threshold)


def assemble(prepared: Prepared, vectors: np.ndarray, settings: Settings) -> Brief:
    """Everything after the embeddings: claims, summary, coverage, facts."""
    timings = dict(prepared.timings)
    started = time.perf_counter()
    sources = prepared.sources
    claims = build_claims(sources, vectors, prepared.claim_threshold or settings.claim_threshold)
    timings["claims"] = time.perf_counter() - started
    started = time.perf_counter()
    summary = summarize(sources, claims, vectors, settings.words, spacy_model=settings.spacy_model)
    timings["summary"] = time.perf_counter() - started
    unique, missing = coverage(sources, claims)
    brief = Brief(id=prepared.id, sources=sources, summary=summary, claims=claims, unique=unique,
                  missing=missing, words=settings.words, timings=timings, skipped=list(prepared.skipped),
                  warnings=list(prepared.warnings), settings=settings.to_dict())
    if len(sources) == 1:
        brief.notes.append("only one source: nothing is corroborated and no conflict can be found")
    if prepared.embedder and prepared.embedder != settings.embedder:
        languages = ", ".join(sorted({s.article.language or "?" for s in sources}))
        brief.notes.append(f"sources in {languages}: every sentence embedded with {prepared.embedder}, which "
                           "reads them all" if not prepared.embedder.startswith("hashing") else
                           f"sources in {languages}: no sentence model here reads them all, so sentences "
                           "are compared by their words")
    if settings.facts:
        started = time.perf_counter()
        extracted = extract_facts(sources, spacy_model=settings.spacy_model, spacy_models=settings.spacy_models)
        facts = compare_facts(sources, extracted, claims, vectors=vectors,
                              across=not (prepared.embedder or settings.embedder).startswith("hashing"))
        brief.entities, brief.quotes, brief.conflicts = facts.entities, facts.quotes, facts.conflicts
        brief.updates = facts.updates
        brief.timeline, brief.background = facts.timeline, facts.background
        brief.notes.extend(facts.notes)
        honest_support(brief)
        brief.unique, brief.missing = coverage(sources, claims)
        state_latest(brief, _reads_alone(sources, settings.spacy_model), word_count)
        _mark_disputed(brief)
        timings["facts"] = time.perf_counter() - started
    return brief


def _reads_alone(sources: Sequence[Source], spacy_model: str
                 ) -> Callable[[Sequence[tuple[str, int]]], Mapping[tuple[str, int], Edited]]:
    """The editor's test of which sentences (source, index) stand alone, as the summary may show them."""
    sentences = [s for src in sources for s in src.sentences]
    position = {(s.article_id, s.index): k for k, s in enumerate(sentences)}
    english = [s.language in ("", "en") for src in sources for s in [src.article] * len(src.sentences)]

    def reads_alone(at: Sequence[tuple[str, int]]) -> Mapping[tuple[str, int], Edited]:
        wanted = [position[a] for a in at if a in position]
        shown = standalone_sentences(sentences, wanted, spacy_model, english)
        return {(sentences[k].article_id, sentences[k].index): e for k, e in shown.items()}

    return reads_alone


def _mark_disputed(brief: Brief) -> None:
    """Point each summary sentence at the conflicts it takes a side in: its own sentence states a
    disputed value, or (for numbers, dates, durations, counts) its point is stated with another value.
    A title or quote disagreement elsewhere in the claim does not make the sentence's point disputed."""
    claim_sentences = {c.id: {(e.source, e.sentence) for e in c.evidence} for c in brief.claims}
    for item in brief.summary:
        own = {(item.evidence[0].source, item.evidence[0].sentence)} if item.evidence else set()
        point = claim_sentences.get(item.claim, set()) | own
        item.conflicts = []
        for i, conflict in enumerate(brief.conflicts):
            stated = {(e.source, e.sentence) for v in conflict.values for e in v.evidence}
            scope = own if conflict.kind in ("title", "quote", "attribution") else point
            if stated & scope:
                item.conflicts.append(i)


def brief(articles: Sequence[ArticleInput], words: int | None = None, *, settings: Settings | None = None,
          embedder: Embedder | None = None, id: str = "brief") -> Brief:
    """Brief a handful of articles about one story.

    An article is a path (file, folder, glob), a string of text, a dict with text and optional
    id/title/outlet/url/published, or an `Article`.
    """
    settings = settings or load_settings()
    articles = _inputs(articles)
    settings = with_words(settings or load_settings(), words)
    # The models load (most of a cold brief) while the articles are read and cleaned.
    loading = preload(settings, embedder=embedder is None)
    prepared = prepare(articles, settings, id)
    # Parsed while the sentences are embedded; claims and the summary need no parse, and the facts stage
    # finds the parses in spaCy's cache or waits for the parsing under way.
    _parse_in_background([prepared], settings, after=loading.spacy)
    started = time.perf_counter()
    vectors = embed_unique(model_for(prepared, settings, embedder), prepared.sentence_texts)
    prepared.timings["embed"] = time.perf_counter() - started
    return assemble(prepared, vectors, settings)


def _inputs(articles: object) -> Sequence[ArticleInput]:
    """The caller's articles as a list; the project's own error for anything else (None, 42)."""
    if isinstance(articles, str | Path | dict | Article):
        return [articles]
    if articles is None:
        raise InputError("no articles given (None)", hint="give a list of paths, texts, dicts or Articles")
    if isinstance(articles, bytes | bytearray):
        raise InputError("bytes given; decode them to text first", path="articles")
    if not isinstance(articles, Iterable):
        raise InputError(f"cannot brief a {type(articles).__name__}", path="articles",
                         hint="give a list of paths, texts, dicts or Articles")
    items = list(articles)  # a generator of articles is fine: it is read once, here
    for i, item in enumerate(items, 1):
        if not isinstance(item, str | Path | dict | Article):
            raise InputError(f"cannot read a {type(item).__name__}", path=f"input {i}",
                             hint='give a path, a string of text, a dict with "text", or an Article')
    return items


def with_words(settings: Settings, words: object) -> Settings:
    """`settings` with the caller's word budget (None: the setting's), checked against its bounds."""
    if words is None:
        return settings
    if isinstance(words, bool) or not isinstance(words, int):
        raise ConfigError(f"words must be a whole number, got {words!r}"[:200])
    return settings.replace(words=words)


def _parse_in_background(stories: Sequence[Prepared], settings: Settings,
                         after: threading.Thread | None = None) -> threading.Thread | None:
    """Parse the stories' sentences with spaCy while the caller embeds them (onnxruntime releases the
    GIL, and spaCy uses one core): the facts stage then finds every parse in the cache."""
    if not settings.facts:
        return None
    from newsfuse.facts.parsing import prefetch

    return prefetch([p.sources for p in stories], settings.spacy_model, after=after, models=settings.spacy_models)


def brief_many(clusters: Iterable[tuple[str, Sequence[ArticleInput]]], words: int | None = None, *,
               settings: Settings | None = None, embedder: Embedder | None = None,
               chunk: int = 64) -> Iterable[Brief]:
    """Brief many stories, `chunk` at a time, embedding each chunk's sentences in one pass."""
    settings = with_words(settings or load_settings(), words)
    loading = preload(settings, embedder=embedder is None)
    pending: list[Prepared] = []

    def flush() -> Iterable[Brief]:
        parsing = _parse_in_background(pending, settings, after=loading.spacy)
        # One embedding pass per model: a chunk's English stories and its others (`brief_embedder`).
        vectors: dict[str, np.ndarray] = {}
        for name in dict.fromkeys(p.embedder for p in pending):
            texts = [t for p in pending if p.embedder == name for t in p.sentence_texts]
            started = time.perf_counter()
            vectors[name] = embed_unique(model_for(next(p for p in pending if p.embedder == name), settings,
                                                   embedder), texts)
            spent = time.perf_counter() - started
            for p in pending:
                if p.embedder == name:
                    p.timings["embed"] = spent * len(p.sentence_texts) / max(len(texts), 1)
        offsets = dict.fromkeys(vectors, 0)
        for p in pending:
            n, at = len(p.sentence_texts), offsets[p.embedder]
            offsets[p.embedder] += n
            yield assemble(p, vectors[p.embedder][at:at + n], settings)
        pending.clear()
        if parsing is not None:  # finished by now: the last story's facts read its parses
            parsing.join()

    for cluster_id, inputs in clusters:
        pending.append(prepare(_inputs(inputs), settings, cluster_id))
        if len(pending) >= chunk:
            yield from flush()
    if pending:
        yield from flush()

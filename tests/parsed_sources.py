"""Small written reports read as the facts stage reads them: each text one source, parsed; its entity
table and its quotes; a French sentence beside its English counterpart as one claim (shared by the
facts tests)."""

from __future__ import annotations

from newsfuse.compare import compare_facts
from newsfuse.facts import extract_facts
from newsfuse.facts.entities import EntityTable, extract_entities
from newsfuse.facts.nlp import Parsed
from newsfuse.facts.parsing import parse_sources
from newsfuse.facts.quotes import QuoteSet, extract_quotes
from newsfuse.text import split_sentences
from newsfuse.types import Article, Claim, Conflict, Evidence, Source


def parsed(*texts: str) -> list[Parsed]:
    sources = []
    for i, text in enumerate(texts):
        article = Article(id=f"s{i}", text=text)
        sources.append(Source(i + 1, article, i, split_sentences(article)))
    return parse_sources(sources)


def table(*texts: str) -> EntityTable:
    return extract_entities(parsed(*texts))


def quotes(*texts: str) -> QuoteSet:
    sentences = parsed(*texts)
    return extract_quotes(sentences, extract_entities(sentences))


def conflicts_beside(fr: str, en: str) -> list[Conflict]:
    """The conflicts of a French sentence ("le-monde") beside an English one ("reuters"), as one claim."""
    a = Article(id="le-monde", text=fr, language="fr")
    b = Article(id="reuters", text=en, language="en")
    sources = [Source(1, a, "le-monde", split_sentences(a)), Source(2, b, "reuters", split_sentences(b))]
    claim = Claim(id=0, text=en, evidence=[Evidence("le-monde", 0, fr), Evidence("reuters", 0, en)],
                  sources=["le-monde", "reuters"], independent=2)
    return compare_facts(sources, extract_facts(sources), [claim]).conflicts

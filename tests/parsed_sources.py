"""Small written reports read as the facts stage reads them: each text one source, parsed; its entity
table and its quotes (shared by the facts tests)."""

from __future__ import annotations

from newsfuse.facts.entities import EntityTable, extract_entities
from newsfuse.facts.nlp import Parsed
from newsfuse.facts.parsing import parse_sources
from newsfuse.facts.quotes import QuoteSet, extract_quotes
from newsfuse.text import split_sentences
from newsfuse.types import Article, Source


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

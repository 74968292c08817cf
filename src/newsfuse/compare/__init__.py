"""Comparisons across the sources of one story: where they disagree, what each covers, when things happened.

    facts = compare_facts(sources, extract_facts(sources), claims, vectors=vectors)

`newsfuse.facts` extracts what each sentence states; this package compares it across sources, one
job a module: which sentences say the same (`align`), whether two values can both hold (`values`),
quantity, date, title and quote conflicts (`quantities`, `dates`, `titles`, `quotes`), conflicts
that are a story moving on (`updates`), the timeline (`timeline`), what each source covers alone
(`coverage`) and which sources honestly support a claim (`support`). `compare_facts` composes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newsfuse.compare.align import Alignment
from newsfuse.compare.dates import date_conflicts
from newsfuse.compare.quantities import REPORT_FLOOR, figures_differ, quantity_conflicts
from newsfuse.compare.quotes import quote_conflicts
from newsfuse.compare.timeline import timeline
from newsfuse.compare.titles import title_conflicts
from newsfuse.compare.updates import split_updates
from newsfuse.facts import ExtractedFacts
from newsfuse.types import Claim, Conflict, DateRef, Entity, Quantity, Quote, Source, TimelineEvent, Update

__all__ = ["CONFIDENCE_FLOOR", "StoryFacts", "compare_facts"]

# Conflicts of dates, titles and quotes below this confidence are not reported at all. Quantity
# conflicts are decided inside `quantities` (the same floor, on the same-fact chance times the
# disagreement's weight); their confidence is then a calibrated chance of being right, which may be lower.
CONFIDENCE_FLOOR = REPORT_FLOOR
# What a date conflict's confidence says: of those reported on the tune stories none was judged real
# (another award's year, "yesterday" of a report of the next day, "Monday" and "this afternoon" of
# one day: 0 of 3 at stop 30), so one told in sentences of one claim (0.9 before) is a chance of
# (0 + 1) / (3 + 2). Whether one is reported is still decided on the confidence before (at least
# `CONFIDENCE_FLOOR`); only what it says is calibrated.
DATE_RIGHT = 0.2


@dataclass(slots=True)
class StoryFacts:
    """The facts of one story as the brief shows them: what was found, and where the sources disagree."""

    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)  # most certain first
    updates: list[Update] = field(default_factory=list)  # values that changed over the story's days
    timeline: list[TimelineEvent] = field(default_factory=list)  # the story's own events, by date
    background: list[TimelineEvent] = field(default_factory=list)  # history told in passing
    notes: list[str] = field(default_factory=list)  # e.g. which article borrowed its date from which


def compare_facts(sources: Sequence[Source], facts: ExtractedFacts, claims: Sequence[Claim],
                  vectors: np.ndarray | None = None) -> StoryFacts:
    """Conflicts, updates and the timeline of one story, from the facts extracted from its `sources`.

    `claims` (sentences of different sources that make the same point) tell the conflict finders which
    sentences to reconcile; an empty list still works, on word overlap alone. `vectors` (optional: the
    sentence vectors the claims were built from, one row per sentence of `sources` in order) also
    pairs sentences whose words differ but whose vectors are close (`align.EMBED_ALIGN`); the brief
    pipeline always passes them.
    """
    parsed, dates = facts.parsed, facts.dates
    align = Alignment(parsed, claims, vectors)
    published = {s.article.id: s.article.published for s in sources}
    others = [*date_conflicts(parsed, dates, align, figures_differ(facts.quantities)), *title_conflicts(facts.entities),
              *quote_conflicts(facts.quotes)]
    conflicts = [*quantity_conflicts(facts.quantities, align, dates, published),
                 *(c for c in others if c.confidence >= CONFIDENCE_FLOOR)]
    for c in conflicts:
        if c.kind == "date":  # 0.9 for sentences of one claim, less for other alignments and borrowed dates
            c.confidence = round(c.confidence * DATE_RIGHT / 0.9, 2)
    conflicts, updates = split_updates(conflicts, published)
    conflicts.sort(key=lambda c: (-c.confidence, c.kind, c.about))
    told = timeline(parsed, dates, align)
    return StoryFacts(entities=facts.entities.entities, quotes=facts.quotes.quotes,
                      quantities=[f.quantity for f in facts.quantities], dates=[d.ref for d in dates],
                      conflicts=conflicts, updates=updates, timeline=told.events,
                      background=told.background,
                      notes=facts.notes)

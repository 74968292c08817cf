"""Which dated events are the story's own and which are history its reports mention in passing.

The rule is about time first: the story happens while it is reported, so an event that ended well
before the reports began (`BACKGROUND_DAYS`) is background. When no report carries a date (and none
could be read from a dateline), the reports' time is estimated as the latest day any of them dates an
event, and two further signs are read from the text, because a date alone cannot say how old it is:
- the date lies years before that estimate (`YEARS_BEFORE`): "the islands were handed over in 1972";
- the dated clause looks back from the time of telling: a past perfect ("had met in 2009"), or a word
  whose job is to say the event came before ("the previous talks", "last met in", "formerly").

Background rows are then told one per sentence (a sentence naming 1783 and 1785 is one row) and
capped, most relevant first (named by more sources, then nearer the story).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from newsfuse.disjoint import DisjointSets
from newsfuse.types import TimelineEvent

if TYPE_CHECKING:
    from spacy.tokens import Token

# A story's own events happen while it is reported; what ended more than this many days before its
# first report is history told in passing (a month: a developing story's reports span days, the
# background they recount spans years).
BACKGROUND_DAYS = 31
# Without any report's date the story's time is only guessed (the latest day named); a date this far
# before the guess is history even so, as a guess is off by days, not by a year.
YEARS_BEFORE = 366
# A background list is context, not a second timeline.
BACKGROUND_SHOWN = 5
# Words whose job is to place an event before the time of telling; "last" only as an adverb of the
# verb ("last met in 2009"), as "last week" is a date of its own.
LOOKING_BACK = frozenset({"previous", "previously", "former", "formerly", "earlier", "once", "originally",
                          "historically", "prior"})


def story_time(dated: Iterable[dt.date], guessed: Iterable[dt.date]) -> tuple[dt.date | None, bool]:
    """When the story is being reported, and whether that is known or guessed.

    `dated`: the dates of reports that carry one (or borrow one from a report that does): the story
    began with the first. `guessed`: a full date read from a report's own text and the ends of the
    dated events: the latest of them, as a text's latest full date may be a birthday ("born on April
    22, 1923") but the reports cannot be older than the latest thing they tell."""
    known = list(dated)
    if known:
        return min(known), True
    days = list(guessed)
    return (max(days), False) if days else (None, False)


def is_background(end: dt.date, began: dt.date | None, known: bool, clause: Sequence[Token] = ()) -> bool:
    """History told in passing, rather than one of the story's own events (see the module doc): a
    span is history when it ended before the story, whenever it began."""
    if began is None:
        return looks_back(clause)
    if known:
        return end < began - dt.timedelta(days=BACKGROUND_DAYS)
    return end < began - dt.timedelta(days=YEARS_BEFORE) or looks_back(clause)


def looks_back(clause: Sequence[Token]) -> bool:
    """The clause tells its event as earlier than the time of telling: a past perfect ("had met"), or a
    looking-back word ("the previous talks", "last met in")."""
    for tok in clause:
        if tok.lower_ == "had" and tok.dep_ == "aux" and tok.head.tag_ == "VBN":
            return True
        if tok.lower_ in LOOKING_BACK:
            return True
        if tok.lower_ == "last" and tok.dep_ == "advmod" and tok.head.pos_ == "VERB":
            return True
    return False


def one_row_per_sentence(events: Sequence[TimelineEvent]) -> list[TimelineEvent]:
    """Background rows that share a sentence of evidence told as one row: "maps from 1783 and 1785" is
    one piece of history, spanning both years."""
    sets = DisjointSets(len(events))
    first: dict[tuple[str, int], int] = {}
    for i, e in enumerate(events):
        for ev in e.evidence:
            j = first.setdefault((ev.source, ev.sentence), i)
            sets.union(i, j)
    groups: dict[int, list[TimelineEvent]] = {}
    for i, e in enumerate(events):
        groups.setdefault(sets.find(i), []).append(e)
    out = []
    for group in groups.values():
        if len(group) == 1:
            out.append(group[0])
            continue
        main = max(group, key=lambda e: (len(e.sources), -len(e.text)))
        start, end = min(e.start for e in group), max(e.end for e in group)
        grans = {e.granularity for e in group}
        out.append(TimelineEvent(
            start=start, end=end, text=main.text,
            sources=list(dict.fromkeys(s for e in group for s in e.sources)),
            evidence=list(dict.fromkeys(ev for e in group for ev in e.evidence)),
            granularity=grans.pop() if len(grans) == 1 and start == end else "range",
            borrowed_date=all(e.borrowed_date for e in group), background=True))
    return out


def most_relevant(events: Sequence[TimelineEvent], limit: int = BACKGROUND_SHOWN) -> list[TimelineEvent]:
    """The background worth a reader's time, most relevant first: history more sources recount, then
    history nearer the story (all of it ended before the story, so the latest is nearest)."""
    return sorted(events, key=lambda e: (-len(e.sources), -len(e.evidence), -e.end.toordinal()))[:limit]

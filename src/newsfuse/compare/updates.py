"""A disagreement between reports published on different days is most often the story moving on.

A developing story is told over days: the toll rises, an estimate is revised, a figure corrected.
When every value of a conflict comes from dated reports, and the values follow one another in time
(all reports giving one value were published before any giving the next), the conflict is an
**update**: the brief lists it as "3 → 10 (12 Apr)", not as outlets contradicting each other. Values
given by reports of the same day, or by undated reports, stay a conflict: nothing says which came
first.

Dates order the values; they do not show that the values are of one fact. An update therefore needs
what a conflict needs (the same-fact model's even odds and a real disagreement: `compare.quantities`
reports nothing less, and its confidence is carried onto the update) and one thing more: the values
follow one another within `UPDATE_DAYS`, the days an event's coverage still revises its figures. A
value told weeks after another is most often of another instance (the next aftershock, another
defendant, the target for another year): such a pair, neither said at one time nor revised within the
event's days, is told neither as an update nor as a conflict.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence

from newsfuse.types import Conflict, Update, UpdateValue

# Figures that change as a story develops. Titles, quotes and the day something happened do not
# "develop": a different one is a disagreement whatever the dates.
DEVELOPING = frozenset({"count", "number", "money", "duration"})
# The most days between the reports of one value and the next for the change to be told as an update.
# Tuned on the tune part of benchmarks/ledger_judged.py: the judged real updates (tune and test) came
# 0-2 days apart, a toll still rises on day 4 (tests/test_compare_same_fact.py); the false updates
# were 7 to 260 days apart (MultiLing's quakes and aftershocks of a year, two defendants, 2020 and
# 2050 targets).
UPDATE_DAYS = 5
# The note `compare.quantities` gives a disagreement between sentences that give another figure of theirs
# with one value: told more than `UPDATE_DAYS` apart, they are still one instance (last season's "hit .308
# with 33 homers and 121 RBIs" against "... 182 RBI" a week later), so the pair is no "next instance"
# (`told_apart`): a disagreement.
ONE_INSTANCE = "the reports give the sentence's other figures alike: one instance"


def as_update(conflict: Conflict, published: Mapping[str, dt.date | None]) -> Update | None:
    """The conflict as an update, when its values follow one another in time; else None."""
    spans = _spans(conflict, published)
    if spans is None or any(later[0] <= earlier[1] for earlier, later in itertools.pairwise(spans)):
        return None  # undated, or two values given on one day (or overlapping runs): a disagreement
    if not _within_days(spans):
        return None
    values = [conflict.values[k] for _, _, k in spans]
    return Update(kind=conflict.kind, about=conflict.about, note=conflict.note, confidence=conflict.confidence,
                  values=[UpdateValue(value=v.value, normalized=v.normalized, at=first, sources=v.sources,
                                      evidence=v.evidence) for v, (first, _, _) in zip(values, spans, strict=True)])


def told_apart(conflict: Conflict, published: Mapping[str, dt.date | None]) -> bool:
    """Values that dated reports give in turn, too many days apart to be one fact revised: no update,
    and no disagreement either (nothing was said at one time); unless the sentences show one instance
    (`ONE_INSTANCE`)."""
    if ONE_INSTANCE in conflict.note:
        return False
    spans = _spans(conflict, published)
    return spans is not None and all(later[0] > earlier[1] for earlier, later in itertools.pairwise(spans)) \
        and not _within_days(spans)


def _spans(conflict: Conflict, published: Mapping[str, dt.date | None]) -> list[tuple[dt.date, dt.date, int]] | None:
    """Each value's first and last day of report (and its index), by first day; None when the conflict
    is not of a developing kind or a report is undated."""
    if conflict.kind not in DEVELOPING:
        return None
    spans: list[tuple[dt.date, dt.date, int]] = []
    for k, v in enumerate(conflict.values):
        days = [published.get(s) for s in v.sources]
        dated = [d for d in days if d is not None]
        if not dated or len(dated) < len(days):
            return None
        spans.append((min(dated), max(dated), k))
    return sorted(spans)


def _within_days(spans: list[tuple[dt.date, dt.date, int]]) -> bool:
    return all((later[0] - earlier[1]).days <= UPDATE_DAYS for earlier, later in itertools.pairwise(spans))


def split_updates(conflicts: Sequence[Conflict], published: Mapping[str, dt.date | None]
                  ) -> tuple[list[Conflict], list[Update]]:
    """Conflicts that are really updates moved out, in the order they came; values told in turn too
    many days apart (`told_apart`) left out of both."""
    kept: list[Conflict] = []
    updates: list[Update] = []
    for c in conflicts:
        u = as_update(c, published)
        if u is not None:
            updates.append(u)
        elif not told_apart(c, published):
            kept.append(c)
    return kept, updates

"""A disagreement between reports published on different days is most often the story moving on.

A developing story is told over days: the toll rises, an estimate is revised, a figure corrected.
When every value of a conflict comes from dated reports, and the values follow one another in time
(all reports giving one value were published before any giving the next), the conflict is an
**update**: the brief lists it as "3 → 10 (12 Apr)", not as outlets contradicting each other. Values
given by reports of the same day, or by undated reports, stay a conflict: nothing says which came
first.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence

from newsfuse.types import Conflict, Update, UpdateValue

# Figures that change as a story develops. Titles, quotes and the day something happened do not
# "develop": a different one is a disagreement whatever the dates.
DEVELOPING = frozenset({"count", "number", "money", "duration"})


def as_update(conflict: Conflict, published: Mapping[str, dt.date | None]) -> Update | None:
    """The conflict as an update, when its values follow one another in time; else None."""
    if conflict.kind not in DEVELOPING:
        return None
    spans: list[tuple[dt.date, dt.date, int]] = []
    for k, v in enumerate(conflict.values):
        days = [published.get(s) for s in v.sources]
        if not days or any(d is None for d in days):
            return None
        dated = [d for d in days if d is not None]
        spans.append((min(dated), max(dated), k))
    spans.sort()
    if any(later[0] <= earlier[1] for earlier, later in itertools.pairwise(spans)):
        return None  # two values given on one day (or overlapping runs): a disagreement
    values = [conflict.values[k] for _, _, k in spans]
    return Update(kind=conflict.kind, about=conflict.about, note=conflict.note, values=[
        UpdateValue(value=v.value, normalized=v.normalized, at=first, sources=v.sources, evidence=v.evidence)
        for v, (first, _, _) in zip(values, spans, strict=True)])


def split_updates(conflicts: Sequence[Conflict], published: Mapping[str, dt.date | None]
                  ) -> tuple[list[Conflict], list[Update]]:
    """Conflicts that are really updates moved out, in the order they came."""
    kept: list[Conflict] = []
    updates: list[Update] = []
    for c in conflicts:
        u = as_update(c, published)
        if u is None:
            kept.append(c)
        else:
            updates.append(u)
    return kept, updates

"""Updates need what a conflict needs and a reason for order: dated reports in turn, within the days an
event's coverage revises its figures (`compare.updates`)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.compare.updates import UPDATE_DAYS, as_update, split_updates, told_apart
from newsfuse.types import Conflict, ConflictValue, Evidence

DAY = dt.date(2010, 1, 12)


def conflict(*sources: str, kind: str = "count", confidence: float = 0.8) -> Conflict:
    values = [ConflictValue(str(9 + k), str(9 + k), [s], [Evidence(s, 0, f"{9 + k} killed")])
              for k, s in enumerate(sources)]
    return Conflict(kind=kind, about="number of people", values=values, confidence=confidence)  # type: ignore[arg-type]


@pytest.mark.parametrize(("gap", "update"), [(1, True), (UPDATE_DAYS, True), (UPDATE_DAYS + 1, False), (200, False)])
def test_an_update_comes_within_the_days_of_the_event(gap: int, update: bool) -> None:
    published = {"a": DAY, "b": DAY + dt.timedelta(days=gap)}
    c = conflict("a", "b", confidence=0.45)
    u = as_update(c, published)
    assert (u is not None) == update
    if u is not None:
        assert [v.at for v in u.values] == [DAY, DAY + dt.timedelta(days=gap)]
        assert u.confidence == 0.45  # the conflict's evidence is carried, not raised
    kept, updates = split_updates([c], published)
    # A value told months after another is neither an update nor a same-time disagreement.
    assert (kept, len(updates)) == (([], 1) if update else ([], 0))
    assert told_apart(c, published) == (not update)


def test_same_day_or_undated_stays_a_conflict() -> None:
    c = conflict("a", "b")
    for published in ({"a": DAY, "b": DAY}, {"a": DAY, "b": None}, {"a": DAY + dt.timedelta(days=90), "b": DAY}):
        kept, updates = split_updates([c], published)
        if published["b"] is None or published["a"] == published["b"]:
            assert (kept, updates) == ([c], [])
        else:
            assert kept == [] and updates == []  # in turn, but 90 days apart


def test_titles_never_develop() -> None:
    c = conflict("a", "b", kind="title")
    assert as_update(c, {"a": DAY, "b": DAY + dt.timedelta(days=1)}) is None
    assert not told_apart(c, {"a": DAY, "b": DAY + dt.timedelta(days=60)})

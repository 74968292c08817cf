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


@pytest.mark.parametrize(("gap", "update"), [(1, True), (60, False)])
def test_a_sentence_told_again_months_later_is_no_update(gap: int, update: bool) -> None:
    # One sentence, another figure: a day later the toll rose; two months later it is as likely the
    # next sentence of another case (and not a same-time disagreement either).
    from newsfuse.compare import compare_facts
    from newsfuse.facts import extract_facts
    from newsfuse.text import split_sentences
    from newsfuse.types import Article, Claim, Source

    texts = ("The crash near Lowmere killed nine people, police said.",
             "The crash near Lowmere killed 12 people, police said.")
    sources = []
    for i, (text, day) in enumerate(zip(texts, (DAY, DAY + dt.timedelta(days=gap)), strict=True)):
        article = Article(id=f"s{i}", text=text, published=day)
        sources.append(Source(i + 1, article, i, split_sentences(article)))
    ev = [Evidence(s.article.id, 0, s.sentences[0].text) for s in sources]
    facts = compare_facts(sources, extract_facts(sources), [Claim(0, ev[0].text, ev, ["s0", "s1"], 2)])
    assert facts.conflicts == []
    assert [[v.value for v in u.values] for u in facts.updates] == ([["nine", "12"]] if update else [])
    if update:
        assert 0.5 <= facts.updates[0].confidence <= 1.0

"""The timeline's own events apart from the background, on small stories written for each rule."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.compare import StoryFacts, compare_facts
from newsfuse.compare.background import BACKGROUND_SHOWN
from newsfuse.facts import extract_facts
from newsfuse.text import split_sentences
from newsfuse.types import Article, Source, TimelineEvent

DAY = dt.date(2023, 2, 22)


def story(*texts: str, published: dt.date | None = DAY) -> StoryFacts:
    sources = []
    for i, text in enumerate(texts):
        article = Article(id=f"s{i}", text=text, published=published)
        sources.append(Source(i + 1, article, i, split_sentences(article)))
    return compare_facts(sources, extract_facts(sources), [])


def rows(facts: StoryFacts) -> list[TimelineEvent]:
    return [*facts.timeline, *facts.background]


@pytest.mark.parametrize("sentence", [
    "It was the worst violence to hit Greece since riots in 2008, police said on Wednesday.",
    "Japan and China held their first security dialogue since 2019 on Wednesday.",
    "It was the first visit by a US president since the war ended in 1975, officials said on Wednesday.",
])
def test_no_row_is_dated_from_a_since_phrase(sentence: str) -> None:
    facts = story(sentence)
    assert {e.start for e in rows(facts)} == {DAY}


def test_the_first_in_years_dates_nothing() -> None:
    facts = story("The two ministers met in Tokyo on Wednesday, the first such meeting in four years.")
    assert [e.start for e in rows(facts)] == [DAY]


def test_without_any_date_history_is_told_from_the_text() -> None:
    # No report carries a date: the story's time is guessed from the latest day it names (March 2012),
    # the 1972 handover lies years before it, and "had met" / "previous" look back from the telling.
    facts = story("The two leaders opened talks in Geneva on March 3, 2012. They had met in Paris in "
                  "January 2012. The islands were handed to Japan in 1972.",
                  "Talks opened in Geneva on March 3, 2012. The previous round was held in December 2011.",
                  published=None)
    assert [e.start for e in facts.timeline] == [dt.date(2012, 3, 3)]
    assert {e.when for e in facts.background} == {"Jan 2012", "Dec 2011", "1972"}


def test_with_dates_the_date_decides_even_in_a_past_perfect() -> None:
    # "had fled on Tuesday" is the story's own day, though told in the past perfect.
    facts = story("Police said on Wednesday the suspect had fled the town on Tuesday.")
    assert {e.start for e in facts.timeline} == {DAY, DAY - dt.timedelta(days=1)}
    assert facts.background == []


def test_background_is_one_row_per_sentence_capped_most_relevant_first() -> None:
    history = " ".join(f"The bridge was rebuilt in {1900 + 10 * k}." for k in range(8))
    facts = story("Talks opened on Wednesday. China cites maps from 1783 and 1785 that show the islands. " + history,
                  "Talks opened on Wednesday. The bridge was rebuilt in 1970.")
    assert len(facts.background) == BACKGROUND_SHOWN
    assert facts.background[0].when == "1970" and len(facts.background[0].sources) == 2  # told by both
    maps = [e for e in rows(facts) if "maps" in e.text]
    assert len(maps) <= 1  # 1783 and 1785 are one row, if it is shown at all
    assert all(e.background for e in facts.background) and not any(e.background for e in facts.timeline)


def test_a_row_never_cuts_a_quotation() -> None:
    facts = story('The ministry said on Wednesday that three objects spotted from 2019-2021 had been Chinese '
                  '"spy balloons" sent over the islands.')
    for e in rows(facts):
        assert e.text.count('"') % 2 == 0 and e.text.endswith((".", '"')), e.text


@pytest.mark.parametrize(("start", "end", "granularity", "when"), [
    (dt.date(1972, 1, 1), dt.date(1972, 12, 31), "year", "1972"),
    (dt.date(1970, 1, 1), dt.date(1979, 12, 31), "range", "1970s"),
    (dt.date(2019, 1, 1), dt.date(2021, 12, 31), "range", "2019–2021"),
    (dt.date(2019, 2, 1), dt.date(2019, 2, 28), "month", "Feb 2019"),
    (dt.date(2022, 11, 1), dt.date(2023, 2, 28), "range", "Nov 2022 – Feb 2023"),
    (dt.date(2023, 2, 22), dt.date(2023, 2, 22), "day", "22 Feb 2023"),
    (dt.date(2023, 2, 13), dt.date(2023, 2, 19), "range", "13–19 Feb 2023"),
    (dt.date(2023, 1, 30), dt.date(2023, 2, 5), "range", "30 Jan 2023 – 5 Feb 2023"),
])
def test_dates_print_as_a_reader_writes_them(start: dt.date, end: dt.date, granularity: str, when: str) -> None:
    assert TimelineEvent(start, end, "", [], [], granularity).when == when


def test_a_wide_date_does_not_join_two_times_into_one_event() -> None:
    # "in 2011" fits September and this Thursday, which are two times: it joins neither to the other.
    facts = story("The warship's patrol mission in the Gulf of Aden began in September.",
                  "The warship's patrol mission in the Gulf of Aden foiled a pirate attack on Thursday.",
                  "The warship's patrol mission in the Gulf of Aden foiled five pirate attacks in 2011.",
                  published=dt.date(2011, 11, 11))
    for e in rows(facts):
        assert not (e.start <= dt.date(2011, 9, 30) and e.end >= dt.date(2011, 11, 10)), e
        whens = {ev.source for ev in e.evidence}
        assert not {"s0", "s1"} <= whens, e


def test_a_date_that_starts_a_period_dates_nothing() -> None:
    facts = story("Japan may spend 43 trillion yen over five years from fiscal 2023, the ministry said on Wednesday.")
    assert {e.start for e in rows(facts)} == {DAY}

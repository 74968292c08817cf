"""Date expressions resolved against the publication date (2023-02-22 is a Wednesday)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.facts.dates import Anchor, anchors, dates_in
from newsfuse.text import split_sentences
from newsfuse.types import Article, Source

ANCHOR = Anchor(dt.date(2023, 2, 22), "published")
D = dt.date


@pytest.mark.parametrize(("sentence", "expression", "start", "end"), [
    ("The talks began on Wednesday in Tokyo.", "on Wednesday", D(2023, 2, 22), D(2023, 2, 22)),
    ("The ministers met on Monday.", "on Monday", D(2023, 2, 20), D(2023, 2, 20)),
    ("The two leaders will meet on Friday.", "on Friday", D(2023, 2, 24), D(2023, 2, 24)),
    ("The operator said trains would not run before Saturday.", "Saturday", D(2023, 2, 25), D(2023, 2, 25)),
    ("The ship would have docked on Monday.", "on Monday", D(2023, 2, 20), D(2023, 2, 20)),
    ("Japan said last week that it had seen the objects.", "last week", D(2023, 2, 13), D(2023, 2, 19)),
    ("Japan announced in December that it will double spending.", "in December", D(2022, 12, 1),
     D(2022, 12, 31)),
    ("The meeting followed the summit last November.", "last November", D(2022, 11, 1), D(2022, 11, 30)),
    ("The US shot down a balloon on Feb. 4, officials said.", "Feb. 4", D(2023, 2, 4), D(2023, 2, 4)),
    ("The meeting was held on Wednesday, February 22, 2023.", "Wednesday, February 22, 2023", D(2023, 2, 22),
     D(2023, 2, 22)),
    ("The previous meeting took place in Feb. 2019.", "Feb. 2019", D(2019, 2, 1), D(2019, 2, 28)),
    ("The strategy was adopted in mid-December 2022.", "mid-December 2022", D(2022, 12, 1), D(2022, 12, 31)),
    ("Objects flew over its airspace from 2019 to 2021.", "from 2019 to 2021", D(2019, 1, 1), D(2021, 12, 31)),
    ("Objects were spotted in its airspace from 2019-2021.", "from 2019-2021", D(2019, 1, 1), D(2021, 12, 31)),
    ("It was their first security dialogue since 2019.", "since 2019", D(2019, 1, 1), D(2019, 12, 31)),
    ("In 2014, the two sides agreed to a hotline.", "In 2014", D(2014, 1, 1), D(2014, 12, 31)),
    ("Since 2019, no talks have been held.", "Since 2019", D(2019, 1, 1), D(2019, 12, 31)),
    ("The claims stem from the 1970s discovery of minerals.", "the 1970s", D(1970, 1, 1), D(1979, 12, 31)),
    ("The minister spoke yesterday.", "yesterday", D(2023, 2, 21), D(2023, 2, 21)),
    ("The fire started three days ago.", "three days ago", D(2023, 2, 19), D(2023, 2, 19)),
    ("Japan last year permitted its forces to strike back.", "last year", D(2022, 1, 1), D(2022, 12, 31)),
])
def test_resolved(sentence: str, expression: str, start: dt.date, end: dt.date) -> None:
    refs = {f.ref.text: f.ref for f in dates_in(sentence, ANCHOR)}
    assert expression in refs, refs
    assert (refs[expression].start, refs[expression].end) == (start, end)


def test_first_in_four_years_covers_2019() -> None:
    [found] = dates_in("China and Japan held their first security talks in four years.", ANCHOR)
    assert found.fuzzy and found.ref.text == "in four years"
    # "since 2019" and "in Feb. 2019" must both fall in it, so neither contradicts it.
    assert found.ref.start <= D(2019, 1, 1) <= found.ref.end
    assert found.ref.start <= D(2019, 2, 15) <= found.ref.end


def test_no_anchor_leaves_relative_dates_out_but_keeps_absolute_ones() -> None:
    texts = [f.ref.text for f in dates_in("On Wednesday the two met, as they had in Feb. 2019.", Anchor(None, ""))]
    assert texts == ["Feb. 2019"]


def test_a_year_that_is_a_count_is_not_a_date() -> None:
    assert dates_in("The team scored 2019 points in total.", ANCHOR) == []


def source(aid: str, text: str, published: dt.date | None) -> Source:
    article = Article(id=aid, text=text, published=published)
    return Source(1, article, 0, split_sentences(article))


def test_undated_articles_borrow_the_story_date_and_say_so() -> None:
    srcs = [source("a", "Talks began on Wednesday.", D(2023, 2, 22)), source("b", "Talks began on Wednesday.", None)]
    anchor_of, notes = anchors(srcs)
    assert anchor_of["b"] == Anchor(D(2023, 2, 22), "borrowed:a")
    assert notes == ["b carries no date; its dates are resolved against 2023-02-22, borrowed from a"]
    [found] = dates_in("Talks began on Wednesday.", anchor_of["b"], "b")
    assert found.ref.anchor == "borrowed:a"


def test_nothing_to_borrow() -> None:
    anchor_of, notes = anchors([source("a", "Talks began on Wednesday.", None)])
    assert anchor_of["a"].date is None and "left unresolved" in notes[0]

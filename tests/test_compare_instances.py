"""Two instances are not one fact told two ways: whose a figure is, when it happened, what else the
sentences give. Small stories written for each rule, each beside the case the rule must still report."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest

from newsfuse.clean.rules import classify
from newsfuse.compare import StoryFacts
from test_compare import story as _story

# Reports of a story in January 2013, so that "June 2011" is history a year and more before it.
story = partial(_story, published=dt.date(2013, 1, 21))


def kinds(facts: StoryFacts) -> list[str]:
    return [c.kind for c in facts.conflicts]


def test_ages_of_two_people_who_share_a_surname_are_two_facts() -> None:
    facts = story("The bodies of Maria Lopez, 58, and Ana Ruiz, 20, were found at a house in Calle Mayor on Saturday.",
                  "Pedro Ruiz, 23, of Calle Mayor was arrested on Saturday after police found two women dead.")
    assert not [c for c in facts.conflicts if c.about.startswith("age")], facts.conflicts


def test_an_age_given_with_the_full_name_and_the_surname_is_one_fact() -> None:
    facts = story("Police said Ana Ruiz, 20, was found dead at a house in Calle Mayor on Saturday.",
                  "Police said Ruiz, 22, was found dead at a house in Calle Mayor on Saturday.")
    assert [c for c in facts.conflicts if c.about.startswith("age")], facts.conflicts


def test_a_nickname_and_the_given_name_are_one_owner() -> None:
    facts = story("Jim Oler, 44, and Winston Blackmore, 52, were charged with polygamy, the attorney general said.",
                  "James Oler, 46, and Winston Blackmore, 52, were charged with polygamy, the attorney general said.")
    assert [c for c in facts.conflicts if c.about.startswith("age")], facts.conflicts


def test_a_figure_of_history_is_not_todays() -> None:
    facts = story("A magnitude 4.4 quake struck near the village of Cobb on Sunday morning, the survey said.",
                  "In June 2011, a magnitude 3.0 quake struck near the village of Cobb, the survey said.")
    assert not facts.conflicts, facts.conflicts


def test_todays_figures_still_conflict() -> None:
    # One sentence but for its figure: one fact, whatever the learned model makes of a bare number.
    facts = story("A magnitude 4.4 quake struck near the village of Cobb on Sunday morning, the survey said.",
                  "A magnitude 4.8 quake struck near the village of Cobb on Sunday morning, the survey said.")
    assert kinds(facts) == ["number"], facts.conflicts


def test_two_thefts_on_two_dates_are_not_one_date_conflict() -> None:
    facts = story("In July, a masked thief stole jewels worth $80 million from a hotel in Cannes.",
                  "In May, thieves stole jewels worth $1 million from a hotel in Cannes.")
    assert "date" not in kinds(facts), facts.conflicts


def test_one_sale_on_two_dates_is_a_date_conflict() -> None:
    facts = story("The son sold one of their oil fields for a reported $30 million in 1957, using the money to "
                  "become a financier.",
                  "The son worked in the oil field for years, until it was sold for a reported $30 million in 1967.")
    assert "date" in kinds(facts), facts.conflicts


@pytest.mark.parametrize(("a", "b", "conflict"), [
    ("The phone is available in June for $99.99 down with monthly payments.",
     "The phone is available in June for $99 down with monthly payments.", False),
    ("The phone is available in June for $99 down with monthly payments.",
     "The phone is available in June for $129 down with monthly payments.", True),
])
def test_a_price_without_its_cents_is_the_same_price(a: str, b: str, conflict: bool) -> None:
    assert ("money" in kinds(story(a, b))) is conflict


def test_a_half_whose_glyph_was_written_out_is_read_whole() -> None:
    facts = story("LaRue served four and a half months in prison for his role in the conspiracy.",
                  "LaRue served 41/2 months in prison for his role in the conspiracy.",
                  "LaRue, who served a 4 - 1 / 2 - month prison term for his role in the conspiracy, has died.")
    assert not facts.conflicts, facts.conflicts
    assert [q.value for q in facts.quantities] == pytest.approx([4.5 * 730.5] * 3), facts.quantities


@pytest.mark.parametrize("line", ["Friday, Sep 10, 2010 | Updated 8: 52 PM EDT",
                                  "Monday, Sep 10, 2012 | Updated 9:01 AM EDT"])
def test_a_page_stamp_line_is_removed(line: str) -> None:
    assert classify(line, 3)[0] == "dateline-header"


@pytest.mark.parametrize("text", ["Esther Williams, swimmer turned actress, dies at 91",
                                  "Esther Williams died at the age of 91 on Thursday."])
def test_the_age_someone_died_at_is_an_age(text: str) -> None:
    assert [(q.kind, q.value) for q in story(text).quantities] == [("age", 91.0)]


def test_two_headlines_with_two_ages_at_death_conflict() -> None:
    facts = story("Esther Williams, Olympic swimmer turned actress and pinup girl, dies at 91",
                  "Esther Williams, Olympic swimmer turned actress and pinup girl, dies at 92")
    assert [c.about for c in facts.conflicts if c.about.startswith("age")], facts.conflicts

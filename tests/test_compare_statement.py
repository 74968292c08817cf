"""Two values are told as a conflict only when they stand in one statement (`compare.statement`).

Cases written for this module (stop 30), the expected answer first: alike sentences about two things
(another part of the city, a total and its part) are at most told as unlikely (`NOT_ONE`); one
statement told in other words, or one person's age told twice, is told above that.
"""

from __future__ import annotations

import datetime as dt

from newsfuse.compare import StoryFacts, compare_facts
from newsfuse.compare.statement import NOT_ONE
from newsfuse.facts import extract_facts
from newsfuse.text import split_sentences
from newsfuse.types import Article, Source

DAY = dt.date(2025, 3, 9)


def story(*texts: str) -> StoryFacts:
    sources = []
    for i, text in enumerate(texts):
        article = Article(id=f"s{i}", text=text, published=DAY)
        sources.append(Source(i + 1, article, i, split_sentences(article)))
    return compare_facts(sources, extract_facts(sources), [])


def test_one_statement_in_other_words_is_a_conflict() -> None:
    facts = story("Rescuers said the fire destroyed 40 homes in the valley overnight.",
                  "The fire destroyed 55 homes in the valley overnight, rescuers said.")
    [c] = facts.conflicts
    assert {v.value for v in c.values} == {"40", "55"} and c.confidence > NOT_ONE


def test_one_persons_age_told_twice_is_a_conflict() -> None:
    facts = story("Kristopher Block, 39, of La Porte, was charged on Tuesday with theft of the mail.",
                  "Kristopher Block, 40, a letter carrier of La Porte, resigned after the mail was found.")
    [c] = facts.conflicts
    assert {v.value for v in c.values} == {"39", "40"} and c.confidence >= 0.5


def test_the_toll_of_one_part_of_the_city_is_not_the_citys() -> None:
    # Alike sentences, one counted noun, but 30 shot across the city and 12 on its west side are
    # two counts: values this far apart in reworded sentences are two statements.
    facts = story("Police said 30 people were shot across the city on Saturday night.",
                  "On Saturday night 12 people were shot on the west side, police said.")
    assert all(c.confidence <= NOT_ONE for c in facts.conflicts if c.kind == "count")


def test_two_roles_ages_are_not_one_persons() -> None:
    # "a son" is a role, not one person: two fathers' sons, two ages.
    facts = story("The 10-year-old son of a local teacher was hurt when the wall fell at the school.",
                  "A seven-year-old son of a firefighter was also hurt at the school, parents said.")
    assert all(c.confidence <= NOT_ONE for c in facts.conflicts if c.kind in {"number", "count"})

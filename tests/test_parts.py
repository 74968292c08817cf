"""A part and its total, two people's figures, one fact told twice: what the same-fact stack is told."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.compare import StoryFacts, compare_facts, parts
from newsfuse.compare.values import Stated, stated_values
from newsfuse.facts import extract_facts
from newsfuse.text import split_sentences
from newsfuse.types import Article, Source

DAY = dt.date(2023, 2, 22)


def _sources(*texts: str, language: str = "") -> list[Source]:
    out = []
    for i, text in enumerate(texts):
        article = Article(id=f"s{i}", text=text, published=DAY, language=language)
        out.append(Source(i + 1, article, i, split_sentences(article)))
    return out


def story(*texts: str) -> StoryFacts:
    sources = _sources(*texts)
    return compare_facts(sources, extract_facts(sources), [])


def figures(*texts: str, language: str = "") -> list[Stated]:
    return stated_values(extract_facts(_sources(*texts, language=language)).quantities)


def figure(items: list[Stated], source: str, value: str) -> Stated:
    return next(s for s in items if s.source == source and value in s.surface)


TOTAL = "An attack on a home for the elderly in Aden killed 16 people, including four nuns, officials said."
PART = "Gunmen killed four nuns and twelve other people at a home for the elderly in Aden, officials said."


@pytest.mark.parametrize(("text", "value", "part"), [
    (PART, "twelve", True),  # "twelve other people"
    (TOTAL, "four", True),  # "including four nuns"
    (TOTAL, "16", False),
    ("Police said nine of them were children.", "nine", True),
    ("Local media reported he had admitted to another 60 killings.", "60", True),
    ("He has confessed to killing 59 more, police said.", "59", True),
    ("The pirates came in three boats, more than the navy expected.", "three", False),
    ("The dog found almost 10 tonnes of the gang's cocaine.", "10 tonnes", False),  # a measure, not a group
])
def test_a_part_is_marked_by_its_words(text: str, value: str, part: bool) -> None:
    f = figure(figures(text), "s0", value).main
    assert (parts.marked_part(f) and parts.counted(f)) is part


def test_figures_that_add_up_are_a_part_and_its_total() -> None:
    items = figures(TOTAL, PART)
    total, part = figure(items, "s0", "16"), figure(items, "s1", "twelve")
    assert parts.adds_up(total, part, items)  # 12 + the four nuns = 16
    items = figures("There are 279 pregnant women with Zika in the US and its territories, the CDC said.",
                    "There were 157 and 122 pregnant women with Zika in US states and territories, respectively.")
    assert parts.adds_up(figure(items, "s0", "279"), figure(items, "s1", "122"), items)
    items = figures("The fire destroyed 40 homes in the valley overnight, rescuers said.",
                    "Rescuers said the fire destroyed 55 homes in the valley overnight.")
    assert not parts.adds_up(figure(items, "s0", "40"), figure(items, "s1", "55"), items)


def test_other_languages_mark_parts_with_their_own_words() -> None:
    items = figures("Les hommes armés ont tué quatre religieuses et douze autres personnes à Aden, selon les "
                    "autorités locales.", language="fr")
    twelve = next(s for s in items if s.main.quantity.value == 12)
    assert twelve.main.lang == "fr" and parts.marked_part(twelve.main)
    assert not parts.marked_part(next(s for s in items if s.main.quantity.value == 4).main)


def test_a_part_and_its_total_is_no_conflict() -> None:
    facts = story(TOTAL, PART)
    assert not [c for c in facts.conflicts if c.kind == "count"], facts.conflicts


def test_two_peoples_ages_are_no_conflict() -> None:
    facts = story("Anwar, 51, said on Tuesday that he would run for parliament again.",
                  "Mahathir, 72, said on Tuesday that he would run for parliament again.")
    assert facts.conflicts == []


def test_one_toll_told_two_ways_is_still_a_conflict() -> None:
    facts = story("Rescuers said the fire destroyed 40 homes in the valley overnight.",
                  "The fire destroyed 55 homes in the valley overnight, rescuers said.")
    found = [c for c in facts.conflicts if c.kind == "count"]
    assert len(found) == 1 and {v.value for v in found[0].values} == {"40", "55"}

"""People merged across sources, with the titles each source gives them."""

from __future__ import annotations

import pytest

from newsfuse.facts.entities import EntityTable, extract_entities, title_head, title_key
from newsfuse.facts.parsing import parse_sources
from newsfuse.text import split_sentences
from newsfuse.types import Article, Source


def table(*texts: str) -> EntityTable:
    sources = []
    for i, text in enumerate(texts):
        article = Article(id=f"s{i}", text=text)
        sources.append(Source(i + 1, article, i, split_sentences(article)))
    return extract_entities(parse_sources(sources))


def test_one_person_under_three_names_keeps_each_sources_title() -> None:
    t = table("Japan's Senior Deputy Foreign Minister Shigeo Yamada met the delegation in Tokyo.",
              "Deputy Foreign Minister Shigeo Yamada opened the meeting. Yamada said dialogue mattered.",
              "The talks were led by Yamada and his Chinese counterpart.")
    [yamada] = [e for e in t.entities if e.name == "Shigeo Yamada"]
    assert yamada.kind == "person"
    assert yamada.sources == ["s0", "s1", "s2"]
    assert yamada.titles == {"Senior Deputy Foreign Minister": ["s0"], "Deputy Foreign Minister": ["s1"]}


def test_title_after_the_name_and_a_bare_family_name_written_first() -> None:
    t = table("Sun Weidong, China's foreign vice-minister, took aim at Tokyo's defence policy. "
              "Sun told his counterpart that the situation had changed.")
    [sun] = [e for e in t.entities if e.name == "Sun Weidong"]
    assert sun.titles == {"foreign vice-minister": ["s0"]}
    assert len(sun.mentions) == 2


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Vice Foreign Minister", "foreign vice-minister", True),
    ("Deputy Minister of Foreign Affairs", "Deputy Foreign Minister", True),
    ("Foreign Affairs Deputy Minister", "Deputy Foreign Minister", True),
    ("Defence Minister", "Defense Minister", True),
    ("Senior Deputy Foreign Minister", "Deputy Foreign Minister", False),
    ("Foreign Minister", "Defense Minister", False),
])
def test_title_keys(a: str, b: str, same: bool) -> None:
    assert (title_key(a) == title_key(b)) is same


@pytest.mark.parametrize(("title", "head"), [
    ("Deputy Minister of Foreign Affairs", "minister"), ("police chief", "chief"),
    ("foreign vice-minister", "minister"), ("Press Secretary", "secretary"),
])
def test_title_heads(title: str, head: str) -> None:
    assert title_head(title) == head


def test_places_written_two_ways_are_one() -> None:
    t = table("The United States shot down a balloon.", "The US said the balloon was a spy craft.")
    names = [e for e in t.entities if e.kind == "place" and set(e.sources) == {"s0", "s1"}]
    assert len(names) == 1


def test_a_one_word_name_used_as_a_place_is_a_place() -> None:
    # The small model reads "for Lowmere" as a person; the mention "in Lowmere" and no act of a person
    # ("Lowmere said", "Lowmere's") make it a place.
    t = table("Governor Ilse Varga declared a state of emergency for Lowmere and three nearby villages.",
              "Twelve people died when the river burst its banks in Lowmere on Wednesday night.")
    kinds = {e.name: e.kind for e in t.entities}
    assert kinds["Lowmere"] == "place" and kinds["Ilse Varga"] == "person"
    assert [e.name for e in t.entities].count("Lowmere") == 1


def test_a_one_word_name_acting_as_a_person_stays_a_person() -> None:
    t = table("Johnson told reporters outside the town hall that two firefighters had died.",
              "The dead included two firefighters, Johnson said in Lowmere.")
    assert {e.name: e.kind for e in t.entities}.get("Johnson") == "person"


@pytest.mark.parametrize(("texts", "merged"), [
    (("Kyodo News reported that the talks ended late.", "The talks ended late, Kyodo said on Thursday."),
     "Kyodo News"),
    (("The American Red Cross sent volunteers to the town.", "The Red Cross said it sent 40 volunteers."),
     "Red Cross"),
])
def test_an_organisations_short_form_is_the_same_organisation(texts: tuple[str, str], merged: str) -> None:
    orgs = [e for e in table(*texts).entities if e.kind == "organization"]
    assert len(orgs) == 1 and merged in orgs[0].name and orgs[0].sources == ["s0", "s1"]


def test_a_place_inside_a_longer_place_name_is_another_place() -> None:
    t = table("Chinese ships sailed through the Taiwan Strait on Monday.", "Taiwan said it tracked the ships.")
    places = {e.name for e in t.entities if e.kind == "place"}
    assert {"Taiwan", "Taiwan Strait"} <= places


def test_a_name_ending_in_a_place_word_is_a_place() -> None:
    t = table("Mayor Tomas Brandt said two firefighters were swept away near the Old Tanner Bridge, which partly "
              "collapsed shortly before midnight.", "The Old Tanner Bridge was closed on Thursday.")
    [bridge] = [e for e in t.entities if "Tanner Bridge" in e.name]
    assert bridge.kind == "place" and bridge.sources == ["s0", "s1"]

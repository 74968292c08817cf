"""People merged across sources, with the titles each source gives them."""

from __future__ import annotations

import pytest

from newsfuse.facts.entities import title_head, title_key
from newsfuse.facts.entity_kinds import alias_pairs
from parsed_sources import table


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


def test_a_lone_word_that_names_a_things_place_is_a_place() -> None:
    # The model calls "Fukushima" a person; it never acts as one and modifies "plant" (seed 003).
    t = table("Workers pumped water from the Fukushima nuclear plant into the Pacific on Monday.",
              "Radiation levels at the plant fell, the operator said.")
    assert {e.name: e.kind for e in t.entities}["Fukushima"] == "place"


def test_a_place_and_its_short_form_are_one_place() -> None:
    t = table("The quake struck Qeshm Island on Sunday, killing seven people.",
              "Rescuers reached villages in Qeshm on Monday.")
    [island] = [e for e in t.entities if e.kind == "place"]
    assert island.name == "Qeshm Island" and island.sources == ["s0", "s1"]


def test_an_acronym_defined_in_brackets_is_the_same_body() -> None:
    t = table("The United States Geological Survey (USGS) measured the quake at magnitude 5.9.",
              "The USGS said the quake was shallow.")
    [survey] = [e for e in t.entities if e.kind == "organization"]
    assert {m.text for m in survey.mentions} == {"USGS", "United States Geological Survey"}


def test_a_full_name_with_a_middle_name_is_the_same_person() -> None:
    t = table("Pinup icon Bettie Page died on Thursday, her agent said.",
              "Bettie Mae Page was born in Nashville in 1923.")
    people = [e for e in t.entities if "Page" in e.name]
    assert len(people) == 1 and people[0].kind == "person" and people[0].sources == ["s0", "s1"]


def test_a_body_that_speaks_stays_a_body() -> None:
    # "GSEE said" is the act of a person or a body: it does not outvote the model's "organisation"; and
    # in "head of GSEE" the title is the head's.
    t = table("The union GSEE said the strike would go ahead. GSEE told members to march.",
              "Greece's largest union GSEE said 50,000 marched, said Yiannis Panagopoulos, head of GSEE.")
    assert {e.name: e.kind for e in t.entities}["GSEE"] == "organization"


@pytest.mark.parametrize(("text", "pairs"), [
    ("The United States Geological Survey (USGS) said so.", [("United States Geological Survey", "USGS")]),
    ("It sailed the Internationally Recognised Transit Corridor (IRTC) daily.",
     [("Internationally Recognised Transit Corridor", "IRTC")]),
    ("The Senkaku Islands, known as the Diaoyu Islands in China, are disputed.",
     [("Senkaku Islands", "Diaoyu Islands")]),
    ("The talks (held in Tokyo) ended.", []),  # brackets that spell nothing define nothing
])
def test_aliases_a_text_defines(text: str, pairs: list[tuple[str, str]]) -> None:
    assert alias_pairs(text) == pairs


@pytest.mark.parametrize(("texts", "merged"), [
    # an acronym spelled out nowhere, but the initials of exactly one name of the story
    (("The Academy of Motion Pictures Arts and Sciences chose her.", "AMPAS said it was pleased."),
     {"AMPAS", "Academy of Motion Pictures Arts and Sciences"}),
    # a possessive mark is no part of which court it is
    (("He will appear at Taunton Deane Magistrates' Court.", "Taunton Deane Magistrates Court heard the case."),
     {"Taunton Deane Magistrates Court", "Taunton Deane Magistrates' Court"}),
])
def test_names_of_one_body_written_two_ways(texts: tuple[str, str], merged: set[str]) -> None:
    [body] = [e for e in table(*texts).entities if e.kind == "organization"]
    assert {m.text for m in body.mentions} == merged


def test_a_short_name_does_not_join_a_pair_of_names() -> None:
    t = table("Aid from the EU & IMF arrived.", "The IMF said the aid would come.",
              "The International Monetary Fund approved it.")
    [fund] = [e for e in t.entities if "IMF" in {m.text for m in e.mentions}]
    assert {m.text for m in fund.mentions} == {"IMF", "International Monetary Fund"}


def test_a_lone_word_crews_come_from_is_a_place() -> None:
    t = table("Crews from Devon and Somerset Fire and Rescue tackled a blaze at a supermarket.")
    assert {e.name: e.kind for e in t.entities}.get("Devon") == "place"


@pytest.mark.parametrize(("texts", "name"), [
    # the object of "of" after a place noun
    (("The tremor measured upper 5 on the seismic scale in the town of Korvanie.",), "Korvanie"),
    # a modifier of the place noun after the coordination it is in
    (("More than 2,000 people were evacuated from coastal areas of Fukushima and Tesmaro prefectures.",
      "About 2,100 people were evacuated from coastal areas of Fukushima and Tesmaro."), "Tesmaro"),
    # read in the role of the coordination, with the kind of the names it is coordinated with
    (("Bullet train services between Tokyo and Ardovia were suspended for about five hours.",
      "Trains between Tokyo and Ardovia were suspended."), "Ardovia"),
])
def test_a_name_a_place_noun_or_a_coordination_makes_a_place(texts: tuple[str, ...], name: str) -> None:
    kinds = {e.name: e.kind for e in table(*texts).entities}
    assert kinds.get(name, "place") == "place", kinds


def test_a_coordination_of_people_stays_people() -> None:
    # "between" votes weakly for a place; the names' own labels and the coordination keep them people
    t = table("Talks between Peter Kamau and Grace Wanjiru ended in Nairobi on Monday.",
              "Kamau said they would meet again.")
    kinds = {e.name: e.kind for e in t.entities}
    assert kinds["Peter Kamau"] == kinds["Grace Wanjiru"] == "person" and kinds["Nairobi"] == "place"

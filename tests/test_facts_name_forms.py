"""Two ways of writing a name that are one name: a person's given names, nicknames, initials and family
name; a body's abbreviation; and, in a story's entity table, a short form joining the one name it can
be (and not when two could be)."""

from __future__ import annotations

import pytest

from newsfuse.facts.entities import EntityTable
from newsfuse.facts.entity_kinds import head_kind
from newsfuse.facts.name_forms import abbreviates, not_a_person, person_forms_match, shouted
from parsed_sources import table


def forms(t: EntityTable, text: str) -> set[str]:
    """Every way the entity mentioned as `text` is written."""
    [entity] = [e for e in t.entities if text in {m.text for m in e.mentions}]
    return {m.text for m in entity.mentions}


@pytest.mark.parametrize(("short", "long_", "same"), [
    (("fred", "larue"), ("frederick", "larue"), True),  # a nickname
    (("ben", "banky"), ("benjamin", "david", "banky"), True),  # a nickname, a middle name dropped
    (("stan", "perlo"), ("stanley", "perlo"), True),  # a clipped given name
    (("j", "henry"), ("john", "henry"), True),  # an initial
    (("lo", "presti"), ("gaetano", "lo", "presti"), True),  # a family name of two words
    (("john", "mitchell"), ("martha", "mitchell"), False),  # two people of one family
    (("jerry", "ortiz"), ("jeremy", "ortiz"), False),
    (("presti",), ("gaetano", "lo", "presti"), True),
    (("kahn", "smith"), ("john", "smith"), False),
])
def test_person_forms(short: tuple[str, ...], long_: tuple[str, ...], same: bool) -> None:
    assert person_forms_match(short, long_) is same


@pytest.mark.parametrize(("short", "long_", "same"), [
    ("HP", "Hewlett - Packard", True),  # a hyphen parts words
    ("HP", "Hewlett-Packard", True),
    ("CREEP", "Committee to Re-Elect the President", True),  # "RE" from one word, "to" and "the" give none
    ("EYP MCF", "EYP Mission Critical Facilities", True),  # a word as written, then initials
    ("L.A. Times", "Los Angeles Times", True),
    ("AMPAS", "Academy of Motion Pictures Arts and Sciences", True),
    ("USGS", "U. S. Geological Survey", True),
    ("IMF", "International Monetary Fund", True),
    ("IMF", "International Finance Corporation", False),
    ("Kyodo", "Kyodo News", False),  # not an abbreviation: the short-form rule's part
    ("HP", "Hewlett Packard Enterprise", False),  # every word must be spelled
])
def test_abbreviations(short: str, long_: str, same: bool) -> None:
    assert abbreviates(short, long_) is same


@pytest.mark.parametrize(("words", "body"), [
    (["Creston", "RCMP"], True), (["EYP", "Mission"], True), (["HP"], True), (["EYP", "MCF"], True),
    (["CC", "Sabathia"], False), (["Anthony", "LaCalamita", "III"], False), (["J.D.", "Drew"], False),
])
def test_an_abbreviation_in_a_name_makes_it_a_body(words: list[str], body: bool) -> None:
    assert not_a_person(words) is body


def test_a_headline_in_capitals_says_nothing_by_its_case() -> None:
    assert shouted("BETTIE PAGE DIES AT 85") and not not_a_person(["BETTIE", "PAGE"], shouted=True)
    assert not shouted("EYP MCF said the deal closed on Monday.")


@pytest.mark.parametrize(("name", "kind"), [
    ("University of South Alabama College of Medicine", "organization"),  # the head comes before "of"
    ("Gulf of Aden", "place"), ("Ministry of Finance", "organization"), ("Qeshm Island", "place"),
])
def test_the_head_of_a_name_says_its_kind(name: str, kind: str) -> None:
    assert head_kind(name.split()) == kind


def test_a_nickname_and_a_middle_initial_are_one_person() -> None:
    t = table("Frederick C. LaRue, a Nixon campaign aide, died at 75, his family said.",
              "Fred LaRue delivered the money in 1972, prosecutors said.")
    assert forms(t, "Fred LaRue") == {"Fred LaRue", "Frederick C. LaRue"}


def test_a_family_name_of_two_words_joins_the_full_name() -> None:
    t = table("Gaetano Lo Presti was arrested in Palermo on Tuesday.",
              "Lo Presti hanged himself in his cell, police said.")
    assert forms(t, "Lo Presti") == {"Lo Presti", "Gaetano Lo Presti"}


def test_two_smiths_keep_a_bare_smith_apart() -> None:
    # "Smith" could be either; and "John Smith" is not "Mary Smith".
    t = table("John Smith, the mayor, opened the bridge on Monday.",
              "Mary Smith, his sister, cut the ribbon.", "Smith said the bridge had cost too much.")
    assert forms(t, "John Smith") == {"John Smith"} and forms(t, "Mary Smith") == {"Mary Smith"}


def test_one_smith_takes_the_bare_smith() -> None:
    t = table("John Smith, the mayor, opened the bridge on Monday.", "Smith said the bridge had cost too much.")
    assert forms(t, "John Smith") == {"John Smith", "Smith"}


def test_an_abbreviation_joins_the_name_it_spells() -> None:
    t = table("Hewlett-Packard agreed to buy EYP Mission Critical Facilities on Monday.",
              "HP said EYP MCF would join its consulting arm.", "EYP designs data centres.")
    assert forms(t, "HP") == {"HP", "Hewlett-Packard"}
    assert forms(t, "EYP MCF") == {"EYP", "EYP MCF", "EYP Mission Critical Facilities"}
    assert {e.kind for e in t.entities if {"HP", "EYP"} & {m.text for m in e.mentions}} == {"organization"}

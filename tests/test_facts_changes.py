"""Sentences that say a figure changed (facts.changes), and the updates they tell across reports of
different days (compare.changes). Sentences written for this test; the held-out stories are in
tests/test_ledger_updates.py."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.compare import StoryFacts, compare_facts
from newsfuse.facts import extract_facts
from newsfuse.facts.changes import Change, read_changes
from newsfuse.text import split_sentences
from newsfuse.types import Article, Source

DAY = dt.date(2024, 5, 13)  # a Monday


def sources_of(*texts: str, days: tuple[dt.date, ...] = (), lang: str = "") -> list[Source]:
    out = []
    for i, text in enumerate(texts):
        article = Article(id=f"s{i}", text=text, published=days[i] if days else DAY, language=lang)
        out.append(Source(i + 1, article, i, split_sentences(article)))
    return out


def changes(text: str, lang: str = "") -> list[tuple[str, str | None, str, frozenset[str]]]:
    """(new value, earlier value, direction, what changed) of each change the sentence states."""
    sources = sources_of(text, lang=lang)
    facts = extract_facts(sources)
    told: list[Change] = read_changes(facts.parsed, facts.quantities)
    q = facts.quantities
    return [(q[c.new].quantity.text, q[c.old].quantity.text if c.old is not None else None, c.direction, c.measured)
            for c in told]


@pytest.mark.parametrize(("text", "new", "old", "direction", "measured"), [
    ("The number of people killed in the Ashford fire has risen to 12, up from nine on Monday, police said.",
     "12", "nine", "up", "death"),
    ("Officials had earlier said 40 homes were destroyed, but on Friday they corrected the figure to 31.",
     "31", "40", "down", "home"),
    ("The council now puts the cost of the repairs at 3 million pounds.", "3 million pounds", None, "", "cost"),
    ("The injured now number about 85, up from 60 on Sunday, the hospital said.", "about 85", "60", "up", "injur"),
    ("Some 300 families remained in shelters on Tuesday, down from 1,100 on Saturday.", "Some 300", "1,100", "down",
     "famili"),
])
def test_an_english_sentence_states_the_change_with_both_values(text: str, new: str, old: str | None,
                                                                 direction: str, measured: str) -> None:
    [(n, o, d, m)] = changes(text)
    assert (n, o, d) == (new, old, direction)
    assert measured in m


@pytest.mark.parametrize(("text", "lang", "new", "old", "direction", "measured"), [
    ("Le nombre de victimes est passé de 9 à 14 mardi, selon la préfecture.", "fr", "14", "9", "up", "death"),
    ("Le coût des travaux est désormais estimé à 12 millions d'euros.", "fr", "12 millions d'euros", None, "",
     "coût"),
    ("Die Zahl der Verletzten ist von 20 auf 35 gestiegen.", "de", "35", "20", "up", "injur"),
    ("Die Zahl der Toten stieg am Mittwoch auf neun.", "de", "neun", None, "up", "death"),
])
def test_french_and_german_changes_are_read_with_their_lexicon(text: str, lang: str, new: str, old: str | None,
                                                               direction: str, measured: str) -> None:
    [(n, o, d, m)] = changes(text, lang)
    assert (n, o, d) == (new, old, direction)
    assert any(measured in c for c in m), m


@pytest.mark.parametrize("text", [
    "The floods have now killed 250 people in the two countries.",  # "now" with no level verb: a total
    "Prices rose by 5% last year, the bureau said.",  # a change by an amount, not a level
    "Rescuers recovered 30 more bodies from the river on Friday.",
    "The bus, carrying 25 passengers from Krakow, left the road on a bend.",
    "The toll in Mexico is 50, officials said.",
])
def test_sentences_that_state_no_change(text: str) -> None:
    assert changes(text) == []


def story(*texts: str, days: tuple[dt.date, ...]) -> StoryFacts:
    sources = sources_of(*texts, days=days)
    return compare_facts(sources, extract_facts(sources), [])


def later(n: int) -> dt.date:
    return DAY + dt.timedelta(days=n)


def test_a_change_and_an_earlier_report_of_its_earlier_value_are_one_update() -> None:
    f = story("A fire at a warehouse in Ashford killed nine people, police said on Monday.",
              "The number of people killed in the Ashford warehouse fire has risen to 12, up from nine on Monday, "
              "police said.", days=(DAY, later(2)))
    assert f.conflicts == []
    [u] = f.updates
    assert [v.value for v in u.values] == ["nine", "12"] and [v.at for v in u.values] == [DAY, later(2)]
    assert u.values[0].sources == ["s0"] and u.values[1].sources == ["s1"]


def test_without_its_earlier_value_the_direction_says_which_figure_was_before() -> None:
    f = story("A fire at a warehouse in Ashford killed nine people, police said.",
              "Last week, a fire at a warehouse in Dover killed four people.",
              "The death toll from the Ashford warehouse fire rose to 12 on Wednesday, police said.",
              days=(DAY, DAY, later(2)))
    [u] = f.updates
    assert [v.value for v in u.values] == ["nine", "12"]  # not last week's four, in another town


def test_a_change_told_the_same_day_as_the_old_figure_is_a_conflict() -> None:
    f = story("A fire at a warehouse in Ashford killed nine people, police said.",
              "The number of people killed in the Ashford warehouse fire has risen to 12, police said.",
              days=(DAY, DAY))
    assert f.updates == []
    assert [sorted(v.value for v in c.values) for c in f.conflicts] == [["12", "nine"]]


def test_another_place_is_not_an_earlier_value() -> None:
    f = story("Floods killed 11 people in Dar es Salaam, the agency said.",
              "The number of people killed by floods in Nairobi has risen to 239, the ministry said.",
              days=(DAY, later(2)))
    assert f.updates == [] and f.conflicts == []


def test_a_change_with_no_day_for_its_earlier_value_is_no_update_of_the_story() -> None:
    f = story("The company opened a new plant in Leeds.",
              "Its sales rose to $5 billion from $4 billion, the company said.", days=(DAY, later(1)))
    assert f.updates == [] and f.conflicts == []


def test_a_sentence_alone_with_both_values_and_the_earlier_day_is_an_update() -> None:
    f = story("Heavy rain fell across the county on Sunday.",
              "The injured now number about 85, up from 60 on Sunday, the hospital said.", days=(later(-1), DAY))
    [u] = f.updates
    assert [v.value for v in u.values] == ["60", "about 85"]
    assert [v.at for v in u.values] == [later(-1), DAY] and u.values[0].sources == ["s1"]


def test_the_earlier_value_a_change_names_is_never_a_side_of_a_conflict() -> None:
    """Main reported 12 against 14, the figure the police had given before correcting it."""
    f = story("Police said 12 people were detained after the match in Leeds.",
              "Police had earlier said 14 people were detained after the match in Leeds, but on Tuesday they "
              "corrected the figure to 10.", days=(DAY, DAY))
    assert not any("14" in {v.value for v in c.values} for c in f.conflicts)
    assert f.updates == []  # one day


def test_a_day_after_reporting_the_earlier_value_the_new_one_is_the_sentences_own() -> None:
    [(new, old, _, measured)] = changes("A day after reporting seven deaths, officials on Sunday said 12 people "
                                        "had died in the crash.")
    assert (new, old) == ("12", "seven") and "death" in measured


def test_who_states_a_figure_is_not_what_it_measures_but_who_changes_it_owns_it() -> None:
    [(_, _, _, stated)] = changes("Authorities now put the number of miners still unaccounted for at six.")
    assert "author" not in stated and "unaccount" in stated
    [(_, _, _, owned)] = changes("Norway increased its donation to 180 million dollars.")
    assert "norway" in owned


def test_the_dead_are_not_the_missing() -> None:
    f = story("Ten miners were killed in the blast, the rescue coordinator said.",
              "Authorities now put the number of miners still unaccounted for at six.", days=(DAY, later(1)))
    assert not any(len(u.values) > 1 and u.values[0].value == "Ten" for u in f.updates)


def test_taking_on_a_climb_at_a_gradient_is_no_change() -> None:
    assert changes("The stage finishes by taking on the Port de Pailhères (17 km at 7.2%).") == []

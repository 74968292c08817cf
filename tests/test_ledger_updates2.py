"""Issue 11, updates (stop 30, second check): four stories told over days, written by hand after the
change reader was built and committed with what was planted (tests/data/ledger_updates2/EXPECTED.md)
before newsfuse ran on them: a toll told in German then English (mine), a correction "had earlier
said" (lagos), a storm told mostly in French, "a day after reporting seven deaths" (train), with
traps (the dead are not the missing, last year's figures, parts of a total). The first reading on
main found 3 of 13 planted steps with 1 false update (docs/benchmarks.md); what still fails is marked
xfail(strict=True) with its cause. benchmarks/updates_planted.py --set ledger_updates2 prints the
figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from update_chains import Stories, ordered

DATA = Path(__file__).parent / "data" / "ledger_updates2"
pytestmark = pytest.mark.slow

STORIES = Stories(DATA)
story, told, figure_conflicts = STORIES.story, STORIES.told, STORIES.figure_conflicts


def test_mine_toll_in_german_then_english_is_one_chain() -> None:
    # "auf neun erhöht" (4 Mar), "climbed to 11 ..., raising the toll from nine" (5 Mar)
    assert any(ordered(c, 5, 9, 11) for c in told("mine"))


def test_mine_the_missing_are_not_the_dead() -> None:
    chains = told("mine")
    # "Authorities now put the number of miners still unaccounted for at six" continues the 17 missing,
    # never the ten killed
    assert any(ordered(c, 17, 6) for c in chains)
    assert not any(ordered(c, 10, 6) for c in chains)
    assert not any(21 in c or 16 in c for c in chains)  # last year's deaths, the 2022 blast


def test_lagos_correction_had_earlier_said() -> None:
    # "had earlier said 40 people were in the building ..., revised the figure down to 28"
    assert any(ordered(c, 40, 28) for c in told("lagos"))
    assert not any({40, 28} <= s for s in figure_conflicts("lagos"))
    assert not any(24 in c for c in told("lagos"))  # the Jos school collapse


def test_train_a_day_after_reporting() -> None:
    chains = told("train")
    assert any(ordered(c, 7, 12) for c in chains)  # "A day after reporting seven deaths, ... said 12"
    assert any(ordered(c, 60, 48) for c in chains)  # "revised down the number of injured to 48"
    assert not any(300 in c for c in chains)  # Balasore 2023


def test_storm_evacuated_revised_in_french() -> None:
    # "qui avait d'abord fait état de 300 personnes évacuées à Morlaix, a ramené ce chiffre à 210"
    assert any(ordered(c, 300, 210) for c in told("storm"))
    assert not any(1_200_000 in c for c in told("storm"))  # storm Ciaran, 2023


def test_a_day_or_a_verb_after_a_figure_is_not_what_it_counts() -> None:
    values = [v.normalized for c in ("mine", "storm") for u in story(c).updates for v in u.values]
    assert values and not any("erhöht" in v or "mercredi" in v for v in values)  # "auf neun erhöht", "210 mercredi"


@pytest.mark.xfail(strict=True, reason="facts.changes reads no change in 'Enedis ne comptait plus que 95 000 foyers' "
                                       "nor 'Ils étaient encore 20 000 foyers', and compare.quantities pairs no "
                                       "two of the three days' figures")
def test_storm_homes_without_power_fall() -> None:
    assert any(ordered(c, 180_000, 95_000, 20_000) for c in told("storm"))


@pytest.mark.xfail(strict=True, reason="'La tempête Oriane a fait un mort' (2 Feb): the French 'un' before a noun is "
                                       "read as an article, not the figure 1, so 'le bilan s'est alourdi à deux "
                                       "morts' has no earlier value")
def test_storm_toll_one_then_two() -> None:
    assert any(ordered(c, 1, 2) for c in told("storm"))


def test_lagos_toll_six_then_thirteen() -> None:
    assert any(ordered(c, 6, 13, 16) for c in told("lagos"))


@pytest.mark.xfail(strict=True, reason="'The toll ... touched 15 on Monday': a level verb with its value as object "
                                       "and no 'now' ('touched', 'reached', 'hit') is not read as a change")
def test_train_toll_touched_fifteen() -> None:
    assert any(ordered(c, 12, 15) for c in told("train"))


@pytest.mark.xfail(strict=True, reason="compare.quantities: the same-day rivals are not aligned as one fact "
                                       "('Ten miners were killed' vs 'auf neun erhöht', 'Thirty-five ... pulled out "
                                       "alive' vs '37 people were rescued alive', 187 vs 178 km/h, 110 vs about 90 km/h)")
def test_same_day_disagreements_are_conflicts() -> None:
    assert any({9, 10} <= s for s in figure_conflicts("mine"))
    assert any({35, 37} <= s for s in figure_conflicts("lagos"))
    assert any({187, 178} <= s for s in figure_conflicts("storm"))
    assert any({110, 90} <= s for s in figure_conflicts("train"))

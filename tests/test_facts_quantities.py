"""Numbers read by hand: each form the issue names, normalized, with what it measures."""

from __future__ import annotations

import pytest

from newsfuse.facts.parsing import parse_sources
from newsfuse.facts.quantities import Found, extract_quantities
from newsfuse.text import split_sentences
from newsfuse.types import Article, Source


def found_in(text: str) -> list[Found]:
    article = Article(id="a", text=text)
    return extract_quantities(parse_sources([Source(1, article, 0, split_sentences(article))]))


@pytest.mark.parametrize(("sentence", "surface", "kind", "value", "unit", "hedge"), [
    ("The plan costs $315 billion over five years.", "$315 billion", "money", 315e9, "USD", ""),
    ("Tokyo will allocate about 43 trillion yen for defense.", "about 43 trillion yen", "money", 43e12, "JPY",
     "about"),
    ("The fund (approximately $7.5 billion) was approved.", "approximately $7.5 billion", "money", 7.5e9, "USD",
     "approximately"),
    ("The city raised €5m for the school.", "€5m", "money", 5e6, "EUR", ""),
    ("Spending will rise to 2% of GDP.", "2%", "percent", 2.0, "%", ""),
    ("Prices rose 3.5 per cent last month.", "3.5 per cent", "percent", 3.5, "%", ""),
    ("The talks lasted about 3 1/2 hours.", "about 3 1/2 hours", "duration", 3.5, "hours", "about"),
    ("At the start of the two-day dialogue, both sides spoke.", "two-day", "duration", 48.0, "hours", ""),
    ("The hearing lasted two and a half hours.", "two and a half hours", "duration", 2.5, "hours", ""),
    ("Officials said three unidentified flying objects were seen.", "three", "count", 3.0, "objects", ""),
    ("Officials said at least three unidentified flying objects were seen.", "at least three", "count", 3.0,
     "objects", "at least"),
    ("Police said twenty-five people were hurt.", "twenty-five", "count", 25.0, "people", ""),
    ("The storm killed 1,200 people in the region.", "1,200", "count", 1200.0, "people", ""),
    ("A 45-year-old man was arrested on Sunday.", "45-year-old", "age", 45.0, "years", ""),
    ("The suspect, aged 31, was released.", "31", "age", 31.0, "years", ""),
    # a decimal point a scraper spaced apart, before a percent word
    ("Greek stocks plunged 5. 4 per cent on Monday.", "5. 4 per cent", "percent", 5.4, "%", ""),
    ("A 4. 6 - magnitude earthquake rattled Northern California.", "4. 6 - magnitude", "number", 4.6, "magnitude", ""),
    ("The navy seized 1384 rounds of ammunition.", "1384", "count", 1384.0, "rounds", ""),
    # a thousands separator a scraper spaced apart, after a currency sign
    ("Apple will ask $1, 099 for the base version.", "$1, 099", "money", 1099.0, "USD", ""),
])
def test_quantity_forms(sentence: str, surface: str, kind: str, value: float, unit: str, hedge: str) -> None:
    got = [f.quantity for f in found_in(sentence) if f.quantity.kind == kind]
    assert got, f"no {kind} in {sentence!r}"
    q = got[0]
    assert (q.text, q.value, q.unit, q.hedge) == (surface, pytest.approx(value), unit, hedge)
    assert q.sentence == 0 and q.source == "a"


def test_parentheses_are_not_negative() -> None:
    q = next(f.quantity for f in found_in("It agreed a deal (approximately $7.5 billion) on Monday."))
    assert q.value > 0


def test_range_keeps_its_upper_end() -> None:
    q = next(f.quantity for f in found_in("The flight took 3 to 4 hours."))
    assert (q.value, q.high) == (3.0, 4.0)


@pytest.mark.parametrize("sentence", [
    "The previous meeting took place in 2019.",
    "The US shot down a balloon on Feb. 4.",
    "The two countries agreed to talk again.",
    "Vinokourov won stage 13 of the race.",
    "The board voted 4-1 on Tuesday to proceed.",
    "They were seen from 2019 to 2021.",
])
def test_numbers_that_count_nothing(sentence: str) -> None:
    assert [f.quantity.text for f in found_in(sentence) if f.quantity.kind in {"count", "number"}] == []


@pytest.mark.parametrize(("sentence", "value"), [
    # the small model tags these bare figures DATE; nothing in their phrase is a calendar word
    ("Authorities now put the toll from the floods at 13, a day after reporting six deaths.", 13),
    ("The toll stood at 40, police said on Monday.", 40),
])
def test_a_bare_figure_the_tagger_calls_a_date_is_a_figure(sentence: str, value: float) -> None:
    assert value in [f.quantity.value for f in found_in(sentence)]


@pytest.mark.parametrize("sentence", ["The dam broke on March 13, 2024, officials said.",
                                      "The dam broke 13 days ago, officials said."])
def test_a_number_with_its_calendar_word_stays_a_date(sentence: str) -> None:
    assert 13 not in [f.quantity.value for f in found_in(sentence) if f.quantity.kind in {"count", "number"}]


def test_one_sum_in_two_currencies_is_one_group() -> None:
    found = found_in("The plan allocates about 43 trillion yen (approximately $315 billion) over five years.")
    money = [f for f in found if f.quantity.kind == "money"]
    assert len(money) == 2
    assert money[0].currency_group == money[1].currency_group >= 0


def test_period_and_measure() -> None:
    found = found_in("Japan will double defense spending over the next five years to $320 billion.")
    money = next(f for f in found if f.quantity.kind == "money")
    assert money.period == pytest.approx(5 * 8766)
    assert money.quantity.measures == "defense spending"


def test_annual_figure_is_a_rate() -> None:
    found = found_in("The country spends $50 billion a year on defense.")
    assert next(f for f in found if f.quantity.kind == "money").per == "year"


def test_gap_is_not_a_duration_of_the_event() -> None:
    found = found_in("China and Japan held their first security talks in four years.")
    assert [f.gap for f in found if f.quantity.kind == "duration"] == [True]


@pytest.mark.parametrize(("sentence", "surface", "low", "high"), [
    ("They want to cut emissions by 25 percent to 40 percent by 2020.", "25 percent to 40 percent", 25.0, 40.0),
    ("The plan costs $5 billion to $7 billion over a decade.", "$5 billion to $7 billion", 5e9, 7e9),
    ("The deal is worth 3 million euros to 4 million euros.", "3 million euros to 4 million euros", 3e6, 4e6),
])
def test_range_with_the_unit_said_twice(sentence: str, surface: str, low: float, high: float) -> None:
    [q] = [f.quantity for f in found_in(sentence) if f.quantity.kind in {"percent", "money"}]
    assert (q.text, q.value, q.high) == (surface, low, high)


def test_words_around_a_figure_nearest_first() -> None:
    [f] = [f for f in found_in("Ohio has 66 delegates in total.") if f.quantity.kind == "count"]
    assert f.before == ("has", "ohio") and f.after == ("delegates", "in", "total")


def test_between_after_by_is_a_change() -> None:
    [f] = found_in("It calls for cutting emissions by between 25 to 40 percent.")
    assert f.delta and f.quantity.high == 40.0


@pytest.mark.parametrize(("sentence", "unit"), [
    ("They will split humpbacks into 14 distinct populations, and remove 10 of those from the list.", "populations"),
    ("Police seized 40 rifles and destroyed 12 of them on Friday.", "rifles"),
])
def test_of_those_counts_the_noun_counted_before(sentence: str, unit: str) -> None:
    counts = [f for f in found_in(sentence) if f.quantity.kind == "count"]
    assert [f.quantity.unit for f in counts] == [unit, unit]


@pytest.mark.parametrize(("sentence", "surface", "value"), [
    ("A sudden aftershock of the magnitude 8.8 earthquake hit Chile.", "magnitude 8.8", 8.8),
    ("Another aftershock of the February 27 8.8 earthquake rocked Chile.", "8.8", 8.8),
    ("An earthquake, with a magnitude of 7.0, struck Haiti.", "7.0", 7.0),
    ("A 6.5-magnitude quake struck the island.", "6.5-magnitude", 6.5),
])
def test_magnitudes(sentence: str, surface: str, value: float) -> None:
    got = [f.quantity for f in found_in(sentence) if f.quantity.unit == "magnitude"]
    assert [(q.text, q.value) for q in got] == [(surface, pytest.approx(value))]


@pytest.mark.parametrize(("sentence", "total", "part"), [
    ("Ohio has 66 delegates total, the party said.", [True], [False]),
    ("The districts take 9 delegates out of a total of 66 off the table.", [False, True], [True, False]),
    ("A total of 228 people were on board.", [True], [False]),
])
def test_totals_and_parts(sentence: str, total: list[bool], part: list[bool]) -> None:
    found = found_in(sentence)
    assert [f.total for f in found] == total and [f.part for f in found] == part


def test_whole_counts_what_its_part_counts() -> None:
    [_nine, whole] = found_in("The districts take 9 delegates out of a total of 66 off the table.")
    assert (whole.quantity.kind, whole.quantity.unit) == ("count", "delegates")


@pytest.mark.parametrize(("sentence", "former"), [
    ("The bill would lower the voting age from 18 to 16 for local elections.", [True, False]),
    ("The bill would lower the voting age to 16 for local elections.", [False]),
])
def test_former_level_of_a_change(sentence: str, former: list[bool]) -> None:
    assert [f.former for f in found_in(sentence)] == former


@pytest.mark.parametrize(("sentence", "faces"), [
    # a conversion in parentheses is one figure even when its faces disagree
    ("His peak weight was 1,230 pounds (560 kilograms) in 2006.", 2),
    ("His peak weight was 1,845 pounds (560 kilograms) in 2006.", 2),
    ("The torch relay covers 31 miles (50 km) around London.", 2),
    # two figures in different units, not a conversion
    ("He lost 1,230 pounds and then 560 kilograms more.", 1),
])
def test_conversions_are_one_figure(sentence: str, faces: int) -> None:
    found = [f for f in found_in(sentence) if f.quantity.kind == "number"]
    one = len(found) == 2 and found[0].currency_group == found[1].currency_group >= 0
    assert one == (faces == 2)


def test_a_scale_word_counts_for_both_ends_of_a_range() -> None:
    [q] = [f.quantity for f in found_in("He plans to deport 2 to 3 million undocumented immigrants.")]
    assert (q.value, q.high) == (2e6, 3e6)


@pytest.mark.parametrize(("sentence", "value", "unit"), [
    ("Gusts of up to 178 km/h were recorded.", 178.0, "km/h"),
    ("The train was travelling at about 90 km/h, an official said.", 90.0, "km/h"),
    ("It ran at 110 kilometres per hour.", 110.0, "km/h"),
    ("The road is 12 km long.", 12.0, "km"),
])
def test_a_speed_is_not_a_distance(sentence: str, value: float, unit: str) -> None:
    got = [(f.quantity.value, f.quantity.unit) for f in found_in(sentence)]
    assert got == [(value, unit)]


def test_a_figure_after_a_datelines_colon_is_read_and_a_time_is_not() -> None:
    assert [f.quantity.value for f in found_in("Jajpur, Odisha: Seven passengers were killed.")] == [7.0]
    assert found_in("The session opened at 11:49 local time.") == []

"""Numbers a scraper spaced apart ("1, 800", "4. 6", "4 1 / 2"): read whole where the pattern can only
be one number, left apart where it may be a list, a date, a compound or two sentences."""

from __future__ import annotations

import pytest

from newsfuse.facts.parsing import parse_sources
from newsfuse.facts.quantities import extract_quantities
from newsfuse.text import split_sentences
from newsfuse.types import Article, Source


def values(text: str) -> list[float]:
    article = Article(id="a", text=text)
    found = extract_quantities(parse_sources([Source(1, article, 0, split_sentences(article))]))
    return [round(f.quantity.value, 6) for f in found]


@pytest.mark.parametrize(("sentence", "value"), [
    # thousands: a left part of 1-3 digits, groups of exactly three
    ("El Dorado has 1, 800 residents.", 1800.0),
    ("Officials said 2, 300 died in the floods.", 2300.0),
    ("It lies 1, 500 kilometers south of Tehran.", 1500.0),
    ("The quake injured more than 1, 400, leveling several villages.", 1400.0),
    ("Another 20, 000 people marched through the city.", 20000.0),
    ("The fire destroyed 1, 250, 000 acres of forest.", 1250000.0 * 0.4047),
    # decimals: a unit, a currency, a magnitude near, a leading zero
    ("An earthquake with a preliminary magnitude of 4. 6 was recorded in the North Bay.", 4.6),
    ("A quake measuring 3. 8 on the Richter scale hit the town.", 3.8),
    ("The euro fell below $1. 29 for the first time.", 1.29),
    ("Jeffs spoke after 4. 5 hours of testimony Wednesday.", 4.5),
    ("Iran's Bam was razed by a 6. 7 quake in 2003.", 6.7),
    # a mixed fraction with its slash spaced
    ("Jeffs spoke after 4 1 / 2 hours of testimony Wednesday.", 4.5),
])
def test_spaced_number_reads_whole(sentence: str, value: float) -> None:
    assert pytest.approx(value) in values(sentence)


def test_spaced_range_reads_both_ends() -> None:
    got = values("Aftershocks with magnitudes ranging from 3. 6 to 4. 3 followed.")
    assert got == [pytest.approx(3.6)]
    article = Article(id="a", text="Police said between 1, 500 and 2, 000 people marched.")
    q = extract_quantities(parse_sources([Source(1, article, 0, split_sentences(article))]))[0].quantity
    assert (q.value, q.high) == (1500.0, 2000.0)


@pytest.mark.parametrize(("sentence", "absent"), [
    ("He picked the numbers 1, 800, 2 and 9.", 1800.0),  # a list
    ("The winning numbers were 3, 5, 800 and 12.", 5800.0),  # a list
    ("Rooms 7, 120 and 300 were searched.", 7120.0),  # a list ending in "and 300"
    ("On March 5, 300 people marched.", 5300.0),  # a date, then a count
    ("Deputies said Orozco is 5 - foot - 8, 135 pounds, with tattoos.", 8135.0 * 0.4536),  # a height, a weight
    ("The toll stood at 4. 6 people were hurt in the crash.", 4.6),  # a sentence ending on 4
    ("He was sentenced in 1997. 12 years later he was freed.", 1997.12),  # a year ends the sentence
    ("The deal was dated 4 1 / 2 / 2020 in the filing.", 4.5),  # a date's slashes
])
def test_spaced_number_left_apart(sentence: str, absent: float) -> None:
    assert pytest.approx(absent) not in values(sentence)


"""Figures that a report and its translation state alike must be read alike (issue 16, item 1):
found by planting changed figures in MultiLing documents beside their English versions
(benchmarks/conflicts_eval.py --sets xling-fr)."""

from __future__ import annotations

import pytest

from newsfuse.facts import extract_facts
from newsfuse.text import split_sentences
from newsfuse.types import Article, Source


def _figures(text: str, language: str) -> list[tuple[str, float, str]]:
    article = Article(id="a", text=text, language=language)
    found = extract_facts([Source(1, article, 0, split_sentences(article))]).quantities
    return [(f.quantity.kind, f.quantity.value, f.quantity.unit) for f in found]


def test_a_currency_code_after_the_figure_makes_it_money() -> None:
    assert _figures("Norway increased its donation to 180 million USD.", "en") == [("money", 180e6, "USD")]
    assert _figures("Norway increased its donation to 180 million dollars.", "en") == [("money", 180e6, "USD")]


@pytest.mark.slow  # loads spaCy's French data
def test_years_set_off_after_a_name_are_an_age_in_french_as_in_english() -> None:
    assert ("age", 18.0, "years") in _figures("Hasib Hussain, 18 ans, de Leeds.", "fr")
    assert ("age", 18.0, "years") in _figures("Hasib Hussain, 18, from Leeds.", "en")
    # Years that are not set off after a name stay a duration.
    assert _figures("Il a passé 18 ans en prison.", "fr")[0][0] == "duration"


def test_a_date_in_a_language_without_a_lexicon_is_read_not_a_crash() -> None:
    import datetime as dt

    from newsfuse.facts.dates import Anchor, dates_in

    # Greek has no langdata lexicon, but dateparser knows its month names: the rule matched, and the
    # brief of a MultiLing Greek cluster with facts on raised KeyError: 'φεβρουαρίου'.
    found = dates_in("Σάββατο 27 φεβρουαρίου 2010, ο σεισμός", Anchor(dt.date(2010, 2, 27), "published"), lang="el")
    assert any(d.ref.start == dt.date(2010, 2, 27) for d in found)

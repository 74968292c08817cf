"""Issue 16, stop 27: figures a report and its counterpart in another language state alike are read
alike and compared. Small written cases in French, German, Arabic and English, one per cause of the
planted conflicts missed across languages (docs/benchmarks.md, "Issue 16, stop 27")."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.facts import extract_facts
from newsfuse.facts.dates import Anchor, dates_in
from newsfuse.text import split_sentences
from newsfuse.types import Article, Source
from parsed_sources import conflicts_beside

# A Thursday: "Wednesday" is the day before, or six days on.
THURSDAY = Anchor(dt.date(2007, 3, 29), "published")


def _figures(lang: str, text: str) -> list[tuple[str, str, float]]:
    article = Article(id="a", text=text, language=lang)
    facts = extract_facts([Source(1, article, "a", split_sentences(article))])
    return [(f.quantity.text, f.quantity.kind, round(f.quantity.value, 2)) for f in facts.quantities]


# --- (a) a weekday in a past clause ----------------------------------------------------------------

@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", 'On Wednesday, Iran had said that at least one soldier would "be released very soon."'),
    ("en", "On Wednesday, officials said the talks would resume."),
    ("fr", "Mercredi, l'Iran avait déclaré qu'au moins une femme soldat serait libérée très rapidement."),
])
def test_a_weekday_opening_a_past_clause_is_the_last_one(lang: str, sentence: str) -> None:
    found = dates_in(sentence, THURSDAY, lang=lang)
    assert [f.ref.start for f in found] == [dt.date(2007, 3, 28)]


def test_a_weekday_opening_a_future_clause_is_the_next_one() -> None:
    found = dates_in("On Wednesday, the ministers will meet in Brussels.", THURSDAY)
    assert [f.ref.start for f in found] == [dt.date(2007, 4, 4)]


# --- (b) figures a reader missed -------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "figures"), [
    # four digits that count something are no year; a year after a month stays one
    ("fr", "Environ 1050 personnes ont été blessées le 7 juillet 2005.", [("Environ 1050", "count", 1050.0)]),
    ("fr", "Elle mesure environ 1200 miles.", [("environ 1200 miles", "number", 1930.8)]),
    ("de", "Rund 1500 Menschen wurden 2005 evakuiert.", [("Rund 1500", "count", 1500.0)]),
    # a figure whose noun is elided is a bare number, as the English reader keeps one
    ("fr", "52 personnes sont mortes et environ 700 ont été blessées.",
     [("52", "count", 52.0), ("environ 700", "number", 700.0)]),
    # "et" makes a range only after "entre"
    ("fr", "Le nombre de morts a dépassé les 121 000 et 5 millions de personnes sont sans abri.",
     [("121 000", "number", 121000.0), ("5 millions", "count", 5e6)]),
    ("fr", "Entre 3 et 5 personnes sont mortes.", [("3 et 5", "count", 3.0)]),
    # an adjective between the figure and its unit
    ("fr", "Une économie sobre pour les 50 prochaines années.", [("50 prochaines années", "duration", 438300.0)]),
    ("en", "They gave approximately 322 million U.S. dollars.",
     [("approximately 322 million U.S. dollars", "money", 322e6)]),
])
def test_figures_each_reader_reads(lang: str, text: str, figures: list[tuple[str, str, float]]) -> None:
    assert _figures(lang, text) == figures


def test_a_figure_counts_the_noun_past_an_adjective_not_a_pronoun() -> None:
    article = Article(id="a", text="L'équipe a eu deux autres concurrents. Un bateau pareil aux deux qui ont été saisis.",
                      language="fr")
    facts = extract_facts([Source(1, article, "a", split_sentences(article))])
    # "aux deux qui": the two already named (as English "the two"), no count of "qui"
    assert [(f.quantity.kind, f.head) for f in facts.quantities] == [("count", "concurrent")]


# --- (d) proportions -------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "surface"), [
    ("fr", "Un sondage a montré que trois Américains sur dix ont donné.", "trois Américains sur dix"),
    ("de", "Eine Umfrage zeigt, dass drei von zehn Deutschen gespendet haben.", "drei von zehn"),
    ("en", "A poll has found three in ten U.S. citizens have donated.", "three in ten"),
])
def test_a_proportion_is_a_share(lang: str, text: str, surface: str) -> None:
    assert _figures(lang, text) == [(surface, "percent", 30.0)]


def test_a_count_within_a_time_is_no_proportion() -> None:
    assert ("2", "number", 2.0) in _figures("en", "He scored 2 in 10 minutes.")


# --- (e) Arabic: clitics, case endings, units, months ---------------------------------------------

@pytest.mark.parametrize(("text", "figures"), [
    ("قتل 52 شخصا في لندن.", [("52", "count", 52.0)]),
    ("خلال 13 يوما بعد اعتقالهم.", [("13 يوما", "duration", 312.0)]),
    ("مسؤول عن نحو 20 في المئة من الانبعاثات.", [("نحو 20 في المئة", "percent", 20.0)]),
    ("تبرع 12000 شخص بأكثر من 1.2 مليون دولار.", [("12000", "count", 12000.0),
                                                  ("بأكثر من 1.2 مليون دولار", "money", 1.2e6)]),
    ("الخميس 27 كانون الأول 2005", []),  # a Levantine month name: a date, no amount
])
def test_arabic_figures(text: str, figures: list[tuple[str, str, float]]) -> None:
    assert _figures("ar", text) == figures


def test_arabic_counted_nouns_fold_across_clitics_and_case() -> None:
    article = Article(id="a", text="قتل 52 شخصا. وقتل 40 من والقتلى.", language="ar")
    facts = extract_facts([Source(1, article, "a", split_sentences(article))])
    assert facts.quantities[0].head == "peopl"  # "شخصا" is "شخص", the table's "people"
    from newsfuse.facts.quantities_local import local_concept
    from newsfuse.langdata import lexicon
    assert local_concept("والقتلى", lexicon("ar")) == local_concept("قتلى", lexicon("ar")) == "death"


# --- (c) several counts, one read by one side only: the order around agreed figures ----------------

def _pair(fr: str, en: str) -> list[tuple[str, ...]]:
    """The quantity conflicts of a French sentence beside its English counterpart, as one claim."""
    return [tuple(v.value for v in c.values) for c in conflicts_beside(fr, en) if c.kind in {"count", "number"}]


def test_the_differing_count_between_agreed_ones_is_found() -> None:
    fr = ("Les cyclistes seront sur leurs deux roues, suivis par 1 500 véhicules, 19 500 policiers "
          "et 2 300 membres de la presse.")
    en = "The riders will be on their two wheels, followed by 1,500 vehicles, 13,000 policemen and 2,300 members of the press."
    assert _pair(fr, en) == [("19 500", "13,000")]


def test_a_bare_number_pairs_with_a_count_of_the_other_language() -> None:
    fr = "52 personnes sont mortes et environ 1 050 ont été blessées dans ces attentats."
    en = "52 people died and approximately 700 were injured in the bombings."
    assert _pair(fr, en) == [("environ 1 050", "approximately 700")]


def test_agreeing_translations_raise_nothing() -> None:
    fr = ("Les cyclistes seront sur leurs deux roues, suivis par 1 500 véhicules, 13 000 policiers "
          "et 2 300 membres de la presse.")
    en = "The riders will be on their two wheels, followed by 1,500 vehicles, 13,000 policemen and 2,300 members of the press."
    assert _pair(fr, en) == []


# --- sentences of two languages that are each other's counterpart ---------------------------------

def test_counterparts_are_mutual_nearest_sentences_of_two_languages() -> None:
    import numpy as np
    import spacy

    from newsfuse.compare.align import Alignment
    from newsfuse.facts.nlp import Parsed
    from newsfuse.types import Sentence

    blank = spacy.blank("en")

    def parsed(source: str, lang: str, n: int) -> list[Parsed]:
        return [Parsed(source=source, sentence=Sentence(article_id=source, index=k, start=0, end=2, text="abc"[k]),
                       doc=blank("abc"[k]), lang=lang) for k in range(n)]

    sentences = parsed("ar", "ar", 3) + parsed("en", "en", 3) + parsed("en2", "en", 3)
    e = np.eye(8)
    v = np.array([
        0.6 * e[0] + 0.8 * e[1],  # ar0: 0.6 from en0, 0 from the rest
        0.6 * e[4] + 0.6 * e[5] + 0.529 * e[6],  # ar1: as near en1 as en2, nearer their join
        e[7],  # ar2: near nothing
        e[0], e[4], e[5],  # en
        e[2], e[3], e[0],  # en2
    ])
    align = Alignment(sentences, [], v)
    assert align.score(("ar", 0), ("en", 0)) == 1.0  # a translation's counterpart: as one claim
    # no margin to either half, but en1 and en2 are one sentence split in two (stop 30: `_split_counterparts`)
    assert align.score(("ar", 1), ("en", 1)) == align.score(("ar", 1), ("en", 2)) == 1.0
    assert align.score(("ar", 2), ("en", 2)) < 1.0
    assert align.score(("en", 0), ("en2", 2)) < 1.0  # one language: claims decide, as before

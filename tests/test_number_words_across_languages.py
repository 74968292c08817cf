"""Issue 16, stop 29: number reading for planted conflicts across languages. One written sentence per
cause of the misses (docs/benchmarks.md, "Issue 16, stop 29"): compound number words read by a
grammar of compounds (text2num where it covers the language, the Lexicon's parts elsewhere), "and a
half", a range scaled at its second end, areas and pounds read alike by every reader, and a figure in
digits after "the" kept by the English reader as the other readers keep "les 228"."""

from __future__ import annotations

import pytest

from newsfuse.compare import compare_facts
from newsfuse.facts import extract_facts
from newsfuse.text import split_sentences
from newsfuse.types import Article, Claim, Evidence, Source
from parsed_sources import conflicts_beside


def _figures(lang: str, text: str) -> list[tuple[str, str, float, str]]:
    article = Article(id="a", text=text, language=lang)
    facts = extract_facts([Source(1, article, "a", split_sentences(article))])
    return [(f.quantity.text, f.quantity.kind, round(f.quantity.value, 2), f.quantity.unit) for f in facts.quantities]


@pytest.mark.parametrize(("lang", "text", "surface", "value"), [
    ("fr", "Il y avait cinq cents pompiers sur place.", "cinq cents", 500.0),
    ("fr", "Le bilan est de deux mille trois cents morts.", "deux mille trois cents", 2300.0),
    ("fr", "On compte vingt et un blessés.", "vingt et un", 21.0),
    ("fr", "Quatre-vingt-dix-sept pompiers sont intervenus.", "Quatre-vingt-dix-sept", 97.0),
    ("de", "Es gab zweihundert Tote.", "zweihundert", 200.0),
    ("de", "Dreiundzwanzig Menschen wurden verletzt.", "Dreiundzwanzig", 23.0),
    ("de", "Eine Million Menschen sind betroffen.", "Eine Million", 1e6),
    ("es", "Murieron doscientas treinta y dos personas.", "doscientas treinta y dos", 232.0),
    ("it", "Sono morte duecentotrenta persone.", "duecentotrenta", 230.0),
    ("pt", "Morreram trezentas e vinte pessoas.", "trezentas e vinte", 320.0),
    # Arabic: a teen is a unit and "عشر" (ten); a ten joins its unit with "و" written onto it
    ("ar", "قتل ثلاثة عشر شخصا.", "ثلاثة عشر", 13.0),
    ("ar", "قتل اثنان وخمسون شخصا.", "اثنان وخمسون", 52.0),
])
def test_compound_number_words(lang: str, text: str, surface: str, value: float) -> None:
    got = _figures(lang, text)
    assert [(s, v) for s, _, v, _ in got] == [(surface, value)], got


def test_a_scale_alone_is_no_number() -> None:
    # "des millions de personnes" is an approximation nobody can contradict, not one million
    assert [v for _, _, v, _ in _figures("fr", "Des millions de personnes regardaient.")] == []


@pytest.mark.parametrize(("lang", "text", "hours"), [
    ("fr", "Le vol a duré quatre heures et demie.", 4.5),
    ("de", "Der Flug dauerte viereinhalb Stunden.", 4.5),
    ("de", "Die Sitzung dauerte zwei einhalb Stunden.", 2.5),
    ("es", "La reunión duró dos horas y media.", 2.5),
    ("en", "It lasted four and a half hours.", 4.5),
])
def test_and_a_half(lang: str, text: str, hours: float) -> None:
    assert [(k, v) for _, k, v, _ in _figures(lang, text)] == [("duration", hours)]


def test_a_range_scaled_at_its_second_end_scales_both() -> None:
    fr = _figures("fr", "Entre 2,7 et 3 millions de personnes ont fui.")
    en = _figures("en", "Between 2.7 million and 3 million people fled.")
    assert [v for _, _, v, _ in fr] == [v for _, _, v, _ in en] == [2.7e6]


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Le parc couvre 28 000 kilomètres carrés."),
    ("de", "Der Park umfasst 28000 Quadratkilometer."),
    ("es", "El parque cubre 28 000 kilómetros cuadrados."),
    ("en", "The park covers 28,000 square kilometres."),
])
def test_an_area_is_read_alike(lang: str, text: str) -> None:
    assert [(k, v, u) for _, k, v, u in _figures(lang, text)] == [("number", 28000.0, "km2")]


def test_pounds_weigh_in_every_language_unless_sterling() -> None:
    assert [(k, u) for _, k, _, u in _figures("fr", "Le PAM a donné 25 kg (55 livres) de riz.")][1:] == [("number", "kg")]
    assert [(k, u) for _, k, _, u in _figures("en", "It gave 55 pounds of rice.")] == [("number", "kg")]
    assert [(k, u) for _, k, _, u in _figures("fr", "Il a payé 300 livres sterling.")] == [("money", "GBP")]


@pytest.mark.parametrize(("text", "kept"), [
    ("The 228 people on board died.", [228.0]),
    ("The 15 British sailors were held for 13 days.", [15.0, 312.0]),
    ("The two countries signed the treaty.", []),  # in words: a group already known
])
def test_a_figure_in_digits_after_the_is_a_count(text: str, kept: list[float]) -> None:
    assert [v for _, _, v, _ in _figures("en", text)] == kept


def test_the_french_and_english_counts_after_the_article_conflict() -> None:
    fr = "Les 342 personnes à bord sont mortes."
    en = "The 228 people on board died."
    assert [sorted(v.value for v in c.values) for c in conflicts_beside(fr, en)] == [["228", "342"]]


def _pair(l1: str, t1: str, l2: str, t2: str) -> list[list[str]]:
    """The conflicts of a sentence beside its counterpart in another language, as one claim."""
    a = Article(id="le-monde", text=t1, language=l1)
    b = Article(id="reuters", text=t2, language=l2)
    sources = [Source(1, a, "le-monde", split_sentences(a)), Source(2, b, "reuters", split_sentences(b))]
    claim = Claim(id=0, text=t2, evidence=[Evidence("le-monde", 0, t1), Evidence("reuters", 0, t2)],
                  sources=["le-monde", "reuters"], independent=2)
    found = compare_facts(sources, extract_facts(sources), [claim])
    return [sorted(v.value for v in c.values) for c in found.conflicts]


def test_a_figure_after_a_noun_that_counts_the_plural_after_it_is_no_label() -> None:
    got = _figures("en", "52 people were killed by bombers on board three Underground trains and a bus.")
    assert [(s, u) for s, _, _, u in got] == [("52", "people"), ("three", "trains")]
    assert _figures("en", "He took flight 447 to Paris.") == []


def test_a_quoted_noun_is_still_counted() -> None:
    got = _figures("fr", "Il décrit les quatre « blocs fondateurs » du plan.")
    assert [(s, u) for s, _, _, u in got] == [("quatre", "blocs")]


def test_arabic_digits_with_the_article_written_on() -> None:
    got = _figures("ar", "كنت في ورطة في أول 15 كم، ولكني عملت جيدا في ال30 كم الاخيرة.")
    assert [(v, u) for _, _, v, u in got] == [(15.0, "km"), (30.0, "km")]


def test_days_after_an_article_are_a_period_in_both_readers() -> None:
    assert _pair("fr", "Il a accusé le gouvernement à propos de l'incident, durant les 20 jours après leur détention.",
                 "en", "He accused the government about the incident during the 13 days after their detention.") \
        == [["13 days", "20 jours"]]


def test_figures_past_the_other_sides_sentence_end_pair_outward_from_the_anchor() -> None:
    # the Arabic sentence ends before "Anthony Garcia, 24" (the next sentence tells it)
    ar = "المدانون هم عمر الخيام ، 25 عاما ، وحيد محمود (34 عاما) وصلاح الدين امين (46 عاما) من لوتون"
    en = "The convicted are Omar Khyam, 25, Waheed Mahmood, 34, Salahuddin Amin, 31, and Anthony Garcia, 24."
    assert _pair("ar", ar, "en", en) == [["31", "46 عاما"]]

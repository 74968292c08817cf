"""Issue 16, stop 30: planted conflicts across languages, the causes of the tune part's misses one
by one (docs/benchmarks.md, "Issue 16, stop 30"). Written sentences, each a rule of a language's
reader, of how two sides' sentences pair, or of the planter; the expected answer written first."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import spacy

from newsfuse.compare import compare_facts
from newsfuse.compare.align import Alignment, anchored_counterparts
from newsfuse.facts import extract_facts
from newsfuse.facts.nlp import Parsed
from newsfuse.text import split_sentences
from newsfuse.types import Article, Claim, Evidence, Sentence, Source

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import plant_lang


def _figures(lang: str, text: str) -> list[tuple[str, str, float, str]]:
    article = Article(id="a", text=text, language=lang)
    facts = extract_facts([Source(1, article, "a", split_sentences(article))])
    return [(f.quantity.text, f.quantity.kind, round(f.quantity.value, 4), f.quantity.unit) for f in facts.quantities]


def _conflicts(lang: str, text: str, en: str) -> list[tuple[str, ...]]:
    """The conflicts of a sentence beside its English counterpart, as one claim."""
    a = Article(id="other", text=text, language=lang)
    b = Article(id="reuters", text=en, language="en")
    sources = [Source(1, a, "other", split_sentences(a)), Source(2, b, "reuters", split_sentences(b))]
    claim = Claim(id=0, text=en, evidence=[Evidence("other", 0, text), Evidence("reuters", 0, en)],
                  sources=["other", "reuters"], independent=2)
    return [tuple(v.value for v in c.values) for c in compare_facts(sources, extract_facts(sources), [claim]).conflicts]


# --- the reader ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "text", "figures"), [
    # a stop word is no counted noun where no tagger tells ("four of the bombers")
    ("ar", "وظهر أربعة من مفجري احداث 7 يوليو في شريط الفيديو", [("أربعة", "number", 4.0, "")]),
    ("ar", "بالإضافة إلى ال 350 مليون التي وعدت بها الحكومة.", [("350 مليون", "number", 350e6, "")]),
    # the closing ة typed as ه
    ("ar", "احتفظ بالمركز الثالث، بـ 43 ثانيه خلف كانسيلارا.", [("43 ثانيه", "duration", 0.0119, "hours")]),
    ("ar", "وجد استطلاع ان ثلاثة من عشره مواطنين قد تبرعوا.", [("ثلاثة من عشره", "percent", 30.0, "%")]),
    # a figure with the article after the noun it counts
    ("ar", "وتضاعفت الاموال في الساعات ال 24 الماضية.", [("24", "duration", 24.0, "hours")]),
    ("ar", "لم يذكر متى سيتم الافراج عن البحارة ال 14 الآخرين.", [("14", "count", 14.0, "البحارة")]),
    # units a reader lacked: degrees, a unit in two words, a scale written onto the digits
    ("ar", "الموقع كان 29 درجة شمالا", [("29 درجة", "number", 29.0, "degrees")]),
    ("ar", "وقعت على بعد 10 كيلو مترا من المدينة.", [("10 كيلو مترا", "number", 10.0, "km")]),
    ("ar", "وتضاعفت الاموال الى 2مليار دولار.", [("2مليار دولار", "money", 2e9, "USD")]),
    # Czech in the cases a preposition asks for; seconds as "vteřin"; its dollars
    ("cs", "Dotace se zdvojnásobila ke 2 miliardám dolarů.", [("2 miliardám dolarů", "money", 2e9, "USD")]),
    ("cs", "Vyhrál s náskokem 23 vteřin.", [("23 vteřin", "duration", 0.0064, "hours")]),
    # a bare figure set off after a name is its age, in a language that writes names with capitals
    ("cs", "Hasib Hussain, 18, z Leedsu.", [("18", "age", 18.0, "years")]),
    # digits with a scale after "the" state an amount; words after "the" still name a known group
    ("en", "They gave it in addition to the 350 million that was promised.", [("350 million", "number", 350e6, "")]),
    ("en", "The two countries agreed.", []),
])
def test_figures_read(lang: str, text: str, figures: list[tuple[str, str, float, str]]) -> None:
    assert _figures(lang, text) == figures


def test_a_figure_in_an_indirect_question_is_not_denied() -> None:
    en = "But he did not state when the other 14 sailors and marines would be released."
    assert _conflicts("ar", "لكنه لم يذكر متى سيتم الافراج عن البحارة ومشاة البحرية ال 21 الآخرين.", en) == \
        [("21", "14")]
    # a figure whose own clause is denied still says nothing
    assert _conflicts("ar", "وقال إنه لن يتم الافراج عن البحارة ال 21.", "He said the 14 sailors would not be released.") == []


def test_a_duration_far_from_the_others_is_one_the_other_reader_did_not_see() -> None:
    ar = "وهو امر معقد للغاية للقيام به خلال 15 ايام ، ولكن ما يمكن أن نفعله هو وضع خطة عمل."
    en = "That's much too complicated to do in 10 days, but what it can do is put in place a two-year process."
    assert _conflicts("ar", ar, en) == [("15 ايام", "10 days")]


# --- pairing the two sides -------------------------------------------------------------------------

def _parsed(source: str, lang: str, texts: list[str]) -> list[Parsed]:
    blank = spacy.blank("en")
    return [Parsed(source=source, sentence=Sentence(article_id=source, index=k, start=0, end=len(t), text=t),
                   doc=blank(t), lang=lang) for k, t in enumerate(texts)]


def test_a_sentence_split_in_two_on_the_other_side_pairs_with_both_halves() -> None:
    sentences = _parsed("ar", "ar", ["a", "b", "c"]) + _parsed("en", "en", ["x", "y", "z", "w"])
    e = np.eye(8)
    v = np.array([
        e[0], (e[1] + e[2]) / np.sqrt(2), e[3],  # ar1 is en1 and en2 told as one sentence
        e[0], e[1], e[2], e[7],
    ])
    align = Alignment(sentences, [], v)
    assert align.score(("ar", 1), ("en", 1)) == align.score(("ar", 1), ("en", 2)) == 1.0
    assert align.score(("ar", 0), ("en", 0)) == 1.0
    # two sentences that are not neighbours: no split, and no margin for either
    v2 = np.array([e[0], (e[1] + e[3]) / np.sqrt(2), e[5], e[1], e[0], e[3], e[7]])
    align = Alignment(sentences, [], v2)
    assert align.score(("ar", 1), ("en", 0)) < 1.0 and align.score(("ar", 1), ("en", 2)) < 1.0


def test_without_a_model_for_both_languages_sentences_pair_by_figures_names_and_order() -> None:
    cs = _parsed("cs", "cs", ["Policie dnes prohledala šest domů v Leedsu v souvislosti s útoky v Londýně.",
                              "Asi 900 lidí bylo z okolí evakuováno.",
                              "Hasib Hussain, 18, z Leedsu, podle policie cestoval do Londýna."])
    en = _parsed("en", "en", ["Police today searched six houses in Leeds in connection with the London bombings.",
                              "About 600 people were evacuated from the surrounding area.",
                              "Hasib Hussain, 18, of Leeds, travelled to London, police said."])
    pairs = anchored_counterparts(cs, en)
    # 0 and 2 share names ("Leed", "Lond", "Hasi", "Huss"); 1 lies between them on both sides
    assert pairs == {(("cs", k), ("en", k)) for k in range(3)}
    align = Alignment(cs + en, [], np.eye(6), across=False)
    assert align.score(("cs", 1), ("en", 1)) == 1.0


# --- the planter -----------------------------------------------------------------------------------

def test_the_planter_changes_whole_figures_that_are_amounts() -> None:
    # a part of a number in words ("خمسة عشر", fifteen), not a number beside a noun
    assert plant_lang.compound_part("تم القبض على خمسة عشر من افراد البحرية", "عشر", "ar")
    assert plant_lang.compound_part("il y a cinq cents victimes", "cinq", "fr")
    assert not plant_lang.compound_part("les deux hommes sont partis", "deux", "fr")
    # the decimals of "8،1 ٪" (an Arabic decimal comma) are no figure
    assert plant_lang.NUMBER.findall("على 8،1 ٪ و 12 كلم") == ["12"]
    # days of a month with an ordinal point ("13. a 14. června"); a telephone number after "+"
    text = "viděl Rasmussena ve dnech 13. a 14. června 2007."
    assert not plant_lang._is_amount(text, text.index("13"), text.index("13") + 2, "cs")
    assert "44" not in plant_lang.NUMBER.findall("(+44 800 789321 z telefonu)")
    # a label with a preposition written onto it ("بمجموعة 77": the Group of 77), a rank ("top dix")
    assert plant_lang.LABEL.search("بمجموعة ") and plant_lang.LABEL.search("dans le top ")
    # a range in Arabic is a bound; an English range's ends may hold a changed figure
    assert plant_lang.bounded("استمر ما بين 500 و 600 ثانية", len("استمر ما بين "), "ar")
    assert {25.0, 40.0} <= plant_lang.range_ends("to cut emissions by 25 percent to 40 percent by 2020")
    assert plant_lang.range_ends("52 people died and 700 were injured") == set()

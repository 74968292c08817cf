"""Issue 16, stop 31: figures in Greek, Hebrew and Hindi, digits of every script as one number, and
sentences of two languages no model reads together paired by a figure each side writes once
(docs/benchmarks.md, "Issue 16, stop 31"). Written sentences; the expected answer written first."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from newsfuse.compare.align import Alignment, anchored_counterparts, anchors
from newsfuse.facts import extract_facts
from newsfuse.facts.nlp import Parsed, load_nlp
from newsfuse.stories.features import number_anchors
from newsfuse.text import ascii_digits, split_sentences
from newsfuse.types import Article, Sentence, Source

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import plant_lang


def _figures(lang: str, text: str) -> list[tuple[str, str, float, str, str]]:
    article = Article(id="a", text=text, language=lang)
    facts = extract_facts([Source(1, article, "a", split_sentences(article))])
    return [(f.quantity.text, f.quantity.kind, round(f.quantity.value, 4), f.quantity.unit, f.quantity.hedge)
            for f in facts.quantities]


def test_digits_of_every_script_are_one_number() -> None:
    assert ascii_digits("२००५, ٢٠٠٥, ۲۰۰۵, ２００５ and 2005") == "2005, 2005, 2005, 2005 and 2005"
    assert ascii_digits("naïve — 12") == "naïve — 12"
    # the pairing of sentences by figures and the story grouping read them alike
    assert anchors("२००५ में ७०० घायल") == anchors("700 injured in 2005") == {"#2005", "#700"}
    assert number_anchors(["२००५"])[0].tolist() == number_anchors(["2005"])[0].tolist()


@pytest.mark.parametrize(("lang", "text", "figures"), [
    # Hebrew: a letter written onto the figure with a hyphen or maqaf ("in 2005" is a year; "about 300")
    ("he", "נהרגו כ-300 בני אדם ב-2005.", [("כ-300", "count", 300.0, "בני", "כ")]),
    ("he", "ויותר מ-50 איש נעצרו.", [("ויותר מ-50", "count", 50.0, "איש", "יותר מ")]),
    # an age after "son of" with no unit; a teen in two words
    ("he", "חאסיב חאסיין, בן 18, מלידס.", [("18", "age", 18.0, "years", "")]),
    ("he", "שלושה עשר חיילים נעצרו במשך 13 ימים.",
     [("שלושה עשר", "count", 13.0, "חיילים", ""), ("13 ימים", "duration", 312.0, "hours", "")]),
    ("he", "המרחק הוא 31 ק\"מ.", [("31 ק\"מ", "number", 31.0, "km", "")]),
    # a letter written onto a number word ("that fifteen", "from a hundred eighty"); an age after a
    # name in a script without capitals, and after "son of" before a verb
    ("he", "הוא אמר שחמישה עשר המלחים יוחזרו.", [("שחמישה עשר", "count", 15.0, "המלחים", "")]),
    ("he", "ליותר ממאה שמונים הרוכבים לקח פחות מעשר דקות.",
     [("ממאה שמונים", "count", 180.0, "הרוכבים", ""), ("מעשר דקות", "duration", 0.1667, "hours", "")]),
    ("he", "שזד טאנווייר, 22, למד מדעי הספורט.", [("22", "age", 22.0, "years", "")]),
    ("he", "פיי טורני בן 26 ישוחרר.", [("26", "age", 26.0, "years", "")]),
    # Greek: the percent sign its tokenizer keeps on the digits, an age in years' genitive, scales
    ("el", "Το κόμμα πήρε 15% των ψήφων.", [("15%", "percent", 15.0, "%", "")]),
    ("el", "Ο Hasib Hussain ήταν 18 ετών.", [("18 ετών", "age", 18.0, "years", "")]),
    ("el", "Συγκεντρώθηκαν 3,5 εκατομμύρια ευρώ.", [("3,5 εκατομμύρια ευρώ", "money", 3.5e6, "EUR", "")]),
    ("el", "Περίπου 322 εκατομμύρια αμερικανικά δολάρια δόθηκαν.",
     [("Περίπου 322 εκατομμύρια αμερικανικά δολάρια", "money", 322e6, "USD", "περίπου")]),
    ("el", "Συνελήφθησαν δεκατέσσερις ναύτες.", [("δεκατέσσερις", "count", 14.0, "ναύτες", "")]),
    # Hindi: words with vowel signs are words ("लोग", people); Devanagari digits; a dollar after "American"
    ("hi", "लगभग 52 लोग मारे गए।", [("लगभग 52", "count", 52.0, "लोग", "लगभग")]),
    ("hi", "७०० घायल हुए।", [("७००", "count", 700.0, "घायल", "")]),
    ("hi", "केंद्र ने 322 मिलियन अमरीकी डॉलर के दान की सूचना दी।",
     [("322 मिलियन अमरीकी डॉलर", "money", 322e6, "USD", "")]),
    ("hi", "पांच दिन बाद 15 प्रतिशत।", [("पांच दिन", "duration", 120.0, "hours", ""), ("15 प्रतिशत", "percent", 15.0, "%", "")]),
])
def test_figures_read(lang: str, text: str, figures: list[tuple[str, str, float, str, str]]) -> None:
    assert _figures(lang, text) == figures


def test_a_word_with_vowel_signs_is_alphabetic_without_a_model() -> None:
    doc = load_nlp("blank:hi")("52 लोग घायल")
    assert [t.is_alpha for t in doc] == [False, True, True]


def _parsed(source: str, lang: str, texts: list[str]) -> list[Parsed]:
    nlp = load_nlp(f"blank:{lang}")
    return [Parsed(source=source, sentence=Sentence(source, k, 0, len(t), t), doc=nlp(t), lang=lang)
            for k, t in enumerate(texts)]


def test_a_figure_each_report_writes_once_pairs_its_sentences_and_order_fills_the_rest() -> None:
    el = _parsed("el", "el", ["Η σεισμική δόνηση έγινε αισθητή σε 1.600 χιλιόμετρα.",
                              "Πολλοί άνθρωποι εγκατέλειψαν τα σπίτια τους.",
                              "Ο Ερυθρός Σταυρός είπε ότι οι νεκροί ξεπερνούν τους 100.000.",
                              "Η βοήθεια θα συνεχιστεί."])
    en = _parsed("en", "en", ["The quake was felt 1,600 kilometres away.",
                              "Many people left their homes.",
                              "The Red Cross said the toll is above 100,000.",
                              "Aid will go on."])
    # 0 and 2 share one figure each, a figure no other sentence of either report holds; 1 lies between
    # them on both sides, 3 after the last
    assert anchored_counterparts(el, en) == {(("el", k), ("en", k)) for k in range(4)}
    align = Alignment(el + en, [], np.eye(8), across=False)
    assert align.score(("el", 1), ("en", 1)) == 1.0
    # a one-digit figure, or one that two sentences of a report hold, is no anchor by itself
    el2 = _parsed("el", "el", ["Έφυγαν 5 άνθρωποι.", "Ήρθαν 5 άλλοι."])
    en2 = _parsed("en", "en", ["Five people left.", "Others came, 5 of them."])
    assert anchored_counterparts(el2, en2) == set()


def test_a_pair_out_of_order_leaves_the_run_not_the_whole_report() -> None:
    one = _parsed("cs", "cs", ["Zemřelo 52 lidí v Londýně.", "Bylo to hrozné.", "Asi 700 zraněných, řekl Blair.",
                               "Londýn truchlí.", "Ve 2005 bylo 77 obětí."])
    two = _parsed("en", "en", ["52 people died in London.", "In 2005 there were 77 victims.",
                               "About 700 injured, Blair said.", "It was terrible.", "London mourns."])
    pairs = anchored_counterparts(one, two)
    # 0-0 and 2-2 keep one order, 4-1 does not: the run 0-0, 2-2 still fills 1-1 and 3-3 (and 4-4: the last gap)
    assert {(("cs", 0), ("en", 0)), (("cs", 1), ("en", 1)), (("cs", 2), ("en", 2)), (("cs", 4), ("en", 1))} <= pairs


def test_the_planter_leaves_clock_times_and_a_day_after_its_month() -> None:
    for code, text, figure in [("hi", "रविवार, जनवरी 16, पर टेलीविजन", "16"), ("el", "Ακριβώς στις 12 το μεσημέρι", "12"),
                               ("el", "ξεκίνησαν στις 6 π.μ. τοπική ώρα", "6"), ("he", "השעה עוד לא 11, חלק", "11"),
                               ("el", "σύμφωνα με την απόφαση 1723 του Συμβουλίου", "1723")]:
        start = text.index(figure)
        assert not plant_lang._is_amount(text, start, start + len(figure), code), text
    text = "Εκπρόσωποι από περίπου 190 χώρες"
    assert plant_lang._is_amount(text, text.index("190"), text.index("190") + 3, "el")

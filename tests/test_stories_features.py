"""Per-article features: stable across processes, names counted twice, duplicates hashed alike."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from newsfuse.stories.features import (
    article_features,
    content_hash,
    function_words,
    names,
    stemmer_for,
    term_counts,
)
from newsfuse.text import stem, words
from newsfuse.types import Article
from test_stories_group import NEPAL

CROSSLINGUAL = Path(__file__).parent / "data" / "crosslingual"


def test_features_names_are_capitals_inside_sentences() -> None:
    text = 'Police in Nepal arrested "Big" Joe Smith on Monday. The quake hit Kathmandu.\nRescue began.'
    assert names(text) == ["nepal", "big", "joe", "smith", "kathmandu"]


def test_features_a_name_weighs_more_than_a_topic_word() -> None:
    terms, _, stems = term_counts(words("the nepal quake"), ["nepal"])
    assert stems == 2 and len(terms) == 3  # nepal, quake, @nepal


def test_features_content_hash_ignores_case_quotes_and_spacing() -> None:
    assert content_hash("He said “yes”  — twice.") == content_hash("he said \"yes\" - twice.")
    assert content_hash("He said yes.") != content_hash("He said no.")


def test_features_are_the_same_in_another_process() -> None:
    here = article_features(Article("n", NEPAL))
    code = ("import sys; sys.path.insert(0, 'tests'); from test_stories_group import NEPAL; "
            "from newsfuse.stories.features import article_features; from newsfuse.types import Article; "
            "f = article_features(Article('n', NEPAL)); print(f.terms.sum(), f.minhash.sum(), f.content_hash)")
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "123", "PATH": ""}).stdout.split()
    assert there == [str(here.terms.sum()), str(here.minhash.sum()), here.content_hash]


def test_features_stem_each_language_with_its_own_stemmer() -> None:
    french = stemmer_for("fr")
    assert french("manifestations") == french("manifestation") != "manifestations"
    assert stemmer_for("hi")("किताबें") == stemmer_for("hi")("किताब")  # books, book
    assert stemmer_for("") is stem and stemmer_for("he") is stem  # unknown, or no Snowball stemmer: English
    one = article_features(Article("a", "Les manifestations continuent à Paris contre la réforme.", language="fr"))
    two = article_features(Article("b", "Une manifestation a eu lieu à Paris contre les réformes.", language="fr"))
    shared = set(one.terms.tolist()) & set(two.terms.tolist())
    assert len(shared) >= 3  # manifestation, paris (and its @name), réforme


def test_the_grouping_embedder_can_read_the_title_and_lead_only() -> None:
    from newsfuse.stories.features import embedding_text

    article = Article("a", " ".join(f"w{i}" for i in range(500)), title="Bridge reopens")
    text = embedding_text(article, words=24)
    assert text.split()[:3] == ["Bridge", "reopens", "w0"] and len(text.split()) == 24
    assert embedding_text(article).startswith("Bridge reopens\nw0 w1")  # no cap: the first characters


def _cosine(a: Article, b: Article) -> float:
    fa, fb = article_features(a), article_features(b)
    _, ia, ib = np.intersect1d(fa.terms, fb.terms, return_indices=True)
    return float(fa.weights[ia] @ fb.weights[ib] / np.linalg.norm(fa.weights) / np.linalg.norm(fb.weights))


def test_features_drop_each_language_s_function_words_and_elisions() -> None:
    # Two French reports of two events (a warehouse fire, security talks): with English stop words
    # only, "de", "la", "les", "des", "a" made a quarter of their term vectors alike (0.24).
    fire, talks = (Article(p.stem, p.read_text(encoding="utf-8"), language="fr")
                   for p in (CROSSLINGUAL / "fire-fr.txt", CROSSLINGUAL / "talks-fr.txt"))
    assert _cosine(fire, talks) < 0.05
    # "l'incendie" is the word "incendie" after an elided article; "qu'il" is two function words.
    one, other = (article_features(Article(i, text, language="fr")) for i, text in
                  (("a", "L'incendie de l'entrepôt, qu'il a vu"), ("b", "Un incendie dans un entrepôt")))
    assert one.terms.tolist() == other.terms.tolist() and one.stems == 2
    # English is read as before: an apostrophe inside a name stays.
    assert function_words("en") == function_words("") and function_words("en")[1] == ()
    assert article_features(Article("c", "O'Brien spoke", language="en")).stems == 2

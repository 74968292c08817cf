"""Per-article features: stable across processes, names counted twice, duplicates hashed alike."""

from __future__ import annotations

import subprocess
import sys

from newsfuse.stories.features import article_features, content_hash, names, stemmer_for, term_counts
from newsfuse.text import stem, words
from newsfuse.types import Article
from test_stories_group import NEPAL


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

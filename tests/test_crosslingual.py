"""Across languages (issue 16, items 3 and 4): the multilingual embedder, briefs and stories.

tests/data/crosslingual holds a short English report of the Japan-China security talks (the seeds'
event, written for these tests), its French translation, and an English report of another event.
"""

from __future__ import annotations

import socket
from pathlib import Path

import numpy as np
import pytest

from newsfuse.config import load_settings
from newsfuse.embed import make_embedder, reads
from newsfuse.ingest import read_articles
from newsfuse.pipeline import brief, brief_embedder, prepare
from newsfuse.stories.features import number_anchors
from newsfuse.text import words

DATA = Path(__file__).parent / "data" / "crosslingual"
TALKS_EN, TALKS_FR, QUAKE_EN = DATA / "talks-en.txt", DATA / "talks-fr.txt", DATA / "quake-en.txt"


@pytest.fixture(scope="module")
def no_network() -> object:
    """Any connection attempt fails: the models must come from the installed wheels."""
    real = socket.socket.connect

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network used during a test that must run offline")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    yield None
    socket.socket.connect = real  # type: ignore[method-assign]


@pytest.mark.slow
def test_use_m_loads_offline_and_puts_a_translation_next_to_its_original(no_network: object) -> None:
    model = make_embedder("use-m")
    rows = model.embed(["The two sides agreed to set up a defence hotline by the spring.",
                        "Les deux parties sont convenues de mettre en place une ligne directe de défense d'ici au printemps.",
                        "Power was cut in several towns near the epicentre."])
    assert rows.shape == (3, 512) and model.dim == 512
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    assert rows[0] @ rows[1] > 0.6 > 0.3 > rows[1] @ rows[2]


def test_languages_each_model_reads() -> None:
    assert reads("minilm-onnx", "en") and not reads("minilm-onnx", "fr")
    assert reads("use-m", "fr") and reads("use-m", "ar") and not reads("use-m", "el")
    assert reads("minilm-onnx", "") and reads("hashing", "hi")  # unknown language / model: trusted


def test_an_english_brief_keeps_minilm_and_a_mixed_one_takes_use_m(seeds_dir: Path) -> None:
    settings = load_settings(env={})
    english = prepare(sorted(seeds_dir.glob("*.txt")), settings)
    assert {s.article.language for s in english.sources} == {"en"}
    assert brief_embedder(english.sources, settings) == ("minilm-onnx", settings.claim_threshold)
    mixed = prepare([str(TALKS_EN), str(TALKS_FR)], settings)
    assert [s.article.language for s in mixed.sources] == ["en", "fr"]
    assert brief_embedder(mixed.sources, settings) == ("use-m", settings.cross_claim_threshold)
    off = settings.replace(cross_embedder="none")
    assert brief_embedder(mixed.sources, off) == ("minilm-onnx", settings.claim_threshold)


@pytest.mark.slow
def test_a_french_and_an_english_report_make_one_claim_per_point_each_in_its_language() -> None:
    made = brief([str(TALKS_EN), str(TALKS_FR)], settings=load_settings(env={}, facts=False))
    assert any("use-m" in note for note in made.notes)
    both = [c for c in made.claims if c.independent == 2]
    assert len(both) >= 5  # six paragraphs translated; the title line may stay apart
    hotline = next(c for c in both if any("hotline" in e.text for e in c.evidence))
    by_source = {e.source: e.text for e in hotline.evidence}
    assert "hotline" in by_source["talks-en"] and "ligne directe" in by_source["talks-fr"]
    budget = next(c for c in both if any("budget" in e.text for e in c.evidence))
    assert {e.source for e in budget.evidence} == {"talks-en", "talks-fr"}
    assert hotline.id != budget.id


@pytest.mark.slow
def test_a_french_report_joins_the_english_story_of_its_event(
        tmp_path: Path, seeds_dir: Path) -> None:
    from newsfuse.engine import LocalEngine
    from newsfuse.store import Store
    from newsfuse.stream import ingest

    seeds = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    articles = read_articles([*seeds, str(TALKS_EN), str(TALKS_FR)]).articles
    with Store.open(tmp_path / "s.db") as store:
        ingest(articles, store, LocalEngine(1), settings=load_settings(env={}))
        story_of = {a: s.id for s in store.stories() for a in s.article_ids}
        assert store.get_meta("cross_embedder", "") == "use-m"
        assert store.get_meta("group_embedder", "") == "words"  # the default: words within a language
    *seed_ids, talks_en, talks_fr = (a.id for a in articles)  # the ids the store gave them
    assert {story_of[a] for a in seed_ids} == {story_of[talks_en]} == {story_of[talks_fr]}


def test_numbers_are_one_anchor_in_any_script_and_separator() -> None:
    a, _ = number_anchors(words("en 2005, 1,800 morts"))
    b, _ = number_anchors(words("२००५ में 1.800"))
    assert len(a) == 3 and set(a.tolist()) == set(b.tolist())  # 2005 / 1 / 800, whatever the digits
    assert len(number_anchors(words("no figures here"))[0]) == 0


@pytest.mark.slow
@pytest.mark.parametrize("group_embedder", [
    "",  # MiniLM within English beside the words
    # Words within a language (French function words dropped: the fire and the talks in French share
    # a words cosine of 0.15, not 0.74), USE-m across languages; and no hubness correction in a chunk
    # of nine (fewer than hub_k neighbours), which lifted the two loners toward the talks by 0.2.
    "words",
])
def test_a_french_report_of_another_event_stays_apart_from_an_english_and_french_story(
        seeds_dir: Path, group_embedder: str) -> None:
    from newsfuse.stories.features import features_batch
    from newsfuse.stories.group import Item, StoryGrouper

    # The seeds (English reports of the talks) give the stream its background of document frequencies.
    seeds = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    articles = read_articles([*seeds, str(TALKS_EN), str(QUAKE_EN), str(DATA / "fire-fr.txt"), str(TALKS_FR)]).articles
    assert [a.language for a in articles[-4:]] == ["en", "en", "fr", "fr"]
    settings = load_settings(env={}).replace(group_embedder=group_embedder)
    embedder = None if settings.group_embedder in {"none", "words"} else settings.group_embedder
    feats = features_batch(articles, embedder, cross=settings.cross_embedder)
    story = {a.article_id: a.story for a in StoryGrouper(settings.group).group([Item(f.id, 1, f) for f in feats]).assignments}
    *seed_stories, talks_en, quake_en, fire_fr, talks_fr = (story[a.id] for a in articles)
    assert set(seed_stories) == {talks_en} == {talks_fr}
    assert talks_en not in {quake_en, fire_fr}


def test_grouping_by_words_keeps_the_cross_model_and_words_alone_drops_it(tmp_path: Path) -> None:
    from newsfuse.store import Store
    from newsfuse.stream import cross_embedder, grouping_embedder

    settings = load_settings(env={})
    with Store.open(tmp_path / "s.db") as store:
        words_within = settings.replace(group_embedder="words")
        assert grouping_embedder(store, words_within) == "words"
        assert cross_embedder(store, words_within, "words") == "use-m"  # the pairs of two languages
        assert cross_embedder(store, settings, "none") == "none"  # words alone: the fastest mode
        assert cross_embedder(store, settings.replace(cross_embedder="none"), "words") == "none"
        with store.db:  # a store made without it keeps to it
            store.db.execute("INSERT INTO meta (key, value) VALUES ('cross_embedder', 'none')")
        assert cross_embedder(store, words_within, "words") == "none"

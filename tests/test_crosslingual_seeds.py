"""A French wire report of the seeds' event beside the five English seeds (issue 16, item 4).

tests/data/crosslingual/seeds-talks-fr.txt is our own writing, in the style of an AFP dispatch of the
Japan-China security talks of 22 February 2023: a byline, a date stamp, « » quotations, a newsletter
prompt and a copyright line, and one figure that differs from the seeds — "deux objets volants non
identifiés" where seeds 000 and 004 say three (at least three) unidentified flying objects. Every
other figure it gives agrees with them (four years, February 2019, December, five years, 2 %).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.config import load_settings
from newsfuse.ingest import read_articles
from newsfuse.pipeline import brief
from newsfuse.types import Brief, Claim

FRENCH = Path(__file__).parent / "data" / "crosslingual" / "seeds-talks-fr.txt"
FR = FRENCH.stem  # the article id a file gets


@pytest.fixture(scope="module")
def made(seeds_dir: Path) -> Brief:
    seeds = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    return brief([*seeds, str(FRENCH)], settings=load_settings(env={}))


def _claim_with(made: Brief, french_words: str) -> Claim:
    return next(c for c in made.claims if any(e.source == FR and french_words in e.text for e in c.evidence))


@pytest.mark.slow
def test_the_french_report_is_read_as_french_with_its_furniture_removed(made: Brief) -> None:
    source = next(s for s in made.sources if s.article.id == FR)
    assert source.article.language == "fr"
    assert str(source.article.published) == "2023-02-22"
    text = source.article.text
    assert "Abonnez-vous" not in text and "Tous droits réservés" not in text and "Par Hélène" not in text


@pytest.mark.slow
def test_french_sentences_join_the_claims_of_the_english_ones_that_say_the_same(made: Brief) -> None:
    opening = _claim_with(made, "premier dialogue de sécurité depuis quatre ans")
    assert len({e.source for e in opening.evidence} - {FR}) >= 4  # "first ... in four years" in the seeds
    hotline = _claim_with(made, "ligne téléphonique directe")
    assert any("hotline" in e.text for e in hotline.evidence if e.source != FR)
    concern = _claim_with(made, "Shigeo Yamada s'est inquiété")
    assert any("Yamada" in e.text and "concern" in e.text for e in concern.evidence if e.source != FR)
    quote = _claim_with(made, "mentalité de guerre froide")
    assert any("Cold War mentality" in e.text for e in quote.evidence if e.source != FR)
    # Each source's evidence stays in its own language, and points that differ stay apart.
    assert all(e.text.startswith(("«", "Le ", "La ", "Les ", "Il ", "Tokyo et")) for c in made.claims
               for e in c.evidence if e.source == FR)
    assert len({opening.id, hotline.id, concern.id, quote.id}) == 4


@pytest.mark.slow
def test_the_figure_the_french_report_gives_differently_is_a_conflict(made: Brief) -> None:
    with_french = [c for c in made.conflicts if any(FR in v.sources for v in c.values)]
    assert len(with_french) == 1  # its other figures agree with the seeds
    objects = with_french[0]
    assert objects.kind == "count"
    sides = {v.normalized.split()[0]: set(v.sources) for v in objects.values}
    assert sides["2"] == {FR}
    assert {"000_c8cba436bb32b463", "004_b64faf0571e4f8ed"} <= sides["3"]


@pytest.mark.slow
def test_the_french_report_joins_the_seeds_story(seeds_dir: Path) -> None:
    from newsfuse.stories.features import features_batch
    from newsfuse.stories.group import Item, StoryGrouper

    seeds = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    articles = read_articles([*seeds, str(FRENCH)]).articles
    settings = load_settings(env={})
    feats = features_batch(articles, settings.embedder, cross=settings.cross_embedder)
    story = {a.article_id: a.story
             for a in StoryGrouper(settings.group).group([Item(f.id, 1, f) for f in feats]).assignments}
    assert len(set(story.values())) == 1 and len(story) == 6

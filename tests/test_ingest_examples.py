"""The bundled example: four fictional reports of one flood, in three formats, with the noise and
the disagreement (12 vs 14 dead) the rest of newsfuse is shown on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsfuse.ingest import read_articles
from newsfuse.types import Article


@pytest.fixture(scope="module")
def examples(examples_dir: Path) -> dict[str, Article]:
    result = read_articles([examples_dir])
    assert result.skipped == [] and result.warnings == []
    return {a.id: a for a in result.articles}


def test_four_articles_in_three_formats(examples: dict[str, Article], examples_dir: Path) -> None:
    assert list(examples) == ["lowmere-herald", "nws-wire", "radio-estwick", "valley-post"]
    assert sorted(p.suffix for p in examples_dir.iterdir()) == [".html", ".jsonl", ".txt", ".txt"]
    for article in examples.values():
        assert 150 <= len(article.text.split()) <= 250, article.id
        assert article.language == "en"


def test_every_kind_of_noise_is_present_and_removed(examples: dict[str, Article]) -> None:
    reasons = {r.reason for a in examples.values() for r in a.removed}
    assert reasons >= {"advertisement", "cookie-banner", "byline", "copyright", "distribution", "caption",
                       "repeated-paragraph", "share-widget", "player-widget", "dateline-header", "related-links"}
    for article in examples.values():
        for noise in ("Advertisement", "cookies", "Share this article", "Listen to this article", "©",
                      "Distributed by", "(Photo:", "By Anna Petrovic", "Reading Time"):
            assert noise not in article.text, (noise, article.id)


def test_the_death_toll_disagrees(examples: dict[str, Article]) -> None:
    twelve = {k for k, a in examples.items() if "Twelve people died" in a.text or "risen to twelve" in a.text}
    fourteen = {k for k, a in examples.items() if "Fourteen people were killed" in a.text}
    assert twelve == {"lowmere-herald", "radio-estwick"}
    assert fourteen == {"nws-wire", "valley-post"}


def test_the_reprint_is_the_wire_story_under_a_new_top(examples: dict[str, Article]) -> None:
    wire = examples["nws-wire"].text.split("\n\n")
    reprint = examples["valley-post"].text.split("\n\n")
    assert reprint[0] not in wire
    assert reprint[1:] == wire[:len(reprint) - 1]


def test_metadata(examples: dict[str, Article]) -> None:
    got = {k: (a.outlet, a.outlet_from, a.published, a.published_from) for k, a in examples.items()}
    march14 = dt.date(2024, 3, 14)
    assert got == {
        "lowmere-herald": ("Lowmere Herald", "copyright", march14, "byline"),
        "nws-wire": ("", "", None, ""),  # "ESTWICK, March 14 (NWS) —" names the wire, not a printer
        "radio-estwick": ("Radio Estwick", "jsonl", march14, "jsonl"),
        "valley-post": ("The Valley Post", "html", march14, "html"),
    }

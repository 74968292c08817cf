"""Cleaning the five seed articles (real scraped text): the noise goes, every story sentence stays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newsfuse.ingest import read_articles
from newsfuse.types import Article

# Each noise string, the seed it is in, and the reason it must be removed for.
NOISE = [
    ("Advertisement", "004", "advertisement"),
    ("çerez", "001", "cookie-banner"),
    ("Select Voice", "004", "player-widget"),
    ("Reading Time", "004", "reading-time"),
    ("Tribune Content Agency", "002", "distribution"),
    ("Why you can trust SCMP", "004", "trust-badge"),
    ("250 WPM", "004", "player-widget"),
    ("1.25x", "004", "player-widget"),
    ("Fahad Shabbir", "000", "byline"),
    ("(c) 2023", "002", "copyright"),
    ("Choose your listening speed", "004", "player-widget"),
    ("second from right", "003", "caption"),
    ("UrduPoint News / Sputnik", "000", "dateline-header"),
]

# Story sentences that must survive cleaning, by seed (precision: no story sentence may be lost).
KEPT = [
    ("000", "Japan and China expressed their concerns over a number of security issues"),
    ("000", "The meeting took place in Tokyo, at the level of foreign affairs and defense officials"),
    ("001", "Under the updated security strategy"),
    ("001", "The previous meeting of the two nations' security dialogue took place in Beijing in Feb. 2019."),
    ("001", "While Tokyo frequently accuses Chinese vessels of repeatedly violating its territorial waters"),
    ("002", "The talks lasted about 3 1/2 hours."),
    ("002", "Also on Wednesday, the governments of Japan and China held online talks"),
    ("003", "Japan announced in December"),
    ("003", "Beijing and Tokyo tackle military buildup, Russia, and alleged spy balloons"),  # the standfirst
    ("003", "The two countries had agreed to create a direct contact hotline"),
    ("003", "For Japan, China will always be the neighbor next door and a key trade partner."),
    ("004", "It was the first meeting between officials"),
    ("004", "Chinese foreign vice-minister Sun Weidong takes aim at Tokyo’s new defence policy"),  # bullet
    ("004", "His Japanese counterpart Shigeo Yamada raises the issues"),  # bullet
    ("004", "sparking a conflict that could embroil Japan and disrupt global trade."),
]


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, Article]:
    result = read_articles([seeds_dir])
    assert not result.skipped
    return {a.id[:3]: a for a in result.articles}


def test_all_five_seeds_are_read_in_order(seeds: dict[str, Article]) -> None:
    assert list(seeds) == ["000", "001", "002", "003", "004"]
    assert all(a.language == "en" for a in seeds.values())


@pytest.mark.parametrize(("noise", "seed", "reason"), NOISE)
def test_noise_is_removed_with_its_reason(seeds: dict[str, Article], noise: str, seed: str, reason: str) -> None:
    for article in seeds.values():
        assert noise.lower() not in article.text.lower(), f"{noise!r} left in {article.id}"
    removed = [r for r in seeds[seed].removed if noise.lower() in r.text.lower()]
    assert removed, f"{noise!r} not recorded as removed from {seed}"
    assert {r.reason for r in removed} == {reason}


@pytest.mark.parametrize(("seed", "sentence"), KEPT)
def test_story_sentences_are_kept(seeds: dict[str, Article], seed: str, sentence: str) -> None:
    assert sentence in seeds[seed].text


def test_every_removed_line_is_not_story_text(seeds: dict[str, Article]) -> None:
    """The full list of what cleaning takes out of the seeds: anything more would be a lost sentence."""
    removed = {a.id[:3]: [(r.reason, r.text[:20]) for r in a.removed] for a in seeds.values()}
    assert removed["002"] == [("separator", "___"), ("copyright", "(c) 2023 the Asia Ne"),
                              ("distribution", "Distributed by Tribu")]
    assert removed["003"] == [("separator", "-"), ("caption", "Japanese Deputy Fore")]
    assert [reason for reason, _ in removed["000"]] == ["dateline-header", "byline", "dateline-header"]
    assert [reason for reason, _ in removed["001"]] == ["repeated-paragraph"] * 2 + ["cookie-banner"] * 5
    assert [reason for reason, _ in removed["004"]] == (
        ["advertisement", "reading-time", "trust-badge", "share-widget"] + ["advertisement"] * 3
        + ["player-widget"] * 9)


def test_lone_close_button_and_stray_count_are_removed(seeds: dict[str, Article]) -> None:
    assert ("X", "cookie-banner") in [(r.text, r.reason) for r in seeds["001"].removed]
    assert "2" in [r.text for r in seeds["004"].removed]
    assert "\nX\n" not in seeds["001"].text and "\n2\n" not in seeds["004"].text


def test_repeated_paragraph_is_removed_once_and_first_occurrence_kept(seeds: dict[str, Article]) -> None:
    text = seeds["001"].text
    assert text.count("During the meeting in Tokyo, Japan's Senior Deputy Foreign Minister") == 1
    assert text.count("While China's Vice Foreign Minister Sun Weidong also warned") == 1
    # The lead paragraph, which holds both sentences, is the one kept.
    first = text.split("\n\n")[0]
    assert first.startswith("During the meeting in Tokyo") and "Sun Weidong also warned" in first
    repeats = [r for r in seeds["001"].removed if r.reason == "repeated-paragraph"]
    assert [r.line for r in repeats] == [9, 11] and all(r.detail == "first at line 3" for r in repeats)


def test_dateline_prefix_is_stripped_and_sentence_kept(seeds: dict[str, Article]) -> None:
    assert seeds["000"].text.startswith("Japan and China expressed their concerns")
    assert "MOSCOW" not in seeds["000"].text


def test_foreign_block_carries_its_language(seeds: dict[str, Article]) -> None:
    turkish = [r for r in seeds["001"].removed if r.reason == "cookie-banner" and r.text != "X"]
    assert len(turkish) == 4 and all(r.detail == "tr" for r in turkish)


def test_titles(seeds: dict[str, Article]) -> None:
    assert seeds["000"].title == "Japan, China Discuss Security Issues Of Mutual Concern - Reports"
    assert seeds["001"].title.startswith("China-Japan resume security talks after 4 years")
    assert seeds["002"].title == ""  # its first line is a sentence, not a title
    assert seeds["003"].title == "Marking their first in four years, China, Japan conduct security talks"
    assert seeds["004"].title == "China, Japan voice concerns during first security talks in 4 years"
    for article in seeds.values():
        assert not article.title or article.title not in article.text
        assert "title" not in {r.reason for r in article.removed}  # moved, not recorded as noise


def test_outlets(seeds: dict[str, Article]) -> None:
    got = {k: (a.outlet, a.outlet_from) for k, a in seeds.items()}
    assert got["000"] == ("UrduPoint.com", "header")
    assert got["001"] == ("", "")  # "Kyodo News reported" is a cited source; the file name says nothing
    assert got["002"] == ("Asia News Network", "copyright")
    assert got["003"] == ("", "")  # "(Reuters)" ends a photo caption: who took the picture
    assert seeds["000"].wire == "Sputnik"  # "(UrduPoint News / Sputnik - ...)": UrduPoint printed Sputnik's copy
    assert got["004"] == ("SCMP", "text")


def test_dates(seeds: dict[str, Article]) -> None:
    assert (seeds["000"].published, seeds["000"].published_from) == (dt.date(2023, 2, 22), "header")
    for key in ("001", "002", "003", "004"):
        # 003's caption mentions February 22, 2023: the day of the photo, not a publication date.
        assert seeds[key].published is None and seeds[key].published_from == ""


def test_paragraphs_are_separated_by_one_blank_line(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        assert "\n\n\n" not in article.text
        assert all(p.strip() == p and p for p in article.text.split("\n\n"))


def test_removals_are_in_order_of_appearance(seeds: dict[str, Article]) -> None:
    for article in seeds.values():
        lines = [r.line for r in article.removed]
        assert lines == sorted(lines) and all(line > 0 for line in lines)

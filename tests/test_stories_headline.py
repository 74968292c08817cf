"""Headlines and dates that are true (issue 14, item 4): a story's title is its best real headline,
cleaned of page furniture; `brief --story N` is titled with it; an undated article lends no date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.engine import LocalEngine
from newsfuse.store import Store
from newsfuse.stories.headline import choose_headline, clean_headline, lead_label
from newsfuse.stream import ingest
from newsfuse.types import Article
from test_stories_group import NEPAL, NEPAL_2

NEPAL_3 = ("Aid agencies said on Monday that the Nepal earthquake near Lamjung had left thousands homeless in "
           "Kathmandu, Bhaktapur and the Gorkha district. Koirala said the death toll could reach 10,000 as "
           "rescuers reached villages cut off since the magnitude 7.8 quake, and relief flights from India "
           "brought tents to Kathmandu.")


@pytest.mark.parametrize(("raw", "clean"), [
    ("1/50 15 March 2018 Britain's prime minister Theresa May arrives", "Britain's prime minister Theresa May arrives"),
    ("Share Copy link The parents of Dylan Noble sue the city", "The parents of Dylan Noble sue the city"),
    ("Quake kills hundreds in Nepal - Reuters", "Quake kills hundreds in Nepal"),
    ("Ellen DeGeneres To Host 86th Oscars | The Guardian", "Ellen DeGeneres To Host 86th Oscars"),
    ("LIVE: Nepal earthquake death toll rises …", "Nepal earthquake death toll rises"),
    ("Share prices fall in Tokyo", "Share prices fall in Tokyo"),  # a headline's own first word stays
    ("Obama visits Kenya - a first for a sitting president", "Obama visits Kenya - a first for a sitting president"),
    ("1/50", ""),
])
def test_clean_headline_strips_furniture_and_keeps_capitalisation(raw: str, clean: str) -> None:
    assert clean_headline(raw) == clean


def test_choose_headline_takes_the_central_real_headline_over_furniture() -> None:
    heads = [("1/50 15 March 2018 Kathmandu residents sleep outdoors", NEPAL),
             ("Nepal earthquake kills hundreds in Kathmandu - Reuters", NEPAL_2),
             ("", NEPAL_3)]
    assert choose_headline(heads) == "Nepal earthquake kills hundreds in Kathmandu"


def test_choose_headline_tie_goes_to_the_earliest() -> None:
    assert choose_headline([("Alpha beta gamma", "x"), ("Delta epsilon zeta", "y")]) == "Alpha beta gamma"


def test_untitled_fallback_is_a_sentence_cased_first_sentence_not_a_fragment() -> None:
    text = ("kabul ( reuters ) - suspected militants stormed the kabul campus of the american university of "
            "afghanistan on wednesday. officials said the attack was continuing.")
    label = lead_label(text)
    assert label == "Suspected militants stormed the kabul campus of the american university of afghanistan on wednesday"
    long = "the " + " ".join(f"word{i}" for i in range(30)) + "."
    assert lead_label(long) == "The " + " ".join(f"word{i}" for i in range(15)) + " …"
    assert choose_headline([("", "the u.s. government on monday proposed new rules. more follows.")]) == \
        "The u.s. government on monday proposed new rules"


def _stored(tmp_path: Path, *batches: list[Article]) -> tuple[Path, int]:
    db = tmp_path / "news.db"
    with Store.open(db) as store:
        for batch in batches:
            ingest(batch, store, LocalEngine(1), today=dt.date(2026, 11, 23))
        story_id = store.article_story(batches[0][0].id)
    assert story_id is not None
    return db, story_id


def test_story_whose_first_article_is_untitled_takes_a_later_headline(tmp_path: Path) -> None:
    day = dt.date(2015, 4, 25)
    first = Article("n1", NEPAL, outlet="AP", published=day)
    later = Article("n2", NEPAL_2, title="Share Copy link Nepal earthquake toll passes 2,000 - Reuters",
                    outlet="Reuters", published=day + dt.timedelta(days=1))
    db, story_id = _stored(tmp_path, [first], [later])  # the headline joins in a later chunk
    with Store.open(db) as store:
        story = store.story(story_id)
    assert story is not None and len(story.article_ids) == 2
    assert story.title == "Nepal earthquake toll passes 2,000"


def test_all_untitled_story_gets_a_sentence_cased_fallback(tmp_path: Path) -> None:
    lower = [Article("n1", NEPAL.lower()), Article("n2", NEPAL_2.lower())]
    db, story_id = _stored(tmp_path, lower)
    with Store.open(db) as store:
        story = store.story(story_id)
    assert story is not None
    assert story.title[:1].isupper() and story.title[1:] == story.title[1:].lower()
    assert story.title.rstrip(" …").lower() in " ".join((NEPAL + NEPAL_2).lower().split())
    assert len(story.title.split()) <= 17


def test_undated_only_story_has_no_first_or_last_seen(tmp_path: Path) -> None:
    db, story_id = _stored(tmp_path, [Article("n1", NEPAL), Article("n2", NEPAL_2)])
    with Store.open(db) as store:
        story = store.story(story_id)
        listed = store.stories()
    assert story is not None and story.first_seen is None and story.last_seen is None
    assert [s.first_seen for s in listed] == [None]


def test_undated_member_lends_no_date(tmp_path: Path) -> None:
    dated = Article("n1", NEPAL, published=dt.date(2015, 4, 25))
    db, story_id = _stored(tmp_path, [dated, Article("n2", NEPAL_2)], [Article("n3", NEPAL_3)])
    with Store.open(db) as store:
        story = store.story(story_id)
        undated = store.articles(["n2"])[0]
    assert story is not None and len(story.article_ids) == 3
    assert story.first_seen == story.last_seen == dt.date(2015, 4, 25)
    assert undated.published is None


def test_brief_story_markdown_starts_with_the_story_title(tmp_path: Path) -> None:
    day = dt.date(2015, 4, 25)
    db, story_id = _stored(tmp_path, [
        Article("n1", NEPAL, outlet="AP", published=day),
        Article("n2", NEPAL_2, title="1/50 Nepal earthquake kills thousands | The Guardian", outlet="Guardian",
                published=day)])
    out = tmp_path / "brief.md"
    result = CliRunner().invoke(app, ["brief", "--db", str(db), "--story", str(story_id), "--no-facts",
                                        "--embedder", "hashing", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("# Nepal earthquake kills thousands\n")

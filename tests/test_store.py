"""The story store: one copy of each article, filters, origins, schema versions, clear errors."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from newsfuse.config import Settings
from newsfuse.engine import LocalEngine
from newsfuse.errors import ConfigError, StoreError
from newsfuse.store import _V1, SCHEMA_VERSION, Store, _run_script
from newsfuse.stream import ingest
from newsfuse.types import Article, Removal
from test_stories_group import CHILE, CHILE_2, NEPAL, NEPAL_2

WORDS_ONLY = Settings().replace(group_embedder="none")  # a store grouped by words alone

DAY = dt.date(2015, 4, 25)


def articles() -> list[Article]:
    return [
        Article("n1", NEPAL, title="Quake hits Nepal", outlet="Reuters", url="https://a.example/n1", published=DAY,
                removed=[Removal("Share this", "share-widget", 3)]),
        Article("n2", NEPAL_2, outlet="AP", url="https://b.example/n2", published=DAY + dt.timedelta(days=1),
                wire="AP"),
        Article("c1", CHILE, outlet="AP", published=DAY),
        Article("c2", CHILE_2, outlet="BBC", published=DAY + dt.timedelta(days=1)),
    ]


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "news.db")
    ingest(articles(), s, LocalEngine(workers=1))
    return s


def test_store_round_trips_the_cleaned_article(store: Store) -> None:
    got = store.get_article("n1")
    assert got == articles()[0]
    assert store.articles(["c2", "nope", "n1"]) == [articles()[3], articles()[0]]
    assert store.get_article("n2") == articles()[1]  # the wire is kept apart from the outlet


def test_store_groups_into_stories_with_spans_and_outlets(store: Store) -> None:
    stories = store.stories()
    assert sorted(sorted(s.article_ids) for s in stories) == [["c1", "c2"], ["n1", "n2"]]
    nepal = store.story(store.article_story("n1") or 0)
    assert nepal is not None
    assert nepal.title == "Quake hits Nepal"
    assert nepal.outlets == ["Reuters", "AP"]
    assert (nepal.first_seen, nepal.last_seen) == (DAY, DAY + dt.timedelta(days=1))
    assert [a.id for a in store.story_articles(nepal.id)] == ["n1", "n2"]


@pytest.mark.parametrize(("changed", "reason"), [
    ({}, "same id"),
    ({"id": "other"}, "same content"),
    ({"id": "other", "text": CHILE_2 + " Updated."}, "same URL"),
])
def test_store_same_id_url_or_content_is_stored_once(store: Store, changed: dict[str, str], reason: str) -> None:
    again = articles()[0]
    for key, value in changed.items():
        setattr(again, key, value)
    result = ingest([again], store, LocalEngine(workers=1))
    assert (result.new, result.duplicates) == (0, 1)
    assert store.count_articles() == 4
    if changed.get("id"):
        alias = store.db.execute("SELECT article, reason FROM aliases WHERE id = 'other'").fetchone()
        assert alias == ("n1", reason)
        assert store.get_article("other") == store.get_article("n1")


def test_store_duplicates_within_one_batch_are_stored_once(tmp_path: Path) -> None:
    with Store.open(tmp_path / "d.db") as s:
        first = Article("a", NEPAL)
        copy = Article("b", NEPAL.replace("  ", " ").upper())  # same content, other case
        result = ingest([first, copy, Article("a", CHILE)], s, LocalEngine(workers=1))
        assert (result.new, result.duplicates) == (1, 2)


def test_store_filters_by_outlet_date_and_text(store: Store) -> None:
    def ids(found: list) -> list[list[str]]:
        return sorted(sorted(s.article_ids) for s in found)

    assert ids(store.stories(outlet="reuters")) == [["n1", "n2"]]
    assert ids(store.stories(outlet="AP")) == [["c1", "c2"], ["n1", "n2"]]
    assert ids(store.stories(search="Bachelet tsunami")) == [["c1", "c2"]]
    assert ids(store.stories(search='"; DROP TABLE')) == []
    assert ids(store.stories(search="Bachelet\x00tsunami")) == [["c1", "c2"]]  # a NUL once broke the query
    assert ids(store.stories(since=DAY + dt.timedelta(days=2))) == []
    assert ids(store.stories(until=DAY - dt.timedelta(days=1))) == []
    assert len(store.stories(limit=1)) == 1


def test_store_origins_count_a_copy_once(tmp_path: Path) -> None:
    with Store.open(tmp_path / "o.db") as s:
        ingest([Article("n1", NEPAL), Article("r1", "KATHMANDU (AP) — " + NEPAL[:400]),
                Article("n2", NEPAL_2)], s, LocalEngine(workers=1))
        story = s.article_story("n1")
        assert story is not None
        assert s.story_origins(story) == {"n1": 0, "r1": 0, "n2": 1}


def test_store_reopens_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "r.db"
    with Store.open(path) as s:
        ingest(articles()[:1], s, LocalEngine(workers=1))
    with Store.open(path) as s:
        ingest(articles()[1:2], s, LocalEngine(workers=1))
        assert s.article_story("n1") == s.article_story("n2")
        assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_store_from_schema_1_migrates_and_goes_on_grouping_by_words(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    with sqlite3.connect(path) as db:
        _run_script(db, _V1)
        db.execute("PRAGMA user_version=1")
    with Store.open(path) as s:
        ingest(articles()[:1], s, LocalEngine(workers=1), settings=WORDS_ONLY)  # a store as schema 1 made it
    with sqlite3.connect(path) as db:  # ...and as it was before the vector column existed
        db.execute("DELETE FROM meta WHERE key = 'group_embedder'")
        db.execute("ALTER TABLE stories DROP COLUMN vector")
        db.execute("ALTER TABLE stories DROP COLUMN hub")
        db.execute("ALTER TABLE articles DROP COLUMN wire")
        db.execute("ALTER TABLE stories DROP COLUMN xrows")  # v9
        db.execute("ALTER TABLE stories DROP COLUMN xvector")  # v7
        db.execute("ALTER TABLE stories DROP COLUMN anchors")
        db.execute("DROP TABLE sources")  # v5
        db.execute("PRAGMA user_version=1")
    with Store.open(path) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.get_meta("group_embedder", "") == "none"
        ingest(articles()[1:2], s, LocalEngine(workers=1))  # no embedder asked: the store's own, words only
        assert s.article_story("n2") == s.article_story("n1")
        with pytest.raises(ConfigError, match="groups articles with the embedder 'none'"):
            ingest(articles()[2:], s, LocalEngine(workers=1), settings=Settings().replace(group_embedder="minilm-onnx"))
        assert s.count_articles() == 2  # refused before anything was written


def test_store_new_store_groups_with_vectors_and_keeps_them(tmp_path: Path) -> None:
    with Store.open(tmp_path / "v.db") as s:
        ingest(articles(), s, LocalEngine(workers=1), settings=Settings().replace(group_embedder="minilm-onnx"))
        assert s.get_meta("group_embedder", "") == "minilm-onnx"
        sizes = dict(s.db.execute("SELECT size, length(vector) FROM stories").fetchall())
        assert sizes == {2: 384 * 4}  # each story: the sum of its two members' 384 floats


def test_store_from_schema_2_migrates_with_neutral_hubness_and_keeps_the_grouper_s(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    with Store.open(path) as s:
        ingest(articles()[:1], s, LocalEngine(workers=1), settings=WORDS_ONLY)
    with sqlite3.connect(path) as db:  # the store as schema 2 left it: no hub column
        db.execute("ALTER TABLE stories DROP COLUMN hub")
        db.execute("ALTER TABLE articles DROP COLUMN wire")
        db.execute("ALTER TABLE stories DROP COLUMN xrows")  # v9
        db.execute("ALTER TABLE stories DROP COLUMN xvector")  # v7
        db.execute("ALTER TABLE stories DROP COLUMN anchors")
        db.execute("DROP TABLE sources")  # v5
        db.execute("PRAGMA user_version=2")
    with Store.open(path) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert [st.hub for st in s.live_stories(0)] == [0.0]
        # hub_k 2: four articles are fewer neighbours than the default's ten (no correction then).
        ingest(articles()[1:], s, LocalEngine(workers=1), settings=Settings().replace(group_hub_k=2))
        assert s.article_story("n2") == s.article_story("n1")
        # The new chunk's articles carry their excess over the chunk's median into their stories.
        assert any(st.hub != 0.0 for st in s.live_stories(0))


def test_store_refuses_a_newer_schema_and_foreign_files(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    Store.open(newer).close()
    with sqlite3.connect(newer) as db:
        db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer newsfuse"):
        Store.open(newer)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a newsfuse store"):
        Store.open(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"SQLite|newsfuse"):
        Store.open(junk)
    with pytest.raises(StoreError, match="no such store"):
        Store.open(tmp_path / "missing.db", must_exist=True)
    with pytest.raises(StoreError, match="folder"):
        Store.open(tmp_path / "no" / "such" / "x.db")


def test_store_from_schema_3_keeps_its_articles_with_no_wire_recorded(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    with Store.open(path) as s:
        ingest(articles()[1:2], s, LocalEngine(workers=1))
    with sqlite3.connect(path) as db:  # the store as schema 3 left it: no wire column
        db.execute("ALTER TABLE articles DROP COLUMN wire")
        db.execute("ALTER TABLE stories DROP COLUMN xrows")  # v9
        db.execute("ALTER TABLE stories DROP COLUMN xvector")  # v7
        db.execute("ALTER TABLE stories DROP COLUMN anchors")
        db.execute("DROP TABLE sources")  # v5
        db.execute("PRAGMA user_version=3")
    with Store.open(path) as s:
        assert s.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        old = s.get_article("n2")
        assert old is not None and (old.outlet, old.wire) == ("AP", "")
        ingest(articles()[:1], s, LocalEngine(workers=1))
        assert s.get_article("n1") == articles()[0]

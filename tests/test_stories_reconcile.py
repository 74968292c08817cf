"""Stream and batch agree (issue 15): two stories begun in different chunks merge when the evidence
joins them (the older id stays, the merge is recorded), and a story that holds two events splits."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from newsfuse.changes import changes, describe
from newsfuse.config import Grouping, load_settings
from newsfuse.engine import LocalEngine
from newsfuse.ingest import iter_articles
from newsfuse.store import SCHEMA_VERSION, Store
from newsfuse.store_history import merged_into, story_versions
from newsfuse.stories.features import article_features
from newsfuse.stories.group import DocumentFrequencies, Item, StoryGrouper
from newsfuse.stories.reconcile import Member, Weights, split_parts
from newsfuse.stream import AddResult, _commit_chunk, ingest
from newsfuse.types import Article
from test_stories_group import CHILE, CHILE_2, NEPAL, NEPAL_2

WORDS = load_settings(group_embedder="none")
# The hard quiet window of before (`group.gap_weight` 0): a report ten days after another starts a
# story of its own, which is what these tests need the stream to do before it reconciles. With the
# shipped soft date term the ten-days-later report joins its event in the stream already.
HARD_WINDOW = WORDS.replace(group_gap_weight=0.0)
NEPAL_3 = ("Aid agencies said on Thursday that the Nepal earthquake death toll passed 5,000 as rescuers in "
           "Kathmandu and the Gorkha district kept searching. The magnitude 7.8 quake near Lamjung also set off "
           "avalanches on Mount Everest. Koirala asked for more tents, and flights from India kept landing in "
           "Kathmandu. Bhaktapur and Patan counted their losses as aftershocks continued across Nepal.")
DAY = dt.date(2015, 4, 25)


def nepal_in_three_ingests(store: Store, reconcile: bool) -> None:
    """A report, one ten days later (past the quiet window: a story of its own), then one between
    them that joins both: three ingests, three chunks."""
    settings = HARD_WINDOW.replace(group_reconcile=reconcile)
    for article in (Article("n1", NEPAL, published=DAY), Article("n2", NEPAL_2, published=DAY + dt.timedelta(days=10)),
                    Article("n3", NEPAL_3, published=DAY + dt.timedelta(days=5))):
        ingest([article], store, LocalEngine(1), settings=settings)


def test_two_chunks_that_each_start_one_event_end_as_one_story_with_the_older_id(tmp_path: Path) -> None:
    with Store.open(tmp_path / "apart.db") as store:
        nepal_in_three_ingests(store, reconcile=False)
        assert len(store.stories()) == 2  # what the stream did before: two stories of one event
    with Store.open(tmp_path / "news.db") as store:
        nepal_in_three_ingests(store, reconcile=True)
        [story] = store.stories()
        assert story.id == 1 and sorted(story.article_ids) == ["n1", "n2", "n3"]
        assert story.merged_from == [2] and story.split_from is None
        assert store.story(2) is None and merged_into(store, 2) == 1
        # The history: story 1's last version took n2 (moved) and n3 (new); the change says so once.
        assert sorted(story_versions(store, 1)[-1].added) == ["n2", "n3"]
        found = changes(store, claims=False)
        merges = [c for c in found if c.kind == "merged"]
        assert [(c.story, c.before, c.after, [s.id for s in c.sources]) for c in merges] == [(1, "2", "1", ["n2"])]
        assert describe(merges[0]) == "story 2 merged into story 1 (1 article moved)"
        assert not [c for c in found if c.kind == "new-article" and c.story == 1 and c.sources[0].id == "n2"]
        assert merges[0].to_dict()["kind"] == "merged"


def test_a_story_that_holds_two_events_splits_and_keeps_its_id_for_the_larger(tmp_path: Path) -> None:
    # The first chunk is grouped at a threshold so low that two earthquakes become one story (what a
    # stream can do when a story is small); the next chunk brings a third Nepal report at the
    # shipped threshold, and the story's members, weighed again, form two events.
    chunk_1 = [Article("n1", NEPAL, published=DAY), Article("c1", CHILE, published=DAY),
               Article("n2", NEPAL_2, published=DAY), Article("c2", CHILE_2, published=DAY)]
    chunk_2 = [Article("n3", NEPAL_3, published=DAY + dt.timedelta(days=1))]
    with Store.open(tmp_path / "news.db") as store:
        grouper = StoryGrouper(Grouping(threshold=0.0001))
        result = AddResult()
        for chunk in (chunk_1, chunk_2):
            _commit_chunk(chunk, [article_features(a) for a in chunk], store, grouper, DAY.toordinal(), result, {})
            grouper.config = Grouping()
            if chunk is chunk_1:
                assert [s.id for s in store.stories()] == [1]
        stories = {s.id: s for s in store.stories()}
        assert sorted(stories) == [1, 2]
        assert sorted(stories[1].article_ids) == ["n1", "n2", "n3"] and stories[1].split_from is None
        assert sorted(stories[2].article_ids) == ["c1", "c2"] and stories[2].split_from == 1
        splits = [c for c in changes(store, claims=False) if c.kind == "split"]
        assert {c.story for c in splits} == {1, 2}  # told on both stories
        assert describe(splits[0]) == "story 2 split from story 1 (2 articles moved)"
        # The grouper goes on with both: a later Chile report joins the Chile story, not story 1.
        late = Article("c3", CHILE_2.replace("Thursday", "Friday") + " Schools reopened in Illapel.",
                       published=DAY + dt.timedelta(days=1))
        _commit_chunk([late], [article_features(late)], store, grouper, DAY.toordinal(), result, {})
        assert store.article_story("c3") == 2


def members(articles: list[Article]) -> tuple[list[Member], Weights]:
    df = DocumentFrequencies()
    feats = [article_features(a) for a in articles]
    df.add(f.terms for f in feats)
    idf = df.idf(2)
    return ([Member(a.id, k, DAY.toordinal(), True, "", f, 0.0) for k, (a, f) in enumerate(zip(articles, feats, strict=True))],
            Weights(idf, df.idf(1), idf * idf))


def test_split_parts_finds_two_events_and_leaves_one_event_whole() -> None:
    cfg = Grouping()
    two, weights_two = members([Article("n1", NEPAL), Article("c1", CHILE), Article("n2", NEPAL_2),
                                Article("c2", CHILE_2), Article("n3", NEPAL_3)])
    assert split_parts(two, weights_two, cfg) == [[0, 2, 4], [1, 3]]  # the larger part first: it keeps the story
    one, weights = members([Article("n1", NEPAL), Article("n2", NEPAL_2), Article("n3", NEPAL_3)])
    assert split_parts(one, weights, cfg) == [[0, 1, 2]]
    # A part under `split_min` articles stays: too little to be a story of its own.
    assert split_parts(two, weights_two, dataclasses.replace(cfg, split_min=3)) == [[0, 1, 2, 3, 4]]
    # Nor does a part whose link to the rest is under the threshold by less than the margin.
    assert split_parts(two, weights_two, dataclasses.replace(cfg, split_margin=0.27)) == [[0, 1, 2, 3, 4]]


def test_the_seeds_stay_one_story_streamed_one_article_a_chunk(seeds_dir: Path) -> None:
    articles = list(iter_articles([str(seeds_dir)]))
    grouper = StoryGrouper(Grouping())
    story: dict[str, int] = {}
    day = dt.date(2023, 2, 22).toordinal()
    for a in articles:
        result = grouper.group([Item(a.id, day, article_features(a), a.published is not None)])
        story.update((x.article_id, x.story) for x in result.assignments)
        into = dict(result.merged)
        story = {k: result.moved.get(k, into.get(s, s)) for k, s in story.items()}
    assert len(articles) == 5 and len(set(story.values())) == 1


def test_reconciling_a_single_chunk_changes_nothing() -> None:
    # One chunk is the batch: its agglomeration already stops where the merges would.
    articles = [Article("n1", NEPAL), Article("c1", CHILE), Article("n2", NEPAL_2), Article("c2", CHILE_2),
                Article("n3", NEPAL_3)]
    out = {}
    for reconcile in (False, True):
        grouper = StoryGrouper(Grouping(reconcile=reconcile))
        result = grouper.group([Item(a.id, DAY.toordinal(), article_features(a)) for a in articles])
        out[reconcile] = [(x.article_id, x.story) for x in result.assignments]
        assert not result.merged and not result.split
    assert out[False] == out[True]
    assert np.unique([s for _, s in out[True]]).size == 2


def test_a_store_of_schema_7_migrates_and_its_stories_merge(tmp_path: Path) -> None:
    path = tmp_path / "v7.db"
    with Store.open(path) as store:
        for article in (Article("n1", NEPAL, published=DAY), Article("n2", NEPAL_2, published=DAY + dt.timedelta(days=10))):
            ingest([article], store, LocalEngine(1), settings=HARD_WINDOW)
    with sqlite3.connect(path) as db:  # the store as schema 7 left it: no story_links
        db.execute("DROP TABLE story_links")
        db.execute("ALTER TABLE stories DROP COLUMN xrows")  # v9
        db.execute("PRAGMA user_version=7")
    with Store.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 9
        assert [(s.id, s.merged_from, s.split_from) for s in store.stories()] == [(2, [], None), (1, [], None)]
        ingest([Article("n3", NEPAL_3, published=DAY + dt.timedelta(days=5))], store, LocalEngine(1),
               settings=HARD_WINDOW)
        assert [(s.id, s.merged_from) for s in store.stories()] == [(1, [2])]


@pytest.mark.slow  # the story's feed briefs it (about 20 s on a busy machine)
def test_the_web_app_and_the_atom_feed_say_where_a_merged_story_went(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from newsfuse.web import WebConfig, create_app

    with Store.open(tmp_path / "news.db") as store:
        nepal_in_three_ingests(store, reconcile=True)
    app = create_app(WebConfig(db=tmp_path / "news.db", settings=load_settings(embedder="hashing")), warm=False)
    with TestClient(app, raise_server_exceptions=False, base_url="http://localhost") as client:
        gone = client.get("/api/stories/2")
        assert gone.status_code == 404 and "story 2 merged into story 1" in gone.text
        [story] = client.get("/api/stories").json()["stories"]
        assert (story["id"], story["merged_from"], story["split_from"]) == (1, [2], None)
        feed = client.get("/feeds/stories/1.atom")
        assert feed.status_code == 200 and "story 2 merged into story 1" in feed.text

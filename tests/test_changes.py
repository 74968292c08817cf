"""Story history and changes (issue 14): a story fed in publication order in three ingests — two
reports, then nothing new, then a later report that revises the toll — ends as one story of three
articles whose changes tell the revision as an update with both values and both sources, on the
CLI, the API and the Atom feeds."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsfuse import cli
from newsfuse.changes import changes, describe, to_markdown
from newsfuse.config import load_settings
from newsfuse.engine import LocalEngine
from newsfuse.store import Store
from newsfuse.store_history import story_versions, timestamp
from newsfuse.stream import ingest
from newsfuse.types import Article, Change, ChangeSource, Story
from newsfuse.web import WebConfig, create_app
from newsfuse.web.feeds import changes_feed, stories_feed

SETTINGS = load_settings(embedder="hashing", group_embedder="none")  # words-only grouping, a fast brief
DAY = dt.date(2025, 5, 12)
BASE = ("Rescue teams searched the banks of the river Aller near Kessel through the night. "
        "Hundreds of homes in Kessel were damaged when the Aller burst its banks after three days of rain. "
        "Governor Anna Brandt said emergency shelters in Kessel schools would stay open. "
        "The Kessel railway bridge over the Aller was closed and the Aller valley road was cut. ")


def reports() -> list[Article]:
    return [
        Article("kc1", "The floods in Kessel killed 9 people, officials said. " + BASE
                + "Volunteers filled sandbags in the Kessel market square.", title="Floods kill 9 in Kessel",
                outlet="Kessel Courier", published=DAY),
        Article("dl1", "The floods in Kessel killed 9 people, officials said. " + BASE
                + "Farmers in the Aller valley lost cattle and crops.", title="Kessel floods: 9 dead",
                outlet="Daily Ledger", published=DAY),
        Article("kc2", "The floods in Kessel killed 12 people, officials said. " + BASE
                + "Army engineers began building a temporary Aller bridge.", title="Kessel flood toll rises to 12",
                outlet="Kessel Courier", published=DAY + dt.timedelta(days=1)),
    ]


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The store after the three ingests, and a time between the second and the third."""
    db = tmp_path_factory.mktemp("changes") / "news.db"
    with Store.open(db) as store:
        ingest(reports()[:2], store, LocalEngine(workers=1), settings=SETTINGS)
        again = ingest(reports()[:2], store, LocalEngine(workers=1), settings=SETTINGS)
        assert (again.new, again.duplicates) == (0, 2)
        mark = timestamp(dt.datetime.now(dt.UTC))
        ingest(reports()[2:], store, LocalEngine(workers=1), settings=SETTINGS)
    return db, mark


def the_update(found: list[dict[str, object]]) -> dict[str, object]:
    updates = [c for c in found if c["kind"] == "update"]
    assert len(updates) == 1, found
    return updates[0]


def check_update(change: dict[str, object]) -> None:
    assert (change["about"], change["before"], change["after"]) == ("number of people", "9", "12")
    sources = change["sources"]
    assert isinstance(sources, list)
    said = {(s["id"], s["outlet"], s["says"], s["published"]) for s in sources}
    assert said == {("kc1", "Kessel Courier", "9", "2025-05-12"), ("dl1", "Daily Ledger", "9", "2025-05-12"),
                    ("kc2", "Kessel Courier", "12", "2025-05-13")}
    evidence = change["evidence"]
    assert isinstance(evidence, list)
    assert any("12 people" in e["text"] and e["source"] == "kc2" for e in evidence)


def test_the_replay_is_one_story_with_a_version_per_ingest_that_added(replay: tuple[Path, str]) -> None:
    db, mark = replay
    with Store.open(db) as store:
        [story] = store.stories()
        assert story.article_ids == ["kc1", "dl1", "kc2"]
        history = story_versions(store, story.id)
    # The ingest that found nothing new left no version.
    assert [(v.version, v.added, v.size) for v in history] == [(1, ["kc1", "dl1"], 2), (2, ["kc2"], 3)]
    assert history[0].at < mark <= history[1].at


def test_changes_since_tell_the_revision_as_an_update(replay: tuple[Path, str]) -> None:
    db, mark = replay
    with Store.open(db) as store:
        found = changes(store, since=mark, settings=SETTINGS)
        cheap = changes(store, since=mark, claims=False)
    check_update(the_update([c.to_dict() for c in found]))
    kinds = [c.kind for c in found]
    assert "new-story" not in kinds and "new-outlet" not in kinds  # the Courier was there already
    [joined] = [c for c in found if c.kind == "new-article"]
    assert joined.about == "Kessel flood toll rises to 12" and joined.sources[0].id == "kc2"
    # A claim only the later report makes is new, reported first by it; the toll sentence is not new.
    [claim] = [c for c in found if c.kind == "new-claim"]
    assert "Army engineers" in claim.about and claim.sources[0].id == "kc2"
    assert [c.kind for c in cheap] == ["new-article"]
    line = describe(the_change(found, "update"))
    assert "9 (Kessel Courier, Daily Ledger, 2025-05-12) → 12 (Kessel Courier, 2025-05-13)" in line


def the_change(found: list[Change], kind: str) -> Change:
    return next(c for c in found if c.kind == kind)


def test_the_whole_history_starts_with_the_story(replay: tuple[Path, str]) -> None:
    db, _ = replay
    with Store.open(db) as store:
        found = changes(store, settings=SETTINGS)
    assert found[0].kind == "new-story" and found[0].about == "Floods kill 9 in Kessel"
    assert {s.id for s in found[0].sources} == {"kc1", "dl1"}
    check_update(the_update([c.to_dict() for c in found]))
    assert "## Story 1" in to_markdown(found)


def test_changes_command_prints_the_update_as_json(replay: tuple[Path, str]) -> None:
    db, mark = replay
    result = CliRunner().invoke(cli.app, ["changes", "--db", str(db), "--since", mark, "--format", "json",
                                          "--embedder", "hashing"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert all(set(c) == {"story", "at", "kind", "about", "before", "after", "sources", "evidence"} for c in found)
    check_update(the_update(found))
    text = CliRunner().invoke(cli.app, ["changes", "--db", str(db), "--since", mark, "--embedder", "hashing"])
    assert text.exit_code == 0 and "updated: number of people" in text.stdout
    bad = CliRunner().invoke(cli.app, ["changes", "--db", str(db), "--since", "yesterday"])
    assert bad.exit_code == 1 and "--since" in bad.output


@pytest.fixture(scope="module")
def client(replay: tuple[Path, str]) -> Iterator[TestClient]:
    app = create_app(WebConfig(db=replay[0], settings=load_settings(embedder="hashing")), warm=False)
    with TestClient(app, raise_server_exceptions=False, base_url="http://localhost") as c:
        yield c


def test_the_api_lists_the_story_changes(client: TestClient, replay: tuple[Path, str]) -> None:
    response = client.get("/api/stories/1/changes")
    assert response.status_code == 200
    check_update(the_update(response.json()["changes"]))
    since = client.get("/api/changes", params={"since": replay[1]}).json()["changes"]
    assert [c["kind"] for c in since] == ["new-article"]
    assert client.get("/api/stories/99/changes").status_code == 404
    assert client.get("/api/changes", params={"since": "not a time"}).status_code == 422


def test_the_atom_feeds_parse_and_keep_their_ids(client: TestClient) -> None:
    first, second = client.get("/feeds/stories.atom"), client.get("/feeds/stories.atom")
    assert first.status_code == 200 and first.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(first.content)
    assert not feed.bozo, feed.get("bozo_exception")
    [entry] = feed.entries
    assert entry.id == "urn:newsfuse:story:1" and entry.title == "Floods kill 9 in Kessel"
    assert entry.link == "http://localhost/stories/1" and entry.updated
    assert [e.id for e in feedparser.parse(second.content).entries] == [entry.id]
    story = feedparser.parse(client.get("/feeds/stories/1.atom").content)
    assert not story.bozo and story.feed.id == "urn:newsfuse:story:1"
    titles = [e.title for e in story.entries]
    assert any(t.startswith("updated: number of people: 9") for t in titles)
    again = feedparser.parse(client.get("/feeds/stories/1.atom").content)
    assert [e.id for e in again.entries] == [e.id for e in story.entries]
    assert len({e.id for e in story.entries}) == len(story.entries)
    assert client.get("/feeds/stories/99.atom").status_code == 404


def test_a_feed_escapes_untrusted_text() -> None:
    hostile = 'Floods <script>alert(1)</script> & "more"\x00\x1b'
    story = Story(7, ["a"], title=hostile, outlets=["<b>Ledger</b>"], last_seen=DAY)
    change = Change(7, "2025-05-13T08:30:00.000000+00:00", "new-claim", hostile, None, "first reported by <i>x</i>",
                    [ChangeSource("a", "<b>Ledger</b>", DAY)])
    for element in (stories_feed([(story, change.at)], "http://localhost/"),
                    changes_feed(story, [change], "http://localhost/")):
        body = ET.tostring(element, encoding="utf-8", xml_declaration=True)
        assert b"<script>" not in body and b"\x00" not in body
        feed = feedparser.parse(body)
        assert not feed.bozo, feed.get("bozo_exception")
        assert "alert(1)" in feed.entries[0].title


def _update_brief(later: str) -> dict[str, object]:
    """A brief whose one update goes from the Ledger's 9 to `later`, the Courier's next-day sentence."""
    def value(v: str, source: str, text: str) -> dict[str, object]:
        return {"value": v, "normalized": v, "sources": [source],
                "evidence": [{"source": source, "sentence": 0, "text": text}]}
    return {"sources": [{"id": "dl1", "outlet": "Daily Ledger", "published": "2025-05-12"},
                        {"id": "kc2", "outlet": "Kessel Courier", "published": "2025-05-13"}],
            "updates": [{"kind": "quantity", "about": "number of people",
                         "values": [value("9", "dl1", "The floods killed 9 people."), value("12", "kc2", later)]}]}


@pytest.mark.parametrize(("later", "kind"), [
    ("The floods killed 12 people, officials said.", "update"),
    ("Correction: the floods killed 12 people, not 9 as reported earlier.", "correction"),
    ("An earlier version of this article said 9; the floods killed 12 people.", "correction"),
    ("Corrections officers said the floods killed 12 people.", "update"),  # prison staff, not a notice
])
def test_an_update_is_a_correction_only_when_its_report_says_so(later: str, kind: str) -> None:
    from newsfuse.changes import diff_briefs

    [change] = diff_briefs(1, None, _update_brief(later), {}, default_at="2025-05-13T08:30:00+00:00")
    assert (change.kind, change.before, change.after) == (kind, "9", "12")
    assert describe(change).startswith("corrected: number of people: 9" if kind == "correction"
                                       else "updated: number of people: 9")

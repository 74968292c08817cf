"""The front page (issue 14, item 5): the order of the stories, each story's standfirst and badges,
the story page's dates of what joined when, and the stylesheet's contrast.

The order and the rows are tested on stores whose rows are written here (exact cases, no model); the
pages on the seeds' store with the hashing embedder.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfuse.store import Store
from newsfuse.web.front import ago, front_rows

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from newsfuse.config import load_settings
from newsfuse.web import WebConfig, create_app
from web_store import seeded_store

NOW = dt.datetime(2025, 5, 12, 12, 0, tzinfo=dt.UTC)
DAY = dt.date(2025, 5, 12).toordinal()
CSS = Path(__file__).resolve().parents[1] / "src" / "newsfuse" / "web" / "static" / "app.css"


def _story(store: Store, sid: int, size: int, last_day: int, title: str = "") -> None:
    store.db.execute("INSERT INTO stories (id, title, size, first_day, last_day, outlets, terms, weights) "
                     "VALUES (?, ?, ?, ?, ?, '[]', x'', x'')", (sid, title or f"story {sid}", size, last_day - 1, last_day))


def _article(store: Store, aid: str, story: int, text: str, title: str = "") -> None:
    store.db.execute("INSERT INTO articles (id, title, text, content_hash, day, ingested, story) VALUES (?,?,?,?,?,?,?)",
                     (aid, title, text, aid, DAY, NOW.isoformat(), story))


def _version(store: Store, story: int, version: int, at: dt.datetime, added: list[str]) -> None:
    store.db.execute("INSERT INTO story_versions (story, version, at, added, outlets_added, size) VALUES (?,?,?,?,?,?)",
                     (story, version, at.isoformat(timespec="microseconds"), json.dumps(added), "[]", len(added)))


def _brief(store: Store, story: int, version: int, claims: list[dict[str, object]], conflicts: int = 0) -> None:
    brief = {"claims": claims, "conflicts": [{"about": f"c{i}"} for i in range(conflicts)], "updates": []}
    store.db.execute("INSERT INTO story_briefs (story, version, settings, brief) VALUES (?,?,?,?)",
                     (story, version, "test", json.dumps(brief)))


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "news.db") as s:
        yield s


# -- the order ----------------------------------------------------------------------------------------

def test_web_front_order_halves_size_per_day_of_age(store: Store) -> None:
    # rank = last day + log2(size): a story twice the size counts as one day more recent.
    _story(store, 1, 8, DAY - 3)   # DAY
    _story(store, 2, 1, DAY)       # DAY
    _story(store, 3, 4, DAY - 1)   # DAY + 1
    _story(store, 4, 2, DAY)       # DAY + 1
    _story(store, 5, 16, DAY - 7)  # DAY - 3: a big story gone quiet for a week sinks
    assert [s.id for s in store.stories(order="front")] == [4, 3, 2, 1, 5]  # ties: the newer story first
    assert [s.id for s in store.stories()] == [4, 2, 3, 1, 5]  # the plain order: by last day only
    # Filters and pages keep the front order.
    assert [s.id for s in store.stories(order="front", since=dt.date.fromordinal(DAY - 1))] == [4, 3, 2]
    assert [s.id for s in store.stories(order="front", limit=2, offset=2)] == [2, 1]


# -- the rows: standfirst, badges, times -------------------------------------------------------------------

def test_web_front_standfirst_is_the_best_corroborated_claim_of_the_newest_brief(store: Store) -> None:
    _story(store, 1, 3, DAY)
    _version(store, 1, 1, NOW - dt.timedelta(days=3), ["a", "b"])
    _version(store, 1, 2, NOW - dt.timedelta(hours=2), ["c"])
    _brief(store, 1, 1, [{"text": "Old brief's claim.", "independent": 5, "against": [], "centrality": 1}])
    _brief(store, 1, 2, [
        {"text": "One outlet says so.", "independent": 1, "against": [], "centrality": 0.9},
        {"text": "Three say so, one says otherwise.", "independent": 3, "against": ["x"], "centrality": 0.9},
        {"text": "Three say so, none against.", "independent": 3, "against": [], "centrality": 0.2},
    ], conflicts=2)
    [row] = front_rows(store, store.stories(), now=NOW)
    assert (row.standfirst, row.corroborated) == ("Three say so, none against.", 3)
    assert [(b.text, b.kind, b.href) for b in row.badges] == [("2 conflicts", "conflicts", "/stories/1#conflicts"),
                                                              ("updated", "updated", None)]
    assert row.updated == NOW - dt.timedelta(hours=2)
    assert row.updated_ago == "2 h ago"
    assert row.latest_at == (NOW - dt.timedelta(hours=2)).isoformat(timespec="microseconds")


def test_web_front_without_a_brief_shows_the_lead_and_no_conflict_badge(store: Store) -> None:
    _story(store, 1, 1, DAY, title="Flood kills 14 in Estwick")
    _article(store, "a", 1, "Flood kills 14 in Estwick\n\nFourteen people were killed when the Marrow River "
                            "flooded the city overnight, authorities said. About 3,000 residents were evacuated.",
             title="Flood kills 14 in Estwick")
    _version(store, 1, 1, NOW - dt.timedelta(minutes=30), ["a"])
    _story(store, 2, 1, DAY - 5)  # no history (stored before schema v6), no text: nothing to say
    rows = front_rows(store, store.stories(order="front"), now=NOW)
    assert rows[0].standfirst == ("Fourteen people were killed when the Marrow River flooded the city overnight, "
                                  "authorities said.")
    assert rows[0].corroborated == 0
    assert [b.text for b in rows[0].badges] == ["new"]  # began within the day: new, not "updated"
    assert rows[1].badges == [] and rows[1].updated is None and rows[1].standfirst == ""


def test_web_front_quiet_story_has_no_fresh_badge(store: Store) -> None:
    _story(store, 1, 2, DAY)
    _version(store, 1, 1, NOW - dt.timedelta(days=4), ["a"])
    _version(store, 1, 2, NOW - dt.timedelta(hours=25), ["b"])
    [row] = front_rows(store, store.stories(), now=NOW)
    assert row.badges == [] and row.updated_ago == "yesterday"


@pytest.mark.parametrize(("seconds", "said"), [(5, "just now"), (125, "2 min ago"), (3 * 3600 + 5, "3 h ago"),
                                               (86400 * 1.5, "yesterday"), (86400 * 9, "9 days ago")])
def test_web_front_ago(seconds: float, said: str) -> None:
    assert ago(NOW - dt.timedelta(seconds=seconds), NOW) == said


def test_web_front_index_escapes_the_standfirst_and_shows_undated(store: Store) -> None:
    from newsfuse.types import Story
    from newsfuse.web.front import Badge, FrontRow
    from newsfuse.web.render import render_index
    from newsfuse.web.service import StoryPage, StoryQuery

    story = Story(id=3, article_ids=["a"], title="T", outlets=["<b>Evil</b>"])
    row = FrontRow(story, "<script>alert(1)</script> said", 2, NOW, "3 h ago", NOW.isoformat(),
                   [Badge("1 conflict", "conflicts", "/stories/3#conflicts")])
    unsourced = Story(id=4, article_ids=["b", "c"], title="U")  # outlets unknown (e.g. a bare JSONL dump)
    query = StoryQuery(order="front")
    html = render_index(page=StoryPage([story, unsourced], False, 2, query), query=query, filtered=False,
                        rows=[row, FrontRow(unsourced)],
                        twin="/api/stories?sort=front", outlets=[], prev_url=None, next_url=None)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; said" in html and "<script>alert" not in html
    assert "&lt;b&gt;Evil&lt;/b&gt;" in html
    assert "latest report undated" in html
    assert "<span>1 outlet</span>" in html and "<span>outlets not given</span> ·\n      <span>2 articles</span>" in html
    assert '<a class="badge conflicts" href="/stories/3#conflicts">1 conflict</a>' in html
    assert f'<time datetime="{NOW.isoformat()}">3 h ago</time> <span class="abs">(12 May 2025, 12:00 UTC)</span>' in html


# -- the pages over a real store ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def front_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seeded_store(tmp_path_factory, "front")


@pytest.fixture(scope="module")
def client(front_db: Path) -> Iterator[TestClient]:
    app = create_app(WebConfig(db=front_db, settings=load_settings(embedder="hashing")), warm=False)
    with TestClient(app, raise_server_exceptions=False, base_url="http://localhost") as c:
        yield c


def test_web_front_page_gets_its_standfirst_once_a_brief_is_computed(client: TestClient, front_db: Path) -> None:
    from newsfuse.changes import settings_digest
    from newsfuse.store_history import cached_brief, current_version

    stories = client.get("/api/stories", params={"sort": "front"}).json()["stories"]
    assert stories
    sid = stories[0]["id"]
    assert 'reported by' not in client.get("/").text  # no brief yet: the lead, no corroboration said
    brief = client.get(f"/api/stories/{sid}").json()  # computed once, and kept in the store
    with Store.open(front_db) as store:  # where `newsfuse changes` finds it too
        kept = cached_brief(store, sid, current_version(store, sid), settings_digest(load_settings(embedder="hashing")))
    assert kept is not None and kept["claims"] == brief["claims"]
    index = client.get("/").text
    best = max(brief["claims"], key=lambda c: c["independent"])["independent"]
    assert f"reported by {best} independent sources" in index
    if brief["conflicts"]:
        assert f'href="/stories/{sid}#conflicts">{len(brief["conflicts"])} conflict' in index
    assert '<span class="badge new">new</span>' in index  # the store was built moments ago
    assert 'href="/api/stories?sort=front"' in index


def test_web_front_story_page_dates_what_joined_when(client: TestClient) -> None:
    sid = client.get("/api/stories").json()["stories"][0]["id"]
    html = client.get(f"/stories/{sid}").text
    latest = re.search(r'<body class="story-page" data-story="\d+" data-latest="([^"]+)"', html)
    assert latest is not None
    dated = re.findall(r'<article class="article source" id="source-\d+" data-source="\d+" data-at="([^"]+)"', html)
    assert dated and max(dated) == latest.group(1)
    assert re.search(r'<tr data-at="[^"]+"><td class="claim">', html) or 'class="contested" data-at=' in html
    assert '<p class="since-visit" id="since-visit" role="status" hidden></p>' in html
    for landmark in ('<header class="top">', '<main id="main"', '<footer class="site">', 'class="skip" href="#main"'):
        assert landmark in html


# -- contrast ----------------------------------------------------------------------------------------------

def _luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    channels = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two colours."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_web_front_contrast_ratio_is_wcag_s() -> None:
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#777", "#fff") == pytest.approx(4.48, abs=0.01)


def test_web_front_text_colours_have_contrast() -> None:
    """Every rule that sets a text colour and a background in app.css, and the text colours over the
    page's own backgrounds, reach 4.5:1 (WCAG AA for body text)."""
    css = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    colours = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", css))

    def value(text: str) -> str | None:
        var = re.search(r"var\(--([\w-]+)\)", text)
        if var:
            return colours[var.group(1)]
        found = re.search(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b", text)
        return found.group(0) if found else None

    pairs: list[tuple[str, str, str]] = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = dict((k.strip(), v.strip()) for k, _, v in (d.partition(":") for d in body.split(";")) if v)
        fg, bg = decls.get("color"), decls.get("background", decls.get("background-color"))
        if fg and bg and value(fg) and value(bg):
            pairs.append((selector.strip(), value(fg) or "", value(bg) or ""))
    # Text that sits on the page, a card or a table head without a background of its own.
    for name in ("ink", "muted", "accent", "ok", "bad"):
        for ground in ("bg", "card"):
            pairs.append((f"--{name} on --{ground}", colours[name], colours[ground]))
    assert len(pairs) > 12
    low = [(s, fg, bg, round(contrast(fg, bg), 2)) for s, fg, bg in pairs if contrast(fg, bg) < 4.5]
    assert low == []

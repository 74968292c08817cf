"""In a real browser: a citation highlights its evidence sentence in its source, hostile article
markup stays text (no dialog ever opens), and the page works without JavaScript too.

At desktop (1280 px) and phone (390 px) widths: nothing overflows the window, a cited sentence opens in
place, Back returns the reader to where they were, and a second visit marks what is new. The README's
pictures are made by benchmarks/screenshots.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from hostile import HOSTILE_ID

from .conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    # alert() from injected markup would open a dialog: record it (and dismiss it so nothing hangs).
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


@pytest.fixture(scope="module")
def story_url(server_url: str) -> str:
    """The story holding the hostile article (it reports the seeds' event); its brief computed."""
    stories = httpx.get(f"{server_url}/api/stories", timeout=30).json()["stories"]
    for story in stories:
        brief = httpx.get(f"{server_url}/api/stories/{story['id']}", timeout=120).json()
        if HOSTILE_ID in {s["id"] for s in brief["sources"]}:
            return f"{server_url}/stories/{story['id']}"
    pytest.fail("no story holds the hostile article")


def test_web_browser_citation_highlights_its_evidence(page: Any, server_url: str, story_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(server_url + "/")
    page.locator("a.story-link").first.wait_for()
    page.goto(story_url)
    hostile = page.locator(".reader .source").filter(has_text="Evil <b>Outlet</b>").get_attribute("data-source")
    # A citation of a seed other than the first, so the reader has to switch sources.
    cite = page.locator("#summary a.cite").filter(has_not_text="[1]").filter(has_not_text=f"[{hostile}]").first
    target = cite.get_attribute("href").lstrip("#")
    evidence = cite.get_attribute("data-evidence").split()
    assert target in evidence
    span = page.locator(f"#{target}")
    expect(span).to_be_hidden()  # its source is not the one on show yet
    cite.click()
    expect(span).to_have_class(re.compile(r"\bhl\b"))
    expect(span).to_be_visible()
    expect(span).to_be_in_viewport()
    # Only evidence sentences are highlighted.
    highlighted = page.locator(".s.hl").evaluate_all("els => els.map(e => e.id)")
    assert set(highlighted) <= set(evidence)
    page.evaluate("window.scrollTo(0, 0)")
    assert len(page.screenshot()) > 10_000  # the page paints
    # A ledger cell jumps to that source's own sentence.
    cell = page.locator("#ledger td.yes a.cite").nth(1)
    cell_target = cell.get_attribute("href").lstrip("#")
    cell.click()
    expect(page.locator(f"#{cell_target}")).to_have_class(re.compile(r"\bhl\b"))
    expect(page.locator(f"#{cell_target}")).to_be_visible()
    assert page.dialogs == []


def test_web_browser_hostile_markup_stays_text(page: Any, server_url: str, story_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(story_url)
    number = page.locator(".reader .source").filter(has_text="Evil <b>Outlet</b>").get_attribute("data-source")
    page.locator(f".picker a[data-source='{number}']").click()
    source = page.locator(f"#source-{number}")
    expect(source).to_be_visible()
    expect(source).to_contain_text("<script>alert(1)</script>")
    expect(source).to_contain_text("<img src=x onerror=alert(1)>")
    assert page.locator("img").count() == 0
    assert page.locator("script:not([src])").count() == 0
    page.goto(f"{server_url}/articles/{HOSTILE_ID}")
    expect(page.locator("h1")).to_have_text("Talks <script>alert(1)</script> resume")
    assert page.locator("a[href^='javascript:']").count() == 0
    page.wait_for_timeout(300)  # give any injected handler its chance to fire
    assert page.dialogs == []


def test_web_browser_citations_work_without_javascript(browser: Any, story_url: str) -> None:
    # Reduced motion: no .3 s fade, so the computed colour is the final one when it is read.
    context = browser.new_context(java_script_enabled=False, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(story_url)
        cite = page.locator("#summary a.cite").first
        target = cite.get_attribute("href").lstrip("#")
        cite.click()
        assert page.url.endswith(f"#{target}")
        span = page.locator(f"#{target}")
        assert span.is_visible()
        # CSS :target paints the sentence as a click would with the script.
        background = span.evaluate("e => getComputedStyle(e).backgroundColor")
        assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    finally:
        context.close()


def test_web_browser_brief_form(page: Any, server_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(server_url + "/brief")
    boxes = page.locator("textarea[name=text]")
    boxes.nth(0).fill("Japan and China held security talks in Tokyo on Wednesday. The talks lasted three hours.")
    boxes.nth(1).fill("China and Japan met for security talks in Tokyo on Wednesday. <script>alert(1)</script>")
    page.locator("button[type=submit]").click()
    expect(page.locator("#summary")).to_be_visible()
    expect(page.locator(".reader .source")).to_have_count(2)
    assert page.dialogs == []



# -- the front page and the story page at desktop and phone widths (issue 14, item 5) ----------------

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def _overflow(page: Any) -> int:
    """How many pixels the page is wider than the window (0: no horizontal scrolling)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


@pytest.mark.parametrize("size", list(WIDTHS))
def test_web_browser_nothing_overflows_the_window(browser: Any, server_url: str, story_url: str, size: str) -> None:
    context = browser.new_context(viewport=WIDTHS[size])
    page = context.new_page()
    try:
        for url in (server_url + "/", story_url, f"{server_url}/articles/{HOSTILE_ID}", server_url + "/brief"):
            page.goto(url)
            assert _overflow(page) <= 0, (size, url)
        page.goto(story_url)
        page.locator("#summary a.cite").first.click()  # an opened citation must not widen the page either
        page.wait_for_timeout(300)
        assert _overflow(page) <= 0
    finally:
        context.close()


@pytest.mark.parametrize("size", list(WIDTHS))
def test_web_browser_cited_source_opens_in_place(browser: Any, story_url: str, size: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=WIDTHS[size], reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(story_url)
        cite = page.locator("#summary a.cite").nth(1)
        cite.scroll_into_view_if_needed()
        target = cite.get_attribute("href").lstrip("#")
        words = page.locator(f"#{target}").text_content().strip()
        before = page.evaluate("window.scrollY")
        cite.click()
        expect(cite).to_be_in_viewport()  # the reader stays where they were
        if size == "phone":
            # The reader is far below on a phone: the sentence opens under the citation instead.
            panel = page.locator(".peek")
            expect(panel).to_be_visible()
            expect(panel).to_be_in_viewport()
            expect(panel.locator("blockquote")).to_have_text(words)
            assert abs(page.evaluate("window.scrollY") - before) < 2
            page.keyboard.press("Escape")
            expect(panel).to_have_count(0)
            expect(cite).to_be_focused()
        else:
            # Beside the brief: the source shows the sentence, highlighted, without leaving the citation.
            expect(page.locator(f"#{target}")).to_be_in_viewport()
            expect(page.locator(f"#{target}")).to_have_class(re.compile(r"\bhl\b"))
            assert page.locator(".peek").count() == 0
    finally:
        context.close()


def _settles_at(page: Any, where: float) -> None:
    """Wait (up to 5 s) for the window to scroll back to `where` (polled: the page's CSP forbids the
    string evaluation `wait_for_function` would use)."""
    for _ in range(50):
        if abs(page.evaluate("window.scrollY") - where) < 3:
            return
        page.wait_for_timeout(100)
    assert page.evaluate("window.scrollY") == pytest.approx(where, abs=3)


def test_web_browser_back_returns_to_where_the_reader_was(browser: Any, story_url: str) -> None:
    from playwright.sync_api import expect

    context = browser.new_context(viewport=WIDTHS["phone"], reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(story_url)
        cite = page.locator("#summary a.cite").nth(2)
        cite.scroll_into_view_if_needed()
        cite.click()
        read = page.locator(".peek a.peek-read")
        target = read.get_attribute("href").lstrip("#")
        where = page.evaluate("window.scrollY")
        read.click()  # to the whole source, far down the page
        expect(page.locator(f"#{target}")).to_be_in_viewport()
        assert page.url.endswith(f"#{target}")
        assert page.evaluate("window.scrollY") > where + 500
        page.go_back()
        _settles_at(page, where)
        expect(cite).to_be_in_viewport()
        # And from another page: an article, then Back, to the same place in the story (the page is
        # loaded again, so without the panel opened above: closed first, for the same layout).
        page.keyboard.press("Escape")
        link = page.locator("table.sources a[href^='/articles/']").first
        link.scroll_into_view_if_needed()
        where = page.evaluate("window.scrollY")
        link.click()
        page.wait_for_url("**/articles/**")
        page.go_back()
        _settles_at(page, where)
        expect(link).to_be_in_viewport()
    finally:
        context.close()


def test_web_browser_story_page_landmarks_and_skip_link(page: Any, story_url: str) -> None:
    from playwright.sync_api import expect

    page.goto(story_url)
    for role in ("banner", "main", "contentinfo"):
        expect(page.get_by_role(role)).to_have_count(1)
    page.keyboard.press("Tab")  # the first stop is the skip link, shown when focused
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # then into the content, not back to the site's links
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


def test_web_browser_marks_what_is_new_since_the_last_visit(browser: Any,
                                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    """A story read once, then grown by one article: the second visit marks that article, the claims
    only it makes and the history line, and says so; the front page marks the story."""
    from playwright.sync_api import expect

    from web_store import build_store

    from .conftest import serve

    examples = ROOT / "src" / "newsfuse" / "examples"
    late = examples / "radio-estwick.jsonl"
    db = tmp_path_factory.mktemp("visits") / "news.db"
    build_store(db, [str(p) for p in sorted(examples.iterdir()) if p != late])
    with serve(db) as url:
        story = httpx.get(f"{url}/api/stories", timeout=30).json()["stories"][0]["id"]
        context = browser.new_context(viewport=WIDTHS["phone"])
        page = context.new_page()
        try:
            page.goto(f"{url}/stories/{story}")
            expect(page.locator("#since-visit")).to_be_hidden()  # a first visit marks nothing
            assert page.locator(".is-new").count() == 0
            added = httpx.post(f"{url}/api/ingest", json={"articles": [
                {**json.loads(line), "id": "radio-estwick"} for line in late.read_text().splitlines() if line]},
                timeout=300).json()
            assert added["articles"][0]["story"] == story
            page.goto(f"{url}/")
            expect(page.locator(f"#story-{story} .new-tag")).to_have_text("new since your visit")
            page.goto(f"{url}/stories/{story}")
            notice = page.locator("#since-visit")
            expect(notice).to_be_visible()
            expect(notice).to_contain_text("New since your last visit")
            expect(notice).to_contain_text("1 article")
            fresh = page.locator(".reader .source.is-new")
            expect(fresh).to_have_count(1)
            expect(fresh.locator("h3")).to_contain_text("Radio Estwick")
            expect(page.locator("#history li.is-new")).to_have_count(1)
            assert page.locator(".is-new .new-tag").count() >= 2  # said in words, not by colour alone
            page.reload()  # the same visit: the marks stay
            expect(page.locator(".reader .source.is-new")).to_have_count(1)
        finally:
            context.close()


def test_web_browser_back_to_the_front_page_keeps_the_place(browser: Any,
                                                             tmp_path_factory: pytest.TempPathFactory) -> None:
    """A long front page (60 Multi-News articles, some twenty stories) on a phone: a story opened from
    far down, then Back, leaves the reader at the same row; nothing overflows with real text."""
    from playwright.sync_api import expect

    from web_store import build_store

    from .conftest import serve

    source = ROOT.parent / "shared" / "eval" / "stories" / "multinews-dev-articles.jsonl"
    if not source.exists():
        pytest.skip(f"no evaluation data at {source}")
    folder = tmp_path_factory.mktemp("front-long")
    sample = folder / "sample.jsonl"
    with source.open(encoding="utf-8") as lines:
        sample.write_text("".join(next(lines) for _ in range(60)), encoding="utf-8")
    build_store(folder / "news.db", [str(sample)])
    with serve(folder / "news.db") as url:
        context = browser.new_context(viewport=WIDTHS["phone"], reduced_motion="reduce")
        page = context.new_page()
        try:
            page.goto(url + "/")
            links = page.locator("a.story-link")
            assert links.count() >= 10
            assert _overflow(page) <= 0
            link = links.nth(links.count() - 3)
            link.scroll_into_view_if_needed()
            where = page.evaluate("window.scrollY")
            assert where > 1000
            link.click()
            page.wait_for_url("**/stories/**")
            assert _overflow(page) <= 0
            page.go_back()
            _settles_at(page, where)
            expect(link).to_be_in_viewport()
        finally:
            context.close()

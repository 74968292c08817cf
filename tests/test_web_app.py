"""The web app over a store built from the seeds plus a hostile article: pages, their JSON twins,
errors, limits, token auth, and that hostile markup is never rendered.

Runs in-process (Starlette's TestClient) with the hashing embedder for speed; the browser test in
tests/e2e uses the real models.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from hostile import HOSTILE_ID

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from newsfuse.config import load_settings
from newsfuse.web import WebConfig, create_app
from web_store import build_store, seeded_store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seeded_store(tmp_path_factory, "web")


def make_client(db: Path, token: str | None = None, **settings: Any) -> TestClient:
    """`settings`: overrides by flat name (`web_max_urls=3`)."""
    app = create_app(WebConfig(db=db, settings=load_settings(embedder="hashing", **settings), token=token), warm=False)
    return TestClient(app, raise_server_exceptions=False, base_url="http://localhost")


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with make_client(store_path, web_max_body_bytes=300_000, web_max_article_bytes=100_000,
                     web_max_brief_articles=5) as c:
        yield c


@pytest.fixture(scope="module")
def story_id(client: TestClient) -> str:
    """The story the hostile article landed in (it reports the seeds' event)."""
    stories = client.get("/api/stories").json()["stories"]
    for story in stories:
        brief = client.get(f"/api/stories/{story['id']}").json()
        if HOSTILE_ID in {s["id"] for s in brief["sources"]}:
            return str(story["id"])
    pytest.fail("no story holds the hostile article")


class _Tags(HTMLParser):
    """Every element and attribute the browser would build from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def assert_inert(html: str) -> None:
    """No element the hostile article could have smuggled in: scripts only from /static, no inline
    handlers, no image from its markup, no javascript: link."""
    for tag, attrs in parse(html):
        if tag == "script":
            assert attrs.get("src") == "/static/app.js", attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert tag != "img", attrs
        assert not str(attrs.get("href", "")).lower().startswith("javascript:"), attrs


# -- pages and their twins ----------------------------------------------------------------------------

def test_web_index_lists_stories_with_sizes(client: TestClient, story_id: str) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert f'href="/stories/{story_id}"' in page.text
    assert_inert(page.text)
    assert "Evil &lt;b&gt;Outlet&lt;/b&gt;" in page.text  # the hostile outlet, listed as text
    twin = client.get("/api/stories").json()
    assert twin["total"] == len(twin["stories"]) >= 1
    story = next(s for s in twin["stories"] if s["id"] == int(story_id))
    assert story["size"] == len(story["articles"]) >= 6
    assert HOSTILE_ID in story["articles"]


def test_web_story_page_and_twin_agree(client: TestClient, story_id: str) -> None:
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    brief = client.get(f"/api/stories/{story_id}").json()
    assert brief["schema"] == "newsfuse.brief/1"
    assert brief["id"] == story_id
    assert f'<link rel="alternate" type="application/json" href="/api/stories/{story_id}">' in page.text
    # Every citation of the page points at a sentence span that exists on the page.
    ids = set(re.findall(r'<span class="s" id="(s-\d+-\d+)"', page.text))
    cited = set(re.findall(r'class="cite" href="#(s-\d+-\d+)"', page.text))
    assert cited and cited <= ids
    assert len(re.findall(r'<article class="article source"', page.text)) == len(brief["sources"])
    for section in ("summary", "ledger", "source-list", "sources"):
        assert f'id="{section}"' in page.text


def test_web_story_page_hostile_markup_stays_text(client: TestClient, story_id: str) -> None:
    html = client.get(f"/stories/{story_id}").text
    assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Evil &lt;b&gt;Outlet&lt;/b&gt;" in html


def test_web_article_page_shows_text_and_noise_apart(client: TestClient) -> None:
    page = client.get(f"/articles/{HOSTILE_ID}")
    assert page.status_code == 200
    assert_inert(page.text)
    assert "Removed as noise" in page.text
    assert "javascript:alert(1)" in page.text  # shown as text, never as a link
    twin = client.get(f"/api/articles/{HOSTILE_ID}").json()
    assert twin["id"] == HOSTILE_ID
    assert twin["stories"] and all(type(s) is int for s in twin["stories"])  # story ids are ints everywhere
    assert "<script>alert(1)</script>" in twin["text"]  # JSON carries the text as it is
    assert twin["sentences"] and all(twin["text"][s["start"]:s["end"]] == s["text"] for s in twin["sentences"])


def test_web_pages_send_a_strict_content_security_policy(client: TestClient, story_id: str) -> None:
    for url in ("/", f"/stories/{story_id}", f"/articles/{HOSTILE_ID}", "/brief"):
        csp = client.get(url).headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "default-src 'none'" in csp


def test_web_story_page_is_cached_and_revalidates(client: TestClient, story_id: str) -> None:
    first = client.get(f"/stories/{story_id}")
    again = client.get(f"/stories/{story_id}", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304
    timing = client.get(f"/stories/{story_id}").headers["server-timing"]
    assert "brief;dur=0.0" in timing  # served from the cache: no brief computed


def test_web_index_filters(client: TestClient, story_id: str) -> None:
    assert client.get("/", params={"since": "", "until": "", "q": ""}).status_code == 200
    bad = client.get("/", params={"since": "yesterday"}, headers={"accept": "text/html"})
    assert bad.status_code == 422
    assert "since must be a date" in bad.text
    assert client.get("/api/stories", params={"since": "yesterday"}).status_code == 422
    future = client.get("/api/stories", params={"since": "2100-01-01"}).json()
    assert future["stories"] == []


def test_web_api_stories_are_the_cli_stories(client: TestClient, store_path: Path) -> None:
    """One story shape: the API's list items are exactly `newsfuse stories --format json`'s records."""
    from typer.testing import CliRunner

    from newsfuse import cli

    result = CliRunner().invoke(cli.app, ["stories", "--db", str(store_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    from_cli = json.loads(result.output)
    from_api = client.get("/api/stories", params={"limit": 500}).json()["stories"]
    assert from_cli and from_api == from_cli  # same stories, same order, same fields, same values
    for story in from_api:
        assert list(story) == ["id", "title", "articles", "size", "outlets", "first_seen", "last_seen",
                               "merged_from", "split_from"]
        assert type(story["id"]) is int and story["size"] == len(story["articles"])


def test_web_untitled_story_is_named_on_the_page_only() -> None:
    from newsfuse.types import Story
    from newsfuse.web.render import render_index
    from newsfuse.web.service import StoryPage, StoryQuery

    untitled = Story(id=7, article_ids=["a", "b"], title="")
    assert untitled.to_dict()["title"] == ""
    query = StoryQuery()
    html = render_index(page=StoryPage([untitled], False, 1, query), query=query, filtered=False, twin="/api/stories",
                        outlets=[], prev_url=None, next_url=None)
    assert '<a class="story-link" href="/stories/7">Story 7</a>' in html


# -- errors -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/api/stories/nope", "/api/articles/nope", "/api/nothing-here"])
def test_web_api_errors_are_json(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "kind", "message"}
    assert body["error"]["code"] == "E701"
    assert body["error"]["kind"] == "not-found"


def test_web_html_errors_are_pages_without_tracebacks(client: TestClient) -> None:
    response = client.get("/stories/<script>x</script>", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert "<script>x" not in response.text
    assert "Traceback" not in response.text


def test_web_method_not_allowed_is_json(client: TestClient) -> None:
    response = client.delete("/api/stories")
    assert response.status_code == 405
    assert response.json()["error"]["kind"] == "method-not-allowed"
    assert response.json()["error"]["code"] == "E704"


# -- POST /api/brief --------------------------------------------------------------------------------

ARTICLES = [
    {"text": "Japan and China held security talks in Tokyo on Wednesday. The talks lasted three hours.",
     "outlet": "A", "published": "2023-02-22"},
    {"text": "China and Japan met for security talks in Tokyo on Wednesday. The talks lasted five hours.",
     "outlet": "B"},
]


def test_web_api_brief_json(client: TestClient) -> None:
    response = client.post("/api/brief", json={"articles": ARTICLES, "words": 40})
    assert response.status_code == 200, response.text
    brief = response.json()
    assert brief["schema"] == "newsfuse.brief/1"
    assert [s["outlet"] for s in brief["sources"]] == ["A", "B"]
    assert brief["summary"] and all(item["evidence"] for item in brief["summary"])


def test_web_brief_form_with_paste_and_upload(client: TestClient) -> None:
    files = [("file", ("talks.txt", ARTICLES[1]["text"].encode(), "text/plain"))]
    response = client.post("/brief", data={"text": [ARTICLES[0]["text"], ""], "words": "40"}, files=files)
    assert response.status_code == 200, response.text
    assert "not stored" in response.text
    assert response.text.count('<article class="article source"') == 2


@pytest.mark.parametrize(("body", "status"), [
    ({"articles": []}, 422),
    ({"articles": [{"title": "no text"}]}, 422),
    ({"articles": [{"text": "x", "unknown": 1}]}, 422),
    ({"articles": [{"text": "   "}]}, 422),
    ({"articles": ARTICLES, "words": 5}, 422),
    ({"articles": [ARTICLES[0]] * 6}, 413),
    ({"articles": [{"text": "word " * 30_000}]}, 413),
])
def test_web_api_brief_refuses_bad_input(client: TestClient, body: dict[str, Any], status: int) -> None:
    response = client.post("/api/brief", json=body)
    assert response.status_code == status, response.text
    assert response.json()["error"]["message"]


def test_web_api_brief_refuses_large_bodies_before_reading_them(client: TestClient) -> None:
    response = client.post("/api/brief", content=b"{" + b" " * 400_000 + b"}",
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["error"]["kind"] == "too-large"


def test_web_api_brief_refuses_a_form_of_too_many_fields_as_too_large(client: TestClient) -> None:
    # schemathesis found Starlette's bare 400, which the API does not document.
    response = client.post("/api/brief", data={"text": ["a few words"] * 60})
    assert response.status_code == 413, response.text
    assert response.json()["error"]["kind"] == "too-large"


def test_web_api_brief_needs_json_or_a_form(client: TestClient) -> None:
    response = client.post("/api/brief", content=b"hello", headers={"content-type": "text/plain"})
    assert response.status_code == 415


# -- POST /api/ingest and the token ------------------------------------------------------------------

def test_web_ingest_needs_the_token_when_one_is_set(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    build_store(db, [ARTICLES[0]])
    with make_client(db, token="s3cret") as c:
        body = {"articles": [{"id": "new-1", **ARTICLES[1]}]}
        assert c.post("/api/ingest", json=body).status_code == 401
        assert c.post("/api/ingest", json=body, headers={"authorization": "Bearer wrong"}).status_code == 401
        ok = c.post("/api/ingest", json=body, headers={"authorization": "Bearer s3cret"})
        assert ok.status_code == 200, ok.text
        assert ok.json()["new"] == 1
        assert c.get("/api/articles/new-1").status_code == 200
        again = c.post("/api/ingest", json=body, headers={"authorization": "Bearer s3cret"}).json()
        assert again["new"] == 0
        assert again["duplicates"] == 1
        # Reading never needs the token.
        assert c.get("/api/stories").status_code == 200


def test_web_ingest_is_open_without_a_token(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    build_store(db, [ARTICLES[0]])
    with make_client(db) as c:
        response = c.post("/api/ingest", json={"articles": [ARTICLES[1]]})
        assert response.status_code == 200, response.text


def test_web_openapi_is_published_without_cdn_pages(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/brief",
            "/api/ingest"} <= set(spec["paths"])
    assert "Brief" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN


# -- URL ingest and the private-address guard -------------------------------------------------------

PAGE = (b"<html><head><title>Security talks resume</title></head><body><article>"
        b"<p>Japan and China held security talks in Tokyo on Wednesday, the first in four years.</p>"
        b"<p>The talks lasted three hours, officials from both sides said afterwards.</p>"
        b"</article></body></html>")


@pytest.fixture()
def page_server() -> Iterator[str]:
    """A one-page HTTP server on loopback: exactly the kind of address URL ingest must refuse."""
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/talks.html"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x", "http://10.0.0.1/x", "http://169.254.169.254/latest",
                                 "http://[::1]/x", "file:///etc/passwd"])
def test_web_ingest_refuses_private_and_non_http_urls(client: TestClient, url: str) -> None:
    response = client.post("/api/ingest", json={"urls": [url]})
    assert response.status_code == 422, response.text
    message = response.json()["error"]["message"]
    assert "private" in message or "only http and https" in message


def test_web_ingest_refuses_the_whole_request_for_one_private_url(tmp_path: Path, page_server: str) -> None:
    db = tmp_path / "news.db"
    build_store(db, [ARTICLES[0]])
    with make_client(db) as c:
        body = {"articles": [ARTICLES[1]], "urls": [page_server]}
        assert c.post("/api/ingest", json=body).status_code == 422
        assert c.get("/api/stories").json()["total"] == 1  # nothing was stored


def test_web_ingest_fetches_urls_when_private_addresses_are_allowed(tmp_path: Path, page_server: str) -> None:
    db = tmp_path / "news.db"
    build_store(db, [ARTICLES[0]])
    with make_client(db, fetch_allow_private=True) as c:
        response = c.post("/api/ingest", json={"urls": [page_server]})
        assert response.status_code == 200, response.text
        stored = response.json()["articles"]
        assert len(stored) == 1
        article = c.get(f"/api/articles/{stored[0]['id']}").json()
        assert article["url"] == page_server
        assert "the first in four years" in article["text"]


def test_web_ingest_caps_the_urls_per_request(client: TestClient) -> None:
    response = client.post("/api/ingest", json={"urls": [f"http://example.org/{i}" for i in range(11)]})
    assert response.status_code == 413

"""`newsfuse watch` against a real HTTP server on 127.0.0.1 whose feed changes between polls:
conditional GET answered 304, each page fetched once, politeness (Retry-After), robots.txt, and a
clean stop on SIGTERM."""

from __future__ import annotations

import http.server
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfuse.config import load_settings
from newsfuse.engine import LocalEngine
from newsfuse.ingest.poll import HostGate, Poller
from newsfuse.ingest.urls import retry_after
from newsfuse.store import Store
from newsfuse.watch import cycle
from test_ingest_urls import serve

pytest.importorskip("feedparser")

REPORTS = [
    ("quake-1", "Sat, 25 Apr 2015 10:00:00 GMT", "Kessel Courier",
     "An earthquake struck the Lowmere valley on Saturday, killing 9 people, officials said. Rescuers searched "
     "collapsed buildings in Lowmere through the night as aftershocks shook the valley."),
    ("quake-2", "Sat, 25 Apr 2015 12:00:00 GMT", "Daily Ledger",
     "Officials said 9 people were killed when an earthquake struck the Lowmere valley on Saturday. Rescuers in "
     "Lowmere searched collapsed buildings while aftershocks shook the valley."),
    ("quake-3", "Sun, 26 Apr 2015 08:30:00 GMT", "Kessel Courier",
     "The toll of the Lowmere valley earthquake rose to 12 people killed, officials said on Sunday. Rescuers "
     "searched collapsed buildings in Lowmere as aftershocks shook the valley again."),
]


def page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{text} Paragraph {i} of the report on the earthquake in Lowmere valley.</p>"
                         for i in range(6))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}"
            f"</article></body></html>").encode()


def feed(base: str, n: int, build: int = 0) -> bytes:
    items = "".join(f"<item><title>Report {slug}</title><link>{base}/{slug}</link><guid>{base}/{slug}</guid>"
                    f"<pubDate>{date}</pubDate><description>Teaser. Read more</description></item>"
                    for slug, date, _, _ in REPORTS[:n])
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Lowmere News</title><link>{base}</link>'
            f"<lastBuildDate>{build}</lastBuildDate>{items}</channel></rss>").encode()


class Site:
    """A site whose feed holds `n` reports; counts requests per path and remembers their headers."""

    def __init__(self) -> None:
        self.n = 2
        self.build = 0
        self.hits: Counter[str] = Counter()
        self.headers: dict[str, list[dict[str, str]]] = {}
        self.times: dict[str, list[float]] = {}
        self.robots = b""
        self.status: dict[str, tuple[int, dict[str, str]]] = {}  # path → a forced answer
        self.base = ""

    def handle(self, h: http.server.BaseHTTPRequestHandler) -> None:
        path = h.path.split("?")[0]
        self.hits[path] += 1
        self.headers.setdefault(path, []).append({k.lower(): v for k, v in h.headers.items()})
        self.times.setdefault(path, []).append(time.monotonic())
        if path in self.status:
            code, extra = self.status[path]
            return self.send(h, code, b"busy", extra)
        if path == "/robots.txt":
            return self.send(h, 200 if self.robots else 404, self.robots, {"Content-Type": "text/plain"})
        if path == "/feed":
            etag = f'"v{self.n}.{self.build}"'
            if h.headers.get("If-None-Match") == etag:
                return self.send(h, 304, b"", {"ETag": etag})
            return self.send(h, 200, feed(self.base, self.n, self.build), {"Content-Type": "application/rss+xml", "ETag": etag,
                                                               "Last-Modified": "Sun, 26 Apr 2015 09:00:00 GMT"})
        if path == "/list.opml":
            return self.send(h, 200, f'<?xml version="1.0"?><opml version="2.0"><body><outline type="rss" '
                                     f'xmlUrl="{self.base}/feed"/></body></opml>'.encode(), {"Content-Type": "text/x-opml"})
        for slug, _, outlet, text in REPORTS:
            if path == f"/{slug}":
                return self.send(h, 200, page(f"{outlet}: {slug}", text), {"Content-Type": "text/html"})
        return self.send(h, 404, b"no", {})

    @staticmethod
    def send(h: http.server.BaseHTTPRequestHandler, code: int, body: bytes, headers: dict[str, str]) -> None:
        h.send_response(code)
        for key, value in headers.items():
            h.send_header(key, value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if code != 304:
            h.wfile.write(body)


@pytest.fixture()
def site() -> Iterator[Site]:
    s = Site()

    class Routes(dict[str, object]):
        def get(self, key: str, default: object = None) -> object:  # every path goes to the site
            return s.handle

    for url in serve(Routes()):  # type: ignore[arg-type]
        s.base = url
        yield s


def settings(**extra: object):  # type: ignore[no-untyped-def]
    return load_settings(env={}, embedder="hashing", facts=False, group_embedder="hashing",
                         watch_host_delay=0.0, fetch_allow_private=True, **extra)


def poll(site: Site, store: Store, poller: Poller) -> object:
    s = poller.settings
    return cycle(poller, [site.base + "/feed"], store, LocalEngine(workers=1), s)


def test_watch_replay_conditional_get_and_each_page_fetched_once(site: Site, tmp_path: Path) -> None:
    with Store.open(tmp_path / "news.db") as store:
        poller = Poller(settings(), store.known)
        first = poll(site, store, poller)
        assert first.result.new == 2 and store.count_stories() == 1  # type: ignore[attr-defined]
        second = poll(site, store, poller)  # the same feed, unchanged
        sent = site.headers["/feed"][-1]
        assert sent.get("if-none-match") == '"v2.0"' and sent.get("if-modified-since")
        assert second.counts.not_modified == 1 and second.result.read == 0  # type: ignore[attr-defined]
        site.n = 3  # a later report revises the toll
        third = poll(site, store, poller)
        assert third.result.new == 1 and third.updated == 1  # type: ignore[attr-defined]
        stories = store.stories()
        assert len(stories) == 1 and len(stories[0].article_ids) == 3
        poller.close()
    assert site.hits["/feed"] == 3
    assert [site.hits[f"/{slug}"] for slug, *_ in REPORTS] == [1, 1, 1]  # each page fetched exactly once
    with sqlite3.connect(tmp_path / "news.db") as db:
        etag, status, failures = db.execute("SELECT etag, last_status, failures FROM sources").fetchone()
    assert (etag, status, failures) == ('"v3.0"', 200, 0)


def test_watch_resumes_from_the_stored_state(site: Site, tmp_path: Path) -> None:
    with Store.open(tmp_path / "news.db") as store:
        poller = Poller(settings(), store.known)
        poll(site, store, poller)
        poller.close()
    with Store.open(tmp_path / "news.db") as store:  # a new process: the validators come from the store
        poller = Poller(settings(), store.known)
        again = poll(site, store, poller)
        poller.close()
    assert again.counts.not_modified == 1 and site.hits["/feed"] == 2  # type: ignore[attr-defined]
    assert site.headers["/feed"][-1].get("if-none-match") == '"v2.0"'


def test_watch_a_changed_feed_whose_entries_are_all_stored_is_not_parsed(site: Site, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import newsfuse.ingest.poll as poll_module

    with Store.open(tmp_path / "news.db") as store:
        poller = Poller(settings(), store.known)
        poll(site, store, poller)
        site.build = 1  # new bytes, a new ETag, the same entries

        def no_parse(*args: object) -> None:
            raise AssertionError("feedparser ran on a feed whose entries are all stored")

        monkeypatch.setattr(poll_module, "feed_entries", no_parse)
        again = poll(site, store, poller)
        poller.close()
    assert again.counts.fetched == 1 and again.counts.known == 2 and again.result.read == 0  # type: ignore[attr-defined]
    assert [site.hits[f"/{slug}"] for slug, *_ in REPORTS[:2]] == [1, 1]


def test_watch_url_lists_and_opml_by_url(site: Site, tmp_path: Path) -> None:
    urls = tmp_path / "pages.urls"
    urls.write_text(f"# pages\n{site.base}/quake-1\n{site.base}/quake-2\n")
    with Store.open(tmp_path / "news.db") as store:
        poller = Poller(settings(), store.known)
        for _ in range(2):
            done = cycle(poller, [str(urls)], store, LocalEngine(workers=1), poller.settings)
        assert done.counts.known == 2 and done.counts.fetched == 0  # listed pages stored: not fetched again
        by_opml = cycle(poller, [site.base + "/list.opml"], store, LocalEngine(workers=1), poller.settings)
        again = cycle(poller, [site.base + "/list.opml"], store, LocalEngine(workers=1), poller.settings)
        poller.close()
        assert store.count_articles() == 2
    assert [site.hits["/quake-1"], site.hits["/quake-2"]] == [1, 1]
    assert by_opml.counts.known == 2 and by_opml.counts.read == 0  # the feed's entries are those pages
    assert again.counts.not_modified >= 1 and site.headers["/feed"][-1].get("if-none-match") == '"v2.0"'


def test_watch_429_with_retry_after_delays_the_next_request_to_that_host(site: Site, tmp_path: Path) -> None:
    site.status["/feed"] = (429, {"Retry-After": "1"})
    urls = [site.base + "/feed", site.base + "/quake-1"]
    with Store.open(tmp_path / "news.db") as store:
        poller = Poller(settings(), store.known)
        done = cycle(poller, urls, store, LocalEngine(workers=1), poller.settings)
        poller.close()
        row = store.source_states([urls[0]])[urls[0]]
    assert done.counts.errors == 1 and row["last_status"] == 429 and row["failures"] == 1
    gap = site.times["/quake-1"][0] - site.times["/feed"][0]
    assert gap >= 0.95  # the next request to that host waited for Retry-After
    assert float(row["next_after"]) - float(row["last_polled"]) >= 0.99  # type: ignore[arg-type]


def test_watch_robots_txt_is_obeyed_unless_told_not_to(site: Site, tmp_path: Path) -> None:
    site.robots = b"User-agent: *\nDisallow: /quake-1\n"
    with Store.open(tmp_path / "a.db") as store:
        poller = Poller(settings(), store.known)
        done = poll(site, store, poller)
        poller.close()
    assert site.hits["/quake-1"] == 0 and site.hits["/robots.txt"] == 1
    assert done.result.new == 2  # type: ignore[attr-defined]  # the entry fell back on its teaser
    site.robots = b"User-agent: *\nDisallow: /\n"
    with Store.open(tmp_path / "b.db") as store:
        poller = Poller(settings(), store.known)
        refused = poll(site, store, poller)
        poller.close()
        assert refused.counts.robots == 1 and store.count_articles() == 0  # type: ignore[attr-defined]
        poller = Poller(settings(watch_respect_robots=False), store.known)
        ignored = poll(site, store, poller)
        poller.close()
    assert ignored.result.new == 2 and site.hits["/quake-1"] == 1  # type: ignore[attr-defined]


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after({"retry-after": "120"}) == 120
    assert retry_after({"retry-after": "Sun, 26 Apr 2015 09:00:10 GMT"}, now=1430038800.0) == pytest.approx(10)
    assert retry_after({"retry-after": "soon"}) == 0 and retry_after({}) == 0


def test_host_gate_one_request_at_a_time_with_a_delay() -> None:
    clock = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        clock[0] += s

    gate = HostGate(2.0, 30.0, 600.0, clock=lambda: clock[0], sleep=sleep)
    with gate.turn("a"):
        gate.answered("a", 200, {})
    with gate.turn("a"):
        gate.answered("a", 503, {})  # no Retry-After: backoff
    with gate.turn("b"):
        gate.answered("b", 200, {})
    with gate.turn("a"):
        gate.answered("a", 200, {})
    assert slept == [2.0, 2.0]


def test_host_gate_leaves_a_host_that_asks_for_a_long_wait_for_a_later_cycle() -> None:
    from newsfuse.ingest.poll import Deferred

    clock = [0.0]
    gate = HostGate(1.0, 30.0, 600.0, clock=lambda: clock[0], sleep=lambda s: None)
    with gate.turn("a"):
        gate.answered("a", 429, {"retry-after": "120"})
    with pytest.raises(Deferred) as caught, gate.turn("a"):
        pass
    assert caught.value.wait == pytest.approx(120)
    clock[0] = 121.0
    with gate.turn("a"):  # the wait is over
        gate.answered("a", 200, {})


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_watch_sigterm_stops_cleanly_with_the_store_consistent(site: Site, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "newsfuse", "watch", site.base + "/feed", "--db", str(db),
                             "--every", "1s", "--allow-private", "--host-delay", "0", "--embedder", "none",
                             "--workers", "1", "--no-progress"], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while site.hits["/feed"] < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    assert "cycle 1:" in stderr and "stopped" in stderr
    with Store.open(db) as store:
        assert store.count_articles() == 2 and store.count_stories() == 1
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.source_states([site.base + "/feed"])[site.base + "/feed"]["etag"] == '"v2.0"'


def test_watch_once_cli_prints_a_line_per_cycle(site: Site, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsfuse.cli import app

    args = ["watch", site.base + "/feed", "--db", str(tmp_path / "n.db"), "--once", "--allow-private",
            "--host-delay", "0", "--embedder", "none", "--workers", "1", "--no-progress"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "cycle 1: 1 source, fetched 1, not modified 0, new 2" in result.output
    again = CliRunner().invoke(app, args)
    assert "not modified 1, new 0" in again.output


def test_watch_every_takes_units() -> None:
    from newsfuse.cli.watch import duration
    from newsfuse.errors import ConfigError

    assert [duration(x) for x in ("30s", "10m", "1h", "45")] == [30, 600, 3600, 45]
    with pytest.raises(ConfigError):
        duration("soon")


class Receiver:
    """A loopback server that takes webhook POSTs; answers `status` (a list: one per request, the last
    repeated)."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, object]] = []
        self.status = [204]
        self.url = ""


@pytest.fixture()
def receiver() -> Iterator[Receiver]:
    import json

    r = Receiver()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            code = r.status.pop(0) if len(r.status) > 1 else r.status[0]
            if code < 300:
                assert self.headers.get("Content-Type") == "application/json"
                r.bodies.append(json.loads(body))
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    r.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield r
    finally:
        server.shutdown()
        server.server_close()


def test_watch_webhook_posts_each_change_of_a_cycle(site: Site, receiver: Receiver, tmp_path: Path) -> None:
    from newsfuse.webhook import open_webhook

    s = settings(fetch_retries=1, fetch_backoff=0.0)
    hook = open_webhook(receiver.url, s.fetch)
    with Store.open(tmp_path / "news.db") as store:
        poller = Poller(s, store.known)
        first = cycle(poller, [site.base + "/feed"], store, LocalEngine(workers=1), s, webhook=hook)
        assert first.pushed == len(receiver.bodies) > 0 and not first.errors
        assert receiver.bodies[0]["kind"] == "new-story"
        sent = len(receiver.bodies)
        quiet = cycle(poller, [site.base + "/feed"], store, LocalEngine(workers=1), s, webhook=hook)
        assert quiet.pushed == 0 and len(receiver.bodies) == sent  # nothing new, nothing sent
        site.n = 3
        receiver.status = [500, 204]  # the receiver fails once: the retry delivers
        third = cycle(poller, [site.base + "/feed"], store, LocalEngine(workers=1), s, webhook=hook)
        later = receiver.bodies[sent:]
        assert third.pushed == len(later) and not third.errors
        [joined] = [c for c in later if c["kind"] == "new-article"]
        assert joined["about"] == "Report quake-3" and joined["story"] == 1
        assert any(c["kind"] == "new-claim" and "rose to 12" in str(c["about"]) for c in later)
        assert "changes sent" in third.line()
        poller.close()
    hook.close()


def test_watch_webhook_failures_are_reported_not_fatal(site: Site, receiver: Receiver, tmp_path: Path) -> None:
    from newsfuse.webhook import open_webhook

    s = settings(fetch_retries=0)
    receiver.status = [404]
    hook = open_webhook(receiver.url, s.fetch)
    with Store.open(tmp_path / "news.db") as store:
        poller = Poller(s, store.known)
        done = cycle(poller, [site.base + "/feed"], store, LocalEngine(workers=1), s, webhook=hook)
        assert done.result.new == 2 and store.count_stories() == 1  # the cycle's work is kept
        assert done.pushed == 0 and done.errors and "HTTP 404" in done.errors[0]
        poller.close()
    hook.close()


def test_watch_webhook_to_a_private_address_is_refused_unless_allowed(receiver: Receiver) -> None:
    from typer.testing import CliRunner

    from newsfuse.cli import app
    from newsfuse.errors import FetchError
    from newsfuse.webhook import open_webhook

    with pytest.raises(FetchError, match="webhook: refused") as caught:
        open_webhook(receiver.url, load_settings(env={}).fetch)
    assert "--allow-private" in caught.value.hint
    result = CliRunner().invoke(app, ["watch", "http://127.0.0.1:9/feed", "--db", "unused.db", "--once",
                                      "--webhook", receiver.url, "--no-progress"])
    assert result.exit_code != 0 and "webhook" in result.output and not Path("unused.db").exists()


_ = threading  # the server runs in a thread (test_ingest_urls.serve)

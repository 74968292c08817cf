"""URLs: fetched with limits, retries and the private-address guard, against a server on 127.0.0.1."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from newsfuse import netsafe
from newsfuse.config import Fetch
from newsfuse.errors import FetchError, InputError
from newsfuse.ingest.kinds import looks_like_url_list
from newsfuse.ingest.urls import (
    Fetcher,
    _pinned_transport,
    iter_urls,
    read_page,
    read_url_list,
)

PAGE = ("<html><head><title>Quake hits Nepal</title></head><body><nav>Home | World</nav><article>"
        "<h1>Quake hits Nepal</h1>"
        + "".join(f"<p>Paragraph {i}: rescuers in Kathmandu searched the rubble of collapsed buildings on Sunday, "
                  f"officials said, as aftershocks shook the valley for the {i}th time.</p>" for i in range(8))
        + "</article><footer>Copyright 2015</footer></body></html>")

Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


def serve(routes: dict[str, Handler]) -> Iterator[str]:
    """A loopback HTTP server for the duration of a test; yields its base URL."""

    class Routes(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            handler = routes.get(self.path.split("?")[0])
            if handler is None:
                self.send_error(404)
            else:
                handler(self)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Routes)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def send(body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
         headers: dict[str, str] | None = None) -> Handler:
    def handler(h: http.server.BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            h.send_header(key, value)
        h.end_headers()
        h.wfile.write(body)
    return handler


SEEN: dict[str, list[str]] = {"ua": [], "flaky": []}


def remember_agent(h: http.server.BaseHTTPRequestHandler) -> None:
    SEEN["ua"].append(h.headers.get("User-Agent", ""))
    send(PAGE.encode())(h)


def flaky(h: http.server.BaseHTTPRequestHandler) -> None:
    SEEN["flaky"].append("x")
    if len(SEEN["flaky"]) < 3:
        send(b"busy", status=503)(h)
    else:
        send(PAGE.encode())(h)


def drip(h: http.server.BaseHTTPRequestHandler) -> None:
    """A response that never ends: a byte at a time, forever (until the client hangs up)."""
    h.send_response(200)
    h.send_header("Content-Type", "application/rss+xml")
    h.end_headers()
    h.wfile.write(b"<?xml version='1.0'?><rss><channel>")
    try:
        for _ in range(10_000):
            h.wfile.write(b"<item><title>x</title></item>")
            h.wfile.flush()
            time.sleep(0.05)
    except (BrokenPipeError, ConnectionResetError):
        pass


def endless(h: http.server.BaseHTTPRequestHandler) -> None:
    """A response with no length that streams megabytes as fast as it can."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    try:
        for _ in range(1000):
            h.wfile.write(b"<p>" + b"x" * 65_536 + b"</p>")
    except (BrokenPipeError, ConnectionResetError):
        pass


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    yield from serve({
        "/page": remember_agent, "/flaky": flaky, "/drip": drip, "/endless": endless,
        "/big": send(b"x" * 2_000_000),
        "/gone": send(b"no", status=404),
        "/hop": send(b"", status=302, headers={"Location": "/page"}),
        "/empty": send(b"<html><body></body></html>"),
    })


def fetcher(**limits: float) -> Fetcher:
    return Fetcher(Fetch(**limits), allow_private=True)  # type: ignore[arg-type]


def test_urls_loopback_is_refused_by_default(base: str) -> None:
    with Fetcher() as f, pytest.raises(FetchError, match="private or local address"):
        f.get(base + "/page")


def test_urls_loopback_allowed_when_asked_reads_the_article_with_our_user_agent(base: str) -> None:
    with fetcher() as f:
        article = read_page(f.get(base + "/page"))
    assert article is not None
    assert "rescuers in Kathmandu" in article.text
    assert "Home | World" not in article.text
    assert article.url.endswith("/page") and article.id.startswith("url-")
    assert SEEN["ua"][-1] == Fetch().user_agent


def test_urls_redirects_are_followed_and_each_hop_checked(base: str) -> None:
    with fetcher() as f:
        page = f.get(base + "/hop")
    assert page.final_url == base + "/page" and page.status == 200


def test_urls_redirect_from_a_public_host_to_loopback_is_refused(monkeypatch: pytest.MonkeyPatch, base: str) -> None:
    public = "93.184.216.34"
    real = netsafe.resolve
    monkeypatch.setattr(netsafe, "resolve", lambda host, port: [public] if host == "news.example" else real(host, port))

    def answer(request: httpx.Request) -> httpx.Response:
        assert request.url.host == "news.example", "the loopback hop must never be requested"
        return httpx.Response(302, headers={"Location": base + "/page"})

    with Fetcher(transport=httpx.MockTransport(answer)) as f, pytest.raises(FetchError, match=r"127\.0\.0\.1"):
        f.get("http://news.example/story")


def test_urls_connection_is_pinned_to_a_checked_address(base: str) -> None:
    # Even if the check were passed (a host that re-resolves to loopback), the connection refuses.
    client = httpx.Client(transport=_pinned_transport(allow_private=False))
    with pytest.raises(httpx.ConnectError, match="private or local"):
        client.get(base + "/page")
    client.close()


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "0.0.0.0",
                                     "::ffff:127.0.0.1", "fd00::1", "224.0.0.1"])
def test_urls_private_addresses_are_not_public(address: str) -> None:
    assert not netsafe.is_public(address)


def test_urls_public_address_and_bad_schemes() -> None:
    assert netsafe.is_public("93.184.216.34")
    with pytest.raises(FetchError, match="only http and https"):
        netsafe.check_url("file:///etc/passwd")
    with pytest.raises(FetchError, match="no host"):
        netsafe.check_url("http:///nohost")


def test_urls_retries_with_backoff_then_succeeds(base: str) -> None:
    SEEN["flaky"].clear()
    with fetcher(backoff=0.01) as f:
        assert f.get(base + "/flaky").status == 200
    assert len(SEEN["flaky"]) == 3


def test_urls_http_errors_and_size_cap(base: str) -> None:
    with fetcher(max_bytes=1_000_000) as f:
        with pytest.raises(FetchError, match="HTTP 404"):
            f.get(base + "/gone")
        with pytest.raises(FetchError, match="too large"):
            f.get(base + "/big")
        with pytest.raises(FetchError, match="too large"):
            f.get(base + "/endless")  # no Content-Length: cut while streaming


def test_urls_a_response_that_never_ends_is_cut_by_the_deadline(base: str) -> None:
    started = time.monotonic()
    with fetcher(deadline=1.0) as f, pytest.raises(FetchError, match=r"took longer than 1 s"):
        f.get(base + "/drip")
    assert time.monotonic() - started < 10


def test_urls_a_silent_server_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts, never answers
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
    try:
        with fetcher(timeout=0.3, retries=1, backoff=0.01) as f, pytest.raises(FetchError, match="after 2 tries"):
            f.get(url)
    finally:
        listener.close()


def test_urls_list_is_read_and_each_failure_reported(base: str, tmp_path: Path) -> None:
    listing = tmp_path / "today.urls"
    listing.write_text(f"# today\n{base}/page\n\n{base}/gone\n{base}/empty\n")
    assert looks_like_url_list(listing)
    with fetcher() as f:
        got = list(iter_urls(read_url_list(listing), f))
    assert [type(x).__name__ for x in got] == ["Article", "FetchError", "FetchError"]
    assert "no article text" in str(got[2])


def test_urls_list_with_a_bad_line_names_it(tmp_path: Path) -> None:
    listing = tmp_path / "bad.txt"
    listing.write_text("https://example.org/a\nnot a url\n")
    assert not looks_like_url_list(listing)
    with pytest.raises(InputError, match=r"bad.txt:2: not a URL"):
        read_url_list(listing)

"""Fetching pages and reading them as articles: URLs on the command line and URL lists.

httpx does the HTTP; trafilatura (through `newsfuse.ingest.html`) finds the article in the page.
Every fetch has a connect/read timeout, a deadline for the whole response (a server that drips
bytes forever is cut), a size cap, a few retries with exponential backoff on timeouts, 429 and 5xx,
and a user agent that says who we are. Redirects are followed by hand so that each hop passes the
private-address guard (`newsfuse.netsafe`); the connection is pinned to the checked address.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urljoin

import httpx

from newsfuse.config import Fetch
from newsfuse.errors import FetchError, InputError
from newsfuse.ingest.kinds import is_url
from newsfuse.netsafe import check_url
from newsfuse.types import Article

RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(frozen=True, slots=True)
class Page:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)  # of the last answer, names lower-cased

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def validators(self) -> tuple[str, str]:
        """(ETag, Last-Modified): what a conditional GET sends back next time."""
        return self.headers.get("etag", ""), self.headers.get("last-modified", "")

    def text(self) -> str:
        charset = ""
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset":
                charset = value.strip("\"' ")
        try:
            return self.body.decode(charset or "utf-8", errors="replace")
        except LookupError:  # an unknown charset name
            return self.body.decode("utf-8", errors="replace")


class Fetcher:
    """An HTTP client with the limits above; one per ingest, closed when done."""

    def __init__(self, limits: Fetch | None = None, *, allow_private: bool | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        """`allow_private`: None takes the setting (`limits.allow_private`)."""
        self.limits = limits or Fetch()
        self.allow_private = self.limits.allow_private if allow_private is None else allow_private
        transport = transport or _pinned_transport(self.allow_private)
        # trust_env=False: an HTTP(S)_PROXY from the environment would route around the address guard.
        self._client = httpx.Client(transport=transport, follow_redirects=False, trust_env=False,
                                    timeout=httpx.Timeout(self.limits.timeout),
                                    headers={"User-Agent": self.limits.user_agent,
                                             "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                                                       "application/atom+xml,application/xml;q=0.9,*/*;q=0.5"})

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str = "", last_modified: str = "") -> Page:
        """The response to `url` after redirects, or FetchError saying why not. With `etag` or
        `last_modified` (a conditional GET) an unchanged resource is a Page with status 304 and no body."""
        page = self.fetch(url, etag=etag, last_modified=last_modified)
        if page.status >= 400:
            raise FetchError(f"HTTP {page.status}", path=url if page.final_url == url else f"{url} → {page.final_url}")
        return page

    def fetch(self, url: str, *, etag: str = "", last_modified: str = "", retries: int | None = None) -> Page:
        """Like `get`, but any final status is returned as a Page (429, 5xx after the retries, 404),
        for a caller that keeps its own account of failures; FetchError only when no answer came."""
        conditional = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        current = url
        for _ in range(self.limits.max_redirects + 1):
            check_url(current, allow_private=self.allow_private)
            status, headers, body = self._with_retries(current, conditional,
                                                       self.limits.retries if retries is None else retries)
            if status in (301, 302, 303, 307, 308) and headers.get("location"):
                current = urljoin(current, headers["location"])
                continue
            return Page(url, current, status, headers.get("content-type", ""), body,
                        {k.lower(): v for k, v in headers.items()})
        raise FetchError(f"more than {self.limits.max_redirects} redirects", path=url)

    def post(self, url: str, body: bytes, content_type: str) -> int:
        """POST `body` (no redirect followed; retried like a GET); the final status, or FetchError
        when no answer came."""
        return self._with_retries(url, {"Content-Type": content_type}, body=body)[0]

    def _with_retries(self, url: str, headers: Mapping[str, str] | None = None,
                      retries: int | None = None, body: bytes | None = None) -> tuple[int, httpx.Headers, bytes]:
        delay = self.limits.backoff
        retries = self.limits.retries if retries is None else retries
        for attempt in range(retries + 1):
            last = attempt == retries
            try:
                status, headers_in, answer = self._once(url, headers or {}, body)
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                if last:
                    raise FetchError(f"cannot fetch: {_describe(exc)} (after {attempt + 1} tries)", path=url) from None
            else:
                if status not in RETRY_STATUS or last:
                    return status, headers_in, answer
                delay = max(delay, retry_after(headers_in))
            time.sleep(min(delay, 8.0))
            delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str, headers: Mapping[str, str],
              body: bytes | None = None) -> tuple[int, httpx.Headers, bytes]:
        """One request (a GET, or a POST of `body`), no redirect followed, no retry (a subclass may
        pace them: ingest.poll)."""
        limits = self.limits
        started = time.monotonic()
        with self._client.stream("GET" if body is None else "POST", url, headers=dict(headers),
                                 content=body) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limits.max_bytes:
                raise FetchError(f"too large ({int(declared):,} bytes > {limits.max_bytes:,} limit)", path=url)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limits.max_bytes:
                    raise FetchError(f"too large (more than {limits.max_bytes:,} bytes; cut off)", path=url)
                if time.monotonic() - started > limits.deadline:
                    raise FetchError(f"took longer than {limits.deadline:g} s (cut off after {size:,} bytes)",
                                     path=url)
                chunks.append(chunk)
            return response.status_code, response.headers, b"".join(chunks)


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float:
    """Seconds a `Retry-After` header asks for: a number of seconds or an HTTP date; 0 when absent."""
    value = str(headers.get("retry-after", "") or headers.get("Retry-After", "")).strip()
    if value.isdigit():
        return float(value)
    if not value:
        return 0.0
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return 0.0
    if when.tzinfo is None:
        return 0.0
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _describe(exc: Exception) -> str:
    kinds: dict[type[Exception], str] = {httpx.ConnectTimeout: "connection timed out",
                                         httpx.ReadTimeout: "no data for too long", httpx.ConnectError: "cannot connect"}
    kind = kinds.get(type(exc), type(exc).__name__)
    detail = str(exc)
    return f"{kind}: {detail}" if detail and detail != kind else kind


def _pinned_transport(allow_private: bool) -> httpx.BaseTransport:
    """An httpx transport whose connections go only to addresses that pass the guard, checked when
    connecting (closes the DNS-rebinding gap between `check_url` and the connection)."""
    import httpcore

    from newsfuse.netsafe import is_public, resolve

    class PinnedBackend(httpcore.SyncBackend):
        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None, socket_options: Any = None) -> httpcore.NetworkStream:
            addresses = resolve(host, port)
            allowed = addresses if allow_private else [a for a in addresses if is_public(a)]
            if not allowed:
                raise httpcore.ConnectError(f"{host} resolves to a private or local address; refused")
            return super().connect_tcp(allowed[0], port, timeout, local_address, socket_options)

    transport = httpx.HTTPTransport()
    pool = getattr(transport, "_pool", None)
    if pool is not None and hasattr(pool, "_network_backend"):
        pool._network_backend = PinnedBackend()
    return transport


# --- pages as articles ----------------------------------------------------------------------------


def url_id(url: str) -> str:
    """A stable article id for a page that has none of its own."""
    return "url-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def article_from_html(html: str, *, url: str = "", article_id: str = "", origin: str = "") -> Article:
    """The raw (uncleaned) article trafilatura finds in a page."""
    from newsfuse.ingest import html as html_reader

    builder = getattr(html_reader, "article_from_html", None)
    if builder is not None:
        article: Article = builder(html, url=url, id=article_id, origin=origin)
        return article
    return html_reader.read_html(html, article_id, origin, url=url)


def finish(raw: Article) -> Article | None:
    """Clean a raw article and fill in its outlet and date; None when nothing is left."""
    from newsfuse.clean import clean_article
    from newsfuse.ingest.meta import infer_metadata

    article = clean_article(raw)
    if not article.text.strip():
        return None
    return infer_metadata(article)


def read_page(page: Page) -> Article | None:
    """The cleaned article of a fetched page (None when the page holds no article text)."""
    raw = article_from_html(page.text(), url=page.final_url, article_id=url_id(page.final_url), origin=page.url)
    raw.url = raw.url or page.final_url
    return finish(raw)


def read_url_list(path: Path, max_bytes: int = 5_000_000) -> list[str]:
    """The URLs of a URL list: one per line; blank lines and lines starting with # are ignored."""
    try:
        if path.stat().st_size > max_bytes:
            raise InputError(f"URL list larger than {max_bytes:,} bytes", path=str(path))
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the URL list: {exc}", path=str(path)) from None
    urls = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            raise InputError(f"not a URL: {line[:80]!r}", path=str(path), line=number)
        urls.append(line)
    return urls


def iter_urls(urls: list[str], fetcher: Fetcher) -> Iterator[Article | FetchError]:
    """Each URL's article, or the error that kept it out (the caller records it and goes on)."""
    for url in urls:
        try:
            article = read_page(fetcher.get(url))
        except FetchError as exc:
            yield exc
            continue
        if article is None:
            yield FetchError("no article text found in the page", path=url)
        else:
            yield article

"""Polling sources politely: what `newsfuse watch` does in one cycle, short of storing.

Each source (a feed, a page, an OPML list's feeds, a URL list's pages) has a `SourceState` the caller
keeps between cycles (the store's `sources` table): the validators of its last answer, sent back as
a conditional GET (`If-None-Match`, `If-Modified-Since`) so that an unchanged feed costs a 304 and
no parse; its consecutive failures; and the time before which it is not asked again.

Politeness (`HostGate`, `PoliteFetcher`): one request at a time per host, `watch.host_delay` seconds
between two of them, backoff on 429 and 5xx (doubling, capped at `watch.max_backoff`), `Retry-After`
honoured (seconds or an HTTP date; a wait longer than `watch.max_wait` leaves the host for a later
cycle), robots.txt obeyed unless told not to (fetched through the same guarded client, cached per
host for the cycle; its Crawl-delay lengthens the host's delay). Every request, redirects included,
passes the private-address guard of `urls.Fetcher`.

Articles are fetched once: an entry whose id or link the store knows (`known`, a lookup the caller
gives) is neither fetched nor cleaned again, nor is a listed page whose URL is stored. A source's new
state is returned, not written: the caller records it only once the source's articles are committed,
so a stop between the two loses nothing (the feed is asked again, and its entries are known).
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsfuse.config import Settings
from newsfuse.errors import FetchError, InputError, NewsfuseError
from newsfuse.ingest.feeds import (
    entry_article,
    entry_id,
    entry_link,
    feed_entries,
    quick_entries,
    read_local,
    read_opml,
)
from newsfuse.ingest.kinds import is_url, page_kind, path_kind
from newsfuse.ingest.urls import Fetcher, Page, read_page, read_url_list, retry_after
from newsfuse.types import Article

BACKOFF_STATUS = {429, 500, 502, 503, 504}
# Lookup of stored articles: (ids, urls) → those of them the store holds.
Known = Callable[[Sequence[str], Sequence[str]], set[str]]


@dataclass(slots=True)
class SourceState:
    """What is kept of one source between cycles (a row of the store's `sources` table)."""

    url: str
    etag: str = ""
    last_modified: str = ""
    body_hash: str = ""
    last_polled: float = 0.0
    last_status: int = 0
    failures: int = 0
    next_after: float = 0.0

    def row(self) -> dict[str, object]:
        return dataclasses.asdict(self)

    @classmethod
    def from_row(cls, row: dict[str, object]) -> SourceState:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})  # type: ignore[arg-type]


@dataclass(slots=True)
class Counts:
    """One cycle in numbers (the line `watch` prints)."""

    sources: int = 0
    fetched: int = 0  # answered 200 (feeds, pages, OPML lists)
    not_modified: int = 0  # answered 304, or 200 with the very body seen last time: not parsed
    waiting: int = 0  # not asked this cycle: backing off, or their host asked us to wait
    known: int = 0  # entries and listed pages already stored: not fetched
    read: int = 0  # new articles read (to be stored)
    errors: int = 0  # sources, entries and pages that failed
    failed: int = 0  # sources that failed as a whole
    robots: int = 0  # refused by robots.txt

    def merge(self, other: Counts) -> None:
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


@dataclass(slots=True)
class Polled:
    """One cycle's harvest: the new articles, the sources' new states, what went wrong."""

    articles: list[Article] = field(default_factory=list)
    states: list[SourceState] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    errors: list[str] = field(default_factory=list)


class Deferred(FetchError):
    """The host asked us to wait longer than we wait within a cycle."""

    def __init__(self, message: str, *, path: str = "", wait: float = 0.0) -> None:
        super().__init__(message, path=path)
        self.wait = wait


class RobotsRefused(FetchError):
    """robots.txt says no."""


class Stopped(Exception):
    """Asked to stop in the middle of a source: what was read of it is dropped, its state not written."""


# --- politeness -------------------------------------------------------------------------------------


class HostGate:
    """One request at a time per host, a delay between two, and the host's own wishes (Retry-After,
    Crawl-delay); backoff doubling on 429 and 5xx, reset by a good answer."""

    def __init__(self, delay: float, max_wait: float, max_backoff: float,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay, self.max_wait, self.max_backoff = delay, max_wait, max_backoff
        self.clock, self.sleep = clock, sleep
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._next: dict[str, float] = {}  # host → the earliest time of its next request
        self._penalty: dict[str, float] = {}  # host → the current backoff
        self._min_delay: dict[str, float] = {}  # host → Crawl-delay
        self._status: dict[str, int] = {}  # host → the status of the request in its turn (0: none came)
        self._asked: dict[str, float] = {}  # host → the seconds its last Retry-After asked for

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def wait_for(self, host: str) -> float:
        return max(0.0, self._next.get(host, 0.0) - self.clock())

    @contextmanager
    def turn(self, host: str, url: str = "") -> Iterator[None]:
        with self._lock(host):
            wait = self.wait_for(host)
            if wait > self.max_wait:
                raise Deferred(f"{host} asked us to wait {wait:.0f} s; left for a later cycle", path=url, wait=wait)
            if wait > 0:
                self.sleep(wait)
            self._status[host] = 0
            try:
                yield
            finally:
                self._done(host, self._status.pop(host, 0))

    def answered(self, host: str, status: int, headers: Any) -> None:
        """What the request inside `turn` got (before the turn ends)."""
        self._status[host] = status
        if status in BACKOFF_STATUS:
            self._asked[host] = retry_after(headers)

    def crawl_delay(self, host: str, seconds: float) -> None:
        self._min_delay[host] = min(seconds, self.max_backoff)

    def _done(self, host: str, status: int) -> None:
        delay = max(self.delay, self._min_delay.get(host, 0.0))
        if status in BACKOFF_STATUS or status == 0:
            asked = self._asked.pop(host, 0.0)
            penalty = asked or max(2 * self._penalty.get(host, 0.0), delay, 1.0)
            self._penalty[host] = min(penalty, self.max_backoff)
            delay = max(delay, self._penalty[host])
        else:
            self._penalty.pop(host, None)
        self._next[host] = self.clock() + delay

    def penalty(self, host: str) -> float:
        return self._penalty.get(host, 0.0)


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


class PoliteFetcher(Fetcher):
    """A `Fetcher` whose every request (each redirect hop too) waits its turn at the host's gate and
    is checked against the host's robots.txt."""

    def __init__(self, settings: Settings, gate: HostGate, *, allow_private: bool | None = None,
                 robots: bool | None = None, transport: httpx.BaseTransport | None = None) -> None:
        # No retry inside a request: a failing source is asked again in a later cycle, after its backoff.
        super().__init__(dataclasses.replace(settings.fetch, retries=0), allow_private=allow_private,
                         transport=transport)
        self.gate = gate
        self.robots = settings.watch.respect_robots if robots is None else robots
        self._robots: dict[str, RobotFileParser] = {}
        self._robots_lock = threading.Lock()
        self._robots_why: dict[str, str] = {}  # host → why its robots.txt counts as "disallow all"
        self.requests = 0

    def _once(self, url: str, headers: Any, body: bytes | None = None) -> tuple[int, httpx.Headers, bytes]:
        host = _host(url)
        if self.robots and urlsplit(url).path != "/robots.txt" and not self.allowed(url):
            why = self._robots_why.get(_host(url), "")
            raise RobotsRefused(f"robots.txt {why or 'of the site disallows it'}", path=url)
        with self.gate.turn(host, url):
            self.requests += 1
            status, got, answer = super()._once(url, headers, body)
            self.gate.answered(host, status, got)
        return status, got, answer

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        host = parts.netloc.lower()
        with self._robots_lock:
            parser = self._robots.get(host)
        if parser is None:
            parser = RobotFileParser()
            problem = ""
            try:
                page = self.fetch(f"{parts.scheme}://{parts.netloc}/robots.txt")
            except Deferred:
                raise
            except FetchError as exc:
                page, problem = None, exc.message
            if page is None or page.status >= 500 or page.status in (401, 403, 429):
                parser.parse(["User-agent: *", "Disallow: /"])  # RFC 9309: unreachable means disallowed, for now
                self._robots_why[host] = f"could not be read ({problem or f'HTTP {page.status if page else 0}'}); " \
                                         "nothing fetched from the site this cycle"
            elif page.status >= 400:
                parser.parse([])  # no robots.txt: everything allowed
            else:
                parser.parse(page.text().splitlines())
                delay = parser.crawl_delay(self.limits.user_agent)
                if delay:
                    self.gate.crawl_delay(host, float(delay))
            with self._robots_lock:
                self._robots[host] = parser
        return parser.can_fetch(self.limits.user_agent, url)


# --- one cycle ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Source:
    url: str  # or a local path, for a feed file
    kind: str  # "auto" (a URL: feed, OPML or page, told by the answer), "feed", "page", "file"


def expand(inputs: Sequence[str]) -> list[Source]:
    """What to poll: URLs as given; a local OPML list's feeds, a URL list's pages, a local feed file.
    Read again each cycle (a list edited while watching is followed)."""
    out: list[Source] = []
    for item in inputs:
        if is_url(item):
            out.append(Source(item, "auto"))
            continue
        path = Path(item).expanduser()
        kind = path_kind(path)
        if kind == "opml":
            out.extend(Source(u, "feed") for u in read_opml(read_local(path), str(path)))
        elif kind == "url-list":
            out.extend(Source(u, "page") for u in read_url_list(path))
        elif kind == "feed":
            out.append(Source(str(path), "file"))
        else:
            raise InputError("watch follows feeds (RSS, Atom), OPML lists, URL lists and URLs; "
                             "read other files with `newsfuse ingest`", path=item)
    return list(dict.fromkeys(out))


class Poller:
    """Polls sources; one per watch (it keeps the hosts' gates across cycles)."""

    def __init__(self, settings: Settings, known: Known, *, allow_private: bool | None = None,
                 robots: bool | None = None, clock: Callable[[], float] = time.time,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.clock = clock
        watch = settings.watch
        self.gate = HostGate(watch.host_delay, watch.max_wait, watch.max_backoff)
        self.fetcher = PoliteFetcher(settings, self.gate, allow_private=allow_private, robots=robots,
                                     transport=transport)
        self._known, self._known_lock = known, threading.Lock()
        self._states: dict[str, SourceState] = {}
        self._load: Callable[[Sequence[str]], dict[str, SourceState]] | None = None
        self.stop = threading.Event()
        self.current = ""  # the source being polled, and how many there are (for a progress display)
        self.total = 0

    def close(self) -> None:
        self.fetcher.close()

    def known(self, ids: Sequence[str], urls: Sequence[str]) -> set[str]:
        with self._known_lock:  # the store's connection, shared by the hosts' threads
            return self._known(ids, urls)

    def poll(self, sources: Sequence[Source], states: dict[str, SourceState],
             on_source: Callable[[Counts], None] | None = None,
             load: Callable[[Sequence[str]], dict[str, SourceState]] | None = None) -> Polled:
        """One cycle over `sources` (grouped by host, `watch.hosts` hosts at once). `states`: what is
        known of them; `load`: the states of other URLs (the feeds an OPML list on the web names).
        `stop` set while it runs: no new source is started; those done are returned."""
        self._load = load
        self.fetcher._robots.clear()  # robots.txt is read again each cycle
        self.fetcher._robots_why.clear()
        self._states = states
        self.total = len(sources)
        by_host: dict[str, list[Source]] = {}
        for source in sources:
            by_host.setdefault(_host(source.url) if source.kind != "file" else "", []).append(source)
        out = Polled()
        lock = threading.Lock()

        def run(group: list[Source]) -> None:
            for source in group:
                if self.stop.is_set():
                    return
                self.current = source.url
                one = Polled()
                state = states.get(source.url) or SourceState(source.url)
                try:
                    self._one(source, state, one)
                except Stopped:
                    return
                except NewsfuseError as exc:
                    self._failed(state, one, exc)
                with lock:
                    out.articles.extend(one.articles)
                    out.states.extend(one.states)
                    out.errors.extend(one.errors)
                    one.counts.sources = 1
                    out.counts.merge(one.counts)
                    if on_source:
                        on_source(out.counts)

        groups = list(by_host.values())
        if len(groups) == 1 or self.settings.watch.hosts == 1:
            for group in groups:
                run(group)
        else:
            with ThreadPoolExecutor(min(self.settings.watch.hosts, len(groups))) as pool:
                for future in [pool.submit(run, g) for g in groups]:
                    future.result()
        return out

    # -- one source ----------------------------------------------------------------------------------

    def _one(self, source: Source, state: SourceState, out: Polled) -> None:
        now = self.clock()
        if state.next_after > now:
            out.counts.waiting += 1
            return
        if source.kind == "file":
            data = read_local(Path(source.url))
            self._body(source, state, out, data, "", now, is_feed=True)
            return
        if source.kind == "page" and self.known([], [source.url]):
            out.counts.known += 1  # stored already: a page is fetched once
            return
        try:
            # An OPML list is asked for in full each time: its feeds are polled whether it changed or not.
            opml = state.body_hash.startswith("opml:")
            page = self.fetcher.fetch(source.url, etag="" if opml else state.etag,
                                      last_modified="" if opml else state.last_modified)
        except Deferred as exc:
            out.counts.waiting += 1
            state.next_after = now + exc.wait
            out.states.append(state)
            return
        except RobotsRefused as exc:
            out.counts.robots += 1
            out.errors.append(exc.describe())
            return
        except FetchError as exc:
            self._failed(state, out, exc)
            return
        state.last_polled, state.last_status = now, page.status
        if page.status == 304:
            out.counts.not_modified += 1
            self._ok(state, page)
            out.states.append(state)
            return
        if page.status >= 400:
            wait = retry_after(page.headers)
            self._failed(state, out, FetchError(f"HTTP {page.status}", path=source.url), wait)
            return
        out.counts.fetched += 1
        self._body(source, state, out, page.body, page.content_type, now, page=page)

    def _body(self, source: Source, state: SourceState, out: Polled, body: bytes, content_type: str, now: float,
              *, page: Page | None = None, is_feed: bool = False) -> None:
        digest = hashlib.sha1(body).hexdigest()
        if page is not None:
            self._ok(state, page)
        else:
            state.last_polled, state.failures, state.next_after = now, 0, 0.0
        kind = "feed" if is_feed else ("page" if source.kind == "page" else page_kind(body, content_type))
        if kind == "opml":
            state.body_hash = "opml:" + digest
            out.states.append(state)
            for feed in read_opml(body, source.url):
                self._nested(feed, out)
            return
        if digest == state.body_hash:
            out.counts.not_modified += 1  # the same bytes as last time (a server without validators)
            out.states.append(state)
            return
        try:
            if kind == "feed":
                self._feed(body, source.url, out)
            else:
                self._page(page, source.url, out)
        except FetchError as exc:
            self._failed(state, out, exc)
            return
        except InputError as exc:
            self._failed(state, out, exc)
            return
        state.body_hash = digest
        out.states.append(state)

    def _nested(self, feed: str, out: Polled) -> None:
        """A feed listed by an OPML document fetched from the web: polled as a source of its own."""
        state = self._states.get(feed)
        if state is None and self._load is not None:
            with self._known_lock:  # the store's connection, shared by the hosts' threads
                state = self._load([feed]).get(feed)
        self._one(Source(feed, "feed"), state or SourceState(feed), out)

    def _feed(self, body: bytes, url: str, out: Polled) -> None:
        quick = quick_entries(body)
        if quick is not None:  # every entry stored already: no feedparser at all
            ids, links = [entry_id(url, q) for q in quick], [q["link"] for q in quick]
            known = self.known(ids, links)
            if all(i in known or (link and link in known) for i, link in zip(ids, links, strict=True)):
                out.counts.known += len(quick)
                return
        title, entries = feed_entries(body, url)
        ids = [entry_id(url, e) for e in entries]
        links = [entry_link(e) for e in entries]
        known = self.known(ids, links)
        for number, (entry, article_id, link) in enumerate(zip(entries, ids, links, strict=True), 1):
            if self.stop.is_set():
                raise Stopped(url)
            if article_id in known or (link and link in known):
                out.counts.known += 1
                continue
            try:
                article = entry_article(entry, url, title, self.fetcher)
            except FetchError as exc:
                out.counts.errors += 1
                out.errors.append(f"{url} entry {number}: {exc.describe()}")
                continue
            if article is None:
                out.errors.append(f"{url} entry {number}: no article text in the entry or its page")
                continue
            out.counts.read += 1
            out.articles.append(article)

    def _page(self, page: Page | None, url: str, out: Polled) -> None:
        if page is None:
            raise InputError("not a feed", path=url)
        if page.final_url != url and self.known([], [page.final_url]):
            out.counts.known += 1
            return
        article = read_page(page)
        if article is None:
            raise FetchError("no article text found in the page", path=url)
        out.counts.read += 1
        out.articles.append(article)

    def _ok(self, state: SourceState, page: Page) -> None:
        etag, modified = page.validators
        if page.status != 304 or etag:
            state.etag = etag or (state.etag if page.status == 304 else "")
        if page.status != 304 or modified:
            state.last_modified = modified or (state.last_modified if page.status == 304 else "")
        state.failures, state.next_after = 0, 0.0

    def _failed(self, state: SourceState, out: Polled, exc: NewsfuseError, wait: float = 0.0) -> None:
        """A failure: counted, and the source left alone for a while (doubling, capped; Retry-After
        when the server said how long)."""
        now = self.clock()
        watch = self.settings.watch
        state.failures += 1
        state.last_polled = now
        backoff = 0.0 if state.failures < 2 else min(watch.every * 2 ** (state.failures - 2), watch.max_backoff)
        state.next_after = now + max(backoff, min(wait, watch.max_backoff))
        out.counts.errors += 1
        out.counts.failed += 1
        out.errors.append(exc.describe())
        out.states.append(state)

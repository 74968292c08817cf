"""What the routes call: the store (one connection per thread), the brief cache, and the models,
loaded once per process.

Routes stay thin: they parse the request, call one method here, and render the result. The service
raises newsfuse.errors types (not found, too many requests, busy) and never builds a response.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfuse.config import Settings, Web
from newsfuse.engine import LocalEngine
from newsfuse.errors import BusyError, NoArticlesError, NotFoundError, TooManyRequestsError
from newsfuse.ingest import ReadResult
from newsfuse.store import OPEN_WAIT, Store
from newsfuse.store_history import Version, cache_brief, current_version, merged_into, story_versions
from newsfuse.stream import AddResult
from newsfuse.stream import ingest as stream_ingest
from newsfuse.types import Article, Brief, Change, Story
from newsfuse.web.cache import BriefCache, Entry, cache_key
from newsfuse.web.front import FrontRow, Memo, front_rows
from newsfuse.web.intake import Batch, fetch_urls, read_batch
from newsfuse.web.stores import StorePool, parse_story_id

log = logging.getLogger("newsfuse.web")
KEEP_WAIT_MS = 1000  # how long keeping a computed brief in the store may wait for its write lock


@dataclass(frozen=True, slots=True)
class WebConfig:
    """What one server runs with: the store, the resolved settings (their `web` section bounds each
    request; `fetch` each URL fetched), and the write token (a secret: never a setting in a file)."""

    db: Path
    settings: Settings = field(default_factory=Settings)
    token: str | None = None

    @property
    def limits(self) -> Web:
        return self.settings.web


@dataclass(frozen=True, slots=True)
class StoryQuery:
    search: str | None = None
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int = 50
    offset: int = 0
    order: str = "recent"  # or "front": as a front page ranks them (Store.stories)


@dataclass(frozen=True, slots=True)
class StoryPage:
    stories: list[Story]
    more: bool  # another page follows
    total: int | None  # known without a second query only when nothing is filtered
    query: StoryQuery

    @property
    def filtered(self) -> bool:
        q = self.query
        return bool(q.search or q.outlet or q.since or q.until)


@dataclass(frozen=True, slots=True)
class Ingested:
    result: AddResult
    read: ReadResult
    stories: dict[str, int | None]  # article id → the story it is now in


class Service:
    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self.pool = StorePool(config.db)
        self.cache = BriefCache(config.limits.cache_size)
        self.front_memo = Memo()  # the front page's leads and brief digests, found once
        self._slots = threading.BoundedSemaphore(config.limits.max_running_briefs)
        self._brief_requests = 0
        self._brief_requests_lock = threading.Lock()

    # -- lifecycle ---------------------------------------------------------------------------------

    def warm(self) -> None:
        """Load the models now, so the first reader does not pay for it."""
        from newsfuse.embed import load_embedder

        load_embedder(self.config.settings.embedder, self.config.settings.embed_batch)
        if self.config.settings.facts:
            from newsfuse.facts.nlp import load_nlp

            load_nlp(self.config.settings.spacy_model)

    def close(self) -> None:
        self.pool.close()

    # -- reading -----------------------------------------------------------------------------------

    def stories(self, query: StoryQuery) -> StoryPage:
        store = self.pool.get()
        # One more than asked: whether a next page exists, without counting every match.
        found = store.stories(outlet=query.outlet or None, since=query.since, until=query.until,
                              search=query.search or None, limit=query.limit + 1, offset=query.offset,
                              order=query.order)
        page = StoryPage(found[:query.limit], len(found) > query.limit, None, query)
        if not page.filtered:
            page = dataclasses.replace(page, total=store.count_stories())
        return page

    def front(self, stories: list[Story]) -> list[FrontRow]:
        """The front page's rows of these stories (standfirsts from cached briefs, badges)."""
        return front_rows(self.pool.get(), stories, memo=self.front_memo)

    def history(self, story: Story) -> list[Version]:
        """The story's versions, oldest first: when each of its articles joined."""
        return story_versions(self.pool.get(), story.id)

    def story(self, story_id: str) -> Story:
        number = parse_story_id(story_id)
        store = self.pool.get()
        found = store.story(number) if number is not None else None
        if found is None:
            into = merged_into(store, number) if number is not None else None
            if into is not None:  # its id is kept in the history: say where its articles went
                raise NotFoundError(f"story {number} merged into story {into}", hint=f"see /stories/{into}")
            raise NotFoundError(f"no story with id {story_id!r}")
        return found

    def story_brief(self, story_id: str) -> tuple[Story, Entry]:
        """The story and its brief (computed on first request, then cached)."""
        story = self.story(story_id)
        key = cache_key(story.id, story.article_ids)

        def build() -> Brief:
            store = self.pool.get()
            version = current_version(store, story.id)  # read first: articles that join meanwhile are later
            articles = store.story_articles(story.id)
            if not articles:
                raise NotFoundError(f"story {story.id} has no articles left")
            made = self._brief(articles, None, str(story.id), incremental=True)
            if version:
                self._keep(store, story.id, version, made)
            return made

        return story, self.cache.get(key, build)

    def _keep(self, store: Store, story: int, version: int, made: Brief) -> None:
        """Keep the brief in the store too, as of the story's version: the front page's standfirst and
        conflict count come from it, and `newsfuse changes` need not compute it again."""
        from newsfuse.changes import settings_digest

        # Best effort, and soon: a reader's page must not wait out a long ingest for the store's write lock.
        store.db.execute(f"PRAGMA busy_timeout = {KEEP_WAIT_MS}")
        try:
            cache_brief(store, story, version, settings_digest(self.config.settings), made.to_dict())
        finally:
            store.db.execute(f"PRAGMA busy_timeout = {int(OPEN_WAIT * 1000)}")

    def changes(self, since: dt.datetime | None, story_id: str | None = None, claims: bool = False) -> list[Change]:
        """Changes recorded since a time, of one story (with its claims compared) or of all."""
        from newsfuse.changes import changes

        story = self.story(story_id).id if story_id is not None else None
        store = self.pool.get()
        if not claims:
            return changes(store, since=since, story=story, claims=False)
        if not self._slots.acquire(timeout=self.config.limits.queue_seconds):
            raise BusyError("the server is computing other briefs; try again in a minute")
        try:
            from newsfuse.embed import load_embedder
            from newsfuse.embed_cache import cached

            settings = self.config.settings
            model = cached(load_embedder(settings.embedder, settings.embed_batch))
            return changes(store, since=since, story=story, claims=True, settings=settings, embedder=model)
        finally:
            self._slots.release()

    def recent_stories(self, limit: int = 50) -> list[tuple[Story, str]]:
        """Stories by their last recorded change, newest first, with its time."""
        from newsfuse.store_history import recent_stories

        store = self.pool.get()
        out: list[tuple[Story, str]] = []
        for story_id, at in recent_stories(store, limit):
            story = store.story(story_id)
            if story is not None:
                out.append((story, at))
        return out

    def stories_latest(self, limit: int) -> list[Story]:
        return self.pool.get().stories(limit=limit)

    def article(self, article_id: str) -> Article:
        found = self.pool.get().get_article(article_id)
        if found is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        return found

    def article_stories(self, article_id: str) -> list[int]:
        story = self.pool.get().article_story(article_id)
        return [] if story is None else [story]

    # -- briefs of the client's own articles (nothing stored) ----------------------------------------

    def brief_batch(self, batch: Batch) -> Brief:
        with self._brief_requests_lock:
            if self._brief_requests >= self.config.limits.max_brief_requests:
                raise TooManyRequestsError(f"{self._brief_requests} briefs are being computed "
                                           "or waiting; try again in a few seconds")
            self._brief_requests += 1
        try:
            limits = self.config.limits
            result = read_batch(batch, self.config.settings, limits, limits.max_brief_articles)
            brief = self._brief(result.articles, batch.words, "brief")
            # What reading the request left out is data of the brief, as from the CLI and the library.
            brief.skipped[:0] = result.skipped
            brief.warnings[:0] = result.warnings
            return brief
        finally:
            with self._brief_requests_lock:
                self._brief_requests -= 1

    def _brief(self, articles: Sequence[Article], words: int | None, brief_id: str,
               incremental: bool = False) -> Brief:
        """`incremental`: a stored story, briefed again as it grows; its sentences' vectors are kept
        (embed_cache), so the next brief embeds only the new articles'."""
        from newsfuse.embed import load_embedder
        from newsfuse.embed_cache import cached
        from newsfuse.pipeline import brief

        if not articles:
            raise NoArticlesError("no article to brief")
        settings = self.config.settings
        if not self._slots.acquire(timeout=self.config.limits.queue_seconds):
            raise BusyError("the server is computing other briefs; try again in a minute")
        try:
            model = load_embedder(settings.embedder, settings.embed_batch)
            if incremental:
                model = cached(model)
            return brief(list(articles), words, settings=settings, embedder=model, id=brief_id)
        finally:
            self._slots.release()

    # -- writing -----------------------------------------------------------------------------------

    def ingest(self, batch: Batch) -> Ingested:
        limits = self.config.limits
        read = read_batch(batch, self.config.settings, limits, limits.max_ingest_articles)
        fetched = fetch_urls(batch.urls, self.config.settings)
        read.articles.extend(fetched.articles)
        read.skipped.extend(fetched.skipped)
        if not read.articles:
            first = read.skipped[0].describe() if read.skipped else "nothing was given"
            raise NoArticlesError(f"no article could be read ({first})")
        with self.pool.writer() as store:
            # In this process: a pool forked from a server thread could deadlock.
            result = stream_ingest(read.articles, store, LocalEngine(workers=1), settings=self.config.settings)
            stories = {a.id: store.article_story(a.id) for a in read.articles}
        return Ingested(result, read, stories)

"""What `newsfuse ingest` reads: any mix of JSONL dumps, folders, files, feeds, OPML lists, WARC
archives, URLs and URL lists, as one stream of clean articles.

Each input goes to the reader for its kind (`kinds.path_kind`, `kinds.page_kind`); article files,
folders, globs and stdin go to `reader`, the one `brief` reads with too (`kinds` says why the brief
does not read through here). An input that fails as a whole (a truncated archive, an unreachable
feed) is recorded with its reason and the stream goes on with the next one; so is any record or
entry left out. Nothing is dropped without a trace: `skipped` says what and why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from newsfuse.config import Settings
from newsfuse.errors import FetchError, InputError, NewsfuseError
from newsfuse.ingest.feeds import read_feed, read_local, read_opml
from newsfuse.ingest.kinds import is_url, page_kind, path_kind
from newsfuse.ingest.reader import iter_articles
from newsfuse.ingest.urls import Fetcher, iter_urls, read_page, read_url_list
from newsfuse.ingest.warc import read_warc
from newsfuse.types import Article, Skipped


@dataclass(slots=True)
class Sources:
    """Iterate to read; afterwards `skipped` holds everything left out and `failed` the inputs that
    could not be read at all."""

    inputs: list[str]
    settings: Settings = field(default_factory=Settings)  # its `fetch` section bounds every request
    stdin: IO[str] | None = None
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # read, with a caveat (a date left out, cp1252)
    # A store's lookup (id, URL): articles of files and dumps it knows are passed on uncleaned.
    known: Callable[[Article], bool] | None = None
    # Cleans a block of raw articles in order, elsewhere (`engine.LocalEngine.clean`); None: here.
    clean_many: Callable[[list[Article]], list[Article]] | None = None
    current: str = ""  # the input being read (for a progress display)

    def __iter__(self) -> Iterator[Article]:
        with Fetcher(self.settings.fetch) as fetcher:
            for item in self.inputs:
                self.current = item
                before = len(self.skipped)
                try:
                    yield from self._one(item, fetcher)
                except NewsfuseError as exc:
                    self.failed.append(exc.describe())
                    # An input whose parts were each reported (ten bad records, one empty file) is
                    # not counted once more as a whole.
                    if len(self.skipped) == before:
                        self.skipped.append(Skipped(exc.path or item, 0, exc.message))

    def _one(self, item: str, fetcher: Fetcher) -> Iterator[Article]:
        if is_url(item):
            yield from self._url(item, fetcher)
            return
        path = Path(item).expanduser()
        kind = path_kind(path)
        if kind == "warc":
            yield from self._records(read_warc(path, self.settings.max_article_bytes))
        elif kind == "opml":
            yield from self._opml(read_opml(read_local(path), str(path)), fetcher, str(path))
        elif kind == "feed":
            yield from self._records(read_feed(read_local(path), str(path), fetcher, self.known))
        elif kind == "url-list":
            yield from self._pages(read_url_list(path), fetcher, str(path))
        else:
            yield from self._files(item)

    def _url(self, url: str, fetcher: Fetcher) -> Iterator[Article]:
        page = fetcher.get(url)
        kind = page_kind(page.body, page.content_type)
        if kind == "opml":
            yield from self._opml(read_opml(page.body, url), fetcher, url)
        elif kind == "feed":
            yield from self._records(read_feed(page.body, url, fetcher, self.known))
        else:
            article = read_page(page)
            if article is None:
                raise FetchError("no article text found in the page", path=url)
            yield article

    def _opml(self, feeds: list[str], fetcher: Fetcher, source: str) -> Iterator[Article]:
        """Each feed in turn; one that fails is skipped, but a list none of whose feeds could be read
        has failed as a whole (the exit code says so)."""
        read = 0
        first = ""
        for feed in feeds:
            try:
                page = fetcher.get(feed)
                yield from self._records(read_feed(page.body, feed, fetcher, self.known))
                read += 1
            except NewsfuseError as exc:
                self.skipped.append(Skipped(exc.path or feed, 0, exc.message))
                first = first or exc.describe()
        if not read:
            raise InputError(f"none of its {len(feeds)} feed(s) could be read (first: {first})", path=source)

    def _pages(self, urls: list[str], fetcher: Fetcher, source: str) -> Iterator[Article]:
        read = 0
        first = ""
        for item in iter_urls(urls, fetcher):
            if isinstance(item, FetchError):
                self.skipped.append(Skipped(item.path, 0, item.message))
                first = first or item.describe()
            else:
                read += 1
                yield item
        if urls and not read:
            raise InputError(f"none of its {len(urls)} URL(s) gave an article (first: {first})", path=source)

    def _records(self, items: Iterator[Article | Skipped]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, Skipped):
                self.skipped.append(item)
            else:
                yield item

    def _files(self, item: str) -> Iterator[Article]:
        """Files, folders, globs and "-" (JSONL on stdin): the general reader."""
        yield from iter_articles([item], self.settings, self.stdin, on_skip=self.skipped.append,
                                 on_warning=self.warnings.append, known=self.known, clean_many=self.clean_many)

"""Briefs computed once, kept in memory (LRU), with their rendered forms.

A brief costs about a second per five articles; a page render costs milliseconds. The key holds the
story id and a hash of its article ids, so a story that gains an article gets a fresh brief and the
stale one ages out. One lock per key makes fifty readers of a cold story wait for one computation
instead of starting fifty.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsfuse.types import Brief

CacheKey = tuple[int, str]


def cache_key(story_id: int, article_ids: Sequence[str]) -> CacheKey:
    digest = hashlib.sha256("\n".join(article_ids).encode("utf-8")).hexdigest()[:20]
    return (story_id, digest)


@dataclass(slots=True)
class Entry:
    """One brief and what was made from it. Renders are filled on first use; two threads racing to
    fill one both compute the same bytes, so no lock is needed."""

    brief: Brief
    seconds: float  # time to compute the brief
    json: bytes | None = None
    html: bytes | None = None
    html_gzip: bytes | None = None  # the same page compressed once, for clients that accept gzip
    html_for: tuple[object, ...] = ()  # what else the page shows (story title, dates): re-render when it changes
    render_seconds: float = 0.0  # time of the last HTML render (0 until rendered)
    made: float = field(default_factory=time.time)

    @property
    def etag(self) -> str:
        return f'"{self.brief.id}-{int(self.made * 1000)}"'


class BriefCache:
    def __init__(self, size: int = 32) -> None:
        self.size = max(1, size)
        self._items: OrderedDict[CacheKey, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[CacheKey, threading.Lock] = {}
        self.hits = 0
        self.misses = 0

    def peek(self, key: CacheKey) -> Entry | None:
        with self._lock:
            entry = self._items.get(key)
            if entry is not None:
                self._items.move_to_end(key)
                self.hits += 1
            return entry

    def get(self, key: CacheKey, build: Callable[[], Brief]) -> Entry:
        entry = self.peek(key)
        if entry is not None:
            return entry
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        try:
            with building:
                # Another thread may have built it while this one waited for the key's lock.
                with self._lock:
                    entry = self._items.get(key)
                if entry is None:
                    started = time.perf_counter()
                    brief = build()
                    entry = Entry(brief, time.perf_counter() - started)
                    with self._lock:
                        self.misses += 1
                        self._items[key] = entry
                        while len(self._items) > self.size:
                            self._items.popitem(last=False)
        finally:
            with self._lock:
                self._building.pop(key, None)
        return entry

    def __len__(self) -> int:
        return len(self._items)

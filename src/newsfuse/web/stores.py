"""The web app's view of the store: one `Store` per thread, and story ids as URLs give them.

The store's connection may cross threads, but a connection per thread lets SQLite (in WAL mode)
serve many readers at once instead of one after another. Writes (ingest) are serialised here: the
grouper reads the stories' state before it writes, so two ingests at once could both start a story
for the same event.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsfuse.store import Store

# SQLite integers are 64-bit; a longer run of digits cannot be a story id (and would overflow).
MAX_STORY_ID = 2**63 - 1


def parse_story_id(value: str) -> int | None:
    """The store's id for a story id from a URL, or None when it cannot be one."""
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if number <= MAX_STORY_ID else None


class StorePool:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._opened: list[Store] = []
        self._lock = threading.Lock()
        self.writing = threading.Lock()
        # Bumped by close(): a thread holding a store from before then opens a new one (an app can be
        # started and stopped more than once, as test clients do).
        self._generation = 0

    def get(self) -> Store:
        held: tuple[int, Store] | None = getattr(self._local, "store", None)
        if held is not None and held[0] == self._generation:
            return held[1]
        store = Store.open(self.path, must_exist=True)
        with self._lock:
            self._local.store = (self._generation, store)
            self._opened.append(store)
        return store

    @contextmanager
    def writer(self) -> Iterator[Store]:
        with self.writing:
            yield self.get()

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
            self._generation += 1
        for store in opened:
            store.close()

"""The brief cache: one computation per key however many readers wait, LRU eviction, fresh key when a
story's articles change."""

from __future__ import annotations

import threading
import time

import pytest

from newsfuse.types import Brief
from newsfuse.web.cache import BriefCache, cache_key


def _brief(name: str) -> Brief:
    return Brief(id=name, sources=[], summary=[], claims=[], unique={})


def test_web_cache_builds_once_for_concurrent_readers() -> None:
    cache = BriefCache(4)
    calls = 0
    lock = threading.Lock()

    def build() -> Brief:
        nonlocal calls
        with lock:
            calls += 1
        time.sleep(0.05)
        return _brief("s")

    key = cache_key(1, ["a", "b"])
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get(key, build).brief.id)) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == 1
    assert results == ["s"] * 20


def test_web_cache_evicts_least_recently_used() -> None:
    cache = BriefCache(2)
    for number, name in ((1, "a"), (2, "b")):
        cache.get(cache_key(number, [name]), lambda name=name: _brief(name))
    cache.get(cache_key(1, ["a"]), lambda: _brief("never"))  # a is now the most recent
    cache.get(cache_key(3, ["c"]), lambda: _brief("c"))
    assert cache.peek(cache_key(2, ["b"])) is None
    assert cache.peek(cache_key(1, ["a"])) is not None
    assert len(cache) == 2


def test_web_cache_key_changes_when_the_story_gains_an_article() -> None:
    assert cache_key(1, ["a", "b"]) != cache_key(1, ["a", "b", "c"])
    assert cache_key(1, ["a", "b"]) == cache_key(1, ["a", "b"])


def test_web_cache_failed_build_is_not_cached() -> None:
    cache = BriefCache(2)
    key = cache_key(1, ["a"])

    def broken() -> Brief:
        raise RuntimeError("model failed")

    with pytest.raises(RuntimeError):
        cache.get(key, broken)
    assert cache.get(key, lambda: _brief("ok")).brief.id == "ok"

"""Where the stream's per-article stage runs: a local process pool, or a Ray cluster. Stages never
know which, and the executors never see the store: `newsfuse.stream` hands them batches of articles
and gets back their features, in order.

The per-article stage is what costs (the sentence embedding above all; then tokenising, stemming,
hashing shingles), and it is what the executors spread over cores or nodes. Grouping, the one
global stage, stays in the driver (`newsfuse.stream` says why). Executors are found by name in
`ENGINES`; a new one is a class with the `Executor` methods and an entry there.

Only `RayEngine` imports ray, and only when it is built.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any, Protocol, TypeVar

import numpy as np

from newsfuse.clean import clean_article
from newsfuse.config import Engine
from newsfuse.errors import ConfigError, MissingDependencyError
from newsfuse.stories.features import Features, features_batch
from newsfuse.stories.group import CHUNK
from newsfuse.types import Article

T = TypeVar("T")


class Executor(Protocol):
    """Runs the per-article stage over a batch of articles, keeping their order."""

    name: str
    batch: int  # how many articles to hand it at once (ingest rounds it to whole grouping chunks)

    def start(self) -> None:
        """Get ready (start workers); called once, from the main thread, before any `features`."""

    def features(self, articles: list[Article], embedder: str | None, cross: str | None = None) -> list[Features]:
        """`embedder`: the model that gives each article a vector (None: words only); `cross`: the
        multilingual one that gives each article it reads an `xvector` (None: none, and no anchors)."""
        ...

    def clean(self, articles: list[Article]) -> list[Article]:
        """The raw articles cleaned (`clean.clean_article`), in order: the reader's hook
        (`ingest.iter_articles(clean_many=...)`), so that cleaning runs where the features do."""
        ...

    def close(self) -> None: ...


class LocalEngine:
    """A process pool using every core (or `workers`); `workers=1` runs in this process."""

    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        # Enough articles per hand-off that pickling is small beside the work (about 1 ms an article).
        self.batch = CHUNK
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Fork the workers now, from the main thread, before the ingest starts its helper thread:
        forking while other threads hold locks can deadlock a child. (Not "spawn": it re-imports the
        caller's __main__, which breaks any script without an `if __name__ == "__main__"` guard.)"""
        if self.workers > 1 and self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                             initializer=die_with_parent, initargs=(os.getpid(),))
            for _ in self._pool.map(abs, range(self.workers)):  # make every worker exist
                pass

    def features(self, articles: list[Article], embedder: str | None, cross: str | None = None) -> list[Features]:
        # One model thread per worker: the workers already use every core.
        return self._shared(articles, partial(features_batch, embedder=embedder, cross=cross),
                            partial(features_batch, embedder=embedder, threads=1, cross=cross))

    def clean(self, articles: list[Article]) -> list[Article]:
        """In the pool's workers, like the features: in the driver, the cleaner would be half of its
        work for words-only grouping (docs/benchmarks-stories.md, "Throughput and memory")."""
        return self._shared(articles, clean_articles, clean_articles)

    def _shared(self, articles: list[Article], here: Callable[[list[Article]], list[T]],
                there: Callable[[list[Article]], list[T]]) -> list[T]:
        """`there` on an equal part of `articles` in each worker, the results in order; `here` on all
        of them in this process when there is one worker or too few articles to share."""
        if self.workers == 1 or len(articles) < 2 * self.workers:
            return here(articles)
        if self._pool is None:
            self.start()
        assert self._pool is not None
        size = -(-len(articles) // self.workers)
        out: list[T] = []
        for part in self._pool.map(there, [articles[i:i + size] for i in range(0, len(articles), size)]):
            out.extend(part)
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def clean_articles(articles: list[Article]) -> list[Article]:
    return [clean_article(a) for a in articles]


def die_with_parent(parent: int) -> None:
    """Make this worker end when `parent` does, however it ends (`kill -9` included): a pool worker
    holding a model is hundreds of MB. Linux: the kernel sends SIGKILL (PR_SET_PDEATHSIG). Everywhere:
    a watchdog thread that exits once the parent pid is gone (the worker is re-parented)."""
    import signal
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above ran
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="newsfuse-parent-watch", daemon=True).start()


class RayEngine:
    """Ray Data for the per-article stage, on `address` ("auto": a running cluster; None: a local one)."""

    name = "ray"

    def __init__(self, address: str | None = None, num_cpus: int | None = None, batch: int = 8 * CHUNK) -> None:
        try:
            import ray
        except ImportError:
            raise MissingDependencyError("the ray engine", "newsfuse[ray]") from None
        self._ray = ray
        self.batch = batch  # Ray Data has a fixed cost per dataset: hand it several chunks at once
        if not ray.is_initialized():
            try:
                ray.init(address=address, num_cpus=num_cpus if address is None else None, include_dashboard=False,
                         log_to_driver=False, configure_logging=False)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise ConfigError(f"cannot reach the Ray cluster at {address!r}: {exc}",
                                  hint="start one with `ray start --head`, or use --engine local") from None
        from ray.data import DataContext

        DataContext.get_current().enable_progress_bars = False

    def start(self) -> None:
        """Ray starts its workers itself."""

    def clean(self, articles: list[Article]) -> list[Article]:
        """In the driver: a Ray task per block would cost more than the cleaning."""
        return clean_articles(articles)

    def features(self, articles: list[Article], embedder: str | None, cross: str | None = None) -> list[Features]:
        if not articles:
            return []
        items = [{"pos": i, "id": a.id, "title": a.title, "text": a.text, "language": a.language}
                 for i, a in enumerate(articles)]
        dataset = self._ray.data.from_items(items).map_batches(partial(_ray_features, embedder=embedder, cross=cross),
                                                               batch_size=CHUNK // 2)
        rows = sorted(dataset.take_all(), key=lambda r: int(r["pos"]))
        return [_features_from_row(r) for r in rows]

    def close(self) -> None:
        """The cluster is left running: it may serve other work (and `ray.shutdown()` is the user's call)."""


def _ray_features(batch: dict[str, np.ndarray], embedder: str | None, cross: str | None = None) -> dict[str, list[Any]]:
    """The per-article stage as a Ray Data batch function: plain columns in, plain columns out."""
    articles = [Article(id=str(i), text=str(t), title=str(h), language=str(lang)) for i, t, h, lang in
                zip(batch["id"], batch["text"], batch["title"], batch["language"], strict=True)]
    feats = features_batch(articles, embedder, threads=1, cross=cross)
    return {"pos": [int(p) for p in batch["pos"]], "id": [f.id for f in feats],
            "terms": [f.terms.tobytes() for f in feats], "weights": [f.weights.tobytes() for f in feats],
            "minhash": [f.minhash.tobytes() for f in feats], "shingles": [f.shingles for f in feats],
            "stems": [f.stems for f in feats], "hash": [f.content_hash for f in feats],
            "vector": [f.vector.tobytes() for f in feats], "xvector": [f.xvector.tobytes() for f in feats],
            "anchors": [f.anchors.tobytes() for f in feats], "anchor_weights": [f.anchor_weights.tobytes() for f in feats],
            "figures": [f.figures.tobytes() for f in feats], "measures": [f.measures.tobytes() for f in feats]}


def _features_from_row(row: dict[str, Any]) -> Features:
    return Features(str(row["id"]), np.frombuffer(row["terms"], np.int32).copy(),
                    np.frombuffer(row["weights"], np.float32).copy(), np.frombuffer(row["minhash"], np.uint32).copy(),
                    int(row["shingles"]), int(row["stems"]), str(row["hash"]),
                    np.frombuffer(row["vector"], np.float32).copy(), np.frombuffer(row["xvector"], np.float32).copy(),
                    np.frombuffer(row["anchors"], np.int32).copy(), np.frombuffer(row["anchor_weights"], np.float32).copy(),
                    np.frombuffer(row["figures"], np.int32).copy(), np.frombuffer(row["measures"], np.int32).copy())


# Each engine by name, built from (workers, address): `workers` is processes for the local pool and
# CPUs for a new local Ray; `address` is a Ray cluster's ("auto": the running one).
ENGINES: dict[str, Callable[[int | None, str | None], Executor]] = {
    "local": lambda workers, address: LocalEngine(workers),
    "ray": lambda workers, address: RayEngine(address, num_cpus=workers),
}


def make_engine(chosen: Engine | None = None) -> Executor:
    """The executor the `engine` settings name (`Engine()`: a local pool over every core)."""
    chosen = chosen or Engine()
    build = ENGINES.get(chosen.name)
    if build is None:
        raise ConfigError(f"unknown engine '{chosen.name}'", hint=f"choose one of: {', '.join(ENGINES)}")
    return build(chosen.workers or None, chosen.address or None)

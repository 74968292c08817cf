"""Where the ingest runs: a local process pool, or a Ray cluster. Stages never know which.

    articles ─► per-article stage (features: embedding, hashed terms, MinHash, content hash)  ← pool / Ray Data
             ─► duplicates (store lookups) ─► grouping (stories.group) ─► store (one transaction per chunk)

The per-article stage is what costs (the sentence embedding above all; then tokenising, stemming,
hashing shingles), and it is what the executors spread over cores or nodes. Grouping is the one
global stage; it runs in the driver on chunks of `CHUNK` articles in input order, at 3,000+
articles/s on one core, and holds only the live stories (those not yet quiet) in memory. Keeping it
in one place is what makes both executors give the same stories: splitting it across nodes by time
window would change the result at every window's seam (docs/benchmarks-stories.md).

Only `RayEngine` imports ray, and only when it is built.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol

import numpy as np

from newsfuse.errors import ConfigError, MissingDependencyError, NewsfuseError
from newsfuse.ingest.dates import in_window
from newsfuse.store import WRITE_WAIT, AddResult, ArticleRow, ChunkWrite, Store, StoryWrite, story_title
from newsfuse.stories.features import Features, content_hash, embedder_here, features_batch
from newsfuse.stories.group import CHUNK, DocumentFrequencies, GroupConfig, Item, StoryGrouper, StoryState
from newsfuse.types import Article

ENGINES = ("local", "ray")
DEFAULT_GROUP_EMBEDDER = "minilm-onnx"
NO_EMBEDDER = "none"  # group by words alone: about 10× the throughput, 0.005–0.014 B-cubed F1 less


class Executor(Protocol):
    """Runs the per-article stage over a batch of articles, keeping their order."""

    name: str
    batch: int  # how many articles to hand it at once (ingest rounds it to whole grouping chunks)

    def start(self) -> None:
        """Get ready (start workers); called once, from the main thread, before any `features`."""

    def features(self, articles: list[Article], embedder: str | None) -> list[Features]:
        """`embedder`: the model that gives each article a vector (None: words only)."""
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

    def features(self, articles: list[Article], embedder: str | None) -> list[Features]:
        if self.workers == 1 or len(articles) < 2 * self.workers:
            return features_batch(articles, embedder)
        if self._pool is None:
            self.start()
        assert self._pool is not None
        size = -(-len(articles) // self.workers)
        parts = [articles[i:i + size] for i in range(0, len(articles), size)]
        out: list[Features] = []
        # One model thread per worker: the workers already use every core.
        for part in self._pool.map(partial(features_batch, embedder=embedder, threads=1), parts):
            out.extend(part)
        return out

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


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

    def features(self, articles: list[Article], embedder: str | None) -> list[Features]:
        if not articles:
            return []
        items = [{"pos": i, "id": a.id, "title": a.title, "text": a.text, "language": a.language}
                 for i, a in enumerate(articles)]
        dataset = self._ray.data.from_items(items).map_batches(partial(_ray_features, embedder=embedder),
                                                               batch_size=CHUNK // 2)
        rows = sorted(dataset.take_all(), key=lambda r: int(r["pos"]))
        return [_features_from_row(r) for r in rows]

    def close(self) -> None:
        """The cluster is left running: it may serve other work (and `ray.shutdown()` is the user's call)."""


def _ray_features(batch: dict[str, np.ndarray], embedder: str | None) -> dict[str, list[Any]]:
    """The per-article stage as a Ray Data batch function: plain columns in, plain columns out."""
    articles = [Article(id=str(i), text=str(t), title=str(h), language=str(lang)) for i, t, h, lang in
                zip(batch["id"], batch["text"], batch["title"], batch["language"], strict=True)]
    feats = features_batch(articles, embedder, threads=1)
    return {"pos": [int(p) for p in batch["pos"]], "id": [f.id for f in feats],
            "terms": [f.terms.tobytes() for f in feats], "weights": [f.weights.tobytes() for f in feats],
            "minhash": [f.minhash.tobytes() for f in feats], "shingles": [f.shingles for f in feats],
            "stems": [f.stems for f in feats], "hash": [f.content_hash for f in feats],
            "vector": [f.vector.tobytes() for f in feats]}


def _features_from_row(row: dict[str, Any]) -> Features:
    return Features(str(row["id"]), np.frombuffer(row["terms"], np.int32).copy(),
                    np.frombuffer(row["weights"], np.float32).copy(), np.frombuffer(row["minhash"], np.uint32).copy(),
                    int(row["shingles"]), int(row["stems"]), str(row["hash"]),
                    np.frombuffer(row["vector"], np.float32).copy())


def make_engine(name: str = "local", *, workers: int | None = None, address: str | None = None) -> Executor:
    if name == "local":
        return LocalEngine(workers)
    if name == "ray":
        return RayEngine(address, num_cpus=workers)
    raise ConfigError(f"unknown engine '{name}'", hint=f"choose one of: {', '.join(ENGINES)}")


# --- the ingest --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Progress:
    """Reported after each committed chunk."""

    read: int
    new: int
    duplicates: int
    stories: int


def grouper_for(store: Store, config: GroupConfig | None = None) -> StoryGrouper:
    """A grouper that goes on where the store's last committed chunk left off."""
    config = config or GroupConfig()
    terms, counts, docs = store.load_df()
    df = DocumentFrequencies(docs=docs)
    df.counts[terms] = counts
    clock = int(store.get_meta("clock", "0"))
    horizon = clock - config.quiet_days
    live = store.live_stories(horizon) if clock else []
    recent = store.recent_sketches(horizon) if clock else iter(())
    return StoryGrouper(config, df=df, live=live, next_id=int(store.get_meta("next_story", "1")), clock=clock,
                        dormant=store.quiet_stories, recent=recent)


def _days(articles: Sequence[Article], clock: int, today: int) -> list[int]:
    """The day each article is grouped on. An undated article is placed where the stream is — the
    latest date among its chunk's dated articles, else the latest day the store has seen — and on
    the ingest day only when nothing is dated: a folder of reports of one event where one carries
    the date (the seeds) must not split into "then" and "today"."""
    dated = [a.published.toordinal() for a in articles if a.published]
    fallback = max(dated) if dated else clock or today
    return [a.published.toordinal() if a.published else fallback for a in articles]


def grouping_embedder(store: Store, asked: str | None) -> str:
    """The embedder this store groups with: the one it was made with, else `asked`, else the default.
    One store, one model: story vectors from two models cannot be compared."""
    made_with = store.get_meta("group_embedder", "")
    if made_with and asked and asked != made_with:
        raise ConfigError(f"this store groups articles with the embedder '{made_with}', not '{asked}'",
                          path=str(store.path), hint=f"ingest with --embedder {made_with}, or into a new --db")
    return made_with or asked or DEFAULT_GROUP_EMBEDDER


def store_id(article: Article) -> Article:
    """Give an article whose id newsfuse made up (a file stem, a line number, "text-N") an id derived
    from its content: a later dump with the same name and line numbers but other articles must not be
    taken for the stored ones. The same text gets the same id, so a true re-read is still a duplicate."""
    if article.id_made:
        article.id = f"{article.id}-{content_hash(article.text)[:12]}"
        article.id_made = False
    if not in_window(article.published):  # 0001-01-01 from a caller's own Article: undated, not broken
        article.published, article.published_from = None, ""
    return article


def ingest(articles: Iterable[Article], store: Store, engine: Executor | None = None, *,
           config: GroupConfig | None = None, embedder: str | None = None, today: dt.date | None = None,
           on_progress: Callable[[Progress], None] | None = None, wait: float | None = None) -> AddResult:
    """Store `articles` (cleaned) and group them into stories, a chunk per transaction.

    An article already stored — same id, URL or content — is counted as a duplicate and not stored
    again (its id is kept as an alias of the stored one). Undated articles are placed where the
    stream is (see `_days`), on `today` when nothing is dated. `embedder` names the sentence model
    whose vectors join the words in grouping ("none": words only); see `grouping_embedder`.

    One ingest writes to a store at a time, across processes (`Store.writing`): another one waits up
    to `wait` seconds, then fails with StoreError. Articles whose id was made up get one from their
    content (`store_id`).
    """
    with store.writing(WRITE_WAIT if wait is None else wait):
        return _ingest((store_id(a) for a in articles), store, engine, config=config, embedder=embedder,
                       today=today, on_progress=on_progress)


def _ingest(articles: Iterable[Article], store: Store, engine: Executor | None, *, config: GroupConfig | None,
            embedder: str | None, today: dt.date | None,
            on_progress: Callable[[Progress], None] | None) -> AddResult:
    engine = engine or LocalEngine()
    name = grouping_embedder(store, embedder)
    model = None if name == NO_EMBEDDER else name
    engine.start()
    if model:
        # A missing or broken model fails here, before any work (and after the pool forked: a worker
        # must not inherit a loaded model's threads).
        embedder_here(model, None)
    grouper = grouper_for(store, config)
    day_of_ingest = (today or dt.date.today()).toordinal()
    result = AddResult()
    # The next batch's features are computed while this one is grouped and written. When the input
    # fails part-way (a truncated archive), what was read before the failure is still committed.
    with ThreadPoolExecutor(1) as ahead:
        pending: tuple[list[Article], Future[list[Features]]] | None = None
        try:
            # Whole chunks only: the stories depend on where chunks start, never on the engine's batch.
            for batch in _batches(articles, max(CHUNK, engine.batch // CHUNK * CHUNK)):
                future = ahead.submit(engine.features, batch, model)
                if pending is not None:
                    _commit_batch(pending[0], pending[1].result(), store, grouper, day_of_ingest, result,
                                  on_progress, name)
                pending = (batch, future)
        finally:
            if pending is not None:
                _commit_batch(pending[0], pending[1].result(), store, grouper, day_of_ingest, result, on_progress,
                              name)
    return result


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _commit_batch(batch: list[Article], feats: list[Features], store: Store, grouper: StoryGrouper,
                  today: int, result: AddResult, on_progress: Callable[[Progress], None] | None,
                  embedder: str) -> None:
    for lo in range(0, len(batch), CHUNK):
        _commit_chunk(batch[lo:lo + CHUNK], feats[lo:lo + CHUNK], store, grouper, today, result, embedder)
        if on_progress:
            on_progress(Progress(result.read, result.new, result.duplicates, result.stories))


def _commit_chunk(articles: list[Article], feats: list[Features], store: Store, grouper: StoryGrouper,
                  today: int, result: AddResult, embedder: str) -> None:
    result.read += len(articles)
    known = store.find_duplicates(articles, [f.content_hash for f in feats])
    write = ChunkWrite(first_story=grouper.next_id)
    fresh: list[tuple[Article, Features]] = []
    seen: dict[str, str] = {}  # id / url / content hash in this chunk → article id
    for article, f in zip(articles, feats, strict=True):
        keys = [("same content", "hash:" + f.content_hash)]
        if article.url:
            keys.append(("same URL", "url:" + article.url))
        keys.append(("same id", "id:" + article.id))
        dup = known.get(article.id) or next(((seen[k], why) for why, k in keys if k in seen), None)
        if dup is not None:
            result.duplicates += 1
            result.duplicate_reasons[dup[1]] = result.duplicate_reasons.get(dup[1], 0) + 1
            if dup[0] != article.id:
                write.aliases.append((article.id, dup[0], dup[1]))
            continue
        for _, key in keys:
            seen[key] = article.id
        fresh.append((article, f))
    if fresh:
        days = _days([a for a, _ in fresh], grouper.clock, today)
        chunk = grouper.group([Item(a.id, d, f) for (a, f), d in zip(fresh, days, strict=True)])
        first_of: dict[int, Article] = {}
        for (article, f), day, assignment in zip(fresh, days, chunk.assignments, strict=True):
            write.articles.append(ArticleRow(article, f.content_hash, day, assignment.story, assignment.copy_of,
                                             f.minhash, f.shingles))
            if article.outlet:
                write.outlets.setdefault(assignment.story, []).append(article.outlet)
            if assignment.new_story:
                first_of[assignment.story] = article
                result.stories += 1
            if assignment.copy_of:
                result.copies += 1
        write.stories = [_story_write(s, first_of.get(s.id)) for s in chunk.changed]
        write.df_terms, write.df_counts = chunk.df_terms, chunk.df_counts
        result.new += len(fresh)
    write.meta = {"docs": grouper.df.docs, "next_story": grouper.next_id, "clock": grouper.clock,
                  "group_embedder": embedder}
    store.commit_chunk(write)


def _story_write(state: StoryState, first: Article | None) -> StoryWrite:
    return StoryWrite(state.id, story_title(first) if first else "", state.size, state.first_day, state.last_day,
                      state.joinable, state.terms, state.weights, state.vector, state.hub)


__all__ = ["ENGINES", "Executor", "LocalEngine", "NewsfuseError", "Progress", "RayEngine", "grouper_for", "ingest",
           "make_engine"]

"""The stream pipeline: articles in, stored once and grouped into stories, a chunk per transaction.

    articles ─► per-article stage (features: embedding, hashed terms, MinHash, content hash)  ← engine
             ─► duplicates (store lookups) ─► grouping (stories.group) ─► store (one transaction per chunk)

This is the stream's counterpart of `pipeline.py` (briefs): it holds the order of the stages and
what crosses them (`Progress`, `AddResult`), apart from where the per-article stage runs (`engine`:
a local pool or Ray, which never see the store) and from how articles are kept (`store`: SQLite,
which never sees a stage). Grouping is the one global stage; it runs here, in the driver, on chunks
of `CHUNK` articles in input order, at 3,000+ articles/s on one core, holding only the live stories
(those not yet quiet) in memory. Keeping it in one place is what makes both executors give the same
stories: splitting it across nodes by time window would change the result at every window's seam
(docs/benchmarks-stories.md).

    with Store.open("news.db") as store:
        result = ingest(articles, store, LocalEngine(workers=1))   # → AddResult(new=..., duplicates=...)
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from newsfuse.config import NO_EMBEDDER, WORDS_WITHIN, Grouping, Settings, load_settings
from newsfuse.embed import EMBEDDER_LANGUAGES, FORK_SAFE
from newsfuse.engine import Executor, LocalEngine
from newsfuse.errors import ConfigError
from newsfuse.ingest.dates import in_window
from newsfuse.store import WRITE_WAIT, Store
from newsfuse.store_history import story_heads
from newsfuse.store_rows import ArticleRow, ChunkWrite, StoryWrite
from newsfuse.stories.features import Features, content_hash, embedder_here
from newsfuse.stories.group import CHUNK, ChunkResult, DocumentFrequencies, Item, StoryGrouper
from newsfuse.stories.headline import choose_headline
from newsfuse.stories.state import StoryState
from newsfuse.types import Article, Skipped

HEADLINE_MEMBERS = 200  # a story's headline is chosen among its first members (and the chunk's new ones)


@dataclass(slots=True)
class AddResult:
    """What an ingest did: articles stored, duplicates not stored again, and what was skipped."""

    new: int = 0
    duplicates: int = 0
    copies: int = 0  # stored, but near-copies of another article (wire reprints): same story, same origin
    stories: int = 0  # stories started
    read: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    # How each duplicate was recognised: "same content", "same URL", "same id" → count.
    duplicate_reasons: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Progress:
    """Reported after each committed chunk."""

    read: int
    new: int
    duplicates: int
    stories: int


def grouper_for(store: Store, config: Grouping | None = None) -> StoryGrouper:
    """A grouper that goes on where the store's last committed chunk left off."""
    config = config or Grouping()
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


def grouping_embedder(store: Store, settings: Settings) -> str:
    """The embedder this store groups with: the one it was made with, else the `group.embedder`
    setting, else the brief's `embedder`. One store, one model: story vectors from two models cannot
    be compared, so asking a store for another model (`group.embedder`) is refused."""
    made_with = store.get_meta("group_embedder", "")
    asked = settings.group.embedder
    if made_with and asked and asked != made_with:
        raise ConfigError(f"this store groups articles with the embedder '{made_with}', not '{asked}'",
                          path=str(store.path), hint=f"ingest with --embedder {made_with}, or into a new --db")
    return made_with or settings.group_embedder


def cross_embedder(store: Store, settings: Settings, grouping: str) -> str:
    """The multilingual model this store groups across languages with: the one it was made with,
    else the `cross_embedder` setting; none with a grouping model not known to read fewer languages
    than any (`embed.EMBEDDER_LANGUAGES`) and when grouping is by words alone (`NO_EMBEDDER`, the
    fastest mode). Grouping by words within a language (`WORDS_WITHIN`) keeps it for the pairs of two
    languages. A store made before it (stories without cross vectors) takes the setting: its old
    stories meet other languages by their words, new ones by both."""
    if grouping == NO_EMBEDDER or (grouping != WORDS_WITHIN and grouping not in EMBEDDER_LANGUAGES):
        return NO_EMBEDDER
    return store.get_meta("cross_embedder", "") or settings.cross_embedder


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
           settings: Settings | None = None, today: dt.date | None = None,
           on_progress: Callable[[Progress], None] | None = None, wait: float | None = None) -> AddResult:
    """Store `articles` (cleaned) and group them into stories, a chunk per transaction.

    An article already stored — same id, URL or content — is counted as a duplicate and not stored
    again (its id is kept as an alias of the stored one). Undated articles are placed where the
    stream is (see `_days`), on `today` when nothing is dated. `settings` (resolved, else loaded)
    give the grouping knobs (`group`) and the sentence model whose vectors join the words
    (`grouping_embedder`); the store records them (meta `settings`).

    One ingest writes to a store at a time, across processes (`Store.writing`): another one waits up
    to `wait` seconds, then fails with StoreError. Articles whose id was made up get one from their
    content (`store_id`).
    """
    with store.writing(WRITE_WAIT if wait is None else wait):
        return _ingest((store_id(a) for a in articles), store, engine, settings=settings or load_settings(),
                       today=today, on_progress=on_progress)


def _ingest(articles: Iterable[Article], store: Store, engine: Executor | None, *, settings: Settings,
            today: dt.date | None, on_progress: Callable[[Progress], None] | None) -> AddResult:
    engine = engine or LocalEngine()
    name = grouping_embedder(store, settings)
    model = None if name in {NO_EMBEDDER, WORDS_WITHIN} else name
    cross_name = cross_embedder(store, settings, name)
    cross = None if cross_name == NO_EMBEDDER else cross_name
    # A missing or broken model fails here, before any work. A model that runs in numpy alone
    # (`embed.FORK_SAFE`: USE-m) is loaded before the pool forks, so that its workers share it
    # instead of each loading it again (1–2.5 s of CPU each); any other after the fork: a worker
    # must not inherit an ONNX session's threads.
    for needed in (model, cross):
        if needed and needed in FORK_SAFE:
            embedder_here(needed, None)
    engine.start()
    for needed in (model, cross):
        if needed and needed not in FORK_SAFE:
            embedder_here(needed, None)
    grouper: StoryGrouper | None = None  # read from the store when the first unknown article comes
    meta = {"group_embedder": name, "cross_embedder": cross_name, "settings": json.dumps(settings.to_dict(), sort_keys=True)}
    day_of_ingest = (today or dt.date.today()).toordinal()
    result = AddResult()
    # The next batch's features are computed while this one is grouped and written. When the input
    # fails part-way (a truncated archive), what was read before the failure is still committed.
    with ThreadPoolExecutor(1) as ahead:
        pending: tuple[list[Article], Future[list[Features]]] | None = None
        try:
            # Whole chunks only: the stories depend on where chunks start, never on the engine's batch.
            for batch in _batches(articles, max(CHUNK, engine.batch // CHUNK * CHUNK)):
                stored = _stored(store, batch)
                if all(a.id in stored for a in batch):  # a re-ingest: counted, aliases kept, nothing grouped
                    if pending is not None:
                        assert grouper is not None
                        _commit_batch(pending[0], pending[1].result(), store, grouper, day_of_ingest, result,
                                      on_progress, meta)
                        pending = None
                    _commit_known(batch, stored, store, result, on_progress)
                    continue
                grouper = grouper or grouper_for(store, settings.group)
                future = ahead.submit(_features, engine, batch, model, set(stored), cross)
                if pending is not None:
                    _commit_batch(pending[0], pending[1].result(), store, grouper, day_of_ingest, result,
                                  on_progress, meta)
                pending = (batch, future)
        finally:
            if pending is not None and grouper is not None:
                _commit_batch(pending[0], pending[1].result(), store, grouper, day_of_ingest, result, on_progress,
                              meta)
    return result


def _stored(store: Store, batch: list[Article]) -> dict[str, tuple[str, str]]:
    """The batch's articles the store holds already (same content, URL or id; id → (stored id, reason)):
    the fast path of a re-ingest. Looked up before any feature is computed; in a batch with new
    articles `_commit_chunk` finds them again as duplicates, in the same chunks as before, so the
    stories are the same as without it."""
    return store.find_duplicates(batch, [content_hash(a.text) for a in batch])


def _commit_known(batch: list[Article], stored: dict[str, tuple[str, str]], store: Store, result: AddResult,
                  on_progress: Callable[[Progress], None] | None) -> None:
    """A batch the store holds entirely: what `_commit_chunk` does for duplicates (count them, keep a
    new id as an alias), without the grouper (nothing of its state changes)."""
    for lo in range(0, len(batch), CHUNK):
        write = ChunkWrite()
        for article in batch[lo:lo + CHUNK]:
            stored_id, why = stored[article.id]
            result.read += 1
            result.duplicates += 1
            result.duplicate_reasons[why] = result.duplicate_reasons.get(why, 0) + 1
            if stored_id != article.id:
                write.aliases.append((article.id, stored_id, why))
        if write.aliases:
            store.commit_chunk(write)
        if on_progress:
            on_progress(Progress(result.read, result.new, result.duplicates, result.stories))


def _features(engine: Executor, batch: list[Article], model: str | None, stored: set[str],
              cross: str | None = None) -> list[Features]:
    """Features of the articles not stored yet; a stored one gets only its content hash (it is a
    duplicate: nothing else of it is read)."""
    fresh = [a for a in batch if a.id not in stored]
    computed = iter(engine.features(fresh, model, cross) if fresh else [])
    empty = np.zeros(0, np.int32)
    return [Features(a.id, empty, np.zeros(0, np.float32), np.zeros(0, np.uint32), 0, 0, content_hash(a.text))
            if a.id in stored else next(computed) for a in batch]


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
                  meta: dict[str, str]) -> None:
    for lo in range(0, len(batch), CHUNK):
        _commit_chunk(batch[lo:lo + CHUNK], feats[lo:lo + CHUNK], store, grouper, today, result, meta)
        if on_progress:
            on_progress(Progress(result.read, result.new, result.duplicates, result.stories))


def _commit_chunk(articles: list[Article], feats: list[Features], store: Store, grouper: StoryGrouper,
                  today: int, result: AddResult, meta: dict[str, str]) -> None:
    """`meta`: what the store records of this ingest besides the grouper's state (the embedder and
    the resolved settings)."""
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
        chunk = grouper.group([Item(a.id, d, f, a.published is not None) for (a, f), d in zip(fresh, days, strict=True)])
        joined: dict[int, list[Article]] = {}
        for (article, f), day, assignment in zip(fresh, days, chunk.assignments, strict=True):
            write.articles.append(ArticleRow(article, f.content_hash, day, assignment.story, assignment.copy_of,
                                             f.minhash, f.shingles))
            if article.outlet:
                write.outlets.setdefault(assignment.story, []).append(article.outlet)
            joined.setdefault(assignment.story, []).append(article)
            if assignment.new_story:
                result.stories += 1
            if assignment.copy_of:
                result.copies += 1
        write.merged = chunk.merged
        write.split = [(new, source, [a for a, s in chunk.moved.items() if s == new]) for new, source in chunk.split]
        titles = story_titles(store, joined, reconciled_heads(store, chunk))
        write.stories = [_story_write(s, titles.get(s.id, "")) for s in chunk.changed]
        write.df_terms, write.df_counts = chunk.df_terms, chunk.df_counts
        result.new += len(fresh)
    write.meta = {"docs": grouper.df.docs, "next_story": grouper.next_id, "clock": grouper.clock, **meta}
    store.commit_chunk(write)


def _story_write(state: StoryState, title: str) -> StoryWrite:
    return StoryWrite(state.id, title, state.size, state.first_day, state.last_day,
                      state.joinable, state.terms, state.weights, state.vector, state.hub, state.xvector,
                      state.anchor_terms, state.anchor_weights)


def reconciled_heads(store: Store, chunk: ChunkResult) -> dict[int, list[tuple[str, str]]]:
    """The (title, start of text) of the stored articles a merge or a split moves, by the story they
    end in; and for a story a split takes articles from, the heads it keeps (its own without them)."""
    out: dict[int, list[tuple[str, str]]] = {}
    for gone, into in chunk.merged:
        out.setdefault(into, story_heads(store, into, HEADLINE_MEMBERS)).extend(story_heads(store, gone, HEADLINE_MEMBERS))
    for new, source in chunk.split:
        moved = {a for a, s in chunk.moved.items() if s == new}
        out[new] = [(a.title, a.text[:800]) for a in store.articles(sorted(moved))]
        out[source] = [(a.title, a.text[:800]) for a in store.story_articles(source)[:HEADLINE_MEMBERS]
                       if a.id not in chunk.moved]
    return out


def story_titles(store: Store, joined: dict[int, list[Article]],
                 heads: dict[int, list[tuple[str, str]]] | None = None) -> dict[int, str]:
    """The headline of each story that `joined` adds articles to (or `heads` gives the stored heads
    of, after a merge or split), chosen again among its stored members and the new ones
    (`stories.headline`): a better headline that joins replaces the old."""
    heads = heads or {}
    out: dict[int, str] = {}
    for story_id in {*joined, *heads}:
        stored = heads[story_id] if story_id in heads else story_heads(store, story_id, HEADLINE_MEMBERS)
        out[story_id] = choose_headline(stored + [(a.title, a.text[:800]) for a in joined.get(story_id, [])])
    return out

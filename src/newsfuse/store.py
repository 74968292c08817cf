"""The story store: SQLite (WAL, one transaction per chunk, schema version and migrations).

It keeps what a brief and the web app need — the cleaned articles, which story each belongs to, which
article each copies — and what grouping needs to go on where it stopped: document frequencies, the
stories' term sums and spans, the near-duplicate sketches of recent articles, and the stream clock.

A chunk of articles is committed with its story assignments in one transaction, so a `kill -9` loses
at most the chunk in flight, and a re-run skips what is stored (same id, URL or content) and finishes.

What goes in, and how stories form, is the stream pipeline's (`newsfuse.stream`); this module only
keeps it and reads it back. It imports no pipeline, engine or stage: of grouping it knows only the
record it keeps (`stories.state.StoryState`).

    with Store.open("news.db") as store:
        for story in store.stories(outlet="Reuters", since=date(2024, 5, 1)):
            print(story.id, story.title, len(story.article_ids))
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType

import numpy as np

from newsfuse.errors import StoreError
from newsfuse.store_rows import ArticleRow, ChunkWrite, StoryWrite, pack_terms, unpack_rows, unpack_terms
from newsfuse.store_versions import record_versions, relink
from newsfuse.stories.state import StoryState
from newsfuse.types import Article, Removal, Story

__all__ = ["ArticleRow", "ChunkWrite", "Store", "StoryWrite", "pack_terms"]

SCHEMA_VERSION = 9  # = len(MIGRATIONS)
# A front page's rank: size halved per day since the last activity, in log form (no clock): 2x size = 1 day.
FRONT_ORDER = "(last_day + log2(size))"


# --- schema -----------------------------------------------------------------------------------------

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,            -- ingest order
    id TEXT NOT NULL UNIQUE,
    outlet TEXT NOT NULL DEFAULT '',
    url TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    published TEXT,                     -- ISO date or NULL
    language TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    removed TEXT NOT NULL DEFAULT '[]', -- JSON [{text, reason, line, detail}]
    outlet_from TEXT NOT NULL DEFAULT '',
    published_from TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL UNIQUE,
    day INTEGER NOT NULL,               -- published date, else ingest date, as an ordinal
    ingested TEXT NOT NULL,
    story INTEGER NOT NULL,
    copy_of TEXT NOT NULL DEFAULT '',   -- the article this one is a near-copy of
    minhash BLOB,
    shingles INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url != '';
CREATE INDEX articles_story ON articles(story, seq);
CREATE INDEX articles_day ON articles(day);
CREATE TABLE aliases (                  -- ids seen again as duplicates of a stored article
    id TEXT PRIMARY KEY,
    article TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL,
    first_day INTEGER NOT NULL,
    last_day INTEGER NOT NULL,
    outlets TEXT NOT NULL DEFAULT '[]',  -- JSON, in order of first appearance
    joinable INTEGER NOT NULL DEFAULT 1,
    terms BLOB NOT NULL,
    weights BLOB NOT NULL
);
CREATE INDEX stories_span ON stories(last_day, first_day);
CREATE TABLE df (term INTEGER PRIMARY KEY, n INTEGER NOT NULL);
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='seq');
"""

# Each migration takes the database from version i to i + 1. Add new ones at the end; never edit one
# that has shipped.
# v2: stories keep the sum of their members' embeddings. A store grouped before that goes on grouping
# by words alone ("none"): its stories have no vectors to compare new articles with.
_V2 = """
ALTER TABLE stories ADD COLUMN vector BLOB NOT NULL DEFAULT x'';
INSERT INTO meta (key, value) SELECT 'group_embedder', 'none' WHERE EXISTS (SELECT 1 FROM stories)
"""

# v3: stories keep the sum of their members' hubness excess (stories/group.py). Stories grouped
# before it count as neither hubs nor loners (0).
_V3 = """
ALTER TABLE stories ADD COLUMN hub REAL NOT NULL DEFAULT 0
"""

# v4: articles keep the news agency whose copy they are (`Article.wire`), apart from their outlet.
# Articles stored before it have none recorded ('').
_V4 = """
ALTER TABLE articles ADD COLUMN wire TEXT NOT NULL DEFAULT ''
"""

# v5: `newsfuse watch` keeps what it knows of each polled source (feed, page, URL list entry): the
# validators of its last answer for a conditional GET, when it was polled, how it answered, its
# consecutive failures and the time before which it is not asked again (backoff, Retry-After).
_V5 = """
CREATE TABLE IF NOT EXISTS sources (
    url TEXT PRIMARY KEY,
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    body_hash TEXT NOT NULL DEFAULT '',     -- of the last 200 answer: an unchanged body is not parsed again
    last_polled REAL NOT NULL DEFAULT 0,    -- Unix time
    last_status INTEGER NOT NULL DEFAULT 0, -- HTTP status, 0 when no answer came
    failures INTEGER NOT NULL DEFAULT 0,
    next_after REAL NOT NULL DEFAULT 0      -- Unix time before which it is not polled
)
"""

# v6: the history of each story (issue 14): a version each time articles join it (a committed chunk),
# with what joined; and briefs of a story as of a version, cached for `newsfuse changes`
# (`store_history`). Stories grouped before it have no history: their first version is the next
# chunk that adds to them.
_V6 = """
CREATE TABLE IF NOT EXISTS story_versions (
    story INTEGER NOT NULL,
    version INTEGER NOT NULL,           -- 1, 2, ... per story
    at TEXT NOT NULL,                   -- when it was committed (UTC, ISO 8601, microseconds)
    added TEXT NOT NULL,                -- JSON: ids of the articles that joined, in ingest order
    outlets_added TEXT NOT NULL DEFAULT '[]',  -- JSON: outlets new to the story
    size INTEGER NOT NULL,              -- articles in the story after this version
    PRIMARY KEY (story, version)
);
CREATE INDEX IF NOT EXISTS story_versions_at ON story_versions(at);
CREATE TABLE IF NOT EXISTS story_briefs (           -- a cache: the brief JSON of a story as of a version
    story INTEGER NOT NULL,
    version INTEGER NOT NULL,
    settings TEXT NOT NULL,             -- a digest of the settings it was made with
    brief TEXT NOT NULL,
    PRIMARY KEY (story, version, settings)
)
"""

# v7: stories keep what groups them across languages (stories/group.py): the sum of their members'
# cross-model vectors and of their number anchors (int32 ids, then float32 weights). Stories grouped
# before it have neither: an article in another language meets them by its words only.
_V7 = """
ALTER TABLE stories ADD COLUMN xvector BLOB NOT NULL DEFAULT x'';
ALTER TABLE stories ADD COLUMN anchors BLOB NOT NULL DEFAULT x''
"""

# v8: stories merge and split after the fact (issue 15; stories/reconcile.py): a row per story merged
# into another or split from one, with the version of the other story that recorded it and the
# articles that moved. Stores made before it have none: their stories never merged or split.
_V8 = """
CREATE TABLE IF NOT EXISTS story_links (
    story INTEGER NOT NULL,             -- the story merged away, or the story split off
    kind TEXT NOT NULL,                 -- 'merged' (into other) or 'split' (from other)
    other INTEGER NOT NULL,             -- the story it merged into, or split from
    version INTEGER NOT NULL,           -- the version of `other` that records it
    at TEXT NOT NULL,                   -- when (as story_versions.at)
    articles TEXT NOT NULL DEFAULT '[]', -- JSON: ids of the articles that moved
    PRIMARY KEY (story, kind)
);
CREATE INDEX IF NOT EXISTS story_links_other ON story_links(other)
"""

# v9: a story's cross-model vectors are summed per language (issue 16; stories/languages.py), one row
# each in `xvector`, `xrows` of them, and its number anchors are tagged with their language. A story
# stored before holds one row of all its languages, untagged anchors: compared as it was.
_V9 = """
ALTER TABLE stories ADD COLUMN xrows INTEGER NOT NULL DEFAULT 1
"""

MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    lambda db: _run_script(db, _V1),
    lambda db: _run_script(db, _V2),
    lambda db: _run_script(db, _V3),
    lambda db: _run_script(db, _V4),
    lambda db: _run_script(db, _V5),
    lambda db: _run_script(db, _V6),
    lambda db: _run_script(db, _V7),
    lambda db: _run_script(db, _V8),
    lambda db: _run_script(db, _V9),
]


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """Statement by statement: `executescript` would commit the migration's transaction half-way."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


OPEN_WAIT = 30.0  # how long opening a store waits for another process that holds it (seconds)


def _set_wal(db: sqlite3.Connection) -> None:
    """Switch to WAL, waiting for others: SQLite does not call its busy handler for a journal-mode
    change that races another connection's, so a store created by several processes at once gets
    "database is locked" at once, whatever the timeout. Retrying until the deadline is the cure."""
    deadline, pause = time.monotonic() + OPEN_WAIT, 0.005
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)


def _connect(path: str) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(path, timeout=OPEN_WAIT, isolation_level=None, check_same_thread=False)
        _set_wal(db)
        db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a committed chunk survives a process kill
        db.execute("PRAGMA foreign_keys=ON")
        if not db.execute("SELECT 1 FROM pragma_function_list WHERE name = 'log2'").fetchone():  # a build option
            db.create_function("log2", 1, lambda x: float(np.log2(x)), deterministic=True)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open the store: {exc}", path=path,
                         hint="is it a newsfuse database (made by `newsfuse ingest --db`)?") from None
    return db


def _migrate(db: sqlite3.Connection, path: str) -> None:
    try:
        # One statement reads both from one snapshot: read apart, another process's first migration
        # could commit between them (tables, and version 0 read before them), and a store being set
        # up by a second ingest at the same moment would look like someone else's database.
        version, tables = db.execute(
            "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)").fetchone()
        version = int(version)
        if version == 0 and tables:
            raise StoreError("not a newsfuse store (it holds other tables)", path=path)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"not a SQLite database: {exc}", path=path) from None
    if version > SCHEMA_VERSION:
        raise StoreError(f"made by a newer newsfuse (schema {version}, this one reads up to {SCHEMA_VERSION})",
                         path=path, hint="upgrade newsfuse")
    for target in range(version, SCHEMA_VERSION):
        try:
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot lock the store to set it up: {exc}", path=path) from None
        try:
            # Another process may have run this migration while we waited for the lock: the version
            # read inside the transaction is the one that counts (two first ingests at once).
            if int(db.execute("PRAGMA user_version").fetchone()[0]) > target:
                db.execute("COMMIT")
                continue
            MIGRATIONS[target](db)
            db.execute(f"PRAGMA user_version={target + 1}")
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(db)
            raise StoreError(f"cannot set up the store: {exc}", path=path) from None
        except BaseException:
            _rollback(db)
            raise


def _rollback(db: sqlite3.Connection) -> None:
    """Roll back if a transaction is open: SQLite ends one itself on some errors (a full disk), and a
    second ROLLBACK would hide the real error behind "no transaction is active"."""
    if db.in_transaction:
        with suppress(sqlite3.Error):
            db.execute("ROLLBACK")


# How long a writer waits by default for another to finish (seconds); 0: fail at once.
WRITE_WAIT = 0.0


class WriterLock:
    """One writer per store, across processes: an exclusive `flock` on `<store>.lock`.

    The grouper reads the stories' state when an ingest starts and keeps it in memory, so two ingests
    interleaving chunks would give out the same story ids; SQLite's own locking is per transaction
    and cannot prevent that. The kernel drops the lock when its process dies (even by `kill -9`), so
    there is never a stale lock to clean up. The lock file holds the writer's pid, for the message."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, wait: float = WRITE_WAIT) -> None:
        try:
            import fcntl
        except ImportError:  # not POSIX: SQLite's transaction locks are all there is
            return
        lock = self.path + ".lock"
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot create the lock file: {exc.strerror or exc}", path=lock) from None
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                    os.close(fd)
                    raise StoreError(
                        f"another process{f' (pid {holder})' if holder.isdigit() else ''} is writing to this "
                        "store", path=self.path,
                        hint="wait for it to finish, give --wait SECONDS, or ingest into another --db") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            import fcntl

            # Unlock before closing: a worker forked while the lock was held shares this open file, and
            # closing our descriptor alone would leave the lock held by the worker's copy.
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


# --- the store --------------------------------------------------------------------------------------


class Store:
    """Articles and stories in one SQLite file. Use `Store.open(path)`, as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:" and not Path(self.path).expanduser().parent.exists():
            raise StoreError("the folder for the store does not exist", path=self.path)
        self._writers = 0
        self.db = _connect(self.path)
        try:
            _migrate(self.db, self.path)
        except BaseException:
            self.db.close()
            raise

    @classmethod
    def open(cls, path: str | Path, *, must_exist: bool = False) -> Store:
        if must_exist and str(path) != ":memory:" and not Path(path).expanduser().is_file():
            raise StoreError("no such store", path=str(path), hint="create it with `newsfuse ingest ... --db PATH`")
        return cls(Path(path).expanduser() if str(path) != ":memory:" else path)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def writing(self, wait: float = WRITE_WAIT) -> Iterator[Store]:
        """Hold this store's writer lock (see `WriterLock`) for the block; re-entrant in one Store."""
        if self.path == ":memory:" or self._writers:
            self._writers += 1
            try:
                yield self
            finally:
                self._writers -= 1
            return
        lock = WriterLock(self.path)
        lock.acquire(wait)
        self._writers += 1
        try:
            yield self
        finally:
            self._writers -= 1
            lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- reading: articles ---------------------------------------------------------------------------

    def get_article(self, article_id: str) -> Article | None:
        """The article with this id (or stored under another id, when this one was its duplicate)."""
        row = self.db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            alias = self.db.execute("SELECT article FROM aliases WHERE id = ?", (article_id,)).fetchone()
            if alias is None:
                return None
            row = self.db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", alias).fetchone()
        return _article(row) if row else None

    def articles(self, ids: Sequence[str]) -> list[Article]:
        """The stored articles among `ids`, in the order asked."""
        found = {a.id: a for a in (self.get_article(i) for i in dict.fromkeys(ids)) if a is not None}
        return [found[i] for i in ids if i in found]

    def article_story(self, article_id: str) -> int | None:
        row = self.db.execute("SELECT story FROM articles WHERE id = ?", (article_id,)).fetchone()
        return int(row[0]) if row else None

    def count_articles(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    # -- reading: stories ----------------------------------------------------------------------------

    def stories(self, *, outlet: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
                search: str | None = None, min_size: int = 1, limit: int | None = None,
                offset: int = 0, order: str = "recent") -> list[Story]:
        """Stories, most recent first (by last seen, then id); `order="front"` ranks them as a front page
        does (`FRONT_ORDER`). Filters: a member from `outlet`; a span that overlaps [since, until]; a
        member whose title or text matches `search` (words, all must occur; FTS5 syntax is not exposed)."""
        where = ["size >= ?"]
        params: list[object] = [min_size]
        if since is not None:
            where.append("last_day >= ?")
            params.append(since.toordinal())
        if until is not None:
            where.append("first_day <= ?")
            params.append(until.toordinal())
        if outlet:
            where.append("id IN (SELECT story FROM articles WHERE outlet = ? COLLATE NOCASE)")
            params.append(outlet)
        if search and search.strip():
            where.append("id IN (SELECT a.story FROM articles_fts f JOIN articles a ON a.seq = f.rowid "
                         "WHERE articles_fts MATCH ?)")
            params.append(_fts_query(search))
        sql = (f"SELECT id, title, first_day, last_day, outlets FROM stories WHERE {' AND '.join(where)} "
               f"ORDER BY {FRONT_ORDER if order == 'front' else 'last_day'} DESC, id DESC")
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        rows = self.db.execute(sql, params).fetchall()
        return self._stories(rows)

    def story(self, story_id: int) -> Story | None:
        row = self.db.execute("SELECT id, title, first_day, last_day, outlets FROM stories WHERE id = ?",
                              (story_id,)).fetchone()
        return self._stories([row])[0] if row else None

    def _stories(self, rows: list[tuple[object, ...]]) -> list[Story]:
        ids = [int(str(r[0])) for r in rows]
        members = self._members(ids)
        stories = [_story(r, *members.get(i, ([], []))) for r, i in zip(rows, ids, strict=True)]
        by_id = {s.id: s for s in stories}
        for lo in range(0, len(ids), 500):  # what merged into them, what they split from (story_links)
            part = ids[lo:lo + 500]
            for story, kind, other in self.db.execute(
                    "SELECT story, kind, other FROM story_links WHERE (kind = 'merged' AND other IN ({0})) "
                    "OR (kind = 'split' AND story IN ({0})) ORDER BY at, story".format(",".join("?" * len(part))),
                    part + part):
                if kind == "merged":
                    by_id[int(other)].merged_from.append(int(story))
                else:
                    by_id[int(story)].split_from = int(other)
        return stories

    def story_articles(self, story_id: int) -> list[Article]:
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE story = ? ORDER BY seq"
        return [_article(r) for r in self.db.execute(sql, (story_id,))]

    def story_origins(self, story_id: int) -> dict[str, int]:
        """Article id → origin number within the story (0, 1, ...): a near-copy shares its original's."""
        out: dict[str, int] = {}
        origins = 0
        for article_id, copy_of in self.db.execute(
                "SELECT id, copy_of FROM articles WHERE story = ? ORDER BY seq", (story_id,)):
            if copy_of in out:
                out[article_id] = out[copy_of]
            else:
                out[article_id] = origins
                origins += 1
        return out

    def count_stories(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM stories").fetchone()[0])

    def _members(self, story_ids: list[int]) -> dict[int, tuple[list[str], list[str]]]:
        """Story id → (its article ids in joining order, the dates of its dated members)."""
        out: dict[int, tuple[list[str], list[str]]] = {}
        for lo in range(0, len(story_ids), 500):
            part = story_ids[lo:lo + 500]
            marks = ",".join("?" * len(part))
            for story, article_id, published in self.db.execute(
                    f"SELECT story, id, published FROM articles WHERE story IN ({marks}) ORDER BY seq", part):
                ids, dates = out.setdefault(story, ([], []))
                ids.append(article_id)
                if published:
                    dates.append(str(published))
        return out

    # -- what the stream pipeline needs ----------------------------------------------------------------

    def find_duplicates(self, articles: Sequence[Article], hashes: Sequence[str]) -> dict[str, tuple[str, str]]:
        """For each article already stored (same id, URL or content): id → (stored id, reason)."""
        out: dict[str, tuple[str, str]] = {}
        for article, digest in zip(articles, hashes, strict=True):
            # Content first, then URL: they say the article is the same; an id only says the caller
            # reused a name (made-up ids never reach here unchanged: stream.store_id).
            for column, value, reason in (("content_hash", digest, "same content"), ("url", article.url, "same URL"),
                                          ("id", article.id, "same id")):
                if not value:
                    continue
                # "url != ''" lets SQLite use the partial index on url (else: a scan per lookup).
                where = f"{column} = ? AND url != ''" if column == "url" else f"{column} = ?"
                row = self.db.execute(f"SELECT id FROM articles WHERE {where}", (value,)).fetchone()
                if row is None and column == "id":
                    row = self.db.execute("SELECT article FROM aliases WHERE id = ?", (value,)).fetchone()
                if row is not None:
                    out[article.id] = (str(row[0]), reason)
                    break
        return out

    def known(self, ids: Sequence[str], urls: Sequence[str]) -> set[str]:
        """Which of these article ids (stored, or aliases of stored ones) and URLs the store holds."""
        found: set[str] = set()
        for query, values in (("SELECT id FROM articles WHERE id IN ({})", ids),
                              ("SELECT id FROM aliases WHERE id IN ({})", ids),
                              ("SELECT url FROM articles WHERE url IN ({}) AND url != ''", urls)):
            wanted = [v for v in dict.fromkeys(values) if v]
            for lo in range(0, len(wanted), 500):
                part = wanted[lo:lo + 500]
                found.update(str(r[0]) for r in self.db.execute(query.format(",".join("?" * len(part))), part))
        return found

    # -- what `watch` keeps of each source (table sources) -------------------------------------------

    SOURCE_COLUMNS = ("url", "etag", "last_modified", "body_hash", "last_polled", "last_status", "failures",
                      "next_after")

    def source_states(self, urls: Sequence[str]) -> dict[str, dict[str, object]]:
        """url → its row (columns as in SOURCE_COLUMNS) for the sources polled before."""
        out: dict[str, dict[str, object]] = {}
        wanted = list(dict.fromkeys(urls))
        for lo in range(0, len(wanted), 500):
            part = wanted[lo:lo + 500]
            for row in self.db.execute(f"SELECT {', '.join(self.SOURCE_COLUMNS)} FROM sources "
                                       f"WHERE url IN ({','.join('?' * len(part))})", part):
                out[str(row[0])] = dict(zip(self.SOURCE_COLUMNS, row, strict=True))
        return out

    def put_source_states(self, rows: Sequence[dict[str, object]]) -> None:
        """Record sources' states (dicts with every column of SOURCE_COLUMNS), in one transaction."""
        if not rows:
            return
        names = self.SOURCE_COLUMNS
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany(
                f"INSERT INTO sources ({', '.join(names)}) VALUES ({','.join('?' * len(names))}) ON CONFLICT(url) "
                f"DO UPDATE SET {', '.join(f'{n}=excluded.{n}' for n in names[1:])}",
                [tuple(row[n] for n in names) for row in rows])
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(self.db)
            raise StoreError(f"cannot record the sources' state: {exc}", path=self.path) from None
        except BaseException:
            _rollback(self.db)
            raise

    def get_meta(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def load_df(self) -> tuple[np.ndarray, np.ndarray, int]:
        rows = self.db.execute("SELECT term, n FROM df").fetchall()
        terms = np.array([r[0] for r in rows], np.int64)
        counts = np.array([r[1] for r in rows], np.int64)
        return terms, counts, int(self.get_meta("docs", "0"))

    def live_stories(self, since_day: int) -> list[StoryState]:
        rows = self.db.execute(f"SELECT {_STATE_COLUMNS} FROM stories WHERE last_day >= ?", (since_day,))
        return [_state(r) for r in rows]

    def quiet_stories(self, lowest_last: int, highest_first: int, last_below: int) -> list[StoryState]:
        """Stories that went quiet (last seen before `last_below`) whose span reaches [lowest_last,
        highest_first]: the candidates for a late article."""
        rows = self.db.execute(f"SELECT {_STATE_COLUMNS} FROM stories WHERE last_day >= ? AND last_day < ? "
                               "AND first_day <= ?", (lowest_last, last_below, highest_first))
        return [_state(r) for r in rows]

    def recent_sketches(self, since_day: int) -> Iterator[tuple[str, int, np.ndarray, int, int]]:
        """(id, story, minhash, shingles, day) of the articles from `since_day` on, in ingest order."""
        for article_id, story, blob, shingles, day in self.db.execute(
                "SELECT id, story, minhash, shingles, day FROM articles WHERE day >= ? ORDER BY seq", (since_day,)):
            yield article_id, story, np.frombuffer(blob or b"", np.uint32).copy(), shingles, day

    def commit_chunk(self, chunk: ChunkWrite) -> None:
        """Everything one chunk changed, in one transaction."""
        db = self.db
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        try:
            db.execute("BEGIN IMMEDIATE")
            if chunk.first_story is not None:
                # Story ids are handed out by the grouper from `next_story` as it was read at the start;
                # checked here, inside the write, so a writer that bypassed the lock cannot merge two
                # events into one story id.
                stored = int(self.get_meta("next_story", "1"))
                if stored != chunk.first_story:
                    raise StoreError("another process wrote to the store during this ingest (story ids moved "
                                     f"from {chunk.first_story} to {stored}); this chunk was not written",
                                     path=self.path, hint="run one ingest at a time per store; re-run to finish")
            for row in chunk.articles:
                cursor = db.execute(
                    "INSERT INTO articles (id, outlet, url, title, published, language, origin, text, removed, "
                    "outlet_from, published_from, content_hash, day, story, copy_of, minhash, shingles, wire, "
                    "ingested) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (*row.values(), now))
                db.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (?,?,?)",
                           (cursor.lastrowid, row.article.title, row.article.text))
            db.executemany("INSERT OR IGNORE INTO aliases (id, article, reason) VALUES (?,?,?)", chunk.aliases)
            for story in chunk.stories:
                db.execute(
                    "INSERT INTO stories (id, title, size, first_day, last_day, outlets, joinable, terms, weights, "
                    "vector, hub, xvector, xrows, anchors) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) "
                    "DO UPDATE SET size=excluded.size, first_day=excluded.first_day, last_day=excluded.last_day, "
                    "terms=excluded.terms, weights=excluded.weights, vector=excluded.vector, hub=excluded.hub, "
                    "xvector=excluded.xvector, xrows=excluded.xrows, anchors=excluded.anchors, "
                    "title=CASE WHEN excluded.title = '' THEN stories.title ELSE excluded.title END",
                    (story.id, story.title, story.size, story.first_day, story.last_day, "[]", int(story.joinable),
                     story.terms.astype(np.int32).tobytes(), story.weights.astype(np.float32).tobytes(),
                     story.vector.astype(np.float32).tobytes(), story.hub, story.xvector.astype(np.float32).tobytes(),
                     len(np.atleast_2d(story.xvector)) if story.xvector.size else 0, pack_terms(story.anchor_terms, story.anchor_weights)))
            new_outlets: dict[int, list[str]] = {}
            for story_id, outlets in chunk.outlets.items():
                row = db.execute("SELECT outlets FROM stories WHERE id = ?", (story_id,)).fetchone()
                known = json.loads(row[0]) if row else []
                merged = list(dict.fromkeys([*known, *outlets]))
                if merged != known:
                    db.execute("UPDATE stories SET outlets = ? WHERE id = ?", (json.dumps(merged), story_id))
                    new_outlets[story_id] = merged[len(known):]
            record_versions(db, chunk, new_outlets, relink(db, chunk))
            db.executemany("INSERT INTO df (term, n) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n = n + excluded.n",
                           zip(chunk.df_terms.tolist(), chunk.df_counts.tolist(), strict=True))
            db.executemany("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                           "value = excluded.value", [(k, str(v)) for k, v in chunk.meta.items()])
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            _rollback(db)
            raise StoreError(f"cannot write to the store: {exc}", path=self.path,
                             hint="the chunks committed before this one are kept") from None
        except BaseException:
            _rollback(db)
            raise


# --- rows → types -----------------------------------------------------------------------------------

_ARTICLE_COLUMNS = ("id, text, title, outlet, url, published, language, origin, removed, outlet_from, "
                    "published_from, wire")
_STATE_COLUMNS = "id, terms, weights, size, first_day, last_day, joinable, vector, hub, xvector, xrows, anchors"


def _article(row: tuple[object, ...]) -> Article:
    (article_id, text, title, outlet, url, published, language, origin, removed, outlet_from,
     published_from, wire) = row
    removals = [Removal(r["text"], r["reason"], int(r["line"]), r.get("detail", ""))
                for r in json.loads(str(removed or "[]"))]
    return Article(id=str(article_id), text=str(text), title=str(title), outlet=str(outlet), url=str(url),
                   published=dt.date.fromisoformat(str(published)) if published else None,
                   language=str(language), origin=str(origin), removed=removals,
                   outlet_from=str(outlet_from), published_from=str(published_from), wire=str(wire))


def _story(row: tuple[object, ...], members: list[str], dates: list[str]) -> Story:
    """First and last seen come from the dated members only (an undated one is grouped on a borrowed
    day, `first_day`/`last_day`, but never shown with it): None when no member is dated."""
    story_id, title, _, _, outlets = row
    return Story(id=int(str(story_id)), article_ids=members, title=str(title), outlets=list(json.loads(str(outlets))),
                 first_seen=dt.date.fromisoformat(min(dates)) if dates else None,
                 last_seen=dt.date.fromisoformat(max(dates)) if dates else None)


def _state(row: tuple[object, ...]) -> StoryState:
    story_id, terms, weights, size, first_day, last_day, joinable, vector, hub, xvector, xrows, anchors = row
    anchor_terms, anchor_weights = unpack_terms(bytes(anchors or b""))  # type: ignore[call-overload]
    return StoryState(int(str(story_id)), np.frombuffer(terms, np.int32).copy(),  # type: ignore[call-overload]
                       np.frombuffer(weights, np.float32).copy(),  # type: ignore[call-overload]
                       int(str(size)), int(str(first_day)), int(str(last_day)), bool(joinable),
                       np.frombuffer(vector or b"", np.float32).copy(),  # type: ignore[call-overload]
                       float(str(hub)), unpack_rows(bytes(xvector or b""), int(str(xrows))),  # type: ignore[call-overload]
                       anchor_terms, anchor_weights)


def _fts_query(text: str) -> str:
    """User words → an FTS5 query where each word must occur (quoted: no operators, no syntax errors).
    A NUL ends the query string for SQLite ("unterminated string"), so it separates words instead."""
    words = [w.replace('"', '""') for w in text.replace("\x00", " ").split() if w.strip()]
    return " ".join(f'"{w}"' for w in words)

"""Reading a story's history from the store: its versions (one per committed chunk that added
articles to it, recorded by `Store.commit_chunk`), the articles it held at a version, and the cache of
its briefs as of a version.

Like the store, it imports no stage: it reads rows back as plain records. What the versions mean (the
changes a reader is told) is `newsfuse.changes`'s.

    with Store.open("news.db") as store:
        for v in versions(store, since="2025-05-12T08:00:00+00:00"):
            print(v.story, v.version, v.at, v.added)
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass

from newsfuse.store import Store


@dataclass(frozen=True, slots=True)
class Version:
    """A story as one committed chunk left it: the articles that joined, the outlets new to it."""

    story: int
    version: int
    at: str  # UTC ISO 8601 with microseconds: strings of this form sort as their times
    added: list[str]
    outlets_added: list[str]
    size: int


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What a change line says of an article: no text."""

    id: str
    outlet: str
    title: str
    url: str
    published: dt.date | None


def timestamp(value: dt.datetime | str) -> str:
    """A time as the history keeps it (UTC, microseconds); a naive time is taken as UTC."""
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).isoformat(timespec="microseconds")


_COLUMNS = "story, version, at, added, outlets_added, size"


def _version(row: tuple[object, ...]) -> Version:
    story, version, at, added, outlets, size = row
    return Version(int(str(story)), int(str(version)), str(at), list(json.loads(str(added))),
                   list(json.loads(str(outlets))), int(str(size)))


def versions(store: Store, *, since: str | None = None, story: int | None = None,
             limit: int | None = None) -> list[Version]:
    """Versions committed at or after `since` (a `timestamp`), newest first; of one story, or all."""
    where, params = ["1"], []  # type: list[str], list[object]
    if since is not None:
        where.append("at >= ?")
        params.append(since)
    if story is not None:
        where.append("story = ?")
        params.append(story)
    sql = f"SELECT {_COLUMNS} FROM story_versions WHERE {' AND '.join(where)} ORDER BY at DESC, story DESC, version DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_version(r) for r in store.db.execute(sql, params)]


def story_versions(store: Store, story: int) -> list[Version]:
    """Every version of one story, oldest first."""
    rows = store.db.execute(f"SELECT {_COLUMNS} FROM story_versions WHERE story = ? ORDER BY version", (story,))
    return [_version(r) for r in rows]


def recent_stories(store: Store, limit: int = 50) -> list[tuple[int, str]]:
    """(story, time of its last version), the most recently changed first."""
    rows = store.db.execute("SELECT story, max(at) AS last FROM story_versions GROUP BY story "
                            "ORDER BY last DESC, story DESC LIMIT ?", (limit,))
    return [(int(s), str(at)) for s, at in rows]


def article_info(store: Store, ids: Sequence[str]) -> dict[str, ArticleInfo]:
    out: dict[str, ArticleInfo] = {}
    unique = list(dict.fromkeys(ids))
    for lo in range(0, len(unique), 500):
        part = unique[lo:lo + 500]
        marks = ",".join("?" * len(part))
        for article_id, outlet, title, url, published in store.db.execute(
                f"SELECT id, outlet, title, url, published FROM articles WHERE id IN ({marks})", part):
            out[str(article_id)] = ArticleInfo(str(article_id), str(outlet), str(title), str(url),
                                               dt.date.fromisoformat(str(published)) if published else None)
    return out


def cached_brief(store: Store, story: int, version: int, settings: str) -> dict[str, object] | None:
    row = store.db.execute("SELECT brief FROM story_briefs WHERE story = ? AND version = ? AND settings = ?",
                           (story, version, settings)).fetchone()
    return dict(json.loads(row[0])) if row else None


def cache_brief(store: Store, story: int, version: int, settings: str, brief: dict[str, object]) -> None:
    """Keep a brief as of a version (best effort: a store opened read-only, or busy, keeps none)."""
    with suppress(sqlite3.Error):
        store.db.execute("INSERT OR REPLACE INTO story_briefs (story, version, settings, brief) VALUES (?,?,?,?)",
                         (story, version, settings, json.dumps(brief, ensure_ascii=False)))


def story_heads(store: Store, story_id: int, limit: int, chars: int = 800) -> list[tuple[str, str]]:
    """(title, start of text) of a story's first `limit` members, in join order: what its headline
    is chosen from (`stories.headline`)."""
    rows = store.db.execute("SELECT title, substr(text, 1, ?) FROM articles WHERE story = ? ORDER BY seq LIMIT ?",
                            (chars, story_id, limit)).fetchall()
    return [(str(t), str(x)) for t, x in rows]


def story_titles(store: Store, story_ids: Sequence[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for lo in range(0, len(story_ids), 500):  # SQLite's bound on variables per statement
        part = list(story_ids[lo:lo + 500])
        marks = ",".join("?" * len(part))
        out.update((int(i), str(t)) for i, t in store.db.execute(
            f"SELECT id, title FROM stories WHERE id IN ({marks})", part))
    return out


@dataclass(frozen=True, slots=True)
class Activity:
    """When a story's history says it began and last changed, and in how many versions."""

    first: str  # times as `timestamp` writes them
    last: str
    versions: int


def activity(store: Store, story_ids: Sequence[int]) -> dict[int, Activity]:
    """Story → its activity, for the stories that have a history (none before schema v6)."""
    out: dict[int, Activity] = {}
    for lo in range(0, len(story_ids), 500):
        part = list(story_ids[lo:lo + 500])
        marks = ",".join("?" * len(part))
        out.update((int(s), Activity(str(a), str(b), int(n))) for s, a, b, n in store.db.execute(
            f"SELECT story, min(at), max(at), count(*) FROM story_versions WHERE story IN ({marks}) GROUP BY story",
            part))
    return out


@dataclass(frozen=True, slots=True)
class BriefDigest:
    """What a list of stories shows of a story's newest cached brief: its best-corroborated claim (the
    most independent origins, then the fewest sources against it, then the most central) and how many
    conflicts and updates it holds."""

    story: int
    version: int
    claim: str
    independent: int
    conflicts: int
    updates: int


# SQLite reads the few fields from the cached JSON itself: a page of 50 stories does not parse 50 briefs
# (a wide story's brief is megabytes) in Python.
_DIGEST = """
SELECT b.story, b.version,
  (SELECT json_extract(c.value, '$.text') || char(31) || json_extract(c.value, '$.independent')
     FROM json_each(b.brief, '$.claims') AS c
     ORDER BY json_extract(c.value, '$.independent') DESC, json_array_length(c.value, '$.against'),
              json_extract(c.value, '$.centrality') DESC, c.key LIMIT 1),
  json_array_length(b.brief, '$.conflicts'), json_array_length(b.brief, '$.updates')
FROM story_briefs AS b
WHERE (b.story, b.version) IN (VALUES {marks})
"""


def newest_briefs(store: Store, story_ids: Sequence[int]) -> dict[int, int]:
    """Story → the version of its newest cached brief (any settings), for the stories that have one."""
    out: dict[int, int] = {}
    for lo in range(0, len(story_ids), 500):
        part = list(story_ids[lo:lo + 500])
        marks = ",".join("?" * len(part))
        out.update((int(s), int(v)) for s, v in store.db.execute(
            f"SELECT story, max(version) FROM story_briefs WHERE story IN ({marks}) GROUP BY story", part))
    return out


def brief_digests(store: Store, wanted: Mapping[int, int]) -> dict[int, BriefDigest]:
    """Story → the digest of its cached brief as of the version asked (`newest_briefs`)."""
    out: dict[int, BriefDigest] = {}
    pairs = list(wanted.items())
    for lo in range(0, len(pairs), 400):
        part = pairs[lo:lo + 400]
        for story, version, best, conflicts, updates in store.db.execute(
                _DIGEST.format(marks=",".join("(?,?)" for _ in part)), [x for pair in part for x in pair]):
            text, _, independent = str(best or "").partition("\x1f")
            out.setdefault(int(story), BriefDigest(int(story), int(version), text, int(independent or 0),
                                                   int(conflicts or 0), int(updates or 0)))
    return out


@dataclass(frozen=True, slots=True)
class Link:
    """A story merged into another (`kind` "merged": `story` into `other`), or split from one ("split":
    `story` split from `other`), recorded by `other`'s version `version`, with the articles that moved."""

    story: int
    kind: str
    other: int
    version: int
    at: str
    articles: list[str]


def story_links(store: Store, stories: Sequence[int]) -> list[Link]:
    """The merges and splits that involve these stories (either side), oldest first."""
    out: dict[tuple[int, str], Link] = {}
    for lo in range(0, len(stories), 400):
        part = list(stories[lo:lo + 400])
        marks = ",".join("?" * len(part))
        for story, kind, other, version, at, articles in store.db.execute(
                f"SELECT story, kind, other, version, at, articles FROM story_links WHERE story IN ({marks}) "
                f"OR other IN ({marks})", part + part):
            out[(int(story), str(kind))] = Link(int(story), str(kind), int(other), int(version), str(at),
                                                list(json.loads(str(articles))))
    return sorted(out.values(), key=lambda link: (link.at, link.story))


def merged_into(store: Store, story: int) -> int | None:
    """The story a merged story's articles are in now (following merges of merges); None when the
    story was not merged."""
    seen = {story}
    current: int | None = None
    while True:
        row = store.db.execute("SELECT other FROM story_links WHERE story = ? AND kind = 'merged'",
                               (current if current is not None else story,)).fetchone()
        if row is None or int(row[0]) in seen:
            return current
        current = int(row[0])
        seen.add(current)


def current_version(store: Store, story: int) -> int:
    """The story's newest version number (0 when it has no history)."""
    return int(store.db.execute("SELECT coalesce(max(version), 0) FROM story_versions WHERE story = ?",
                                (story,)).fetchone()[0])

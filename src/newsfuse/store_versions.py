"""What a committed chunk records of the stories' history, inside its transaction: a version of each
story it changed (articles joined, moved in by a merge or a split, or moved out), and each merge and
split (`story_links`). Apart from `store` to keep that module to the tables and their reading; read
back by `store_history`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from newsfuse.store_rows import ChunkWrite


def relink(db: sqlite3.Connection, chunk: ChunkWrite) -> dict[int, list[str]]:
    """Stories merged and split by this chunk (inside its transaction): their articles moved, the
    merged story's row gone, outlets recounted. Each merged story → its articles."""
    merged: dict[int, list[str]] = {}
    for gone, into in chunk.merged:
        merged[gone] = [str(r[0]) for r in db.execute("SELECT id FROM articles WHERE story = ? ORDER BY seq", (gone,))]
        db.execute("UPDATE articles SET story = ? WHERE story = ?", (into, gone))
        db.execute("DELETE FROM stories WHERE id = ?", (gone,))
    for new, _, ids in chunk.split:
        for lo in range(0, len(ids), 500):
            part = ids[lo:lo + 500]
            db.execute(f"UPDATE articles SET story = ? WHERE id IN ({','.join('?' * len(part))})", [new, *part])
    touched = {into for _, into in chunk.merged} | {s for new, source, _ in chunk.split for s in (new, source)}
    for story_id in touched:
        outlets = [str(r[0]) for r in db.execute(
            "SELECT outlet FROM articles WHERE story = ? AND outlet != '' GROUP BY outlet ORDER BY min(seq)", (story_id,))]
        db.execute("UPDATE stories SET outlets = ? WHERE id = ?", (json.dumps(outlets), story_id))
    return merged


def record_versions(db: sqlite3.Connection, chunk: ChunkWrite, new_outlets: dict[int, list[str]],
                     merged: dict[int, list[str]]) -> None:
    """A version of each story the chunk's articles joined, or a merge or split changed (inside the
    chunk's transaction: the articles that moved into a story count as added), and the merges and
    splits themselves (`story_links`)."""
    joined: dict[int, list[str]] = {}
    for gone, into in chunk.merged:
        joined.setdefault(into, []).extend(merged[gone])
    for new, _, ids in chunk.split:
        joined.setdefault(new, []).extend(ids)
    for row in chunk.articles:
        joined.setdefault(row.story, []).append(row.article.id)
    for _, source, _ in chunk.split:
        joined.setdefault(source, [])  # a version without new articles: the story lost some
    if not joined:
        return
    at = chunk.at or dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    made: dict[int, int] = {}
    for story_id, added in joined.items():
        last = db.execute("SELECT max(version) FROM story_versions WHERE story = ?", (story_id,)).fetchone()[0]
        size = db.execute("SELECT size FROM stories WHERE id = ?", (story_id,)).fetchone()
        made[story_id] = int(last or 0) + 1
        db.execute("INSERT INTO story_versions (story, version, at, added, outlets_added, size) VALUES (?,?,?,?,?,?)",
                   (story_id, made[story_id], at, json.dumps(added, ensure_ascii=False),
                    json.dumps(new_outlets.get(story_id, []), ensure_ascii=False), int(size[0]) if size else len(added)))
    links = [(gone, "merged", into, made[into], json.dumps(merged[gone], ensure_ascii=False))
             for gone, into in chunk.merged]
    links += [(new, "split", source, made[source], json.dumps(joined[new], ensure_ascii=False))
              for new, source, _ in chunk.split]
    db.executemany("INSERT OR REPLACE INTO story_links (story, kind, other, version, at, articles) "
                   "VALUES (?,?,?,?,?,?)", [(s, k, o, v, at, a) for s, k, o, v, a in links])

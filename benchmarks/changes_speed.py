"""How long `changes` takes on a large store (issue 14's target: ≤ 100 ms on a 200k-article store for the
story-level changes).

    python benchmarks/changes_speed.py                     # 200,000 articles
    python benchmarks/changes_speed.py --articles 20000 --repeat 20

The store is made by this script, fast, in the shape `Store.commit_chunk` leaves: articles (short
synthetic texts, 1,200 outlets) committed in chunks of 512, an hour apart, each chunk adding to the
stories it touches a version (`story_versions`); an article joins one of the ~300 most recent stories
or starts one, so stories span a few chunks, as a live stream's do. Rows are inserted with SQL rather
than by grouping real articles (what is measured is the history query, not the ingest).

Measured, each the median of `--repeat` runs in a fresh process over the same store:
- `since last hour`: every story's changes since the last chunk (`changes(store, since=...)`, story level);
- `since last day`: the same for the last 24 chunks;
- `one story`: one story's whole history (`changes(store, story=N)`, story level);
- `api`: `GET /api/changes?since=` (last hour) through the app (TestClient).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from newsfuse.changes import changes
from newsfuse.store import Store
from newsfuse.store_history import timestamp

CHUNK = 512
START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def build(db: Path, articles: int, seed: int = 14) -> tuple[str, str, int]:
    """Fill a new store; returns (the last chunk's time, the time 24 chunks before, a story with a long history)."""
    rng = random.Random(seed)
    with Store.open(db) as store:
        con = store.db
        con.execute("BEGIN")
        next_story, live = 1, []  # type: int, list[int]
        versions: dict[int, int] = {}
        sizes: dict[int, int] = {}
        outlets: dict[int, list[str]] = {}
        ats: list[str] = []
        for lo in range(0, articles, CHUNK):
            at = timestamp(START + dt.timedelta(hours=lo // CHUNK))
            ats.append(at)
            day = (START + dt.timedelta(hours=lo // CHUNK)).date()
            joined: dict[int, list[str]] = {}
            new_outlets: dict[int, list[str]] = {}
            rows = []
            for j in range(lo, min(lo + CHUNK, articles)):
                if not live or rng.random() < 0.2:
                    story = next_story
                    next_story += 1
                    live.append(story)
                    live = live[-300:]
                    con.execute("INSERT INTO stories (id, title, size, first_day, last_day, outlets, terms, weights) "
                                "VALUES (?,?,0,?,?, '[]', x'', x'')", (story, f"Story {story} title", day.toordinal(),
                                                                        day.toordinal()))
                else:
                    story = live[int(len(live) * rng.random() ** 0.5)]
                outlet = f"Outlet {rng.randrange(1200)}"
                aid = f"a{j}"
                rows.append((aid, outlet, f"https://example.org/{j}", f"Report {j}", day.isoformat(),
                             f"Text of report {j} about story {story}.", f"h{j}", day.toordinal(), "x", story))
                joined.setdefault(story, []).append(aid)
                known = outlets.setdefault(story, [])
                if outlet not in known:
                    known.append(outlet)
                    new_outlets.setdefault(story, []).append(outlet)
            con.executemany("INSERT INTO articles (id, outlet, url, title, published, text, content_hash, day, "
                            "ingested, story) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
            for story, added in joined.items():
                versions[story] = versions.get(story, 0) + 1
                sizes[story] = sizes.get(story, 0) + len(added)
                con.execute("INSERT INTO story_versions (story, version, at, added, outlets_added, size) "
                            "VALUES (?,?,?,?,?,?)", (story, versions[story], at, json.dumps(added),
                                                     json.dumps(new_outlets.get(story, [])), sizes[story]))
                con.execute("UPDATE stories SET size = ?, last_day = ?, outlets = ? WHERE id = ?",
                            (sizes[story], day.toordinal(), json.dumps(outlets[story]), story))
        con.execute("COMMIT")
        longest = max(versions, key=lambda s: versions[s])
    return ats[-1], ats[max(0, len(ats) - 24)], longest


def timed(run: object, repeat: int) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        n = len(run())  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--db", type=Path, help="keep the store here (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "news.db"
        started = time.perf_counter()
        last_hour, last_day, story = build(db, args.articles)
        built = time.perf_counter() - started
        with Store.open(db) as store:
            stories, count = store.count_stories(), store.count_articles()
            versions = store.db.execute("SELECT count(*) FROM story_versions").fetchone()[0]
            print(f"store: {count:,} articles, {stories:,} stories, {versions:,} versions (built in {built:.1f} s)")
            print(f"{'query':<16}{'median ms':>10}{'changes':>9}")
            for name, run in (("since last hour", lambda: changes(store, since=last_hour, claims=False)),
                              ("since last day", lambda: changes(store, since=last_day, claims=False)),
                              (f"one story ({story})", lambda: changes(store, story=story, claims=False))):
                ms, n = timed(run, args.repeat)
                print(f"{name:<16}{ms:>10.1f}{n:>9,}")
        from fastapi.testclient import TestClient

        from newsfuse.web import WebConfig, create_app

        with TestClient(create_app(WebConfig(db=db), warm=False), base_url="http://localhost") as client:
            ms, n = timed(lambda: client.get("/api/changes", params={"since": last_hour}).json()["changes"],
                          args.repeat)
            print(f"{'api last hour':<16}{ms:>10.1f}{n:>9,}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

"""What the front page costs: `GET /` over a store of real stories, before and after their briefs are
cached (the standfirst and conflict badge come from the cached brief, else the first report's lead).

    python benchmarks/front_speed.py                       # Multi-News dev articles, 20 briefs cached
    python benchmarks/front_speed.py --briefs 50 --requests 50

The store is built once from ../shared/eval/stories/multinews-dev-articles.jsonl (1,489 articles; its
undated articles are pinned to one day) and kept at --db. Requests go through Starlette's TestClient,
in process, one at a time: the figure is the server's own time per page, p50 and p90.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "eval" / "stories" / "multinews-dev-articles.jsonl"


def _build(db: Path) -> None:
    import datetime as dt

    from newsfuse.engine import LocalEngine
    from newsfuse.ingest import read_articles
    from newsfuse.store import Store
    from newsfuse.stream import ingest

    articles = read_articles([str(ARTICLES)]).articles
    for a in articles:
        if a.published is None:
            a.published, a.published_from = dt.date(2016, 1, 1), "benchmark"
    with Store.open(db) as store:
        ingest(articles, store, LocalEngine(workers=1))


def _time(client: object, requests: int) -> tuple[float, float]:
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get("/")  # type: ignore[attr-defined]
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsfuse-front-bench.db"))
    parser.add_argument("--briefs", type=int, default=20, help="briefs to cache (the first page's top stories)")
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    if not args.db.exists():
        if not ARTICLES.exists():
            sys.exit(f"no articles at {ARTICLES}")
        started = time.perf_counter()
        _build(args.db)
        print(f"store built in {time.perf_counter() - started:.0f} s: {args.db}")
    from fastapi.testclient import TestClient

    from newsfuse.config import load_settings
    from newsfuse.web import WebConfig, create_app

    app = create_app(WebConfig(db=args.db, settings=load_settings()), warm=False)
    with TestClient(app, base_url="http://localhost") as client:
        total = client.get("/api/stories").json()["total"]
        p50, p90 = _time(client, args.requests)
        print(f"{total} stories; GET / (50 rows), briefs cached for none: p50 {p50:.1f} ms, p90 {p90:.1f} ms")
        top = client.get("/api/stories", params={"sort": "front", "limit": args.briefs}).json()["stories"]
        started = time.perf_counter()
        for story in top:
            client.get(f"/api/stories/{story['id']}")
        print(f"{len(top)} briefs computed and kept in {time.perf_counter() - started:.1f} s")
        p50, p90 = _time(client, args.requests)
        print(f"GET / with {len(top)} of its 50 rows from cached briefs: p50 {p50:.1f} ms, p90 {p90:.1f} ms")


if __name__ == "__main__":
    main()

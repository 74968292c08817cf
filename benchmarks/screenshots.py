"""The README's pictures of the web app: the front page and a story page, at desktop (1280 px) and
phone (390 px) widths, in headless Chromium (Debian's, through Playwright).

    python benchmarks/screenshots.py                 # writes docs/img/{front,story}-{desktop,mobile}.png
    python benchmarks/screenshots.py --out /tmp/shots

The store is built from what ships or sits beside the repository: the bundled example (four reports of
one flood, src/newsfuse/examples) and the seeds (five reports of the Japan–China talks,
../shared/seeds). The flood story arrives in two waves, the first dated the day before (its version
time is set back 26 hours, as if it had arrived then), so the front page shows an "updated" story and
the story page, opened once before the second wave, marks what is new since that visit. Undated
reports are pinned to their event's day (the tests do the same). The server runs the real models, on loopback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "newsfuse" / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SECOND_WAVE = "radio-estwick.jsonl"
FLOOD_DAY = dt.date(2024, 3, 14)  # the example's date (one report gives none)
SIZES = {"desktop": {"width": 1280, "height": 720}, "mobile": {"width": 390, "height": 844}}


def _add(db: Path, paths: list[Path], day: dt.date, back_hours: float = 0.0) -> None:
    """Store and group `paths`, the undated ones on `day`; with `back_hours`, date the versions this
    adds that long ago."""
    from newsfuse.engine import LocalEngine
    from newsfuse.ingest import read_articles
    from newsfuse.store import Store
    from newsfuse.stream import ingest

    articles = read_articles([str(p) for p in paths]).articles
    for article in articles:
        if article.published is None:
            article.published, article.published_from = day, "demo"
    with Store.open(db) as store:
        started = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        ingest(articles, store, LocalEngine(workers=1))
        if back_hours:
            at = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=back_hours)).isoformat(timespec="microseconds")
            store.db.execute("UPDATE story_versions SET at = ? WHERE at >= ?", (at, started))


def _serve(db: Path) -> tuple[str, Any, threading.Thread]:
    import uvicorn

    from newsfuse.config import load_settings
    from newsfuse.web import WebConfig, create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(create_app(WebConfig(db=db, settings=load_settings())),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if time.monotonic() > deadline:
            sys.exit("the server did not start")
        time.sleep(0.1)
    return f"http://127.0.0.1:{port}", server, thread


def _brief_all(url: str) -> list[dict[str, Any]]:
    """Compute (and so keep in the store) every story's brief: the front page's standfirsts."""
    stories: list[dict[str, Any]] = httpx.get(f"{url}/api/stories", timeout=60).json()["stories"]
    for story in stories:
        httpx.get(f"{url}/api/stories/{story['id']}", timeout=300).raise_for_status()
    return stories


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    if not SEEDS.is_dir():
        sys.exit(f"the seeds are not at {SEEDS}")
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "news.db"
        _add(db, sorted(SEEDS.glob("*.txt")), dt.date(2023, 2, 22), back_hours=72)
        _add(db, [p for p in sorted(EXAMPLES.iterdir()) if p.name != SECOND_WAVE], FLOOD_DAY, back_hours=26)
        url, server, thread = _serve(db)
        try:
            first = _brief_all(url)
            flood = next(s["id"] for s in first if "Lowmere" in s["title"] or "flood" in s["title"].lower())
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
                contexts = {name: browser.new_context(viewport=size, device_scale_factor=1, reduced_motion="reduce")
                            for name, size in SIZES.items()}
                for context in contexts.values():  # a first visit: the browser remembers it
                    context.new_page().goto(f"{url}/stories/{flood}")
                _add(db, [EXAMPLES / SECOND_WAVE], FLOOD_DAY)
                _brief_all(url)
                for name, context in contexts.items():
                    page = context.new_page()
                    page.goto(url + "/")
                    page.screenshot(path=str(args.out / f"front-{name}.png"))
                    page.goto(f"{url}/stories/{flood}")
                    page.locator("#since-visit").wait_for()
                    # A citation of the article that is new since the first visit.
                    fresh = page.locator(".reader .source.is-new").first.get_attribute("data-source")
                    cite = page.locator(f"#summary a.cite[href^='#s-{fresh}-']").first
                    cite.click()
                    if name == "mobile":
                        page.locator(".peek").wait_for()
                        page.evaluate("document.querySelector('.peek').scrollIntoView({block: 'end'})")
                    else:
                        page.evaluate("window.scrollTo(0, 0)")
                    page.wait_for_timeout(400)
                    page.screenshot(path=str(args.out / f"story-{name}.png"))
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    for png in sorted(args.out.glob("*.png")):
        print(f"{png.relative_to(ROOT) if png.is_relative_to(ROOT) else png}: {png.stat().st_size / 1000:.0f} KB")


if __name__ == "__main__":
    main()

"""Load benchmark of the web app: many clients reading story pages on loopback, for a bounded time.

    python benchmarks/web_load.py                       # 50 clients, 30 s, seeds + a 200-article story
    python benchmarks/web_load.py --clients 10 --seconds 5 --articles 60   # a quick run

It builds a temporary store holding the five seed articles (../shared/seeds) and a synthetic story
of `--articles` articles (the seeds plus variations of them: other outlets, sentences dropped and
reordered, so they group as one story), starts `newsfuse serve` on a free loopback port in a
subprocess (the clients must not share the server's interpreter), computes every story's brief
once (the cache warm-up, timed), measures the render of the big story page alone (Server-Timing,
re-rendered from the cached brief with `Cache-Control: no-cache`), then runs the clients and prints
p50/p90/p99 latency, requests per second and errors.

Loopback only: the server binds 127.0.0.1 and the clients never leave it.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import re
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
MAX_SECONDS = 300  # the run is bounded whatever the flags say
MAX_CLIENTS = 500


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- the store -------------------------------------------------------------------------------------

EVENT_DAY = dt.date(2023, 2, 22)
# A few unrelated one- and two-article stories, so the list page and the load mix are not one story.
SMALL_STORIES = [
    {"id": f"other-{i}", "outlet": "Wire", "published": f"2023-03-{10 + i:02d}",
     "text": f"{topic}\n\n{topic} Officials said more details would follow later this week."}
    for i, topic in enumerate([
        "Flooding closed three highways in the north of the region on Monday, police said.",
        "The central bank held its main interest rate at 4 percent on Thursday.",
        "A new bridge over the river opened to traffic after six years of work.",
        "The football club appointed a new head coach on a two-year contract.",
    ])
]
OUTLETS = ["Kyodo", "Reuters", "AP", "AFP", "NHK", "Asahi", "Yomiuri", "Xinhua", "SCMP", "Nikkei",
           "Japan Times", "Mainichi", "BBC", "CNN", "DW", "Al Jazeera", "Bloomberg", "Guardian"]


def variation(text: str, rng: random.Random, number: int) -> str:
    """A rewrite of a seed: paragraphs dropped and swapped, one sentence cut, a number nudged, so
    that no two variations are copies of one another (each counts as its own source)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    head, body = paragraphs[:2], paragraphs[2:]
    body = [p for p in body if rng.random() > 0.2] or body[:1]
    if len(body) > 3:
        i = rng.randrange(len(body) - 1)
        body[i], body[i + 1] = body[i + 1], body[i]
    if body:
        i = rng.randrange(len(body))
        sentences = re.split(r"(?<=[.!?])\s+", body[i])
        if len(sentences) > 2:
            del sentences[rng.randrange(len(sentences))]
        body[i] = " ".join(sentences)
    out = "\n\n".join(head + body)
    return re.sub(r"\b(\d{2,3})\b", lambda m: str(int(m.group(1)) + rng.choice((0, 0, 1))), out, count=1) + \
        f"\n\n(Report {number} for the benchmark.)"


def build_store(db: Path, articles: int) -> None:
    from newsfuse.engine import LocalEngine
    from newsfuse.ingest import read_articles
    from newsfuse.store import Store
    from newsfuse.stream import ingest

    seeds = read_articles([SEEDS]).articles
    for seed in seeds:
        # Four seeds carry no date; undated articles are filed under the ingest day, apart from the rest.
        seed.published = seed.published or EVENT_DAY
    rng = random.Random(7)
    extra = []
    for n in range(max(0, articles - len(seeds))):
        seed = seeds[n % len(seeds)]
        extra.append({"id": f"var-{n:03d}", "text": variation(seed.text, rng, n), "title": seed.title,
                      "outlet": OUTLETS[n % len(OUTLETS)],
                      "published": (EVENT_DAY + dt.timedelta(days=n % 3)).isoformat()})
    more = read_articles(extra).articles if extra else []
    small = read_articles(SMALL_STORIES).articles
    with Store.open(db) as store:
        ingest(seeds + more + small, store, LocalEngine(workers=1))


# -- the server ------------------------------------------------------------------------------------

def start_server(db: Path, port: int, embedder: str, log: Path) -> subprocess.Popen[bytes]:
    # What `newsfuse serve --db DB --port PORT` runs, called directly so the benchmark does not depend
    # on how the CLI registers its commands.
    code = ("import sys; from pathlib import Path; from newsfuse.cli.serve import serve; "
            "serve(db=Path(sys.argv[1]), host='127.0.0.1', port=int(sys.argv[2]), token=None, "
            "allow_private=False, cache=32, max_upload_mb=20.0, config=None, embedder=sys.argv[3], "
            "log_level='warning')")
    # The server's output goes to a file: a pipe nobody reads would block it once full.
    with log.open("wb") as handle:
        return subprocess.Popen([sys.executable, "-c", code, str(db), str(port), embedder],
                                stdout=handle, stderr=subprocess.STDOUT)


def wait_ready(base: str, server: subprocess.Popen[bytes], log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(base + "/api/stories", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not start in time")


def server_timing(response: httpx.Response, name: str) -> float:
    match = re.search(rf"\b{name};dur=([\d.]+)", response.headers.get("server-timing", ""))
    return float(match.group(1)) if match else float("nan")


# -- the clients -----------------------------------------------------------------------------------

@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    by_url: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    bytes: int = 0


async def client(http: httpx.AsyncClient, urls: list[str], until: float, tally: Tally, rng: random.Random) -> None:
    while time.monotonic() < until:
        url = rng.choice(urls)
        started = time.perf_counter()
        try:
            response = await http.get(url)
            if response.status_code != 200:
                tally.errors.append(f"{url}: HTTP {response.status_code}")
            tally.bytes += len(response.content)
        except httpx.HTTPError as exc:
            tally.errors.append(f"{url}: {type(exc).__name__}")
        spent = time.perf_counter() - started
        tally.latencies.append(spent)
        tally.by_url.setdefault(url, []).append(spent)


async def load(base: str, urls: list[str], clients: int, seconds: float) -> tuple[Tally, float]:
    tally = Tally()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:
        started = time.monotonic()
        until = started + seconds
        await asyncio.gather(*(client(http, urls, until, tally, random.Random(i)) for i in range(clients)))
        return tally, time.monotonic() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--articles", type=int, default=200, help="size of the synthetic story")
    parser.add_argument("--embedder", default="minilm-onnx")
    parser.add_argument("--renders", type=int, default=20, help="fresh renders of the big page to time")
    args = parser.parse_args()
    clients = max(1, min(args.clients, MAX_CLIENTS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    if not SEEDS.is_dir():
        raise SystemExit(f"seeds not found at {SEEDS}")
    print("command:", shlex.join([sys.executable.rsplit("/", 1)[-1], *sys.argv]))
    with tempfile.TemporaryDirectory(prefix="newsfuse-load-") as folder:
        db = Path(folder) / "news.db"
        started = time.perf_counter()
        build_store(db, args.articles)
        print(f"store built in {time.perf_counter() - started:.1f} s")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = Path(folder) / "server.log"
        server = start_server(db, port, args.embedder, log)
        try:
            wait_ready(base, server, log)
            stories = httpx.get(base + "/api/stories", params={"limit": 500}, timeout=10).json()["stories"]
            sizes = sorted(((s["size"], f"/stories/{s['id']}") for s in stories), reverse=True)
            print(f"stories: {len(stories)}; sizes: {[n for n, _ in sizes][:10]}")
            for n, url in sizes:
                started = time.perf_counter()
                response = httpx.get(base + url, timeout=600)
                response.raise_for_status()
                print(f"  warm {url} ({n} articles): {time.perf_counter() - started:.2f} s "
                      f"(brief {server_timing(response, 'brief'):.0f} ms, render {server_timing(response, 'render'):.1f} ms, "
                      f"{len(response.content) / 1000:.0f} kB)")
            big_n, big = sizes[0]
            renders, totals = [], []
            for _ in range(args.renders):
                t = time.perf_counter()
                response = httpx.get(base + big, headers={"cache-control": "no-cache"}, timeout=60)
                totals.append((time.perf_counter() - t) * 1000)
                renders.append(server_timing(response, "render"))
            cached = []
            for _ in range(args.renders):
                t = time.perf_counter()
                httpx.get(base + big, timeout=60).raise_for_status()
                cached.append((time.perf_counter() - t) * 1000)
            print(f"big story page ({big_n} articles): render alone p50 {statistics.median(renders):.1f} ms, "
                  f"max {max(renders):.1f} ms; fresh render end to end p50 {statistics.median(totals):.1f} ms; "
                  f"cached page end to end p50 {statistics.median(cached):.1f} ms")
            urls = [url for _, url in sizes]
            tally, spent = asyncio.run(load(base, urls, clients, seconds))
            ms = [x * 1000 for x in tally.latencies]
            print(f"load: {clients} clients x {seconds:.0f} s over {len(urls)} story pages: {len(ms)} requests, "
                  f"{len(ms) / spent:.0f} req/s, {tally.bytes / spent / 1e6:.1f} MB/s, errors {len(tally.errors)}")
            print(f"latency ms: p50 {percentile(ms, 0.5):.1f}  p90 {percentile(ms, 0.9):.1f}  "
                  f"p99 {percentile(ms, 0.99):.1f}  max {max(ms):.1f}")
            for url, times in sorted(tally.by_url.items()):
                each = [x * 1000 for x in times]
                print(f"  {url}: {len(each)} requests, p50 {percentile(each, 0.5):.1f} ms, "
                      f"p99 {percentile(each, 0.99):.1f} ms")
            for error in tally.errors[:5]:
                print("  error:", error)
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
    print(f"cpu count: {os.cpu_count()}")


if __name__ == "__main__":
    main()

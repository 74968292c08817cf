"""Set the summarizer's knobs (`summarize.Weights`) on held-out multinews-train stories, never on dev.

    python benchmarks/tune_summary.py                       # the grid, at 100/150/230 words
    python benchmarks/tune_summary.py --baselines           # also LexRank and Lead on the same stories

Stories: multinews-train lines 4000-4299 (the concept model learns on lines 0-3999). The costly
part (cleaning, embedding, claims) is cached by story_cache.py; each setting re-runs `summarize`.
A setting's score is the mean of R-1 and R-2 recall over the three budgets (rouge-score, stemming).
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baselines import lead, lexrank
from newsfuse.summarize import DEFAULT_WEIGHTS, Weights, summarize
from story_cache import Story, read_clusters, stories

TUNE = (4000, 4300)
BUDGETS = (100, 150, 230)


def rouge(summaries: Sequence[str], data: Sequence[Story]) -> tuple[float, float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    r1, r2 = [], []
    for summary, story in zip(summaries, data, strict=True):
        scores = [scorer.score(ref, summary) for ref in story.references]
        r1.append(statistics.mean(s["rouge1"].recall for s in scores))
        r2.append(statistics.mean(s["rouge2"].recall for s in scores))
    return 100 * statistics.mean(r1), 100 * statistics.mean(r2)


def newsfuse(data: Sequence[Story], words: int, weights: Weights) -> list[str]:
    return [" ".join(i.text for i in summarize(s.sources, s.claims, s.vectors, words, weights)) for s in data]


def report(name: str, figures: dict[int, tuple[float, float]]) -> float:
    cells = "  ".join(f"{w}: {r1:5.2f}/{r2:5.2f}" for w, (r1, r2) in figures.items())
    mean = statistics.mean(v for pair in figures.values() for v in pair)
    print(f"{name:60} {cells}  mean {mean:5.2f}", flush=True)
    return mean


# The settings tried (each a change from the defaults), in the order they were run.
GRID: list[dict[str, float]] = [
    {"claim_gain": 0.1},
    {"centrality": 0.3},
    {"claim_gain": 0.1, "centrality": 0.3},
    {"concept_power": 2.0},
    {"concept_power": 2.0, "centrality": 0.3},
]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baselines", action="store_true")
    parser.add_argument("--limit", type=int, default=TUNE[1] - TUNE[0])
    parser.add_argument("--only-default", action="store_true")
    parser.add_argument("--start", type=int, default=0, help="skip this many stories of the tune lines")
    parser.add_argument("--model", type=Path, help="a concept model file other than the shipped one (an ablation)")
    args = parser.parse_args(argv)
    if args.model:
        from newsfuse import summarize as summarize_module
        from newsfuse.summary_concepts import load_model

        summarize_module.load_model = lambda: load_model(args.model)  # type: ignore[assignment]
    data = stories("multinews-train", *TUNE)[args.start:args.start + args.limit]
    if args.baselines:
        by_id = {c["id"]: c for c in read_clusters("multinews-train", *TUNE)}
        docs = [[d["text"] for d in by_id[s.id]["docs"]] for s in data]
        for name, system in (("lexrank", lexrank), ("lead", lead)):
            report(name, {w: rouge([" ".join(system(d, w)) for d in docs], data) for w in BUDGETS})
    report(f"default {DEFAULT_WEIGHTS}", {w: rouge(newsfuse(data, w, DEFAULT_WEIGHTS), data) for w in BUDGETS})
    if args.only_default:
        return 0
    best, best_mean = DEFAULT_WEIGHTS, 0.0
    for change in GRID:
        weights = dataclasses.replace(DEFAULT_WEIGHTS, **change)  # type: ignore[arg-type]
        mean = report(str(change), {w: rouge(newsfuse(data, w, weights), data) for w in BUDGETS})
        if mean > best_mean:
            best, best_mean = weights, mean
    print(f"best: {best} (mean {best_mean:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What each of the editor's rules costs in ROUGE, measured on multinews-train stories, never on dev.

    python benchmarks/editor_cost.py                                   # the rules one at a time, lines 4000-4149
    python benchmarks/editor_cost.py --lines 4150:4300 default pairs=0 # a setting on the other half

A setting is a comma-separated list of `summarize.Weights` fields changed from the defaults
(`pass_over=0,pairs=1`; 0/1 for switches). Stories: multinews-train lines 4000-4299, the tune split the
concept model never learned on (story_cache.py caches the costly part). Figures: rouge-score recall with
stemming at 100/150/230 words and the mean of the six, as benchmarks/tune_summary.py prints them.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsfuse.summarize import DEFAULT_WEIGHTS, Weights
from story_cache import stories
from tune_summary import BUDGETS, TUNE, newsfuse, report, rouge

RULES = ["default", "lead=0", "outcome=0", "single_source_last=0", "pairs=0", "pass_over=0",
         "lead=0,outcome=0,single_source_last=0,pass_over=0"]


def weights_of(setting: str) -> Weights:
    change: dict[str, object] = {}
    for pair in [] if setting == "default" else setting.split(","):
        name, raw = pair.split("=")
        kind = type(getattr(DEFAULT_WEIGHTS, name))
        change[name] = raw == "1" if kind is bool else kind(raw)
    return dataclasses.replace(DEFAULT_WEIGHTS, **change)  # type: ignore[arg-type]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", default="4000:4150", help="multinews-train lines, within 4000:4300")
    parser.add_argument("settings", nargs="*", default=RULES)
    parser.add_argument("--model", type=Path, help="a concept model file other than the shipped one")
    args = parser.parse_args(argv)
    if args.model:
        from newsfuse import summarize as summarize_module
        from newsfuse.summary_concepts import load_model

        model = args.model
        summarize_module.load_model = lambda: load_model(model)  # type: ignore[assignment]
    start, stop = (int(x) for x in args.lines.split(":"))
    data = stories("multinews-train", *TUNE)[start - TUNE[0]:stop - TUNE[0]]
    print(f"multinews-train lines {start}-{stop - 1} ({len(data)} stories)")
    for setting in args.settings:
        weights = weights_of(setting)
        report(setting, {w: rouge(newsfuse(data, w, weights), data) for w in BUDGETS})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

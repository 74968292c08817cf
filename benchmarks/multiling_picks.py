"""Where the reference's bigrams are, and where the summary takes its sentences from, by position in
the article: MultiLing 2011's tune topics (M000-M004) of each language but English (issue 16, stop 28).

    python benchmarks/multiling_picks.py                  # six languages
    python benchmarks/multiling_picks.py --languages fr,ar

Prints one Markdown row per language: the mean share of a sentence's word bigrams that a reference
holds (ROUGE-2 precision against one reference, averaged over the three; Unicode words, as
rouge_eval.py scores other languages) at article positions 0..5 and 6 or later; then how many of the
summary's sentences come from each position, with the knobs shipped before stop 28 (centrality 0.6)
and now (`summarize.OTHER_LANGUAGE_WEIGHTS`); and the mean number of sentences of a summary.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsfuse.summarize import OTHER_LANGUAGE_WEIGHTS, Weights, summarize
from tune_multiling_summary import WORDS, prepared

LAST = 6  # positions 6 and later are one column


def bigrams(text: str) -> Counter[tuple[str, str]]:
    words = regex.findall(r"[\p{L}\p{M}\p{N}]+", text.lower())
    return Counter(itertools.pairwise(words))


def held(text: str, references: Sequence[Counter[tuple[str, str]]]) -> float:
    """The share of the text's bigrams a reference holds (clipped counts), averaged over references."""
    mine = bigrams(text)
    total = sum(mine.values())
    if not total:
        return 0.0
    return statistics.mean(sum(min(n, ref[b]) for b, n in mine.items()) / total for ref in references)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--languages", default="fr,ar,cs,el,he,hi")
    args = parser.parse_args(argv)
    knobs = {"before": Weights(centrality=0.6), "now": OTHER_LANGUAGE_WEIGHTS}
    print("| language | bigrams held, positions 0 1 2 3 4 5 6+ | picks before | picks now | sentences, before → now |")
    print("|---|---|---|---|---|")
    for code in args.languages.split(","):
        clusters, stories = prepared(code)
        density: dict[int, list[float]] = defaultdict(list)
        picks = {name: Counter[int]() for name in knobs}
        counts: dict[str, list[int]] = {name: [] for name in knobs}
        for cluster, (sources, claims, vectors) in zip(clusters, stories, strict=True):
            references = [bigrams(r) for r in cluster["summaries"]]
            position = {}
            for src in sources:
                for s in src.sentences:
                    density[min(s.index, LAST)].append(held(s.text, references))
                    position[s.text] = min(s.index, LAST)
            for name, weights in knobs.items():
                items = summarize(sources, claims, vectors, WORDS, weights)
                counts[name].append(len(items))
                # an edited sentence (a mended opening) is not found verbatim: it counts as late
                picks[name].update(position.get(item.text, LAST) for item in items)
        shares = " ".join(f"{statistics.mean(density[k]):.2f}" for k in range(LAST + 1))
        row = [" ".join(str(picks[name][k]) for k in range(LAST + 1)) for name in knobs]
        sizes = " → ".join(f"{statistics.mean(counts[name]):.1f}" for name in knobs)
        print(f"| {code} | {shares} | {row[0]} | {row[1]} | {sizes} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Summary sentences that state a value a developing story has since superseded (issues 11/13, stop 31).

    python benchmarks/superseded_summary.py              # every developing story in tests/data, 120 and 150 words
    python benchmarks/superseded_summary.py --show       # and print each summary sentence that is counted

A developing story is one of tests/data's hand-written stories with a planted update (the planted.json files
of ledger_updates, ledger_updates2 and qa31, written before newsfuse ran on them). Two counts per brief:

- chain: summary sentences whose own sentence gives a value the brief's own updates ("How the story
  developed") have superseded, shown with no note of the later value;
- planted: summary sentences that give a non-final value of a planted chain (its figure among the
  sentence's numbers) with no note of a later one. A figure can match by chance (12 communities beside
  12 dead): `--show` prints them to be read;
- judged: summary sentences judged stale by hand (tests/data/superseded_labels.json: every sentence
  main or the branch printed with a planted figure, read against EXPECTED.md) shown with no note; a
  planted-count sentence with no label is counted as unlabelled, to be judged and added.

Run it with another checkout's `src` on PYTHONPATH to measure that code on the same stories.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SETS = ("ledger_updates", "ledger_updates2", "qa31")
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12}
NOTE = "[later:"


def numbers(text: str) -> set[float]:
    """The sentence's figures: digits (1,200 and 1.200 alike, 'million' and 'billion' applied) and small
    English number words."""
    found: set[float] = set()
    for m in re.finditer(r"(\d[\d,.]*)(\s*(?:million|billion|milhões|milhão|bilhões))?", text):
        digits = m.group(1).rstrip(".,")
        plain = digits.replace(",", "").replace(".", "") if re.fullmatch(r"\d{1,3}([.,]\d{3})+", digits) else \
            digits.replace(",", "")
        try:
            value = float(plain)
        except ValueError:
            continue
        scale = (m.group(2) or "").strip().lower()
        found.add(value * (1e9 if scale.startswith(("billion", "bilh")) else 1e6 if scale else 1))
    found |= {float(v) for w, v in WORDS.items() if re.search(rf"\b{w}\b", text, re.IGNORECASE)}
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, nargs="+", default=[120, 150])
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    from newsfuse import brief

    planted: dict[str, dict[str, dict[str, list[list[float]]]]] = {}
    for name in SETS:
        planted |= json.loads((DATA / name / "planted.json").read_text(encoding="utf-8"))
    started = time.process_time()
    labels = json.loads((DATA / "superseded_labels.json").read_text(encoding="utf-8"))
    print("| set | story | words | summary sentences | stale (chain) | stale (planted) | stale (judged) | unlabelled "
          "| with a later-value note |")
    print("|---|---|---|---|---|---|---|---|---|")
    totals = [0, 0, 0, 0, 0, 0]
    for name, stories in planted.items():
        if name.startswith("_"):
            continue
        for story, want in stories.items():
            if not want["updates"]:
                continue  # not a developing story
            stale_values = {v for chain in want["updates"] for v in chain[:-1]}
            files = sorted(str(p) for p in (DATA / name).glob(f"{story}-*") if p.suffix in {".txt", ".jsonl"})
            for words in args.words:
                b = brief(files, words, id=story)
                old = {(e.source, e.sentence) for u in b.updates for v in u.values[:-1] for e in v.evidence}
                chain = planted_n = judged = unlabelled = noted = 0
                for item in b.summary:
                    shown = NOTE in item.text
                    noted += shown
                    own = (item.evidence[0].source, item.evidence[0].sentence) if item.evidence else None
                    c = own in old and not shown
                    p = bool(numbers(item.evidence[0].text if item.evidence else item.text) & stale_values) \
                        and not shown
                    label = [v for k, v in labels.get(story, {}).items()
                             if (item.evidence[0].text if item.evidence else item.text).startswith(k)]
                    j = bool(label) and label[0] and not shown
                    chain += c
                    planted_n += p
                    judged += j
                    unlabelled += p and not label
                    if args.show and (c or p or shown):
                        print(f"  {story}@{words} chain={int(c)} planted={int(p)} judged={int(j)}: {item.text}", file=sys.stderr)
                row = [len(b.summary), chain, planted_n, judged, unlabelled, noted]
                totals = [t + r for t, r in zip(totals, row, strict=True)]
                print(f"| {name} | {story} | {words} | " + " | ".join(map(str, row)) + " |")
    print("| all | | | " + " | ".join(map(str, totals)) + " |")
    print(f"\nCPU {time.process_time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Timeline rows and entity kinds judged by reading them, on ECB+ events briefed as one story each.

Labels (benchmarks/judged/):
- `timeline.jsonl`: one dated sentence of a story (`source`, `sentence`, and the `year` its date names)
  as `own` (one of the story's own events: the timeline), `background` (history told in passing: the
  background list, or left out) or `not_event` (a date that dates no event: "this year's show",
  "through November 2010"; it should be shown nowhere). Sampled: up to 10 dated sentences per story
  from what the code before and after issue 11 item 6 showed, chosen by a hash, labelled by reading.
- `entities.jsonl`: a name as written in a story (`name`), its `kind` (person, place, organization),
  and `same_as` pairs: two names of one thing (`same: true`) or of two (`same: false`).

Split (as benchmarks/ledger_judged.py): **tune** is ECB+ topics 2-18, read while the rules were
written; **test** is topics 20-44, read only to judge. Runs on whatever `newsfuse` is importable, so
the same labels score the code before a change (PYTHONPATH=<old checkout>/src) and after.

    python benchmarks/timeline_entities_judged.py              # test split
    python benchmarks/timeline_entities_judged.py --split tune
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ledger_judged import stories

JUDGED = Path(__file__).resolve().parent / "judged"
ISO = re.compile(r"\d{4}-\d\d-\d\d")  # "1783-01-01 – 1783-12-31": how a reader does not write a date


def _load(name: str) -> list[dict[str, Any]]:
    path = JUDGED / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def placement(brief: Any, label: dict[str, Any]) -> str:
    """Where the brief put one judged dated sentence: `own`, `background` or `absent`."""
    own = [t for t in brief.timeline if not t.background]
    past = [*getattr(brief, "background", []), *(t for t in brief.timeline if t.background)]
    for where, rows in (("own", own), ("background", past)):
        for t in rows:
            told = {(e.source, e.sentence) for e in t.evidence}
            if (label["source"], label["sentence"]) in told and t.start.year <= label["year"] <= t.end.year:
                return where
    return "absent"


RIGHT = {"own": {"own"}, "background": {"background", "absent"}, "not_event": {"absent"}}


def readable(text: str) -> bool:
    """A row a reader can take alone: a capital first, a closing mark last, no quotation cut."""
    return (text[:1].isupper() or text[:1] in "\"“") and text.rstrip()[-1:] in set(".!?…\"”’") \
        and text.count("“") == text.count("”") and text.count('"') % 2 == 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["tune", "test"], default="test")
    args = parser.parse_args(argv)

    from newsfuse.config import load_settings
    from newsfuse.pipeline import brief

    tl = [r for r in _load("timeline.jsonl") if r["split"] == args.split]
    ents = [r for r in _load("entities.jsonl") if r["split"] == args.split]
    wanted = {r["story"] for r in [*tl, *ents]}
    settings = load_settings()
    confusion: Counter[tuple[str, str]] = Counter()
    kinds: Counter[bool] = Counter()
    wrong_kinds: list[str] = []
    merges: Counter[tuple[bool, bool]] = Counter()
    rows = sentences = iso = 0
    shown: dict[str, tuple[int, int]] = {}
    for story in stories(["ecbplus"]):
        if story.id not in wanted:
            continue
        b = brief(story.articles, settings=settings)
        for label in (r for r in tl if r["story"] == story.id):
            confusion[(label["label"], placement(b, label))] += 1
        all_rows = [*b.timeline, *getattr(b, "background", [])]
        rows += len(all_rows)
        sentences += sum(readable(t.text) for t in all_rows)
        iso += sum(bool(ISO.search(t.when)) for t in all_rows)
        shown[story.id] = (sum(not t.background for t in all_rows), sum(t.background for t in all_rows))
        of: dict[str, Any] = {}
        for e in b.entities:
            for m in e.mentions:
                of.setdefault(m.text, e)
        for label in (r for r in ents if r["story"] == story.id):
            if "kind" in label and label["name"] in of:
                ok = of[label["name"]].kind == label["kind"]
                kinds[ok] += 1
                if not ok:
                    wrong_kinds.append(f"{story.id}: {label['name']} {of[label['name']].kind} ≠ {label['kind']}")
            if "same_as" in label and label["name"] in of and label["same_as"] in of:
                merged = of[label["name"]] is of[label["same_as"]]
                merges[(label["same"], merged)] += 1
                if merged != label["same"]:
                    wrong_kinds.append(f"{story.id}: {label['name']} / {label['same_as']} "
                                       f"{'merged' if merged else 'apart'}, but {'one' if label['same'] else 'two'}")
    _report(args.split, confusion, kinds, wrong_kinds, merges, rows, sentences, iso, shown)
    return 0


def _report(split: str, confusion: Counter[tuple[str, str]], kinds: Counter[bool], wrong_kinds: list[str],
            merges: Counter[tuple[bool, bool]], rows: int, sentences: int, iso: int,
            shown: dict[str, tuple[int, int]]) -> None:
    total = sum(confusion.values())
    right = sum(n for (gold, got), n in confusion.items() if got in RIGHT[gold])
    print(f"split: {split}; {len(shown)} stories")
    print(f"timeline placement: {right}/{total} = {right / max(total, 1):.1%} right "
          "(own in the timeline; background in the background list or left out; not_event nowhere)")
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for (gold, got), n in confusion.items():
        per[gold][got] += n
    for gold in ("own", "background", "not_event"):
        print(f"  {gold:10} → " + ", ".join(f"{got} {n}" for got, n in sorted(per[gold].items())))
    print(f"rows shown: {rows} ({sum(o for o, _ in shown.values())} own, {sum(b for _, b in shown.values())} "
          f"background); readable sentences {sentences}/{rows} = {sentences / max(rows, 1):.1%}; "
          f"dates printed ISO-style {iso}")
    n = sum(kinds.values())
    print(f"entity kinds: {kinds[True]}/{n} = {kinds[True] / max(n, 1):.1%} right; the mistakes (kinds, then aliases):")
    for line in wrong_kinds:
        print(f"  {line}")
    both = sum(merges.values())
    agree = merges[(True, True)] + merges[(False, False)]
    print(f"alias pairs: {agree}/{both} right (same and merged {merges[(True, True)]}, same but apart "
          f"{merges[(True, False)]}, different but merged {merges[(False, True)]}, different and apart "
          f"{merges[(False, False)]})")


if __name__ == "__main__":
    raise SystemExit(main())

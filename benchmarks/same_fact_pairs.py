"""Every pair of figures the conflict finder asks the same-fact model about, with its features and verdict.

`ledger_judged.py` judges what newsfuse *reports*; this looks one step earlier, at the candidates: each
pair of disagreeing figures the finder's passes put to the same-fact model (`compare.same_fact`),
whether or not it was reported. Each row has the model's probability, its feature vector, and the
verdict of a person who read the two sentences, when one exists — from
`benchmarks/judged/same_fact_pairs.jsonl` (pair verdicts) or, failing that, from a ledger verdict on
the conflict the pair was reported as (`benchmarks/judged/ledger.jsonl`).

That gives gold at the level the model decides, on the same tune/test split as `ledger_judged.py`,
and the precision of the pairs the finder would report with and without the rule (measured, not
shipped) that a measure a source gives several ways names several facts:

    python benchmarks/same_fact_pairs.py --split tune --out pairs-tune.jsonl       # candidates + verdicts
    python benchmarks/same_fact_pairs.py --split tune --unjudged todo.jsonl          # what has no verdict yet

Verdicts are those of the ledger: `conflict`, `update` (one fact: a real disagreement, at one time or
over time), `different` (two facts), `compatible` (one fact whose values can both hold).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ledger_judged import VERDICTS, briefed

PAIR_VERDICTS = Path(__file__).resolve().parent / "judged" / "same_fact_pairs.jsonl"


def pair_key(story: str, a: dict[str, str], b: dict[str, str]) -> str:
    sides = sorted(f"{s['value']}\x00{s['sentence']}" for s in (a, b))
    return hashlib.sha1("\x01".join([story, *sides]).encode()).hexdigest()[:16]


def load_verdicts() -> tuple[dict[str, dict[str, Any]], dict[tuple[str, frozenset[str]], list[dict[str, Any]]]]:
    """Pair verdicts by key, and ledger verdicts by (story, the two sentences)."""
    pairs: dict[str, dict[str, Any]] = {}
    if PAIR_VERDICTS.is_file():
        for line in PAIR_VERDICTS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                v = json.loads(line)
                pairs[v["key"]] = v
    ledger: dict[tuple[str, frozenset[str]], list[dict[str, Any]]] = {}
    for line in VERDICTS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            v = json.loads(line)
            if v["type"] == "conflict" and v["kind"] not in {"quote", "attribution", "title", "date"}:
                ledger.setdefault((v["story"], frozenset(s["sentence"] for s in v["sides"])), []).append(v)
    return pairs, ledger


def _from_ledger(found: list[dict[str, Any]], a: dict[str, str], b: dict[str, str]) -> str | None:
    """The ledger verdict of the conflict whose two sides hold these two values, if one does."""
    for v in found:
        values = [set(s["value"].split(" | ")) for s in v["sides"]]
        if len(values) == 2 and ((a["value"] in values[0] and b["value"] in values[1])
                                 or (a["value"] in values[1] and b["value"] in values[0])):
            return str(v["verdict"])
    return None


def several_ways(items: Any, s: Any) -> bool:
    """Whether the figure's own source gives its measure (family, counted noun, what is said of it)
    another value that cannot hold with it: the rule measured, and not shipped, in docs/benchmarks.md
    ("a measure a source gives several ways")."""
    from newsfuse.compare.quantities import _comparable
    from newsfuse.compare.values import compare_values, family_of

    return any(t.source == s.source and family_of(t) == family_of(s) and t.main.head == s.main.head
               and t.main.frame.predicate == s.main.frame.predicate and _comparable(s, t)
               and not compare_values(s, t).consistent for t in items)


def _precision(rows: list[dict[str, Any]]) -> None:
    """What the finder reports of the judged candidates: same-fact odds at least even, and, with the
    measured (not shipped) rule, neither figure's measure given several ways by its own source."""
    from newsfuse.compare.quantities import SAME_FACT_FLOOR

    judged = [r for r in rows if r["disagree"] and r["verdict"]]
    for label, keep in (("same-fact floor alone", lambda r: r["p"] >= SAME_FACT_FLOOR),
                        ("same-fact floor and measure rule", lambda r: r["p"] >= SAME_FACT_FLOOR and not any(r["several"]))):
        kept = [r for r in judged if keep(r)]
        real = sum(r["verdict"] in {"conflict", "update"} for r in kept)
        total = sum(r["verdict"] in {"conflict", "update"} for r in judged)
        print(f"{label}: {len(kept)} pairs kept, {real} real ({real / max(len(kept), 1):.0%}); "
              f"{real} of the {total} real pairs judged")


def _calibration(rows: list[dict[str, Any]]) -> None:
    """How many judged pairs the finder would report are real, by the confidence it would give them,
    and how well the two chances rank the judged pairs (AUC)."""
    from newsfuse.compare.quantities import SAME_FACT_FLOOR

    judged = [r for r in rows if r["disagree"] and r["verdict"]]
    real = [r["verdict"] in {"conflict", "update"} for r in judged]
    for name in ("p", "confidence"):
        if 0 < sum(real) < len(real):
            from sklearn.metrics import roc_auc_score
            print(f"AUC of the judged pairs by {name}: {roc_auc_score(real, [r[name] for r in judged]):.3f}")
    print("| confidence | judged pairs reported | real |\n|---|---|---|")
    for low, high in ((0.0, 0.2), (0.2, 0.5), (0.5, 0.8), (0.8, 1.01)):
        band = [ok for r, ok in zip(judged, real, strict=True)
                if r["p"] >= SAME_FACT_FLOOR and low <= r["confidence"] < high]
        print(f"| {low:.1f}-{min(high, 1.0):.1f} | {len(band)} | {sum(band)} |")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["test", "tune", "all"], default="tune")
    ap.add_argument("--sets", default="ecbplus,multiling,multinews")
    ap.add_argument("--limit", type=int, default=0, help="stories per set (0: all)")
    ap.add_argument("--skip", type=int, default=0, help="stories per set to pass over first (a later batch)")
    ap.add_argument("--only-judged", action="store_true",
                    help="brief only the stories that hold a pair verdict (benchmarks/judged/same_fact_pairs.jsonl) "
                         "or a ledger verdict: the judged pairs' features and AUC in minutes, not hours")
    ap.add_argument("--out", type=Path, help="write every candidate pair here (JSONL)")
    ap.add_argument("--unjudged", type=Path, help="write the disagreeing pairs without a verdict here (JSONL)")
    args = ap.parse_args(argv)

    from newsfuse.compare import quantities
    from newsfuse.compare.same_fact import ALL_FEATURES, SameFact
    from newsfuse.compare.values import compare_values

    calls: list[dict[str, Any]] = []

    class Recording(SameFact):
        def __call__(self, i: int, j: int) -> float:
            pair = (min(i, j), max(i, j))
            asked = pair in self._cache  # recorded the first time: the finder may ask again
            p = super().__call__(i, j)
            if not asked:
                a, b = self.items[pair[0]], self.items[pair[1]]
                calls.append({"a": a, "b": b, "p": p, "confidence": self.confidence(*pair), "x": self.features(*pair),
                              "several": [several_ways(self.items, a), several_ways(self.items, b)]})
            return p

    quantities.SameFact = Recording  # type: ignore[misc]
    pair_verdicts, ledger = load_verdicts()
    rows: list[dict[str, Any]] = []
    per_set: Counter[str] = Counter()
    wanted = {v["story"] for v in pair_verdicts.values()} | {story for story, _ in ledger} if args.only_judged else None
    for story, b in briefed(args.sets.split(","), args.split, args.limit, per_set, args.skip, wanted):
        published = {s.article.id: s.article.published for s in b.sources}
        seen: set[str] = set()
        for c in calls:
            sa, sb = c["a"], c["b"]
            side_a = {"value": sa.surface, "sentence": sa.main.text, "source": sa.source}
            side_b = {"value": sb.surface, "sentence": sb.main.text, "source": sb.source}
            k = pair_key(story.id, side_a, side_b)
            if k in seen:
                continue
            seen.add(k)
            verdict = pair_verdicts[k]["verdict"] if k in pair_verdicts else \
                _from_ledger(ledger.get((story.id, frozenset({side_a["sentence"], side_b["sentence"]})), []),
                             side_a, side_b)
            rows.append({"key": k, "set": story.set, "story": story.id, "split": story.split,
                         "kind": sa.main.quantity.kind, "disagree": not compare_values(sa, sb).consistent,
                         "p": round(c["p"], 4), "confidence": round(c["confidence"], 4), "a": side_a, "b": side_b,
                         "published": [str(published.get(sa.source) or ""), str(published.get(sb.source) or "")],
                         "features": {n: (None if v != v else round(float(v), 4)) for n, v in zip(ALL_FEATURES, c["x"], strict=True)},
                         "several": c["several"], "verdict": verdict})
        calls.clear()  # the next story's brief records afresh
        print(f"\r{sum(per_set.values())} stories, {len(rows)} pairs", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    disputed = [r for r in rows if r["disagree"]]
    judged = [r for r in disputed if r["verdict"]]
    print(f"pairs asked about: {len(rows)}; disagreeing: {len(disputed)}; of which judged: {len(judged)}")
    _precision(rows)
    _calibration(rows)
    if args.out:
        with args.out.open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if args.unjudged:
        with args.unjudged.open("w", encoding="utf-8") as f:
            for r in disputed:
                if not r["verdict"]:
                    f.write(json.dumps({k: r[k] for k in ("key", "set", "story", "split", "kind", "p", "a", "b",
                                                         "published")} | {"verdict": "", "why": ""},
                                       ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

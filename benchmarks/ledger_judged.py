"""Precision of the conflicts (and updates) newsfuse reports, from verdicts people wrote by reading them.

Stories of many reports are what expose false alarms, so this briefs, as one story each:
- `ecbplus`: the 43 events of ../shared/eval/stories/ecbplus-dev-articles.jsonl (about 11 reports each);
- `multiling`: the 10 MultiLing 2011 English stories (10 translations-of-one-set reports each);
- `multinews`: the Multi-News training stories with five or more reports;
- `multinews-small`: the Multi-News training stories with three or four reports (tune only: more judged
  candidate pairs for the same-fact stack; not in the default sets);
- `multinews-dev`: the Multi-News dev stories with three or more reports (254), and `multinews-pairs`: the
  Multi-News training stories of exactly two reports whose id hashes to 0 mod 12 (in no other set): the
  split `heldout30`.

Split: **tune** is ECB+ topics 2-18 (18 events, the ones read while the same-fact rules were written),
MultiLing English (read for the entity rules) and the Multi-News stories whose id hashes even; **test**
is ECB+ topics 20-44 (26 events) and the Multi-News stories whose id hashes odd. `multinews-small` is
all tune: its stories are none of the test stories (those have five or more reports), so reading them
cannot leak the held-out part. Rules are adjusted by
reading tune output only; test output is read only to judge it.

**heldout30** (stop 30) is a second report part, made because the test part had been read at every stop
since 26: the Multi-News dev stories of three or more reports and a twelfth of the training stories of two
reports. Before stop 30 the dev stories were briefed only by `conflicts_eval.py` (planted changes, false
alarms counted, never judged) and the two-report training stories by nothing that reports conflicts; the
conflicts main reported on them were judged at stop 30 from main's output (tuning read only the tune part),
and the branch's output on the part was read once, at the end.

**heldout31** (stop 31) is a third report part, made the same way before any code of stop 31: the
Multi-News dev stories of exactly two reports (`multinews-dev-pairs`, 283; briefed before only by
`conflicts_eval.py`, never judged) and the Multi-News training stories of exactly two reports whose id
hashes to 6, 7 or 8 mod 12 (`multinews-pairs31`; in no other set). Every story of five or more reports
(Multi-News training, ECB+ dev) is already in tune or test, so a fresh part holds short stories and
few conflicts; the conflicts main (stop 30, 9f81a76) reports there were judged from main's output.

Each reported conflict or update is matched to a committed verdict (benchmarks/judged/ledger.jsonl) by
its story, its kind and its two leading sides (value and evidence sentence). Verdicts:
`conflict` (the sources really disagree about one fact at one time), `update` (one fact, changed over
time: should be an update), `different` (two facts: a false alarm), `compatible` (one fact, and both
values can hold: a bound, rounding, a conversion: a false alarm).

    python benchmarks/ledger_judged.py                    # test split: precision, calibration, rates
    python benchmarks/ledger_judged.py --split tune
    python benchmarks/ledger_judged.py --split heldout30      # the second report part (stop 30)
    python benchmarks/ledger_judged.py --split heldout31      # the third (stop 31)
    python benchmarks/ledger_judged.py --unjudged new.jsonl   # write what has no verdict yet, to judge

A reported item with no verdict is listed as unjudged and left out of precision (the count says how
much of the output the figure covers).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
VERDICTS = Path(__file__).resolve().parent / "judged" / "ledger.jsonl"
REAL = {"conflict", "update"}
LABELS = {"conflict", "update", "different", "compatible"}
# The twelfths (id hash mod 12) of the two-report training stories in split heldout31.
PAIRS31 = {6, 7, 8}


@dataclass(slots=True)
class Story:
    set: str
    id: str
    articles: list[dict[str, Any]]

    @property
    def split(self) -> str:
        if self.set == "ecbplus":  # ECB+ topics 2-18 were read while the frame rules were written
            return "tune" if int(self.id.split("-")[1].split("_")[0]) < 20 else "test"
        if self.set in {"multiling", "multinews-small"}:
            return "tune"
        if self.set in {"multinews-dev", "multinews-pairs"}:  # read only to judge it, at stop 30 (docstring)
            return "heldout30"
        if self.set in {"multinews-dev-pairs", "multinews-pairs31"}:  # made at stop 31 (docstring)
            return "heldout31"
        return "test" if int(hashlib.sha1(self.id.encode()).hexdigest(), 16) % 2 else "tune"


def stories(sets: Sequence[str]) -> Iterator[Story]:
    if "ecbplus" in sets:
        events: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in _lines(SHARED / "stories" / "ecbplus-dev-articles.jsonl"):
            events[str(row["label"])].append({"id": row["id"], "title": row.get("title", ""),
                                              "text": row["text"], "url": row.get("url") or None})
        for label in sorted(events):
            yield Story("ecbplus", f"ecb-{label}", events[label])
    for name, file, least, most in (("multiling", "multiling2011-en.jsonl", 2, None),
                                    ("multinews", "multinews-train.jsonl", 5, None),
                                    ("multinews-small", "multinews-train.jsonl", 3, 4),
                                    ("multinews-dev", "multinews-dev.jsonl", 3, None),
                                    ("multinews-pairs", "multinews-train.jsonl", 2, 2),
                                    ("multinews-dev-pairs", "multinews-dev.jsonl", 2, 2),
                                    ("multinews-pairs31", "multinews-train.jsonl", 2, 2)):
        if name not in sets:
            continue
        for row in _lines(SHARED / "mds" / file):
            docs = [d for d in row["docs"] if d.get("text", "").strip()]
            twelfth = int(hashlib.sha1(str(row["id"]).encode()).hexdigest(), 16) % 12
            if (name == "multinews-pairs" and twelfth) or (name == "multinews-pairs31" and twelfth not in PAIRS31):
                continue
            if len(docs) >= least and (most is None or len(docs) <= most):
                yield Story(name, str(row["id"]), [
                    {"id": str(d.get("doc_id") or k), "title": d.get("title", ""), "text": d["text"],
                     "published": d.get("date") or None} for k, d in enumerate(docs)])


def briefed(sets: Sequence[str], split: str, limit: int, tried: Counter[str] | None = None,
            skip: int = 0, only: Collection[str] | None = None) -> Iterator[tuple[Story, Any]]:
    """Each story of `split` ("all": every one) after the first `skip` of each set, at most `limit` per
    set (0: no limit), with its brief; a story whose articles clean to nothing is left out. `tried`
    counts the stories briefed per set; `only`, if given, names the stories to brief (others are passed
    over before they count)."""
    from newsfuse.config import load_settings
    from newsfuse.errors import NoArticlesError
    from newsfuse.pipeline import brief

    settings = load_settings()
    tried = Counter() if tried is None else tried
    skipped: Counter[str] = Counter()
    for story in stories(sets):
        if (split != "all" and story.split != split) or (limit and tried[story.set] >= limit):
            continue
        if only is not None and story.id not in only:
            continue
        if skipped[story.set] < skip:
            skipped[story.set] += 1
            continue
        tried[story.set] += 1
        try:
            yield story, brief(story.articles, settings=settings)
        except NoArticlesError:
            continue


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    if not path.is_file():
        sys.exit(f"{path}: evaluation data not found (see ../shared/eval/README.md)")
    with path.open(encoding="utf-8") as f:
        for line in f:
            yield json.loads(line)


def sides(item: dict[str, Any]) -> list[dict[str, str]]:
    """The two leading sides of a reported conflict or update: value and its first evidence sentence."""
    values = item["values"]
    if item["type"] == "conflict":
        values = sorted(values, key=lambda v: -len(v["sources"]))
    return [{"value": v["value"], "sentence": v["evidence"][0]["text"]} for v in values[:2]]


def key(story: str, item: dict[str, Any]) -> str:
    pair = sorted(f"{s['value']}\x00{s['sentence']}" for s in sides(item))
    return hashlib.sha1("\x01".join([story, item["type"], *pair]).encode()).hexdigest()[:16]


def reported(brief: Any) -> list[dict[str, Any]]:
    data = brief.to_dict()
    out = [{"type": "conflict", "kind": c["kind"], "about": c["about"], "confidence": c["confidence"],
            "note": c.get("note", ""), "values": c["values"]} for c in data["conflicts"]]
    out += [{"type": "update", "kind": u.get("kind", ""), "about": u["about"], "confidence": u.get("confidence", 1.0),
             "note": "", "values": u["values"]} for u in data.get("updates", [])]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["test", "tune", "heldout30", "heldout31", "all"], default="test")
    ap.add_argument("--sets", default="ecbplus,multiling,multinews,multinews-dev,multinews-pairs,"
                                      "multinews-dev-pairs,multinews-pairs31")
    ap.add_argument("--limit", type=int, default=0, help="stories per set (0: all)")
    ap.add_argument("--unjudged", type=Path, help="write reported items without a verdict here (JSONL)")
    ap.add_argument("--show", type=int, default=0, help="print this many false alarms")
    ap.add_argument("--floor", type=float, help="the same-fact floor of the quantity conflicts (default: newsfuse's)")
    ap.add_argument("--dump", type=Path, help="write every reported item with its verdict here (JSONL)")
    ap.add_argument("--stories", type=Path, help="brief only the stories a --dump file names (a quicker rerun of "
                                                 "the stories that told something; rates per story are then "
                                                 "of those stories)")
    args = ap.parse_args(argv)

    if args.floor is not None:
        from newsfuse.compare import quantities
        quantities.SAME_FACT_FLOOR = args.floor
    verdicts = {}
    if VERDICTS.is_file():
        for line in VERDICTS.read_text(encoding="utf-8").splitlines():
            if line.strip():
                v = json.loads(line)
                verdicts[v["key"]] = v
    counts: dict[str, int] = defaultdict(int)
    sets: dict[str, dict[str, int]] = {}
    rows: list[tuple[Story, dict[str, Any], str | None]] = []
    started = time.perf_counter()
    only = None
    if args.stories:
        only = {json.loads(line)["story"] for line in args.stories.read_text(encoding="utf-8").splitlines() if line.strip()}
    for story, b in briefed(args.sets.split(","), args.split, args.limit, only=only):
        counts["stories"] += 1
        counts["reports"] += len(b.sources)
        per = sets.setdefault(story.set, {"stories": 0, "reports": 0})
        per["stories"] += 1
        per["reports"] += len(b.sources)
        for item in reported(b):
            k = key(story.id, item)
            v = verdicts.get(k)
            rows.append((story, {**item, "key": k}, v["verdict"] if v else None))
        print(f"\r{counts['stories']} stories", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    _report(rows, counts, sets, time.perf_counter() - started, args.show)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as f:
            for story, item, verdict in rows:
                f.write(json.dumps({"set": story.set, "story": story.id, "split": story.split, "verdict": verdict,
                                    **item}, ensure_ascii=False) + "\n")
    if args.unjudged:
        with args.unjudged.open("w", encoding="utf-8") as f:
            for story, item, verdict in rows:
                if verdict is None:
                    f.write(json.dumps({"key": item["key"], "set": story.set, "story": story.id,
                                        "split": story.split, "type": item["type"], "kind": item["kind"],
                                        "about": item["about"], "confidence": item["confidence"],
                                        "note": item["note"], "sides": sides(item),
                                        "values": item["values"], "verdict": "", "why": ""},
                                       ensure_ascii=False) + "\n")
    return 0


def _report(rows: list[tuple[Story, dict[str, Any], str | None]], counts: dict[str, int],
            sets: dict[str, dict[str, int]], seconds: float, show: int) -> None:
    n = max(counts["stories"], 1)
    conflicts = [(s, i, v) for s, i, v in rows if i["type"] == "conflict"]
    updates = [(s, i, v) for s, i, v in rows if i["type"] == "update"]
    sure = sum(i["confidence"] >= 0.5 for _, i, _ in conflicts)
    print(f"{counts['stories']} stories, {counts['reports']} reports ({counts['reports'] / n:.1f} per story), "
          f"{seconds:.0f} s")
    print(f"conflicts reported: {len(conflicts)} ({len(conflicts) / n:.2f} per story; "
          f"{sure / n:.2f} per story at confidence >= 0.5); updates reported: {len(updates)}")
    print("\n| reported | at confidence | judged | conflict | update | different | compatible | precision |")
    print("|---|---|---|---|---|---|---|---|")
    for label, part in (("conflicts", conflicts), ("updates", updates)):
        # A figure conflict's confidence is a calibrated chance and may be below 0.25 (it is reported
        # on the same-fact chance, not on its confidence).
        for low, high in ((0.0, 1.01), (0.0, 0.25), (0.25, 0.5), (0.5, 0.8), (0.8, 1.01)):
            chosen = [v for _, i, v in part if low <= i["confidence"] < high]
            judged = [v for v in chosen if v is not None]
            tally = {x: judged.count(x) for x in LABELS}
            # A conflict is right when judged a conflict; an update when judged an update (a real
            # change told as a conflict, or a disagreement told as an update, counts against).
            right = tally["conflict"] if label == "conflicts" else tally["update"]
            prec = f"{right / len(judged):.0%}" if judged else "-"
            band = "all" if high > 1.0 and low == 0.0 else f"{low:.2f}-{min(high, 1.0):.2f}"
            print(f"| {label} | {band} | {len(judged)} of {len(chosen)} | {tally['conflict']} | "
                  f"{tally['update']} | {tally['different']} | {tally['compatible']} | {prec} |")
            if label == "updates" and band == "all":
                break
    print("\n| set | stories | reports per story | conflicts per story | at confidence >= 0.5 | judged real / judged |")
    print("|---|---|---|---|---|---|")
    for name, told in sorted(sets.items()):
        mine = [(i, v) for s, i, v in conflicts if s.set == name]
        n_set = max(told["stories"], 1)
        print(f"| {name} | {told['stories']} | {told['reports'] / n_set:.1f} | {len(mine) / n_set:.2f} | "
              f"{sum(i['confidence'] >= 0.5 for i, _ in mine) / n_set:.2f} | "
              f"{sum(v == 'conflict' for _, v in mine)} / {sum(v is not None for _, v in mine)} |")
    print("\n| kind | conflicts | judged | conflict | update | different | compatible |")
    print("|---|---|---|---|---|---|---|")
    for kind in sorted({i["kind"] for _, i, _ in conflicts}):
        verdicts = [v for _, i, v in conflicts if i["kind"] == kind]
        judged = [v for v in verdicts if v is not None]
        print(f"| {kind} | {len(verdicts)} | {len(judged)} | " + " | ".join(
            str(judged.count(x)) for x in ("conflict", "update", "different", "compatible")) + " |")
    shown = 0
    for story, item, verdict in rows:
        if shown < show and verdict in {"different", "compatible"}:
            shown += 1
            print(f"\n[{story.id}] {item['type']} {item['kind']} ({item['confidence']}) {verdict}: {item['about']}")
            for s in sides(item):
                print(f"   {s['value']!r}: {s['sentence'][:200]!r}")


if __name__ == "__main__":
    raise SystemExit(main())

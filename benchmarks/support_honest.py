"""Is support honest? Summary sentences and claims that cite a source for a figure that source contradicts.

Over the stories of `benchmarks/ledger_judged.py` (same sets, same tune / test split: **test** is ECB+
topics 20-44 and the Multi-News train stories of five or more reports whose id hashes odd), each story
briefed as one, every summary sentence and every claim is checked against each source it cites, two ways:

- **reported**: the shown sentence gives one value of a reported conflict or update (of a figure, a
  date, a duration, a count) and a cited source's sentence gives another value of it (the brief's own
  definition of contradicting: what `compare.support` must act on);
- **direct**: newsfuse's number reader on the two sentences alone: a figure of one measure (kind,
  unit, counted noun) that each sentence states once, with values that cannot both hold
  (`compare.values`: rounding, bounds and conversions are compatible). This does not need the
  conflict finder to have reported the pair; it can flag two facts of one noun ("12 killed" /
  "14 killed in the earlier attack"), so its examples are printed to be read.

    python benchmarks/support_honest.py                      # test part
    python benchmarks/support_honest.py --split tune --limit 10 --show 20
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledger_judged import briefed

Key = tuple[str, int]
POINT_KINDS = frozenset({"number", "money", "date", "duration", "count"})
DIRECT_KINDS = frozenset({"count", "money", "percent", "duration", "number"})


def reported_sides(brief: Any) -> list[list[set[Key]]]:
    """For each reported conflict or update of a figure or date: the sentences giving each value."""
    groups = [c.values for c in brief.conflicts if c.kind in POINT_KINDS] + [u.values for u in brief.updates]
    return [[{(e.source, e.sentence) for e in v.evidence} for v in values] for values in groups]


def shown(item: Any) -> Key | None:
    """The sentence a summary item or claim shows: a summary item's first evidence (its text is that
    sentence but for bracketed edits); a claim's evidence whose text is the claim's."""
    if hasattr(item, "edits"):
        return (item.evidence[0].source, item.evidence[0].sentence) if item.evidence else None
    return next(((e.source, e.sentence) for e in item.evidence if e.text == item.text), None)


def reported_violations(item: Any, sides_of: list[list[set[Key]]]) -> list[tuple[Key, Key]]:
    own = shown(item)
    out: list[tuple[Key, Key]] = []
    if own is None:
        return out
    for sides in sides_of:
        mine = [k for k, keys in enumerate(sides) if own in keys]
        if not mine:
            continue
        for e in item.evidence:
            key = (e.source, e.sentence)
            if e.source != own[0] and key not in sides[mine[0]] and \
                    any(key in keys for k, keys in enumerate(sides) if k != mine[0]):
                out.append((own, key))
    return out


class Figures:
    """The figures newsfuse reads in single sentences, parsed once each, by (source, sentence)."""

    def __init__(self) -> None:
        self.cache: dict[Key, dict[tuple[str, str, str], list[Any]]] = {}

    def load(self, texts: dict[Key, str]) -> None:
        from newsfuse.compare.values import stated_values
        from newsfuse.facts.parsing import parse_sources
        from newsfuse.facts.quantities import extract_quantities
        from newsfuse.text import split_sentences
        from newsfuse.types import Article, Source

        todo = [k for k in texts if k not in self.cache]
        sources = []
        for n, key in enumerate(todo):
            article = Article(id=f"{key[0]}\x00{key[1]}", text=texts[key])
            sources.append(Source(n + 1, article, n, split_sentences(article)))
        found = extract_quantities(parse_sources(sources)) if sources else []
        for key in todo:
            self.cache[key] = {}
        for s in stated_values(found):
            src, _, sent = s.source.partition("\x00")
            q = s.main.quantity
            if q.kind not in DIRECT_KINDS or (q.kind == "number" and not q.unit):
                continue  # a bare number says too little of what it measures
            measure = (q.kind, q.unit, s.main.head or "")
            self.cache[(src, int(sent))].setdefault(measure, []).append(s)

    def contradicted(self, own: Key, other: Key) -> list[tuple[Any, Any]]:
        """Figures of one measure each sentence states once, whose values cannot both hold."""
        from newsfuse.compare.values import compare_values

        mine, theirs = self.cache.get(own, {}), self.cache.get(other, {})
        out = []
        for measure, said in mine.items():
            other_said = theirs.get(measure, [])
            if len(said) == 1 and len(other_said) == 1 and one_measure(said[0], other_said[0]) \
                    and not compare_values(said[0], other_said[0]).consistent:
                out.append((said[0], other_said[0]))
        return out


def one_measure(a: Any, b: Any) -> bool:
    """The same measure as the finder reads it: no change against a level, no rate against a total,
    no yearly figure against a five-year one, no frames that say two things (owner, sort, part/whole,
    what the clause says of them; `facts.frames.apart`)."""
    from newsfuse.facts import frames

    fa, fb = a.main, b.main
    if fa.delta != fb.delta or fa.per != fb.per or fa.period != fb.period or fa.former or fb.former:
        return False
    if (fa.total and fb.part) or (fa.part and fb.total):
        return False
    counted = fa.quantity.kind == "count"
    # Sentences of one claim say the same in their own words: their verbs are wording (no contrast).
    return not frames.apart(fa.frame, fb.frame, counted=counted, contrasted=(), owned=fa.quantity.kind == "age")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=["test", "tune", "all"], default="test")
    ap.add_argument("--sets", default="ecbplus,multinews")
    ap.add_argument("--limit", type=int, default=0, help="stories per set (0: all)")
    ap.add_argument("--show", type=int, default=10, help="print this many examples of each kind")
    args = ap.parse_args(argv)

    figures = Figures()
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = {"reported": [], "direct": []}
    per_set: Counter[str] = Counter()
    started = time.perf_counter()
    for story, b in briefed(args.sets.split(","), args.split, args.limit, per_set):
        counts["stories"] += 1
        sides_of = reported_sides(b)
        text = {(s.article.id, x.index): x.text for s in b.sources for x in s.sentences}
        items = [("summary", i) for i in b.summary] + [("claim", c) for c in b.claims if len(c.sources) > 1]
        figures.load({k: text[k] for _, item in items for e in item.evidence
                      if (k := (e.source, e.sentence)) in text})
        for kind, item in items:
            counts[f"{kind} items"] += 1
            counts[f"{kind} citations"] += len({e.source for e in item.evidence})
            bad = reported_violations(item, sides_of)
            own = shown(item)
            direct = [(e.source, pair) for e in item.evidence if own and e.source != own[0]
                      for pair in figures.contradicted(own, (e.source, e.sentence))]
            counts[f"{kind} reported"] += bool(bad)
            counts[f"{kind} direct"] += bool(direct)
            for _own, other in bad:
                if len(examples["reported"]) < args.show:
                    examples["reported"].append(f"[{story.id}] {kind}: {item.text[:150]!r}\n    cites {other[0]}: "
                                                f"{text.get(other, '')[:150]!r}")
            for source, (a, o) in direct[:1]:
                if len(examples["direct"]) < args.show:
                    examples["direct"].append(f"[{story.id}] {kind} says {a.surface!r}: {item.text[:140]!r}\n    "
                                              f"cites {source} saying {o.surface!r}: {o.main.text[:140]!r}")
        print(f"\r{counts['stories']} stories", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print(f"{counts['stories']} stories ({args.split} part: {dict(per_set)}), {time.perf_counter() - started:.0f} s")
    print("\n| | items | citations | citing a source that contradicts it: reported | direct check |")
    print("|---|---|---|---|---|")
    for kind in ("summary", "claim"):
        print(f"| {kind} | {counts[f'{kind} items']} | {counts[f'{kind} citations']} | "
              f"{counts[f'{kind} reported']} | {counts[f'{kind} direct']} |")
    for name, lines in examples.items():
        if lines:
            print(f"\n{name}:")
            print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

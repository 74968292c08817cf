"""Proof that a speed change leaves the facts alone: a fingerprint of everything the fact layer computes.

    python benchmarks/facts_identity.py --save /tmp/facts-before.json     # on the old code
    python benchmarks/facts_identity.py --check /tmp/facts-before.json    # on the new code: exit 1 on any change

It briefs the seeds (as one story, and through `extract_facts` and `compare_facts` with no claims, as
the seed tests do) and `--clusters` Multi-News dev clusters from `--offset` in batch (`brief_many`, as
benchmarks/speed.py does), and records per story the whole JSON brief (summary, claims, conflicts,
updates, quotes, entities, timeline, notes) plus the raw quantities and dates `extract_facts` finds in
the brief's sources. `--check`
compares them byte for byte and prints the first differences. The data stays in ../shared/eval.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsfuse.compare import compare_facts
from newsfuse.config import load_settings
from newsfuse.errors import NoArticlesError
from newsfuse.facts import ExtractedFacts, extract_facts
from newsfuse.ingest import read_articles
from newsfuse.pipeline import brief, brief_many, prepare
from newsfuse.render.json import brief_to_dict
from newsfuse.stories.dedup import assign_origins
from newsfuse.text import split_sentences
from newsfuse.types import Brief, Source

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
DEV = SHARED / "eval" / "mds" / "multinews-dev.jsonl"

SETTINGS = load_settings(facts=True)


def _raw(found: ExtractedFacts) -> Any:
    """The quantities and dates extracted from a story (not in the brief)."""
    return _plain({"quantities": [f.quantity for f in found.quantities], "dates": [d.ref for d in found.dates]})


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return repr(value)


def clusters(offset: int, n: int) -> Iterator[tuple[str, list[dict[str, str]]]]:
    with DEV.open() as handle:
        taken = 0
        for i, line in enumerate(handle):
            if i < offset:
                continue
            c = json.loads(line)
            docs = [{"id": d["doc_id"], "text": d["text"]} for d in c["docs"] if d["text"].strip()]
            try:  # a cluster whose every article cleans to nothing is not a story
                prepare(docs, SETTINGS, c["id"])
            except NoArticlesError:
                continue
            if docs:
                yield c["id"], docs
                taken += 1
            if taken >= n:
                return


def fingerprint(offset: int, n: int) -> dict[str, str]:
    """Story id → canonical JSON of its brief and raw facts."""
    settings = SETTINGS
    out: dict[str, str] = {}

    def keep(key: str, b: Brief) -> None:
        # Extraction is a pure function of the sources: extracted again, it finds what the brief's
        # own facts stage found.
        raw = _raw(extract_facts(b.sources, spacy_model=settings.spacy_model))
        out[key] = json.dumps({"brief": brief_to_dict(b), "raw": raw}, ensure_ascii=False, sort_keys=True)

    if SEEDS:
        keep("seeds/brief", brief(SEEDS, settings=settings, id="seeds"))
        articles = read_articles([str(p) for p in SEEDS]).articles
        origins = assign_origins(articles)
        sources = [Source(i + 1, a, o, split_sentences(a)) for i, (a, o) in enumerate(zip(articles, origins, strict=True))]
        extracted = extract_facts(sources)
        f = compare_facts(sources, extracted, [])
        out["seeds/no-claims"] = json.dumps(
            {"facts": _plain(dataclasses.asdict(f)), "raw": _raw(extracted)}, ensure_ascii=False, sort_keys=True)
    if DEV.exists():
        for b in brief_many(clusters(offset, n), settings=settings):
            keep(f"dev/{b.id}", b)
    return out


def first_difference(a: str, b: str) -> str:
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at char {i}: before …{a[max(0, i - 120):i + 120]}…\n    after  …{b[max(0, i - 120):i + 120]}…"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clusters", type=int, default=50)
    parser.add_argument("--offset", type=int, default=0, help="skip this many dev clusters first")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--save", type=Path, help="write the fingerprint here")
    what.add_argument("--check", type=Path, help="compare with a saved fingerprint")
    args = parser.parse_args()
    now = fingerprint(args.offset, args.clusters)
    digest = hashlib.sha256(json.dumps(now, sort_keys=True).encode()).hexdigest()[:16]
    if args.save:
        args.save.write_text(json.dumps(now, ensure_ascii=False, sort_keys=True))
        print(f"saved {len(now)} stories to {args.save} (sha256 {digest})")
        return 0
    before = json.loads(args.check.read_text())
    changed = [k for k in sorted(before.keys() | now.keys()) if before.get(k) != now.get(k)]
    for key in changed[:5]:
        print(f"CHANGED {key}\n    {first_difference(before.get(key, ''), now.get(key, ''))}")
    print(f"{len(now)} stories, {len(changed)} changed (sha256 {digest})")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())

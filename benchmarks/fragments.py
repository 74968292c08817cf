"""How many summary sentences do not read where they stand (newsfuse.editor.fragments' judge)?

    python benchmarks/fragments.py                              # multinews-dev 0-200 + multiling2011-en, 100 and 230 words
    python benchmarks/fragments.py --start 100 --limit 100      # the held-out half of the multinews slice
    python benchmarks/fragments.py --words 100 --examples 10    # show fragments found

A fragment: an opening connective, a subordinate clause with no main clause, a pronoun or
demonstrative with no referent, a sentence split mid-way, unless the sentence printed just before it
is its own source's previous sentence (or, for he/she, names a person). The rate is fragments over
summary sentences, pooled over the clusters. Run it against an older tree (PYTHONPATH) to compare.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsfuse.config import load_settings
from newsfuse.editor.fragments import fragments
from newsfuse.errors import NoArticlesError
from newsfuse.pipeline import brief_many
from newsfuse.types import Brief
from rouge_eval import DATASETS, load_clusters


def briefs(clusters: list[dict[str, Any]], words: int) -> list[Brief]:
    settings = load_settings(facts=False)
    batch = [(c["id"], [{"id": d.get("doc_id") or f"{c['id']}-{i}", "text": d["text"], "title": d.get("title", "")}
                        for i, d in enumerate(c["docs"])]) for c in clusters]
    try:
        return list(brief_many(batch, words, settings=settings))
    except NoArticlesError:  # a cluster of page furniture only has no brief: brief one by one, skip it
        out = []
        for item in batch:
            with contextlib.suppress(NoArticlesError):
                out += list(brief_many([item], words, settings=settings))
        return out


def measure(name: str, clusters: list[dict[str, Any]], words: int, examples: int) -> dict[str, Any]:
    started = time.perf_counter()
    model = load_settings().spacy_model
    kinds: Counter[str] = Counter()
    sentences = 0
    shown = []
    for b in briefs(clusters, words):
        found = fragments(b.summary, model)
        sentences += len(found)
        for item, why in zip(b.summary, found, strict=True):
            if why is not None:
                kinds[why] += 1
                if len(shown) < examples:
                    shown.append(f"  [{why}] {b.id}: {item.text[:140]}")
    bad = sum(kinds.values())
    row = {"dataset": name, "clusters": len(clusters), "words": words, "sentences": sentences, "fragments": bad,
           "rate": round(100 * bad / max(sentences, 1), 2), "kinds": dict(kinds),
           "seconds": round(time.perf_counter() - started, 1)}
    print(f"{name:18} {len(clusters):>4} clusters {words:>4} words: {bad}/{sentences} fragments "
          f"({row['rate']:.2f}%) {dict(kinds)}")
    for line in shown:
        print(line)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--start", type=int, default=0, help="first multinews-dev cluster")
    parser.add_argument("--limit", type=int, default=200, help="multinews-dev clusters from --start")
    parser.add_argument("--words", default="100,230", help="budgets, comma-separated")
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--examples", type=int, default=0, help="fragments to print per run")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    rows = []
    for name in args.datasets.split(","):
        if not DATASETS[name].exists():
            print(f"skipping {name}: {DATASETS[name]} not found", file=sys.stderr)
            continue
        if name == "multinews-dev":
            clusters = load_clusters(DATASETS[name], args.start + args.limit)[args.start:]
        else:
            clusters = load_clusters(DATASETS[name], 0)
        for words in (int(w) for w in args.words.split(",")):
            rows.append(measure(name, clusters, words, args.examples))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How many summary sentences do not read where they stand (newsfuse.editor.fragments' judge)?

    python benchmarks/fragments.py                              # multinews-dev 0-200 + multiling2011-en, 100 and 230 words
    python benchmarks/fragments.py --start 100 --limit 100      # the held-out half of the multinews slice
    python benchmarks/fragments.py --words 100 --examples 10    # show fragments found

A fragment: an opening connective, a subordinate clause with no main clause, a pronoun or
demonstrative with no referent, a sentence split mid-way, unless the sentence printed just before it
is its own source's previous sentence (or, for he/she, names a person). The rate is fragments over
summary sentences, pooled over the clusters; "held out" leaves out the first --tuned multinews-dev
clusters, which (with the seeds) the editor was tuned on. Run it against an older tree (PYTHONPATH)
to compare.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsfuse.claims import build_claims
from newsfuse.config import load_settings
from newsfuse.editor.fragments import fragments
from newsfuse.embed import load_embedder
from newsfuse.errors import NoArticlesError
from newsfuse.pipeline import embed_unique, prepare
from newsfuse.summarize import summarize
from newsfuse.types import SummaryItem
from rouge_eval import DATASETS as ROUGE_SETS
from rouge_eval import EVAL, load_clusters

# multinews-train is here for the fragment rate on stories the editor's rules were not written on
# (the rules were read off dev 0-29 and the seeds): say --start/--limit, as for dev.
DATASETS = {**ROUGE_SETS, "multinews-train": EVAL / "multinews-train.jsonl"}
SLICED = ("multinews-dev", "multinews-train")


def summaries(clusters: list[dict[str, Any]], budgets: list[int]) -> dict[int, list[tuple[str, list[SummaryItem]]]]:
    """Each cluster's summary at each budget: one embedding pass per cluster, as `brief` does it."""
    settings = load_settings(facts=False)
    embedder = load_embedder(settings.embedder, settings.embed_batch)
    out: dict[int, list[tuple[str, list[SummaryItem]]]] = {w: [] for w in budgets}
    for c in clusters:
        docs = [{"id": d.get("doc_id") or f"{c['id']}-{i}", "text": d["text"], "title": d.get("title", "")}
                for i, d in enumerate(c["docs"])]
        try:
            prepared = prepare(docs, settings, id=c["id"])
        except NoArticlesError:  # a cluster of page furniture only has no brief
            continue
        vectors = embed_unique(embedder, prepared.sentence_texts)
        claims = build_claims(prepared.sources, vectors, settings.claim_threshold)
        for w in budgets:
            out[w].append((c["id"], summarize(prepared.sources, claims, vectors, w)))
    return out


def measure(name: str, clusters: list[dict[str, Any]], budgets: list[int], examples: int,
            tuned: frozenset[str] = frozenset(), dump: Any = None) -> list[dict[str, Any]]:
    started = time.perf_counter()
    model = load_settings().spacy_model
    rows = []
    for words, made in summaries(clusters, budgets).items():
        kinds: Counter[str] = Counter()
        sentences = 0
        held_out = [0, 0]  # fragments, sentences of the clusters the editor was not tuned on
        shown = []
        for cid, items in made:
            found = fragments(items, model)
            sentences += len(found)
            if cid not in tuned:
                held_out[0] += sum(why is not None for why in found)
                held_out[1] += len(found)
            for k, (item, why) in enumerate(zip(items, found, strict=True)):
                if dump is not None:
                    dump.write(json.dumps({"dataset": name, "cluster": cid, "words": words, "at": k,
                                           "why": why, "text": item.text}) + "\n")
                if why is not None:
                    kinds[why] += 1
                    if len(shown) < examples:
                        shown.append(f"  [{why}] {cid}: {item.text[:140]}")
        bad = sum(kinds.values())
        row = {"dataset": name, "clusters": len(clusters), "words": words, "sentences": sentences, "fragments": bad,
               "rate": round(100 * bad / max(sentences, 1), 2), "kinds": dict(kinds),
               "held_out": {"fragments": held_out[0], "sentences": held_out[1],
                            "rate": round(100 * held_out[0] / max(held_out[1], 1), 2)},
               "seconds": round(time.perf_counter() - started, 1)}
        print(f"{name:18} {len(clusters):>4} clusters {words:>4} words: {bad}/{sentences} fragments "
              f"({row['rate']:.2f}%) {dict(kinds)}; held out: {held_out[0]}/{held_out[1]} "
              f"({row['held_out']['rate']:.2f}%)", flush=True)
        for line in shown:
            print(line)
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--start", type=int, default=0, help="first multinews-dev (or -train) cluster")
    parser.add_argument("--limit", type=int, default=200, help="multinews-dev (or -train) clusters from --start")
    parser.add_argument("--words", default="100,230", help="budgets, comma-separated")
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--tuned", type=int, default=30,
                        help="the first multinews-dev clusters the editor was tuned on (reported apart)")
    parser.add_argument("--examples", type=int, default=0, help="fragments to print per run")
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument("--dump", type=Path, help="write every summary sentence and its verdict here (JSON lines)")
    args = parser.parse_args(argv)
    rows = []
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    for name in args.datasets.split(","):
        if not DATASETS[name].exists():
            print(f"skipping {name}: {DATASETS[name]} not found", file=sys.stderr)
            continue
        if name in SLICED:
            clusters = load_clusters(DATASETS[name], args.start + args.limit)[args.start:]
        else:
            clusters = load_clusters(DATASETS[name], 0)
        tuned = frozenset(c["id"] for c in load_clusters(DATASETS[name], args.tuned)) if name == "multinews-dev" \
            and args.tuned else frozenset()
        rows += measure(name, clusters, [int(w) for w in args.words.split(",")], args.examples, tuned, dump)
    if dump is not None:
        dump.close()
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

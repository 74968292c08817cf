"""Facts-on batch throughput with every sentence parsed in full against the shipped selective parse,
side by side in one process, each beside the bare embedder on the same sentences.

    python benchmarks/facts_parse_ab.py --clusters 200 --reps 2     # the order of the variants alternates

"full" parses every sentence with the whole spaCy pipeline (as before the selective parse: every
sentence's `needs_syntax` is forced true); "selective" is the shipped code (every sentence through NER,
the tagger, parser and attribute ruler only where an extractor reads them: `facts.parse_needs`). Both
parse in a background thread while the chunk is embedded. The bare embedder is timed just before
and just after each brief run on the same sentences; the ratio is the brief's sentences/s over the
mean bare sentences/s. Facts are identical either way (benchmarks/facts_identity.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import newsfuse.facts.nlp as nlp_module
import newsfuse.facts.parsing as parsing
import newsfuse.pipeline as pipeline
from newsfuse.config import load_settings
from newsfuse.embed import load_embedder
from newsfuse.errors import NoArticlesError
from newsfuse.facts.nlp import Parsed

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "mds" / "multinews-dev.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clusters", type=int, default=200)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    settings = load_settings(facts=True)
    clusters: list[tuple[str, list[dict[str, str]]]] = []
    sentences: list[str] = []
    with DEV.open() as handle:
        for line in handle:
            c = json.loads(line)
            docs = [{"id": d["doc_id"], "text": d["text"]} for d in c["docs"] if d["text"].strip()]
            try:
                texts = pipeline.prepare(docs, settings, c["id"]).sentence_texts
            except NoArticlesError:
                continue
            clusters.append((c["id"], docs))
            sentences.extend(texts)
            if len(clusters) >= args.clusters:
                break
    embedder = load_embedder(settings.embedder, settings.embed_batch)
    embedder.embed(sentences[:64])  # warm the session
    nlp_module.load_nlp(settings.spacy_model)
    selective = parsing.needs_syntax

    def everything(parsed: Sequence[Parsed]) -> list[bool]:
        return [True] * len(parsed)

    def brief_seconds(variant: str) -> float:
        nlp_module.clear_cache()
        parsing.needs_syntax = selective if variant == "selective" else everything  # type: ignore[assignment]
        started = time.perf_counter()
        for _ in pipeline.brief_many(clusters, 100, settings=settings, embedder=embedder):
            pass
        return time.perf_counter() - started

    def bare_seconds() -> float:
        started = time.perf_counter()
        embedder.embed(sentences)
        return time.perf_counter() - started

    print(f"{len(clusters)} multinews-dev clusters, {len(sentences)} sentences, {os.cpu_count()} cores")
    for rep in range(args.reps):
        out = []
        for variant in (("full", "selective") if rep % 2 == 0 else ("selective", "full")):
            b1 = bare_seconds()
            t = brief_seconds(variant)
            b2 = bare_seconds()
            bare = (b1 + b2) / 2
            out.append(f"{variant}: bare {len(sentences) / bare:.0f}/s, facts on {len(sentences) / t:.0f}/s "
                       f"= {bare / t:.0%}")
        print(f"rep {rep} (load {os.getloadavg()[0]:.1f}): " + " | ".join(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Facts-on batch throughput before and after the parse prefetch, side by side in one process.

    python benchmarks/facts_speed_ab.py --clusters 200 --reps 3     # the order of the variants alternates

"before" is the code as it was before the prefetch (spaCy parses each story inside the facts stage;
onnxruntime threads busy-wait between batches, its default); "after" is the shipped code (stories
parsed in a background thread while they are embedded; no busy-waiting). Each variant's bare
embedder (its own session) is timed just before and just after its brief run on the same sentences;
the ratio is the brief's sentences/s over the mean bare sentences/s. Facts are identical either way
(benchmarks/facts_identity.py).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import newsfuse.embed as embed
import newsfuse.facts.nlp as nlp_module
import newsfuse.pipeline as pipeline
from newsfuse.config import Settings, load_settings
from newsfuse.embed import Embedder, OnnxEmbedder, load_embedder
from newsfuse.errors import NoArticlesError

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "mds" / "multinews-dev.jsonl"


def dev_clusters(settings: Settings, n: int) -> tuple[list[tuple[str, list[dict[str, str]]]], list[str]]:
    """The first `n` multinews-dev clusters that clean to something, and all their sentences."""
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
            if len(clusters) >= n:
                break
    return clusters, sentences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clusters", type=int, default=200)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    settings = load_settings(facts=True)
    clusters, sentences = dev_clusters(settings, args.clusters)
    import onnxruntime as ort

    after = load_embedder(settings.embedder, settings.embed_batch)
    assert isinstance(after, OnnxEmbedder)
    before = copy.copy(after)
    options = ort.SessionOptions()  # as embed.py set them before: spinning allowed (the default)
    options.intra_op_num_threads = min(4, os.cpu_count() or 1)
    options.inter_op_num_threads = 1
    before._session = ort.InferenceSession(after._session._model_path, options,
                                           providers=["CPUExecutionProvider"])
    embedders: dict[str, Embedder] = {"before": before, "after": after}
    for e in embedders.values():
        e.embed(sentences[:64])  # warm the sessions
    nlp_module.load_nlp(settings.spacy_model)
    prefetch = pipeline._parse_in_background

    def no_prefetch(*_: Any, **__: Any) -> None:
        return None

    def brief_seconds(variant: str) -> float:
        nlp_module.clear_cache()
        with embed._recent_lock:  # the last calls' vectors: the same texts would be answered from memory
            embed._recent.clear()
        pipeline._parse_in_background = prefetch if variant == "after" else no_prefetch
        started = time.perf_counter()
        for _ in pipeline.brief_many(clusters, 100, settings=settings, embedder=embedders[variant]):
            pass
        return time.perf_counter() - started

    def bare_seconds(variant: str) -> float:
        started = time.perf_counter()
        embedders[variant].embed(sentences)
        return time.perf_counter() - started

    print(f"{len(clusters)} multinews-dev clusters, {len(sentences)} sentences, {os.cpu_count()} cores")
    for rep in range(args.reps):
        out = []
        for variant in (("before", "after") if rep % 2 == 0 else ("after", "before")):
            b1 = bare_seconds(variant)
            t = brief_seconds(variant)
            b2 = bare_seconds(variant)
            bare = (b1 + b2) / 2
            out.append(f"{variant}: bare {len(sentences) / bare:.0f}/s, facts on {len(sentences) / t:.0f}/s "
                       f"= {bare / t:.0%}")
        print(f"rep {rep} (load {os.getloadavg()[0]:.1f}): " + " | ".join(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

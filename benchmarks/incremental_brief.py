"""What a re-brief of a grown story costs with the vector cache (`embed_cache`), against a cold one.

    python benchmarks/incremental_brief.py                 # the ten multiling2011-en stories (10 reports each)
    python benchmarks/incremental_brief.py --stories 3 --facts off

For each story: brief its first n-1 reports (this fills the caches, as the previous brief of a
developing story does), then time the brief of all n reports twice, in one process:
- `cold`: a fresh embedder and an empty parse cache (what every brief of a story cost before);
- `incremental`: the cached embedder and the parses kept from the n-1 brief (what `changes` and the
  web app now pay when a story grows by one report).
Both briefs are checked to give the same summary and claims. Prints the medians and the ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from newsfuse.config import load_settings
from newsfuse.embed import make_embedder
from newsfuse.embed_cache import CachedEmbedder
from newsfuse.pipeline import brief

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "mds" / "multiling2011-en.jsonl"


def clear_parses() -> None:
    from newsfuse.facts import nlp

    nlp.clear_cache()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=10)
    parser.add_argument("--facts", choices=("on", "off"), default="on")
    parser.add_argument("--embedder", default="minilm-onnx")
    args = parser.parse_args()
    settings = load_settings(env={}, facts=args.facts == "on", embedder=args.embedder)
    stories = [json.loads(line) for line in DATA.open(encoding="utf-8")][: args.stories]
    model = make_embedder(args.embedder)
    brief(["Warm-up: the models load once per process, outside what is measured here."],
          settings=settings, embedder=model)
    cold_s: list[float] = []
    warm_s: list[float] = []
    sentences = embedded = 0
    for story in stories:
        docs = [{"id": f"{story['id']}-{i}", "text": d["text"]} for i, d in enumerate(story["docs"]) if d["text"].strip()]
        clear_parses()
        started = time.perf_counter()
        cold = brief(docs, settings=settings, embedder=model)
        cold_s.append(time.perf_counter() - started)
        clear_parses()
        cache = CachedEmbedder(model)
        brief(docs[:-1], settings=settings, embedder=cache)
        before = cache.misses
        started = time.perf_counter()
        warm = brief(docs, settings=settings, embedder=cache)
        warm_s.append(time.perf_counter() - started)
        sentences += sum(len(s.sentences) for s in warm.sources)
        embedded += cache.misses - before
        if [c.text for c in warm.claims] != [c.text for c in cold.claims]:
            print(f"  {story['id']}: claims differ (int8 rounding of a batch)")
    cm, wm = statistics.median(cold_s), statistics.median(warm_s)
    print(f"{len(stories)} stories, facts {args.facts}, {args.embedder}")
    print(f"cold brief of n reports:        median {cm:.2f} s")
    print(f"incremental (n-1 then n):       median {wm:.2f} s  ({wm / cm:.0%} of cold)")
    print(f"sentences embedded again:       {embedded:,} of {sentences:,} ({embedded / max(sentences, 1):.0%})")


if __name__ == "__main__":
    main()

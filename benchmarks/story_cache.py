"""Stories of an MDS set read, cleaned, split, embedded and grouped into claims once, kept on disk.

Tuning the summarizer re-runs only `summarize` over the same stories; the costly part (embedding,
~200 sentences/s on 2 cores) is done once per (set, slice) and pickled under $TMPDIR.

    python benchmarks/story_cache.py multinews-train 0 600   # warm the cache for train[0:600]
"""

from __future__ import annotations

import json
import pickle
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsfuse.claims import build_claims
from newsfuse.config import load_settings
from newsfuse.embed import load_embedder
from newsfuse.errors import NoArticlesError
from newsfuse.pipeline import embed_unique, prepare
from newsfuse.types import Claim, Source

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "mds"
CACHE = Path(tempfile.gettempdir()) / "newsfuse-story-cache"


@dataclass
class Story:
    id: str
    sources: list[Source]
    claims: list[Claim]
    vectors: np.ndarray
    references: list[str]
    titles: list[str]


def read_clusters(name: str, start: int, stop: int) -> list[dict[str, Any]]:
    out = []
    with (EVAL / f"{name}.jsonl").open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= stop:
                break
            if number >= start:
                cluster = json.loads(line)
                cluster["docs"] = [d for d in cluster["docs"] if d.get("text", "").strip()]
                out.append(cluster)
    return out


def prepared_stories(clusters: Sequence[dict[str, Any]], embed: bool = True) -> list[Story]:
    settings = load_settings(facts=False)
    kept = []
    for c in clusters:
        inputs = [{"id": d.get("doc_id") or f"{c['id']}-{i}", "text": d["text"], "title": d.get("title", "")}
                  for i, d in enumerate(c["docs"])]
        try:
            p = prepare(inputs, settings, c["id"])
        except NoArticlesError:
            continue
        if p.sentence_texts:
            kept.append((c, p))
    texts = [t for _, p in kept for t in p.sentence_texts]
    if embed:  # one pass over every story's sentences: the embedder is fastest on big sorted batches
        all_vectors = embed_unique(load_embedder(settings.embedder, settings.embed_batch), texts)
    else:
        all_vectors = np.zeros((len(texts), 1), dtype=np.float32)
    out = []
    offset = 0
    for c, p in kept:
        vectors = all_vectors[offset:offset + len(p.sentence_texts)]
        offset += len(p.sentence_texts)
        claims = build_claims(p.sources, vectors, settings.claim_threshold) if embed else []
        out.append(Story(c["id"], p.sources, claims, vectors, list(c["summaries"]),
                         [d.get("title", "") for d in c["docs"]]))
    return out


class _Unpickler(pickle.Unpickler):
    """A cache written by running this file as a script names its class `__main__.Story`."""

    def find_class(self, module: str, name: str) -> Any:
        return Story if name == "Story" else super().find_class(module, name)


def stories(name: str, start: int, stop: int, embed: bool = True) -> list[Story]:
    """The stories name[start:stop] (line numbers of the JSONL), from the cache when there."""
    path = CACHE / f"{name}-{start}-{stop}-{'e' if embed else 'p'}.pkl"
    if path.exists():
        with path.open("rb") as handle:
            cached: list[Story] = _Unpickler(handle).load()
        return cached
    out = prepared_stories(read_clusters(name, start, stop), embed)
    CACHE.mkdir(exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(out, handle)
    return out


if __name__ == "__main__":
    import story_cache  # so that the pickle names the class story_cache.Story, not __main__.Story

    print(len(story_cache.stories(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))))

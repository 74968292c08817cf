"""Negatives across languages for story grouping: ECB+ read as if every article were in another language.

    python benchmarks/cross_pseudo_stories.py                  # tune topics (≡ 2 mod 4), 3 orders
    python benchmarks/cross_pseudo_stories.py --part report    # report topics (≡ 0 mod 4): read once
    python benchmarks/cross_pseudo_stories.py --set group.cross_floor=0.35
    python benchmarks/cross_pseudo_stories.py --show           # the stories that join two topics

MultiLing's stories are topics followed for weeks (`crosslingual_stories.py`): it rewards joining
two different reports across languages and holds no two events of one topic apart. ECB+ does (two
earthquakes, two Oscars ceremonies), but in English, which the grouping compares by its words and
never through the cross-language term. Here each ECB+ dev article is given one of seven languages
the cross model reads at random (seeded per order), so that a pair of two of them is compared as a
real pair of two languages is: the cross model's cosine (USE-m on the title and lead, as the
grouping reads it), the number anchors, and of its words only the names (capitalised inside a
sentence: what two languages written in Latin script share). A pair given one language is compared
by those names alone. No date is kept (ECB+ has none).

Printed: B-cubed against the events (P, R, F1) and the B-cubed precision against the topics (how
much two topics are joined), mean of `--orders` shuffled streams, each one chunk. The USE-m vectors
are cached in the temporary folder.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

from newsfuse.config import Settings, load_settings
from newsfuse.stories.features import (
    CROSS_CHARS,
    Features,
    article_features,
    cross_vector,
    embedder_here,
    embedding_text,
    function_words,
    names,
    stemmer_for,
    term_counts,
)
from newsfuse.stories.group import Item, StoryGrouper
from newsfuse.stories.metrics import bcubed
from newsfuse.types import Article

ECB = Path(__file__).resolve().parents[2] / "shared" / "eval" / "stories" / "ecbplus-dev-articles.jsonl"
# Seven languages the cross model reads, in seven different slots (`features.LANGUAGE_SLOTS`).
LANGUAGES = ("ar", "fr", "de", "es", "it", "ru", "tr")
PARTS = {"tune": 2, "report": 0}  # topic mod 4


def vectors(articles: list[Article], model: str, part: str) -> dict[str, np.ndarray]:
    cache = Path(tempfile.gettempdir()) / f"newsfuse-cross-pseudo-{model}-{part}.pkl"
    if cache.is_file():
        cached: dict[str, np.ndarray] = pickle.loads(cache.read_bytes())
        if set(cached) == {a.id for a in articles}:
            return cached
    rows = embedder_here(model, None).embed([embedding_text(a, CROSS_CHARS) for a in articles])
    rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
    out = {a.id: rows[i] for i, a in enumerate(articles)}
    cache.write_bytes(pickle.dumps(out))
    return out


def pseudo(articles: list[Article], use: dict[str, np.ndarray], seed: int) -> list[Features]:
    """Each article's features as if in a random language of `LANGUAGES`: names for words."""
    rng = random.Random(seed)
    stop, _ = function_words("en")
    dim = len(next(iter(use.values())))
    out = []
    for a in articles:
        f = article_features(a, None, cross_vector(use[a.id], dim, rng.choice(LANGUAGES)), anchors=True)
        terms, weights, _ = term_counts([], names(a.title, stop) + names(a.text, stop), stemmer_for("en"), stop)
        out.append(Features(f.id, terms, weights, f.minhash, f.shingles, f.stems, f.content_hash, f.vector,
                            f.xvector, f.anchors, f.anchor_weights, f.figures, f.measures))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=sorted(PARTS), default="tune")
    parser.add_argument("--orders", type=int, default=3)
    parser.add_argument("--set", action="append", default=[], help="a setting changed, name=value")
    parser.add_argument("--show", action="store_true", help="print the stories that join two topics")
    args = parser.parse_args()
    if not ECB.is_file():
        sys.exit(f"no ECB+ dev articles at {ECB} (see ../shared/eval/README.md)")
    settings: Settings = load_settings()
    if args.set:
        settings = settings.replace(**dict(s.split("=", 1) for s in args.set))
    rows = [r for r in map(json.loads, ECB.open(encoding="utf-8")) if int(r["topic_label"]) % 4 == PARTS[args.part]]
    articles = [Article(id=r["id"], text=r["text"], title=r.get("title", ""), language="en") for r in rows]
    use = vectors(articles, settings.cross_embedder, args.part)
    event = {r["id"]: r["label"] for r in rows}
    topic = {r["id"]: r["topic_label"] for r in rows}
    figures = []
    for seed in range(args.orders):
        feats = pseudo(articles, use, seed)
        random.Random(100 + seed).shuffle(feats)
        got = {a.article_id: a.story for a in StoryGrouper(settings.group).group(
            [Item(f.id, 1, f) for f in feats]).assignments}
        ids = [f.id for f in feats]
        predicted = [str(got[i]) for i in ids]
        figures.append((*bcubed(predicted, [event[i] for i in ids]), bcubed(predicted, [topic[i] for i in ids])[0]))
        if args.show:
            members: dict[int, list[str]] = {}
            for i in ids:
                members.setdefault(got[i], []).append(i)
            for m in members.values():
                if len({topic[i] for i in m}) > 1:
                    print(f"order {seed}: {len(m)} articles, topics {dict(Counter(topic[i] for i in m))}")
    p, r, f, tp = np.mean(figures, axis=0)
    print(f"ECB+ {args.part} topics as if in {len(LANGUAGES)} languages ({len(rows)} articles, {args.orders} orders): "
          f"events P {p:.3f} R {r:.3f} F1 {f:.3f}; topics P {tp:.3f}")


if __name__ == "__main__":
    main()

"""Story grouping across languages: MultiLing 2011's ten stories in seven languages, mixed in one stream.

    python benchmarks/crosslingual_stories.py                 # tune and report parts, 3 stream orders
    python benchmarks/crosslingual_stories.py --sweep         # the grid the cross-language knobs were tuned on
    python benchmarks/crosslingual_stories.py --no-cross      # newsfuse without the cross-language signal
    python benchmarks/crosslingual_stories.py --chunk 64      # most of each story met as stored sums

Each of the 70 documents of a story (10 reports × ar, cs, el, en, fr, he, hi: translations of one
another) is an article; the gold story is the MultiLing cluster. The five stories M000-M004 are the
tune part (the cross-language knobs of `config.Grouping` were chosen on them, `--sweep`), M005-M009
the report part, each its own stream of 350 articles. Articles are read and cleaned as `ingest`
reads a JSONL file (language detection included), get their features as the ingest's engine
computes them (`features_batch`: MiniLM for English, the multilingual model and number anchors for
all), and are grouped by `StoryGrouper` in chunks of 512, in shuffled orders.

Every article is put on one day: these clusters are topics followed for weeks to a year, which the
7-day quiet window splits by design (docs/benchmarks-stories.md, English B-cubed recall 0.41); with
dates the figure would measure that window, not whether languages meet.

The baseline is TF-IDF (sublinear, no stop words: seven languages) + average-link agglomeration on
the same cleaned texts, at the distance threshold that is best on the tune part.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import pickle
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from newsfuse.config import NO_EMBEDDER, WORDS_WITHIN, Grouping, Settings
from newsfuse.ingest import read_articles
from newsfuse.stories.features import Features, article_features, cross_vector, embedder_here, features_batch
from newsfuse.stories.group import CHUNK, Item, StoryGrouper
from newsfuse.stories.metrics import bcubed
from newsfuse.types import Article

MDS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "mds"
LANGUAGES = ("ar", "cs", "el", "en", "fr", "he", "hi")
TUNE = {f"M00{i}" for i in range(5)}
# Keyed by the models and a digest of the cleaned texts the vectors were made from: a cache of an
# older tree's cleaning must not be read as this one's.
CACHE = Path(tempfile.gettempdir()) / "newsfuse-crosslingual-features-{}.pkl"


def load_rows(languages: tuple[str, ...] = LANGUAGES) -> list[dict[str, str]]:
    rows = []
    for language in languages:
        path = MDS / f"multiling2011-{language}.jsonl"
        for line in path.open(encoding="utf-8"):
            cluster = json.loads(line)
            for k, doc in enumerate(cluster["docs"]):
                rows.append({"id": f"{language}/{doc.get('doc_id') or k}", "text": doc.get("text", ""),
                             "title": doc.get("title", ""), "label": cluster["id"], "gold_language": language})
    return rows


def read(rows: list[dict[str, str]]) -> list[Article]:
    """The articles as `ingest` reads a JSONL file (cleaned, language detected); no date is kept."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_text("".join(json.dumps({k: r[k] for k in ("id", "text", "title")}) + "\n" for r in rows),
                        encoding="utf-8")
        return read_articles([str(path)]).articles


def features(articles: list[Article], embedder: str | None, cross: str, refresh: bool) -> dict[str, Features]:
    """Per-article features as `features_batch` computes them; the two models' vectors are cached
    between runs (the multilingual model is the slow part), the rest computed again."""
    texts = "\0".join(f"{a.id}\0{a.title}\0{a.text}" for a in articles)
    key = (embedder, cross, hashlib.sha1(texts.encode()).hexdigest())
    cache = Path(str(CACHE).format(hashlib.sha1(repr(key).encode()).hexdigest()[:16]))
    cached = pickle.loads(cache.read_bytes()) if cache.is_file() and not refresh else {}
    if cached.get("key") != key:
        started = time.perf_counter()
        feats = features_batch(articles, embedder, cross=cross)
        print(f"features of {len(articles)} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        dim = embedder_here(cross, None).dim
        cached = {"key": key, "vectors": {f.id: (f.vector, f.xvector[:dim] if f.xvector[dim] else None, dim)
                                          for f in feats}}
        cache.write_bytes(pickle.dumps(cached))
    out = {}
    for a in articles:
        vector, use, dim = cached["vectors"][a.id]
        out[a.id] = article_features(a, vector if len(vector) else None, cross_vector(use, dim, a.language),
                                     anchors=True)
    return out


def group(feats: list[Features], config: Grouping, cross: bool, size: int = CHUNK) -> dict[str, int]:
    grouper = StoryGrouper(config)
    story: dict[str, int] = {}
    for lo in range(0, len(feats), size):
        chunk = [Item(f.id, 1, f if cross else _words_only(f)) for f in feats[lo:lo + size]]
        story.update({a.article_id: a.story for a in grouper.group(chunk).assignments})
    return story


def _words_only(f: Features) -> Features:
    empty = np.zeros(0, np.float32)
    return Features(f.id, f.terms, f.weights, f.minhash, f.shingles, f.stems, f.content_hash, f.vector, empty,
                    np.zeros(0, np.int32), empty)


def score(pred: dict[str, int | str], rows: list[dict[str, str]]) -> tuple[float, float, float]:
    return bcubed([str(pred.get(r["id"], f"alone:{r['id']}")) for r in rows], [r["label"] for r in rows])


def baseline(articles: list[Article], threshold: float) -> dict[str, int | str]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform([a.text for a in articles])
    keep = [i for i in range(matrix.shape[0]) if matrix[i].nnz]
    labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                     distance_threshold=threshold).fit_predict(matrix[keep].toarray())
    return {articles[i].id: int(label) for i, label in zip(keep, labels, strict=True)}


def orders(items: list[Features], n: int) -> list[list[Features]]:
    out = []
    for seed in range(n):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        out.append(shuffled)
    return out


def mean_f1(part: list[Features], rows: list[dict[str, str]], config: Grouping, cross: bool, n: int,
            size: int = CHUNK) -> tuple[float, ...]:
    figures = [score(group(o, config, cross, size), rows) for o in orders(part, n)]  # type: ignore[arg-type]
    return tuple(float(np.mean([f[k] for f in figures])) for k in range(3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=3, help="shuffled stream orders per part")
    parser.add_argument("--sweep", action="store_true", help="print the tuning grid (tune part only)")
    parser.add_argument("--no-cross", action="store_true", help="group without the cross-language signal")
    parser.add_argument("--embedder", default=None, help="the grouping model blended with the words within a "
                        "language (default: the setting; none: words)")
    parser.add_argument("--refresh", action="store_true", help="recompute the cached features")
    parser.add_argument("--languages", default=",".join(LANGUAGES), help="the versions mixed in the stream")
    parser.add_argument("--per-language", action="store_true", help="B-cubed recall of each language's versions "
                        "(tune part only): which versions fail to join their story")
    parser.add_argument("--chunk", type=int, default=CHUNK, help="articles per chunk (smaller: more of each story "
                        "is met as a stored story's sums, less as single articles)")
    args = parser.parse_args()
    if not (MDS / "multiling2011-en.jsonl").is_file():
        sys.exit(f"no MultiLing files in {MDS} (see ../shared/eval/README.md)")
    settings = Settings()
    rows = load_rows(tuple(args.languages.split(",")))
    articles = read(rows)
    grouping = args.embedder or settings.group_embedder
    feats = features(articles, None if grouping in {NO_EMBEDDER, WORDS_WITHIN} else grouping, settings.cross_embedder,
                     args.refresh)
    detected = {a.id: a.language for a in articles}
    wrong = sum(detected.get(r["id"], "") != r["gold_language"] for r in rows)
    print(f"{len(rows)} articles ({args.languages}), {len(articles)} read, {wrong} with a detected language other "
          "than the file's")
    parts = {name: [r for r in rows if (r["label"] in TUNE) == (name == "tune")] for name in ("tune", "report")}
    items = {name: [feats[r["id"]] for r in part if r["id"] in feats] for name, part in parts.items()}

    if args.sweep:
        print(f"{'cross_weight':>12} {'cross_floor':>11} {'anchor_weight':>13} {'cross_unread':>12} "
              f"{'P':>6} {'R':>6} {'F1':>6}  (tune)")
        for w, floor, a, unread in itertools.product((0.5, 1.0), (0.2, 0.3), (0.5, 1.0, 2.0), (0.1, 0.25, 0.5)):
            config = settings.group.__class__(**{**_fields(settings.group), "cross_weight": w, "cross_floor": floor,
                                                 "anchor_weight": a, "cross_unread": unread})
            p, r, f = mean_f1(items["tune"], parts["tune"], config, True, args.orders, args.chunk)
            print(f"{w:>12} {floor:>11} {a:>13} {unread:>12} {p:>6.3f} {r:>6.3f} {f:>6.3f}", flush=True)
        return

    if args.per_language:
        per_language(items["tune"], parts["tune"], settings.group, args.orders, args.chunk)
        return

    by_id = {a.id: a for a in articles}
    print(f"\nB-cubed, mean of {args.orders} shuffled orders (baseline: one batch); a story is "
          f"{len(rows) // 10} articles")
    print(f"{'part':<7} {'run':<58} {'P':>6} {'R':>6} {'F1':>6}")
    best_threshold = max((0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95), key=lambda t: score(
        baseline([by_id[r["id"]] for r in parts["tune"] if r["id"] in by_id], t), parts["tune"])[2])
    for name in ("tune", "report"):
        label = "newsfuse, words only" if args.no_cross else f"newsfuse (words, {grouping}, use-m, numbers)"
        p, r, f = mean_f1(items[name], parts[name], settings.group, not args.no_cross, args.orders, args.chunk)
        print(f"{name:<7} {label:<58} {p:>6.3f} {r:>6.3f} {f:>6.3f}")
        p, r, f = score(baseline([by_id[x["id"]] for x in parts[name] if x["id"] in by_id], best_threshold),
                        parts[name])
        print(f"{name:<7} {f'TF-IDF + average link ({best_threshold}, best on tune)':<58} {p:>6.3f} {r:>6.3f} {f:>6.3f}")


def per_language(part: list[Features], rows: list[dict[str, str]], config: Grouping, n: int, size: int) -> None:
    """Each language's B-cubed recall (its articles' share of their gold story in their predicted
    one), and the share of them left in a story of their own language only: a version that fails to
    meet its translations."""
    language = {r["id"]: r["gold_language"] for r in rows}
    gold = {r["id"]: r["label"] for r in rows}
    recall: dict[str, list[float]] = {k: [] for k in sorted(set(language.values()))}
    alone: dict[str, list[float]] = {k: [] for k in recall}
    for o in orders(part, n):
        story = group(o, config, True, size)
        members: dict[int, list[str]] = {}
        for i, s in story.items():
            members.setdefault(s, []).append(i)
        for r in rows:
            mine = members.get(story.get(r["id"], -1), [r["id"]])
            same = sum(gold[m] == r["label"] for m in mine)
            recall[r["gold_language"]].append(same / sum(gold[x] == r["label"] for x in gold))
            alone[r["gold_language"]].append(float(all(language[m] == r["gold_language"] for m in mine)))
    print(f"{'language':<9} {'recall':>6} {'in a one-language story':>24}  (tune, {n} orders)")
    for k in recall:
        print(f"{k:<9} {np.mean(recall[k]):>6.3f} {np.mean(alone[k]):>24.3f}")


def _fields(config: Grouping) -> dict[str, object]:
    from dataclasses import fields

    return {f.name: getattr(config, f.name) for f in fields(config)}


if __name__ == "__main__":
    main()

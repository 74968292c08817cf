"""Where two sentences make one point across languages: the `cross_claim_threshold` of `use-m`.

    python benchmarks/crosslingual_claims.py                  # tune part (MultiLing M000-M004)
    python benchmarks/crosslingual_claims.py --part report    # report part (M005-M009)

MultiLing 2011's documents are translations of one another. A document and its translation, split
into sentences by newsfuse, give sentence pairs in order when both have as many sentences: the
pair (k, k) makes one point (a positive), a pair (k, m != k) of the same two documents is about the
same story but another point (a hard negative). For each language against English the script
prints the cosine of `use-m` at which same-point pairs are told from the others best (F1), and
the recall and precision at the shipped threshold.

English beside it: `use-m` against MiniLM on the sentences of the English documents of the part,
cross-document pairs: which `use-m` cosine agrees best with MiniLM's calibrated 0.65 (the threshold
the English claims are built with), so that a French brief groups points about as tightly as an
English one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from newsfuse.config import Settings
from newsfuse.embed import load_embedder
from newsfuse.text import split_sentences
from newsfuse.types import Article

MDS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "mds"
PARTS = {"tune": {f"M00{i}" for i in range(5)}, "report": {f"M00{i}" for i in range(5, 10)}}


def documents(language: str, part: str) -> dict[str, Article]:
    out = {}
    for line in (MDS / f"multiling2011-{language}.jsonl").open(encoding="utf-8"):
        cluster = json.loads(line)
        if cluster["id"] in PARTS[part]:
            for doc in cluster["docs"]:
                out[doc["doc_id"]] = Article(id=doc["doc_id"], text=doc["text"], language=language)
    return out


def best_f1(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    best = (0.0, 0.0)
    for t in np.arange(0.30, 0.95, 0.01):
        predicted = scores >= t
        tp = float((predicted & labels).sum())
        if tp:
            p, r = tp / predicted.sum(), tp / labels.sum()
            best = max(best, (2 * p * r / (p + r), round(float(t), 2)))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=tuple(PARTS), default="tune")
    parser.add_argument("--languages", default="fr,ar,cs,el,he,hi", help="set against English")
    args = parser.parse_args()
    if not (MDS / "multiling2011-en.jsonl").is_file():
        sys.exit(f"no MultiLing files in {MDS}")
    settings = Settings()
    shipped = settings.cross_claim_threshold
    use = load_embedder(settings.cross_embedder)
    english = documents("en", args.part)
    print(f"part {args.part}: {len(english)} English documents; use-m threshold shipped {shipped}")
    print(f"{'pair':<7} {'doc pairs':>9} {'positives':>9} {'negatives':>9} {'best F1':>8} {'at':>5} "
          f"{'P@shipped':>9} {'R@shipped':>9}")
    for language in args.languages.split(","):
        other = documents(language, args.part)
        scores, labels, used = [], [], 0
        for doc_id, article in english.items():
            if doc_id not in other:
                continue
            a = [s.text for s in split_sentences(article)]
            b = [s.text for s in split_sentences(other[doc_id])]
            if len(a) != len(b) or len(a) < 3:
                continue
            used += 1
            sims = use.embed(a) @ use.embed(b).T
            scores.extend(sims.ravel().tolist())
            labels.extend(np.eye(len(a), dtype=bool).ravel().tolist())
        s, y = np.array(scores), np.array(labels, bool)
        f1, at = best_f1(s, y)
        predicted = s >= shipped
        precision = float((predicted & y).sum() / max(predicted.sum(), 1))
        recall = float((predicted & y).sum() / max(y.sum(), 1))
        print(f"en-{language:<4} {used:>9} {int(y.sum()):>9} {int((~y).sum()):>9} {f1:>8.3f} {at:>5} "
              f"{precision:>9.3f} {recall:>9.3f}")

    minilm = load_embedder(settings.embedder)
    sentences = [(doc_id[:4], s.text) for doc_id, a in english.items() for s in split_sentences(a)]
    texts = [t for _, t in sentences]
    cluster = np.array([c for c, _ in sentences])
    doc = np.repeat(np.arange(len(english)), [len(split_sentences(a)) for a in english.values()])
    m, u = minilm.embed(texts), use.embed(texts)
    pairs = np.triu((cluster[:, None] == cluster[None, :]) & (doc[:, None] != doc[None, :]), 1)
    mm, uu = (m @ m.T)[pairs], (u @ u.T)[pairs]
    agree_f1, agree_at = best_f1(uu, mm >= settings.claim_threshold)
    print(f"\nEnglish, {int(pairs.sum())} cross-document pairs of one story: MiniLM >= {settings.claim_threshold} "
          f"on {int((mm >= settings.claim_threshold).sum())}; use-m agrees best at {agree_at} (F1 {agree_f1:.3f})")


if __name__ == "__main__":
    main()

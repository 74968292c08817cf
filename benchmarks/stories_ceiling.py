"""How far could grouping go on this similarity? Batch ceilings and signals beside the streaming grouper.

    python benchmarks/stories_ceiling.py                       # ../shared/eval/stories/multinews-dev-articles.jsonl
    python benchmarks/stories_ceiling.py ../shared/eval/mds/multiling2011-en.jsonl
    python benchmarks/stories_ceiling.py --embedder none

The streaming grouper sees articles in chunks and never merges two stories once shown. This script
drops every such constraint to find the ceiling of the similarity itself: the grouper's similarity
(0.7 × TF-IDF cosine + 0.3 × MiniLM cosine, words × `WORDS_SCALE` without vectors), with IDF from the
whole set at once, clustered in one batch by average link at each threshold, scored with B-cubed
F1 on the "relevant" view of `stories_eval` (all articles, for sets without relevance flags).

Two more questions it answers, for whoever tries next:

- **Hubness correction** (CSLS, Conneau et al. 2018): subtract from each pair the mean of the two
  articles' similarities to their k nearest neighbours. It sharpens small stories and breaks big
  ones; run it on a MultiLing file (10 articles a story) beside the dev set to see both.
- **Other pair signals**: on the pairs near the threshold (similarity 0.12-0.5), a logistic
  regression over the words and MiniLM cosines, then with word bigrams, IDF^1.5 weights, years and
  numbers mentioned; average precision under 5-fold cross-validation grouped by story, so no story
  is in both the fitting and the scoring folds.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from newsfuse.config import Grouping
from newsfuse.ingest import read_articles
from newsfuse.stories.features import TERM_SPACE, Features, features_batch
from newsfuse.stories.links import WORDS_SCALE
from newsfuse.stories.metrics import bcubed
from newsfuse.text import content_stems
from stories_eval import DEFAULT, gold_rows

EMBED_WEIGHT = Grouping().embed_weight
THRESHOLDS = (0.20, 0.22, 0.24, 0.26, 0.28, 0.30)
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-2]\d)\b")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")


def unit_rows(term_lists: Iterable[tuple[np.ndarray, np.ndarray]], n: int, idf_power: float = 1.0) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows over the hashed term space, IDF (min_df 2) from these rows alone."""
    pairs = list(term_lists)
    indptr = np.cumsum([0] + [len(t) for t, _ in pairs])
    terms = np.concatenate([t for t, _ in pairs]).astype(np.int64)
    matrix = sp.csr_matrix((np.concatenate([w for _, w in pairs]), terms, indptr), shape=(n, TERM_SPACE))
    df = np.bincount(terms, minlength=TERM_SPACE)
    idf = np.log((1 + n) / (1 + df)) + 1
    idf[df < 2] = 0
    matrix = matrix @ sp.diags(idf**idf_power)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return sp.diags(1 / np.where(norms == 0, 1, norms)) @ matrix


def hashed(tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Hashed term ids and sublinear weights of a token list (one id per distinct token)."""
    ids, counts = np.unique([zlib.crc32(t.encode("utf-8")) & (TERM_SPACE - 1) for t in tokens] or [0],
                            return_counts=True)
    weights = (1 + np.log(counts)).astype(np.float32) if tokens else np.zeros(1, np.float32)
    return ids.astype(np.int32), weights


def similarity(feats: list[Features]) -> tuple[np.ndarray, np.ndarray]:
    """The grouper's blended similarity with whole-set IDF, and the words cosine alone."""
    n = len(feats)
    rows = unit_rows(((f.terms, f.weights) for f in feats), n)
    words_cos = (rows @ rows.T).toarray()
    has = np.array([len(f.vector) > 0 for f in feats])
    dim = next((len(f.vector) for f in feats if len(f.vector)), 1)
    vectors = np.array([f.vector if len(f.vector) else np.zeros(dim, np.float32) for f in feats])
    both = has[:, None] & has[None, :]
    blended = np.where(both, (1 - EMBED_WEIGHT) * words_cos + EMBED_WEIGHT * (vectors @ vectors.T),
                       WORDS_SCALE * words_cos)
    return blended, words_cos


def batch_scores(sim: np.ndarray, ids: list[str], rows: list[dict[str, object]], threshold: float) -> tuple[float, ...]:
    from sklearn.cluster import AgglomerativeClustering

    sim = sim.copy()
    np.fill_diagonal(sim, 1.0)
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=1 - threshold).fit_predict(np.clip(1 - sim, 0, None))
    pred = dict(zip(ids, (f"p{label}" for label in labels), strict=True))
    keep = [r for r in rows if not r.get("mnplus_flagged_irrelevant")]
    return bcubed([pred.get(str(r["id"]), f"alone:{r['id']}") for r in keep], [str(r["label"]) for r in keep])


def hubness_corrected(sim: np.ndarray, k: int, alpha: float) -> tuple[np.ndarray, float]:
    """CSLS: sim - alpha * ((r_a + r_b) / 2 - median r), r = mean similarity to the k nearest others
    (the median shift keeps the thresholds on the same scale)."""
    others = sim.copy()
    np.fill_diagonal(others, -np.inf)
    r = -np.sort(-others, axis=1)[:, :k].mean(axis=1)
    median = float(np.median(r))
    return sim - alpha * ((r[:, None] + r[None, :]) / 2 - median), median


def pair_signals(feats: list[Features], texts: list[str], blended: np.ndarray,
                 words_cos: np.ndarray, labels: np.ndarray, relevant: np.ndarray) -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score
    from sklearn.model_selection import GroupKFold, cross_val_predict

    n = len(feats)
    stems = [content_stems(t) for t in texts]
    cos = {
        "bigrams": unit_rows((hashed([f"{a} {b}" for a, b in itertools.pairwise(s)]) for s in stems), n),
        "idf^1.5": unit_rows(((f.terms, f.weights) for f in feats), n, idf_power=1.5),
        "years": unit_rows((hashed(_YEAR.findall(t)) for t in texts), n),
        "numbers": unit_rows((hashed(_NUMBER.findall(t)) for t in texts), n),
    }
    upper = np.triu_indices(n, 1)
    near = (relevant[:, None] & relevant[None, :])[upper] & (blended[upper] >= 0.12) & (blended[upper] < 0.5)
    same = (labels[:, None] == labels[None, :])[upper][near]
    columns = {"words": words_cos[upper][near], "minilm": (blended - (1 - EMBED_WEIGHT) * words_cos)[upper][near]}
    columns |= {name: (m @ m.T).toarray()[upper][near] for name, m in cos.items()}
    groups = labels[upper[0]][near]
    print(f"\npairs near the threshold: {near.sum():,}, of which same story: {same.sum():,}")
    for chosen in (["words", "minilm"], *[["words", "minilm", extra] for extra in cos], list(columns)):
        x = np.column_stack([columns[c] for c in chosen])
        p = cross_val_predict(LogisticRegression(C=10, max_iter=1000), x, same, cv=GroupKFold(5), groups=groups,
                              method="predict_proba")[:, 1]
        print(f"  {' + '.join(chosen):<55} average precision {average_precision_score(same, p):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--embedder", default="minilm-onnx", help="the grouping embedder; none: words only")
    args = parser.parse_args()
    if not args.path.is_file():
        sys.exit(f"no gold file at {args.path} (see ../shared/eval/README.md)")
    rows = gold_rows([json.loads(line) for line in args.path.open(encoding="utf-8") if line.strip()])
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        articles = read_articles([str(source)]).articles
    feats = features_batch(articles, None if args.embedder == "none" else args.embedder, threads=None)
    ids = [a.id for a in articles]
    gold = {str(r["id"]): r for r in rows}
    labels = np.array([str(gold[i]["label"]) for i in ids])
    relevant = np.array([not gold[i].get("mnplus_flagged_irrelevant") for i in ids])
    print(f"$ python benchmarks/stories_ceiling.py {args.path} --embedder {args.embedder}")
    print(f"{len(rows)} articles ({len(ids)} stored), {len({r['label'] for r in rows})} gold stories; B-cubed P / R / F1, "
          "relevant articles\n")
    blended, words_cos = similarity(feats)
    print("batch average link, the grouper's similarity, whole-set IDF:")
    for t in THRESHOLDS:
        print(f"  threshold {t:.2f}: {' / '.join(f'{v:.3f}' for v in batch_scores(blended, ids, rows, t))}")
    print("\nhubness-corrected (CSLS), F1 at the same thresholds:")
    for k, alpha in ((5, 1.0), (10, 0.5), (10, 1.0), (20, 0.5), (20, 1.0), (50, 0.5)):
        corrected, median = hubness_corrected(blended, k, alpha)
        f1 = " ".join(f"{batch_scores(corrected, ids, rows, t)[2]:.3f}" for t in THRESHOLDS)
        print(f"  k {k:>2}, alpha {alpha}: median r {median:.3f};  {f1}")
    pair_signals(feats, [a.text for a in articles], blended, words_cos, labels, relevant)


if __name__ == "__main__":
    main()

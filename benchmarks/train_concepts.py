"""Learn the concept-importance model of `newsfuse.summary_concepts` on multinews-train.

    python benchmarks/train_concepts.py            # writes src/newsfuse/models/summary_concepts.json.gz
    python benchmarks/train_concepts.py --check    # also fits gradient boosting, to see what a linear model leaves

Data: multinews-train lines 0-3999 (the training part: lines 0-1999 count the idf and prior tables,
lines 2000-3999 fit the model, so that it learns how far to trust those tables), lines 4000-4522
held out (the AUC printed, and the selection knobs tuned by benchmarks/tune_summary.py). The dev
set is never read. A concept's label: the reference summary holds it (its stemmed bigrams, by the
same `newsfuse.text.concepts` the summarizer uses). Deterministic: same data, same file.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsfuse.summary_concepts import (
    FEATURES,
    MODEL_PATH,
    ConceptModel,
    StemTable,
    concept_features,
    save_model,
)
from newsfuse.text import concepts, content_stems
from story_cache import Story, stories

TABLES = (0, 2000)  # the idf and the prior tables are counted here ...
TRAIN = (2000, 4000)  # ... and the model learns here, so that it learns how far to trust them
HELD_OUT = (4000, 4523)
MIN_DF = 3  # stems in fewer training articles than this share the idf of an unseen stem
MIN_PRIOR = 5  # stems in fewer training stories than this share the base rate
PRIOR_WEIGHT = 5.0


def stem_tables(data: Sequence[Story]) -> tuple[StemTable, StemTable]:
    """Background idf over the articles; the smoothed log-odds that the reference keeps a stem of the input."""
    df: Counter[str] = Counter()
    inputs: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    n = 0
    for story in data:
        stems: set[str] = set()
        for src in story.sources:
            n += 1
            own = set(content_stems(src.article.text))
            df.update(own)
            stems |= own
        reference = set().union(*(content_stems(r) for r in story.references))
        inputs.update(stems)
        kept.update(stems & reference)
    idf = {w: round(math.log(n / d), 2) for w, d in df.items() if d >= MIN_DF}
    base = sum(kept.values()) / max(sum(inputs.values()), 1)
    # Add-PRIOR_WEIGHT smoothing toward the base rate: a stem seen in a few stories says little.
    rate = {w: (kept[w] + PRIOR_WEIGHT * base) / (k + PRIOR_WEIGHT) for w, k in inputs.items() if k >= MIN_PRIOR}
    prior = {w: round(math.log(r / (1 - r)), 2) for w, r in rate.items()}
    return (StemTable(idf, round(math.log(n / (MIN_DF - 1)), 2)),
            StemTable(prior, round(math.log(base / (1 - base)), 2)))


def table(data: Sequence[Story], idf: StemTable, prior: StemTable) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for story in data:
        sentences = [s for src in story.sources for s in src.sentences]
        origin = {src.article.id: src.origin for src in story.sources}
        found = [concepts(s.text) for s in sentences]
        order, x = concept_features(sentences, found, origin, idf, prior)
        reference = set().union(*(concepts(r) for r in story.references))
        xs.append(x)
        ys.append(np.array([c in reference for c in order], dtype=np.int8))
    return np.vstack(xs), np.concatenate(ys)


def main(argv: Sequence[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="also fit gradient boosting for comparison")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)

    every = stories("multinews-train", 0, TRAIN[1], embed=False)
    held = stories("multinews-train", *HELD_OUT, embed=False)
    idf, prior = stem_tables(every[:TABLES[1]])
    train = every[TRAIN[0]:]
    x, y = table(train, idf, prior)
    xh, yh = table(held, idf, prior)
    print(f"train: {len(train)} stories, {len(y):,} concepts, {y.mean():.3f} in the reference; "
          f"held out: {len(held)} stories, {len(yh):,}; idf {len(idf.values):,} stems, prior {len(prior.values):,}")
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    fit = LogisticRegression(C=1.0, max_iter=2000).fit((x - mean) / scale, y)
    model = ConceptModel(mean, scale, fit.coef_[0], float(fit.intercept_[0]), idf, prior)
    auc = roc_auc_score(yh, model.probabilities(xh))
    print(f"logistic regression: held-out AUC {auc:.4f}")
    for name, c in sorted(zip(FEATURES, fit.coef_[0], strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:18} {c:+.3f}")
    for name, col in (("df_share", 0), ("first_position", 6)):
        print(f"  (one feature alone, {name}: AUC {roc_auc_score(yh, xh[:, col] * (1 if col == 0 else -1)):.4f})")
    if args.check:
        from sklearn.ensemble import HistGradientBoostingClassifier

        gbm = HistGradientBoostingClassifier(max_iter=200, random_state=0).fit(x, y)
        print(f"gradient boosting: held-out AUC {roc_auc_score(yh, gbm.predict_proba(xh)[:, 1]):.4f}")
    save_model(model, args.out, {"data": f"multinews-train: tables from lines {TABLES[0]}-{TABLES[1] - 1}, "
                                         f"model from lines {TRAIN[0]}-{TRAIN[1] - 1}",
                                 "held_out_auc": round(float(auc), 4), "stories": len(train)})
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

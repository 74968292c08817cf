"""Learn the concept-importance model of `newsfuse.summary_concepts` on multinews-train.

    python benchmarks/train_concepts.py            # writes src/newsfuse/models/summary_concepts.json.gz
    python benchmarks/train_concepts.py --check    # also fits gradient boosting, to see what a linear model leaves
    python benchmarks/train_concepts.py --trees 100 --out /tmp/gbm.json.gz   # a model file with boosted trees (not shipped)

Data: multinews-train lines 0-3999 train, lines 4000-4522 are held out (the AUC printed, and the
selection knobs tuned by benchmarks/tune_summary.py). The idf and the two prior tables must not be
counted on the stories the model learns from, or it would learn to trust them more than it should
on a new story; so they are cross-fitted: the training stories are dealt into FOLDS folds, each
fold's features read tables counted on the other folds, and the file ships tables counted on all
4,000 stories (each table twice the data of a split in halves, the model twice the rows). With
`--folds 1`, the split used before: tables on lines 0-1999, the model on lines 2000-3999. The dev
set is never read. A concept's label: the reference summary holds it (its stemmed bigrams, by the
same `newsfuse.text.concepts` the summarizer uses). Deterministic: same data, same file.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsfuse.summary_concepts import (
    FEATURES,
    MODEL_PATH,
    ConceptModel,
    Forest,
    StemTable,
    concept_features,
    save_model,
)
from newsfuse.text import concepts, content_stems
from story_cache import Story, stories

TABLES = (0, 2000)  # with --folds 1, the idf and the prior tables are counted here ...
TRAIN = (2000, 4000)  # ... and the model learns here, so that it learns how far to trust them
HELD_OUT = (4000, 4523)
FOLDS = 4  # cross-fitting folds (main's docstring)
MIN_DF = 3  # stems in fewer training articles than this share the idf of an unseen stem
MIN_PRIOR = 5  # stems in fewer training stories than this share the base rate
PRIOR_WEIGHT = 5.0
TREES = 0  # boosted trees to ship (0: the regression); 100 trees: AUC 0.6856, no ROUGE gain (issue 13, stop 27)
LEAVES = 15
MIN_PAIR = 10  # concepts in fewer training stories than this share the base rate (and stay out of the file)


def spelled_alike(c: tuple[str, str]) -> bool:
    """"u s", "p m": one writer's "U.S." is another's "US"; a prior of such a pair measures spelling,
    not importance (the stem prior leaves one-letter words out for the same reason)."""
    return len(c[0]) > 1 and len(c[1]) > 1


@dataclass(frozen=True, slots=True)
class Counts:
    """What one story adds to the tables: counted once, summed over any set of stories (a fold)."""

    article_stems: list[set[str]]  # each article's content stems (the idf)
    stems: set[str]  # the story's input stems ...
    kept: set[str]  # ... and those its reference keeps (the stem prior)
    pairs: set[str]  # the story's input concepts, "stem stem" ...
    pairs_kept: set[str]  # ... and those its reference keeps (the concept prior)


def story_counts(story: Story) -> Counts:
    article_stems = [set(content_stems(src.article.text)) for src in story.sources]
    stems = set().union(*article_stems)
    reference = set().union(*(content_stems(r) for r in story.references))
    held = {" ".join(c) for src in story.sources for s in src.sentences for c in concepts(s.text) if spelled_alike(c)}
    ref_pairs = {" ".join(c) for r in story.references for c in concepts(r) if spelled_alike(c)}
    return Counts(article_stems, stems, stems & reference, held, held & ref_pairs)


def _log_odds_table(inputs: Counter[str], kept: Counter[str], at_least: int) -> StemTable:
    """Add-PRIOR_WEIGHT smoothing toward the base rate: a key seen in a few stories says little."""
    base = sum(kept.values()) / max(sum(inputs.values()), 1)
    rate = {w: (kept[w] + PRIOR_WEIGHT * base) / (k + PRIOR_WEIGHT) for w, k in inputs.items() if k >= at_least}
    return StemTable({w: round(math.log(r / (1 - r)), 2) for w, r in rate.items()}, round(math.log(base / (1 - base)), 2))


def tables(counts: Sequence[Counts]) -> tuple[StemTable, StemTable, StemTable]:
    """Background idf over the articles; the smoothed log-odds that the reference keeps a stem of the
    input; the same for a concept (RegSum's global importance at the level of the concept itself,
    where the stem prior sees "white" and "house" apart; only pairs in MIN_PAIR stories or more)."""
    df: Counter[str] = Counter()
    inputs: Counter[str] = Counter()
    kept: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    pairs_kept: Counter[str] = Counter()
    n = 0
    for c in counts:
        n += len(c.article_stems)
        for own in c.article_stems:
            df.update(own)
        inputs.update(c.stems)
        kept.update(c.kept)
        pairs.update(c.pairs)
        pairs_kept.update(c.pairs_kept)
    idf = StemTable({w: round(math.log(n / d), 2) for w, d in df.items() if d >= MIN_DF}, round(math.log(n / (MIN_DF - 1)), 2))
    return idf, _log_odds_table(inputs, kept, MIN_PRIOR), _log_odds_table(pairs, pairs_kept, MIN_PAIR)


def within_story_auc(y: np.ndarray, score: np.ndarray, sizes: Sequence[int]) -> float:
    """The mean over stories of the AUC inside each story: what the solve reads (it ranks one story's
    concepts against each other), where the pooled AUC also rewards telling stories apart."""
    from sklearn.metrics import roc_auc_score

    out, at = [], 0
    for n in sizes:
        part = y[at:at + n]
        if 0 < part.sum() < n:
            out.append(roc_auc_score(part, score[at:at + n]))
        at += n
    return float(np.mean(out))


def table(data: Sequence[Story], idf: StemTable, prior: StemTable, pairs: StemTable) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for story in data:
        sentences = [s for src in story.sources for s in src.sentences]
        origin = {src.article.id: src.origin for src in story.sources}
        found = [concepts(s.text) for s in sentences]
        order, x = concept_features(sentences, found, origin, idf, prior, pair_prior=pairs)
        reference = set().union(*(concepts(r) for r in story.references))
        xs.append(x)
        ys.append(np.array([c in reference for c in order], dtype=np.int8))
    return np.vstack(xs), np.concatenate(ys)


def story_sizes(data: Sequence[Story]) -> list[set[tuple[str, str]]]:
    """Each story's concepts (as `table` orders its rows: one block per story)."""
    return [set().union(*(concepts(s.text) for src in story.sources for s in src.sentences)) for story in data]


def export_forest(gbm: Any) -> Forest:
    """scikit-learn's fitted HistGradientBoostingClassifier (binary) as a `Forest` numpy can walk:
    its trees' nodes renumbered into one array, each leaf pointing at itself."""
    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    depth = 0
    for (tree,) in gbm._predictors:
        nodes = tree.nodes
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits are not exported")
        base = len(feature)
        roots.append(base)
        for k, node in enumerate(nodes):
            leaf = bool(node["is_leaf"])
            feature.append(0 if leaf else int(node["feature_idx"]))
            threshold.append(math.inf if leaf else float(node["num_threshold"]))
            left.append(base + (k if leaf else int(node["left"])))
            right.append(base + (k if leaf else int(node["right"])))
            value.append(float(node["value"]) if leaf else 0.0)
            depth = max(depth, int(node["depth"]))
    return Forest(np.asarray(feature, dtype=np.intp), np.asarray(threshold), np.asarray(left, dtype=np.intp),
                  np.asarray(right, dtype=np.intp), np.asarray(value), np.asarray(roots, dtype=np.intp), depth,
                  float(np.ravel(gbm._baseline_prediction)[0]))


def main(argv: Sequence[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="also fit gradient boosting for comparison")
    parser.add_argument("--check-rows", type=int, default=300_000, help="training rows the --check model sees")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--folds", type=int, default=FOLDS,
                        help="cross-fit the tables over this many folds of lines 0-3999 (1: tables 0-1999, model 2000-3999)")
    parser.add_argument("--trees", type=int, default=TREES,
                        help="ship boosted trees (this many) fitted on every training row; 0: the logistic regression")
    parser.add_argument("--leaves", type=int, default=LEAVES, help="leaves per tree")
    parser.add_argument("--without", default="", help="features to leave out (comma-separated), for an ablation")
    args = parser.parse_args(argv)

    every = stories("multinews-train", 0, TRAIN[1], embed=False)
    held = stories("multinews-train", *HELD_OUT, embed=False)
    counts = [story_counts(story) for story in every]
    if args.folds <= 1:  # tables from the first half, the model from the second
        idf, prior, pairs = tables(counts[:TABLES[1]])
        train = every[TRAIN[0]:]
        x, y = table(train, idf, prior, pairs)
    else:
        # Cross-fitting: each fold's rows read tables counted on the other folds, so the model learns
        # how far to trust tables that never saw the story (as at run time), and every story serves
        # both the tables and the model. The shipped tables count all of lines 0-3999.
        fold = [k % args.folds for k in range(len(every))]
        parts = [table([s for s, g in zip(every, fold, strict=True) if g == f],
                       *tables([c for c, g in zip(counts, fold, strict=True) if g != f])) for f in range(args.folds)]
        x, y = np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
        idf, prior, pairs = tables(counts)
        train = every
    xh, yh = table(held, idf, prior, pairs)
    print(f"train: {len(train)} stories, {len(y):,} concepts, {y.mean():.3f} in the reference; "
          f"held out: {len(held)} stories, {len(yh):,}; idf {len(idf.values):,} stems, prior {len(prior.values):,}, "
          f"pair prior {len(pairs.values):,}")
    # An ablation: the named columns are zeroed, so that the model gives them no weight and reads as
    # the model without them (the same fit on the other columns).
    dropped = [FEATURES.index(name) for name in args.without.split(",") if name]
    x[:, dropped] = 0.0
    xh[:, dropped] = 0.0
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    fit = LogisticRegression(C=1.0, max_iter=2000).fit((x - mean) / scale, y)
    model = ConceptModel(mean, scale, fit.coef_[0], float(fit.intercept_[0]), idf, prior, pairs)
    auc = roc_auc_score(yh, model.probabilities(xh))
    sizes = [len(concepts_of) for concepts_of in story_sizes(held)]
    print(f"logistic regression: held-out AUC {auc:.4f}, within a story {within_story_auc(yh, model.probabilities(xh), sizes):.4f}")
    for name, c in sorted(zip(FEATURES, fit.coef_[0], strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:18} {c:+.3f}")
    for name, col in (("df_share", 0), ("first_position", 6)):
        print(f"  (one feature alone, {name}: AUC {roc_auc_score(yh, xh[:, col] * (1 if col == 0 else -1)):.4f})")
    if args.check:
        from sklearn.ensemble import HistGradientBoostingClassifier

        # on a sample of the training rows: on all of them it does not finish in 20 minutes on 2 busy cores
        rows = np.random.default_rng(0).permutation(len(y))[:args.check_rows]
        gbm = HistGradientBoostingClassifier(max_iter=200, random_state=0).fit(x[rows], y[rows])
        p = gbm.predict_proba(xh)[:, 1]
        print(f"gradient boosting: held-out AUC {roc_auc_score(yh, p):.4f}, within a story {within_story_auc(yh, p, sizes):.4f}")
    kind = "logistic regression"
    if args.trees:
        from sklearn.ensemble import HistGradientBoostingClassifier

        # every cross-fitted row (1.1M); no early stopping, so that the fit is the same on every run
        gbm = HistGradientBoostingClassifier(max_iter=args.trees, max_leaf_nodes=args.leaves, random_state=0,
                                             early_stopping=False).fit(x, y)
        model = replace(model, forest=export_forest(gbm))
        p = model.probabilities(xh)
        if not np.allclose(p, gbm.predict_proba(xh)[:, 1], atol=1e-9):
            raise AssertionError("the exported forest does not reproduce scikit-learn's probabilities")
        auc = roc_auc_score(yh, p)
        kind = f"gradient boosting, {args.trees} trees of {args.leaves} leaves"
        print(f"{kind} (shipped): held-out AUC {auc:.4f}, within a story {within_story_auc(yh, p, sizes):.4f}")
    data = (f"multinews-train: tables from lines {TABLES[0]}-{TABLES[1] - 1}, model from lines {TRAIN[0]}-{TRAIN[1] - 1}"
            if args.folds <= 1 else
            f"multinews-train lines 0-{TRAIN[1] - 1}: model on tables cross-fitted over {args.folds} folds, shipped tables from all")
    save_model(model, args.out, {"data": data, "model": kind,
                                 "held_out_auc": round(float(auc), 4), "stories": len(train)})
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

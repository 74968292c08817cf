"""The story pair model: which signals say that two reports are of one event, learned on labelled
training pairs, never on the sets we report on.

    python benchmarks/train_story_pairs.py                 # ECB+ tune topics + Multi-News train (800 stories)
    python benchmarks/train_story_pairs.py --stories 1500

Training pairs, as the grouper meets them (`stories.group`: every pair of a chunk is compared, a
story's average link is the mean over its pairs): the ECB+ dev topics ≡ 2 mod 4 (one chunk: every
pair), and the first `--stories` Multi-News train stories in chunks of 512 articles in file order.
Blocking: a pair counts when its TF-IDF cosine reaches `--floor` (what a pair below it says cannot
bring two clusters to the threshold); the two sets weigh the same.

Signals per pair, each a dot product of per-article vectors (or a function of the two clusters'
spans), so that the model's log-odds, averaged over the pairs of two clusters, is what the grouper's
average link computes from its sums (`stories.links`), at no cost per pair:

- words: the TF-IDF cosine of the grouper's term vectors (content stems, names counted twice);
- who/where: the cosine of the names alone (capitalised words inside a sentence);
- what: the cosine of the numbers (`features.number_anchors`), and whether both cite one;
- when: log(1 + days apart beyond a week, in weeks), over the pairs whose two reports are dated.

Printed: each fit's coefficients, ROC AUC over the pairs inside an ECB+ topic (two events of one
kind: the hard pairs) and over Multi-News train, the calibration (predicted vs observed by decile),
and the date term on the grouper's scale (`group.gap_weight`, linear: what ships; in the log of the gap
for comparison).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from newsfuse.stories.features import names, number_anchors, term_counts
from newsfuse.stories.links import WORDS_SCALE, rows_matrix
from newsfuse.text import words
from stories_stream_batch import featurize, load

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "stories"
QUIET = 7  # `group.quiet_days`: the date term starts beyond it
CALIBRATION = (0.0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 1.01)
SIGNALS = ("words", "names", "numbers", "both_numbers", "log_gap", "linear_gap")


@dataclass(slots=True)
class Article:
    gold: str
    topic: str
    day: int | None
    vectors: dict[str, tuple[np.ndarray, np.ndarray]]


def articles(path: Path, part: str, stories: int) -> list[Article]:
    rows = load(path, part, stories)
    gold = {str(r["id"]): (str(r["label"]), str(r.get("topic_label", ""))) for r in rows}
    out = []
    for a, f in featurize(rows, None):
        head = words(a.title) if a.title else []
        text = head + words(a.text)
        name_terms, name_weights, _ = term_counts([], names(a.title or "") + names(a.text))
        out.append(Article(*gold[a.id], a.published.toordinal() if a.published else None,
                           {"words": (f.terms, f.weights), "names": (name_terms, name_weights),
                            "numbers": number_anchors(text)}))
    return out


def cosines(chunk: list[Article], key: str) -> np.ndarray:
    """Cosines under the chunk's own smoothed IDF, a term seen once not counting (`group.min_df` 2)."""
    m = rows_matrix([a.vectors[key][0] for a in chunk], [a.vectors[key][1] for a in chunk])
    df = np.asarray((m > 0).sum(axis=0)).ravel()
    idf = (np.log((1 + len(chunk)) / (1 + df)) + 1) * (df >= 2)
    weighed = m.multiply(idf[None, :]).tocsr()
    norms = np.sqrt(np.asarray(weighed.multiply(weighed).sum(axis=1))).ravel()
    unit = sp.diags(1 / np.where(norms > 0, norms, 1)) @ weighed
    return np.asarray((unit @ unit.T).toarray())


def pairs(arts: list[Article], chunk: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Signals (pairs × SIGNALS), same event, same topic, both dated."""
    xs, ys, ts, ds = [], [], [], []
    for lo in range(0, len(arts), chunk):
        part = arts[lo:lo + chunk]
        i, j = np.triu_indices(len(part), 1)
        cos = {k: cosines(part, k)[i, j] for k in ("words", "names", "numbers")}
        has = np.array([len(a.vectors["numbers"][0]) > 0 for a in part])
        day = np.array([a.day if a.day is not None else 0 for a in part])
        dated = np.array([a.day is not None for a in part])
        both = dated[i] & dated[j]
        excess = np.maximum(np.abs(day[i] - day[j]) - QUIET, 0) / QUIET
        xs.append(np.column_stack([cos["words"], cos["names"], cos["numbers"], has[i] & has[j],
                                   np.where(both, np.log1p(excess), 0.0), np.where(both, excess, 0.0)]))
        gold = np.array([a.gold for a in part])
        topic = np.array([a.topic for a in part])
        ys.append(gold[i] == gold[j])
        ts.append((topic[i] == topic[j]) & (topic[i] != ""))
        ds.append(both)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ts), np.concatenate(ds)


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss, roc_auc_score

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=800, help="Multi-News train stories (first N)")
    parser.add_argument("--floor", type=float, default=0.05, help="blocking: the least TF-IDF cosine a pair needs")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    ecb_path, mn_path = SHARED / "ecbplus-dev-articles.jsonl", SHARED / "multinews-train-articles.jsonl"
    if not ecb_path.is_file() or not mn_path.is_file():
        sys.exit(f"no training data in {SHARED} (see ../shared/eval/README.md)")
    ecb = pairs(articles(ecb_path, "tune", 0), 100_000)
    mn = pairs(articles(mn_path, "all", args.stories), 512)
    print(f"$ python benchmarks/train_story_pairs.py --stories {args.stories} --floor {args.floor}")
    for name, (x, y, t, _) in (("ECB+ tune (topics = 2 mod 4)", ecb), ("Multi-News train", mn)):
        kept = x[:, 0] >= args.floor
        print(f"{name}: {len(y)} pairs, {int(y.sum())} same-event; blocked to {int(kept.sum())} pairs, "
              f"{int(y[kept].sum())} same-event ({y[kept].sum() / max(y.sum(), 1):.3f} of them)"
              + (f"; {int(t.sum())} inside a topic" if t.any() else ""))
    (xe, ye, te, de), (xm, ym, _, _) = ecb, mn
    ke, km = xe[:, 0] >= args.floor, xm[:, 0] >= args.floor
    x = np.vstack([xe[ke], xm[km]])
    y = np.concatenate([ye[ke], ym[km]])
    inside = np.concatenate([te[ke], np.zeros(int(km.sum()), bool)])
    from_ecb = np.concatenate([np.ones(int(ke.sum()), bool), np.zeros(int(km.sum()), bool)])
    weight = np.where(from_ecb, 0.5 / ke.sum(), 0.5 / km.sum()) * len(y)  # the two sets weigh the same
    report: dict[str, object] = {}
    print(f"\n{'signals':<44} {'coefficients (then intercept)':<44} {'AUC in topic':>12} {'AUC MN':>7}")
    for signals in (("words",), ("words", "names"), ("words", "numbers", "both_numbers"),
                    ("words", "names", "numbers", "both_numbers")):
        cols = [SIGNALS.index(s) for s in signals]
        model = LogisticRegression(C=10.0, max_iter=5000).fit(x[:, cols], y, sample_weight=weight)
        p = model.predict_proba(x[:, cols])[:, 1]
        coef = [round(float(c), 2) for c in model.coef_[0]] + [round(float(model.intercept_[0]), 2)]
        auc_t, auc_m = roc_auc_score(y[inside], p[inside]), roc_auc_score(y[~from_ecb], p[~from_ecb])
        print(f"{' + '.join(signals):<44} {coef!s:<44} {auc_t:>12.3f} {auc_m:>7.3f}")
        report[" + ".join(signals)] = {"coefficients": coef, "auc_in_topic": round(auc_t, 4),
                                       "auc_multinews": round(auc_m, 4)}
        if signals == ("words",):
            print(f"{'':<44} calibration, predicted / observed (pairs) by bin of p, both sets as weighed:")
            cells = []
            for lo, hi in pairwise(CALIBRATION):
                cell = (p >= lo) & (p < hi)
                if cell.any():
                    cells.append(f"{np.average(p[cell], weights=weight[cell]):.2f}/"
                                 f"{np.average(y[cell], weights=weight[cell]):.2f} ({int(cell.sum())})")
            print(f"{'':<44} {' '.join(cells)}")
    # When: only ECB+ has dated pairs (Multi-News is undated). Both reports dated: the ECB+ half of
    # every topic (one event) and the pairs across topics.
    when: dict[str, object] = {}
    for shape, unit in (("linear_gap", "per week beyond the first"), ("log_gap", "per unit of log(1 + weeks beyond the first)")):
        cols = [SIGNALS.index("words"), SIGNALS.index(shape)]
        model = LogisticRegression(C=10.0, max_iter=5000).fit(xe[de][:, cols], ye[de])
        loss = log_loss(ye[de], model.predict_proba(xe[de][:, cols])[:, 1])
        b_words, b_gap = (float(c) for c in model.coef_[0])
        gap_weight = -b_gap / b_words * WORDS_SCALE
        print(f"\nwhen, {shape}, over the {int(de.sum())} dated ECB+ pairs ({int((de & te).sum())} inside a topic, "
              f"{int((de & te & ye).sum())} of them one event): words {b_words:.2f}, gap {b_gap:.4f}, intercept "
              f"{float(model.intercept_[0]):.2f}, log loss {loss:.4f}")
        print(f"  on the grouper's scale (words × {WORDS_SCALE}): {gap_weight:.4f} {unit}")
        when[shape] = {"words": round(b_words, 3), "gap": round(b_gap, 5), "gap_weight": round(gap_weight, 5),
                       "log_loss": round(loss, 5)}
    report["when"] = when
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()

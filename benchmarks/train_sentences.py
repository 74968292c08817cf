"""Learn the sentence-quality model of `newsfuse.summary_sentences` on multinews-train.

    python benchmarks/train_sentences.py     # writes src/newsfuse/models/summary_sentences.json

Data: multinews-train lines 2000-2999 fit the model (the concept model's own training lines: its
probabilities are the features it will see), lines 4000-4522 are held out (the fit printed; the
summarizer's `sentence_quality` knob is set on lines 4000-4149 by benchmarks/editor_cost.py). The dev
set is never read. A sentence's label: the share of its concepts (stemmed bigrams, as
`newsfuse.text.concepts` makes them) that the reference summary holds. Deterministic.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsfuse.summary_concepts import load_model as load_concepts
from newsfuse.summary_sentences import FEATURES, SentenceModel, save_model, sentence_features
from newsfuse.text import concepts, word_count
from story_cache import Story, stories

TRAIN = (2000, 3000)
HELD_OUT = (4000, 4523)
MIN_CONCEPTS = 3  # a sentence with fewer concepts has no share worth learning from


def table(data: Sequence[Story]) -> tuple[np.ndarray, np.ndarray]:
    model = load_concepts()
    xs, ys = [], []
    for story in data:
        sentences = [s for src in story.sources for s in src.sentences]
        if not sentences:
            continue
        origin = {src.article.id: src.origin for src in story.sources}
        found = [concepts(s.text) for s in sentences]
        weight = model.weights(sentences, found, origin)
        reference = set().union(*(concepts(r) for r in story.references))
        keep = [k for k, f in enumerate(found) if len(f) >= MIN_CONCEPTS]
        x = sentence_features(sentences, found, weight, [word_count(s.text) for s in sentences])
        xs.append(x[keep])
        ys.append(np.array([len(found[k] & reference) / len(found[k]) for k in keep]))
    return np.vstack(xs), np.concatenate(ys)


def fit(x: np.ndarray, y: np.ndarray) -> SentenceModel:
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    design = np.hstack([z, np.ones((len(z), 1))])
    solution, *_ = np.linalg.lstsq(design, y, rcond=None)
    return SentenceModel(mean, scale, solution[:-1], float(solution[-1]))


def r2(model: SentenceModel, x: np.ndarray, y: np.ndarray) -> float:
    residual = y - model.quality(x)
    return float(1 - residual.var() / y.var())


def main() -> int:
    x, y = table(stories("multinews-train", *TRAIN, embed=False))
    model = fit(x, y)
    hx, hy = table(stories("multinews-train", *HELD_OUT, embed=False))
    held = r2(model, hx, hy)
    print(f"{len(y)} training sentences, held-out R^2 {held:.3f} on {len(hy)}")
    for name, c in zip(FEATURES, model.coef, strict=True):
        print(f"  {name:18} {c:+.4f}")
    save_model(model, meta={"train_lines": list(TRAIN), "held_out_lines": list(HELD_OUT),
                            "held_out_r2": round(held, 4)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

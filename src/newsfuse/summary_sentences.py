"""What a sentence is worth on its own: the expected share of its concepts a human summary carries.

The concept weights (`summary_concepts`) value what a sentence covers, whoever else covers it too; a
summary also needs sentences a reader keeps whole — news writing puts the event early, and a short
aside or a sentence of page furniture carries little however rare its words. RegSum and later
supervised extractors score sentences directly for that; ours is a linear regression, learned on
multinews-train by `benchmarks/train_sentences.py`, of the share of a sentence's concepts (stemmed
bigrams) the reference holds, on its position, its length and what the concept model says of its
concepts. The summarizer adds `quality × words` to the sentence's value in the solve: the expected
number of reference concepts the sentence brings, whoever else brings them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsfuse.summary_concepts import Concept
from newsfuse.types import Sentence

MODEL_PATH = Path(__file__).with_name("models") / "summary_sentences.json"
# The columns of the feature matrix; the model file names them and must agree.
FEATURES = ("log_index", "relative_position", "opens_article", "log_words", "mean_concept", "max_concept",
            "concept_density", "quoted", "number")
_QUOTES = frozenset('"“”')


def sentence_features(sentences: Sequence[Sentence], sentence_concepts: Sequence[set[Concept]],
                      concept_weight: Mapping[Concept, float], words: Sequence[int]) -> np.ndarray:
    """One row of `FEATURES` per sentence; `concept_weight` is the concept model's probability."""
    length: dict[str, int] = {}
    for s in sentences:
        length[s.article_id] = max(length.get(s.article_id, 0), s.index + 1)
    rows = []
    for s, found, n in zip(sentences, sentence_concepts, words, strict=True):
        probs = [concept_weight.get(c, 0.0) for c in found] or [0.0]
        rows.append((math.log1p(s.index), s.index / length[s.article_id], float(s.index == 0), math.log(max(n, 1)),
                     float(np.mean(probs)), max(probs), sum(probs) / max(n, 1), float(bool(_QUOTES & set(s.text))),
                     float(any(ch.isdigit() for ch in s.text))))
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


@dataclass(frozen=True, slots=True)
class SentenceModel:
    """Standardise, then a linear model of the share of the sentence's concepts a reference holds."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def quality(self, features: np.ndarray) -> np.ndarray:
        if not len(features):
            return np.zeros(0)
        return np.clip(((features - self.mean) / self.scale) @ self.coef + self.intercept, 0.0, 1.0)

    def to_json(self) -> dict[str, object]:
        return {"features": list(FEATURES), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept}


def save_model(model: SentenceModel, path: Path = MODEL_PATH, meta: Mapping[str, object] | None = None) -> None:
    body = {**model.to_json(), "meta": dict(meta or {})}
    path.write_text(json.dumps(body, sort_keys=True, indent=1) + "\n", encoding="utf-8")


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> SentenceModel:
    body = json.loads(path.read_text(encoding="utf-8"))
    if tuple(body["features"]) != FEATURES:
        raise ValueError(f"{path}: the model's features {body['features']} are not this code's {FEATURES}; "
                         "retrain with benchmarks/train_sentences.py")
    return SentenceModel(np.asarray(body["mean"], dtype=np.float64), np.asarray(body["scale"], dtype=np.float64),
                         np.asarray(body["coef"], dtype=np.float64), float(body["intercept"]))

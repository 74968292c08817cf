"""What each of a story's concepts is worth: the chance that a human summary of the story carries it.

ICSISumm weighs a concept (a stemmed word bigram) by the number of documents that state it; RegSum
showed that a learned model of word importance does better than any one such count. Ours is a
logistic regression over a few features of the concept in its story — how many independent sources
state it and what share of them, how often, how early in each article, whether the words are rare in
news at large (an idf table), whether it holds a number — learned on multinews-train's reference
summaries by `benchmarks/train_concepts.py`. Every feature is a share, a position or a logarithm, so
that a model learned on stories of 2-3 articles carries over to stories of ten.

The model and its two stem tables are one small gzipped JSON file beside this module, read on first use.
"""

from __future__ import annotations

import gzip
import json
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsfuse.stopwords import stop_words
from newsfuse.text import stem
from newsfuse.types import Sentence

Concept = tuple[str, str]
MODEL_PATH = Path(__file__).with_name("models") / "summary_concepts.json.gz"
# The order of the columns of the feature matrix; the model file names them and must agree.
FEATURES = ("df_share", "log_df", "corroborated", "log_origins", "log_tf", "tf_share", "first_position",
            "log_first_index", "opens_article", "lead_share", "idf_max", "idf_min", "content_words", "number",
            "df_share_x_lead", "prior_max", "prior_min")
LEAD = 3  # an article's first sentences: where news writing puts the event


@lru_cache(maxsize=64)
def stop_stems(language: str = "") -> frozenset[str]:
    """The stems of a language's stop words (English when none is given): a concept's words that
    are not among them are its content words."""
    return frozenset(stem(w, language) for w in stop_words(language))


@dataclass(frozen=True, slots=True)
class StemTable:
    """A value per stem learned from background text, and the value of a stem it never saw."""

    values: dict[str, float]
    unknown: float

    def __call__(self, word: str) -> float:
        return self.values.get(word, self.unknown)


def concept_features(sentences: Sequence[Sentence], sentence_concepts: Sequence[set[Concept]],
                     origin: Mapping[str, int], idf: StemTable,
                     prior: StemTable, stops: frozenset[str] | None = None) -> tuple[list[Concept], np.ndarray]:
    """The story's concepts and one row of `FEATURES` for each.

    `origin` maps an article id to its independent origin (wire copies share one); `idf` is a stem's
    background inverse document frequency, `prior` the log-odds that a human summary keeps a stem
    its input holds (RegSum's global word importance: "said" rarely, "killed" often); `stops` the stems
of the story's stop words (`stop_stems`: English's by default)."""
    length: dict[str, int] = defaultdict(int)
    for s in sentences:
        length[s.article_id] = max(length[s.article_id], s.index + 1)
    n_origins = max(len(set(origin[s.article_id] for s in sentences)), 1)
    n_sentences = max(len(sentences), 1)
    origins_of: dict[Concept, set[int]] = defaultdict(set)
    lead_origins: dict[Concept, set[int]] = defaultdict(set)
    tf: dict[Concept, int] = defaultdict(int)
    first_position: dict[Concept, float] = {}
    first_index: dict[Concept, int] = {}
    for s, found in zip(sentences, sentence_concepts, strict=True):
        o = origin[s.article_id]
        position = s.index / length[s.article_id]
        for c in found:
            origins_of[c].add(o)
            tf[c] += 1
            if s.index < LEAD:
                lead_origins[c].add(o)
            if position < first_position.get(c, 2.0):
                first_position[c] = position
            if s.index < first_index.get(c, 1 << 30):
                first_index[c] = s.index
    stops = stop_stems() if stops is None else stops
    order = list(origins_of)
    table = []
    for c in order:
        df = len(origins_of[c])
        content = [w for w in c if w not in stops]
        idfs = [idf(w) for w in content] or [0.0]
        priors = [prior(w) for w in content] or [prior.unknown]
        lead_share = len(lead_origins[c]) / n_origins
        table.append((df / n_origins, math.log(df), float(df > 1), math.log(n_origins), math.log(tf[c]),
                      tf[c] / n_sentences, first_position[c], math.log1p(first_index[c]),
                      float(first_index[c] == 0), lead_share, max(idfs), min(idfs), len(content),
                      float(any(w[:1].isdigit() for w in c)), df / n_origins * lead_share, max(priors), min(priors)))
    rows = np.array(table, dtype=np.float64).reshape(len(order), len(FEATURES))
    return order, rows


@dataclass(frozen=True, slots=True)
class ConceptModel:
    """Standardise, then logistic regression: P(a reference summary holds the concept)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    idf: StemTable
    prior: StemTable

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        if not len(features):
            return np.zeros(0)
        z = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def weights(self, sentences: Sequence[Sentence], sentence_concepts: Sequence[set[Concept]],
                origin: Mapping[str, int], stops: frozenset[str] | None = None) -> dict[Concept, float]:
        order, features = concept_features(sentences, sentence_concepts, origin, self.idf, self.prior, stops)
        return dict(zip(order, self.probabilities(features).tolist(), strict=True))

    def to_json(self) -> dict[str, object]:
        return {"features": list(FEATURES), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept,
                "idf": self.idf.values, "unknown_idf": self.idf.unknown,
                "prior": self.prior.values, "unknown_prior": self.prior.unknown}


def save_model(model: ConceptModel, path: Path = MODEL_PATH, meta: Mapping[str, object] | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {**model.to_json(), "meta": dict(meta or {})}
    # mtime=0: the same model makes the same bytes, so a retrain that changes nothing changes no file.
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(json.dumps(body, sort_keys=True, separators=(",", ":")).encode())


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> ConceptModel:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        body = json.load(handle)
    if tuple(body["features"]) != FEATURES:
        raise ValueError(f"{path}: the model's features {body['features']} are not this code's {FEATURES}; "
                         "retrain with benchmarks/train_concepts.py")
    return ConceptModel(np.asarray(body["mean"], dtype=np.float64), np.asarray(body["scale"], dtype=np.float64),
                        np.asarray(body["coef"], dtype=np.float64), float(body["intercept"]),
                        StemTable({str(k): float(v) for k, v in body["idf"].items()}, float(body["unknown_idf"])),
                        StemTable({str(k): float(v) for k, v in body["prior"].items()}, float(body["unknown_prior"])))

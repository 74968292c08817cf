"""What each of a story's concepts is worth: the chance that a human summary of the story carries it.

ICSISumm weighs a concept (a stemmed word bigram) by the number of documents that state it; RegSum
showed that a learned model of word importance does better than any one such count. Ours is a
logistic regression over a few features of the concept in its story — how many independent sources
state it and what share of them, how often, how early in each article (the earliest and the mean
over sources), how many sources open on it, whether the words are rare in news at large (an idf
table), whether it holds a number or a name (capitalised past a sentence's first word), how often
human summaries keep its stems and the concept itself (two prior tables) — learned on
multinews-train's reference summaries by `benchmarks/train_concepts.py`. Every feature is a share, a position or a logarithm, so
that a model learned on stories of 2-3 articles carries over to stories of ten.

The model and its three tables (idf, stem prior, concept prior) are one small gzipped JSON file beside
this module, read on first use. The file may instead carry boosted trees over the same features
(`Forest`, read with numpy); the shipped one does not: 100 trees raised the held-out AUC from 0.676
to 0.686 and moved no ROUGE figure on the tune stories (docs/benchmarks.md, "stop 27").
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
from typing import Any

import numpy as np

from newsfuse.stopwords import stop_words
from newsfuse.text import cased_words, stem
from newsfuse.types import Sentence

Concept = tuple[str, str]
MODEL_PATH = Path(__file__).with_name("models") / "summary_concepts.json.gz"
# The order of the columns of the feature matrix; the model file names them and must agree.
FEATURES = ("df_share", "log_df", "corroborated", "log_origins", "log_tf", "tf_share", "first_position",
            "log_first_index", "opens_article", "lead_share", "idf_max", "idf_min", "content_words", "number",
            "df_share_x_lead", "prior_max", "prior_min",
            # what a news editor reads (issue 13): where the concept first comes in each source, not
            # only in the one that has it earliest; whether several sources open on it; whether it
            # names someone or something (a proper noun of the story)
            "mean_first_position", "first_sentence_share", "first_sentences_several", "proper_words",
            "proper_x_df_share", "number_x_df_share",
            # the concept's own prior (the bigram, not its two stems apart), and whether training saw it
            "pair_prior", "pair_known")
LEAD = 3  # an article's first sentences: where news writing puts the event


@lru_cache(maxsize=64)
def stop_stems(language: str = "") -> frozenset[str]:
    """The stems of a language's stop words (English when none is given): a concept's words that
    are not among them are its content words."""
    return frozenset(stem(w, language) for w in stop_words(language))


def proper_stems(sentences: Sequence[Sentence], language: str = "") -> frozenset[str]:
    """The stems a story writes as names: capitalised in most of their uses past a sentence's first
    word (a cheap named-entity test that needs no model: "Yamada", "Senkaku", "Beijing"). Scripts
    without case have none."""
    capital: dict[str, int] = defaultdict(int)
    seen: dict[str, int] = defaultdict(int)
    for s in sentences:
        for w in cased_words(s.text)[1:]:
            if not w[:1].isalpha():
                continue
            key = stem(w.lower(), language)
            seen[key] += 1
            capital[key] += w[:1].isupper()
    return frozenset(k for k, n in seen.items() if capital[k] * 2 > n)


@dataclass(frozen=True, slots=True)
class StemTable:
    """A value per stem learned from background text, and the value of a stem it never saw."""

    values: dict[str, float]
    unknown: float

    def __call__(self, word: str) -> float:
        return self.values.get(word, self.unknown)


def concept_features(sentences: Sequence[Sentence], sentence_concepts: Sequence[set[Concept]],
                     origin: Mapping[str, int], idf: StemTable,
                     prior: StemTable, stops: frozenset[str] | None = None,
                     proper: frozenset[str] | None = None,
                     pair_prior: StemTable | None = None) -> tuple[list[Concept], np.ndarray]:
    """The story's concepts and one row of `FEATURES` for each.

    `origin` maps an article id to its independent origin (wire copies share one); `idf` is a stem's
    background inverse document frequency, `prior` the log-odds that a human summary keeps a stem
    its input holds (RegSum's global word importance: "said" rarely, "killed" often); `stops` the stems
of the story's stop words (`stop_stems`: English's by default); `proper` the stems the story writes
as names (`proper_stems` of the sentences when not given); `pair_prior` the log-odds that a human
summary keeps the concept itself, keyed "stem stem" (none: every concept unknown)."""
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
    # per concept, each origin's earliest relative position (an origin that never states it counts 1)
    first_in: dict[Concept, dict[int, float]] = defaultdict(dict)
    first_sentence: dict[Concept, set[int]] = defaultdict(set)
    for s, found in zip(sentences, sentence_concepts, strict=True):
        o = origin[s.article_id]
        position = s.index / length[s.article_id]
        for c in found:
            origins_of[c].add(o)
            tf[c] += 1
            if position < first_in[c].get(o, 2.0):
                first_in[c][o] = position
            if s.index == 0:
                first_sentence[c].add(o)
            if s.index < LEAD:
                lead_origins[c].add(o)
            if position < first_position.get(c, 2.0):
                first_position[c] = position
            if s.index < first_index.get(c, 1 << 30):
                first_index[c] = s.index
    stops = stop_stems() if stops is None else stops
    proper = proper_stems(sentences) if proper is None else proper
    pair_prior = pair_prior or StemTable({}, 0.0)
    order = list(origins_of)
    table = []
    for c in order:
        df = len(origins_of[c])
        content = [w for w in c if w not in stops]
        idfs = [idf(w) for w in content] or [0.0]
        priors = [prior(w) for w in content] or [prior.unknown]
        lead_share = len(lead_origins[c]) / n_origins
        number = float(any(w[:1].isdigit() for w in c))
        names = sum(w in proper for w in content)
        mean_first = (sum(first_in[c].values()) + n_origins - len(first_in[c])) / n_origins
        table.append((df / n_origins, math.log(df), float(df > 1), math.log(n_origins), math.log(tf[c]),
                      tf[c] / n_sentences, first_position[c], math.log1p(first_index[c]),
                      float(first_index[c] == 0), lead_share, max(idfs), min(idfs), len(content),
                      number, df / n_origins * lead_share, max(priors), min(priors),
                      mean_first, len(first_sentence[c]) / n_origins, float(len(first_sentence[c]) > 1), names,
                      names * df / n_origins, number * df / n_origins,
                      pair_prior(" ".join(c)), float(" ".join(c) in pair_prior.values)))
    rows = np.array(table, dtype=np.float64).reshape(len(order), len(FEATURES))
    return order, rows


@dataclass(frozen=True, slots=True)
class Forest:
    """Boosted regression trees (scikit-learn's HistGradientBoostingClassifier, exported by
    benchmarks/train_concepts.py) read with numpy, so that a brief never imports scikit-learn.

    Every tree's nodes are numbered in one flat array; a leaf points at itself on both sides (with
    an infinite threshold), so walking `depth` steps from every root lands each row on its leaf in
    every tree at once. A row goes left when its feature is <= the node's threshold (no feature is
    ever missing here)."""

    feature: np.ndarray  # int, per node
    threshold: np.ndarray  # float, per node
    left: np.ndarray  # int, per node: the node a row goes to when feature <= threshold
    right: np.ndarray
    value: np.ndarray  # float, per node: a leaf's contribution to the log-odds (0 elsewhere)
    roots: np.ndarray  # int, per tree
    depth: int  # the deepest leaf's depth
    baseline: float  # the log-odds before any tree

    def log_odds(self, features: np.ndarray) -> np.ndarray:
        rows = np.arange(len(features))[:, None]
        node = np.broadcast_to(self.roots, (len(features), len(self.roots)))
        for _ in range(self.depth):
            node = np.where(features[rows, self.feature[node]] <= self.threshold[node], self.left[node],
                            self.right[node])
        return self.baseline + self.value[node].sum(axis=1)

    def to_json(self) -> dict[str, object]:
        return {"feature": self.feature.tolist(), "threshold": self.threshold.tolist(), "left": self.left.tolist(),
                "right": self.right.tolist(), "value": self.value.tolist(), "roots": self.roots.tolist(),
                "depth": self.depth, "baseline": self.baseline}

    @staticmethod
    def from_json(body: Mapping[str, Any]) -> Forest:
        ints = {k: np.asarray(body[k], dtype=np.intp) for k in ("feature", "left", "right", "roots")}
        return Forest(ints["feature"], np.asarray(body["threshold"], dtype=np.float64), ints["left"], ints["right"],
                      np.asarray(body["value"], dtype=np.float64), ints["roots"], int(body["depth"]),
                      float(body["baseline"]))


@dataclass(frozen=True, slots=True)
class ConceptModel:
    """P(a reference summary holds the concept): boosted trees over the features when the file has
    them (`forest`), else a logistic regression over the standardised features."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    idf: StemTable
    prior: StemTable
    pairs: StemTable
    forest: Forest | None = None

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        if not len(features):
            return np.zeros(0)
        if self.forest is not None:
            z = self.forest.log_odds(features)
        else:
            z = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def weights(self, sentences: Sequence[Sentence], sentence_concepts: Sequence[set[Concept]],
                origin: Mapping[str, int], stops: frozenset[str] | None = None,
                proper: frozenset[str] | None = None) -> dict[Concept, float]:
        order, features = concept_features(sentences, sentence_concepts, origin, self.idf, self.prior, stops, proper,
                                           self.pairs)
        return dict(zip(order, self.probabilities(features).tolist(), strict=True))

    def to_json(self) -> dict[str, object]:
        return {"features": list(FEATURES), "mean": self.mean.tolist(), "scale": self.scale.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept,
                "idf": self.idf.values, "unknown_idf": self.idf.unknown,
                "prior": self.prior.values, "unknown_prior": self.prior.unknown,
                "pairs": self.pairs.values, "unknown_pair": self.pairs.unknown,
                **({"forest": self.forest.to_json()} if self.forest is not None else {})}


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
                        StemTable({str(k): float(v) for k, v in body["prior"].items()}, float(body["unknown_prior"])),
                        StemTable({str(k): float(v) for k, v in body["pairs"].items()}, float(body["unknown_pair"])),
                        Forest.from_json(body["forest"]) if "forest" in body else None)

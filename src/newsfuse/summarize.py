"""Choose the summary: the sentences that cover what a human summary of the story would carry, in budget.

We weigh the story's *concepts* (stemmed word bigrams that hold a content word) by a learned model
of how likely a reference summary is to hold each (`summary_concepts`: how many independent sources
state it, how early, how often, how rare and how summary-worthy its words are), then choose the
sentences that cover the most weight within the word budget, one sentence per claim and no two
near-copies, by an exact integer program (`summary_solve`: Gillick & Favre's ICSISumm formulation,
with claims as the unit of redundancy). Extractive: every sentence is verbatim from a source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsfuse.claims import cross_source_centrality
from newsfuse.similarity import similarities
from newsfuse.summary_concepts import Concept, load_model
from newsfuse.summary_solve import Problem, solve
from newsfuse.text import concepts, word_count
from newsfuse.types import Claim, Evidence, Sentence, Source, SummaryItem


@dataclass(frozen=True, slots=True)
class Weights:
    """The scoring knobs. The concept model is learned on multinews-train lines 0-3999
    (benchmarks/train_concepts.py); these were set by a grid on multinews-train lines 4000-4299
    (benchmarks/tune_summary.py). Neither saw the dev set; see docs/benchmarks.md."""

    concept_power: float = 2.0  # concept weight = P(a reference summary holds it) ** this
    concept_floor: float = 0.0  # concepts less likely than this count for nothing
    claim_gain: float = 0.0  # sentence bonus per extra independent source behind its claim
    centrality: float = 0.0  # sentence bonus × its min-max scaled cross-source centrality
    redundancy: float = 0.80  # never two sentences this close (cosine)
    solver_seconds: float = 2.0  # HiGHS's time cap; past it, its best solution so far
    min_words: int = 6
    max_words: int = 120


DEFAULT_WEIGHTS = Weights()


def summarize(sources: Sequence[Source], claims: Sequence[Claim], vectors: np.ndarray, words: int,
              weights: Weights = DEFAULT_WEIGHTS) -> list[SummaryItem]:
    sentences = [s for src in sources for s in src.sentences]
    if not sentences or words <= 0:
        return []
    origin = {src.article.id: src.origin for src in sources}
    length = {src.article.id: max(len(src.sentences), 1) for src in sources}
    claim_of = {(e.source, e.sentence): c for c in claims for e in c.evidence}

    sentence_concepts = [concepts(s.text) for s in sentences]
    weight = _concept_weights(sentences, sentence_concepts, origin, weights)

    central = _centrality(sentences, vectors) if weights.centrality else np.zeros(len(sentences))
    candidates = [i for i, s in enumerate(sentences) if _usable(s, weights)]
    chosen = _select(sentences, candidates, sentence_concepts, weight, central, claim_of, vectors, words, weights)

    def reading_order(i: int) -> tuple[float, int]:
        claim = claim_of[(sentences[i].article_id, sentences[i].index)]
        position = float(np.mean([e.sentence / length[e.source] for e in claim.evidence]))
        return position, i

    items = []
    for i in sorted(chosen, key=reading_order):
        s = sentences[i]
        claim = claim_of[(s.article_id, s.index)]
        # The chosen sentence's own source leads the citation list; the claim's other sources follow.
        evidence = [Evidence(s.article_id, s.index, s.text)] + [e for e in claim.evidence
                                                                if (e.source, e.sentence) != (s.article_id, s.index)]
        sources_cited = list(dict.fromkeys(e.source for e in evidence))
        items.append(SummaryItem(text=s.text, sources=sources_cited, evidence=evidence,
                                 independent=claim.independent, claim=claim.id))
    return items


def _near_copies(vectors: np.ndarray, threshold: float, block: int = 1024) -> list[tuple[int, int]]:
    """Pairs (a < b) of rows at least `threshold` alike, a block of rows at a time (a long brief's
    candidates × candidates would not fit in memory at once)."""
    pairs = []
    for start in range(0, len(vectors), block):
        close = vectors[start:start + block] @ vectors.T
        for a, b in zip(*np.nonzero(close >= threshold), strict=True):
            if start + a < b:
                pairs.append((int(start + a), int(b)))
    return pairs


def _centrality(sentences: Sequence[Sentence], vectors: np.ndarray) -> np.ndarray:
    """Cross-source centrality scaled to 0..1 over the story (0 everywhere with a single source)."""
    central = cross_source_centrality(sentences, similarities(vectors))
    span = float(central.max() - central.min())
    return (central - central.min()) / span if span > 0 else np.zeros(len(sentences))


def _usable(sentence: Sentence, weights: Weights) -> bool:
    n = word_count(sentence.text)
    return weights.min_words <= n <= weights.max_words and sentence.text.rstrip()[-1:] in {
        ".", "!", "?", '"', "”", "’", "'"}


def _concept_weights(sentences: Sequence[Sentence], sentence_concepts: Sequence[set[Concept]],
                     origin: dict[str, int], weights: Weights) -> dict[Concept, float]:
    learned = load_model().weights(sentences, sentence_concepts, origin)
    return {c: p ** weights.concept_power for c, p in learned.items() if p >= weights.concept_floor}


def _select(sentences: Sequence[Sentence], candidates: Sequence[int], sentence_concepts: Sequence[set[Concept]],
            weight: dict[Concept, float], central: np.ndarray, claim_of: dict[tuple[str, int], Claim],
            vectors: np.ndarray, words: int, weights: Weights) -> list[int]:
    """The candidates that cover the most concept weight in `words`, one per claim, no near-copies."""
    if not candidates:
        return []
    number = {c: k for k, c in enumerate(weight)}
    claims = [claim_of[(sentences[i].article_id, sentences[i].index)] for i in candidates]
    candidate_vectors = vectors[candidates]
    problem = Problem(
        lengths=[word_count(sentences[i].text) for i in candidates],
        concepts=[[number[c] for c in sentence_concepts[i] if c in number] for i in candidates],
        weights=np.fromiter(weight.values(), dtype=float, count=len(weight)),
        bonus=np.array([weights.claim_gain * (claim.independent - 1) + weights.centrality * float(central[i])
                        for i, claim in zip(candidates, claims, strict=True)]),
        groups=[claim.id for claim in claims],
        conflicts=_near_copies(candidate_vectors, weights.redundancy),
        budget=words)
    return [candidates[k] for k in solve(problem, weights.solver_seconds)]

"""Choose the summary: the sentences that cover what the most independent sources report, in budget.

What several sources repeat is what a summary must carry. We score the story's *concepts* (stemmed
word bigrams that hold a content word) by how many independent origins state them, then pick
sentences greedily by the weight of the concepts they add per word, one sentence per claim, until
the word budget is spent (Gillick & Favre's concept coverage, solved greedily as Lin & Bilmes do,
with claims as the unit of redundancy). A sentence's gain grows with its claim's corroboration and
with its centrality among the other sources' sentences (LexRank's signal, from the embeddings). Extractive: every sentence is verbatim from a source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsfuse import editor
from newsfuse.claims import cross_source_centrality
from newsfuse.config import Settings
from newsfuse.similarity import similarities
from newsfuse.text import concepts, word_count
from newsfuse.types import Claim, Sentence, Source, SummaryItem


@dataclass(frozen=True, slots=True)
class Weights:
    """The scoring knobs. Calibrated by a grid over multinews-dev (first 150 clusters) and
    multiling2011-en at two budgets each (230/250 words and 100 words), keeping the setting that beat
    LexRank and TextRank on R-1 and R-2 in the most of the four cases; see docs/benchmarks.md."""

    df_power: float = 1.5  # concept weight = (independent origins stating it) ** df_power
    single_source: float = 0.3  # weight of a concept only one origin states, relative to df=1
    lead_bonus: float = 1.0  # extra weight for concepts in a sentence near the top of its article
    lead_sentences: int = 4
    length_power: float = 0.6  # gain / words ** length_power: <1 leans to longer sentences
    support_bonus: float = 0.3  # gain × (1 + this × extra independent sources behind the claim)
    claim_gain: float = 6.0  # gain + this × extra independent sources: a corroborated point in other words
    redundancy: float = 0.80  # skip a sentence this close (cosine) to one already chosen
    centrality: float = 0.5  # gain × (1 + this × the sentence's min-max scaled cross-source centrality)
    min_words: int = 6
    max_words: int = 120


DEFAULT_WEIGHTS = Weights()


def summarize(sources: Sequence[Source], claims: Sequence[Claim], vectors: np.ndarray, words: int,
              weights: Weights = DEFAULT_WEIGHTS, spacy_model: str = Settings().spacy_model) -> list[SummaryItem]:
    sentences = [s for src in sources for s in src.sentences]
    if not sentences or words <= 0:
        return []
    origin = {src.article.id: src.origin for src in sources}
    length = {src.article.id: max(len(src.sentences), 1) for src in sources}
    claim_of = {(e.source, e.sentence): c for c in claims for e in c.evidence}
    language = {src.article.id: src.article.language for src in sources}

    def claim_at(i: int) -> Claim:
        return claim_of[(sentences[i].article_id, sentences[i].index)]

    sentence_concepts = [concepts(s.text) for s in sentences]
    weight = _concept_weights(sentences, sentence_concepts, origin, weights)

    central = _centrality(sentences, vectors) if weights.centrality else np.zeros(len(sentences))
    candidates = [i for i, s in enumerate(sentences) if _usable(s, weights)]
    # The editor passes over sentences that lean on the one before (or mends them visibly: the
    # budget counts the words shown), names the lead, and admits one source's point only when no
    # corroborated one fits.
    english = [language[s.article_id] in ("", "en") for s in sentences]
    shown = editor.standalone_sentences(sentences, candidates, spacy_model, english)
    candidates = [i for i in candidates if i in shown]
    sentences = [replace(s, text=shown[i].text) if i in shown else s for i, s in enumerate(sentences)]
    after = {i: e.after for i, e in shown.items() if e.after is not None}
    texts = {i: sentences[i].text for i in candidates if i not in after}
    lead = editor.lead_sentences(sentences, texts, claim_at, origin, words, word_count, spacy_model)
    opening = [lead, editor.outcome_sentences(sentences, texts, claim_at, lead, words, word_count, spacy_model)]
    chosen: list[int] = []
    covered: set[tuple[str, str]] = set()
    used_claims: set[int] = set()
    budget = words
    while candidates:
        best, best_score = -1, 0.0
        for i in editor.admissible(candidates, chosen, opening, lambda i: claim_at(i).independent, after):
            claim = claim_of[(sentences[i].article_id, sentences[i].index)]
            gain = sum(weight[c] for c in sentence_concepts[i] - covered)
            gain *= 1.0 + weights.support_bonus * (claim.independent - 1)
            gain += weights.claim_gain * (claim.independent - 1)
            gain *= 1.0 + weights.centrality * float(central[i])
            score = gain / word_count(sentences[i].text) ** weights.length_power
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            break
        chosen.append(best)
        claim = claim_of[(sentences[best].article_id, sentences[best].index)]
        used_claims.add(claim.id)
        covered |= sentence_concepts[best]
        budget -= word_count(sentences[best].text)
        candidates = [i for i in candidates if i != best
                      and word_count(sentences[i].text) <= budget
                      and claim_of[(sentences[i].article_id, sentences[i].index)].id not in used_claims
                      and float(vectors[i] @ vectors[best]) < weights.redundancy]

    number = {src.article.id: src.number for src in sources}
    items = [editor.summary_item(shown[i], claim_at(i), number)
             for i in editor.reading_order(chosen, lead, sentences, claim_at, length)]
    editor.shorten_names(items)
    return items


def _centrality(sentences: Sequence[Sentence], vectors: np.ndarray) -> np.ndarray:
    """Cross-source centrality scaled to 0..1 over the story (0 everywhere with a single source)."""
    central = cross_source_centrality(sentences, similarities(vectors))
    span = float(central.max() - central.min())
    return (central - central.min()) / span if span > 0 else np.zeros(len(sentences))


def _usable(sentence: Sentence, weights: Weights) -> bool:
    n = word_count(sentence.text)
    return weights.min_words <= n <= weights.max_words and sentence.text.rstrip()[-1:] in {
        ".", "!", "?", '"', "”", "’", "'"}


def _concept_weights(sentences: Sequence[Sentence], sentence_concepts: Sequence[set[tuple[str, str]]],
                     origin: dict[str, int], weights: Weights) -> dict[tuple[str, str], float]:
    origins_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    lead: set[tuple[str, str]] = set()
    for s, cs in zip(sentences, sentence_concepts, strict=True):
        for c in cs:
            origins_of[c].add(origin[s.article_id])
        if s.index < weights.lead_sentences:
            lead |= cs
    out = {}
    for c, found_in in origins_of.items():
        df = len(found_in)
        base = df ** weights.df_power if df > 1 else weights.single_source
        out[c] = base * (1.0 + weights.lead_bonus) if c in lead else base
    return out

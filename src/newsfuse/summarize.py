"""Choose the summary: the sentences that cover what a human summary of the story would carry, in budget.

We weigh the story's *concepts* (stemmed word bigrams that hold a content word) by a learned model
of how likely a reference summary is to hold each (`summary_concepts`: how many independent sources
state it, how early, how often, how rare and how summary-worthy its words are), then choose the
sentences that cover the most weight within the word budget, one sentence per claim and no two
near-copies, by an exact integer program (`summary_solve`: Gillick & Favre's ICSISumm formulation,
with claims as the unit of redundancy). Extractive: every sentence is verbatim from a source.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsfuse import editor
from newsfuse.claims import cross_source_centrality
from newsfuse.config import Settings
from newsfuse.similarity import similarities
from newsfuse.summary_concepts import Concept, load_model, proper_stems, stop_stems
from newsfuse.summary_solve import Problem, solve
from newsfuse.text import concepts, ends_sentence, word_count
from newsfuse.types import Claim, Sentence, Source, SummaryItem


@dataclass(frozen=True, slots=True)
class Weights:
    """The scoring knobs. The concept model is learned on multinews-train lines 0-3999
    (benchmarks/train_concepts.py); these were set by a grid on multinews-train lines 4000-4299
    (benchmarks/tune_summary.py; the editor's switches and `pairs` by benchmarks/editor_cost.py on the
    same lines). Neither saw the dev set; see docs/benchmarks.md."""

    concept_power: float = 2.0  # concept weight = P(a reference summary holds it) ** this
    concept_floor: float = 0.0  # concepts less likely than this count for nothing
    claim_gain: float = 0.0  # sentence bonus per extra independent source behind its claim
    centrality: float = 0.0  # sentence bonus × its min-max scaled cross-source centrality
    # sentence bonus × 1 / (1 + its index in its article): news tells the event first. The concept
    # model reads position too, but through concepts and beside its English word tables; outside
    # English those tables say nothing and the lead's weight is lost (docs/benchmarks.md, stop 28).
    lead_prior: float = 0.0
    redundancy: float = 0.80  # never two sentences this close (cosine)
    # The solve's bound is a node count, so that a summary does not depend on the machine's load (the
    # 2 s wall-clock cap it replaced was hit on a loaded machine and moved ROUGE by up to 0.2). Every
    # solve measured needed at most 49 nodes and 1.8 s of CPU (Multi-News dev 200 stories at 230 words,
    # MultiLing English at 250, the eight largest ECB+ topics, 27-30 reports, at 250 and 400 words;
    # docs/benchmarks.md, "deterministic solve"). The wall-clock cap is only a guard.
    solver_nodes: int = 10_000  # HiGHS's branch-and-bound node cap; past it, its best solution so far
    solver_seconds: float = 30.0  # a guard against a program far larger than any measured
    # The editor's rules, each a switch so that its ROUGE cost can be measured (benchmarks/editor_cost.py).
    lead: bool = True  # open on the story's lead
    outcome: bool = True  # the agreed/decided point right after the lead
    single_source_last: bool = True  # one source's points only when no corroborated one fits
    pass_over: bool = True  # pass over sentences that lean on the one before (or mend them)
    # A leaning sentence may be solved for with its predecessor (printed right after it). On (issue 13,
    # stop 25): with the cross-fitted concept model it gains +0.22 of the mean of six ROUGE figures on
    # multinews-train lines 4000-4299, more than any other lever (docs/benchmarks.md, "coverage levers").
    pairs: bool = True
    min_words: int = 6
    max_words: int = 120


DEFAULT_WEIGHTS = Weights()
# A story told in other languages than English: its sentence vectors are the multilingual model's
# (or hashed words), its concepts another language's stems, and the concept model met none of them
# in training (multinews-train is English). Set on MultiLing 2011 topics M000-M004 of every language
# but English (benchmarks/tune_multiling_summary.py; docs/benchmarks.md), never on M005-M009.
# Stop 28: without the English word tables the concept model loses the lead's weight (a lead sentence
# holds three to five times the reference bigrams of a sentence past the sixth, in every language), and
# "corroborated points first" filled the budget with background every source repeats, deep in the
# articles: a lead prior, and no such priority.
OTHER_LANGUAGE_WEIGHTS = Weights(centrality=0.6, single_source_last=False, lead_prior=1.0)


def weights_for(sources: Sequence[Source]) -> Weights:
    """The knobs of a story: English (or undetected) sources anywhere keep the English ones."""
    english = any(src.article.language in ("", "en") for src in sources)
    return DEFAULT_WEIGHTS if english or not sources else OTHER_LANGUAGE_WEIGHTS


def summarize(sources: Sequence[Source], claims: Sequence[Claim], vectors: np.ndarray, words: int,
              weights: Weights | None = None, spacy_model: str = Settings().spacy_model) -> list[SummaryItem]:
    weights = weights or weights_for(sources)
    sentences = [s for src in sources for s in src.sentences]
    if not sentences or words <= 0:
        return []
    origin = {src.article.id: src.origin for src in sources}
    length = {src.article.id: max(len(src.sentences), 1) for src in sources}
    claim_of = {(e.source, e.sentence): c for c in claims for e in c.evidence}
    language = {src.article.id: src.article.language for src in sources}

    def claim_at(i: int) -> Claim:
        return claim_of[(sentences[i].article_id, sentences[i].index)]

    sentence_concepts = [concepts(s.text, language[s.article_id]) for s in sentences]
    # Each source's concepts are in its own language's stems; the stop stems of every language of
    # the story say which words of a concept carry content.
    stops = frozenset().union(*(stop_stems(code) for code in set(language.values())))
    # Names are told by their capitals in each source's own language (its own stems).
    proper = frozenset().union(*(proper_stems([s for s in sentences if language[s.article_id] == code], code)
                                 for code in set(language.values())))
    weight = _concept_weights(sentences, sentence_concepts, origin, weights, stops, proper)

    central = weights.centrality * _centrality(sentences, vectors) if weights.centrality else np.zeros(len(sentences))
    if weights.lead_prior:
        central = central + weights.lead_prior / (1.0 + np.array([s.index for s in sentences], dtype=float))
    candidates = [i for i, s in enumerate(sentences) if _usable(s, weights)]
    # The editor passes over sentences that lean on the one before (or mends them visibly: the
    # budget counts the words shown), names the lead and the outcome, and admits one source's point
    # only when no corroborated one fits.
    english = [language[s.article_id] in ("", "en") for s in sentences]
    shown = editor.standalone_sentences(sentences, candidates, spacy_model, english)
    if not weights.pass_over:
        shown = {i: editor.Edited(sentences[i], sentences[i].text) for i in candidates}
    candidates = [i for i in candidates if i in shown]
    sentences = [replace(s, text=shown[i].text) if i in shown else s for i, s in enumerate(sentences)]
    after = {i: e.after for i, e in shown.items() if e.after is not None}
    texts = {i: sentences[i].text for i in candidates if i not in after}
    lead = editor.lead_sentences(sentences, texts, claim_at, origin, words, word_count, spacy_model)
    opening = [lead if weights.lead else [],
               editor.outcome_sentences(sentences, texts, claim_at, lead, words, word_count, spacy_model)
               if weights.outcome else []]
    chosen = _select(sentences, candidates, sentence_concepts, weight, central, claim_of, vectors, words, weights,
                     opening, after)

    number = {src.article.id: src.number for src in sources}
    items = [editor.summary_item(shown[i], claim_at(i), number)
             for i in editor.reading_order(chosen, lead, sentences, claim_at, length)]
    editor.shorten_names(items)
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
    return weights.min_words <= n <= weights.max_words and ends_sentence(sentence.text)


def _concept_weights(sentences: Sequence[Sentence], sentence_concepts: Sequence[set[Concept]],
                     origin: dict[str, int], weights: Weights, stops: frozenset[str] | None = None,
                     proper: frozenset[str] | None = None) -> dict[Concept, float]:
    learned = load_model().weights(sentences, sentence_concepts, origin, stops, proper)
    return {c: p ** weights.concept_power for c, p in learned.items() if p >= weights.concept_floor}


def _select(sentences: Sequence[Sentence], candidates: Sequence[int], sentence_concepts: Sequence[set[Concept]],
            weight: dict[Concept, float], central: np.ndarray, claim_of: dict[tuple[str, int], Claim],
            vectors: np.ndarray, words: int, weights: Weights, opening: Sequence[Sequence[int]] = (),
            after: dict[int, int] | None = None) -> list[int]:
    """The candidates that cover the most concept weight in `words`, one per claim, no near-copies.

    The editor's opening points come first, in order (the lead, then the outcome): of each, the
    sentence that covers the most weight per word. The exact solve then fills the words left from the
    corroborated points, and only then from points one source makes (such a point takes a slot only
    when nothing corroborated fits). A sentence that reads only after its source's previous one
    (`after`) is a candidate once that one is in, and, with `weights.pairs`, a candidate of a solve
    that must then take that one too: the pair is printed in its source's order, so neither is a
    fragment, and the solve no longer loses what such sentences carry (measured on multinews-train)."""
    after = after or {}
    chosen: list[int] = []
    covered: set[Concept] = set()
    budget = words

    def claim(i: int) -> Claim:
        return claim_of[(sentences[i].article_id, sentences[i].index)]

    def open_to(i: int, paired: bool = False) -> bool:
        # `paired`: a leaning sentence may enter a solve that takes its predecessor with it (`needs`).
        return (word_count(sentences[i].text) <= budget and claim(i).id not in {claim(j).id for j in chosen}
                and (i not in after or after[i] in chosen or paired)
                and all(float(vectors[i] @ vectors[j]) < weights.redundancy for j in chosen))

    def take(picked: Sequence[int]) -> None:
        nonlocal budget
        for i in picked:
            chosen.append(i)
            covered.update(sentence_concepts[i])
            budget -= word_count(sentences[i].text)

    for point in opening:
        pool = [i for i in point if i in candidates and open_to(i)]
        if pool:
            take([max(pool, key=lambda i: (sum(weight.get(c, 0.0) for c in sentence_concepts[i] - covered)
                                           / word_count(sentences[i].text), -i))])
    for corroborated in ((True, False) if weights.single_source_last else (None,)):
        rest = [i for i in candidates if i not in chosen and open_to(i, weights.pairs)
                and (corroborated is None or (claim(i).independent > 1) == corroborated)]
        take(_solve_among(sentences, rest, sentence_concepts, {c: w for c, w in weight.items() if c not in covered},
                          central, claim, vectors, budget, weights, _needs(rest, after, chosen)))
    # Words left: the solve takes nothing that adds no weight, and a sentence that reads only after
    # one the solve took was not a candidate yet. Fill them, corroborated points first.
    while rest := [i for i in candidates if i not in chosen and open_to(i)]:
        take([max(rest, key=lambda i: (claim(i).independent > 1, sum(weight.get(c, 0.0) for c in
                                                                    sentence_concepts[i] - covered), -i))])
    return chosen


def _needs(pool: Sequence[int], after: dict[int, int], chosen: Sequence[int]) -> list[tuple[int, int]]:
    """The pairs (leaning sentence, its predecessor) of a solve's pool whose predecessor is not in yet."""
    return [(i, after[i]) for i in pool if i in after and after[i] not in chosen]


def _solve_among(sentences: Sequence[Sentence], candidates: Sequence[int], sentence_concepts: Sequence[set[Concept]],
                 weight: dict[Concept, float], central: np.ndarray, claim: Callable[[int], Claim],
                 vectors: np.ndarray, budget: int, weights: Weights,
                 needs: Sequence[tuple[int, int]] = ()) -> list[int]:
    if not candidates or budget <= 0:
        return []
    column = {i: k for k, i in enumerate(candidates)}
    # Concepts are numbered, and each sentence's listed, in sorted order: a set's order follows the
    # process's string hashing, and a solve that meets its rows in another order may pick another of
    # two equal sentences (identical wire copies), so the same input would not give the same brief.
    order = sorted(weight)
    number = {c: k for k, c in enumerate(order)}
    claims = [claim(i) for i in candidates]
    problem = Problem(
        lengths=[word_count(sentences[i].text) for i in candidates],
        concepts=[sorted(number[c] for c in sentence_concepts[i] if c in number) for i in candidates],
        weights=np.array([weight[c] for c in order], dtype=float),
        bonus=np.array([weights.claim_gain * (c.independent - 1) + float(central[i])
                        for i, c in zip(candidates, claims, strict=True)]),
        groups=[c.id for c in claims],
        conflicts=_near_copies(vectors[candidates], weights.redundancy),
        budget=budget,
        # a predecessor outside the pool (-1, never a column) makes its follower unchoosable
        needs=[(column[i], column.get(j, -1)) for i, j in needs])
    return [candidates[k] for k in solve(problem, weights.solver_seconds, weights.solver_nodes)]

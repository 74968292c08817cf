"""Which sentences of different sources say the same thing: the alignment every conflict finder reads.

Two sentences are aligned when they are of one claim, when they are one template with other numbers,
when they share enough content words, or (given the story's sentence vectors) when their embeddings
are close. Kept apart from the conflict finders because quantities, dates and the timeline all ask
it the same question.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from newsfuse.facts.nlp import Parsed
from newsfuse.facts.quantities_local import english, local_bag
from newsfuse.facts.quantity_words import concept
from newsfuse.stopwords import STOP_WORDS
from newsfuse.text import words
from newsfuse.types import Claim

# Two sentences with this share of content words in common say the same thing even when the claim
# alignment put them apart. Calibrated on the seeds and the Multi-News dev clusters (0.3 pairs
# different sentences about the same actors, which the guards below then tell apart; 0.4 missed a third
# of the numbers planted in reworded sentences by benchmarks/conflicts_eval.py).
LEXICAL_ALIGN = 0.25
# Sentence vectors (MiniLM, unit norm) closer than this align two sentences that share few words.
# Claims already join pairs above 0.65 by average link; this catches the pairs a claim kept apart.
EMBED_ALIGN = 0.7


class Alignment:
    """Which sentences of different sources say the same thing.

    `vectors` (optional; one unit-norm row per parsed sentence, in order) lets two sentences that
    share few words but whose embeddings are close (`EMBED_ALIGN`) count as aligned too.
    """

    def __init__(self, parsed: Sequence[Parsed], claims: Sequence[Claim],
                 vectors: np.ndarray | None = None) -> None:
        if vectors is not None and len(vectors) != len(parsed):
            raise ValueError(f"{len(vectors)} sentence vectors for {len(parsed)} sentences: pass the "
                             "vectors of the sources' sentences, in source then sentence order")
        self.row = {p.key: k for k, p in enumerate(parsed)}
        self.parsed = {p.key: p for p in parsed}  # each sentence's parse, for what reads its clauses
        self.vectors = vectors
        self.claims: dict[tuple[str, int], set[int]] = defaultdict(set)
        for c in claims:
            for ev in c.evidence:
                self.claims[(ev.source, ev.sentence)].add(c.id)
        # Each sentence's words in its own language: stop words and stems of that language (`local_bag`).
        self.bags = {p.key: concept_bag(p.text) if english(p.lang) else local_bag(p) for p in parsed}
        # Sentences that are one template with other numbers ("He was 28." / "He was 42.", "killed nine
        # people" / "killed 12 people") say the same thing even when they have no content word to compare.
        self.shapes = {p.key: _shape(p) for p in parsed}
        self._cache: dict[tuple[tuple[str, int], tuple[str, int]], float] = {}
        self.counterparts = counterparts(parsed, vectors) if vectors is not None else set()

    def score(self, a: tuple[str, int], b: tuple[str, int], shapes: bool = True) -> float:
        """1.0 for sentences of one claim (or, with `shapes`, one template with other numbers), else
        their content-word overlap (Jaccard)."""
        if a > b:
            a, b = b, a
        if shapes and self.shapes.get(a) == self.shapes.get(b) and "#" in self.shapes.get(a, ""):
            return 1.0
        if (a, b) not in self._cache:
            if self.claims.get(a, set()) & self.claims.get(b, set()) or (a, b) in self.counterparts:
                self._cache[(a, b)] = 1.0
            else:
                x, y = self.bags.get(a, set()), self.bags.get(b, set())
                overlap = jaccard(x, y)
                if overlap < LEXICAL_ALIGN and self.cosine(a, b) >= EMBED_ALIGN:
                    overlap = LEXICAL_ALIGN  # a paraphrase in other words: aligned, but not one claim
                self._cache[(a, b)] = overlap
        return self._cache[(a, b)]

    def cosine(self, a: tuple[str, int], b: tuple[str, int]) -> float:
        if self.vectors is None or a not in self.row or b not in self.row:
            return 0.0
        return float(self.vectors[self.row[a]] @ self.vectors[self.row[b]])


_DIGITS_ANY = re.compile(r"\d[\d,.]*")


def _shape(parsed: Parsed) -> str:
    """The sentence with every figure as "#": digits, and the number words its language's tokenizer
    knows (`like_num`: "nine", "neuf", "neun"), so that a figure spelt out and one in digits leave one
    template."""
    return " ".join("#" if t.like_num else _DIGITS_ANY.sub("#", t.lower_) for t in parsed.doc
                    if not (t.is_punct or t.is_space))

# A sentence and its counterpart in a report of another language: each the other's nearest of the
# other report (mutual nearest neighbours, as parallel sentences are mined from two languages' texts),
# at least this close, and nearer than either's next best by `COUNTERPART_MARGIN`. Multilingual vectors
# put a sentence and its translation at about 0.5-0.9 and the other sentences of the report at
# 0.2-0.35 (MultiLing's translation pairs, tune part), while the claim threshold (0.65) was set for one
# language: the two readers' sentence splits differ, and a claim needs more than a pair.
COUNTERPART_COS = 0.5
COUNTERPART_MARGIN = 0.15


def counterparts(parsed: Sequence[Parsed], vectors: np.ndarray) -> set[tuple[tuple[str, int], tuple[str, int]]]:
    """Pairs of sentences (keys, in sorted order) of two sources in two languages that are each
    other's counterpart (`COUNTERPART_COS`, `COUNTERPART_MARGIN`)."""
    rows: dict[str, list[int]] = defaultdict(list)
    lang: dict[str, str] = {}
    for k, p in enumerate(parsed):
        rows[p.source].append(k)
        lang.setdefault(p.source, p.lang or "en")
    out: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    sources = list(rows)
    for x, a in enumerate(sources):
        for b in sources[x + 1:]:
            if lang[a] == lang[b] or len(rows[a]) < 2 or len(rows[b]) < 2:
                continue
            sims = vectors[rows[a]] @ vectors[rows[b]].T
            best_b, best_a = sims.argmax(axis=1), sims.argmax(axis=0)
            for i, j in enumerate(best_b):
                if best_a[j] != i or sims[i, j] < COUNTERPART_COS:
                    continue
                row, col = np.sort(sims[i])[::-1], np.sort(sims[:, j])[::-1]
                if sims[i, j] - row[1] >= COUNTERPART_MARGIN and sims[i, j] - col[1] >= COUNTERPART_MARGIN:
                    ka, kb = parsed[rows[a][i]].key, parsed[rows[b][int(j)]].key
                    out.add((min(ka, kb), max(ka, kb)))
    return out


def concept_bag(text: str) -> set[str]:
    return {concept(w) for w in words(text) if w not in STOP_WORDS and len(w) > 1 and not w[0].isdigit()}


def jaccard(x: set[str], y: set[str]) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0

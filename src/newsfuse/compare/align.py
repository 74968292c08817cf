"""Which sentences of different sources say the same thing: the alignment every conflict finder reads.

Two sentences are aligned when they are of one claim, when they are one template with other numbers,
when they share enough content words, or (given the story's sentence vectors) when their embeddings
are close. Kept apart from the conflict finders because quantities, dates and the timeline all ask
it the same question.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from newsfuse.facts.nlp import Parsed
from newsfuse.facts.quantities_local import english, local_bag
from newsfuse.facts.quantity_words import concept
from newsfuse.stopwords import STOP_WORDS
from newsfuse.text import ascii_digits, words
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
                 vectors: np.ndarray | None = None, across: bool = True) -> None:
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
        self.counterparts = counterparts(parsed, vectors, across) if vectors is not None else set()

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


def counterparts(parsed: Sequence[Parsed], vectors: np.ndarray, across: bool = True
                 ) -> set[tuple[tuple[str, int], tuple[str, int]]]:
    """Pairs of sentences (keys, in sorted order) of two sources in two languages that are each
    other's counterpart (`COUNTERPART_COS`, `COUNTERPART_MARGIN`). `across`: the vectors meet across
    languages (a multilingual model's); else the pairs are found by `anchored_counterparts`."""
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
            if not across:
                # Vectors of no model that reads both languages (Czech, Greek, Hebrew or Hindi beside
                # English: hashed words) say nothing across them; what a translation keeps does.
                out |= anchored_counterparts([parsed[k] for k in rows[a]], [parsed[k] for k in rows[b]])
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
            for one, two in ((a, b), (b, a)):
                for i, i2, j in _split_counterparts(vectors[rows[one]], vectors[rows[two]],
                                                    [parsed[k].key for k in rows[one]]):
                    kb = parsed[rows[two][j]].key
                    for k in (i, i2):
                        ka = parsed[rows[one][k]].key
                        if not any(ka in pair for pair in out):
                            out.add((min(ka, kb), max(ka, kb)))
    return out


# What a sentence keeps in any language: its figures in digits (grouped however: "2 500", "2,500") and
# the names a script shares ("Hasib Hussain", "Leedsu"/"Leeds": their first four letters).
_ANCHOR_DIGITS = re.compile(r"\d(?:[\d\u00a0 .,،٫]*\d)?")
_ANCHOR_NAME = re.compile(r"(?<!\w)[A-Z][a-z]{2,}")
# Anchors two sentences must share to be counterparts by them alone.
ANCHORS_SHARED = 2


def anchors(text: str) -> set[str]:
    """The figures (digits only, of any script: "२००५" is "2005") and the Latin-script names of a sentence."""
    out = {"#" + re.sub(r"\D", "", ascii_digits(m.group(0))) for m in _ANCHOR_DIGITS.finditer(text)}
    return out | {m.group(0).lower()[:4] for m in _ANCHOR_NAME.finditer(text)}


def anchored_counterparts(one: Sequence[Parsed], two: Sequence[Parsed]) -> set[tuple[tuple[str, int], tuple[str, int]]]:
    """Counterparts of two reports in languages no sentence model here reads together, by what a
    translation keeps: two sentences that share at least `ANCHORS_SHARED` figures and names (a figure
    of two digits or more that each report writes in that sentence alone counts twice: one figure
    a translation carries over is as telling as two shared words), each the other's unique best by
    that count (mutual nearest, as with vectors); and, along the longest run of those pairs that keeps
    one order (a pair out of order leaves the run, not the whole report), the sentences between two
    of them (or before the first, after the last) when both sides hold as many there, in order: a
    translation keeps its sentences' order ("Asi 600 lidí bylo evakuováno" between anchored
    neighbours is "About 600 people were evacuated")."""
    bags = [anchors(p.text) for p in one], [anchors(p.text) for p in two]
    rare = _once(bags[0]) & _once(bags[1])
    shared = np.array([[len(x & y) + len(x & y & rare) for y in bags[1]] for x in bags[0]],
                      dtype=float).reshape(len(one), len(two))
    pairs: list[tuple[int, int]] = []
    for i in range(len(one)):
        if not len(two):
            break
        j = int(shared[i].argmax())
        top = shared[i, j]
        if top < ANCHORS_SHARED or (shared[i] == top).sum() > 1 or (shared[:, j] == top).sum() > 1:
            continue
        if int(shared[:, j].argmax()) == i:
            pairs.append((i, j))
    pairs.sort()
    found = set(pairs)
    spine = _in_order(pairs)
    if spine:
        # the gaps between anchored pairs in order (and before the first and after the last), as
        # many sentences on both sides, pair in order
        bounds = [(-1, -1), *spine, (len(one), len(two))]
        for (i1, j1), (i2, j2) in pairwise(bounds):
            if i2 - i1 == j2 - j1 > 1:
                found.update((i1 + d, j1 + d) for d in range(1, i2 - i1))
    out = set()
    for i, j in found:
        ka, kb = one[i].key, two[j].key
        out.add((min(ka, kb), max(ka, kb)))
    return out


def _once(bags: Sequence[set[str]]) -> set[str]:
    """The figures of two digits or more that one sentence of a report alone holds."""
    seen = Counter(anchor for bag in bags for anchor in bag)
    return {a for a, n in seen.items() if n == 1 and a.startswith("#") and len(a) > 2}


def _in_order(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (sorted by their first sentence) whose second sentences rise too."""
    best: list[list[tuple[int, int]]] = []
    for pair in pairs:
        runs = [run for run in best if run[-1][0] < pair[0] and run[-1][1] < pair[1]]
        best.append([*max(runs, key=len, default=[]), pair])
    return max(best, key=len, default=[])


def _split_counterparts(own: np.ndarray, other: np.ndarray, keys: Sequence[tuple[str, int]]
                        ) -> list[tuple[int, int, int]]:
    """Two adjacent sentences of one report whose counterpart is one sentence of the other: (i, i + 1, j).

    Two readers split a text differently ("July 7, 2005. 52 people died" is one English sentence and
    two Arabic ones; a missing space after a full stop joins two): the sentence of the side that did
    not split sits halfway between the two halves, near both and nearest to neither by a margin, so
    no pair is mutual. Their joined vector (the normalized sum) is then nearer to it than either half
    is, and it is the counterpart of the join as a pair of sentences is of each other: nearest both
    ways (against every other sentence of the report and every other join), at least
    `COUNTERPART_COS`, by `COUNTERPART_MARGIN`."""
    if len(own) < 3 or len(other) < 2:
        return []
    adjacent = [k for k in range(len(own) - 1) if keys[k + 1][1] == keys[k][1] + 1]
    if not adjacent:
        return []
    joined = own[adjacent] + own[[k + 1 for k in adjacent]]
    joined /= np.maximum(np.linalg.norm(joined, axis=1, keepdims=True), 1e-9)
    single = own @ other.T
    pair = joined @ other.T
    out = []
    for x, k in enumerate(adjacent):
        j = int(pair[x].argmax())
        best = pair[x, j]
        if best < COUNTERPART_COS or best <= max(single[k, j], single[k + 1, j]):
            continue
        rest = np.delete(pair[x], j)
        if rest.size and best - rest.max() < COUNTERPART_MARGIN:
            continue
        # the other side's sentence is nearest to this join: above every single sentence but the
        # join's halves and every join apart from it by the margin, above a join sharing a half
        singles = np.delete(single[:, j], [k, k + 1])
        near = [y for y in range(len(adjacent)) if y != x and abs(adjacent[y] - k) == 1]
        apart = [y for y in range(len(adjacent)) if y != x and abs(adjacent[y] - k) > 1]
        if (singles.size and best - singles.max() < COUNTERPART_MARGIN) or \
                (apart and best - pair[apart, j].max() < COUNTERPART_MARGIN) or \
                (near and pair[near, j].max() >= best):
            continue
        out.append((k, k + 1, j))
    return out


def concept_bag(text: str) -> set[str]:
    return {concept(w) for w in words(text) if w not in STOP_WORDS and len(w) > 1 and not w[0].isdigit()}


def jaccard(x: set[str], y: set[str]) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0

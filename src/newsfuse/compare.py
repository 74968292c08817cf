"""Where the sources of a story disagree, what each covers alone, and when things happened.

Conflicts are found in two passes, so that a false alarm needs two mistakes at once:

1. sentences that say the same thing (one claim, or many words in common): their numbers of one kind
   are reconciled; a number left without a partner on each side is a conflict candidate;
2. anywhere in the story: two numbers of one kind that measure the same named thing ("defense
   spending over five years", "the talks") although their sentences differ.

Two values that only look different are let go: a bound ("at least three" vs "three"), rounding
("3.47 million" vs "3.5 million"), one sum in two currencies, a change vs a level, a yearly figure vs a
five-year total, and date expressions that resolve to overlapping times ("four years" ago vs "since
2019"). What is left is ranked by how sure we are.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

import numpy as np

from newsfuse.disjoint import DisjointSets
from newsfuse.facts import frames
from newsfuse.facts.dates import FoundDate
from newsfuse.facts.entities import RANK_WORDS, EntityTable, TitleMention, title_head
from newsfuse.facts.nlp import Parsed
from newsfuse.facts.quantities import (
    GENERIC,
    HEDGES,
    SMALL,
    STRICT_HEDGES,
    TENS,
    TRAILING_HEDGES,
    USD_RATE,
    Found,
    concept,
)
from newsfuse.facts.quotes import QuoteSet
from newsfuse.text import STOP_WORDS, stem, words
from newsfuse.types import Claim, Conflict, ConflictKind, ConflictValue, Evidence, Source, TimelineEvent

if TYPE_CHECKING:
    from spacy.tokens import Token

# Two sentences with this share of content words in common say the same thing even when the claim
# alignment put them apart. Calibrated on the seeds and the Multi-News dev clusters (0.3 pairs
# different sentences about the same actors, which the guards below then tell apart; 0.4 missed a third
# of the numbers planted in reworded sentences by benchmarks/conflicts_eval.py).
LEXICAL_ALIGN = 0.25
# Events: the dates of the events a story recounts, merged when their sentences share this much.
EVENT_OVERLAP = 0.2
EVENT_CONCEPTS = frozenset({"meet", "visit", "elect", "vote", "trial", "hear", "war", "strike", "attack",
                            "protest", "flight", "game", "match", "race", "storm", "fire", "operat"})
TIME_NOUNS = frozenset({"time", "year", "years", "month", "months", "week", "weeks", "day", "days", "date"})
# A story's own events happen while it is reported; what ended more than this many days before its
# first report is history told in passing (a month: a developing story's reports span days, the
# background they recount spans years).
BACKGROUND_DAYS = 31
# "since 2019", "since the 1970s", "ever since early 2019": the date that follows bounds a period.
SINCE = re.compile(r"\bsince\s+(?:(?:the|early|late|mid|at\s+least)[\s-]+)*$", re.I)
# Sentence vectors (MiniLM, unit norm) closer than this align two sentences that share few words.
# Claims already join pairs above 0.65 by average link; this catches the pairs a claim kept apart.
EMBED_ALIGN = 0.7
CONFIDENCE_FLOOR = 0.25  # conflicts below this are not reported at all
BORROWED = 0.45  # confidence factor for a date conflict resolved against a borrowed publication date
HEDGE_KIND = {**HEDGES, **TRAILING_HEDGES}  # hedge words → "min" | "max" | "approx"


# --- sentence alignment ----------------------------------------------------------------------------

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
        self.vectors = vectors
        self.claims: dict[tuple[str, int], set[int]] = defaultdict(set)
        for c in claims:
            for ev in c.evidence:
                self.claims[(ev.source, ev.sentence)].add(c.id)
        self.bags = {p.key: _concepts(p.text) for p in parsed}
        # Sentences that are one template with other numbers ("He was 28." / "He was 42.") say the
        # same thing even when they have no content word to compare.
        self.shapes = {p.key: _DIGITS_ANY.sub("#", " ".join(words(p.text))) for p in parsed}
        self._cache: dict[tuple[tuple[str, int], tuple[str, int]], float] = {}

    def score(self, a: tuple[str, int], b: tuple[str, int], shapes: bool = True) -> float:
        """1.0 for sentences of one claim (or, with `shapes`, one template with other numbers), else
        their content-word overlap (Jaccard)."""
        if a > b:
            a, b = b, a
        if shapes and self.shapes.get(a) == self.shapes.get(b) and "#" in self.shapes.get(a, ""):
            return 1.0
        if (a, b) not in self._cache:
            if self.claims.get(a, set()) & self.claims.get(b, set()):
                self._cache[(a, b)] = 1.0
            else:
                x, y = self.bags.get(a, set()), self.bags.get(b, set())
                overlap = len(x & y) / len(x | y) if x and y else 0.0
                if overlap < LEXICAL_ALIGN and self.cosine(a, b) >= EMBED_ALIGN:
                    overlap = LEXICAL_ALIGN  # a paraphrase in other words: aligned, but not one claim
                self._cache[(a, b)] = overlap
        return self._cache[(a, b)]

    def cosine(self, a: tuple[str, int], b: tuple[str, int]) -> float:
        if self.vectors is None or a not in self.row or b not in self.row:
            return 0.0
        return float(self.vectors[self.row[a]] @ self.vectors[self.row[b]])


_DIGITS_ANY = re.compile(r"\d[\d,.]*")


def _concepts(text: str) -> set[str]:
    return {concept(w) for w in words(text) if w not in STOP_WORDS and len(w) > 1 and not w[0].isdigit()}


# --- values and how they compare -------------------------------------------------------------------

@dataclass(slots=True)
class Stated:
    """One value as a source states it; a sum given in two currencies is one value with two faces."""

    faces: list[Found]

    @property
    def main(self) -> Found:
        return self.faces[0]

    @property
    def key(self) -> tuple[str, int]:
        return self.main.key

    @property
    def source(self) -> str:
        return self.main.key[0]

    @property
    def surface(self) -> str:
        return " / ".join(f.quantity.text for f in self.faces)

    def face(self, unit: str) -> Found | None:
        return next((f for f in self.faces if f.quantity.unit == unit), None)


def _stated(found: Sequence[Found]) -> list[Stated]:
    out: list[Stated] = []
    groups: dict[tuple[tuple[str, int], int], Stated] = {}
    said: set[tuple[tuple[str, int], str, float, str]] = set()
    for f in found:
        q = f.quantity
        if f.gap or (f.key, q.kind, q.value, q.unit) in said:
            continue  # a figure repeated within one sentence (scraped text often doubles a lead)
        said.add((f.key, q.kind, q.value, q.unit))
        if f.currency_group >= 0:
            k = (f.key, f.currency_group)
            if k in groups:
                groups[k].faces.append(f)
                continue
            groups[k] = Stated([f])
            out.append(groups[k])
        else:
            out.append(Stated([f]))
    return out


def _family(s: Stated) -> tuple[str, str]:
    """Values of one family can be compared; counts of different nouns are told apart by what they
    measure ("14 population segments" and "14 distinct populations" are one count)."""
    q = s.main.quantity
    if q.kind in {"money", "count"}:
        return (q.kind, "")
    return (q.kind, q.unit)


@dataclass(slots=True)
class Verdict:
    consistent: bool
    weight: float = 1.0  # how much a disagreement counts (lowered for near values, hedges, conversions)
    notes: list[str] = field(default_factory=list)


def _granularity(text: str, value: float) -> float:
    """The rounding step a figure was written with: 320 → 10, 3.5 → 0.1, "3 1/2" → 0.5."""
    if "/" in text or "½" in text or "half" in text.lower():
        return 0.5
    digits = [t for t in text.replace(",", "").split() if any(c.isdigit() for c in t)]
    if not digits:
        return 1.0  # a number word: "three"
    num = "".join(c for c in digits[0] if c.isdigit() or c == ".")
    if "." in num:
        return 10.0 ** -len(num.split(".")[1])
    if float(num) < 100:
        return 1.0  # "10 populations", "20 people": small counts are said exactly
    stripped = num.rstrip("0")
    return 10.0 ** (len(num) - len(stripped)) if stripped else 1.0


def _bounds(f: Found, value: float, high: float | None) -> tuple[float, float]:
    bound = HEDGE_KIND.get(f.quantity.hedge, "")
    if bound == "min":
        return value, math.inf
    if bound == "max":
        return -math.inf, value
    return value, high if high is not None else value


def compare_values(a: Stated, b: Stated) -> Verdict:
    """Can both values be true? (Assumes they measure the same thing.)

    A value said in two units ("1,230 pounds (560 kilograms)") is compared face by face with the
    other's faces in the same units; one face that disagrees by more than a conversion's rounding
    makes a disagreement even when the other face agrees.
    """
    pairs = _common_faces(a, b)
    verdicts = [_compare_faces(*pair) for pair in pairs]
    bad = [v for v in verdicts if not v.consistent]
    if not bad:
        return verdicts[0]
    if len(bad) == len(verdicts):
        return bad[0]
    # One face agrees: the other may differ by an outlet's own conversion ("$315bn" / "$320bn").
    for (fa, fb, va, vb, _), v in zip(pairs, verdicts, strict=True):
        if not v.consistent and abs(va - vb) > CONVERSION_SLACK * max(abs(va), abs(vb)):
            v.notes.append(f"the {fa.quantity.text} / {fb.quantity.text} faces disagree; the others agree")
            return v
    return next(v for v in verdicts if v.consistent)


# Two faces of one figure, converted by two outlets, differ by this share at most when the figure is
# the same (exchange rates and rounding of "394 kilograms" vs "393 kg").
CONVERSION_SLACK = 0.1


def _compare_faces(fa: Found, fb: Found, va: float, vb: float, converted: bool) -> Verdict:
    notes: list[str] = []
    weight = 1.0
    qa, qb = fa.quantity, fb.quantity
    # A range's upper end, in the unit the two are compared in.
    ha = qa.high * (va / qa.value if qa.value else 1) if qa.high is not None else None
    hb = qb.high * (vb / qb.value if qb.value else 1) if qb.high is not None else None
    lo_a, hi_a = _bounds(fa, va, ha)
    lo_b, hi_b = _bounds(fb, vb, hb)
    bound_a, bound_b = HEDGE_KIND.get(qa.hedge, ""), HEDGE_KIND.get(qb.hedge, "")
    if bound_a == bound_b and bound_a in {"min", "max"} and va != vb:
        # "at least 12" and "at least 15" can both be true, but outlets give their best bound: two
        # different bounds are usually two counts (often an update). Shown, with little weight.
        return Verdict(False, 0.5, ["both figures are bounds; both may hold (an update?)"])
    if qa.high is not None and qb.high is not None and not (_near(va, vb) and _near(ha or 0, hb or 0)):
        return Verdict(False, 0.9, ["two different ranges"])
    if lo_a <= hi_b and lo_b <= hi_a:
        edge = _strict_edge(qa.hedge, lo_a, hi_a, lo_b, hi_b) or _strict_edge(qb.hedge, lo_b, hi_b, lo_a, hi_a)
        if not edge:
            return Verdict(True)
        # "more than 16 hours" and "16 hours": the bound leaves the figure itself out. Often loose
        # wording rather than a disagreement, so shown with little weight.
        return Verdict(False, 0.5, [f"\"{edge}\" leaves the other figure out"])
    if converted:
        ratio = max(va, vb) / max(min(va, vb), 1e-12)
        if ratio < 1.5:  # rates move; only a gross mismatch across currencies is a disagreement
            return Verdict(True)
        notes.append("compared across currencies at rough exchange rates")
        weight *= 0.6
    # Rounding: the finer figure lies strictly inside the rounding interval of the coarser one.
    ga = _granularity(qa.text, qa.value) * (1.0 if converted else _unit_scale(fa))
    gb = _granularity(qb.text, qb.value) * (1.0 if converted else _unit_scale(fb))
    coarse, g = (fb, gb) if ga <= gb else (fa, ga)
    # A figure covers what rounds to it at the step it was written with; "about" says it was rounded,
    # not that the step is wider ("about 100" is 50-150: 151 activists is another count).
    # Strictly inside for a plain figure: $315 billion is exactly half a step from "$320 billion" and
    # is reported; "about 320" takes in its edge (325).
    reach = g / 2 + (1e-9 if HEDGE_KIND.get(coarse.quantity.hedge) == "approx" else -1e-9)
    if abs(va - vb) < reach and not converted:
        return Verdict(True)
    diff = abs(va - vb) / max(abs(va), abs(vb), 1e-12)
    if diff < 0.03:
        weight *= 0.65
        notes.append("close values: could be rounding" + (" or a different exchange rate"
                                                           if qa.kind == "money" else ""))
    elif diff < 0.1:
        weight *= 0.75
    for q in (qa, qb):
        if q.hedge and HEDGE_KIND.get(q.hedge) == "approx":
            weight *= 0.9
            notes.append(f"hedged: \"{q.hedge}\"")
            break
    return Verdict(False, weight, notes)


def _strict_edge(hedge: str, lo: float, hi: float, other_lo: float, other_hi: float) -> str:
    """The hedge, when it is a strict bound ("more than 16") and the other value only meets it at its
    edge ("16", "at most 16"); "more than 16" and "over 16" say the same."""
    if hedge not in STRICT_HEDGES:
        return ""
    if HEDGE_KIND.get(hedge) == "min" and other_hi == lo:
        return hedge
    if HEDGE_KIND.get(hedge) == "max" and other_lo == hi:
        return hedge
    return ""


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b))


def _unit_scale(f: Found) -> float:
    """The factor from the number as written to the normalized value ("3.5 million" → 1e6, "two-day"
    → 24), so that a rounding step read off the text can be compared with normalized values."""
    q = f.quantity
    written = _written_number(q.text)
    return q.value / written if written and q.value else 1.0


_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?(?:\s+\d+/\d+)?")


def _written_number(text: str) -> float | None:
    m = _DIGITS.search(text)
    if m is None:
        low = text.lower().replace("-", " ").split()
        for w in low:
            if w in SMALL or w in TENS:
                return float(SMALL.get(w, TENS.get(w, 0)))
        return None
    whole, _, frac = m.group(0).partition(" ")
    value = float(whole.replace(",", ""))
    if frac:
        num, den = frac.split("/")
        value += int(num) / max(int(den), 1)
    return value


def _common_faces(a: Stated, b: Stated) -> list[tuple[Found, Found, float, float, bool]]:
    """The faces of two values that can be compared: said in the same unit (and, for measures, the
    same unit as written: pounds with pounds), else the main faces, converted."""
    written = [(fa, fb) for fa in a.faces for fb in b.faces
               if fa.quantity.unit == fb.quantity.unit and fa.scale == fb.scale]
    if (len(a.faces) > 1 or len(b.faces) > 1) and written:
        return [(fa, fb, fa.quantity.value, fb.quantity.value, False) for fa, fb in written]
    return [_common_face(a, b)]


def _common_face(a: Stated, b: Stated) -> tuple[Found, Found, float, float, bool]:
    for fa in a.faces:
        fb = b.face(fa.quantity.unit)
        if fb is not None:
            return fa, fb, fa.quantity.value, fb.quantity.value, False
    fa, fb = a.main, b.main
    if fa.quantity.kind == "money":
        ra, rb = USD_RATE.get(fa.quantity.unit), USD_RATE.get(fb.quantity.unit)
        if ra and rb:
            return fa, fb, fa.quantity.value * ra, fb.quantity.value * rb, True
    return fa, fb, fa.quantity.value, fb.quantity.value, False


# Outlets that disagree about one figure disagree within a factor of this: a toll of 12 or 13, a
# budget of $315bn or $320bn, 130 or 135 pounds, a population of 120,000 or 200,000. Figures further
# apart, told on one day, are of two things (43 RBIs with one team and 121 in the season, a director's
# $3 million and the film's $363 million, a father's 47 years and his daughter's 7). A toll that rises
# tenfold over days is still an update. Durations are left out: how long the talks took is told by
# the session ("3 1/2 hours") or by the dialogue ("two-day"), and the brief shows both.
FAR_APART = 3.0


def _far_apart(a: Stated, b: Stated) -> bool:
    """Two figures of one kind too far apart to be two outlets' values of one fact."""
    if a.main.quantity.kind == "duration":
        return False
    for fa, fb, va, vb, _ in _common_faces(a, b):
        ha = fa.quantity.high * (va / fa.quantity.value) if fa.quantity.high and fa.quantity.value else va
        hb = fb.quantity.high * (vb / fb.quantity.value) if fb.quantity.high and fb.quantity.value else vb
        low, high = (ha, vb) if ha < vb else (hb, va)  # the nearer ends of the two (ranges included)
        if low <= 0 or high / low < FAR_APART:
            return False
    return True


# --- is it the same thing? -------------------------------------------------------------------------

def _comparable(a: Stated, b: Stated) -> bool:
    fa, fb = a.main, b.main
    if _family(a) != _family(b) or fa.delta != fb.delta or fa.per != fb.per:
        return False
    if fa.period and fb.period and abs(fa.period - fb.period) > 0.1 * max(fa.period, fb.period):
        return False  # a five-year total and a one-year figure
    return not (fa.quantity.kind == "number" and not fa.quantity.unit and not (fa.head and fa.head == fb.head))


def _same_measure(a: Stated, b: Stated, aligned: bool) -> bool:
    fa, fb = a.main, b.main
    shared = (fa.context | {fa.head}) & (fb.context | {fb.head}) - {""} - GENERIC
    if aligned:  # the sentences say the same; the numbers must still measure the same noun
        return not (fa.head and fb.head and fa.head != fb.head and fa.head not in fb.context
                    and fb.head not in fa.context)
    if not fa.head or fa.head != fb.head or fa.head in GENERIC:
        return False
    if fa.quantity.kind == "duration":
        return fa.head in EVENT_CONCEPTS  # how long "the talks" lasted
    if fa.quantity.kind != "money":
        # Counts and shares recur with other subjects all through a story ("200,000 killed",
        # "1.5 million homeless"); outside aligned sentences they are too easily two facts.
        return False
    if (fa.period is None or fb.period is None) and fa.period != fb.period:
        return False
    return len(shared) >= 2


@dataclass(slots=True)
class _Edge:
    a: int
    b: int
    confidence: float
    notes: list[str]


def quantity_conflicts(found: Sequence[Found], align: Alignment, dates: Sequence[FoundDate] = (),
                       published: dict[str, dt.date | None] | None = None) -> list[Conflict]:
    items = _stated(found)
    when: dict[tuple[str, int], list[FoundDate]] = defaultdict(list)
    for d in dates:
        # Only the time something happened counts; "from fiscal 2023" or "since 2019" bound a period.
        if _preposition(d) not in {"from", "since", "until", "till", "by", "before", "after"}:
            when[d.key].append(d)

    def other_time(ka: tuple[str, int], kb: tuple[str, int]) -> bool:
        """Both sentences are dated, and to times that do not meet: "in March" vs "this year"."""
        da, db = when.get(ka, []), when.get(kb, [])
        return bool(da and db) and not any(_overlap(x, y) for x in da for y in db)

    def days_between(a: Stated, b: Stated) -> int:
        pa, pb = (published or {}).get(a.source), (published or {}).get(b.source)
        return abs((pa - pb).days) if pa and pb else 0

    def apart(a: Stated, b: Stated, verdict: Verdict) -> Verdict:
        """Articles published days apart: a changed figure is more likely an update."""
        if (days := days_between(a, b)) > 2 and not verdict.consistent:
            verdict.weight *= 0.5
            verdict.notes.append(f"published {days} days apart: may be an update")
        return verdict

    def two_things(a: Stated, b: Stated) -> bool:
        """Figures too far apart to be one fact told on one day (told days apart: an update)."""
        return _far_apart(a, b) and days_between(a, b) <= 2

    by_key: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, s in enumerate(items):
        by_key[s.key].append(i)
    conflicts: list[_Edge] = []
    agree: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    keys = list(by_key)
    contrasted = frames.contrasted_predicates(
        (s.source, "/".join(_family(s)), s.main.frame.predicate, s.main.quantity.value, s.main.head) for s in items)
    # Pass 1: aligned sentences reconcile their numbers.
    for x, ka in enumerate(keys):
        for kb in keys[x + 1:]:
            if ka[0] == kb[0]:
                continue
            score = align.score(ka, kb)
            if score < LEXICAL_ALIGN or other_time(ka, kb):
                continue
            settled = list(_reconcile(items, by_key[ka], by_key[kb], contrasted, strong=score >= 1.0))
            # Two statements of one fact share their other figures: sentences whose figures pair two
            # or more times, all differently, and share no value recount other instances (another
            # season's games, other boats). One differing pair among unpaired others is one fact.
            left, right = by_key[ka], by_key[kb]
            instances = sum(not v.consistent for _, _, v in settled) >= 2 and \
                all(not v.consistent for _, _, v in settled) and \
                not any(_same_value(items[i], items[j]) for i in left for j in right)
            for i, j, verdict in settled:
                seen.add((min(i, j), max(i, j)))
                if not verdict.consistent and two_things(items[i], items[j]):
                    continue  # two things, not two outlets' values of one
                verdict = apart(items[i], items[j], verdict)
                if verdict.consistent:
                    agree.append((i, j))
                elif not instances:
                    conf = (0.9 if score >= 1.0 else 0.75) * verdict.weight
                    conflicts.append(_Edge(i, j, conf, verdict.notes))
    # Pass 2: the same named measure anywhere in the story, when it names one thing: a measure that
    # one source itself gives with different values ("the offer" of each of four teams, "the boats"
    # of two attacks) is several facts in this story, and a value elsewhere may be any of them.
    several = _several(items)
    for i, a in enumerate(items):
        for j in range(i + 1, len(items)):
            b = items[j]
            if a.source == b.source or (i, j) in seen or not _comparable(a, b):
                continue
            if a.main.quantity.kind in {"number", "age"} or other_time(a.key, b.key):
                continue  # a bare number or an age says too little about what it is of
            score = align.score(a.key, b.key)
            if score >= LEXICAL_ALIGN or (a.main.quantity.kind == "count" and score < 0.15):
                continue  # aligned pairs were settled above; counts need some shared wording
            if (_family(a), a.main.head) in several or not _same_measure(a, b, aligned=False) \
                    or _apart(a, b, contrasted=None):
                continue
            verdict = apart(a, b, compare_values(a, b))
            if verdict.consistent:
                agree.append((i, j))
            elif not two_things(a, b):
                conflicts.append(_Edge(i, j, 0.6 * verdict.weight, verdict.notes))
    return _assemble(items, conflicts, agree, contrasted)


def _several(items: list[Stated]) -> set[tuple[tuple[str, str], str]]:
    """Measures (family, head) that some source gives with two values that cannot both hold."""
    said: dict[tuple[str, tuple[str, str], str], list[Stated]] = defaultdict(list)
    for s in items:
        if s.main.head:
            said[(s.source, _family(s), s.main.head)].append(s)
    out: set[tuple[tuple[str, str], str]] = set()
    for (_, family, head), mine in said.items():
        if any(not compare_values(x, y).consistent for k, x in enumerate(mine) for y in mine[k + 1:]
               if _comparable(x, y)):
            out.add((family, head))
    return out


def _reconcile(items: list[Stated], left: list[int], right: list[int], contrasted: Collection[frozenset[str]],
               strong: bool = True) -> Iterable[tuple[int, int, Verdict]]:
    """Pair the numbers of two sentences that say the same thing.

    Equal figures pair first (so "aged 20, 33 and 40" and "aged 30, 33 and 40" leave 20 against 30,
    not 30 against 33 within rounding), then figures that agree, best matched by the words around them;
    what is left is paired by what it measures and the words around it (`_match`), and compared.
    `strong`: the sentences are one claim (or one template), not merely sharing words;
    `contrasted`: the verb pairs the story uses for different figures (`frames.contrasted_predicates`).
    """
    free_l, free_r = list(left), list(right)
    for equal in (True, False):
        candidates: list[tuple[float, int, int, Verdict | None]] = []
        for i in free_l:
            for j in free_r:
                if equal and _same_figure(items[i], items[j]):  # "remove 10 of those" and "10 populations"
                    candidates.append((math.inf, i, j, None))
                elif _comparable(items[i], items[j]) and _same_measure(items[i], items[j], aligned=True) \
                        and (not equal or _equal(items[i], items[j])):
                    said = compare_values(items[i], items[j])
                    if said.consistent:
                        candidates.append((_context_score(items[i], items[j]), i, j, said))
        candidates.sort(key=lambda c: -c[0])
        for _score, i, j, agreed in candidates:
            if i in free_l and j in free_r:
                free_l.remove(i)
                free_r.remove(j)
                if agreed is not None:
                    yield i, j, agreed
    for i, j in _match(items, free_l, free_r, contrasted, strong):
        yield i, j, compare_values(items[i], items[j])


def _same_value(a: Stated, b: Stated) -> bool:
    """The same figure, whatever noun each sentence counts with it ("14 populations", "14 segments")."""
    return any(fa.quantity.value == fb.quantity.value and _family(a) == _family(b)
               for fa in a.faces for fb in b.faces)


def _equal(a: Stated, b: Stated) -> bool:
    return any(fb.quantity.value == fa.quantity.value and fb.quantity.unit == fa.quantity.unit
               for fa in a.faces for fb in b.faces)


# A pair of left-over figures whose only claim to be one figure is the words around them needs this
# much of `_context_score`: 1.5 is the same word right before (or after) and one content word near
# both, or the same counted noun. Calibrated by hand on the Multi-News dev misses of
# benchmarks/conflicts_eval.py ("to 16" / "to 24" pairs, "45 percent of voters say" finds its twin).
CONTEXT_PAIR = 1.5
# ... or this much, in sentences of one claim, when neither figure has another candidate.
CONTEXT_PAIR_ALONE = 1.0
# ... and must beat every rival pairing of either figure by this much.
CONTEXT_MARGIN = 1.0
LINK_WORDS = frozenset({"and", "or", "but", "the", "a", "an", "were", "was", "is", "are"})  # say nothing of a figure


def _match(items: list[Stated], left: list[int], right: list[int], contrasted: Collection[frozenset[str]],
           strong: bool = True) -> list[tuple[int, int]]:
    """Pair left-over figures of two aligned sentences.

    A lone figure of one family on each side pairs when it measures the same noun (the old rule).
    Several of a family, a bare number against a count ("remove 15 of those" / "10 populations to be
    removed"), or two bare numbers pair only by the words around them: the pair must score
    `CONTEXT_PAIR` and beat the other pairings of both figures by `CONTEXT_MARGIN`; a bare number
    pairs only in `strong`ly aligned sentences (one claim), as it says least about what it is of.
    """
    pairs: list[tuple[int, int]] = []
    scores: dict[tuple[int, int], float] = {}
    for i in left:
        for j in right:
            bare = not (_comparable(items[i], items[j]) or strong)
            if _pairable(items[i], items[j], contrasted) and not bare:
                scores[(i, j)] = _context_score(items[i], items[j]) + _rank_bonus(items, left, right, i, j)
    family_l = Counter(_family(items[i]) for i in left)
    family_r = Counter(_family(items[j]) for j in right)
    for (i, j), score in sorted(scores.items(), key=lambda kv: -kv[1]):
        if any(i == a or j == b for a, b in pairs):
            continue
        a, b = items[i], items[j]
        lone = _family(a) == _family(b) and family_l[_family(a)] == family_r[_family(b)] == 1
        if lone and _comparable(a, b):
            pairs.append((i, j))
            continue
        rivals = [v for (x, y), v in scores.items() if (x == i) != (y == j)]
        # In one claim, two figures that are each other's only candidate need less: "lower the voting
        # age to 24" / "lower the voting age from 18 to 16" (the 18 is ruled out as the former level).
        alone = strong and not rivals and score >= CONTEXT_PAIR_ALONE and _family(a) == _family(b)
        if alone or (score >= CONTEXT_PAIR and all(score - v >= CONTEXT_MARGIN for v in rivals)):
            pairs.append((i, j))
    return pairs


def _apart(a: Stated, b: Stated, contrasted: Collection[frozenset[str]] | None) -> str:
    """Why two figures' frames cannot be one fact (`frames.apart`); "" when they can."""
    return frames.apart(a.main.frame, b.main.frame, counted=_counted(a), contrasted=contrasted,
                        owned=a.main.quantity.kind == "age")


def _counted(s: Stated) -> bool:
    """A count of things, whose verb says which things (not a measure in units: "130 pounds"; not an
    age, which is its owner's whatever the clause says of them: "Matus, 52, was found" / "last seen")."""
    q = s.main.quantity
    return q.kind == "count" or (q.kind == "number" and not q.unit)


def _pairable(a: Stated, b: Stated, contrasted: Collection[frozenset[str]]) -> bool:
    """Could these two figures of aligned sentences be one figure? A bare number ("remove 15 of
    those") may stand for a count; otherwise the kinds and units must agree, and the frames
    (`frames.apart`) must allow one fact."""
    fa, fb = a.main, b.main
    if not _same_measure(a, b, aligned=True) or fa.delta != fb.delta or fa.per != fb.per:
        return False
    if fa.former != fb.former:
        return False  # "lower the age to 16" pairs with "to 16" of "from 18 to 16", not with 18
    if _apart(a, b, contrasted):
        return False  # Anwar's age is not Mahathir's; Nairobi's toll is not the total
    if fa.quantity.kind == fb.quantity.kind == "count" and fa.head and fb.head and fa.head != fb.head \
            and not {fa.head, fb.head} & GENERIC:
        return False  # "two merchant vessels" and "three boats" count different things
    if {fa.quantity.kind, fb.quantity.kind} == {"count", "number"}:
        # A bare number stands for a count only where its own sentence names the counted noun near
        # it ("remove 15 of those" after "14 populations"): not any count of the other sentence.
        alone, counted = (fa, fb) if fa.quantity.kind == "number" else (fb, fa)
        near = {concept(w) for w in alone.before + alone.after} | alone.context
        if counted.head and counted.head not in near:
            return False
    if (fa.total and fb.part) or (fa.part and fb.total):
        return False  # "66 delegates total" is not "9 delegates out of a total of 66"
    if fa.period and fb.period and abs(fa.period - fb.period) > 0.1 * max(fa.period, fb.period):
        return False
    kinds = {fa.quantity.kind, fb.quantity.kind}
    if kinds <= {"count", "number"}:
        bare = [f for f in (fa, fb) if f.quantity.kind == "number"]
        return all(not f.quantity.unit for f in bare) or _family(a) == _family(b)
    return _family(a) == _family(b)


def _context_score(a: Stated, b: Stated) -> float:
    """How surely two figures of aligned sentences are one: the noun they count, the word right
    before and right after each, and the content words near both."""
    fa, fb = a.main, b.main
    score = 0.0
    if fa.head and fa.head == fb.head:
        score += 2.0
    elif (fa.head and fa.head in fb.context) or (fb.head and fb.head in fa.context):
        score += 1.0
    if fa.quantity.unit and fa.quantity.unit == fb.quantity.unit and fa.quantity.kind == "count":
        score += 0.5  # the same counted word, as written
    if fa.total and fb.total:
        score += 1.0  # both the whole: "66 delegates total", "a total of 66"
    bound_a, bound_b = HEDGE_KIND.get(fa.quantity.hedge, ""), HEDGE_KIND.get(fb.quantity.hedge, "")
    if bound_a and bound_a == bound_b:
        score += 0.5  # "as many as 200,000" and "as much as 200,000"
    # What the sentence says of each figure: "killed" for both, not "killed" and "left homeless".
    score += 0.5 * len((fa.context & fb.context) - {fa.head, fb.head} - GENERIC)
    for x, y in ((fa.before, fb.before), (fa.after, fb.after)):
        if x[:1] and x[:1] == y[:1] and x[0] not in LINK_WORDS:
            score += 1.0
    near_a = {concept(w) for w in fa.before + fa.after if w not in STOP_WORDS}
    near_b = {concept(w) for w in fb.before + fb.after if w not in STOP_WORDS}
    score += 0.5 * len((near_a & near_b) - GENERIC)
    return score


def _rank_bonus(items: list[Stated], left: list[int], right: list[int], i: int, j: int) -> float:
    """Near-paraphrases list their figures in one order: the k-th of a family on one side is likely
    the k-th on the other, when both sides have as many."""
    fam = _family(items[i])
    ls = sorted((k for k in left if _family(items[k]) == fam), key=lambda k: items[k].main.order)
    rs = sorted((k for k in right if _family(items[k]) == fam), key=lambda k: items[k].main.order)
    if _family(items[j]) != fam or len(ls) != len(rs) or len(ls) < 2:
        return 0.0
    return 0.5 if ls.index(i) == rs.index(j) else 0.0


def _same_figure(a: Stated, b: Stated) -> bool:
    qa, qb = a.main.quantity, b.main.quantity
    return {qa.kind, qb.kind} <= {"count", "number", "age"} and qa.value == qb.value and \
        qa.kind != qb.kind and not (qa.unit and qb.unit and qa.unit != qb.unit and qa.kind == qb.kind)


def _assemble(items: list[Stated], edges: list[_Edge], agree: list[tuple[int, int]],
              contrasted: Collection[frozenset[str]]) -> list[Conflict]:
    sets = DisjointSets(len(items))
    find = sets.find

    for e in edges:
        sets.union(e.a, e.b)
    members: dict[int, set[int]] = defaultdict(set)
    for e in edges:
        members[find(e.a)].update({e.a, e.b})
    for i, j in agree:  # sources that agree with one side join it
        for x, y in ((i, j), (j, i)):
            if find(x) in members and x in members[find(x)]:
                members[find(x)].add(y)
    out: list[Conflict] = []
    for root, group in members.items():
        values = _value_groups(_between_sources(_value_buckets(items, sorted(group)), contrasted))
        if len(values) < 2:
            continue
        mine = [e for e in edges if find(e.a) == root]
        best = max(mine, key=lambda e: e.confidence)
        notes = list(dict.fromkeys(n for e in mine for n in e.notes))
        kind = _conflict_kind(items[best.a])
        out.append(Conflict(kind=kind, about=_about(items, group), values=values,
                            confidence=round(best.confidence, 2), note="; ".join(notes)))
    return out


def _value_buckets(items: list[Stated], group: list[int]) -> list[list[Stated]]:
    """The statements of one conflict, in groups that give one value."""
    buckets: list[list[Stated]] = []
    for i in group:
        s = items[i]
        for bucket in buckets:
            if all(compare_values(s, t).consistent for t in bucket):
                bucket.append(s)
                break
        else:
            buckets.append([s])
    return buckets


def _value_groups(buckets: list[list[Stated]]) -> list[ConflictValue]:
    values = []
    for bucket in buckets:
        surfaces = list(dict.fromkeys(s.surface for s in bucket))
        evidence = list(dict.fromkeys(Evidence(s.source, s.key[1], s.main.text) for s in bucket))
        values.append(ConflictValue(value=" | ".join(surfaces), normalized=_normalized(bucket[0]),
                                    sources=list(dict.fromkeys(s.source for s in bucket)), evidence=evidence))
    return values


def _between_sources(buckets: list[list[Stated]], contrasted: Collection[frozenset[str]]) -> list[list[Stated]]:
    """The values that set sources against each other.

    A source does not contradict itself: when it gives two of the values in statements that cannot
    be one fact stated twice (one sentence with two prices, the 13- and the 15-inch; this quake's
    five injured and, in another sentence, the September quake's 15 of Qeshm), the values are two
    facts, and the other is not a rival of the first. Values are taken most-reported first; one is
    left out when a source of a value already taken gives it as its other fact. A source that gives
    one fact twice with two values (an age in two sentences) contradicts itself, and is kept.
    """
    kept: list[int] = []
    for k in sorted(range(len(buckets)), key=lambda k: -len({s.source for s in buckets[k]})):
        if not any(a.source == b.source and _two_facts(a, b, contrasted) for n in kept for a in buckets[n]
                   for b in buckets[k]):
            kept.append(k)
    return [buckets[k] for k in sorted(kept)]


def _two_facts(a: Stated, b: Stated, contrasted: Collection[frozenset[str]]) -> bool:
    """Two statements of one source that cannot be one fact stated twice."""
    if a.key == b.key:
        return True  # one sentence giving two values gives them of two things
    return not _comparable(a, b) or not _same_measure(a, b, aligned=True) or \
        bool(_apart(a, b, contrasted))


def _normalized(s: Stated) -> str:
    f = s.face("USD") or s.main
    q = f.quantity
    value = f"{q.value:.6g}" if q.value != int(q.value) or abs(q.value) < 1e15 else f"{q.value:.0f}"
    if q.value == int(q.value) and abs(q.value) < 1e15:
        value = str(int(q.value))
    unit = q.unit if q.kind != "count" else q.unit or "items"
    bound = HEDGE_KIND.get(q.hedge, "")
    prefix = {"min": "≥ ", "max": "≤ ", "approx": "~"}.get(bound, "")
    high = f"-{q.high:g}" if q.high is not None else ""
    return f"{prefix}{value}{high} {unit}".strip()


def _conflict_kind(s: Stated) -> ConflictKind:
    kind = s.main.quantity.kind
    return "money" if kind == "money" else "duration" if kind == "duration" else \
        "count" if kind == "count" else "number"


def _about(items: list[Stated], group: Iterable[int]) -> str:
    measures = Counter(items[i].main.quantity.measures for i in group if items[i].main.quantity.measures)
    kind = items[next(iter(group))].main.quantity.kind
    what = " / ".join(m for m, _ in measures.most_common(2)) or "a figure"
    prefix = {"money": "amount for", "duration": "how long: ", "count": "number of", "percent": "share:",
              "age": "age:", "number": "figure for"}.get(kind, "")
    return f"{prefix} {what}".replace(":  ", ": ").strip()


# --- dates -----------------------------------------------------------------------------------------

def date_conflicts(parsed: Sequence[Parsed], dates: Sequence[FoundDate], align: Alignment) -> list[Conflict]:
    """Sentences that say the same thing but put it on days that cannot both be right.

    Two left-over dates of aligned sentences are only compared when they date the same action (their
    governing words agree), or when each sentence has one date and both are days: "from fiscal 2023"
    and "announced in December" in one claim date different things.
    """
    docs = {p.key: p for p in parsed}
    by_key: dict[tuple[str, int], list[FoundDate]] = defaultdict(list)
    for d in dates:
        if _is_event(d, docs.get(d.key)):  # a dateline or a publication line dates no claim
            by_key[d.key].append(d)
    keys = list(by_key)
    out: list[Conflict] = []
    for x, ka in enumerate(keys):
        for kb in keys[x + 1:]:
            if ka[0] == kb[0] or align.score(ka, kb, shapes=False) < 0.5:
                continue
            left = [d for d in by_key[ka] if not _overlaps_any(d, by_key[kb])]
            right = [d for d in by_key[kb] if not _overlaps_any(d, by_key[ka])]
            if len(left) != 1 or len(right) != 1:
                continue
            a, b = left[0], right[0]
            if _granularity_class(a) != _granularity_class(b):
                continue
            if _preposition(a) != _preposition(b):
                continue  # "by 2020" (a target) and "from 1990" (a baseline) date different things
            if "absolute" not in {a.ref.anchor, b.ref.anchor} and a.anchored != b.anchored:
                continue  # "on Friday" in articles of different days: likely two events
            same_action = _governor(a, docs.get(a.key)) == _governor(b, docs.get(b.key)) != ""
            lone_days = len(by_key[ka]) == len(by_key[kb]) == 1 and _granularity_class(a) == "day"
            if not (same_action or (lone_days and _lexical(align, ka, kb) >= 0.5)):
                continue
            # A weekday read against a date borrowed from another report may be off by days: shown as
            # possible only (on the ECB+ tune events, none of these was a real disagreement).
            borrowed = any(d.ref.anchor.startswith("borrowed") for d in (a, b))
            conf = (0.9 if align.score(ka, kb, shapes=False) >= 1.0 else 0.7) * (BORROWED if borrowed else 1.0)
            out.append(Conflict(kind="date", about=f"date of: {_short(a.text)}", confidence=round(conf, 2),
                                values=[_date_value(a), _date_value(b)],
                                note="resolved against a borrowed date" if borrowed else ""))
    return out


def _preposition(d: FoundDate) -> str:
    """The word that gives a date its role: "on", "by", "since", "from", ..."""
    first = d.ref.text.split()[0].lower()
    if first in {"in", "on", "by", "since", "from", "until", "till", "before", "after", "during", "of"}:
        return first
    before = d.text[:d.start].split()
    return before[-1].lower() if before else ""


def _lexical(align: Alignment, a: tuple[str, int], b: tuple[str, int]) -> float:
    x, y = align.bags.get(a, set()), align.bags.get(b, set())
    return len(x & y) / len(x | y) if x and y else 0.0


def _governor(d: FoundDate, p: Parsed | None) -> str:
    """The concept of the verb (or noun) a date phrase hangs from: "shot down ... on Feb. 4" → shot."""
    if p is None:
        return ""
    cur = next((t for t in p.doc if t.idx >= d.start), None)
    for _ in range(6):
        if cur is None:
            return ""
        if cur.idx >= d.end and cur.pos_ in {"VERB", "NOUN"}:
            return concept(cur.text)
        if cur.idx < d.start and cur.pos_ in {"VERB", "NOUN"}:
            return concept(cur.text)
        if cur.head is cur:
            return concept(cur.text) if cur.pos_ in {"VERB", "NOUN"} else ""
        cur = cur.head
    return ""


def _overlaps_any(d: FoundDate, others: list[FoundDate]) -> bool:
    return any(_overlap(d, o) for o in others)


def _overlap(a: FoundDate, b: FoundDate) -> bool:
    return a.ref.start <= b.ref.end and b.ref.start <= a.ref.end


def _granularity_class(d: FoundDate) -> str:
    return "day" if d.ref.granularity == "day" else "coarse"


def _date_value(d: FoundDate) -> ConflictValue:
    r = d.ref
    norm = r.start.isoformat() if r.start == r.end else f"{r.start.isoformat()}..{r.end.isoformat()}"
    return ConflictValue(value=r.text, normalized=norm, sources=[r.source],
                         evidence=[Evidence(r.source, r.sentence, d.text)])


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + "…"


# --- titles and quotes -----------------------------------------------------------------------------

def title_conflicts(table: EntityTable) -> list[Conflict]:
    """One person, two posts: "Senior Deputy Foreign Minister" vs "Deputy Foreign Minister"."""
    by_person: dict[str, list[TitleMention]] = defaultdict(list)
    for t in table.titles:
        by_person[t.person].append(t)
    out: list[Conflict] = []
    for person, mentions in by_person.items():
        keys: dict[frozenset[str], list[TitleMention]] = defaultdict(list)
        for t in mentions:
            keys[t.key].append(t)
        heads = {k: title_head(ts[0].title) for k, ts in keys.items()}
        clash = [k for k in keys if any(_titles_clash(k, o, heads) for o in keys if o != k)]
        if len(clash) < 2 or len({t.source for k in clash for t in keys[k]}) < 2:
            continue
        values = []
        for k in clash:
            ts = keys[k]
            values.append(ConflictValue(
                value=" / ".join(dict.fromkeys(t.title for t in ts)), normalized=" ".join(sorted(k)),
                sources=list(dict.fromkeys(t.source for t in ts)),
                evidence=list(dict.fromkeys(Evidence(t.source, t.sentence, t.text) for t in ts))))
        values.sort(key=lambda v: -len(v.sources))
        diff = sorted(set().union(*clash) - frozenset.intersection(*clash))
        out.append(Conflict(kind="title", about=f"{person}'s title", values=values, confidence=0.75,
                            note=f"the titles differ in: {', '.join(diff)}"))
    return out


def _titles_clash(a: frozenset[str], b: frozenset[str], heads: dict[frozenset[str], str]) -> bool:
    if heads.get(a) != heads.get(b):
        return False  # two different posts ("police chief", "superintendent") can both be held
    if len(a) == 1 or len(b) == 1:
        return False  # "Justice" for "Associate Justice": the bare post is a short form, not a rival
    only_a, only_b = a - b, b - a
    if (only_a | only_b) & RANK_WORDS:
        return True  # "Senior Deputy ..." vs "Deputy ...": a different rank
    return bool(only_a and only_b)  # "Foreign Minister" vs "Defense Minister"


def quote_conflicts(quotes: QuoteSet) -> list[Conflict]:
    out: list[Conflict] = []
    for quote, mentions in zip(quotes.quotes, quotes.mentions, strict=True):
        if quote.term:  # a quoted term is nobody's words: no speaker or wording to dispute
            continue
        speakers: dict[str, list[int]] = defaultdict(list)
        names = _one_name_each([m.speaker for m in mentions if m.speaker])
        for k, m in enumerate(mentions):
            if m.speaker:
                speakers[names[m.speaker]].append(k)
        direct = {s for s, ks in speakers.items() if any(mentions[k].via == "subject" for k in ks)}
        sources = {s: {mentions[k].source for k in ks} for s, ks in speakers.items()}
        # Words too few to be one utterance ("Yes") are not one quote with two speakers.
        if len(speakers) >= 2 and len(set().union(*sources.values())) >= 2 and len(words(quote.text)) >= 4:
            values = [ConflictValue(value=s, normalized=s, sources=sorted(sources[s]),
                                    evidence=list(dict.fromkeys(Evidence(mentions[k].source, mentions[k].key[1],
                                                                         mentions[k].text) for k in ks)))
                      for s, ks in speakers.items()]
            out.append(Conflict(kind="attribution", about=f"who said \"{_short(quote.text, 60)}\"",
                                values=values, confidence=ATTRIBUTION if len(direct) >= 2 else ATTRIBUTION / 2,
                                note="speakers found from the sentence's grammar; check the evidence"))
        if quote.partial:
            continue
        full = [v for v in quote.variants if len(words(v.text)) >= 4]
        for x, va in enumerate(full):
            for vb in full[x + 1:]:
                if set(va.sources) & set(vb.sources):
                    continue
                changed = _substituted(_spelled(va.text), _spelled(vb.text))
                if changed:
                    out.append(Conflict(kind="quote", about=f"wording of {quote.speaker or 'a'} quote",
                                        values=[ConflictValue(v.text, " ".join(words(v.text)), v.sources,
                                                              v.evidence) for v in (va, vb)],
                                        confidence=QUOTE_WORDING, note=f"words differ: {', '.join(changed)}"))
    return out


# One quote given to two speakers is most often the parse's mistake (a name in the quoted sentence
# that is not the speaker, or a quote merged with another): on the tune split of the judged ledger
# none of 7 was a real dispute over who said it. Shown as possible, never loud.
ATTRIBUTION = 0.4

# A quote worded differently by two outlets is most often a paraphrase or a translation: on the
# ECB+ tune events, none of 15 such pairs was a real dispute over what was said. Shown, never loud.
QUOTE_WORDING = 0.3


def _one_name_each(names: Sequence[str]) -> dict[str, str]:
    """Each speaker's name → the fullest form of the one person it names: "Boone Isaacs" and "Cheryl
    Boone Isaacs", "Hugh Hefner" and a misspelt "Hugh Heffner" are one speaker, not a dispute."""
    out: dict[str, str] = {}
    said = Counter(names)  # of two spellings, the one more mentions use
    distinct = sorted(said, key=lambda n: (-len(n.split()), -said[n], -len(n)))
    for name in distinct:
        out[name] = next((full for full in distinct[:distinct.index(name)] if _same_person(name, full)), name)
        out[name] = out.get(out[name], out[name])
    return out


def _same_person(short: str, full: str) -> bool:
    a, b = short.lower().split(), full.lower().split()
    if not a or not b:
        return False
    if set(a) <= set(b):
        return True  # a shorter form: the surname, or the name without its first name
    differ = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
    # One name spelt or transliterated a letter off: "Heffner" / "Hefner", "Carolos" / "Karolos".
    return len(a) == len(b) and len(differ) == 1 and SequenceMatcher(None, *differ[0]).ratio() >= 0.8


# Spellings that differ by house style, not by what was said: British and American endings.
SPELLING = [(re.compile(p), r) for p, r in (
    (r"(\w)our(s?|hood|ite|ed|ing|able)$", r"\1or\2"), (r"(\w{3})is(e|ed|es|ing|ation|ations)$", r"\1iz\2"),
    (r"(\w)ys(e|ed|es|ing)$", r"\1yz\2"), (r"(\w)([tb])re(s?)$", r"\1\2er\3"), (r"(\w)ll(ed|ing|er)$", r"\1l\2"),
    (r"^(def|off|lic|pret)ence(s?)$", r"\1ense\2"))]
CONTRACTIONS = {"n't": " not", "'m": " am", "'re": " are", "'ve": " have", "'ll": " will", "'d": " would"}
KEEP_OUR = frozenset({"your", "four", "hour", "pour", "tour", "sour", "flour", "dour", "detour", "devour"})


def _spelled(text: str) -> list[str]:
    """A quote's words as compared for wording: curly or spaced apostrophes, contractions, house
    spellings and the way a time or a number is written are not changes of what was said."""
    text = re.sub(r"(\w)\s*[’']\s*(s|m|re|ve|ll|d|t)\b", r"\1'\2", text.replace("’", "'"))
    for short, long_ in CONTRACTIONS.items():
        text = re.sub(rf"(?<=\w){re.escape(short)}\b", long_, text, flags=re.I)
    out = []
    for w in words(text):
        w = w.replace("'", "")
        if any(c.isdigit() for c in w) or w in {"am", "pm", "gmt", "pst", "est", "utc", "bst", "cet"}:
            continue
        if w not in KEEP_OUR:
            for pattern, repl in SPELLING:
                w = pattern.sub(repl, w)
        out.append(w)
    return out


def _substituted(a: list[str], b: list[str]) -> list[str]:
    """Content words one wording has where the other has different ones, when both quote one
    utterance word for word but for one short change ("a Cold War mentality" / "ideology").

    Cuts are not changes, nor is an inflection heard or transcribed otherwise ("I need" / "I
    needed"), nor a compound written apart or together ("punch line" / "punchline"). Wordings that
    differ in several places, or in a long stretch, are a paraphrase or a translation, not a dispute
    over what was said: on the ECB+ tune events none of the 15 such pairs was one.
    """
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    changes = [(i1, i2, j1, j2) for op, i1, i2, j1, j2 in ops
               if op == "replace" and [stem(w) for w in a[i1:i2]] != [stem(w) for w in b[j1:j2]]
               and "".join(a[i1:i2]) != "".join(b[j1:j2])]  # "punch line" / "punchline": one word
    inner = [op for op, i1, i2, j1, j2 in ops if op in {"insert", "delete"} and min(i1, j1) > 0
             and i2 < len(a) and j2 < len(b)]
    same = sum(i2 - i1 for op, i1, i2, _, _ in ops if op == "equal")
    if len(changes) != 1 or inner or same < 0.75 * min(len(a), len(b)):
        return []
    i1, i2, j1, j2 = changes[0]
    if max(i2 - i1, j2 - j1) > 3:
        return []
    return [w for w in a[i1:i2] + b[j1:j2] if w not in STOP_WORDS]


# --- coverage --------------------------------------------------------------------------------------

def coverage(sources: Sequence[Source], claims: Sequence[Claim]) -> tuple[dict[str, list[int]],
                                                                            dict[str, list[int]]]:
    """Per source: the claims only it (its origin) makes, and the widely reported claims it leaves out.

    Widely reported: made by at least half of the independent origins, and by at least two.
    """
    origin = {s.article.id: s.origin for s in sources}
    need = max(2, math.ceil(len(set(origin.values())) / 2))
    unique: dict[str, list[int]] = {aid: [] for aid in origin}
    missing: dict[str, list[int]] = {aid: [] for aid in origin}
    for c in claims:
        origins = {origin[s] for s in c.sources if s in origin}
        if len(origins) == 1:
            for s in dict.fromkeys(c.sources):
                if s in unique:
                    unique[s].append(c.id)
        if len(origins) >= need:
            for aid in origin:
                if aid not in c.sources:
                    missing[aid].append(c.id)
    return unique, missing


# --- timeline --------------------------------------------------------------------------------------

def timeline(parsed: Sequence[Parsed], dates: Sequence[FoundDate], align: Alignment) -> list[TimelineEvent]:
    """The dated events of the story, one entry per event however many sources date it; history the
    reports mention in passing is flagged `background`."""
    by_key = {p.key: p for p in parsed}
    events = [d for d in dates if _is_event(d, by_key.get(d.key))]
    reported = [d.anchored for d in dates if d.anchored is not None]
    story_began = min(reported) - dt.timedelta(days=BACKGROUND_DAYS) if reported else None
    clauses = {id(d): _clause(d, by_key.get(d.key)) for d in events}
    bags = {id(d): _concepts(clauses[id(d)]) for d in events}
    whole = {id(d): _concepts(d.text) for d in events}
    sets = DisjointSets(len(events))
    find = sets.find

    for i, a in enumerate(events):
        for j in range(i + 1, len(events)):
            b = events[j]
            if not _same_time(a, b) or find(i) == find(j):
                continue
            same_sentence = a.key == b.key
            if same_sentence:
                continue  # two dates in one sentence are two events
            sim = max(_jaccard(bags[id(a)], bags[id(b)]), _jaccard(whole[id(a)], whole[id(b)]))
            if align.score(a.key, b.key) >= 1.0 or sim >= EVENT_OVERLAP:
                sets.union(i, j)
    groups: dict[int, list[FoundDate]] = defaultdict(list)
    for i, d in enumerate(events):
        groups[find(i)].append(d)
    out = []
    for group in groups.values():
        if all(d.fuzzy for d in group):
            continue  # "the first in four years" alone dates nothing a reader can place
        best = min(group, key=lambda d: ((d.ref.end - d.ref.start).days, d.fuzzy, len(clauses[id(d)])))
        evidence = list(dict.fromkeys(Evidence(d.ref.source, d.ref.sentence, d.text) for d in group))
        anchored = [d for d in group if d.ref.anchor in {"absolute", "published", "text"}]
        out.append(TimelineEvent(start=best.ref.start, end=best.ref.end, text=_readable(group, by_key),
                                 sources=list(dict.fromkeys(d.ref.source for d in group)), evidence=evidence,
                                 granularity=best.ref.granularity,
                                 borrowed_date=not anchored and best.ref.anchor.startswith("borrowed"),
                                 background=story_began is not None and best.ref.end < story_began))
    out.sort(key=lambda e: (e.start, e.end, -len(e.sources)))
    return out


def _readable(group: Sequence[FoundDate], by_key: dict[tuple[str, int], Parsed]) -> str:
    """The shortest sentence-like telling of one event among the sources that date it."""
    return min((_clause(d, by_key.get(d.key), readable=True) for d in group), key=len)


def _jaccard(x: set[str], y: set[str]) -> float:
    return len(x & y) / len(x | y) if x and y else 0.0


def _same_time(a: FoundDate, b: FoundDate) -> bool:
    """Could two date expressions name the time of one event? "Feb. 2019" and "2019" can; "2019" and
    "from 2019 to 2021" name different spans."""
    ra, rb = (a.ref.start, a.ref.end), (b.ref.start, b.ref.end)
    if a.fuzzy or b.fuzzy:  # "four years" ago: about a year wide, so never a span of years
        return _overlap(a, b) and max(ra[1] - ra[0], rb[1] - rb[0]).days <= 366
    if ra == rb:
        return True
    inside = (ra[0] >= rb[0] and ra[1] <= rb[1]) or (rb[0] >= ra[0] and rb[1] <= ra[1])
    longest = max(ra[1] - ra[0], rb[1] - rb[0]).days
    return inside and longest <= 366


def _noun_owner(tok: Token | None) -> Token | None:
    """The noun a date phrase modifies, if it modifies one before any verb."""
    cur = tok
    for _ in range(6):
        if cur is None or cur.head is cur or cur.pos_ in {"VERB", "AUX"}:
            return None
        if cur.dep_ == "prep" and cur.head.pos_ == "NOUN" and cur.head.lower_ not in TIME_NOUNS \
                and len(list(cur.head.subtree)) >= 4:
            return cur.head
        cur = cur.head
    return None


def _is_event(d: FoundDate, p: Parsed | None) -> bool:
    """Leave out publication lines, datelines and bylines: they date the article, not an event; and a
    date after "since" ("their first dialogue since 2019", "in place since 1895"): it bounds a period
    that runs to now, it is not when anything the sentence tells happened."""
    if p is None:
        return False
    before = d.text[:d.start]
    if before.count("(") > before.count(")"):
        return False
    if any(w in before.lower().split()[-3:] for w in ("published", "updated", "posted", "date")):
        return False
    if SINCE.search(before + d.text[d.start:d.end].split(" ", 1)[0] + " "):
        return False
    return any((t.pos_ in {"VERB", "AUX"} and t.tag_ not in {"VBN"}) or (t.dep_ == "ROOT" and t.pos_ == "VERB")
               for t in p.doc)


SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def _clause_with_subject(tok: Token) -> Token | None:
    """The nearest verb at or above `tok` that has a subject of its own."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in {"VERB", "AUX"} and any(c.dep_ in SUBJECTS for c in cur.children):
            return cur
        if cur.head is cur:
            return None
        cur = cur.head
    return None


def _clause(d: FoundDate, p: Parsed | None, readable: bool = False) -> str:
    """The clause that tells the dated event: "the US shot down a Chinese balloon on Feb. 4". Events
    are matched on the shortest such clause; `readable` widens it to one with a subject, for display."""
    if p is None:
        return d.text
    doc = p.doc
    tok = next((t for t in doc if t.idx >= d.start), None)
    cur = tok
    for _ in range(8):
        if cur is None or cur.pos_ in {"VERB", "AUX"}:
            break
        cur = cur.head if cur.head is not cur else None
    if cur is None:
        return d.text
    noun = _noun_owner(tok)
    if noun is not None:
        cur = noun  # "their first security dialogue since 2019": the date belongs to the dialogue
    elif cur.dep_ in {"acl", "relcl"} and cur.head.pos_ in {"NOUN", "PROPN"}:
        cur = cur.head  # "its key defense document adopted in mid-December 2022"
    if readable:
        # A timeline row is read alone, so it must be a sentence: a clause with its own subject, else
        # the clause it hangs from ("before being transferred to Japan in 1972" → "The islands came
        # under US administration ... before being transferred to Japan in 1972"), else the sentence.
        clause = _clause_with_subject(cur)
        if clause is None:
            return d.text if len(d.text) <= 240 else d.text[:240].rsplit(" ", 1)[0] + "…"
        cur = clause
    sub = list(cur.subtree)
    lo, hi = sub[0].i, sub[-1].i + 1
    while lo < hi and (doc[lo].dep_ in {"mark", "cc", "punct"} or doc[lo].lower_ in {"after", "when", "while",
                                                                                    "before", "as"}):
        lo += 1
    text = doc[lo:hi].text.strip(" ,;")
    if len(text.split()) < 4 or len(text) > 240:
        return d.text if len(d.text) <= 240 else d.text[:240].rsplit(" ", 1)[0] + "…"
    return text[0].upper() + text[1:]


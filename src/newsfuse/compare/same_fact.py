"""Are two figures of different sources one fact? A model learned from how the sources agree.

A conflict is two values of one fact. Whether two figures are of one fact is not decided by their
values but by what is said around them: the sentence (said the same way? the same template?), the
noun the figure counts, the words right before and after it, and its frame (whose, where, which
sort, what is said of it: `facts.frames`). This module turns that into one probability.

It is learned in two parts (`benchmarks/train_same_fact.py`), because no one set of labels teaches
both what a figure is of and what its sentence says:

- **what the figure is of** (the noun, the words near it, its frame, its place among its sentence's
  figures) is learned without hand labels, from the agreement the sources show among themselves:
  *same fact*, two sources give the same distinctive value ("$315 billion", "224") of one kind;
  *two facts*, two values that *both* sources give ("43 RBIs" and "121 RBIs" in each report), paired
  across them: neither source contradicts itself. Those two classes come from the same sentence
  pairs (a sentence giving 43 and 121 yields both a twin and a two-facts pair), so whether the
  sentences say the same thing is no evidence among them: learned there, the sentence-level features
  (`SENTENCE`) took signs that say alike sentences mean two facts. They are left out of this part.
- **what the sentences say, and what the chance means** is one small logistic layer over the
  figure part's log-odds and the sentence evidence (`SameFactModel.stack`), its sentence weights held
  at zero or above (sentences that say more nearly the same never make one fact less likely), fitted
  on the judged candidate pairs of the tune stories (`benchmarks/judged/same_fact_pairs.jsonl`): what
  the conflict finder actually asks about. Its output is the chance that a pair the finder proposes
  is one fact told two ways (a conflict or an update), calibrated on those verdicts. The stack also
  reads evidence the figure part has no labels for: that one figure is a part of the other
  (`compare.parts`: "twelve *other* people" against "16 people", counts that add up), and that the
  two are figures of two events (`compare.events`: their clauses' times do not meet, "killed 40 in
  2014" / "killed 55" today; durations of two things, "the 17-year rule" / "10 days in custody"),
  whose weights are held at zero or below (`AGAINST`).

The figure part's features never look at the values, only at what surrounds them, so what the
model learned on agreeing figures carries over to disagreeing ones (the stack's `adds_up` does: two
counts that add up to a third are its parts). The weights are read from a small JSON file beside
this package; how the chance carries over to reported conflicts is measured by
`benchmarks/ledger_judged.py` against judged verdicts.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsfuse.compare import parts
from newsfuse.compare.align import Alignment, jaccard
from newsfuse.compare.events import FigureEvents
from newsfuse.compare.values import HEDGE_KIND, Stated, family_of, one_language
from newsfuse.facts import frames
from newsfuse.facts.quantities import Found
from newsfuse.facts.quantity_words import GENERIC, concept
from newsfuse.stopwords import STOP_WORDS

# The chance that two figures at one place of one template are one fact (`SameFact.twins_in_template`):
# not 1, as a template can recount two instances ("a 4.4 quake struck" / "a 3.0 quake struck").
TEMPLATE_SAME = 0.9
MODEL_PATH = Path(__file__).resolve().parents[1] / "models" / "same_fact.json"
# Evidence that two figures are of two events (`compare.events`): other times, places, actors,
# happenings, or durations of other things.
EVENT_FEATURES = ("time_apart", "off_story", "place_apart", "actors_apart", "trigger_apart", "measured_apart")
KINDS = ("count", "number", "money", "duration", "percent", "age")
LINK_WORDS = frozenset({"and", "or", "but", "the", "a", "an", "were", "was", "is", "are", "of", "in", "to", "by"})
# The order of the feature columns; the model file names them and must agree.
FEATURES = (
    "aligned", "jaccard", "cosine", "claim", "template",
    "head_same", "head_cross", "head_missing", "unit_same",
    "context_shared", "before_same", "after_same", "near_shared", "near_jaccard",
    "frames_apart", "owners_same", "owners_clash", "scope_same", "scope_clash", "sort_clash",
    "predicate_same", "predicate_clash", "whole_part", "former_diff", "hedge_same", "period_diff",
    "figures_max", "figures_min", "rank_same", "cosine_x_near", "aligned_x_head",
    "likeness", "rival_margin",
    *(f"kind_{k}" for k in KINDS),
)


# Features that compare how the two sentences spell their words (the noun, the words near the
# figure, the names and verbs of its frame). Across two languages a spelling two sources share is
# still evidence (a name, "Tokyo"; a noun both languages' concepts fold alike, "personnes" and
# "people"), but an unequal one is none: there the "same" features are missing (NaN: the average
# pair's), as are the "clash" features, and the alignment, the multilingual vectors' cosine, the
# claim and the figures' kinds and order speak.
_SAME_IF_SPELT = [FEATURES.index(f) for f in (
    "jaccard", "template", "head_same", "head_cross", "context_shared", "before_same", "after_same",
    "near_shared", "near_jaccard", "owners_same", "scope_same", "predicate_same", "cosine_x_near",
    "aligned_x_head", "likeness")]
_CLASH = [FEATURES.index(f) for f in ("owners_clash", "scope_clash", "sort_clash", "predicate_clash", "rival_margin")]
_UNIT = FEATURES.index("unit_same")
# Features of the two sentences as wholes: equal for every pair of figures of one sentence pair, so the
# agreement labels (twins and two-facts pairs of the same sentences) cannot teach them.
SENTENCE = ("aligned", "jaccard", "cosine", "claim", "template", "cosine_x_near", "aligned_x_head")
# Evidence that two figures are a part and its total (`compare.parts`): read by the stack only, fitted
# on judged candidate pairs, where a part and its total are the commonest false alarm; the agreement
# labels of the figure part (twins, and pairs of values both sources give) hardly hold one.
STACKED = ("part_marked", "adds_up", *EVENT_FEATURES)
ALL_FEATURES = FEATURES + STACKED
# The stack's evidence that says "two facts": its weights are held at zero or below (the others at
# zero or above), so that no fit can read a part marker or a clash of owners as evidence of one fact.
AGAINST = frozenset({"part_marked", "adds_up", *EVENT_FEATURES, "owners_clash", "scope_clash", "sort_clash", "whole_part",
                     "frames_apart", "head_missing", "period_diff"})


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


@dataclass(frozen=True, slots=True)
class Stack:
    """The chance a proposed pair is one fact: sigmoid(intercept + figure * the figure part's log-odds
    + the sentence evidence), fitted on judged pairs; the weights are at least zero. A sentence
    feature that cannot be computed (NaN: no vectors; an unequal spelling across languages) counts as
    the judged pairs' average (`sentence`: name, weight, average)."""

    intercept: float
    figure: float
    sentence: tuple[tuple[str, float, float], ...]

    def evidence(self, x: np.ndarray) -> np.ndarray:
        """The stack's evidence part of the log-odds."""
        z = np.zeros(len(x))
        for name, w, fill in self.sentence:
            z = z + w * np.nan_to_num(x[:, ALL_FEATURES.index(name)], nan=fill)
        return z


@dataclass(frozen=True, slots=True)
class SameFactModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    stack: Stack | None = None

    def figure_logit(self, x: np.ndarray) -> np.ndarray:
        # A feature that cannot be computed (no sentence vectors given) is NaN: it counts as the
        # average pair's, neither for nor against.
        x = x[:, :len(self.mean)]  # the figure part reads `FEATURES`, not the stack's own (`STACKED`)
        return np.asarray(np.nan_to_num((x - self.mean) / self.scale, nan=0.0) @ self.coef + self.intercept)

    def chances(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(`probability`, `confidence`) of each row, from one reading of its features."""
        z = self.figure_logit(x)
        if self.stack is None:
            p = _sigmoid(z)
            return p, p
        # At the agreement labels' even odds: the stack's evidence at the weight the judged pairs
        # give it against the figure evidence (the stack's weights, divided by its figure weight).
        evidence = self.stack.evidence(x)
        moved = z + evidence / self.stack.figure if self.stack.figure > 0 else z
        return _sigmoid(moved), _sigmoid(self.stack.intercept + self.stack.figure * z + evidence)

    def probability(self, x: np.ndarray) -> np.ndarray:
        """The chance that the two figures are one fact: the figure part's log-odds moved by the
        sentence evidence."""
        return self.chances(x)[0]

    def confidence(self, x: np.ndarray) -> np.ndarray:
        """The stack's chance that a pair the finder proposes is one fact told two ways (a real
        conflict or update), calibrated on judged tune pairs; `probability` without a stack."""
        return self.chances(x)[1]

    def to_json(self, meta: dict[str, object] | None = None) -> dict[str, object]:
        body: dict[str, object] = {
            "features": list(self.features), "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(), "coef": self.coef.round(6).tolist(),
            "intercept": round(self.intercept, 6)}
        if self.stack is not None:
            body["stack"] = {"intercept": round(self.stack.intercept, 6), "figure": round(self.stack.figure, 6),
                             "sentence": {n: [round(w, 6), round(fill, 6)] for n, w, fill in self.stack.sentence}}
        return body | {"meta": meta or {}}


def load_model(path: Path = MODEL_PATH) -> SameFactModel:
    body = json.loads(path.read_text(encoding="utf-8"))
    if tuple(body["features"]) != FEATURES:
        raise ValueError(f"{path}: the model was trained on other features; retrain it with "
                         "benchmarks/train_same_fact.py")
    stack = body.get("stack")
    return SameFactModel(tuple(body["features"]), np.array(body["mean"]), np.array(body["scale"]),
                         np.array(body["coef"]), float(body["intercept"]),
                         Stack(float(stack["intercept"]), float(stack["figure"]),
                               tuple((str(n), float(w), float(fill)) for n, (w, fill) in stack["sentence"].items()))
                         if stack else None)


@lru_cache(maxsize=1)
def _default_model() -> SameFactModel:
    return load_model()


class SameFact:
    """For any pair of a story's `items`: the chance that the two figures are one fact (called: what
    the finder decides by), and how sure a report of them as a conflict is (`confidence`)."""

    def __init__(self, items: Sequence[Stated], align: Alignment, contrasted: Collection[frozenset[str]],
                 model: SameFactModel | None = None, events: FigureEvents | None = None) -> None:
        self.items, self.align, self.contrasted = items, align, contrasted
        self.model = model
        self.events = events
        by_sentence: dict[tuple[tuple[str, int], tuple[str, str]], list[int]] = {}
        for k, s in enumerate(items):
            by_sentence.setdefault((s.key, family_of(s)), []).append(k)
        for ks in by_sentence.values():
            ks.sort(key=lambda k: items[k].main.order)
        self._family = by_sentence
        by_source: dict[tuple[str, tuple[str, str]], list[int]] = {}
        for k, s in enumerate(items):
            by_source.setdefault((s.source, family_of(s)), []).append(k)
        self._by_source = by_source
        by_key: dict[tuple[str, int], list[int]] = {}
        for k, s in enumerate(items):
            by_key.setdefault(s.key, []).append(k)
        self._by_key = by_key
        self._near = [_near(s.main) for s in items]  # read for every rival of every pair asked about
        self._cache: dict[tuple[int, int], tuple[float, float]] = {}

    def __call__(self, i: int, j: int) -> float:
        return self._chances(i, j)[0]

    def confidence(self, i: int, j: int) -> float:
        """The calibrated chance that the pair, proposed as a conflict, is one fact told two ways."""
        return self._chances(i, j)[1]

    def _chances(self, i: int, j: int) -> tuple[float, float]:
        pair = (min(i, j), max(i, j))
        if pair not in self._cache:
            x = self.features(*pair)[None, :]
            model = self.model or _default_model()
            p, c = (float(v[0]) for v in model.chances(x))
            if self.twins_in_template(*pair):
                p, c = max(p, TEMPLATE_SAME), max(c, TEMPLATE_SAME)
            self._cache[pair] = (p, c)
        return self._cache[pair]

    def twins_in_template(self, i: int, j: int) -> bool:
        """The two sentences are one sentence but for their figures ("about 100 activists gathered
        outside the court" / "about 151 activists ..."), and the two figures stand at the same place in
        it: one statement, so one fact. The learned model never sees such a pair disagree (copies
        agree), and learns nothing of it; the sentence itself says it."""
        shape = self.align.shapes.get(self.items[i].key, "")
        return "#" in shape and shape == self.align.shapes.get(self.items[j].key) and self.same_place(i, j) > 0

    def same_place(self, i: int, j: int) -> int:
        """How many figures of their family each sentence gives, when it is as many and the two stand
        at the same place among them (the k-th of one sentence and the k-th of the other); else 0."""
        fam_a = self._family.get((self.items[i].key, family_of(self.items[i])), [i])
        fam_b = self._family.get((self.items[j].key, family_of(self.items[j])), [j])
        return len(fam_a) if len(fam_a) == len(fam_b) and fam_a.index(i) == fam_b.index(j) else 0

    def features(self, i: int, j: int) -> np.ndarray:
        a, b = self.items[i], self.items[j]
        fa, fb = a.main, b.main
        ra, rb = fa.frame, fb.frame
        align = self.align
        aligned = align.score(a.key, b.key)
        jac = jaccard(align.bags.get(a.key, set()), align.bags.get(b.key, set()))
        template = float(align.shapes.get(a.key) == align.shapes.get(b.key) and "#" in align.shapes.get(a.key, ""))
        cosine = align.cosine(a.key, b.key) if align.vectors is not None else math.nan
        near_a, near_b = self._near[i], self._near[j]
        near = len(near_a & near_b)
        fam_a = self._family.get((a.key, family_of(a)), [i])
        fam_b = self._family.get((b.key, family_of(b)), [j])
        rank_same = float(self.same_place(i, j) >= 2)
        head_same = float(bool(fa.head) and fa.head == fb.head)
        apart = frames.apart(ra, rb, counted=fa.quantity.kind in {"count", "number"},
                             contrasted=self.contrasted, owned=fa.quantity.kind == "age",
                             one_language=one_language(a, b))
        hedge_a, hedge_b = HEDGE_KIND.get(fa.quantity.hedge, ""), HEDGE_KIND.get(fb.quantity.hedge, "")
        likeness = self.likeness(i, j)
        # Each fact is told once per source: a figure of the other source that is more like this one
        # than its partner is, is more likely its twin (whatever the values). Without rivals there is
        # nothing to weigh (0: neither for nor against; how many rivals there are is left out, as the
        # training labels need two figures of a family in each source to call a pair two facts).
        # A rival is a figure that could be this one's fact: not a part against a total, nor a change
        # against a level ("9 delegates out of a total of 66" and "nine more Ohio delegates" are no
        # rivals of "Ohio has 66 delegates total" for "a total of 66": `could_be`).
        rivals = [self.likeness(i, k) for k in self._by_source.get((b.source, family_of(b)), [])
                  if k != j and self.could_be(i, k)] + \
            [self.likeness(k, j) for k in self._by_source.get((a.source, family_of(a)), [])
             if k != i and self.could_be(k, j)]
        values = [
            aligned, jac, cosine, float(_one_claim(align, a.key, b.key)) if align.claims else math.nan, template,
            head_same,
            float(not head_same and ((bool(fa.head) and fa.head in fb.context) or (bool(fb.head) and fb.head in fa.context))),
            float(not fa.head or not fb.head),
            float(any(x.quantity.unit == y.quantity.unit for x in a.faces for y in b.faces)),  # "43 trillion yen ($315bn)"
            min(len((fa.context & fb.context) - {fa.head, fb.head} - GENERIC), 4),
            float(bool(fa.before[:1]) and fa.before[:1] == fb.before[:1] and fa.before[0] not in LINK_WORDS),
            float(bool(fa.after[:1]) and fa.after[:1] == fb.after[:1] and fa.after[0] not in LINK_WORDS),
            min(near, 4),
            jaccard(near_a, near_b),
            float(bool(apart)),
            float(bool(ra.owners & rb.owners)),
            float(frames.owners_clash(ra, rb)),
            float(bool(ra.scope & rb.scope)),
            float(bool(ra.scope and rb.scope and not ra.scope & rb.scope)),
            float(bool(ra.sort and rb.sort and not ra.sort & (rb.sort | {rb.noun}) and not rb.sort & (ra.sort | {ra.noun}))),
            float(bool(ra.predicate) and ra.predicate == rb.predicate),
            float(bool(ra.predicate and rb.predicate and ra.predicate != rb.predicate)),
            float(ra.whole != rb.whole or ra.part != rb.part or (fa.total and fb.part) or (fa.part and fb.total)),
            float(fa.former != fb.former),
            float(bool(hedge_a) and hedge_a == hedge_b),
            float(bool(fa.period and fb.period and abs(fa.period - fb.period) > 0.1 * max(fa.period, fb.period))),
            math.log1p(max(len(fam_a), len(fam_b))),
            math.log1p(min(len(fam_a), len(fam_b))),
            rank_same,
            cosine * min(near, 4),
            aligned * head_same,
            likeness,
            likeness - max(rivals) if rivals else 0.0,
            *(float(fa.quantity.kind == k) for k in KINDS),
            float(parts.marks_apart(fa, fb)),
            float(parts.adds_up(a, b, self._sentence_items(a, b))),
        ]
        told = self.events.features(i, j, cosine) if self.events is not None else {}
        values.extend(told.get(name, math.nan) for name in EVENT_FEATURES)
        out = np.array(values, dtype=float)
        if not one_language(a, b):
            same = out[_SAME_IF_SPELT]
            out[_SAME_IF_SPELT] = np.where(same > 0, same, math.nan)
            out[_CLASH] = math.nan
            if fa.quantity.kind == "count" and not out[_UNIT]:
                out[_UNIT] = math.nan  # a count's unit is its noun as written; a currency is no word
        return out

    def could_be(self, i: int, j: int) -> bool:
        """Whether the words right at two figures leave them one fact: not a change against a level
        ("nine more delegates"), a former level against a new one, a part against the total it is
        said to be of ("9 delegates out of a total of 66" / "66 delegates total"). Reads no value, as
        the features do not; the frames' looser evidence (owners, sorts, verbs) is left to the model."""
        fa, fb = self.items[i].main, self.items[j].main
        return not (fa.delta != fb.delta or fa.former != fb.former or (fa.total and fb.part)
                    or (fa.part and fb.total))

    def _sentence_items(self, a: Stated, b: Stated) -> list[Stated]:
        """The figures of the two sentences (of every family: `parts.adds_up` keeps its own)."""
        return [self.items[k] for key in {a.key, b.key} for k in self._by_key.get(key, [])]

    def likeness(self, i: int, j: int) -> float:
        """How alike what two figures' sentences say of them: the counted noun, the words near them,
        the sentences' words (a quick score, used to weigh a pair against its rivals)."""
        fa, fb = self.items[i].main, self.items[j].main
        return (float(bool(fa.head) and fa.head == fb.head) + jaccard(self._near[i], self._near[j])
                + jaccard(set(fa.context) - GENERIC, set(fb.context) - GENERIC)
                + jaccard(self.align.bags.get(fa.key, set()), self.align.bags.get(fb.key, set())))


def _one_claim(align: Alignment, a: tuple[str, int], b: tuple[str, int]) -> bool:
    return bool(align.claims.get(a, set()) & align.claims.get(b, set()))


def _near(f: Found) -> set[str]:
    """The content words right around a figure, as concepts."""
    return {concept(w) for w in f.before + f.after if w not in STOP_WORDS} - GENERIC

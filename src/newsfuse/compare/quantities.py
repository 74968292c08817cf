"""Quantity conflicts: figures of one fact that the sources give with values that cannot both be true.

Found in two passes, so that a false alarm needs two mistakes at once:

1. sentences that say the same thing (one claim, or many words in common): their numbers of one kind
   are reconciled; a number left without a partner on each side is a conflict candidate;
2. anywhere in the story: two numbers of one kind that measure the same named thing ("defense
   spending over five years", "the talks") although their sentences differ.

Two values that only look different are let go (`compare.values`): a bound ("at least three" vs
"three"), rounding ("3.47 million" vs "3.5 million"), one sum in two currencies, a change vs a level,
a yearly figure vs a five-year total. What is left is told only when the same-fact model
(`compare.same_fact`) gives the two figures even odds of being one fact, with the model's calibrated
chance that such a report is right as its confidence.
Lower bounds that rose from one day's reports to a later day's are an update, not a conflict.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass

from newsfuse.compare.align import LEXICAL_ALIGN, Alignment
from newsfuse.compare.background import YEARS_BEFORE
from newsfuse.compare.dates import overlap, preposition
from newsfuse.compare.events import FigureEvents
from newsfuse.compare.quantity_sides import about, conflict_kind, value_buckets, value_groups
from newsfuse.compare.same_fact import SameFact
from newsfuse.compare.statement import NOT_ONE, RIGHT, one_statement, other_times
from newsfuse.compare.updates import ONE_INSTANCE, UPDATE_DAYS, as_update
from newsfuse.compare.values import (
    FAR_APART,
    HEDGE_KIND,
    Stated,
    Verdict,
    compare_values,
    distinctive,
    family_of,
    far_apart,
    one_language,
    reads_structure,
    stated_values,
)
from newsfuse.disjoint import DisjointSets
from newsfuse.facts import frames
from newsfuse.facts.dates import FoundDate
from newsfuse.facts.quantities import Found
from newsfuse.facts.quantity_words import GENERIC, concept
from newsfuse.stopwords import STOP_WORDS
from newsfuse.types import Conflict

# Things that last: how long "the talks" or "the visit" took names one thing across sources.
EVENT_CONCEPTS = frozenset({"meet", "visit", "elect", "vote", "trial", "hear", "war", "strike", "attack",
                            "protest", "flight", "game", "match", "race", "storm", "fire", "operat"})


# Two disagreeing figures are told as a conflict only when the same-fact model (`compare.same_fact`:
# its figure part moved by the sentence evidence) gives them at least this chance of being one fact.
# The conflict's confidence is the model's calibrated chance that such a proposed pair is one fact
# told two ways (`SameFact.confidence`, fitted on judged tune pairs), times how much the disagreement
# weighs (`compare.values`).
SAME_FACT_FLOOR = 0.5
# ... and when that chance times the disagreement's weight reaches this (conflicts of other kinds
# need it of their confidence: `compare.CONFIDENCE_FLOOR`). Decided on that chance, not on the
# calibrated confidence: the calibration says how often such reports are right, not which.
REPORT_FLOOR = 0.25
# Figures of a sentence and its counterpart in another language (one claim) that stand at one place
# among the figures both readers agree on (`_in_order`) get at least this chance, and this
# confidence (the calibration was fitted on pairs of one language): there the model's words are
# spelt in two vocabularies and say little, and the order is what says the two are one fact (as
# `same_fact.TEMPLATE_SAME` trusts one template). Just over even odds: the order is the one evidence.
PLACED_SAME = 0.6


# --- is it the same thing? -------------------------------------------------------------------------

def _comparable(a: Stated, b: Stated) -> bool:
    fa, fb = a.main, b.main
    if family_of(a) != family_of(b) or fa.delta != fb.delta or fa.per != fb.per:
        return False
    if fa.period and fb.period and abs(fa.period - fb.period) > 0.1 * max(fa.period, fb.period):
        return False  # a five-year total and a one-year figure
    return not (fa.quantity.kind == "number" and not fa.quantity.unit and not (fa.head and fa.head == fb.head))


def _same_measure(a: Stated, b: Stated, aligned: bool) -> bool:
    fa, fb = a.main, b.main
    shared = (fa.context | {fa.head}) & (fb.context | {fb.head}) - {""} - GENERIC
    if aligned:  # the sentences say the same; the numbers must still measure the same noun
        if not one_language(a, b):
            return True  # "objet" / "object": two languages' nouns, not two things
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
    items = stated_values(found)
    when: dict[tuple[str, int], list[FoundDate]] = defaultdict(list)
    for d in dates:
        # Only the time something happened counts; "from fiscal 2023" or "since 2019" bound a period.
        if preposition(d) not in {"from", "since", "until", "till", "by", "before", "after"}:
            when[d.key].append(d)

    began = min((d for d in (published or {}).values() if d is not None), default=None)

    def history(k: tuple[str, int]) -> bool:
        """Every time the sentence names ended a year or more before the story began: it recounts
        history ("In June 2012, a 3.0 quake struck", "a five-year sentence in 1959"). Not weeks
        before: a plan "announced in December" is still the figure the story is about."""
        return began is not None and bool(when.get(k)) and \
            all(d.ref.end < began - dt.timedelta(days=YEARS_BEFORE) for d in when[k])

    def other_time(ka: tuple[str, int], kb: tuple[str, int], strong: bool = False) -> bool:
        """The sentences tell times that do not meet: both are dated, "in March" vs "this year"; or
        one tells history and the other, undated, the story's own time (a report's undated sentence
        is about now: "a 4.4 quake" of today is not "a 3.0 quake" of 2012) unless the two are one
        claim (`strong`): then the undated one recounts the same history without its date."""
        da, db = when.get(ka, []), when.get(kb, [])
        if bool(da) != bool(db):
            return not strong and (history(ka) or history(kb))
        return bool(da and db) and not any(overlap(x, y) for x in da for y in db)

    def days_between(a: Stated, b: Stated) -> int:
        pa, pb = (published or {}).get(a.source), (published or {}).get(b.source)
        return abs((pa - pb).days) if pa and pb else 0

    def apart(a: Stated, b: Stated, verdict: Verdict, one_instance: bool = False) -> Verdict:
        """Articles published days apart: a changed figure is more likely an update. `one_instance`:
        the two sentences give another figure with one value ("hit .308 with 33 homers and 121 RBIs"
        / "... and 182 RBI"), so however far apart they were published they tell one instance, not
        the next aftershock or another defendant (`compare.updates.ONE_INSTANCE`)."""
        if (days := days_between(a, b)) > 2 and not verdict.consistent:
            verdict.weight *= 0.5
            verdict.notes.append(f"published {days} days apart: may be an update")
            if one_instance and days > UPDATE_DAYS:
                verdict.notes.append(ONE_INSTANCE)
        return verdict

    def two_things(a: Stated, b: Stated) -> bool:
        """Figures too far apart to be one fact told on one day (told days apart: an update)."""
        return far_apart(a, b) and days_between(a, b) <= 2

    by_key: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, s in enumerate(items):
        by_key[s.key].append(i)
    conflicts: list[_Edge] = []
    rises: list[_Edge] = []  # floors of one fact that rose between reports of different days
    agree: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    keys = list(by_key)
    contrasted = frames.contrasted_predicates(
        (s.source, "/".join(family_of(s)), s.main.frame.predicate, s.main.quantity.value, s.main.head) for s in items)
    same_fact = SameFact(items, align, contrasted, events=FigureEvents(items, align.parsed, dates, published))
    placed: set[tuple[int, int]] = set()  # two languages' figures at one place of one claim (`_in_order`)

    def settle(i: int, j: int, verdict: Verdict, disputed: bool, named: bool = False) -> None:
        """Record what two figures the passes paired say: they agree (and, floors of other days,
        may have risen), or, if `disputed` and the model calls them one fact, they conflict. Its
        confidence is how the two figures stand in one statement (`compare.statement`; low when they
        do not), unless they are the same named measure (`_same_measure` outside aligned sentences:
        how long "the talks" took, defense spending over five years; pass 2 finds them so, `named`),
        which is a statement of its own."""
        if other_times(items[i], items[j], align):
            return  # figures of other times neither agree nor disagree: two facts (`compare.own_time`)
        if verdict.consistent:
            agree.append((i, j))
            if verdict.floors and days_between(items[i], items[j]) > 0 and (p := same_fact(i, j)) >= SAME_FACT_FLOOR:
                rises.append(_Edge(i, j, p, ["lower bounds of reports of other days"]))
        elif disputed:
            least = PLACED_SAME if (i, j) in placed else 0.0
            p = max(same_fact(i, j), least)
            if p < SAME_FACT_FLOOR or p * verdict.weight < REPORT_FLOOR:
                return
            confidence = max(same_fact.confidence(i, j), least) * verdict.weight
            if not (named or _same_measure(items[i], items[j], aligned=False)):
                route = one_statement(items[i], items[j], align, same_fact.twins_in_template(i, j))
                confidence = RIGHT.get(route, confidence) if route else min(confidence, NOT_ONE)
            conflicts.append(_Edge(i, j, confidence, verdict.notes))

    # Pass 1: aligned sentences reconcile their numbers.
    for x, ka in enumerate(keys):
        for kb in keys[x + 1:]:
            if ka[0] == kb[0]:
                continue
            score = align.score(ka, kb)
            if score < LEXICAL_ALIGN or other_time(ka, kb, strong=score >= 1.0):
                continue
            settled = list(_reconcile(items, by_key[ka], by_key[kb], contrasted, strong=score >= 1.0, placed=placed))
            # Two statements of one fact share their other figures: sentences whose figures pair two
            # or more times, all differently, and share no value recount other instances (another
            # season's games, other boats). One differing pair among unpaired others is one fact.
            left, right = by_key[ka], by_key[kb]
            shared = any(_same_value(items[i], items[j]) for i in left for j in right)
            instances = sum(not v.consistent for _, _, v in settled) >= 2 and \
                all(not v.consistent for _, _, v in settled) and not shared
            # ... unless a third source's sentence, aligned with one side, gives its figures all over
            # again: two outlets telling one set of figures and a third telling others in the same
            # sentence disagree about one fact (the story is one event), not about two instances.
            if instances and _corroborated(items, by_key, keys, align, ka, kb, contrasted):
                instances = False
            for i, j, verdict in settled:
                seen.add((min(i, j), max(i, j)))
                if not verdict.consistent and two_things(items[i], items[j]):
                    continue  # two things, not two outlets' values of one
                one = shared and not _same_value(items[i], items[j]) and \
                    any(_same_value(items[x], items[y]) and distinctive(items[x]) for x in left for y in right
                        if x != i and y != j)
                settle(i, j, apart(items[i], items[j], verdict, one_instance=one), disputed=not instances)
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
            if (family_of(a), a.main.head) in several or not _same_measure(a, b, aligned=False) \
                    or _apart(a, b, contrasted=None):
                continue
            settle(i, j, apart(a, b, compare_values(a, b)), disputed=not two_things(a, b), named=True)
    return _assemble(items, conflicts, agree, contrasted) + _risen(items, rises, published or {})


def figures_differ(found: Sequence[Found]) -> Callable[[tuple[str, int], tuple[str, int]], bool]:
    """Whether two sentences give figures of one kind that all disagree and share no value: they
    recount two instances ("In July, a thief stole £88m" / "In May, thieves stole £910,000"), so
    nothing else they say (a date, a place) is one fact told two ways. Sentences with no figures of a
    kind in common say nothing either way."""
    by_key: dict[tuple[str, int], list[Stated]] = defaultdict(list)
    for s in stated_values(found):
        by_key[s.key].append(s)

    def differ(ka: tuple[str, int], kb: tuple[str, int]) -> bool:
        pairs = [(a, b) for a in by_key.get(ka, []) for b in by_key.get(kb, []) if _comparable(a, b)]
        return bool(pairs) and not any(_same_value(a, b) or compare_values(a, b).consistent for a, b in pairs)
    return differ


def _risen(items: list[Stated], edges: list[_Edge], published: dict[str, dt.date | None]) -> list[Conflict]:
    """Lower bounds of one fact that rose from one day's reports to a later day's ("at least 35" on
    Wednesday, "at least 80" on Thursday): both hold, so no conflict, but the story moved on. Told as
    an update (`compare.updates`) when the days order the values; otherwise left out."""
    sets = DisjointSets(len(items))
    for e in edges:
        sets.union(e.a, e.b)
    groups: dict[int, set[int]] = defaultdict(set)
    for e in edges:
        groups[sets.find(e.a)].update({e.a, e.b})
    out: list[Conflict] = []
    for root, group in groups.items():
        buckets: dict[tuple[float, str], list[Stated]] = defaultdict(list)
        for i in sorted(group):
            q = items[i].main.quantity
            buckets[(q.value, q.unit)].append(items[i])
        if len(buckets) < 2:
            continue
        best = max((e for e in edges if sets.find(e.a) == root), key=lambda e: e.confidence)
        conflict = Conflict(kind=conflict_kind(items[best.a]), about=about(items, group),
                            values=value_groups(list(buckets.values())), confidence=round(best.confidence, 2),
                            note="lower bounds of reports of other days")
        if as_update(conflict, published) is not None:
            out.append(conflict)
    return out


def _corroborated(items: list[Stated], by_key: dict[tuple[str, int], list[int]], keys: list[tuple[str, int]],
                  align: Alignment, ka: tuple[str, int], kb: tuple[str, int],
                  contrasted: Collection[frozenset[str]]) -> bool:
    """Does a sentence of a third source, aligned with one of them, agree with its every figure (two
    figures at least)?"""
    for kc in keys:
        if kc[0] in {ka[0], kb[0]}:
            continue
        for side in (ka, kb):
            if align.score(side, kc) < LEXICAL_ALIGN:
                continue
            said = list(_reconcile(items, by_key[side], by_key[kc], contrasted, strong=align.score(side, kc) >= 1.0))
            if len(said) >= 2 and len(said) == len(by_key[side]) and all(v.consistent for _, _, v in said):
                return True
    return False


def _several(items: list[Stated]) -> set[tuple[tuple[str, str], str]]:
    """Measures (family, head) that some source gives with two values that cannot both hold."""
    said: dict[tuple[str, tuple[str, str], str], list[Stated]] = defaultdict(list)
    for s in items:
        if s.main.head:
            said[(s.source, family_of(s), s.main.head)].append(s)
    out: set[tuple[tuple[str, str], str]] = set()
    for (_, family, head), mine in said.items():
        if any(not compare_values(x, y).consistent for k, x in enumerate(mine) for y in mine[k + 1:]
               if _comparable(x, y)):
            out.add((family, head))
    return out


def _reconcile(items: list[Stated], left: list[int], right: list[int], contrasted: Collection[frozenset[str]],
               strong: bool = True, placed: set[tuple[int, int]] | None = None) -> Iterable[tuple[int, int, Verdict]]:
    """Pair the numbers of two sentences that say the same thing.

    Equal figures pair first (so "aged 20, 33 and 40" and "aged 30, 33 and 40" leave 20 against 30,
    not 30 against 33 within rounding), then figures that agree, best matched by the words around them;
    what is left is paired by what it measures and the words around it (`_match`), and compared.
    `strong`: the sentences are one claim (or one template), not merely sharing words;
    `contrasted`: the verb pairs the story uses for different figures (`frames.contrasted_predicates`);
    `placed` receives the pairs of two languages' figures paired by their place (`_in_order`).
    """
    free_l, free_r = list(left), list(right)
    anchors: list[tuple[int, int]] = []  # figures paired as one value: where the sentences line up
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
                anchors.append((i, j))
                if agreed is not None:
                    yield i, j, agreed
    for i, j in _match(items, free_l, free_r, contrasted, strong, anchors, placed):
        yield i, j, compare_values(items[i], items[j])


def _same_value(a: Stated, b: Stated) -> bool:
    """The same figure, whatever noun each sentence counts with it ("14 populations", "14 segments")."""
    return any(fa.quantity.value == fb.quantity.value and family_of(a) == family_of(b)
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
           strong: bool = True, anchors: Sequence[tuple[int, int]] = (),
           placed: set[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Pair left-over figures of two aligned sentences.

    A lone figure of one family on each side pairs when it measures the same noun (the old rule).
    Several of a family, a bare number against a count ("remove 15 of those" / "10 populations to be
    removed"), or two bare numbers pair only by the words around them: the pair must score
    `CONTEXT_PAIR` and beat the other pairings of both figures by `CONTEXT_MARGIN`; a bare number
    pairs only in `strong`ly aligned sentences (one claim), as it says least about what it is of.
    """
    pairs: list[tuple[int, int]] = []
    if strong and left and right and not one_language(items[left[0]], items[right[0]]):
        pairs = _in_order(items, left, right, anchors, contrasted)
        if placed is not None:
            placed.update(pairs)
        left = [i for i in left if all(i != a for a, _ in pairs)]
        right = [j for j in right if all(j != b for _, b in pairs)]
    scores: dict[tuple[int, int], float] = {}
    for i in left:
        for j in right:
            bare = not (_comparable(items[i], items[j]) or strong)
            if _pairable(items[i], items[j], contrasted, strong) and not bare:
                scores[(i, j)] = _context_score(items[i], items[j]) + _rank_bonus(items, left, right, i, j)
    family_l = Counter(family_of(items[i]) for i in left)
    family_r = Counter(family_of(items[j]) for j in right)
    for (i, j), score in sorted(scores.items(), key=lambda kv: -kv[1]):
        if any(i == a or j == b for a, b in pairs):
            continue
        a, b = items[i], items[j]
        lone = family_of(a) == family_of(b) and family_l[family_of(a)] == family_r[family_of(b)] == 1
        if lone and (_comparable(a, b) or (strong and not one_language(a, b))):
            pairs.append((i, j))
            continue
        rivals = [v for (x, y), v in scores.items() if (x == i) != (y == j)]
        # In one claim, two figures that are each other's only candidate need less: "lower the voting
        # age to 24" / "lower the voting age from 18 to 16" (the 18 is ruled out as the former level).
        alone = strong and not rivals and score >= CONTEXT_PAIR_ALONE and family_of(a) == family_of(b)
        if alone or (score >= CONTEXT_PAIR and all(score - v >= CONTEXT_MARGIN for v in rivals)):
            pairs.append((i, j))
    return pairs


def _order_family(s: Stated) -> tuple[str, str]:
    """The family a figure is ordered in across languages: a bare number is a count whose noun one
    reader did not find ("about 700 injured" / "environ 700 personnes ont été blessées")."""
    q = s.main.quantity
    return ("count", "") if q.kind == "number" and not q.unit else family_of(s)


def _in_order(items: list[Stated], left: list[int], right: list[int], anchors: Sequence[tuple[int, int]],
              contrasted: Collection[frozenset[str]]) -> list[tuple[int, int]]:
    """Pair the left-over figures of a sentence and its counterpart in another language by their order.

    A translation or a close report states its figures in the same order. The figures already paired
    as one value (`anchors`) cut both sentences into stretches that line up; within a stretch, the
    k-th figure of a family on one side is the k-th on the other, when both sides have as many. A
    figure too far from every figure of the other side to be its value (`far_apart`: "des centaines de
    blessés" beside "four bombers") is one the other reader did not see, and is left out first. A
    stretch of ages or measures (not counts, which their nouns pair) with an anchor on one end only,
    still uneven, pairs outward from that anchor: the two readers split sentences differently, and
    what one side tells past the other's end ("Garcia, 24" in the next sentence) is at the far end
    ("25, 34, 23 and 31" beside "25, 34, 23, 31 and 24").
    """
    def stretch(k: int, side: int) -> int:
        order = items[k].main.order
        return sum(items[a if side == 0 else b].main.order < order for a, b in anchors)

    def usable(k: int, others: list[int]) -> bool:
        return any(not _beyond(items[k], items[o]) for o in others)

    groups: dict[tuple[int, tuple[str, str]], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    # Anchors must line up on both sides for stretches to mean anything.
    crossed = any((items[a].main.order < items[c].main.order) != (items[b].main.order < items[d].main.order)
                  for a, b in anchors for c, d in anchors)
    for side, ks in ((0, left), (1, right)):
        for k in ks:
            groups[(0 if crossed else stretch(k, side), _order_family(items[k]))][side].append(k)
    pairs: list[tuple[int, int]] = []
    for (at, family), (ls, rs) in groups.items():
        ls = [k for k in ls if usable(k, rs)] if len(ls) != len(rs) else ls
        rs = [k for k in rs if usable(k, ls)] if len(ls) != len(rs) else rs
        ls.sort(key=lambda k: items[k].main.order)
        rs.sort(key=lambda k: items[k].main.order)
        # (not counts: their nouns pair them, "78 personnes" with "52 people", not "des centaines blessées")
        if ls and rs and len(ls) != len(rs) and anchors and not crossed and at in {0, len(anchors)} \
                and family[0] != "count":
            n = min(len(ls), len(rs))  # outward from the one anchor: after the last, before the first
            ls, rs = (ls[:n], rs[:n]) if at == len(anchors) else (ls[-n:], rs[-n:])
        if not ls or len(ls) != len(rs):
            continue
        pairs += [(i, j) for i, j in zip(ls, rs, strict=True) if _pairable(items[i], items[j], contrasted, strong=True)]
    return pairs


def _beyond(a: Stated, b: Stated) -> bool:
    """Too far apart to be one figure of a sentence and its counterpart (`far_apart`), durations
    included: "خلال 15 ايام" beside "in 10 days" and "a two-year process" is one of the days, not
    the two years (`far_apart` leaves durations out for the conflicts themselves: a session's hours
    and a dialogue's days of one meeting are both told)."""
    qa, qb = a.main.quantity, b.main.quantity
    if qa.kind == qb.kind == "duration":
        low, high = sorted((qa.value, qb.value))
        return low > 0 and high / low >= FAR_APART
    return far_apart(a, b)


def _apart(a: Stated, b: Stated, contrasted: Collection[frozenset[str]] | None) -> str:
    """Why two figures' frames cannot be one fact (`frames.apart`); "" when they can. A reader that
    reads no frames (`reads_structure`) says nothing of whole and part against one that does."""
    if not (reads_structure(a) and reads_structure(b)):
        return "a denied figure" if a.main.frame.negated or b.main.frame.negated else ""
    return frames.apart(a.main.frame, b.main.frame, counted=_counted(a), contrasted=contrasted,
                        owned=a.main.quantity.kind == "age", one_language=one_language(a, b))


def _counted(s: Stated) -> bool:
    """A count of things, whose verb says which things (not a measure in units: "130 pounds"; not an
    age, which is its owner's whatever the clause says of them: "Matus, 52, was found" / "last seen")."""
    q = s.main.quantity
    return q.kind == "count" or (q.kind == "number" and not q.unit)


def _pairable(a: Stated, b: Stated, contrasted: Collection[frozenset[str]], strong: bool = False) -> bool:
    """Could these two figures of aligned sentences be one figure? A bare number ("remove 15 of
    those") may stand for a count; otherwise the kinds and units must agree, and the frames
    (`frames.apart`) must allow one fact."""
    fa, fb = a.main, b.main
    # Outside English a counted noun is a bare stem, no synonyms folded ("quinze marins" / "vingt
    # soldats" of one crew): in sentences of one claim, with a word in common beside the figures
    # ("... Britanniques de la Navy"), it does not veto the pairing; `_match`'s rules still decide.
    near = {w for w in (*fa.before, *fa.after) if len(w) > 3} & {w for w in (*fb.before, *fb.after) if len(w) > 3}
    loose = strong and bool(fa.lang and fb.lang) and bool(near - {fa.quantity.unit, fb.quantity.unit})
    # Across languages nothing is spelt alike: in sentences of one claim, the kinds, the frames'
    # structure and `_match`'s order decide.
    loose = loose or (strong and not one_language(a, b))
    if not (loose or _same_measure(a, b, aligned=True)) or fa.per != fb.per:
        return False
    if fa.delta != fb.delta and reads_structure(a) and reads_structure(b):
        return False  # "rose by 5%" is not "5%" (a reader that reads no changes says neither)
    if fa.former != fb.former:
        return False  # "lower the age to 16" pairs with "to 16" of "from 18 to 16", not with 18
    if _apart(a, b, contrasted):
        return False  # Anwar's age is not Mahathir's; Nairobi's toll is not the total
    if fa.quantity.kind == fb.quantity.kind == "count" and fa.head and fb.head and fa.head != fb.head \
            and not {fa.head, fb.head} & GENERIC and not loose:
        return False  # "two merchant vessels" and "three boats" count different things
    if {fa.quantity.kind, fb.quantity.kind} == {"count", "number"} and one_language(a, b):
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
        return all(not f.quantity.unit for f in bare) or family_of(a) == family_of(b)
    return family_of(a) == family_of(b)


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
    fam = family_of(items[i])
    ls = sorted((k for k in left if family_of(items[k]) == fam), key=lambda k: items[k].main.order)
    rs = sorted((k for k in right if family_of(items[k]) == fam), key=lambda k: items[k].main.order)
    if family_of(items[j]) != fam or len(ls) != len(rs) or len(ls) < 2:
        return 0.0
    if ls.index(i) != rs.index(j):
        return 0.0
    # A sentence and its counterpart in another language share no word to pair figures by; a
    # translation or a close report keeps their order, so across languages the order is the evidence.
    return 0.5 if one_language(items[i], items[j]) else CONTEXT_PAIR + CONTEXT_MARGIN


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
        values = value_groups(_between_sources(value_buckets(items, sorted(group)), contrasted))
        if len(values) < 2:
            continue
        mine = [e for e in edges if find(e.a) == root]
        best = max(mine, key=lambda e: e.confidence)
        notes = list(dict.fromkeys(n for e in mine for n in e.notes))
        kind = conflict_kind(items[best.a])
        out.append(Conflict(kind=kind, about=about(items, group), values=values,
                            confidence=round(best.confidence, 2), note="; ".join(notes)))
    return out






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

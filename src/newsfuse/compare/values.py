"""One stated value and whether two can both be true: rounding, bounds, ranges, currencies, units.

The quantity conflict finder decides which figures are of one fact; this module only says, for two
figures taken to be of one fact, whether they can both hold and how much a disagreement weighs. It is
apart so that those rules (a bound, a rounding step, a conversion) are read in one place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsfuse.facts.numbers import SMALL, TENS
from newsfuse.facts.quantities import Found
from newsfuse.facts.quantity_words import HEDGES, LOCAL_HEDGES, STRICT_HEDGES, TRAILING_HEDGES, USD_RATE
from newsfuse.types import Quantity

HEDGE_KIND = {**LOCAL_HEDGES, **HEDGES, **TRAILING_HEDGES}  # hedge words → "min" | "max" | "approx"


def written(q: Quantity) -> str:
    """A value as a conflict or an update prints it normalized, before its unit: "174", "3.5", "~52000",
    "≥ 7" (its hedge as a bound)."""
    value = str(int(q.value)) if q.value == int(q.value) and abs(q.value) < 1e15 else \
        f"{q.value:.6g}" if q.value != int(q.value) else f"{q.value:.0f}"
    prefix = {"min": "≥ ", "max": "≤ ", "approx": "~"}.get(HEDGE_KIND.get(q.hedge, ""), "")
    return prefix + value


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


def stated_values(found: Sequence[Found]) -> list[Stated]:
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


def one_language(a: Stated, b: Stated) -> bool:
    """Are two figures' sentences in one language? Across two, the words around the figures (the
    counted noun, the verbs, the names) are spelt in two vocabularies, so their spelling can neither
    tie the figures nor set them apart: only the sentences' alignment and the figures' order can."""
    return (a.main.lang or "en") == (b.main.lang or "en")


def reads_structure(s: Stated) -> bool:
    """Was the figure read by the English reader, which parses what a figure is said of (a change, "by
    3 votes"; a part of a list; a whole)? The readers of other languages (`facts.quantities_local`)
    read the words around a figure only, so such a flag unset there says nothing either way."""
    return (s.main.lang or "en") == "en"


def family_of(s: Stated) -> tuple[str, str]:
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
    floors: bool = False  # consistent as two different lower bounds ("at least 35", "at least 80")


# Thousands grouped by a space, as French or German write them ("1 050", "13 000"): one number.
_SPACED_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")


def _granularity(text: str, value: float) -> float:
    """The rounding step a figure was written with: 320 → 10, 3.5 → 0.1, "3 1/2" → 0.5."""
    text = _SPACED_THOUSANDS.sub("", text)
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
    if bound_a == bound_b == "min" and va != vb:
        # "at least 35" and "at least 80" are both true of 80 dead: two floors never contradict each
        # other (the higher is most often the later count of a toll still being made).
        return Verdict(True, notes=["both figures are lower bounds; both hold"], floors=True)
    if bound_a == bound_b == "max" and va != vb:
        # "as many as 133,333" and "as many as 200,000": news uses a ceiling to give an estimate, and
        # two estimates of one figure that far apart are a disagreement, shown with little weight.
        return Verdict(False, 0.5, ["both figures are upper estimates; both may hold"])
    if qa.high is not None and qb.high is not None and not (_near(va, vb) and _near(ha or 0, hb or 0)):
        return Verdict(False, 0.9, ["two different ranges"])
    if lo_a <= hi_b and lo_b <= hi_a:
        edge = _strict_edge(qa.hedge, lo_a, hi_a, lo_b, hi_b) or _strict_edge(qb.hedge, lo_b, hi_b, lo_a, hi_a)
        if not edge:
            return Verdict(True)
        # "more than 16 hours" and "16 hours": the bound leaves the figure itself out, but outlets
        # round the same figure either way ("seven days" / "more than seven days"): a hedge, not a
        # disagreement.
        return Verdict(True, notes=[f"\"{edge}\" leaves the other figure out: a hedge"])
    if not converted and qa.kind == qb.kind == "money" and (_cents_dropped(qa.text, va, vb) or _cents_dropped(qb.text, vb, va)):
        return Verdict(True, notes=["one price is given without its cents"])
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


def _cents_dropped(text: str, value: float, other: float) -> bool:
    """A price said in whole units ("$99") of a price with cents ("$99.99"): prices are quoted with
    their cents left off, not rounded up, so any price from the whole figure up to the next unit is
    the same price. Only for prices of tens of units or more, where the cents are under a tenth."""
    return 10 <= value < 1e6 and "." not in text and value < other < value + 1


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


# "2 h 30", "14h05": hours and minutes as French, Italian or Spanish news write a duration.
_HOURS_MINUTES = re.compile(r"(\d{1,3})\s*h\s*(\d{2})\b")


def _written_number(text: str) -> float | None:
    text = _SPACED_THOUSANDS.sub("", text)
    hm = _HOURS_MINUTES.search(text)
    if hm is not None:
        return int(hm.group(1)) + int(hm.group(2)) / 60
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


# An outlet's guess ("circa un centinaio", "more than 300") may be this far from another's figure and
# still be one fact, when both count the same thing said the same way.
HEDGED_APART = 2 * FAR_APART
FRAME_WORDS = 4  # words after a figure that say what is said of it ("treni sono stati cancellati")


def _one_frame(a: Found, b: Found) -> bool:
    """The same counted noun, then the same words after it: "Circa un centinaio di treni sono stati
    cancellati in tutta Italia" and "Oltre 300 treni sono stati cancellati in tutta Italia"."""
    wa = {w for w in a.after[:FRAME_WORDS] if len(w) > 3}
    wb = {w for w in b.after[:FRAME_WORDS] if len(w) > 3}
    return bool(a.head) and a.head == b.head and len(wa & wb) >= 2


# Whole numbers below this agree by chance too often to say two statements tell one fact or one
# instance ("two people" of one attack and of the next).
CHANCE_BELOW = 10


def distinctive(s: Stated) -> bool:
    """A value two reports are unlikely to share by chance: a sum, a share, a fraction, or 10 and more."""
    q = s.main.quantity
    return q.kind in {"money", "percent"} or q.value != int(q.value) or abs(q.value) >= CHANCE_BELOW


def far_apart(a: Stated, b: Stated) -> bool:
    """Two figures of one kind too far apart to be two outlets' values of one fact. A hedged figure
    told in the other's very frame is allowed further (`HEDGED_APART`): a round guess and a bound of
    one count differ more than two exact tolls."""
    if a.main.quantity.kind == "duration":
        return False
    hedged = bool(a.main.quantity.hedge or b.main.quantity.hedge) and _one_frame(a.main, b.main)
    limit = HEDGED_APART if hedged else FAR_APART
    for fa, fb, va, vb, _ in _common_faces(a, b):
        ha = fa.quantity.high * (va / fa.quantity.value) if fa.quantity.high and fa.quantity.value else va
        hb = fb.quantity.high * (vb / fb.quantity.value) if fb.quantity.high and fb.quantity.value else vb
        low, high = (ha, vb) if ha < vb else (hb, va)  # the nearer ends of the two (ranges included)
        if low <= 0 or high / low < limit:
            return False
    return True

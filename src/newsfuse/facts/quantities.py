"""Numbers in sentences: money, percentages, durations, counts, ages; parsed and normalized by hand.

Works on spaCy tokens (so "$315 billion", "3 1/2 hours", "two-day" and "45-year-old" arrive already
cut into pieces) and uses the dependency parse only to say what a number measures. Each number found
(read by `facts.numbers`, its kind told by the words of `facts.quantity_words`) becomes a `Quantity`;
the compare stage also needs the details kept in `Found`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsfuse.facts.frames import Frame, read_frame
from newsfuse.facts.nlp import Parsed
from newsfuse.facts.numbers import MONTH_NAMES, NUMBER, SCALES, number_at
from newsfuse.facts.quantity_words import (
    CHANGE_WORDS,
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    GAP_CUES,
    GENERIC,
    HEDGES,
    HOURS,
    LINKING,
    MEASURE_UNITS,
    NOT_HEDGES_FOR_DURATION,
    PER_WORDS,
    PERCENT_WORDS,
    QUAKE_WORDS,
    TRAILING_HEDGES,
    USD_RATE,
    concept,
)
from newsfuse.types import Quantity, QuantityKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(slots=True)
class Found:
    """A quantity with what the compare stage needs to know about it."""

    quantity: Quantity
    key: tuple[str, int]  # (article id, sentence index)
    start: int  # token span in the sentence's doc
    end: int
    head: str  # concept of the thing measured ("meet", "spend", "object")
    context: frozenset[str]  # concepts of the words around it that say what it measures
    period: float | None = None  # hours the figure covers ("over five years" → 43830)
    per: str = ""  # a rate: "year" for "annual", "a year"
    delta: bool = False  # a change ("rose by 5%"), not a level
    gap: bool = False  # "the first ... in four years": time since something, not how long it took
    currency_group: int = -1  # quantities of one sentence that are one sum in two currencies
    text: str = ""  # the sentence
    # The words either side of the figure (lowercased, numbers left out), nearest first: what tells
    # "230 cheerleaders, 140 artists" apart when two sentences each give several numbers of one kind.
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    order: int = 0  # position among the figures of its sentence
    # The factor from the unit as written to `quantity.unit` ("pounds" → 0.4536 for kg): the faces of
    # "1,230 pounds (560 kilograms)" are compared with the other source's figure in the same unit.
    scale: float = 1.0
    total: bool = False  # "66 delegates total", "a total of 66": the whole
    part: bool = False  # "9 delegates out of a total of 66": a share of a whole
    former: bool = False  # "from 18 to 16": the level before a change
    frame: Frame = field(default_factory=Frame)  # whose, where, which kind, what is said of it
    lang: str = ""  # the sentence's language when not English (`facts.quantities_local` read it)


def extract_quantities(parsed: list[Parsed]) -> list[Found]:
    found: list[Found] = []
    for p in parsed:
        found.extend(_in_sentence(p))
    return found


# --- one sentence ----------------------------------------------------------------------------------

def _in_sentence(p: Parsed) -> list[Found]:
    doc = p.doc
    out: list[Found] = []
    i = 0
    while i < len(doc):
        got = number_at(doc, i)
        if got is None:
            i += 1
            continue
        value, j = got
        found = _classify(p, i, value, j)
        if found is None:
            i = max(j, i + 1)
            continue
        found.order = len(out)
        out.append(found)
        i = max(found.end, i + 1)
    currency_groups(out, doc)
    return out


def _classify(p: Parsed, i: int, value: float, j: int) -> Found | None:
    doc = p.doc
    start, end = i, j
    high: float | None = None
    # A range: "3 to 4 hours", "3-4 percent", "between 5 and 10"
    if j + 1 < len(doc) and doc[j].lower_ in {"to", "-", "–", "and"} and \
            (doc[j].lower_ != "and" or (i > 0 and doc[i - 1].lower_ == "between")):
        second = number_at(doc, j + 1)
        if second is not None and second[0] > value:
            high, j = second
            end = j
            scale = doc[j - 1].lower_
            if scale in SCALES and scale != "hundred" and not any(t.lower_ in SCALES for t in doc[i:end - 1]):
                value *= SCALES[scale]  # "2 to 3 million": the scale word counts for both ends
    currency = ""
    if start > 0 and doc[start - 1].lower_ in CURRENCY_SIGNS:
        currency = CURRENCY_SIGNS[doc[start - 1].lower_]
        start -= 1
        if currency == "USD" and start > 0 and doc[start - 1].text in {"US", "U.S."}:
            start -= 1
    kind: QuantityKind
    unit = ""
    hours = 1.0
    nxt = doc[j].lower_ if j < len(doc) else ""
    nxt2 = doc[j + 1].lower_ if j + 1 < len(doc) else ""
    if currency:
        kind, unit = "money", currency
    elif nxt in CURRENCY_WORDS and not (nxt == "won" and doc[j].tag_.startswith("VB")):
        kind, unit, end = "money", CURRENCY_WORDS[nxt], j + 1
    elif nxt == "-" and nxt2 in CURRENCY_WORDS and nxt2 != "won":
        kind, unit, end = "money", CURRENCY_WORDS[nxt2], j + 2  # "a 110-billion-euro bailout"
    elif nxt in {"u.s.", "us", "american"} and nxt2 in {"dollar", "dollars"}:
        kind, unit, end = "money", "USD", j + 2  # "322 million U.S. dollars"
    elif nxt in CURRENCY_SIGNS and nxt.isalpha() and len(nxt) == 3:
        kind, unit, end = "money", CURRENCY_SIGNS[nxt], j + 1  # a code after the figure: "180 million USD"
    elif nxt in PERCENT_WORDS or f"{nxt} {nxt2}" in PERCENT_WORDS:
        two = f"{nxt} {nxt2}"
        unit = PERCENT_WORDS.get(two) or PERCENT_WORDS[nxt]
        kind, end = "percent", j + (2 if two in PERCENT_WORDS else 1)
    elif (i > 0 and doc[i - 1].lower_ == "magnitude") or (nxt in QUAKE_WORDS and "." in doc[i].text) \
            or [t.lower_ for t in doc[max(0, i - 2):i]] == ["magnitude", "of"]:
        kind, unit = "number", "magnitude"  # "magnitude 8.8", "the 8.8 earthquake"
        start = i - 1 if doc[i - 1].lower_ == "magnitude" else start
    elif nxt == "square" and MEASURE_UNITS.get(nxt2, ("",))[0] in {"km", "m"}:
        # "28,000 square kilometres", "300 square miles": an area, as the other readers read
        # "kilomètres carrés" (km²)
        length, factor = MEASURE_UNITS[nxt2]
        kind, unit, end, hours = "number", f"{length}2", j + 2, factor ** 2
    elif nxt in MEASURE_UNITS or (nxt == "-" and nxt2 in MEASURE_UNITS):
        word = nxt if nxt in MEASURE_UNITS else nxt2
        unit, factor = MEASURE_UNITS[word]
        kind, end, hours = "number", j + (1 if nxt in MEASURE_UNITS else 2), factor
        per = [t.lower_.rstrip(".") for t in doc[end:end + 2]]
        if unit == "km" and (per in (["/", "h"], ["per", "hour"]) or (
                end < len(doc) and doc[end].lower_ in {"/h", "/hr"})):
            # "178 km/h", "90 kilometres per hour": a speed (as "mph" is, and as the other languages'
            # readers cut "150 km/h"), not a distance
            unit, end = "km/h", end + (1 if doc[end].lower_ in {"/h", "/hr"} else 2)
    else:
        k = j + 1 if nxt == "-" else j
        word = doc[k].lower_ if k < len(doc) else ""
        if word in HOURS:
            after = [t.lower_ for t in doc[k + 1:k + 4] if t.text != "-"]
            if after[:1] == ["old"]:
                old = next(t.i for t in doc[k + 1:k + 4] if t.lower_ == "old")
                kind, unit, end = "age", "years", old + 1
            elif after[:1] == ["ago"]:
                return None  # a date, for the dates stage
            else:
                kind, unit, end, hours = "duration", "hours", k + 1, HOURS[word]
        elif i > 0 and doc[i - 1].lower_ in {"aged", "age"}:
            kind, unit = "age", "years"
        elif (share := _proportion(doc, j, value)) is not None:
            kind, unit, end = "percent", "%", share[1]  # "three in ten Americans": a share, 30 %
            value = 100 * value / share[0]
        elif i > 1 and 0 < value < 130 and (
                (doc[i - 1].lower_ == "at" and doc[i - 2].lower_ in {"die", "dies", "died", "dying"})
                or (doc[i - 1].lower_ == "of" and doc[i - 2].lower_ == "age")):
            kind, unit = "age", "years"  # "dies at 91", "at the age of 91"
        elif i > 0 and doc[i - 1].lower_ in {"was", "is"} and (j >= len(doc) or doc[j].is_punct) \
                and 0 < value < 150:
            kind, unit = "age", "years"  # "He was 28."
        else:
            kind, unit = "count", ""
    if kind in {"percent", "money"} and high is None:
        end, high = _unit_range(doc, end, value, unit, kind)
    if kind == "count" and i >= 2 and doc[i - 1].text == "," and doc[i - 2].is_alpha and \
            doc[i - 2].pos_ not in {"VERB", "AUX", "ADP", "DET", "CCONJ", "PRON", "NUM"} and \
            0 < value < 120 and value == int(value) and (j >= len(doc) or doc[j].text in {",", ")"}):
        kind, unit = "age", "years"  # "Francesca Matus, 52, was found"
    if kind == "count" and any(t.lower_ == "aged" for t in doc[max(0, i - 6):i]) and \
            all(t.like_num or t.text == "," or t.lower_ in {"and", "aged"} for t in doc[max(0, i - 6):i]
                if t.i > max(t2.i for t2 in doc[max(0, i - 6):i] if t2.lower_ == "aged")):
        kind, unit = "age", "years"  # "the workers, aged 20, 33 and 40"
    if kind == "count" and _not_a_quantity(doc, i, j, value):
        return None
    if kind == "count" and high is None and _score(doc, i, j):
        return None
    if kind == "count" and i > 0 and doc[i - 1].pos_ in {"NOUN", "PROPN"} and not currency \
            and doc[i - 1].lower_ not in HOURS and not _counts_after(doc, j):
        return None  # an identifier: "stage 13", "flight 447", "Resolution 1723"
    if kind in {"count", "number"} and unit != "magnitude" and start > 0 and (
            doc[start - 1].lower_ in {"the", "these", "those", "both", "its", "their", "his", "her"}
            or doc[start - 1].tag_ == "PRP$") and not _told_in_digits(doc, i, j):
        return None  # "the two countries" names a group already known; it states no number
    if kind == "count":
        noun = _counted_noun(doc, i, j) or _antecedent(doc, i, j) or _whole_of(doc, i) or _number_of(doc, i)
        if noun is None:
            kind = "number"
        else:
            unit = noun.lower_
    hedge, hstart = _hedge(doc, start, kind)
    tail = " ".join(t.lower_ for t in doc[end:end + 2])
    for phrase, bound in TRAILING_HEDGES.items():
        if tail.startswith(phrase) and not hedge:
            hedge = phrase
            end += len(phrase.split())
            del bound
    start = hstart
    norm = value * hours
    norm_high = high * hours if high is not None else None
    surface = doc[start:end].text
    q = Quantity(text=surface, kind=kind, value=norm, unit=unit, measures="", source=p.source,
                 sentence=p.sentence.index, hedge=hedge, high=norm_high)
    found = Found(quantity=q, key=p.key, start=start, end=end, head="", context=frozenset(), text=p.text,
                  before=_near_words(reversed(doc[max(0, start - AROUND * 2):start])),
                  after=_near_words(doc[end:end + AROUND * 2]))
    if kind == "number" and unit in {u for u, _ in MEASURE_UNITS.values()}:
        found.scale = hours
    found.total = any(t.lower_ == "total" for t in doc[max(0, i - 2):i]) or \
        any(t.lower_ in {"total", "altogether"} for t in doc[j:j + 2]) or \
        [t.lower_ for t in doc[j:j + 2]] == ["in", "total"]
    found.part = [t.lower_ for t in doc[j:j + 2]] == ["out", "of"] or \
        (j < len(doc) and doc[j].pos_ == "NOUN" and [t.lower_ for t in doc[j + 1:j + 3]] == ["out", "of"])
    found.former = start > 0 and doc[start - 1].lower_ == "from" and end < len(doc) and doc[end].lower_ == "to"
    _describe(found, doc, i, j)
    return found


def _counts_after(doc: Doc, j: int) -> bool:
    """A figure after a noun that counts the plural noun after it is no identifier: "on board three
    Underground trains" (as "à bord de trois métros" is read)."""
    last = doc[j - 1]
    return last.dep_ == "nummod" and last.head.i >= j and last.head.tag_ == "NNS"


def _told_in_digits(doc: Doc, i: int, j: int) -> bool:
    """A figure in digits after "the" that counts the noun after it states its number ("the 228
    people on board", "the 190 nations"), as the other languages' readers keep "les 228 personnes";
    in words it names a group already known ("the two countries", "the three men"). Digits with a
    scale of a million or more state an amount whatever follows ("in addition to the 350 million
    that was promised"), as "les 350 millions" does."""
    scales = [t for t in doc[i:j] if t.lower_ in SCALES and SCALES[t.lower_] >= 1e6]
    if doc[i].text[:1].isdigit() and scales and all(t.text[:1].isdigit() or t in scales for t in doc[i:j]):
        return True
    if not all(t.is_digit or t.text == "," for t in doc[i:j]) or j >= len(doc):
        return False
    if _hyphened_noun(doc, j) is not None:
        return True  # "the 300-seat parliament": an adjective that says how many seats
    last = doc[j - 1]  # "the 15 British sailors": the noun it counts may stand past an adjective
    noun = last.head if last.dep_ == "nummod" and last.head.i >= j else doc[j]
    return noun.tag_ in {"NNS", "NNPS"} and noun.lower_ not in HOURS


def _proportion(doc: Doc, j: int, part: float) -> tuple[float, int] | None:
    """The whole of "three in ten", "one out of five" (not "2 in 10 minutes"), and the token after it."""
    k = j + 1 if j < len(doc) and doc[j].lower_ == "in" else j + 2 if \
        [t.lower_ for t in doc[j:j + 2]] == ["out", "of"] else 0
    whole = number_at(doc, k) if 0 < k < len(doc) else None
    if whole is None or not part < whole[0] <= 1000 or part != int(part):
        return None
    after = doc[whole[1]].lower_ if whole[1] < len(doc) else ""
    return None if after in HOURS or after in PERCENT_WORDS else whole


def _unit_range(doc: Doc, end: int, value: float, unit: str, kind: str) -> tuple[int, float | None]:
    """ "25 percent to 40 percent", "$5 billion to $7 billion": a range with the unit said twice."""
    if end + 1 >= len(doc) or doc[end].lower_ not in {"to", "-", "–"}:
        return end, None
    k = end + 1
    if kind == "money" and CURRENCY_SIGNS.get(doc[k].lower_) == unit:
        k += 1
    second = number_at(doc, k) if k < len(doc) else None
    if second is None or second[0] <= value:
        return end, None
    high, j = second
    nxt = doc[j].lower_ if j < len(doc) else ""
    if kind == "percent" and PERCENT_WORDS.get(nxt) == unit:
        return j + 1, high
    if kind == "money" and k > end + 1:
        return j, high
    if kind == "money" and CURRENCY_WORDS.get(nxt) == unit:
        return j + 1, high
    return end, None


AROUND = 4  # words kept each side of a figure


def _near_words(tokens: Iterable[Token]) -> tuple[str, ...]:
    out = [t.lower_ for t in tokens if t.is_alpha or t.text in {"%", "$", "€", "£"}]
    return tuple(out[:AROUND])


def _not_a_quantity(doc: Doc, i: int, j: int, value: float) -> bool:
    """Years, days of months, times, reference numbers: numbers that count nothing."""
    tok = doc[i]
    prev = doc[i - 1].lower_ if i > 0 else ""
    # "1384 rounds of ammunition" counts what follows it, whatever the tagger made of a year-like number.
    counts = j == i + 1 and j < len(doc) and doc[j].tag_ == "NNS" and doc[j].lower_ not in HOURS \
        and prev not in {"the", "in", "of", "since", "by", "from"} and tok.dep_ == "nummod"
    if tok.ent_type_ in {"DATE", "TIME", "ORDINAL"} and not counts and not _bare_number_date(doc, i):
        return True
    if NUMBER.match(tok.text) and 1000 <= value <= 2100 and value == int(value) and "," not in tok.text \
            and j == i + 1 and not counts:
        return True  # a year
    if prev in {"no.", "no", "#", "number", "page", "chapter", "article", "section", "route", "flight"}:
        return True
    if j < len(doc) and (doc[j].text in {":", "/"} or doc[j].lower_ in {"p.m.", "a.m.", "pm", "am", "gmt",
                                                                          "utc", "local"}):
        return True  # a time of day
    if (prev == ":" and i > 1 and doc[i - 2].like_num) or (i > 1 and doc[i - 2].text == ":"):
        return True  # "11: 49", a time split by tokenizing
    return tok.lower_ == "one" and not (j < len(doc) and doc[j].tag_ in {"NN", "NNP"})


_DATE_FILLERS = frozenset({"a", "an", "the", "about", "some", "around", "nearly", "almost", "at", "by"})
YEAR = re.compile(r"^(1[89]|20)\d\d$")


def _bare_number_date(doc: Doc, i: int) -> bool:
    """The small English model tags a bare figure as a date ("put the toll at 13, a day after ...",
    "stood at 40, police said"): a date's number comes with a calendar or time word in its own phrase
    (a month, a weekday, "days"), so a number whose phrase, up to a comma, holds nothing but it is a
    figure (a year-like number is still told by the year rule)."""
    span = next((e for e in doc.ents if e.start <= i < e.end), None)
    if span is None or span.label_ != "DATE" or (i > 0 and doc[i - 1].lower_.rstrip(".") in MONTH_NAMES):
        return False  # "may 11, 2011" in lower-cased copy: the model's span may leave the month out
    comma = next((t.i for t in doc[i + 1:span.end] if t.text == ","), span.end)
    if comma + 1 < span.end and YEAR.match(doc[comma + 1].text):
        return False  # "11, 2011": a day and its year
    return all(t.i == i or not t.is_alpha or t.lower_ in _DATE_FILLERS for t in doc[span.start:comma])


def _score(doc: Doc, i: int, j: int) -> bool:
    """ "voted 4-1", "won 3-2": a tally, whose parts are not quantities of their own."""
    if j + 1 < len(doc) and doc[j].text in {"-", "–"} and NUMBER.match(doc[j + 1].text):
        return True
    return i >= 2 and doc[i - 1].text in {"-", "–"} and bool(NUMBER.match(doc[i - 2].text))


def _hyphened_noun(doc: Doc, j: int) -> Token | None:
    """The noun of a figure's compound adjective: "the 300-seat parliament", "a 12-member jury" (a
    count of seats, of members). Not a unit of time or measure (read as such before), nor a word that
    is not a noun ("a 3-0 win" is a score; "the 2-1 vote" too)."""
    if j + 1 >= len(doc) or doc[j].text != "-" or doc[j + 1].pos_ != "NOUN" or doc[j + 1].tag_ != "NN":
        return None
    noun = doc[j + 1]
    if noun.lower_ in HOURS or noun.lower_ in MEASURE_UNITS or noun.lower_ in CURRENCY_WORDS or \
            noun.lower_ in PERCENT_WORDS or noun.lower_ in SCALES or not noun.is_alpha:
        return None
    return noun


def _counted_noun(doc: Doc, i: int, j: int) -> Token | None:
    """ "three unidentified flying objects" → objects; "three of the five islands" → islands;
    "the 300-seat parliament" → seat."""
    if (noun := _hyphened_noun(doc, j)) is not None:
        return noun
    last = doc[j - 1]
    for tok in (last, doc[i]):
        if tok.dep_ == "nummod" and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.i >= j:
            return tok.head
    if j + 2 < len(doc) and doc[j].lower_ == "of":
        k = j + 1
        while k < len(doc) and (doc[k].pos_ in {"DET", "NUM", "ADJ"} or doc[k].dep_ == "nummod"):
            k += 1
        if k < len(doc) and doc[k].pos_ == "NOUN":
            return doc[k]
    if j < len(doc) and doc[j].pos_ == "NOUN" and doc[j].tag_ == "NNS":
        return doc[j]
    return None


def _antecedent(doc: Doc, i: int, j: int) -> Token | None:
    """ "14 distinct populations, and remove 10 of those": the plural noun counted earlier in the
    sentence, which "of those" points back to."""
    if j + 1 >= len(doc) or doc[j].lower_ != "of" or doc[j + 1].lower_ not in {"those", "them", "these"}:
        return None
    for k in range(i - 1, -1, -1):
        if doc[k].tag_ == "NNS" and any(c.dep_ == "nummod" for c in doc[k].children):
            return doc[k]
    return None


# Verbs that say what a "number of ..." is: "has risen to twelve", "stood at 40", "is 14", "reached 30"
# (as written: the pipeline runs without a lemmatizer).
LEVEL_VERBS = frozenset({"is", "was", "are", "were", "be", "been", "rose", "risen", "rise", "rises", "climbed",
                         "climbs", "reached", "reaches", "stood", "stands", "increased", "grew", "grown", "jumped",
                         "hit", "hits", "topped", "tops", "soared", "fell", "fallen", "dropped"})


def _number_of(doc: Doc, i: int) -> Token | None:
    """ "The number of people killed by the flooding has risen to twelve": the figure a "number of"
    subject is said to be counts that subject's noun (the same count as "twelve people were killed")."""
    head = doc[i].head
    verb = head.head if head.dep_ == "prep" and head.lower_ in {"to", "at"} else head
    if verb.lower_ not in LEVEL_VERBS or verb.i > i:
        return None
    for subj in verb.children:
        if subj.dep_ in {"nsubj", "nsubjpass"} and subj.lower_ in {"number", "tally", "count"}:
            for prep in subj.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    return next((o for o in prep.children if o.dep_ == "pobj" and o.pos_ in {"NOUN", "ADJ"}), None)
    return None


def _whole_of(doc: Doc, i: int) -> Token | None:
    """ "9 delegates out of a total of 66": the whole counts the noun its part counts."""
    words = [t.lower_ for t in doc[max(0, i - 5):i]]
    if "out" not in words or words[words.index("out") + 1:words.index("out") + 2] != ["of"]:
        return None
    k = max(0, i - 5) + words.index("out")
    if k > 0 and doc[k - 1].pos_ == "NOUN" and any(c.dep_ == "nummod" for c in doc[k - 1].children):
        return doc[k - 1]
    return None


def _hedge(doc: Doc, start: int, kind: str) -> tuple[str, int]:
    words = [t.lower_ for t in doc[max(0, start - 3):start]]
    for n in (3, 2, 1):
        phrase = " ".join(words[-n:]) if len(words) >= n else ""
        if phrase in HEDGES:
            lead = doc[start - n - 1].lower_ if start - n - 1 >= 0 else ""
            if kind == "duration" and phrase in NOT_HEDGES_FOR_DURATION and lead not in {"for", "in", "lasted",
                                                                                          "took", "after"}:
                return "", start  # "over the next five years" is a period; "for over 15 years" a bound
            return phrase, start - n
    return "", start


def currency_groups(found: list[Found], doc: Doc) -> None:
    """ "43 trillion yen (approximately $315 billion)": one sum, said in two currencies (or one
    weight in two units)."""
    group = 0
    for a, b in itertools.pairwise(found):
        between = doc[a.end:b.start]
        qa, qb = a.quantity, b.quantity
        if qa.kind != qb.kind or qa.kind not in {"money", "number"} or len(between) > 4:
            continue
        if between.text.strip() and not any(t.text in {"(", "or", ",", "–", "—", "-"} for t in between):
            continue
        if qa.kind == "money":
            if qa.unit == qb.unit:
                continue
            ratio = (qa.value * USD_RATE.get(qa.unit, 0)) / max(qb.value * USD_RATE.get(qb.unit, 0), 1e-9)
            same = 0.5 < ratio < 2  # rates move; a factor of two apart is a second sum
        else:  # "1,230 pounds (560 kilograms)"
            close = abs(qa.value - qb.value) <= 0.05 * max(qa.value, qb.value)
            # In parentheses, two units of one measure are one figure even when they disagree (a
            # mistyped conversion is still one weight, to compare face by face).
            bracket = "(" in between.text and a.scale != b.scale and \
                max(qa.value, qb.value) <= 3 * max(min(qa.value, qb.value), 1e-9)
            same = bool(qa.unit) and qa.unit == qb.unit and (close or bracket)
        if same:  # a conversion, not a second figure
            if a.currency_group < 0:
                a.currency_group = group
                group += 1
            b.currency_group = a.currency_group
            # Both faces measure what the first one does (the parse hangs the second off the first).
            b.quantity.measures, b.head, b.context, b.period, b.per, b.delta, b.frame = (
                a.quantity.measures, a.head, a.context, a.period, a.per, a.delta, a.frame)


# --- what a number measures ------------------------------------------------------------------------

def _describe(found: Found, doc: Doc, i: int, j: int) -> None:
    q = found.quantity
    inside = set(range(found.start, found.end))
    anchor = doc[j - 1] if j > i else doc[i]
    head_tok = _measured(doc, anchor, inside, q.kind)
    words: list[Token] = []
    if head_tok is not None:
        words.extend(t for t in head_tok.children if t.dep_ in {"compound", "amod"} and t.i not in inside)
        words.append(head_tok)
        q.measures = " ".join(t.text for t in sorted(words, key=lambda t: t.i))
        found.head = concept(head_tok.text)
    verb = _governing_verb(anchor)
    if verb is not None:
        words.append(verb)
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and child.i not in inside:
                words.append(child)
                words.extend(t for t in child.children if t.dep_ == "compound")
    context = {concept(t.text) for t in words if t.is_alpha and not t.is_stop}
    found.context = frozenset(c for c in context if c not in GENERIC)
    if not q.measures and verb is not None:
        q.measures = verb.text
    found.frame = read_frame(doc, found.start, found.end, head_tok, verb, concept)
    _period(found, doc, inside, verb, head_tok)
    if q.kind == "duration":
        before = [t.lower_ for t in doc[max(0, found.start - 4):found.start]]
        after = doc[found.end].lower_ if found.end < len(doc) else ""
        found.gap = (bool({"in", "after", "since", "than"} & set(before))
                     and any(t.lower_ in GAP_CUES or t.tag_ == "JJS" for t in doc[:found.start])) \
            or (after in {"after", "before", "later", "earlier", "ago"} and "for" not in before
                # "during the 13 days after their detention": after an article, a period (as the
                # other readers read "durant les 13 jours après")
                and before[-1:] not in (["the"], ["those"], ["these"]))
    prev = doc[found.start - 1].lower_ if found.start > 0 else ""
    prev2 = doc[found.start - 2].lower_ if found.start > 1 else ""
    nxt = doc[found.end].lower_ if found.end < len(doc) else ""
    found.delta = nxt in {"more", "additional", "extra", "further", "fewer"} or prev == "by" or (prev == "between" and prev2 == "by") or (head_tok is not None and head_tok.lower_ in CHANGE_WORDS) or \
        any(t.lower_ in CHANGE_WORDS for t in doc[max(0, found.start - 2):found.start])


def _measured(doc: Doc, tok: Token, inside: set[int], kind: str) -> Token | None:
    """The noun whose size the number gives."""
    if kind in {"count"}:
        noun = _counted_noun(doc, min(inside), max(inside) + 1) or _antecedent(doc, min(inside), max(inside) + 1) \
            or _number_of(doc, min(inside))
        if noun is not None:
            return noun
    if kind == "age":
        return _whose_age(doc, min(inside), max(inside))
    if kind == "number":
        return None  # "500 yards from the emergency room": the sentence says of what, not the parse
    if kind == "duration":  # "the two-day dialogue", "the talks lasted 3 1/2 hours"; else unknown
        tok = doc[max(inside)]  # the unit word: "day", "hours"
        if tok.head.pos_ == "NOUN" and tok.head.i not in inside and tok.dep_ in {"amod", "compound", "nmod"}:
            return tok.head
        verb = tok.head if tok.dep_ in {"dobj", "npadvmod", "attr", "pobj"} else None
        if verb is not None and verb.dep_ == "prep":
            verb = verb.head
        if verb is not None and verb.lower_ in LINKING:
            for child in verb.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.pos_ == "NOUN":
                    return child
        return None
    if kind == "percent":  # "60 percent of our gross domestic product"
        for t in doc[max(inside) + 1:max(inside) + 2]:
            if t.lower_ == "of":
                for obj in t.children:
                    if obj.dep_ == "pobj" and obj.pos_ in {"NOUN", "PROPN"}:
                        return obj
    cur = tok
    for _ in range(8):
        if cur.i not in inside and cur.pos_ in {"NOUN", "PROPN"} and cur.lower_ not in HOURS \
                and cur.lower_ not in CURRENCY_WORDS and cur.text not in PERCENT_WORDS:
            return cur
        if cur.pos_ in {"VERB", "AUX"}:
            break
        if cur.head is cur:
            break
        cur = cur.head
    verb = cur if cur.pos_ in {"VERB", "AUX"} else None
    if verb is None:
        return None
    # "the talks lasted 3 1/2 hours", "the budget is $5 billion": the subject; "spent $5 billion on
    # defense": what the money was for; "doubled spending to $320 billion": the object.
    deps = ("dobj", "nsubj", "nsubjpass") if verb.lower_ in LINKING or kind == "duration" else ("dobj",)
    for dep in deps:  # a subject is what is measured only after "is", "lasted", "totalled"...
        for child in verb.children:
            if child.dep_ == dep and child.i not in inside and child.pos_ == "NOUN":
                return child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"for", "on", "in", "to"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.i not in inside and obj.pos_ == "NOUN" \
                        and obj.lower_ not in HOURS:
                    return obj
    return None


def _whose_age(doc: Doc, first: int, last: int) -> Token | None:
    """ "a 15-year-old boy" → boy; "Matus, 52," → Matus; "She was 89." → she; "workers, aged 20" → workers."""
    if doc[last].lower_ == "old" and last + 1 < len(doc) and doc[last + 1].pos_ in {"NOUN", "PROPN"}:
        return doc[last + 1]
    k = first - 1
    while k >= 0 and (doc[k].like_num or doc[k].text == "," or doc[k].lower_ in {"and", "aged", "age"}):
        k -= 1
    if k >= 0 and doc[k].pos_ in {"NOUN", "PROPN"} and k < first - 1:
        return doc[k]
    verb = doc[first].head if doc[first].head.lower_ in {"was", "is"} else None
    if verb is None and first > 0 and doc[first - 1].lower_ in {"was", "is"}:
        verb = doc[first - 1]
    for child in (verb.children if verb is not None else ()):
        if child.dep_ == "nsubj":
            return child
    return None


def _governing_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(10):
        if cur.pos_ == "VERB":
            return cur
        if cur.head is cur:
            return None
        cur = cur.head
    return None


PERIODS = frozenset({"year", "day", "month", "week", "hour", "minute", "second", "season", "game", "match"})


def _period(found: Found, doc: Doc, inside: set[int], verb: Token | None, head: Token | None) -> None:
    """Which stretch of time a sum or count covers: "over five years", "five-year", "annual"."""
    if found.quantity.kind == "duration":
        return
    scope = [t for t in doc if t.i not in inside]
    for t in scope:
        if t.lower_ in PER_WORDS:
            found.per = PER_WORDS[t.lower_]
        if t.lower_ in {"a", "an", "per", "each", "every"} and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in PERIODS and \
                (t.i + 2 >= len(doc) or doc[t.i + 2].pos_ != "NOUN"):
            found.per = doc[t.i + 1].lower_
        if t.lower_ in {"each", "every"} and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of" \
                and t.i >= found.end and found.quantity.kind != "age":
            # "in each of the past five seasons": a figure per season
            later = [w.lower_.rstrip("s") for w in doc[t.i + 2:t.i + 7]]
            found.per = next((w for w in later if w in PERIODS), found.per)
    for t in scope:
        if t.lower_ not in HOURS or t.i == 0:
            continue
        number = number_at(doc, t.i - 1) or (number_at(doc, t.i - 2) if t.i > 1 else None)
        if number is None:
            continue
        anchor = t.head if t.dep_ in {"compound", "npadvmod", "amod"} else t
        attached = {verb, head} - {None}
        path = {anchor, anchor.head, anchor.head.head}
        if attached & path or (t.head.lower_ in {"over", "for", "during", "across", "within", "in"}
                               and t.head.head in attached):
            found.period = number[0] * HOURS[t.lower_]
            return

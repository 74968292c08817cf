"""Date conflicts, and what a date phrase dates: an event, a period's bound, or the article itself.

Sentences that say the same thing but put it on days that cannot both be right are a date conflict.
The readings of a date phrase (its preposition, whether it dates an event, whether two dates overlap)
are kept here beside it, as the quantity finder and the timeline ask them too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from newsfuse.compare.align import Alignment, jaccard
from newsfuse.facts.dates import FoundDate
from newsfuse.facts.nlp import Parsed
from newsfuse.facts.quantity_words import concept
from newsfuse.facts.quotes import SPEECH_VERBS
from newsfuse.text import shorten
from newsfuse.types import Conflict, ConflictValue, Evidence

if TYPE_CHECKING:
    from spacy.tokens import Token

# "since 2019", "since the 1970s", "ever since early 2019": the date that follows bounds a period.
SINCE = re.compile(r"\bsince\s+(?:(?:the|early|late|mid|at\s+least)[\s-]+)*$", re.I)
BORROWED = 0.45  # confidence factor for a date conflict resolved against a borrowed publication date
WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)


def date_conflicts(parsed: Sequence[Parsed], dates: Sequence[FoundDate], align: Alignment,
                   two_instances: Callable[[tuple[str, int], tuple[str, int]], bool] | None = None) -> list[Conflict]:
    """Sentences that say the same thing but put it on days that cannot both be right.

    Two left-over dates of aligned sentences are only compared when they date the same action (their
    governing words agree), or when each sentence has one date and both are days: "from fiscal 2023"
    and "announced in December" in one claim date different things. `two_instances` says of two
    sentences that their other figures tell two instances (`quantities.figures_differ`): "a theft of
    £88m in July" and "a theft of £910,000 in May" are two thefts, not one put on two dates.
    """
    docs = {p.key: p for p in parsed}
    by_key: dict[tuple[str, int], list[FoundDate]] = defaultdict(list)
    for d in dates:
        if is_event(d, docs.get(d.key)):  # a dateline or a publication line dates no claim
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
                # A sentence that names two days ("was arrested on Friday night, his party said,
                # contradicting police accounts that he was detained on Saturday") is read by the day
                # of its own event: the one its main verb takes, not the day of a report it cites.
                left = [d for d in (_event_date(by_key[ka], docs.get(ka)),) if d is not None]
                right = [d for d in (_event_date(by_key[kb], docs.get(kb)),) if d is not None]
                if len(left) != 1 or len(right) != 1 or overlap(left[0], right[0]):
                    continue
            if two_instances is not None and two_instances(ka, kb):
                continue
            a, b = left[0], right[0]
            if _reporting_day(a, docs.get(a.key)) or _reporting_day(b, docs.get(b.key)):
                continue  # "his party said on Sunday" / "on Monday": when it was told, not when it happened
            if _granularity_class(a) != _granularity_class(b) or _same_written_day(a, b):
                continue
            if preposition(a) != preposition(b):
                continue  # "by 2020" (a target) and "from 1990" (a baseline) date different things
            if "absolute" not in {a.ref.anchor, b.ref.anchor} and a.anchored != b.anchored:
                continue  # "on Friday" in articles of different days: likely two events
            same_action = _governor(a, docs.get(a.key)) == _governor(b, docs.get(b.key)) != ""
            if _objects_apart(a, docs.get(a.key), b, docs.get(b.key)):
                continue  # "won a Tony in 2004" / "won an Emmy in 2005": one verb, two things done
            lone_days = len(by_key[ka]) == len(by_key[kb]) == 1 and _granularity_class(a) == "day"
            if not (same_action or (lone_days and _lexical(align, ka, kb) >= 0.5)):
                continue
            # A weekday read against a date borrowed from another report may be off by days: shown as
            # possible only (on the ECB+ tune events, none of these was a real disagreement).
            borrowed = any(d.ref.anchor.startswith("borrowed") for d in (a, b))
            # A report with no date of its own is read against the latest full date of its text (a
            # birth date, a past event's), a guess: "yesterday" against "Thursday" then sets the
            # guess against the words (the ECB+ tune obituary: both read against 1923, the birth
            # year). Two weekday names stay apart whatever the week.
            guessed = not borrowed and any(d.ref.anchor == "text" for d in (a, b)) and \
                not all(WEEKDAY.search(d.ref.text) for d in (a, b))
            conf = (0.9 if align.score(ka, kb, shapes=False) >= 1.0 else 0.7) * \
                (BORROWED if borrowed or guessed else 1.0)
            note = "resolved against a borrowed date" if borrowed else \
                "resolved against a date read from the report's text" if guessed else ""
            out.append(Conflict(kind="date", about=f"date of: {shorten(a.text)}", confidence=round(conf, 2),
                                values=[_date_value(a), _date_value(b)], note=note))
    return _merge_shared(out)


def _merge_shared(conflicts: list[Conflict]) -> list[Conflict]:
    """One conflict for one disagreement: pairs over the same two days that share a sentence (Friday in
    one report against Saturday in two others) are told once, each day with all its reports."""
    out: list[Conflict] = []
    for c in conflicts:
        told = {(e.source, e.sentence) for v in c.values for e in v.evidence}
        days = {v.normalized for v in c.values}
        into = next((o for o in out if {v.normalized for v in o.values} == days
                     and told & {(e.source, e.sentence) for v in o.values for e in v.evidence}), None)
        if into is None:
            out.append(c)
            continue
        for v in c.values:
            same = next(w for w in into.values if w.normalized == v.normalized)
            same.sources.extend(s for s in v.sources if s not in same.sources)
            seen = {(e.source, e.sentence) for e in same.evidence}
            same.evidence.extend(e for e in v.evidence if (e.source, e.sentence) not in seen)
        into.confidence = max(into.confidence, c.confidence)
        if c.note != into.note:
            into.note = ""  # one pair read against its own date is enough to drop the caveat
    return out


def _event_date(dates: list[FoundDate], p: Parsed | None) -> FoundDate | None:
    """The one date of a sentence that hangs from its main event: the root verb, or, when the root
    is a verb of saying ("..., his party said today"), the verb of what was said. Dates of the
    reporting ("said on Sunday") and of accounts the sentence cites ("accounts that he was detained on
    Saturday") hang elsewhere."""
    if p is None or not p.doc.has_annotation("DEP"):
        return None
    event = _event_verb(p)
    if event is None:
        return None
    own = [d for d in dates if (verb := _verb_of(d, p)) is not None and verb.i == event.i]
    return own[0] if len(own) == 1 else None


def _reporting_day(d: FoundDate, p: Parsed | None) -> bool:
    """The date hangs from the verb of saying that reports the sentence's event ("..., his party said
    on Sunday")."""
    if p is None or not p.doc.has_annotation("DEP"):
        return False
    event, verb = _event_verb(p), _verb_of(d, p)
    return event is not None and verb is not None and verb.i != event.i and verb.dep_ == "ROOT" \
        and verb.lower_ in SPEECH_VERBS


def _event_verb(p: Parsed) -> Token | None:
    root = next((t for t in p.doc if t.dep_ == "ROOT" and t.pos_ in {"VERB", "AUX"}), None)
    if root is not None and root.lower_ in SPEECH_VERBS:
        said = [c for c in root.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}]
        return said[0] if len(said) == 1 else None
    return root


def _verb_of(d: FoundDate, p: Parsed) -> Token | None:
    """The nearest verb above the date phrase's first word."""
    cur = next((t for t in p.doc if t.idx >= d.start), None)
    for _ in range(8):
        if cur is None:
            return None
        if cur.pos_ in {"VERB", "AUX"} and cur.idx < d.start:
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _same_written_day(a: FoundDate, b: FoundDate) -> bool:
    """"2 December" and "December 2" with no year written: one day, whatever years the two reports'
    own dates made of them."""
    days = (a.ref.start, b.ref.start)
    return a.ref.granularity == b.ref.granularity == "day" and days[0].month == days[1].month and \
        days[0].day == days[1].day and not any(_YEAR.search(d.ref.text) for d in (a, b))


_YEAR = re.compile(r"\b\d{4}\b")


def preposition(d: FoundDate) -> str:
    """The word that gives a date its role: "on", "by", "since", "from", ..."""
    first = d.ref.text.split()[0].lower()
    if first in {"in", "on", "by", "since", "from", "until", "till", "before", "after", "during", "of"}:
        return first
    before = d.text[:d.start].split()
    return before[-1].lower() if before else ""


def _lexical(align: Alignment, a: tuple[str, int], b: tuple[str, int]) -> float:
    return jaccard(align.bags.get(a, set()), align.bags.get(b, set()))


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


def _objects(d: FoundDate, p: Parsed | None) -> frozenset[str]:
    """The concepts of what the date's verb is done to (its direct object and that noun's compounds):
    "won a Tony Award in 2004" -> {tony, award}."""
    if p is None or not p.doc.has_annotation("DEP") or (verb := _verb_of(d, p)) is None:
        return frozenset()
    out: set[str] = set()
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "obj"}):
        out |= {concept(t.text) for t in (obj, *obj.children) if t.dep_ in {"dobj", "obj", "compound"} and t.is_alpha}
    return frozenset(out)


def _objects_apart(a: FoundDate, pa: Parsed | None, b: FoundDate, pb: Parsed | None) -> bool:
    """Both dates' verbs are done to something, and to nothing in common: two events of one verb."""
    oa, ob = _objects(a, pa), _objects(b, pb)
    return bool(oa and ob) and not oa & ob


def _overlaps_any(d: FoundDate, others: list[FoundDate]) -> bool:
    return any(overlap(d, o) for o in others)


def overlap(a: FoundDate, b: FoundDate) -> bool:
    return a.ref.start <= b.ref.end and b.ref.start <= a.ref.end


def _granularity_class(d: FoundDate) -> str:
    return "day" if d.ref.granularity == "day" else "coarse"


def _date_value(d: FoundDate) -> ConflictValue:
    r = d.ref
    norm = r.start.isoformat() if r.start == r.end else f"{r.start.isoformat()}..{r.end.isoformat()}"
    return ConflictValue(value=r.text, normalized=norm, sources=[r.source],
                         evidence=[Evidence(r.source, r.sentence, d.text)])


def _under_since(d: FoundDate, p: Parsed) -> bool:
    """The date sits in a phrase that "since" opens further up: "the worst violence since riots in
    2008", "the first visit since the war ended in 1975"."""
    cur = next((t for t in p.doc if t.idx >= d.start), None)
    for _ in range(6):
        if cur is None or cur.head is cur:
            return False
        cur = cur.head
        if cur.lower_ == "since" or any(c.dep_ == "mark" and c.lower_ == "since" for c in cur.children):
            return True
        if cur.pos_ in {"VERB", "AUX"} and cur.dep_ not in {"advcl", "relcl", "pcomp"}:
            return False
    return False


def is_event(d: FoundDate, p: Parsed | None) -> bool:
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
    if SINCE.search(before + d.text[d.start:d.end].split(" ", 1)[0] + " ") or _under_since(d, p):
        return False
    if not p.doc.has_annotation("POS"):
        # A language with no model (a blank tokenizer: no parts of speech) cannot show its verb; its
        # date lines and stamps were cleaned away, so a dated sentence of the text tells an event.
        return True
    return any((t.pos_ in {"VERB", "AUX"} and t.tag_ not in {"VBN"}) or (t.dep_ == "ROOT" and t.pos_ == "VERB")
               for t in p.doc)

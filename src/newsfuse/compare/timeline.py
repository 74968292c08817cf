"""The timeline: the dated events of a story, one entry per event however many sources date it.

Dates of one event told by several sources are merged (same time, aligned or overlapping clauses);
each entry is shown as the shortest clause with its own subject, a whole sentence when the clause
would cut a quotation. History the reports mention in passing goes to a short list of its own
(`compare.background` decides which is which). A date after "since" or in "the first in four years"
dates nothing (`compare.dates.is_event`, `FoundDate.fuzzy`). Apart from the date conflicts, which it
shares only the readings of a date phrase with (`compare.dates`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from newsfuse.compare.align import Alignment, concept_bag, jaccard
from newsfuse.compare.background import is_background, most_relevant, one_row_per_sentence, story_time
from newsfuse.compare.dates import is_event, overlap
from newsfuse.disjoint import DisjointSets
from newsfuse.facts.dates import FoundDate, looks_ahead
from newsfuse.facts.nlp import Parsed
from newsfuse.text import shorten
from newsfuse.types import Evidence, TimelineEvent

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Events: the dates of the events a story recounts, merged when their sentences share this much.
EVENT_OVERLAP = 0.2
TIME_NOUNS = frozenset({"time", "year", "years", "month", "months", "week", "weeks", "day", "days", "date"})
# A timeline row longer than this is cut (at a word, with an ellipsis).
ROW_CHARS = 280
# "from fiscal 2023", "from early 2019": the date that follows starts a period (a range has its own
# reading, "from 2019 to 2021").
OPEN_FROM = re.compile(r"\bfrom\s+(?:(?:the|fiscal|early|late|mid)[\s-]+)*$", re.I)
# Double quotation marks only: a single curly one is as often an apostrophe.
QUOTE_OPEN, QUOTE_CLOSE = "“", "”"


class Timeline(NamedTuple):
    events: list[TimelineEvent]  # the story's own events, by date
    background: list[TimelineEvent]  # history told in passing, one row per sentence, most relevant first


def timeline(parsed: Sequence[Parsed], dates: Sequence[FoundDate], align: Alignment) -> Timeline:
    """The dated events of the story, one entry per event however many sources date it, apart from
    the history the reports mention in passing."""
    by_key = {p.key: p for p in parsed}
    events = [d for d in dates if is_event(d, by_key.get(d.key)) and not _opens_a_period(d)]
    per_sentence = defaultdict(list)
    for d in events:
        per_sentence[d.key].append(d)
    events = [d for d in events if not _baseline(d) and not (len(per_sentence[d.key]) > 1 and _names_an_event(d))]
    began, known = story_time(
        (d.anchored for d in dates if d.anchored and d.ref.anchor.startswith(("published", "borrowed"))),
        [*(d.anchored for d in dates if d.anchored and d.ref.anchor == "text"),
         *(d.ref.end for d in events if not d.fuzzy and not looks_ahead(d.text, d.start, d.end))])
    clauses = {id(d): _clause(d, by_key.get(d.key)) for d in events}
    bags = {id(d): concept_bag(clauses[id(d)]) for d in events}
    whole = {id(d): concept_bag(d.text) for d in events}
    sets = DisjointSets(len(events))
    find = sets.find
    members = {i: [d] for i, d in enumerate(events)}

    for i, a in enumerate(events):
        for j in range(i + 1, len(events)):
            b = events[j]
            if not _same_time(a, b) or find(i) == find(j):
                continue
            if a.key[0] == b.key[0]:
                continue  # two dates in one sentence, or two sentences of one report, are two events
            sim = max(jaccard(bags[id(a)], bags[id(b)]), jaccard(whole[id(a)], whole[id(b)]))
            if align.score(a.key, b.key) >= 1.0 or sim >= EVENT_OVERLAP:
                ri, rj = find(i), find(j)
                # Every date of the merged event must fit every other: "in 2011" fits both
                # September and November 10, which are not one time.
                if all(_same_time(x, y) for x in members[ri] for y in members[rj]):
                    sets.union(ri, rj)  # rj joins ri, which stays the root
                    members[ri] += members.pop(rj)
    groups: dict[int, list[FoundDate]] = defaultdict(list)
    for i, d in enumerate(events):
        groups[find(i)].append(d)
    own: list[TimelineEvent] = []
    past: list[TimelineEvent] = []
    for group in groups.values():
        if all(d.fuzzy for d in group):
            continue  # "the first in four years" alone dates nothing a reader can place
        best = min(group, key=lambda d: ((d.ref.end - d.ref.start).days, d.fuzzy, len(clauses[id(d)])))
        evidence = list(dict.fromkeys(Evidence(d.ref.source, d.ref.sentence, d.text) for d in group))
        anchored = [d for d in group if d.ref.anchor in {"absolute", "published", "text"}]
        told = [d for d in group if by_key.get(d.key) is not None]
        back = is_background(best.ref.end, began, known,
                             [t for d in told for t in _clause_tokens(d, by_key[d.key])])
        (past if back else own).append(TimelineEvent(
            start=best.ref.start, end=best.ref.end, text=_readable(group, by_key),
            sources=list(dict.fromkeys(d.ref.source for d in group)), evidence=evidence,
            granularity=best.ref.granularity, borrowed_date=not anchored and best.ref.anchor.startswith("borrowed"),
            background=back))
    own.sort(key=lambda e: (e.start, e.end, -len(e.sources)))
    return Timeline(own, most_relevant(one_row_per_sentence(past)))


# "revised to 190 billion yen, up from 120 billion yen on Friday": the date of the earlier value.
BASELINE = re.compile(r"\b(?:up|down|rising|falling|rose|fell|climbed|dropped|increased|decreased)\s+from\s+"
                      r"(?:[^,;.]|(?<=\d)[,.](?=\d)){1,50}$", re.I)


def _baseline(d: FoundDate) -> bool:
    """The date of the value a change starts from ("up from 120 billion yen on Friday"): the
    sentence's event, the change, is not on it."""
    return BASELINE.search(d.text[:d.start]) is not None


def _names_an_event(d: FoundDate) -> bool:
    """The day that names an event told before ("the toll from Friday's earthquake rose to five on
    Sunday"), in a sentence with another date: that one dates the sentence's event."""
    return d.text[d.end:d.end + 2] in {"'s", "’s"}


def _opens_a_period(d: FoundDate) -> bool:
    """ "over five years from fiscal 2023": a date after a lone "from" starts a period, as one after
    "since" does; nothing happened on it. (A conflict may still compare such bounds: `compare.dates`.)"""
    return d.ref.granularity != "range" and OPEN_FROM.search(d.text[:d.start]) is not None


def _readable(group: Sequence[FoundDate], by_key: dict[tuple[str, int], Parsed]) -> str:
    """The shortest sentence-like telling of one event among the sources that date it."""
    return min((_clause(d, by_key.get(d.key), readable=True) for d in group), key=len)


def _clause_tokens(d: FoundDate, p: Parsed) -> list[Token]:
    """The tokens of the clause that tells the dated event (for the looking-back words)."""
    span = _clause_span(d, p, readable=False)
    return list(p.doc[span[0]:span[1]]) if span else []


def _same_time(a: FoundDate, b: FoundDate) -> bool:
    """Could two date expressions name the time of one event? "Feb. 2019" and "2019" can; "2019" and
    "from 2019 to 2021" name different spans."""
    ra, rb = (a.ref.start, a.ref.end), (b.ref.start, b.ref.end)
    if a.fuzzy or b.fuzzy:  # "four years" ago: about a year wide, so never a span of years
        return overlap(a, b) and max(ra[1] - ra[0], rb[1] - rb[0]).days <= 366
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


SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def _clause_with_subject(tok: Token) -> Token | None:
    """The nearest verb at or above `tok` that has a subject of its own."""
    cur = tok
    for _ in range(8):
        # Universal Dependencies subtypes ("nsubj:pass" of the French model) are their type
        if cur.pos_ in {"VERB", "AUX"} and any(c.dep_.split(":")[0] in SUBJECTS for c in cur.children):
            return cur
        if cur.head is cur:
            return None
        cur = cur.head
    return None


def _clause(d: FoundDate, p: Parsed | None, readable: bool = False) -> str:
    """The clause that tells the dated event: "the US shot down a Chinese balloon on Feb. 4". Events
    are matched on the shortest such clause; `readable` widens it to one with a subject, for display,
    and to the whole sentence when the clause would cut a quotation."""
    span = _clause_span(d, p, readable) if p is not None else None
    if p is None or span is None:
        return _sentence(d.text) if readable else d.text
    text = p.doc[span[0]:span[1]].text.strip(" ,;")
    if len(text.split()) < 4 or len(text) > ROW_CHARS:
        return _sentence(d.text) if readable else shorten(d.text, 240)
    if readable and not _quotes_balanced(text):
        return _sentence(d.text)
    text = text[0].upper() + text[1:]
    return _sentence(text) if readable else text


def _sentence(text: str) -> str:
    """A row as a sentence: cut at a word if too long, closed with a full stop if it has none."""
    text = shorten(text.strip(" ,;:"), ROW_CHARS)
    return text if text[-1:] in {".", "!", "?", "…", "\"", "’", QUOTE_CLOSE} else text + "."


def _quotes_balanced(text: str) -> bool:
    """Every quotation the text opens it closes: 'had been Chinese "spy balloons' is cut mid-quote."""
    return text.count(QUOTE_OPEN) == text.count(QUOTE_CLOSE) and text.count('"') % 2 == 0


def _clause_span(d: FoundDate, p: Parsed, readable: bool) -> tuple[int, int] | None:
    """The token span of the clause that tells the dated event (see `_clause`)."""
    doc: Doc = p.doc
    tok = next((t for t in doc if t.idx >= d.start), None)
    cur = tok
    for _ in range(8):
        if cur is None or cur.pos_ in {"VERB", "AUX"}:
            break
        cur = cur.head if cur.head is not cur else None
    if cur is None:
        return None
    noun = _noun_owner(tok)
    if noun is not None:
        cur = noun  # "their first security dialogue since 2019": the date belongs to the dialogue
    elif cur.dep_.split(":")[-1] in {"acl", "relcl"} and cur.head.pos_ in {"NOUN", "PROPN"}:
        cur = cur.head  # "its key defense document adopted in mid-December 2022"
    if readable:
        # A timeline row is read alone, so it must be a sentence: a clause with its own subject, else
        # the clause it hangs from ("before being transferred to Japan in 1972" → "The islands came
        # under US administration ... before being transferred to Japan in 1972"), else the sentence.
        clause = _clause_with_subject(cur)
        if clause is None:
            return None
        cur = clause
    sub = list(cur.subtree)
    lo, hi = sub[0].i, sub[-1].i + 1
    while lo < hi and (doc[lo].dep_ in {"mark", "cc", "punct"} or doc[lo].lower_ in {"after", "when", "while",
                                                                                    "before", "as"}):
        lo += 1
    while hi < len(doc) and doc[hi].text in {'"', QUOTE_CLOSE} and not _quotes_balanced(doc[lo:hi].text):
        hi += 1  # the closing mark of a quotation the clause ends in
    return (lo, hi) if lo < hi else None

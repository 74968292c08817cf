"""The time a figure's own statement is of, as its clause says it: "last year", "in 2013", "a year ago".

A story told over days recounts earlier times beside its own: last season's games beside this
offer, last month's rescue beside today's, 2013's malaria count beside 2016's. Two figures of such
sentences count the same noun in alike words, so the same-fact model and the statement gate take
them for one fact told twice. What sets them apart is a time the clause itself says of its verb or of
the figure's noun: an adverbial of the governing verb ("rescued two ships *last month*", "*In 2013*,
198 million cases"), or a time that modifies the counted noun ("*last year's* 43 deaths").

Only what is said is read. A clause that names no time says nothing of its time: it is *not* taken to
be of its report's day (stop 29's `events.time_apart` took it so and lost real updates of stories
told over a year; docs/benchmarks.md, "Issue 11, stop 29"). A time deep inside a noun phrase ("served
four months for his role in the 1972 break-in") is the time of that noun, not of the figure, and is
not read. A clause hung below another (a participle, what is said, a relative clause) or joined to
another behind a time said before both ("Last month, the ship sank a mother vessel and rescued two
ships") shares the time above it when it names none.

Markers (`Time`): a year ("in 2013", "2013's", "the 2004 tsunami"), a time before the story's own
("last year", "last season", "this past season", "the previous month", "two years ago", "a year
earlier") or after it ("next year", "by 2050" is a bound and not read). English words only; other
languages' clauses give no markers (and so never set two figures apart).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsfuse.compare.events import EMPTY_TRIGGERS, HUNG_BELOW, clause_of
from newsfuse.facts.quantity_words import concept

if TYPE_CHECKING:
    from spacy.tokens import Token

# Nouns that name a stretch of the calendar ("last *season*", "two *years* ago").
PERIODS = frozenset({"year", "years", "month", "months", "week", "weeks", "season", "seasons", "winter", "summer",
                     "spring", "fall", "autumn", "decade", "decades", "quarter", "term", "century", "campaign",
                     "semester", "fiscal"})
BEFORE = frozenset({"last", "previous", "past", "prior", "preceding"})
AFTER = frozenset({"next", "coming", "following"})
# Words after a period that put it before the story: "two years ago", "a year earlier", "a month before"
# (a period counted back: "earlier this week" is this week).
AGO = frozenset({"ago", "earlier", "before", "prior"})
COUNTED_BACK = frozenset({"a", "an", "one"})
# Prepositions of a bound, not of when ("since 2008", "by 2050", "until 2019"): a span's edge.
BOUNDS = frozenset({"since", "by", "until", "till", "through", "from", "to", "before", "after"})
# The dependencies by which a time says when its verb (or noun) happened.
WHEN_DEPS = frozenset({"npadvmod", "tmod", "obl", "advmod", "prep", "poss", "nmod", "compound", "nummod", "amod"})


@dataclass(frozen=True, slots=True)
class Time:
    """What a figure's clause says of its time: years it names, and whether it puts itself before
    (or after) the story's own time, by which period ("year", "season")."""

    years: frozenset[int] = frozenset()
    before: frozenset[str] = frozenset()  # periods said to be past: "last season" -> {"season"}
    after: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.years or self.before or self.after)


NONE = Time()


def _period(t: Token) -> str:
    w = t.lower_
    return w[:-1] if w.endswith("s") and w[:-1] in PERIODS else w


def _year(t: Token) -> int | None:
    if len(t.text) == 4 and t.text.isdigit() and 1600 <= int(t.text) <= 2099:
        return int(t.text)
    return None


def _counted(period: Token) -> bool:
    return any(c.dep_ in {"nummod", "det"} and (c.like_num or c.lower_ in COUNTED_BACK) for c in period.children)


def _of_anchor(anchor: Token, skip: set[int]) -> Time:
    """The times said of `anchor` (a verb or the figure's noun) by its direct dependents: a period or
    a year standing as its adverbial, or as the object of a preposition that hangs from it."""
    years: set[int] = set()
    before: set[str] = set()
    after: set[str] = set()
    for child in anchor.children:
        if child.i in skip or child.dep_ not in WHEN_DEPS:
            continue
        heads = [child]
        if child.dep_ == "prep":
            if child.lower_ in BOUNDS:
                continue
            heads = [c for c in child.children if c.dep_ == "pobj" and c.i not in skip]
        for h in heads:
            if (y := _year(h)) is not None:
                years.add(y)
                continue
            words = [c for c in h.children if c.i not in skip]
            if (w := _period(h)) in PERIODS:
                mods = {c.lower_ for c in words}
                # "last season", "a year earlier"; not a span counted back or ahead ("over the next
                # five years", "in the past three months": how long, not when).
                spans = any(c.dep_ == "nummod" for c in words)
                if (mods & BEFORE and not spans) or (mods & AGO and _counted(h)):
                    before.add(w)
                elif mods & AFTER and not spans:
                    after.add(w)
            elif h.lower_ in AGO and (p := [c for c in h.children if _period(c) in PERIODS and _counted(c)]):
                before.add(_period(p[0]))  # "two years ago": the parse hangs the period below "ago"
            for c in words:  # "the 2004 tsunami", "the 2016 season"
                if c.dep_ in {"nummod", "compound", "amod", "poss"} and (y := _year(c)) is not None:
                    years.add(y)
    return Time(frozenset(years), frozenset(before), frozenset(after))


def own_time(tok: Token) -> Time:
    """The time of the statement the figure token `tok` stands in (see the module docstring)."""
    noun = tok.head if tok.dep_ in {"nummod", "quantmod", "compound", "amod"} and tok.head is not tok else tok
    skip = {tok.i, noun.i}
    # A duration's own noun ("for the past three weeks") is the figure's span, not a time it is of.
    found = _of_anchor(noun, skip) if noun is not tok and _period(noun) not in PERIODS else NONE
    verb, _ = clause_of(tok)
    for _ in range(4):
        if found or verb is None:
            break
        found = _of_anchor(verb, skip)
        if found:
            break
        up = verb.head
        if up is verb:
            break
        if verb.dep_ in HUNG_BELOW:
            verb, _ = clause_of(up)
            if verb is not None and concept(verb.lemma_ or verb.text) in EMPTY_TRIGGERS:
                break  # when a thing was said is not when what is said happened
        elif verb.dep_ == "conj" and up.pos_ in {"VERB", "AUX"}:
            # "Last month, the ship sank a vessel and rescued two ships": a time said before both.
            t = _of_anchor(up, skip)
            return t if t and _fronted(up) else NONE
        else:
            break
    return found


def _fronted(verb: Token) -> bool:
    """A time adverbial of `verb` stands before it (so it scopes over what is joined after)."""
    return any(c.i < verb.i and c.dep_ in WHEN_DEPS for c in verb.children)


def apart(a: Time, b: Time) -> bool:
    """Two statements of other times: both name years and none is shared; or one is said to be of an
    earlier (or later) period and the other names no time of its kind (an earlier season against
    this one's figures told without a time, a year against "last year")."""
    if a.years and b.years:
        return not a.years & b.years
    if a.before != b.before or a.after != b.after:
        # "last season" against "in 2008" is not known to be two times (the story's year is not known here)
        return not (a.years or b.years)
    return False

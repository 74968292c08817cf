"""Which event a figure belongs to: its time, its place, its actors and what happened.

A story of many reports tells more than its own event: last year's quake beside this one, two
shootings of one night, the offers of four teams, the 2004 tsunami's toll beside today's. Two such
figures sit in sentences that say the same kind of thing, count the same noun and often align, so
the same-fact model's sentence evidence reads them as one fact told twice. What tells them apart is
the event each is a figure *of*, read here from the figure's own clause (the subtree of the verb that
governs it, or the whole sentence where the parse gives none):

- **time**: the dates of the clause, resolved against the report's publication date by
  `facts.dates` ("on Sunday", "in 2004"); a sentence without one is about the time of its report;
- **place**: the named places of the clause (entities of kind GPE, LOC, FAC);
- **actors**: the named people, bodies and groups of the clause (PERSON, ORG, NORP), besides the
  owners `facts.frames` already reads;
- **what happened**: the verb that governs the figure, or the event noun its counted noun hangs
  from ("killed in the 2004 tsunami", "the Orioles' offer");
- **what a duration measures**: the noun the span modifies or is said of ("the 17-year rule" /
  "10 days in custody").

Each pair gets six features (`FigureEvents.features`), 1.0 where they say two events: `time_apart`
(the clauses' times do not meet: days apart, with a day's give for "Sunday night" told on Monday, or
for an undated clause its report's day, give or take a month of a developing story), `off_story` (one
side dated before the story's own time, `background.BACKGROUND_DAYS` before its first report, the
other not), `place_apart`, `actors_apart`, `trigger_apart` (other verbs, in sentences whose vectors are
not close), `measured_apart` (durations of two things, one said by the noun it modifies). They are
evidence for the same-fact stack (`compare.same_fact.STACKED`, weights held at zero or below), which
chose on the judged tune pairs what it weighs (`time_apart` and `measured_apart`; the others are
listed for the next fit: places and actors are rarely named in lowercased text, and other verbs told
the seeds' two real disagreements apart). Names are compared by their words, so a name told anywhere
in the other's sentence is not a difference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsfuse.compare.background import BACKGROUND_DAYS
from newsfuse.compare.dates import preposition
from newsfuse.compare.values import Stated, one_language
from newsfuse.facts.dates import FoundDate
from newsfuse.facts.frames import NO_PREDICATE, NOT_NAME_WORDS
from newsfuse.facts.nlp import Parsed
from newsfuse.facts.quantity_words import GENERIC, concept
from newsfuse.stopwords import STOP_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PLACES = frozenset({"GPE", "LOC", "FAC"})
# Clauses of their own below a verb (their own time, place and actors)...
NESTED = frozenset({"ccomp", "advcl", "conj", "relcl", "parataxis"})
# ... of which these are hung below it and share its time when they name none: a participle, a
# relative clause, what is said.
HUNG_BELOW = frozenset({"advcl", "xcomp", "ccomp", "relcl", "acl", "pcomp", "csubj"})
ACTORS = frozenset({"PERSON", "ORG", "NORP"})
# Dates that bound a span rather than say when its event happened ("since 2019", "until Friday").
BOUNDS = frozenset({"from", "since", "until", "till", "by", "before", "after"})
# "Sunday night" told on Monday, a toll "on Saturday" and "over the weekend": one day's give.
TOLERANCE = dt.timedelta(days=1)
# An undated sentence tells its report's time, a time known less well: a developing story's reports
# give one figure over days (a toll that rises is an update, one fact), so only reports this far
# apart put their undated figures in two events (another quake months later, not today's toll).
UNDATED_TOLERANCE = dt.timedelta(days=BACKGROUND_DAYS)
# Verbs that say nothing of which event a figure is of (the copula, having, reporting).
EMPTY_TRIGGERS = frozenset({concept(w) for w in (
    "be", "have", "say", "tell", "report", "add", "state", "announce", "confirm", "according", "believe",
    "include", "make", "take", "get", "give", "put", "leave", "accord")})
# Below this sentence-vector cosine two clauses with different triggers tell different happenings; above
# it the outlets put one event in their own verbs ("packed" / "filled").
TRIGGER_COSINE = 0.6


@dataclass(frozen=True, slots=True)
class Event:
    """What one figure's clause says of its event."""

    when: tuple[tuple[dt.date, dt.date], ...] = ()  # the clause's dated times; () undated (the report's time)
    places: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    trigger: str = ""  # the concept of the governing verb or event noun
    measured: str = ""  # for a duration: the concept of what lasts
    named_by_noun: bool = False  # ... said by the noun phrase the span modifies ("the 17-year rule")
    words: frozenset[str] = frozenset()  # the whole sentence's lowercased words (a name told anywhere in it)
    stems: frozenset[str] = frozenset()  # ... and their concepts (a trigger told anywhere in it)


def clause_of(tok: Token) -> tuple[Token | None, list[Token]]:
    """The verb that governs `tok` and the tokens of its clause (the verb's subtree without the
    clauses of other verbs hung below it); the whole sentence when no verb governs it."""
    cur = tok
    verb = None
    for _ in range(10):
        if cur.pos_ in {"VERB", "AUX"} and cur.dep_ not in {"amod", "aux", "auxpass"}:
            verb = cur
            break
        if cur.head is cur:
            break
        cur = cur.head
    if verb is None:
        return None, list(tok.doc)
    out: list[Token] = []
    todo = [verb]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if not (c.pos_ in {"VERB", "AUX"} and c.dep_ in NESTED))
    return verb, sorted(out, key=lambda t: t.i)


def _when(verb: Token | None, clause: list[Token], told: Sequence[FoundDate]) -> tuple[tuple[dt.date, dt.date], ...]:
    """The times of a figure's clause: its own dates, else (for a clause hung below another: "struck
    on January 12, killing 200,000", "who hadn't slept in 28 hours") the dates of the clause above it.
    A clause beside another ("In 2004 a tsunami killed 230,000, and on Sunday the quake killed 50")
    keeps to its own."""
    for _ in range(4):
        inside = {t.i for t in clause}
        doc = clause[0].doc
        mine = [d for d in told if (toks := [t for t in doc if d.start <= t.idx < d.end])
                and all(t.i in inside for t in toks)]
        if mine:
            return tuple((d.ref.start, d.ref.end) for d in mine)
        if years := _years(doc, clause):
            return tuple(years)
        if verb is None or verb.dep_ not in HUNG_BELOW or verb.head is verb:
            return ()
        verb, clause = clause_of(verb.head)
    return ()


def _names(doc: Doc, clause: Sequence[Token], kinds: frozenset[str]) -> frozenset[str]:
    inside = {t.i for t in clause}
    out: set[str] = set()
    for ent in doc.ents:
        if ent.label_ in kinds and any(t.i in inside for t in ent):
            out |= {t.lower_ for t in ent if t.is_alpha and not t.is_stop and t.lower_ not in NOT_NAME_WORDS}
    return frozenset(out)


def _actors(doc: Doc, verb: Token | None, figure: Token | None) -> frozenset[str]:
    """Who does what the figure is of: the named subject (or "by" agent) of its clause's verb, and
    the named possessor of its noun ("the Orioles have offered seven years", "offers by the Angels",
    "the Nationals' offer"). Not the subject of a reporting verb: who says a figure is not whose it is."""
    heads: list[Token] = []
    if verb is not None and (verb.lemma_ or verb.lower_).lower() not in NO_PREDICATE:
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                heads.append(child)
            elif child.dep_ == "agent":
                heads.extend(c for c in child.children if c.dep_ == "pobj")
    if figure is not None:
        noun = figure.head if figure.dep_ in {"nummod", "compound", "amod"} else figure
        heads.extend(c for c in noun.children if c.dep_ == "poss")
    out: set[str] = set()
    for h in heads:
        span = [t for t in h.subtree if t.dep_ in {"compound", "conj", "poss", "appos"} or t is h]
        for t in span:
            if t.ent_type_ in ACTORS or t.ent_type_ in PLACES:
                out.add(t.lower_)
    return frozenset(w for w in out if w.isalpha() and w not in STOP_WORDS and w not in NOT_NAME_WORDS)


def _years(doc: Doc, clause: Sequence[Token]) -> list[tuple[dt.date, dt.date]]:
    """The years the clause's DATE entities name ("the 1984 quake"), for a clause the date readers found
    no date in (they read a year only after a preposition), not a bound ("since 2008")."""
    inside = {t.i for t in clause}
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or not any(t.i in inside for t in ent):
            continue
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if before in BOUNDS or ent[0].lower_ in BOUNDS:
            continue
        for t in ent:
            if len(t.text) == 4 and t.text.isdigit() and 1600 <= int(t.text) <= 2099:
                out.append((dt.date(int(t.text), 1, 1), dt.date(int(t.text), 12, 31)))
    return out


def _trigger(doc: Doc, start: int, end: int, verb: Token | None) -> str:
    """The governing verb, or else the event noun the figure's noun phrase hangs from ("the toll of
    the quake", "an offer of $140 million")."""
    if verb is not None and concept(verb.lemma_ or verb.text) not in EMPTY_TRIGGERS:
        return concept(verb.lemma_ or verb.text)
    cur = doc[max(start, end - 1)]
    for _ in range(4):
        if cur.head is cur:
            break
        cur = cur.head
        if cur.pos_ == "NOUN" and not start <= cur.i < end and concept(cur.text) not in GENERIC:
            return concept(cur.text)
    return ""


def _measured(s: Stated, doc: Doc, verb: Token | None) -> tuple[str, bool]:
    """What a duration is the length of, and whether a noun phrase says so: the noun the span modifies
    ("the 17-year rule", "a two-day dialogue", "a 24-hour stretch": True), else what the sentence says
    lasts (`Found.head`: "the talks lasted 3 hours"), the noun after it ("10 days in custody") or its
    verb ("served 10 days")."""
    f = s.main
    last = doc[max(f.start, f.end - 1)]
    if last.dep_ in {"amod", "compound", "nmod"} and last.head.pos_ == "NOUN" and not f.start <= last.head.i < f.end:
        return concept(last.head.text), True
    if f.head:
        return f.head, False
    for child in last.children:
        if child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ in {"NOUN", "PROPN"}:
                    return concept(obj.text), False
    return (concept(verb.lemma_ or verb.text), False) if verb is not None else ("", False)


def read_event(s: Stated, parsed: Parsed | None, dates: Sequence[FoundDate]) -> Event:
    """The event of the figure `s` from its sentence's parse and the sentence's resolved dates."""
    if parsed is None:
        return Event()
    doc = parsed.doc
    f = s.main
    verb, clause = clause_of(doc[max(f.start, f.end - 1)])
    measured, by_noun = _measured(s, doc, verb) if f.quantity.kind == "duration" else ("", False)
    return Event(
        when=_when(verb, clause, [d for d in dates if preposition(d) not in BOUNDS]),
        places=_names(doc, clause, PLACES),
        actors=_actors(doc, verb, doc[max(f.start, f.end - 1)]) | f.frame.owners,
        trigger=_trigger(doc, f.start, f.end, verb),
        measured=measured,
        named_by_noun=by_noun,
        words=frozenset(t.lower_ for t in doc if t.is_alpha),
        stems=frozenset(concept(t.text) for t in doc if t.is_alpha))


def _meets(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date], give: dt.timedelta) -> bool:
    return a[0] - give <= b[1] and b[0] - give <= a[1]


def _apart_names(x: frozenset[str], y: frozenset[str], ex: Event, ey: Event) -> bool:
    """Both name some, none shared, and neither's names told anywhere in the other's sentence."""
    return bool(x and y) and not x & y and not x & ey.words and not y & ex.words


class FigureEvents:
    """The event of each of a story's figures (`items`), and the story's own time, for the pair
    features the same-fact stack reads."""

    def __init__(self, items: Sequence[Stated], parsed: Mapping[tuple[str, int], Parsed],
                 dates: Sequence[FoundDate], published: Mapping[str, dt.date | None] | None = None) -> None:
        by_key: dict[tuple[str, int], list[FoundDate]] = {}
        for d in dates:
            by_key.setdefault(d.key, []).append(d)
        self.items = items
        self._parsed, self._dates = parsed, by_key
        self._published = published or {}
        self._events: dict[int, Event] = {}
        days = [d for d in (published or {}).values() if d is not None]
        # The story's own time: from a month before its first report (a developing story's event)
        # to its last; what ended before that is history told in passing.
        first = min(days, default=None)
        self.began = (max(first, dt.date.min + dt.timedelta(days=BACKGROUND_DAYS)) - dt.timedelta(days=BACKGROUND_DAYS)
                      if first else None)  # a report dated 0001-01-01 has no month before it

    def event(self, i: int) -> Event:
        if i not in self._events:
            s = self.items[i]
            self._events[i] = read_event(s, self._parsed.get(s.key), self._dates.get(s.key, []))
        return self._events[i]

    def background(self, e: Event) -> bool:
        """Every time the figure's clause names ended before the story's own time."""
        return self.began is not None and bool(e.when) and all(end < self.began for _, end in e.when)

    def _times_apart(self, a: Stated, ea: Event, b: Stated, eb: Event) -> bool:
        """The two figures' times do not meet: their clauses' dates, or for an undated clause its
        report's day, known to within `UNDATED_TOLERANCE`."""
        wa, wb = ea.when or self._day(a), eb.when or self._day(b)
        if not wa or not wb:
            return False
        give = TOLERANCE if ea.when and eb.when else UNDATED_TOLERANCE
        return not any(_meets(x, y, give) for x in wa for y in wb)

    def _day(self, s: Stated) -> tuple[tuple[dt.date, dt.date], ...]:
        day = self._published.get(s.source)
        return ((day, day),) if day is not None else ()

    def features(self, i: int, j: int, cosine: float) -> dict[str, float]:
        """The pair's event evidence, each 1.0 when it says two events (NaN where it cannot speak:
        two languages' names and verbs are not compared by spelling)."""
        a, b = self.items[i], self.items[j]
        ea, eb = self.event(i), self.event(j)
        same_lang = one_language(a, b)
        nan = float("nan")
        time_apart = self._times_apart(a, ea, b, eb)
        off_story = self.background(ea) != self.background(eb)
        trigger_apart = bool(ea.trigger and eb.trigger and ea.trigger != eb.trigger) and \
            ea.trigger not in eb.stems and eb.trigger not in ea.stems and \
            not (cosine == cosine and cosine >= TRIGGER_COSINE)
        # Compared as nouns are: one side at least a noun the span modifies; two verbs or a verb and
        # a subject are one span told in two wordings as often ("had been awake" / "hadn't slept").
        measured_apart = a.main.quantity.kind == "duration" and bool(ea.measured and eb.measured) and \
            (ea.named_by_noun or eb.named_by_noun) and \
            ea.measured != eb.measured and ea.measured not in b.main.context and eb.measured not in a.main.context \
            and ea.measured not in STOP_WORDS and eb.measured not in STOP_WORDS
        return {
            "time_apart": float(time_apart),
            "off_story": float(off_story),
            "place_apart": float(_apart_names(ea.places, eb.places, ea, eb)) if same_lang else nan,
            "actors_apart": float(_apart_names(ea.actors, eb.actors, ea, eb)) if same_lang else nan,
            "trigger_apart": float(trigger_apart) if same_lang else nan,
            "measured_apart": float(measured_apart) if same_lang else nan,
        }

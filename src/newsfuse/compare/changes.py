"""Updates that the reports say outright: a sentence of change (`facts.changes`) paired across days.

"The number of people killed by floods in Nairobi has risen to 239" (9 Aug) and "Flash floods have
killed 174 people in Nairobi" (7 Aug) are one fact told at two times, though the sentences share no
template: the change sentence names what changed (the subject of its verb of change: people killed,
Nairobi) and says that it changed. So a figure of an earlier report is the earlier value when

- it measures what changed (a concept of the change's subject or counted noun that is not merely
  "people" or a generic word: death, displaced, damage) and its scope does not clash (Nairobi's toll
  is not Dar es Salaam's);
- it is not a part, a whole or an increment ("30 more bodies", "250 in the two countries in all"),
  nor told of another time (its sentence is dated days before its report: last week's landslide,
  last year's floods);
- it has the earlier value the sentence gives ("up from 174"), or, where the sentence gives none,
  lies on the side the sentence's direction says ("rose to five": fewer before), the latest such;
- its report is from an earlier day, within `updates.UPDATE_DAYS`. A report of the *same* day that
  gives another value is a disagreement at one time: a conflict, not an update.

With no earlier report, a sentence that gives the earlier value and its day ("up from 18 on Monday")
is an update on its own. One that gives neither (sales "rose to $5bn from $4bn") is not: nothing
says the story's days saw the change. An earlier value that the change sentence itself gives is
never the side of a conflict (it is the fact's past, not a rival account of its present).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsfuse.compare.dates import overlap, preposition
from newsfuse.compare.updates import UPDATE_DAYS
from newsfuse.compare.values import written
from newsfuse.facts.changes import Change, same_kind
from newsfuse.facts.dates import FoundDate
from newsfuse.facts.quantities import Found
from newsfuse.facts.quantity_words import GENERIC, concept
from newsfuse.types import Conflict, ConflictKind, ConflictValue, Evidence, Update, UpdateValue

# How sure an update is when a change sentence is paired with an earlier report giving the value it
# says was earlier (the sentence vouches for both the pairing and the order) ...
VOUCHED = 0.9
# ... when the pairing rests on the measured thing and the direction alone, or the sentence alone
# tells both values; and a same-day disagreement a change sentence shows.
TOLD = 0.7
# What every count's sentence may share without saying what is counted.
WEAK = GENERIC | {"peopl"}
# What happened to the people a count counts, as concepts fold it: the dead are not the missing, the
# injured or the rescued, though all are "miners" or "people". A change of one is never paired with a
# figure whose sentence tells only another.
OUTCOMES = {"death": "death", "injur": "injur", "miss": "miss", "unaccount": "miss", "rescu": "rescu",
            "evacu": "evacu", "arrest": "arrest"}
# A figure's sentence dated this many days or more before its report tells another instance.
ELSEWHEN_DAYS = 3
# How many of what changed a same-day rival's sentence must tell (`_tells`).
SHARED = 2
# How far after the earlier value its day may be written ("up from 18 on Monday").
DAY_AFTER = 30


@dataclass(slots=True)
class _Side:
    """One value of a developing fact: the figures that give it."""

    figures: list[int] = field(default_factory=list)
    at: dt.date | None = None


def change_updates(changes: Sequence[Change], found: Sequence[Found], dates: Sequence[FoundDate],
                   published: Mapping[str, dt.date | None], conflicts: Sequence[Conflict],
                   updates: Sequence[Update]) -> tuple[list[Conflict], list[Update]]:
    """The story's conflicts and updates with what its change sentences say: updates they state
    (merged with those found already when they share a value's sentence), same-day disagreements they
    show, and no conflict left that sets a change's own earlier value against anything."""
    when: dict[tuple[str, int], list[FoundDate]] = defaultdict(list)
    for d in dates:
        when[d.key].append(d)
    told: list[Update] = []
    shown: list[Conflict] = []
    # The earlier values change sentences give are the fact's past as of their report: no later
    # change is measured from them (the report's own new value is).
    olds = {c.old for c in changes if c.old is not None}
    # What a figure measures, as the change sentence that gives it as its new value names it.
    measured: dict[int, frozenset[str]] = {c.new: c.measured for c in changes}
    for c in changes:
        day = published.get(c.key[0])
        if day is None:
            continue
        got = _pair(c, found, when, published, day, olds, measured)
        if got is None:
            continue
        old, new, same_day, vouched = got
        if old is not None:
            told.append(_update(found, old, new, VOUCHED if vouched else TOLD, c.subject))
        if same_day.figures:
            shown.append(_conflict(found, same_day, new, c.subject))
    past = {(found[c.old].key, found[c.old].quantity.text) for c in changes if c.old is not None}
    kept = [k for k in (_without_past(x, past) for x in conflicts) if k is not None]
    merged = _merge([*updates, *told])
    kept = [x for x in kept if not _ordered_by(x, merged)]
    seen = {frozenset((e.source, e.sentence) for v in x.values for e in v.evidence) for x in kept}
    kept += [x for x in shown if frozenset((e.source, e.sentence) for v in x.values for e in v.evidence) not in seen]
    return kept, merged


def _pair(c: Change, found: Sequence[Found], when: Mapping[tuple[str, int], list[FoundDate]],
          published: Mapping[str, dt.date | None], day: dt.date,
          olds: set[int], measured: Mapping[int, frozenset[str]]) -> tuple[_Side | None, _Side, _Side, bool] | None:
    """(earlier value, new value, same-day rivals, vouched by the earlier value) of one change."""
    n = found[c.new]
    o = found[c.old] if c.old is not None else None
    # "the death toll from Monday's quake": the event whose figure changed is Monday's
    named = [d for d in when.get(c.key, []) if c.subject_span[0] <= d.start < c.subject_span[1]]
    earlier: list[tuple[int, int]] = []  # (days before, figure)
    rivals: list[int] = []
    agree: list[int] = []
    for e, f in enumerate(found):
        source = f.key[0]
        if source == c.key[0] or e in olds or (d := published.get(source)) is None:
            continue
        gap = (day - d).days
        if gap < 0 or gap > UPDATE_DAYS or not _measures(c, f, measured.get(e, frozenset()), found) \
                or _elsewhen(f, when.get(f.key, []), d):
            continue
        if named and _other_event(named, when.get(f.key, [])):
            continue
        if _close(f, n):
            if gap == 0:
                agree.append(e)
        elif gap > 0 and ((o is not None and _close(f, o)) or (o is None and _before(c, f, n, told=True))):
            earlier.append((gap, e))
        elif gap == 0 and ((o is not None and _close(f, o)) or (o is None and _before(c, f, n) and _tells(c, f))):
            rivals.append(e)
    new = _Side([c.new, *agree], day)
    if earlier:
        latest = min(g for g, _ in earlier)
        # the latest day's value; of several that day, the nearest to the new one (the last before it)
        first = min((found[x] for g, x in earlier if g == latest), key=lambda f: abs(f.quantity.value - n.quantity.value))
        figures = [e for _, e in earlier if _close(found[e], first)]
        at = min(d for e in figures if (d := published.get(found[e].key[0])) is not None)
        return _Side(figures, at), new, _Side(rivals), o is not None
    if o is not None and c.old is not None and (told := _told_day(c, found, when, day)) is not None:
        return _Side([c.old], told), new, _Side(rivals), False
    return (None, new, _Side(rivals), False) if rivals else None


def _measures(c: Change, f: Found, named: frozenset[str], found: Sequence[Found]) -> bool:
    """The figure measures what the change is of (`named`: what a change sentence that gives the
    figure says it measures), in a scope that does not clash with it."""
    if f.quantity.kind == "age" or f.delta or f.former or f.part or f.total or f.frame.part or f.frame.whole:
        return False
    told = {f.head} | f.context | named
    changed = {OUTCOMES[w] for w in c.measured if w in OUTCOMES}
    other = {OUTCOMES[w] for w in told if w in OUTCOMES}
    if changed and other and not changed & other:
        return False
    if not (c.measured & told) - WEAK and not changed & other and not _named_before(c, f, found):
        return False
    return not (c.scope and f.frame.scope and not c.scope & f.frame.scope)


def _named_before(c: Change, f: Found, found: Sequence[Found]) -> bool:
    """The change names its earlier value, and the figure gives it, counting the same noun: "had earlier
    said 40 people were in the building, ... revised the figure down to 28" beside "About 40 people
    were believed to have been inside" (what changed is told by the value and the noun it counts)."""
    if c.old is None:
        return False
    o = found[c.old]
    return bool(o.quantity.unit) and o.quantity.unit == f.quantity.unit and _close(f, o)


def _told(dates: list[FoundDate]) -> list[FoundDate]:
    """The times a sentence says its facts happened ("since 2011" and "until Friday" bound a period)."""
    return [d for d in dates if preposition(d) not in {"since", "from", "until", "till", "by"}]


def _tells(c: Change, f: Found) -> bool:
    """The figure's sentence tells what changed, in its own words, beyond the count's noun: a same-day
    rival with no earlier value named must be of the same event ("a boat carrying migrants capsized off
    Lampedusa, and 14 people died" beside "the number of migrants who died when their boat capsized
    off Lampedusa has risen to 17"), not any smaller figure of the day."""
    words = {concept(w) for w in re.findall(r"[^\W\d_]{3,}", f.text)}
    return len((c.measured & words) - WEAK) >= SHARED


def _elsewhen(f: Found, dates: list[FoundDate], day: dt.date) -> bool:
    """The figure's sentence tells a time days before its report, or a week, month or year wholly
    past ("last month" on 2 September): another instance."""
    told = _told(dates)
    return bool(told) and all(d.ref.end <= day - dt.timedelta(days=ELSEWHEN_DAYS)
                              or (d.ref.end < day and (d.ref.end - d.ref.start).days >= 6) for d in told)


def _other_event(named: list[FoundDate], dates: list[FoundDate]) -> bool:
    """The change names its event's day ("Monday's quake"), and the figure's sentence tells only other
    days ("an aftershock struck on Wednesday")."""
    told = _told(dates)
    return bool(told) and not any(overlap(a, b) for a in named for b in told)


def _close(a: Found, b: Found) -> bool:
    qa, qb = a.quantity, b.quantity
    if not same_kind(a, b):
        return False
    top = max(abs(qa.value), abs(qb.value))
    return top == 0 or abs(qa.value - qb.value) <= 0.02 * top


def _before(c: Change, f: Found, n: Found, told: bool = False) -> bool:
    """Where the sentence gives no earlier value: a figure on the side its direction says; with no
    direction ("now stands at 171"), for an earlier report (`told`), any other value."""
    if not same_kind(f, n):
        return False
    if c.direction == "up":
        return f.quantity.value < n.quantity.value
    if c.direction == "down":
        return f.quantity.value > n.quantity.value
    return told


def _told_day(c: Change, found: Sequence[Found], when: Mapping[tuple[str, int], list[FoundDate]],
              day: dt.date) -> dt.date | None:
    """The day the sentence gives its earlier value ("up from 18 on Monday"), if within the story's days."""
    for d in sorted(when.get(c.key, []), key=lambda d: d.start):
        if c.old_end <= d.start <= c.old_end + DAY_AFTER:
            at = d.ref.start
            return at if 0 < (day - at).days <= UPDATE_DAYS else None
    return None


def _normalized(f: Found, figures: Sequence[Found] = ()) -> str:
    """As a conflict's value is normalized (`compare.quantities`): "174 people", "~52000 people"; a
    bare number ("put the toll at 174") in the unit of the count it stands for."""
    q = f.quantity
    unit = q.unit
    if q.kind in {"count", "number"} and not unit:
        unit = next((g.quantity.unit for g in figures if g.quantity.kind == "count" and g.quantity.unit), "")
        unit = unit or ("items" if q.kind == "count" else "")
    return f"{written(q)} {unit}".strip()


def _kind(f: Found) -> ConflictKind:
    k = f.quantity.kind
    return "money" if k == "money" else "duration" if k == "duration" else "count" if k in {"count", "number"} \
        else "number"


def _about(found: Sequence[Found], figures: Sequence[int], subject: str = "") -> str:
    if subject:
        return subject
    measures = Counter(found[i].quantity.measures for i in figures if found[i].quantity.measures)
    what = " / ".join(m for m, _ in measures.most_common(2)) or "a figure"
    kind = _kind(found[figures[0]])
    prefix = {"money": "amount for", "duration": "how long: ", "count": "number of"}.get(kind, "figure for")
    return f"{prefix} {what}".replace(":  ", ": ").strip()


def _value(found: Sequence[Found], side: _Side, at: dt.date, all_figures: Sequence[int]) -> UpdateValue:
    figures = [found[i] for i in side.figures]
    return UpdateValue(value=" | ".join(dict.fromkeys(f.quantity.text for f in figures)),
                       normalized=_normalized(figures[0], [found[i] for i in all_figures]), at=at,
                       sources=list(dict.fromkeys(f.key[0] for f in figures)),
                       evidence=list(dict.fromkeys(Evidence(f.key[0], f.key[1], f.text) for f in figures)))


def _update(found: Sequence[Found], old: _Side, new: _Side, confidence: float, subject: str) -> Update:
    assert old.at is not None and new.at is not None
    every = [*old.figures, *new.figures]
    return Update(kind=_kind(found[new.figures[0]]), about=_about(found, old.figures, subject),
                  values=[_value(found, old, old.at, every), _value(found, new, new.at, every)], confidence=confidence,
                  note="a report says the figure changed")


def _conflict(found: Sequence[Found], rivals: _Side, new: _Side, subject: str) -> Conflict:
    sides = []
    every = [found[i] for i in (*rivals.figures, *new.figures)]
    for side in (rivals, new):
        figures = [found[i] for i in side.figures]
        sides.append(ConflictValue(value=" | ".join(dict.fromkeys(f.quantity.text for f in figures)),
                                   normalized=_normalized(figures[0], every),
                                   sources=list(dict.fromkeys(f.key[0] for f in figures)),
                                   evidence=list(dict.fromkeys(Evidence(f.key[0], f.key[1], f.text) for f in figures))))
    return Conflict(kind=_kind(found[new.figures[0]]), about=_about(found, rivals.figures, subject),
                    values=sides, confidence=TOLD,
                    note="one report says the figure changed; another of the same day gives another value")


def _without_past(c: Conflict, past: set[tuple[tuple[str, int], str]]) -> Conflict | None:
    """The conflict without the values that only a change sentence's own earlier value gives."""
    values = [v for v in c.values
              if not all(((e.source, e.sentence), v.value) in past for e in v.evidence)]
    if len(values) == len(c.values):
        return c
    return Conflict(kind=c.kind, about=c.about, values=values, confidence=c.confidence, note=c.note) \
        if len(values) >= 2 else None


def _nodes(u: Update) -> set[tuple[str, int, str]]:
    # by the amount alone: a bare figure ("auf neun erhöht") is normalized in the unit of the counts
    # it is paired with, which differ from one update to the next ("9 miners", "9 dead")
    return {(e.source, e.sentence, _amount(v.normalized)) for v in u.values for e in v.evidence}


def _merge(updates: Sequence[Update]) -> list[Update]:
    """Updates that share a value's sentence are one fact's: their values in one list, by day."""
    groups: list[list[Update]] = []
    for u in updates:
        joined = [g for g in groups if any(_nodes(u) & _nodes(x) for x in g)]
        for g in joined:
            groups.remove(g)
        groups.append([x for g in joined for x in g] + [u])
    out: list[Update] = []
    for g in groups:
        if len(g) == 1:
            out.append(g[0])
            continue
        by_value: dict[str, UpdateValue] = {}
        for u in g:
            for v in u.values:
                key = _amount(v.normalized)
                if key not in by_value:
                    by_value[key] = UpdateValue(v.value, v.normalized, v.at, list(v.sources), list(v.evidence))
                else:
                    w = by_value[key]
                    w.value = " | ".join(dict.fromkeys([*w.value.split(" | "), *v.value.split(" | ")]))
                    w.at = min(w.at, v.at)
                    w.sources = list(dict.fromkeys([*w.sources, *v.sources]))
                    w.evidence = list(dict.fromkeys([*w.evidence, *v.evidence]))
        values = sorted(by_value.values(), key=lambda v: v.at)
        best = max(g, key=lambda u: u.confidence)
        out.append(Update(kind=best.kind, about=best.about, values=values, note=best.note,
                          confidence=best.confidence))
    return out


def _amount(normalized: str) -> str:
    """The number of a normalized value: "8 people" and "8 morts" are one value of one fact."""
    return normalized.lstrip("~≥≤ ").split(" ")[0]


def _ordered_by(c: Conflict, updates: Sequence[Update]) -> bool:
    """A conflict whose every value is a value of one update (the update tells it in time)."""
    return any(all(any((e.source, e.sentence, _amount(v.normalized)) in _nodes(u) for e in v.evidence) or
                   any(w.normalized == v.normalized and set(v.sources) <= set(w.sources) for w in u.values)
                   for v in c.values) for u in updates)

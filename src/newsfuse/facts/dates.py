"""Date expressions, resolved to absolute days or ranges against the article's publication date.

"on Wednesday", "last week", "in December", "Feb. 4", "from 2019 to 2021", "since 2019", "the first
in four years". An article without a publication date borrows the story's date from another article
(and a note says so); only when no article has one is a full date in its own text used.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsfuse.facts.nlp import Parsed
from newsfuse.ingest.dates import MAX_YEAR, MIN_YEAR, in_window
from newsfuse.langdata import in_any_language, lexicon, month_pattern, months, weekday_names
from newsfuse.types import DateRef, Source

MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
          "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
          "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "fifteen": 15,
                "twenty": 20, "thirty": 30}
# Month names as written in news: capitalised, optionally abbreviated with a dot.
_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|" \
       r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|a|an)"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"
# "would" too: in news it is mostly the future of reported speech ("said trains would not run before
# Saturday"); "would have" looks back.
FUTURE = re.compile(r"\b(?:will|shall|would(?!\s+(?:not\s+)?have\b)|ahead of|upcoming|next|scheduled|"
                    r"expected to|due (?:to|back)|plans? to|is to|are to|to be held|set to)\b|'ll\b", re.I)


@dataclass(frozen=True, slots=True)
class Anchor:
    date: dt.date | None
    how: str  # "published", "borrowed:<article id>", "text", or "" when there is none


@dataclass(slots=True)
class FoundDate:
    ref: DateRef
    key: tuple[str, int]
    start: int  # character span in the sentence
    end: int
    text: str  # the sentence
    fuzzy: bool = False  # "in four years": give or take half a year
    anchored: dt.date | None = None  # the date relative expressions were resolved against


def anchors(sources: Sequence[Source], parsed: Sequence[Parsed] = ()) -> tuple[dict[str, Anchor], list[str]]:
    """The date each article's relative dates are resolved against, and notes on the borrowed ones."""
    own = {s.article.id: s.article.published if in_window(s.article.published) else None for s in sources}
    dated = Counter(d for d in own.values() if d is not None)
    out: dict[str, Anchor] = {}
    # A stored date at the calendar's edge (0001-01-01) would overflow every relative date.
    notes: list[str] = [f"{s.article.id}: its date {s.article.published} is outside {MIN_YEAR}-{MAX_YEAR}; "
                        "ignored" for s in sources if not in_window(s.article.published)]
    for src in sources:
        aid = src.article.id
        if own[aid] is not None:
            out[aid] = Anchor(own[aid], "published")
        elif dated:
            date = dated.most_common(1)[0][0]
            lender = next(s.article.id for s in sources if s.article.published == date)
            out[aid] = Anchor(date, f"borrowed:{lender}")
            notes.append(f"{aid} carries no date; its dates are resolved against {date.isoformat()}, "
                         f"borrowed from {lender}")
        else:
            found = _latest_full_date([p for p in parsed if p.source == aid])
            out[aid] = Anchor(found, "text" if found else "")
            if found:
                notes.append(f"{aid} carries no date; its dates are resolved against {found.isoformat()}, "
                             f"the latest full date in its own text")
            else:
                notes.append(f"{aid} carries no date and none could be borrowed; its relative dates "
                             f"(\"on Wednesday\", \"last week\") are left unresolved")
    return out, notes


def _latest_full_date(parsed: Sequence[Parsed]) -> dt.date | None:
    best: dt.date | None = None
    for p in parsed:
        for m in FULL_DATE.finditer(p.text):
            d = _safe_date(int(m["year"]), MONTHS[m["mon"].lower().rstrip(".")], int(m["day"]))
            if d and (best is None or d > best):
                best = d
    return best


def extract_dates(parsed: Sequence[Parsed], anchor_of: dict[str, Anchor]) -> list[FoundDate]:
    out: list[FoundDate] = []
    for p in parsed:
        anchor = anchor_of.get(p.source, Anchor(None, ""))
        out.extend(dates_in(p.text, anchor, p.source, p.sentence.index, p.lang))
    return out


def dates_in(text: str, anchor: Anchor, source: str = "", sentence: int = 0, lang: str = "") -> list[FoundDate]:
    """Every date expression of one sentence, resolved; the longest reading of each span wins. A
    sentence in another language is read with that language's rules (`local_rules`), then the
    language-free ones (ISO dates, years)."""
    taken: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    for pattern, resolve in RULES if lang in {"", "en"} else local_rules(lang):
        for m in pattern.finditer(text):
            # A rule may need context it does not date ("the first ... in four years"): then only
            # its `span` group is the date expression.
            at = "span" if "span" in pattern.groupindex else 0
            lo, hi = m.start(at), m.end(at)
            if any(lo < e and s < hi for s, e in taken):
                continue
            try:
                got = resolve(m, anchor.date, looks_ahead(text, lo, hi, lang))
            except (OverflowError, ValueError):
                got = None  # near the calendar's ends: no reading rather than a failed brief
            if got is None:
                continue
            start, end, gran, fuzzy = got
            if end < start:
                continue
            how = "absolute" if resolve in ABSOLUTE else anchor.how
            ref = DateRef(text=m.group(at).strip(), start=start, end=end, source=source, sentence=sentence,
                          granularity=gran, anchor=how)  # type: ignore[arg-type]
            taken.append((lo, hi))
            found.append(FoundDate(ref, (source, sentence), lo, hi, text, fuzzy, anchor.date))
    found.sort(key=lambda f: f.start)
    return found


def looks_ahead(text: str, start: int, end: int, lang: str = "") -> bool:
    """Does the clause holding a date speak of the future ("will meet on Friday", "ahead of ... on
    Friday")? Only the clause before the date counts, or the one after it when the date opens the
    sentence: "announced in December that it will double" looks back."""
    if _SCHEDULED_FOR.search(text[:start]) and not re.match(r"['’]s\b", text[end:end + 2]):
        return True
    if lang not in {"", "en"}:
        return _future_local(lang).search(re.split(r"[;,]", text[:start])[-1]) is not None
    before = re.split(r"\b(?:that|which|when|while)\b|[;,]", text[:start])[-1]
    if (future := FUTURE.search(before)) and not _PLANNED_BEFORE.search(before[:future.start()]):
        return True
    if not text[:start].strip(" \"“‘'(") or text[:start].strip().lower() in {"on", "by", "from", "until"}:
        # The date opening a sentence dates its main clause: "On Wednesday, Iran had said that she
        # would be released" is a past Wednesday; the reported speech after "that" (or a quote, or a
        # past verb before it: "said talks would resume") has a time of its own.
        after = re.split(r"[;.]", text[end:end + 80])[0]
        main = _SUBORDINATE.split(after)[0]
        future = FUTURE.search(main)
        return future is not None and not _PAST.search(main[:future.start()])
    return False


# A day something is set for: "called a rally for Thursday", "hat für Donnerstag zu einer Kundgebung
# aufgerufen", "convoqué pour jeudi": what is called, planned or set for a day is still to come when
# the article is written (not "for Monday's attack": a possessive names the day of an event).
_SCHEDULED_FOR = re.compile(r"\b(?:for|für|pour|para|per|voor)\s+(?:(?:the|den|le|el|il|de)\s+)?$", re.I)
# "had been due to speak on Saturday", "had been expected to": a plan seen from before it, now past.
_PLANNED_BEFORE = re.compile(r"\bhad\s+been\s+$", re.I)
# What ends a sentence's main clause after an opening date: a clause of its own (reported speech).
_SUBORDINATE = re.compile(r"\b(?:that|which|who|whom|whose|when|while|because|if|whether)\b|[\"“”]")
# A finite verb in the past before a "would": the clause looks back ("said", "had", "announced").
_PAST = re.compile(r"\b(?:had|was|were|did|said|told|\w{3,}ed)\b", re.I)


# --- resolvers: (match, anchor, future?) → (start, end, granularity, fuzzy) ---------------------------

Resolved = tuple[dt.date, dt.date, str, bool] | None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# Month names of the languages whose rules were built (`local_rules`), lexicon or not: a Greek
# "φεβρουαρίου" is matched by the Greek rules, which dateparser's data gives, and must be read back.
_LOCAL_MONTHS: dict[str, int] = {}
_LOCAL_WEEKDAYS: dict[str, int] = {}


def _month(m: re.Match[str]) -> int:
    name = m["mon"].lower().rstrip(".")
    return MONTHS.get(name) or in_any_language(months).get(name) or _LOCAL_MONTHS[name]


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, monthrange(year, month)[1])


def _year_range(y1: int, y2: int | None = None) -> tuple[dt.date, dt.date]:
    return dt.date(y1, 1, 1), dt.date(y2 or y1, 12, 31)


def _full(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    d = _safe_date(int(m["year"]), _month(m), int(m["day"]))
    return (d, d, "day", False) if d else None


def _iso(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    d = _safe_date(int(m["year"]), int(m["m"]), int(m["day"]))
    return (d, d, "day", False) if d else None


def _month_year(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    start, end = _month_range(int(m["year"]), _month(m))
    return start, end, "month", False


def _day_month(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    if anchor is None:
        return None
    month, day = _month(m), int(m["day"])
    d = _safe_date(anchor.year, month, day)
    if d is None:
        return None
    # News mostly looks back: a date more than two months ahead is last year's, one more than ten
    # months back is next year's.
    if d > anchor + dt.timedelta(days=61) and not future:
        d = _safe_date(anchor.year - 1, month, day) or d
    elif d < anchor - dt.timedelta(days=300):
        d = _safe_date(anchor.year + 1, month, day) or d
    return d, d, "day", False


def _month_only(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    if anchor is None:
        return None
    if not m["rel"] and _GIVEN_NAME.match(m["mon"]) and re.match(r"\s+[A-Z][a-z]", m.string[m.end():]):
        return None  # "Bishop Jan Wrobel": a given name before a family name, not January
    month = _month(m)
    which = (m["rel"] or "").lower()
    year = anchor.year
    if which == "next" or (future and which != "last" and month > anchor.month):
        year = anchor.year + (month <= anchor.month)
    elif which == "last":
        year = anchor.year - (month >= anchor.month)
    elif month > anchor.month:
        year = anchor.year - 1
    start, end = _month_range(year, month)
    return start, end, "month", False


# Month abbreviations that are also given names ("Jan", "Dec"), written without the abbreviation's dot.
_GIVEN_NAME = re.compile(r"(?:Jan|Dec|Nov|Jun|Jul)$")


def _weekday(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    if anchor is None:
        return None
    name = m["wd"].lower()
    wd = WEEKDAYS[name] if name in WEEKDAYS else in_any_language(weekday_names).get(name, _LOCAL_WEEKDAYS.get(name))
    if wd is None:
        return None
    which = (m["rel"] or "").lower()
    back = (anchor.weekday() - wd) % 7
    if which == "next" or (future and which != "last" and back):
        d = anchor + dt.timedelta(days=(wd - anchor.weekday()) % 7 or 7)
    elif which == "last":
        d = anchor - dt.timedelta(days=back or 7)
    else:
        d = anchor - dt.timedelta(days=back)
    return d, d, "day", False


def _weekday_numbered(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    """A weekday with its day of the month in brackets, as the Brazilian press writes it ("nesta
    quarta-feira (14)", "na sexta-feira (16)"): the day with that number nearest the article's date
    (on that weekday when one is), not the weekday's last occurrence, whose reading depends on the
    anchor (a report filed two days later, or dated from another report, is off by days)."""
    if anchor is None:
        return None
    name = m["wd"].lower()
    wd = in_any_language(weekday_names).get(name, _LOCAL_WEEKDAYS.get(name))
    number = int(m["day"])
    days = []
    for shift in (-1, 0, 1):
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
        try:
            days.append(dt.date(y, mo + 1, number))
        except ValueError:
            continue
    near = [d for d in days if abs((d - anchor).days) <= 15]
    if not near:
        return None
    d = min(near, key=lambda d: (d.weekday() != wd, abs((d - anchor).days)))
    return d, d, "day", False


def _relative_day(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    if anchor is None:
        return None
    shift = {"yesterday": -1, "tomorrow": 1}.get(m.group(0).lower(), 0)
    d = anchor + dt.timedelta(days=shift)
    return d, d, "day", False


def _relative_period(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    if anchor is None:
        return None
    which, unit = m["rel"].lower(), m["unit"].lower()
    step = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "earlier this": 0,
            "later this": 0}[" ".join(which.split())]
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
        return monday, monday + dt.timedelta(days=6), "range", False
    if unit == "month":
        y, mo = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        start, end = _month_range(y, mo + 1)
        return start, end, "month", False
    start, end = _year_range(anchor.year + step)
    return start, end, "year", False


def _ago(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    if anchor is None:
        return None
    n = _count(m["n"])
    unit = m["unit"].lower()
    if n > 3000:
        return None
    if unit == "day":
        d = anchor - dt.timedelta(days=n)
        return d, d, "day", False
    if unit == "week":
        d = anchor - dt.timedelta(weeks=n)
        return d - dt.timedelta(days=3), d + dt.timedelta(days=3), "range", True
    months = n * {"month": 1, "year": 12, "decade": 120}[unit]
    return _months_back(anchor, months)


def _gap(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    """ "the first ... in four years": the last time was about four years before."""
    if anchor is None:
        return None
    months = _count(m["n"]) * {"day": 0, "week": 0, "month": 1, "year": 12, "decade": 120}[m["unit"].lower()]
    if not months:
        return None
    return _months_back(anchor, months)


def _months_back(anchor: dt.date, months: int) -> Resolved:
    if months > 12 * 1000:
        return None  # "10,000 years ago" is no date we can write down
    # Counted in whole units, so give or take half of one: "four years" before 2023-02-22 is
    # 2018-08-22 .. 2019-08-22, which "since 2019" and "in Feb. 2019" both fall in.
    half = 6 if months >= 12 else max(1, months // 2) if months > 1 else 0
    start = _shift_months(anchor, -months - half)
    end = _shift_months(anchor, -months + half)
    return start, end, "range" if half else "month", True


def _shift_months(d: dt.date, months: int) -> dt.date:
    y, mo = divmod(d.year * 12 + d.month - 1 + months, 12)
    return dt.date(y, mo + 1, min(d.day, monthrange(y, mo + 1)[1]))


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower(), 1)


def _year_span(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    y1, y2 = int(m["y1"] or m.groupdict().get("b1") or 0), int(m["y2"])
    if y2 < 100:
        y2 += y1 // 100 * 100
    if not y1 < y2 <= y1 + 200:
        return None
    start, end = _year_range(y1, y2)
    return start, end, "range", False


def _year(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    year = int(m["year"])
    if anchor is not None and year > anchor.year + 30:
        return None
    start, end = _year_range(year)
    return start, end, "year", False


def _decade(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
    start, end = _year_range(int(m["dec"]), int(m["dec"]) + 9)
    return start, end, "range", False


FULL_DATE = re.compile(rf"(?:{_WD},?\s+)?\b{_MON}\s+{_DAY},?\s+{_YEAR}\b")
RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], dt.date | None, bool], Resolved]]] = [
    (re.compile(r"\b(?P<year>\d{4})-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b"), _iso),
    (FULL_DATE, _full),
    (re.compile(rf"(?:{_WD},?\s+)?\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b"), _full),
    (re.compile(rf"\b(?:(?:early|mid|late)-?\s?)?{_MON}\s+(?:of\s+)?{_YEAR}\b"), _month_year),
    (re.compile(rf"\b{_MON}\s+{_DAY}\b(?!\s*(?:%|percent|per cent|,\s*\d))"), _day_month),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON}\b"), _day_month),
    (re.compile(r"\b(?:from\s+(?P<y1>1[6-9]\d\d|20\d\d)\s*(?:-|–|to|until|through)|"
                r"between\s+(?P<b1>1[6-9]\d\d|20\d\d)\s+and)\s*(?P<y2>1[6-9]\d\d|20\d\d)\b"), _year_span),
    (re.compile(r"\b(?P<y1>1[6-9]\d\d|20\d\d)\s*(?:-|–|/)\s*(?P<y2>1[6-9]\d\d|20\d\d|\d\d)\b"), _year_span),
    (re.compile(r"\b(?:the\s+)?(?:early\s+|late\s+|mid-)?(?P<dec>1[6-9]\d0|20[0-9]0)s\b"), _decade),
    # The word before the year in any case: "In 2014, ..." opens a sentence as "in 2014" does inside one.
    (re.compile(r"\b(?i:in|since|from|during|by|until|till|before|after|fiscal|of|around|circa|year|"
                r"early|late|mid)(?:-|\s+)" + _YEAR + r"\b(?!\s*(?:%|percent|per cent))"), _year),
    (re.compile(r"(?<=\d{4})(?:,\s*|\s+(?:and|or)\s+)" + _YEAR + r"\b"), _year),
    (re.compile(rf"\b(?:(?P<rel>last|next|this|early|late|mid|earlier in|later in|in)[- ]\s*)?{_MON}"
                r"(?!\s*\d)(?![a-z])"), _month_only),
    (re.compile(rf"\b(?:(?P<rel>last|next|this|on|since|until|by|from)\s+)?{_WD}\b"), _weekday),
    (re.compile(r"\b(?:today|tonight|yesterday|tomorrow|this morning|this afternoon|this evening)\b", re.I),
     _relative_day),
    (re.compile(r"\b(?P<rel>last|previous|past|this|next|earlier\s+this|later\s+this)\s+"
                r"(?P<unit>week|month|year)\b", re.I), _relative_period),
    (re.compile(rf"\b{_NUM}\s+{_UNIT}\s+ago\b", re.I), _ago),
    (re.compile(rf"\bfirst\b[^.;]{{0,80}}?\b(?P<span>(?:in|for|after)\s+(?:more\s+than\s+|nearly\s+|almost\s+|"
                rf"over\s+|about\s+)?(?:the\s+(?:past|last)\s+)?{_NUM}\s+{_UNIT})\b", re.I), _gap),
    (re.compile(rf"\b(?:after|in)\s+(?:a\s+)?(?:gap|hiatus|break|pause)\s+of\s+{_NUM}\s+{_UNIT}\b", re.I), _gap),
]
ABSOLUTE = (_full, _iso, _month_year, _year_span, _year, _decade)


# --- other languages ------------------------------------------------------------------------------

@lru_cache(maxsize=16)
def _future_local(code: str) -> re.Pattern[str]:
    words = lexicon(code).future or ("\uffff",)
    return re.compile("(?<!\\w)(?:" + "|".join(re.escape(w) for w in words) + ")(?!\\w)", re.I)


# Parts of the day a weekday may be compounded with: "Dienstagabend", "lundi soir" is two words (and the
# language's own, `Lexicon.day_parts`: Dutch "dinsdagavond").
_DAY_PARTS = ("abend", "morgen", "nachmittag", "vormittag", "nacht", "mittag")


def _relative_local(days: dict[str, int]) -> Callable[[re.Match[str], dt.date | None, bool], Resolved]:
    def resolve(m: re.Match[str], anchor: dt.date | None, future: bool) -> Resolved:
        if anchor is None:
            return None
        d = anchor + dt.timedelta(days=days[m.group(0).lower()])
        return d, d, "day", False
    return resolve


@lru_cache(maxsize=16)
def local_rules(code: str) -> list[tuple[re.Pattern[str], Callable[[re.Match[str], dt.date | None, bool], Resolved]]]:
    """The date rules of one language: "12 mars 2024", "22. Februar", "lundi", "am Dienstagabend",
    "hier", with the month and weekday names of dateparser's data; then the rules that need no words
    (ISO dates, year spans, decades)."""
    mon = month_pattern(code)
    for name, number in months(code).items():
        _LOCAL_MONTHS.setdefault(name, number)
    for name, number in weekday_names(code).items():
        _LOCAL_WEEKDAYS.setdefault(name, number)
    days = "|".join(re.escape(d) for d in sorted(weekday_names(code), key=len, reverse=True))
    relative = lexicon(code).relative_days
    rules: list[tuple[re.Pattern[str], Callable[[re.Match[str], dt.date | None, bool], Resolved]]] = [RULES[0]]
    if mon:
        day = r"(?P<day>[0-3]?\d)(?:er|º|\.)?"
        rules += [
            (re.compile(rf"(?<!\w){day}\s+(?:de\s+)?(?P<mon>{mon})\.?,?\s+(?:de\s+)?{_YEAR}(?!\w)", re.I), _full),
            (re.compile(rf"(?<!\w)(?P<mon>{mon})\.?\s+(?:de\s+)?{_YEAR}(?!\w)", re.I), _month_year),
            (re.compile(rf"(?<!\w){day}\s+(?:de\s+)?(?P<mon>{mon})(?!\w)", re.I), _day_month),
        ]
    if days:
        # a weekday compounded with a part of the day: "Dienstagabend", Dutch "dinsdagavond"
        parts = "|".join(re.escape(w) for w in sorted({*_DAY_PARTS, *lexicon(code).day_parts}, key=len, reverse=True))
        rules.append((re.compile(rf"(?<!\w)(?P<wd>{days})\s*\((?P<day>[0-3]?\d)\)", re.I), _weekday_numbered))
        rules.append((re.compile(rf"(?<!\w)(?P<rel>)(?P<wd>{days})(?:{parts})?(?!\w)", re.I), _weekday))
    if relative:
        words = "|".join(re.escape(w) for w in sorted(relative, key=len, reverse=True))
        rules.append((re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.I), _relative_local(relative)))
    rules += [r for r in RULES if r[1] in (_year_span, _decade)]
    if lexicon(code).capital_nouns:
        # A year alone: "Bereits 2019 hatte das Unternehmen ...", "Im Jahr 2024, ...". Where every noun
        # is capitalised, a figure followed by a lower-case word or a stop counts nothing (a count
        # is followed by its noun: "2000 Menschen"), so it is the year.
        rules.append((re.compile(r"(?<![\w.,])(?P<year>19\d\d|20\d\d)(?=\s*[,.;:)]|\s+[a-zäöüß])"), _year))
    return rules

"""Publication dates written the ways news pages write them.

A small parser on purpose: `dateparser` is large and guesses ("Wednesday" → some Wednesday), while
an article's own date lines are few shapes: "February 22, 2023", "Feb. 22, 2023",
"22nd February, 2023", "22 Feb 2023", "2023-02-22", ISO timestamps; and the day-month-year dates of
the other languages of `newsfuse.langdata` ("12 mars 2024", "22. Februar 2023"), whose month names
come from dateparser's language data.
"""

from __future__ import annotations

import datetime as dt
import re

from newsfuse.langdata import in_any_language, months

_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], 1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

# Abbreviations that are also English words ("ago", "set", "out": "23 ago 2023" is the Spanish and
# Italian dateline's August) stay in: the pattern wants a day right before and a year right after,
# which no English use of them has ("3 days ago 2019" has a word between).
_LOCAL_MONTHS = {k: v for k, v in in_any_language(months).items() if k not in _MONTHS}
_LOCAL = r"(?P<month>" + "|".join(re.escape(m) for m in sorted(_LOCAL_MONTHS, key=len, reverse=True)) + r")\.?"
_PATTERNS = [
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    # "12 mars 2024", "22. Februar 2023", "3 de noviembre de 2023", "1er janvier 2005"
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:er|º|\.)?\s+(?:de\s+)?{_LOCAL},?\s+(?:de\s+)?{_YEAR}(?!\w)", re.I),
    # Day, month in letters and year joined by dots, as Brazilian pages stamp them ("15.jan.2026 às 8h15")
    re.compile(rf"(?<![\d.,])(?P<day>\d{{1,2}})\.\s?{_MONTH}\s?{_YEAR}\b", re.I),
    re.compile(rf"(?<![\d.,])(?P<day>\d{{1,2}})\.\s?{_LOCAL}\s?{_YEAR}\b", re.I),
    # The month in letters first in another language ("Mart 12, 2026 16:20", a Turkish page's stamp)
    re.compile(rf"(?<!\w){_LOCAL}\s+{_DAY},\s+{_YEAR}\b", re.I),
]


# A date in figures with spaces around its slashes, as some page-to-text tools write it: "08 / 02 / 2013".
_SPACED = re.compile(r"\b(?P<a>\d{1,2})\s*/\s*(?P<b>\d{1,2})\s*/\s*(?P<year>(?:19|20)\d{2})\b")
_SPACED_ISO = re.compile(r"\b(?P<year>(?:19|20)\d{2})\s+-\s+(?P<month>\d{1,2})\s+-\s+(?P<day>\d{1,2})\b")
_US_ZONE = re.compile(r"\b(?:E|C|M|P)[SD]?T\b")
# Day, month and year joined by dots ("Stand: 18.01.2024 16:42 Uhr", "22.02.2023, 11:30 Uhr"): the
# order of every language that writes a date so (German, Dutch, Russian, Turkish, Czech); no one
# writes month first with dots.
_DOTTED = re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>(?:19|20)\d{2})(?![\d.]\d)")


def _build(year: str, month: str, day: str) -> dt.date | None:
    name = month.lower().rstrip(".")
    number = int(month) if month.isdigit() else _MONTHS.get(name) or _LOCAL_MONTHS.get(name, 0)
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return None


_NO_YEAR = r"\b(?!,?\s+(?:19|20)\d{2})"
_MONTH_DAY = [re.compile(rf"\b{_MONTH}\s+{_DAY}{_NO_YEAR}", re.I), re.compile(rf"\b{_DAY}\s+{_MONTH}{_NO_YEAR}", re.I)]


def find_month_day(text: str, year: int) -> dt.date | None:
    """A month and day written without their year ("NAIROBI, Aug 7 (Reuters)"), dated in `year`."""
    match = next((m for pattern in _MONTH_DAY if (m := pattern.search(text))), None)
    return _build(str(year), match["month"], match["day"]) if match else None


def find_date(text: str) -> dt.date | None:
    """The first well-formed date written in `text`, or None."""
    best: tuple[int, dt.date] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            date = _build(match["year"], match["month"], match["day"])
            if date and (best is None or match.start() < best[0]):
                best = (match.start(), date)
                break
    return best[1] if best else None


# Day, month and a two-digit year joined by dashes before a time ("10-04-26, 08:30", a Dutch paper's
# stamp): read only where the page's language writes the day first (`day_first`).
_SHORT_DASHED = re.compile(r"(?<![\d-])(?P<day>\d{1,2})-(?P<month>\d{1,2})-(?P<year>\d{2})(?![\d-]),?\s+\d{1,2}[:.]\d{2}\b")


def find_figures_date(text: str, day_first: bool = False) -> dt.date | None:
    """A date in figures ("13/08/2013", "8 / 2 / 2013", "2012 - 04 - 04", "18.01.2024") when its order is beyond
    doubt: year first, one of the first two numbers over 12, both the same, or a US time zone on the
    line (month first). "8/2/2013" alone is August 2nd in the US and 8 February elsewhere; a date
    six months off would mislead more than none."""
    if match := _SPACED_ISO.search(text):
        return _build(match["year"], match["month"], match["day"])
    if match := _DOTTED.search(text):
        return _build(match["year"], match["month"], match["day"])
    for match in _SPACED.finditer(text):
        a, b = int(match["a"]), int(match["b"])
        if a > 12 and b <= 12:
            month, day = b, a
        elif (b > 12 and a <= 12) or a == b or _US_ZONE.search(text):
            month, day = a, b
        else:
            continue
        date = _build(match["year"], str(month), str(day))
        if date:
            return date
    if day_first and (match := _SHORT_DASHED.search(text)):
        return _build("20" + match["year"], match["month"], match["day"])
    return None


# Publication dates outside these years are not news dates: Go's zero time (0001-01-01), a
# 9999-12-31 "never", an epoch mix-up. Such a date is dropped (with a note), never used: date
# arithmetic near the calendar's ends overflows, and a story spanning 8,000 years groups nothing.
MIN_YEAR = 1800
MAX_YEAR = 2200


def in_window(date: dt.date | None) -> bool:
    return date is None or MIN_YEAR <= date.year <= MAX_YEAR


def sane_date(date: dt.date | None) -> dt.date | None:
    """`date` when it lies in the window, else None."""
    return date if in_window(date) else None


def parse_date(value: object) -> dt.date | None:
    """A caller's date value (date, datetime, ISO string or a written date) as a date, or None.

    Raises ValueError when `value` is a non-empty string with no date in it, or a date outside
    MIN_YEAR..MAX_YEAR, so a bad date given on purpose is reported rather than silently used.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return _checked(value.date(), value)
    if isinstance(value, dt.date):
        return _checked(value, value)
    if not isinstance(value, str):
        raise ValueError(f"not a date: {str(value)[:40]!r}")
    text = value.strip()[:200]
    try:
        return _checked(dt.datetime.fromisoformat(text).date(), value)
    except (ValueError, OverflowError) as exc:
        if "outside" in str(exc):
            raise
    date = find_date(text)
    if date is None:
        raise ValueError(f"not a date: {value[:40]!r}")
    return date


def _checked(date: dt.date, value: object) -> dt.date:
    if not in_window(date):
        raise ValueError(f"date {str(value)[:40]!r} is outside {MIN_YEAR}-{MAX_YEAR}")
    return date

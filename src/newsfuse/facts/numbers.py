"""Reading a number off spaCy tokens: digits, number words, fractions, scales, and what scrapers broke.

"$315 billion", "3 1/2", "two-and-a-half", "5m", "twenty - five", "a dozen", and what a scraper
spaced apart ("22. 4bn", "1, 800 residents", "4 1 / 2 hours") all read as one value and the token
after it. Apart from the
extractor (`facts.quantities`), which decides what a number measures: this module only reads it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsfuse.facts.quantity_words import CURRENCY_SIGNS, HOURS, MEASURE_UNITS, PERCENT_WORDS, QUAKE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc

SMALL = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
TENS = {w: 10 * (i + 2) for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "crore": 1e7, "lakh": 1e5, "mn": 1e6, "bn": 1e9, "tn": 1e12, "trn": 1e12}
# Only right after digits, with no space: "5m", "2.5bn", "10k".
SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12}
FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([½¼¾⅓⅔])?(k|m|mn|b|bn|tn|trn)?$", re.I)
SLASH_FRACTION = re.compile(r"^(\d+)/(\d+)$")


def number_at(doc: Doc, i: int) -> tuple[float, int] | None:
    """The number that starts at token i and the token after it, or None."""
    tok = doc[i]
    low = tok.lower_
    m = NUMBER.match(tok.text)
    split = _split_decimal(doc, i) or _split_thousands(doc, i) or _glued_fraction(doc, i)
    if split is not None:
        return split
    if m:
        if i > 0 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and doc[i - 2].is_alpha \
                and not doc[i - 1].whitespace_:
            return None  # a model name: "F-35", "Su-57", "COVID-19"
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        if m.group(3):
            value += FRACTIONS[m.group(3)]
        if m.group(4):
            value *= SHORT_SCALES[m.group(4).lower()]
        j = i + 1
        if j < len(doc) and SLASH_FRACTION.match(doc[j].text) and "." not in tok.text:
            num, den = SLASH_FRACTION.match(doc[j].text).groups()  # type: ignore[union-attr]
            if int(den) and int(num) < int(den):
                value += int(num) / int(den)
                j += 1
        elif "." not in tok.text and "," not in tok.text and (spaced := _spaced_fraction(doc, j)) is not None:
            value += spaced
            j += 3
        elif "." not in tok.text and j + 1 < len(doc) and doc[j].text == "-" and \
                (joined := _hyphen_fraction(doc, j + 1)) is not None:
            value, j = value + joined[0], joined[1]  # "a 4-1/2-month term", "4 - 1 / 2 - month"
        if j < len(doc) and doc[j].text in FRACTIONS:
            value += FRACTIONS[doc[j].text]
            j += 1
        return _scaled(doc, value, j)
    if low in SMALL or low in TENS or _hyphen_number(low) is not None:
        return _words_number(doc, i)
    if low == "a" and i + 1 < len(doc) and doc[i + 1].lower_ == "dozen":
        return 12.0, i + 2
    if low == "half" and i + 2 < len(doc) and doc[i + 1].lower_ in {"an", "a"} \
            and doc[i + 2].lower_ in HOURS:
        return 0.5, i + 2
    return None


SPLIT_FRACTION = re.compile(r"^(\d{1,2})(bn|m|mn|tn)?$", re.I)
# Words that say the figures near them are magnitudes: "a magnitude of 4. 6", "magnitudes ranging
# from 3. 6 to 4. 3", "measuring 3. 8 on the Richter scale".
MAGNITUDE_WORDS = frozenset({"magnitude", "magnitudes", "richter"})
MONTH_NAMES = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                         "sept", "oct", "nov", "dec"})


def _split_decimal(doc: Doc, i: int) -> tuple[float, int] | None:
    """ "$368. 0 million", "22. 4bn", "plunged 5. 4 per cent", "a 4. 6 - magnitude quake", "$1. 29",
    "a magnitude of 4. 6", "0. 71 inches": a decimal point the scraper spaced apart.

    "4. 6" may also be a sentence that ends on 4 and a next one that opens on 6 ("... at 4. 6 people
    were hurt"): joined only where the figure cannot end a sentence or the next cannot start one — a
    scale, percent, unit or time word after it (no sentence ends on the whole part of a sum in millions,
    a share or a measure), a currency sign before it, a magnitude named just before or after it, the
    other end of a range that is itself such a decimal, or a fraction part with a leading zero (no
    sentence opens on "05")."""
    if i + 2 >= len(doc) or not doc[i].is_digit or len(doc[i].text) > 3 or doc[i + 1].text != "." \
            or doc[i].whitespace_:
        return None
    m = SPLIT_FRACTION.match(doc[i + 2].text)
    if m is None:
        return None
    value = float(f"{doc[i].text}.{m.group(1)}")
    if m.group(2):
        return value * SHORT_SCALES[m.group(2).lower()], i + 3
    if i + 3 < len(doc) and doc[i + 3].lower_ in {"million", "billion", "trillion"}:
        return value * SCALES[doc[i + 3].lower_], i + 4
    after = doc[i + 3].lower_ if i + 3 < len(doc) else ""
    if after == "-" and i + 4 < len(doc):
        after = doc[i + 4].lower_  # "a 4. 6 - magnitude earthquake"
    before = doc[i - 1].lower_ if i > 0 else ""
    if after in PERCENT_WORDS or after in MEASURE_UNITS or after in HOURS or after in QUAKE_WORDS \
            or after in {"magnitude", "per"} or before in CURRENCY_SIGNS:
        return value, i + 3
    near = {t.lower_ for t in doc[max(0, i - 6):i]} | {t.lower_ for t in doc[i + 3:i + 6]}
    if near & MAGNITUDE_WORDS or (len(m.group(1)) == 2 and m.group(1).startswith("0")):
        return value, i + 3
    if before in {"to", "-", "–"} and i >= 4 and _split_decimal(doc, i - 4) is not None:
        return value, i + 3  # "from 3. 6 to 4. 3"
    return None


def _split_thousands(doc: Doc, i: int) -> tuple[float, int] | None:
    """ "$1, 099", "20, 000 people", "1, 500 kilometers": a thousands separator the scraper spaced apart.

    A left part of one to three digits and groups of exactly three digits, as a thousands separator
    writes them; not where the comma is a list's ("1, 800, 2 and 9", "7, 120 and 300", "3, 5, 800"), a
    date's ("March 5, 300 people") or closes a compound ("5-foot-8, 135 pounds"). A currency sign
    before it, or a group that starts with 0 (no list item is written "000"), settles it either way."""
    tok = doc[i]
    if not tok.is_digit or len(tok.text) > 3 or tok.whitespace_ or tok.text.startswith("0"):
        return None
    j, digits = i + 1, tok.text
    while j + 1 < len(doc) and doc[j].text == "," and doc[j].whitespace_ and re.fullmatch(r"\d{3}", doc[j + 1].text):
        digits += doc[j + 1].text
        j += 2
    if j == i + 1:
        return None
    money = i > 0 and doc[i - 1].lower_ in CURRENCY_SIGNS
    if not money and not doc[i + 2].text.startswith("0") and _not_thousands(doc, i, j):
        return None
    return _scaled(doc, float(digits), j)


def _not_thousands(doc: Doc, i: int, j: int) -> bool:
    """Is the comma after token i one of a list, a date or a compound rather than a thousands mark?"""
    before = doc[i - 1].lower_ if i > 0 else ""
    if before in MONTH_NAMES or before in {"-", "–", "/", "no", "no."}:
        return True  # "March 5, 300 people", "5-foot-8, 135 pounds"
    if before in {",", "and", "or"} and i > 1 and doc[i - 2].like_num:
        return True  # "3, 5, 800": an item of a list
    if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].like_num:
        return True  # "1, 800, 2 and 9"
    if j + 1 < len(doc) and doc[j].lower_ in {"and", "or"} and doc[j + 1].is_digit and len(doc[j + 1].text) <= 3:
        # "7, 120 and 300" lists; "1, 500 and 2, 000" is a range of two spaced figures
        return not (j + 3 < len(doc) and doc[j + 2].text == "," and re.fullmatch(r"\d{3}", doc[j + 3].text))
    return False


GLUED_FRACTION = re.compile(r"^(\d+)([1-7])/([2348])$")


def _glued_fraction(doc: Doc, i: int) -> tuple[float, int] | None:
    """ "41/2 months", "31 / 2 hours": "4½" and "3½" whose glyph a scraper wrote out as "1/2" with the
    space lost. Read so only before a unit of time or measure (where "41/2" as a division is never
    written) and when the digit before the slash is below the denominator, as a fraction's is."""
    m = GLUED_FRACTION.match(doc[i].text)
    j = i + 1
    if m is None and doc[i].is_digit and len(doc[i].text) >= 2 and i + 2 < len(doc) and doc[i + 1].text == "/" \
            and doc[i + 2].text in {"2", "3", "4", "8"}:
        m = GLUED_FRACTION.match(f"{doc[i].text}/{doc[i + 2].text}")
        j = i + 3
    if m is None or j >= len(doc) or (doc[j].lower_ not in HOURS and doc[j].lower_ not in MEASURE_UNITS):
        return None
    whole, num, den = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return (whole + num / den, j) if num < den else None


def _hyphen_fraction(doc: Doc, j: int) -> tuple[float, int] | None:
    """The fraction of a hyphenated mixed number, from token j after the hyphen: "1/2" or "1 / 2"
    (then a unit or a hyphen: not a score's "4-1 / 2 ...")."""
    m = SLASH_FRACTION.match(doc[j].text)
    if m is not None:
        num, den, end = int(m.group(1)), int(m.group(2)), j + 1
    elif j + 2 < len(doc) and doc[j].is_digit and doc[j + 1].text == "/" and doc[j + 2].is_digit:
        num, den, end = int(doc[j].text), int(doc[j + 2].text), j + 3
    else:
        return None
    if not 0 < num < den <= 16 or end >= len(doc) or \
            (doc[end].text != "-" and doc[end].lower_ not in HOURS and doc[end].lower_ not in MEASURE_UNITS):
        return None
    return num / den, end


def _spaced_fraction(doc: Doc, j: int) -> float | None:
    """ "4 1 / 2 hours": the fraction of a mixed number, its slash spaced apart (num < den, a small
    denominator, not a date's "1 / 2 / 2020")."""
    if j + 2 >= len(doc) or not doc[j].is_digit or doc[j + 1].text != "/" or not doc[j + 2].is_digit:
        return None
    if not doc[j - 1].whitespace_ or (j + 3 < len(doc) and doc[j + 3].text == "/"):
        return None
    num, den = int(doc[j].text), int(doc[j + 2].text)
    return num / den if 0 < num < den <= 16 else None


def _hyphen_number(word: str) -> float | None:
    parts = word.split("-")
    if len(parts) == 2 and parts[0] in TENS and parts[1] in SMALL and 0 < SMALL[parts[1]] < 10:
        return float(TENS[parts[0]] + SMALL[parts[1]])
    return None


def _words_number(doc: Doc, i: int) -> tuple[float, int]:
    total, current, j = 0.0, 0.0, i
    while j < len(doc):
        low = doc[j].lower_
        if low in SMALL:
            current += SMALL[low]
        elif low in TENS:
            current += TENS[low]
        elif _hyphen_number(low) is not None:
            current += _hyphen_number(low) or 0.0
        elif low == "hundred" and current:
            current *= 100
        elif low in {"thousand", "million", "billion", "trillion"} and (current or total):
            total += (current or 1) * SCALES[low]
            current = 0.0
        elif low == "-" and j + 1 < len(doc) and doc[j + 1].lower_ in SMALL and doc[j - 1].lower_ in TENS:
            pass  # "twenty - five"
        elif low == "and" and j + 1 < len(doc) and doc[j + 1].lower_ in SMALL | TENS and total:
            pass  # "one thousand and five"
        else:
            break
        j += 1
    value = total + current
    # "two and a half", "two-and-a-half"
    k = j
    while k < len(doc) and doc[k].text == "-":
        k += 1
    rest = [t.lower_ for t in doc[k:k + 6] if t.text != "-"][:3]
    if rest == ["and", "a", "half"]:
        j = k
        seen = 0
        while j < len(doc) and seen < 3:
            seen += doc[j].text != "-"
            j += 1
        value += 0.5
    return value, j


def _scaled(doc: Doc, value: float, j: int) -> tuple[float, int]:
    if j < len(doc) and doc[j].lower_ in SCALES and doc[j].lower_ != "hundred":
        return value * SCALES[doc[j].lower_], j + 1
    if j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in SCALES and doc[j + 1].lower_ != "hundred":
        # "a 110-billion-euro bailout", "$143 - billion" (a scraper's spaced hyphen): the scale as an
        # adjective's part is still the figure's scale.
        return value * SCALES[doc[j + 1].lower_], j + 2
    if j < len(doc) and doc[j].lower_ in SHORT_SCALES and not doc[j - 1].whitespace_:
        return value * SHORT_SCALES[doc[j].lower_], j + 1
    return value, j


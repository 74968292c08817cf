"""Reading a number off spaCy tokens in another language than English, from `newsfuse.langdata`.

Digits as that language writes them ("4,2" with a decimal comma, "1.500" or "1 500" with a thousands
point or space), number words ("trois", "quatre-vingts", "dreiundzwanzig", "vingt et un"), scales
("3 millions", "2,5 Milliarden") and the approximations news writes in words ("une centaine de",
"una decina di", "Dutzende"), which read as their value with an "about" hedge.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsfuse.langdata import Lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

# "4,2", "1.500", "12.000,50", "80": a comma is the decimal mark, a point (or a space) groups thousands.
LOCAL_DIGITS = re.compile(r"^(\d{1,3}(?:\.\d{3})+|\d+)(,\d+)?$")
ARTICLE_ONE = 1.0  # "un", "eine", "una": an article far more often than a count of one


# ... and where the point is the decimal mark (Arabic: "1.2 مليون", "7،9" with an Arabic comma, "12,000").
POINT_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)([.،٫]\d+)?$")


def _digits(text: str, point: bool = False) -> float | None:
    if point:
        m = POINT_DIGITS.match(text)
        if m is None:
            return None
        return float(m.group(1).replace(",", "") + "." + (m.group(2) or ".0")[1:])
    m = LOCAL_DIGITS.match(text)
    if m is None:
        return None
    return float(m.group(1).replace(".", "") + (m.group(2) or "").replace(",", "."))


def word_value(word: str, lex: Lexicon) -> float | None:
    """The value of one number word, compounds included: "quatre-vingts" 80, "dix-sept" 17,
    "dreiundzwanzig" 23 (the parts of a compound are read in order: a part after a smaller one
    multiplies it when it is a scale or "vingt" after "quatre", else adds to it)."""
    if word in lex.numbers:
        return lex.numbers[word]
    parts = [p for p in re.split(r"-", word) if p]
    for joiner in lex.number_joiners:
        if len(parts) == 1 and joiner in word and not word.startswith(joiner):
            # German writes units before tens in one word: "dreiundzwanzig" = drei + zwanzig.
            parts = word.split(joiner)
    if len(parts) < 2:
        return None
    values = []
    for part in parts:
        if part in lex.number_joiners:
            continue
        v = lex.numbers.get(part, lex.scales.get(part))
        if v is None:
            return None
        values.append(v)
    total = 0.0
    for v in values:
        if v >= 100 or (v == 20 and total == 4 and lex.code == "fr"):
            total = max(total, 1.0) * v
        else:
            total += v
    return total


def local_number_at(doc: Doc, i: int, lex: Lexicon) -> tuple[float, int, str] | None:
    """(value, the token after it, "approx" for an approximation in words else "") of the number
    that starts at token i, or None."""
    tok = doc[i]
    low = tok.lower_
    value = _digits(tok.text, lex.decimal_point)
    if value is not None:
        j = i + 1
        # "1 500": thousands a space apart (only when the first group is short and the next is three digits)
        while j < len(doc) and len(doc[j - 1].text) <= 3 and re.fullmatch(r"\d{3}", doc[j].text) \
                and not doc[j - 1].text.count(","):
            value = value * 1000 + float(doc[j].text)
            j += 1
        return _scaled(doc, value, j, lex), _after_scale(doc, j, lex), ""
    if low in lex.approx:
        return lex.approx[low], _skip_of(doc, i + 1, lex), "approx"
    word, j = _hyphenated(doc, i)  # "Quatre - vingts" as the tokenizer cut it
    first = word_value(word, lex)
    if first is None and lex.scales.get(word, 1e9) <= 1000:
        first = lex.scales[word]  # "cent personnes", "mille morts"
    if first is None:
        return None
    total, current = 0.0, first
    while j < len(doc):
        w = doc[j].lower_
        if w in lex.approx and current == 1:
            return lex.approx[w], _skip_of(doc, j + 1, lex), "approx"  # "une centaine de"
        if w in lex.scales:
            current = max(current, 1.0) * lex.scales[w]
            if lex.scales[w] >= 1000:
                total, current = total + current, 0.0
        elif (v := word_value(w, lex)) is not None and v < 1000 and current != 1:
            current += v
        elif w in lex.number_joiners and j + 1 < len(doc) and word_value(doc[j + 1].lower_, lex) is not None \
                and current >= 20:
            pass  # "vingt et un"
        else:
            break
        j += 1
    value = total + current
    if value == ARTICLE_ONE and j == i + 1:
        return None
    return value, j, ""


def _hyphenated(doc: Doc, i: int) -> tuple[str, int]:
    """The word starting at token i with the parts a tokenizer cut at hyphens put back, and the token
    after it: "quatre", "-", "vingts" → ("quatre-vingts", i + 3)."""
    word, j = doc[i].lower_, i + 1
    while j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_ \
            and doc[j + 1].is_alpha:
        word, j = f"{word}-{doc[j + 1].lower_}", j + 2
    return word, j


def _scaled(doc: Doc, value: float, j: int, lex: Lexicon) -> float:
    if j < len(doc) and doc[j].lower_ in lex.scales and lex.scales[doc[j].lower_] >= 1000:
        return value * lex.scales[doc[j].lower_]
    return value


def _after_scale(doc: Doc, j: int, lex: Lexicon) -> int:
    """The token after a number and its scale word ("3 millions", "2,5 Mrd."), or `j` when there is none."""
    return j + 1 if j < len(doc) and doc[j].lower_ in lex.scales and lex.scales[doc[j].lower_] >= 1000 else j


def _skip_of(doc: Doc, j: int, lex: Lexicon) -> int:
    """Past "de", "di", "von" after an approximation: "une centaine de pompiers" counts pompiers."""
    while j < len(doc) and doc[j].lower_ in lex.of_words:
        j += 1
    return j

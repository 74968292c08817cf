"""Reading a number off spaCy tokens in another language than English, from `newsfuse.langdata`.

Digits as that language writes them ("4,2" with a decimal comma, "1.500" or "1 500" with a thousands
point or space), number words ("trois", "quatre-vingts", "dreiundzwanzig", "vingt et un"), scales
("3 millions", "2,5 Milliarden") and the approximations news writes in words ("une centaine de",
"una decina di", "Dutzende"), which read as their value with an "about" hedge.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from newsfuse.langdata import Lexicon

try:  # text2num: a grammar of compound number words ("deux mille trois cents", "zweihundertdreiundzwanzig")
    from text_to_num import text2num
except ImportError:  # pragma: no cover - a declared dependency; the tables below still read simple words
    text2num = None

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


# The languages text2num's grammar of compounds reads (its code for each): "cinq cents", "vingt et un",
# "zweihundert", "doscientos treinta y dos", "duecentotrenta", "trezentos e vinte", "tweehonderd".
GRAMMAR = frozenset({"fr", "de", "es", "it", "pt", "nl"})


@lru_cache(maxsize=8192)
def _grammar_value(text: str, code: str) -> float | None:
    if text2num is None or code not in GRAMMAR:
        return None
    try:
        return float(text2num(text, code))
    except (ValueError, TypeError):
        return None


def word_value(word: str, lex: Lexicon) -> float | None:
    """The value of one number word, compounds included: "quatre-vingts" 80, "dix-sept" 17,
    "dreiundzwanzig" 23 (the parts of a compound are read in order: a part after a smaller one
    multiplies it when it is a scale or "vingt" after "quatre", else adds to it)."""
    if word in lex.numbers:
        return lex.numbers[word]
    for typed, written in lex.final_spellings:  # "عشره" typed for "عشرة"
        if word.endswith(typed) and (spelt := word[:-len(typed)] + written) in lex.numbers:
            return lex.numbers[spelt]
    for joiner in lex.written_joiners:  # Arabic "وخمسون": "and fifty", the joiner written onto the word
        if word.startswith(joiner) and word[len(joiner):] in lex.numbers:
            return lex.numbers[word[len(joiner):]]
    for prefix in lex.number_prefixes:  # Hebrew "שחמישה": that five, "ממאה": from a hundred
        if word.startswith(prefix) and word[len(prefix):] in lex.numbers:
            return lex.numbers[word[len(prefix):]]
    for half in lex.half_suffix:  # "viereinhalb", "tweeënhalf": the number and a half
        if word.endswith(half) and (whole := word_value(word[:-len(half)], lex)) is not None:
            return whole + 0.5
    if lex.code in GRAMMAR and word.isalpha() and len(word) > 3 and word not in lex.scales \
            and (v := _grammar_value(word, lex.code)) is not None:
        return v  # one word of several: "zweihundert", "dreiundzwanzig", "veintitrés"
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


# A figure with its case ending after an apostrophe, as Turkish writes it ("Yaralılardan 2'sinin durumu
# ağır", "14'ü"); letters only after it ("1'000" is a Swiss thousand).
_CASE_SUFFIX = re.compile(r"(\d+)['’][^\W\d_]+")


def local_number_at(doc: Doc, i: int, lex: Lexicon) -> tuple[float, int, str] | None:
    """(value, the token after it, "approx" for an approximation in words else "") of the number
    that starts at token i, or None."""
    tok = doc[i]
    low = tok.lower_
    value = _digits(tok.text, lex.decimal_point)
    if value is None and i == len(doc) - 1 and tok.text[-1:] == "." and tok.text[:-1].isdigit():
        # "Die Zahl der Verletzten stieg auf 165.": the German tokenizer keeps a figure and the full
        # stop as one token (an ordinal's shape); at the sentence's end it is the figure
        value = float(tok.text[:-1])
    if value is None and (suffixed := _CASE_SUFFIX.fullmatch(tok.text)) is not None:
        value = _digits(suffixed.group(1), lex.decimal_point)  # Turkish "2'sinin", "14'ü": a case ending
    if value is None and tok.text[-1:].isdigit() and (c := glued_clitic(tok.text, lex)):
        # Arabic "ال30 كم": the article written onto the digits; Hebrew "ב-2005", "כ־300" (in 2005,
        # about 300) join a letter to a figure with a hyphen or maqaf
        value = _digits(tok.text[len(c):].lstrip("-\u05be"), lex.decimal_point)
    if value is None and tok.text[-1:] in GLUED_PERCENT and len(tok.text) > 1 \
            and (share := _digits(tok.text[:-1], lex.decimal_point)) is not None:
        return share, i + 1, ""  # "15%" as one token (the Greek tokenizer keeps the sign on)
    if value is None and (glued := GLUED_SCALE.match(tok.text)) is not None \
            and (scale := _scale_word(glued.group(2), lex)) is not None \
            and (digits := _digits(glued.group(1), lex.decimal_point)) is not None:
        return digits * scale, i + 1, ""  # "2مليار": the scale written onto the digits
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
    if (grammar := _by_grammar(doc, i, lex)) is not None and grammar[1] >= j:
        value, j = grammar  # the grammar of compounds reads as far or further: "deux mille trois cents"
    value, j = and_a_half(doc, value, j, lex)
    if value == ARTICLE_ONE and j == i + 1:
        return None
    return value, j, ""


def glued_clitic(text: str, lex: Lexicon) -> str:
    """The prefix of `lex.clitics` written onto a figure ("ال30", "ב-2005", "כ־300"), or ""."""
    for c in lex.clitics:
        if text.startswith(c) and _digits(text[len(c):].lstrip("-\u05be"), lex.decimal_point) is not None:
            return c
    return ""


def figure_text(text: str, lex: Lexicon) -> str:
    """A token's digits without the prefix written onto them ("ב-2005" → "2005")."""
    c = glued_clitic(text, lex) if text[-1:].isdigit() and not text[:1].isdigit() else ""
    return text[len(c):].lstrip("-\u05be") if c else text


def _by_grammar(doc: Doc, i: int, lex: Lexicon) -> tuple[float, int] | None:
    """The longest run of words from token i that the language's grammar of compounds (text2num)
    reads as one number, and the token after it: "deux mille trois cents", "vingt et un",
    "doscientos treinta y dos". A run does not start with a scale above a thousand ("des millions"
    is an approximation, not one million)."""
    if lex.code not in GRAMMAR or lex.scales.get(doc[i].lower_, 0) > 1000:
        return None
    end = i
    while end < len(doc) and _number_part(doc, end, lex):
        end += 1
    for k in range(end, i, -1):
        if doc[k - 1].lower_ in lex.number_joiners or doc[k - 1].text == "-":
            continue
        if (value := _grammar_value(doc[i:k].text.lower(), lex.code)) is not None:
            return value, k
    return None


def _number_part(doc: Doc, k: int, lex: Lexicon) -> bool:
    w = doc[k].lower_
    if w in lex.numbers or w in lex.scales or w in lex.number_joiners:
        return True
    if w == "-":  # "quatre-vingts" as a tokenizer cut it
        return not doc[k - 1].whitespace_ and not doc[k].whitespace_
    return doc[k].is_alpha and len(w) > 3 and _grammar_value(w, lex.code) is not None


def and_a_half(doc: Doc, value: float, j: int, lex: Lexicon) -> tuple[float, int]:
    """A number and "a half" after it, before its unit: "vier en een half uur", "zwei und eine halbe"."""
    for phrase in lex.half_after:
        words = phrase.split()
        if [t.lower_ for t in doc[j:j + len(words)]] == words:
            return value + 0.5, j + len(words)
    return value, j


def _hyphenated(doc: Doc, i: int) -> tuple[str, int]:
    """The word starting at token i with the parts a tokenizer cut at hyphens put back, and the token
    after it: "quatre", "-", "vingts" → ("quatre-vingts", i + 3)."""
    word, j = doc[i].lower_, i + 1
    while j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_ \
            and doc[j + 1].is_alpha:
        word, j = f"{word}-{doc[j + 1].lower_}", j + 2
    return word, j


GLUED_PERCENT = frozenset({"%", "٪"})
GLUED_SCALE = re.compile(r"^(\d[\d.,،٫]*)([^\W\d]{3,})$")


def _scale_word(word: str, lex: Lexicon) -> float | None:
    """The factor of a scale word of a million or more ("مليار", "millions"), else None."""
    scale = lex.scales.get(word.lower())
    return scale if scale is not None and scale >= 1e6 else None


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

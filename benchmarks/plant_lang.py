"""Planting contradictions in clusters of another language than English (for conflicts_eval.py).

The English planter changes a figure written in digits; here a figure is changed in digits or in the
language's number words ("trois" → "cinq", "drei" → "vier"), in a sentence another document says much
the same in, with the same figure or word. The language's number words, month names (a day of a month
is no amount) and decimal comma come from newsfuse.langdata, so the planter knows what the extractor
knows of the language, but decides on its own what is an amount (as the English planter does).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

import snowballstemmer

from newsfuse.langdata import lexicon, months
from newsfuse.text import split_sentences, words
from newsfuse.types import Article

# Digits as the other languages write them: a decimal comma, thousands grouped by a point or a space.
NUMBER = re.compile(r"(?<![\w.,$-])(\d{1,3}(?:[.\u00a0 ]\d{3})+|\d+)(?![\w-]|[.,]\d|:\d|/\d|h\d)")
# Share of content stems two sentences hold in common to say the same point (the English planter's 0.3
# is over stems that keep short words; without them 0.25 pairs the same sentences).
ALIGNED = 0.25
# Words before a number that make it a name, not an amount: "résolution 1723", "Artikel 5", "vol 447".
LABEL = re.compile(r"\b(?:r[ée]solution|rezoluc\w*|resoluci[óo]n|risoluzione|article|artikel|článek|art\.|vol|"
                   r"flug|let|flight|num[ée]ro|nummer|číslo|n[°º]|nr\.?|no\.?|page|seite|strana|chapitre|kapitel|"
                   r"route|autoroute|ligne|linie|linka|stage|étape|etappe|groupe|gruppe|bod|point|č\.|letu)\s*$", re.I)
# A number after a capitalised name inside a sentence is part of the name: "Air France 447", "Airbus A330".
NAMED = re.compile(r"(?<=\w )[A-Z][\w-]+ $")
STEMMERS = {"fr": "french", "de": "german", "es": "spanish", "it": "italian", "pt": "portuguese", "nl": "dutch",
            "ru": "russian", "tr": "turkish"}


def content_stems(text: str, code: str) -> set[str]:
    """Stems of the longer words of a sentence (short ones are mostly the language's function words):
    the planter's own notion of two sentences saying the same, apart from newsfuse's."""
    name = STEMMERS.get(code)
    stemmer = snowballstemmer.stemmer(name) if name else None
    return {stemmer.stemWord(w) if stemmer else w[:6] for w in words(text) if len(w) > 3 and not w.isdigit()}


def _words(code: str) -> dict[str, float]:
    """Number words worth changing: 2..1000 (1 is mostly an article: "un", "eine")."""
    lex = lexicon(code)
    return {w: v for w, v in {**lex.numbers}.items() if 2 <= v <= 1000 and "-" not in w}


def _spell(code: str, value: float) -> str:
    for word, v in _words(code).items():
        if v == value:
            return word
    return ""


def _bump_word(code: str, word: str) -> str:
    """Another number word of the language, about 1.5 times the value (at least one more)."""
    value = _words(code)[word.lower()]
    target = max(value + 1, round(value * 1.5))
    options = sorted({v for v in _words(code).values() if v > value}, key=lambda v: abs(v - target))
    new = _spell(code, options[0]) if options else ""
    return new.capitalize() if word[:1].isupper() else new


def _bump_digits(number: str) -> str:
    value = int(re.sub(r"\D", "", number))
    new = round(value * 1.5) if value > 1 else value + 2
    sep = next((c for c in number if not c.isdigit()), "")
    if sep and new >= 1000:
        groups = f"{new:,}".split(",")
        return sep.join(groups)
    return str(new)


def _is_amount(text: str, start: int, end: int, code: str) -> bool:
    raw = text[start:end]
    value = int(re.sub(r"\D", "", raw))
    if 1900 <= value <= 2100 and raw.isdigit():
        return False  # a year
    after = text[end:end + 20].lower().lstrip(" .")
    names = months(code)
    if any(after.startswith(m) for m in names) or re.match(r"\s*(?:h|heures?\s+\d|uhr|:)", text[end:end + 8].lower()):
        return False  # "12 mars", "22. Februar", "14 h 30", "9:15"
    before = text[max(0, start - 16):start].lower()
    if LABEL.search(before) or NAMED.search(text[max(0, start - 40):start]) or re.search(r"(?:§|#)\s*$", before) or re.search(r"\d[\s.,/-]*$", before):
        return False
    return value > 0


def find_plants(docs: Sequence[dict[str, Any]], rng: random.Random, most: int, code: str,
                plant_type: Any) -> list[Any]:
    """Up to `most` figures (distinct), in digits or words, that two documents state in aligned sentences."""
    words = _words(code)
    word_re = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) +
                         r")(?!\w)", re.I) if words else None
    sentences = [[s.text for s in split_sentences(Article(id=str(i), text=d["text"], language=code))]
                 for i, d in enumerate(docs)]
    stems = [[content_stems(s, code) for s in doc] for doc in sentences]

    def figures(text: str) -> list[tuple[str, str]]:
        out = [(m.group(1), _bump_digits(m.group(1))) for m in NUMBER.finditer(text)
               if _is_amount(text, m.start(1), m.end(1), code)]
        if word_re is not None:
            out += [(m.group(1), _bump_word(code, m.group(1))) for m in word_re.finditer(text)]
        return [(old, new) for old, new in out if new and len(re.findall(rf"(?<!\w){re.escape(old)}(?!\w)", text)) == 1]

    candidates = []
    for i, doc in enumerate(sentences):
        for si, text in enumerate(doc):
            for old, new in figures(text):
                for j, other in enumerate(sentences):
                    if j == i:
                        continue
                    for sj, text2 in enumerate(other):
                        if old.lower() not in {o.lower() for o, _ in figures(text2)}:
                            continue
                        a, b = stems[i][si], stems[j][sj]
                        if a and b and len(a & b) / len(a | b) >= ALIGNED:
                            candidates.append(plant_type(doc=i, other=j, old=old, new=new, sentence=text))
    candidates = [c for c in candidates
                  if not any(re.search(rf"(?<!\w){re.escape(c.new)}(?!\w)", d["text"], re.I) for d in docs)]
    rng.shuffle(candidates)
    chosen: dict[str, Any] = {}
    for c in candidates:
        if c.old.lower() not in chosen and len(chosen) < most:
            chosen[c.old.lower()] = c
    return list(chosen.values())


def says(value: str, number: str) -> bool:
    """Does a reported value hold this figure, in digits (any grouping) or as the word?"""
    if number.isdigit() or re.fullmatch(r"[\d.\u00a0 ]+", number):
        digits = re.sub(r"\D", "", number)
        return digits in [re.sub(r"\D", "", f) for f in re.findall(r"\d[\d.\u00a0 ]*", value)]
    return re.search(rf"(?<!\w){re.escape(number)}(?!\w)", value, re.I) is not None

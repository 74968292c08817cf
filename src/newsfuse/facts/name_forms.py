"""When two ways of writing a name are one name: a model of how news writes names, not a list of pairs.

- A person: the family name is the last word and never changes; the words before it are given names,
  and a shorter form may drop any of them (a middle name, "Bettie Page" / "Bettie Mae Page"), cut
  one to its initial ("John W. Henry" / "J. Henry"), or write one as its nickname or its clipped form
  ("Fred LaRue" / "Frederick C. LaRue", "Ben Banky" / "Benjamin David Banky", "Stan" / "Stanley").
  A family name of two words stays whole ("Lo Presti" / "Gaetano Lo Presti").
- An organisation: an abbreviation spells the name's words from their first letters, a function word
  ("of", "the", "to") giving one letter or none, a word sometimes giving two ("CREEP", the Committee to
  RE-Elect the President), a hyphen parting words ("HP" / "Hewlett-Packard"); a word of the short form
  may also stand as written ("EYP MCF" / "EYP Mission Critical Facilities", "LA Times").

Whether a short form is *unique* (one "Smith" and two Smiths in the story) is the caller's part: the
functions here say only whether two names can be one.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nicknames import NickNamer

FUNCTION_WORDS = frozenset({"of", "for", "and", "the", "to", "de", "du", "la", "&", "in", "on", "at", "a", "an"})
CLIPPED = 3  # a given name cut to its first letters is still it ("Stan", "Phil"), from three letters on
MAX_LETTERS_PER_WORD = 2  # "RE-Elect" gives RE; no word gives more to an abbreviation


@lru_cache(maxsize=1)
def _nicknames() -> NickNamer:
    from nicknames import NickNamer  # a 70 ms table, read once per process

    return NickNamer()


@lru_cache(maxsize=8192)
def same_given_name(a: str, b: str) -> bool:
    """Two written given names of one person: equal, one the initial of the other, one the other's
    clipped form or nickname (both lower-case)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) == 1:
        return long_.startswith(short)
    if len(short) >= CLIPPED and long_.startswith(short):
        return True
    names = _nicknames()
    return b in names.nicknames_of(a) or b in names.canonicals_of(a) or a in names.nicknames_of(b)


def person_forms_match(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    """Whether `short` (lower-case words, the family name last) can be the same person as `long_`,
    which says as much or more: the same family name, and the given names of `short` found in order
    among those of `long_`, each as itself, an initial, a clipped form or a nickname."""
    if not short or not long_ or len(short) > len(long_) or short[-1] != long_[-1]:
        return False
    given, others = short[:-1], long_[:-1]
    j = 0
    for word in given:
        while j < len(others) and not same_given_name(word, others[j]):
            j += 1
        if j == len(others):
            return False
        j += 1
    return True


def _words(name: str) -> list[str]:
    """The words of a long name as an abbreviation reads them: hyphens and dots part words."""
    return [w for w in re.split(r"[\s\-.]+", name.replace("’", "'")) if w and w != "'s"]


ROMAN = re.compile(r"^(?:I{2,3}|IV|VI{0,3}|IX|X{1,3})$")  # "Anthony LaCalamita III": a generation, no body


def _is_abbreviation(word: str) -> bool:
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper() and not ROMAN.match(letters)


def _spells(letters: str, words: tuple[str, ...]) -> bool:
    """Whether `letters` are the leading letters of `words` in order: each word gives one or two of
    its first letters, a function word one or none."""
    @cache
    def go(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        w = words[j].lower()
        if w in FUNCTION_WORDS and go(i, j + 1):
            return True
        for n in range(1, min(MAX_LETTERS_PER_WORD, len(w)) + 1):
            if letters[i:i + n] == w[:n] and go(i + n, j + 1):
                return True
        return False

    return bool(letters) and go(0, 0)


def abbreviates(short: str, long_: str) -> bool:
    """Whether the name `short` as written ("HP", "EYP MCF", "L.A. Times") abbreviates `long_`
    ("Hewlett-Packard", "EYP Mission Critical Facilities", "Los Angeles Times"): each of its words is
    one of the long name's words or, written in capitals, spells a run of them."""
    parts = short.split()
    words = tuple(_words(long_))
    if not any(_is_abbreviation(p) for p in parts) or len(words) <= len(parts):
        return False

    @cache
    def go(i: int, j: int) -> bool:
        if i == len(parts):
            return j == len(words)
        part = parts[i]
        if j < len(words) and part.lower() == words[j].lower() and go(i + 1, j + 1):
            return True
        if not _is_abbreviation(part):
            return False
        letters = part.replace(".", "").lower()
        return any(_spells(letters, words[j:end]) and go(i + 1, end)
                   for end in range(j + 1, len(words) + 1))

    return go(0, 0)


def acronym_led(name: str) -> bool:
    """A name that opens with a word in capitals of three letters or more ("EYP", "EYP Mission"): a
    body's own mark, not an everyday word, so a longer name opening with it names the same body."""
    first = name.split()[0] if name.split() else ""
    return len(first) >= 3 and _is_abbreviation(first)


def not_a_person(words: list[str], shouted: bool = False) -> bool:
    """A name holding an abbreviation in capitals ("Creston RCMP", "EYP Mission", "EYP MCF", "HP" alone)
    names a body, not a person; in a sentence written in capitals (`shouted`: a headline) case says nothing."""
    return not shouted and any(
        _is_abbreviation(w) and "." not in w and (len(w) >= 3 or len(words) == 1 or all(_is_abbreviation(x) for x in words))
        for w in words)


def shouted(text: str) -> bool:
    """Most letters of the text in capitals: a headline or a banner, where case marks nothing."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)

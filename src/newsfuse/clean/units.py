"""The units the cleaner judges: a page's lines, with hard-wrapped lines joined back into paragraphs.

Each unit keeps the raw lines it came from (for the removal record) and, once a rule has judged it,
the reason it goes. Also how two lines are compared when the cleaner asks whether one repeats the
other (`comparable`). Apart from the rules, which only read and mark units.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsfuse.text import TYPOGRAPHY_FOLD


@dataclass(slots=True)
class Unit:
    line: int  # first raw line (1-based)
    end: int  # last raw line
    text: str
    reason: str = ""
    detail: str = ""


_INVISIBLE = str.maketrans({"\u200b": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
                            "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\t": " "})
SPACES = re.compile(r" {2,}")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’')\]]$")


def _tidy(line: str) -> str:
    return SPACES.sub(" ", line.translate(_INVISIBLE)).strip()


def _wrap_width(lines: list[str]) -> int:
    """The column a hard-wrapped text was wrapped at, or 0 when the text is not hard-wrapped.

    Hard-wrapped text has most lines ending close to one width (<= 100 columns); scraped text has
    one line per paragraph, of any length.
    """
    lengths = sorted(len(s) for s in lines if s)
    if len(lengths) < 5 or lengths[-1] > 100:
        return 0
    width = lengths[-1]
    near = sum(n >= 0.8 * width for n in lengths)
    return width if near >= 0.6 * len(lengths) else 0


def _continues(prev: str, nxt: str, width: int) -> bool:
    """Is `nxt` the continuation of the paragraph that `prev` is part of?"""
    first_word = nxt.split(" ", 1)[0]
    if width and len(prev) + 1 + len(first_word) > width - 2:
        return True  # the next word would not have fit on this line: the line was wrapped
    # A line broken mid-sentence: no closing punctuation, and the next goes on in lower case.
    return not _ENDS_SENTENCE.search(prev) and nxt[:1].islower()


def split_units(text: str) -> list[Unit]:
    lines = [_tidy(s) for s in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    width = _wrap_width(lines)
    units: list[Unit] = []
    current: Unit | None = None
    for number, line in enumerate(lines, 1):
        if not line:
            current = None
            continue
        if current is not None and _continues(current.text, line, width):
            current.text = f"{current.text} {line}"
            current.end = number
        else:
            current = Unit(number, number, line)
            units.append(current)
    return units


def comparable(text: str) -> str:
    """A line as compared for sameness: NFKC, typographic quotes and dashes folded, case folded, words only."""
    text = unicodedata.normalize("NFKC", text).translate(TYPOGRAPHY_FOLD).casefold()
    return " ".join(re.findall(r"\w+", text))

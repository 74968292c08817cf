"""Sentence splitting and the word-level views of text that the other stages share."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import nupunkt
import snowballstemmer

from newsfuse.langdata import known, lexicon, month_pattern
from newsfuse.stopwords import STOP_WORDS
from newsfuse.types import Article, Sentence

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Combining marks belong to the word they sit on: Hindi's vowel signs (the "ि" in "दिल्ली") are not
# word characters to `re`, and without them a Devanagari word falls apart into letters.
_MARKS = "".join(re.escape(chr(c)) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)) in {"Mn", "Mc", "Me"})
_LETTERS = rf"[^\W_](?:[^\W_]|[{_MARKS}])*"
_WORD = re.compile(rf"{_LETTERS}(?:[’']{_LETTERS})*|\d+(?:[.,]\d+)*")
# A sentence should not end right after these even when punkt thinks it does ("Feb. 4", "No. 10").
_NO_BREAK_AFTER = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|Gov|"
    r"St|Sgt|Capt|Cmdr|Adm|Prof|Rev|vs|Vol|Fig|approx|est|Inc|Corp|Co|Ltd|Jr|Sr)\.)\s*$"
)
_STARTS_LOWER_OR_DIGIT = re.compile(r"^\s*[a-z0-9(]")
# Typographic quotes and dashes to their ASCII forms, a no-break space to a space (a `str.translate`
# table): the one folding of text compared for sameness (here, in the cleaner, in story grouping).
TYPOGRAPHY_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})



def paragraphs(text: str) -> Iterator[tuple[int, int, int]]:
    """(paragraph number, start, end) of each non-blank paragraph of a cleaned text."""
    pos = 0
    number = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            yield number, pos + lead, end - trail
            number += 1
        if match:
            pos = match.end()


def split_spans(text: str, language: str = "") -> list[tuple[int, int]]:
    """Sentence spans of one paragraph (which may hold line breaks: each line ends a sentence).
    `language`: the article's (ISO 639-1), whose abbreviations and dates ("Sra.", "22. Februar") end
    no sentence."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            base = offset + (len(line) - len(line.lstrip()))
            for _, (start, end) in nupunkt.sent_spans_with_text(stripped):
                piece = stripped[start:end]
                start += len(piece) - len(piece.lstrip())
                end -= len(piece) - len(piece.rstrip())
                if end > start:
                    spans.append((base + start, base + end))
        offset += len(line) + 1
    return _rejoin(text, spans, _no_break_local(language))


_DAY_NUMBER_END = re.compile(r"\b\d{1,2}\.\s*$")


@lru_cache(maxsize=32)
def _no_break_local(language: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None:
    """(the language's abbreviations at the end of a span, its month names at the start of one): a
    sentence does not end after "Sra." nor between "22." and "Februar" (`langdata`). None for English
    (`_NO_BREAK_AFTER` is its table)."""
    if language in {"", "en"} or not known(language):
        return None
    abbreviations = "|".join(re.escape(a) for a in lexicon(language).abbreviations)
    month = month_pattern(language)
    return (re.compile(rf"\b(?:{abbreviations})\.\s*$", re.I) if abbreviations else None,
            re.compile(rf"^\s*(?:{month})\b", re.I) if month else None)


def _rejoin(text: str, spans: list[tuple[int, int]],
            local: tuple[re.Pattern[str] | None, re.Pattern[str] | None] | None = None) -> list[tuple[int, int]]:
    """Undo breaks punkt makes after an abbreviation or before a lower-case continuation."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            prev_start, prev_end = out[-1]
            gap = text[prev_end:start]
            if "\n" not in gap and (_NO_BREAK_AFTER.search(text[prev_start:prev_end])
                                    or _STARTS_LOWER_OR_DIGIT.match(text[start:end])
                                    or (local is not None and _local_joint(local, text[prev_start:prev_end],
                                                                           text[start:end]))):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


# A "sentence" longer than this (a table flattened into one line, a page without punctuation) is cut
# at spaces into pieces of at most this length: the embedder reads only its first 256 tokens anyway,
# and spaCy refuses a text over 1M characters (E088) and needs ~1 GB per 100,000.
MAX_SENTENCE_CHARS = 5_000


def _local_joint(local: tuple[re.Pattern[str] | None, re.Pattern[str] | None], before: str, after: str) -> bool:
    abbreviation, month = local
    return bool((abbreviation is not None and abbreviation.search(before))
                or (month is not None and _DAY_NUMBER_END.search(before) and month.match(after)))


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


def split_sentences(article: Article) -> list[Sentence]:
    """The sentences of an article's cleaned text, with character spans into it."""
    sentences: list[Sentence] = []
    text = article.text
    for number, start, end in paragraphs(text):
        for s, e in split_spans(text[start:end], article.language):
            spans = [(start + s, start + e)] if e - s <= MAX_SENTENCE_CHARS else _cut_long(text, start + s, start + e)
            for lo, hi in spans:
                sentences.append(Sentence(article.id, len(sentences), lo, hi, text[lo:hi], number))
    return sentences


def normalize(text: str) -> str:
    """NFKC, typographic quotes and dashes folded, whitespace collapsed: for comparing, not showing."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(TYPOGRAPHY_FOLD)
    return " ".join(text.split())



def shorten(text: str, n: int = 80) -> str:
    """`text` cut at a word to at most `n` characters, with an ellipsis when cut."""
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + "…"


def words(text: str) -> list[str]:
    """Word tokens, lower-cased, typographic apostrophes folded."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def word_count(text: str) -> int:
    return len(text.split())


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry content (stop words and one-letter tokens dropped)."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS and len(w) > 1]


def concepts(text: str) -> set[tuple[str, str]]:
    """Stemmed word bigrams that hold at least one content word: the units a summary should cover."""
    toks = words(text)
    out = set()
    for a, b in itertools.pairwise(toks):
        if a not in STOP_WORDS or b not in STOP_WORDS:
            out.add((stem(a), stem(b)))
    return out

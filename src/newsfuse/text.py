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
from newsfuse.stopwords import stop_words
from newsfuse.types import Article, Sentence

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Combining marks belong to the word they sit on: Hindi's vowel signs (the "ि" in "दिल्ली") are not
# word characters to `re`, and without them a Devanagari word falls apart into letters.
_MARKS = "".join(re.escape(chr(c)) for c in range(0x300, 0x10000) if unicodedata.category(chr(c)) in {"Mn", "Mc", "Me"})
_LETTERS = rf"[^\W_](?:[^\W_]|[{_MARKS}])*"
# Hebrew writes acronyms with gershayim and names with a geresh inside the word ("ארה"ב", "צה"ל",
# "ג'ורג'"): one word each, often typed as ASCII quotes.
_HEBREW = "\u05d0-\u05ea"
_WORD = re.compile(rf"[{_HEBREW}]+(?:[\"'״׳][{_HEBREW}]+)+|{_LETTERS}(?:[’']{_LETTERS})*|\d+(?:[.,]\d+)*")
# Chinese and Japanese put no space between words: each ideograph or kana is a word of its own (the
# usual fallback without a segmenter; a word of two characters still meets in bigram concepts).
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A sentence should not end right after these even when punkt thinks it does ("Feb. 4", "No. 10").
_NO_BREAK_AFTER = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nos|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|Gov|"
    r"St|Sgt|Capt|Cmdr|Adm|Prof|Rev|vs|Vol|Fig|approx|est|Inc|Corp|Co|Ltd|Jr|Sr)\.)\s*$"
)
_STARTS_LOWER_OR_DIGIT = re.compile(r"^\s*[a-z0-9(]")
# Marks that end a sentence wherever they stand, in the scripts whose full stop is not ".": the
# Devanagari danda and double danda (Hindi, Marathi, Nepali; Bengali writes the same "।"), the Arabic
# question mark and the Urdu full stop, the CJK full stop and full-width marks (written without a
# space after them), the Ethiopic, Myanmar and Armenian full stops. Punkt knows none of them. Closing
# quotes and brackets after the mark stay with the sentence it ends.
SENTENCE_ENDS = "।॥؟۔。！？｡።፧။։"
_HARD_END = re.compile(rf"[{SENTENCE_ENDS}]+[\s\"'”’»」』）)\]]*")
# What a sentence may end with to stand alone in a summary: these marks, ".", "!", "?" and quotes.
FINAL_MARKS = frozenset(SENTENCE_ENDS) | {".", "!", "?", '"', "”", "’", "'", "»", "」", "』"}


def ends_sentence(text: str) -> bool:
    """Whether `text` ends as a finished sentence does: a final mark of any script, or "|" typed
    for the danda after an Indic word (not the "|" of a menu: "Home | News |")."""
    text = text.rstrip()
    if text[-1:] in _CLOSERS and text.rstrip(_CLOSERS + " ")[-1:] in {",", ";", ":", "-", "–", "—"}:
        return False  # a quotation closed after a comma goes on: '... happening, "' (he said)
    return text[-1:] in FINAL_MARKS or bool(_DANDA_PIPE.search(text[-4:]))


_CLOSERS = "\"”’'»」』)]"
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
        for lo, hi in _hard_pieces(line):
            piece = line[lo:hi]
            stripped = piece.strip()
            if not stripped:
                continue
            base = offset + lo + (len(piece) - len(piece.lstrip()))
            for _, (start, end) in nupunkt.sent_spans_with_text(stripped):
                part = stripped[start:end]
                start += len(part) - len(part.lstrip())
                end -= len(part) - len(part.rstrip())
                if end > start:
                    spans.append((base + start, base + end))
        offset += len(line) + 1
    return _rejoin(text, spans, _no_break_local(language))


def _hard_pieces(line: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces of a line cut after each mark of `SENTENCE_ENDS` (with the quotes
    and brackets that close on it) and at each `_caseless_stops`: punkt then splits each piece at its
    own full stops."""
    if line.isascii():
        return [(0, len(line))]
    cuts = sorted({m.end() for m in _HARD_END.finditer(line)} | set(_caseless_stops(line))
                  | {m.end() for m in _LOW_QUOTE_START.finditer(line)})
    bounds = [0, *(c for c in cuts if 0 < c < len(line)), len(line)]
    return list(itertools.pairwise(bounds))


# A full stop after a word, then a quotation opening on a low mark and a capital ("… kündigte Widerstand
# an. „Diesen Kahlschlag …“, sagte sie."): punkt sees no sentence start in „ (German, Czech, Polish,
# Dutch quote so), and would read the quote as the end of the sentence before, its speaker lost.
_LOW_QUOTE_START = re.compile(r"(?:(?<=[^\W\d_]{2}[.!?])|(?<=[.!?][“”\"«»]))\s+(?=[„‚]\s?[^\W\d_a-zà-ÿ])")


# Scripts without capital letters, where punkt cannot tell a sentence's start by its case: Hebrew,
# Arabic, and the Indic scripts (Devanagari to Sinhala).
_CASELESS = "\u0590-\u06ff\u0750-\u077f\u0900-\u0dff"
_CASELESS_STOP = re.compile(rf"(?<=[{_CASELESS}])\s*(?:\.(?=[{_CASELESS}])|\|(?=\s|$))")
_DANDA_PIPE = re.compile(rf"[{_CASELESS}]\s*\|$")
_CASELESS_RUN = re.compile(rf"[{_CASELESS}]+")
_CASELESS_CHARS = "".join(chr(c) for lo, hi in ((0x590, 0x6FF), (0x750, 0x77F), (0x900, 0xDFF))
                          for c in range(lo, hi + 1))


def _caseless_stops(line: str) -> list[int]:
    """Where a sentence ends in a caseless script though punkt sees no end: a full stop with no space
    after it ("है.बुर्ले", a typing slip), and "|" typed for the danda ("गए थे | चौथा"). A dotted
    run of initials ("ए.पी.जे.", "אי.או.אל") is left whole: no cut after a run that follows a dot
    or before one that a dot follows."""
    cuts = []
    for match in _CASELESS_STOP.finditer(line):
        if match.group().strip() == ".":
            before = line[:match.start()]
            run = len(before) - len(before.rstrip(_CASELESS_CHARS))
            after = _CASELESS_RUN.match(line, match.end())
            if (before[:len(before) - run].endswith(".") or after is None
                    or line[after.end():after.end() + 1] == "."):
                continue
        cuts.append(match.end())
    return cuts


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
    """Undo breaks punkt makes after an abbreviation or before a lower-case continuation (never
    after a mark of `SENTENCE_ENDS`: "।" then a figure is two sentences)."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            prev_start, prev_end = out[-1]
            gap = text[prev_end:start]
            before, after = text[prev_start:prev_end], text[start:end]
            if "\n" not in gap and not (_HARD_END.search(before[-8:]) or _DANDA_PIPE.search(before[-4:])) and (
                    _NO_BREAK_AFTER.search(before) or _STARTS_LOWER_OR_DIGIT.match(after)
                    or (local is not None and _local_joint(local, before, after))):
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



# A digit of another script than ASCII's (Devanagari "२००५", Arabic-Indic "٢٠٠٥", Persian "۲۰۰۵",
# full-width "２００５"): `re`'s \d matches every script's decimal digits.
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def ascii_digits(text: str) -> str:
    """`text` with the digits of every script written as 0-9, all else unchanged: one number is one
    figure whichever digits a report writes it in."""
    if text.isascii():
        return text
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(0))), text)


def shorten(text: str, n: int = 80) -> str:
    """`text` cut at a word to at most `n` characters, with an ellipsis when cut."""
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + "…"


def _spaced(text: str) -> str:
    """`text` with a space around each Chinese or Japanese character (unchanged if it has none)."""
    return text if text.isascii() or not _CJK.search(text) else _CJK.sub(r" \g<0> ", text)


def words(text: str) -> list[str]:
    """Word tokens, lower-cased, typographic apostrophes folded."""
    return [w.replace("’", "'") for w in _WORD.findall(_spaced(text).lower())]


def cased_words(text: str) -> list[str]:
    """Word tokens as written (case kept), in the same tokenization as `words`."""
    return [w.replace("’", "'") for w in _WORD.findall(_spaced(text))]


def word_count(text: str) -> int:
    """Words as the budget counts them: runs between spaces, a Chinese or Japanese character each."""
    return len(_spaced(text).split())


# Snowball's stemmer of each language that has one (by ISO 639-1 code); another language's words are
# compared unstemmed.
_SNOWBALL = {"ar": "arabic", "ca": "catalan", "cs": "czech", "da": "danish", "de": "german", "el": "greek",
             "es": "spanish", "et": "estonian", "eu": "basque", "fa": "persian", "fi": "finnish", "fr": "french",
             "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian", "it": "italian",
             "lt": "lithuanian", "ne": "nepali", "nl": "dutch", "no": "norwegian", "nb": "norwegian", "pl": "polish",
             "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil",
             "tr": "turkish", "yi": "yiddish"}


@lru_cache(maxsize=64)
def _stemmer(language: str = "") -> snowballstemmer.stemmer | None:
    if language in {"", "en"}:
        return snowballstemmer.stemmer("english")
    name = _SNOWBALL.get(language)
    return snowballstemmer.stemmer(name) if name and name in snowballstemmer.algorithms() else None


@lru_cache(maxsize=200_000)
def stem(word: str, language: str = "") -> str:
    """`word`'s stem in `language` (English when none is given; the word itself without a stemmer)."""
    stemmer = _stemmer(language)
    return str(stemmer.stemWord(word)) if stemmer is not None else word


def content_stems(text: str, language: str = "") -> list[str]:
    """Stems of the words that carry content (stop words and one-letter tokens dropped)."""
    stops = stop_words(language)
    return [stem(w, language) for w in words(text) if w not in stops and len(w) > 1]


def concepts(text: str, language: str = "") -> set[tuple[str, str]]:
    """Stemmed word bigrams that hold at least one content word: the units a summary should cover."""
    toks = words(text)
    stops = stop_words(language)
    out = set()
    for a, b in itertools.pairwise(toks):
        if a not in stops or b not in stops:
            out.add((stem(a, language), stem(b, language)))
    return out

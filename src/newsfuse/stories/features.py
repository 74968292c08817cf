"""The per-article stage of story grouping: what grouping and near-duplicate detection need to know
about one article, computed once, anywhere (a worker process, a Ray task), and small to ship back.

- `terms`/`weights`: hashed content stems with sublinear counts. Hashing (crc32 into `TERM_SPACE` buckets) keeps the vocabulary, and so memory, bounded on an endless stream,
  and lets any process compute the same ids without a shared dictionary. IDF is not applied here:
  document frequencies are global, so the grouper applies them.
- Names: a word written with a capital inside a sentence ("Nepal", "Lohan") also counts as
  "@stem", a second dimension, so it weighs twice what a topic word does. What separates two
  earthquakes or two celebrity arrests is who and where, not "quake" or "arrested".
- `minhash`: a MinHash of the article's 5-word shingles, for finding wire copies and reprints.
- `content_hash`: the normalised text's digest, for exact duplicates.
- `vector`: a sentence embedding of the title and the start of the text (the first 128 tokens, for
  MiniLM), when grouping uses an embedder. Words alone tell "the Las Vegas shooting" from a story
  about concert safety poorly; on the Multi-News story set the embedding, weighed at 0.3 beside the
  words, added +0.005 to +0.014 B-cubed F1 (docs/benchmarks-stories.md). It is most of this stage's cost.
"""

from __future__ import annotations

import hashlib
import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy as np
import snowballstemmer

from newsfuse.embed import EMBEDDER_LANGUAGES, Embedder, load_embedder, make_embedder, reads
from newsfuse.stopwords import STOP_WORDS as _STOP
from newsfuse.stopwords import stop_words
from newsfuse.stories.dedup import MINHASH_SEED
from newsfuse.stories.figures import figures
from newsfuse.text import TYPOGRAPHY_FOLD as _FOLD
from newsfuse.text import ascii_digits, stem, words
from newsfuse.types import Article

TERM_SPACE = 1 << 20  # hashed term ids: 1M buckets; collisions are rare enough not to matter for cosine
NUM_PERM = 64  # MinHash permutations: J is estimated to about ±0.06, enough to tell a copy from a story
SHINGLE = 5  # words per shingle, as in dedup.shingles
NAME_PREFIX = "@"
# Capitalised, but not names: they would tie together any two stories told on a Monday.
_NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
              "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december"}
# A capitalised word that starts a sentence, a quote or a line says nothing about being a name.
_CAPITALISED = re.compile(r"(?<![\w’'-])([A-Z][a-z]+(?:[’'-][A-Za-z]+)*)")
_OPENERS = "\"“‘'(["
_SENTENCE_ENDS = ".!?:;\"”’—–-•|"


@dataclass(slots=True)
class Features:
    """What grouping knows about one article."""

    id: str
    terms: np.ndarray  # int32, sorted, unique hashed term ids
    weights: np.ndarray  # float32, 1 + log(count), per term
    minhash: np.ndarray  # uint32[NUM_PERM]
    shingles: int  # distinct shingles, to turn a Jaccard estimate into containment
    stems: int  # content words: too few and a text similarity means little
    content_hash: str
    vector: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # unit embedding, or empty
    xvector: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # [cross-model unit vector, 1]
    anchors: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))  # sorted hashed number ids
    anchor_weights: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # 1 + log(count)
    # its figures with what they measure, hashed ("magnitude=4.6"), and the measures ("magnitude"): `figures`
    figures: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    measures: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))


def content_hash(text: str) -> str:
    """Same digest for texts that differ only in case, typographic quotes and dashes, or spacing."""
    folded = " ".join(text.translate(_FOLD).casefold().split())
    return hashlib.sha1(folded.encode("utf-8")).hexdigest()


def names(text: str, stop: frozenset[str] = _STOP) -> list[str]:
    """Lower-cased words written with a capital inside a sentence: likely names of people or places
    (`stop`: the article's function words, which are no names when capitalised either)."""
    out: list[str] = []
    for match in _CAPITALISED.finditer(text):
        start = match.start()
        window = text[max(0, start - 8):start]
        before = window.rstrip(_OPENERS + " \t\r\n")
        # Skip a capital that starts the text, a line, or a sentence: it says nothing about a name.
        if not before or before[-1] in _SENTENCE_ENDS or "\n" in window[len(before):]:
            continue
        word = match.group(1).lower()
        if word not in stop and word not in _NOT_NAMES:
            out.append(word)
    return out


def _term_id(token: str) -> int:
    # crc32: stable across processes and machines (Python's hash() is salted), and in the standard library.
    return zlib.crc32(token.encode("utf-8")) & (TERM_SPACE - 1)


# Snowball stemmers by ISO 639-1 code. A language without one is stemmed as English, which leaves
# non-Latin words as they are. On MultiLing 2011, grouping by each language's own stems raised
# B-cubed F1 from 0.849 to 0.920 in French, 0.731 → 0.883 Greek, 0.656 → 0.744 Czech, 0.700 → 0.744
# Arabic, 0.832 → 0.929 Hindi (docs/benchmarks-stories.md).
SNOWBALL = {"ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech", "da": "danish",
            "nl": "dutch", "eo": "esperanto", "et": "estonian", "fi": "finnish", "fr": "french", "de": "german",
            "el": "greek", "hi": "hindi", "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian",
            "lt": "lithuanian", "ne": "nepali", "no": "norwegian", "nb": "norwegian", "fa": "persian", "pl": "polish",
            "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "es": "spanish", "sv": "swedish",
            "ta": "tamil", "tr": "turkish", "yi": "yiddish"}


@cache
def stemmer_for(language: str) -> Callable[[str], str]:
    """The stemming function for an article in `language` (English for "" and unknown codes)."""
    name = SNOWBALL.get(language)
    if name is None:
        return stem
    return snowballstemmer.stemmer(name).stemWord


@cache
def function_words(language: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words of `language` that say nothing of a story (English's for "" and English; else the
    language's own list, `stopwords.stop_words`, with English's: a report quotes English too), and
    the elided function words its list names ("l'", "d'", "dell'"), longest first.

    Without a language's own list its function words count as topic words: two French reports of
    two events had a TF-IDF cosine of 0.74 in an English stream ("de", "la", "les", "des", ...),
    0.15 with French's list (tests/test_stories_features.py, tests/test_crosslingual.py)."""
    if language in {"", "en"}:
        return _STOP, ()
    own = stop_words(language)
    elided = tuple(sorted((w for w in own if len(w) > 1 and w.endswith("'")), key=len, reverse=True))
    return own | _STOP, elided


def unelided(tokens: list[str], elided: tuple[str, ...]) -> list[str]:
    """Tokens with a leading elided function word taken off ("l'incendie" → "incendie")."""
    if not elided:
        return tokens
    out = []
    for token in tokens:
        if "'" in token[:-1]:
            token = next((token[len(e):] for e in elided if token.startswith(e) and len(token) > len(e)), token)
        out.append(token)
    return out


def term_counts(tokens: list[str], name_list: list[str], stem_word: Callable[[str], str] = stem,
                stop: frozenset[str] = _STOP) -> tuple[np.ndarray, np.ndarray, int]:
    """Hashed term ids, sublinear weights, and the number of content words (`stop`: the function
    words of the article's language, `function_words`)."""
    counts: dict[int, int] = {}
    stems = 0
    for word in tokens:
        if len(word) > 1 and word not in stop:
            stems += 1
            key = _term_id(stem_word(word))
            counts[key] = counts.get(key, 0) + 1
    for name in name_list:
        key = _term_id(NAME_PREFIX + stem_word(name))
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return np.zeros(0, np.int32), np.zeros(0, np.float32), 0
    terms = np.fromiter(counts.keys(), dtype=np.int32, count=len(counts))
    values = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
    order = np.argsort(terms)
    return terms[order], (1.0 + np.log(values[order])).astype(np.float32), stems


ANCHOR_PREFIX = "#"
_SEPARATORS = str.maketrans("", "", ".,")


def number_anchors(tokens: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Hashed ids and sublinear weights of the numbers among `tokens`, written one way in every
    language: "२००५" and "2005" are one anchor, and so are "1,800" and "1.800"."""
    counts: dict[int, int] = {}
    for token in tokens:
        if not token[:1].isdecimal():
            continue
        folded = ascii_digits(token).translate(_SEPARATORS)
        key = _term_id(ANCHOR_PREFIX + folded)
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return np.zeros(0, np.int32), np.zeros(0, np.float32)
    ids = np.fromiter(counts.keys(), dtype=np.int32, count=len(counts))
    values = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
    order = np.argsort(ids)
    return ids[order], (1.0 + np.log(values[order])).astype(np.float32)


def minhash(tokens: list[str]) -> tuple[np.ndarray, int]:
    """MinHash (uint32[NUM_PERM]) of the 5-word shingles, and how many distinct shingles there are.

    The permutations are datasketch's "affine32" scheme with its seed, computed here in one numpy
    step (datasketch builds its permutation tables per object, which cost more than the hashing).
    """
    if len(tokens) < SHINGLE:
        grams = {" ".join(tokens)} if tokens else set()
    else:
        grams = {" ".join(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
    if not grams:
        return np.full(NUM_PERM, _MAX_HASH, np.uint32), 0
    hashes = np.fromiter((zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams))
    a, b = _permutations()
    values = (a[:, None] * hashes[None, :] + b[:, None]) % _MERSENNE & _MAX_HASH
    return values.min(axis=1).astype(np.uint32), len(grams)


_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    generator = np.random.RandomState(MINHASH_SEED)
    a = generator.randint(1, _MAX_HASH, size=NUM_PERM, dtype=np.uint64)
    b = generator.randint(0, _MAX_HASH, size=NUM_PERM, dtype=np.uint64)
    return a, b


EMBED_CHARS = 1500  # enough text for a 128-token model; tokenising the whole article would be wasted


def article_features(article: Article, vector: np.ndarray | None = None, xvector: np.ndarray | None = None, *,
                     anchors: bool = False) -> Features:
    """The per-article stage without the embeddings: pure, deterministic, about 1 ms a 500-word
    article. `anchors`: also the numbers, for grouping across languages."""
    tokens = words(article.text)
    head = words(article.title) if article.title else []
    stop, elided = function_words(article.language)
    terms, weights, stems = term_counts(unelided(head + tokens, elided),
                                        names(article.title, stop) + names(article.text, stop),
                                        stemmer_for(article.language), stop)
    sketch, shingles = minhash(tokens)
    anchor_ids, anchor_weights = number_anchors(head + tokens) if anchors else (np.zeros(0, np.int32),
                                                                                np.zeros(0, np.float32))
    empty = np.zeros(0, np.float32)
    values, measures = figures(f"{article.title}\n{article.text}" if article.title else article.text, stop)
    return Features(article.id, terms, weights, sketch, shingles, stems, content_hash(article.text),
                    empty if vector is None else vector.astype(np.float32),
                    empty if xvector is None else xvector.astype(np.float32),
                    anchor_ids, anchor_weights, values, measures)


# The cross-language model reads the title and lead only: its pure-Python tokenizer costs about as
# much as the rest of the article's features per 100 characters.
CROSS_CHARS = 600


# At most this many words of the title and lead for the grouping embedder (None: no cap, the model's
# 128 tokens). MiniLM's cost is linear in the tokens it reads (one core, int8: 63 ms an article at
# 119 tokens, 15 at 24 words), but a short lead loses what the embedding adds on Multi-News (train,
# relevant: 0.953 at no cap, 0.946 at 48 words, 0.919 at 24) while ECB+ gains a little (0.874 →
# 0.892): off by default, for a deployment that would rather be fast (docs/benchmarks-stories.md,
# "Throughput and memory").
EMBED_WORDS: int | None = None


def embedding_text(article: Article, chars: int = EMBED_CHARS, words: int | None = None) -> str:
    """The title and the start of the text: `chars` characters, then at most `words` words."""
    start = article.text[:chars]
    text = f"{article.title}\n{start}" if article.title else start
    if words is None:
        return text
    return " ".join(text.split(maxsplit=words)[:words])


# Kept for callers of the earlier name: the languages each named embedder reads live in `embed`.
EMBEDDING_LANGUAGES = EMBEDDER_LANGUAGES


def embeds(embedder: str, article: Article) -> bool:
    """Whether `embedder` is worth running on `article` (its language unknown: yes)."""
    return reads(embedder, article.language)


# Languages are told apart in a story's sums by a slot each (crc32 of the code): two languages
# sharing a slot are taken for one, which only makes their pairs count fully.
LANGUAGE_SLOTS = 32


def cross_vector(vector: np.ndarray | None, dim: int, language: str) -> np.ndarray:
    """[the cross model's unit vector (zeros when it does not read the language), 1 if it does,
    the language's slot among those it reads, its slot among those it does not]: summed over a
    story, what `stories.group` needs to average over comparable pairs only."""
    out = np.zeros(dim + 1 + 2 * LANGUAGE_SLOTS, np.float32)
    slot = zlib.crc32(language.encode("utf-8")) % LANGUAGE_SLOTS
    if vector is not None:
        out[:dim], out[dim], out[dim + 1 + slot] = vector, 1.0, 1.0
    else:
        out[dim + 1 + LANGUAGE_SLOTS + slot] = 1.0
    return out


def features_batch(articles: list[Article], embedder: str | None = None, threads: int | None = None,
                   cross: str | None = None) -> list[Features]:
    """The per-article stage for a batch; `embedder` names the model that gives each article it
    reads a `vector` (the others are grouped by their words); `cross`, the multilingual model whose
    `cross_vector` every article gets, with its number `anchors`."""
    vectors = _vectors(articles, embedder, threads, EMBED_CHARS, EMBED_WORDS)
    xvectors = _vectors(articles, cross, threads, CROSS_CHARS)
    dim = embedder_here(cross, threads).dim if cross else 0
    return [article_features(a, vectors.get(i), cross_vector(xvectors.get(i), dim, a.language) if cross else None,
                             anchors=bool(cross)) for i, a in enumerate(articles)]


def _vectors(articles: list[Article], embedder: str | None, threads: int | None, chars: int,
             words: int | None = None) -> dict[int, np.ndarray]:
    chosen = [i for i, a in enumerate(articles) if embedder and embeds(embedder, a)]
    if not embedder or not chosen:
        return {}
    rows = embedder_here(embedder, threads).embed([embedding_text(articles[i], chars, words) for i in chosen])
    return dict(zip(chosen, rows, strict=True))


_HERE: dict[tuple[str, int, int], Embedder] = {}


def embedder_here(name: str, threads: int | None) -> Embedder:
    """This process's embedder: with `threads` None the one the whole process shares (a brief in
    the same server uses it too), else one capped at `threads` for a pool worker or Ray task. Those
    are keyed by process id: a worker forked from a process that had already loaded a model must not
    use the parent's copy (its ONNX threads did not survive the fork)."""
    if threads is None:
        return load_embedder(name)
    key = (name, threads, os.getpid())
    if key not in _HERE:
        _HERE[key] = make_embedder(name, threads=threads)
    return _HERE[key]

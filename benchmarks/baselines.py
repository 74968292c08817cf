"""Baseline summarizers run side by side with newsfuse: LexRank, TextRank (sumy), Lead, and Centroid.

sumy's own tokenizer needs NLTK's punkt data, which cannot be had offline; we hand sumy the same
sentence splitter and word tokenizer newsfuse uses, so the baselines see exactly the sentences we do.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.text import split_spans, word_count, words


class _Tokenizer:
    """The two methods sumy's parsers call."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [paragraph[s:e] for s, e in split_spans(paragraph)]

    def to_words(self, sentence: str) -> list[str]:
        return words(sentence)


def pack(ranked: Sequence[str], budget: int) -> list[str]:
    """The one packing rule every system shares: take sentences in rank order while they fit."""
    out: list[str] = []
    left = budget
    for sentence in ranked:
        n = word_count(sentence)
        if 0 < n <= left and sentence not in out:
            out.append(sentence)
            left -= n
    return out


def _sumy(kind: str, docs: Sequence[str], budget: int, language: str = "en") -> list[str]:
    from sumy.nlp.stemmers import Stemmer, null_stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    base = LexRankSummarizer if kind == "lexrank" else TextRankSummarizer

    class Ranked(base):  # type: ignore[valid-type, misc]
        """sumy returns the top sentences in document order; we need them in rank order to pack."""

        def _get_best_sentences(self, sentences, count, rating, *args, **kwargs):  # type: ignore[no-untyped-def]
            score = rating if callable(rating) else rating.__getitem__
            return sorted(sentences, key=lambda s: -score(s, *args, **kwargs) if callable(rating) else -score(s))

    parser = PlaintextParser.from_string("\n\n".join(docs), _Tokenizer())
    if language == "en":
        summarizer = Ranked(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
    else:  # another language: its function words (spaCy's list), no stemmer
        summarizer = Ranked(null_stemmer)
        summarizer.stop_words = _stop_words(language)
    ranked = summarizer(parser.document, len(parser.document.sentences))
    return pack([str(s) for s in ranked], budget)


def _stop_words(language: str) -> frozenset[str]:
    """spaCy's stop list for `language`, read from its file (no spaCy pipeline loaded)."""
    import importlib.util
    import runpy
    from pathlib import Path

    spec = importlib.util.find_spec("spacy")
    path = Path(spec.origin).parent / "lang" / language / "stop_words.py" if spec and spec.origin else None
    if path is None or not path.is_file():
        return frozenset()
    return frozenset(str(w).lower() for w in runpy.run_path(str(path)).get("STOP_WORDS", ()))


def lexrank(docs: Sequence[str], budget: int, language: str = "en") -> list[str]:
    return _sumy("lexrank", docs, budget, language)


def textrank(docs: Sequence[str], budget: int) -> list[str]:
    return _sumy("textrank", docs, budget)


def lead(docs: Sequence[str], budget: int) -> list[str]:
    """First sentences of each document in turn: the classic newswire baseline."""
    split = [[d[s:e] for s, e in split_spans(d)] for d in docs]
    ranked = [doc[i] for i in range(max((len(d) for d in split), default=0)) for doc in split if i < len(doc)]
    return pack(ranked, budget)


def centroid_mmr(docs: Sequence[str], budget: int, embed: object) -> list[str]:
    """MiniLM centroid + MMR: the dense baseline the issue measured."""
    sentences = [d[s:e] for d in docs for s, e in split_spans(d)]
    if not sentences:
        return []
    vectors = embed.embed(sentences)  # type: ignore[attr-defined]
    centroid = vectors.mean(axis=0)
    relevance = vectors @ centroid
    chosen: list[int] = []
    left = budget
    candidates = set(range(len(sentences)))
    while candidates:
        def mmr(i: int) -> float:
            redundancy = max((float(vectors[i] @ vectors[j]) for j in chosen), default=0.0)
            return 0.7 * float(relevance[i]) - 0.3 * redundancy

        best = max(candidates, key=mmr)
        candidates.discard(best)
        if word_count(sentences[best]) <= left:
            chosen.append(best)
            left -= word_count(sentences[best])
    return [sentences[i] for i in chosen]

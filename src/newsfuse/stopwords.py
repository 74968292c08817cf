"""English stop words: the Glasgow list scikit-learn ships as ENGLISH_STOP_WORDS (318 words), kept here
so that splitting text does not import scikit-learn (about a second of start-up); and `STOP_WORDS`, the
list every stage uses: the Glasgow list with the words of news reporting that carry no content; and
`stop_words`, a language's list (spaCy's, for the languages besides English)."""

from __future__ import annotations

import importlib.util
import runpy
from functools import lru_cache
from pathlib import Path

ENGLISH_STOP_WORDS = frozenset({
    'a', 'about', 'above', 'across', 'after', 'afterwards', 'again', 'against', 'all', 'almost',
    'alone', 'along', 'already', 'also', 'although', 'always', 'am', 'among', 'amongst', 'amoungst',
    'amount', 'an', 'and', 'another', 'any', 'anyhow', 'anyone', 'anything', 'anyway', 'anywhere',
    'are', 'around', 'as', 'at', 'back', 'be', 'became', 'because', 'become', 'becomes', 'becoming',
    'been', 'before', 'beforehand', 'behind', 'being', 'below', 'beside', 'besides', 'between',
    'beyond', 'bill', 'both', 'bottom', 'but', 'by', 'call', 'can', 'cannot', 'cant', 'co', 'con',
    'could', 'couldnt', 'cry', 'de', 'describe', 'detail', 'do', 'done', 'down', 'due', 'during',
    'each', 'eg', 'eight', 'either', 'eleven', 'else', 'elsewhere', 'empty', 'enough', 'etc', 'even',
    'ever', 'every', 'everyone', 'everything', 'everywhere', 'except', 'few', 'fifteen', 'fifty',
    'fill', 'find', 'fire', 'first', 'five', 'for', 'former', 'formerly', 'forty', 'found', 'four',
    'from', 'front', 'full', 'further', 'get', 'give', 'go', 'had', 'has', 'hasnt', 'have', 'he',
    'hence', 'her', 'here', 'hereafter', 'hereby', 'herein', 'hereupon', 'hers', 'herself', 'him',
    'himself', 'his', 'how', 'however', 'hundred', 'i', 'ie', 'if', 'in', 'inc', 'indeed', 'interest',
    'into', 'is', 'it', 'its', 'itself', 'keep', 'last', 'latter', 'latterly', 'least', 'less', 'ltd',
    'made', 'many', 'may', 'me', 'meanwhile', 'might', 'mill', 'mine', 'more', 'moreover', 'most',
    'mostly', 'move', 'much', 'must', 'my', 'myself', 'name', 'namely', 'neither', 'never',
    'nevertheless', 'next', 'nine', 'no', 'nobody', 'none', 'noone', 'nor', 'not', 'nothing', 'now',
    'nowhere', 'of', 'off', 'often', 'on', 'once', 'one', 'only', 'onto', 'or', 'other', 'others',
    'otherwise', 'our', 'ours', 'ourselves', 'out', 'over', 'own', 'part', 'per', 'perhaps', 'please',
    'put', 'rather', 're', 'same', 'see', 'seem', 'seemed', 'seeming', 'seems', 'serious', 'several',
    'she', 'should', 'show', 'side', 'since', 'sincere', 'six', 'sixty', 'so', 'some', 'somehow',
    'someone', 'something', 'sometime', 'sometimes', 'somewhere', 'still', 'such', 'system', 'take',
    'ten', 'than', 'that', 'the', 'their', 'them', 'themselves', 'then', 'thence', 'there',
    'thereafter', 'thereby', 'therefore', 'therein', 'thereupon', 'these', 'they', 'thick', 'thin',
    'third', 'this', 'those', 'though', 'three', 'through', 'throughout', 'thru', 'thus', 'to',
    'together', 'too', 'top', 'toward', 'towards', 'twelve', 'twenty', 'two', 'un', 'under', 'until',
    'up', 'upon', 'us', 'very', 'via', 'was', 'we', 'well', 'were', 'what', 'whatever', 'when',
    'whence', 'whenever', 'where', 'whereafter', 'whereas', 'whereby', 'wherein', 'whereupon',
    'wherever', 'whether', 'which', 'while', 'whither', 'who', 'whoever', 'whole', 'whom', 'whose',
    'why', 'will', 'with', 'within', 'without', 'would', 'yet', 'you', 'your', 'yours', 'yourself',
    'yourselves',
})

# Reporting verbs and honorifics say nothing of what a story is about ("s": a split possessive).
STOP_WORDS = ENGLISH_STOP_WORDS | {"said", "says", "say", "told", "according", "also", "would", "could", "will",
                                   "s", "mr", "ms", "mrs"}


def stop_words(language: str = "") -> frozenset[str]:
    """The stop words of ISO 639-1 `language`: `STOP_WORDS` for English (or none given), else
    spaCy's list for the language (empty when spaCy has none). Without one, the function words of
    Hindi or Hebrew ("के", "של") are the commonest "concepts" of every story."""
    return STOP_WORDS if language in {"", "en"} else _spacy_stop_words(language)


@lru_cache(maxsize=64)
def _spacy_stop_words(language: str) -> frozenset[str]:
    """spaCy's `lang/<code>/stop_words.py`, read as a file: importing it would import spaCy (seconds)."""
    spec = importlib.util.find_spec("spacy")
    if not language.isalpha() or spec is None or spec.origin is None:
        return frozenset()
    path = Path(spec.origin).parent / "lang" / language / "stop_words.py"
    if not path.is_file():
        return frozenset()
    return frozenset(str(w).lower() for w in runpy.run_path(str(path)).get("STOP_WORDS", ()))

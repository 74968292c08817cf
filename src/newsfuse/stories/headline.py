"""A story's headline: the best real headline among its articles, cleaned of page furniture ("1/50",
"Share", "Copy link", " - Reuters", "LIVE:", a trailing " …") with its own capitalisation kept.

The headline chosen is the most central one: the cleaned title that shares the most content words
with the other articles' titles and leads (a tie goes to the earliest). When no article has a title,
the label is the first sentence of the most central article, cut at a word boundary and
sentence-cased: never a lower-cased fragment of the lead with its furniture.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsfuse.types import Article

FALLBACK_WORDS = 16  # an untitled story's label: at most this many words of a first sentence
LEAD_WORDS = 60  # the words of an article's text that stand for it when headlines are compared
MAX_HEADLINE_WORDS = 30  # a "title" longer than this is a paragraph, not a headline

_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
           "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_LEADING = [
    re.compile(r"^\d+\s*/\s*\d+\b[\s:.|·•-]*"),  # a gallery counter: "1/50"
    re.compile(r"^(?:share(?:\s+this(?:\s+(?:article|story|page))?)?\s+)?copy\s+link\b[\s:|·•-]*", re.I),
    re.compile(r"^share(?:\s+this(?:\s+(?:article|story|page))?)?\s*(?:[:|·•-]\s*|$)", re.I),
    re.compile(r"^(?:live(?:\s+updates?)?|breaking(?:\s+news)?|watch|video|updated?|exclusive|photos?|"
               r"in\s+pictures|opinion|analysis)\s*[:|–—-]\s*", re.I),
    re.compile(rf"^\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}\b[\s:,.|·•-]*", re.I),  # 15 March 2018
    re.compile(rf"^(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b[\s:,.|·•-]*", re.I),  # March 15, 2018
    re.compile(r"^\d{4}-\d{2}-\d{2}\b[\s:,.|·•-]*"),
]
# A site's name after the headline: " - Reuters", " | The Guardian", " — BBC News".
_SUFFIX = re.compile(r"\s+[|–—-]\s+([^|–—]{1,40})$")
# A wire dateline opening a lead: "KABUL (Reuters) -", "Tokyo ( ap ) —", "Knoxville, Tenn. (WVLT) ---".
_DATELINE = re.compile(r"^(?:[^()\n]{0,40}\(\s*[\w .&'-]{1,30}\s*\)\s*[-–—:]*|"  # KABUL (Reuters) -, (CNN)
                       r"[A-Za-z][\w .']{0,25},\s*[A-Za-z]{2,6}\.?\s+[-–—]+)\s*")  # Duluth, Minn. -
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_STOP_WORDS = (
    "a an and are as at be been but by for from had has have he her his how i in into is it its of on or our over "
    "says said she than that the their them they this to up was we were what when where which who why will with "
    "would you after about new more not no all can could may one two")
_STOP = frozenset(_STOP_WORDS.split())
_ABBREVIATION = re.compile(r"(?:\b\w\.)+$|\b(?:mr|mrs|ms|dr|st|gov|sen|rep|gen|lt|col|jan|feb|aug|sept?|oct|nov|"
                           r"dec|calif|tenn|fla|mass|conn|wash|inc|corp|co|no|vs|minn|ariz|mich|pvt|sgt|cpl|capt|prof|jr|sr)\.$", re.I)
SENTENCE_WORDS = 4  # a "sentence" shorter than this ("Duluth, Minn.") runs on to the next full stop


def clean_headline(title: str) -> str:
    """`title` without page furniture, its capitalisation kept; "" when nothing of a headline is left."""
    text = " ".join(title.split())
    changed = True
    while changed and text:
        changed = False
        for pattern in _LEADING:
            stripped = pattern.sub("", text, count=1).strip()
            if stripped != text and stripped:
                text, changed = stripped, True
            elif stripped != text:  # only furniture
                return ""
        trimmed = text.rstrip(" .…") if text.endswith(("…", "...")) else text  # no regex: "....." runs
        if trimmed != text:
            text, changed = trimmed, True
        suffix = _SUFFIX.search(text)
        if suffix and _is_site(suffix.group(1)) and len(text[:suffix.start()].split()) >= 3:
            text, changed = text[:suffix.start()].strip(), True
    return text if _WORD.search(text) else ""


def _is_site(name: str) -> bool:
    """A short name that reads as an outlet's: "Reuters", "The Guardian", "nytimes.com"."""
    words = name.split()
    if not 1 <= len(words) <= 4:
        return False
    if re.search(r"\.(?:com|org|net|co\.uk|co|news|tv)\b", name, re.I):
        return True
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in ("the", "of", "and", "&") for w in words)


def is_headline(text: str) -> bool:
    """A cleaned title that reads as a headline: words, and not a paragraph."""
    return bool(text) and 1 <= len(text.split()) <= MAX_HEADLINE_WORDS and len(_content(text)) >= 1


def headline_of(articles: Sequence[Article]) -> str:
    """`choose_headline` of `articles`, in the order they joined the story."""
    return choose_headline([(a.title, a.text) for a in articles])


def choose_headline(heads: Sequence[tuple[str, str]]) -> str:
    """The story's label from its articles' (title, text), in the order they joined: the most central
    cleaned headline, else the first sentence of the most central article, sentence-cased."""
    if not heads:
        return ""
    titles = [clean_headline(title) for title, _ in heads]
    leads = [_content(" ".join(text.split()[:LEAD_WORDS])) for _, text in heads]
    said = [_content(t) for t in titles]
    refs = [words | lead for words, lead in zip(said, leads, strict=True)]
    candidates = [i for i, t in enumerate(titles) if is_headline(t)]
    if candidates:
        best = max(candidates, key=lambda i: (_centrality(said[i], refs, i), -i))
        return titles[best]
    best = max(range(len(heads)), key=lambda i: (_centrality(leads[i], refs, i), -i))
    return lead_label(heads[best][1])


def _centrality(words: set[str], refs: list[set[str]], own: int) -> int:
    """How many content words `words` shares with the other articles (summed over them)."""
    return sum(len(words & ref) for j, ref in enumerate(refs) if j != own)


def lead_label(text: str) -> str:
    """An untitled article's label: its first sentence without a dateline or furniture, at most
    `FALLBACK_WORDS` words cut at a word boundary (" …" when cut), its first letter upper-cased."""
    body = " ".join(text.split())
    if not body:
        return ""
    body = _DATELINE.sub("", body, count=1).strip() or body
    sentence = _first_sentence(body[:1000])
    sentence = clean_headline(sentence) or sentence
    words = sentence.split()
    label = " ".join(words[:FALLBACK_WORDS])
    label = label.rstrip(" ,;:–—-") + " …" if len(words) > FALLBACK_WORDS else label.rstrip(".")
    return label[:1].upper() + label[1:]


def _first_sentence(text: str) -> str:
    """Up to the first full stop that does not end an abbreviation ("u.s.", "Tenn.", "Mr.")."""
    for end in re.finditer(r"[.!?][\"'”’)]?(?=\s)", text):
        words = text[:end.end()].split()
        if len(words) >= SENTENCE_WORDS and not _ABBREVIATION.search(words[-1]):
            return text[:end.end()].strip()
    return text.strip()


def _content(text: str) -> set[str]:
    # findall (the pattern has no group: whole matches) and map: no Python frame per word, and this
    # runs on the title and lead of every member of every story a chunk changes.
    return {w for w in map(str.lower, _WORD.findall(text)) if len(w) > 2 and w not in _STOP}

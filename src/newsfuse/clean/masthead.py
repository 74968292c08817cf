"""The title and the masthead: which first line is the article's headline, and which the publication's name.

A masthead is a short name-shaped line among the first ones ("Kessel Courier", "The Valley Post")
that ends in a word publications are named by, is how the page's host writes its name, or is a news
agency; the first kept line is the title when none was given and it reads as one. Apart from the
line rules because it weighs a line against its neighbours, the given title and the host.
"""

from __future__ import annotations

import re

from newsfuse.clean.patterns import (
    BYLINE_BY,
    HANDLE,
    LEADING_PUBLICATION_WORDS,
    MASTHEAD_DATE,
    NAME_JOINERS,
    PUBLICATION_WORDS,
    SECTION_GLUE,
    SECTION_TOPICS,
)
from newsfuse.clean.units import Unit, comparable
from newsfuse.langdata.agencies import AGENCY_NAMES


def _looks_like_title(text: str) -> bool:
    words = text.split()
    return (3 <= len(words) <= 30 and len(text) <= 250 and not re.search(r"[.,;:]$", text)
            and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"))


MOVED_TO_TITLE = "moved-to-title"  # a unit taken out of the body into `title`: not noise, not recorded


def title_unit(units: list[Unit], title: str) -> Unit | None:
    """The unit `take_title` would take out of the body: the given title repeated, or the first line
    when it reads as a title."""
    kept = [u for u in units if not u.reason]
    if not kept:
        return None
    first = kept[0]
    if title:
        return first if _same_title(first.text, title) else None
    return first if len(kept) > 1 and _looks_like_title(first.text) else None


def take_title(units: list[Unit], title: str) -> str:
    """Find the title among the first units; returns the article's title (the given one, if any)."""
    unit = title_unit(units, title)
    if unit is None:
        return title
    if title:
        unit.reason, unit.detail = "title", "repeats the title"
        return title
    unit.reason = MOVED_TO_TITLE
    return unit.text


def _same_title(line: str, title: str) -> bool:
    """The page's title, give or take a site name tacked on ("Floods hit Lowmere | The Valley Post")."""
    a, b = comparable(line), comparable(title)
    if not a or not b:
        return False
    return a == b or ((a.startswith(b) or b.startswith(a)) and min(len(a), len(b)) >= 0.6 * max(len(a), len(b)))


def _name_key(text: str) -> str:
    """"The Valley Post" → "valleypost": how a name is written in a host name."""
    words = re.findall(r"[^\W_]+", text.casefold())
    if words[:1] == ["the"]:
        words = words[1:]
    return "".join(words)


def _host_keys(host: str) -> set[str]:
    """"www.valleypost.co.uk" → {"valleypost"}; "articles.latimes.com" → {"articles", "latimes"}."""
    labels = [label for label in host.casefold().removeprefix("www.").split(".") if label]
    names = labels[:-1] if len(labels) > 1 else labels
    while len(names) > 1 and len(names[-1]) <= 3 and names[-1] in {"co", "com", "org", "net", "ac", "gov", "ne", "or"}:
        names = names[:-1]  # "co" of ".co.uk"
    return {re.sub(r"[^0-9a-z]", "", label) for label in names} - {""}


def _masthead_shape(text: str) -> list[str]:
    """The words of a line shaped like a name (1-5 words in title case or capitals, no sentence end, no
    date, no byline), else []."""
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 60 or re.search(r"[.!?:;,\"“”]$", text):
        return []
    if BYLINE_BY.match(text) or MASTHEAD_DATE.search(text) or HANDLE.search(text):
        return []
    if any(not re.search(r"[^\W\d_]", w) and w not in {"&", "-", "–", "|"} for w in words):
        return []  # a bare number or symbol: a counter or a widget, not a name
    for position, word in enumerate(words):
        if word in {"&", "-", "–", "|"}:
            continue
        if word.lower() in NAME_JOINERS and position > 0:
            continue
        if not (word[:1].isupper() or word[:1].isdigit() or (word[:1] in "'‘" and word[1:2].isupper())):
            return []
    return [w.strip("'’‘()").lower() for w in words if w not in {"&", "-", "–", "|"}]


# A site's own address written as its name: "lemonde.fr", "tagesschau.de", "nos.nl".
_SITE = re.compile(r"^(?:www\.)?[a-z0-9][a-z0-9-]{1,40}(?:\.[a-z0-9-]{2,20})?\.[a-z]{2,6}$")


# A name headed by an article is a thing's, not a person's ("The Local Italy", "Le Télégramme", "Die
# Zeit"); Dutch "de" and Portuguese "o"/"a" also head family names and sentences, so they are not here.
_ARTICLES = frozenset({"the", "le", "la", "les", "l'", "el", "il", "lo", "die", "der", "das"})


def _is_masthead(text: str, host_keys: set[str], over_date: bool = False) -> bool:
    """Is this short line the name of the publication? Shaped like a name, and a publication's name:
    it ends in a word publications are named by (or is headed by one), or is how the page's host
    name writes it ("Valley Post" on valleypost.com), or is a news agency ("ANSA English" too), or is
    a site's address ("lemonde.fr"). Not a section label. `over_date`: the line sits right above the
    article's date line, where a page prints its name ("The Local Italy", "NHK WORLD-JAPAN"); there a
    name that reads as no person's (headed by "The", or holding an acronym) is the publication's."""
    if _SITE.match(text.strip()):
        return True
    words = _masthead_shape(text)
    if not words:
        return False
    key = _name_key(text)
    if key and key in host_keys and len(key) >= 4:
        return True
    name = text.strip().casefold().removeprefix("the ")
    if name in AGENCY_NAMES or (len(words) <= 3 and name.split()[0] in AGENCY_NAMES):
        return True
    if over_date and (words[0] in _ARTICLES or re.search(r"\b[A-Z]{2,}\b", text)) and len(words) >= 2 \
            and not all(w in SECTION_TOPICS or w in SECTION_GLUE for w in words):
        return True
    if all(w in SECTION_TOPICS or w in SECTION_GLUE for w in words) and any(w in SECTION_TOPICS for w in words):
        return False  # "World News", "Breaking News", "Local Radio": a section of the page
    if len(words) == 1 and "-" in words[0]:
        words = words[0].split("-")  # "Main-Post", "Rhein-Zeitung": a name and a publication word in one
    last, first = words[-1], words[0] if words[0] != "the" else (words[1] if len(words) > 1 else "")
    named_by = (last in PUBLICATION_WORDS or last.removesuffix("s") in PUBLICATION_WORDS  # "Punch Newspapers"
                or " ".join(words[-2:]) in PUBLICATION_WORDS
                or first in LEADING_PUBLICATION_WORDS
                or (first in PUBLICATION_WORDS and len(words) >= 3 and "of" in words[1:3]))
    return named_by and len(words) >= 2


def masthead_name(text: str) -> str:
    """`text` when it is shaped like a name (a logo's alt text "Kessel Courier", "The Valley Post
    logo" → "The Valley Post"), else "": markup already says the element is the masthead."""
    text = re.sub(r"^(?:large|small)\s+|\s+(?:logo|home(?:page)?|masthead)$", "", text.strip(), flags=re.I)
    generic = {"logo", "home", "brand", "menu", "site", "homepage", "masthead", "search", "site logo"}
    return text if _masthead_shape(text) and len(text) >= 3 and text.casefold() not in generic else ""


_MASTHEAD_LOOKAHEAD = 4  # the masthead sits among the first units, around the headline

# A publication's name and its date stamp on one line: "TVP World | 04.03.2026 18:20", "Le Télégramme -
# Publié le 2 février 2026", "Premium Times, Thursday, June 11, 2026". A bar sets a name apart as a page
# prints its masthead; a comma or a dash does so in a dateline too ("New Delhi, Nov 9", "Santander -
# Publicado el ..."), so there the name must read as a publication's by itself.
_STAMP_SPLIT = re.compile(r"^(?P<name>[^|,]{2,60}?)\s*(?P<sep>\||,|\s[-–—]\s)\s*(?P<rest>.+)$")
_STAMP_WORDS = 12  # the date stamp after the name: a date, a time, "Updated:", a place


def _dated_line(text: str) -> re.Match[str] | None:
    """A name-shaped head, then a date stamp: a line of furniture, whoever the name is."""
    match = _STAMP_SPLIT.match(text.strip())
    if not match or len(match["rest"].split()) > _STAMP_WORDS or not _masthead_shape(match["name"]):
        return None
    from newsfuse.ingest.dates import find_date, find_figures_date  # here: the ingest package imports clean

    return match if find_date(match["rest"]) or find_figures_date(match["rest"]) else None


def dated_masthead(text: str) -> str:
    """The publication's name that opens a line of its date stamp, else "" (also when the name may be
    a dateline's place: "Ouest-France, mercredi 4 février" and "Bhubaneswar, Nov 9" read alike)."""
    match = _dated_line(text)
    if match is None:
        return ""
    name = match["name"].strip()
    if re.search(r":\s", name):
        return ""  # a label and its value ("Muhabir: Emre Yıldız | 12.03.2026"): a byline, not a name
    return name if match["sep"] == "|" or _is_masthead(name, set(), over_date=True) else ""


def mark_masthead(units: list[Unit], title: str, host: str) -> None:
    """Mark the masthead among the article's first lines, before its body starts. A name-shaped line
    that is the article's first line and has no headline beside it is the headline itself, unless it
    is how the page's host writes its name."""
    keys = _host_keys(host) if host else set()
    first = units[:_MASTHEAD_LOOKAHEAD + 2]
    following = {id(unit): units[i + 1] if i + 1 < len(units) else None for i, unit in enumerate(first)}
    headline = title_unit(units, title)
    for unit in first:
        # A byline rule may have taken the line for a name and a date ("NDTV | Updated: ...").
        if unit is not headline and unit.reason in {"", "byline"} and _dated_line(unit.text):
            unit.reason, unit.detail = "dateline-header", "date"
    kept = [u for u in first if not u.reason]
    for position, unit in enumerate(kept[:_MASTHEAD_LOOKAHEAD]):
        if title and _same_title(unit.text, title):
            continue  # the headline, repeated
        after = following[id(unit)]
        over_date = (position > 0 or bool(title)) and after is not None and after.reason == "dateline-header"
        if _is_masthead(unit.text, keys, over_date):
            beside_headline = bool(title) or position > 0 or (
                len(kept) > position + 1 and _looks_like_title(kept[position + 1].text))
            if beside_headline or _name_key(unit.text) in keys:
                unit.reason, unit.detail = "masthead", ""
            return
        if position == 0 and _name_over_headline(unit, kept, units, title):
            unit.reason, unit.detail = "masthead", ""
            return
        if position > 0 or not _looks_like_title(unit.text):
            return  # the body has started: a name-shaped line further down is not a masthead


# Words a page prints over its headline that name the kind of story, not the publication.
_KICKERS = frozenset({"exclusive", "explainer", "update", "updated", "watch", "factbox", "insight", "interview",
                      "review", "profile", "obituary", "wrapup", "corrected", "refile", "refiled", "urgent", "alert",
                      "sponsored", "advertisement", "advertorial"})


def _name_over_headline(unit: Unit, kept: list[Unit], units: list[Unit], title: str) -> bool:
    """The page's name printed alone over its headline ("Hürriyet", "NSC Total", "РБК", "De
    Gelderlander", "Il Sole 24 ORE"): a name-shaped line of one or two words, or one headed by an
    article and holding a figure or a word in capitals, right above the headline, whose words the
    article never uses. A headline has three words or more; a kicker ("Exclusive") or a topic tag
    ("Donald Trump", "Ukraine") over it names what the story is about, so the story names it again."""
    if MASTHEAD_DATE.search(unit.text):
        return False  # a date line ("Πέμπτη, 1 Μαΐου, 2008") in a language whose furniture is marked later
    words = _masthead_shape(re.sub(r"\s+\d+(?=\s|$)", "", unit.text).strip())  # "Il Sole 24 ORE": a figure in a name
    if not words or any(w in SECTION_TOPICS or w in _KICKERS for w in words):
        return False
    if len(words) > 2 and not (len(words) <= 4 and words[0] in _ARTICLES
                               and re.search(r"\b(?:[^\W\d_a-z]{2,}|\d+)\b", unit.text.split(None, 1)[1])):
        return False
    if len(kept) < 3:
        return False
    after = kept[1]
    headline = _same_title(after.text, title) if title else _looks_like_title(after.text)
    if not headline or len(after.text.split()) < 3:
        return False
    # Furniture is not marked yet in the article's language: a prompt that names the paper ("Assine o
    # NSC Total por R$ 1,90") is a short line; the story's own sentences are long.
    name = unit.text.casefold()
    return not any(name in u.text.casefold() for u in units
                   if u is not unit and not u.reason and (u is after or len(u.text.split()) >= _SENTENCE_WORDS))


_SENTENCE_WORDS = 12

"""Boilerplate and noise removal: keep the article's own sentences, drop the page around them.

Scraped article text carries the page with it: ad markers, cookie banners (often in another
language), audio-player and share widgets, bylines, copyright and syndication lines, photo
captions, paragraphs repeated by the page template. `clean_article` takes those out and records
each one as a `Removal` with a short reason slug, so nothing is dropped silently.

Precision comes first: a story sentence lost is worse than a widget line kept. Every rule is
anchored on a whole line (or on the start of the first body line, for datelines) and is written
for shapes that real sentences do not take; the one statistical rule (language) runs only on
blocks that a cheap test has already flagged.

The steps, in order:
 1. split the raw text into units (lines; hard-wrapped lines are joined back into paragraphs);
 2. classify each unit by rule (`classify`), and cut templated boilerplate phrases out of the
    paragraphs that scrapers flattened them into;
 3. mark a masthead among the first lines ("Kessel Courier" under or above the headline);
 4. detect the article's language (headline left out); mark the furniture written in it
    (`clean.local`: "Par ...", "Publié le ...", "Abonnez-vous ..."), then take the first remaining
    unit as the title when it is one; find blocks in another language (cookie banners, mostly);
 5. let short button-like lines next to a widget join it ("Slow", "Fast" under "Select Voice");
 6. strip the dateline prefix from the first body paragraph ("MOSCOW (Sputnik - ...) Japan ...");
 7. drop paragraphs whose every sentence was already said earlier in the article;
 8. join what is left, one blank line between paragraphs.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from newsfuse.clean.language import article_language, mark_foreign
from newsfuse.clean.local import mark_local
from newsfuse.clean.masthead import MOVED_TO_TITLE, mark_masthead, take_title, title_unit
from newsfuse.clean.rules import (
    classify,
    drop_repeats,
    spread_widgets,
    strip_boilerplate_phrases,
    strip_dateline,
)
from newsfuse.clean.units import Unit, split_units
from newsfuse.types import Article, Removal

_BULLET = re.compile(r"^[-–•*·▪►]\s+(?=\S+\s+\S)")


@dataclass(slots=True)
class Cleaned:
    text: str
    title: str
    language: str
    removed: list[Removal] = field(default_factory=list)


def clean_text(text: str, title: str = "", host: str = "") -> Cleaned:
    """Clean one article's raw text. `title`, when known, is dropped from the top of the body; `host`
    (the page's host name, when known) helps tell its masthead."""
    units = split_units(text)
    for index, unit in enumerate(units):
        unit.reason, unit.detail = classify(unit.text, index)
    if not host:
        host = page_host(units)
    in_paragraphs = strip_boilerplate_phrases(units)
    mark_masthead(units, title, host)
    # The title is taken once the furniture of the article's language is marked (a date line in a
    # script without capitals reads as a headline), but the language is read without it, as ever.
    headline = title_unit(units, title)
    language = article_language([u for u in units if u is not headline])
    mark_local(units, language)
    title = take_title(units, title)
    mark_foreign(units, language)
    spread_widgets(units)
    removed = in_paragraphs + [Removal(u.text, u.reason, u.line, u.detail) for u in units
                               if u.reason and u.reason != MOVED_TO_TITLE]
    dateline = strip_dateline(units)
    if dateline:
        removed.append(dateline)
    drop_repeats(units)
    removed += [Removal(u.text, u.reason, u.line, u.detail) for u in units if u.reason == "repeated-paragraph"]
    removed.sort(key=lambda r: r.line)  # stable: a dateline stays before the rest of its line's story
    body = "\n\n".join(_BULLET.sub("", u.text) for u in units if not u.reason)
    return Cleaned(body, title, language, removed)


def page_host(units: list[Unit]) -> str:
    """The host of the page's address when the text prints it on a line of its own at the top."""
    from newsfuse.ingest.meta import host_of  # ingest reads articles through this module

    return next((host_of(u.text.strip("<>")) for u in units if u.detail == "url"), "")


def clean_article(article: Article) -> Article:
    """A new Article: `text` cleaned, `title` filled from the first line when it is one, `removed`
    extended with what was taken out (in the order it appeared), `language` detected when unset."""
    from newsfuse.ingest.meta import host_of  # ingest reads articles through this module

    cleaned = clean_text(article.text, article.title, host_of(article.url))
    url = article.url or next((r.text.strip("<>") for r in cleaned.removed if r.detail == "url"), "")
    return dataclasses.replace(article, text=cleaned.text, title=cleaned.title, url=url,
                               language=article.language or cleaned.language,
                               removed=[*article.removed, *cleaned.removed])

"""Who published an article, and when, read from the lines cleaning took out of it.

A scraped text rarely says its outlet and date in a field, but its noise does: a header line
("date 2023-02-22 UrduPoint.com"), a masthead line under the headline ("Kessel Courier"), a dateline
("TOKYO (AP) —"), a copyright line, a trust badge. Each value records where it came from (`outlet_from`,
`published_from`), strongest evidence first, so a reader can tell a header date from a guess. A source the article merely cites
("Kyodo News reported") is never taken for its outlet, nor is a photo credit (the agency that took the
picture did not write the story) or a file name (it says how the user saved the page, not who wrote it):
an outlet with no evidence stays unknown. The news agency whose copy an article is ("TOKYO (AP) —",
"By ..., Reuters") is `wire`, kept apart from the outlet that printed it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import urlsplit

from newsfuse.clean.masthead import dated_masthead
from newsfuse.ingest.dates import find_date, find_figures_date, find_month_day
from newsfuse.langdata import LANGUAGES, lexicon
from newsfuse.langdata.agencies import AGENCIES, fold
from newsfuse.types import Article, Removal

# News agencies whose name in a dateline or byline says whose copy the story is, in every script.
_AGENCIES = {fold(name): usual for name, usual in AGENCIES.items()}
_AGENCY_IN_TEXT = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _AGENCIES), key=len, reverse=True)) + r")\b",
                             re.I)
# A paper's credit before its date stamp: "Ouest-France, avec AFP. Modifié le 7 février 2024",
# "Tagesspiegel, mit dpa.", "El País, con EFE." (`clean.local` removes the line as a date line).
_CREDIT = re.compile(r"^(?P<name>[^\W\d_][^.,]{0,40}),\s+(?:with|avec|mit|con|com|met|z|ile)\s+"
                     r"(?P<agency>[^\W\d_][^.,]{0,30})\.", re.I)
# The credit after a date stamp: "18. Januar 2024, 17:05 Uhr Quelle: ZEIT ONLINE, dpa" (the paper, then
# the agency it reprints), in the languages of `newsfuse.langdata` (`Lexicon.source_words`).
_SOURCE_WORDS = sorted({w for code in LANGUAGES for w in lexicon(code).source_words}, key=len, reverse=True)
_SOURCE_CREDIT = re.compile(r"(?:^|\s)(?:" + "|".join(map(re.escape, _SOURCE_WORDS)) + r")\s*:\s*"
                            r"(?P<name>[^\W\d_][^.,;:]{0,40})(?:,\s*(?P<agency>[^\W\d_][^.,;:]{0,30}))?\s*\.?$", re.I)
# A paper's credit alone on a line: "Le Monde avec AFP", "Tagesspiegel mit dpa" (the agency must be one).
_CREDIT_LINE = re.compile(r"^(?:source\s*:\s*)?(?P<name>[^\W\d_][^.,:;]{0,40}?),?\s+(?:with|avec|mit|con|com|met|ile)\s+"
                          r"(?:l'|l’|la\s+|the\s+)?(?P<agency>[^\W\d_][\w\s.-]{0,30}?)\.?$", re.I)


def credit_line(text: str) -> tuple[str, str] | None:
    """(outlet, agency) of a line that is only a paper's credit ("Le Monde avec AFP"), else None."""
    match = _CREDIT_LINE.match(text.strip())
    if not match or not (agency := as_agency(match["agency"])):
        return None
    return _tidy_name(match["name"]), agency


# A page's own badge names its publisher: "Why you can trust Sky News", "Our Standards: The Thomson
# Reuters Trust Principles." (printed under every article of its site, never under a reprint's).
_TRUST = re.compile(r"^(?:why you can trust (?P<name>\S.{0,40}?)|our standards:\s*(?:the\s+)?"
                    r"(?P<principles>\S.{0,40}?)\s+trust principles)\s*\.?\s*$", re.I)
_COPYRIGHT_LEAD = re.compile(r"^(?:\(c\)|©|copyright|\(copyright\))\s*(?:©\s*|copyright\s+)?(?:(?:19|20)\d{2}\s*(?:[-–]\s*(?:19|20)?\d{2,4})?)?[,.]?\s*",
                             re.I)
# "All rights reserved" in every language of `newsfuse.langdata` ("Tous droits réservés", "Alle Rechte vorbehalten").
_RESERVED = sorted({p for code in LANGUAGES for p in lexicon(code).copyright}, key=len, reverse=True)
_COPYRIGHT_TAIL = re.compile(r"[.,;]?\s*(?:all rights reserved|this material may not be|distributed by"
                             + "".join(f"|{re.escape(p)}" for p in _RESERVED) + ").*$", re.I)
_ORIGINALLY = re.compile(r"\b(?:originally|first)\s+(?:published|appeared)\s+(?:in|on|by|at)\s+(?P<name>[^.,;]{2,60})",
                         re.I)
_HEADER = re.compile(r"^(?:date\s*:?\s*\d{4}-\d{2}-\d{2}\s*(?P<rest>.*)|source\s*:\s*(?P<source>.+))$", re.I)
_NAME = re.compile(r"[^\W\d_]")
# "Le Monde 2024", "2023 Reuters", "Herald 2019-2024": a copyright year is not part of a name.
_YEARS = re.compile(r"^(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2,4})?[,.]?\s+)+|"
                    r"(?:[,.]?\s+(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2,4})?)+$")


# A company's legal form after its name ("dpa-infocom GmbH", "La Vanguardia Ediciones, S.L."), and a
# wire's item number after it ("dpa-infocom, dpa:240118-99-654321/3"): neither is part of the name.
_LEGAL = re.compile(r"(?:,?\s+(?:GmbH(?:\s*&\s*Co\.?\s*KG)?|AG|KG|S\.\s?L\.(?:\s?U\.)?|S\.L\.?U?|S\.\s?A\.?|"
                    r"S\.p\.A\.?|SpA|SAS|SARL|B\.V\.?|N\.V\.?|Ltd\.?|Limited|Inc\.?|LLC|PLC|plc))+$|,\s*[^,]*\d[^,]*$")


def _tidy_name(name: str) -> str:
    name = _LEGAL.sub("", name.strip(" .,;:|-–—()"))
    name = _YEARS.sub("", name.strip(" .,;:|-–—()")).strip(" .,;:|-–—()")
    name = re.sub(r"^the\s+", "", name)  # "(c) 2023 the Asia News Network": a lower-case "the" is not part of it
    return name if _NAME.search(name) and len(name) <= 80 else ""


def _from_header(removal: Removal) -> str:
    match = _HEADER.match(removal.text.strip())
    if not match:
        return ""
    return _tidy_name(match["rest"] or match["source"] or "")


# A sentence after the holder's name ("© EFE 2025. Está expresamente prohibida la redistribución ..."):
# a full stop after a word of two letters or more, then a capital ("S.L. Todos" keeps its legal form).
_COPYRIGHT_SENTENCE = re.compile(r"(?<=[^\W_]{2})\.\s+(?=[^\W\d_])(?=[^a-zà-ÿ]).*$")


def _from_copyright(text: str) -> str:
    text = text.strip()
    if "©" in text and not _COPYRIGHT_LEAD.match(text):
        # the reservation first, the sign and the holder after it ("RIPRODUZIONE RISERVATA © Copyright ANSA")
        text = text[text.index("©"):]
    name = _COPYRIGHT_TAIL.sub("", _COPYRIGHT_LEAD.sub("", text))
    return _tidy_name(_COPYRIGHT_SENTENCE.sub("", name))


def _dateline_names(text: str) -> list[str]:
    """"MOSCOW (UrduPoint News / Sputnik - 22nd February, 2023)" → ["UrduPoint News", "Sputnik"]."""
    inner = re.search(r"\(([^()]+)\)|/([^/()]+)/", text)  # "(Reuters)", "/ТАСС/"
    parts = re.split(r"\s*/\s*|\s+[-–—]\s+|,", inner.group(1) or inner.group(2)) if inner else []
    return [name for part in parts if not re.search(r"\d", part) and (name := _tidy_name(part))]


def as_agency(name: str) -> str:
    """The canonical name of the news agency `name` is ("agence france-presse" → "AFP"), else ""."""
    match = _AGENCY_IN_TEXT.fullmatch(name.strip())
    return _AGENCIES[fold(match.group(1))] if match else ""


def _from_dateline(text: str) -> str:
    """The outlet a dateline names before the agency it reprints: "(UrduPoint News / Sputnik)" →
    "UrduPoint News". A dateline naming one provider ("TOKYO (AP) —", "(NWS)") names the wire whose
    copy this is, not the paper that printed it → ""."""
    names = _dateline_names(text)
    return names[0] if len(names) > 1 and not as_agency(names[0]) else ""


def _dateline_wire(text: str) -> str:
    """The agency a dateline names, or its one provider ("(NWS)"); a code of two letters that is no
    agency's is the state the place is in ("NOVA FRIBURGO (RJ)", "CAMPINAS (SP)"), not a wire."""
    names = _dateline_names(text)
    agency = next((a for a in map(as_agency, names) if a), "")
    return agency or (names[0] if len(names) == 1 and len(names[0]) > 2 else "")


def _agency(text: str) -> str:
    match = _AGENCY_IN_TEXT.search(text)
    return _AGENCIES[fold(match.group(1))] if match else ""


def _outlet(removed: list[Removal]) -> tuple[str, str]:
    """(outlet, where it was found) from the removed lines, strongest evidence first."""
    finders: list[tuple[str, str, Callable[[Removal], str]]] = [
        ("header", "dateline-header", lambda r: _from_header(r) if r.detail == "header" else ""),
        # The paper's name under or above its headline names who printed the story, where a copyright
        # line may name the agency that owns the copy.
        ("masthead", "masthead", lambda r: _tidy_name(r.text)),
        ("masthead", "dateline-header", lambda r: _tidy_name(dated_masthead(r.text)) if r.detail == "date" else ""),
        ("credit", "dateline-header", lambda r: _tidy_name(m["name"]) if (m := _CREDIT.match(r.text)) else ""),
        ("credit", "dateline-header",
         lambda r: _tidy_name(m["name"]) if r.detail == "date" and (m := _SOURCE_CREDIT.search(r.text)) else ""),
        ("credit", "dateline-header", lambda r: c[0] if r.detail == "credit" and (c := credit_line(r.text)) else ""),
        ("copyright", "copyright", lambda r: _from_copyright(r.text)),
        ("dateline", "dateline-header", lambda r: _from_dateline(r.text) if r.detail == "dateline" else ""),
        ("text", "trust-badge",
         lambda r: _tidy_name(m["name"] or m["principles"]) if (m := _TRUST.match(r.text)) else ""),
        ("distribution", "distribution", lambda r: _tidy_name(m["name"]) if (m := _ORIGINALLY.search(r.text)) else ""),
        ("url", "dateline-header", lambda r: host_of(r.text.strip("<>")) if r.detail == "url" else ""),
    ]
    for source, reason, find in finders:
        for removal in removed:
            if removal.reason == reason:
                name = find(removal)
                if name:
                    return name, source
    return "", ""


def wire_of(removed: Iterable[Removal], outlet: str = "") -> str:
    """The news agency whose copy this is: named in the dateline or byline, as the copyright holder, or
    the outlet itself when the outlet is an agency."""
    for removal in removed:
        if removal.reason == "dateline-header" and removal.detail == "dateline":
            if agency := _dateline_wire(removal.text):
                return agency
        elif agency := _credited_agency(removal):
            return agency
    # An agency that owns the copy ("Copyright 2023 The Associated Press" under a paper's masthead).
    for removal in removed:
        if removal.reason == "copyright" and (agency := as_agency(_without_the(_from_copyright(removal.text)))):
            return agency
    return as_agency(_without_the(outlet))


def _credited_agency(removal: Removal) -> str:
    """The agency a byline names, or the one a paper's credit line adds ("Ouest-France, avec AFP.")."""
    if removal.reason == "byline" and removal.detail != "embedded post":
        return _agency(removal.text)
    if removal.reason != "dateline-header":
        return ""
    if removal.detail == "credit" and (line := credit_line(removal.text)):
        return line[1]
    credit = _CREDIT.match(removal.text) or (_SOURCE_CREDIT.search(removal.text) if removal.detail == "date" else None)
    return as_agency(credit["agency"]) if credit and credit["agency"] else ""


def _without_the(name: str) -> str:
    return re.sub(r"^the\s+", "", name, flags=re.I)


def _published(removed: list[Removal], language: str = "") -> tuple[dt.date | None, str]:
    """(date, where it was found): a header, then a dateline, then a byline or date line. Outside
    English a page writes the day before the month ("10-04-26, 08:30" is 10 April)."""
    day_first = language not in {"", "en"}
    order: list[tuple[str, Callable[[Removal], bool]]] = [
        ("header", lambda r: r.reason == "dateline-header" and r.detail == "header"),
        ("dateline", lambda r: r.reason == "dateline-header" and r.detail == "dateline"),
        ("byline", lambda r: (r.reason == "byline" and r.detail != "embedded post")
                             or (r.reason == "dateline-header" and r.detail == "date")),
    ]
    for source, wanted in order:
        for removal in removed:
            if wanted(removal):
                date = find_date(removal.text) or find_figures_date(removal.text, day_first)
                if date:
                    return date, source
    # A wire's dateline gives the day without the year ("NAIROBI, Aug 7 (Reuters)"); its copyright line
    # ("© 2025 Thomson Reuters") gives the year.
    years = [int(m.group(0)) for r in removed if r.reason == "copyright"
             for m in re.finditer(r"\b(?:19|20)\d{2}\b", r.text)]
    if years:
        for removal in removed:
            if removal.reason == "dateline-header" and removal.detail == "dateline" and \
                    (date := find_month_day(removal.text, max(years))):
                return date, "dateline"
    return None, ""


# A date line at the top of a text that cleaning left in ("Friday August 2, 2013 @ 8: 13am PDT",
# "Posted: 08 / 14 / 2013 11: 10 am EDT"), or that the reader took into the headline: one of the
# first lines, short, holding a whole date.
HEAD_LINES = 3
HEAD_LINE_CHARS = 60


def head_date(title: str, text: str) -> dt.date | None:
    """The date written in the headline or on a short line among the first `HEAD_LINES` lines of
    `text`, or None. A headline rarely carries a whole date, and a short line that does is the
    article's date line."""
    lines = [line.strip() for line in text.split("\n", HEAD_LINES + 1)[:HEAD_LINES + 1]]
    short = [line for line in lines if line][:HEAD_LINES]
    for line in [title, *(line for line in short if len(line) <= HEAD_LINE_CHARS and not _is_sentence(line))]:
        if date := find_date(line) or find_figures_date(line):
            return date
    return None


def _is_sentence(line: str) -> bool:
    """A line of prose, not a date line: it ends in a full stop after six words or more ("Page was born
    on April 22, 1923, in Nashville, Tenn." dates a birth, not the article)."""
    return line.endswith(".") and len(line.split()) >= 6


def host_of(url: str) -> str:
    """The host of a URL without "www." ("" when there is none or it is malformed)."""
    try:
        host = urlsplit(url).hostname or "" if url else ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def infer_metadata(article: Article) -> Article:
    """Fill `outlet`, `wire` and `published` (and where each came from) when the caller did not give
    them. The last resort for an outlet is the host of the article's URL; without one it stays ""."""
    outlet, outlet_from = article.outlet, article.outlet_from
    if not outlet:
        outlet, outlet_from = _outlet(article.removed)
        if not outlet and (host := host_of(article.url)):
            outlet, outlet_from = host, "url"
    published, published_from = article.published, article.published_from
    if published is None:
        published, published_from = _published(article.removed, article.language)
    if published is None and (published := head_date(article.title, article.text)):
        published_from = "text"
    return dataclasses.replace(article, outlet=outlet, outlet_from=outlet_from if outlet else "",
                               wire=article.wire or wire_of(article.removed, outlet),
                               published=published, published_from=published_from if published else "")


# Where a date whose year came from the story's other reports was found (`published_from`).
STORY_YEAR = "dateline, year of the story"


def date_yearless_datelines(articles: Sequence[Article]) -> list[Article]:
    """Date the reports of one story whose dateline gives a day and a month but whose copy names no
    year anywhere ("TOKYO, Jan. 10 (Kyodo)" over "(c) Kyodo News"): the day is put in the year that
    brings it nearest the dates of the other reports, as a story's reports are days apart, not a
    year. Without a dated report, or with a full date of its own, an article is left as it is.
    Borrowing the whole date (`facts.dates.anchors`) would date every value of a three-day story's
    first report on the lender's day; the dateline's own day keeps them in order, so a later report's
    different figure reads as an update."""
    dated = [a.published for a in articles if a.published is not None]
    if not dated or len(dated) == len(articles):
        return list(articles)
    years = sorted({d.year + k for d in dated for k in (-1, 0, 1)})
    out = []
    for article in articles:
        line = next((r.text for r in article.removed
                     if r.reason == "dateline-header" and r.detail == "dateline"), "")
        days = [d for y in years if (d := find_month_day(line, y))] if article.published is None and line else []
        if days:
            day = min(days, key=lambda d: (min(abs((d - o).days) for o in dated), d))
            article = dataclasses.replace(article, published=day, published_from=STORY_YEAR)
        out.append(article)
    return out

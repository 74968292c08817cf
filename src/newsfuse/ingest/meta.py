"""Who published an article, and when, read from the lines cleaning took out of it.

A scraped text rarely says its outlet and date in a field, but its noise does: a header line
("date 2023-02-22 UrduPoint.com"), a dateline ("TOKYO (AP) —"), a copyright line, a trust badge, a
photo credit. Each value records where it came from (`outlet_from`, `published_from`), strongest
evidence first, so a reader can tell a header date from a guess. A source the article merely cites
("Kyodo News reported") is never taken for its outlet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from newsfuse.ingest.dates import find_date
from newsfuse.types import Article, Removal

# News agencies whose name in a dateline, byline or photo credit says who sent the story.
_AGENCIES = {
    "reuters": "Reuters", "ap": "AP", "associated press": "AP", "afp": "AFP", "agence france-presse": "AFP",
    "xinhua": "Xinhua", "kyodo": "Kyodo", "kyodo news": "Kyodo", "bloomberg": "Bloomberg",
    "anadolu": "Anadolu Agency", "anadolu agency": "Anadolu Agency", "yonhap": "Yonhap", "tass": "TASS",
    "sputnik": "Sputnik", "pti": "PTI", "ani": "ANI", "ians": "IANS", "upi": "UPI", "dpa": "dpa", "efe": "EFE",
    "bernama": "Bernama",
}
_AGENCY_IN_TEXT = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _AGENCIES), key=len, reverse=True)) + r")\b",
                             re.I)
_TRUST = re.compile(r"^why you can trust (?P<name>\S.{0,40}?)\s*$", re.I)
_COPYRIGHT_LEAD = re.compile(r"^(?:\(c\)|©|copyright|\(copyright\))\s*(?:©\s*)?(?:(?:19|20)\d{2}\s*(?:[-–]\s*(?:19|20)?\d{2,4})?)?[,.]?\s*",
                             re.I)
_COPYRIGHT_TAIL = re.compile(r"[.,;]?\s*(?:all rights reserved|this material may not be|distributed by).*$", re.I)
_ORIGINALLY = re.compile(r"\b(?:originally|first)\s+(?:published|appeared)\s+(?:in|on|by|at)\s+(?P<name>[^.,;]{2,60})",
                         re.I)
_HEADER = re.compile(r"^(?:date\s*:?\s*\d{4}-\d{2}-\d{2}\s*(?P<rest>.*)|source\s*:\s*(?P<source>.+))$", re.I)
_NAME = re.compile(r"[A-Za-z]")


def _tidy_name(name: str) -> str:
    name = name.strip(" .,;:|-–—()")
    name = re.sub(r"^the\s+", "", name)  # "(c) 2023 the Asia News Network": a lower-case "the" is not part of it
    return name if _NAME.search(name) and len(name) <= 80 else ""


def _from_header(removal: Removal) -> str:
    match = _HEADER.match(removal.text.strip())
    if not match:
        return ""
    return _tidy_name(match["rest"] or match["source"] or "")


def _from_copyright(text: str) -> str:
    name = _COPYRIGHT_TAIL.sub("", _COPYRIGHT_LEAD.sub("", text.strip()))
    return _tidy_name(name)


def _from_dateline(text: str) -> str:
    """"MOSCOW (UrduPoint News / Sputnik - 22nd February, 2023)" → "UrduPoint News"; "TOKYO (AP)" → "AP"."""
    inner = re.search(r"\(([^()]+)\)", text)
    if not inner:
        return ""
    first = re.split(r"\s+/\s+|\s+[-–—]\s+|,", inner.group(1))[0]
    agency = _AGENCY_IN_TEXT.fullmatch(first.strip())
    return _AGENCIES[agency.group(1).lower()] if agency else _tidy_name(first)


def _agency(text: str) -> str:
    match = _AGENCY_IN_TEXT.search(text)
    return _AGENCIES[match.group(1).lower()] if match else ""


def _caption_credit(text: str) -> str:
    credit = re.search(r"\(([^()]+)\)\s*$", text)
    return _agency(credit.group(1)) if credit else ""


def _outlet(removed: list[Removal]) -> tuple[str, str]:
    """(outlet, where it was found) from the removed lines, strongest evidence first."""
    finders: list[tuple[str, str, Callable[[Removal], str]]] = [
        ("header", "dateline-header", lambda r: _from_header(r) if r.detail == "header" else ""),
        ("copyright", "copyright", lambda r: _from_copyright(r.text)),
        ("dateline", "dateline-header", lambda r: _from_dateline(r.text) if r.detail == "dateline" else ""),
        ("byline", "byline", lambda r: _agency(r.text)),
        ("text", "trust-badge", lambda r: _tidy_name(m["name"]) if (m := _TRUST.match(r.text)) else ""),
        ("caption", "caption", lambda r: _caption_credit(r.text)),
        ("distribution", "distribution", lambda r: _tidy_name(m["name"]) if (m := _ORIGINALLY.search(r.text)) else ""),
    ]
    for source, reason, find in finders:
        for removal in removed:
            if removal.reason == reason:
                name = find(removal)
                if name:
                    return name, source
    return "", ""


def _published(removed: list[Removal]) -> tuple[dt.date | None, str]:
    """(date, where it was found): a header, then a dateline, then a byline or date line."""
    order: list[tuple[str, Callable[[Removal], bool]]] = [
        ("header", lambda r: r.reason == "dateline-header" and r.detail == "header"),
        ("dateline", lambda r: r.reason == "dateline-header" and r.detail == "dateline"),
        ("byline", lambda r: (r.reason == "byline" and r.detail != "embedded post")
                             or (r.reason == "dateline-header" and r.detail == "date")),
    ]
    for source, wanted in order:
        for removal in removed:
            if wanted(removal):
                date = find_date(removal.text)
                if date:
                    return date, source
    return None, ""


def infer_metadata(article: Article, file_stem: str = "") -> Article:
    """Fill `outlet` and `published` (and where each came from) when the caller did not give them."""
    outlet, outlet_from = article.outlet, article.outlet_from
    if not outlet:
        outlet, outlet_from = _outlet(article.removed)
        if not outlet and file_stem:
            outlet, outlet_from = file_stem, "file-name"
    published, published_from = article.published, article.published_from
    if published is None:
        published, published_from = _published(article.removed)
    return dataclasses.replace(article, outlet=outlet, outlet_from=outlet_from if outlet else "",
                               published=published, published_from=published_from if published else "")

"""RSS, Atom and OPML: feeds parsed with feedparser, each entry an article.

An entry that carries its full text (`content:encoded`, Atom `content`) is read from it; one that
carries only a teaser is read from its page when a `Fetcher` is given (through the same limits and
address guard as any URL), else from the teaser. An OPML file lists feeds; each is fetched in turn.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsfuse.errors import FetchError, InputError
from newsfuse.ingest.dates import sane_date
from newsfuse.ingest.urls import Fetcher, article_from_html, finish, read_page
from newsfuse.types import Article, Skipped

MAX_FEED_BYTES = 20_000_000
# An entry's own content is taken as the article when it has at least this many words; shorter is a
# teaser ("Read more ...") and the page is fetched instead, when fetching is allowed.
FULL_TEXT_WORDS = 120


def entry_id(feed: str, entry: Any) -> str:
    """A stable id: from the entry's guid or link (unique on the web), else its title within the feed."""
    key = str(entry.get("id") or entry.get("link") or "")
    basis = key if key.startswith(("http://", "https://", "urn:", "tag:")) else f"{feed}\n{key or entry.get('title', '')}"
    return "feed-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def read_feed(data: bytes, source: str, fetcher: Fetcher | None = None,
              known: Callable[[Article], bool] | None = None) -> Iterator[Article | Skipped]:
    """The articles of one feed document (RSS or Atom), in feed order; an entry that cannot become
    an article is a `Skipped` with its number (reported, never dropped). `known` (a store's lookup
    by id and URL): an entry it knows is passed on as it stands in the feed, its page not fetched
    again, for the stream to count as the duplicate it is."""
    feed_title, entries = feed_entries(data, source)
    for number, entry in enumerate(entries, 1):
        if known is not None:
            stub = _known_stub(entry, source)
            if known(stub):
                yield stub
                continue
        try:
            article = entry_article(entry, source, feed_title, fetcher)
        except FetchError as exc:
            yield Skipped(source, number, exc.describe(), "entry")
            continue
        if article is None:
            yield Skipped(source, number, "no article text in the entry or its page", "entry")
        else:
            yield article


def feed_entries(data: bytes, source: str) -> tuple[str, list[Any]]:
    """The feed's title and its entries (feedparser's), in feed order; InputError when `data` is no feed."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            raise InputError(f"not an RSS or Atom feed ({parsed.get('bozo_exception', 'unreadable')})", path=source)
        return "", []
    return str(parsed.feed.get("title", "") or ""), list(parsed.entries)


def quick_entries(data: bytes) -> list[dict[str, str]] | None:
    """Each entry's id (RSS guid, Atom id) and link, read with the C XML parser: a cheap first look
    that lets a caller skip feedparser when every entry is known. None when the feed cannot be read
    this way (not well-formed XML) or an entry has no id or link that `entry_id` could use."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return None
    out: list[dict[str, str]] = []
    for node in root.iter():
        if not isinstance(node.tag, str) or node.tag.rsplit("}", 1)[-1] not in ("item", "entry"):
            continue
        key = link = ""
        for child in node:
            name = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if name in ("guid", "id") and not key:
                key = (child.text or "").strip()
            elif name == "link" and not link:
                href = child.get("href")
                if href is None:
                    link = (child.text or "").strip()
                elif child.get("rel", "alternate") == "alternate":
                    link = href.strip()
        basis = key or link
        if not basis.startswith(("http://", "https://", "urn:", "tag:")):
            return None
        out.append({"id": key, "link": link})
    return out


def entry_link(entry: Any) -> str:
    return str(entry.get("link", "") or "")


def _known_stub(entry: Any, source: str) -> Article:
    """An entry as the feed gives it, no page fetched: enough for a store to recognise it (id, URL)."""
    link = str(entry.get("link", "") or "")
    text = str(entry.get("summary", "") or entry.get("title", "") or link or "(entry)")
    return Article(entry_id(source, entry), text, title=str(entry.get("title", "") or ""), url=link, origin=source)


def entry_article(entry: Any, source: str, feed_title: str, fetcher: Fetcher | None) -> Article | None:
    """One entry as an article: from its own full text, else its page (with a fetcher), else its teaser."""
    link = str(entry.get("link", "") or "")
    article_id = entry_id(source, entry)
    html = ""
    for content in entry.get("content", []) or []:
        if "html" in str(content.get("type", "html")) and len(str(content.get("value", "")).split()) > len(html.split()):
            html = str(content.get("value", ""))
    problem: FetchError | None = None
    if len(html.split()) < FULL_TEXT_WORDS and fetcher is not None and link:
        try:
            article = read_page(fetcher.get(link))
        except FetchError as exc:
            problem = exc  # fall back on what the feed itself says, below
        else:
            if article is not None:
                article.id = article_id
                _fill(article, entry, feed_title, source)
                return article
    html = html or str(entry.get("summary", "") or "")
    article = _from_feed_html(html, link, article_id, source) if html.strip() else None
    if article is None and problem is not None:
        raise problem
    if article is not None:
        _fill(article, entry, feed_title, source)
    return article


def _from_feed_html(html: str, link: str, article_id: str, source: str) -> Article | None:
    raw = article_from_html(f"<html><body><article>{html}</article></body></html>", url=link,
                            article_id=article_id, origin=source)
    if not raw.text.strip():
        raw.text = _strip_tags(html)
    raw.id = article_id
    raw.url = raw.url or link
    return finish(raw)


def _fill(article: Article, entry: Any, feed_title: str, source: str) -> None:
    """The feed's own fields win over what was guessed from the page: they are the publisher's."""
    if entry.get("title"):
        article.title = str(entry["title"]).strip()
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp:
        try:
            date: dt.date | None = sane_date(dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday))
        except (ValueError, OverflowError, TypeError):
            date = None  # a feed's zero or garbage date: the article stays, undated
        if date is not None:
            article.published, article.published_from = date, "feed"
    if feed_title:
        article.outlet, article.outlet_from = feed_title, "feed"
    article.origin = source


def _strip_tags(html: str) -> str:
    import re

    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def read_opml(data: bytes, source: str) -> list[str]:
    """The feed URLs an OPML document lists (every outline with an xmlUrl, at any depth)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputError(f"not a valid OPML file: {exc}", path=source) from None
    urls = [str(node.get("xmlUrl")) for node in root.iter("outline") if node.get("xmlUrl")]
    if not urls:
        raise InputError("the OPML file lists no feed (no outline with an xmlUrl)", path=source)
    return list(dict.fromkeys(urls))


def read_local(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FEED_BYTES:
            raise InputError(f"too large ({size:,} bytes > {MAX_FEED_BYTES:,} limit)", path=str(path))
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None


"""What kind of input something is: an article file, a feed, an OPML list, a WARC archive, a URL
list or a URL — told from its name, or for a fetched page from its first bytes.

Two dispatchers read by kind, and this is the one place both learn the kinds from. `reader` reads
article files (text, HTML, JSON lines), folders, globs, stdin and in-memory text for `brief` and
`ingest` alike, and refuses the other kinds by name (`FOREIGN`). `sources` (ingest only) sends
feeds, OPML lists, archives, URL lists and URLs to their readers and everything else to `reader`.
They stay two because a brief is an offline read of the articles the user named: it must not fetch
URLs or expand a feed or an archive into thousands of articles, and it takes dicts, Articles and
text that the ingest's command line never gives. This module imports nothing heavy (no HTTP client,
no WARC library): the brief's reader needs only the names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

# Article files `reader` reads, by extension, and the format each is read as.
ARTICLE_EXTENSIONS = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".xhtml": "html",
                      ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
OPML_SUFFIXES = (".opml",)
URL_LIST_SUFFIXES = (".txt", ".urls")  # a .txt file is a URL list only when every line is a URL
# What `reader` refuses by name, with what the file is taken for: these have readers of their own
# (or none), and read as text they would give garbage articles.
FOREIGN = {".warc": "a WARC archive", ".gz": "a compressed file", ".rss": "a feed", ".atom": "a feed",
           ".xml": "an XML file (a feed?)", ".pdf": "a PDF"}
# A short string ending in one of these is meant as a path, not as article text.
PATH_SUFFIXES = {*ARTICLE_EXTENSIONS, ".md", ".csv", ".xml", ".gz", ".pdf", ".warc", ".rss", ".atom"}

PathKind = Literal["warc", "opml", "feed", "url-list", "articles"]
PageKind = Literal["opml", "feed", "page"]


def path_kind(path: Path) -> PathKind:
    """The reader for an existing file (a folder or anything else is "articles": `reader`'s)."""
    if not path.is_file():
        return "articles"
    if is_warc(path):
        return "warc"
    suffix = path.suffix.lower()
    if suffix in OPML_SUFFIXES:
        return "opml"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in URL_LIST_SUFFIXES and looks_like_url_list(path):
        return "url-list"
    return "articles"


def page_kind(body: bytes, content_type: str = "") -> PageKind:
    """What a fetched URL gave: an OPML list, a feed, or a page (read as one article)."""
    if looks_like_opml(body):
        return "opml"
    if looks_like_feed(body, content_type):
        return "feed"
    return "page"


def is_url(value: str) -> bool:
    parts = urlsplit(value.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def looks_like_url_list(path: Path, sample: int = 65_536) -> bool:
    """A .txt/.urls file whose every non-blank, non-comment line is an http(s) URL."""
    if path.suffix.lower() == ".urls":
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(sample).decode("utf-8", errors="replace")
    except OSError:
        return False
    lines = [ln.strip() for ln in head.splitlines()[:-1 if len(head) == sample else None]]
    lines = [ln for ln in lines if ln and not ln.startswith("#")]
    return bool(lines) and all(is_url(ln) and " " not in ln for ln in lines)


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return True
    head = body[:2048].lstrip().lower()
    return (head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)) \
        or head.startswith((b"<rss", b"<feed"))


def looks_like_opml(body: bytes) -> bool:
    return b"<opml" in body[:2048].lower()

"""WARC and WARC.gz archives (Common Crawl CC-News and any crawler's output), read with warcio.

Each `response` (or `resource`) record holding HTML becomes an article: trafilatura finds the text
and date in the page; the record's WARC-Date stands in for a missing publication date (for CC-News
it is the crawl time, within a day or two of publication). The record id is the article id.

A truncated or corrupt archive is read up to the damage: the articles before it are kept (the ingest
commits them) and the error names the archive, the byte offset and how many records were read. A
malformed record is skipped with its offset (the framing is checked first: `warcframe`).
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsfuse.errors import InputError, MissingDependencyError, NewsfuseError
from newsfuse.ingest.dates import sane_date
from newsfuse.ingest.urls import article_from_html, finish
from newsfuse.ingest.warcframe import Damage, frames
from newsfuse.types import Article, Skipped

MAX_RECORD_BYTES = 5_000_000  # a page larger than this is skipped (and reported), not read into memory


def read_warc(path: Path, max_record_bytes: int = MAX_RECORD_BYTES) -> Iterator[Article | Skipped]:
    """The articles of an archive, in record order; records without article text are reported
    (`Skipped`: a bad frame by its byte offset, a record by its URI).

    A malformed record is reported (with its byte offset) and skipped; an archive cut short or
    corrupt yields what came before the damage, then raises InputError saying where it broke."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise MissingDependencyError("reading WARC archives", "warcio") from None
    if path.name.lower().endswith((".arc", ".arc.gz")):
        yield from _read_arc(path, max_record_bytes)
        return
    records = 0
    try:
        with path.open("rb") as stream:
            for frame in frames(stream, path.name.lower().endswith(".gz"), max_record_bytes + (1 << 16)):
                if isinstance(frame, Damage):
                    if frame.fatal:
                        raise _damaged(path, records, f"{frame.reason} at byte {frame.offset:,}")
                    yield Skipped(str(path), frame.offset, frame.reason, "byte")
                    continue
                records += 1
                try:
                    for record in ArchiveIterator(io.BytesIO(frame.data)):
                        item = _record_article(record, path, max_record_bytes) \
                            if record.rec_type in ("response", "resource") else None
                        if item is not None:
                            yield item
                except Exception as exc:
                    if isinstance(exc, NewsfuseError):
                        raise
                    yield Skipped(str(path), frame.offset,
                                  f"malformed record skipped: {type(exc).__name__}: {str(exc)[:120]}", "byte")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
    if not records:
        raise InputError("no WARC record in the archive (empty file?)", path=str(path))


def _read_arc(path: Path, max_record_bytes: int) -> Iterator[Article | Skipped]:
    """Old ARC files: warcio's own framing (they carry no Content-Length to check)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream, arc2warc=True):
                item = _record_article(record, path, max_record_bytes) \
                    if record.rec_type in ("response", "resource") else None
                if _drained_short(record):
                    raise _damaged(path, records, "the last record ends early")
                records += 1
                if item is not None:
                    yield item
    except OSError as exc:
        if isinstance(exc, FileNotFoundError | PermissionError | IsADirectoryError):
            raise InputError(f"cannot read: {exc.strerror}", path=str(path)) from None
        raise _damaged(path, records, f"{type(exc).__name__}: {exc}") from None
    except (EOFError, zlib.error, ArchiveLoadFailed, ValueError) as exc:
        raise _damaged(path, records, f"{type(exc).__name__}: {exc}") from None


def _drained_short(record: Any) -> bool:
    """Read what is left of the record; True when the archive ends before the record's declared length.
    (warcio reads a truncated gzip member without complaint: the length is how to tell.)"""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return int(getattr(raw, "limit", 0) or 0) > 0


def _damaged(path: Path, records: int, what: str) -> InputError:
    return InputError(f"archive truncated or corrupt after {records} record(s): {what}",
                      path=str(path), hint="the articles before the damage were kept")


def _record_article(record: Any, path: Path, limit: int) -> Article | Skipped | None:
    headers = record.rec_headers
    uri = str(headers.get_header("WARC-Target-URI") or "")
    record_id = str(headers.get_header("WARC-Record-ID") or "").strip("<>")
    # A record is named by its URI (else its id), which has no place in `Skipped.line`: it goes
    # into the source, as the archive's reader has always shown it.
    where = f"{path}@{uri or record_id}"
    content_type = ""
    if record.http_headers is not None:
        if record.rec_type == "response" and not str(record.http_headers.get_statuscode() or "").startswith("2"):
            return None  # redirects and errors are not articles, and not worth a report each
        content_type = str(record.http_headers.get_header("Content-Type") or "")
    else:
        content_type = str(headers.get_header("Content-Type") or "")
    if "html" not in content_type.lower():
        return None
    body = record.content_stream().read(limit + 1)
    if len(body) > limit:
        return Skipped(where, 0, f"page larger than {limit:,} bytes")
    if _drained_short(record):
        return None  # cut short by a damaged archive: the caller reports the damage
    html = body.decode(_charset(content_type), errors="replace")
    article_id = "warc-" + record_id.removeprefix("urn:uuid:") if record_id else ""
    raw = article_from_html(html, url=uri, article_id=article_id, origin=where)
    raw.id = article_id or raw.id
    raw.url = raw.url or uri
    if raw.published is None:
        stamp = str(headers.get_header("WARC-Date") or "")
        try:
            raw.published = sane_date(dt.date.fromisoformat(stamp[:10]))
            raw.published_from = "warc-date" if raw.published else ""
        except ValueError:
            pass
    article = finish(raw)
    return article if article is not None else Skipped(where, 0, "no article text in the page")


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value.strip("\"' "):
            try:
                "".encode(value.strip("\"' "))
                return value.strip("\"' ")
            except LookupError:
                break
    return "utf-8"

"""From a request (JSON article list, or a form with pasted texts and uploaded files) to clean
Articles, within the size limits (web/limits.py). It raises newsfuse.errors types only; how they are
answered is the handlers' job, so intake knows nothing of responses or pages.

Uploaded files are written to a private temporary folder under a sanitised name so that the normal
readers (HTML, text, JSON lines) pick the format from the extension; the folder is gone before the
response is sent, and the temporary path never reaches the output.
"""

from __future__ import annotations

import dataclasses
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request
from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

from newsfuse.config import Settings, Web, bounds
from newsfuse.errors import NewsfuseError, RequestError, TooLargeError, UnsupportedMediaError
from newsfuse.ingest import ReadResult, read_articles
from newsfuse.types import Skipped
from newsfuse.web.models import ArticleIn, BriefRequest, IngestRequest


@dataclass(slots=True)
class Upload:
    name: str
    data: bytes


@dataclass(slots=True)
class Batch:
    """What a request asked to read: records (dicts, as `read_articles` takes them) and files."""

    records: list[dict[str, Any]] = field(default_factory=list)
    uploads: list[Upload] = field(default_factory=list)
    words: int | None = None
    urls: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.records) + len(self.uploads) + len(self.urls)


def _record(article: ArticleIn) -> dict[str, Any]:
    return {k: v for k, v in article.model_dump().items() if v is not None}


def _check_sizes(batch: Batch, limits: Web, max_articles: int) -> None:
    if len(batch) > max_articles:
        raise TooLargeError(f"{len(batch)} articles is more than one request takes ({max_articles})")
    if len(batch.urls) > limits.max_urls:
        raise TooLargeError(f"{len(batch.urls)} URLs is more than one request fetches ({limits.max_urls})")
    for i, record in enumerate(batch.records):
        size = len(str(record["text"]).encode("utf-8"))
        if size > limits.max_article_bytes:
            raise TooLargeError(f"article {i} is {size:,} bytes; the limit is {limits.max_article_bytes:,}")
    for upload in batch.uploads:
        if len(upload.data) > limits.max_article_bytes:
            raise TooLargeError(f"file {upload.name!r} is {len(upload.data):,} bytes; "
                            f"the limit is {limits.max_article_bytes:,}")


def _invalid(exc: ValidationError) -> RequestError:
    parts = []
    for problem in exc.errors()[:5]:
        where = ".".join(str(p) for p in problem["loc"])
        parts.append(f"{where}: {problem['msg']}" if where else problem["msg"])
    return RequestError("; ".join(parts))


async def from_json(request: Request, limits: Web, max_articles: int, words: bool) -> Batch:
    """A JSON body `{"articles": [...]}`, with `"words": n` when `words` (a brief, not an ingest)."""
    raw = await request.body()
    model: type[BriefRequest | IngestRequest] = BriefRequest if words else IngestRequest
    try:
        parsed = model.model_validate_json(raw)
    except ValidationError as exc:
        raise _invalid(exc) from None
    if isinstance(parsed, BriefRequest):
        batch = Batch([_record(a) for a in parsed.articles], words=parsed.words)
    else:
        batch = Batch([_record(a) for a in parsed.articles], urls=parsed.urls)
    _check_sizes(batch, limits, max_articles)
    return batch


async def from_form(request: Request, limits: Web, max_articles: int, words: bool) -> Batch:
    """A form: `text` fields (pasted articles, blank ones ignored), `file` uploads, `words`."""
    # Parts may be as large as the whole body; the per-article limit is checked below with a clear
    # message (Starlette's own would be a bare 400).
    try:
        form = await request.form(max_files=limits.max_files, max_fields=max_articles + 20,
                                  max_part_size=limits.max_body_bytes)
    except (MultiPartException, HTTPException) as exc:
        # Starlette answers a form it will not parse with a bare 400. Too many fields or files is a
        # request too large (found by schemathesis), anything else an invalid one.
        message = str(getattr(exc, "detail", None) or getattr(exc, "message", None) or exc)
        if message.startswith("Too many"):
            raise TooLargeError(f"{message} (at most {max_articles} articles)") from None
        raise RequestError(message) from None
    batch = Batch()
    try:
        for value in form.getlist("text"):
            if isinstance(value, str) and value.strip():
                batch.records.append({"text": value})
        for value in form.getlist("file"):
            if isinstance(value, UploadFile) and value.filename:
                data = await value.read(limits.max_article_bytes + 1)
                if data.strip():
                    batch.uploads.append(Upload(value.filename, data))
        wanted = form.get("words")
        if words and isinstance(wanted, str) and wanted.strip():
            batch.words = _words(wanted)
    finally:
        await form.close()
    _check_sizes(batch, limits, max_articles)
    if not len(batch):
        raise RequestError("paste at least one article or choose a file")
    return batch


def _words(value: str) -> int:
    low, high = (int(b) for b in bounds("words"))
    if not value.strip().isdigit() or not low <= int(value) <= high:
        raise RequestError(f"words must be a whole number from {low} to {high}")
    return int(value)


async def from_request(request: Request, limits: Web, max_articles: int, *, words: bool) -> Batch:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        return await from_json(request, limits, max_articles, words)
    if kind in ("multipart/form-data", "application/x-www-form-urlencoded"):
        return await from_form(request, limits, max_articles, words)
    raise UnsupportedMediaError(
        "send application/json ({\"articles\": [{\"text\": ...}]}) or a multipart form")


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str, taken: set[str]) -> str:
    """A file name that cannot leave the folder or collide: the base name, unsafe characters folded."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip("._")[:80] or "upload"
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        stem, dot, ext = base.rpartition(".")
        candidate = f"{stem}-{n}.{ext}" if dot else f"{base}-{n}"
    taken.add(candidate.lower())
    return candidate


def read_batch(batch: Batch, settings: Settings, limits: Web, max_articles: int) -> ReadResult:
    """Clean Articles from the batch's records and files (raises NoArticlesError when nothing is
    readable). URLs are fetched elsewhere (see `fetch_urls`)."""
    settings = settings.replace(max_article_bytes=min(settings.max_article_bytes, limits.max_article_bytes))
    if not batch.records and not batch.uploads:
        return ReadResult()
    if not batch.uploads:
        result = read_articles(batch.records, settings=settings)
    else:
        with tempfile.TemporaryDirectory(prefix="newsfuse-upload-") as folder:
            taken: set[str] = set()
            paths: list[str | dict[str, Any]] = []
            names: dict[str, str] = {}
            for upload in batch.uploads:
                path = Path(folder) / safe_name(upload.name, taken)
                path.write_bytes(upload.data)
                paths.append(str(path))
                names[str(path)] = path.name
            try:
                result = read_articles([*batch.records, *paths], settings=settings)
            except NewsfuseError as exc:
                # The temporary folder is the server's: the client hears of its own file's name.
                exc.path = _relabel(exc.path, names)
                exc.message = exc.message.replace(folder + "/", "upload:").replace(folder, "upload")
                raise
        result.warnings = [w.replace(folder + "/", "upload:").replace(folder, "upload") for w in result.warnings]
        for article in result.articles:
            article.origin = _relabel(article.origin, names)
        for i, skipped in enumerate(result.skipped):
            result.skipped[i] = dataclasses.replace(skipped, source=_relabel(skipped.source, names))
    if len(result.articles) > max_articles:
        # A JSON-lines upload can hold many articles: the count is only known once read.
        raise TooLargeError(f"the files hold {len(result.articles)} articles; one request takes {max_articles}")
    return result


def _relabel(origin: str, names: dict[str, str]) -> str:
    for path, name in names.items():
        if origin.startswith(path):
            return "upload:" + name + origin[len(path):]
    return origin


def fetch_urls(urls: list[str], settings: Settings) -> ReadResult:
    """The articles of `urls`. Every URL is checked against the private-address guard before any is
    fetched: one refused URL refuses the request (FetchError, 422), rather than half-ingesting it. A
    page that fails later (HTTP error, redirect to a private address, no article in it) is skipped."""
    from newsfuse.ingest.urls import Fetcher, iter_urls
    from newsfuse.netsafe import check_url

    result = ReadResult()
    if not urls:
        return result
    fetch = settings.fetch
    for url in urls:
        check_url(url, allow_private=fetch.allow_private)
    # The client waits for these: tighter time bounds than an ingest's, one retry at most.
    while_waiting = dataclasses.replace(fetch, timeout=min(fetch.timeout, 10.0), deadline=min(fetch.deadline, 30.0),
                                        retries=min(fetch.retries, 1),
                                        max_bytes=max(settings.web.max_article_bytes, settings.max_article_bytes))
    with Fetcher(while_waiting) as fetcher:
        for found in iter_urls(urls, fetcher):
            if isinstance(found, Exception):
                result.skipped.append(Skipped(found.path or "url", 0, found.message))
            else:
                result.articles.append(found)
    return result


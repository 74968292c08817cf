"""JSON lines: one article per line, `{"text": ..., "id"?, "title"?, "outlet"?, "url"?, "published"?}`.

The same record shape is what `read_articles` takes as a dict. A bad record is reported with its
line number; the reader decides whether that skips the line or stops the run.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from typing import IO

from newsfuse.errors import InputError
from newsfuse.ingest.dates import parse_date
from newsfuse.ingest.files import decode, too_large
from newsfuse.types import Article, Skipped

FIELDS = ("text", "id", "title", "outlet", "url", "published")
# Other names the same fields go by in common dumps (the eval sets use "date" and "source").
_ALIASES = {"date": "published", "source": "outlet", "lang": "language"}


class RecordError(ValueError):
    """A record that cannot be an article; the message says which field is wrong."""


def record_to_article(record: object, default_id: str, origin: str, given_by: str,
                      warn: Callable[[str], None] | None = None) -> Article:
    """An Article from a caller's dict or a JSONL record; `given_by` ("caller", "jsonl") is where
    its outlet and date came from. A date that cannot be read drops the date, not the record: `warn`
    hears of it."""
    if not isinstance(record, Mapping):
        raise RecordError(f'expected a JSON object with a "text" field, got {type(record).__name__}')
    values = {_ALIASES.get(k, k): v for k, v in record.items() if k not in _ALIASES or _ALIASES[k] not in record}
    text = values.get("text")
    if text is None:
        raise RecordError('no "text" field')
    if not isinstance(text, str):
        raise RecordError(f'"text" must be a string, got {type(text).__name__}')
    strings = {}
    for name in ("id", "title", "outlet", "url", "language"):
        value = values.get(name)
        if value is not None and not isinstance(value, str | int):
            raise RecordError(f'"{name}" must be a string, got {type(value).__name__}')
        strings[name] = "" if value is None else str(value).strip()
    try:
        published = parse_date(values.get("published"))
    except ValueError as exc:
        published = None
        if warn is not None:
            warn(f'{origin}: "published" left out ({exc}); the article is kept without a date')
    return Article(
        id=strings["id"] or default_id, text=text, title=strings["title"], outlet=strings["outlet"],
        url=strings["url"], published=published, language=strings["language"], origin=origin,
        outlet_from=given_by if strings["outlet"] else "", published_from=given_by if published else "",
        id_made=not strings["id"],
    )


def read_jsonl(stream: IO[bytes] | IO[str], path: str, stem: str, limit: int,
               warn: Callable[[str], None] | None = None) -> Iterator[Article | Skipped]:
    """Each line's Article, or a Skipped naming the line and what is wrong with it; `warn` hears of
    lines read with a caveat (decoded as Windows-1252)."""
    number = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        number += 1
        if len(raw) > limit:
            _finish_line(stream, raw)
            yield Skipped(path, number, f"line {too_large(len(raw), limit)}")
            continue
        if isinstance(raw, bytes):
            try:
                decoded = decode(raw, path, number)
            except InputError as exc:
                yield Skipped(path, number, exc.message)
                continue
            line = decoded.text
            if decoded.warning and warn:
                warn(f"{path}:{number}: {decoded.warning}")
        else:
            line = raw
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(path, number, f"not valid JSON: {exc.msg} (column {exc.colno})")
            continue
        try:
            yield record_to_article(record, f"{stem}-{number}", f"{path}:{number}", "jsonl", warn)
        except RecordError as exc:
            yield Skipped(path, number, str(exc))


def _finish_line(stream: IO[bytes] | IO[str], start: bytes | str) -> None:
    """Read past the rest of an over-long line, a block at a time, without keeping it."""
    chunk = start
    while chunk and chunk[-1:] not in (b"\n", "\n"):
        chunk = stream.readline(1 << 20)


def read_json_document(text: str, path: str, stem: str,
                       warn: Callable[[str], None] | None = None) -> Iterator[Article | Skipped]:
    """A .json file holding one record, or an array of records, rather than JSON lines."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Skipped(path, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, 1):
        try:
            yield record_to_article(record, f"{stem}-{number}" if len(records) > 1 else stem,
                                    f"{path}#{number}", "jsonl", warn)
        except RecordError as exc:
            yield Skipped(path, 0, f"item {number}: {exc}")

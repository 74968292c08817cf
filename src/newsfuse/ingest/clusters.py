"""Clusters files: one story per line, `{"id", "docs": [{"doc_id", "title", "text", "source", "date"}]}`.

The format of the evaluation sets (../shared/eval/mds/*.jsonl) and of `newsfuse brief --clusters`.
Each line becomes a cluster id and its articles as dicts in the shape `read_articles` takes. Unlike a
JSONL of articles, a bad line stops the run: a batch of briefs with a silent gap would misalign with
its references. A line longer than `MAX_CLUSTER_LINE` is refused, not half-read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsfuse.errors import InputError

MAX_CLUSTER_LINE = 50_000_000  # bytes

Cluster = tuple[str, list[dict[str, Any]]]


def read_clusters(path: Path) -> Iterator[Cluster]:
    """Each cluster of `path` in file order: its id (else "<file stem>-<line>") and its articles."""
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    with path.open("rb") as handle:
        for number, raw in enumerate(iter(lambda: handle.readline(MAX_CLUSTER_LINE + 1), b""), 1):
            if len(raw) > MAX_CLUSTER_LINE:
                raise InputError(f"line longer than {MAX_CLUSTER_LINE // 1_000_000} MB", path=str(path), line=number)
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise InputError(f"not valid JSON: {exc}", path=str(path), line=number) from None
            docs = record.get("docs") if isinstance(record, dict) else None
            if not isinstance(docs, list) or not all(isinstance(d, dict) for d in docs):
                raise InputError('expected {"id": ..., "docs": [{"text": ...}, ...]}', path=str(path), line=number)
            cluster_id = str(record.get("id") or f"{path.stem}-{number}")
            articles = []
            for i, d in enumerate(docs):
                if not isinstance(d.get("text"), str):
                    raise InputError(f'doc {i} has no "text"', path=str(path), line=number)
                articles.append({"id": str(d.get("doc_id") or d.get("id") or f"{cluster_id}-{i}"),
                                 "text": d["text"], "title": d.get("title") or "",
                                 "outlet": d.get("source") or d.get("outlet") or "",
                                 "url": d.get("url") or "", "published": d.get("date") or d.get("published") or None})
            yield cluster_id, articles

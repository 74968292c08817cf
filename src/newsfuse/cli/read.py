"""`newsfuse read`: the ingest stage's own face. The articles exactly as `brief` reads and cleans them
(the same `newsfuse.ingest.read_articles`): id, outlet and how it was found, wire, title, date and
how it was found, language, the clean text, and every line cleaning removed with its reason; as JSON
lines for programs (clean text for other tools, the cleaner measured against main-text extraction
benchmarks) or as readable markdown. Bad input behaves as in `brief`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from newsfuse.cli._common import check_paths, choose, command, fail_on, warn, write_text
from newsfuse.config import DEFAULT_CONFIG_PATH, load_settings
from newsfuse.errors import NewsfuseError
from newsfuse.types import Article

READ_FORMATS = ("markdown", "jsonl")


@command("read")
def read(
    paths: Annotated[list[str], typer.Argument(metavar="PATHS", help="Files, folders, globs, or - for JSONL on stdin.",
                                               show_default=False)],
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown (to read) or jsonl (one JSON article per "
                                                            "line).")] = "markdown",
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.",
                                             show_default="stdout")] = None,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.",
                                                show_default=f"$NEWSFUSE_CONFIG, else {DEFAULT_CONFIG_PATH}")]
    = None,
) -> None:
    """Read and clean articles as `brief` does: metadata, clean text, and each removed line and why."""
    from newsfuse.ingest import read_articles

    fmt = choose(fmt, READ_FORMATS)
    try:
        settings = load_settings(config)
        check_paths(paths)
        result = read_articles(list(paths), settings=settings, stdin=sys.stdin)
        for skipped in result.skipped:
            warn(f"skipped {skipped.describe()}")
        for note in result.warnings:
            warn(note)
        if fmt == "jsonl":
            text = "".join(json.dumps(article_to_dict(a), ensure_ascii=False) + "\n" for a in result.articles)
        else:
            text = "\n".join(_markdown(a) for a in result.articles)
        write_text(text, out)
    except NewsfuseError as exc:
        fail_on(exc)


def article_to_dict(article: Article) -> dict[str, Any]:
    """One read article as a JSON object, its fields in the order a reader checks them."""
    return {"id": article.id, "outlet": article.outlet, "outlet_from": article.outlet_from, "wire": article.wire,
            "title": article.title, "url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "published_from": article.published_from, "language": article.language, "origin": article.origin,
            "text": article.text,
            "removed": [{"line": r.line, "reason": r.reason, "detail": r.detail, "text": r.text}
                        for r in article.removed]}


def _markdown(article: Article) -> str:
    def found(value: str, how: str) -> str:
        return f"{value} (from {how})" if value and how else value or "-"

    facts = [f"id: `{article.id}`", f"outlet: {found(article.outlet, article.outlet_from)}",
             *([f"wire: {article.wire}"] if article.wire else []),
             f"published: {found(str(article.published or ''), article.published_from)}",
             f"language: {article.language or '-'}", f"read from: {article.origin or '-'}"]
    lines = [f"## {article.title or article.id}", "", " · ".join(facts), "", article.text.strip(), ""]
    if article.removed:
        lines += [f"### Removed by cleaning ({len(article.removed)})", ""]
        for r in article.removed:
            where = f"line {r.line}, " if r.line else ""
            detail = f" ({r.detail})" if r.detail else ""
            lines.append(f"- {where}{r.reason}{detail}: {' '.join(r.text.split())}")
        lines.append("")
    return "\n".join(lines)

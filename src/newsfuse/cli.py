"""The `newsfuse` command. Thin: parse, call the library, write the result, map errors to exit codes."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.console import Console

from newsfuse.config import Settings, load_settings
from newsfuse.errors import InputError, NewsfuseError
from newsfuse.render import FORMATS

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Many news articles about one event in; one cited, corroborated brief out.")
err = Console(stderr=True, highlight=False, soft_wrap=True)



@app.callback()
def _root() -> None:
    """Many news articles about one event in; one cited, corroborated brief out."""


# The largest line --clusters accepts; a line longer than this is refused, not half-read.
MAX_CLUSTER_LINE = 50_000_000


def fail(message: str) -> None:
    err.print(f"[bold red]newsfuse: error:[/] {message}", markup=True, highlight=False)
    raise typer.Exit(1)


def warn(message: str) -> None:
    err.print(f"[yellow]newsfuse: warning:[/] {message}", markup=True, highlight=False)


@contextmanager
def output(path: Path | None) -> Iterator[IO[str]]:
    """Write to `path` atomically (a temporary file renamed on success), or to stdout."""
    if path is None:
        yield sys.stdout
        return
    if path.parent and not path.parent.exists():
        raise InputError("the output folder does not exist", path=str(path.parent))
    if path.is_dir():
        raise InputError("is a folder; -o takes a file name", path=str(path))
    if path.exists() and not path.is_file():
        # /dev/stdout, a named pipe, a device: written in place (renaming over it would replace it).
        try:
            with path.open("w", encoding="utf-8") as stream:
                yield stream
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or Path("."))
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=str(path.parent)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
        os.replace(tmp, path)
    except OSError as exc:
        # A full disk (ENOSPC) or a vanished folder: one line, and no half-written file left behind.
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _settings(config: Path | None, **overrides: Any) -> Settings:
    return load_settings(config, **overrides)


def _clusters(path: Path) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Clusters in the format of ../shared/eval/mds/*.jsonl: {"id", "docs": [{doc_id, title, text, ...}]}."""
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


@app.command()
def brief(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders, globs, or - for JSONL on stdin.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown, json, html, or jsonl (with --clusters).")]
    = "markdown",
    words: Annotated[int | None, typer.Option("--words", "-w", help="Summary length in words.")] = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    clusters: Annotated[Path | None, typer.Option(help="JSONL of clusters, one brief per line out.")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="A store made by `newsfuse ingest` (with --story).")]
    = None,
    story: Annotated[int | None, typer.Option(help="Brief this story of --db (see `newsfuse stories`).")] = None,
    embedder: Annotated[str | None, typer.Option(
        help="minilm-onnx (default), hashing, onnx:MODEL.onnx:TOKENIZER.json, or sentence-transformers:NAME")]
    = None,
    spacy_model: Annotated[str | None, typer.Option(help="spaCy model for entities and quotes.")] = None,
    facts: Annotated[bool | None, typer.Option("--facts/--no-facts", help="Entities, quotes, conflicts.")] = None,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.")] = None,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Colour (default: when a terminal).")]
    = None,
) -> None:
    """Brief articles about one story: a cited summary, claims, conflicts, quotes, timeline."""
    from newsfuse.pipeline import brief as make_brief
    from newsfuse.pipeline import brief_many

    if fmt not in FORMATS:
        fail(f"unknown format '{fmt}' (choose one of: {', '.join(FORMATS)})")
    try:
        settings = _settings(config, words=words, embedder=embedder, spacy_model=spacy_model, facts=facts)
        if clusters is not None:
            if paths:
                fail("give either PATHS or --clusters, not both")
            if fmt not in ("jsonl", "json"):
                fail("--clusters writes one JSON brief per line: use --format jsonl")
            failed = 0
            with output(out) as handle:
                for item in _brief_clusters(brief_many, clusters, settings):
                    if "error" in item:
                        failed += 1
                        warn(f"{clusters}: cluster {item['id']}: {item['error']}")
                    handle.write(json.dumps(item, ensure_ascii=False) + "\n")
            if failed:
                fail(f"{failed} cluster(s) could not be briefed; each has an error line in the output")
            return
        if (db is None) != (story is None):
            fail("--db and --story go together: `newsfuse brief --db news.db --story 42`")
        if db is not None and story is not None:
            if paths:
                fail("give either PATHS or --db/--story, not both")
            result = make_brief(_story_articles(db, story), settings=settings, id=str(story))
            _write(result, fmt, out, color)
            return
        if not paths:
            fail("give at least one file, folder, glob or - (see `newsfuse brief --help`)")
        inputs: list[str] = list(paths or [])
        for path in inputs:
            # On the command line every argument is a path: never read a mistyped file name as text.
            if path != "-" and not any(ch in path for ch in "*?[") and not Path(path).exists():
                raise InputError("no such file or folder", path=path)
        result = make_brief(inputs, settings=settings)
        for skipped in result.skipped:
            warn(f"skipped {skipped.describe()}")
        for note in result.warnings:
            warn(note)
        _write(result, fmt, out, color)
    except NewsfuseError as exc:
        fail(exc.describe())


def _story_articles(db: Path, story_id: int) -> list[Any]:
    from newsfuse.store import Store

    with Store.open(db, must_exist=True) as store:
        if store.story(story_id) is None:
            raise InputError(f"no story {story_id}", path=str(db), hint="list them with `newsfuse stories --db ...`")
        return store.story_articles(story_id)


def _write(result: Any, fmt: str, out: Path | None, color: bool | None) -> None:
    from newsfuse.render import render

    text = render(result, "json" if fmt == "jsonl" else fmt)
    if out is None and fmt == "markdown" and (color if color is not None else sys.stdout.isatty()):
        from rich.markdown import Markdown

        Console(force_terminal=True).print(Markdown(text))
        return
    with output(out) as handle:
        handle.write(text)


def _brief_clusters(brief_many: Any, path: Path, settings: Settings) -> Iterator[dict[str, Any]]:
    """Brief each cluster; a cluster that fails becomes an error record, never a silent gap."""
    from newsfuse.render.json import brief_to_dict

    pending: list[tuple[str, list[dict[str, Any]]]] = []

    def run(batch: list[tuple[str, list[dict[str, Any]]]]) -> Iterator[dict[str, Any]]:
        try:
            done = [brief_to_dict(b) for b in brief_many(batch, settings=settings)]
        except NewsfuseError:
            # Re-run one by one to find and report the culprit without losing the others.
            for cluster_id, docs in batch:
                try:
                    for b in brief_many([(cluster_id, docs)], settings=settings):
                        yield brief_to_dict(b)
                except NewsfuseError as exc:
                    yield {"id": cluster_id, "error": exc.describe()}
            return
        yield from done

    for cluster in _clusters(path):
        pending.append(cluster)
        if len(pending) == 64:
            yield from run(pending)
            pending = []
    if pending:
        yield from run(pending)


def _register_commands() -> None:
    # Each family of sub-commands lives in its own module and adds itself here.
    from newsfuse.cli_stories import register as register_stories
    from newsfuse.cli_web import register as register_web

    register_stories(app)
    register_web(app)


_register_commands()


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("newsfuse: interrupted")
        sys.exit(130)

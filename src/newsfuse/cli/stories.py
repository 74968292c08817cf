"""`newsfuse ingest` and `newsfuse stories`: a stream of articles in, stored once and grouped into
stories; the stories of a store listed out as a table or JSON. Thin: each command builds the library's
objects and makes one call; what was skipped is warned, and a run that read nothing says so by its
exit code.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from newsfuse.cli._common import (
    EXIT_NOTHING,
    choose,
    command,
    err,
    fail,
    fail_on,
    status_line,
    warn,
    write_text,
)
from newsfuse.config import DEFAULT_CONFIG_PATH
from newsfuse.errors import ConfigError, NewsfuseError
from newsfuse.render.plural import count

STORY_FORMATS = ("table", "json")


@command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(metavar="PATHS", help="JSONL, folders, files, globs, feeds (.rss/.atom/.xml), OPML, "
                                                    "WARC(.gz), URLs, URL lists (.urls), or - for JSONL on stdin.")],
    db: Annotated[Path, typer.Option("--db", help="The story store (SQLite); created when missing.")],
    engine: Annotated[str | None, typer.Option(help="local (every core) or ray.", show_default="local")] = None,
    address: Annotated[str | None, typer.Option(help="Ray cluster address ('auto': the running one).",
                                                show_default="a new local Ray")] = None,
    workers: Annotated[int | None, typer.Option(help="Processes (local) or CPUs (a new local Ray).",
                                                show_default="every core")] = None,
    allow_private: Annotated[bool | None, typer.Option("--allow-private", help="Fetch from private and loopback "
                                                                               "addresses too.",
                                                       show_default="no")] = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds to wait for a server (connect, each read).",
                                                  show_default="15")] = None,
    deadline: Annotated[float | None, typer.Option(help="Seconds for one whole download.",
                                                   show_default="60")] = None,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress bar.",
                                                  show_default="when a terminal")] = None,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.",
                                                show_default=f"$NEWSFUSE_CONFIG, else {DEFAULT_CONFIG_PATH}")]
    = None,
    embedder: Annotated[str | None, typer.Option(
        help="Sentence model whose vectors join the words in grouping: minilm-onnx, "
             "onnx:<model.onnx>:<tokenizer.json>, sentence-transformers:<name>, words (words within a language, "
             "the multilingual model across two), or none (words only, the fastest). A store keeps the one it was "
             "made with.", show_default="words for a new store")]
    = None,
    cross_embedder: Annotated[str | None, typer.Option(
        help="Multilingual model for pairs of articles in two languages, or none. A store keeps the one it was "
             "made with.", show_default="use-m")] = None,
    wait: Annotated[float, typer.Option(help="Seconds to wait when another ingest is writing to the store "
                                             "(0: fail at once).")] = 0.0,
) -> None:
    """Read articles, store them once, and group them into stories."""
    from newsfuse.config import load_settings
    from newsfuse.engine import make_engine
    from newsfuse.ingest.sources import Sources
    from newsfuse.store import Store
    from newsfuse.stream import ingest

    try:
        settings = load_settings(config, engine_name=engine, engine_address=address, engine_workers=workers,
                                 fetch_allow_private=allow_private, fetch_timeout=timeout, fetch_deadline=deadline,
                                 group_embedder=embedder, cross_embedder=cross_embedder)
        if wait < 0:
            raise ConfigError("--wait must be 0 or more seconds")
        sources = Sources(list(paths), settings, stdin=sys.stdin)
        executor = make_engine(settings.engine)
        try:
            with Store.open(db) as store:
                sources.known = partial(known_to, store)
                sources.clean_many = executor.clean  # cleaning runs where the features do
                show = progress if progress is not None else err.is_terminal
                result = _run(partial(ingest, settings=settings, wait=wait), sources, store, executor, show)
                stories = store.count_stories()
        finally:
            executor.close()
    except NewsfuseError as exc:
        fail_on(exc)
    reasons: dict[str, int] = {}
    for skipped in sources.skipped:
        reasons[skipped.reason] = reasons.get(skipped.reason, 0) + 1
    for note in sources.warnings[:20]:
        warn(note)
    if len(sources.warnings) > 20:
        warn(f"... and {count(len(sources.warnings) - 20, 'more warning')}")
    for skipped in sources.skipped[:20]:
        warn(f"skipped {skipped.describe()}")
    if len(sources.skipped) > 20:
        warn(f"... and {len(sources.skipped) - 20:,} more skipped")
    why = "; ".join(f"{n} {r}" for r, n in sorted(reasons.items(), key=lambda kv: -kv[1])[:5])
    how = ", ".join(f"{n:,} {r}" for r, n in sorted(result.duplicate_reasons.items(), key=lambda kv: -kv[1]))
    err.print(f"read {result.read:,}, new {result.new:,}, duplicates {result.duplicates:,}{f' ({how})' if how else ''}, "
              f"copies {result.copies:,}, skipped {len(sources.skipped):,}{f' ({why})' if why else ''}; "
              f"stories {stories:,} ({result.stories:,} new) in {db}", highlight=False)
    if sources.failed:
        fail(f"{count(len(sources.failed), 'input')} could not be read in full: {sources.failed[0]}"
             + (f" (and {len(sources.failed) - 1} more)" if len(sources.failed) > 1 else ""))
    if not result.read:
        # Nothing was read at all (every file skipped): a cron job must notice.
        fail("no article was read from the inputs" + (f" (first problem: {sources.skipped[0].describe()})"
                                                      if sources.skipped else ""), EXIT_NOTHING)


def known_to(store: Any, article: Any) -> bool:
    """Whether `store` holds this (raw) article already, by its own id or its URL: the reader then
    passes it on uncleaned and the stream counts it as a duplicate (a made-up id says nothing)."""
    return bool(store.known([] if article.id_made else [article.id], [article.url] if article.url else []))


def _run(ingest: Any, sources: Any, store: Any, executor: Any, show: bool) -> Any:
    if not show:
        return ingest(sources, store, executor)
    import time

    with status_line("reading ...") as show_line:
        started = time.monotonic()

        def update(p: Any) -> None:
            rate = p.read / max(time.monotonic() - started, 1e-6)
            where = str(getattr(sources, "current", "") or "")
            show_line(f"read {p.read:,}  new {p.new:,}  duplicates {p.duplicates:,}  stories +{p.stories:,}  "
                      f"{rate:,.0f}/s" + (f"  {where[-50:]}" if where else ""))

        return ingest(sources, store, executor, on_progress=update)


@command("stories")
def stories_command(
    db: Annotated[Path, typer.Option("--db", help="The story store made by `newsfuse ingest`.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.",
                                             show_default="stdout")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only stories with an article from this outlet.")] = None,
    since: Annotated[str | None, typer.Option(help="Only stories seen on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Only stories seen on or before this date.")] = None,
    search: Annotated[str | None, typer.Option(help="Only stories with an article containing these words.")] = None,
    min_size: Annotated[int, typer.Option(help="Only stories with at least this many articles.")] = 1,
    limit: Annotated[int | None, typer.Option(help="At most this many stories (most recent first).",
                                              show_default="all")] = None,
) -> None:
    """List the stories in a store: id, size, outlets, first/last seen, title."""
    from newsfuse.store import Store

    fmt = choose(fmt, STORY_FORMATS)
    try:
        with Store.open(db, must_exist=True) as store:
            found = store.stories(outlet=outlet, since=_date(since, "--since"), until=_date(until, "--until"),
                                  search=search, min_size=min_size, limit=limit)
        if fmt == "json":
            text = json.dumps([s.to_dict() for s in found], ensure_ascii=False, indent=1) + "\n"
            write_text(text, out)
        else:
            _table(found, out)
    except NewsfuseError as exc:
        fail_on(exc)


def _date(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{flag} must be a date like 2024-05-01, got {value!r}") from None


def _table(found: list[Any], out: Path | None) -> None:
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for name, justify in (("story", "right"), ("size", "right"), ("outlets", "left"), ("first seen", "left"),
                          ("last seen", "left"), ("title", "left")):
        table.add_column(name, justify=justify, overflow="fold" if name == "title" else "ellipsis")  # type: ignore[arg-type]
    for s in found:
        outlets = ", ".join(s.outlets[:3]) + (f" +{len(s.outlets) - 3}" if len(s.outlets) > 3 else "")
        note = "".join([f" (merged from {', '.join(map(str, s.merged_from))})" if s.merged_from else "",
                        f" (split from {s.split_from})" if s.split_from is not None else ""])
        table.add_row(str(s.id), str(len(s.article_ids)), outlets or "-", str(s.first_seen or "-"),
                      str(s.last_seen or "-"), s.title + note)
    if out is None:
        Console(soft_wrap=False, highlight=False).print(table)
        return
    console = Console(record=True, width=160, file=io.StringIO())
    console.print(table)
    write_text(console.export_text(), out)



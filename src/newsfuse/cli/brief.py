"""`newsfuse brief`: a handful of articles (paths, stdin, a story of a store, or a clusters file) in,
one cited brief out, rendered as markdown, JSON, HTML or JSON lines. Thin: it resolves the settings,
makes one library call per brief, and writes the result; it computes nothing of the brief itself.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from newsfuse.cli._common import (
    EXIT_USAGE,
    check_paths,
    check_words,
    choose,
    command,
    fail,
    fail_on,
    output,
    skip_teardown,
    warn,
    write_text,
)
from newsfuse.config import DEFAULT_CONFIG_PATH, Settings, load_settings
from newsfuse.errors import InputError, NewsfuseError
from newsfuse.render import FORMATS
from newsfuse.render.plural import count

DEFAULTS = Settings()
BATCH = 64  # clusters briefed together: the models are loaded and run once per batch


@command("brief")
def brief(
    paths: Annotated[list[str] | None, typer.Argument(metavar="PATHS", help="Files, folders, globs, or - for JSONL on stdin.",
                                                      show_default=False)] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown, json, html, or jsonl (one JSON brief per "
                                                            "line).")] = "markdown",
    words: Annotated[int | None, typer.Option("--words", "-w", help="Summary length in words.",
                                              show_default=str(DEFAULTS.words))] = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.",
                                             show_default="stdout")] = None,
    clusters: Annotated[Path | None, typer.Option(help="JSONL of clusters, one brief per line out.")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="A store made by `newsfuse ingest` (with --story).")]
    = None,
    story: Annotated[int | None, typer.Option(help="Brief this story of --db (see `newsfuse stories`).")] = None,
    embedder: Annotated[str | None, typer.Option(
        help="minilm-onnx, hashing, onnx:MODEL.onnx:TOKENIZER.json, or sentence-transformers:NAME",
        show_default=DEFAULTS.embedder)] = None,
    spacy_model: Annotated[str | None, typer.Option(help="spaCy model for entities and quotes.",
                                                    show_default=DEFAULTS.spacy_model)] = None,
    facts: Annotated[bool | None, typer.Option("--facts/--no-facts", help="Entities, quotes, conflicts.",
                                               show_default="--facts" if DEFAULTS.facts else "--no-facts")] = None,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.",
                                                show_default=f"$NEWSFUSE_CONFIG, else {DEFAULT_CONFIG_PATH}")]
    = None,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Colour markdown on a terminal.",
                                               show_default="when a terminal")] = None,
) -> None:
    """Brief articles about one story: a cited summary, claims, conflicts, quotes, timeline."""
    fmt = choose(fmt, FORMATS)
    check_words(words)
    skip_teardown()
    try:
        settings = load_settings(config, words=words, embedder=embedder, spacy_model=spacy_model, facts=facts)
        # The models start loading before the pipeline is even imported: a cold brief is mostly loading.
        from newsfuse.preload import preload

        preload(settings)
        from newsfuse.pipeline import brief as make_brief
        from newsfuse.pipeline import brief_many

        if clusters is not None:
            if paths:
                fail("give either PATHS or --clusters, not both", EXIT_USAGE)
            if fmt not in ("jsonl", "json"):
                fail("--clusters writes one JSON brief per line: use --format jsonl", EXIT_USAGE)
            failed = 0
            with output(out) as handle:
                for item in _brief_clusters(brief_many, clusters, settings):
                    if "error" in item:
                        failed += 1
                        warn(f"{clusters}: cluster {item['id']}: {item['error']}")
                    handle.write(json.dumps(item, ensure_ascii=False) + "\n")
            if failed:
                fail(f"{count(failed, 'cluster')} could not be briefed; "
                     f"each has an error line in the output")
            return
        if (db is None) != (story is None):
            fail("--db and --story go together: `newsfuse brief --db news.db --story 42`", EXIT_USAGE)
        if db is not None and story is not None:
            if paths:
                fail("give either PATHS or --db/--story, not both", EXIT_USAGE)
            title, articles = _story_articles(db, story)
            result = make_brief(articles, settings=settings, id=str(story))
            result.title = title
            _write(result, fmt, out, color)
            return
        if not paths:
            fail("give at least one file, folder, glob or - (see `newsfuse brief --help`)", EXIT_USAGE)
        check_paths(paths)
        result = make_brief(list(paths), settings=settings)
        for skipped in result.skipped:
            warn(f"skipped {skipped.describe()}")
        for note in result.warnings:
            warn(note)
        _write(result, fmt, out, color)
    except NewsfuseError as exc:
        fail_on(exc)


def _story_articles(db: Path, story_id: int) -> tuple[str, list[Any]]:
    """The story's headline and its articles."""
    from newsfuse.store import Store

    with Store.open(db, must_exist=True) as store:
        story = store.story(story_id)
        if story is None:
            from newsfuse.store_history import merged_into

            into = merged_into(store, story_id)
            if into is not None:
                raise InputError(f"story {story_id} merged into story {into}", path=str(db),
                                 hint=f"brief it with --story {into}")
            raise InputError(f"no story {story_id}", path=str(db), hint=f"list them with `newsfuse stories --db {db}`")
        return story.title, store.story_articles(story_id)


def _write(result: Any, fmt: str, out: Path | None, color: bool | None) -> None:
    from newsfuse.render import render

    # jsonl: one brief, one line (the JSON of --format json without its indentation).
    text = render(result, fmt) + ("\n" if fmt == "jsonl" else "")
    if out is None and fmt == "markdown" and (color if color is not None else sys.stdout.isatty()):
        from rich.markdown import Markdown

        Console(force_terminal=True).print(Markdown(text))
        return
    write_text(text, out)


def _brief_clusters(brief_many: Any, path: Path, settings: Settings) -> Iterator[dict[str, Any]]:
    """Brief each cluster; a cluster that fails becomes an error record, never a silent gap."""
    from newsfuse.ingest.clusters import Cluster, read_clusters
    from newsfuse.render.json import brief_to_dict

    pending: list[Cluster] = []

    def run(batch: list[Cluster]) -> Iterator[dict[str, Any]]:
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

    for cluster in read_clusters(path):
        pending.append(cluster)
        if len(pending) == BATCH:
            yield from run(pending)
            pending = []
    if pending:
        yield from run(pending)

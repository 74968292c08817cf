"""`newsfuse changes`: what changed in a store's stories since a time — stories begun, articles and
outlets that joined, new claims, figures updated, conflicts opened or resolved, quotes changed — as
Markdown or as JSON (a list of `{story, at, kind, about, before, after, sources, evidence}`).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli._common import choose, command, fail_on, write_text
from newsfuse.config import DEFAULT_CONFIG_PATH
from newsfuse.errors import ConfigError, NewsfuseError

CHANGE_FORMATS = ("markdown", "json")


@command("changes")
def changes_command(
    db: Annotated[Path, typer.Option("--db", help="The story store made by `newsfuse ingest`.")],
    since: Annotated[str | None, typer.Option(help="Only changes recorded at or after this time "
                                                   "(2025-05-12T08:00; UTC unless an offset is given).",
                                              show_default="the whole history")] = None,
    story: Annotated[int | None, typer.Option(help="Only this story's changes.", show_default="every story")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown or json.")] = "markdown",
    claims: Annotated[bool, typer.Option("--claims/--no-claims", help="Compare the stories' briefs too (new "
                                         "claims, updates, conflicts, quotes); slower the first time.")] = True,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.",
                                             show_default="stdout")] = None,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.",
                                                show_default=f"$NEWSFUSE_CONFIG, else {DEFAULT_CONFIG_PATH}")]
    = None,
    embedder: Annotated[str | None, typer.Option(help="Sentence model for the briefs compared.",
                                                 show_default="the embedder setting")] = None,
) -> None:
    """List what changed in the stories since a time."""
    from newsfuse.changes import changes, to_markdown
    from newsfuse.config import load_settings
    from newsfuse.store import Store

    fmt = choose(fmt, CHANGE_FORMATS)
    try:
        when = _time(since)
        settings = load_settings(config, embedder=embedder)
        with Store.open(db, must_exist=True) as store:
            found = changes(store, since=when, story=story, claims=claims, settings=settings)
        if fmt == "json":
            write_text(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=1) + "\n", out)
        else:
            write_text(to_markdown(found), out)
    except NewsfuseError as exc:
        fail_on(exc)


def _time(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ConfigError(f"--since must be a time like 2025-05-12T08:00, got {value!r}") from None

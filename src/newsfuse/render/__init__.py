"""Renderers: a Brief as Markdown, JSON (indented, or one line for JSONL) or one HTML page.

`RENDERERS` is the registry: a new output format is one function `Brief -> str` added here by name;
the CLI's `--format` choices and the web's downloads read the names from it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from newsfuse.render.json import render_json
from newsfuse.render.markdown import render_markdown
from newsfuse.types import Brief


def render_html(brief: Brief) -> str:
    # Jinja2 is imported for an HTML page only: not by every `newsfuse` command that names the formats.
    from newsfuse.render.html import render_html as html

    return html(brief)


RENDERERS: dict[str, Callable[[Brief], str]] = {
    "markdown": render_markdown,
    "json": render_json,
    "html": render_html,
    "jsonl": partial(render_json, indent=None),
}
FORMATS: tuple[str, ...] = tuple(RENDERERS)


def render(brief: Brief, fmt: str) -> str:
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return renderer(brief)

"""Renderers: a Brief as Markdown, JSON or one HTML page."""

from __future__ import annotations

from typing import Literal

from newsfuse.types import Brief

Format = Literal["markdown", "json", "html"]
FORMATS: tuple[str, ...] = ("markdown", "json", "html", "jsonl")


def notes_shown(brief: Brief) -> list[str]:
    """The notes a page (Markdown, HTML) lists: what reading the input left out or read with a
    caveat (apart in the JSON, as `skipped` and `warnings`), then the notes on the analysis."""
    return ([f"input: skipped {s.describe()}" for s in brief.skipped] + [f"input: {w}" for w in brief.warnings]
            + brief.notes)


def render(brief: Brief, fmt: str) -> str:
    if fmt == "markdown":
        from newsfuse.render.markdown import render_markdown

        return render_markdown(brief)
    if fmt == "json":
        from newsfuse.render.json import render_json

        return render_json(brief)
    if fmt == "jsonl":
        from newsfuse.render.json import render_json

        return render_json(brief, indent=None)
    if fmt == "html":
        from newsfuse.render.html import render_html

        return render_html(brief)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")

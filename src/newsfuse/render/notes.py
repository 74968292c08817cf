"""What a page (Markdown, HTML) lists under "Notes": the input's problems, then the analysis' notes.

The JSON keeps the two apart (`skipped` and `warnings` beside `notes`); a page reader wants them in
one list, the input's first, as the CLI has always printed them.
"""

from __future__ import annotations

from newsfuse.types import Brief


def notes_shown(brief: Brief) -> list[str]:
    return ([f"input: skipped {s.describe()}" for s in brief.skipped] + [f"input: {w}" for w in brief.warnings]
            + brief.notes)

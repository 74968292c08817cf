"""The `newsfuse` command: one module per command group (`brief`, `read`, `ingest` and `stories`,
`changes`, `serve`, `config` in settings.py), each registering itself on the one app of `_common`, which also holds the error style, the
exit codes and the atomic `-o` writer. Thin throughout: parse, call the library, write the result,
map errors to exit codes. `main` is the console script; `python -m newsfuse` runs it too.
"""

from __future__ import annotations

import sys

from newsfuse.cli import brief, changes, read, serve, settings, stories, watch
from newsfuse.cli._common import app, err, finish, skip_teardown

__all__ = ["app", "brief", "changes", "main", "read", "serve", "settings", "stories", "watch"]


def main() -> None:
    skip_teardown(False)
    try:
        app()
    except KeyboardInterrupt:
        err.print("newsfuse: interrupted")
        sys.exit(130)
    except SystemExit as done:
        finish(done.code)

"""What every `newsfuse` command shares: the Typer app, the one error style and its exit codes, the
atomic `-o` writer, and the checks of values the library would take differently from a CLI user.

An error is one line on stderr, `newsfuse: error: ...`, whoever found it (a command, the library,
or the argument parser); a warning is `newsfuse: warning: ...`. Exit codes are defined here once
and listed in the README: 0 done, 1 bad input or another error, 2 a usage error (an unknown option,
a value of the wrong kind), 3 nothing done (no article could be read). Command modules import from
here and never from one another.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

from newsfuse.config import bounds
from newsfuse.errors import InputError, NewsfuseError, NoArticlesError
from newsfuse.version import __version__

EXIT_OK = 0
EXIT_ERROR = 1  # bad input, a bad setting, a store or model that cannot be used
EXIT_USAGE = 2  # the command line itself is wrong (the parser's own code)
EXIT_NOTHING = 3  # the inputs were read but held no article: nothing was done

err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    err.print(f"[bold red]newsfuse: error:[/] {escape(message)}", markup=True, highlight=False)
    raise typer.Exit(code)


def warn(message: str) -> None:
    err.print(f"[yellow]newsfuse: warning:[/] {escape(message)}", markup=True, highlight=False)


def fail_on(exc: NewsfuseError) -> NoReturn:
    """The library's error as one line, with the exit code of its kind."""
    fail(exc.user_message(), EXIT_NOTHING if isinstance(exc, NoArticlesError) else EXIT_ERROR)


# Names users type for a format out of habit (file extensions).
SHORT_NAMES = {"md": "markdown", "htm": "html", "ndjson": "jsonl"}


def choose(value: str, choices: Sequence[str], what: str = "format") -> str:
    """`value` as one of `choices`, whatever its case (`-f JSON`), as a usual short name (`-f md`) or
    as the start of exactly one choice (`-f mark`); a usage error otherwise."""
    chosen = value.strip().lower()
    chosen = SHORT_NAMES.get(chosen, chosen)
    if chosen in choices:
        return chosen
    starting = [c for c in choices if chosen and c.startswith(chosen)]
    if len(starting) != 1:
        fail(f"unknown {what} '{value}' (choose one of: {', '.join(choices)})", EXIT_USAGE)
    return starting[0]


def check_words(words: int | None) -> None:
    """Refuse a summary length outside the `words` setting's bounds as a usage error (exit 2), before
    anything is read; the same bounds hold for the config file and the environment (exit 1)."""
    low, high = (int(b) for b in bounds("words"))
    if words is not None and not low <= words <= high:
        fail(f"--words must be from {low:,} to {high:,}, got {words}", EXIT_USAGE)


def check_paths(paths: list[str]) -> None:
    """On the command line every argument is a path: never read a mistyped file name as text."""
    for path in paths:
        if path != "-" and not any(ch in path for ch in "*?[") and not Path(path).exists():
            raise InputError("no such file or folder", path=path)


@contextmanager
def output(path: Path | None) -> Iterator[IO[str]]:
    """Write to `path` atomically (a temporary file renamed on success), or to stdout. The file gets
    the permissions any new file of the user gets (their umask), not the temporary file's 0600."""
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
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        # A full disk (ENOSPC) or a vanished folder: one line, and no half-written file left behind.
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    # The umask can only be read by setting it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def status_line(first: str) -> Iterator[Callable[[str], None]]:
    """A live line on stderr (a spinner, the text, the time so far) that the caller rewrites as work
    goes on; gone when the block ends, so the summary line that follows stands alone."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=err,
                  transient=True) as bar:
        task = bar.add_task(first)
        yield lambda text: bar.update(task, description=text)


class _Teardown:
    """Whether the process may end without the interpreter's teardown once the command has returned."""

    skip = False


def skip_teardown(skip: bool = True) -> None:
    """Let `main` end the process as soon as this command returns, without the interpreter's teardown.

    Freeing a brief's models object by object (spaCy's vocabulary and parses, the ONNX session) costs a
    cold brief about a tenth of its time, to give back memory the process is about to give back whole.
    Only for a command that holds nothing once it has returned: its output written and closed, no
    store, server or cluster left to close."""
    _Teardown.skip = skip


def finish(code: str | int | None) -> NoReturn:
    """`sys.exit(code)`; after a command that skips the teardown, the end of the process there and then,
    with the same exit status and the standard streams flushed."""
    if not _Teardown.skip:
        sys.exit(code)
    import logging

    status = 0 if code is None else code if isinstance(code, int) else 1
    if isinstance(code, str):
        print(code, file=sys.stderr)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: Python's own exit says 120 for it too
            status = status or 120
    os._exit(status)


def write_text(text: str, out: Path | None) -> None:
    with output(out) as handle:
        handle.write(text)


# -- the app -------------------------------------------------------------------------------------------

class _PlainHelp:
    """Help as a user reads it: no `<bool>` beside an on/off flag (it takes no value to type), and a
    default said in words (`show_default="stdout"`, for an option whose None means "decided later")
    shown as `[default: stdout]`, not in the parentheses Typer puts around it."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
            if isinstance(getattr(param, "show_default", None), str):
                shown = f"[default: {param.show_default}]"
                rich = getattr(self, "rich_markup_mode", None) == "rich"
                param.help = f"{param.help or ''} {escape(shown) if rich else shown}".strip()
                param.show_default = False
        return params


class Command(_PlainHelp, TyperCommand):
    pass


class Group(_PlainHelp, TyperGroup):
    """The `newsfuse` group: the parser's own errors (an unknown option, `--words abc`) come out in
    the one error style, with its usage code, instead of a framed panel."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        def run() -> Any:
            return super(Group, self).main(args, prog_name, complete_var, False, windows_expand_args, **extra)

        if not standalone_mode:
            return run()
        try:
            code = run()
        except typer.Abort:
            err.print("newsfuse: interrupted", highlight=False)
            sys.exit(130)
        except Exception as exc:
            # The parser's exceptions live in Typer's private copy of Click: known by their shape.
            message, exit_code = getattr(exc, "format_message", None), getattr(exc, "exit_code", None)
            if not callable(message) or not isinstance(exit_code, int):
                raise
            context = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError":
                typer.echo(message())  # `newsfuse` alone: its help is the answer
                sys.exit(EXIT_OK)
            helping = f" (see `{context.command_path} --help`)" if context is not None else ""
            err.print(f"[bold red]newsfuse: error:[/] {escape(message())}{escape(helping)}", markup=True,
                      highlight=False)
            sys.exit(exit_code)
        sys.exit(code if isinstance(code, int) else EXIT_OK)


app = typer.Typer(cls=Group, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["--help", "-h"]})


def _show_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"newsfuse {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                                help="Show the version and exit.")] = False) -> None:
    """Many news articles about one event in; one cited, corroborated brief out.

    Exit codes: 0 done, 1 bad input or another error, 2 usage error, 3 no article could be read.
    """


def command(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command function on the app under `name`."""
    return app.command(name, cls=Command)

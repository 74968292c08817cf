"""One error hierarchy. Each message says what was wrong, where, and what to do about it.

The CLI and the web layer turn these into one-line messages and non-zero exits / JSON errors; a
traceback is only ever shown for a bug, never for bad input.
"""

from __future__ import annotations


class NewsfuseError(Exception):
    """Base class: every error newsfuse raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, path: str = "", line: int = 0, hint: str = "") -> None:
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(self.describe())

    def describe(self) -> str:
        where = self.path + (f":{self.line}" if self.line else "") if self.path else ""
        text = f"{where}: {self.message}" if where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class InputError(NewsfuseError):
    """A source cannot be read: missing, empty, binary, too large, malformed."""

    code = "E100"


class NoArticlesError(InputError):
    """Nothing usable was left to brief."""

    code = "E101"


class ConfigError(NewsfuseError):
    """A setting has an invalid value."""

    code = "E200"


class MissingDependencyError(NewsfuseError):
    """An optional backend was asked for but its package is not installed."""

    code = "E300"

    def __init__(self, what: str, package: str) -> None:
        super().__init__(f"{what} needs the '{package}' package", hint=f"pip install '{package}'")


class ModelError(NewsfuseError):
    """A model could not be loaded."""

    code = "E400"


class StoreError(NewsfuseError):
    """The article store is missing, locked, or from a newer version."""

    code = "E500"


class FetchError(InputError):
    """A URL could not be fetched, or was refused (private address, too large, not HTML)."""

    code = "E600"

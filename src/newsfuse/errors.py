"""The one error hierarchy: every error newsfuse raises on purpose, the library's and the web app's.

Each class carries a `code` (shown to the user, stable across releases) and a `kind` (a short slug
saying the same in words). The CLI prints `user_message()`: the one-line description with its code;
the web app answers `{"error": {"code", "kind", "message"}}` or an HTML page showing both, with an
HTTP status it chooses by class (web/errors.py). A traceback is only ever shown for a bug, never for
bad input. The web-only conditions live here too, so that one table lists every code:

| code | class | kind | what happened |
|------|-------|------|---------------|
| E000 | NewsfuseError | error | any other error newsfuse raised on purpose |
| E001 | InternalError | internal-error | a bug: an unexpected exception (the log has the traceback) |
| E100 | InputError | bad-input | a source cannot be read: missing, empty, binary, too large, malformed |
| E101 | NoArticlesError | no-articles | nothing usable was left to brief |
| E200 | ConfigError | bad-config | a setting has an invalid value |
| E300 | MissingDependencyError | missing-dependency | an optional backend's package is not installed |
| E400 | ModelError | model-unavailable | a model could not be loaded |
| E500 | StoreError | store-unavailable | the store is missing, locked, or from a newer version |
| E600 | FetchError | fetch-failed | a URL could not be fetched, or was refused |
| E700 | RequestError | invalid-request | a web request is malformed or asks for something impossible |
| E701 | NotFoundError | not-found | no story, article or page with that id |
| E702 | TooLargeError | too-large | a request carries more than the server's limits allow |
| E703 | UnsupportedMediaError | unsupported-media-type | a request body is neither JSON nor a form |
| E704 | MethodNotAllowedError | method-not-allowed | the path exists, but not for that HTTP method |
| E705 | UnauthorizedError | unauthorized | a write needs the server's bearer token |
| E706 | HostNotAllowedError | host-not-allowed | the request names a host this server does not answer to |
| E707 | CrossSiteError | cross-site | a write was sent by another site's page |
| E708 | TooManyRequestsError | too-many-requests | too many briefs are running or waiting; retry shortly |
| E709 | BusyError | busy | the server waited too long for a free slot |

The same table, with each code's HTTP status, is in docs/reliability.md; a test keeps them equal.
"""

from __future__ import annotations


class NewsfuseError(Exception):
    """Base class: every error newsfuse raises on purpose."""

    code = "E000"
    kind = "error"

    def __init__(self, message: str, *, path: str = "", line: int = 0, hint: str = "") -> None:
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(self.describe())

    def describe(self) -> str:
        """What went wrong, where, and what to do: `path:line: message (hint)`, without the code."""
        where = self.path + (f":{self.line}" if self.line else "") if self.path else ""
        text = f"{where}: {self.message}" if where else self.message
        return f"{text} ({self.hint})" if self.hint else text

    def user_message(self) -> str:
        """The one line a user is shown: `describe()` followed by the code, `path: message (hint) [E100]`."""
        return f"{self.describe()} [{self.code}]"


class InternalError(NewsfuseError):
    """A bug: an exception newsfuse did not raise on purpose, reported without its traceback."""

    code = "E001"
    kind = "internal-error"


class InputError(NewsfuseError):
    """A source cannot be read: missing, empty, binary, too large, malformed."""

    code = "E100"
    kind = "bad-input"


class NoArticlesError(InputError):
    """Nothing usable was left to brief."""

    code = "E101"
    kind = "no-articles"


class ConfigError(NewsfuseError):
    """A setting has an invalid value."""

    code = "E200"
    kind = "bad-config"


class MissingDependencyError(NewsfuseError):
    """An optional backend was asked for but its package is not installed."""

    code = "E300"
    kind = "missing-dependency"

    def __init__(self, what: str, package: str) -> None:
        super().__init__(f"{what} needs the '{package}' package", hint=f"pip install '{package}'")


class ModelError(NewsfuseError):
    """A model could not be loaded."""

    code = "E400"
    kind = "model-unavailable"


class StoreError(NewsfuseError):
    """The article store is missing, locked, or from a newer version."""

    code = "E500"
    kind = "store-unavailable"


class FetchError(InputError):
    """A URL could not be fetched, or was refused (private address, too large, not HTML)."""

    code = "E600"
    kind = "fetch-failed"


class RequestError(NewsfuseError):
    """A web request the app refuses. The subclasses are the conditions only a server meets."""

    code = "E700"
    kind = "invalid-request"


class NotFoundError(RequestError):
    """No story, article or page with the id asked for."""

    code = "E701"
    kind = "not-found"


class TooLargeError(RequestError):
    """A request body, article, file or list longer than the server's limits; nothing was read."""

    code = "E702"
    kind = "too-large"


class UnsupportedMediaError(RequestError):
    """A request body of a type the endpoint does not read."""

    code = "E703"
    kind = "unsupported-media-type"


class MethodNotAllowedError(RequestError):
    """A path that exists, asked with a method it does not answer."""

    code = "E704"
    kind = "method-not-allowed"


class UnauthorizedError(RequestError):
    """A write endpoint called without the server's bearer token."""

    code = "E705"
    kind = "unauthorized"


class HostNotAllowedError(RequestError):
    """A Host header the server does not answer to (the DNS-rebinding guard)."""

    code = "E706"
    kind = "host-not-allowed"


class CrossSiteError(RequestError):
    """A write sent by a page of another site."""

    code = "E707"
    kind = "cross-site"


class TooManyRequestsError(RequestError):
    """More briefs running or waiting than the server takes at once."""

    code = "E708"
    kind = "too-many-requests"


class BusyError(RequestError):
    """A brief waited longer than the server allows for a free slot."""

    code = "E709"
    kind = "busy"


def all_errors() -> list[type[NewsfuseError]]:
    """Every error class, base first, in code order: the table above, for documentation and tests."""
    found: list[type[NewsfuseError]] = []
    pending: list[type[NewsfuseError]] = [NewsfuseError]
    while pending:
        cls = pending.pop()
        if cls.__module__ == __name__:  # private subclasses elsewhere share their parent's code
            found.append(cls)
        pending.extend(cls.__subclasses__())
    return sorted(found, key=lambda cls: cls.code)

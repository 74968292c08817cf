"""How an error looks over HTTP: its status (chosen by class), its extra headers, and its JSON body
`{"error": {"code", "kind", "message"}}`. The error types themselves are newsfuse.errors'; the HTML
page and the app's exception handlers are web/handlers.py. This module imports nothing of the web
package, so middleware (guard.py), intake and the handlers can all use it without a circle.
"""

from __future__ import annotations

from newsfuse.errors import (
    BusyError,
    CrossSiteError,
    HostNotAllowedError,
    InputError,
    MethodNotAllowedError,
    NewsfuseError,
    NotFoundError,
    RequestError,
    StoreError,
    TooLargeError,
    TooManyRequestsError,
    UnauthorizedError,
    UnsupportedMediaError,
)

# The nearest class in an error's MRO decides. Bad input is the client's to fix (422); a missing or
# locked store is ours, and may pass (503); anything else newsfuse raised is the server's fault (500).
STATUS: dict[type[NewsfuseError], int] = {
    NewsfuseError: 500,
    InputError: 422,
    StoreError: 503,
    RequestError: 422,
    NotFoundError: 404,
    TooLargeError: 413,
    UnsupportedMediaError: 415,
    MethodNotAllowedError: 405,
    UnauthorizedError: 401,
    HostNotAllowedError: 400,
    CrossSiteError: 403,
    TooManyRequestsError: 429,
    BusyError: 503,
}

# Starlette's own HTTP errors (no route, wrong method, ...) as ours; another status keeps its number
# and is reported as a RequestError.
FROM_STATUS: dict[int, type[RequestError]] = {
    404: NotFoundError, 405: MethodNotAllowedError, 413: TooLargeError, 415: UnsupportedMediaError,
}


def status_of(exc: NewsfuseError) -> int:
    return next(STATUS[cls] for cls in type(exc).__mro__ if cls in STATUS)


def headers_of(exc: NewsfuseError) -> dict[str, str] | None:
    if isinstance(exc, UnauthorizedError):
        return {"WWW-Authenticate": "Bearer"}
    if isinstance(exc, TooManyRequestsError):
        return {"Retry-After": "5"}
    return None


def client_message(exc: NewsfuseError) -> str:
    """The message the client sees: `describe()`, except that a store error leaves out the store's
    path (the server's business: a client is told what went wrong, not where)."""
    if isinstance(exc, StoreError):
        return exc.message + (f" ({exc.hint})" if exc.hint else "")
    return exc.describe()


def error_body(exc: NewsfuseError) -> dict[str, dict[str, str]]:
    return {"error": {"code": exc.code, "kind": exc.kind, "message": client_message(exc)}}

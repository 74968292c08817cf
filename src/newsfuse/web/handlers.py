"""The app's exception handlers: every failure, ours or the framework's, becomes one NewsfuseError
and is answered as JSON (`{"error": {"code", "kind", "message"}}`) or, for a browser asking for a page,
as the HTML error page showing the same code and message. A traceback goes to the server log, never
to the client. Apart from web/errors.py because it needs the renderer, which the middleware does not.
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsfuse.errors import InternalError, NewsfuseError, RequestError
from newsfuse.web.errors import FROM_STATUS, client_message, error_body, headers_of, status_of
from newsfuse.web.render import render_error

log = logging.getLogger("newsfuse.web")


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path.startswith("/openapi"):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, exc: NewsfuseError, status: int | None = None,
                   headers: dict[str, str] | None = None) -> Response:
    """`exc` answered with its class's status (or `status`) and headers, as a page or as JSON."""
    status = status or status_of(exc)
    headers = headers or headers_of(exc)
    if _wants_html(request):
        page = render_error(status, exc.code, exc.kind, client_message(exc))
        return HTMLResponse(page, status_code=status, headers=headers)
    return JSONResponse(error_body(exc), status_code=status, headers=headers)


def _describe_validation(exc: RequestValidationError) -> str:
    parts = []
    for problem in exc.errors()[:5]:
        where = ".".join(str(p) for p in problem.get("loc", ()) if p != "body")
        parts.append(f"{where}: {problem.get('msg', 'invalid')}" if where else str(problem.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


async def newsfuse_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NewsfuseError)
    if not isinstance(exc, RequestError):
        status = status_of(exc)
        if status >= 500:
            (log.error if status == 500 else log.warning)("newsfuse error: %s", exc.user_message())
    return error_response(request, exc)


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = str(exc.detail) if exc.detail else HTTPStatus(exc.status_code).phrase
    ours = FROM_STATUS.get(exc.status_code, RequestError)(message)
    return error_response(request, ours, exc.status_code, dict(exc.headers) if exc.headers else None)


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return error_response(request, RequestError(_describe_validation(exc)))


async def unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, InternalError("internal error; the server log has the details"))


def install(app: FastAPI) -> None:
    app.add_exception_handler(NewsfuseError, newsfuse_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)

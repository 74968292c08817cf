"""Every failure as `{"error": {"code", "message"}}` with the right status; HTML pages get the same
message in a page. A traceback goes to the server log, never to the client.
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsfuse.errors import InputError, NewsfuseError, StoreError

log = logging.getLogger("newsfuse.web")


class WebError(Exception):
    """A request the web layer refuses: too large, unauthorized, unknown id, server busy."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def not_found(what: str, ident: str) -> WebError:
    return WebError(404, "not-found", f"no {what} with id {ident!r}")


def too_large(message: str) -> WebError:
    return WebError(413, "too-large", message)


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.url.path.startswith("/openapi"):
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        from newsfuse.web.render import render_error

        return HTMLResponse(render_error(status, message), status_code=status, headers=headers)
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


def _status_code_slug(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "-")
    except ValueError:
        return "error"


def _describe_validation(exc: RequestValidationError) -> str:
    parts = []
    for problem in exc.errors()[:5]:
        where = ".".join(str(p) for p in problem.get("loc", ()) if p != "body")
        parts.append(f"{where}: {problem.get('msg', 'invalid')}" if where else str(problem.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def install(app: FastAPI) -> None:
    async def web_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, WebError)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else \
            {"Retry-After": "5"} if exc.status == 429 else None
        return error_response(request, exc.status, exc.code, exc.message, headers)

    async def library_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NewsfuseError)
        # Bad input is the client's to fix; a missing or locked store is ours, and may pass.
        status = 422 if isinstance(exc, InputError) else 503 if isinstance(exc, StoreError) else 500
        if status == 500:
            log.error("newsfuse error: %s", exc.describe())
        # The store's path is the server's business: a client is told what went wrong, not where.
        message = exc.describe() if not isinstance(exc, StoreError) else \
            exc.message + (f" ({exc.hint})" if exc.hint else "")
        if status != 422:
            log.warning("%s", exc.describe())
        return error_response(request, status, exc.code, message)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        message = str(exc.detail) if exc.detail else HTTPStatus(exc.status_code).phrase
        return error_response(request, exc.status_code, _status_code_slug(exc.status_code), message,
                              dict(exc.headers) if exc.headers else None)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, 422, "invalid-request", _describe_validation(exc))

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(request, 500, "internal-error", "internal error; the server log has the details")

    app.add_exception_handler(WebError, web_error)
    app.add_exception_handler(NewsfuseError, library_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)

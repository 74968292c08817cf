"""Protections that sit in front of every route: a cap on request bodies, security headers, a Host
allow-list and a same-origin rule for writes, and the optional bearer token for the endpoints that
write to the store.

Both middlewares are plain ASGI (not Starlette's BaseHTTPMiddleware) so they add no task per request.
They answer before any route or exception handler runs, so they write the JSON error body themselves
(web/errors.py) and need nothing else of the web package.
"""

from __future__ import annotations

import hmac
import ipaddress
import json

from fastapi import Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsfuse.errors import (
    CrossSiteError,
    HostNotAllowedError,
    NewsfuseError,
    TooLargeError,
    UnauthorizedError,
)
from newsfuse.web.errors import error_body, status_of

# Article text is hostile. Even if a string escaped escaping, no inline script or handler could run:
# scripts and styles come from /static only, and nothing at all from another origin.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; connect-src 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _TooLarge(TooLargeError):
    """Raised from `receive`; a TooLargeError so the route's error handling answers 413 if it meets it first."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body is larger than {limit:,} bytes")


class BodyLimit:
    """Refuse a request body over `limit` bytes with 413, whether it announces its length or not."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge(self.limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        await _refuse(send, _TooLarge(self.limit), close=True)


# Names a browser on this machine uses for a loopback server. Any other Host header is refused
# unless the operator allowed it: a DNS-rebinding page (evil.example resolving to 127.0.0.1) sends
# its own name, and must not read the store.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def host_name(value: str) -> str:
    """"Example.org:8000" → "example.org"; "[::1]:8000" → "::1"."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def host_allowed(host: str, allowed: tuple[str, ...]) -> bool:
    name = host_name(host)
    if "*" in allowed or name in LOOPBACK_HOSTS or name.endswith(".localhost"):
        return True
    return any(name == a or (a.startswith(".") and name.endswith(a)) for a in allowed)


class HostAndOrigin:
    """Refuse (400) a request whose Host is not this server's, and (403) a write sent by a page of
    another site. Browsers send `Sec-Fetch-Site` and `Origin` on every cross-site POST (a plain form
    needs no preflight, so CORS alone does not stop it); a client without them (curl, scripts) is
    not a browser and is let through."""

    def __init__(self, app: ASGIApp, allowed_hosts: tuple[str, ...] = ()) -> None:
        self.app = app
        self.allowed = tuple(h.strip().lower() for h in allowed_hosts if h.strip())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if not host_allowed(host, self.allowed):
            await _refuse(send, HostNotAllowedError(
                f"this server does not answer to the host name {host_name(host)[:100]!r} "
                "(start it with --allowed-host NAME to allow one)"))
            return
        if scope.get("method", "GET") not in _SAFE_METHODS and not _same_origin(headers, host):
            await _refuse(send, CrossSiteError("writes are accepted from this site's own pages only"))
            return
        await self.app(scope, receive, send)


def _same_origin(headers: dict[str, str], host: str) -> bool:
    site = headers.get("sec-fetch-site", "").lower()
    if site and site not in ("same-origin", "none"):
        return False
    if site == "same-origin":  # the browser's own word; Origin is "null" under Referrer-Policy no-referrer
        return True
    origin = headers.get("origin", "")
    if not origin:
        return True
    if origin == "null":  # a sandboxed frame or a file: page
        return False
    from urllib.parse import urlsplit

    return (urlsplit(origin).netloc or "").lower() == host.strip().lower()


async def _refuse(send: Send, exc: NewsfuseError, *, close: bool = False) -> None:
    body = json.dumps(error_body(exc)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    # An unread body is left behind: the connection cannot carry another request.
    await send({"type": "http.response.start", "status": status_of(exc),
                "headers": [*headers, (b"connection", b"close")] if close else headers})
    await send({"type": "http.response.body", "body": body})


bearer = HTTPBearer(auto_error=False, description="Needed by write endpoints when the server has a token "
                                                  "(`newsfuse serve --token` or NEWSFUSE_TOKEN).")


def check_token(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Raise 401 unless the server has no token or the request carries the right one."""
    token: str | None = request.app.state.web.config.token
    if not token:
        return
    given = credentials.credentials if credentials else ""
    # Constant-time comparison: the token must not leak through response timing.
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise UnauthorizedError("this endpoint needs 'Authorization: Bearer <token>' "
                                "(the token given to `newsfuse serve --token`)")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False

"""The web app: pages and the JSON API over a store.

    from newsfuse.web import WebConfig, create_app
    app = create_app(WebConfig(db=Path("news.db")))

`newsfuse serve` runs it with uvicorn. This module only assembles: routes (api, pages), exception
handlers (handlers), middleware (guard) and the OpenAPI document. No external asset, no CDN, no build step:
FastAPI's Swagger and ReDoc pages load scripts from a CDN, so they are off; /openapi.json is served.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from newsfuse.version import __version__
from newsfuse.web import api, feeds, handlers, pages
from newsfuse.web.guard import BodyLimit, HostAndOrigin, SecurityHeaders
from newsfuse.web.render import compile_templates
from newsfuse.web.service import Service, WebConfig

DESCRIPTION = """Stories, briefs and articles of a newsfuse store, as JSON.

Every HTML page has a twin here: `/` ↔ `GET /api/stories`, `/stories/{id}` ↔ `GET /api/stories/{id}`,
`/articles/{id}` ↔ `GET /api/articles/{id}`. Errors are `{"error": {"code", "kind", "message"}}`: `code`
is newsfuse's error code (E100, E701, ...), `kind` says it in a word (`bad-input`, `not-found`, ...).
Write endpoints need `Authorization: Bearer <token>` when the server was started with a token."""


@lru_cache(maxsize=1)
def brief_schema() -> dict[str, Any]:
    """The published JSON Schema of newsfuse.brief/1, as an OpenAPI component."""
    text = resources.files("newsfuse").joinpath("schema/brief.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return {k: v for k, v in schema.items() if k not in ("$schema", "$id")}


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        spec = get_openapi(title="newsfuse", version=__version__, description=DESCRIPTION, routes=app.routes)
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas["Brief"] = brief_schema()
        for model in api.REQUEST_MODELS:
            found = model.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(found.pop("$defs", {}))
            schemas[model.__name__] = found
        app.openapi_schema = spec
    return app.openapi_schema


def create_app(config: WebConfig, *, warm: bool = True) -> FastAPI:
    """The app over `config.db`. With `warm`, the models load at start-up rather than on the first
    brief (about a second)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(compile_templates)
        if warm:
            await run_in_threadpool(web.warm)
        try:
            yield
        finally:
            web.close()

    web = Service(config)
    app = FastAPI(title="newsfuse", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.web = web
    handlers.install(app)
    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    static = resources.files("newsfuse.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(BodyLimit, limit=config.limits.max_body_bytes)
    app.add_middleware(HostAndOrigin, allowed_hosts=config.limits.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app

"""`newsfuse serve`: the web app and JSON API over a store, run with uvicorn. Thin: it checks the
address, port and limits a user gave, warns before listening beyond this machine, builds the web app
from the resolved settings, and hands it to uvicorn; the pages and the API live in `newsfuse.web`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsfuse.cli._common import EXIT_USAGE, command, fail, fail_on, warn
from newsfuse.config import DEFAULT_CONFIG_PATH


@command("serve")
def serve(
    db: Annotated[Path, typer.Option("--db", help="The store (SQLite file) to serve.")] = Path("news.db"),
    host: Annotated[str | None, typer.Option(help="Address to bind; anything but loopback is reachable from "
                                                  "outside.", show_default="127.0.0.1")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.", show_default="8000")] = None,
    token: Annotated[str | None, typer.Option(
        envvar="NEWSFUSE_TOKEN", help="Require 'Authorization: Bearer TOKEN' on write endpoints (POST /api/ingest).",
        show_default="none: writes are open")] = None,
    allow_private: Annotated[bool | None, typer.Option(
        "--allow-private", help="Let URL ingest fetch private and local addresses (an intranet, a test server).",
        show_default="no")] = None,
    cache: Annotated[int | None, typer.Option(help="Story briefs kept in memory.", show_default="32")] = None,
    max_upload_mb: Annotated[float | None, typer.Option(help="Largest request body, in MB.", show_default="20")]
    = None,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.",
                                                show_default=f"$NEWSFUSE_CONFIG, else {DEFAULT_CONFIG_PATH}")]
    = None,
    embedder: Annotated[str | None, typer.Option(help="minilm-onnx, hashing, onnx:<model>:<tokenizer>, ...",
                                                 show_default="minilm-onnx")] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", help="A host name the server answers to besides localhost (repeatable; "
                               "'.example.org' allows a domain, '*' any: only behind a proxy that checks it).",
        show_default="localhost only")] = None,
) -> None:
    """Serve the stories of a store as web pages and a JSON API (default http://127.0.0.1:8000)."""
    from newsfuse.config import load_settings
    from newsfuse.errors import NewsfuseError
    from newsfuse.web.guard import is_loopback

    token = token or None
    if max_upload_mb is not None and max_upload_mb <= 0:
        fail("--max-upload-mb must be positive", EXIT_USAGE)
    body = None if max_upload_mb is None else int(max_upload_mb * 1_000_000)
    try:
        settings = load_settings(config, embedder=embedder, web_host=host, web_port=port, web_cache_size=cache,
                                 web_max_body_bytes=body, fetch_allow_private=allow_private,
                                 web_allowed_hosts=tuple(allowed_host) if allowed_host else None)
    except NewsfuseError as exc:
        fail_on(exc)
    web_settings = settings.web
    host = web_settings.host
    if not db.exists():
        fail(f"{db}: no such store (create one with `newsfuse ingest --db {db} ...`)")
    if not is_loopback(host):
        warn(f"binding to {host}: the server is reachable from other machines"
             + ("" if token else "; anyone can ingest articles (give --token to require one)"))
        if host in ("0.0.0.0", "::") and not web_settings.allowed_hosts:
            warn("only requests for localhost are answered; give --allowed-host NAME for the name clients use")
    if web_settings.max_article_bytes > web_settings.max_body_bytes:
        # An article cannot be larger than the body that carries it.
        settings = settings.replace(web_max_article_bytes=web_settings.max_body_bytes)
    if host not in ("0.0.0.0", "::", "") and not is_loopback(host):
        # The address it was bound to is the name a client uses.
        settings = settings.replace(web_allowed_hosts=(*web_settings.allowed_hosts, host))
    try:
        import uvicorn

        from newsfuse.web import WebConfig, create_app

        web = create_app(WebConfig(db=db, settings=settings, token=token))
    except NewsfuseError as exc:
        fail_on(exc)
    typer.echo(f"newsfuse: serving {db} at http://{host}:{settings.web.port}/ (API: /api, OpenAPI: /openapi.json)",
               err=True)
    uvicorn.run(web, host=host, port=settings.web.port, log_level=log_level, server_header=False)

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
    host: Annotated[str, typer.Option(help="Address to bind; anything but loopback is reachable from outside.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(
        envvar="NEWSFUSE_TOKEN", help="Require 'Authorization: Bearer TOKEN' on write endpoints (POST /api/ingest).",
        show_default="none: writes are open")] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Let URL ingest fetch private and local addresses (an intranet, a test server).")]
    = False,
    cache: Annotated[int, typer.Option(help="Story briefs kept in memory.")] = 32,
    max_upload_mb: Annotated[float, typer.Option(help="Largest request body, in MB.")] = 20.0,
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
    if not 1 <= port <= 65535:
        fail(f"--port must be from 1 to 65535, got {port}", EXIT_USAGE)
    if max_upload_mb <= 0:
        fail("--max-upload-mb must be positive", EXIT_USAGE)
    if not db.exists():
        fail(f"{db}: no such store (create one with `newsfuse ingest --db {db} ...`)")
    if not is_loopback(host):
        warn(f"binding to {host}: the server is reachable from other machines"
             + ("" if token else "; anyone can ingest articles (give --token to require one)"))
        if host in ("0.0.0.0", "::") and not allowed_host:
            warn("only requests for localhost are answered; give --allowed-host NAME for the name clients use")
    try:
        import uvicorn

        from newsfuse.web import Limits, WebConfig, create_app

        settings = load_settings(config, embedder=embedder)
        body = int(max_upload_mb * 1_000_000)
        limits = Limits(max_body_bytes=body, max_article_bytes=min(Limits().max_article_bytes, body))
        hosts = tuple(allowed_host or ())
        if host not in ("0.0.0.0", "::", "") and not is_loopback(host):
            hosts += (host,)  # the address it was bound to is the name a client uses
        web = create_app(WebConfig(db=db, settings=settings, token=token, limits=limits, cache_size=cache,
                                   allow_private=allow_private, allowed_hosts=hosts))
    except NewsfuseError as exc:
        fail_on(exc)
    typer.echo(f"newsfuse: serving {db} at http://{host}:{port}/ (API: /api, OpenAPI: /openapi.json)", err=True)
    uvicorn.run(web, host=host, port=port, log_level=log_level, server_header=False)

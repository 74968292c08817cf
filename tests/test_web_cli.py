"""`newsfuse serve`: loopback by default, one-line errors, a warning before listening on the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

pytest.importorskip("uvicorn")

from newsfuse.cli import app


@pytest.fixture()
def cli() -> typer.Typer:
    return app


@pytest.fixture()
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """uvicorn.run replaced: what the command would have served, and where."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def _store(tmp_path: Path) -> Path:
    from newsfuse.store import Store

    db = tmp_path / "news.db"
    Store.open(db).close()
    return db


def test_web_cli_serve_binds_loopback_by_default(cli: typer.Typer, started: list[dict[str, Any]],
                                                 tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(_store(tmp_path))])
    assert result.exit_code == 0, result.output
    assert started[0]["host"] == "127.0.0.1"
    assert started[0]["port"] == 8000
    assert started[0]["app"].state.web.config.token is None


def test_web_cli_serve_takes_the_token_from_the_environment(cli: typer.Typer, started: list[dict[str, Any]],
                                                            tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(_store(tmp_path))], env={"NEWSFUSE_TOKEN": "abc"})
    assert result.exit_code == 0, result.output
    assert started[0]["app"].state.web.config.token == "abc"


def test_web_cli_serve_warns_before_listening_on_the_network(cli: typer.Typer, started: list[dict[str, Any]],
                                                             tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(_store(tmp_path)), "--host", "0.0.0.0"])
    assert result.exit_code == 0
    assert "reachable from other machines" in result.output
    assert "--token" in result.output


def test_web_cli_serve_refuses_a_missing_store(cli: typer.Typer, started: list[dict[str, Any]],
                                               tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 1
    assert "no such store" in result.output
    assert "Traceback" not in result.output
    assert not started
    assert not (tmp_path / "typo.db").exists()

"""One error hierarchy, seen by the user: every class's code and kind in the JSON body and on the HTML
page, with the status the web gives its class; the documented table equal to the code; and the web
package free of import circles (read from the AST, lazy imports included)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi import FastAPI
from fastapi.testclient import TestClient

import newsfuse.errors
import newsfuse.web
from newsfuse.errors import InputError, MissingDependencyError, NewsfuseError, StoreError, all_errors
from newsfuse.web import handlers
from newsfuse.web.errors import status_of

ROOT = Path(__file__).resolve().parent.parent
WEB = Path(newsfuse.web.__file__).parent


def make(cls: type[NewsfuseError], message: str = "it went wrong") -> NewsfuseError:
    if cls is MissingDependencyError:
        return MissingDependencyError("the thing", "thing-package")
    return cls(message)


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    handlers.install(app)
    by_code = {cls.code: cls for cls in all_errors()}

    @app.get("/api/raise/{code}")
    def api_raise(code: str) -> None:
        raise make(by_code[code])

    @app.get("/raise/{code}")
    def page_raise(code: str) -> None:
        raise make(by_code[code])

    @app.get("/api/crash")
    def crash() -> None:
        raise RuntimeError("/secret/path is not for the client")

    @app.get("/api/number/{n}")
    def number(n: int) -> int:
        return n

    return TestClient(app, raise_server_exceptions=False)


def documented() -> dict[str, tuple[str, str, int]]:
    """Code → (class, kind, HTTP status) from the table in docs/reliability.md."""
    text = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (E\d{3}) \| (\w+) \| ([a-z-]+) \| (\d{3}) \|", text, flags=re.M)
    return {code: (name, kind, int(status)) for code, name, kind, status in rows}


def test_codes_are_unique_and_documented() -> None:
    classes = all_errors()
    assert len({cls.code for cls in classes}) == len(classes)
    assert len({cls.kind for cls in classes}) == len(classes)
    assert documented() == {cls.code: (cls.__name__, cls.kind, status_of(make(cls))) for cls in classes}
    docstring = newsfuse.errors.__doc__ or ""
    for cls in classes:
        assert f"| {cls.code} | {cls.__name__} | {cls.kind} |" in docstring


def test_user_message_carries_the_code() -> None:
    for cls in all_errors():
        assert make(cls).user_message().endswith(f" [{cls.code}]")
    located = InputError("not JSON", path="dump.jsonl", line=3, hint="one object per line")
    assert located.user_message() == "dump.jsonl:3: not JSON (one object per line) [E100]"
    assert str(located) == located.describe()  # describe() stays without the code: it is also data


@pytest.mark.parametrize("cls", all_errors(), ids=lambda cls: cls.code)
def test_each_error_class_answers_json_with_its_code_and_status(client: TestClient,
                                                                cls: type[NewsfuseError]) -> None:
    exc = make(cls)
    response = client.get(f"/api/raise/{cls.code}", headers={"accept": "text/html"})
    assert response.status_code == status_of(exc)
    message = exc.message + (f" ({exc.hint})" if exc.hint else "")
    assert response.json() == {"error": {"code": cls.code, "kind": cls.kind, "message": message}}


@pytest.mark.parametrize("cls", all_errors(), ids=lambda cls: cls.code)
def test_each_error_class_shows_its_code_on_the_html_page(client: TestClient, cls: type[NewsfuseError]) -> None:
    response = client.get(f"/raise/{cls.code}", headers={"accept": "text/html"})
    assert response.status_code == status_of(make(cls))
    assert response.headers["content-type"].startswith("text/html")
    assert f"<code>{cls.code}</code>" in response.text
    assert f"({cls.kind})" in response.text


def test_status_follows_the_nearest_class() -> None:
    class LockedStore(StoreError):
        pass

    assert status_of(LockedStore("locked")) == 503
    assert status_of(newsfuse.errors.NoArticlesError("none")) == 422
    assert status_of(newsfuse.errors.ConfigError("bad")) == 500


def test_status_headers(client: TestClient) -> None:
    assert client.get("/api/raise/E705").headers["www-authenticate"] == "Bearer"
    assert client.get("/api/raise/E708").headers["retry-after"] == "5"


def test_store_errors_do_not_tell_the_client_the_path(client: TestClient) -> None:
    app = FastAPI()
    handlers.install(app)

    @app.get("/api/store")
    def store() -> None:
        raise StoreError("store is locked", path="/srv/secret/news.db", hint="retry")

    body = TestClient(app).get("/api/store").json()
    assert body == {"error": {"code": "E500", "kind": "store-unavailable", "message": "store is locked (retry)"}}


@pytest.mark.parametrize(("method", "url", "status", "code"), [
    ("GET", "/api/nowhere", 404, "E701"),
    ("DELETE", "/api/number/3", 405, "E704"),
    ("GET", "/api/number/three", 422, "E700"),
    ("GET", "/api/crash", 500, "E001"),
])
def test_framework_errors_get_codes_too(client: TestClient, method: str, url: str, status: int, code: str) -> None:
    response = client.request(method, url)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert "/secret/path" not in response.text


# -- layering inside the web package ---------------------------------------------------------------

def web_imports() -> dict[str, set[str]]:
    """Module → the web modules it imports anywhere in its body (inside functions and TYPE_CHECKING too)."""
    modules = {p.stem: p for p in WEB.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{name}: relative import"
                base = node.module or ""
                targets = [f"{base}.{alias.name}" for alias in node.names] if base == "newsfuse.web" else [base]
            for target in targets:
                if target.startswith("newsfuse.web."):
                    stem = target.split(".")[2]
                    # A name that is not a module comes from the package's __init__ (its lazy exports).
                    stem = stem if stem in modules else "__init__"
                    if stem != name:
                        found.add(stem)
        graph[name] = found
    return graph


def test_the_web_package_has_no_import_cycle() -> None:
    graph = web_imports()
    assert {"errors", "handlers", "render", "intake"} <= set(graph)
    state: dict[str, int] = {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for other in sorted(graph[name]):
            assert state.get(other) != 1, "import cycle: " + " → ".join([*path, name, other])
            if other not in state:
                visit(other, [*path, name])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def test_error_types_need_nothing_of_the_web() -> None:
    graph = web_imports()
    assert graph["errors"] == set()
    assert "handlers" not in set().union(*(deps for name, deps in graph.items() if name != "app"))

"""The web app against a hostile browser and an unlucky operator (issue 12): DNS rebinding (Host),
cross-site form posts (Origin / Sec-Fetch-Site), the /api/brief concurrency cap, and error messages
that never show the server's paths."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from newsfuse.config import load_settings
from newsfuse.web import WebConfig, create_app
from web_store import build_store

STORY = ("The council said on Tuesday that the old bridge over the river Lowe would close for repairs after "
         "engineers found cracks in two of its piers.")


def client(tmp_path: Path, host: str = "localhost", **overrides: Any) -> TestClient:
    db = tmp_path / "w.db"
    if not db.exists():
        build_store(db, [{"id": "a", "text": STORY}])
    settings = load_settings(embedder="hashing", facts=False, **overrides)
    app = create_app(WebConfig(db=db, settings=settings), warm=False)
    return TestClient(app, raise_server_exceptions=False, base_url=f"http://{host}")


def test_an_unknown_host_is_refused(tmp_path: Path) -> None:
    with client(tmp_path, "evil.example") as c:
        response = c.get("/api/stories")
        assert response.status_code == 400
        assert "evil.example" in response.json()["error"]["message"]
    for host in ("localhost:8000", "127.0.0.1:8000", "[::1]:8000"):
        with client(tmp_path) as c:
            assert c.get("/api/stories", headers={"host": host}).status_code == 200, host


def test_an_allowed_host_is_answered(tmp_path: Path) -> None:
    with client(tmp_path, "news.example.org", web_allowed_hosts=(".example.org",)) as c:
        assert c.get("/api/stories").status_code == 200


def test_a_cross_site_form_post_cannot_ingest(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        form = {"text": "Injected article about a fire at the harbour that destroyed three boats overnight."}
        evil = c.post("/api/ingest", data=form, headers={"origin": "http://evil.example"})
        assert evil.status_code == 403
        fetch = c.post("/api/ingest", data=form, headers={"sec-fetch-site": "cross-site"})
        assert fetch.status_code == 403
        null = c.post("/api/ingest", data=form, headers={"origin": "null"})
        assert null.status_code == 403
        assert c.get("/api/stories").json()["total"] == 1  # nothing was written
        same = c.post("/api/ingest", data=form, headers={"origin": "http://localhost",
                                                         "sec-fetch-site": "same-origin"})
        assert same.status_code == 200, same.text
        assert c.post("/api/ingest", json={"articles": [{"text": STORY + " Again."}]}).status_code == 200  # curl


def test_brief_requests_beyond_the_cap_get_429(tmp_path: Path) -> None:
    with client(tmp_path, web_max_brief_requests=1) as c:
        web = c.app.state.web  # type: ignore[attr-defined]
        release = threading.Event()
        original = web._brief

        def slow(*args: Any, **kwargs: Any) -> Any:
            release.wait(30)
            return original(*args, **kwargs)

        web._brief = slow
        body = {"articles": [{"text": STORY}]}
        first: list[int] = []
        thread = threading.Thread(target=lambda: first.append(c.post("/api/brief", json=body).status_code))
        thread.start()
        for _ in range(100):
            if web._brief_requests:
                break
            threading.Event().wait(0.05)
        second = c.post("/api/brief", json=body)
        release.set()
        thread.join(60)
        assert second.status_code == 429 and second.headers["retry-after"]
        assert first == [200]


def test_upload_errors_do_not_show_server_paths(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        response = c.post("/api/brief", files={"file": ("blob.txt", bytes(range(256)) * 20, "text/plain")})
        assert response.status_code == 422
        message = response.json()["error"]["message"]
        assert "blob.txt" in message and "/tmp" not in message and "newsfuse-upload" not in message


def test_a_brief_over_the_sentence_limit_is_refused_up_front(tmp_path: Path) -> None:
    settings = load_settings(embedder="hashing", facts=False).replace(max_sentences=20)
    db = tmp_path / "w.db"
    build_store(db, [{"id": "a", "text": STORY}])
    app = create_app(WebConfig(db=db, settings=settings), warm=False)
    with TestClient(app, raise_server_exceptions=False, base_url="http://localhost") as c:
        text = "\n".join(f"The council met for the {i}th time about the bridge." for i in range(40))
        response = c.post("/api/brief", json={"articles": [{"text": text}]})
        assert response.status_code == 422
        assert "sentences is more than one brief takes" in response.json()["error"]["message"]


def test_a_garbage_date_keeps_the_article(tmp_path: Path) -> None:
    with client(tmp_path) as c:
        response = c.post("/api/brief", json={"articles": [{"text": STORY, "published": "not a date"}]})
        assert response.status_code == 200
        assert any('"published" left out' in n for n in response.json()["warnings"])

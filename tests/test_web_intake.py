"""Reading what a client sends: upload names that cannot escape, limits, uploads read by format."""

from __future__ import annotations

import pytest

from newsfuse.config import Settings, Web
from newsfuse.errors import TooLargeError
from newsfuse.web.guard import is_loopback
from newsfuse.web.intake import Batch, Upload, read_batch, safe_name


@pytest.mark.parametrize(("given", "expected"), [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\windows\\win.ini", "win.ini"),
    ("report <script>.html", "report_script_.html"),
    ("", "upload"),
    ("...", "upload"),
    ("/abs/path/a.txt", "a.txt"),
])
def test_web_intake_safe_name_stays_in_the_folder(given: str, expected: str) -> None:
    assert safe_name(given, set()) == expected


def test_web_intake_safe_name_never_collides() -> None:
    taken: set[str] = set()
    names = [safe_name("a.txt", taken), safe_name("A.txt", taken), safe_name("a.txt", taken)]
    assert len({n.lower() for n in names}) == 3


def test_web_intake_reads_uploads_by_extension_and_hides_the_temp_path() -> None:
    html = b"<html><head><title>Talks resume</title></head><body><article><p>" + \
        b"Japan and China held security talks in Tokyo on Wednesday, the first in four years. " * 3 + \
        b"</p><p><script>alert(1)</script></p></article></body></html>"
    batch = Batch(uploads=[Upload("talks.html", html), Upload("notes.txt", b"Officials met in Tokyo.\n\nThey talked.")])
    result = read_batch(batch, Settings(), Web(), 10)
    assert len(result.articles) == 2
    assert [a.origin for a in result.articles] == ["upload:talks.html", "upload:notes.txt"]
    assert "Japan and China held security talks" in result.articles[0].text  # read as HTML, not as text
    assert "<p>" not in result.articles[0].text


def test_web_intake_counts_articles_inside_jsonl_uploads() -> None:
    lines = b"\n".join(b'{"text": "Article number %d about the talks in Tokyo."}' % i for i in range(5))
    with pytest.raises(TooLargeError) as caught:
        read_batch(Batch(uploads=[Upload("many.jsonl", lines)]), Settings(), Web(), 3)
    assert caught.value.code == "E702"


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("192.168.1.4", False), ("example.org", False),
])
def test_web_guard_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback

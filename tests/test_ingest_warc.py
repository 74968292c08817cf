"""WARC and WARC.gz (CC-News-like records): pages become articles; a damaged archive keeps what came before."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from newsfuse.engine import LocalEngine
from newsfuse.errors import InputError
from newsfuse.ingest.sources import Sources
from newsfuse.ingest.warc import read_warc
from newsfuse.store import Store
from newsfuse.stream import ingest
from newsfuse.types import Article, Skipped
from test_ingest_urls import PAGE

warcio = pytest.importorskip("warcio")


def page(n: int) -> bytes:
    return PAGE.replace("Quake hits Nepal", f"Report {n}").replace("rescuers", f"rescuers of team {n}").encode()


def write_archive(path: Path, pages: int, gz: bool = True) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for n in range(pages):
            body = page(n)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://news.example/{n}", "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": f"2017-06-0{1 + n % 9}T10:00:00Z"}))
        redirect = StatusAndHeaders("301 Moved", [("Location", "/x")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/old", "response",
                                                      payload=io.BytesIO(b""), http_headers=redirect))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/a.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), http_headers=image))
        empty = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/empty", "response",
                                                      payload=io.BytesIO(b"<html><body></body></html>"),
                                                      http_headers=empty))


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_become_articles(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_archive(path, 3, gz)
    items = list(read_warc(path))
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.url for a in articles] == [f"https://news.example/{n}" for n in range(3)]
    assert all(a.id.startswith("warc-") and "rescuers of team" in a.text for a in articles)
    assert articles[1].published == dt.date(2017, 6, 2) and articles[1].published_from in ("warc-date", "html")
    problems = [i for i in items if isinstance(i, Skipped)]
    assert len(problems) == 1 and "empty" in problems[0].source  # redirects and images are not articles


def test_warc_truncated_gzip_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    write_archive(whole, 40)
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size * 2 // 3])
    read: list[Article] = []
    with pytest.raises(InputError, match=r"cut.warc.gz: archive truncated or corrupt after \d+ record"):
        read.extend(i for i in read_warc(cut) if isinstance(i, Article))
    assert 15 < len(read) < 40

    # Through the ingest: the error is reported, and every article read before it is stored.
    sources = Sources([str(cut)])
    with Store.open(tmp_path / "s.db") as store:
        result = ingest(sources, store, LocalEngine(1))
        assert result.new == len(read) == store.count_articles()
    assert len(sources.failed) == 1 and "truncated" in sources.failed[0]


def test_warc_not_an_archive(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage" * 10)
    with pytest.raises(InputError, match="truncated or corrupt"):
        list(read_warc(path))

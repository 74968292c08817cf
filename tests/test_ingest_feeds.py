"""RSS, Atom and OPML: full-text entries, teasers read from their pages, and feeds that misbehave."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfuse.config import Settings
from newsfuse.errors import InputError
from newsfuse.ingest.feeds import read_feed, read_opml
from newsfuse.ingest.kinds import looks_like_feed
from newsfuse.ingest.sources import Sources
from newsfuse.ingest.urls import Fetcher
from newsfuse.types import Article, Skipped
from test_ingest_urls import PAGE, drip, send, serve

pytest.importorskip("feedparser")

BODY = " ".join(f"Sentence {i} of the report says that rescuers in Kathmandu worked through the night." for i in range(20))


def rss(base: str = "http://127.0.0.1:1") -> bytes:
    return f"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Kathmandu Post</title><link>{base}</link>
<item><title>Quake hits Nepal</title><link>{base}/full</link><guid>{base}/full</guid>
  <pubDate>Sat, 25 Apr 2015 10:00:00 GMT</pubDate>
  <content:encoded><![CDATA[<p>{BODY}</p>]]></content:encoded></item>
<item><title>Teaser only</title><link>{base}/page</link><guid>{base}/page</guid>
  <pubDate>Sun, 26 Apr 2015 08:00:00 GMT</pubDate><description>Rescuers dig... Read more</description></item>
<item><title>Broken link</title><link>{base}/gone</link><description>Short.</description></item>
<item><title>Nothing at all</title><link>{base}/gone</link></item>
</channel></rss>""".encode()


ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Quake Wire</title>
<entry><title>Aftershocks</title><id>tag:wire,2015:1</id><updated>2015-04-27T00:00:00Z</updated>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>""".encode()


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    routes = {"/page": send(PAGE.encode()), "/drip": drip, "/gone": send(b"no", status=404)}
    for url in serve(routes):
        routes["/feed"] = send(rss(url), "application/rss+xml")
        routes["/atom"] = send(ATOM, "application/atom+xml")
        routes["/list.opml"] = send(f"""<?xml version="1.0"?><opml version="2.0"><body>
            <outline text="news"><outline type="rss" xmlUrl="{url}/feed"/><outline xmlUrl="{url}/atom"/>
            <outline xmlUrl="{url}/drip"/></outline></body></opml>""".encode(), "text/x-opml")
        yield url


def test_feeds_full_text_entry_is_read_from_the_feed() -> None:
    items = list(read_feed(rss(), "local.rss"))
    first = items[0]
    assert isinstance(first, Article)
    assert first.title == "Quake hits Nepal" and "Sentence 19" in first.text
    assert first.published == dt.date(2015, 4, 25) and first.published_from == "feed"
    assert first.outlet == "Kathmandu Post" and first.id.startswith("feed-")
    # Without a fetcher, a teaser is all there is.
    assert isinstance(items[1], Article) and "Rescuers dig" in items[1].text


def test_feeds_teaser_entries_are_read_from_their_page(base: str) -> None:
    with Fetcher(allow_private=True) as fetcher:
        items = list(read_feed(rss(base), base + "/feed", fetcher))
    teaser = items[1]
    assert isinstance(teaser, Article)
    assert "collapsed buildings" in teaser.text and teaser.title == "Teaser only"
    assert isinstance(items[2], Article) and items[2].text == "Short."  # the page failed: the feed's words stand in
    assert isinstance(items[3], Skipped) and "404" in items[3].reason
    assert (items[3].source, items[3].line, items[3].unit) == (base + "/feed", 4, "entry")


def test_feeds_ids_are_stable() -> None:
    first = [a.id for a in read_feed(rss(), "x.rss") if isinstance(a, Article)]
    assert first == [a.id for a in read_feed(rss(), "x.rss") if isinstance(a, Article)]


def test_feeds_atom_and_sniffing() -> None:
    items = list(read_feed(ATOM, "wire.atom"))
    assert len(items) == 1 and isinstance(items[0], Article) and items[0].published == dt.date(2015, 4, 27)
    assert looks_like_feed(ATOM) and looks_like_feed(b"", "application/rss+xml") and not looks_like_feed(b"<html>")


def test_feeds_not_a_feed_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        list(read_feed(b"\x00\x01 not xml at all", "junk.xml"))


def test_feeds_opml_lists_feeds_and_bad_opml_is_named(tmp_path: Path) -> None:
    assert read_opml(b'<opml><body><outline xmlUrl="https://a/rss"/><outline xmlUrl="https://a/rss"/></body></opml>',
                     "x.opml") == ["https://a/rss"]
    with pytest.raises(InputError, match="lists no feed"):
        read_opml(b"<opml><body/></opml>", "empty.opml")
    with pytest.raises(InputError, match="not a valid OPML"):
        read_opml(b"<opml><body>", "cut.opml")


def test_feeds_opml_over_http_with_a_feed_that_never_ends(base: str) -> None:
    sources = Sources([base + "/list.opml"], Settings().replace(fetch_allow_private=True, fetch_deadline=1.0))
    articles = list(sources)
    assert {a.title for a in articles} >= {"Quake hits Nepal", "Teaser only", "Aftershocks"}
    reasons = " | ".join(s.reason for s in sources.skipped)
    assert "took longer than 1 s" in reasons  # the endless feed was cut, the others were read
    assert "HTTP 404" in reasons


def test_feeds_local_file_through_sources(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_bytes(rss())
    sources = Sources([str(path)])
    articles = list(sources)
    # Pages on a private address are refused: the teaser stands in; an entry with nothing usable is reported.
    assert [a.title for a in articles] == ["Quake hits Nepal", "Teaser only", "Broken link"]
    assert len(sources.skipped) == 1 and sources.skipped[0].where == f"{path}#4"
    assert "private or local" in sources.skipped[0].reason


def test_feeds_a_second_ingest_does_not_fetch_known_entries_again(tmp_path: Path) -> None:
    """`ingest` of a feed URL twice: the second run knows every entry and fetches no page."""
    from collections import Counter

    from typer.testing import CliRunner

    from newsfuse.cli import app

    hits: Counter[str] = Counter()

    def counted(path: str, body: bytes, kind: str = "text/html; charset=utf-8"):  # type: ignore[no-untyped-def]
        inner = send(body, kind)

        def handler(h):  # type: ignore[no-untyped-def]
            hits[path] += 1
            inner(h)
        return handler

    routes = {"/page": counted("/page", PAGE.encode()), "/gone": send(b"no", status=404)}
    for url in serve(routes):
        routes["/feed"] = counted("/feed", rss(url), "application/rss+xml")
        args = ["ingest", url + "/feed", "--db", str(tmp_path / "n.db"), "--allow-private", "--embedder", "none",
                "--workers", "1", "--no-progress"]
        first = CliRunner().invoke(app, args)
        assert first.exit_code == 0, first.output
        assert hits["/page"] == 1
        again = CliRunner().invoke(app, args)
        assert again.exit_code == 0, again.output
    assert hits["/feed"] == 2 and hits["/page"] == 1  # the feed is read again, its known entry's page is not
    # Entry 4 links to the page of entry 3 (stored from its teaser), so it is that article again.
    assert "new 0, duplicates 4 (4 same URL)" in again.output

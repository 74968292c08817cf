"""Property tests (hypothesis) for the readers, the cleaner, dates, quantities and the WARC framing:
whatever the bytes, the answer is articles or the project's own error, never another exception."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfuse.clean import clean_text
from newsfuse.errors import InputError, NewsfuseError
from newsfuse.facts.dates import Anchor, dates_in
from newsfuse.ingest.dates import MAX_YEAR, MIN_YEAR, parse_date
from newsfuse.ingest.files import decode
from newsfuse.ingest.jsonl import read_jsonl
from newsfuse.ingest.warcframe import Damage, Frame, frames
from newsfuse.types import Article, Skipped

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NEWS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
WORDS = st.lists(st.sampled_from(["The", "council", "said", "on", "Tuesday", "3", "million", "people", "Feb.",
                                  "4,", "2023", "last", "week", "\n\n", "<p>", "</p>", "Reuters", "-", "$", "%",
                                  "km", "ago", "years", "in", "December", "1999", "next", "month", "."]),
                 max_size=60).map(" ".join)


@FAST
@given(st.binary(max_size=2_000))
def test_decode_gives_text_or_our_error(data: bytes) -> None:
    try:
        decoded = decode(data, "fuzz.txt")
    except InputError:
        return
    assert isinstance(decoded.text, str)


@FAST
@given(st.lists(st.one_of(st.binary(max_size=200), NEWS.map(lambda t: json.dumps({"text": t}).encode()),
                          st.dictionaries(st.sampled_from(["text", "id", "published", "url", "title"]),
                                          st.one_of(NEWS, st.integers(), st.none(), st.lists(st.integers())),
                                          max_size=5).map(lambda d: json.dumps(d).encode())), max_size=12))
def test_jsonl_lines_are_articles_or_skips(lines: list[bytes]) -> None:
    stream = io.BytesIO(b"\n".join(line.replace(b"\n", b" ") for line in lines))
    items = list(read_jsonl(stream, "fuzz.jsonl", "fuzz", 10_000))
    assert all(isinstance(i, Article | Skipped) for i in items)
    for item in items:
        if isinstance(item, Article):
            assert item.published is None or MIN_YEAR <= item.published.year <= MAX_YEAR


@FAST
@given(st.one_of(NEWS, st.dates(), st.datetimes(), st.integers(), st.none(),
                 st.dates().map(lambda d: d.isoformat() + "T00:00:00Z")))
def test_parse_date_is_in_the_window_or_a_value_error(value: object) -> None:
    try:
        date = parse_date(value)
    except ValueError:
        return
    assert date is None or MIN_YEAR <= date.year <= MAX_YEAR


@FAST
@given(WORDS, st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))))
def test_date_expressions_never_raise(text: str, anchor: dt.date | None) -> None:
    for found in dates_in(text, Anchor(anchor, "published" if anchor else "")):
        assert found.ref.start <= found.ref.end


@FAST
@given(st.one_of(NEWS, WORDS))
def test_the_cleaner_never_raises_and_only_removes(text: str) -> None:
    cleaned = clean_text(text)
    assert isinstance(cleaned.text, str)
    assert len(cleaned.text) <= len(text) + 2 * text.count("\n") + 2


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WORDS)
def test_quantities_never_raise(text: str) -> None:
    pytest.importorskip("spacy")
    from newsfuse.facts.parsing import parse_sources
    from newsfuse.facts.quantities import extract_quantities
    from newsfuse.text import split_sentences
    from newsfuse.types import Source

    article = Article(id="f", text=text)
    source = Source(number=1, article=article, origin=0, sentences=split_sentences(article))
    try:
        parsed = parse_sources([source])
    except NewsfuseError:
        pytest.skip("no spaCy model")
    extract_quantities(parsed)


def _record(i: int) -> bytes:
    body = f"<html><body><p>Story {i}: the council met.</p></body></html>".encode()
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{i:08d}>\r\n"
            f"WARC-Target-URI: https://x.example/{i}\r\nContent-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


ARCHIVE = b"".join(_record(i) for i in range(4))
ARCHIVE_GZ = b"".join(gzip.compress(_record(i)) for i in range(4))


@FAST
@given(st.integers(0, len(ARCHIVE)), st.integers(0, len(ARCHIVE_GZ)), st.binary(max_size=40))
def test_warc_framing_reports_every_cut_and_splice(cut: int, cut_gz: int, junk: bytes) -> None:
    for data, gz in ((ARCHIVE[:cut], False), (ARCHIVE_GZ[:cut_gz], True),
                     (ARCHIVE[:cut] + junk + ARCHIVE[cut:], False)):
        items = list(frames(io.BytesIO(data), gz, 1_000_000))
        complete = [f for f in items if isinstance(f, Frame)]
        whole = ARCHIVE_GZ if gz else ARCHIVE
        if data != whole and not data.endswith(b"\r\n\r\n") and data and not gz:
            # Cut inside a record: the damage is reported, never silent.
            assert any(isinstance(f, Damage) for f in items) or len(complete) == 4
        assert all(f.data.startswith(b"WARC/") for f in complete)


@pytest.mark.parametrize("cut", [0, 1, 2, 3])
def test_warc_cut_in_a_records_closing_lines_keeps_it_and_says_so(cut: int) -> None:
    # hypothesis found this: the first record whole, its two closing blank lines cut short.
    first = _record(0)
    items = list(frames(io.BytesIO(first[:len(first) - 4 + cut]), False, 1_000_000))
    assert [type(f) for f in items] == [Frame, Damage]
    assert items[0].data.startswith(b"WARC/") and not items[1].fatal


@pytest.mark.parametrize("where", range(0, len(ARCHIVE_GZ), 37))
def test_truncated_warc_gz_keeps_records_and_says_where(tmp_path: Path, where: int) -> None:
    from newsfuse.ingest.warc import read_warc

    path = tmp_path / "cut.warc.gz"
    path.write_bytes(ARCHIVE_GZ[:where])
    got: list[object] = []
    try:
        got.extend(read_warc(path))
    except InputError as exc:
        assert "after" in exc.message or "no WARC record" in exc.message
        return
    # Only a cut exactly between two members reads as a shorter, whole archive.
    boundaries = {sum(len(gzip.compress(_record(i))) for i in range(k)) for k in range(5)}
    assert where in boundaries

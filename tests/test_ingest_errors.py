"""Bad input: a clear error naming the file (and line), or a skip with a reason; nothing lost."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsfuse.config import Settings
from newsfuse.errors import InputError, NoArticlesError
from newsfuse.ingest import read_articles

STORY = "Heavy rain flooded the lower town on Wednesday, and about 3,000 people left their homes."


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InputError, match="no such file or folder") as info:
        read_articles([missing])
    assert info.value.path == str(missing)
    with pytest.raises(InputError, match="no such file or folder"):
        read_articles(["articles/nope.txt"])


def test_glob_matching_nothing(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no files match"):
        read_articles([str(tmp_path / "*.txt")])


def test_empty_file_among_others_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n\n")
    (tmp_path / "good.txt").write_text(STORY)
    result = read_articles([tmp_path / "empty.txt", tmp_path / "good.txt"])
    assert [a.id for a in result.articles] == ["good"]
    assert [(Path(s.source).name, s.line, s.reason) for s in result.skipped] == [("empty.txt", 0, "empty file")]


def test_empty_file_alone_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(NoArticlesError, match="empty file") as info:
        read_articles([tmp_path / "empty.txt"])
    assert isinstance(info.value, InputError) and info.value.path.endswith("empty.txt")


def test_no_input_at_all() -> None:
    with pytest.raises(NoArticlesError, match="no input given"):
        read_articles([])


def test_binary_file_named_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary file") as info:
        read_articles([tmp_path / "photo.txt"])
    assert "photo.txt" in str(info.value)


def test_binary_file_in_a_folder_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "story.txt").write_text(STORY)
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["story"]
    assert [(Path(s.source).name, s.reason.split(" (")[0]) for s in result.skipped] == [("photo.txt", "binary file, not text")]


def test_invalid_utf8_that_is_not_cp1252_is_an_error_with_the_offset(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"Flood in the valley \x81\x8d and more")
    with pytest.raises(InputError, match=r"not UTF-8 text \(byte offset 20\)") as info:
        read_articles([tmp_path / "bad.txt"])
    assert info.value.path.endswith("bad.txt")


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:  # sparse: 52.4 MB on paper, nothing on disk
        f.seek(52_400_000 - 1)
        f.write(b"\n")
    with pytest.raises(InputError, match=r"too large \(52\.4 MB > 5 MB limit\)") as info:
        read_articles([big])
    assert info.value.path == str(big)


def test_limit_comes_from_the_settings(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    with pytest.raises(InputError, match=r"too large \(88 bytes > 50 bytes limit\)"):
        read_articles([tmp_path / "a.txt"], settings=Settings(max_article_bytes=50))


def test_malformed_jsonl_line_among_good_ones_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([json.dumps({"text": STORY}), "{not json", json.dumps({"title": "no text"}),
                               json.dumps({"text": STORY, "published": "someday"})]) + "\n")
    result = read_articles([path])
    # A bad date drops the date, not the record (issue 12): line 4 is kept, undated, with a warning.
    assert [a.id for a in result.articles] == ["feed-1", "feed-4"]
    assert result.articles[1].published is None
    assert [(s.line, s.reason.split(":")[0]) for s in result.skipped] == [
        (2, "not valid JSON"), (3, 'no "text" field')]
    assert any(":4: \"published\" left out" in w for w in result.warnings)
    assert all(s.source == str(path) for s in result.skipped)


def test_jsonl_with_only_bad_lines_is_an_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n" + "{oops\n")
    with pytest.raises(InputError, match=r"feed\.jsonl:2: not valid JSON") as info:
        read_articles([path])
    assert info.value.line == 2
    path.write_text(json.dumps({"title": "no text"}) + "\n")
    with pytest.raises(InputError, match=r'feed\.jsonl:1: no "text" field'):
        read_articles([path])


def test_jsonl_line_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "x " * 100}) + "\n" + json.dumps({"text": STORY}) + "\n")
    result = read_articles([path], settings=Settings(max_article_bytes=150))
    assert [a.origin for a in result.articles] == [f"{path}:2"]
    assert [(s.line, s.reason.split(" (")[0]) for s in result.skipped] == [(1, "line too large")]


def test_jsonl_on_stdin_with_a_bad_line() -> None:
    with pytest.raises(InputError, match=r"<stdin>:1: not valid JSON"):
        read_articles(["-"], stdin=io.StringIO("not json at all\n"))


def test_dict_without_text_names_the_input() -> None:
    with pytest.raises(InputError, match=r'input 2: no "text" field'):
        read_articles([{"text": STORY}, {"title": "x"}])


def test_unsupported_input_type() -> None:
    with pytest.raises(InputError, match="cannot read a int"):
        read_articles([42])  # type: ignore[list-item]


def test_article_that_is_all_noise_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "noise.txt").write_text("Advertisement\nShare this article\n")
    (tmp_path / "story.txt").write_text(STORY)
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["story"]
    assert [(Path(s.source).name, s.reason) for s in result.skipped] == [("noise.txt", "nothing left after cleaning")]


def test_everything_skipped_is_no_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("")
    (tmp_path / "b.txt").write_text("Advertisement")
    with pytest.raises(NoArticlesError, match=r"no article could be read \(2 skipped; first: .*a\.txt: empty file\)"):
        read_articles([tmp_path])


def test_url_and_other_formats_get_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="a URL, not a file or folder"):
        read_articles(["https://example.com/story"])
    (tmp_path / "feed.rss").write_text("<rss></rss>")
    with pytest.raises(InputError, match="a feed, not an article file"):
        read_articles([tmp_path / "feed.rss"])


def test_error_message_is_one_line_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_bytes(b"\x00")
    with pytest.raises(InputError) as info:
        read_articles([tmp_path / "bad.txt"])
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(tmp_path / "bad.txt"))


def test_jsonl_line_in_cp1252_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(json.dumps({"text": STORY + " It cost \u20ac40 million."}, ensure_ascii=False).encode("cp1252"))
    result = read_articles([path])
    assert "\u20ac40 million" in result.articles[0].text
    assert result.warnings == [f"{path}:1: not UTF-8 (byte offset 107); read as Windows-1252"]

"""Hostile and unlucky inputs (issue 12), each made by the test: every one ends in articles read, or
one line naming the input, never a traceback, a hang or a lost article."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsfuse.errors import ConfigError, InputError, NewsfuseError
from newsfuse.ingest import read_articles
from newsfuse.ingest.sources import Sources
from newsfuse.text import MAX_SENTENCE_CHARS, split_sentences
from newsfuse.types import Article

STORY = ("The council said on Tuesday that the old bridge over the river Lowe would close for repairs after "
         "engineers found cracks in two of its piers. Traffic will be diverted through the town centre.")
OTHER = ("Flooding in Estwick forced 300 families from their homes overnight as the river rose to a record "
         "level, the mayor said. Schools in the valley stayed shut on Wednesday.")
SRC = Path(__file__).resolve().parents[1] / "src"


def newsfuse(*args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "newsfuse", *args], capture_output=True, text=True, env=env,
                          cwd=cwd, timeout=timeout)


def one_line_error(result: subprocess.CompletedProcess[str], *names: str) -> str:
    assert result.returncode != 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1, result.stderr
    for name in names:
        assert name in errors[0], errors[0]
    return errors[0]


# --- ingest readers ---------------------------------------------------------------------------------

def test_empty_file_is_one_skip(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "story.txt").write_text(STORY)
    sources = Sources([str(tmp_path / "empty.txt"), str(tmp_path / "story.txt")])
    assert len(list(sources)) == 1
    assert [s.where for s in sources.skipped] == [str(tmp_path / "empty.txt")]


def test_ten_bad_jsonl_records_are_ten_skips(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("".join("{not json\n" for _ in range(10)))
    sources = Sources([str(path)])
    assert list(sources) == []
    assert len(sources.skipped) == 10
    assert {s.where for s in sources.skipped} == {f"{path}:{n}" for n in range(1, 11)}
    assert sources.failed and "none of its 10 records" in sources.failed[0]


def test_garbage_published_drops_only_the_date(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [{"text": STORY, "published": "not a date at all"}, {"text": OTHER, "published": "0001-01-01T00:00:00Z"},
             {"text": STORY + " More.", "published": "9999-12-31"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines))
    result = read_articles([path])
    assert len(result.articles) == 3
    assert all(a.published is None for a in result.articles)
    assert len(result.warnings) == 3 and all('"published" left out' in w for w in result.warnings)


def test_dates_outside_the_window_are_dropped_from_articles_given() -> None:
    result = read_articles([Article(id="a", text=STORY, published=dt.date(1, 1, 1))])
    assert result.articles[0].published is None
    assert "outside 1800-2200" in result.warnings[0]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_text(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes((STORY + "\n\n" + OTHER).encode(codec))
    result = read_articles([path])
    assert "bridge" in result.articles[0].text
    assert "no byte-order mark" in result.warnings[0]


def test_real_binary_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputError, match="binary"):
        read_articles([path])


def test_html_nested_past_libxml2_depth_keeps_its_text(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    body = "".join(f"<p>{s}</p>" for s in (STORY, OTHER))
    path.write_text(f"<html><body>{'<div>' * 400}<article>{body}</article>{'</div>' * 400}</body></html>")
    article = read_articles([path]).articles[0]
    assert "engineers found cracks" in article.text and "300 families" in article.text


def test_symlink_loops_end_and_each_file_is_read_once(tmp_path: Path) -> None:
    top = tmp_path / "news"
    (top / "a" / "b").mkdir(parents=True)
    (top / "a" / "one.txt").write_text(STORY)
    (top / "a" / "b" / "two.txt").write_text(OTHER)
    (top / "a" / "b" / "up").symlink_to("..")
    (top / "a" / "b" / "root").symlink_to("../..")
    (top / "a" / "self").symlink_to("self")
    (top / "a" / "again.txt").symlink_to("one.txt")
    for given in (str(top), f"{top}/**/*.txt", f"{top}/**"):
        result = read_articles([given])
        assert sorted(a.id for a in result.articles) == ["one", "two"], given
        assert any("already read" in w for w in result.warnings)


def test_symlink_loop_glob_ends_in_a_subprocess(tmp_path: Path) -> None:
    """The hang of issue 12 (memory growing forever) is caught by a timeout, not by the suite hanging."""
    top = tmp_path / "loop"
    top.mkdir()
    (top / "x.txt").write_text(STORY)
    (top / "l1").symlink_to(".")
    (top / "l2").symlink_to(".")
    code = ("from newsfuse.ingest import read_articles; import sys; "
            "print(len(read_articles([sys.argv[1]]).articles))")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run([sys.executable, "-c", code, f"{top}/**/*.txt"], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.stdout.strip() == "1", done.stderr


def test_empty_string_never_reads_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "private.txt").write_text(STORY)
    monkeypatch.chdir(tmp_path)
    for given in ("", "   ", [""]):
        with pytest.raises(InputError, match="empty text"):
            read_articles(given)


def test_in_memory_text_obeys_the_size_limit() -> None:
    with pytest.raises(InputError, match="too large"):
        read_articles(["word " * 1_100_000])
    with pytest.raises(InputError, match="too large"):
        read_articles([{"text": "word " * 1_100_000}])
    with pytest.raises(InputError, match="too large"):
        read_articles([Article(id="big", text="word " * 1_100_000)])


def test_a_sentence_over_a_million_characters_is_cut() -> None:
    sentences = split_sentences(Article(id="a", text="x" * 1_200_000))
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE_CHARS
    assert sum(len(s.text) for s in sentences) == 1_200_000
    words = split_sentences(Article(id="a", text="word " * 300_000))
    assert all(s.text == Article(id="a", text="word " * 300_000).text[s.start:s.end] for s in words)


# --- the library's entry points -----------------------------------------------------------------------

@pytest.mark.parametrize("bad", [None, 42, 3.5, b"bytes", [None], [42]])
def test_brief_rejects_what_is_not_articles(bad: object) -> None:
    from newsfuse.pipeline import brief

    with pytest.raises(InputError):
        brief(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("words", ["abc", -5, 0, 2.5, True, 10**9])
def test_brief_rejects_bad_words(words: object) -> None:
    from newsfuse.pipeline import brief

    with pytest.raises(ConfigError, match="words"):
        brief([STORY], words=words)  # type: ignore[arg-type]


def test_brief_takes_a_generator_and_refuses_too_many_sentences() -> None:
    from newsfuse.config import load_settings
    from newsfuse.pipeline import brief

    settings = load_settings(embedder="hashing", facts=False)
    done = brief((t for t in [STORY, OTHER]), settings=settings)
    assert len(done.sources) == 2
    long = "\n".join(f"The council met for the {i}th time on the bridge." for i in range(60))
    with pytest.raises(InputError, match="sentences is more than one brief takes"):
        brief([long], settings=settings.replace(max_sentences=50))


def test_calendar_edge_dates_brief_without_error() -> None:
    from newsfuse.config import load_settings
    from newsfuse.pipeline import brief

    text = "The bridge closed on Wednesday, the council said last week. It reopens next month."
    articles = [Article(id="a", text=text, published=dt.date(1, 1, 1)),
                Article(id="b", text=text + " Engineers agreed.", published=dt.date(9999, 12, 31))]
    done = brief(articles, settings=load_settings(embedder="hashing"))
    assert any("outside 1800-2200" in n for n in done.notes)


# --- the command line ---------------------------------------------------------------------------------

def test_output_naming_a_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    one_line_error(newsfuse("brief", str(tmp_path / "a.txt"), "--no-facts", "--embedder", "hashing",
                            "-o", str(tmp_path)), str(tmp_path), "folder")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_disk_output_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY)
    line = one_line_error(newsfuse("brief", str(tmp_path / "a.txt"), "--no-facts", "--embedder", "hashing",
                                   "-o", "/dev/full"), "/dev/full")
    assert "No space left" in line
    assert Path("/dev/full").is_char_device()  # written in place, never renamed over


def test_ingest_of_nothing_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("")
    done = newsfuse("ingest", str(tmp_path / "empty.jsonl"), "--db", str(tmp_path / "n.db"), "--embedder", "none")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "read 0" in done.stderr and "skipped 1 " in done.stderr


def test_ingest_with_every_feed_refused_exits_non_zero(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text('<opml version="2.0"><body><outline xmlUrl="http://127.0.0.1:9/a.rss"/>'
                    '<outline xmlUrl="http://10.0.0.1/b.rss"/></body></opml>')
    done = newsfuse("ingest", str(opml), "--db", str(tmp_path / "n.db"), "--embedder", "none")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "none of its 2 feed(s) could be read" in done.stderr


def test_brief_of_an_empty_argument_does_not_read_the_folder(tmp_path: Path) -> None:
    (tmp_path / "private.txt").write_text(STORY)
    one_line_error(newsfuse("brief", "", "--no-facts", "--embedder", "hashing", cwd=tmp_path), "empty")


def test_every_error_a_user_can_cause_is_ours() -> None:
    """The library's readers raise only NewsfuseError for a bad input, whatever its type."""
    for bad in (object(), 1.5, {"text": 5}, {"no": "text"}, Article(id="x", text="")):
        with pytest.raises(NewsfuseError):
            read_articles([bad])  # type: ignore[list-item]

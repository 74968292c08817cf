"""read_articles / iter_articles: every kind of input, in order, cleaned, with unique ids."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from newsfuse.ingest import iter_articles, looks_like_path, read_articles
from newsfuse.types import Article

STORY = "Heavy rain flooded the lower town on Wednesday, and about 3,000 people left their homes."
MORE = "The regional governor said the government would pay for the repairs to the bridge."


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_text_file_is_read_cleaned_and_its_id_is_its_stem(tmp_path: Path) -> None:
    path = write(tmp_path / "herald.txt", f"Flood kills 14 in Estwick\n\nAdvertisement\n\n{STORY}\n")
    result = read_articles([path])
    [article] = result.articles
    assert (article.id, article.title, article.text, article.origin) == ("herald", "Flood kills 14 in Estwick",
                                                                         STORY, str(path))
    assert (article.outlet, article.outlet_from) == ("", "")  # a file name says how it was saved, not who wrote it
    assert [r.reason for r in article.removed] == ["advertisement"]
    assert result.skipped == [] and result.warnings == []


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", STORY)
    write(tmp_path / "a" / "z.txt", STORY)
    write(tmp_path / "a.txt", MORE)
    write(tmp_path / ".hidden" / "x.txt", STORY)
    write(tmp_path / "notes.md", "# notes")
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["z", "a", "b"]  # a/z.txt, a.txt, b.txt
    assert [(Path(s.source).name, s.reason.split(";")[0]) for s in result.skipped] == [
        ("notes.md", "not an article file (.md)")]


def test_glob_pattern(tmp_path: Path) -> None:
    write(tmp_path / "one.txt", STORY)
    write(tmp_path / "two.txt", MORE)
    write(tmp_path / "three.html", f"<html><body><article><p>{STORY}</p></article></body></html>")
    result = read_articles([str(tmp_path / "*.txt")])
    assert [a.id for a in result.articles] == ["one", "two"]


def test_jsonl_records_keep_the_callers_fields(tmp_path: Path) -> None:
    lines = [{"id": "r1", "text": STORY, "title": "Flood", "outlet": "Radio Estwick", "url": "https://r.example/1",
              "published": "2024-03-14T10:00:00Z"},
             {"text": MORE, "date": "March 15, 2024"}]
    path = write(tmp_path / "feed.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    first, second = read_articles([path]).articles
    assert (first.id, first.title, first.outlet, first.outlet_from, first.url) == (
        "r1", "Flood", "Radio Estwick", "jsonl", "https://r.example/1")
    assert (first.published, first.published_from, first.origin) == (dt.date(2024, 3, 14), "jsonl", f"{path}:1")
    assert (second.id, second.published, second.origin) == ("feed-2", dt.date(2024, 3, 15), f"{path}:2")


def test_json_file_holding_an_array(tmp_path: Path) -> None:
    path = write(tmp_path / "pair.json", json.dumps([{"text": STORY}, {"text": MORE, "id": "x"}], indent=2))
    assert [a.id for a in read_articles([path]).articles] == ["pair-1", "x"]


def test_dash_reads_jsonl_from_stdin() -> None:
    stdin = io.StringIO(json.dumps({"text": STORY}) + "\n" + json.dumps({"id": "b", "text": MORE}) + "\n")
    result = read_articles(["-"], stdin=stdin)
    assert [(a.id, a.origin) for a in result.articles] == [("stdin-1", "<stdin>:1"), ("b", "<stdin>:2")]


def test_dicts_text_and_articles_in_input_order() -> None:
    given = Article(id="", text=MORE, outlet="Wire")
    result = read_articles([{"text": STORY, "outlet": "Herald", "published": dt.date(2024, 3, 14)},
                            f"{STORY}\n\n{MORE}", "Japan and China held talks", given])
    ids = [a.id for a in result.articles]
    assert ids == ["text-1", "text-2", "text-3", "text-4"]
    herald, text, short, wire = result.articles
    assert (herald.outlet, herald.outlet_from, herald.published_from) == ("Herald", "caller", "caller")
    assert text.text == f"{STORY}\n\n{MORE}" and text.origin == "text"
    assert short.text == "Japan and China held talks"
    assert (wire.outlet, wire.outlet_from, wire.text) == ("Wire", "caller", MORE)


def test_given_articles_are_taken_as_already_clean() -> None:
    article = Article(id="mine", text="Advertisement\n\nA sentence of the story that stays.")
    [got] = read_articles([article]).articles
    assert got.text == article.text and got.id == "mine"


def test_ids_are_unique(tmp_path: Path) -> None:
    write(tmp_path / "x" / "story.txt", STORY)
    write(tmp_path / "y" / "story.txt", MORE)
    warnings: list[str] = []
    articles = list(iter_articles([tmp_path, {"id": "story", "text": STORY}], on_warning=warnings.append))
    assert [a.id for a in articles] == ["story", "story-2", "story-3"]
    assert len(warnings) == 2 and "already taken" in warnings[0]


def test_a_single_input_need_not_be_in_a_list(tmp_path: Path) -> None:
    path = write(tmp_path / "one.txt", STORY)
    assert [a.id for a in read_articles(str(path)).articles] == ["one"]


def test_iter_articles_streams_lazily(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "b.txt", MORE)
    stream = iter_articles([tmp_path])
    assert next(stream).id == "a"
    assert next(stream).id == "b"
    with pytest.raises(StopIteration):
        next(stream)


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    write(tmp_path / "page.dat", f"<!DOCTYPE html><html><head><title>Flood</title></head><body><article>"
                                 f"<p>{STORY}</p><p>{MORE}</p></article></body></html>")
    write(tmp_path / "lines.dat", json.dumps({"text": STORY}) + "\n")
    write(tmp_path / "plain", STORY)
    result = read_articles([tmp_path / "page.dat", tmp_path / "lines.dat", tmp_path / "plain"])
    page, lines, plain = result.articles
    assert STORY in page.text and page.title == "Flood"
    assert lines.origin.endswith("lines.dat#1") and plain.text == STORY


@pytest.mark.parametrize(("value", "is_path"), [
    ("articles/a.txt", True), ("a.txt", True), ("*.html", True), ("~/news", True), ("./x", True),
    ("/tmp/nothing-here", True), ("my notes.txt", True),
    ("Japan and China held talks", False), ("Japan", False), ("The 24/7 hotline opened", False),
    ("Shares rose 3.5", False), ("x" * 301, False), ("two\nlines", False),
])
def test_what_counts_as_a_path(value: str, is_path: bool) -> None:
    assert looks_like_path(value) is is_path


def test_utf8_bom_and_cp1252_files(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes("\ufeff".encode() + STORY.encode())
    (tmp_path / "legacy.txt").write_bytes(f"{STORY} It cost \u20ac40 million \u2013 officials said.".encode("cp1252"))
    result = read_articles([tmp_path / "bom.txt", tmp_path / "legacy.txt"])
    bom, legacy = result.articles
    assert bom.text == STORY
    assert "\u20ac40 million \u2013 officials" in legacy.text
    assert len(result.warnings) == 1 and "read as Windows-1252" in result.warnings[0]
    assert "legacy.txt" in result.warnings[0]


def test_cleaning_a_block_at_a_time_elsewhere_gives_the_same_articles(tmp_path: Path) -> None:
    """`clean_many` (the engine's pool cleaning for the reader) changes where cleaning runs, not what
    is read: same articles, ids, skips and warnings, in order; known articles are not cleaned."""
    from newsfuse.clean import clean_article
    from newsfuse.ingest import reader

    rows = [{"id": f"a{i % 250}", "text": f"Flood kills {i} in Estwick\n\nAdvertisement\n\n{STORY} {i}"}
            for i in range(600)]
    rows[7]["text"] = "   "  # nothing left after cleaning: skipped, with its line
    rows[9]["date"] = "1066-10-14"  # out of the window: warned about
    path = write(tmp_path / "dump.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    blocks: list[int] = []

    def clean_many(articles: list[Article]) -> list[Article]:
        blocks.append(len(articles))
        return [clean_article(a) for a in articles]

    def read(**hooks: object) -> tuple[list[tuple[str, str, str]], list[object], list[str]]:
        skipped: list[object] = []
        warnings: list[str] = []
        got = [(a.id, a.title, a.text) for a in iter_articles([path], on_skip=skipped.append,
                                                             on_warning=warnings.append, **hooks)]  # type: ignore[arg-type]
        return got, skipped, warnings

    here = read()
    assert len(here[0]) == 599 and len(here[1]) == 1 and here[2]
    assert read(clean_many=clean_many) == here
    assert blocks == [reader.CLEAN_BLOCK, reader.CLEAN_BLOCK, 600 - 2 * reader.CLEAN_BLOCK]
    blocks.clear()
    known = {"a3"}  # stored already: passed on as read, never cleaned
    passed = read(clean_many=clean_many, known=lambda a: a.id in known)[0]
    assert read(known=lambda a: a.id in known)[0] == passed
    assert sum(blocks) == 600 - 3 and "Advertisement" in dict((i, t) for i, _, t in passed)["a3"]

"""`newsfuse ingest` and `newsfuse stories`: one call each, a summary line, JSON as documented,
one-line errors with their exit codes — and hostile inputs that lose nothing."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from newsfuse import cli
from test_stories_group import CHILE, CHILE_2, NEPAL, NEPAL_2

runner = CliRunner()


def app() -> typer.Typer:
    return cli.app


def dump(path: Path, extra: str = "") -> Path:
    rows = [{"id": "n1", "text": NEPAL, "title": "Quake hits Nepal", "outlet": "Reuters", "published": "2015-04-25"},
            {"id": "c1", "text": CHILE, "outlet": "AP", "published": "2015-09-16"},
            {"id": "n2", "text": NEPAL_2, "outlet": "AP", "published": "2015-04-26"},
            {"id": "c2", "text": CHILE_2, "outlet": "BBC", "published": "2015-09-17"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n" + extra, encoding="utf-8")
    return path


def test_cli_ingest_then_stories_json(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = runner.invoke(app(), ["ingest", str(dump(tmp_path / "a.jsonl", "not json\n")), "--db", str(db),
                                   "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "read 4, new 4, duplicates 0, copies 0, skipped 1 (1 not valid JSON" in result.output
    assert "stories 2 (2 new)" in result.output

    out = tmp_path / "stories.json"
    result = runner.invoke(app(), ["stories", "--db", str(db), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    stories = json.loads(out.read_text())
    # The one story shape (Story.to_dict), the API's too.
    assert [list(s) for s in stories] == [["id", "title", "articles", "size", "outlets", "first_seen", "last_seen",
                                          "merged_from", "split_from"]] * 2
    nepal = next(s for s in stories if "n1" in s["articles"])
    assert nepal["articles"] == ["n1", "n2"] and nepal["size"] == 2 and nepal["title"] == "Quake hits Nepal"
    assert all(type(s["id"]) is int for s in stories)
    assert nepal["outlets"] == ["Reuters", "AP"]
    assert (nepal["first_seen"], nepal["last_seen"]) == ("2015-04-25", "2015-04-26")


def test_cli_ingest_again_counts_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    source = str(dump(tmp_path / "a.jsonl"))
    runner.invoke(app(), ["ingest", source, "--db", str(db), "--workers", "1"])
    result = runner.invoke(app(), ["ingest", source, "--db", str(db), "--workers", "1"])
    assert "read 4, new 0, duplicates 4" in result.output and "stories 2 (0 new)" in result.output


def test_cli_stories_table_and_filters(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    runner.invoke(app(), ["ingest", str(dump(tmp_path / "a.jsonl")), "--db", str(db), "--workers", "1"])
    table = runner.invoke(app(), ["stories", "--db", str(db)])
    assert table.exit_code == 0
    assert "Quake hits Nepal" in table.output and "2015-09-16" in table.output
    only = runner.invoke(app(), ["stories", "--db", str(db), "--outlet", "Reuters", "--format", "json"])
    assert [s["articles"] for s in json.loads(only.output)] == [["n1", "n2"]]
    since = runner.invoke(app(), ["stories", "--db", str(db), "--since", "2015-09-01", "--format", "json"])
    assert [s["articles"] for s in json.loads(since.output)] == [["c1", "c2"]]
    found = runner.invoke(app(), ["stories", "--db", str(db), "--search", "Bachelet", "--format", "json"])
    assert [s["articles"] for s in json.loads(found.output)] == [["c1", "c2"]]


@pytest.mark.parametrize(("args", "message", "code"), [
    (["stories", "--db", "{tmp}/missing.db"], "no such store", 1),
    (["stories", "--db", "{tmp}/news.db", "--format", "xml"], "unknown format 'xml'", 2),
    (["stories", "--db", "{tmp}/news.db", "--since", "yesterday"], "--since must be a date", 1),
    (["ingest", "{tmp}/nothing-here.jsonl", "--db", "{tmp}/news.db"], "could not be read", 1),
    (["ingest", "{tmp}/a.jsonl", "--db", "{tmp}/news.db", "--engine", "spark"], "unknown engine 'spark'", 1),
    (["ingest", "http://127.0.0.1:9/feed", "--db", "{tmp}/news.db"], "private or local address", 1),
    (["ingest", "{tmp}/a.jsonl", "--db", "{tmp}/news.db", "--wrokers", "1"], "No such option: --wrokers", 2),
])
def test_cli_errors_are_one_line_with_their_exit_code(tmp_path: Path, args: list[str], message: str,
                                                      code: int) -> None:
    dump(tmp_path / "a.jsonl")
    runner.invoke(app(), ["ingest", str(tmp_path / "a.jsonl"), "--db", str(tmp_path / "news.db"), "--workers", "1"])
    result = runner.invoke(app(), [a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("newsfuse: error: ")]
    assert len(errors) == 1 and message in errors[0], result.output


def test_cli_truncated_gzip_jsonl_keeps_what_was_read(tmp_path: Path) -> None:
    whole = gzip.compress(dump(tmp_path / "a.jsonl").read_bytes() * 1)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    result = runner.invoke(app(), ["ingest", str(cut), "--db", str(tmp_path / "news.db"), "--workers", "1"])
    assert result.exit_code == 1
    assert "cut.jsonl.gz" in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_cli_a_2_gb_line_is_skipped_and_the_rest_is_stored(tmp_path: Path) -> None:
    source = tmp_path / "huge.jsonl"
    dump(source)
    with source.open("r+b") as handle:
        handle.seek(0, 2)
        start = handle.tell()
        handle.write(b'{"id": "huge", "text": "')
        handle.truncate(start + 2 * 1024**3)  # a sparse 2 GB line: no disk, no memory
        handle.seek(0, 2)
        handle.write(b'"}\n' + json.dumps({"id": "after", "text": NEPAL_2 + " Later."}).encode() + b"\n")
    result = runner.invoke(app(), ["ingest", str(source), "--db", str(tmp_path / "news.db"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "new 5" in result.output and "skipped 1 (1 line too large" in result.output


def test_cli_ingest_keeps_the_store_s_embedder(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    path = dump(tmp_path / "a.jsonl")
    result = runner.invoke(app(), ["ingest", str(path), "--db", str(db), "--workers", "1", "--embedder", "none"])
    assert result.exit_code == 0, result.output
    assert "stories 2 (2 new)" in result.output  # words alone still tell Nepal from Chile
    result = runner.invoke(app(), ["ingest", str(path), "--db", str(db), "--embedder", "minilm-onnx"])
    assert result.exit_code == 1
    assert "groups articles with the embedder 'none', not 'minilm-onnx'" in result.output
    assert "--embedder none" in result.output
    result = runner.invoke(app(), ["ingest", str(path), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0 and "duplicates 4" in result.output, result.output

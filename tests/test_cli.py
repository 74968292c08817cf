"""The command line end to end: outputs, batch mode, and every kind of bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app

FAST = {"NEWSFUSE_EMBEDDER": "hashing", "NEWSFUSE_FACTS": "false"}
runner = CliRunner()

A = "The city council approved the new budget on Tuesday after a long debate. The vote was 7 to 2."
B = "On Tuesday the council passed the city budget following hours of debate. Two members voted against it."


def invoke(*args: str) -> object:
    return runner.invoke(app, list(args), env=FAST, catch_exceptions=False)


@pytest.fixture()
def two(tmp_path: Path) -> list[str]:
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.txt").write_text(B)
    return [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_cli_json_output_file(two: list[str], tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    result = invoke("brief", *two, "--format", "json", "-o", str(out), "--words", "40")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    data = json.loads(out.read_text())
    assert data["schema"] == "newsfuse.brief/1" and len(data["sources"]) == 2
    assert data["summary"] and all(item["sources"] for item in data["summary"])
    assert not list(tmp_path.glob(".brief.json.*"))  # no temporary file left behind


def test_cli_folder_and_glob_and_html(two: list[str], tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    assert invoke("brief", str(tmp_path), "-f", "html", "-o", str(out)).exit_code == 0  # type: ignore[attr-defined]
    assert out.read_text().startswith("<!doctype html>")
    result = invoke("brief", str(tmp_path / "*.txt"), "-f", "markdown")
    assert "## Summary" in result.output  # type: ignore[attr-defined]


def test_cli_stdin_jsonl(tmp_path: Path) -> None:
    lines = "\n".join(json.dumps({"id": i, "text": t, "outlet": o}) for i, t, o in
                      [("x1", A, "Gazette"), ("x2", B, "Herald")])
    result = runner.invoke(app, ["brief", "-", "-f", "json"], input=lines, env=FAST)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [s["id"] for s in data["sources"]] == ["x1", "x2"]  # the caller's ids are kept
    assert [s["outlet"] for s in data["sources"]] == ["Gazette", "Herald"]


def test_cli_clusters_batch(tmp_path: Path) -> None:
    clusters = tmp_path / "clusters.jsonl"
    clusters.write_text("\n".join(json.dumps({"id": f"c{n}", "docs": [{"doc_id": f"d{n}a", "text": A},
                                                                      {"doc_id": f"d{n}b", "text": B}]})
                                  for n in range(3)) + "\n")
    out = tmp_path / "briefs.jsonl"
    result = invoke("brief", "--clusters", str(clusters), "--format", "jsonl", "--words", "30", "-o", str(out))
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["c0", "c1", "c2"]
    assert all(r["summary"] for r in rows)


def test_cli_clusters_bad_cluster_is_reported_not_dropped(tmp_path: Path) -> None:
    clusters = tmp_path / "clusters.jsonl"
    clusters.write_text(json.dumps({"id": "good", "docs": [{"text": A}, {"text": B}]}) + "\n"
                        + json.dumps({"id": "empty", "docs": [{"text": "   "}]}) + "\n")
    out = tmp_path / "briefs.jsonl"
    result = runner.invoke(app, ["brief", "--clusters", str(clusters), "-f", "jsonl", "-o", str(out)], env=FAST)
    assert result.exit_code == 1
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows[0]["id"] == "good" and rows[1] == {"id": "empty", "error": rows[1]["error"]}


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (tmp_path / "nothing").mkdir()
    return {
        "missing": ([str(tmp_path / "nope.txt")], "nope.txt"),
        "empty": ([str(tmp_path / "empty.txt")], "empty.txt"),
        "binary": ([str(tmp_path / "binary.txt")], "binary.txt"),
        "too-large": ([str(big)], "big.txt"),
        "empty-folder": ([str(tmp_path / "nothing")], "no article"),
    }


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "too-large", "empty-folder"])
def test_cli_bad_input_one_line_error_no_output(case: str, tmp_path: Path) -> None:
    args, expected = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out.json"
    env = {**os.environ, **FAST}
    proc = subprocess.run([sys.executable, "-m", "newsfuse", "brief", *args, "-f", "json", "-o", str(out)],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "error" in lines[0] and expected in lines[0], proc.stderr
    assert not out.exists() and not list(tmp_path.glob(".out.json.*"))


def test_cli_one_article_works_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "only.txt").write_text(A)
    result = invoke("brief", str(tmp_path / "only.txt"), "-f", "json")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    data = json.loads(result.output)  # type: ignore[attr-defined]
    assert any("only one source" in n for n in data["notes"])


def test_cli_skips_empty_file_among_others_with_warning(two: list[str], tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["brief", *two, str(tmp_path / "empty.txt"), "-f", "json"], env=FAST)
    assert result.exit_code == 0
    assert "empty.txt" in result.stderr and "warning" in result.stderr


def test_cli_unknown_format() -> None:
    result = runner.invoke(app, ["brief", "x.txt", "-f", "pdf"], env=FAST)
    assert result.exit_code == 2 and "unknown format" in result.stderr  # a usage error


@pytest.mark.parametrize(("typed", "first"), [("md", "# "), ("mark", "# "), ("JSON", "{"), ("htm", "<!doctype")])
def test_cli_format_by_its_usual_short_name_or_a_unique_start(two: list[str], typed: str, first: str) -> None:
    result = runner.invoke(app, ["brief", *two, "-f", typed], env=FAST)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.lstrip().lower().startswith(first)


def test_cli_format_start_that_names_two_formats_is_a_usage_error(two: list[str]) -> None:
    result = runner.invoke(app, ["brief", *two, "-f", "js"], env=FAST)  # json or jsonl
    assert result.exit_code == 2 and "unknown format 'js'" in result.stderr


def test_cli_recoverable_input_warns_and_goes_on(tmp_path: Path) -> None:
    # A malformed JSONL line among good ones, and a cp1252 file: warned about by name, nothing lost.
    (tmp_path / "bad.jsonl").write_text(json.dumps({"id": "ok", "text": A}) + "\n{not json\n")
    (tmp_path / "latin.txt").write_bytes("Caf\u00e9 owners met the mayor on Monday to discuss rent.".encode("cp1252"))
    result = runner.invoke(app, ["brief", str(tmp_path / "bad.jsonl"), str(tmp_path / "latin.txt"), "-f", "json"],
                           env=FAST)
    assert result.exit_code == 0, result.stderr
    assert "bad.jsonl:2" in result.stderr and "latin.txt" in result.stderr
    data = json.loads(result.stdout)
    assert [s["id"] for s in data["sources"]] == ["ok", "latin"]

"""`newsfuse read`: the articles exactly as `brief` reads and cleans them, one JSON object per line
(or markdown to read), and bad input handled as `brief` handles it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.ingest import read_articles

runner = CliRunner()
FIELDS = ["id", "outlet", "outlet_from", "wire", "title", "url", "published", "published_from", "language", "origin",
          "text", "removed"]


def _rows(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_read_jsonl_is_what_read_articles_gives(examples_dir: Path) -> None:
    result = runner.invoke(app, ["read", str(examples_dir), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    expected = read_articles([str(examples_dir)]).articles
    assert [r["id"] for r in rows] == [a.id for a in expected]
    assert all(list(r) == FIELDS for r in rows)
    for row, article in zip(rows, expected, strict=True):
        assert row["text"] == article.text and row["title"] == article.title
        assert (row["outlet"], row["outlet_from"]) == (article.outlet, article.outlet_from)
        assert row["published"] == (article.published.isoformat() if article.published else None)
        assert row["removed"] == [{"line": r.line, "reason": r.reason, "detail": r.detail, "text": r.text}
                                  for r in article.removed]
    herald = next(r for r in rows if r["id"] == "lowmere-herald")
    assert herald["published_from"] and herald["language"] == "en"
    assert {"byline", "advertisement", "copyright"} <= {r["reason"] for r in herald["removed"]}  # type: ignore[union-attr]
    assert any(r["wire"] for r in rows)  # the wire copy says whose copy it is


def test_read_seeds_one_line_per_article_with_every_removal(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "seeds.jsonl"
    result = runner.invoke(app, ["read", str(seeds_dir / "*.txt"), "-f", "JSONL", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = _rows(out.read_text(encoding="utf-8"))
    expected = read_articles(sorted(str(p) for p in seeds_dir.glob("*.txt"))).articles
    assert sorted(r["id"] for r in rows) == sorted(a.id for a in expected)  # type: ignore[type-var]
    by_id = {a.id: a for a in expected}
    for row in rows:
        article = by_id[str(row["id"])]
        assert row["text"] == article.text
        assert len(row["removed"]) == len(article.removed)  # type: ignore[arg-type]
    assert sum(len(r["removed"]) for r in rows) > 0  # type: ignore[misc,arg-type]


def test_read_markdown_shows_metadata_text_and_removals(examples_dir: Path) -> None:
    result = runner.invoke(app, ["read", str(examples_dir / "lowmere-herald.txt")])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("## Lowmere counts its dead as the Marrow River falls")
    assert "outlet: Lowmere Herald (from copyright)" in text and "published: 2024-03-14 (from byline)" in text
    assert "### Removed by cleaning (6)" in text and "- line 3, byline: By Anna Petrovic" in text


def test_read_bad_input_like_brief(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["read", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and missing.stderr.count("newsfuse: error:") == 1 and "nope.txt" in missing.stderr
    (tmp_path / "empty").mkdir()
    nothing = runner.invoke(app, ["read", str(tmp_path / "empty")])
    assert nothing.exit_code == 3 and "no article" in nothing.stderr  # nothing done
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "ok", "text": "The council met on Monday."}) + "\n{bad\n")
    skipped = runner.invoke(app, ["read", str(tmp_path / "a.jsonl"), "-f", "jsonl"])
    assert skipped.exit_code == 0
    assert "warning: skipped" in skipped.stderr and "a.jsonl:2" in skipped.stderr
    assert [r["id"] for r in _rows(skipped.stdout)] == ["ok"]
    unknown = runner.invoke(app, ["read", str(tmp_path / "a.jsonl"), "-f", "csv"])
    assert unknown.exit_code == 2 and "unknown format 'csv'" in unknown.stderr


def test_read_as_a_real_process(examples_dir: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "newsfuse", "read", str(examples_dir), "-f", "jsonl"],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 4

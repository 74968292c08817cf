"""The command line as a new user meets it: --version, help with every default and no type noise,
case-insensitive formats, one line of JSON per brief, the user's umask on -o files, one error style
with documented exit codes, refused summary lengths, and counts in good English."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from newsfuse import __version__
from newsfuse.cli import app
from newsfuse.cli._common import EXIT_ERROR, EXIT_NOTHING, EXIT_USAGE
from newsfuse.config import bounds

LOW, HIGH = (int(b) for b in bounds("words"))

FAST = {"NEWSFUSE_EMBEDDER": "hashing", "NEWSFUSE_FACTS": "false"}
runner = CliRunner()
A = "The city council approved the new budget on Tuesday after a long debate. The vote was 7 to 2."
B = "On Tuesday the council passed the city budget following hours of debate. Two members voted against it."
COMMANDS = ["brief", "read", "ingest", "stories", "serve"]
# Options whose absence is the default: a mode or a filter that is off unless given.
NO_DEFAULT = {"clusters", "db", "story", "outlet", "since", "until", "search", "token"}


@pytest.fixture()
def two(tmp_path: Path) -> list[str]:
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.txt").write_text(B)
    return [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"newsfuse {__version__}"
    proc = subprocess.run([sys.executable, "-m", "newsfuse", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout.strip() == f"newsfuse {__version__}"


@pytest.mark.parametrize("name", COMMANDS)
def test_help_shows_every_default_and_no_bool(name: str) -> None:
    result = runner.invoke(app, [name, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout
    group = typer.main.get_command(app)
    command = group.commands[name]  # type: ignore[attr-defined]
    with command.make_context(name, ["--help"], resilient_parsing=True) as ctx:
        params = command.get_params(ctx)
    for param in params:
        if param.required or param.name in NO_DEFAULT or param.name == "help" or param.param_type_name == "argument":
            continue
        if param.is_flag and not param.secondary_opts and param.default is False:
            continue  # a switch, off unless given
        said = "[default:" in (param.help or "") or (param.default is not None and param.show_default is not False)
        assert said, f"newsfuse {name} --{param.name}: no default in its help"


def test_format_names_are_case_insensitive(two: list[str]) -> None:
    result = runner.invoke(app, ["brief", *two, "-f", "JSON"], env=FAST)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["schema"] == "newsfuse.brief/1"


def test_jsonl_for_one_brief_is_one_line(two: list[str], tmp_path: Path) -> None:
    out = tmp_path / "brief.jsonl"
    result = runner.invoke(app, ["brief", *two, "--format", "jsonl", "-o", str(out)], env=FAST)
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["schema"] == "newsfuse.brief/1"


@pytest.fixture()
def umask() -> Iterator[None]:
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_output_file_gets_the_user_s_umask(two: list[str], tmp_path: Path, umask: None, mask: int,
                                           mode: int) -> None:
    os.umask(mask)
    out = tmp_path / "brief.md"
    result = runner.invoke(app, ["brief", *two, "-o", str(out)], env=FAST)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == mode


@pytest.mark.parametrize(("args", "code", "message"), [
    (["brief", "--wrds", "3"], EXIT_USAGE, "No such option: --wrds"),
    (["brief", "--words", "abc", "x.txt"], EXIT_USAGE, "--words"),
    (["brief", "{tmp}/a.txt", "-f", "pdf"], EXIT_USAGE, "unknown format 'pdf'"),
    (["brief", "--db", "{tmp}/news.db"], EXIT_USAGE, "--db and --story go together"),
    (["brief", "{tmp}/missing.txt"], EXIT_ERROR, "missing.txt: no such file or folder"),
    (["brief", "{tmp}/empty"], EXIT_NOTHING, "no article"),
    (["nonsense"], EXIT_USAGE, "No such command"),
])
def test_one_error_style_and_exit_codes(two: list[str], tmp_path: Path, args: list[str], code: int,
                                        message: str) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, [a.replace("{tmp}", str(tmp_path)) for a in args], env=FAST)
    assert result.exit_code == code, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("newsfuse: error: ") and message in lines[0], result.stderr
    assert "╭" not in result.output and "Traceback" not in result.output


def test_newsfuse_alone_shows_help() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0 and "brief" in result.output and "read" in result.output


@pytest.mark.parametrize("words", ["-5", "0", str(LOW - 1), str(HIGH + 1)])
def test_words_out_of_range_is_refused(two: list[str], words: str) -> None:
    result = runner.invoke(app, ["brief", *two, "--words", words, "-f", "json"], env=FAST)
    assert result.exit_code == EXIT_USAGE, result.output
    assert result.stdout == ""
    assert result.stderr.strip() == f"newsfuse: error: --words must be from {LOW:,} to {HIGH:,}, got {words}"


def test_words_at_the_bounds_are_taken(two: list[str]) -> None:
    result = runner.invoke(app, ["brief", *two, "--words", str(LOW), "-f", "json"], env=FAST)
    assert result.exit_code == 0 and json.loads(result.stdout)["words"] == LOW


def test_words_refused_in_a_real_process(two: list[str]) -> None:
    proc = subprocess.run([sys.executable, "-m", "newsfuse", "brief", *two, "--words", "-5"], capture_output=True,
                          text=True, timeout=60, env={**os.environ, **FAST})
    assert proc.returncode == EXIT_USAGE and proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [f"newsfuse: error: --words must be from {LOW:,} to {HIGH:,}, got -5"]


def test_counts_in_good_english(tmp_path: Path) -> None:
    (tmp_path / "only.txt").write_text(A)
    result = runner.invoke(app, ["brief", str(tmp_path / "only.txt")], env=FAST)
    assert result.exit_code == 0, result.output
    assert "*1 source, 1 independent;" in result.stdout and "0 conflicts.*" in result.stdout
    assert "1 sources" not in result.stdout and "1 claims" not in result.stdout


def test_counts_in_good_english_for_coverage() -> None:
    from newsfuse.render.markdown import render_markdown
    from newsfuse.types import Article, Brief, Claim, Evidence, Source

    sources = [Source(number=i + 1, article=Article(id=f"s{i}", text="x", outlet=f"O{i}"), origin=i)
               for i in range(3)]
    claim = Claim(id=1, text="A point.", evidence=[Evidence(source="s0", sentence=0, text="A point.")],
                  sources=["s0"], independent=1)
    text = render_markdown(Brief(id="b", sources=sources, summary=[], claims=[claim], unique={"s0": [1]}, missing={"s1": [1]}))
    assert "1 claim of its own" in text and "leaves out 1 widely reported claim\n" in text
    assert "0 noise lines removed" in text

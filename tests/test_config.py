from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.config import Settings, describe, flatten, load_settings, resolve_settings
from newsfuse.engine import LocalEngine
from newsfuse.errors import ConfigError
from newsfuse.pipeline import brief
from newsfuse.store import Store
from newsfuse.stream import ingest
from newsfuse.types import Article

ROOT = Path(__file__).resolve().parents[1]
STORY = ("The council said on Tuesday that the old bridge over the river Lowe would close for repairs after "
         "engineers found cracks in two of its piers. Traffic will be diverted through the town centre.")


def test_config_layers_file_env_overrides(tmp_path: Path) -> None:
    config = tmp_path / "newsfuse.toml"
    config.write_text('words = 200\nembedder = "hashing"\n')
    settings = load_settings(config, env={"NEWSFUSE_WORDS": "150"}, facts=False)
    assert settings.embedder == "hashing"  # from the file
    assert settings.words == 150  # env beats the file
    assert settings.facts is False  # explicit beats everything
    assert settings.spacy_model == Settings().spacy_model  # untouched default


def test_config_rejects_unknown_and_bad_values(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown setting"):
        load_settings(env={}, colour="red")
    with pytest.raises(ConfigError, match="must be int"):
        load_settings(env={"NEWSFUSE_WORDS": "many"})
    bad = tmp_path / "bad.toml"
    bad.write_text("words = [")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad, env={})


def test_sections_come_from_the_file_the_environment_and_arguments(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('words = 150\n[group]\nthreshold = 0.3\nembedder = "none"\n[web]\nmax_urls = 3\n'
                   'allowed_hosts = ["a.example"]\n[fetch]\ntimeout = 5\n', encoding="utf-8")
    resolved = resolve_settings(cfg, env={"NEWSFUSE_GROUP_QUIET_DAYS": "3", "NEWSFUSE_WEB_MAX_URLS": "4"},
                                fetch_timeout=7.5, engine_workers=None)
    s = resolved.settings
    assert (s.words, s.group.threshold, s.group.embedder, s.group.quiet_days) == (150, 0.3, "none", 3)
    assert (s.web.max_urls, s.web.allowed_hosts, s.fetch.timeout) == (4, ("a.example",), 7.5)
    assert resolved.origins["group.threshold"] == f"file {cfg}"
    assert resolved.origins["web.max_urls"] == "env NEWSFUSE_WEB_MAX_URLS"
    assert resolved.origins["fetch.timeout"] == "flag"
    assert resolved.origins["engine.workers"] == "default"  # None: a flag not given
    assert s.group_embedder == "none"


def test_the_grouping_model_follows_the_brief_model_unless_set() -> None:
    assert Settings().replace(embedder="hashing").group_embedder == "hashing"
    # The brief's default model is not grouping's: words within a language, the cross model across.
    assert Settings().group_embedder == "words"
    assert Settings().replace(group_embedder="minilm-onnx").group_embedder == "minilm-onnx"
    assert Settings().replace(embedder="hashing", group_embedder="none").group_embedder == "none"


@pytest.mark.parametrize(("name", "value", "message"), [
    ("words", -5, "setting 'words' must be from 10 to 2,000, got -5"),
    ("group_threshold", 1.5, "setting 'group.threshold' must be from 0 to 1, got 1.5"),
    ("web.port", 0, "setting 'web.port' must be from 1 to 65,535, got 0"),
    ("words", True, "setting 'words' must be int, got True"),
    ("words", 12.5, "setting 'words' must be int, got 12.5"),
    ("group.nope", 1, "unknown setting 'group.nope'"),
])
def test_out_of_range_and_unknown_settings_are_one_line_errors(name: str, value: object, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings().replace(**{name: value})
    assert caught.value.message == message


def test_an_unknown_section_in_the_file_names_the_file(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[grouping]\nthreshold = 0.3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"unknown section \[grouping\]") as caught:
        load_settings(cfg, env={})
    assert caught.value.path == str(cfg)


def test_every_setting_is_documented_and_bounded() -> None:
    docs = describe()
    assert set(docs) == set(flatten(Settings()))
    for name, row in docs.items():
        assert row["doc"], name
        if row["type"] in {"int", "float"}:
            assert row["low"] is not None and row["high"] is not None, name
            assert row["low"] <= row["default"] <= row["high"], name


def test_config_command_shows_values_and_where_they_came_from(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[group]\nthreshold = 0.31\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["config", "--config", str(cfg), "-f", "json"], env={"NEWSFUSE_WORDS": "90"})
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.stdout)["settings"]}
    assert (rows["words"]["value"], rows["words"]["from"]) == (90, "env NEWSFUSE_WORDS")
    assert (rows["group.threshold"]["value"], rows["group.threshold"]["from"]) == (0.31, f"file {cfg}")
    assert rows["embedder"]["from"] == "default"


def test_the_toml_the_config_command_writes_reads_back(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("words = 90\n[web]\nallowed_hosts = [\"a.example\"]\n", encoding="utf-8")
    out = tmp_path / "out.toml"
    result = CliRunner().invoke(app, ["config", "--config", str(cfg), "-f", "toml", "-o", str(out)], env={})
    assert result.exit_code == 0, result.output
    assert load_settings(out, env={}) == load_settings(cfg, env={})


def test_a_bad_setting_in_the_environment_stops_the_brief(tmp_path: Path) -> None:
    story = tmp_path / "a.txt"
    story.write_text("The council closed the bridge on Tuesday after engineers found cracks.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["brief", str(story)], env={"NEWSFUSE_WORDS": "-5"})
    assert result.exit_code == 1
    assert result.stderr.strip() == "newsfuse: error: setting 'words' must be from 10 to 2,000, got '-5' [E200]"


def test_a_brief_and_a_store_record_the_settings_they_were_made_with(tmp_path: Path) -> None:
    settings = Settings().replace(embedder="hashing", facts=False, words=60, group_embedder="none")
    made = brief([STORY, STORY.replace("Tuesday", "Monday")], settings=settings).to_dict()
    assert made["settings"] == settings.to_dict() and made["settings"]["words"] == 60
    with Store.open(tmp_path / "s.db") as store:
        ingest([Article(id="a", text=STORY)], store, LocalEngine(workers=1), settings=settings)
        recorded = json.loads(store.get_meta("settings"))
    assert recorded["group.embedder"] == "none" and recorded["embedder"] == "hashing"


def test_the_readme_lists_every_setting() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from settings_table import table

    assert table() in (ROOT / "README.md").read_text(encoding="utf-8")

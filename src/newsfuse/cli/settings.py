"""`newsfuse config`: the settings a command would run with, and where each came from (a default,
the TOML file, a `NEWSFUSE_*` variable), with its bounds and one line of help. The settings
themselves, their defaults and their bounds are defined once, in `newsfuse.config`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from newsfuse.cli._common import choose, command, fail_on, write_text
from newsfuse.config import DEFAULT_CONFIG_PATH, describe, flatten, resolve_settings
from newsfuse.errors import NewsfuseError

CONFIG_FORMATS = ("table", "json", "toml")


@command("config")
def config_command(
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.",
                                                show_default=f"$NEWSFUSE_CONFIG, else {DEFAULT_CONFIG_PATH}")]
    = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table (to read), json, or toml (a file to start "
                                                            "from).")] = "table",
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.",
                                             show_default="stdout")] = None,
) -> None:
    """Print the resolved settings: each value, where it came from, and what it does."""
    fmt = choose(fmt, CONFIG_FORMATS)
    try:
        resolved = resolve_settings(config)
    except NewsfuseError as exc:
        fail_on(exc)
    values = flatten(resolved.settings)
    docs = describe()
    if fmt == "json":
        rows = [{"name": name, "value": _plain(value), "from": resolved.origins[name], "default": docs[name]["default"],
                 "low": docs[name]["low"], "high": docs[name]["high"], "doc": docs[name]["doc"]}
                for name, value in values.items()]
        write_text(json.dumps({"file": str(resolved.file) if resolved.file else None, "settings": rows},
                              ensure_ascii=False, indent=1) + "\n", out)
    elif fmt == "toml":
        write_text(_toml(values, docs), out)
    else:
        write_text(_table(values, resolved.origins, docs, resolved.file), out)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _toml_value(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False) if not isinstance(value, bool) else str(value).lower()


def _toml(values: dict[str, Any], docs: dict[str, dict[str, Any]]) -> str:
    lines = ["# newsfuse settings (`newsfuse config -f toml`); delete what you keep at its default."]
    section = ""
    for name, value in values.items():
        head, _, key = name.rpartition(".")
        if head != section:
            section = head
            lines += ["", f"[{head}]"]
        lines.append(f"# {docs[name]['doc']}")
        lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def _table(values: dict[str, Any], origins: dict[str, str], docs: dict[str, dict[str, Any]],
           file: Path | None) -> str:
    width = max(len(n) for n in values)
    shown = {n: json.dumps(_plain(v), ensure_ascii=False) for n, v in values.items()}
    value_width = min(max(len(v) for v in shown.values()), 40)
    lines = [f"# settings file: {file if file else f'none (looked for $NEWSFUSE_CONFIG, {DEFAULT_CONFIG_PATH})'}"]
    for name in values:
        lines.append(f"{name:<{width}}  {shown[name]:<{value_width}}  {origins[name]:<8}  # {docs[name]['doc']}")
    return "\n".join(lines) + "\n"

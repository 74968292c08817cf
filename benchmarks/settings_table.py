"""Print the README's settings table from newsfuse.config (tests/test_config.py checks they agree).

    python benchmarks/settings_table.py
"""

from __future__ import annotations

import json

from newsfuse.config import describe


def number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def table() -> str:
    rows = ["| setting | default | range | what it does |", "|---|---|---|---|"]
    for name, r in describe().items():
        default = json.dumps(r["default"], ensure_ascii=False)
        bounds = "" if r["low"] is None else f"{number(r['low'])} – {number(r['high'])}"
        rows.append(f"| `{name}` | `{default}` | {bounds} | {r['doc'].replace('|', '/')} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(table(), end="")

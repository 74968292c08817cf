"""Compare two folders made by benchmarks/fingerprint.sh: what the pipeline computed, before and after
a change that should compute nothing new.

    python benchmarks/fingerprint_compare.py /tmp/before /tmp/after      # exit 1 on any difference

Briefs are compared as JSON without their `settings` (what they were made with); stories by id,
title and members (their JSON shape may gain fields); everything else byte for byte. The first
difference of each file is printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def brief(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "settings"}


def same(old: Path, new: Path) -> bool:
    if old.name.endswith(".stories.json"):
        members = [{s["id"]: (s["title"], s["articles"]) for s in json.loads(p.read_text())} for p in (old, new)]
        return members[0] == members[1]
    if old.suffix == ".json":
        return brief(json.loads(old.read_text())) == brief(json.loads(new.read_text()))
    if old.suffix == ".jsonl":
        rows = [[brief(json.loads(line)) for line in p.read_text().splitlines()] for p in (old, new)]
        for i, (a, b) in enumerate(zip(*rows, strict=False)):
            if a != b:
                key = next(k for k in {*a, *b} if a.get(k) != b.get(k))
                print(f"  {old.name} line {i + 1}: {key}: {str(a.get(key))[:160]} | {str(b.get(key))[:160]}")
                return False
        return len(rows[0]) == len(rows[1])
    return old.read_bytes() == new.read_bytes()


def main() -> int:
    before, after = Path(sys.argv[1]), Path(sys.argv[2])
    differ = 0
    for old in sorted(before.iterdir()):
        if old.suffix in {".db", ".lock"} or old.name.endswith((".ingest.txt", ".in.jsonl")):
            continue
        ok = (after / old.name).exists() and same(old, after / old.name)
        differ += not ok
        print(f"{'same     ' if ok else 'DIFFERENT'} {old.name}")
    print("identical" if not differ else f"{differ} file(s) differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

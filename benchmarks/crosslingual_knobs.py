"""The cross-language grouping knobs on every mix: seven languages and en + fr + ar, chunks of 512 and 64.

    python benchmarks/crosslingual_knobs.py tune,report 2.5:0.2,2.5:0.25,3:0.25 512,64

Arguments: the parts (tune = MultiLing M000-M004, report = M005-M009), the (cross_weight:cross_floor)
settings, the chunk sizes. B-cubed F1, mean of three shuffled orders, as `crosslingual_stories.py`
computes it (same features and cache). Choose on the tune columns only.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import crosslingual_stories as cs
from newsfuse.config import Settings

MIXES = (("ar", "cs", "el", "en", "fr", "he", "hi"), ("en", "fr", "ar"))


def main(argv: list[str]) -> None:
    parts = argv[0].split(",")
    grid = [tuple(float(x) for x in g.split(":")) for g in argv[1].split(",")]
    chunks = [int(c) for c in (argv[2] if len(argv) > 2 else "512").split(",")]
    settings = Settings()
    data = {}
    for langs in MIXES:
        rows = cs.load_rows(langs)
        data[langs] = (rows, cs.features(cs.read(rows), settings.embedder, settings.cross_embedder, False))
    for weight, floor in grid:
        config = dataclasses.replace(settings.group, cross_weight=weight, cross_floor=floor)
        cells = []
        for langs, (rows, feats) in data.items():
            for part in parts:
                chosen = [r for r in rows if (r["label"] in cs.TUNE) == (part == "tune")]
                items = [feats[r["id"]] for r in chosen if r["id"] in feats]
                for chunk in chunks:
                    f1 = cs.mean_f1(items, chosen, config, True, 3, chunk)[2]
                    cells.append(f"{len(langs)}L/{part}/c{chunk}={f1:.3f}")
        print(weight, floor, " ".join(cells), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

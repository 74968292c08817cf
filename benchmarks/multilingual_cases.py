"""The hand-written reports of tests/data/multilingual (issue 16), briefed per language: the
disagreements written into them found, quotes with a speaker, publication dates read, noise removed,
entities (none where no spaCy model ships for the language).

    python benchmarks/multilingual_cases.py

The expected disagreements are the ones the texts were written with (our own writing, like the
issue's examples); a pair counts as found when one reported conflict or update holds a value with
each side's words.
"""

from __future__ import annotations

import time
from pathlib import Path

from newsfuse.pipeline import brief

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "multilingual"
EXPECTED: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "fr": [(("trois",), ("quatre",)), (("80", "quatre-vingts"), ("une centaine",)),
           (("deux heures", "2 heures"), ("2 h 30",))],
    "de": [(("drei",), ("zwei",))],
    "es": [(("cinco",), ("siete",)), (("una decena",), ("unas veinte",))],
    "it": [(("due",), ("tre",))],
}


def main() -> None:
    print("| language | articles | disagreements found | quotes with a speaker | dates read | noise lines removed | "
          "entities | seconds |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for lang, expected in EXPECTED.items():
        files = sorted(DATA.glob(f"{lang}-*.txt"))
        started = time.perf_counter()
        b = brief(files)
        seconds = time.perf_counter() - started
        reported = [[v.value.lower() for v in c.values] for c in [*b.conflicts, *b.updates]]
        found = sum(any(any(any(w in v for w in left) for v in vals) and any(any(w in v for w in right) for v in vals)
                        for vals in reported) for left, right in expected)
        quotes = [q for q in b.quotes if not q.term]
        print(f"| {lang} | {len(files)} | {found}/{len(expected)} | {sum(bool(q.speaker) for q in quotes)}/{len(quotes)} | "
              f"{sum(s.article.published is not None for s in b.sources)}/{len(files)} | "
              f"{sum(len(s.article.removed) for s in b.sources)} | {len(b.entities)} | {seconds:.1f} |")


if __name__ == "__main__":
    main()

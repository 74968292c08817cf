"""What a brief tells of figures that change, as numbers: the tests of hand-written stories told over
days (tests/test_ledger_updates*.py) brief a folder's stories once each and compare them with what was
planted."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from newsfuse.types import Brief


def amount(normalized: str) -> float:
    got = re.search(r"\d+(?:\.\d+)?", normalized.replace(",", ""))
    assert got is not None, normalized
    return float(got.group())


def chains(b: Brief) -> list[list[float]]:
    """Each update's values, in the order told."""
    return [[amount(v.normalized) for v in u.values] for u in b.updates]


def ordered(chain: list[float], *values: float) -> bool:
    """`values` all in `chain`, in this order."""
    at = [chain.index(v) for v in values if v in chain]
    return len(at) == len(values) and at == sorted(at)


def figure_conflicts(b: Brief) -> list[set[float]]:
    return [{amount(v.normalized) for v in c.values} for c in b.conflicts
            if c.kind in {"count", "number", "money", "duration"}]


class Stories:
    """The stories of one folder of reports (`<story>-*.txt`), each briefed once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.story = lru_cache(maxsize=4)(self._brief)

    def _brief(self, name: str) -> Brief:
        from newsfuse import brief

        return brief(sorted(str(p) for p in self.folder.glob(f"{name}-*.txt")), id=name)

    def told(self, name: str) -> list[list[float]]:
        return chains(self.story(name))

    def figure_conflicts(self, name: str) -> list[set[float]]:
        return figure_conflicts(self.story(name))

"""What a brief tells of figures that change, as numbers: the tests of hand-written stories told over
days (tests/test_ledger_updates*.py) compare them with what was planted."""

from __future__ import annotations

import re

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

"""How a figure conflict's sides are told: the statements grouped by the value they give, each value's
surfaces, sources and evidence, its normalized form, the conflict's kind and what it is about."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from newsfuse.compare.values import Stated, compare_values, written
from newsfuse.types import ConflictKind, ConflictValue, Evidence


def value_buckets(items: list[Stated], group: list[int]) -> list[list[Stated]]:
    """The statements of one conflict, in groups that give one value."""
    buckets: list[list[Stated]] = []
    for i in group:
        s = items[i]
        for bucket in buckets:
            if all(compare_values(s, t).consistent for t in bucket):
                bucket.append(s)
                break
        else:
            buckets.append([s])
    return buckets


def value_groups(buckets: list[list[Stated]]) -> list[ConflictValue]:
    values = []
    for bucket in buckets:
        surfaces = list(dict.fromkeys(s.surface for s in bucket))
        evidence = list(dict.fromkeys(Evidence(s.source, s.key[1], s.main.text) for s in bucket))
        values.append(ConflictValue(value=" | ".join(surfaces), normalized=normalized(bucket[0]),
                                    sources=list(dict.fromkeys(s.source for s in bucket)), evidence=evidence))
    return values


def normalized(s: Stated) -> str:
    f = s.face("USD") or s.main
    q = f.quantity
    unit = q.unit if q.kind != "count" else q.unit or "items"
    high = f"-{q.high:g}" if q.high is not None else ""
    return f"{written(q)}{high} {unit}".strip()


def conflict_kind(s: Stated) -> ConflictKind:
    kind = s.main.quantity.kind
    return "money" if kind == "money" else "duration" if kind == "duration" else \
        "count" if kind == "count" else "number"


def about(items: list[Stated], group: Iterable[int]) -> str:
    measures = Counter(items[i].main.quantity.measures for i in group if items[i].main.quantity.measures)
    kind = items[next(iter(group))].main.quantity.kind
    what = " / ".join(m for m, _ in measures.most_common(2)) or "a figure"
    prefix = {"money": "amount for", "duration": "how long: ", "count": "number of", "percent": "share:",
              "age": "age:", "number": "figure for"}.get(kind, "")
    return f"{prefix} {what}".replace(":  ", ": ").strip()

"""A source counts for a claim only if what it says agrees with it.

Claims are built from sentence vectors, which barely see numbers: "killing nine people" and "killing
eleven people" join one claim. Once the facts stage has found that those sentences carry different
values of one fact (a conflict, or an update), the claim keeps the sources that agree with its own
sentence and names the others as contradicting it; its corroboration count and the summary's
citations follow. Titles and quotes are left alone: a title variant in another clause says nothing
about the claim's point.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.types import Brief, Claim, ConflictValue, SummaryItem

# Kinds of disagreement that are about the point a sentence makes (its figures and dates).
POINT_KINDS = frozenset({"number", "money", "date", "duration", "count"})

Key = tuple[str, int]


def _sides(brief: Brief) -> list[list[set[Key]]]:
    """For each conflict or update on a claim's point: the sentences carrying each of its values."""
    out: list[list[set[Key]]] = []
    groups: list[Sequence[ConflictValue]] = [c.values for c in brief.conflicts if c.kind in POINT_KINDS]
    for u in brief.updates:
        groups.append([ConflictValue(v.value, v.normalized, v.sources, v.evidence) for v in u.values])
    for values in groups:
        out.append([{(e.source, e.sentence) for e in v.evidence} for v in values])
    return out


def _own_side(claim: Claim, sides: list[set[Key]]) -> int | None:
    """The value the claim's own (representative) sentence gives, if it gives one."""
    for e in claim.evidence:
        if e.text == claim.text:
            for k, keys in enumerate(sides):
                if (e.source, e.sentence) in keys:
                    return k
    return None


def honest_support(brief: Brief) -> None:
    """Move the sources that contradict each claim's point out of its support (in place)."""
    sides_of = _sides(brief)
    if not sides_of:
        return
    origin = {s.article.id: s.origin for s in brief.sources}
    changed: dict[int, set[str]] = {}
    for claim in brief.claims:
        against: set[str] = set()
        for sides in sides_of:
            mine = _own_side(claim, sides)
            if mine is None:
                continue
            for e in claim.evidence:
                key = (e.source, e.sentence)
                if any(key in keys for k, keys in enumerate(sides) if k != mine) and key not in sides[mine]:
                    against.add(e.source)
        if against:
            _drop(claim, against, origin)
            changed[claim.id] = against
    for item in brief.summary:
        if item.claim in changed:
            _drop_item(item, changed[item.claim], origin)


def _drop(claim: Claim, against: set[str], origin: dict[str, int]) -> None:
    claim.evidence = [e for e in claim.evidence if e.source not in against]
    claim.sources = [s for s in claim.sources if s not in against]
    claim.against = sorted(set(claim.against) | against)
    claim.independent = _independent(claim.sources, origin)


def _drop_item(item: SummaryItem, against: set[str], origin: dict[str, int]) -> None:
    item.evidence = [e for e in item.evidence if e.source not in against]
    item.sources = [s for s in item.sources if s not in against]
    item.independent = _independent(item.sources, origin)


def _independent(sources: Sequence[str], origin: dict[str, int]) -> int:
    return len({origin.get(s, hash(s)) for s in sources})


"""A source counts for a claim only if what it says agrees with it.

Claims are built from sentence vectors, which barely see numbers: "killing nine people" and "killing
eleven people" join one claim. Once the facts stage has found that those sentences carry different
values of one fact (a conflict, or an update), the claim keeps the sources that agree with its own
sentence and names the others as contradicting it; its corroboration count and the summary's
citations follow. A quote's words and its speaker are the point of the sentence that quotes them
("'We are doing everything we can,' Kamau told reporters" is not vouched for by the report that gives
the words to Wanjiru, nor "the brakes failed" by the one that has them "give way"). Titles are left
alone: a title variant in another clause says nothing about the claim's point.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.types import Brief, Claim, ConflictValue, Evidence, SummaryItem, TimelineEvent

# Kinds of disagreement that are about the point a sentence makes (its figures, dates and quotes).
POINT_KINDS = frozenset({"number", "money", "date", "duration", "count", "quote", "attribution"})

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


def _shown(text: str, evidence: Sequence[Evidence]) -> Key | None:
    """The sentence a claim shows: its evidence whose text is the claim's."""
    return next(((e.source, e.sentence) for e in evidence if e.text == text), None)


def _against(own: Key | None, evidence: Sequence[Evidence], sides_of: list[list[set[Key]]]) -> set[str]:
    """Sources among `evidence` whose sentence gives another value than the sentence shown (`own`)."""
    against: set[str] = set()
    if own is None:
        return against
    for sides in sides_of:
        mine = next((k for k, keys in enumerate(sides) if own in keys), None)
        if mine is None:
            continue
        for e in evidence:
            key = (e.source, e.sentence)
            if any(key in keys for k, keys in enumerate(sides) if k != mine) and key not in sides[mine]:
                against.add(e.source)
    return against


def honest_support(brief: Brief) -> None:
    """Move the sources that contradict each claim's point out of its support (in place).

    A summary item is judged by the sentence it shows, which need not be its claim's own: the
    summary may show the one report of twelve dead in a claim the reports of fourteen make. The
    sentence a summary item shows is its first evidence (its text differs from it by bracketed edits:
    "[Two firefighters] were swept away").
    """
    sides_of = _sides(brief)
    if not sides_of:
        return
    origin = {s.article.id: s.origin for s in brief.sources}
    for claim in brief.claims:
        if against := _against(_shown(claim.text, claim.evidence), claim.evidence, sides_of):
            _drop(claim, against, origin)
    for item in brief.summary:
        own = (item.evidence[0].source, item.evidence[0].sentence) if item.evidence else None
        if against := _against(own, item.evidence, sides_of):
            _drop_item(item, against, origin)
    for event in brief.timeline:
        _honest_row(event, brief)


def _honest_row(event: TimelineEvent, brief: Brief) -> None:
    """A timeline row tells its event in one source's words: when those words carry a value others
    contradict ("Nine people died on Sunday", where ANSA's sentence of that Sunday says eleven), the
    contradicting sources still date the event but do not vouch for the row as printed."""
    row = event.text.lower()
    groups: list[Sequence[ConflictValue]] = [c.values for c in brief.conflicts if c.kind in POINT_KINDS]
    groups += [[ConflictValue(v.value, v.normalized, v.sources, v.evidence) for v in u.values] for u in brief.updates]
    keys = {(e.source, e.sentence) for e in event.evidence}
    against: set[str] = set()
    for values in groups:
        sides = [{(e.source, e.sentence) for e in v.evidence} & keys for v in values]
        shown = [k for k, v in enumerate(values) if sides[k] and v.value.lower() in row]
        if len(shown) == 1:  # the row prints one side's value
            mine = {src for src, _ in sides[shown[0]]}
            against |= {src for k, side in enumerate(sides) if k != shown[0] for src, _ in side} - mine
    if against:
        event.sources = [src for src in event.sources if src not in against]
        event.evidence = [e for e in event.evidence if e.source not in against]


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


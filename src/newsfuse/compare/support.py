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
    language = {s.article.id: s.article.language for s in brief.sources}
    for item in brief.summary:
        _show_the_majority(item, sides_of, origin, language)
        own = (item.evidence[0].source, item.evidence[0].sentence) if item.evidence else None
        if against := _against(own, item.evidence, sides_of):
            _drop_item(item, against, origin)
    # A timeline row shows one source's clause: the sources it cites for it tell the same figures.
    for row in [*brief.timeline, *brief.background]:
        if against := _against(_told(row), row.evidence, sides_of):
            row.evidence = [e for e in row.evidence if e.source not in against]
            row.sources = [s for s in row.sources if s not in against]


# A sentence shown instead of the summary's own may be this much longer (the word budget holds roughly).
LONGER = 1.5


def _show_the_majority(item: SummaryItem, sides_of: list[list[set[Key]]], origin: dict[str, int],
                       language: dict[str, str]) -> None:
    """Show the point as most independent sources tell it: when the sentence a summary item shows gives
    the value fewer of its claim's sources give ("zehn Menschen verletzt" where two of three say
    twelve), show a sentence of the larger side instead, one no later in its article than the shown one
    is in its own (so it does not lean on what came before), no much longer, in the shown one's language
    when one is. Its edits, made for the other sentence, go."""
    if not item.evidence:
        return
    first = item.evidence[0]
    own = (first.source, first.sentence)
    for sides in sides_of:
        mine = next((k for k, keys in enumerate(sides) if own in keys), None)
        if mine is None:
            continue
        count = [len({origin.get(e.source, hash(e.source)) for e in item.evidence if (e.source, e.sentence) in keys})
                 for keys in sides]
        best = max(range(len(sides)), key=lambda k: count[k])
        if count[best] <= count[mine]:
            continue
        pool = [e for e in item.evidence if (e.source, e.sentence) in sides[best] and e.sentence <= first.sentence
                and len(e.text.split()) <= LONGER * len(first.text.split())]
        pool.sort(key=lambda e: language.get(e.source) != language.get(first.source))
        if pool:
            shown = pool[0]
            item.evidence = [shown, *(e for e in item.evidence if e is not shown)]
            item.text, item.edits = shown.text, []
        return


def _told(row: TimelineEvent) -> Key | None:
    """The sentence a timeline row's clause is cut from ("Trois personnes ont été tuées ...")."""
    clause = row.text.rstrip(".").lower()[:40]
    return next(((e.source, e.sentence) for e in row.evidence if clause and clause in e.text.lower()), None)


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


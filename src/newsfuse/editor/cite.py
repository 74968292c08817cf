"""A summary sentence with its citations: the sentence shown, the evidence behind it, sources in order.

The evidence list opens with the exact sentence shown, verbatim as its source wrote it (the summary
text differs from it only by the `edits`); the claim's other sentences follow, and the cited sources
are in citation-number order ([1][2][4], never [2][1][4]).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from newsfuse.editor.discourse import PERSON_PRONOUNS
from newsfuse.editor.standalone import Edited, apply_edits
from newsfuse.types import Claim, Edit, Evidence, SummaryItem


def summary_item(edited: Edited, claim: Claim, number: Mapping[str, int]) -> SummaryItem:
    s = edited.sentence
    own = Evidence(s.article_id, s.index, s.text)
    others = sorted((e for e in claim.evidence if (e.source, e.sentence) != (s.article_id, s.index)),
                    key=lambda e: (number.get(e.source, 0), e.sentence))
    evidence = [own, *others]
    sources = in_citation_order((e.source for e in evidence), number)
    return SummaryItem(text=edited.text, sources=sources, evidence=evidence, independent=claim.independent,
                       claim=claim.id, edits=list(edited.edits))


def in_citation_order(sources: Iterable[str], number: Mapping[str, int]) -> list[str]:
    """Each source once, by its citation number."""
    return sorted(dict.fromkeys(sources), key=lambda a: number.get(a, 0))


def shorten_names(items: Sequence[SummaryItem]) -> None:
    """A person named in full earlier in the summary is named by surname when a pronoun is replaced
    later ("[Sun]"), as a newspaper does on second reference."""
    for k, item in enumerate(items):
        if not any(e.reason == "pronoun" for e in item.edits):
            continue
        earlier = " ".join(i.text for i in items[:k])
        edits = []
        for e in item.edits:
            name = e.replacement.removesuffix("'s")
            if e.reason == "pronoun" and e.original.lower() in PERSON_PRONOUNS and " " in name and name in earlier:
                surname = name.split()[-1] + e.replacement[len(name):]
                e = Edit(e.start, e.end, e.original, surname, e.reason)
            edits.append(e)
        item.edits = edits
        item.text = apply_edits(item.evidence[0].text, edits)

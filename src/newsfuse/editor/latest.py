"""A developing story's summary states each figure at its latest value, or shows that it changed.

The summary is chosen before the facts stage finds the story's updates (`compare.updates`,
`compare.changes`), so a sentence of the first day ("... left at least 12 dead") may lead a brief whose
own "How the story developed" says 12 → 19 → 27: a reader of the first line takes 12 as the toll. An
editor states the latest value, or shows the update beside the older one. So, once the updates are
known, a summary sentence *states a superseded value* when its own sentence gives a value of an update
and no later one (a sentence that tells the change, "rose to 239, up from 174", gives the latest value:
it is the update told, not a stale figure). Such a sentence is

- swapped for a sentence of the same point (its claim) that gives the update's latest value and
  states no superseded value itself, when one reads alone and fits the word budget; else
- kept, with a visible edit after the older value: "12 [later: 19, 15 Jan]", whose evidence (the
  latest value's sentence, verbatim, from the latest report that gives it) joins the item's evidence
  and its source the item's sources, so that every word shown is cited to a source that says it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from newsfuse.editor.cite import in_citation_order
from newsfuse.editor.standalone import Edited, apply_edits
from newsfuse.types import Brief, Claim, Edit, Evidence, SummaryItem, Update, UpdateValue

REASON = "later"


@dataclass(frozen=True, slots=True)
class Stale:
    """A value an item's own sentence gives that a later value of `update` has superseded."""

    update: Update
    value: UpdateValue


def stale_values(at: tuple[str, int], updates: Sequence[Update]) -> list[Stale]:
    """The updates whose latest value the sentence at `at` (source, sentence) does not give, though it
    gives an earlier one: the last of the values it gives, for each."""
    out = []
    for u in updates:
        given = [k for k, v in enumerate(u.values) if any((e.source, e.sentence) == at for e in v.evidence)]
        if given and max(given) < len(u.values) - 1:
            out.append(Stale(u, u.values[max(given)]))
    return out


def state_latest(brief: Brief, reads_alone: Callable[[Sequence[tuple[str, int]]], Mapping[tuple[str, int], Edited]],
                 count: Callable[[str], int]) -> int:
    """Swap or annotate every summary sentence of `brief` that states a superseded value (in place);
    how many were changed. `reads_alone` gives the sentences (source, index) that can stand alone, as
    the summary may show them; `count` counts a text's words, as the budget does."""
    if not brief.updates or not brief.summary:
        return 0
    claims = {c.id: c for c in brief.claims}
    number = {s.article.id: s.number for s in brief.sources}
    origin = {s.article.id: s.origin for s in brief.sources}
    published = {s.article.id: s.article.published for s in brief.sources}
    changed = 0
    for k, item in enumerate(brief.summary):
        if not item.evidence:
            continue
        own = (item.evidence[0].source, item.evidence[0].sentence)
        stale = stale_values(own, brief.updates)
        if not stale:
            continue
        left = brief.words - sum(count(i.text) for j, i in enumerate(brief.summary) if j != k)
        swapped = _swap(item, claims.get(item.claim), stale, brief.updates, reads_alone, count, left, number, origin)
        if swapped is None:
            swapped = _annotate(item, stale, number, origin, published)
        brief.summary[k] = swapped
        changed += 1
    return changed


def _swap(item: SummaryItem, claim: Claim | None, stale: Sequence[Stale], updates: Sequence[Update],
          reads_alone: Callable[[Sequence[tuple[str, int]]], Mapping[tuple[str, int], Edited]],
          count: Callable[[str], int], left: int, number: Mapping[str, int],
          origin: Mapping[str, int]) -> SummaryItem | None:
    """The item told by a sentence of its claim that gives every stale update's latest value and no
    superseded value, when one reads alone within `left` words; the first in citation order."""
    if claim is None:
        return None
    latest = [{(e.source, e.sentence) for e in s.update.values[-1].evidence} for s in stale]
    pool = [(e.source, e.sentence) for e in sorted(claim.evidence, key=lambda e: (number.get(e.source, 0), e.sentence))
            if all((e.source, e.sentence) in told for told in latest)
            and not stale_values((e.source, e.sentence), updates)]
    if not pool:
        return None
    shown = reads_alone(pool)
    for at in pool:
        edited = shown.get(at)
        if edited is None or edited.after is not None or count(edited.text) > left:
            continue
        own = next(e for e in claim.evidence if (e.source, e.sentence) == at)
        # The sources of a superseded value of the point no longer say what is shown.
        dropped = {at, *((e.source, e.sentence) for u in updates for v in u.values[:-1] for e in v.evidence)}
        evidence = [own, *(e for e in item.evidence if (e.source, e.sentence) not in dropped)]
        return _retold(item, edited.text, in_citation_order((e.source for e in evidence), number), evidence,
                       list(edited.edits), origin)
    return None


def _annotate(item: SummaryItem, stale: Sequence[Stale], number: Mapping[str, int], origin: Mapping[str, int],
              published: Mapping[str, object]) -> SummaryItem:
    """The item with a note of each stale update's latest value after the older value it gives, and
    the latest value's sentence (from the latest report giving it) among its evidence."""
    text = item.evidence[0].text
    edits = list(item.edits)
    evidence = list(item.evidence)
    for s in stale:
        last = s.update.values[-1]
        at = _after_value(text, s.value.value, edits)
        edits.append(Edit(at, at, "", f"{REASON}: {_written(last.value)}, {last.at.day} {last.at:%b}", REASON))
        newest = max(last.evidence, key=lambda e: (str(published.get(e.source) or ""), -number.get(e.source, 0)))
        if all((e.source, e.sentence) != (newest.source, newest.sentence) for e in evidence):
            evidence.append(Evidence(newest.source, newest.sentence, newest.text))
    sources = in_citation_order([*item.sources, *(e.source for e in evidence[len(item.evidence):])], number)
    return _retold(item, apply_edits(text, edits), sources, evidence, sorted(edits, key=lambda e: e.start), origin)


def _retold(item: SummaryItem, text: str, sources: list[str], evidence: list[Evidence], edits: list[Edit],
            origin: Mapping[str, int]) -> SummaryItem:
    """`item` told in `text`, cited to `sources`: its independent outlets are those sources' origins."""
    return SummaryItem(text=text, sources=sources, evidence=evidence, independent=len({origin.get(x, -1) for x in sources}),
                       claim=item.claim, conflicts=list(item.conflicts), edits=edits)


def _written(value: str) -> str:
    """The value as the note shows it mid-sentence: the first of its forms (a value told in two
    languages is "eight | huit"), a sentence's opening capital dropped ("Four" → "four")."""
    first = value.split(" | ")[0].strip()
    word = first.split(" ")[0]
    return first[:1].lower() + first[1:] if word.replace("-", "").isalpha() and word[1:].islower() else first


def _after_value(text: str, value: str, edits: Sequence[Edit]) -> int:
    """Where the note goes: right after the older value as the sentence writes it (any of its forms,
    a whole word: "12" is not the start of "120"), outside any other edit; else before the sentence's
    closing punctuation."""
    for form in (f.strip() for f in value.split(" | ")):
        found = re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.IGNORECASE) if form else None
        if found and not any(e.start < found.end() < e.end for e in edits):
            return found.end()
    end = len(text.rstrip())
    while end > 0 and text[end - 1] in ".!?\"'”’»":
        end -= 1
    return end

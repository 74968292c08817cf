"""Order and admit summary sentences the way a news editor would.

- The lead comes first: the point the most independent sources put at the top of their articles
  (their first three sentences: a headline-like deck may take the first), told by the sentence that
  names the most of who, where and when. Reporters' own placement is the vote on what the story is.
- Then the points by how many independent sources make them, the best-corroborated first; among
  equals, where their sources tell them (mean relative position).
- A sentence that follows its own source's previous sentence in the summary is moved right after it:
  the pair reads as its writer meant.
- A point only one source makes needs a reason to take a slot: it is admitted only when no
  corroborated candidate fits the words left.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from newsfuse.types import Claim, Sentence

LEAD_POSITIONS = 3  # a source's first three sentences count as its lead (a deck or kicker may come first)
LEAD_CLAIMS = 6  # lead candidates parsed for who/where/when: the claims best placed at the top
_WHO = ("PERSON", "ORG", "NORP", "GPE")
_WHERE = ("GPE", "LOC", "FAC")
_WHEN = ("DATE", "TIME")


def admissible(candidates: Sequence[int], independent: Callable[[int], int]) -> list[int]:
    """The candidates that may take the next slot: the corroborated ones while any is left."""
    corroborated = [i for i in candidates if independent(i) > 1]
    return corroborated or list(candidates)


def _slots(text: str, model: str) -> int:
    """How many of who, where and when a sentence names (0-3), from its entities."""
    from newsfuse.facts.nlp import parse_texts

    doc = parse_texts([text], model)[0]
    labels = {e.label_ for e in doc.ents}
    where = any(e.label_ in _WHERE and e.root.dep_ == "pobj" for e in doc.ents)
    return int(bool(labels & set(_WHO))) + int(where) + int(bool(labels & set(_WHEN)))


def lead_sentence(sentences: Sequence[Sentence], shown: Mapping[int, str], claim_of: Callable[[int], Claim],
                  origin: Mapping[str, int], budget: int, word_count: Callable[[str], int], model: str) -> int | None:
    """The sentence (index into `sentences`) that should open the summary, or None.

    `shown` holds the candidates that stand alone, with the text the summary would show."""
    members: dict[int, list[int]] = defaultdict(list)
    claims: dict[int, Claim] = {}
    for i, text in shown.items():
        if word_count(text) <= budget:
            claim = claim_of(i)
            members[claim.id].append(i)
            claims[claim.id] = claim

    def support(claim: Claim) -> int:
        return len({origin[e.source] for e in claim.evidence if e.sentence < LEAD_POSITIONS})

    ranked = sorted(claims.values(), key=lambda c: (-support(c), -c.independent, c.id))[:LEAD_CLAIMS]
    ranked = [c for c in ranked if support(c) > 0]
    best: tuple[tuple[int, ...], int] | None = None
    for claim in ranked:
        for i in members[claim.id]:
            slots = _slots(shown[i], model)
            key = (support(claim), int(slots > 0), claim.independent, -sentences[i].index, slots,
                   -word_count(shown[i]))
            if best is None or key > best[0]:
                best = (key, i)
    return None if best is None else best[1]


def reading_order(chosen: Sequence[int], lead: int | None, sentences: Sequence[Sentence],
                  claim_of: Callable[[int], Claim], length: Mapping[str, int]) -> list[int]:
    """The chosen sentences as the summary prints them."""

    def key(i: int) -> tuple[int, int, float, int]:
        claim = claim_of(i)
        position = sum(e.sentence / length[e.source] for e in claim.evidence) / len(claim.evidence)
        return (0 if i == lead else 1, -claim.independent, position, i)

    order = sorted(chosen, key=key)
    # A sentence whose source's previous sentence is also in the summary follows it directly.
    at = {(sentences[i].article_id, sentences[i].index): i for i in order}
    for i in list(order):
        before = at.get((sentences[i].article_id, sentences[i].index - 1))
        if before is not None and i != lead and order.index(i) != order.index(before) + 1:
            order.remove(i)
            order.insert(order.index(before) + 1, i)
    return order

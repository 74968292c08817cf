"""Order and admit summary sentences the way a news editor would.

- The lead comes first: the point the most independent sources put at the top of their articles
  (their first three sentences: a headline-like deck may take the first), told by one of its
  sentences that names who, where or when (the summarizer's score picks which). Reporters' own placement is the vote on what the story is.
- Then the points by how many independent sources make them, the best-corroborated first; among
  equals, where their sources tell them (mean relative position).
- A sentence that follows its own source's previous sentence in the summary is moved right after it:
  the pair reads as its writer meant.
- The story's outcome comes in right after the lead is chosen: a sentence of the best-corroborated point whose
  main verb commits or decides (Searle's commissives and declarations: "agreed to create a hotline",
  "voted", "sentenced") rather than reports or reacts ("expressed concern", "warned"). Reporters
  repeat many reactions; the one concrete result is what the reader came for.
- A point only one source makes needs a reason to take a slot: it is admitted only when no
  corroborated candidate fits the words left.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence

from newsfuse.text import stem, words
from newsfuse.types import Claim, Sentence

LEAD_POSITIONS = 3  # a source's first three sentences count as its lead (a deck or kicker may come first)
LEAD_CLAIMS = 6  # lead candidates parsed for who/where/when: the claims best placed at the top
_WHO = ("PERSON", "ORG", "NORP", "GPE")
_WHERE = ("GPE", "LOC", "FAC")
_WHEN = ("DATE", "TIME")
# Stems of English verbs that commit the subject or decide something (Searle's commissive and
# declarative speech acts), as opposed to the assertives and expressives most quoted sentences carry.
OUTCOME_STEMS = frozenset({
    "agre", "pledg", "vow", "promis", "commit", "decid", "sign", "approv", "vote", "rule", "sentenc",
    "convict", "acquit", "resign", "appoint", "elect", "ratifi", "accept", "reject", "settl", "endors",
})


def admissible(candidates: Sequence[int], chosen: Sequence[int], opening: Sequence[Sequence[int]],
               independent: Callable[[int], int], after: Mapping[int, int]) -> list[int]:
    """The candidates that may take the next slot: the sentences of the next opening point (the lead,
    the outcome) while one is still a candidate, then the corroborated ones while any is left, then
    the rest; a sentence that only reads after its source's previous one (`after`) once that one is
    in. The summarizer picks among them by its own score."""
    if len(chosen) < len(opening):
        pool = [i for i in opening[len(chosen)] if i in candidates]
        if pool:
            return pool
    taken = set(chosen)
    candidates = [i for i in candidates if after.get(i, i) == i or after[i] in taken]
    corroborated = [i for i in candidates if independent(i) > 1]
    return corroborated or list(candidates)


def outcome_sentences(sentences: Sequence[Sentence], shown: Mapping[int, str], claim_of: Callable[[int], Claim],
                      lead: Sequence[int], budget: int, word_count: Callable[[str], int], model: str) -> list[int]:
    """The sentences that tell what was agreed or decided, of the best-corroborated point that does,
    if one fits after the lead ([] if none)."""
    from newsfuse.facts.nlp import parse_texts

    left = budget - min((word_count(shown[i]) for i in lead), default=0)
    lead_claim = claim_of(lead[0]).id if lead else None
    gated = [i for i, text in shown.items()
             if claim_of(i).independent > 1 and claim_of(i).id != lead_claim and word_count(text) <= left
             and any(stem(w) in OUTCOME_STEMS for w in words(text))]
    found: list[int] = []
    for i, doc in zip(gated, parse_texts([shown[i] for i in gated], model), strict=True):
        root = next(iter(doc.sents)).root
        predicates = [root, *(c for c in root.children if c.dep_ in ("xcomp", "ccomp", "conj"))]
        if any(p.pos_ == "VERB" and stem(p.lower_) in OUTCOME_STEMS for p in predicates):
            found.append(i)
    if not found:
        return []
    best = max(found, key=lambda i: (claim_of(i).independent, -claim_of(i).id))
    return [i for i in found if claim_of(i).id == claim_of(best).id]


def _slots(text: str, model: str) -> int:
    """How many of who, where and when a sentence names (0-3), from its entities."""
    from newsfuse.facts.nlp import parse_texts

    doc = parse_texts([text], model)[0]
    labels = {e.label_ for e in doc.ents}
    where = any(e.label_ in _WHERE and e.root.dep_ == "pobj" for e in doc.ents)
    return int(bool(labels & set(_WHO))) + int(where) + int(bool(labels & set(_WHEN)))


def lead_sentences(sentences: Sequence[Sentence], shown: Mapping[int, str], claim_of: Callable[[int], Claim],
                   origin: Mapping[str, int], budget: int, word_count: Callable[[str], int], model: str) -> list[int]:
    """The sentences (indices into `sentences`) of the point that should open the summary, those of
    them that name who, where or when; the summarizer picks one. [] when no point fits.

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
    best: tuple[tuple[int, int, int], list[int]] | None = None
    for claim in ranked:
        if support(claim) == 0:
            continue
        named = [i for i in members[claim.id] if _slots(shown[i], model) > 0]
        key = (support(claim), int(bool(named)), claim.independent)
        if best is None or key > best[0]:
            best = (key, named or members[claim.id])
    return [] if best is None else best[1]


def reading_order(chosen: Sequence[int], lead: Sequence[int], sentences: Sequence[Sentence],
                  claim_of: Callable[[int], Claim], length: Mapping[str, int]) -> list[int]:
    """The chosen sentences as the summary prints them (`lead`: the lead point's sentences)."""
    first = next((i for i in chosen if i in lead), None)

    def key(i: int) -> tuple[int, int, float, int]:
        claim = claim_of(i)
        position = sum(e.sentence / length[e.source] for e in claim.evidence) / len(claim.evidence)
        return (0 if i == first else 1, -claim.independent, position, i)

    order = sorted(chosen, key=key)
    # A sentence whose source's previous sentence is also in the summary follows it directly.
    at = {(sentences[i].article_id, sentences[i].index): i for i in order}
    for i in list(order):
        before = at.get((sentences[i].article_id, sentences[i].index - 1))
        if before is not None and i != first and order.index(i) != order.index(before) + 1:
            order.remove(i)
            order.insert(order.index(before) + 1, i)
    return order

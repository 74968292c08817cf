"""Which sentences of a story the fact extractors read the syntax of (tags, dependencies, POS).

Every sentence is read for its entities (NER). The tagger, parser and attribute ruler, half of the
parse's cost, are read only where an extractor looks further:
- a number (quantities and their frames) or a date (the timeline and date conflicts);
- a quotation and the sentences either side of it (its speaker: "said X", "X said:", "He said ...");
  and, where one of those holds a pronoun, the sentences with entities before it that the pronoun may
  name (`quotes.PRONOUN_REACH` of them, in its source);
- a one-word person (its votes may make it a place), and a capitalized word of a person's name
  outside that name (a bare surname NER missed: "Sun told ...").
This is a rule about the extractors, not about the data: a sentence with none of these is read for
its entities alone (their kinds by agreement, their titles, read off the words), so its facts are
the same with or without the syntax. The rules are English (number words, date patterns, pronouns):
sentences in other languages are parsed in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from newsfuse.facts.dates import RULES
from newsfuse.facts.entities import labelled, name_key
from newsfuse.facts.nlp import Parsed
from newsfuse.facts.numbers import SMALL, TENS, number_at
from newsfuse.facts.quotes import PRONOUN_REACH, PRONOUNS, _quotations

if TYPE_CHECKING:
    from spacy.tokens import Span

PERSON = "PERSON"
_REACHING = PRONOUNS | {"it"}  # subjects whose speaker is looked for in the sentences before
# The words `numbers.number_at` can start a number at without a digit ("twenty-one" by its hyphen).
NUMBER_WORDS = frozenset(SMALL) | frozenset(TENS) | {"a", "half"}


def needs_syntax(parsed: Sequence[Parsed]) -> list[bool]:
    """For each sentence of one story (parsed for its entities, in source then sentence order), whether
    an extractor reads its syntax."""
    need: dict[tuple[str, int], bool] = dict.fromkeys((p.key for p in parsed), False)
    by_source: dict[str, list[Parsed]] = {}
    for p in parsed:
        by_source.setdefault(p.source, []).append(p)
    for sentences in by_source.values():
        quoted = {k for parts in _quotations(sentences) for k, _, _ in parts}
        near = {j for k in quoted for j in (k - 1, k, k + 1) if 0 <= j < len(sentences)}
        for k in near:
            need[sentences[k].key] = True
            if not any(t.lower_ in _REACHING for t in sentences[k].doc):
                continue
            for prev in sentences[max(0, k - PRONOUN_REACH):k]:
                need[prev.key] = need[prev.key] or bool(prev.doc.ents)
    people = {p.key: [span for span, label, _ in labelled(p) if label == PERSON] for p in parsed}
    names = {w for spans in people.values() for span in spans for w in name_key(span)}
    for p in parsed:
        need[p.key] = need[p.key] or _reads(p, people[p.key], names)
    return [need[p.key] for p in parsed]


def _reads(p: Parsed, people: list[Span], names: set[str]) -> bool:
    doc, text = p.doc, p.text
    if any(c.isdigit() for c in text) or any(pattern.search(text) for pattern, _ in RULES):
        return True  # a figure or a date (most numbers are written in digits: a quick test first)
    if any(len(name_key(span)) < 2 for span in people):
        return True  # a one-word person: the votes that may make it a place read the parse
    inside = {i for span in people for i in range(span.start, span.end)}
    for t in doc:
        low = t.lower_
        if t.text[:1].isupper() and low in names and t.i not in inside:
            return True  # a bare surname NER missed
        if (low in NUMBER_WORDS or "-" in low) and number_at(doc, t.i) is not None:
            return True  # a number in words
    return False

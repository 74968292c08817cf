"""Which sentences of a story the fact extractors read the syntax of (tags, dependencies, POS).

Every sentence is read for its entities (NER). The tagger, parser and attribute ruler, half of the
parse's cost, are read only where an extractor looks further:
- a number (quantities and their frames) or a date (the timeline and date conflicts);
- a quotation, or a speech or naming verb (quotes and their speakers), and the sentences with
  entities a "he said" (a pronoun in such a sentence) may reach back to (`quotes.PRONOUN_REACH`
  sentences before it, in its source);
- a word of a person's name found in the story: the votes that make a one-word "person" a place, the
  bare surnames NER missed ("Sun told ..."), the subjects a speaker is looked for among.
This is a rule about the extractors, not about the data: a sentence with none of these is read for
its entities alone (their titles are read off the words), so its facts are the same with or without
the syntax. The rules are English (speech verbs, number words, date patterns): sentences in other
languages are parsed in full.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.facts.dates import RULES
from newsfuse.facts.nlp import Parsed
from newsfuse.facts.numbers import number_at
from newsfuse.facts.quotes import NAMING_VERBS, PRONOUN_REACH, PRONOUNS, SPEECH_VERBS, _quotations

_VERBS = SPEECH_VERBS | NAMING_VERBS
PERSON_LABELS = frozenset({"PERSON", "PER"})
_REACHING = PRONOUNS | {"it"}  # subjects whose speaker is looked for in the sentences before


def needs_syntax(parsed: Sequence[Parsed]) -> list[bool]:
    """For each sentence of one story (parsed for its entities, in source then sentence order), whether
    an extractor reads its syntax."""
    people = {t.lower_ for p in parsed for e in p.doc.ents if e.label_ in PERSON_LABELS for t in e}
    need: dict[tuple[str, int], bool] = {p.key: _reads(p, people) for p in parsed}
    by_source: dict[str, list[Parsed]] = {}
    for p in parsed:
        by_source.setdefault(p.source, []).append(p)
    for sentences in by_source.values():
        speech = {k for parts in _quotations(sentences) for k, _, _ in parts}
        speech.update(k for k, p in enumerate(sentences) if any(t.lower_ in _VERBS for t in p.doc))
        for k in speech:
            need[sentences[k].key] = True
            if not any(t.lower_ in _REACHING for t in sentences[k].doc):
                continue
            for prev in sentences[max(0, k - PRONOUN_REACH):k]:
                need[prev.key] = need[prev.key] or bool(prev.doc.ents)
    return [need[p.key] for p in parsed]


def _reads(p: Parsed, people: set[str]) -> bool:
    doc = p.doc
    if any(t.lower_ in people for t in doc):
        return True
    if any(number_at(doc, i) is not None for i in range(len(doc))):
        return True
    return any(pattern.search(p.text) for pattern, _ in RULES)

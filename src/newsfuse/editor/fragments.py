"""The judge: which sentences of a finished summary do not read in their place?

A summary sentence is a fragment when it leans on a sentence before it (`standalone.lean`: an opening
connective, a subordinate clause with no main clause, a pronoun or demonstrative with no referent, a
sentence split mid-way) and the summary does not give it what it leans on: the sentence printed just
before it is not its own source's previous sentence, and, for "he"/"she"/"his"/"her", names no
person. The text judged is the one shown, edits included (brackets taken off); a sentence not in
English is not judged. Used by the tests and
`benchmarks/fragments.py`; the summarizer itself repairs or passes over with `standalone.repair`.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.editor.discourse import PERSON_PRONOUNS
from newsfuse.editor.standalone import lean
from newsfuse.lang import detect
from newsfuse.types import SummaryItem


def fragments(items: Sequence[SummaryItem], model: str) -> list[str | None]:
    """For each item, in order, why it is a fragment where it stands ("pronoun", "connective", ...) or None."""
    from newsfuse.facts.nlp import parse_texts

    texts = [item.text.replace("[", "").replace("]", "") for item in items]
    docs = parse_texts(texts, model) if texts else []
    out: list[str | None] = []
    for k, (item, doc) in enumerate(zip(items, docs, strict=True)):
        # The rules and the parse are English's; the editor takes other languages' sentences as they
        # are, and so does the judge (a Dutch sentence has no English main clause to find).
        why = lean(doc) if detect(texts[k])[0] in ("en", "") else None
        if why is None or k == 0:
            out.append(None if why is None else why.kind)
            continue
        own, before = item.evidence[0], items[k - 1].evidence[0]
        if (own.source, own.sentence - 1) == (before.source, before.sentence):
            out.append(None)  # printed right after the sentence it follows in its source
        elif why.kind == "pronoun" and doc[why.token].lower_ in PERSON_PRONOUNS and any(
                e.label_ == "PERSON" for e in docs[k - 1].ents):
            out.append(None)
        else:
            out.append(why.kind)
    return out

"""Does a sentence read alone? If not, can it be made to, visibly and safely?

A summary sentence is lifted out of its article, so whatever it borrowed from the sentence before it
is lost: the contrast of an opening "However,", the referent of "He", the main clause a "While ..."
clause hangs from. We read that off spaCy's parse (the model `facts/nlp.py` loads, once):

- a subordinate clause with no main clause: a `mark` ("While", "Though", "Because") whose head is
  the sentence's root, so nothing is left to assert once the clause is read as a clause;
- no main clause at all: no finite verb, subject or auxiliary at the top ("After a night of partying
  in Morgantown.", "Informing the site that ...");
- an opening connective (`discourse.py`'s closed list, enumerations "Second," included);
- a third-person pronoun as the opening word or as the main clause's subject with nothing before it
  in the sentence to stand for (a name; for "they"/"it" also a noun of its number), or a
  demonstrative that points back ("This is ...", "That disappointment ...") — a deictic of time
  ("This week") points at the date, not at the previous sentence;
- a lowercase opening, or one on a dash or an ellipsis: the sentence was split mid-way.

Repairs keep every word the source wrote but the ones named in an `Edit`, and the summary text shows
each edit in brackets: an opening connective is dropped with its comma ("On his part, Yamada ..." →
"Yamada ..."; "But the ministry ..." → "[T]he ministry ..."); a person pronoun is replaced by the
person the previous sentence of the same source is about — its subject, by the centering rule that
a pronoun continues the previous sentence's subject — when that subject is a named PERSON
("He said ..." → "[Sun Weidong] said ..."). Anything else is passed over for another sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from newsfuse.editor.discourse import (
    BARE_CONNECTIVES,
    CONTRAST_SUBORDINATORS,
    DEMONSTRATIVES,
    PERSON_PRONOUNS,
    PERSONAL,
    comma_connective,
    may_lean,
    opens_leaning,
    opens_mid_sentence,
)
from newsfuse.errors import MissingDependencyError, ModelError
from newsfuse.types import Edit, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LeanKind = Literal["connective", "pronoun", "demonstrative", "subordinate", "split"]
_SUBJECTS = ("nsubj", "nsubjpass")
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_CLAUSE_HEADS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "aux", "auxpass"})
_QUOTES = frozenset({'"', "“", "”", "«", "»", "‘", "’"})
_OPENING = frozenset({"“", "«", "‘"})
_NAMED = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW")


@dataclass(frozen=True, slots=True)
class Lean:
    """Why a sentence does not read alone: `kind`, and the token (index into its doc) that leans."""

    kind: LeanKind
    token: int


@dataclass(frozen=True, slots=True)
class Edited:
    """A sentence as the summary may show it: the display text and the edits that made it."""

    sentence: Sentence
    text: str
    edits: tuple[Edit, ...] = ()
    after: int | None = None  # it reads only right after this sentence (its source's previous one)


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """`text` with each edit applied; a replacement is shown in brackets so that it reads as an edit."""
    out, at = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(text[at:e.start])
        if e.replacement and e.start == e.end and not e.original:
            out.append(f" [{e.replacement}]")  # a note inserted after a word is set off by a space
        elif e.replacement:
            out.append(f"[{e.replacement}]")
        at = e.end
    out.append(text[at:])
    return "".join(out)


def _first_word(doc: Doc, start: int = 0) -> int | None:
    for t in doc[start:]:
        if not (t.is_punct or t.is_space):
            return int(t.i)
    return None


def _connective_end(doc: Doc, k: int) -> int | None:
    """The first token after the connective that opens `doc` at token `k` (and its comma), or None."""
    phrase = comma_connective(doc.text[doc[k].idx:])
    if phrase is not None:
        comma = next((t.i for t in doc[k:] if t.text == "," and t.idx >= doc[k].idx + len(phrase)), None)
        return None if comma is None else int(comma) + 1
    bare = doc[k].lower_ in BARE_CONNECTIVES and doc[k].pos_ in ("CCONJ", "ADV", "SCONJ")
    if bare or _alone_contrast(doc, k):
        after = k + 1
        if after < len(doc) and doc[after].text == ",":
            after += 1
        return after
    return None


def _alone_contrast(doc: Doc, k: int) -> bool:
    """A contrast subordinator heading the whole sentence: "While X warned Y." with no main clause."""
    tok = doc[k]
    return tok.lower_ in CONTRAST_SUBORDINATORS and tok.dep_ == "mark" and tok.head.i == tok.sent.root.i


def _cased(doc: Doc) -> bool:
    """Whether the text keeps its capitals (some corpora lowercase everything but a few names): two
    capitalised words past the first, so that a lowercase opening means a sentence split mid-way."""
    return sum(1 for t in doc[1:] if t.text[:1].isupper() and t.text != "I") >= 2


def _expletive_it(tok: Token) -> bool:
    """"It is expected that ...", "It was unclear whether ...": an `it` that stands for the clause
    after it, not for anything before the sentence. (The pipeline runs without a lemmatizer, so
    "be" is told by its part of speech.)"""
    head = tok.head
    if tok.dep_ == "expl":
        return True
    clause_after = any(c.dep_ in ("ccomp", "xcomp", "csubj") and c.i > head.i for c in head.children)
    predicative = head.pos_ in ("AUX", "ADJ") or any(c.dep_ in ("auxpass", "acomp") for c in head.children)
    return clause_after and predicative


def lean(doc: Doc, start: int = 0) -> Lean | None:
    """The first reason the sentence `doc` (read from token `start`) leans on the one before it."""
    k = _first_word(doc, start)
    if k is None:
        return None
    first = doc[k]
    if first.text[:1].islower() and first.text[:1].isalpha() and start == 0 and _cased(doc):
        return Lean("split", k)
    if start == 0 and opens_mid_sentence(doc.text):
        return Lean("split", k)  # "– used as a repair initiator ... – is found ...": the rest of another
    if _connective_end(doc, k) is not None:
        return Lean("connective", k)
    root = first.sent.root
    # (a clause the parser closed at an abbreviation, "..., sen. Dianne Feinstein urged ...", has
    # its main clause in the parser's next sentence)
    if first.dep_ == "mark" and first.head.i == root.i and not any(
            _main_clause(s.root) for s in doc.sents if s.start > root.sent.start):
        return Lean("subordinate", k)
    if not any(_main_clause(sent.root) for sent in doc.sents):
        return Lean("subordinate", k)
    low = first.lower_
    if low in PERSONAL and first.pos_ == "PRON" and not (low == "it" and _expletive_it(first)):
        return Lean("pronoun", k)
    if low in DEMONSTRATIVES:
        if first.pos_ == "PRON" or first.dep_ in _SUBJECTS:
            return Lean("demonstrative", k)
        if first.dep_ == "det" and first.head.ent_type_ not in ("DATE", "TIME"):
            return Lean("demonstrative", k)
    # "Speaking to reporters, he said ...", "“...,” he said.": the main clause's subject is a pronoun
    # and no name before it, outside quotation marks, can be what it stands for.
    for child in root.children:
        if (child.dep_ in _SUBJECTS and child.lower_ in PERSONAL and child.pos_ == "PRON" and child.i > k
                and not (child.lower_ == "it" and _expletive_it(child))
                and not _antecedent_before(doc, k, child)):
            return Lean("pronoun", int(child.i))
    return None


def _antecedent_before(doc: Doc, start: int, pronoun: Token) -> bool:
    """Whether the sentence itself gives `pronoun` something to stand for, before it and outside
    quotation marks: a name (or any proper noun) for every pronoun; for "they" also a plural noun, for
    "it" a singular one, that agrees with it ("Boys are forced ..., so they think ..."). A person's
    pronoun gets no common noun: "The ministry said he ..." gives "he" nothing to stand for."""
    for j in _unquoted(doc, start, pronoun.i):
        t = doc[j]
        if t.ent_type_ in _NAMED or t.pos_ == "PROPN":
            return True
        if t.pos_ == "NOUN" and pronoun.lower_ in ("they", "it") and (t.tag_ == "NNS") == (pronoun.lower_ == "they"):
            return True
    return False


def _main_clause(root: Token) -> bool:
    """Whether a parsed sentence (spaCy's: a dateline or a "The bad news?" may be one of its own)
    asserts something: its root is a finite verb or an imperative, or has a subject or an auxiliary.
    Not so for a participle ("Informing the site that ...") or a phrase with no finite verb anywhere
    ("After a night of partying with buddies in Morgantown.", "Right up there with Simon from Alvin
    and the Chipmunks."): the setting or the aside of the sentence next to it in its source. A root
    that is no verb where a finite verb stands elsewhere is taken for a misparse (lower-cased copy
    misleads the tagger), not for a fragment."""
    if root.tag_ in _FINITE or root.tag_ == "VB" or any(c.dep_ in _CLAUSE_HEADS for c in root.children):
        return True
    if root.tag_ in ("VBG", "VBN") and root.i == _first_word(root.doc, root.sent.start):
        return False  # it opens on its participle, nothing before it to be its subject
    # past the opening, a past participle may be a past tense the tagger missed ("A massive search
    # for the girl ensued.": "ensued" read as a participle of "girl"); it has the benefit of the doubt
    return any(t.tag_ in _FINITE or t.tag_ == "VBN" for t in root.sent)


def _unquoted(doc: Doc, start: int, end: int) -> list[int]:
    """Indices of the tokens start..end-1 that stand outside quotation marks."""
    inside, out = False, []
    for t in doc[:end]:
        if t.text in _QUOTES or (t.text == "'" and t.is_quote):
            inside = not inside if t.text in ('"', "'") else t.text in _OPENING
            continue
        if t.i >= start and not inside:
            out.append(int(t.i))
    return out


def antecedent(previous: Doc) -> Span | None:
    """The person the previous sentence is about: its main clause's subject when that is (or ends
    on) a named PERSON ("China's Vice Foreign Minister Sun Weidong"). Any other previous sentence
    gives no safe referent: "Sun told Yamada ..." with "Sun" untagged must not make "He" Yamada."""
    people = [e for e in previous.ents if e.label_ == "PERSON"]
    root = next(iter(previous.sents)).root
    for child in root.children:
        if child.dep_ in _SUBJECTS:
            inside = [e for e in people if child.left_edge.i <= e.start and e.end <= child.right_edge.i + 1
                      and e.end - 1 == child.i]
            return inside[-1] if inside else None
    return None


def _others_named(previous: Doc, person: Span) -> bool:
    """Does the previous sentence name a person besides `person` (a shorter form of the name is them)?"""
    words = set(person.text.split())
    return any(e.label_ == "PERSON" and not set(e.text.split()) <= words for e in previous.ents)


def subject_phrase(previous: Doc, plural: bool) -> str | None:
    """What "they" as a subject continues: the previous sentence's subject, when that is a short
    plural noun phrase ("Protesters gathered ... They chanted" → "[Protesters] chanted"). "It" is left
    alone: it stands for an event or a claim as often as for the previous subject ("It was an honest
    mistake, he said"), so no reading of it is safe enough to print."""
    root = next(iter(previous.sents)).root
    subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or subject.ent_type_ == "PERSON":
        return None
    if (subject.tag_ in ("NNS", "NNPS")) != plural:
        return None
    span = previous[subject.left_edge.i:subject.right_edge.i + 1]
    # A phrase that itself points back ("these women") would only move the lean into the brackets.
    if len(span) > 8 or any(t.is_punct or t.pos_ in ("PRON", "VERB", "AUX") or t.lower_ in DEMONSTRATIVES
                            for t in span):
        return None
    return span.text


def repair(sentence: Sentence, doc: Doc, previous: Doc | None) -> Edited | None:
    """`sentence` as it may stand alone (unchanged, or with visible edits), or None to pass it over."""
    edits: list[Edit] = []
    why = lean(doc)
    if why is not None and why.kind == "connective":
        end = _connective_end(doc, why.token)
        assert end is not None
        rest = _first_word(doc, end)
        if rest is None:
            return None
        lo, hi = doc[why.token].idx, doc[rest].idx
        edits.append(Edit(lo, hi, sentence.text[lo:hi], "", "connective"))
        why = lean(doc, rest)
        if doc[rest].text[:1].islower() and not (why is not None and why.token == rest):
            at = doc[rest].idx
            edits.append(Edit(at, at + 1, sentence.text[at], sentence.text[at].upper(), "capital"))
    if why is not None:
        tok = doc[why.token]
        if why.kind != "pronoun" or previous is None or tok.i not in _unquoted(doc, tok.i, tok.i + 1):
            return None  # a quotation is never edited
        if tok.lower_ == "they" and tok.dep_ in _SUBJECTS:
            thing = subject_phrase(previous, plural=tok.lower_ == "they")
            if thing is None:
                return None
            name = thing[:1].upper() + thing[1:] if tok.i == _first_word(doc) else thing
        else:
            person = antecedent(previous) if tok.lower_ in PERSON_PRONOUNS else None
            possessive = tok.tag_ == "PRP$"
            if person is None or (tok.lower_ == "her" and not possessive):
                return None  # no safe referent; "her" as an object opens no sentence we can mend
            if possessive and _others_named(previous, person):
                # "Aziz Latif said Rahim would be questioned ... His lawyer ...": whose lawyer is the
                # story's question, not the grammar's; a wrong owner printed is worse than none.
                return None
            name = person.text + ("'s" if possessive else "")
        edits.append(Edit(tok.idx, tok.idx + len(tok.text), tok.text, name, "pronoun"))
    return Edited(sentence, apply_edits(sentence.text, edits), tuple(sorted(edits, key=lambda e: e.start)))


def standalone_sentences(sentences: Sequence[Sentence], candidates: Sequence[int], model: str,
                         english: Sequence[bool] | None = None) -> dict[int, Edited]:
    """The candidates (indices into `sentences`, a story's sentences in source order) that can stand
    alone, each as the summary may show it, and those that cannot, verbatim with `after` set: they
    may only follow their source's previous sentence. Only a sentence the lexical gate flags is
    parsed, with its predecessor; sentences not in English are taken as they are (the parse is English)."""
    from newsfuse.facts.nlp import parse_texts

    out: dict[int, Edited] = {}
    flagged = []
    for i in candidates:
        s = sentences[i]
        if (english is None or english[i]) and may_lean(s.text):
            flagged.append(i)
        else:
            out[i] = Edited(s, s.text)
    if not flagged:
        return out

    def previous(i: int) -> Sentence | None:
        p = sentences[i - 1] if i > 0 else None
        return p if p is not None and p.article_id == sentences[i].article_id and p.index == sentences[i].index - 1 else None

    texts = [sentences[i].text for i in flagged]
    texts += [p.text for p in (previous(i) for i in flagged) if p is not None]
    unique = list(dict.fromkeys(texts))
    try:
        parsed = dict(zip(unique, parse_texts(unique, model), strict=True))
    except (ModelError, MissingDependencyError):
        # No parse to hand: pass over what surely leans (a connective, a pronoun), keep the rest.
        out.update((i, Edited(sentences[i], sentences[i].text)) for i in flagged
                   if not opens_leaning(sentences[i].text))
        return out
    for i in flagged:
        p = previous(i)
        edited = repair(sentences[i], parsed[sentences[i].text], parsed[p.text] if p is not None else None)
        if edited is not None:
            out[i] = edited
        elif p is not None:  # kept verbatim, for the summary that prints it right after its source's previous sentence
            out[i] = Edited(sentences[i], sentences[i].text, after=i - 1)
    return out

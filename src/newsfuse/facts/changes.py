"""Sentences that say a figure changed: "the toll rose to 239 from 174", "up from three on Friday".

A report that tells a change states an update outright: the new value, often the earlier one and
its day, and the direction. Such a sentence is not two facts that disagree (its own two values are
one fact at two times), and it vouches that the figure it gives and an earlier report's figure of the
same measured thing are one fact told at two times (`compare.updates` pairs them).

What marks a change is the language's (`langdata.ChangeWords`; English's table is here): a verb of
change governing the new value through its preposition ("has risen *to* 239", "revised its estimate
*to* 190 billion yen", "von vier *auf* sieben gestiegen"), a level verb with "now" ("now stands at
171", "s'élève désormais à huit morts"), and the earlier value behind its own word ("*up from* 40,000
on Thursday", "passant *de* 4 000 à 6 500", "*contre* 40 millions lundi") or in a clause of the earlier
statement ("police had *earlier* said 12", "two days *after* officials put the toll at 174"). The
dependency parse says what governs the figure where the sentence was parsed; a language read with a
blank tokenizer is read by the nearness of the words. What changed is the subject of the verb of
change (its concepts: "the death toll from Friday's quake" → death, quake), and its scope the
places named there ("killed by floods in Nairobi").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsfuse.facts.nlp import Parsed
from newsfuse.facts.quantities import Found
from newsfuse.facts.quantities_local import english, local_concept
from newsfuse.facts.quantity_words import GENERIC, concept
from newsfuse.langdata import ChangeWords, lexicon
from newsfuse.stopwords import STOP_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _forms(*stems: str) -> tuple[str, ...]:
    return tuple(w for s in stems for w in s.split())


ENGLISH = ChangeWords(
    up=_forms("rise rises rose risen rising climb climbs climbed climbing increase increases increased increasing",
              "jump jumps jumped grow grows grew grown soar soared swell swelled swollen surge surged raise raised",
              "mount mounted"),
    down=_forms("fall falls fell fallen drop drops dropped decline declined decrease decreased lower lowered",
                "dip dipped shrink shrank"),
    revised=_forms("revise revises revised revising correct corrects corrected update updated adjust adjusted",
                   "amend amended",
                   # a running figure carried to its new level ("bringing the death toll to 16"), its
                   # direction left to the values
                   "bring brings brought bringing"),
    level=_forms("stand stands stood number numbers numbered total totals totaled totalled reach reaches reached",
                 "put puts estimate estimates estimated is was are were"),
    to=("to",), at=("at",), source=("from",), against=(),
    upward=("up", "upward", "upwards"), downward=("down", "downward", "downwards"),
    now=("now",),
    earlier=("earlier", "previously", "initially", "originally"),
    after=("after",),
)
# Verbs of a clause that tells an earlier statement ("after officials put the toll at 174", "police
# had earlier said 12"): the statement, not what it was about.
STATING = frozenset(_forms("said say says saying told telling reported report reports reporting put putting gave",
                           "giving estimated estimating announced announcing stated stating"))
PLACES = frozenset({"GPE", "LOC", "FAC"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "dobj", "obj"})
STEPS = 5  # how far up from a figure its governing verb may be
NEAR = 8  # without a parse: how many words apart a verb of change and its figure may stand


@dataclass(frozen=True, slots=True)
class Change:
    """One figure said to have changed, in one sentence. `new` and `old` index the story's figures
    (`ExtractedFacts.quantities`)."""

    key: tuple[str, int]
    new: int
    old: int | None
    direction: str  # "up", "down", or "" when the sentence does not say
    measured: frozenset[str]  # concepts of what changed ("death", "quak")
    scope: frozenset[str]  # the places it is of, as the frames spell them ("nairobi")
    old_end: int = -1  # where the earlier value ends (characters into the sentence): its day follows it
    subject: str = ""  # what changed, as the sentence names it ("death toll", "number of people killed")
    # Where the subject stands (characters into the sentence): a date there says which event changed
    # ("the death toll from Monday's quake"), not when.
    subject_span: tuple[int, int] = (0, 0)


def words_of(lang: str) -> ChangeWords:
    return ENGLISH if english(lang) else lexicon(lang).changes


def read_changes(parsed: Sequence[Parsed], found: Sequence[Found]) -> list[Change]:
    """Every change the story's sentences state, one per new value."""
    by_key: dict[tuple[str, int], list[int]] = defaultdict(list)
    for k, f in enumerate(found):
        by_key[f.key].append(k)
    out: list[Change] = []
    for p in parsed:
        ks = by_key.get(p.key)
        if ks:
            out.extend(_in_sentence(p, found, ks))
    return out


def _in_sentence(p: Parsed, found: Sequence[Found], ks: list[int]) -> list[Change]:
    lex = words_of(p.lang)
    if not lex.up:
        return []
    doc = p.doc
    deps = doc.has_annotation("DEP")
    moves = {*lex.up, *lex.down, *lex.revised}
    news: list[int] = []
    olds: list[tuple[int, str]] = []  # (figure, direction its own words say)
    for k in ks:
        f = found[k]
        if f.quantity.kind == "age" or f.delta or f.start <= 0:
            continue
        prev = doc[f.start - 1].lower_
        prev2 = doc[f.start - 2].lower_ if f.start > 1 else ""
        path = _path(doc, f, deps)
        if prev in lex.source and prev2 in lex.upward + lex.downward:
            olds.append((k, "up" if prev2 in lex.upward else "down"))
        elif prev in lex.to + lex.at and (_governed(doc, f, path, moves, deps) or (
                _governed(doc, f, path, set(lex.level), deps) and _now(doc, f, path, lex, deps))):
            news.append(k)
        elif prev in lex.source + lex.against:
            olds.append((k, ""))  # kept only beside a new value ("de 4 000 à 6 500")
        elif _earlier(doc, f, path, lex, deps):
            olds.append((k, ""))
    if olds and not news:
        # "The displaced now number about 52,000, up from 40,000": the level the earlier value is
        # measured against is the figure before it, of its kind, when the sentence says "up/down
        # from" or "now".
        for k, direction in olds:
            before = [j for j in ks if found[j].start < found[k].start and j not in {o for o, _ in olds}
                      and same_kind(found[j], found[k]) and not found[j].delta]
            if before and (direction or _now(doc, found[before[-1]], _path(doc, found[before[-1]], deps), lex, deps)):
                news.append(before[-1])
                break
        else:
            news.extend(_over_statement(doc, found, ks, olds, lex, deps))
    out: list[Change] = []
    for n in news:
        fn = found[n]
        pairs = [(o, d) for o, d in olds if o != n and same_kind(found[o], fn)]
        old, said = min(pairs, key=lambda od: abs(found[od[0]].start - fn.start)) if pairs else (None, "")
        direction = said or _direction(doc, lex, _path(doc, fn, deps), fn, deps)
        if not direction and old is not None and found[old].quantity.value != fn.quantity.value:
            direction = "up" if fn.quantity.value > found[old].quantity.value else "down"
        measured, scope, subject, span = _subject(p, fn, lex, deps)
        heads = {fn.head, found[old].head if old is not None else ""}
        measured |= {h for h in heads if h} - GENERIC - {concept(w) for w in moves}
        if old is not None and not measured - GENERIC - {"peopl"}:
            # "they corrected the figure to 10": the earlier statement says what was counted ("12
            # people were detained")
            measured |= set(found[old].context) - GENERIC - {concept(w) for w in moves}
        old_end = doc[found[old].end - 1].idx + len(doc[found[old].end - 1].text) if old is not None else -1
        out.append(Change(key=p.key, new=n, old=old, direction=direction, measured=frozenset(measured),
                          scope=frozenset(scope | fn.frame.scope), old_end=old_end, subject=subject,
                          subject_span=span))
    return out


def same_kind(a: Found, b: Found) -> bool:
    """Two figures that can be values of one fact: counts (a bare number, "put the toll at 174",
    stands for the count beside it), or measures of one kind in one unit (hectares, yen)."""
    qa, qb = a.quantity, b.quantity
    if _counts(a) and _counts(b):
        return True
    return qa.kind == qb.kind and qa.unit == qb.unit and not (_counts(a) or _counts(b))


def _counts(f: Found) -> bool:
    return f.quantity.kind == "count" or (f.quantity.kind == "number" and not f.quantity.unit)


def _path(doc: Doc, f: Found, deps: bool) -> list[Token]:
    """The figure's governors, up to and including its clause's verb (empty without a parse)."""
    if not deps:
        return []
    out: list[Token] = []
    cur = doc[f.end - 1]
    inside = range(f.start, f.end)
    for _ in range(STEPS):
        if cur.head is cur:
            break
        cur = cur.head
        if cur.i in inside:
            continue
        out.append(cur)
        if cur.pos_ in {"VERB", "AUX"}:
            break
    return out


def _governed(doc: Doc, f: Found, path: list[Token], words: set[str], deps: bool) -> bool:
    if deps:
        return any(t.lower_ in words for t in path)
    return _near(doc, f, words)


def _near(doc: Doc, f: Found, words: set[str] | tuple[str, ...]) -> bool:
    """Without a parse: one of `words` close before the figure, or right after it (a verb last in its
    clause, as German puts it: "von vier auf sieben gestiegen"), with no clause's end between."""
    for i in range(f.start - 1, max(-1, f.start - 1 - NEAR), -1):
        if doc[i].text in {";", ".", ":"}:
            break
        if doc[i].lower_ in words:
            return True
    for i in range(f.end, min(len(doc), f.end + 4)):
        if doc[i].text in {";", ".", ":", ","}:
            break
        if doc[i].lower_ in words:
            return True
    return False


def _now(doc: Doc, f: Found, path: list[Token], lex: ChangeWords, deps: bool) -> bool:
    if deps:
        return any(c.lower_ in lex.now for t in path for c in t.children)
    return _near(doc, f, lex.now)


def _earlier(doc: Doc, f: Found, path: list[Token], lex: ChangeWords, deps: bool) -> bool:
    """The figure is what an earlier statement gave: a clause of "earlier", or a statement's clause
    introduced by "after" ("two days after officials put the toll at 174")."""
    if not deps:
        return any(doc[i].lower_ in lex.earlier for i in range(max(0, f.start - 6), f.start))
    return _statement(doc, f, lex) is not None


def _over_statement(doc: Doc, found: Sequence[Found], ks: list[int], olds: list[tuple[int, str]],
                    lex: ChangeWords, deps: bool) -> list[int]:
    """ "A day after reporting seven deaths, officials said 12 people had died": beside a clause that
    tells what an earlier statement gave, the sentence's own figure of that kind, outside the clause,
    is the new value (the nearest, one per earlier value)."""
    if not deps:
        return []
    taken = {o for o, _ in olds}
    out: list[int] = []
    for k, _ in olds:
        verb = _statement(doc, found[k], lex)
        if verb is None:
            continue
        inside = range(verb.left_edge.i, verb.right_edge.i + 1)
        rest = [j for j in ks if j not in taken and j not in out and same_kind(found[j], found[k])
                and not found[j].delta and found[j].start not in inside]
        if rest:
            out.append(min(rest, key=lambda j: abs(found[j].start - found[k].start)))
    return out


def _statement(doc: Doc, f: Found, lex: ChangeWords) -> Token | None:
    """The verb of the earlier statement's clause the figure stands in (`_earlier`), if any: a verb
    with "earlier", a stating verb with "after", or one "after" governs ("a day after reporting seven
    deaths")."""
    cur = doc[f.end - 1]
    for _ in range(STEPS + 2):
        if cur.head is cur:
            break
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"}:
            kids = {c.lower_ for c in cur.children}
            stating = cur.lower_ in STATING | set(lex.level)
            if kids & set(lex.earlier) or (kids & set(lex.after) and stating) \
                    or (cur.head.lower_ in lex.after and cur.dep_ == "pcomp" and stating):
                return cur
    return None


def _direction(doc: Doc, lex: ChangeWords, path: list[Token], f: Found, deps: bool) -> str:
    words = [t.lower_ for t in path] if deps else [t.lower_ for t in doc[max(0, f.start - NEAR):f.end + 4]]
    if any(w in lex.up for w in words) or any(t.lower_ in lex.upward for t in doc):
        return "up"
    if any(w in lex.down for w in words) or any(t.lower_ in lex.downward for t in doc):
        return "down"
    return ""


def _subject(p: Parsed, f: Found, lex: ChangeWords, deps: bool) -> tuple[set[str], set[str], str, tuple[int, int]]:
    """What changed: the concepts of the subject (or object: "revised its damage estimate") of the word
    that governs the new value, and the places named there; without a parse (or a subject), the words
    of the figure's clause before it."""
    doc = p.doc
    tokens: list[Token] = []
    named = ""
    cues = {*lex.up, *lex.down, *lex.revised, *lex.level}
    path = _path(doc, f, deps)
    governor = next((t for t in path if t.lower_ in cues or any(c.lower_ in lex.now for c in t.children)), None)
    if governor is not None:
        # the object of a verb that sets a figure ("revised its damage estimate") before its subject
        # the object of a verb that sets a figure ("revised its damage estimate") before its subject;
        # the subject of a verb that states a figure is who states it ("Authorities now put the number
        # of miners still unaccounted for at six"), not what is measured, while the subject of a verb
        # of change owns what changed ("Norway increased its donation to 180 million")
        kids = [c for c in governor.children if c.dep_ in SUBJECTS and not (f.start <= c.i < f.end)]
        objects = [c for c in kids if c.dep_ in {"dobj", "obj"}]
        stated = governor.lower_ in {*lex.revised, *lex.level}
        for c in objects if objects and stated else sorted(kids, key=lambda c: c.dep_ not in {"dobj", "obj"}):
            tokens.extend(c.subtree)
            named = named or _name(c)
        if not tokens and governor.pos_ not in {"VERB", "AUX"}:
            # "The displaced now number about 52,000": a verb read as a noun keeps its subject on its left
            tokens = [t for c in governor.lefts for t in c.subtree]
    if not tokens:
        start = max((t.i + 1 for t in doc[:f.start] if t.text in {",", ";", ":"}), default=0)
        tokens = list(doc[start:f.start])
    elif governor is not None:
        # the words between the figure and its verb say what it counts too ("the number of miners
        # still unaccounted for at six", where "at six" hangs from "unaccounted")
        tokens += [t for t in path[:path.index(governor)] if t.pos_ in {"ADJ", "VERB", "NOUN"}]
    fold = (lambda w: concept(w)) if english(p.lang) else (lambda w: local_concept(w, lexicon(p.lang)))
    skip = {*cues, *lex.now, *lex.to, *lex.source, *STATING}
    def concepts(tokens: list[Token]) -> set[str]:
        return {fold(t.text) for t in tokens if t.is_alpha and len(t.text) > 2 and t.lower_ not in skip
                and t.lower_ not in STOP_WORDS and not t.is_stop and t.ent_type_ not in {"DATE", "TIME"}}

    measured = concepts(tokens)
    if not deps and not measured - GENERIC:
        # The subject after its verb and figure, as the Romance languages put it: "Subiu para 19 o número
        # de mortos", "sube a 27 el número de fallecidos": the words of the clause after the figure.
        end = next((t.i for t in doc[f.end:] if t.text in {",", ";", ":"}), len(doc))
        tokens = list(doc[f.end:min(end, f.end + NEAR)])
        measured = concepts(tokens)
    scope = {w.lower() for t in tokens if t.ent_type_ in PLACES for w in t.text.split()}
    span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)) if tokens and named else (0, 0)
    return measured - GENERIC, scope, named, span


def _name(head: Token) -> str:
    """The noun phrase of a subject, short: "death toll", "damage estimate", "number of people killed"
    (a noun that only counts takes what it counts)."""
    def chunk(t: Token) -> list[Token]:
        return [*(c for c in t.lefts if c.dep_ in {"compound", "amod", "nmod"} and c.is_alpha), t]

    words = chunk(head)
    if concept(head.text) in GENERIC | {"death"}:
        of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if of is not None and obj is not None:
            words += [of, *chunk(obj), *(c for c in obj.rights if c.dep_ == "acl" and c.pos_ == "VERB")]
    if head.pos_ in {"PRON", "NUM"} or not head.is_alpha:
        return ""
    return " ".join(t.text for t in words).lower()

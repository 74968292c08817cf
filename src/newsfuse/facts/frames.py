"""What a figure is a figure *of*: the frame that tells one fact from another that looks like it.

Two numbers of one kind measure the same fact only when they belong to the same thing. The frame
holds what the dependency parse and the entity spans say about that, for each figure:

- `owners`: the named things the figure belongs to: whose age ("Anwar, 51"), whose toll
  ("Mexico's toll"), whose offer ("the Orioles (seven years, $140 million)"), the clause's subject;
- `scope`: the named places, groups and bodies of its own phrases ("killed in Nairobi", "games with
  the A's");
- `sort`: the words that say which kind of the counted thing ("12 Somali and 11 Yemeni pirates",
  "three other automatic rifles" vs "seven AK-47 assault rifles");
- `predicate`: what the clause says of it ("killed", "captured" vs "tried to attack");
- `reference`: the place a distance is measured from ("60 km northwest of Curicó");
- `part`: one of several counts listed side by side of one noun ("12 Somali and 11 Yemeni"), and
  `whole`: a figure said to be the sum ("a combined 157 games", "224 in all").

The compare stage lets two figures conflict only when their frames can be one fact
(`newsfuse.compare.quantities` decides; this module only reads).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from newsfuse.facts.entities import HONORIFICS, TITLE_VOCAB

if TYPE_CHECKING:
    from nicknames import NickNamer
    from spacy.tokens import Doc, Token

NAMED = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"})
OWNER_DEPS = frozenset({"poss", "nsubj", "nsubjpass", "appos"})
SORT_DEPS = frozenset({"amod", "compound", "nmod"})
# Words that make a figure the whole: "a combined 157 games", "224 in all", "the total of 66".
WHOLE_BEFORE = frozenset({"combined", "total", "overall", "cumulative", "aggregate", "collective"})
WHOLE_AFTER = (("in", "all"), ("in", "total"), ("all", "told"), ("altogether",), ("total",), ("combined",),
               ("overall",), ("so", "far"), ("to", "date"), ("in", "all,"))
# Verbs that state a level of their subject: "the toll in Mexico rose to 50", "the budget is $5bn". The
# places of such a subject scope the figure; the places of other subjects ("officials in Japan put the
# figure at ...") say where the speaker is.
LEVEL_VERBS = frozenset({"be", "is", "was", "are", "were", "rise", "rose", "risen", "climb", "climbed", "reach",
                         "reached", "stand", "stood", "stands", "hit", "total", "totaled", "totalled", "fall", "fell",
                         "jump", "jumped", "grow", "grew", "remain", "remained"})
# Verbs that say nothing of what a figure is of: the copula, "have", and the reporting verbs ("Deputies
# said that Orozco is ... 135 pounds": the saying is the outlet's, the weighing is the fact).
NO_PREDICATE = frozenset({"be", "have", "is", "was", "are", "were", "has", "had", "say", "said", "says", "tell",
                          "told", "report", "reported", "reports", "add", "added", "state", "stated", "announce",
                          "announced", "confirm", "confirmed", "believe", "believed", "accord", "according"})
# Adjectives that grade or count rather than sort: "three new cases" and "three cases" are one count.
NOT_SORTS = frozenset({"other", "new", "more", "additional", "several", "many", "few", "total", "least",
                       "last", "first", "next", "same", "such", "own", "much", "only", "further",
                       "estimated", "reported", "confirmed", "possible", "likely", "approximately", "about"})


# Words that go with a name without being it: whose age "President Obama, 55" gives is Obama's.
NOT_NAME_WORDS = TITLE_VOCAB | HONORIFICS

CALENDAR = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                      "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                      "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
                      "saturday", "sunday"})
CORE_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative", "csubj"})


@dataclass(slots=True, frozen=True)
class Frame:
    owners: frozenset[str] = frozenset()
    scope: frozenset[str] = frozenset()
    sort: frozenset[str] = frozenset()
    predicate: str = ""
    part: bool = False
    whole: bool = False
    negated: bool = False  # "none has offered more than eight years": no value is asserted
    noun: str = ""  # the measured noun as written ("segments"), against which the other's sort is read
    reference: frozenset[str] = frozenset()  # where a distance is measured from ("65 km northwest of Cauquenes")


def read_frame(doc: Doc, start: int, end: int, head: Token | None, verb: Token | None,
               concept: Callable[[str], str]) -> Frame:
    """The frame of the figure at tokens [start, end), whose measured noun is `head` and governing
    verb `verb` (either may be None). `concept` folds a word to its concept (stem and synonyms)."""
    inside = set(range(start, end))
    owners: set[str] = set()
    scope: set[str] = set()
    # Up from the figure to its clause: every named thing on the way owns it ("the Orioles (seven
    # years ...)", "Matus, 52", "Mexico's toll of 50").
    cur = doc[end - 1]
    for _ in range(6):
        if cur.i not in inside and _named(cur):
            owners |= _names(cur)  # the nearest name above the figure is whose it is
            break
        if cur.pos_ in {"VERB", "AUX"} or cur.head is cur:
            break
        cur = cur.head
    counted = doc[end - 1].dep_ == "nummod" and head is not None and doc[end - 1].head.i == head.i
    if head is not None and head.i not in inside and _named(head) and not counted:
        # "Anwar, 51": the measured one is named; the clause's others are not owners. A named noun
        # the figure counts ("121 RBI", "12 MPs") is what is counted, not whose.
        owners |= _names(head)
    # The clause's subject owns a figure that is one of the verb's own arguments ("the Orioles
    # offered seven years", "Teixeira hit 13 homers"), not one nested deeper ("At the start of the
    # two-day dialogue, Sun expressed ...": the dialogue is not Sun's).
    close = verb is not None and _steps_up(head if head is not None else doc[end - 1], verb) <= 2
    for tok in (head, verb):
        if tok is None:
            continue
        for child in tok.children:
            if child.i in inside:
                continue
            if child.dep_ in OWNER_DEPS or (child.dep_ == "compound" and _named(child)):
                if not owners and (tok is head or close):
                    owners |= _names_under(child)
                if close and tok is verb and (verb.lemma_ or verb.lower_).lower() in LEVEL_VERBS:
                    scope |= _places_under(child)  # "the toll in Mexico rose to 50": where, not whose
            elif child.dep_ == "prep" and child.lower_ not in {"than", "like", "by"}:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i not in inside:
                        scope |= _names_under(obj, PHRASE_DEPS)
            elif child.dep_ == "advcl" and tok is verb and child.tag_ == "VBG" and \
                    not any(c.dep_ == "mark" for c in child.children):
                # "Playing in 157 games with the Angels and Braves, he had 121 RBIs": the participle
                # says where and with whom the whole clause is true.
                scope |= _places_under(child)
    sort = set()
    if head is not None:
        for child in head.children:
            if child.i in inside or child.dep_ not in SORT_DEPS or child.lower_ in NOT_SORTS:
                continue
            if (child.is_alpha or "-" in child.text) and not _named(child):
                sort.add(child.lower_)  # a name says whose ("francesca matus, 52"), not which kind
    pred = ""
    if verb is not None and (verb.lemma_ or verb.lower_).lower() not in NO_PREDICATE:
        pred = concept(verb.lemma_ or verb.lower_)
    return Frame(owners=frozenset(owners), scope=frozenset(scope - owners), sort=frozenset(sort),
                 predicate=pred, part=_listed(doc, start, end, head), whole=_whole(doc, start, end),
                 negated=_negated(verb) and _argument(doc, end, head),
                 noun=head.lower_ if head is not None else "", reference=frozenset(_reference(head if head is not None else doc[end - 1])))


def _reference(head: Token) -> set[str]:
    """The place a distance is measured from: in "65 kilometers northwest of Cauquenes" the figure's
    noun (or unit) says how far along "northwest of Cauquenes" (the parse's npadvmod), so the fact is
    Cauquenes'."""
    if head.dep_ != "npadvmod" or head.head is head:
        return set()
    return _places_under(head.head)


def _argument(doc: Doc, end: int, head: Token | None) -> bool:
    """Is the figure a core argument of its clause (what is done, who does it)? Only then does a
    denied verb deny the figure: "none has offered more than eight years", "did not kill 28"; not
    "hadn't slept in 28 hours" or "doesn't begin until the age of 20", where the span or the age
    is still asserted."""
    arg = head if head is not None else doc[end - 1]
    if arg.dep_ in {"nummod", "quantmod"} and arg.head is not arg:
        arg = arg.head
    return arg.dep_ in CORE_DEPS


# Heads that stand for any counted noun when verbs are set against each other: "killed 10 people
# and injured 15 others".
ANY_NOUN = frozenset({"", "other", "peopl", "person"})


def contrasted_predicates(said: Iterable[tuple[str, str, str, float, str]]) -> set[frozenset[str]]:
    """Pairs of verbs that one source uses for two different figures of one family and one noun:
    (source, family, predicate, value, head) for each figure. "killed 10 ... injured 15 others" in one
    report makes kill/injure two facts for the whole story; "intercepted three boats with 26 pirates"
    and "apprehended 26 pirates" set no verbs apart (the boats are another noun, the pirates agree)."""
    by_source: dict[tuple[str, str], dict[str, set[tuple[float, str]]]] = {}
    for source, family, predicate, value, head in said:
        if predicate:
            by_source.setdefault((source, family), {}).setdefault(predicate, set()).add((value, head))
    out: set[frozenset[str]] = set()
    for verbs in by_source.values():
        names = sorted(verbs)
        for k, p in enumerate(names):
            for q in names[k + 1:]:
                if _different_figures(verbs[p], verbs[q]):
                    out.add(frozenset({p, q}))
    return out


def _different_figures(p: set[tuple[float, str]], q: set[tuple[float, str]]) -> bool:
    """A figure of one verb and one of the other, of one noun, whose values the other verb never has."""
    def same_noun(x: str, y: str) -> bool:
        return x == y or x in ANY_NOUN or y in ANY_NOUN

    return any(same_noun(hx, hy) and vx != vy
               and not any(v == vx and same_noun(h, hx) for v, h in q)
               and not any(v == vy and same_noun(h, hy) for v, h in p)
               for vx, hx in p for vy, hy in q)


def _negated(verb: Token | None) -> bool:
    """The figure's clause, or a clause above it, is denied: "not", "never", "none of", "no team"."""
    cur = verb
    for _ in range(3):
        if cur is None:
            return False
        for child in cur.children:
            if child.dep_ == "neg" or (child.lower_ in {"none", "nobody", "neither", "nothing"} and \
                    child.dep_ in {"nsubj", "nsubjpass"}):
                return True
            if child.dep_ in {"nsubj", "nsubjpass"} and any(d.lower_ in {"no", "neither"} for d in child.children
                                                            if d.dep_ == "det"):
                return True
        if cur.head is cur or cur.dep_ not in {"xcomp", "ccomp", "conj", "advcl"}:
            return False
        if any(c.lower_ in QUESTION_WORDS and c.dep_ in {"advmod", "mark"} for c in cur.children):
            # "did not state when the other 14 sailors would be released": a question asked, not a
            # figure denied (what the clause tells of the 14 is taken as known)
            return False
        cur = cur.head
    return False


QUESTION_WORDS = frozenset({"when", "where", "why", "how", "whether", "if"})


def owners_clash(a: Frame, b: Frame) -> bool:
    """Both figures are owned by named things, and not by one: no owner's name is the other's or a
    shorter form of it. A shorter name is the longer one's alias ("Sharron" / "Sharron Diane Crawford
    Smith", "Jenkin" / "Kathryn Jenkin"), but two names that share only a word are two owners
    ("Kathryn Jenkin" / "John Jenkin": sisters' and brothers' ages are not one fact). Titles and
    honorifics are not part of the name ("President Obama" / "Barack Obama")."""
    if not a.owners or not b.owners:
        return False
    na, nb = a.owners - NOT_NAME_WORDS or a.owners, b.owners - NOT_NAME_WORDS or b.owners
    if na <= nb or nb <= na:
        return False
    # "Jim Oler" / "James Oler": a given name and its nickname are one name.
    only_a, only_b = na - nb, nb - na
    return not (na & nb and all(any(_one_given_name(x, y) for y in only_b) for x in only_a))


@lru_cache(maxsize=1)
def _nicknames() -> NickNamer:
    from nicknames import NickNamer  # a 70 ms table, read only when two owners' names differ

    return NickNamer()


@lru_cache(maxsize=4096)
def _one_given_name(a: str, b: str) -> bool:
    names = _nicknames()
    return b in names.nicknames_of(a) or b in names.canonicals_of(a)


def apart(a: Frame, b: Frame, counted: bool = True, contrasted: Collection[frozenset[str]] | None = None,
          owned: bool = False, one_language: bool = True) -> str:
    """Why two figures' frames cannot be one fact ("" when they can): they belong to different named
    things, are of different sorts, one is a part and the other the whole, one is denied, or their
    clauses say different things of them ("tried to attack" / "captured"). A frame that says less
    (no owner, no sort) is not evidence of a difference: the outlet may simply not repeat it.

    Verbs: two outlets telling one fact in their own words use their own verbs ("100 people packed
    the chambers" / "filled"), while "killed 10" and "injured 15" are two facts. What tells them apart
    is the story itself: a pair of verbs that some source uses for two different figures
    (`contrasted`, from `contrasted_predicates`) names two facts; any other pair is wording. With
    `contrasted=None` (figures of sentences that do not say the same thing) any two verbs differ.
    `counted=False` for sums and durations, whose measured noun ("defense spending", "the talks")
    already says what they are of whatever the verb. `owned=True` for ages: an age is its owner's
    wherever and whatever the clause says of them ("Matus, 52, was last seen in Corozal" and "Matus,
    78, was found dead in Belize" give one age), so only whose it is tells two apart."""
    if a.negated or b.negated:
        return "a denied figure"
    if not one_language:
        # Frames of two languages name their owners, places, sorts and verbs in two vocabularies
        # ("Japon" / "Japan", "tués" / "killed"): unequal spellings say nothing; only the structure does.
        return "a whole against what may be a part" if a.whole != b.whole else \
            "one of several listed parts against a single figure" if a.part != b.part else ""
    if owners_clash(a, b):
        return f"of different things ({', '.join(sorted(a.owners))} / {', '.join(sorted(b.owners))})"
    if owned:
        return ""
    named_a, named_b = a.owners | a.scope, b.owners | b.scope
    if (a.scope or b.scope) and named_a and named_b and not named_a & named_b:
        return f"in different places or groups ({', '.join(sorted(named_a))} / {', '.join(sorted(named_b))})"
    if a.scope and b.scope and (a.scope < b.scope or b.scope < a.scope):
        # "54 games with the Angels" / "157 games with the Angels and Braves": a part and its whole.
        return f"a part against a larger whole ({', '.join(sorted(a.scope))} / {', '.join(sorted(b.scope))})"
    if a.reference and b.reference and not a.reference & b.reference:
        return f"measured from different places ({', '.join(sorted(a.reference))} / {', '.join(sorted(b.reference))})"
    # Sorts differ when neither names a word of the other's phrase: "12 Somali" / "11 Yemeni pirates",
    # not "14 distinct population segments" / "14 population segments".
    if a.sort and b.sort and not a.sort & (b.sort | {b.noun}) and not b.sort & (a.sort | {a.noun}):
        return f"of different sorts ({', '.join(sorted(a.sort))} / {', '.join(sorted(b.sort))})"
    if a.whole != b.whole:
        return "a whole against what may be a part"
    if a.part != b.part:
        return "one of several listed parts against a single figure"
    if counted and a.predicate and b.predicate and a.predicate != b.predicate and \
            (contrasted is None or frozenset({a.predicate, b.predicate}) in contrasted):
        return f"said of different actions ({a.predicate} / {b.predicate})"
    return ""


def _steps_up(tok: Token, ancestor: Token) -> int:
    """How many arcs up the parse from `tok` to `ancestor` (a large number if it is not above it)."""
    steps = 0
    while tok.i != ancestor.i and tok.head is not tok and steps < 10:
        tok, steps = tok.head, steps + 1
    return steps if tok.i == ancestor.i else 99


def _named(tok: Token) -> bool:
    if tok.lower_.rstrip(".") in CALENDAR:
        return False  # "the February 27 8.8 earthquake": a date, whatever the tagger made of it
    return tok.ent_type_ in NAMED or (tok.pos_ == "PROPN" and tok.ent_type_ not in {"DATE", "TIME", "MONEY",
                                                                                   "CARDINAL", "QUANTITY"})


def _names(tok: Token) -> set[str]:
    """The words of the name `tok` is part of, lowercased: its whole entity span, or (where the
    tagger saw a proper noun the recogniser missed, as in lowercased text) its chain of proper-noun
    compounds: "francesca matus" whichever of the two the parse made the head."""
    doc = tok.doc
    if tok.ent_type_ in NAMED:
        for ent in doc.ents:
            if ent.start <= tok.i < ent.end:
                return {w.lower_ for w in ent if w.is_alpha and not w.is_stop} or {tok.lower_}
    top = tok
    while top.dep_ == "compound" and top.head is not top and top.head.pos_ == "PROPN":
        top = top.head
    chain = [top, *(c for c in top.subtree if c.dep_ == "compound" and c.pos_ == "PROPN")]
    return {t.lower_ for t in chain if t.is_alpha}


def _names_under(tok: Token, deps: frozenset[str] = frozenset({"compound", "poss", "conj", "appos"})) -> set[str]:
    """Names in the short phrase headed by `tok`: "the Angels and Braves", "Mexico's", "Anwar, the
    former deputy". The phrase's head, its compounds, possessors, conjuncts and appositions: not
    clauses hung below it (a relative clause names other things)."""
    out: set[str] = set()
    todo = [tok]
    seen = 0
    while todo and seen < 10:
        t = todo.pop()
        seen += 1
        if _named(t):
            out |= _names(t)
        todo.extend(c for c in t.children if c.dep_ in deps)
    return out


PHRASE_DEPS = frozenset({"compound", "poss", "conj", "appos", "prep", "pobj"})


def _places_under(tok: Token) -> set[str]:
    """Names in the prepositional phrases of the phrase headed by `tok`: "the toll in Mexico", "54
    games with the A's": where or with whom, not whose."""
    out: set[str] = set()
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ not in {"than", "like", "by"}:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out |= _names_under(obj, PHRASE_DEPS)
    return out


def _listed(doc: Doc, start: int, end: int, head: Token | None) -> bool:
    """ "213 in Nairobi and 11 in Dar es Salaam", "12 Somali and 11 Yemeni pirates": this count is
    one of several listed side by side, each a part of the story's figure."""
    last = doc[end - 1]
    window = doc[max(0, start - 8):min(len(doc), end + 8)]
    if any(t.lower_ == "or" for t in window):
        return False  # "2% of GDP, or $320 billion": one figure said two ways, not two parts
    near = [t for t in window if t.like_num and not start <= t.i < end]
    if last.dep_ == "conj" and (last.head.like_num or any(c.like_num and c.dep_ == "nummod"
                                                          for c in last.head.children)):
        return True
    if any(t.dep_ == "conj" and t.head.i == last.i for t in near):
        return True
    # numbers on two sorts of one noun: "12 Somali and 11 Yemeni nationals"
    if head is not None and last.dep_ == "nummod" and last.head != head and last.head.head == head:
        return any(t.dep_ == "nummod" and t.head.head == head and t.head != last.head for t in near)
    return False


def _whole(doc: Doc, start: int, end: int) -> bool:
    before = {t.lower_ for t in doc[max(0, start - 3):start]}
    if before & WHOLE_BEFORE:
        return True
    after = tuple(t.lower_ for t in doc[end:end + 4] if not t.is_punct)
    # the counted noun may sit in between: "224 people in all"
    return any(after[k:k + len(phrase)] == phrase for phrase in WHOLE_AFTER for k in (0, 1))

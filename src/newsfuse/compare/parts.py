"""Is one figure a part of the other? What the figures' own words and the story's sums say.

A part and its total are told in sentences that say the same thing, with the same counted noun
("an attack that killed 16 people, including four nuns" / "the murder of four missionaries and
twelve other people"): to the sentence evidence they look like one fact told twice, and the
same-fact model needs evidence of its own to tell them apart. Two kinds, both read off the figures
(the words around each, the other figures their sentences and sources give), never off one sentence
pair's wording:

- **markers**: the words that make a count one part beside others ("twelve *other* people",
  "*another* 60", "59 *more*", "nine *of them*", "*including* four nuns", "*among them* two"; a
  part listed beside others or out of a total: `Found.part`, the frame's `part`). One count marked
  as a part and the other not is a part against a total (or against another part). The words are
  English here and, for the other languages the `Lexicon` covers, its `others` and `including`
  fields ("autres", "weitere", "dont", "darunter").
- **sums**: the larger count is the smaller plus another count that one of the two sentences gives
  ("16 ... including four nuns" / "twelve other people": 12 + 4; "157 and 122 pregnant women ...
  respectively" / "279 pregnant women": 157 + 122). Two counts that add up to a third are its parts.

`facts.frames` already reads a figure listed beside others ("213 in Nairobi and 11 in Dar es
Salaam": `part`) and one said to be the sum ("a combined 157 games": `whole`); this adds the
markers of a part taken out of a group, and the arithmetic across sources.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsfuse.compare.values import Stated
from newsfuse.facts.quantities import Found
from newsfuse.langdata import known, lexicon

# Right after a figure (or after its counted noun): the figure is some beside others already told.
OTHERS = frozenset({"other", "others", "more", "additional", "further", "extra", "remaining"})
# Right before a figure: "another 60 killings", "a further 12", "the remaining three".
OTHERS_BEFORE = frozenset({"another", "further", "additional", "remaining"})
# Words that open a list of some of a group: "including four nuns", "among them two children".
INCLUDING = frozenset({"including", "includes", "included", "among", "incl"})
# After a figure: "nine of them", "two of whom", "three of the victims": some of a group told before.
OF_GROUP = frozenset({"them", "whom", "those", "these", "the"})


def _words(f: Found) -> tuple[frozenset[str], frozenset[str]]:
    """The other-words and list-openers of the figure's language."""
    if f.lang and known(f.lang):
        lex = lexicon(f.lang)
        return frozenset(lex.others), frozenset(lex.including)
    return OTHERS, INCLUDING


def marked_part(f: Found) -> bool:
    """The figure counts some of a group beside others: "twelve other people", "another 60",
    "nine of them", "including four nuns", a part listed beside others or out of a total."""
    if f.part or f.frame.part:
        return True
    others, including = _words(f)
    before, after = f.before, f.after
    # "60 more", "twelve other people", "drei weitere Menschen" (not "three boats, more than ...").
    for k in (0, 1):
        if after[k:k + 1] and after[k] in others and after[k + 1:k + 2] != ("than",):
            return True
    english = not f.lang
    if english and before[:1] and before[0] in OTHERS_BEFORE:
        return True  # "another 60 killings"
    if english and after[:1] == ("of",) and after[1:2] and after[1] in OF_GROUP:
        return True  # "nine of them", "three of the victims"
    # "including four nuns", "among them two children": the list opener, perhaps a pronoun between.
    return bool(before[:1] and before[0] in including) or \
        (len(before) > 1 and before[0] in {"them", "whom", "those"} and before[1] in including)


def counted(f: Found) -> bool:
    """A count of things (a bare number may stand for one), not a measure in units: "10 tonnes of the
    gang's cocaine" is no part of a group, whatever follows it."""
    q = f.quantity
    return q.kind == "count" or (q.kind == "number" and not q.unit)


def marks_apart(a: Found, b: Found) -> bool:
    """Of two counts, one is marked a part of a group and the other is not. (A whole marked alone says
    less: "145 people, including 132 children" and "142 people" are one toll, one outlet naming some
    of its dead. Shares and sums are left alone: "50 percent of the 1990 emissions" is no part.)"""
    return counted(a) and counted(b) and marked_part(a) != marked_part(b)


# A total under this is too easily met by chance in the other figures of two sentences ("two other
# rifles" / "three other rifles" beside "one grenade launcher"); news tallies that add up are larger.
LEAST_TOTAL = 10


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 0.005 * max(abs(x), abs(y), 1.0)


def adds_up(a: Stated, b: Stated, items: Sequence[Stated]) -> bool:
    """The larger of the two figures is the smaller plus another figure of their family that one of
    the two sentences gives ("16 ... including four nuns" / "twelve other people"; "157 and 122"
    / "279"): the two are a part and its total, not one fact told two ways."""
    qa, qb = a.main.quantity, b.main.quantity
    if not (counted(a.main) and counted(b.main)) or qa.high is not None or qb.high is not None:
        return False
    if qa.value == qb.value or min(qa.value, qb.value) <= 0 or max(qa.value, qb.value) < LEAST_TOTAL:
        return False
    small, large = (a, b) if qa.value < qb.value else (b, a)
    gap = large.main.quantity.value - small.main.quantity.value
    for s in items:
        if s is small or s is large or s.key not in {a.key, b.key} or not counted(s.main) \
                or s.main.quantity.high is not None:
            continue
        if s.key == large.key and s.main.quantity.value == small.main.quantity.value:
            continue  # the large side's own copy of the small figure says nothing of a sum
        if _close(s.main.quantity.value, gap):
            return True
    return False

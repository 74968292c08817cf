"""Whether a name is a person, a place or an organisation, by votes across all its mentions, and
which names are one another's aliases.

The small NER model types each mention alone and often wrongly ("Bettie Page" as an organisation,
"Fukushima" or a village as a person). A name's kind is decided over the whole story instead: each
mention votes with the model's label, and with what the sentence itself says, without a gazetteer:
- a person: a title or honorific before the name or a title in apposition ("Sun Weidong, China's vice
  foreign minister"); the subject of a verb of saying ("Nambiar said") is a person or a body, so it
  votes for both, against a place;
- a place: the object of a place preposition ("in Qeshm", "near Estwick"); a name that says which
  place a place noun is ("the town of Namie", "Miyagi prefecture", "the Daini nuclear plant" when
  the name never acts as someone elsewhere); a name with a place in apposition ("Soma, Fukushima");
- coordinated names are read in the role of the whole coordination ("in Fukushima and Miyagi",
  "between Tokyo and Sendai") and vote with the model's label of the names they are coordinated
  with: "Tokyo and Sendai" are two of a kind;
- the name's last word, when it says what kind of thing it names: "Qeshm Island", "Zayed Road",
  "Red Crescent Society" (see `PLACE_HEADS`, `ORG_HEADS`): that decides.

Aliases merge beyond surnames and short organisation names: "X (Y)" where Y spells X's initials
("United States Geological Survey (USGS)") and "X, known as Y" / "X, also known as Y".
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from newsfuse.types import EntityKind

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Weight of what the sentence says, against one vote of the model's label per mention: a title or a
# verb of saying is read off the words, the label is a guess.
EVIDENCE = 2
SPEECH_VERBS = frozenset({"say", "tell", "add", "announce", "insist", "explain", "warn", "write", "tweet",
                          "report", "claim", "deny", "admit", "recall", "describe", "confirm", "argue"})
# Prepositions whose object is a place when it is a bare name: "in Lowmere", "near Estwick"; and
# those whose object is a place about as often as someone or a body ("crews from Devon", "aid from
# the EU", "spoke to ITV"), which vote half as much.
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "across", "around", "into", "throughout",
                      "within"})
LOCATIVE_WEAK = frozenset({"from", "to", "towards", "toward", "through", "between"})
# Nouns of places a name can say which one is: "the town of Namie", "Fukushima and Miyagi prefectures".
PLACE_NOUNS = frozenset({"town", "city", "village", "prefecture", "province", "county", "state", "region",
                         "district", "island", "port", "capital", "municipality", "suburb", "neighbourhood",
                         "neighborhood", "borough", "township", "oblast"})
# The model's labels of a place, as the coordination vote reads a neighbour's label.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The last word of a name that makes it a place whatever the tagger says ("Old Tanner Bridge", "Quay
# Street", "Marrow River"): a bridge or a street is somewhere, not an organisation or a person.
PLACE_HEADS = frozenset({"bridge", "street", "st", "road", "rd", "avenue", "ave", "lane", "boulevard", "highway",
                         "river", "lake", "mountain", "mountains", "hill", "hills", "square", "airport", "harbour",
                         "harbor", "bay", "island", "islands", "valley", "park", "ranch", "stadium", "strait", "sea",
                         "ocean", "coast", "beach", "canyon", "province", "district", "region", "village", "peninsula",
                         "gulf", "desert", "forest", "plaza", "tower", "dam", "canal", "pass", "creek", "mount",
                         "county", "prefecture", "city", "town", "isles", "archipelago"})
# Of those, the words that only say what kind of place a name is, not which: "Qeshm Island" is Qeshm,
# "Hormozgan province" Hormozgan, but the "Taiwan Strait" is not Taiwan, nor "Mexico City" Mexico.
PLACE_FORMS = frozenset({"island", "islands", "isles", "archipelago", "province", "county", "prefecture",
                         "region", "district", "state"})
# Words that say what kind of body a name is, not which: "Kyodo News" is Kyodo, "Toyota Motor Corp." Toyota.
ORG_FORMS = frozenset({"news", "agency", "group", "inc", "inc.", "corp", "corp.", "corporation", "co", "co.",
                       "ltd", "ltd.", "company", "plc", "llc", "party", "press", "service", "services",
                       "holdings", "motor", "motors", "bank"})
# The last word of a name that makes it an organisation: "Taunton Crown Court", "Somerset Fire Service".
ORG_HEADS = ORG_FORMS | frozenset({"court", "committee", "council", "ministry", "department", "police", "university",
                                   "college", "school", "hospital", "association", "union", "society", "institute",
                                   "commission", "board", "office", "authority", "federation", "foundation",
                                   "network", "television", "radio", "newspaper", "times", "post", "herald",
                                   "hotel", "museum", "church", "army", "navy", "force", "forces", "crescent",
                                   "cross", "survey", "center", "centre", "club", "team", "league"})
# The Lower-case words a person's name never holds, so "Hormozgan province" is not a person.
_LOWER = re.compile(r"^[a-z]")


def head_kind(words: list[str]) -> EntityKind | None:
    """The kind a name's head word says it is, for names of two words or more."""
    if len(words) < 2:
        return None
    lower = [w.lower() for w in words]
    # English names "X of Y" have their head before "of": the "University of South Alabama College of
    # Medicine" is a university, the "Gulf of Aden" a gulf.
    last = (lower[lower.index("of") - 1] if "of" in lower[1:] else lower[-1]).rstrip(".")
    if last in PLACE_HEADS:
        return "place"
    if last in ORG_HEADS:
        return "organization"
    return None


def mention_votes(span: Span, titled: bool) -> Counter[EntityKind]:
    """What one mention's sentence says the name is (`titled`: a title stands before or after it)."""
    votes: Counter[EntityKind] = Counter()
    before = span.doc[span.start - 1] if span.start > 0 else None
    honorific = before is not None and before.lower_.rstrip(".") in {"mr", "mrs", "ms", "dr", "miss", "sir"}
    if titled or honorific:
        votes["person"] += EVIDENCE
    elif speaks(span):
        votes["person"] += 1
        votes["organization"] += 1
    role = coordination_head(span.root)
    if role.dep_ == "pobj" and role.head.lower_ in LOCATIVE:
        votes["place"] += EVIDENCE
    elif role.dep_ == "pobj" and role.head.lower_ in LOCATIVE_WEAK:
        votes["place"] += 1
    if names_a_place(span) or place_in_apposition(span):
        votes["place"] += EVIDENCE
    votes.update(coordinated_labels(span))
    return votes


def coordination_head(tok: Token) -> Token:
    """The first conjunct of the coordination a word is in: "Sendai" of "between Tokyo and Sendai" is
    read in Tokyo's role, the object of "between"."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def names_a_place(span: Span) -> bool:
    """The name says which place a place noun is: "the town of Namie" (the object of "of" after the
    noun), "Miyagi prefecture" and "Fukushima and Miyagi prefectures" (a modifier of the noun that
    follows the name or the coordination it is in)."""
    role = coordination_head(span.root)
    if role.dep_ == "pobj" and role.head.lower_ == "of" and place_noun(role.head.head):
        return True
    return role.dep_ in {"compound", "nmod", "amod"} and role.head.i >= span.end and place_noun(role.head)


def place_noun(tok: Token) -> bool:
    """"town", "prefectures", "cities" (read off the word: the pipeline may have no lemmatizer)."""
    word = tok.lower_
    return tok.pos_ in {"NOUN", "PROPN"} and (word in PLACE_NOUNS or word.rstrip("s") in PLACE_NOUNS
                                              or (word.endswith("ies") and word[:-3] + "y" in PLACE_NOUNS))


def place_in_apposition(span: Span) -> bool:
    """A place set after the name between commas, or closing the sentence ("Soma, Fukushima,", "Bormio,
    Italy."): how a place is told where it lies. Not a possessive ("Sun Weidong, China's vice minister")."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return False
    nxt = doc[span.end + 1]
    ent = next((e for e in doc.ents if e.start == nxt.i), None)
    if ent is None or ent.label_ not in {"GPE", "LOC"}:
        return False
    close = doc[ent.end] if ent.end < len(doc) else None
    return close is None or close.text in {",", ".", ";", ")"} or place_noun(close)


def coordinated_labels(span: Span) -> Counter[EntityKind]:
    """One vote for the kind the model gives each name this one is coordinated with ("Tokyo and
    Sendai", "Fukushima and Miyagi"): a list joins things of one kind."""
    votes: Counter[EntityKind] = Counter()
    root = span.root
    first = coordination_head(root)
    members = {first.i, *(t.i for t in first.conjuncts)} - {root.i}
    for ent in span.doc.ents:
        if ent.root.i in members and not (span.start <= ent.root.i < span.end):
            if ent.label_ in PLACE_LABELS:
                votes["place"] += 1
            elif ent.label_ == "PERSON":
                votes["person"] += 1
            elif ent.label_ == "ORG":
                votes["organization"] += 1
    return votes


def speaks(span: Span) -> bool:
    """The name is the subject of a verb of saying: "Nambiar said", "the union told reporters"."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS


def decide(labels: list[EntityKind], votes: Counter[EntityKind], words: list[str]) -> EntityKind:
    """One kind for a name: its last word when that says, else the model's labels plus the evidence."""
    by_head = head_kind(words)
    if by_head is not None:
        return by_head
    total: Counter[EntityKind] = Counter(labels)
    total.update(votes)
    order: list[EntityKind] = ["person", "organization", "place"]
    first_label = labels[0] if labels else "place"
    return max(order, key=lambda k: (total[k], k == first_label))


# "the United States Geological Survey (USGS)", "the Senkaku Islands, known in China as the Diaoyu"
_PAREN = re.compile(r"(?P<long>(?:[A-Z][\w.'’-]*\s+(?:(?:of|for|and|the|to|de|du|la)\s+)*){1,8})"
                    r"\((?P<short>[A-Z][A-Za-z.&-]{1,9})\)")
_KNOWN = re.compile(r"(?P<a>(?:[A-Z][\w.'’-]*\s*){1,5}),\s+(?:also\s+|better\s+|widely\s+)?known\s+"
                    r"(?:\w+\s+\w+\s+)?as\s+(?:the\s+)?(?P<b>(?:[A-Z][\w.'’-]*\s*){1,5})")
_SMALL = frozenset({"of", "for", "and", "the", "to", "de", "du", "la", "&"})


def initials(name: str) -> str:
    """ "United States Geological Survey" → "USGS"; "U. S. Geological Survey" too."""
    return "".join(w[0] for w in re.split(r"[\s.\-]+", name) if w and w.lower() not in _SMALL).upper()


def alias_pairs(text: str) -> list[tuple[str, str]]:
    """The (name, alias) pairs a sentence defines: an acronym in brackets that spells the name's
    initials, or "X, known as Y"."""
    out = []
    for m in _PAREN.finditer(text):
        words = m["long"].split()
        short = m["short"].replace(".", "").upper()
        for k in range(len(words)):  # the tail of the capitalised run that spells it
            long = " ".join(words[k:])
            if initials(long) == short and not _LOWER.match(long):
                out.append((_bare(long), m["short"]))
                break
    for m in _KNOWN.finditer(text):
        out.append((_bare(m["a"]), _bare(m["b"]).rstrip(",.")))
    return out


def _bare(name: str) -> str:
    """A name as entities are keyed: without a leading article."""
    name = name.strip()
    return name[4:] if name[:4].lower() == "the " else name

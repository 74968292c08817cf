"""The words that make an English sentence lean on the one before it: one closed list, kept here.

A news sentence reads alone unless it opens on a word whose meaning is in the previous sentence:
a discourse connective ("However,", "On his part,"), a third-person or demonstrative pronoun
("He said ...", "This is ..."), or a subordinating conjunction that leaves the sentence a clause of
another ("While X warned ..."). These are closed classes of English, so lists are the model, not a
shortcut: the connectives are the sentence-initial explicit connectives of the Penn Discourse
Treebank that point backwards (PDTB 2.0 annotation manual, §1.2; "in turn", "on his part" and
"for its part" added because wire copy opens on them), the pronouns and subordinators are the
grammar's own. Whether such a word really leans (a "that" may open a noun clause, a "While" may
head an adverbial before its main clause) is the parse's call, in `standalone.py`; this module only
says where to look, and is what the claims stage reads without spaCy (`opens_leaning`).
"""

from __future__ import annotations

import re

# Connectives that may open a sentence with no comma after them: coordinators and the adverbs that
# always connect. Dropping one leaves the rest of the sentence asserted as the source wrote it.
BARE_CONNECTIVES = frozenset({
    "and", "but", "yet", "or", "nor", "also", "however", "meanwhile", "moreover", "furthermore",
    "additionally", "nevertheless", "nonetheless", "consequently", "therefore", "thus", "hence",
    "likewise", "similarly", "besides", "accordingly", "subsequently", "separately", "too",
})
# Words and phrases that connect only when a comma closes them: "Now, that ..." leans back, "Now
# the ministry says ..." need not, and "Still" / "Then" / "Instead" are ordinary words without it.
COMMA_CONNECTIVES = (
    "now", "then", "still", "instead", "again", "later", "earlier", "afterwards", "indeed", "otherwise",
    "in addition", "in turn", "in particular", "in fact", "in contrast", "by contrast", "as a result",
    "as such", "on the other hand", "at the same time", "after that", "even so", "that said",
    "in response", "in other words", "for example", "for instance", "in the meantime", "above all",
    "on his part", "on her part", "on its part", "on their part", "for his part", "for her part",
    "for its part", "for their part", "to that end", "by then", "since then", "of course",
    # enumeration: "Second, it's okay ..." is the second item of a list the previous sentences opened
    "first", "firstly", "second", "secondly", "third", "thirdly", "finally", "lastly",
)
# Third-person pronouns: their referent is outside the sentence unless a name precedes them in it.
PERSONAL = frozenset({"he", "she", "it", "they", "him", "her", "them", "his", "its", "their"})
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her"})  # the ones a person's name may replace
DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
# Subordinating conjunctions that open an adverbial clause: without a main clause after it, the
# sentence is a fragment of the one before ("While China's ... also warned Japan ...").
SUBORDINATORS = frozenset({
    "while", "though", "although", "because", "whereas", "if", "unless", "since", "as", "when",
    "whenever", "after", "before", "until", "once",
})

# Contrast and concession subordinators: their clause is asserted (factive), and alone, with no
# main clause, the writer used them as a connective to the previous sentence ("While China's ...
# also warned Japan ..." = "Meanwhile, ..."), which PDTB classes with "however". Dropped like one.
# A temporal, causal or conditional clause alone ("If the talks fail.") is passed over instead.
CONTRAST_SUBORDINATORS = frozenset({"while", "whereas", "though", "although"})

_WORD = re.compile(r"[A-Za-z]+")
_PRONOUN_AFTER_COMMA = re.compile(r"[,\"”’]\s*(?:he|she|they|it)\s", re.IGNORECASE)
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it"})
# How far into a sentence a subject pronoun may stand after a fronted phrase with no comma ("One day
# she had ...", "Then he's finished", "Not where he was staying ..."): the parse decides whether it is
# the main clause's subject; this only says where to look.
_FRONTED_WORDS = 5
_SHORT = 9  # words
PREPOSITIONS = frozenset({
    "about", "above", "across", "after", "against", "along", "amid", "among", "around", "at", "before",
    "behind", "below", "beneath", "beside", "between", "beyond", "by", "despite", "during", "except",
    "for", "from", "in", "inside", "into", "like", "near", "of", "off", "on", "onto", "outside", "over",
    "per", "since", "through", "throughout", "to", "toward", "towards", "under", "until", "upon", "via",
    "with", "within", "without",
})
_OPENING_QUOTES = "\"'“‘«(["
_MID_SENTENCE = frozenset("–—…-")


def first_words(text: str, n: int = 5) -> list[str]:
    """The first `n` words of `text`, lowercased (opening quotes and brackets skipped)."""
    return [w.lower() for w in _WORD.findall(text.lstrip(_OPENING_QUOTES)[:200])[:n]]


def comma_connective(text: str) -> str | None:
    """The comma-closed connective `text` opens on ("On his part"), or None."""
    head = text.lstrip(_OPENING_QUOTES).lower()
    for phrase in COMMA_CONNECTIVES:
        if head.startswith(phrase) and head[len(phrase):len(phrase) + 1] == ",":
            return phrase
    return None


def opens_mid_sentence(text: str) -> bool:
    """True when `text` opens on a dash or an ellipsis: what follows is the rest of a sentence."""
    return text.lstrip()[:1] in _MID_SENTENCE or text.lstrip().startswith("...")


def opens_leaning(text: str) -> bool:
    """True when `text` opens on a connective or a pronoun, or mid-sentence: it leans on the sentence
    before it whatever its parse. The claims stage's test of a poor stand-alone representative."""
    stripped = text.lstrip(_OPENING_QUOTES)
    if stripped[:1].islower() or opens_mid_sentence(text):
        return True  # a sentence split mid-way
    words = first_words(text, 1)
    return bool(words) and (words[0] in BARE_CONNECTIVES or words[0] in PERSONAL or words[0] in DEMONSTRATIVES
                            or words[0] == "while" or comma_connective(text) is not None)


def may_lean(text: str) -> bool:
    """The lexical gate in front of the parse: False means the sentence surely reads alone (no
    connective, pronoun or subordinator opens it and no pronoun subject follows a fronted phrase)."""
    words = first_words(text, 12)
    if opens_leaning(text) or (words and words[0] in SUBORDINATORS):
        return True
    if any(w in SUBJECT_PRONOUNS for w in words[1:_FRONTED_WORDS + 1]):
        return True
    # A sentence with no main clause ("In Burlington, Ont., in June 2015.", "Source: Flickr.") is
    # short or opens on a preposition; either is cheap to parse.
    if (words and words[0] in PREPOSITIONS) or len(first_words(text, _SHORT + 1)) <= _SHORT:
        return True
    # "Speaking to reporters, he said ...", "“...,” she said": a pronoun subject after a fronted phrase.
    return _PRONOUN_AFTER_COMMA.search(text) is not None

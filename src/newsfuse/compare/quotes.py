"""Quote conflicts: one utterance given to two speakers, or worded differently by two outlets.

House spellings, contractions, cuts and paraphrases are not disputes over what was said; one short
change of content words in an otherwise identical quote is. Both kinds are shown as possible only:
on the judged sets they were most often the parse's mistake or a translation.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher

from newsfuse.facts.quotes import QuoteSet
from newsfuse.stopwords import STOP_WORDS
from newsfuse.text import shorten, stem, words
from newsfuse.types import Conflict, ConflictValue, Evidence


def quote_conflicts(quotes: QuoteSet) -> list[Conflict]:
    out: list[Conflict] = []
    for quote, mentions in zip(quotes.quotes, quotes.mentions, strict=True):
        if quote.term:  # a quoted term is nobody's words: no speaker or wording to dispute
            continue
        speakers: dict[str, list[int]] = defaultdict(list)
        names = _one_name_each([m.speaker for m in mentions if m.speaker])
        for k, m in enumerate(mentions):
            if m.speaker:
                speakers[names[m.speaker]].append(k)
        direct = {s for s, ks in speakers.items() if any(mentions[k].via == "subject" for k in ks)}
        sources = {s: {mentions[k].source for k in ks} for s, ks in speakers.items()}
        # Words too few to be one utterance ("Yes") are not one quote with two speakers.
        if len(speakers) >= 2 and len(set().union(*sources.values())) >= 2 and len(words(quote.text)) >= 4:
            values = [ConflictValue(value=s, normalized=s, sources=sorted(sources[s]),
                                    evidence=list(dict.fromkeys(Evidence(mentions[k].source, mentions[k].key[1],
                                                                         mentions[k].text) for k in ks)))
                      for s, ks in speakers.items()]
            out.append(Conflict(kind="attribution", about=f"who said \"{shorten(quote.text, 60)}\"",
                                values=values, confidence=ATTRIBUTION if len(direct) >= 2 else ATTRIBUTION / 2,
                                note="speakers found from the sentence's grammar; check the evidence"))
        if quote.partial:
            continue
        full = [v for v in quote.variants if len(words(v.text)) >= 4]
        for x, va in enumerate(full):
            for vb in full[x + 1:]:
                if set(va.sources) & set(vb.sources):
                    continue
                changed = _substituted(_spelled(va.text), _spelled(vb.text))
                if changed:
                    out.append(Conflict(kind="quote", about=f"wording of {quote.speaker or 'a'} quote",
                                        values=[ConflictValue(v.text, " ".join(words(v.text)), v.sources,
                                                              v.evidence) for v in (va, vb)],
                                        confidence=QUOTE_WORDING, note=f"words differ: {', '.join(changed)}"))
    return out


# One quote given to two speakers is most often the parse's mistake (a name in the quoted sentence
# that is not the speaker, or a quote merged with another): on the tune split of the judged ledger
# none of 7 was a real dispute over who said it. Shown as possible, never loud.
ATTRIBUTION = 0.4

# A quote worded differently by two outlets is most often a paraphrase or a translation: on the
# ECB+ tune events, none of 15 such pairs was a real dispute over what was said. Shown, never loud.
QUOTE_WORDING = 0.3


def _one_name_each(names: Sequence[str]) -> dict[str, str]:
    """Each speaker's name → the fullest form of the one person it names: "Boone Isaacs" and "Cheryl
    Boone Isaacs", "Hugh Hefner" and a misspelt "Hugh Heffner" are one speaker, not a dispute."""
    out: dict[str, str] = {}
    said = Counter(names)  # of two spellings, the one more mentions use
    distinct = sorted(said, key=lambda n: (-len(n.split()), -said[n], -len(n)))
    for name in distinct:
        out[name] = next((full for full in distinct[:distinct.index(name)] if _same_person(name, full)), name)
        out[name] = out.get(out[name], out[name])
    return out


def _same_person(short: str, full: str) -> bool:
    a, b = short.lower().split(), full.lower().split()
    if not a or not b:
        return False
    if set(a) <= set(b):
        return True  # a shorter form: the surname, or the name without its first name
    differ = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
    # One name spelt or transliterated a letter off: "Heffner" / "Hefner", "Carolos" / "Karolos".
    return len(a) == len(b) and len(differ) == 1 and SequenceMatcher(None, *differ[0]).ratio() >= 0.8


# Spellings that differ by house style, not by what was said: British and American endings.
SPELLING = [(re.compile(p), r) for p, r in (
    (r"(\w)our(s?|hood|ite|ed|ing|able)$", r"\1or\2"), (r"(\w{3})is(e|ed|es|ing|ation|ations)$", r"\1iz\2"),
    (r"(\w)ys(e|ed|es|ing)$", r"\1yz\2"), (r"(\w)([tb])re(s?)$", r"\1\2er\3"), (r"(\w)ll(ed|ing|er)$", r"\1l\2"),
    (r"^(def|off|lic|pret)ence(s?)$", r"\1ense\2"))]
CONTRACTIONS = {"n't": " not", "'m": " am", "'re": " are", "'ve": " have", "'ll": " will", "'d": " would"}
KEEP_OUR = frozenset({"your", "four", "hour", "pour", "tour", "sour", "flour", "dour", "detour", "devour"})


def _spelled(text: str) -> list[str]:
    """A quote's words as compared for wording: curly or spaced apostrophes, contractions, house
    spellings and the way a time or a number is written are not changes of what was said."""
    text = re.sub(r"(\w)\s*[’']\s*(s|m|re|ve|ll|d|t)\b", r"\1'\2", text.replace("’", "'"))
    for short, long_ in CONTRACTIONS.items():
        text = re.sub(rf"(?<=\w){re.escape(short)}\b", long_, text, flags=re.I)
    out = []
    for w in words(text):
        w = w.replace("'", "")
        if any(c.isdigit() for c in w) or w in {"am", "pm", "gmt", "pst", "est", "utc", "bst", "cet"}:
            continue
        if w not in KEEP_OUR:
            for pattern, repl in SPELLING:
                w = pattern.sub(repl, w)
        out.append(w)
    return out


def _substituted(a: list[str], b: list[str]) -> list[str]:
    """Content words one wording has where the other has different ones, when both quote one
    utterance word for word but for one short change ("a Cold War mentality" / "ideology").

    Cuts are not changes, nor is an inflection heard or transcribed otherwise ("I need" / "I
    needed"), nor a compound written apart or together ("punch line" / "punchline"). Wordings that
    differ in several places, or in a long stretch, are a paraphrase or a translation, not a dispute
    over what was said: on the ECB+ tune events none of the 15 such pairs was one.
    """
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    changes = [(i1, i2, j1, j2) for op, i1, i2, j1, j2 in ops
               if op == "replace" and [stem(w) for w in a[i1:i2]] != [stem(w) for w in b[j1:j2]]
               and "".join(a[i1:i2]) != "".join(b[j1:j2])]  # "punch line" / "punchline": one word
    inner = [op for op, i1, i2, j1, j2 in ops if op in {"insert", "delete"} and min(i1, j1) > 0
             and i2 < len(a) and j2 < len(b)]
    same = sum(i2 - i1 for op, i1, i2, _, _ in ops if op == "equal")
    if len(changes) != 1 or inner or same < 0.75 * min(len(a), len(b)):
        return []
    i1, i2, j1, j2 = changes[0]
    if max(i2 - i1, j2 - j1) > 3:
        return []
    return [w for w in a[i1:i2] + b[j1:j2] if w not in STOP_WORDS]

"""Direct and partial quotes, their speakers, and the same quote merged across sources.

The speaker is the subject of the speech verb that governs the quoted words ("..., Sun told his
counterpart"; "He also warned against Japan's 'negative moves'"); a pronoun is resolved to the person
who was last the subject in that source. A phrase in quotation marks that no speech verb governs
("Chinese 'spy balloons,' the report said") is kept as a partial quote with no speaker: it is a
label, and naming the person nearby as its author would be wrong.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import pairwise
from typing import TYPE_CHECKING

from newsfuse.disjoint import DisjointSets
from newsfuse.facts.entities import EntityTable
from newsfuse.facts.nlp import Parsed
from newsfuse.facts.quote_speakers import (
    full_names,
    local_marks,
    pattern_speaker,
    pronoun_speaker,
    title_speaker,
)
from newsfuse.text import normalize, words
from newsfuse.types import Evidence, Quote, QuoteVariant

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SPEECH_VERBS = frozenset(["say", "says", "said", "saying", "tell", "tells", "told", "telling", "warn", "warns", "warned", "warning", "add", "adds", "added", "adding", "state", "states", "stated", "note", "notes", "noted", "write", "writes", "wrote", "ask", "asks", "asked", "urge", "urges", "urged", "insist", "insists", "insisted", "declare", "declares", "declared", "argue", "argues", "argued", "claim", "claims", "claimed", "call", "calls", "called", "describe", "describes", "described", "explain", "explains", "explained", "announce", "announces", "announced", "stress", "stresses", "stressed", "emphasise", "emphasised", "emphasize", "emphasized", "accuse", "accuses", "accused", "reply", "replied", "respond", "responded", "tweet", "tweeted", "posted", "quoted", "quote", "quotes", "acknowledge", "acknowledged", "admit", "admitted", "vow", "vowed", "pledge", "pledged", "promise", "promised", "demand", "demanded", "demands", "mentioned", "remarked", "observed", "cautioned", "complained", "suggested", "predicted", "continued", "highlighted", "underlined", "reiterated", "criticised", "criticized", "condemned", "denounced", "slammed", "branded", "labelled", "labeled", "dubbed", "termed", "confirm", "confirms", "confirmed", "report", "reports", "reported", "deny", "denies", "denied", "recall", "recalls", "recalled", "concede", "conceded", "testify", "testified", "blogged"])
PRONOUNS = frozenset({"he", "she", "him", "her"})
FULL_QUOTE_WORDS = 6  # fewer words than this, and not a clause of its own: a partial quote


@dataclass(slots=True)
class QuoteMention:
    words: str  # the quoted words as written
    key: tuple[str, int]  # the sentence the quotation opens in
    start: int  # character span of the words in that sentence
    end: int
    speaker: str
    partial: bool
    via: str  # how the speaker was found: "subject", "colon", "pronoun", "previous", "next", "" (not found)
    text: str  # the sentence
    term: bool = False  # no speech act attaches these words to anyone: a name, a title, a label
    more: list[tuple[int, str]] = field(default_factory=list)  # further sentences a quotation runs into

    @property
    def source(self) -> str:
        return self.key[0]

    @property
    def norm(self) -> tuple[str, ...]:
        return tuple(words(self.words))


@dataclass(slots=True)
class QuoteSet:
    quotes: list[Quote]
    mentions: list[list[QuoteMention]]  # per quote, the mentions merged into it


# A span is "whole" (opens and closes in the sentence), a "tail" (opens and runs on into the next
# sentence), a "head" (closes a quotation an earlier sentence opened) or "mid" (a sentence wholly
# inside a quotation that runs over three or more sentences).
Span = tuple[int, int, str]


def quote_spans(text: str, lang: str = "") -> list[tuple[int, int]]:
    """Character spans of the quoted words (without the marks) in one sentence."""
    return [(s, e) for s, e, _ in _spans(text, lang=lang)[0]]


def english(lang: str) -> bool:
    return lang in {"", "en"}


def _spans(text: str, open_before: bool = False, lang: str = "") -> tuple[list[Span], bool]:
    """The quoted spans of a sentence, and whether a quotation is still open at its end.
    `open_before`: an earlier sentence left a quotation open, so the first mark here closes it
    (', " SEACOM said' ends a quote; it does not open "SEACOM said"). Outside English the language's
    own marks are read (`quote_speakers.local_marks`)."""
    marks: list[tuple[int, str]] = [] if english(lang) else local_marks(text, lang, open_before)
    for i, ch in enumerate(text if english(lang) else ""):
        pending = (bool(marks) and marks[-1][1] == "open") or (open_before and not marks)
        if ch == "“":
            marks.append((i, "open"))
        elif ch == "”":
            marks.append((i, "close"))
        elif ch == '"':
            # Straight marks pair up in order. A mark glued to the word before it while no quote is
            # open is a stray close ('Taiwan" in collusion') and is dropped; one with spaces on both
            # sides (as in tokenized text: ' " we need ... " ') opens or closes by what is pending.
            glued_before = i > 0 and not text[i - 1].isspace() and text[i - 1] not in "([—–-"
            if pending:
                marks.append((i, "close"))
            elif not glued_before and (i + 1 < len(text)):
                marks.append((i, "open"))
        elif ch == "‘" and (i + 1 < len(text) and text[i + 1].isalnum()):
            marks.append((i, "open"))
        elif ch == "’" and (i + 1 == len(text) or not text[i + 1].isalpha()) and any(
                k == "open" and text[p] == "‘" for p, k in marks):
            marks.append((i, "close"))
    spans: list[Span] = []
    opened: int | None = None
    for pos, kind in marks:
        if kind == "open":
            if opened is None:
                opened = pos
        elif opened is not None:
            spans.append((opened + 1, pos, "whole"))
            opened = None
        elif not spans and pos > 0 and (open_before or (english(lang) and text[:pos].count('"') + text[:pos].count("“") == 0)):
            spans.append((0, pos, "head"))  # the end of a quote that began in an earlier sentence
    open_after = False
    if opened is not None and len(text) - opened > 20 and text[opened] != "‘":
        spans.append((opened + 1, len(text), "tail"))  # runs on into the next sentence
        open_after = True
    elif open_before and not marks:
        spans.append((0, len(text), "mid"))
        open_after = True
    out = []
    for s, e, kind in spans:
        while s < e and text[s] in " \t":
            s += 1
        # A sentence inside a quotation that goes on keeps its full stop: the next one follows it.
        while e > s and text[e - 1] in (" \t" if kind in ("tail", "mid") else " \t,.;:"):
            e -= 1
        if any(c.isalpha() for c in text[s:e]):
            out.append((s, e, kind))
    return out, open_after


MAX_RUN = 5  # sentences one quotation may run over before an unclosed mark is taken as a stray


def _quotations(sentences: list[Parsed]) -> list[list[tuple[int, int, int]]]:
    """The quotations of one source, each a list of (sentence number, start, end): one sentence's
    span, or the spans of a quotation that runs over several sentences (one utterance, one entry)."""
    out: list[list[tuple[int, int, int]]] = []
    run: list[tuple[int, int, int]] = []
    open_before = False
    for n, p in enumerate(sentences):
        spans, open_after = _spans(p.text, open_before, p.lang)
        for s, e, kind in spans:
            if kind in ("head", "mid") and run:
                run.append((n, s, e))
                if kind == "head":
                    out.append(run)
                    run = []
            elif kind == "tail":
                run = [(n, s, e)]
            elif kind == "whole":
                out.append([(n, s, e)])
        if len(run) >= MAX_RUN or (run and not open_after):
            out.append(run[:1])  # never closed: keep where it opened, not the sentences after it
            run = []
        open_before = open_after and bool(run)
    if run:
        out.append(run[:1])
    return sorted(_join_interrupted(out, sentences), key=lambda q: q[0][:2])


def _join_interrupted(quotations: list[list[tuple[int, int, int]]], sentences: list[Parsed]
                      ) -> list[list[tuple[int, int, int]]]:
    """“X,” he said, “Y.”: two spans of one sentence with only an attribution between them are one
    utterance cut by its speech verb, so one entry."""
    out: list[list[tuple[int, int, int]]] = []
    for q in sorted(quotations, key=lambda q: q[0][:2]):
        if out and out[-1][-1][0] == q[0][0]:
            n, _, prev_end = out[-1][-1]
            between = sentences[n].text[prev_end:q[0][1]]
            gap = words(between)
            # Only an attribution between: “X,” he said, “Y” (a comma, a speech verb, no second clause),
            # the attribution closed by its comma, colon or full stop: in '“X,” Brekke told CNBC's “Squawk Box”' the
            # second span is a name the sentence goes on to mention, not the rest of what was said.
            if 0 < len(gap) <= 6 and any(w in SPEECH_VERBS for w in gap) and "," in between \
                    and between.rstrip(" \"'“‘„«‚\u00a0").endswith((",", ":", ".")) \
                    and not {"and", "or", "but", "while"} & set(gap):
                out[-1] = out[-1] + q
                continue
        out.append(q)
    return out


def extract_quotes(parsed: list[Parsed], table: EntityTable) -> QuoteSet:
    mentions: list[QuoteMention] = []
    by_source: dict[str, list[Parsed]] = defaultdict(list)
    for p in parsed:
        by_source[p.source].append(p)
    for sentences in by_source.values():
        quotations = _quotations(sentences)
        last_speaker, last_at = "", -1
        for parts in quotations:
            n = parts[0][0]
            if last_speaker and not _thread_alive(sentences[last_at + 1:n], table, last_speaker):
                last_speaker = ""
            m = _mention(sentences, parts, table, last_speaker)
            if _goes_on(mentions[-1] if mentions else None, m, last_at, n):
                _append(mentions[-1], m)
            else:
                mentions.append(m)
            if m.speaker and not m.term:
                last_speaker, last_at = m.speaker, parts[-1][0]
    return _merge(mentions)


def _goes_on(prev: QuoteMention | None, m: QuoteMention, prev_at: int, n: int) -> bool:
    """'"The charges are lies," said his wife. "They want him gone before the election."': a quote
    standing alone right after its speaker's quoted words, with no speech verb of its own, is the
    rest of what they said."""
    return (prev is not None and prev.source == m.source and prev_at == n - 1 and m.via == "previous"
            and m.speaker == prev.speaker and not prev.term and not m.term)


def _append(prev: QuoteMention, m: QuoteMention) -> None:
    prev.words = f"{prev.words.rstrip(' ,')} … {m.words}"
    prev.more += [(m.key[1], m.text), *m.more]
    prev.partial = prev.partial and m.partial


def _thread_alive(between: list[Parsed], table: EntityTable, speaker: str) -> bool:
    """The previous speaker is still talking across the sentences between two quotes while they
    bring in nobody else ("Mr. Pigeon also commended police." / “They managed ...”)."""
    if len(between) > 2:
        return False
    return all(r.name == speaker for p in between for r in table.people(p.key))


def _mention(sentences: list[Parsed], parts: list[tuple[int, int, int]], table: EntityTable,
             last_speaker: str) -> QuoteMention:
    n, start, end = parts[0]
    p = sentences[n]
    before = sentences[:n]
    # Sentences of one quotation join with a space; two spans of one sentence cut by "he said" with an ellipsis.
    quoted = sentences[n].text[start:end]
    for (k0, _, _), (k, s, e) in pairwise(parts):
        quoted += (" … " if k == k0 else " ") + sentences[k].text[s:e]
    n_words = len(words(quoted))
    inside = [t for k, s, e in parts if k == n for t in p.doc if s <= t.idx < e]
    covers = len(inside) / max(1, sum(1 for t in p.doc if not t.is_punct))
    first = quoted.lstrip("'\"‘“ ")[:1]
    clause = any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in inside)
    several = len({k for k, _, _ in parts}) > 1
    # A full quote is a clause of its own (it has a finite verb), the whole sentence, or runs over several.
    partial = not ((n_words >= FULL_QUOTE_WORDS and first.isupper() and clause) or covers > 0.8 or several)
    # The attribution: in the sentence the quotation closes in (“...,” said Ammon), else where it opens.
    speaker, via, act = "", "", False
    for k in dict.fromkeys([parts[-1][0], n]):
        spans = [(s, e) for kk, s, e in parts if kk == k]
        speaker, via, act = _attribution(sentences[k], spans, sentences[:k], table)
        if not speaker and not english(p.lang):  # the parse knows no speech verb of this language
            # A family name alone stands for the full name the article gave before ("sagte Keller"
            # after "Anja Keller"), the last speaker's first.
            known = [last_speaker] if last_speaker else []
            known += [name for s in reversed(sentences[:k]) for name in full_names(s.text, p.lang)]
            speaker = pattern_speaker(sentences[k].text, spans, p.lang, tuple(dict.fromkeys(known)))
            if not speaker and k:
                speaker = pronoun_speaker(sentences[k].text, spans, p.lang, sentences[k - 1].text)
            if not speaker:  # "disse o prefeito": the one person the article names with that title
                nearest = sorted((j for j in range(len(sentences)) if j != k), key=lambda j: (abs(j - k), j))
                speaker = title_speaker(sentences[k].text, spans, p.lang, [sentences[j].text for j in nearest])
            via, act = ("subject", True) if speaker else (via, act)
        if act:
            break
    standalone = covers > 0.6 or several or start == 0
    if not act and standalone:
        # A quote standing alone continues the previous speaker's words, or follows "He said:",
        # or the reported speech of the sentence before ("Page was hardly tawdry, Yeager said.").
        if before and before[-1].text.rstrip().endswith(":"):
            speaker, via = _sentence_speaker(before[-1], before[:-1], table), "previous"
        if not speaker and last_speaker:
            speaker, via = last_speaker, "previous"
        if not speaker and before:
            speaker, via = _sentence_speaker(before[-1], before[:-1], table), "previous"
        after = parts[-1][0] + 1
        if not speaker and after < len(sentences):  # “...” / "Sun said that talks would go on."
            speaker, via = _opens_with_speaker(sentences[after], sentences[:after], table)
        via = via if speaker else ""
    # Words in marks that no speech act attaches to anyone, a few words inside a sentence: a term. A
    # phrase of two or three words whose speaker cannot be named is one too: it tells a reader nothing
    # anyone said ('objects were "strongly suspected" to be balloons', with the parse losing "Japan").
    term = not speaker and not standalone and ((n_words <= TERM_WORDS and not act) or n_words < FRAGMENT_WORDS + 1)
    if _work_title(p.text, start, quoted):
        speaker, via, term = "", "", True
    more = [(sentences[k].sentence.index, sentences[k].text) for k in dict.fromkeys(k for k, _, _ in parts) if k != n]
    return QuoteMention(quoted, p.key, start, end, speaker, partial, via, p.text, term, more)


TERM_WORDS = 8  # longer than this, words in marks are someone's sentence even when nobody is named

# The name of a programme, book or operation in marks after a possessive: 'told CNBC's "Squawk Box
# Europe"', 'the BBC's "Newsnight"'. Every word capitalised and a few of them: a title, not speech.
_POSSESSIVE_END = re.compile(r"['’]s\s*[\"“‘']?\s*$")


def _work_title(text: str, start: int, quoted: str) -> bool:
    names = quoted.split()
    return 0 < len(names) <= 5 and all(w[:1].isupper() for w in names) and bool(_POSSESSIVE_END.search(text[:start]))


def _attribution(p: Parsed, spans: list[tuple[int, int]], before: list[Parsed], table: EntityTable
                 ) -> tuple[str, str, bool]:
    """(speaker, how found, whether a speech act attaches the quoted spans of `p` to someone)."""
    doc = p.doc
    inside = [t for t in doc if any(s <= t.idx < e for s, e in spans)]
    ids = {t.i for t in inside}
    verb = _speech_verb(doc, inside)
    if verb is not None and not _naming_without_namer(verb):
        subject = _subject(verb)
        speaker, via = _who(p, subject, before, table, ids) if subject is not None else ("", "")
        if via == "place":  # 'Japan said ... were "strongly suspected"': a country quoted is no speaker
            return "", "", False
        # A name given by nobody named ('residents call it a "black spot"') is a label, not a quote.
        return speaker, via, bool(speaker) or verb.lower_ not in NAMING_VERBS
    # A colon after a speaker: 'Forstall: "Who is taller?"', 'Ramsey says ...: “She drove ...'.
    s0 = spans[0][0]
    lead = p.text[:s0].rstrip(" \"“‘'")
    # "AP - "confirmed death toll ..."": a dash after a name at the start does what a colon does
    if lead.endswith(":") or (lead.endswith((" -", " —", " –")) and len(lead.split()) <= 4):
        head = [t for t in doc if t.idx < len(lead) - 1]
        for tok in reversed(head):
            if tok.lower_ in SPEECH_VERBS and tok.pos_ in {"VERB", "AUX"}:
                subject = _subject(tok)
                if subject is not None:
                    speaker, _ = _who(p, subject, before, table, ids)
                    if speaker:
                        return speaker, "colon", True
        # The name nearest the colon, never a place ("Banda Aceh, Indonesia — AP - "...": AP speaks)
        named = [r for r in table.spans.get(p.key, ()) if r.end <= len(head) and r.kind != "place"]
        last = next((t for t in reversed(head) if not t.is_punct), None)
        if named and (last is None or named[-1].end > last.i):
            return named[-1].name, "colon", True
        if last is not None and last.pos_ == "PROPN":
            return _propn_run(last), "colon", True
        if named:
            return named[-1].name, "colon", True
    # “...,” Andrew Mwangura, head of ... — the name after a closing comma is the speaker even where
    # the sentence was cut before its verb.
    after = p.text[spans[-1][1]:spans[-1][1] + 3]
    if after[:1] == "," and after[1:2] in {'"', "”"}:
        nxt = [r for r in table.people(p.key) if doc[r.start].idx > spans[-1][1]]
        if nxt and len([t for t in doc if spans[-1][1] < t.idx < doc[nxt[0].start].idx and not t.is_punct]) == 0:
            return nxt[0].name, "subject", True
    return "", "", False


NAMING_VERBS = frozenset(["call", "calls", "called", "calling", "describe", "describes", "described", "describing",
                          "dub", "dubs", "dubbed", "brand", "brands", "branded", "label", "labels",
                          "labelled", "labeled", "term", "termed", "nickname", "nicknamed"])


def _naming_without_namer(verb: Token) -> bool:
    """'he has been described as the "apple of Theo Epstein's eye"': a name given in the passive by
    nobody in particular is a label, not anyone's words."""
    return verb.lower_ in NAMING_VERBS and any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) \
        and not any(c.dep_ == "agent" for c in verb.children)


def _sentence_speaker(p: Parsed, before: list[Parsed], table: EntityTable) -> str:
    """Who speaks in a sentence of reported speech ("Yeager said.", "Sun told reporters ..."), or ""."""
    for tok in p.doc:
        if tok.lower_ in SPEECH_VERBS and tok.pos_ == "VERB":
            subject = _subject(tok)
            if subject is not None:
                name, _ = _who(p, subject, before, table)
                if name:
                    return name
    return ""


def _opens_with_speaker(p: Parsed, before: list[Parsed], table: EntityTable) -> tuple[str, str]:
    """The speaker of a sentence that begins "Sun said ...", "He added ...", or ("", "")."""
    for tok in p.doc[:5]:
        if tok.lower_ in SPEECH_VERBS and tok.pos_ == "VERB":
            subject = _subject(tok)
            if subject is not None and subject.i < tok.i:
                name, _ = _who(p, subject, before, table)
                return (name, "next") if name else ("", "")
    return "", ""


def _speech_verb(doc: Doc, inside: list[Token]) -> Token | None:
    """The speech verb whose words these are: up the parse from the quote, before any other verb
    that is not one ("expressed concern over 'spy balloons'" is no speech act by the subject)."""
    if not inside:
        return None
    span_ids = {t.i for t in inside}
    roots = [t for t in inside if t.head.i not in span_ids or t.head is t]
    for root in roots:
        if root.pos_ == "VERB" and root.lower_ in SPEECH_VERBS and any(
                c.dep_ in {"nsubj", "nsubjpass"} and c.i not in span_ids for c in root.children):
            return root  # Tokyo "strongly demanded" that ...: the quoted verb is the speech act
        cur = root
        for _ in range(8):
            if cur.i not in span_ids and cur.lower_ in SPEECH_VERBS and cur.pos_ in {"VERB", "AUX"}:
                return cur
            if cur.i not in span_ids and cur.lower_ == "according":
                return cur
            # A verb of its own ("views China as the 'greatest strategic challenge'") ends the search
            # unless it hangs off a speech verb ("said Yamada called on China to take a 'role'").
            if cur.i not in span_ids and cur.pos_ == "VERB" and cur.lower_ not in SPEECH_VERBS \
                    and cur.dep_ not in {"ccomp", "xcomp", "conj", "advcl", "pcomp"}:
                break
            if cur.head is cur:
                break
            cur = cur.head
    for tok in doc:  # "According to Kyodo, ..."
        if tok.lower_ == "according" and tok.i not in span_ids:
            return tok
    return None


def _subject(verb: Token) -> Token | None:
    if verb.lower_ == "according":
        for prep in verb.children:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
        return None
    cur = verb
    for _ in range(4):
        for child in cur.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child
        for child in cur.children:  # "was quoted by the minister"
            if child.dep_ == "agent":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        if cur.dep_ in {"conj", "xcomp", "advcl"} and cur.head is not cur:
            cur = cur.head  # "raised ... as well as warned": the subject of the first verb
        else:
            break
    return None


def _who(p: Parsed, subject: Token, before: list[Parsed], table: EntityTable,
         quoted: set[int] | frozenset[int] = frozenset()) -> tuple[str, str]:
    """Who `subject` names; never someone the quote itself mentions (`quoted`: its tokens):
    "watching Johnny Carson host the Oscars ..." is not Carson's line."""
    if subject.i in quoted:
        return "", ""
    ref = table.at(p.key, subject.i)
    if ref is not None:
        return (ref.name, "subject") if ref.kind != "place" else ("", "place")
    for child in subject.subtree:  # "the minister, Shigeo Yamada," / "Yamada's spokesman"
        ref = table.at(p.key, child.i)
        if ref is not None and ref.kind == "person" and child.dep_ in {"appos", "compound"}:
            run = _propn_run(subject) if subject.pos_ == "PROPN" and child.dep_ == "compound" else ""
            # "Tim Mead" tagged as "Tim" alone: the subject's own name run holds the whole name
            return (run if ref.name in run else ref.name), "subject"
    for child in subject.subtree:  # "a spokesman for Waitrose", "a France Telecom spokeswoman"
        ref = table.at(p.key, child.i)
        near = child.head is subject or child.head.head is subject
        if ref is not None and ref.kind == "organization" and near and (
                child.dep_ == "compound" or (child.dep_ == "pobj" and child.head.lower_ in {"for", "of", "at"})):
            return ref.name, "subject"
    if subject.lower_ in PRONOUNS or subject.lower_ == "it":
        # "he said": the nearest named speaker before it in this source; "it said": the nearest
        # organisation. Only people (or organisations) count, so a place in between is skipped.
        kinds = {"organization"} if subject.lower_ == "it" else {"person"}
        earlier = [r for r in table.spans.get(p.key, ()) if r.kind in kinds and r.end <= subject.i
                   and r.start not in quoted]
        if earlier:
            return earlier[-1].name, "pronoun"
        # The nearest one who was the subject of a sentence (the one a pronoun picks up), else the
        # nearest one mentioned at all: "Ben" in "attended Ben's wedding" is not who "she" is.
        window = before[-PRONOUN_REACH:]
        # A person's family name the tagger typed otherwise ("Weitz" when two Weitzes left it alone, "Ms
        # Page" as a body) is still who "he" or "she" picks up as a subject before any mere mention.
        surnames = {e.name.split()[-1] for e in table.entities if e.kind == "person"} if kinds == {"person"} else set()
        for subjects_only in (True, False):
            for prev in reversed(window):
                named = [r for r in table.spans.get(prev.key, ()) if (r.kind in kinds or (
                    subjects_only and r.kind == "organization" and r.name in surnames)) and (
                    not subjects_only or any(_in_subject(prev.doc[i]) for i in range(r.start, r.end)))]
                if named:
                    return named[-1].name, "pronoun"
        if kinds == {"person"}:  # a person the tagger typed otherwise ("Bettie Page" as an organisation)
            for prev in reversed(before[-PRONOUN_REACH:]):
                subjects = [r for r in table.spans.get(prev.key, ()) if r.kind in {"organization", "other"}
                            and any(prev.doc[i].dep_ == "nsubj" for i in range(r.start, r.end))]
                if subjects:
                    return subjects[-1].name, "pronoun"
        return "", ""
    # A name the entity tagger missed: "Cooley said", "Seacom said", "a spokesman for Waitrose said".
    head = subject if subject.pos_ == "PROPN" else next(
        (o for prep in subject.children if prep.dep_ == "prep" and prep.lower_ in {"for", "of", "at"}
         for o in prep.children if o.dep_ == "pobj" and o.pos_ == "PROPN"), None)
    if head is None and subject.lower_ in SPOKESPEOPLE:  # "a Surrey Police spokeswoman said", untagged
        head = next((c for c in subject.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if head is not None and head.i not in quoted:
        ref = table.at(p.key, head.i)
        if ref is not None and ref.kind == "place":
            return "", "place"  # "Residents of Mathare have long called ...": a place speaks for nobody
        return _propn_run(head), "subject"
    return "", ""


def _in_subject(tok: Token) -> bool:
    """The token names a sentence's subject, itself or in apposition to it ("His lawyer, Ravi Shankar,
    told reporters": he who speaks next is Shankar)."""
    for _ in range(4):
        if tok.dep_ in {"nsubj", "nsubjpass"}:
            return True
        if tok.dep_ not in {"appos", "compound", "flat"} or tok.head is tok:
            return False
        tok = tok.head
    return False


# Who speaks for a body: "a Surrey Police spokeswoman" gives the body's words.
SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokeswomen", "representative",
                          "statement", "official", "officials", "source", "sources", "release"})


def _propn_run(tok: Token) -> str:
    """The run of proper nouns a token sits in: "Tim Mead", "Air France"."""
    doc = tok.doc
    a, b = tok.i, tok.i + 1
    while a > 0 and doc[a - 1].pos_ == "PROPN":
        a -= 1
    while b < len(doc) and doc[b].pos_ == "PROPN":
        b += 1
    return doc[a:b].text


PRONOUN_REACH = 6  # sentences back a "he said" looks for its speaker: a paragraph or so


# --- the same quote in several sources ------------------------------------------------------------

def same_quote(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Same words, or the same long quote worded a little differently or cut short."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4 or len(set(short) & set(long_)) < 0.6 * len(set(short)):
        return False  # cheap test first: most pairs of quotes share few words
    if SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.75:
        return True
    have = Counter(long_)
    hits = sum(min(c, have[w]) for w, c in Counter(short).items())
    return hits / len(short) >= 0.9


def _merge(mentions: list[QuoteMention]) -> QuoteSet:
    sets = DisjointSets(len(mentions))
    find = sets.find

    norms = [m.norm for m in mentions]
    for i in range(len(mentions)):
        for j in range(i + 1, len(mentions)):
            if find(i) != find(j) and (same_quote(norms[i], norms[j]) or _fragment(mentions[i], mentions[j])):
                sets.union(i, j)
    groups: dict[int, list[QuoteMention]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[find(i)].append(m)
    quotes: list[Quote] = []
    members: list[list[QuoteMention]] = []
    for group in groups.values():
        quotes.append(_quote(group))
        members.append(group)
    order = sorted(range(len(quotes)), key=lambda k: (-len(quotes[k].sources), quotes[k].partial,
                                                      -len(quotes[k].text)))
    return QuoteSet([quotes[k] for k in order], [members[k] for k in order])


FRAGMENT_WORDS = 3  # a shorter piece ("negative moves") is as likely a stock phrase as a cut quote


def _fragment(a: QuoteMention, b: QuoteMention) -> bool:
    """One utterance quoted whole in one place and in part in another ("a Cold War mentality"
    inside "We are seeing the return of a Cold War mentality"), by the same speaker or one unnamed."""
    short, long_ = sorted((a, b), key=lambda m: len(m.norm))
    n = len(short.norm)
    if n < FRAGMENT_WORDS or n == len(long_.norm) or (short.speaker and long_.speaker and short.speaker != long_.speaker):
        return False
    return any(long_.norm[i:i + n] == short.norm for i in range(len(long_.norm) - n + 1))


def _agrees(m: QuoteMention, speaker: str, text: str) -> bool:
    """Does the mention give `text` (or a part of it) to `speaker` (or to nobody named)?"""
    if m.speaker and speaker and not (set(m.speaker.split()) <= set(speaker.split())
                                      or set(speaker.split()) <= set(m.speaker.split())):
        return False
    shown, own = tuple(words(text)), m.norm
    short, long_ = sorted((shown, own), key=len)
    return any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def variant_key(text: str) -> str:
    return normalize(text).strip(" ,.;:").lower()


def _quote(group: list[QuoteMention]) -> Quote:
    variants: dict[str, QuoteVariant] = {}
    for m in group:
        k = variant_key(m.words)
        v = variants.setdefault(k, QuoteVariant(text=m.words, sources=[], evidence=[]))
        if m.source not in v.sources:
            v.sources.append(m.source)
        for ev in [Evidence(m.source, m.key[1], m.text), *(Evidence(m.source, i, t) for i, t in m.more)]:
            if ev not in v.evidence:
                v.evidence.append(ev)
    best = max(variants.values(), key=lambda v: (len(v.sources), len(v.text)))
    weight = {"subject": 3, "colon": 3, "pronoun": 2, "previous": 1}
    votes: Counter[str] = Counter()
    for m in group:
        if m.speaker:
            votes[m.speaker] += weight.get(m.via, 1)
    speaker = votes.most_common(1)[0][0] if votes else ""
    # A quote's sources are those that give these words to this speaker: a report that gives them to
    # someone else, or words a report has changed ("failed" for "gave way"), stays in `variants` and
    # the conflict, not among the sources that vouch for the quote as shown.
    sources = list(dict.fromkeys(m.source for m in group if _agrees(m, speaker, best.text)))
    sources = sources or list(dict.fromkeys(m.source for m in group))
    return Quote(text=best.text, speaker=speaker, variants=list(variants.values()), sources=sources,
                 partial=all(m.partial for m in group), term=all(m.term for m in group))

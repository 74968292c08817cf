"""Direct and partial quotes, their speakers, and the same quote merged across sources.

The speaker is the subject of the speech verb that governs the quoted words ("..., Sun told his
counterpart"; "He also warned against Japan's 'negative moves'"); a pronoun is resolved to the person
who was last the subject in that source. A phrase in quotation marks that no speech verb governs
("Chinese 'spy balloons,' the report said") is kept as a partial quote with no speaker: it is a
label, and naming the person nearby as its author would be wrong.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from newsfuse.disjoint import DisjointSets
from newsfuse.facts.entities import EntityTable
from newsfuse.facts.nlp import Parsed
from newsfuse.text import normalize, words
from newsfuse.types import Evidence, Quote, QuoteVariant

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SPEECH_VERBS = frozenset(["say", "says", "said", "saying", "tell", "tells", "told", "telling", "warn", "warns", "warned", "warning", "add", "adds", "added", "adding", "state", "states", "stated", "note", "notes", "noted", "write", "writes", "wrote", "ask", "asks", "asked", "urge", "urges", "urged", "insist", "insists", "insisted", "declare", "declares", "declared", "argue", "argues", "argued", "claim", "claims", "claimed", "call", "calls", "called", "describe", "describes", "described", "explain", "explains", "explained", "announce", "announces", "announced", "stress", "stresses", "stressed", "emphasise", "emphasised", "emphasize", "emphasized", "accuse", "accuses", "accused", "reply", "replied", "respond", "responded", "tweet", "tweeted", "posted", "quoted", "quote", "quotes", "acknowledge", "acknowledged", "admit", "admitted", "vow", "vowed", "pledge", "pledged", "promise", "promised", "demand", "demanded", "demands", "mentioned", "remarked", "observed", "cautioned", "complained", "suggested", "predicted", "continued", "told", "highlighted", "underlined", "reiterated", "criticised", "criticized", "condemned", "denounced", "slammed", "branded", "labelled", "labeled", "dubbed", "termed"])
PRONOUNS = frozenset({"he", "she", "him", "her"})
FULL_QUOTE_WORDS = 6  # fewer words than this, and not a clause of its own: a partial quote


@dataclass(slots=True)
class QuoteMention:
    words: str  # the quoted words as written
    key: tuple[str, int]
    start: int  # character span of the words in the sentence
    end: int
    speaker: str
    partial: bool
    via: str  # how the speaker was found: "subject", "pronoun", "previous", "" (not found)
    text: str  # the sentence

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


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the quoted words (without the marks) in one sentence."""
    marks: list[tuple[int, str]] = []  # (position, "open" | "close")
    for i, ch in enumerate(text):
        if ch == "“":
            marks.append((i, "open"))
        elif ch == "”":
            marks.append((i, "close"))
        elif ch == '"':
            # Straight marks pair up in order. A mark glued to the word before it while no quote is
            # open is a stray close ('Taiwan" in collusion') and is dropped; one with spaces on both
            # sides (as in tokenized text: ' " we need ... " ') opens or closes by what is pending.
            pending = bool(marks) and marks[-1][1] == "open"
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
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for pos, kind in marks:
        if kind == "open":
            if opened is None:
                opened = pos
        elif opened is not None:
            spans.append((opened + 1, pos))
            opened = None
        elif not spans and pos > 0 and text[:pos].count('"') + text[:pos].count("“") == 0:
            spans.append((0, pos))  # the end of a quote that began in an earlier sentence
    if opened is not None and len(text) - opened > 20:
        spans.append((opened + 1, len(text)))  # runs on into the next sentence
    out = []
    for s, e in spans:
        while s < e and text[s] in " \t":
            s += 1
        while e > s and text[e - 1] in " \t,.;:":
            e -= 1
        if any(c.isalpha() for c in text[s:e]):
            out.append((s, e))
    return out


def extract_quotes(parsed: list[Parsed], table: EntityTable) -> QuoteSet:
    mentions: list[QuoteMention] = []
    by_source: dict[str, list[Parsed]] = defaultdict(list)
    for p in parsed:
        by_source[p.source].append(p)
    for sentences in by_source.values():
        last_speaker = ""
        for n, p in enumerate(sentences):
            for start, end in quote_spans(p.text):
                m = _mention(p, start, end, sentences[:n], table, last_speaker,
                             sentences[n + 1] if n + 1 < len(sentences) else None)
                mentions.append(m)
                if m.speaker and not m.partial:
                    last_speaker = m.speaker
            if not any(m.key == p.key for m in mentions[-3:]):
                last_speaker = "" if not p.text.rstrip().endswith(":") else last_speaker
    return _merge(mentions)


def _mention(p: Parsed, start: int, end: int, before: list[Parsed], table: EntityTable,
             last_speaker: str, after: Parsed | None) -> QuoteMention:
    doc = p.doc
    inside = [t for t in doc if start <= t.idx < end]
    n_words = len(words(p.text[start:end]))
    covers = len(inside) / max(1, sum(1 for t in doc if not t.is_punct))
    first = p.text[start:end].lstrip("'\"‘“ ")[:1]
    # A full quote is a clause of its own (it has a finite verb) or the whole sentence.
    clause = any(t.tag_ in {"VBD", "VBZ", "VBP", "MD"} for t in inside)
    partial = not ((n_words >= FULL_QUOTE_WORDS and first.isupper() and clause) or covers > 0.8)
    speaker, via = "", ""
    verb = _speech_verb(doc, inside)
    if verb is not None:
        subject = _subject(verb)
        if subject is not None:
            speaker, via = _who(p, subject, before, table, {t.i for t in inside})
    elif not partial and (covers > 0.6 or start == 0):
        # A quote standing alone continues the previous speaker's words, or follows "He said:".
        if last_speaker:
            speaker, via = last_speaker, "previous"
        elif before and before[-1].text.rstrip().endswith(":"):
            people = table.people(before[-1].key)
            if people:
                speaker, via = people[0].name, "previous"
        elif after is not None:  # “...” / "Sun said that talks would go on."
            speaker, via = _opens_with_speaker(after, [*before, p], table)
    return QuoteMention(p.text[start:end], p.key, start, end, speaker, partial, via, p.text)


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
        if root.pos_ == "VERB" and any(c.dep_ in {"nsubj", "nsubjpass"} and c.i not in span_ids
                                       for c in root.children):
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
        return ref.name, "subject"
    for child in subject.subtree:  # "the minister, Shigeo Yamada," / "Yamada's spokesman"
        ref = table.at(p.key, child.i)
        if ref is not None and ref.kind == "person" and child.dep_ in {"appos", "compound"}:
            return ref.name, "subject"
    if subject.lower_ in PRONOUNS:
        earlier = [r for r in table.people(p.key) if r.end <= subject.i and r.start not in quoted]
        if earlier:
            return earlier[-1].name, "pronoun"
        for prev in reversed(before[-3:]):
            people = table.people(prev.key)
            subjects = [r for r in people if any(prev.doc[i].dep_ in {"nsubj", "nsubjpass"}
                                                 for i in range(r.start, r.end))]
            if subjects or people:
                return (subjects or people)[-1].name, "pronoun"
    return "", ""


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
            if find(i) != find(j) and same_quote(norms[i], norms[j]):
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


def variant_key(text: str) -> str:
    return normalize(text).strip(" ,.;:").lower()


def _quote(group: list[QuoteMention]) -> Quote:
    variants: dict[str, QuoteVariant] = {}
    for m in group:
        k = variant_key(m.words)
        v = variants.setdefault(k, QuoteVariant(text=m.words, sources=[], evidence=[]))
        if m.source not in v.sources:
            v.sources.append(m.source)
        ev = Evidence(m.source, m.key[1], m.text)
        if ev not in v.evidence:
            v.evidence.append(ev)
    best = max(variants.values(), key=lambda v: (len(v.sources), len(v.text)))
    weight = {"subject": 3, "pronoun": 2, "previous": 1}
    votes: Counter[str] = Counter()
    for m in group:
        if m.speaker:
            votes[m.speaker] += weight.get(m.via, 1)
    speaker = votes.most_common(1)[0][0] if votes else ""
    sources = list(dict.fromkeys(m.source for m in group))
    return Quote(text=best.text, speaker=speaker, variants=list(variants.values()), sources=sources,
                 partial=all(m.partial for m in group))

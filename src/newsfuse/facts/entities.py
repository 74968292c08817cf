"""People, organisations and places, merged across the sources of one story, with the titles each
source gives a person.

"Yamada", "Shigeo Yamada" and "Japan's Senior Deputy Foreign Minister Shigeo Yamada" are one person:
a one-word mention joins the only full name that ends (or, for East Asian order, starts) with it.
The small English model misses many bare surnames ("Sun told ..."), so once the full names are known
every sentence is scanned for them.

A one-word name the model called a person but that no full name explains ("Lowmere", "Estwick") is
a person only where a mention acts as one ("Brandt said", "Varga's office", a title) at least as often
as the story uses it as a place (labelled so elsewhere, "in Lowmere", "near Estwick"); one that never
acts as a person but names where a thing is ("the Fukushima nuclear plant") is a place. Every other name takes one kind by votes over all its mentions and
sources (`entity_kinds`: the model's labels, titles, verbs of saying, place prepositions, a last word
such as "Island" or "Court"). Names of organisations and places merge when one is the whole-word
start or end of exactly one longer one ("Kyodo" / "Kyodo News" when the extra words only say what
kind of body it is; "Foreign Ministry" / "Japan's Foreign Ministry"; "Qeshm" / "Qeshm Island"), as
surnames join full names; and a name joins its alias defined in the text ("X (Y)", "X, known as Y").
Full names join the one other full name they can be by `name_forms` ("Fred LaRue" / "Frederick C.
LaRue", "Lo Presti" / "Gaetano Lo Presti"), and an abbreviation the one name whose words it spells
("HP" / "Hewlett-Packard", "EYP MCF" / "EYP Mission Critical Facilities"); a name holding an
abbreviation in capitals is a body, not a person ("Creston RCMP").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsfuse.disjoint import DisjointSets
from newsfuse.facts.entity_kinds import (
    ORG_FORMS,
    PLACE_FORMS,
    alias_pairs,
    decide,
    initials,
    mention_votes,
    speaks,
)
from newsfuse.facts.name_forms import abbreviates, acronym_led, not_a_person, person_forms_match, shouted
from newsfuse.facts.nlp import Parsed
from newsfuse.types import Entity, EntityKind, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

KINDS: dict[str, EntityKind] = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place",
                                "FAC": "place"}
# The labels of the other languages' models (WikiNER: PER, ORG, LOC, MISC) as the English ones.
LABELS = {"PER": "PERSON"}
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "mr.", "mrs.", "ms.", "dr.",
                        "prof.",
                        # British police ranks as the press abbreviates them: "Det Insp Claire Dunn", "Det Chief
                        # Insp Mark Ellison", "Det Supt", "Sgt" (the model reads "Det Insp" as a person)
                        "det", "det.", "insp", "insp.", "supt", "supt.", "sgt", "sgt.", "dci"})
# Time zones the model takes for places or bodies ("07:45 BST", "by 1030 GMT"): a clock's, not a name.
TIME_ZONES = frozenset({"gmt", "bst", "utc", "cet", "cest", "eet", "eest", "est", "edt", "cst", "cdt", "mst", "mdt",
                        "pst", "pdt", "jst", "kst", "hkt", "aest", "aedt", "ist"})
# The word a title is "about": a title without one ("second from right", "counterpart") is not a title.
TITLE_HEADS = frozenset(["minister", "president", "premier", "chancellor", "secretary", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "governor", "mayor", "senator", "congressman", "congresswoman", "representative", "general", "admiral", "commander", "chief", "director", "chairman", "chairwoman", "chair", "ceo", "cfo", "coo", "officer", "head", "leader", "king", "queen", "prince", "princess", "emperor", "judge", "justice", "attorney", "prosecutor", "adviser", "advisor", "counselor", "councillor", "councilor", "lawmaker", "legislator", "commissioner", "undersecretary", "under-secretary", "superintendent", "inspector", "captain", "colonel", "lieutenant", "sergeant", "marshal", "spokesmen", "pope", "bishop", "cardinal", "archbishop", "diplomat", "negotiator", "deputy", "speaker", "treasurer", "auditor"])
# Words that change which post is meant: "Senior Deputy Foreign Minister" is not "Deputy Foreign Minister".
RANK_WORDS = frozenset(["senior", "junior", "deputy", "vice", "assistant", "acting", "first", "second", "principal", "under", "associate", "state", "parliamentary", "executive", "interim", "permanent", "chief", "prime", "lead", "co"])
# Words that say which field a post is in; "Minister" and "Foreign Minister" can both be right.
DOMAIN_WORDS = frozenset(["foreign", "affairs", "defense", "defence", "finance", "interior", "home", "health", "trade", "economy", "economic", "justice", "security", "national", "press", "communications", "energy", "environment", "education", "agriculture", "transport", "transportation", "labor", "labour", "culture", "information", "commerce", "treasury", "army", "navy", "naval", "air", "force", "military", "police", "party", "communist", "central", "committee", "international", "public", "policy", "intelligence", "cabinet", "general", "staff", "joint", "armed", "forces", "homeland", "strategic", "strategy", "affairs", "industry", "technology", "science", "digital", "social", "welfare", "development", "immigration", "emergency", "relations", "legal", "political", "operations", "communication", "news", "presidential"])
# When a post was held, not which post: the "national security adviser" of Monday's reports is the
# "former national security adviser" of Tuesday's, after he resigned. Both are right.
TENURE_WORDS = frozenset(["former", "ex", "then", "outgoing", "incoming", "late", "onetime", "erstwhile",
                          "current", "incumbent", "newly"])
TITLE_VOCAB = TITLE_HEADS | RANK_WORDS | TENURE_WORDS | DOMAIN_WORDS | {"of", "for", "the", "and", "&", "-"}
# Dropped when comparing titles: "Deputy Minister of Foreign Affairs" == "Deputy Foreign Minister".
TITLE_FILLER = frozenset({"of", "for", "the", "and", "&", "-", "affairs"}) | TENURE_WORDS
TITLE_SPELLING = {"defence": "defense", "labour": "labor", "spokeswoman": "spokesperson",
                  "spokesman": "spokesperson", "chairwoman": "chair", "chairman": "chair",
                  "advisor": "adviser", "councillor": "councilor", "under-secretary": "undersecretary"}
# A few names that are written several ways; merged so that "the U.S." and "United States" are one.
ALIASES = {"us": "united states", "u.s.": "united states", "u.s": "united states", "usa": "united states",
           "u.s.a.": "united states", "america": "united states", "uk": "united kingdom",
           "u.k.": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
           "prc": "china", "people's republic of china": "china", "un": "united nations",
           "u.n.": "united nations", "eu": "european union", "e.u.": "european union"}


@dataclass(slots=True)
class TitleMention:
    """One source calling one person by one title, in one sentence."""

    person: str  # entity name
    title: str  # as written ("Deputy Minister of Foreign Affairs")
    source: str
    sentence: int
    text: str  # the sentence

    @property
    def key(self) -> frozenset[str]:
        return title_key(self.title)


@dataclass(frozen=True, slots=True)
class SpanRef:
    """Where an entity is mentioned in a parsed sentence (token offsets into its doc)."""

    start: int
    end: int
    name: str
    kind: EntityKind


@dataclass(slots=True)
class EntityTable:
    """The merged entities of a story, and where each is mentioned, for the quote and compare stages."""

    entities: list[Entity]
    titles: list[TitleMention]
    spans: dict[tuple[str, int], list[SpanRef]] = field(default_factory=dict)

    def at(self, key: tuple[str, int], token: int) -> SpanRef | None:
        for ref in self.spans.get(key, ()):
            if ref.start <= token < ref.end:
                return ref
        return None

    def people(self, key: tuple[str, int]) -> list[SpanRef]:
        return [r for r in self.spans.get(key, ()) if r.kind == "person"]

    def names(self, key: tuple[str, int]) -> set[str]:
        return {r.name for r in self.spans.get(key, ())}


def title_key(title: str) -> frozenset[str]:
    """The words of a title that decide which post it is, spelling and word order folded."""
    toks = title.lower().replace("-", " ").replace(".", " ").split()
    return frozenset(TITLE_SPELLING.get(t, t) for t in toks if t not in TITLE_FILLER)


def title_head(title: str) -> str:
    """The post a title names: its last word, or the word before "of" ("Minister of Foreign Affairs")."""
    toks = title.lower().replace("-", " ").split()
    if "of" in toks[1:]:
        toks = toks[:toks.index("of")]
    head = toks[-1] if toks else ""
    return TITLE_SPELLING.get(head, head)


def labelled(p: Parsed) -> list[tuple[Span, str, EntityKind]]:
    """The sentence's entity spans the table is built from, trimmed, with their label and kind
    (read off the words: `facts.parse_needs` reads them from a sentence parsed for its entities only)."""
    out: list[tuple[Span, str, EntityKind]] = []
    for ent in p.doc.ents:
        label = LABELS.get(ent.label_, ent.label_)
        kind = KINDS.get(label)
        if kind is None:
            continue
        span = _trim(ent, label)
        if span is None or not any(c.isalpha() for c in span.text) or span.text.lower() in TIME_ZONES or (
                p.lang not in {"", "en"} and not _looks_like_name(span)):
            continue
        if label != "PERSON" and len(span) >= 2 and (title_before(span) or title_after(span)):
            label, kind = "PERSON", "person"  # "Sun Weidong, China's foreign vice-minister" read as ORG
        elif label == "PERSON" and not_a_person(span.text.split(), shouted(p.text)):
            label, kind = "ORG", "organization"  # "Creston RCMP", "EYP Mission": an abbreviation is a body
        out.append((span, label, kind))
    return out


def name_key(span: Span) -> tuple[str, ...]:
    """The words a person's name is matched by, lower-cased."""
    return tuple(t.lower_ for t in span if t.is_alpha or "-" in t.text)


def extract_entities(parsed: list[Parsed]) -> EntityTable:
    raw = [(p, span, label, kind) for p in parsed for span, label, kind in labelled(p)]
    people, places = _people(raw, parsed)
    others = _others(raw, people, places, parsed)
    table = EntityTable(entities=[], titles=[])
    for name, kind, refs in [*people, *others]:
        mentions = [Mention(span.text, p.source, p.sentence.index) for p, span in refs]
        entity = Entity(name=name, kind=kind, mentions=mentions,
                        sources=list(dict.fromkeys(m.source for m in mentions)))
        for p, span in refs:
            table.spans.setdefault(p.key, []).append(SpanRef(span.start, span.end, name, kind))
            if kind == "person":
                for title in (title_before(span), title_after(span)):
                    if title:
                        table.titles.append(TitleMention(name, title, p.source, p.sentence.index, p.text))
                        entity.titles.setdefault(title, [])
                        if p.source not in entity.titles[title]:
                            entity.titles[title].append(p.source)
        table.entities.append(entity)
    table.entities.sort(key=lambda e: (-len(e.sources), -len(e.mentions), e.name))
    return table


def _trim(span: Span, label: str) -> Span | None:
    """Drop a leading article or honorific, a trailing possessive, and title words NER swept in."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].lower_ in HONORIFICS):
        start += 1
    while end > start and doc[end - 1].text in {"'s", "’s", "'", "’"}:
        end -= 1
    if label == "PERSON":
        while start < end - 1 and _is_title_word(doc[start]):
            start += 1
    return doc[start:end] if end > start else None


# Lower-case words a name may hold in the other languages ("Conseil d'État", "Ministère de la Santé").
NAME_JOINERS = frozenset({"de", "du", "des", "la", "le", "les", "d'", "d’", "l'", "l’", "et", "von", "van", "der",
                          "den", "und", "di", "da", "del", "della", "dei", "do", "dos", "das", "y", "e", "el",
                          "für", "of", "the", "and"})


def _looks_like_name(span: Span) -> bool:
    """A name (outside English, whose model knows better) starts with a capital and holds no lower-case
    word but joiners: "de Lyon", "l'incendie d'un", "la nuit de lundi" are a small model's misreadings,
    not names. Scripts without case pass."""
    def lower(text: str) -> bool:
        return text[:1].islower() and text[:1].upper() != text[:1]

    return not lower(span[0].text) and all(not lower(t.text) or t.lower_ in NAME_JOINERS for t in span)


def _is_title_word(tok: Token) -> bool:
    return tok.lower_ in TITLE_VOCAB and tok.lower_ not in {"of", "for", "the", "and", "&"}


def _people(raw: list[tuple[Parsed, Span, str, EntityKind]], parsed: list[Parsed]
            ) -> tuple[list[tuple[str, EntityKind, list[tuple[Parsed, Span]]]], list[tuple[Parsed, Span, EntityKind]]]:
    """The people of the story, and the "people" the mentions' votes make places or organisations."""
    full: dict[tuple[str, ...], list[tuple[Parsed, Span]]] = defaultdict(list)
    single: list[tuple[Parsed, Span]] = []
    for p, s, label, _ in raw:
        if label == "PERSON":
            toks = name_key(s)
            (full[toks] if len(toks) >= 2 else single).append((p, s))
    # The small model sometimes calls a person an organisation or a place ("Sun Weidong" as ORG):
    # a non-person entity spelled exactly like a known person's name, or a unique part of one, is them.
    parts = Counter(w for k in full for w in {k[0], k[-1]})
    ends = {(k[0], k[-1]): k for k in full if len(k) >= 2}
    for p, s, label, _ in raw:
        if label != "PERSON":
            toks = name_key(s)
            if toks in full:
                full[toks].append((p, s))
            elif len(toks) >= 3 and (toks[0], toks[-1]) in ends:  # "Bettie Mae Page" is Bettie Page
                full[ends[(toks[0], toks[-1])]].append((p, s))
            elif len(toks) == 1 and parts.get(toks[0]) == 1:
                single.append((p, s))
    groups = {k: list(v) for k, v in full.items()}
    retyped: list[tuple[Parsed, Span, EntityKind]] = []
    for k in list(groups):  # "Hormozgan province", "Bandar Abbas" ("in Bandar Abbas"): not people
        kind = decide(["person"] * len(groups[k]), _votes(groups[k]), list(k))
        if kind != "person":
            retyped.extend((p, s, kind) for p, s in groups.pop(k))
    by_part: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for k, root in _merge_person_forms(groups).items():
        by_part[k[-1]].add(root)
        by_part[k[0]].add(root)
    orphans: dict[str, list[tuple[Parsed, Span]]] = defaultdict(list)
    for p, s in single:
        word = s.text.lower()
        candidates = by_part.get(word, set())
        if len(candidates) == 1:
            groups[next(iter(candidates))].append((p, s))
        elif not candidates:
            orphans[word].append((p, s))
    _scan_surnames(groups, by_part, parsed)
    out: list[tuple[str, EntityKind, list[tuple[Parsed, Span]]]] = []
    for k, refs in groups.items():
        out.append((_best_name([s.text for _, s in refs if len(s) >= 2] or [" ".join(k)]), "person",
                    _dedup(refs)))
    labelled_place = Counter(" ".join(name_key(s)) for _, s, _, kind in raw if kind == "place")
    places: list[tuple[Parsed, Span, EntityKind]] = list(retyped)
    # "Mysore" of "INS Mysore": the rest of a name that a body's mark in capitals opens is that body's
    marked = Counter(k[-1] for k in {name_key(s) for _, s, label, _ in raw
                                     if label != "PERSON" and len(name_key(s)) == 2 and acronym_led(s.text)})
    for word, refs in orphans.items():
        acts, placed = _person_votes(refs), _place_votes(refs, labelled_place[word])
        if marked[word] == 1:
            places.extend((p, s, "organization") for p, s in refs)
        elif acts and acts >= placed:
            out.append((_best_name([s.text for _, s in refs]), "person", _dedup(refs)))
        elif placed or any(s.root.dep_ in {"compound", "nmod", "amod"} and s.root.head.pos_ == "NOUN"
                           for _, s in refs):
            # "in Lowmere"; or a lone word that never acts as a person but names a thing's place
            # ("the Fukushima nuclear plant"; the small model reads "the Daiichi and Daini nuclear
            # plants" with "Daini" as an adjective of "plants"): a place
            places.extend((p, s, "place") for p, s in refs)
        else:
            out.append((_best_name([s.text for _, s in refs]), "person", _dedup(refs)))
    return out, places


def _merge_person_forms(groups: dict[tuple[str, ...], list[tuple[Parsed, Span]]]
                        ) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Join each full name to the one other full name of the story it can be ("Fred LaRue" /
    "Frederick C. LaRue", "Lo Presti" / "Gaetano Lo Presti", `name_forms.person_forms_match`); a name
    two others could be ("John Smith" beside "John A. Smith" and "John B. Smith") stays apart.
    Returns where each name went (itself when it stayed)."""
    rank = {k: (len(k), len(groups[k]), k) for k in groups}  # who says more: more words, then more mentions
    keys = sorted(groups, key=rank.__getitem__, reverse=True)  # the fullest first, so their forms join up
    index = {k: i for i, k in enumerate(keys)}
    sets = DisjointSets(len(keys))
    for k in keys:
        fuller = {sets.find(index[g]) for g in keys if rank[g] > rank[k] and person_forms_match(k, g)}
        if len(fuller) == 1 and len(k) >= 2:
            target = keys[fuller.pop()]
            sets.union(index[target], index[k])
            groups[target].extend(groups.pop(k))
    return {k: keys[sets.find(index[k])] for k in keys}


def _votes(refs: list[tuple[Parsed, Span]]) -> Counter[EntityKind]:
    total: Counter[EntityKind] = Counter()
    for _, s in refs:
        total.update(mention_votes(s, bool(title_before(s) or title_after(s))))
    return total


def _place_votes(refs: list[tuple[Parsed, Span]], labelled_place: int) -> int:
    """Mentions labelled a place elsewhere, and uses as one here ("in Lowmere"; a name modifying a
    noun says nothing: "the Estwick hills", but also "the Bush administration")."""
    return labelled_place + sum(mention_votes(s, False)["place"] > 0 for _, s in refs)


def _person_votes(refs: list[tuple[Parsed, Span]]) -> int:
    """Mentions where the name acts as a person does: doing something ("Brandt said"), owning something
    ("Varga's office"), or carrying a title."""
    return sum(s.root.dep_ in {"nsubj", "nsubjpass", "agent", "poss"} or bool(title_before(s) or title_after(s))
               or speaks(s) for _, s in refs)


def _scan_surnames(groups: dict[tuple[str, ...], list[tuple[Parsed, Span]]],
                   by_part: dict[str, set[tuple[str, ...]]], parsed: list[Parsed]) -> None:
    """Add the bare-name mentions NER missed ("Sun told his counterpart ...")."""
    last = {k[-1]: k for k in groups if len(by_part[k[-1]]) == 1}
    first = {k[0]: k for k in groups if len(by_part[k[0]]) == 1}
    taken: dict[tuple[str, int], set[int]] = defaultdict(set)
    for refs in groups.values():
        for p, s in refs:
            taken[p.key].update(range(s.start, s.end))
    for p in parsed:
        for tok in p.doc:
            if tok.i in taken[p.key] or not tok.text[:1].isupper() or tok.tag_ != "NNP":
                continue
            word = tok.lower_
            key = last.get(word)
            # A bare given name (or a Chinese family name written first) is only trusted where it acts
            # as a person would: as a subject or a possessor.
            if key is None and word in first and tok.dep_ in {"nsubj", "nsubjpass", "poss"}:
                key = first[word]
            if key is not None:
                groups[key].append((p, p.doc[tok.i:tok.i + 1]))
                taken[p.key].add(tok.i)


def _others(raw: list[tuple[Parsed, Span, str, EntityKind]],
            people: list[tuple[str, EntityKind, list[tuple[Parsed, Span]]]],
            places: list[tuple[Parsed, Span, EntityKind]],
            parsed: list[Parsed]) -> list[tuple[str, EntityKind, list[tuple[Parsed, Span]]]]:
    claimed = {(p.key, s.start) for _, _, refs in people for p, s in refs}
    typed = [(p, s, kind) for p, s, label, kind in raw if label != "PERSON" and (p.key, s.start) not in claimed]
    by_name: dict[str, list[tuple[Parsed, Span, EntityKind]]] = defaultdict(list)
    for p, s, kind in [*typed, *places]:
        by_name[_key(s.text)].append((p, s, kind))
    groups: dict[tuple[EntityKind, str], list[tuple[Parsed, Span]]] = defaultdict(list)
    for key, seen in by_name.items():
        refs = [(p, s) for p, s, _ in seen]
        groups[(decide([k for _, _, k in seen], _votes(refs), key.split()), key)].extend(refs)
    # What the text says outright first ("Oregon State Police (OSP)"), then short forms, twice: "EYP"
    # is the one long name's once "EYP MCF" and "EYP Mission" have joined it.
    _merge_defined_aliases(groups, parsed)
    _merge_short_forms(groups)
    _merge_short_forms(groups)
    return [(_best_name([s.text for _, s in refs]), kind, _dedup(refs)) for (kind, _), refs in groups.items()]


def _key(text: str) -> str:
    """A name as compared: case, spacing and possessive marks folded ("Taunton Deane Magistrates'
    Court" is the "Taunton Deane Magistrates Court")."""
    key = " ".join(text.lower().replace("’", "'").replace(" - ", "-").split())
    key = ALIASES.get(key, key)
    return key if key in ALIASES.values() else key.replace("'s ", " ").replace("' ", " ")


def _merge_short_forms(groups: dict[tuple[EntityKind, str], list[tuple[Parsed, Span]]]) -> None:
    """"Kyodo" joins "Kyodo News" when it starts or ends exactly one longer organisation's name, and
    "Qeshm" joins "Qeshm Island" (the extra words only say what kind of body or place it is). Not
    other places: "Taiwan" is not the "Taiwan Strait", nor "Mexico" "Mexico City"."""
    for kind, short in sorted(groups, key=lambda k: len(k[1])):
        if kind == "person" or (kind, short) not in groups:
            continue
        forms = ORG_FORMS if kind == "organization" else PLACE_FORMS
        words = short.split()
        # Not into a pair of names ("EU & IMF"): the short form is one of them, not their sum.
        longer = [k for k in groups if k[0] == kind and len(k[1].split()) > len(words)
                  and not {"&", "and"} & set(k[1].split()) - set(words)
                  and ((kind == "organization" and k[1].split()[-len(words):] == words)  # "American Red Cross"
                       # "Kyodo" / "Kyodo News", but not "Tour de France" / "Tour de France Prologue";
                       # any tail after a body's own mark in capitals ("EYP" / "EYP Mission Critical Facilities")
                       or (k[1].split()[:len(words)] == words and (set(k[1].split()[len(words):]) <= forms or (
                           kind == "organization" and _led_by_mark(groups[(kind, short)], groups[k])))))]
        if len(longer) == 1:
            groups[longer[0]].extend(groups.pop((kind, short)))


def _led_by_mark(short: list[tuple[Parsed, Span]], long_: list[tuple[Parsed, Span]]) -> bool:
    """The short name opens with a body's mark in capitals ("EYP"), written so in every form of the
    longer name too: "AMERICAN" of a headline's "AMERICAN PIE" is a word, since the text also writes
    "American Pie"."""
    mark = short[0][1].text.split()[0]
    return all(acronym_led(s.text) for _, s in short) and all(s.text.split()[0] == mark for _, s in long_)


def _merge_defined_aliases(groups: dict[tuple[EntityKind, str], list[tuple[Parsed, Span]]],
                           parsed: list[Parsed]) -> None:
    """Names the text says are one: "the United States Geological Survey (USGS)" (and so every name of
    the story whose initials spell USGS), "the Senkaku Islands, known in China as the Diaoyu"; and an
    acronym the story never spells out that gives the initials of exactly one of its longer names
    ("AMPAS", "the Academy of Motion Pictures Arts and Sciences")."""
    by_key = {key: (kind, key) for kind, key in groups}
    shown = {k: {s.text for _, s in refs} for k, refs in groups.items()}
    for kind, key in list(groups):
        acronym = key.replace(".", "").replace(" ", "")
        if kind == "person" or not 2 <= len(acronym) <= 8 or (kind, key) not in groups:
            continue
        written = {s.text for _, s in groups[(kind, key)]}
        # Written in capitals: an abbreviation, not a word ("HP" / "Hewlett-Packard", "CREEP").
        spelled = [k for k in groups if k[0] != "person" and k != (kind, key) and k[1][:1] == key[:1]
                   and all(any(abbreviates(w, f) for f in shown[k]) for w in written)]
        if len(spelled) == 1:
            groups[spelled[0]].extend(groups.pop((kind, key)))
            by_key[key] = spelled[0]
    for p in parsed:
        for name, alias in alias_pairs(p.text):
            a, b = by_key.get(_key(name)), by_key.get(_key(alias))
            if a is None or b is None or a == b or a not in groups or b not in groups:
                continue
            spelled = [k for k in groups if k != a and k[0] != "person" and len(k[1].split()) > 1
                       and initials(k[1]) == alias.replace(".", "").upper() == initials(name)]
            for other in [b, *spelled]:
                if other in groups and other != a:
                    groups[a].extend(groups.pop(other))
                    by_key[other[1]] = a


def _best_name(forms: Iterable[str]) -> str:
    """The most frequent form; among equally frequent forms the longest."""
    counts = Counter(forms)
    return max(counts, key=lambda f: (counts[f], len(f)))


def _dedup(refs: list[tuple[Parsed, Span]]) -> list[tuple[Parsed, Span]]:
    seen: set[tuple[str, int, int]] = set()
    out = []
    for p, s in refs:
        key = (p.source, p.sentence.index, s.start)
        if key not in seen:
            seen.add(key)
            out.append((p, s))
    return out


def title_before(name: Span) -> str:
    """ "Japan's Senior Deputy Foreign Minister Shigeo Yamada" → "Senior Deputy Foreign Minister"; not
    "head of GSEE", whose title is the head's, not GSEE's."""
    doc = name.doc
    j = name.start - 1
    if j >= 0 and doc[j].lower_ in {"of", "for", "the", "and", "&"}:
        return ""
    while j >= 0:
        tok = doc[j]
        if tok.ent_type_ in {"NORP", "GPE", "ORG", "PERSON", "DATE"} or tok.lower_ not in TITLE_VOCAB:
            break
        j -= 1
    return _clean_title(doc, j + 1, name.start)


def title_after(name: Span) -> str:
    """ "Sun Weidong, China's foreign vice-minister, said" → "foreign vice-minister"."""
    doc = name.doc
    if name.end >= len(doc) or doc[name.end].text != ",":
        return ""
    start = name.end + 1
    end = start
    while end < len(doc) and doc[end].text not in {",", ".", ")", ";", ":", "(", "—", "–"} and end - start < 10:
        end += 1
    for k in range(end - 1, start - 1, -1):  # the title follows its owner: "China's", "the ministry's"
        if doc[k].text in {"'s", "’s"}:
            start = k + 1
            break
    while start < end and doc[start].lower_ in {"the", "a", "an", "his", "her", "their", "its"}:
        start += 1
    if any(doc[k].lower_ not in TITLE_VOCAB for k in range(start, end)):
        return ""
    return _clean_title(doc, start, end)


def _clean_title(doc: Doc, start: int, end: int) -> str:
    while start < end and doc[start].lower_ in {"of", "for", "the", "and", "&", "-"}:
        start += 1
    while end > start and doc[end - 1].lower_ in {"of", "for", "the", "and", "&", "-"}:
        end -= 1
    if end <= start or not any(doc[k].lower_ in TITLE_HEADS for k in range(start, end)):
        return ""
    return doc[start:end].text

"""Quotation marks and speakers outside English, read off the words around a quote, with no parse.

Each language quotes in its own marks (« » in French, „ “ in German, 「」 in Japanese) and attributes
in its own words: "« … », a déclaré le commandant Julien Moreau", "„…“, sagte Polizeisprecher Thomas
Weber", "Thomas Weber sagte: „…“", "selon Julien Moreau". The marks and speech verbs are the tables
of `newsfuse.langdata`; a speaker is the capitalised name the speech verb introduces, after any
article or lower-case title ("le commandant", "el alcalde"), so no entity model is needed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from newsfuse.langdata import Lexicon, lexicon, months, weekday_names

OPEN, CLOSE = "open", "close"
_TRAIL = " \t,;:.–—-\"'»«“”„‘’‚›‹」「』『"
_WORD = re.compile(r"[^\s,;:.!?()«»“”„‘’‚\"]+")
JOINERS = frozenset({"de", "du", "des", "von", "van", "der", "den", "di", "da", "del", "della", "do", "dos", "ben",
                     "bin", "al", "el", "la", "le", "y", "zu"})
MAX_NAME = 4  # capitalised words in a name, title included ("Polizeisprecher Thomas Weber")


@lru_cache(maxsize=32)
def marks(code: str) -> dict[str, tuple[str, str]]:
    """The quotation marks of a language: each opening mark → ("open", its closing mark), each closing
    mark not also an opening one → ("close", "")."""
    out: dict[str, tuple[str, str]] = {}
    for opening, closing in (*lexicon(code).quotes, ("「", "」"), ("『", "』")):
        out.setdefault(opening, (OPEN, closing))
    for _, closing in lexicon(code).quotes:
        out.setdefault(closing, (CLOSE, ""))
    return out


def local_marks(text: str, code: str, open_before: bool) -> list[tuple[int, str]]:
    """(position, "open" | "close") of the outer quotation marks of one sentence in language `code`:
    a quotation opened with « closes only at », so the “ ” inside it are words, not marks."""
    table = marks(code)
    out: list[tuple[int, str]] = []
    expect = ""  # the mark that closes the quotation open now
    if open_before:
        expect = "*"  # opened in an earlier sentence: any closing mark (or straight quote) closes it
    for i, ch in enumerate(text):
        kind = table.get(ch)
        if expect:
            if ch == expect or (expect == "*" and ((kind and kind[0] == CLOSE) or ch == '"')):
                out.append((i, CLOSE))
                expect = ""
        elif kind and kind[0] == OPEN:
            out.append((i, OPEN))
            expect = kind[1]
        elif ch == '"':
            out.append((i, OPEN))
            expect = '"'
    return out


def _name_after(words: list[str], lex: Lexicon) -> str:
    """The name at the start of `words`, after at most three articles or title words ("le commandant");
    "" when another word comes first ("sagte er am Dienstag": a pronoun, the speaker is named elsewhere)."""
    k = 0
    while k < len(words) and k < 3 and _is_title(words[k], lex):
        k += 1
    return _plausible(_name_run(words[k:]), lex)


# A title word this long ends compounds of the same title: Dutch "brandweerwoordvoerder" (fire
# brigade spokesman), "politiewoordvoerder"; German writes these capitalised, so they read as names' titles.
_COMPOUND_TITLE = 6


def _is_title(word: str, lex: Lexicon) -> bool:
    low = word.lower()
    return low in lex.title_words or (word.islower() and any(
        len(t) >= _COMPOUND_TITLE and low.endswith(t) for t in lex.title_words))


# What a name may carry in brackets after it: a party, an age, a country ("Karl Brenner (SPD)").
_BRACKETS = re.compile(r"\s*\([^()]{0,40}\)")


# The words a title may take before the name it introduces ("le vice-ministre chinois des Affaires
# étrangères Sun Weidong"): a phrase longer than this is not one person's title.
TITLE_SPAN = 10


# A clause ends at these marks; the group keeps the mark in a split ("…étrangères, Sun Weidong").
_CLAUSE_END = re.compile(r"([,;:.!?«»“”„()])")


def _name_after_title(text: str, lex: Lexicon) -> str:
    """The speaker after a long title: the phrase the speech verb introduces opens with an article or
    title word, and holds a full name (two capitalised words at least) before its clause ends: "le
    vice-ministre chinois des Affaires étrangères Sun Weidong". One capitalised word inside a title is
    its field or place ("Affaires", "Lyon"), not the name."""
    phrase, *rest = _CLAUSE_END.split(text, maxsplit=1)
    words = _WORD.findall(phrase)[:TITLE_SPAN]
    if not words or not _is_title(words[0], lex):
        return ""
    if rest and rest[0] == "," and (name := _apposed_name(rest[1], lex)):
        return name
    run: list[str] = []
    listener = False
    for k, w in enumerate([*words, ""]):
        if (w[:1].isupper() and len(w) > 1) or (run and w.lower() in JOINERS):  # "Tarcísio de Freitas"
            # a name after "à", "to", "gegenüber" is who heard it: "disse o prefeito em entrevista à TV Globo"
            listener = listener if run else k > 0 and words[k - 1].lower() in lex.to_words
            run.append(w)
            continue
        if len(run) >= 2 and not listener:  # a field in capitals runs into the name: "Asuntos Exteriores Sun Weidong"
            return _plausible(_name_run(run), lex)
        run, listener = [], False
    return ""


def _apposed_name(text: str, lex: Lexicon) -> str:
    """The full name set after the title by a comma, alone up to the clause's end: "a déclaré le
    vice-ministre chinois des Affaires étrangères, Sun Weidong.", "declaró el consejero de
    Emergencias, Miguel Barrachina"."""
    clause = _CLAUSE_END.split(text, maxsplit=1)[0]
    words = _WORD.findall(clause)
    while len(words) > 2 and words[0].islower():
        words = words[1:]  # a rank before the name: "O secretário ..., coronel Marcos Tavares, disse"
    name = _name_run(words)
    return _plausible(name, lex) if len(name.split()) >= 2 and len(name.split()) == len(words) else ""


def _plausible(name: str, lex: Lexicon) -> str:
    """A name, unless it is a day or a month, or one capitalised word where all nouns are capitalised.
    A month's abbreviation inside a longer name is a given name ("Jan de Vries", Dutch "jan")."""
    parts = name.split()
    if parts and all(_is_title(p, lex) for p in parts):
        return ""  # a title alone ("Vali", "Presidente"): `title_speaker` looks for whom it names
    if not parts or any(p.lower() in weekday_names(lex.code) or (
            p.lower() in months(lex.code) and (len(p) > 3 or len(parts) == 1)) for p in parts):
        return ""
    return "" if lex.capital_nouns and len(parts) < 2 else name


def _name_run(words: list[str]) -> str:
    run: list[str] = []
    for w in words:
        if (w[:1].isupper() and len(w) > 1) or (w.lower() in JOINERS and run):
            run.append(w)
        else:
            break
        if len(run) > MAX_NAME:
            # "Eva de Wit van Rijkswaterstaat": a joiner after a full name opens what the person is of
            cut = max((k for k, r in enumerate(run) if r.lower() in JOINERS), default=0)
            if cut < 2:
                return ""
            run = run[:cut]
            break
    while run and run[-1].lower() in JOINERS:
        run.pop()
    if len(run) >= 3 and run[1][:1].isupper():
        run = run[-2:]  # "Polizeisprecher Thomas Weber": a title, then the name
    return " ".join(run)


def _name_before(text: str) -> str:
    """The name that ends `text` ("… Polizeisprecher Thomas Weber")."""
    words = _WORD.findall(text)
    run: list[str] = []
    for w in reversed(words):
        if (w[:1].isupper() and len(w) > 1) or (w.lower() in JOINERS and run):
            run.insert(0, w)
        else:
            break
    return _name_run(run) if len(run) <= MAX_NAME + 1 else ""


def _timeword(word: str, lex: Lexicon) -> bool:
    low = word.lower()
    return (low in weekday_names(lex.code) or low in lex.relative_days or low in lex.day_parts
            or _weekday_part(low, lex))


def _weekday_part(low: str, lex: Lexicon) -> bool:
    """A weekday and a part of it written as one word: German "Dienstagabend", Dutch "dinsdagavond"."""
    return any(low.startswith(day) and low[len(day):] in lex.day_parts for day in weekday_names(lex.code))


def _adjunct(words: list[str], lex: Lexicon) -> int:
    """How many words after a speech verb are a time or a listener, not the speaker: "a souligné jeudi
    (soir) le préfet …", "a indiqué à l'AFP le commandant …", "sagte am Mittwochabend gegenüber der dpa
    …" (0 when none)."""
    k = 0
    while k < len(words) and k < 4:
        low = words[k].lower()
        if _timeword(low, lex) or (low in {"am", "le", "el", "il", "ce", "cette"} and k + 1 < len(words)
                                   and _timeword(words[k + 1], lex)):
            k += 1
        elif low in lex.to_words:
            k += 1  # the listener: up to the next title word, or two words
            stop = min(len(words), k + 2)
            while k < stop and not _is_title(words[k], lex):
                k += 1
        else:
            break
    return k


def _without_time(text: str, lex: Lexicon) -> str:
    """`text` without the time that ends it: "… erklärte am Abend" → "… erklärte"."""
    words = list(re.finditer(r"\S+", text))
    k = len(words)
    while k and _timeword(words[k - 1].group().strip(_TRAIL), lex):
        k -= 1
        if k and len(words[k - 1].group()) <= 3 and words[k - 1].group().islower():
            k -= 1  # "am", "le"
    return text[:words[k].start()].rstrip() if k < len(words) else text


def _verb_at(text: str, lex: Lexicon) -> int:
    """Length of the speech verb `text` starts with, or 0."""
    low = text.lower()
    for verb in sorted(lex.speech_verbs, key=len, reverse=True):
        if low.startswith(verb) and (len(low) == len(verb) or not low[len(verb)].isalpha()):
            return len(verb)
    return 0


def pattern_speaker(text: str, spans: list[tuple[int, int]], code: str, known: Sequence[str] = ()) -> str:
    """Who a sentence says spoke the quoted spans, from the words around them, or "". `known`: full
    names already speaking in the article, which a family name alone may stand for ("sagte Weber")."""
    lex = lexicon(code)
    if not lex.speech_verbs or not spans:
        return ""
    name = _pattern_speaker(text, spans, lex)
    if name and len(name.split()) == 1:
        # "afirmou Viana" after "O governador do estado, Paulo Viana, ...": the full name given before
        return _full_name(name, known) or name
    if name or not known:
        return name
    # A family name alone ("sagte Weber am Mittwoch", "Weber sagte: „…“"): a name where all nouns are
    # capitalised only when it is the family name of someone already speaking in the article.
    return _full_name(_lone_name(text, spans, lex), known)


def _full_name(family: str, known: Sequence[str]) -> str:
    """The full name among `known` whose family name `family` is, else ""."""
    return next((full for full in known if len(full.split()) > 1 and full.split()[-1] == family), "") if family else ""


def full_names(text: str, code: str) -> list[str]:
    """The full names a sentence gives (two to four capitalised words, after any title: "Die
    Betriebsratsvorsitzende Anja Keller, 46, ..." → ["Anja Keller"]), read with no parse, so that a
    family name alone or a pronoun later in the article can stand for one of them."""
    lex = lexicon(code)
    out: list[str] = []
    run: list[str] = []
    for w in [*_WORD.findall(_BRACKETS.sub("", text)), ""]:
        if (w[:1].isupper() and len(w) > 1) or (run and w.lower() in JOINERS):
            run.append(w)
            continue
        name = _plausible(_name_run(run[-MAX_NAME:]), lex) if len(run) >= 2 else ""
        if len(name.split()) >= 2:
            out.append(name)
        run = []
    return out


def pronoun_speaker(text: str, spans: list[tuple[int, int]], code: str, previous: str) -> str:
    """The speaker of a quote a pronoun attributes ("„…“, sagte sie.", "«…», dijo ella"): the one full
    name the sentence before gives, else "". Journalists name a speaker, then refer back to them in the
    very next sentence; with two names there, which one is meant is not for a rule to guess."""
    lex = lexicon(code)
    if not lex.speech_verbs or not spans or text[:spans[0][0]].strip(_TRAIL + " "):
        return ""
    after = _BRACKETS.sub("", text[spans[-1][1]:]).lstrip(_TRAIL)
    n = _verb_at(after, lex)
    words = _WORD.findall(after[n:]) if n else []
    if not words or not (words[0].islower() and len(words[0]) <= 4):
        return ""
    if len(words) > 1 and _is_title(words[1], lex):
        return ""  # an article before a title ("disse o prefeito"), not a pronoun: `title_speaker`
    names = list(dict.fromkeys(full_names(previous, code)))
    return names[0] if len(names) == 1 else ""


def _lone_name(text: str, spans: list[tuple[int, int]], lex: Lexicon) -> str:
    after = _BRACKETS.sub("", text[spans[-1][1]:]).lstrip(_TRAIL)
    if n := _verb_at(after, lex):
        words = _WORD.findall(after[n:])
        return words[0] if words and words[0][:1].isupper() else ""
    before = _WORD.findall(_BRACKETS.sub("", text[:spans[0][0]]))
    if len(before) >= 2 and _verb_at(before[-1], lex) and before[-2][:1].isupper():
        return before[-2]
    return ""


def _pattern_speaker(text: str, spans: list[tuple[int, int]], lex: Lexicon) -> str:
    # After the quote: "», a déclaré le commandant Julien Moreau", "“, sagte Polizeisprecher Thomas Weber".
    after = _BRACKETS.sub("", text[spans[-1][1]:]).lstrip(_TRAIL)
    n = _verb_at(after, lex)
    before = _BRACKETS.sub("", text[:spans[0][0]]).rstrip(_TRAIL + " ")
    if n:
        rest = after[n:]
        # the name's clause: "sagte Thomas Weber, Sprecher der Polizei" is Thomas Weber
        words = _WORD.findall(_CLAUSE_END.split(rest, maxsplit=1)[0])
        skip = _adjunct(words, lex)
        # a title first: "selon le maire de Lyon, Grégory Doucet" is not Lyon
        name = _name_after_title(rest, lex) or _name_after(words[:MAX_NAME + 3], lex)
        if not name and skip:
            tail = rest[rest.find(words[skip]):] if skip < len(words) else ""
            name = _name_after_title(tail, lex) or _name_after(words[skip:skip + MAX_NAME + 3], lex)
        if name:
            return name
        # The verb ends the sentence and the speaker opens it (Turkish, verb last): "İçişleri Bakanı
        # Ali Yerlikaya, \"…\" dedi."
        if not rest.strip(_TRAIL + " ") and re.search(r",\s*\W?$", text[:spans[0][0]]) and (
                name := _plausible(_name_before(before), lex)):
            return name
    # Before it: "Polizeisprecher Thomas Weber sagte: „…“", "Julien Moreau a déclaré : « … »", and with
    # a time between ("Joachim Herrmann erklärte am Abend: „…“").
    before = _without_time(before, lex)
    low = before.lower()
    for verb in sorted(lex.speech_verbs, key=len, reverse=True):
        if low.endswith(verb) and (len(low) == len(verb) or not low[-len(verb) - 1].isalpha()):
            name = _plausible(_name_before(before[:-len(verb)]), lex)
            if name:
                return name
    # "Selon Julien Moreau, « … »": the source named for the sentence.
    for cue in lex.according:
        m = re.search(rf"(?<!\w){re.escape(cue)}\s+", text, re.I)
        if m and not any(s <= m.start() < e for s, e in spans):
            name = _name_after(_WORD.findall(text[m.end():])[:MAX_NAME + 3], lex)
            if name:
                return name
    return ""


def _attributed_title(text: str, spans: list[tuple[int, int]], lex: Lexicon) -> str:
    """The title a quote is attributed to when no name is ("», disse o prefeito", "— заявил
    представитель авиакомпании", "Een woordvoerder van Rijkswaterstaat zegt: „…“", "Olay yerine gelen
    Vali, \"…\" diye konuştu"), lower-cased, else ""."""
    after = _BRACKETS.sub("", text[spans[-1][1]:]).lstrip(_TRAIL)
    if n := _verb_at(after, lex):
        words = _WORD.findall(_CLAUSE_END.split(after[n:], maxsplit=1)[0])
        k = _adjunct(words, lex)
        for w in words[k:k + 3]:
            if _is_title(w, lex) and len(w) > 3:  # not an article the table lists among titles ("o", "le")
                return w.lower()
            if not (w.islower() and len(w) <= 3):  # an article may come first ("o", "il", "een")
                break
        if after[n:].strip(_TRAIL + " "):
            return ""
    # The title before the quote: closing the words before the verb, or the verb after the quote
    # (Turkish, verb last) and the title closing the words before the quote.
    before = _without_time(_BRACKETS.sub("", text[:spans[0][0]]).rstrip(_TRAIL + " "), lex)
    low = before.lower()
    verb = next((v for v in sorted(lex.speech_verbs, key=len, reverse=True) if low.endswith(v)), "")
    words = _WORD.findall(before[:len(before) - len(verb)] if verb else before)
    if not verb and not _verb_at(after, lex):
        return ""
    return next((w.lower() for w in reversed(words[-4:]) if _is_title(w, lex) and len(w) > 3), "")


def title_speaker(text: str, spans: list[tuple[int, int]], code: str, others: Sequence[str]) -> str:
    """The speaker of a quote attributed to a title alone ("disse o prefeito"): the one person the
    article names with that title ("O prefeito Renato Bastos decretou ...", "Vali Kemal Aydın, ...",
    "Volgens woordvoerder Eva de Wit ..."), looked for in `others` (the article's other sentences,
    nearest first), the nearest sentence that names one deciding; "" when none does or when it names
    two (a story of two mayors)."""
    lex = lexicon(code)
    if not lex.speech_verbs or not spans or not (title := _attributed_title(text, spans, lex)):
        return ""
    for sentence in others:
        names = set()
        for m in re.finditer(rf"(?<!\w){re.escape(title)}(?!\w)", sentence, re.I):
            rest = sentence[m.start():]
            name = _name_after_title(rest, lex) or _name_after(_WORD.findall(rest)[:MAX_NAME + 3], lex)
            if len(name.split()) >= 2:
                names.add(name)
        if names:
            return names.pop() if len(names) == 1 else ""
    return ""

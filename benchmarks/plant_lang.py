"""Planting contradictions in clusters of another language than English (for conflicts_eval.py).

The English planter changes a figure written in digits; here a figure is changed in digits or in the
language's number words ("trois" → "cinq", "drei" → "vier"), in a sentence another document says much
the same in, with the same figure or word. The language's number words, month names (a day of a month
is no amount) and decimal comma come from newsfuse.langdata, so the planter knows what the extractor
knows of the language, but decides on its own what is an amount (as the English planter does).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import Any

import snowballstemmer

from newsfuse.langdata import lexicon, months
from newsfuse.text import split_sentences, words
from newsfuse.types import Article

# Digits as the other languages write them: a decimal comma, thousands grouped by a point or a space.
# (Arabic writes its decimal comma "،" or "٫": "8،1 ٪" holds no figure 1.)
NUMBER = re.compile(r"(?<![\w.,،٫:$+-])(\d{1,3}(?:[.\u00a0 ]\d{3})+|\d+)(?![\w-]|[.,،٫]\d|:\d|/\d|h\d)")
# Share of content stems two sentences hold in common to say the same point (the English planter's 0.3
# is over stems that keep short words; without them 0.25 pairs the same sentences).
ALIGNED = 0.25
# Words before a number that make it a name, not an amount: "résolution 1723", "Artikel 5", "vol 447".
LABEL = re.compile(r"\b(?:r[ée]solution|rezoluc\w*|resoluci[óo]n|risoluzione|article|artikel|článek|art\.|vol|"
                   r"flug|let|flight|num[ée]ro|nummer|číslo|n[°º]|nr\.?|no\.?|page|seite|strana|chapitre|kapitel|"
                   r"route|autoroute|ligne|linie|linka|stage|étape|etappe|groupe(?: des?)?|gruppe|bod|point|č\.|letu|"
                   r"type|typu|skupin\w*|g|top|"
                   # flight, resolution, number in Arabic (with a preposition or "and" written on:
                   # "بمجموعة 77", the Group of 77), Greek, Hebrew and Hindi
                   r"απόφαση|απόφασης|ομάδας των|ομάδα των|שלב|[لبوف]?(?:ال)?(?:رحلة|رحلتها|قرار(?: مجلس الأمن)?|رقم|مجموعة(?: ال)?|نوع|ساعة)|توقيت \w+|"
                   r"بتوقيت \w+|πτήση|πτήσης|ψήφισμα|ψηφίσματος|αριθ\w*|טיסה|טיסת|החלטה|החלטת|"
                   r"מספר|उड़ान|प्रस्ताव|संख्या)\s*$", re.I)
# A number after a capitalised name inside a sentence is part of the name: "Air France 447", "Airbus A330".
NAMED = re.compile(r"(?<=\w )[A-Z][\w-]+ $")
STEMMERS = {"fr": "french", "de": "german", "es": "spanish", "it": "italian", "pt": "portuguese", "nl": "dutch",
            "ru": "russian", "tr": "turkish"}


def content_stems(text: str, code: str) -> set[str]:
    """Stems of the longer words of a sentence (short ones are mostly the language's function words):
    the planter's own notion of two sentences saying the same, apart from newsfuse's."""
    name = STEMMERS.get(code)
    stemmer = snowballstemmer.stemmer(name) if name else None
    return {stemmer.stemWord(w) if stemmer else w[:6] for w in words(text) if len(w) > 3 and not w.isdigit()}


def _words(code: str) -> dict[str, float]:
    """Number words worth changing: 2..1000 (1 is mostly an article: "un", "eine")."""
    lex = lexicon(code)
    return {w: v for w, v in {**lex.numbers}.items() if 2 <= v <= 1000 and "-" not in w}


def _spell(code: str, value: float) -> str:
    for word, v in _words(code).items():
        if v == value:
            return word
    return ""


def _bump_word(code: str, word: str) -> str:
    """Another number word of the language, about 1.5 times the value (at least one more)."""
    value = _words(code)[word.lower()]
    target = max(value + 1, round(value * 1.5))
    options = sorted({v for v in _words(code).values() if v > value}, key=lambda v: abs(v - target))
    new = _spell(code, options[0]) if options else ""
    return new.capitalize() if word[:1].isupper() else new


def _bump_digits(number: str) -> str:
    value = int(re.sub(r"\D", "", number))
    new = round(value * 1.5) if value > 1 else value + 2
    sep = next((c for c in number if not c.isdigit()), "")
    if sep and new >= 1000:
        groups = f"{new:,}".split(",")
        return sep.join(groups)
    return str(new)


def _is_amount(text: str, start: int, end: int, code: str) -> bool:
    raw = text[start:end]
    value = int(re.sub(r"\D", "", raw))
    if raw[:1] == "0" or re.match(r"\s*(?:utc|gmt)\b|\s*['\"’′″]", text[end:end + 6].lower()):
        return False  # a telephone number ("0800 789321"), a clock time ("1100 UTC"), a race time (19' 36")
    if re.match(r"\.?\s*(?:et|a|i|و)\s+\d+\.?\s*(\w+)", text[end:end + 24]) and any(
            re.findall(r"\w+", text[end:end + 24].lower())[2:3] == [m] for m in months(code)):
        return False  # "les 13 et 14 juin", "13. a 14. června": days of a month
    if 1900 <= value <= 2100 and raw.isdigit():
        return False  # a year
    after = text[end:end + 20].lower().lstrip(" .")
    names = months(code)
    if any(after.startswith(m) for m in names) or re.match(r"\s*(?:h|heures?\s+\d|uhr|:)", text[end:end + 8].lower()):
        return False  # "12 mars", "22. Februar", "14 h 30", "9:15"
    if any(after.startswith(f"من {m}") for m in names) or re.match(r"\s*(?:ظهرا|صباحا|مساء|بالتوقيت|بتوقيت)", after):
        return False  # "29 من يوليو" (the 29th of July); "12 ظهرا" (noon), "1100 بالتوقيت العالمي" (a clock time)
    if re.match(r"\s*(?:π\.?μ\.|μ\.?μ\.|το μεσημέρι|το πρωί|το απόγευμα|הבוקר|בבוקר|בצהריים|בערב|בלילה|"
                r"बजे)", after) or re.search(r"השעה(?: \S+){0,2} $", text[max(0, start - 16):start].lower()):
        return False  # a clock time: "6 π.μ.", "12 το μεσημέρι", "11 הבוקר", "השעה עוד לא 11", "10 बजे"
    before_words = words(text[max(0, start - 24):start])
    if before_words and before_words[-1] in names and not re.match(r"\s*\d", text[end:end + 3]):
        return False  # a day after its month, as English and Hindi write it: "जनवरी 16", "January 16"
    if re.match(r"\s*(?:مقابل|contre|gegen|to)\s+\d", text[end:end + 12]):
        return False  # a tally: "3 مقابل 2", "par 3 voix contre 2"
    before = text[max(0, start - 16):start].lower()
    if LABEL.search(before) or NAMED.search(text[max(0, start - 40):start]) or re.search(r"(?:§|#)\s*$", before) or re.search(r"\d[\s.,/-]*$", before):
        return False
    return value > 0


def find_plants(docs: Sequence[dict[str, Any]], rng: random.Random, most: int, code: str,
                plant_type: Any, wide: bool = False) -> list[Any]:
    """Up to `most` figures (distinct), in digits or words, that two documents state in aligned sentences.

    `wide`: also a figure two documents each state once, before the same counted word (stemmed), in
    sentences that share less wording ("52 personnes ont été tuées" / "l'attentat a fait 52 personnes
    tuées"): two reports of one event rarely say a figure twice in the same words, and the same value
    of the same noun, once in each report, is one fact (`same_counted`)."""
    words = _words(code)
    word_re = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) +
                         r")(?!\w)", re.I) if words else None
    sentences = [[s.text for s in split_sentences(Article(id=str(i), text=d["text"], language=code))]
                 for i, d in enumerate(docs)]
    stems = [[content_stems(s, code) for s in doc] for doc in sentences]

    def figures(text: str) -> list[tuple[str, str]]:
        out = [(m.group(1), _bump_digits(m.group(1))) for m in NUMBER.finditer(text)
               if _is_amount(text, m.start(1), m.end(1), code)]
        if word_re is not None:
            out += [(m.group(1), _bump_word(code, m.group(1))) for m in word_re.finditer(text)]
        return [(old, new) for old, new in out if new and len(re.findall(rf"(?<!\w){re.escape(old)}(?!\w)", text)) == 1
                and not bounded(text, text.find(old), code) and not compound_part(text, old, code)]

    candidates = []
    for i, doc in enumerate(sentences):
        for si, text in enumerate(doc):
            for old, new in figures(text):
                for j, other in enumerate(sentences):
                    if j == i:
                        continue
                    for sj, text2 in enumerate(other):
                        if old.lower() not in {o.lower() for o, _ in figures(text2)}:
                            continue
                        a, b = stems[i][si], stems[j][sj]
                        if (a and b and len(a & b) / len(a | b) >= ALIGNED) or (
                                wide and same_counted(text, text2, old, code)
                                and all(docs[d]["text"].lower().count(old.lower()) == 1 for d in (i, j))):
                            candidates.append(plant_type(doc=i, other=j, old=old, new=new, sentence=text))
    candidates = [c for c in candidates
                  if not any(re.search(rf"(?<!\w){re.escape(c.new)}(?!\w)", d["text"], re.I) for d in docs)]
    rng.shuffle(candidates)
    chosen: dict[str, Any] = {}
    for c in candidates:
        if c.old.lower() not in chosen and len(chosen) < most:
            chosen[c.old.lower()] = c
    return list(chosen.values())


def same_counted(text: str, text2: str, old: str, code: str) -> bool:
    """Do two sentences state the figure `old` before the same word (its stem, past "de"/"von"), a
    content word of at least four letters: "52 personnes" and "52 personnes"?"""
    lex = lexicon(code)
    name = STEMMERS.get(code)
    stemmer = snowballstemmer.stemmer(name) if name else None

    def counted(sentence: str) -> str:
        m = re.search(rf"(?<!\w){re.escape(old)}(?!\w)", sentence, re.I)
        after = [w for w in words(sentence[m.end():m.end() + 60].lower())] if m else []
        after = [w for w in after if w not in lex.of_words and w not in lex.before_noun][:1]
        if not after or len(after[0]) < 4 or after[0].isdigit():
            return ""
        return str(stemmer.stemWord(after[0])) if stemmer else after[0][:6]
    first = counted(text)
    return bool(first) and first == counted(text2)


def says(value: str, number: str) -> bool:
    """Does a reported value hold this figure, in digits (any grouping) or as the word?"""
    if number.isdigit() or re.fullmatch(r"[\d.\u00a0 ]+", number):
        digits = re.sub(r"\D", "", number)
        return digits in [re.sub(r"\D", "", f) for f in re.findall(r"\d[\d.\u00a0 ]*", value)]
    return re.search(rf"(?<!\w){re.escape(number)}(?!\w)", value, re.I) is not None


# --- a report beside its translation ----------------------------------------------------------------
# MultiLing's documents are translations of one another (same doc_id in every language): a document
# in language L and its English version state every figure of the text once each, in sentences that
# say the same by construction. Changing a figure of the L version makes "Le Monde says 342, Reuters
# says 228" — what an analyst reading the press of two countries meets, and many more plants than
# figures two reports of one language happen to repeat.
ENGLISH_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                 "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                 "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                 "hundred": 100, "thousand": 1000}


def value_of(figure: str, code: str) -> float | None:
    """The value of a figure as the planter wrote or found it: digits of any script, or a number word
    of the language or of English."""
    digits = re.sub(r"\D", "", figure)
    if digits and figure.strip()[:1].isdigit():
        return float(int(digits))
    return {**ENGLISH_WORDS, **_words(code)}.get(figure.lower())


# Any grouping of thousands, English's comma included ("6,500", "6.500", "6 500"); a decimal is no figure here.
GROUPED = re.compile(r"(?<![\w.,$-])(\d{1,3}(?:[.,\u00a0 ]\d{3})+|\d+)(?![\w-]|[.,]\d|:\d|/\d|h\d)")


def _values_in(text: str, code: str) -> list[float]:
    out = [float(int(re.sub(r"\D", "", m.group(1)))) for m in GROUPED.finditer(text)]
    table = {**ENGLISH_WORDS, **_words(code)}
    out += [table[w.lower()] for w in words(text) if w.lower() in table]
    return out


# Bounds in English, beside each language's own hedges (`Lexicon.hedges`): "more than 100" and
# "plus de 66" are both true of 120, so a changed bound contradicts nothing.
ENGLISH_BOUNDS = ("more than", "at least", "over", "up to", "nearly", "almost", "fewer than", "less than",
                  "as many as", "upwards of", "no fewer than", "no less than", "under", "below")


def compound_part(text: str, old: str, code: str) -> bool:
    """Is the number word `old` one part of a number told in several words ("خمسة عشر", fifteen;
    "cinq cents"; "vingt et un")? Changing a part ("خمسة عشرون") writes no number a reader would
    read as another value of the same fact: the planter changes whole figures only."""
    if old[:1].isdigit():
        return False
    lex = lexicon(code)
    parts = {*_words(code), *lex.numbers, *lex.scales}
    m = re.search(rf"(?<!\w){re.escape(old)}(?!\w)", text)
    if m is None:
        return False
    before = re.findall(r"\w+", text[:m.start()].lower())[-2:]
    after = re.findall(r"\w+", text[m.end():].lower())[:2]
    joiners = set(lex.number_joiners)

    def number(word: str) -> bool:
        return word in parts or any(word.startswith(j) and word[len(j):] in parts for j in lex.written_joiners)
    return (bool(before) and (number(before[-1]) or (before[-1] in joiners and len(before) > 1 and number(before[0])))) \
        or (bool(after) and (number(after[0]) or (after[0] in joiners and len(after) > 1 and number(after[1]))))


def bounded(text: str, start: int, code: str) -> bool:
    """Is the figure at `start` a bound ("plus de 100", "up to 40", "více než 50") rather than a value?"""
    before = text[max(0, start - 30):start].lower().rstrip()
    cues = [w for w, kind in lexicon(code).hedges.items() if kind in {"min", "max"}] + list(ENGLISH_BOUNDS)
    between = "|".join(re.escape(w) for w in ("entre", *lexicon(code).between))
    return any(re.search(rf"(?<!\w){re.escape(c)}$", before) for c in cues) or \
        bool(re.search(rf"(?<!\w)(?:plus|moins) que$|(?<!\w)(?:{between})(?: \S+)?$|(?<!\w)de \S+ à$", before))


# Two figures of one range in English: "25 percent to 40 percent", "500 to 600", "25-40%", "between 500
# and 600" (the words of a unit may stand between them).
ENGLISH_RANGE = re.compile(r"(?:\bbetween\s+)?(\d[\d,]*(?:\.\d+)?)\s*(?:%|percent|per cent|[a-z]+)?\s*(?:to|-|–|and)\s*"
                           r"\$?(\d[\d,]*(?:\.\d+)?)", re.I)


def range_ends(text: str) -> set[float]:
    """The values an English text states only as an end of a range: changing one of them in the
    translation ("38 %" for "25 percent to 40 percent") may still fall inside the range, which is no
    contradiction. ("and" joins a range only after "between".)"""
    out: set[float] = set()
    for m in ENGLISH_RANGE.finditer(text):
        joiner = re.search(r"\s(to|-|–|and)\s*\$?\d[\d,.]*$", m.group(0)) or re.search(r"(-|–)", m.group(0))
        if joiner is not None and joiner.group(1) == "and" and not m.group(0).lower().startswith("between"):
            continue
        out.update(float(g.replace(",", "")) for g in m.groups())
    return out


def translation_plants(doc: dict[str, Any], english: dict[str, Any], rng: random.Random, most: int, code: str,
                       plant_type: Any) -> list[Any]:
    """Up to `most` figures of `doc` (digits or the language's number words, amounts only, as
    `find_plants` decides) whose value the English version states exactly once and `doc` states
    exactly once: the one figure of both texts, so the same fact. `doc` is source 0 of the pair."""
    words_table = _words(code)
    word_re = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(words_table, key=len, reverse=True)) +
                         r")(?!\w)", re.I) if words_table else None
    sentences = [s.text for s in split_sentences(Article(id="0", text=doc["text"], language=code))]
    in_doc = _values_in(doc["text"], code)
    in_english = _values_in(english["text"], "en")
    ranges = range_ends(english["text"])
    candidates = []
    for text in sentences:
        found = [(m.group(1), _bump_digits(m.group(1))) for m in NUMBER.finditer(text)
                 if _is_amount(text, m.start(1), m.end(1), code)]
        if word_re is not None:
            found += [(m.group(1), _bump_word(code, m.group(1))) for m in word_re.finditer(text)]
        found = [(old, new) for old, new in found if not bounded(text, text.find(old), code)
                 and not compound_part(text, old, code)]
        for old, new in found:
            value, changed = value_of(old, code), value_of(new, code) if new else None
            if value is None or changed is None or in_doc.count(value) != 1 or in_english.count(value) != 1:
                continue
            if changed in in_doc or changed in in_english:
                continue  # the new figure must be nowhere else, or "found" could be another fact
            if value in ranges:
                continue  # an end of a range in English: a changed figure may still fall inside it
            candidates.append(plant_type(doc=0, other=1, old=old, new=new, sentence=text))
    rng.shuffle(candidates)
    return candidates[:most]


def says_value(value: str, number: str, code: str) -> bool:
    """Does a reported value (its normalized form or as written) hold the figure's value?"""
    target = value_of(number, code)
    return target is not None and target in _values_in(value, code)

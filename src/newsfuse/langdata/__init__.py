"""What newsfuse knows of each language it reads: one small table per language, one shape for all.

A `Lexicon` holds the words that the stages look for and that are not English: quotation marks and
speech verbs (quotes), the cues of page furniture (cleaning: bylines, date stamps, newsletter and
subscription prompts, consent banners, copyright lines, "read also" links), number words and the
approximations news writes in words ("une centaine", "Dutzende"), hedges, units of time, and words a
date is written with besides the month and weekday names, which come from dateparser's own language
data (`months`, `weekdays`). English keeps its richer tables in the modules that use them; its
lexicon here is the neutral one (no extra cues), so that English text is read exactly as before.

    from newsfuse.langdata import lexicon
    lexicon("fr").speech_verbs  # ("a déclaré", "a dit", ...)

A new language is a module of this package with a `LEXICON`, named in `_MODULES`.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class ChangeWords:
    """How a language says that a figure changed (`facts.changes`): "the toll rose to 239 from 174",
    "passant de 4 000 à 6 500", "von vier auf sieben gestiegen". Single lower-case tokens as the
    tokenizer cuts them ("s'élève" is "s'" and "élève")."""

    up: tuple[str, ...] = ()  # verbs of a figure that grew: "rose", "gestiegen", "augmenté"
    down: tuple[str, ...] = ()  # ... that fell: "fell", "gesunken", "baissé"
    revised: tuple[str, ...] = ()  # a figure set anew, either way: "revised", "corrected", "revue"
    # Verbs that state a level ("stands at", "s'élève à", "beträgt"): a change only with `now` or an
    # earlier value beside them ("now stands at 171"; "have now killed 250" states no change).
    level: tuple[str, ...] = ()
    to: tuple[str, ...] = ()  # before the new value: "to", "à", "auf"
    at: tuple[str, ...] = ()  # before a level's value: "at"
    source: tuple[str, ...] = ()  # before the earlier value: "from", "de", "von"
    # Before the earlier value, with no new value's preposition needed ("contre 40 millions lundi").
    against: tuple[str, ...] = ()
    upward: tuple[str, ...] = ()  # "up from", "revue à la hausse": the direction said outright
    downward: tuple[str, ...] = ()
    now: tuple[str, ...] = ()  # "now", "désormais", "inzwischen"
    earlier: tuple[str, ...] = ()  # a clause of the earlier value: "had earlier said 12", "zuvor"
    # The mark of a clause that tells the earlier statement ("two days after officials put the toll at 174").
    after: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's words, lower-cased (but for the quotation marks)."""

    code: str
    # (opening, closing) quotation marks, in the order a writer of the language reaches for them.
    quotes: tuple[tuple[str, str], ...] = ()
    # Speech verbs as written around a quote: finite forms and compound tenses ("a déclaré", "hat gesagt").
    speech_verbs: tuple[str, ...] = ()
    according: tuple[str, ...] = ()  # "selon", "laut": the source of what follows
    # Lower-case words that may stand between a speech verb and the name it introduces: articles and
    # titles ("a déclaré le commandant Julien Moreau", "dijo el alcalde Pedro Ruiz").
    title_words: tuple[str, ...] = ()
    # Cleaning cues. Each is the start of a whole line unless said otherwise.
    by: tuple[str, ...] = ()  # byline lead: "par", "von"
    stamps: tuple[str, ...] = ()  # "publié le", "aktualisiert am": a date line or byline's date
    subscribe: tuple[str, ...] = ()  # newsletter, subscription and app prompts
    consent: tuple[str, ...] = ()  # phrases of cookie and consent banners (anywhere in the line)
    consent_buttons: tuple[str, ...] = ()  # a whole line that is a consent button
    copyright: tuple[str, ...] = ()  # "tous droits réservés" (anywhere in the line)
    related: tuple[str, ...] = ()  # "lire aussi": a link to another story
    # The article about itself ("Note de la rédaction :", "Cet article a été mis à jour ..."): an
    # editor's note or a correction, not the story.
    editors_notes: tuple[str, ...] = ()
    # A caption's label before a colon ("Photo :", "Foto:", "Crédit photo :"): the line is a caption.
    captions: tuple[str, ...] = ()
    # Reading-time labels ("Lecture : 3 min", "Lesezeit: 3 Minuten") and share or player buttons, each a
    # whole short line ("Partager sur Facebook", "Artikel teilen", "Écouter cet article").
    reading: tuple[str, ...] = ()
    widgets: tuple[str, ...] = ()
    # The label of a source credit after a date stamp ("18. Januar 2024, 17:05 Uhr Quelle: ZEIT ONLINE, dpa").
    source_words: tuple[str, ...] = ()
    # A call to action written as a short infinitive phrase (German puts the verb last: "Jetzt RP+
    # abonnieren", "Jetzt kostenlos registrieren und weiterlesen"): a phrase of at most six words that
    # opens with a lead word and ends with a verb of these is a prompt, wherever it stands in a short line.
    call_leads: tuple[str, ...] = ()
    call_verbs: tuple[str, ...] = ()
    # Numbers written in words: units, tens and scales (a scale multiplies what comes before it).
    numbers: dict[str, float] = field(default_factory=dict)
    scales: dict[str, float] = field(default_factory=dict)
    # Words that join the parts of a number in words: "vingt et un", "einundzwanzig", "treinta y dos".
    number_joiners: tuple[str, ...] = ()
    # Joiners written onto the next number word (Arabic "و": "اثنان وخمسون", two and fifty).
    written_joiners: tuple[str, ...] = ()
    # Letters written onto a number word that are no part of it (Hebrew "ש", "מ", "ב": "שחמישה עשר",
    # that fifteen; "ממאה", from a hundred; "בשלושה", in three).
    number_prefixes: tuple[str, ...] = ()
    # "And a half" after a number or its unit ("quatre heures et demie", "dos horas y media", "vier en
    # een half uur"), and written onto the number ("viereinhalb", "tweeënhalf").
    half_after: tuple[str, ...] = ()
    half_suffix: tuple[str, ...] = ()
    # Approximations in words: "(une) centaine (de)" ≈ 100; "des dizaines" reads as the word's value.
    approx: dict[str, float] = field(default_factory=dict)
    # Words between a number and what it counts: "une centaine de pompiers", "Dutzende von".
    of_words: tuple[str, ...] = ()
    # A share in words, with its article ("la moitié des vols", "die Hälfte der Flüge", "un tiers"):
    # read as a percentage, as "trente pour cent" is.
    fractions: dict[str, float] = field(default_factory=dict)
    hedges: dict[str, str] = field(default_factory=dict)  # text before a number → "min", "max" or "approx"
    # The word before "3 et 5" that makes it a range ("entre", "zwischen"): without it "181 500 et 5
    # millions" is two figures.
    between: tuple[str, ...] = ()
    # Words between the two figures of a proportion: "trois Américains sur dix", "einer von drei".
    proportion: tuple[str, ...] = ()
    # Words that stand between a figure and what it counts: "deux autres concurrents", "les 50
    # prochaines années", "drei weitere Menschen".
    before_noun: tuple[str, ...] = ()
    # Words that make a figure some beside others already told ("douze autres personnes", "drei
    # weitere Tote"), and words that open a list of some of a group ("dont quatre religieuses",
    # "darunter vier Nonnen"): a part against its total is no conflict (`compare.parts`).
    others: tuple[str, ...] = ()
    including: tuple[str, ...] = ()
    # Definite articles and demonstratives, after which a figure with no noun names a group already
    # known ("les deux ajoutent", as English "the two extend"), and a duration is a period ("durant les
    # 13 jours après leur détention"), not a time since something.
    definite: tuple[str, ...] = ()
    # Month names dateparser's data lacks (the Levantine "كانون الثاني", "حزيران" beside "يناير").
    more_months: dict[str, int] = field(default_factory=dict)
    # The decimal mark is a point ("1.2 مليون"), not a comma (which may be the Arabic "،" or "٫").
    decimal_point: bool = False
    # Prefixes written onto a word (Arabic "و", "ب", "ال": "والقتلى" is "القتلى" is "قتلى"), longest
    # first, and endings of a counted noun's case ("شخصا" is "شخص"): stripped before a word is
    # looked up or compared.
    clitics: tuple[str, ...] = ()
    case_endings: tuple[str, ...] = ()
    # Letters a word may end in either way as people type it (Arabic "ثانيه" for "ثانية", "عشره" for
    # "عشرة": the closing ة typed as ه): (as typed, as the tables write it).
    final_spellings: tuple[tuple[str, str], ...] = ()
    # The article a figure takes when it follows the noun it counts (Arabic "الساعات ال 24 الماضية",
    # the hours the 24 past; "البحارة ال 14 الآخرين", the sailors the 14 others): with it on the figure,
    # the noun before is what it counts.
    numeral_article: str = ""
    # Words right before a figure that make it an age with no unit after it (Hebrew "בן 18", "בת 32": son
    # of, daughter of 18).
    age_before: tuple[str, ...] = ()
    # Forms of "years" that tell an age by themselves after a figure (Greek "18 ετών", "32 χρονών": of
    # 18 years), as "18-year-old" does.
    age_units: tuple[str, ...] = ()
    hours: dict[str, float] = field(default_factory=dict)  # time units → hours
    # Parts of a day ("soir", "Abend"), and the words that bring a quote's listener ("à l'AFP", "gegenüber
    # der dpa"): an adjunct of either may stand between a speech verb and its speaker.
    day_parts: tuple[str, ...] = ()
    to_words: tuple[str, ...] = ()
    # Day words besides weekday names: today, yesterday, tomorrow → shift in days.
    relative_days: dict[str, int] = field(default_factory=dict)
    # Words of a clause that speaks of the future: a weekday in it is the coming one ("bis Donnerstag").
    future: tuple[str, ...] = ()
    # Abbreviations after which a sentence does not end ("M.", "Nr.", "Sr.").
    abbreviations: tuple[str, ...] = ()
    # Nouns are capitalised (German): a lone capitalised word after a speech verb is no name.
    capital_nouns: bool = False
    # Words that make a counted noun a death toll or an injury count, folded so outlets' words meet.
    concepts: dict[str, str] = field(default_factory=dict)
    # How a figure is said to have changed (`facts.changes`; English's table is there).
    changes: ChangeWords = field(default_factory=ChangeWords)


_MODULES = {"fr": "fr", "de": "de", "es": "es", "it": "it", "pt": "pt", "nl": "nl", "tr": "tr", "ru": "ru",
            "ar": "ar", "cs": "cs", "el": "el", "he": "he", "hi": "hi"}
EMPTY = Lexicon(code="")
LANGUAGES = tuple(_MODULES)


@lru_cache(maxsize=32)
def lexicon(code: str) -> Lexicon:
    """The lexicon of ISO 639-1 `code`; the empty one for English and for languages without a table."""
    module = _MODULES.get((code or "").lower())
    if module is None:
        return EMPTY
    found: Lexicon = importlib.import_module(f"newsfuse.langdata.{module}").LEXICON
    return found


def known(code: str) -> bool:
    return (code or "").lower() in _MODULES


@lru_cache(maxsize=32)
def months(code: str) -> dict[str, int]:
    """Month names and abbreviations of a language (lower-cased) → 1..12, from dateparser's data."""
    names = _dateparser_names(code, ("january", "february", "march", "april", "may", "june", "july", "august",
                                     "september", "october", "november", "december"))
    return {**names, **lexicon(code).more_months} if known(code) else names


@lru_cache(maxsize=32)
def weekdays(code: str) -> dict[str, int]:
    """Weekday names of a language (lower-cased) → 0 (Monday) .. 6, from dateparser's data."""
    return _dateparser_names(code, ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
                             start=0)


@lru_cache(maxsize=32)
def date_words(code: str) -> tuple[frozenset[str], frozenset[str]]:
    """Every month name of a language and every word of its weekday names (lower-cased), short ones
    included ("मई", May; "יום", day): what a line holding only a date may be written with. Too loose
    for running text, where "mai" or "ma" are ordinary words; exact for a whole line of a date."""
    month_names = _dateparser_names(code, ("january", "february", "march", "april", "may", "june", "july",
                                           "august", "september", "october", "november", "december"), shortest=2)
    day_names = _dateparser_names(code, ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                         "sunday"), start=0, shortest=2)
    extra = lexicon(code).more_months if known(code) else {}
    # word by word: "كانون الثاني" (January), "יום שבת" (Saturday) are two
    return (frozenset(unicodedata.normalize("NFC", word) for name in [*month_names, *extra] for word in name.split()),
            frozenset(unicodedata.normalize("NFC", word) for name in day_names for word in name.split()))


def _dateparser_names(code: str, keys: tuple[str, ...], start: int = 1, shortest: int = 3) -> dict[str, int]:
    if not code or code == "en":
        return {}
    info = _translation_data(code)
    if info is None:
        try:
            from dateparser.languages.loader import default_loader
        except ImportError:
            return {}
        try:
            info = default_loader.get_locale(code).info
        except (KeyError, ValueError):
            return {}
    out: dict[str, int] = {}
    for number, key in enumerate(keys, start):
        for name in info.get(key, ()):
            name = str(name).lower().rstrip(".")
            # One- and two-letter abbreviations ("lu", "ma") are ordinary words in running text.
            if len(name) >= shortest:
                out[name] = number
    return out


# Languages whose month and weekday names dateparser's loader gives otherwise than its data module
# writes them (letter variants, dateparser 1.5): read through the loader.
LOADER_REWRITES = frozenset({"fa"})


def _translation_data(code: str) -> dict[str, Any] | None:
    """dateparser's data of a language (its `info`, which is what its loader gives a language's locale),
    read from the data module's file without importing dateparser: its start-up builds its whole date
    parser (some 50 ms of a cold brief), and only these names are read here. None when the file is not
    where dateparser 1.x keeps it (the loader is asked then). The loader rewrites the letters of Persian
    names (`LOADER_REWRITES`): those come from the loader; a test checks every other language's names
    against the loader's."""
    if not re.fullmatch(r"[a-z]{2,3}", code) or code in LOADER_REWRITES:
        return None
    try:
        spec = importlib.util.find_spec("dateparser")  # a top-level package: found, not imported
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "date_translation_data"
    data = importlib.util.spec_from_file_location(f"newsfuse.langdata._dateparser_{code}", folder / f"{code}.py")
    if data is None or data.loader is None or not (folder / f"{code}.py").is_file():
        return None
    module = importlib.util.module_from_spec(data)
    data.loader.exec_module(module)  # a module that only binds `info`, a dict of lists of names
    info = getattr(module, "info", None)
    return info if isinstance(info, dict) else None


@lru_cache(maxsize=8)
def in_any_language(table: Callable[[str], dict[str, int]]) -> dict[str, int]:
    """`table` (`months`, `weekday_names`) over every language here, for text whose language is not
    known: a name two languages share keeps the first one's number (it names the same day or month)."""
    out: dict[str, int] = {}
    for code in LANGUAGES:
        for name, number in table(code).items():
            out.setdefault(name, number)
    return out


def month_pattern(code: str) -> str:
    """A regular-expression alternation of a language's month names, longest first ("" when none)."""
    names = months(code)
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def weekday_names(code: str) -> dict[str, int]:
    """Weekday names safe to look for in running text: full names only ("mardi", not "mar", which is
    also March's abbreviation)."""
    names = weekdays(code)
    return {n: d for n, d in names.items() if len(n) >= 4 and not any(
        o != n and o.startswith(n) and names[o] == d for o in names)}

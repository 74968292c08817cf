"""Figures in sentences of another language than English: what kind, what they count, how hedged.

The English extractor (`facts.quantities`) leans on the English parse; this one reads the words around
a figure with the tables of `newsfuse.langdata`, so it works with a blank pipeline (no model) as well
as with a parsed one: the unit after the figure says money, a share or a duration; else the first
content word after it (past "de", "von") is what it counts ("trois personnes", "drei Menschen", "una
decina di case"). What it counts is folded across outlets' words ("tués", "morts" → death) by the
language's concepts, else stemmed in that language, so two sources' figures of one thing meet.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import snowballstemmer

from newsfuse.facts.nlp import Parsed
from newsfuse.facts.numbers_local import GLUED_PERCENT, and_a_half, figure_text, glued_clitic, local_number_at
from newsfuse.facts.quantities import Found, currency_groups, extract_quantities
from newsfuse.facts.quantity_words import CURRENCY_SIGNS, CURRENCY_WORDS, MEASURE_UNITS
from newsfuse.langdata import Lexicon, lexicon, months, weekdays
from newsfuse.stopwords import stop_words
from newsfuse.types import Quantity, QuantityKind

if TYPE_CHECKING:
    from spacy.tokens import Doc

_STEMMERS = {"fr": "french", "de": "german", "es": "spanish", "it": "italian", "pt": "portuguese", "nl": "dutch",
             "tr": "turkish", "ru": "russian", "ar": "arabic", "el": "greek", "hi": "hindi"}
PERCENT = frozenset({"%", "pour cent", "prozent", "por ciento", "per cento", "por cento", "procent", "процентов",
                     "процента", "yüzde", "بالمئة", "بالمائة", "في المئة", "في المائة", "٪", "τοις εκατό", "אחוז",
                     "אחוזים", "האחוזים", "प्रतिशत", "फीसदी", "फ़ीसदी"})
LOCAL_CURRENCY = {"dollars": "USD", "dollar": "USD", "dólares": "USD", "dollari": "USD", "dólares americanos": "USD",
                  "euro": "EUR", "euros": "EUR", "евро": "EUR",
                  "франков": "CHF", "рублей": "RUB", "рубля": "RUB", "lira": "TRY", "lire": "TRY", "yens": "JPY",
                  "دولار": "USD", "دولارا": "USD", "دولارات": "USD", "يورو": "EUR", "جنيه": "GBP",
                  # Czech dollars in their cases ("180 milionů dolarů", "ke 2 miliardám dolarů"); "eur"
                  "dolar": "USD", "dolary": "USD", "dolarů": "USD", "dolarech": "USD", "dolarům": "USD",
                  "eur": "EUR", "korun": "CZK",
                  # Greek, Hebrew and Hindi ("322 मिलियन अमरीकी डॉलर": the dollar after "American")
                  "δολάρια": "USD", "δολαρίων": "USD", "δολάριο": "USD", "ευρώ": "EUR", "λίρες": "GBP",
                  "λιρών": "GBP", "דולר": "USD", "דולרים": "USD", "יורו": "EUR", "ש\"ח": "ILS", "שקל": "ILS",
                  "שקלים": "ILS", "ליש\"ט": "GBP", "डॉलर": "USD", "डालर": "USD", "अमरीकी डॉलर": "USD",
                  "αμερικανικά δολάρια": "USD", "αμερικάνικα δολάρια": "USD",
                  "अमेरिकी डॉलर": "USD", "यूरो": "EUR", "रुपये": "INR", "रुपए": "INR", "रुपया": "INR",
                  "पाउंड": "GBP"}
AROUND = 4
RANGE_WORDS = frozenset({"-", "–", "à", "bis", "až", "a", "al", "tot", "до", "ile"})
YEAR = 8766.0  # hours
# Units of measure as the other languages write them → (unit, factor), besides the English ones:
# "28,4 kilomètres (17,6 miles)" is a depth in km, not a count of kilometres.
_KM, _M, _T, _HA, _L = ("km", 1.0), ("m", 1.0), ("t", 1.0), ("ha", 1.0), ("l", 1.0)
# The pound in each language: a weight, or with "sterling" money ("livres sterling").
POUNDS = frozenset({"livre", "livres", "pfund", "libra", "libras", "pond", "sterline", "фунтов"})
LOCAL_UNITS: dict[str, tuple[str, float]] = {
    **MEASURE_UNITS,
    **dict.fromkeys(["kilomètre", "kilomètres", "kilometern", "kilómetro", "kilómetros", "chilometro", "chilometri",
                     "quilómetro", "quilómetros", "quilômetro", "quilômetros", "kilometr", "kilometrů", "kilometry",
                     "километр", "километров", "километра", "км", "kilometre", "kilometrelik"], _KM),
    **dict.fromkeys(["mètre", "mètres", "metern", "metro", "metros", "metri", "metr", "metrů", "metry", "метр",
                     "метров", "метра", "metrelik"], _M),
    **dict.fromkeys(["milles", "meilen", "millas", "miglia", "milhas", "mil", "mílí", "миль"], ("km", 1.609)),
    **dict.fromkeys(["tonne", "tonnes", "tonnen", "tonelada", "toneladas", "tonnellata", "tonnellate", "tun",
                     "тонн", "тонны", "ton"], _T),
    **dict.fromkeys(["hectare", "hectares", "hektar", "hektaren", "hectárea", "hectáreas", "ettaro", "ettari",
                     "гектаров"], _HA),
    **dict.fromkeys(["litre", "litres", "liter", "litro", "litros", "litri", "litrů", "литров"], _L),
    **dict.fromkeys(["degrés", "grad", "grados", "gradi", "graus", "stupňů", "градусов"], ("degrees", 1.0)),
    # A pound is a weight, as the English reader reads "pounds" ("25 kg (55 livres)"); "livres
    # sterling" is money.
    **dict.fromkeys([*sorted(POUNDS), "رطل", "أرطال"], ("kg", 0.4536)),
    "magnitude": ("magnitude", 1.0),
    **dict.fromkeys(["كم", "كلم", "كيلومتر", "كيلومترا", "كيلومترات"], _KM),
    **dict.fromkeys(["متر", "مترا", "أمتار", "امتار"], _M),
    **dict.fromkeys(["ميل", "ميلا", "أميال", "اميال"], ("km", 1.609)),
    **dict.fromkeys(["طن", "طنا", "أطنان"], _T),
    **dict.fromkeys(["درجة", "درجات"], ("degrees", 1.0)),
    **dict.fromkeys(["χιλιόμετρα", "χιλιόμετρο", "χιλιομέτρων", "χλμ", "χλμ.", "קילומטר", "קילומטרים", "ק\"מ",
                     "किलोमीटर", "कि.मी.", "किमी", "किमी०", "किमी."], _KM),
    **dict.fromkeys(["μέτρα", "μέτρο", "μέτρων", "מטר", "מטרים", "मीटर"], _M),
    **dict.fromkeys(["μίλια", "μίλι", "μιλίων", "מייל", "מיילים", "मील"], ("km", 1.609)),
    **dict.fromkeys(["τόνοι", "τόνους", "τόνων", "טון", "טונות", "टन"], _T),
    **dict.fromkeys(["βαθμούς", "βαθμοί", "βαθμών", "מעלות", "डिग्री"], ("degrees", 1.0)),
    # A unit written in two words ("10 كيلو مترا", "كيلو متر"): the pair is the unit.
    **dict.fromkeys(["كيلو متر", "كيلو مترا", "كيلو مترات", "كيلو ميتر", "كيلو مترًا"], _KM),
}
# A unit of length squared is an area: "kilomètres carrés", "km²", "Quadratkilometer", "vierkante
# kilometer", "كيلومتر مربع" (the English reader reads "square kilometres" alike: km², miles² → km²).
SQUARE_AFTER = frozenset({"carré", "carrés", "carrée", "carrées", "cuadrado", "cuadrados", "quadrato", "quadrati",
                          "quadrado", "quadrados", "čtverečních", "квадратных", "مربع", "مربعا", "مربعة"})
SQUARE_BEFORE = frozenset({"vierkante", "квадратных", "čtverečních", "kare"})
SQUARE_PREFIX = ("quadrat",)


# Words around a duration that make it the time since or until something ("huit jours après le
# séisme", "depuis plus de deux cents ans", "vor drei Jahren"): not how long something lasted.
GAP_BEFORE = frozenset({"depuis", "seit", "vor", "desde", "hace", "da", "fa", "há", "geleden", "назад", "před",
                        "od", "önce"})
GAP_AFTER = frozenset({"après", "avant", "plus", "nach", "später", "früher", "zuvor", "después", "antes", "dopo",
                       "prima", "depois", "later", "eerder", "geleden", "назад", "спустя", "později", "poté", "sonra",
                       "önce", "fa"})
# Words that make a number of years an age: "âgé de 52 ans", "im Alter von 52 Jahren", "de 52 años de edad".
AGE_CUES = frozenset({"âgé", "âgée", "âgés", "âgées", "agé", "agée", "alter", "edad", "età", "idade", "leeftijd",
                      "yaşında", "возрасте", "věku", "ηλικίας", "उम्र", "आयु"})


def english(lang: str) -> bool:
    return lang in {"", "en"}


def extract_all(parsed: Sequence[Parsed]) -> list[Found]:
    """Every figure of the story, each sentence read in its article's language."""
    found: list[Found] = []
    for p in parsed:
        found.extend(extract_quantities([p]) if english(p.lang) else in_sentence(p))
    return found


@lru_cache(maxsize=16)
def _stemmer(code: str) -> snowballstemmer.stemmer | None:
    name = _STEMMERS.get(code)
    return snowballstemmer.stemmer(name) if name else None


def local_concept(word: str, lex: Lexicon) -> str:
    low = word.lower()
    forms = bare_forms(low, lex)
    for form in forms:
        if form in lex.concepts:
            return lex.concepts[form]
    # Stemmed without the article and what is written onto it ("والقتلى" → "قتلى"), not without a
    # lone letter that may be the word's own ("بحارة" keeps its "ب").
    base = next((low[len(c):] for c in lex.clitics if c.endswith(("ال", "لل")) and low.startswith(c)
                 and len(low) - len(c) >= 3), low)
    stemmer = _stemmer(lex.code)
    return str(stemmer.stemWord(base)) if stemmer else base


def bare_forms(word: str, lex: Lexicon) -> list[str]:
    """A word and the forms it may be once a prefix written onto it (`Lexicon.clitics`: "و", "ب",
    "ال") and a case ending ("شخصا" → "شخص") are taken off, most written first; `[word]` for a
    language that writes none."""
    forms = [word]
    for clitic in lex.clitics:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            forms.append(word[len(clitic):])
    for form in list(forms):
        for ending in lex.case_endings:
            if form.endswith(ending) and len(form) - len(ending) >= 2:
                forms.append(form[:-len(ending)])
                break
    for form in list(forms):
        for typed, written in lex.final_spellings:  # "ثانيه" as typed is "ثانية"
            if form.endswith(typed) and len(form) > 2:
                forms.append(form[:-len(typed)] + written)
    return forms


def _known(word: str, lex: Lexicon, *tables: Collection[str]) -> str:
    """The form of `word` (`bare_forms`) that one of `tables` holds, else the word as written:
    "بالمئة", "دولارا", "عاما" are read as the unit they are."""
    if not lex.clitics and not lex.case_endings and not lex.final_spellings:
        return word
    return next((f for f in bare_forms(word, lex) if any(f in t for t in tables)), word)


def local_bag(p: Parsed) -> set[str]:
    """The content words of a sentence of another language, folded by its concepts and stemmer; its
    stop words (spaCy's list for the language, on the tokens) left out."""
    lex = lexicon(p.lang)
    return {local_concept(t.text, lex) for t in p.doc if t.is_alpha and not t.is_stop and len(t.text) > 1}


def in_sentence(p: Parsed) -> list[Found]:
    lex = lexicon(p.lang)
    doc = p.doc
    out: list[Found] = []
    i = 0
    while i < len(doc):
        # a fraction first: "deux tiers" is no two
        got = _fraction_at(doc, i, lex) or (local_number_at(doc, i, lex) if lex.numbers or doc[i].like_num else None)
        if got is None:
            i += 1
            continue
        value, j, approx = got
        found = _classify(p, lex, i, j, value, approx)
        if found is not None:
            found.order = len(out)
            out.append(found)
            j = max(j, found.end)
        i = max(j, i + 1)
    _of_which(out, lex)
    currency_groups(out, doc)  # "28,4 kilomètres (17,6 miles)": one depth in two units
    return out


def _of_which(found: list[Found], lex: Lexicon) -> None:
    """A count beside the word that takes it out of the group just counted ("1200 Stellen, 500 davon
    in Schweinfurt", "davon 450 im Stammwerk", "300 blessés, dont 40"): a part of that count, of the
    same thing. Its own noun is missing, so the word read after it ("davon", "im") is none: it takes
    the noun of the count before it. A part with a noun of its own ("dont deux enfants") keeps it."""
    stop = stop_words(lex.code)
    for k, f in enumerate(found):
        q = f.quantity
        beside = f.before[:1] + f.after[:1]
        if q.kind not in {"count", "number"} or not any(w in lex.including for w in beside):
            continue
        if q.unit and q.unit not in lex.including and q.unit not in stop:
            continue
        whole = next((w for w in reversed(found[:k]) if w.quantity.kind == "count" and w.quantity.unit), None)
        if whole is None:
            continue
        q.kind, q.unit, q.measures = "count", whole.quantity.unit, whole.quantity.measures
        f.head, f.part = whole.head, True


FRACTION = "fraction"
_CLOCK = frozenset({"h", "uhr", "heure", "heures", "hora", "horas", "ore", "uur", "το μεσημέρι", "το πρωί",
                    "το απόγευμα", "το βράδυ"})


def _fraction_at(doc: Doc, i: int, lex: Lexicon) -> tuple[float, int, str] | None:
    """(percent, the token after it, "fraction") of a share in words at token i ("la moitié des vols"
    → 50), or None; a quarter of an hour ("un quart d'heure") is a time, not a share."""
    for phrase, share in lex.fractions.items():
        words = phrase.split()
        if [t.lower_ for t in doc[i:i + len(words)]] != words:
            continue
        j = i + len(words)
        k = j
        while k < len(doc) and doc[k].lower_ in lex.of_words:
            k += 1
        if k < len(doc) and (doc[k].lower_ in lex.hours or doc[k].lower_.startswith("heure")):
            return None
        return 100 * share, j, FRACTION
    return None


def _is_date_or_time(p: Parsed, lex: Lexicon, i: int, j: int, value: float) -> bool:
    doc = p.doc
    nxt = doc[j].lower_.rstrip(".") if j < len(doc) else ""
    text = figure_text(doc[i].text, lex)  # "ב-2005": in 2005
    prev = doc[i - 1].lower_ if i > 0 else ""
    prev2 = f"{doc[i - 2].lower_} {prev}" if i > 1 else ""
    names = months(lex.code)
    if text.isdigit() and 1000 <= value <= 2100 and len(text) == 4 and (
            prev in names or prev2 in names or not _counts(doc, i, j, lex)):
        return True  # a year ("juillet 2005"; but "environ 1200 miles" counts)
    nxt2 = f"{nxt} {doc[j + 1].lower_}" if j + 1 < len(doc) else ""
    if nxt in names or nxt2 in names:
        return True  # "12 mars", "22. Februar", "27 كانون الأول"
    if j < len(doc) and doc[j].text in {":", "/"}:
        return True  # "14:30", "12/03"
    if j + 1 < len(doc) and nxt in {"h", "uhr"} and doc[j + 1].text.isdigit() and value > 12 and "à" in \
            [t.lower_ for t in doc[max(0, i - 2):i]]:
        return True  # "à 21 h 30": a time of day
    if prev in {"h", "uhr", ":"} and i > 1 and doc[i - 2].text.isdigit() and value < 60:
        return True  # the minutes of "21 h 30"
    if prev in {"n°", "nr.", "no", "nº", "№"} and value < 25:
        return True
    # "à 21 h", "um 3 Uhr", "alle 15", "στις 12 το μεσημέρι" (at 12 noon): an hour; "s'élève à trois
    # morts" counts the dead
    return prev in {"à", "um", "alle", "às", "στις"} and value < 25 and not (
        nxt.isalpha() and nxt not in _CLOCK and nxt2 not in _CLOCK)


def _changed(doc: Doc, lex: Lexicon, i: int, j: int) -> bool:
    """"est passé de 9 à 14", "passant de 4 000 à 6 500": two values of a change (`facts.changes`),
    not a range ("de 20 à 30 morts"), when a verb of change stands right before "de"."""
    words = lex.changes
    moves = {*words.up, *words.down, *words.revised}
    return i > 1 and doc[i - 1].lower_ in words.source and doc[j].lower_ in words.to and \
        any(t.lower_ in moves for t in doc[max(0, i - 4):i - 1])


def _classify(p: Parsed, lex: Lexicon, i: int, j: int, value: float, approx: str) -> Found | None:
    doc = p.doc
    if _is_date_or_time(p, lex, i, j, value):
        return None
    start, end = i, j
    high = None
    # A range: "25 - 40 %", "20 à 30 morts", "zwischen 3 und 5": the unit follows the second figure.
    # "et", "und" make one only after "entre", "zwischen" ("a dépassé les 121 000 et 5 millions de
    # personnes" is two figures).
    joined = doc[j].lower_ in lex.number_joiners and i > 0 and doc[i - 1].lower_ in lex.between \
        if j < len(doc) else False
    if j + 1 < len(doc) and (doc[j].lower_ in RANGE_WORDS or joined) and not _changed(doc, lex, i, j):
        second = local_number_at(doc, j + 1, lex)
        if second is not None and second[0] > value:
            high, j = second[0], second[1]
            end = j
            # "2,7 à 3 millions": the scale written once, at the second end, counts for both
            scale = lex.scales.get(doc[j - 1].lower_, 1.0)
            if scale >= 1000 and not any(t.lower_ in lex.scales for t in doc[i:second[1] - 1]) \
                    and value * scale <= high:
                value *= scale
    if j + 1 < len(doc) and doc[j].lower_ in lex.before_noun and doc[j + 1].lower_ in lex.hours:
        j += 1  # "les 50 prochaines années": the unit after the adjective
    k = j  # "500 millions de dollars", "3 millones de euros": the unit after "de"
    while k < len(doc) - 1 and doc[k].lower_ in lex.of_words and doc[k - 1].lower_ in lex.scales:
        k += 1
    units = (CURRENCY_SIGNS, CURRENCY_WORDS, LOCAL_CURRENCY, PERCENT, LOCAL_UNITS, lex.hours)
    nxt = _known(doc[k].lower_, lex, *units) if k < len(doc) else ""
    nxt2 = f"{nxt} {doc[k + 1].lower_}" if k + 1 < len(doc) else ""
    prev = doc[i - 1].lower_ if i > 0 else ""
    kind: QuantityKind = "count"
    unit, head, hours = "", "", 1.0
    if approx == FRACTION:
        kind, unit, approx = "percent", "%", ""  # "la moitié des vols": a share, 50 %
    elif prev in CURRENCY_SIGNS:
        kind, unit, start = "money", CURRENCY_SIGNS[prev], i - 1
    elif nxt in CURRENCY_SIGNS or nxt in CURRENCY_WORDS or nxt in LOCAL_CURRENCY:
        kind, end = "money", k + 1
        unit = CURRENCY_SIGNS.get(nxt) or CURRENCY_WORDS.get(nxt) or LOCAL_CURRENCY[nxt]
    elif nxt2 in LOCAL_CURRENCY:
        kind, end, unit = "money", k + 2, LOCAL_CURRENCY[nxt2]  # "मिलियन अमरीकी डॉलर": American dollars
    elif doc[j - 1].text[-1:] in GLUED_PERCENT and doc[j - 1].text[:1] not in GLUED_PERCENT:
        kind, unit = "percent", "%"  # "15%" as one token
    elif nxt in PERCENT or nxt2 in PERCENT:
        kind, unit, end = "percent", "%", j + (2 if nxt2 in PERCENT else 1)
    elif any(t.lower_.startswith(("magnitud", "stärke", "magnitudo", "магнитуд")) for t in doc[max(0, i - 2):i]):
        kind, unit = "number", "magnitude"  # "une magnitude de 5,6", "Stärke 5,6"
    elif (area := _area(doc, k, lex)) is not None:
        kind, unit, hours, end = "number", area[0], area[1], area[2]  # "28 000 kilomètres carrés": km²
    elif (behind := _counted_before(doc, i, nxt, lex)) is not None:
        # "الساعات ال 24 الماضية": the figure with the article follows what it counts
        word = _known(doc[behind].lower_, lex, LOCAL_UNITS, lex.hours)
        if word in lex.hours:
            kind, unit, hours = "duration", "hours", lex.hours[word]
        elif kind_of_unit(word):
            kind, (unit, hours) = "number", LOCAL_UNITS[word]
        else:
            unit, head = doc[behind].lower_, local_concept(doc[behind].text, lex)
    elif kind_of_unit(nxt) and nxt2.split()[-1:] == ["sterling"] and nxt in POUNDS:
        kind, unit, end = "money", "GBP", k + 2  # "300 livres sterling"
    elif " " in nxt2 and kind_of_unit(nxt2):
        kind, end = "number", k + 2  # "10 كيلو مترا": a unit in two words
        unit, hours = LOCAL_UNITS[nxt2]
    elif kind_of_unit(nxt):
        kind, end = "number", j + 1
        unit, hours = LOCAL_UNITS[nxt]
        if unit == "km" and [t.lower_.rstrip(".") for t in doc[j + 1:j + 3]] == ["/", "h"]:
            unit, end = "km/h", j + 3  # "150 km/h", cut at the slash: a speed (as "mph" is), not a distance
    elif nxt in lex.hours and lex.hours[nxt] == YEAR and (AGE_CUES & {t.lower_ for t in doc[max(0, i - 3):j + 4]}
                                                          or _apposed(doc, i) or _aged(doc, i, lex)
                                                          or prev in lex.age_before or nxt in lex.age_units):
        kind, unit, end = "age", "years", j + 1
    elif prev in lex.age_before and nxt not in lex.hours:
        kind, unit = "age", "years"  # "בן 26 ישוחרר": son of 26, an age with no unit
    elif nxt in lex.hours:
        kind, unit, end, hours = "duration", "hours", j + 1, lex.hours[nxt]
        # "Les discussions ont duré cinq heures": how long the meeting the sentence names before it
        # lasted, as the English reader takes the subject of "lasted" (the talks, the dialogue).
        head = "meet" if any(local_concept(t.text, lex) == "meet" for t in doc[:i]) else ""
        # "2 h 30": the minutes after the hours
        if nxt == "h" and end < len(doc) and doc[end].text.isdigit() and int(doc[end].text) < 60:
            value += int(doc[end].text) / 60
            end += 1
        value, end = and_a_half(doc, value, end, lex)  # "quatre heures et demie"
    elif (share := _proportion(doc, j, lex, value)) is not None:
        whole, end = share
        kind, unit = "percent", "%"  # "trois Américains sur dix": a share, 30 %
        value, high = 100 * value / whole, None
    else:
        noun = _counted(doc, j, lex)
        if noun is not None:
            unit, head = doc[noun].lower_, local_concept(doc[noun].text, lex)
        elif _label(doc, i) or (i > 0 and doc[i - 1].lower_ in lex.definite and doc[i].is_alpha):
            # "vol 447"; "les deux ajoutent" names a group already known, as "the two" (a figure in
            # digits after the article is one: "a dépassé les 121 000")
            return None
        elif _apposed(doc, i) and j < len(doc) and doc[j].text in {",", ")", "،"}:
            # "Hasib Hussain, 18, z Leedsu": a bare figure set off after a name is its age, in
            # every language that writes names with capitals (as the English reader reads "Hussain,
            # 18,"), and after a word of a script without them ("חאסיב חאסיין, 18, מלידס")
            kind, unit = "age", "years"
        else:
            # A figure whose noun is not beside it ("52 sont mortes et environ 700 ont été blessées",
            # "dans le top dix"): a bare number, as the English reader keeps one.
            kind = "number"
    hedge = next((t.lower_ for t in doc[i:j] if t.lower_ in lex.approx), "") if approx else ""
    if not hedge:
        hedge, start = _hedge(doc, start, lex)
    if not hedge and (glued := glued_clitic(doc[i].text, lex)):
        # Hebrew "כ-300" (about 300), "יותר מ-50" (more than 50): the bound's last letter on the figure
        phrase = next((h for f in bare_forms(doc[i - 1].lower_, lex) if (h := f"{f} {glued}") in lex.hedges),
                      "") if i > 0 else ""
        hedge, start = (phrase, i - 1) if phrase else (glued if glued in lex.hedges else "", start)
    norm = value * hours
    q = Quantity(text=doc[start:end].text, kind=kind, value=norm, unit=unit,
                 measures=unit if kind == "count" else "", source=p.source, sentence=p.sentence.index,
                 hedge=hedge, high=high * hours if high is not None else None)
    context = frozenset(local_concept(t.text, lex) for t in [*doc[max(0, start - AROUND):start], *doc[end:end + AROUND]]
                        if t.is_alpha and len(t.text) > 3) - {head}
    found = Found(quantity=q, key=p.key, start=start, end=end, head=head, context=context, text=p.text,
                  lang=p.lang, before=tuple(t.lower_ for t in reversed(doc[max(0, start - AROUND):start]) if t.is_alpha),
                  after=tuple(t.lower_ for t in doc[end:end + AROUND] if t.is_alpha))
    if kind == "number" and unit in {u for u, _ in LOCAL_UNITS.values()}:
        found.scale = hours  # the factor from the unit as written ("miles" → 1.609 km)
    if kind == "duration":
        # "durant les 13 jours après": after an article the days after something are a period
        period = bool(found.before[:1]) and found.before[0] in lex.definite
        found.gap = bool(GAP_BEFORE & set(found.before[:3]) or (GAP_AFTER & set(found.after[:1]) and not period)
                         or found.before[:3] == ("a", "y", "il"))  # "il y a deux jours"
    return found


def _counted_before(doc: Doc, i: int, nxt: str, lex: Lexicon) -> int | None:
    """The noun a figure with the language's article counts when it follows it (Arabic "البحارة ال
    14 الآخرين", "الساعات ال24 الماضية"), unless a unit follows the figure; None when the figure
    bears no article or no noun stands before it."""
    article = lex.numeral_article
    if not article or kind_of_unit(nxt) or nxt in lex.hours or nxt in LOCAL_CURRENCY or nxt in PERCENT:
        return None
    if doc[i].text.startswith(article) and doc[i].text[len(article):].isdigit():
        k = i - 1  # the article written onto the digits
    elif i > 0 and doc[i - 1].text == article:
        k = i - 2
    else:
        return None
    if k < 0 or not doc[k].is_alpha or doc[k].is_stop or not doc[k].text.startswith(
            (*(c for c in lex.clitics if c.endswith(article)), article)):
        return None
    return k


# People a phrase "de 41 anos" describes by their age ("um homem de 41 anos", "una mujer de 38 años",
# "un uomo di 60 anni"), besides the language's titles ("el alcalde, de 54 años").
PERSON_NOUNS = frozenset({
    "homem", "mulher", "jovem", "menino", "menina", "criança", "idoso", "idosa", "vizinho", "vizinha", "rapaz",
    "moça", "filho", "filha", "filhos", "filhas", "hombre", "mujer", "joven", "niño", "niña", "anciano", "anciana",
    "vecino", "vecina", "chico", "chica", "hijo", "hija", "hijos", "hijas", "uomo", "donna", "giovane", "ragazzo",
    "ragazza", "bambino", "bambina", "anziano", "anziana", "figlio", "figlia", "figli", "figlie", "vicino", "vicina"})
_OF = frozenset({"de", "di", "da"})


def _aged(doc: Doc, i: int, lex: Lexicon) -> bool:
    """Years after "de" that say how old someone is, in the languages that write an age so: "um homem de
    41 anos", "dois filhos, de 9 e 13 anos", "Ruiz, de 54 años": the preposition follows a comma or a
    word for a person. "uma pena de 11 anos" is how long a sentence runs: a duration still."""
    k = i - 1
    while k >= 2 and doc[k].lower_ in lex.number_joiners and doc[k - 1].like_num:
        k -= 2  # "de 9 e 13 anos": the ages listed before this one
    if k < 1 or doc[k].lower_ not in _OF:
        return False
    before = doc[k - 1]
    return before.text == "," or before.lower_ in PERSON_NOUNS or before.lower_ in lex.title_words


def _apposed(doc: Doc, i: int) -> bool:
    """Years set off after a name are its age: "Hasib Hussain, 18 ans, de Leeds" (as English "Hussain, 18,")."""
    if i < 2 or doc[i - 1].text not in {",", "،", "("} or not doc[i - 2].is_alpha:
        return False
    name = doc[i - 2].text
    # A script without capitals (Arabic) cannot show a name: the comma and the years must do.
    return name[:1].isupper() or name.lower() == name.upper()


def _area(doc: Doc, k: int, lex: Lexicon) -> tuple[str, float, int] | None:
    """(unit, factor, the token after) of an area after a figure: a unit of length squared, written
    after ("kilomètres carrés"), before ("vierkante kilometer"), onto it ("Quadratkilometer") or as
    "km²"; None when there is none."""
    if k >= len(doc):
        return None
    word = _known(doc[k].lower_, lex, LOCAL_UNITS)
    if word in {"km²", "km2"}:
        return "km2", 1.0, k + 1
    if word in SQUARE_BEFORE and k + 1 < len(doc):
        k, word = k + 1, doc[k + 1].lower_
        length, after = LOCAL_UNITS.get(word), k + 1
    elif word.startswith(SQUARE_PREFIX):
        length, after = LOCAL_UNITS.get(word[len("quadrat"):]) or LOCAL_UNITS.get(word[len("quadrat"):] + "n"), k + 1
    elif k + 1 < len(doc) and _known(doc[k + 1].lower_, lex, SQUARE_AFTER) in SQUARE_AFTER:
        length, after = LOCAL_UNITS.get(word), k + 2
    else:
        return None
    if length is None or length[0] not in {"km", "m"}:
        return None
    return f"{length[0]}2", length[1] ** 2, after


def kind_of_unit(word: str) -> bool:
    """A unit of measure, not a word that is one only in another language ("mil" is a thousand in
    Spanish, "ton" a possessive in French)."""
    return word in LOCAL_UNITS and word not in {"mil", "ton"}


def _counted(doc: Doc, j: int, lex: Lexicon) -> int | None:
    """The token a count counts: the first word after it, past "de"/"von" and the adjectives that
    stand before a noun ("deux autres concurrents"); not a pronoun ("aux deux qui ont été saisis"), nor,
    where no tagger tells, a stop word ("أربعة من مفجري": four of the bombers)."""
    k = j
    while k < len(doc) and (doc[k].lower_ in lex.of_words or (doc[k].is_quote and k + 1 < len(doc)
                                                               and doc[k + 1].is_alpha)):
        k += 1  # past "de" and an opening quotation mark: "les quatre « blocs fondateurs »"
    if k + 1 < len(doc) and doc[k].lower_ in lex.before_noun and doc[k + 1].is_alpha:
        k += 1
    if k < len(doc) and doc[k].is_alpha and len(doc[k].text) > 1 and doc[k].lower_ not in lex.hedges \
            and doc[k].pos_ not in {"AUX", "ADP", "DET", "CCONJ", "SCONJ"} \
            and not (doc[k].is_stop and doc[k].pos_ in {"PRON", ""}) \
            and doc[k].lower_ not in lex.number_joiners and doc[k].lower_ not in months(lex.code) \
            and doc[k].lower_ not in weekdays(lex.code) and not _changes(doc[k].lower_, lex):
        # a day ("a ramené ce chiffre à 210 mercredi") or a verb of change last in its clause ("auf
        # neun erhöht") follows a figure without being what it counts
        return k
    return None


def _changes(word: str, lex: Lexicon) -> bool:
    c = lex.changes
    return word in {*c.up, *c.down, *c.revised, *c.level}


def _counts(doc: Doc, i: int, j: int, lex: Lexicon) -> bool:
    """A four-digit figure that counts something is no year: "environ 1200 miles", "1050 personnes
    ont été blessées" (a year is not hedged, and is not followed by the noun it counts)."""
    if _hedge(doc, i, lex)[0]:
        return True
    nxt = doc[j] if j < len(doc) else None
    if nxt is None or not nxt.is_alpha:
        return False
    low = nxt.lower_
    if low in months(lex.code) or nxt.is_stop or nxt.text[:1].isupper():
        return False
    return kind_of_unit(low) or low in LOCAL_CURRENCY or low in lex.hours or nxt.pos_ == "NOUN"


def _label(doc: Doc, i: int) -> bool:
    """A figure that names rather than counts: "vol 447", "Airbus 330", "groupe des 77" (after a noun
    or a name, or the article of a name)."""
    if i == 0:
        return False
    prev = doc[i - 1]
    return prev.pos_ in {"NOUN", "PROPN"} or (prev.is_alpha and prev.text[:1].isupper() and i > 1) or \
        (i > 1 and prev.lower_ in {"des", "der", "del", "dei", "dos"} and doc[i - 2].pos_ in {"NOUN", "PROPN", ""}
         and doc[i - 2].is_alpha)


def _proportion(doc: Doc, j: int, lex: Lexicon, part: float) -> tuple[float, int] | None:
    """The whole of "trois Américains sur dix", "einer von drei" (the noun may come before the
    proportion word), and the token after it: None when the figure is no proportion."""
    for k in (j, j + 1):
        if k > j and not (j < len(doc) and doc[j].is_alpha and doc[j].lower_ not in lex.of_words):
            break
        for word in lex.proportion:
            parts = word.split()
            if [t.lower_ for t in doc[k:k + len(parts)]] != parts:
                continue
            at = k + len(parts)
            whole = local_number_at(doc, at, lex) if at < len(doc) else None
            if whole is not None and part < whole[0] <= 1000 and not whole[2]:
                return whole[0], whole[1]
    return None


def _hedge(doc: Doc, start: int, lex: Lexicon) -> tuple[str, int]:
    words = [t.lower_ for t in doc[max(0, start - 4):start]]
    for n in (4, 3, 2, 1):
        if len(words) < n:
            continue
        first, rest = words[-n], words[len(words) - n + 1:]
        for form in bare_forms(first, lex):  # "بأكثر من" is "أكثر من"
            if (phrase := " ".join([form, *rest])) in lex.hedges:
                return phrase, start - n
    return "", start

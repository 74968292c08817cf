"""Page furniture in the article's own language: the cues of `newsfuse.langdata`, applied to lines.

Runs once the article's language is known (after the English line rules, which apply to every page:
English boilerplate turns up everywhere). Each rule is anchored as its English counterpart in
`clean.patterns` is: a byline is "Par" and a name with no lower-case word, a date line is a stamp
("Publié le") and a date, a prompt starts the line, a consent phrase is a consent phrase.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from newsfuse.clean.patterns import BYLINE_LOWER, WORDS
from newsfuse.clean.units import Unit
from newsfuse.langdata import Lexicon, date_words, known, lexicon, month_pattern, weekday_names


@dataclass(frozen=True, slots=True)
class LocalRules:
    consent: re.Pattern[str] | None
    button: re.Pattern[str] | None
    subscribe: re.Pattern[str] | None
    related: re.Pattern[str] | None
    editors_note: re.Pattern[str] | None
    copyright: re.Pattern[str] | None
    byline: re.Pattern[str] | None
    stamp: re.Pattern[str] | None
    date_line: re.Pattern[str] | None
    caption: re.Pattern[str] | None
    call: re.Pattern[str] | None
    reading: re.Pattern[str] | None
    widget: re.Pattern[str] | None
    player: re.Pattern[str] | None
    lower_ok: frozenset[str]


def _alternation(phrases: tuple[str, ...]) -> str:
    return "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))


def _compile(pattern: str, phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile(pattern.format(_alternation(phrases)), re.I) if phrases else None


@lru_cache(maxsize=32)
def rules_for(code: str) -> LocalRules | None:
    if not known(code):
        return None
    lex: Lexicon = lexicon(code)
    month = month_pattern(code)
    days = _alternation(tuple(weekday_names(code)))
    # A stamp's date as pages print it: "9 april 2026" (after its weekday), "Mart 12, 2026",
    # "15.jan.2026", and in figures "18.01.2024", "14/01/2026", "10-04-26"
    figures = r"\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
    date = (rf"(?:(?:(?:{days}),?\s+)?\d{{1,2}}(?:er|º|\.)?\s+(?:de\s+)?(?:{month})\.?,?\s+(?:de\s+)?\d{{4}}|"
            rf"\d{{1,2}}\.(?:{month})\.?\s?\d{{4}}|(?:{month})\s+\d{{1,2}},\s+\d{{4}}|{figures})" if month else figures)
    # The update stamp a page prints after its date stamp: "· Atualizado há 2 horas", "· Aangepast
    # donderdag 9 april 2026, 14:05", "(modifica il 10 febbraio 2026 | 18:42)"
    update = (rf"(?:(?:\s*[·|(]\s*|\s+)(?:{_alternation(lex.stamps)})\b[^()]{{0,60}}\)?)?" if lex.stamps else "")
    # A stamp's time ("17:05 Uhr") and the credit after it ("Quelle: ZEIT ONLINE, dpa").
    source = rf"(?:\s*[|·,-]?\s*(?:{_alternation(lex.source_words)})\s*:\s*[^.:]{{1,60}})?" if lex.source_words else ""
    call = (rf"^(?:{_alternation(lex.call_leads)})\s+(?:\S+\s+){{0,4}}?(?:{_alternation(lex.call_verbs)})[.!]?$"
            if lex.call_leads and lex.call_verbs else "")
    return LocalRules(
        consent=_compile(r"(?:^|\b|\s)(?:{})", lex.consent),
        button=_compile(r"^(?:{})[.!]?$", lex.consent_buttons),
        subscribe=_compile(r"^(?:{})(?:\b|\s|$)", lex.subscribe),
        related=_compile(r"^(?:{})\s*(?:[:\-–—|»›>].*)?$", lex.related),
        editors_note=_compile(r"^(?:{})(?:\b|\s|$)", lex.editors_notes),
        copyright=_compile(r"(?:{})", lex.copyright),
        byline=_compile(r"^(?:{})\s*:?\s+(?=[^\W\d_])(?P<rest>.+)$", lex.by),  # "بقلم: أحمد حسن"
        # After a short credit that names the outlet ("Ouest-France, avec AFP. Modifié le ..."), or
        # the place the story was filed from and a dash ("Santander - Publicado el ..."), too.
        stamp=_compile(r"^(?:[^\W\d_][^.]{{0,40}}\.\s+|[^\W\d_][^\W\d_ ]*(?:\s[^\W\d_]+){{0,2}}\s+[-–—|·]\s+)?"
                       r"(?:{})\s*:?\s*(?P<rest>.*)$", lex.stamps),
        date_line=re.compile(rf"^{date}(?:\s*(?:[,|·-]|à|a las|alle|um|às|om)?\s*\d{{1,2}}[:.h]\d{{2}}(?:\s*uhr)?)?"
                             rf"{update}{source}\.?$", re.I),
        caption=_compile(r"^(?:{})\s*:\s*\S", lex.captions),
        call=re.compile(call, re.I) if call else None,
        reading=_compile(r"^(?:{})\s*:?\s*\d{{1,3}}\s*[^\W\d_]{{0,8}}\.?$", lex.reading),
        # a button alone, or sharing on a network ("Partager sur Facebook")
        widget=_compile(r"^(?:{})(?:\s+(?:\w{{1,3}}\s+)?(?:facebook|twitter|x|whatsapp|linkedin|telegram|e-?mail))?[.!]?$",
                        tuple(w for w in lex.widgets if not w.endswith(":"))),
        player=_compile(r"^(?:{})\s*\S", tuple(w.rstrip(" :") + ":" for w in lex.widgets if w.endswith(":"))),
        # "Par Claire Dubois et Marc Lefèvre": the language's "and" (the word that joins a number's parts)
        lower_ok=BYLINE_LOWER | frozenset(lex.title_words) | frozenset(lex.number_joiners),
    )


_COOKIE = re.compile(r"\bcookies?\b", re.I)


def classify_local(text: str, rules: LocalRules) -> tuple[str, str]:
    """(reason, detail) for a line that is furniture in the article's language, else ("", "")."""
    words = len(text.split())
    if rules.button and words <= 4 and rules.button.match(text):
        return "cookie-banner", ""
    if rules.consent and words <= 120 and rules.consent.search(text):
        return "cookie-banner", ""
    if rules.subscribe and words <= 30 and rules.subscribe.match(text):
        return "subscribe-prompt", ""
    if words <= 12 and "newsletter" in text.lower():
        return "subscribe-prompt", ""
    # Outside English "cookie" is the web's loanword: a short line naming it is a consent button
    # ("Aceitar todos os cookies", "Cookies zustimmen"), whatever verb the language's table lacks.
    if words <= 6 and _COOKIE.search(text):
        return "cookie-banner", ""
    if words <= 25 and _has_prompt(text, rules):
        return "subscribe-prompt", ""
    if rules.caption and words <= 40 and rules.caption.match(text):
        return "caption", ""
    if rules.reading and words <= 6 and rules.reading.match(text):
        return "reading-time", ""
    if rules.widget and words <= 5 and rules.widget.match(text):
        return "share-widget", ""
    if rules.player and words <= 12 and rules.player.match(text):
        return "player-widget", ""
    if words <= 8 and _credit(text):
        return "dateline-header", "credit"
    if rules.editors_note and words <= 80 and rules.editors_note.match(text):
        return "editors-note", ""
    if rules.related and words <= 30 and rules.related.match(text):
        return "related-links", ""
    if rules.copyright and len(text) <= 300 and rules.copyright.search(text):
        return "copyright", ""
    if rules.date_line and rules.date_line.match(text):
        return "dateline-header", "date"
    stamp = rules.stamp.match(text) if rules.stamp else None
    if stamp and re.search(r"\d", stamp.group("rest")) and (words <= 15 or _stamp_then_byline(stamp.group("rest"), rules)):
        return "dateline-header", "date"
    if rules.date_line and (named := _NAME_FIRST.match(text)) and rules.date_line.match(named["rest"]) \
            and all(w[:1].isupper() for w in text[:named.start("rest")].split()):
        return "byline", ""  # the reporter's name and the stamp: "Sander Willems 10-04-26, 08:30 Laatste update: ..."
    byline = rules.byline.match(text) if rules.byline else None
    if byline and len(text) <= 120:
        # The names before a comma; a role or place after it ("Par Claire Dubois, envoyée spéciale à
        # Lyon", "Von Anna Schmidt, dpa") is short.
        rest, _, role = byline.group("rest").partition(",")
        lower = [w for w in WORDS.findall(rest) if w[:1].islower() and w.lower() not in rules.lower_ok]
        if len(rest.split()) <= 10 and not lower and len(role.split()) <= 6:
            return "byline", ""
    return "", ""


# Two to four capitalised words, then the rest of the line (a name printed before its date stamp).
_NAME_FIRST = re.compile(r"^(?:[^\W\d_][^\W\d_'’-]+\s+){1,3}?(?=\d)(?P<rest>.+)$")


def _stamp_then_byline(rest: str, rules: LocalRules) -> bool:
    """A date stamp with the byline printed after it on one line ("Publicado em 16/01/2026 - 10:05 Por
    Luiz Henrique Farias - Repórter da Agência Brasil - Rio de Janeiro"): the stamp is short, the rest
    is a byline, however long the reporter's role."""
    if rules.byline is None:
        return False
    for match in re.finditer(r"\s+[-–—|·]?\s*(?=\S)", rest):
        head, tail = rest[:match.start()], rest[match.end():]
        if len(head.split()) > 6:
            return False
        if re.search(r"\d", head) and len(tail) <= 160 and rules.byline.match(tail):
            return True
    return False


def _credit(text: str) -> bool:
    from newsfuse.ingest.meta import credit_line  # ingest reads articles through this package

    return credit_line(text) is not None


_PHRASES = re.compile(r"(?<=[.!?:])\s+")


def _has_prompt(text: str, rules: LocalRules) -> bool:
    """A prompt after a first sentence of a short line: "Sie haben 3 von 5 kostenlosen Artikeln gelesen.
    Jetzt RP+ abonnieren.", "Jetzt Z+ testen: Lesen Sie alle Artikel für 1 Euro" (a paywall's meter or
    offer is one line with its call to action)."""
    for k, phrase in enumerate(_PHRASES.split(text.strip())):
        phrase = phrase.strip().rstrip(":")
        if rules.call and len(phrase.split()) <= 6 and rules.call.match(phrase):
            return True
        if k and rules.subscribe and rules.subscribe.match(phrase) and len(phrase.split()) <= 12:
            return True
    return False


_DATE_TOKENS = re.compile(r"[\s,.\-–—/|()\u200b]+")
# "7", "1er", and with a clitic article: Hebrew "ה12" (the 12th)
_DAY_NUMBER = re.compile(r"[^\W\d_]{0,2}\d{1,2}[^\W\d_]{0,2}")


def date_only(text: str, language: str) -> bool:
    """Whether a line is a date and nothing else, in any language dateparser names the months of:
    "Σάββατο, 7 Ιουλίου, 2007", "יום חמישי, ה- 19 במאי, 2005", "शनिवार, जनवरी 8, 2005". Such a line
    heads the article (its date stamp), and read as its first sentence it takes the lead's place: the
    position of every sentence after it is off by one, and the date's words are read as the one
    point every source opens on (issue 16, stop 28). A token is a day number (with a clitic of at
    most two letters), a year, a month, a weekday's word, or a particle of at most two letters; the
    first may be any word."""
    # NFC on both sides: dateparser writes Hindi "फ़रवरी" with the precomposed letter, pages often not
    tokens = [t for t in _DATE_TOKENS.split(unicodedata.normalize("NFC", text.strip().lower())) if t]
    if not 3 <= len(tokens) <= 8:
        return False
    month_names, day_words = date_words(language)
    year = day = month = False
    for k, token in enumerate(tokens):
        if token.isdigit() and len(token) == 4 and 1800 <= int(token) <= 2100:
            year = True
        elif _DAY_NUMBER.fullmatch(token) and 1 <= int(re.sub(r"\D", "", token)) <= 31:
            day = True
        elif token in month_names:
            month = True
        # the first word may be a weekday in a spelling the table lacks (Hindi "बृहस्पतिवार", "इतवार")
        elif token not in day_words and (len(token) > 2 or token.isdigit()) and k > 0:
            return False
    return year and day and month


def mark_local(units: list[Unit], language: str) -> None:
    """Mark the lines that are furniture in the article's language (nothing for English: its rules
    are the line rules every page gets). A language without a lexicon still has its date lines
    (`date_only`, from dateparser's month and weekday names)."""
    if language in {"", "en"}:
        return
    rules = rules_for(language)
    header = False  # the line before is a related-links header alone ("Leia mais", "İLGİLİ HABERLER")
    for unit in units:
        if not unit.reason and rules is not None:
            unit.reason, unit.detail = classify_local(unit.text, rules)
            if not unit.reason and header and _link_shaped(unit.text):
                # the link the header announces: a headline, with no full stop ("Chuvas na Região
                # Serrana: veja como ajudar as vítimas", "Gebze'de trafik kazası: 3 yaralı")
                unit.reason, unit.detail = "related-links", "item"
        if not unit.reason and date_only(unit.text, language):
            unit.reason, unit.detail = "dateline-header", "date"
        header = unit.reason == "related-links" and not unit.detail and not re.search(r"[:\-–—|»›>]\s*\S", unit.text)


_LINK_WORDS = 15


def _link_shaped(text: str) -> bool:
    text = text.strip()
    return 0 < len(text.split()) <= _LINK_WORDS and not re.search(r"[.!?]$", text) and text[:1].isupper()

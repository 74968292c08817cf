"""The cleaner's rules: each unit judged by the line patterns, and the rules that look across units.

A unit is noise on its own (`classify`: an ad marker, a share widget, a byline, a caption ...), or
holds a templated phrase that is cut out of it, or is a button beside a widget, or opens with a
dateline, or repeats paragraphs said before. The patterns themselves are in `clean.patterns`; the
masthead, title and language rules, which need more than a line's shape, are modules of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsfuse.clean.patterns import (
    ADVERTISEMENT,
    AGENCY_HINT,
    BOILERPLATE,
    BREADCRUMB,
    BYLINE_BY,
    BYLINE_LOWER,
    BYLINE_STAMP,
    CAPTION_AGENCY_TAIL,
    CAPTION_CREDIT_END,
    CAPTION_PREFIX,
    CAPTION_SUFFIX,
    CLOSE_BUTTON,
    COOKIE_BUTTON,
    COOKIE_PHRASE,
    COPYRIGHT,
    CREDITS_LINE,
    DATE_LINE,
    DATELINE_DASH,
    DATELINE_PAREN,
    DISTRIBUTED_BY,
    DISTRIBUTION,
    EDITORS_NOTE,
    FULL_DATE,
    HANDLE,
    HEADER,
    LONE_NUMBER,
    NAVIGATION,
    PHOTO_WORD,
    PLAYER,
    POSITIONAL,
    PROMPT_ANYWHERE,
    READING_TIME,
    RELATED,
    SEPARATOR,
    SHARE_STRONG,
    SHARE_WORDS,
    SUBSCRIBE,
    TRUST,
    URL_LINE,
    WITH_AGENCY,
    WORDS,
    has_boilerplate,
)
from newsfuse.clean.units import SPACES, Unit, comparable
from newsfuse.types import Removal

# --- line rules ------------------------------------------------------------------------------------

def _lower_words(text: str) -> int:
    """How many words of `text` start in lower case and are not words a byline may hold."""
    return sum(1 for w in WORDS.findall(text) if w[:1].islower() and w.lower() not in BYLINE_LOWER)


def _is_share_widget(text: str) -> bool:
    tokens = re.findall(r"[a-z]+(?:-[a-z]+)?|\d+", text.lower())
    return (0 < len(tokens) <= 12 and all(t in SHARE_WORDS or t.isdigit() for t in tokens)
            and any(t in SHARE_STRONG for t in tokens))


def _is_byline(text: str) -> bool:
    if len(text) > 200:
        return False
    match = BYLINE_BY.match(text)
    if match:
        rest = match.group("rest")
        return len(rest.split()) <= 16 and _lower_words(rest) == 0
    match = BYLINE_STAMP.match(text)
    if match and match.group("who").strip(" |·-,") and len(match.group("rest")) <= 40:
        return _lower_words(match.group("who")) == 0
    return bool(HANDLE.search(text)) and len(text) <= 120 and _lower_words(text) == 0


def _is_distribution(text: str) -> bool:
    if DISTRIBUTION.match(text):
        return True
    match = DISTRIBUTED_BY.match(text)
    return match is not None and len(match.group("rest").split()) <= 10 and _lower_words(match.group("rest")) == 0


def _is_caption(text: str) -> bool:
    if len(text) > 400:
        return False
    if CAPTION_PREFIX.match(text) or CAPTION_SUFFIX.search(text) or CAPTION_AGENCY_TAIL.search(text):
        return True
    credit = CAPTION_CREDIT_END.search(text)
    if not credit:
        return False
    before = text[:credit.start()].rstrip()
    # "(AP Photo/...)" is a photo credit wherever it is; a bare agency name closing a line is one when
    # no sentence ends before it (captions often have no full stop), the line places people in a frame,
    # or it dates its picture with the year ("... near Bormio on August 3, 2025. (AFP)"), which a
    # story's sentence about its own day does not.
    return bool(PHOTO_WORD.search(credit.group(0)) or not re.search(r"[.!?\"”]$", before)
                or POSITIONAL.search(before) or FULL_DATE.search(before))


def _is_agency_credit(text: str) -> bool:
    """"With AFP" closing a paper's copy: the agency the copy came from."""
    from newsfuse.ingest.meta import as_agency  # ingest reads articles through the cleaner

    match = WITH_AGENCY.match(text)
    return match is not None and bool(as_agency(match.group("agency").rstrip(".")))


def _is_cookie(text: str) -> bool:
    return bool(COOKIE_PHRASE.search(text) or COOKIE_BUTTON.match(text))


def _paper_credit(text: str) -> bool:
    """A paper's credit to the agency it prints, alone on a line, in English too: "DAILY SABAH WITH AA",
    "Source: Daily Sabah with AA" (as `clean.local` reads "Le Monde avec AFP")."""
    from newsfuse.ingest.meta import credit_line  # ingest reads articles through this package

    return credit_line(text) is not None


def classify(text: str, index: int) -> tuple[str, str]:
    """(reason, detail) for a unit that is noise on its own, ("", "") for one that may be story text.

    `index` is the unit's position: header lines are only looked for among the first ones.
    """
    words = len(text.split())
    if SEPARATOR.match(text):
        return "separator", ""
    if LONE_NUMBER.match(text):
        return "share-widget", "stray count"
    if words <= 12:
        if ADVERTISEMENT.match(text):
            return "advertisement", ""
        if READING_TIME.match(text):
            return "reading-time", ""
        if TRUST.match(text):
            return "trust-badge", ""
        if PLAYER.match(text):
            return "player-widget", ""
        if _is_share_widget(text):
            return "share-widget", ""
        if NAVIGATION.match(text) or BREADCRUMB.match(text):
            return "navigation", ""
    if words <= 120 and _is_cookie(text):
        return "cookie-banner", ""
    if (words <= 40 and SUBSCRIBE.match(text)) or (words <= 30 and PROMPT_ANYWHERE.search(text)):
        return "subscribe-prompt", ""
    if words <= 80 and EDITORS_NOTE.match(text):
        return "editors-note", ""
    if CREDITS_LINE.match(text) or (words <= 4 and _is_agency_credit(text)):
        return "byline", ""
    if words <= 8 and _paper_credit(text):
        return "dateline-header", "credit"
    if words <= 30 and RELATED.match(text):
        return "related-links", ""
    if len(text) <= 300 and COPYRIGHT.search(text):
        return "copyright", ""
    if len(text) <= 300 and _is_distribution(text):
        return "distribution", ""
    if index < 6 and URL_LINE.match(text):
        return "dateline-header", "url"
    if index < 6 and HEADER.match(text):
        return "dateline-header", "header"
    if DATE_LINE.match(text):
        return "dateline-header", "date"
    if _is_byline(text):
        # "— Jane Doe (@jdoe) May 1, 2019" closes an embedded post: its date is not the article's.
        return "byline", "embedded post" if text[:1] in "—–-" else ""
    if _is_caption(text):
        return "caption", ""
    return "", ""


# --- boilerplate sentences inside a paragraph -----------------------------------------------------

def strip_boilerplate_phrases(units: list[Unit]) -> list[Removal]:
    """Cut templated phrases out of story paragraphs; a paragraph of nothing else goes whole."""
    removed: list[Removal] = []
    for unit in units:
        if unit.reason or not has_boilerplate(unit.text):
            continue
        hits = sorted((m.start(), m.end(), reason, detail)
                      for reason, detail, pattern in BOILERPLATE for m in pattern.finditer(unit.text))
        pieces, found, pos = [], [], 0
        for start, end, reason, detail in hits:
            if start < pos:
                continue  # overlaps a phrase already cut
            pieces.append(unit.text[pos:start])
            found.append(Removal(unit.text[start:end], reason, unit.line, detail))
            pos = end
        pieces.append(unit.text[pos:])
        rest = SPACES.sub(" ", " ".join(p.strip() for p in pieces)).strip()
        if re.search(r"\w", rest):
            unit.text = rest
            removed += found
        else:
            unit.reason, unit.detail = found[0].reason, found[0].detail
    return removed


# --- widgets: short lines next to a widget are part of it -----------------------------------------

_WIDGETS = frozenset({"player-widget", "share-widget", "cookie-banner", "navigation"})


def _is_button(text: str) -> bool:
    return len(text) <= 30 and len(text.split()) <= 3 and not text.endswith(".")


def spread_widgets(units: list[Unit]) -> None:
    """"Slow", "Average", "Fast" mean nothing alone but are the player's buttons when they sit,
    with no blank line between, next to "Select Voice"; a lone "X" above a cookie banner closes it."""
    changed = True
    while changed:
        changed = False
        for i, unit in enumerate(units):
            for j in (i - 1, i + 1):
                if not 0 <= j < len(units):
                    continue
                other = units[j]
                adjacent = other.line == unit.end + 1 or unit.line == other.end + 1
                if not adjacent or other.reason not in _WIDGETS:
                    continue
                if not unit.reason and _is_button(unit.text):
                    unit.reason, changed = other.reason, True
                elif (unit.reason == "navigation" and other.reason == "cookie-banner"
                      and CLOSE_BUTTON.match(unit.text)):
                    unit.reason, changed = "cookie-banner", True


# --- datelines ------------------------------------------------------------------------------------

def _is_dateline_source(head: str, paren: str) -> bool:
    """Does the parenthesis name who sent the story? An agency-like name ("Reuters", "UrduPoint
    News / Sputnik - 22nd February, 2023", "РИА Новости"), or initials after a place in capitals
    ("ESTWICK (NWS)", "İZMİR (AA)")."""
    if AGENCY_HINT.search(paren):
        return True
    place, initials = _place(head), paren.strip()
    return 2 <= len(initials) <= 6 and initials.isalpha() and initials.isupper() and len(place) >= 3 and place.isupper()


def _place(head: str) -> str:
    """"LISBOA, 14 mar 2024 (Lusa)" → "LISBOA"."""
    return head.split("(")[0].split(",")[0].strip()


def _capitalised(words: str) -> bool:
    """Every word opens on a capital, or on a letter of a script without case (Arabic, Hebrew)."""
    return all(not word[0].islower() for word in words.split())


def _dateline(text: str, rest: Callable[[], str] = str) -> re.Match[str] | None:
    """A dateline at the start of `text`: a place in capitals or capitalised words, then who sent the
    story in parentheses or a dash, then the story, which starts as a sentence does (no lower case).
    `rest` gives the article's other text (only asked for then): a place in capitals and a bare hyphen ("LAGOS - Heavy rain")
    is a dateline only if the story names the place elsewhere in ordinary case and never in capitals —
    capitals are a dateline's typography, while an acronym ("NATO - Russia talks") keeps its capitals
    wherever the story names it."""
    match = DATELINE_PAREN.match(text)
    if match and not (_capitalised(_place(match.group("head")))
                      and _is_dateline_source(match.group("head"), match.group("paren") or match.group("slashed"))):
        match = None  # "NASA (National Aeronautics ...) Administrator": a parenthesis, not a dateline
    if match is None:
        match = DATELINE_DASH.match(text)
        place, _, after = match.group("head").partition(",") if match else ("", "", "")
        # "WASHINGTON, Jan. 5 —": the place in capitals, the word after its comma capitalised
        if match and not (len(place) >= 3 and place.isupper() and _capitalised(" ".join(after.split()[:1]))
                          and (match.group("dash") != "-" or match.group("dated")
                               or _typographic_capitals(place, rest() + "\n" + text[match.end():]))):
            match = None
    if match and text[match.end():match.end() + 1].islower():
        return None
    return match


def _typographic_capitals(place: str, rest: str) -> bool:
    """The place's capitals are only this line's typography: the story names it elsewhere in ordinary
    case ("Lagos") and never again in capitals."""
    def named(word: str) -> bool:
        return re.search(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])", rest) is not None

    words = place.split()
    return not any(named(w) for w in words) and any(named(w.capitalize()) for w in words)


def strip_dateline(units: list[Unit]) -> Removal | None:
    """Cut "MOSCOW (UrduPoint News / Sputnik - 22nd February, 2023)" off the first body paragraph, and
    a second dateline right after the first ("(ANSA) - ROMA, 14 MAR - ...")."""
    for unit in [u for u in units if not u.reason][:3]:
        heads: list[str] = []

        def rest(unit: Unit = unit) -> str:
            return "\n".join(u.text for u in units if u is not unit)

        while len(heads) < 2 and (match := _dateline(unit.text, rest)):
            heads.append(match.group("head").strip())
            unit.text = unit.text[match.end():]
        if heads:
            return Removal(" ".join(heads), "dateline-header", unit.line, "dateline")
    return None


# --- repeated paragraphs --------------------------------------------------------------------------

_MIN_REPEAT_WORDS = 6  # shorter repeats ("Advertisement", "Fast") are widgets, handled by rule


def _sentences(text: str) -> list[str]:
    import nupunkt

    return [folded for s, _span in nupunkt.sent_spans_with_text(text) if (folded := comparable(s))]


def drop_repeats(units: list[Unit]) -> None:
    """Mark a paragraph every sentence of which an earlier paragraph already gave."""
    seen: dict[str, int] = {}  # a sentence, as compared, and the line it was first given at
    words: set[str] = set()  # every word of the paragraphs so far
    unsplit: list[Unit] = []  # paragraphs whose sentences are not in `seen` yet
    for unit in units:
        if unit.reason:
            continue
        own = set(comparable(unit.text).split())
        # Splitting into sentences is most of this rule's cost, and a paragraph with a word no earlier
        # one has cannot be a repeat: split only when every word was given before.
        if len(unit.text.split()) < _MIN_REPEAT_WORDS or not own <= words:
            unsplit.append(unit)
            words |= own
            continue
        for earlier in unsplit:
            for sentence in _sentences(earlier.text):
                seen.setdefault(sentence, earlier.line)
        unsplit.clear()
        sentences = _sentences(unit.text)
        if sentences and all(s in seen for s in sentences):
            unit.reason, unit.detail = "repeated-paragraph", f"first at line {seen[sentences[0]]}"
            continue
        for sentence in sentences:
            seen.setdefault(sentence, unit.line)
        words |= own

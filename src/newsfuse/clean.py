"""Boilerplate and noise removal: keep the article's own sentences, drop the page around them.

Scraped article text carries the page with it: ad markers, cookie banners (often in another
language), audio-player and share widgets, bylines, copyright and syndication lines, photo
captions, paragraphs repeated by the page template. `clean_article` takes those out and records
each one as a `Removal` with a short reason slug, so nothing is dropped silently.

Precision comes first: a story sentence lost is worse than a widget line kept. Every rule is
anchored on a whole line (or on the start of the first body line, for datelines) and is written
for shapes that real sentences do not take; the one statistical rule (language) runs only on
blocks that a cheap test has already flagged.

The steps, in order:
 1. split the raw text into units (lines; hard-wrapped lines are joined back into paragraphs);
 2. classify each unit by rule (`_classify`), and cut templated boilerplate phrases out of the
    paragraphs that scrapers flattened them into;
 3. mark a masthead among the first lines ("Kessel Courier" under or above the headline), then take
    the first remaining unit as the title when it is one;
 4. find blocks in another language than the article's (cookie banners, mostly);
 5. let short button-like lines next to a widget join it ("Slow", "Fast" under "Select Voice");
 6. strip the dateline prefix from the first body paragraph ("MOSCOW (Sputnik - ...) Japan ...");
 7. drop paragraphs whose every sentence was already said earlier in the article;
 8. join what is left, one blank line between paragraphs.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field

from newsfuse import lang
from newsfuse.types import Article, Removal

# --- units ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Unit:
    line: int  # first raw line (1-based)
    end: int  # last raw line
    text: str
    reason: str = ""
    detail: str = ""


_INVISIBLE = str.maketrans({"\u200b": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
                            "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\t": " "})
_SPACES = re.compile(r" {2,}")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’')\]]$")


def _tidy(line: str) -> str:
    return _SPACES.sub(" ", line.translate(_INVISIBLE)).strip()


def _wrap_width(lines: list[str]) -> int:
    """The column a hard-wrapped text was wrapped at, or 0 when the text is not hard-wrapped.

    Hard-wrapped text has most lines ending close to one width (<= 100 columns); scraped text has
    one line per paragraph, of any length.
    """
    lengths = sorted(len(s) for s in lines if s)
    if len(lengths) < 5 or lengths[-1] > 100:
        return 0
    width = lengths[-1]
    near = sum(n >= 0.8 * width for n in lengths)
    return width if near >= 0.6 * len(lengths) else 0


def _continues(prev: str, nxt: str, width: int) -> bool:
    """Is `nxt` the continuation of the paragraph that `prev` is part of?"""
    first_word = nxt.split(" ", 1)[0]
    if width and len(prev) + 1 + len(first_word) > width - 2:
        return True  # the next word would not have fit on this line: the line was wrapped
    # A line broken mid-sentence: no closing punctuation, and the next goes on in lower case.
    return not _ENDS_SENTENCE.search(prev) and nxt[:1].islower()


def _split_units(text: str) -> list[_Unit]:
    lines = [_tidy(s) for s in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    width = _wrap_width(lines)
    units: list[_Unit] = []
    current: _Unit | None = None
    for number, line in enumerate(lines, 1):
        if not line:
            current = None
            continue
        if current is not None and _continues(current.text, line, width):
            current.text = f"{current.text} {line}"
            current.end = number
        else:
            current = _Unit(number, number, line)
            units.append(current)
    return units


# --- line rules ----------------------------------------------------------------------------------

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = (rf"(?:\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
         rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})")
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC|[A-Z]{2,4}|[+-]\d{2}:?\d{2}))?"
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?"
_STAMP = r"(?:published|updated|posted|last updated|first published|modified)"

_SEPARATOR = re.compile(r"^[\W_]+$")
_LONE_NUMBER = re.compile(r"^\d{1,4}$")
_ADVERTISEMENT = re.compile(
    r"^(?:advertisements?|advert|ads?|sponsored(?: content| links?)?|paid (?:content|post)|promoted(?: content)?|"
    r"(?:the )?(?:story|article) continues (?:below|after (?:this )?(?:advertisement|ad))(?: (?:this )?"
    r"(?:advertisement|ad))?|continue reading (?:the main story|below)|scroll (?:down )?to continue(?: with content)?|"
    r"ad feedback|skip (?:advert|advertisement|ad))[.:]?$", re.I)
_READING_TIME = re.compile(
    r"^(?:(?:estimated )?reading time\s*:?\s*(?:\d+|less than (?:a|one|\d+))\s*(?:min(?:ute)?s?)?|"
    r"(?:less than )?\d+\s*-?\s*min(?:ute)?s?\s+(?:to )?(?:read|listen))\.?$", re.I)
_TRUST = re.compile(r"^(?:why you can trust \S.{0,40}|our standards:.{0,100}|fact[- ]checked(?: by .{0,40})?)$", re.I)
_PLAYER = re.compile(
    r"^(?:select (?:a )?voice|choose (?:your )?(?:listening|playback|reading) speed|"
    r"(?:get through|listen to) (?:articles|stories) \d(?:\.\d+)?x faster|\d(?:\.\d+)?x(?: speed)?|\d{2,3}\s*wpm|"
    r"listen to (?:this|the) (?:article|story)(?: now)?|listen(?: now)?|play(?: audio| article| now)?|pause|"
    r"audio(?: version)?|(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*/\s*(?:\d{1,2}:)?\d{1,2}:\d{2})?|"
    r"your browser does not support the audio element\.?|this audio is (?:auto|ai)[- ]generated.{0,80}|"
    r"playback speed.{0,20}|voices?|speed)$", re.I)
_SHARE_WORDS = frozenset({
    "share", "shares", "sharing", "this", "article", "story", "on", "via", "facebook", "twitter", "x",
    "linkedin", "email", "e-mail", "mail", "whatsapp", "telegram", "reddit", "pinterest", "print",
    "copy", "link", "copied", "tweet", "comments", "comment", "save", "bookmark", "gift", "messenger",
    "flipboard", "url", "the"
})
_SHARE_STRONG = frozenset({
    "share", "facebook", "twitter", "linkedin", "whatsapp", "telegram", "reddit", "pinterest", "tweet",
    "email", "e-mail", "print", "copy", "bookmark", "gift", "flipboard", "messenger", "comments"
})
_NAVIGATION = re.compile(
    r"^(?:home|menu|main menu|skip to (?:main )?(?:content|navigation)|back to top|close|x|×|✕|✖|next|previous|"
    r"prev|next (?:article|story)|previous (?:article|story)|search|sections|log ?in|sign ?in|log ?out|"
    r"toggle navigation|(?:open|close) menu|go to (?:the )?homepage)$", re.I)
_CLOSE_BUTTON = re.compile(r"^(?:x|×|✕|✖|close)$", re.I)
_BREADCRUMB = re.compile(r"^[\w&' -]{1,30}(?:\s+[>»›/|]\s+[\w&' -]{1,30}){2,}$")
_COOKIE_PHRASE = re.compile(
    r"\b(?:we(?: and our partners)? use cookies|(?:this|our) (?:web)?site uses cookies|"
    r"(?:accept|reject|allow|manage|decline)(?: all)? cookies|cookie (?:policy|settings|preferences|notice|consent)|"
    r"by (?:continuing to (?:browse|use)|clicking|using (?:this|our) (?:web)?site)\b.{0,80}\b(?:cookies|privacy|consent)|"
    r"(?:manage|consent) preferences|do not sell my (?:personal )?information|wir verwenden cookies|"
    r"diese (?:web)?seite verwendet cookies|nous utilisons des (?:cookies|témoins)|utilizamos cookies|usamos cookies|"
    r"utilizziamo (?:i )?cookie|wij gebruiken cookies|çerez(?:ler)?(?:i|e)? kullan\w*|çerez politika\w*)", re.I)
# Cookie and consent words of several languages. They mark a banner only in a block that is not in
# the article's language (a German story may well discuss Datenschutz), see `_mark_foreign`.
_COOKIE_WORDS = re.compile(
    r"\b(?:cookies?|çerez\w*|galletas?|datenschutz\w*|consentement|témoins|ciasteczk\w*|evästee\w*|"
    r"informativa|consenso|zustimm\w*|einwillig\w*|akzeptier\w*|aceptar|accepter|accetta\w*|kabul|gizlilik|"
    r"kişisel veri\w*|privacidad|confidentialité|privacy)\b", re.I)
_COOKIE_BUTTON = re.compile(
    r"^(?:accept(?: all)?(?: cookies)?|reject(?: all)?|i agree|agree|got it|manage (?:options|settings|preferences)|"
    r"kabul et|tümünü kabul et|reddet|alle akzeptieren|akzeptieren|ablehnen|tout accepter|accepter|refuser|"
    r"aceptar(?: todo)?|rechazar|accetta(?: tutto)?|rifiuta)$", re.I)
_SUBSCRIBE = re.compile(
    r"^(?:subscribe\b|sign up\b|sign in to\b|log in to\b|register (?:now|for free|to)\b|"
    r"already (?:a subscriber|have an account|registered)\b|get (?:our|the) .{0,50}newsletter|our newsletter\b|"
    r"download (?:our|the) .{0,20}app\b|support (?:our|independent|quality) journalism|"
    r"become a (?:member|subscriber|supporter)|unlock (?:this|unlimited|full)|(?:a )?subscription is required|"
    r"please (?:purchase a subscription|subscribe|log ?in|sign ?in)|you have reached your (?:free )?"
    r"(?:article|story) limit|thank you for (?:reading|signing up)|enjoy unlimited|start your (?:free )?trial|"
    r"create (?:a free|an) account|get (?:breaking news|push notifications)|breaking news emails?)", re.I)
_RELATED = re.compile(
    r"^(?:related(?: (?:articles?|stories|story|coverage|content|topics|news|posts|reading|video))?|read more|"
    r"read also|also read|see also|more from [\w .'&-]{1,40}|more (?:on|about) this(?: story| topic)?|"
    r"recommended(?: for you| stories| reading)?|you (?:may|might) also (?:like|be interested in)|"
    r"most (?:read|popular|viewed|shared)|trending(?: now| stories)?|top stories|read next|up next|"
    r"further reading|what to read next|more stories|latest (?:news|stories)|editor'?s picks?|don'?t miss)"
    r"\s*(?:[:\-–—|»›>].*)?$", re.I)
# "(c) 2023 the Asia News Network", "Copyright 2019 Hawaii News Now. All rights reserved.", but not
# "Copyright law was at the centre of the dispute": the word alone must come with a symbol or a year.
_COPYRIGHT = re.compile(r"^(?:\(c\)|©)|^copyright\b\W{0,3}(?:©|\(c\)|(?:19|20)\d{2})|\ball rights reserved\b", re.I)
_DISTRIBUTION = re.compile(
    r"^(?:this (?:article|story|content) (?:was |is |has been )?(?:originally |first )?(?:published|appeared|"
    r"produced|distributed)\b|(?:originally|first) (?:published|appeared) (?:in|on|by|at)\b|"
    r"(?:republished|reprinted|used) with permission\b|this story has not been edited\b)", re.I)
# "Distributed by Tribune Content Agency, LLC.", but not "Distributed by hand, the leaflets urged ...":
# what follows must be a name.
_DISTRIBUTED_BY = re.compile(
    r"^(?:distributed|syndicated|republished|reprinted|provided|content distributed)\s+(?:by|through)\s+(?P<rest>.+)$",
    re.I)
# " date 2023-02-22 UrduPoint.com", "Source: Xinhua", "Updated: Feb 22, 2023": metadata a scraper
# wrote above the article. Only looked for among the first lines.
_HEADER = re.compile(
    rf"^(?:date\s*:?\s*\d{{4}}-\d{{2}}-\d{{2}}\b.{{0,80}}|(?:date|dated|source|author|filed|{_STAMP})\s*:\s*.{{1,80}})$",
    re.I)
_DATE_LINE = re.compile(
    rf"^(?:{_STAMP}\s*(?:on|at|:)?\s*)?(?:{_WEEKDAY}\s+)?{_DATE}(?:\s*(?:[,|@·-]|at)?\s*{_TIME})?"
    rf"(?:\s*(?:[,|@·-]|at)?\s*{_STAMP}\s*(?:on|at|:)?\s*(?:{_WEEKDAY}\s+)?{_DATE}(?:\s*(?:[,|@·-]|at)?\s*{_TIME})?)?\.?$",
    re.I)
_BYLINE_BY = re.compile(r"^(?:by|written by|reporting by|report by|words by)\s+(?=[A-Z@])(?P<rest>.+)$", re.I)
_BYLINE_STAMP = re.compile(rf"^(?P<who>.{{0,100}}?)\s*\b{_STAMP}\b\s*(?:on|at|:)?\s*(?:{_WEEKDAY}\s+)?{_DATE}(?P<rest>.*)$",
                           re.I)
_HANDLE = re.compile(r"\(@\w{2,}\)|(?:^|\s)@\w{2,}\b")
# Words a byline may hold in lower case; anything else in lower case is a sentence, not a byline.
_BYLINE_LOWER = frozenset({
    "and", "in", "of", "de", "da", "di", "del", "der", "van", "von", "la", "le", "al", "bin", "ibn",
    "by", "for", "with", "staff", "reporter", "writer", "correspondent", "editor", "editing",
    "reporting", "writing", "additional", "contributed", "contributing", "to", "this", "report", "am",
    "pm", "on", "at", "published", "updated", "posted"
})

# A photo credit closing a caption: "(Reuters)", "(AP Photo/Jane Doe)", "(Photo: Getty Images)".
# Agency names are matched in their own case: "(ePA)" in a German sentence is not the EPA agency.
_CREDIT = (r"(?:(?i:photo|photograph|image|picture|pic|credit|file|handout|pool|courtesy)|Reuters|REUTERS|AP|AFP|"
           r"Getty(?: Images)?|EPA(?:-EFE)?|EFE|Xinhua|XINHUA|Kyodo|KYODO|Bloomberg|Anadolu(?: Agency)?|Yonhap|"
           r"Shutterstock|Alamy|PA(?: Media| Wire)?|AAP|ANI|PTI|IANS|Bernama|TASS|Sputnik|ZUMA|Zuma|SIPA|Sipa|"
           r"Imago|IMAGO|dpa|NurPhoto|SOPA)")
_CAPTION_CREDIT_END = re.compile(rf"\((?:[^()]{{0,40}}\b)?{_CREDIT}\b[^()]{{0,60}}\)\s*$")
_PHOTO_WORD = re.compile(r"photo|image|picture|credit|file|handout|pool|courtesy|getty|shutterstock|alamy", re.I)
_CAPTION_PREFIX = re.compile(
    r"^(?:(?:photo|image|picture|caption|file photo|pictured|main image|image caption|media caption|"
    r"image copyright|photo credit)\s*[:|—–-]|FILE\s*[-–—]\s|enlarge this image|toggle caption|hide caption)", re.I)
_CAPTION_SUFFIX = re.compile(
    r"(?:\b(?:photo|image|picture)s?\s*(?:by|:|/|credit:)\s*[^.]{1,60}|[/|]\s*(?:getty images|afp|reuters|ap|epa|"
    r"bloomberg|shutterstock)[^.]{0,30}|\bvia getty images|\bgetty images)\s*$", re.I)
_POSITIONAL = re.compile(
    r"\b(?:(?:second|third|fourth) )?from (?:left|right)\b|\((?:l|r|c|left|right|cent(?:re|er)|top|bottom|front|back)\)"
    r"|\b(?:left|right|cent(?:re|er)),|\bpictured\b|\bin this (?:photo|image|picture|file photo)\b", re.I)

_WORDS = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def _lower_words(text: str) -> int:
    """How many words of `text` start in lower case and are not words a byline may hold."""
    return sum(1 for w in _WORDS.findall(text) if w[:1].islower() and w.lower() not in _BYLINE_LOWER)


def _is_share_widget(text: str) -> bool:
    tokens = re.findall(r"[a-z]+(?:-[a-z]+)?|\d+", text.lower())
    return (0 < len(tokens) <= 12 and all(t in _SHARE_WORDS or t.isdigit() for t in tokens)
            and any(t in _SHARE_STRONG for t in tokens))


def _is_byline(text: str) -> bool:
    if len(text) > 200:
        return False
    match = _BYLINE_BY.match(text)
    if match:
        rest = match.group("rest")
        return len(rest.split()) <= 16 and _lower_words(rest) == 0
    match = _BYLINE_STAMP.match(text)
    if match and match.group("who").strip(" |·-,") and len(match.group("rest")) <= 40:
        return _lower_words(match.group("who")) == 0
    return bool(_HANDLE.search(text)) and len(text) <= 120 and _lower_words(text) == 0


def _is_distribution(text: str) -> bool:
    if _DISTRIBUTION.match(text):
        return True
    match = _DISTRIBUTED_BY.match(text)
    return match is not None and len(match.group("rest").split()) <= 10 and _lower_words(match.group("rest")) == 0


def _is_caption(text: str) -> bool:
    if len(text) > 400:
        return False
    if _CAPTION_PREFIX.match(text) or _CAPTION_SUFFIX.search(text):
        return True
    credit = _CAPTION_CREDIT_END.search(text)
    if not credit:
        return False
    before = text[:credit.start()].rstrip()
    # "(AP Photo/...)" is a photo credit wherever it is; a bare agency name closing a line is one when
    # no sentence ends before it (captions often have no full stop) or the line places people in a frame.
    return bool(_PHOTO_WORD.search(credit.group(0)) or not re.search(r"[.!?\"”]$", before)
                or _POSITIONAL.search(before))


def _is_cookie(text: str) -> bool:
    return bool(_COOKIE_PHRASE.search(text) or _COOKIE_BUTTON.match(text))


def _classify(text: str, index: int) -> tuple[str, str]:
    """(reason, detail) for a unit that is noise on its own, ("", "") for one that may be story text.

    `index` is the unit's position: header lines are only looked for among the first ones.
    """
    words = len(text.split())
    if _SEPARATOR.match(text):
        return "separator", ""
    if _LONE_NUMBER.match(text):
        return "share-widget", "stray count"
    if words <= 12:
        if _ADVERTISEMENT.match(text):
            return "advertisement", ""
        if _READING_TIME.match(text):
            return "reading-time", ""
        if _TRUST.match(text):
            return "trust-badge", ""
        if _PLAYER.match(text):
            return "player-widget", ""
        if _is_share_widget(text):
            return "share-widget", ""
        if _NAVIGATION.match(text) or _BREADCRUMB.match(text):
            return "navigation", ""
    if words <= 120 and _is_cookie(text):
        return "cookie-banner", ""
    if words <= 40 and _SUBSCRIBE.match(text):
        return "subscribe-prompt", ""
    if words <= 30 and _RELATED.match(text):
        return "related-links", ""
    if len(text) <= 300 and _COPYRIGHT.search(text):
        return "copyright", ""
    if len(text) <= 300 and _is_distribution(text):
        return "distribution", ""
    if index < 6 and _HEADER.match(text):
        return "dateline-header", "header"
    if _DATE_LINE.match(text):
        return "dateline-header", "date"
    if _is_byline(text):
        # "— Jane Doe (@jdoe) May 1, 2019" closes an embedded post: its date is not the article's.
        return "byline", "embedded post" if text[:1] in "—–-" else ""
    if _is_caption(text):
        return "caption", ""
    return "", ""


# --- boilerplate sentences inside a paragraph ------------------------------------------------------

# Templated page furniture that scrapers flatten into the story's paragraphs, where no line rule can
# see it: the text around embedded posts, web-archive wrappers, newsletter and account prompts, video
# players. Each pattern is the whole templated phrase, so exactly it is cut and the story text run
# into it stays ("Please enable JavaScript to watch this video all Los Angeles schools will reopen").
_BOILERPLATE_PHRASES: list[tuple[str, str, str]] = [
    ("share-widget", "embedded post",
     r"tweet with a location\s+you can add location information to your tweets, such as your city or precise "
     r"location, from the web and via third-party applications\.|you always have the option to delete your tweet "
     r"location history\.(?:\s+learn more\b\.?)?|add a location to your tweets\s+when you tweet with a location, "
     r"twitter stores that location\.|you can switch location on/off before each tweet and always have the option "
     r"to delete your location history\.(?:\s+learn more\b\.?)?"),
    ("navigation", "web archive notice",
     r"these crawls are part of an effort to archive pages as they are created and archive the pages that they "
     r"refer to\.|that way, as the pages that are referenced are changed or taken from the web, a link to the "
     r"version that was live when the page was written will be preserved\.(?:\s*then the internet archive hopes "
     r"[^.]{0,300}\.)?|crawls of supported \W*no more 404\W* sites\.|starting in 1996, alexa internet has been "
     r"donating their crawl data to the internet archive\.|flowing in every day, these data are added to the "
     r"wayback machine after an embargo period\.|focused crawls are collections of frequently-updated webcrawl "
     r"data from narrow \(\s*as opposed to broad or wide\s*\) web crawls, often focused on a single domain or "
     r"subdomain\.|then the internet archive hopes that references to these archived pages [^.]{0,250}(?:\.|$)|"
     r"the goal is to fix all broken links on the web(?:\.|$)|this is a set of web collections curated by [^.]{1,80} "
     r"using the archive-it service of the internet archive\."),
    ("navigation", "site notice",
     r"we've detected that javascript is disabled in your browser\.(?:\s+would you like to proceed to legacy "
     r"twitter\?(?:\s+yes\b)?)?|please enable javascript to watch this video\b|our site may be experiencing "
     r"technical difficulties, or we may be working to enhance this feature\.(?:\s+please click the link below to "
     r"try another feature\.)?"),
    ("subscribe-prompt", "",
     r"breaking news emails\s+get breaking news alerts and special reports\.|the news and stories that matter, "
     r"delivered weekday mornings\.|we have sent you a verification email\.|please check your email and click on "
     r"the link to activate your (?:[\w.-]+ )?profile\.|if you do not receive the verification message within a "
     r"few minutes of signing up, please check your spam or junk folder\.(?:\s+close\b)?|your notification has been "
     r"saved\.|there was a problem saving your notification\.|whenever [\w .'-]{1,40} posts new content, you ?' ?ll "
     r"get an email delivered to your inbox with a link\.|email notifications are only sent once a day, and only if "
     r"there are new matching items\.|sign up\s+thank you for signing up!(?:\s+sign up for more newsletters here\b)?|"
     r"this will appear next to all of your comments\s+this will not appear anywhere on newser\b|thank you for "
     r"reading\.\s+please purchase a subscription to continue reading\.|a subscription is required to continue "
     r"reading\.|thank you for reading \d+ free articles on [\w.-]+\."),
    ("copyright", "",
     r"dow jones reprints: this copy is for your personal, non-commercial use only\.|to order presentation-ready "
     r"copies for distribution to your colleagues, clients or customers, use the order reprints tool at the bottom "
     r"of any article or visit www\.djreprints\.com\.?"),
    ("subscribe-prompt", "",
     r"(?:close )?get email notifications on [\w .'-]{1,40} daily!|get daily updates directly to your inbox\s*\+?\s*"
     r"subscribe\s*thank you for subscribing!?(?:\s*see our privacy notice)?\s*could not subscribe, try again later\s*"
     r"invalid email\b"),
    ("caption", "caption label",
     r"image copyright [\w /.,&'-]{1,60}? image caption\b|(?<!social )media caption\b"),
    ("navigation", "page label",
     r"this article is over \d+ (?:years?|months?) old\b|^story highlights\b"),
    ("advertisement", "", r"\b(?:photo )?advertisement continue reading the main story\b"),
    ("cookie-banner", "", r"please enable cookies on your web browser in order to continue\."),
    ("player-widget", "",
     r"media playback is unsupported on your device\b|rating is available when the video has been rented\.|"
     r"this feature is not available right now\.(?:\s+please try again later\.)?|"
     r"play facebook twitter (?:google plus )?embed\b"),
]
_BOILERPLATE = [(reason, detail, re.compile(pattern, re.I)) for reason, detail, pattern in _BOILERPLATE_PHRASES]
_ANY_BOILERPLATE = re.compile("|".join(f"(?:{p})" for _, _, p in _BOILERPLATE_PHRASES), re.I)


def _strip_boilerplate_phrases(units: list[_Unit]) -> list[Removal]:
    """Cut templated phrases out of story paragraphs; a paragraph of nothing else goes whole."""
    removed: list[Removal] = []
    for unit in units:
        if unit.reason or not _ANY_BOILERPLATE.search(unit.text):
            continue
        hits = sorted((m.start(), m.end(), reason, detail)
                      for reason, detail, pattern in _BOILERPLATE for m in pattern.finditer(unit.text))
        pieces, found, pos = [], [], 0
        for start, end, reason, detail in hits:
            if start < pos:
                continue  # overlaps a phrase already cut
            pieces.append(unit.text[pos:start])
            found.append(Removal(unit.text[start:end], reason, unit.line, detail))
            pos = end
        pieces.append(unit.text[pos:])
        rest = _SPACES.sub(" ", " ".join(p.strip() for p in pieces)).strip()
        if re.search(r"\w", rest):
            unit.text = rest
            removed += found
        else:
            unit.reason, unit.detail = found[0].reason, found[0].detail
    return removed


# --- title ---------------------------------------------------------------------------------------


def _comparable(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return " ".join(re.findall(r"\w+", text))


_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def _looks_like_title(text: str) -> bool:
    words = text.split()
    return (3 <= len(words) <= 30 and len(text) <= 250 and not re.search(r"[.,;:]$", text)
            and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"))


_MOVED_TO_TITLE = "moved-to-title"  # a unit taken out of the body into `title`: not noise, not recorded


def _take_title(units: list[_Unit], title: str) -> str:
    """Find the title among the first units; returns the article's title (the given one, if any)."""
    kept = [u for u in units if not u.reason]
    if not kept:
        return title
    first = kept[0]
    if title:
        if _same_title(first.text, title):
            first.reason, first.detail = "title", "repeats the title"
        return title
    if len(kept) > 1 and _looks_like_title(first.text):
        first.reason = _MOVED_TO_TITLE
        return first.text
    return title


def _same_title(line: str, title: str) -> bool:
    """The page's title, give or take a site name tacked on ("Floods hit Lowmere | The Valley Post")."""
    a, b = _comparable(line), _comparable(title)
    if not a or not b:
        return False
    return a == b or ((a.startswith(b) or b.startswith(a)) and min(len(a), len(b)) >= 0.6 * max(len(a), len(b)))


# --- masthead ------------------------------------------------------------------------------------

# Words publications are named by. A masthead ends in one ("Kessel Courier", "The Valley Post"), or is
# headed by one that takes "of" ("Times of Malta"); a few lead a name ("Daily Sabah", "Radio Canada").
_PUBLICATION_WORDS = frozenset({
    "courier", "herald", "times", "post", "news", "journal", "tribune", "gazette", "gazeta", "daily", "chronicle",
    "press", "observer", "guardian", "telegraph", "mail", "express", "standard", "star", "record", "review",
    "monitor", "bulletin", "dispatch", "examiner", "inquirer", "enquirer", "ledger", "register", "sentinel",
    "leader", "radio", "tv", "television", "broadcasting", "agency", "wire", "online", "today", "weekly",
    "magazine", "reporter", "sun", "mirror", "globe", "independent", "telegram", "argus", "advertiser",
    "democrat", "republican", "beacon", "clarion", "courant", "eagle", "free press", "newspaper", "network",
    "channel", "insider", "digest", "quarterly", "week", "herald-tribune", "post-gazette", "journal-constitution",
    "statesman", "citizen", "nation", "tidende", "zeitung", "tageblatt", "allgemeine", "monde", "figaro", "pais",
    "corriere", "repubblica", "stampa", "gazzetta", "noticias", "diario", "correio", "folha", "jornal", "shimbun",
    "ilbo", "sabah", "hurriyet", "pravda", "izvestia", "wyborcza", "kurier", "dagbladet", "nyheter", "blad",
})
_LEADING_PUBLICATION_WORDS = frozenset({"daily", "weekly", "radio", "tv", "television", "agence", "agencia",
                                        "diario", "jornal", "gazeta", "corriere", "folha"})
# Topics a page's sections are named by: a line of such words, with "News" or none, is a section label
# ("World News", "Breaking News", "Latest"), not who publishes the page.
_SECTION_TOPICS = frozenset({
    "world", "local", "national", "international", "regional", "business", "sport", "sports", "breaking", "latest",
    "top", "entertainment", "politics", "political", "tech", "technology", "science", "health", "opinion", "us",
    "u.s.", "uk", "europe", "european", "asia", "africa", "americas", "middle", "east", "money", "finance",
    "financial", "markets", "weather", "lifestyle", "travel", "arts", "culture", "metro", "city", "crime",
    "education", "environment", "video", "photo", "photos", "live", "more", "related", "global", "domestic",
    "foreign", "front", "page", "home", "main", "editorial", "community", "celebrity", "showbiz", "film", "movie",
    "movies", "music", "releases", "release", "auto", "autos", "cars", "real", "estate", "property", "food",
    "style", "fashion", "people", "obituaries", "letters", "features", "feature", "analysis", "comment",
    "commentary", "blog", "blogs", "podcast", "podcasts", "newsletter", "newsletters", "stories", "story",
    "headlines", "trending", "popular", "recent", "today's", "this", "week's", "weekend", "morning", "evening",
})
_SECTION_GLUE = frozenset({"news", "the", "and", "&", "of"})
_NAME_JOINERS = frozenset({"of", "the", "and", "&", "de", "la", "le", "du", "des", "del", "di", "al", "el", "for",
                           "on", "in", "am", "an"})
_MASTHEAD_DATE = re.compile(rf"{_DATE}|{_TIME}|\b{_MONTH}\s+\d|\d\s*{_MONTH}\b|\b(?:19|20)\d{{2}}\b", re.I)


def _agency_names() -> frozenset[str]:
    from newsfuse.ingest.meta import AGENCY_NAMES

    return AGENCY_NAMES


def _name_key(text: str) -> str:
    """"The Valley Post" → "valleypost": how a name is written in a host name."""
    words = re.findall(r"[^\W_]+", text.casefold())
    if words[:1] == ["the"]:
        words = words[1:]
    return "".join(words)


def _host_keys(host: str) -> set[str]:
    """"www.valleypost.co.uk" → {"valleypost"}; "articles.latimes.com" → {"articles", "latimes"}."""
    labels = [label for label in host.casefold().removeprefix("www.").split(".") if label]
    names = labels[:-1] if len(labels) > 1 else labels
    while len(names) > 1 and len(names[-1]) <= 3 and names[-1] in {"co", "com", "org", "net", "ac", "gov", "ne", "or"}:
        names = names[:-1]  # "co" of ".co.uk"
    return {re.sub(r"[^0-9a-z]", "", label) for label in names} - {""}


def _masthead_shape(text: str) -> list[str]:
    """The words of a line shaped like a name (1-5 words in title case or capitals, no sentence end, no
    date, no byline), else []."""
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 60 or re.search(r"[.!?:;,\"“”]$", text):
        return []
    if _BYLINE_BY.match(text) or _MASTHEAD_DATE.search(text) or _HANDLE.search(text):
        return []
    if any(not re.search(r"[^\W\d_]", w) and w not in {"&", "-", "–", "|"} for w in words):
        return []  # a bare number or symbol: a counter or a widget, not a name
    for position, word in enumerate(words):
        if word in {"&", "-", "–", "|"}:
            continue
        if word.lower() in _NAME_JOINERS and position > 0:
            continue
        if not (word[:1].isupper() or word[:1].isdigit() or (word[:1] in "'‘" and word[1:2].isupper())):
            return []
    return [w.strip("'’‘()").lower() for w in words if w not in {"&", "-", "–", "|"}]


def _is_masthead(text: str, host_keys: set[str]) -> bool:
    """Is this short line the name of the publication? Shaped like a name, and a publication's name:
    it ends in a word publications are named by (or is headed by one), or is how the page's host
    name writes it ("Valley Post" on valleypost.com), or is a news agency. Not a section label."""
    words = _masthead_shape(text)
    if not words:
        return False
    key = _name_key(text)
    if key and key in host_keys and len(key) >= 4:
        return True
    if text.strip().casefold().removeprefix("the ") in _agency_names():
        return True
    if all(w in _SECTION_TOPICS or w in _SECTION_GLUE for w in words) and any(w in _SECTION_TOPICS for w in words):
        return False  # "World News", "Breaking News", "Local Radio": a section of the page
    last, first = words[-1], words[0] if words[0] != "the" else (words[1] if len(words) > 1 else "")
    named_by = (last in _PUBLICATION_WORDS or " ".join(words[-2:]) in _PUBLICATION_WORDS
                or first in _LEADING_PUBLICATION_WORDS
                or (first in _PUBLICATION_WORDS and len(words) >= 3 and "of" in words[1:3]))
    return named_by and len(words) >= 2


def masthead_name(text: str) -> str:
    """`text` when it is shaped like a name (a logo's alt text "Kessel Courier", "The Valley Post
    logo" → "The Valley Post"), else "": markup already says the element is the masthead."""
    text = re.sub(r"^(?:large|small)\s+|\s+(?:logo|home(?:page)?|masthead)$", "", text.strip(), flags=re.I)
    generic = {"logo", "home", "brand", "menu", "site", "homepage", "masthead", "search", "site logo"}
    return text if _masthead_shape(text) and len(text) >= 3 and text.casefold() not in generic else ""


_MASTHEAD_LOOKAHEAD = 4  # the masthead sits among the first units, around the headline


def _mark_masthead(units: list[_Unit], title: str, host: str) -> None:
    """Mark the masthead among the article's first lines, before its body starts. A name-shaped line
    that is the article's first line and has no headline beside it is the headline itself, unless it
    is how the page's host writes its name."""
    keys = _host_keys(host) if host else set()
    kept = [u for u in units[:_MASTHEAD_LOOKAHEAD + 2] if not u.reason]
    for position, unit in enumerate(kept[:_MASTHEAD_LOOKAHEAD]):
        if title and _same_title(unit.text, title):
            continue  # the headline, repeated
        if _is_masthead(unit.text, keys):
            beside_headline = bool(title) or position > 0 or (
                len(kept) > position + 1 and _looks_like_title(kept[position + 1].text))
            if beside_headline or _name_key(unit.text) in keys:
                unit.reason, unit.detail = "masthead", ""
            return
        if position > 0 or not _looks_like_title(unit.text):
            return  # the body has started: a name-shaped line further down is not a masthead


# --- language ------------------------------------------------------------------------------------

_MIN_FOREIGN_WORDS = 5
_FOREIGN_CONFIDENCE = 0.7  # fastText lite: Turkish/German/Spanish banners score 0.9+, short English 0.5+


def _article_language(units: list[_Unit]) -> str:
    sample = " ".join(u.text for u in units if not u.reason)
    if not sample:
        return ""
    code, _score = lang.detect(sample)
    return code


def _mark_foreign(units: list[_Unit], language: str) -> None:
    """Mark blocks in another language than the article's; name cookie banners found among them.

    In an English article any other language goes; in another language's article only English
    blocks (boilerplate) do: the lite model confuses close languages (Hindi/Marathi, Czech/Slovak)
    too often to judge those.
    """
    for unit in units:
        if unit.reason == "cookie-banner":
            code, _ = lang.detect(unit.text)
            unit.detail = code
            continue
        if unit.reason or len(unit.text.split()) < _MIN_FOREIGN_WORDS:
            continue
        latin = lang.latin_share(unit.text) >= 0.7
        if latin and _lower_share(unit.text) < 0.5:
            continue  # names and places ("Aug. 2 -- Pepsi Center, Denver, CO"): no language to tell
        english_like = latin and lang.english_share(unit.text) >= 0.15
        # English prose is ~40% function words and Latin script: only the rest is worth a model call.
        if english_like == (language == "en"):
            continue
        code, score = lang.detect(unit.text)
        if code and code != language and score >= _FOREIGN_CONFIDENCE and (language == "en" or code == "en"):
            unit.reason, unit.detail = "foreign-language", code
    # A foreign block with consent words is a cookie banner, and so are the foreign blocks around it.
    for unit in units:
        if unit.reason == "foreign-language" and _COOKIE_WORDS.search(unit.text):
            unit.reason = "cookie-banner"
    for i, unit in enumerate(units):
        if unit.reason == "foreign-language" and _in_cookie_run(units, i):
            unit.reason = "cookie-banner"


def _lower_share(text: str) -> float:
    words = [w for w in _WORDS.findall(text) if w[:1].isalpha()]
    return sum(w[:1].islower() for w in words) / len(words) if words else 0.0


def _in_cookie_run(units: list[_Unit], i: int) -> bool:
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(units) and units[j].reason in {"foreign-language", "cookie-banner"}:
            if units[j].reason == "cookie-banner":
                return True
            j += step
    return False


# --- widgets: short lines next to a widget are part of it ------------------------------------------

_WIDGETS = frozenset({"player-widget", "share-widget", "cookie-banner", "navigation"})


def _is_button(text: str) -> bool:
    return len(text) <= 30 and len(text.split()) <= 3 and not text.endswith(".")


def _spread_widgets(units: list[_Unit]) -> None:
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
                      and _CLOSE_BUTTON.match(unit.text)):
                    unit.reason, changed = "cookie-banner", True


# --- datelines -----------------------------------------------------------------------------------

_AGENCY_HINT = re.compile(
    r"\b(?:news|reuters|ap|afp|xinhua|sputnik|kyodo|tass|ians|pti|ani|bernama|yonhap|upi|bloomberg|cnn|dpa|efe|"
    r"press|agency|times|post|wire|service|network|agencies)\b|\.com\b", re.I)
_DATELINE_PAREN = re.compile(
    r"^(?P<head>(?:[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3}(?:,\s*[^()\n]{1,30}?)?\s*)?\((?P<paren>[^()]{1,100})\))"
    r"\s*(?:[-—–]{1,2}|:)?\s*(?=[A-Z\"“‘'0-9])")
_DATELINE_DASH = re.compile(r"^(?P<head>[A-Z][A-Z'’.\-]{2,}(?:\s+[A-Z][A-Z'’.\-]+){0,3}(?:,\s*[A-Z][\w.]*(?:\s+[\w.]+){0,2})?)"
                            r"\s+(?:[—–]|--)\s*(?=[A-Z\"“‘'0-9])")


def _is_dateline_source(head: str, paren: str) -> bool:
    """Does the parenthesis name who sent the story? An agency-like name ("Reuters", "UrduPoint
    News / Sputnik - 22nd February, 2023"), or an acronym after a place in capitals ("ESTWICK (NWS)")."""
    if _AGENCY_HINT.search(paren):
        return True
    place = head.split(",")[0].strip()
    return bool(re.fullmatch(r"[A-Z]{2,6}", paren.strip()) and len(place) >= 3 and place.isupper())


def _strip_dateline(units: list[_Unit]) -> Removal | None:
    """Cut "MOSCOW (UrduPoint News / Sputnik - 22nd February, 2023)" off the first body paragraph."""
    for unit in [u for u in units if not u.reason][:3]:
        match = _DATELINE_PAREN.match(unit.text)
        if match and not _is_dateline_source(match.group("head"), match.group("paren")):
            match = None  # "NASA (National Aeronautics ...) Administrator": a parenthesis, not a dateline
        match = match or _DATELINE_DASH.match(unit.text)
        if match:
            head = match.group("head").strip()
            unit.text = unit.text[match.end():]
            return Removal(head, "dateline-header", unit.line, "dateline")
    return None


# --- repeated paragraphs -------------------------------------------------------------------------

_MIN_REPEAT_WORDS = 6  # shorter repeats ("Advertisement", "Fast") are widgets, handled by rule


def _sentences(text: str) -> list[str]:
    import nupunkt

    return [_comparable(s) for s, _span in nupunkt.sent_spans_with_text(text) if _comparable(s)]


def _drop_repeats(units: list[_Unit]) -> None:
    seen: dict[str, int] = {}
    for unit in units:
        if unit.reason:
            continue
        sentences = _sentences(unit.text)
        if len(unit.text.split()) >= _MIN_REPEAT_WORDS and sentences and all(s in seen for s in sentences):
            unit.reason, unit.detail = "repeated-paragraph", f"first at line {seen[sentences[0]]}"
            continue
        for sentence in sentences:
            seen.setdefault(sentence, unit.line)


# --- the whole --------------------------------------------------------------------------------------

_BULLET = re.compile(r"^[-–•*·▪►]\s+(?=\S+\s+\S)")


@dataclass(slots=True)
class Cleaned:
    text: str
    title: str
    language: str
    removed: list[Removal] = field(default_factory=list)


def clean_text(text: str, title: str = "", host: str = "") -> Cleaned:
    """Clean one article's raw text. `title`, when known, is dropped from the top of the body; `host`
    (the page's host name, when known) helps tell its masthead."""
    units = _split_units(text)
    for index, unit in enumerate(units):
        unit.reason, unit.detail = _classify(unit.text, index)
    in_paragraphs = _strip_boilerplate_phrases(units)
    _mark_masthead(units, title, host)
    title = _take_title(units, title)
    language = _article_language(units)
    _mark_foreign(units, language)
    _spread_widgets(units)
    removed = in_paragraphs + [Removal(u.text, u.reason, u.line, u.detail) for u in units
                               if u.reason and u.reason != _MOVED_TO_TITLE]
    dateline = _strip_dateline(units)
    if dateline:
        removed.append(dateline)
    _drop_repeats(units)
    removed += [Removal(u.text, u.reason, u.line, u.detail) for u in units if u.reason == "repeated-paragraph"]
    removed.sort(key=lambda r: r.line)  # stable: a dateline stays before the rest of its line's story
    body = "\n\n".join(_BULLET.sub("", u.text) for u in units if not u.reason)
    return Cleaned(body, title, language, removed)


def clean_article(article: Article) -> Article:
    """A new Article: `text` cleaned, `title` filled from the first line when it is one, `removed`
    extended with what was taken out (in the order it appeared), `language` detected when unset."""
    from newsfuse.ingest.meta import host_of  # ingest reads articles through this module

    cleaned = clean_text(article.text, article.title, host_of(article.url))
    return dataclasses.replace(article, text=cleaned.text, title=cleaned.title,
                               language=article.language or cleaned.language,
                               removed=[*article.removed, *cleaned.removed])

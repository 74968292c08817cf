"""The cleaner's tables: the line shapes, phrases and words that mark page furniture.

Regular expressions and word sets only (ad markers, player and share widgets, cookie banners,
bylines, captions, copyright and syndication lines, templated phrases flattened into paragraphs, the
words publications and page sections are named by, dateline shapes). Kept apart from the rules that
apply them (`clean.rules`, `clean.masthead`, `clean.language`) so that a new pattern is added
without reading the engine, and the engine is read without scrolling past the tables.
"""

from __future__ import annotations

import re

from newsfuse.langdata.agencies import AGENCIES

# --- line rules -----------------------------------------------------------------------------------

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = (rf"(?:\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
         rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})")
# A time and its zone: "2:18 PM GMT+2", "5:48 pm GMT+3", "11:30 CET", "09:00 +05:30"
_TIME = (r"\d{1,2}[:.] ?\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?"
         r"(?:\s*(?:(?:GMT|UTC)(?:[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{2,4}|[+-]\d{2}:?\d{2}))?")
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?"
_STAMP = r"(?:published|updated|posted|last updated|first published|modified)"

SEPARATOR = re.compile(r"^[\W_]+$")
LONE_NUMBER = re.compile(r"^\d{1,4}$")
ADVERTISEMENT = re.compile(
    r"^(?:advertisements?|advert|ads?|sponsored(?: content| links?)?|paid (?:content|post)|promoted(?: content)?|"
    r"(?:the )?(?:story|article) continues (?:below|after (?:this )?(?:advertisement|ad))(?: (?:this )?"
    r"(?:advertisement|ad))?|continue reading (?:the main story|below)|scroll (?:down )?to continue(?: with content)?|"
    r"ad feedback|skip (?:advert|advertisement|ad))[.:]?$", re.I)
READING_TIME = re.compile(
    r"^(?:(?:estimated )?reading time\s*:?\s*(?:\d+|less than (?:a|one|\d+))\s*(?:min(?:ute)?s?)?|"
    r"(?:less than )?\d+\s*-?\s*min(?:ute)?s?\s+(?:to )?(?:read|listen))\.?$", re.I)
TRUST = re.compile(r"^(?:why you can trust \S.{0,40}|our standards:.{0,100}|fact[- ]checked(?: by .{0,40})?)$", re.I)
PLAYER = re.compile(
    r"^(?:select (?:a )?voice|choose (?:your )?(?:listening|playback|reading) speed|"
    r"(?:get through|listen to) (?:articles|stories) \d(?:\.\d+)?x faster|\d(?:\.\d+)?x(?: speed)?|\d{2,3}\s*wpm|"
    r"listen to (?:this|the) (?:article|story)(?: now)?|listen(?: now)?|play(?: audio| article| now)?|pause|"
    r"audio(?: version)?|(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\s*/\s*(?:\d{1,2}:)?\d{1,2}:\d{2})?|"
    r"your browser does not support the audio element\.?|this audio is (?:auto|ai)[- ]generated.{0,80}|"
    r"playback speed.{0,20}|voices?|speed)$", re.I)
SHARE_WORDS = frozenset({
    "share", "shares", "sharing", "this", "article", "story", "on", "via", "facebook", "twitter", "x",
    "linkedin", "email", "e-mail", "mail", "whatsapp", "telegram", "reddit", "pinterest", "print",
    "copy", "link", "copied", "tweet", "comments", "comment", "save", "bookmark", "gift", "messenger",
    "flipboard", "url", "the"
})
SHARE_STRONG = frozenset({
    "share", "facebook", "twitter", "linkedin", "whatsapp", "telegram", "reddit", "pinterest", "tweet",
    "email", "e-mail", "print", "copy", "bookmark", "gift", "flipboard", "messenger", "comments"
})
NAVIGATION = re.compile(
    r"^(?:home|menu|main menu|skip to (?:main )?(?:content|navigation)|back to top|close|x|×|✕|✖|next|previous|"
    r"prev|next (?:article|story)|previous (?:article|story)|search|sections|log ?in|sign ?in|log ?out|"
    r"toggle navigation|(?:open|close) menu|go to (?:the )?homepage)$", re.I)
CLOSE_BUTTON = re.compile(r"^(?:x|×|✕|✖|close)$", re.I)
BREADCRUMB = re.compile(r"^[\w&' -]{1,30}(?:\s+[>»›/|]\s+[\w&' -]{1,30}){2,}$")
COOKIE_PHRASE = re.compile(
    r"\b(?:we(?: and our partners)? use cookies|(?:this|our) (?:web)?site uses cookies|"
    r"(?:accept|reject|allow|manage|decline)(?: all)? cookies|cookie (?:policy|settings|preferences|notice|consent)|"
    r"by (?:continuing to (?:browse|use)|clicking|using (?:this|our) (?:web)?site)\b.{0,80}\b(?:cookies|privacy|consent)|"
    r"(?:manage|consent) preferences|do not sell my (?:personal )?information|wir verwenden cookies|"
    r"diese (?:web)?seite verwendet cookies|nous utilisons des (?:cookies|témoins)|utilizamos cookies|usamos cookies|"
    r"utilizziamo (?:i )?cookie|wij gebruiken cookies|çerez(?:ler)?(?:i|e)? kullan\w*|çerez politika\w*)", re.I)
# Cookie and consent words of several languages. They mark a banner only in a block that is not in
# the article's language (a German story may well discuss Datenschutz), see `mark_foreign`.
COOKIE_WORDS = re.compile(
    r"\b(?:cookies?|çerez\w*|galletas?|datenschutz\w*|consentement|témoins|ciasteczk\w*|evästee\w*|"
    r"informativa|consenso|zustimm\w*|einwillig\w*|akzeptier\w*|aceptar|accepter|accetta\w*|kabul|gizlilik|"
    r"kişisel veri\w*|privacidad|confidentialité|privacy)\b", re.I)
COOKIE_BUTTON = re.compile(
    r"^(?:accept(?: all)?(?: cookies)?|reject(?: all)?|i agree|agree|got it|manage (?:options|settings|preferences)|"
    r"kabul et|tümünü kabul et|reddet|alle akzeptieren|akzeptieren|ablehnen|tout accepter|accepter|refuser|"
    r"aceptar(?: todo)?|rechazar|accetta(?: tutto)?|rifiuta)$", re.I)
SUBSCRIBE = re.compile(
    r"^(?:subscribe\b|sign up\b|sign in to\b|log in to\b|register (?:now|for free|to)\b|"
    r"already (?:a subscriber|have an account|registered)\b|get (?:our|the) .{0,50}newsletter|our newsletter\b|"
    r"download (?:our|the) .{0,20}app\b|support (?:our|independent|quality) journalism|"
    r"become a (?:member|subscriber|supporter)|unlock (?:this|unlimited|full)|(?:a )?subscription is required|"
    r"please (?:purchase a subscription|subscribe|log ?in|sign ?in)|you have reached your (?:free )?"
    r"(?:article|story) limit|thank you for (?:reading|signing up)|enjoy unlimited|start your (?:free )?trial|"
    r"create (?:a free|an) account|get (?:breaking news|push notifications)|breaking news emails?|"
    # "Got a confidential news tip? We want to hear from you.": the newsroom asking for tips
    r"(?:got|have you got|do you have) a (?:confidential )?(?:news )?(?:tip|story)\b.{0,40}\?)", re.I)
# A prompt anywhere in a short line: "KEEP UP WITH THE JAPAN TIMES — Sign up for our newsletter.", "Join The
# Local's newsletter", "Follow the Daily Nation on WhatsApp", "FMT is on Telegram. Click here to join the FMT
# channel.", "... Download the NHK World app.": an outlet asking to be followed, not the story.
_CHANNELS = r"(?:whatsapp|telegram|twitter|x|facebook|instagram|threads|tiktok|youtube|linkedin|google news|bluesky)"
PROMPT_ANYWHERE = re.compile(
    rf"\b(?:(?:sign up|subscribe|register)(?: now)? (?:for|to)\b.{{0,40}}\bnewsletters?\b|"
    rf"(?:join|get|stay updated with|keep up with)\b.{{0,40}}\bnewsletters?\b|"
    rf"download (?:our|the) .{{0,30}}\bapp\b|follow (?:us|[\w .'’&-]{{1,40}}) on {_CHANNELS}\b|"
    rf"(?:is|are) (?:now )?on {_CHANNELS}\b|click here to (?:join|subscribe|sign up|follow|download)\b|"
    rf"join (?:our|the) [\w .'’&-]{{1,40}} (?:channel|group|community)\b)", re.I)
# The page's address printed on a line of its own at the top of a saved or pasted article.
URL_LINE = re.compile(r"^<?https?://[^\s<>]+>?$")
# "Editor's note: An earlier version of this story said ...": the article about itself, not the story.
# "This article was amended on 15 March 2025. An earlier version said ...": the same note as a sentence.
EDITORS_NOTE = re.compile(r"^(?:(?:editor'?s'?\s+note|editors'\s+note|correction|clarification)\s*[:—–-]|"
                          r"this (?:article|story|report) (?:was|has been) (?:amended|corrected)\b|"
                          r"an earlier version of this (?:article|story|report)\b)", re.I)
# "(Reporting by Duncan Miriri; Editing by Alex Richardson)", "(Additional reporting by ...)": the wire's credits.
CREDITS_LINE = re.compile(
    r"^\((?:additional )?(?:reporting|writing|editing|compiled|graphics|research)(?: by)?\b[^()]{1,200}\)\.?$", re.I)
# "With AFP", "With Reuters" closing a paper's copy: the agency it came from.
WITH_AGENCY = re.compile(r"^(?i:with|and|additional reporting by)\s+(?P<agency>[A-Z][\w.-]{1,20}(?: [A-Z][\w.-]{1,20})?)\.?$")
RELATED = re.compile(
    r"^(?:related(?: (?:articles?|stories|story|coverage|content|topics|news|posts|reading|video))?|read more|"
    r"read also|also read|see also|more from [\w .'&-]{1,40}|more (?:on|about) this(?: story| topic)?|"
    r"recommended(?: for you| stories| reading)?|you (?:may|might) also (?:like|be interested in)|"
    r"most (?:read|popular|viewed|shared)|trending(?: now| stories)?|top stories|read next|up next|"
    r"further reading|what to read next|more stories|latest (?:news|stories)|editor'?s picks?|don'?t miss)"
    r"\s*(?:[:\-–—|»›>].*)?$", re.I)
# "(c) 2023 the Asia News Network", "Copyright 2019 Hawaii News Now. All rights reserved.", but not
# "Copyright law was at the centre of the dispute": the word alone must come with a symbol or a year.
COPYRIGHT = re.compile(r"^(?:\(c\)|©)|^copyright\b\W{0,3}(?:©|\(c\)|(?:19|20)\d{2})|\ball rights reserved\b", re.I)
DISTRIBUTION = re.compile(
    r"^(?:this (?:article|story|content) (?:was |is |has been )?(?:originally |first )?(?:published|appeared|"
    r"produced|distributed)\b|(?:originally|first) (?:published|appeared) (?:in|on|by|at)\b|"
    r"(?:republished|reprinted|used) with permission\b|this story has not been edited\b)", re.I)
# "Distributed by Tribune Content Agency, LLC.", but not "Distributed by hand, the leaflets urged ...":
# what follows must be a name.
DISTRIBUTED_BY = re.compile(
    r"^(?:distributed|syndicated|republished|reprinted|provided|content distributed)\s+(?:by|through)\s+(?P<rest>.+)$",
    re.I)
# " date 2023-02-22 UrduPoint.com", "Source: Xinhua", "Updated: Feb 22, 2023": metadata a scraper
# wrote above the article. Only looked for among the first lines.
HEADER = re.compile(
    rf"^(?:date\s*:?\s*\d{{4}}-\d{{2}}-\d{{2}}\b.{{0,80}}|(?:date|dated|source|author|filed|{_STAMP})\s*:\s*.{{1,80}})$",
    re.I)
# The place a page files from may head its date stamp in capitals ("ISTANBUL Mar 12, 2026 - 5:48 pm").
DATE_LINE = re.compile(
    rf"^(?:(?-i:[A-Z][A-Z'-]{{2,}}(?:\s[A-Z][A-Z'-]{{2,}}){{0,2}})\s+(?=[A-Za-z]{{3}}))?"
    rf"(?:{_STAMP}\s*(?:on|at|:)?\s*)?(?:{_WEEKDAY}\s+)?{_DATE}(?:\s*(?:[,|@·-]|at)?\s*{_TIME})?"
    rf"(?:\s*(?:[,|@·-]|at)?\s*{_STAMP}\s*(?:on|at|:)?\s*(?:(?:{_WEEKDAY}\s+)?{_DATE}(?:\s*(?:[,|@·-]|at)?\s*{_TIME})?|"
    rf"{_TIME}))?\.?$",
    re.I)
BYLINE_BY = re.compile(r"^(?:by|written by|reporting by|report by|words by)\s+(?=[A-Z@])(?P<rest>.+)$", re.I)
BYLINE_STAMP = re.compile(rf"^(?P<who>.{{0,100}}?)\s*\b{_STAMP}\b\s*(?:on|at|:)?\s*(?:{_WEEKDAY}\s+)?{_DATE}(?P<rest>.*)$",
                           re.I)
HANDLE = re.compile(r"\(@\w{2,}\)|(?:^|\s)@\w{2,}\b")
# Words a byline may hold in lower case; anything else in lower case is a sentence, not a byline.
BYLINE_LOWER = frozenset({
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
CAPTION_CREDIT_END = re.compile(rf"\((?:[^()]{{0,40}}\b)?{_CREDIT}\b[^()]{{0,60}}\)\s*$")
# A wire photo credit in capitals closing a caption: "... August 6, 2025. REUTERS/Thomas Mukoya", "... on
# Saturday. KYODO", "AP Photo/Jane Doe". Case-sensitive: "a Reuters/Ipsos poll." is prose.
CAPTION_AGENCY_TAIL = re.compile(
    r"(?:(?:[.!?][\"”’]?\s+)(?:REUTERS|AFP|KYODO|XINHUA|EPA|AP|YONHAP|ANADOLU|AAP|PTI|ANI|BERNAMA|TASS)|"
    r"\b(?:REUTERS|AFP|KYODO|XINHUA|EPA|AP Photo|YONHAP|AAP|BERNAMA)\s*/\s*[A-Z][\w.'’ -]{1,50})\s*$")
# A whole date with its year ("August 3, 2025"): a caption dates its picture; a story's sentence says "on Sunday".
FULL_DATE = re.compile(_DATE)
PHOTO_WORD = re.compile(r"photo|image|picture|credit|file|handout|pool|courtesy|getty|shutterstock|alamy", re.I)
CAPTION_PREFIX = re.compile(
    r"^(?:(?:photo|image|picture|caption|file photo|pictured|main image|image caption|media caption|"
    r"image copyright|photo credit)\s*[:|—–-]|FILE\s*[-–—]\s|enlarge this image|toggle caption|hide caption)", re.I)
CAPTION_SUFFIX = re.compile(
    r"(?:\b(?:photo|image|picture)s?\s*(?:by|:|/|credit:)\s*[^.]{1,60}|[/|]\s*(?:getty images|afp|reuters|ap|epa|"
    r"bloomberg|shutterstock)[^.]{0,30}|\bvia getty images|\bgetty images)\s*$", re.I)
POSITIONAL = re.compile(
    r"\b(?:(?:second|third|fourth) )?from (?:left|right)\b|\((?:l|r|c|left|right|cent(?:re|er)|top|bottom|front|back)\)"
    r"|\b(?:left|right|cent(?:re|er)),|\bpictured\b|\bin this (?:photo|image|picture|file photo)\b", re.I)

WORDS = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


# --- boilerplate sentences inside a paragraph -----------------------------------------------------

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
BOILERPLATE = [(reason, detail, re.compile(pattern, re.I)) for reason, detail, pattern in _BOILERPLATE_PHRASES]
ANY_BOILERPLATE = re.compile("|".join(f"(?:{p})" for _, _, p in _BOILERPLATE_PHRASES), re.I)
# The same test on lower-cased text, without re.I: three times faster (an ignore-case alternation is
# tried at every position), and the same answer, since every phrase is written in lower case.
_ANY_LOWER = re.compile(ANY_BOILERPLATE.pattern)


def has_boilerplate(text: str) -> bool:
    """Whether `text` holds one of the templated phrases (`BOILERPLATE`)."""
    lowered = text.lower()
    # "İ" is the one letter whose lower case is two characters ("i" and a dot above), where re.I reads
    # an "i": text holding it is tested as written.
    if len(lowered) != len(text):
        return ANY_BOILERPLATE.search(text) is not None
    return _ANY_LOWER.search(lowered) is not None


# --- masthead -------------------------------------------------------------------------------------

# Words publications are named by. A masthead ends in one ("Kessel Courier", "The Valley Post"), or is
# headed by one that takes "of" ("Times of Malta"); a few lead a name ("Daily Sabah", "Radio Canada").
PUBLICATION_WORDS = frozenset({
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
    # the papers and words of the languages of `newsfuse.langdata` (issue 16)
    "spiegel", "welt", "stern", "tagesspiegel", "rundschau", "anzeiger", "nachrichten", "tagesschau", "presse",
    "nieuws", "dagblad", "krant", "parisien", "libération", "liberation", "progrès", "progres", "dépêche",
    "télégramme", "actualités", "actu", "messaggero", "giornale", "notizie", "mundo", "vanguardia", "periódico",
    "periodico", "público", "publico", "notícias", "expresso", "hürriyet", "milliyet", "gazetesi",
})
LEADING_PUBLICATION_WORDS = frozenset({"daily", "weekly", "radio", "tv", "television", "agence", "agencia",
                                        "diario", "jornal", "gazeta", "corriere", "folha"})
# Topics a page's sections are named by: a line of such words, with "News" or none, is a section label
# ("World News", "Breaking News", "Latest"), not who publishes the page.
SECTION_TOPICS = frozenset({
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
SECTION_GLUE = frozenset({"news", "the", "and", "&", "of"})
NAME_JOINERS = frozenset({"of", "the", "and", "&", "de", "la", "le", "du", "des", "del", "di", "al", "el", "for",
                           "on", "in", "am", "an"})
MASTHEAD_DATE = re.compile(rf"{_DATE}|{_TIME}|\b{_MONTH}\s+\d|\d\s*{_MONTH}\b|\b(?:19|20)\d{{2}}\b", re.I)


# --- datelines ------------------------------------------------------------------------------------

# Who sent a story, in a dateline's parenthesis: a news agency in any script, or a word such names are
# made of ("UrduPoint News", "Asia News Network").
AGENCY_HINT = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, AGENCIES), key=len, reverse=True)) + "|"
    r"news|cnn|press|agency|times|post|wire|service|network|agencies)\b|\.com\b", re.I)
# A dateline's words are letters of any script; that they are capitalised (or of a script without
# case: Arabic, Hebrew) is checked by `clean.rules`, which `re` cannot say for every script.
_PLACE_WORD = r"[^\W\d_](?:[^\W\d_]|['’.\-])*"
# Who sent it in parentheses, or between slashes as Russian wires write it ("МОСКВА, 14 марта. /ТАСС/.");
# then a dash, a colon, or Spanish ".-" ("Madrid, 14 mar (EFE).-").
DATELINE_PAREN = re.compile(
    rf"^(?P<head>(?:{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}}(?:,\s*[^()/\n]{{1,30}}?)?\s*)?"
    r"(?:\((?P<paren>[^()]{1,100})\)|/(?P<slashed>[^/()\n]{1,40})/)"
    rf"(?:\s*[-—–]{{1,2}}\s*{_DATE}(?=\s*[-—–]))?)"  # "(AP) - Sept. 21, 2025 - ": the day after the agency
    r"\s*(?:[-—–]{1,2}|:|\.[-—–]?)?\s*"
    r"(?=[^\W_]|[\"“‘'«„])")
# A place in capitals and a dash: "NEW YORK — ", and with its date a hyphen between spaces, as
# scrapers write the dash ("ROMA, 14 MAR - "; without the date, "NATO - Russia" is no dateline).
DATELINE_DASH = re.compile(rf"^(?P<head>{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}}(?P<dated>,\s*[\w.]+(?:\s+[\w.]+){{0,2}})?)"
                           r"\s+(?P<dash>[—–]|--|-(?=\s))\s*(?=[^\W_]|[\"“‘'«„])")

"""The data that flows between stages: one typed record per stage boundary, no catch-all dicts.

Every item a user sees (a summary sentence, a claim, a conflict, a quote) points back to exact
sentences of exact sources through `Evidence`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class Removal:
    """One piece of raw input that cleaning took out of an article, and why."""

    text: str
    reason: str  # a short slug: "advertisement", "cookie-banner", "byline", "repeated-paragraph", ...
    line: int  # 1-based line of the raw input where it started (0 when unknown)
    detail: str = ""  # e.g. the detected language of a foreign block


SkipUnit = Literal["line", "entry", "byte"]
_SKIP_MARK: dict[str, str] = {"line": ":", "entry": "#", "byte": "@"}


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input, or one record of it, left out of the read, and why: every reader, the ingest
    dispatcher and the store report what they did not take in this one shape (an empty file among
    others, a malformed JSONL line, a feed entry without text, a damaged WARC record, a URL that
    failed)."""

    source: str  # the file, folder, feed, archive or URL as the reader knows it
    # Where in `source`, counted as its reader counts (`unit`); 0 (for lines and entries): the
    # source as a whole. JSONL: the 1-based line. A .json document: the line of a syntax error (an
    # item's number is in `reason`). A feed: the entry's 1-based number. A WARC archive: the byte
    # offset of a bad frame (0 is its first byte); a record read but without an article is named by
    # its URI or id in `source` ("archive@URI"). Everything else (files in a folder, URLs, feeds of
    # an OPML list, inputs that failed as a whole): 0.
    line: int
    reason: str
    unit: SkipUnit = "line"

    @property
    def where(self) -> str:
        """"file.jsonl:3", "news.rss#4", "crawl.warc.gz@1024", or the source alone."""
        placed = self.line or self.unit == "byte"
        return f"{self.source}{_SKIP_MARK[self.unit]}{self.line}" if placed else self.source

    def describe(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(slots=True)
class Article:
    """One news article, as ingested and then cleaned.

    `text` is the cleaned article body: paragraphs separated by a blank line. Sentence spans index
    into it.
    """

    id: str
    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: dt.date | None = None
    language: str = ""
    origin: str = ""  # where it came from: file path, "path:line" for JSONL, feed or record id
    removed: list[Removal] = field(default_factory=list)
    # How `outlet` and `published` were found ("caller", "header", "dateline", "copyright", "html",
    # "url", ...): a reader deciding whether to trust a date needs to know.
    outlet_from: str = ""
    published_from: str = ""
    # True when newsfuse made the id up (file stem, line number, "text-N"): such an id says nothing
    # about identity, so a store gives the article an id derived from its content (stream.store_id).
    id_made: bool = False
    # The news agency whose copy this is ("AP" from "TOKYO (AP) —"), apart from the outlet that
    # printed it (`outlet_label` shows both).
    wire: str = ""

    @property
    def outlet_label(self) -> str:
        """The source as a reader sees it: "Dawn", "Dawn (Reuters copy)", "unknown outlet (AP copy)"."""
        name = self.outlet or "unknown outlet"
        return f"{name} ({self.wire} copy)" if self.wire and not _same_name(self.wire, self.outlet) else name


def _same_name(short: str, name: str) -> bool:
    """"AP" names "The Associated Press", "AFP" "Agence France-Presse": an agency and its initials."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() != "the"]
    initials = "".join(w[0] for w in words).lower()
    return short.lower() in name.lower() or short.lower() == initials


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of one article; `start`/`end` are character offsets into `Article.text`."""

    article_id: str
    index: int  # position among the article's sentences, from 0
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Evidence:
    """A pointer to the exact sentence of the exact source that backs an item."""

    source: str  # article id
    sentence: int  # Sentence.index
    text: str


@dataclass(slots=True)
class Claim:
    """One point made by one or more sources: sentences from different articles that say the same."""

    id: int
    text: str  # the representative sentence, verbatim from one source
    evidence: list[Evidence]
    sources: list[str]  # article ids that make the point, in source order
    independent: int  # number of distinct origins among `sources` (wire copies count once)
    centrality: float = 0.0  # how central the point is to the story (0..1)
    # Sources whose aligned sentence gives another value of the claim's figure or date: they say
    # something close, but contradict the point, so they are not counted for it.
    against: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Edit:
    """One visible change that lets a summary sentence stand alone: characters `start:end` of the
    verbatim sentence (`original`) replaced by `replacement` ("" drops them). The summary text shows
    a replacement in brackets ("[Sun Weidong] said"); `reason` is "connective" (an opening "However,"
    dropped), "capital" (the letter after it capitalised) or "pronoun" (a pronoun replaced by the
    person the source's previous sentence names)."""

    start: int
    end: int
    original: str
    replacement: str
    reason: str


@dataclass(slots=True)
class SummaryItem:
    """One sentence of the summary, with the sources that report it. `text` is `evidence[0].text`
    verbatim, but for `edits` (shown in brackets in `text`)."""

    text: str
    sources: list[str]
    evidence: list[Evidence]
    independent: int
    claim: int  # Claim.id
    conflicts: list[int] = field(default_factory=list)  # indices into Brief.conflicts it takes a side in
    edits: list[Edit] = field(default_factory=list)


# --- facts (entities, quotes, quantities, dates) ------------------------------------------------

EntityKind = Literal["person", "organization", "place", "other"]


@dataclass(slots=True)
class Mention:
    text: str
    source: str
    sentence: int


@dataclass(slots=True)
class Entity:
    """One person, organisation or place, merged across the mentions of all sources."""

    name: str  # the longest plain name form ("Shigeo Yamada")
    kind: EntityKind
    mentions: list[Mention]
    sources: list[str]
    # title/role each source gives: {"Senior Deputy Foreign Minister": ["000", "001"], ...}
    titles: dict[str, list[str]] = field(default_factory=dict)


@dataclass(slots=True)
class QuoteVariant:
    text: str
    sources: list[str]
    evidence: list[Evidence]


@dataclass(slots=True)
class Quote:
    """Words a speaker said, merged across sources, with each source's wording."""

    text: str  # the most common (or longest) wording
    speaker: str  # entity name, or "" when no speaker could be found
    variants: list[QuoteVariant]
    sources: list[str]
    partial: bool = False  # a fragment quoted inside reported speech ("negative moves")
    # Words in quotation marks that nobody is said to say: a name, a title, a scare-quoted label
    # ('a known "black spot"'). Kept for the record, left out of who said what.
    term: bool = False

    def citations(self) -> list[Evidence]:
        """One evidence sentence per source, in source order: a source cited once however many
        wordings it has."""
        first: dict[str, Evidence] = {}
        for v in self.variants:
            for ev in v.evidence:
                first.setdefault(ev.source, ev)
        return [first[s] for s in self.sources if s in first]


QuantityKind = Literal["money", "percent", "duration", "count", "age", "number"]


@dataclass(slots=True)
class Quantity:
    """A number in a sentence, normalized: "$315 billion" → 315e9 USD."""

    text: str  # the surface form
    kind: QuantityKind
    value: float  # normalized value (money in the unit's base, durations in hours)
    unit: str  # "USD", "JPY", "%", "hours", "objects", ...
    measures: str  # what it counts, in a few words ("defence budget", "talks")
    source: str
    sentence: int
    hedge: str = ""  # "at least", "about", "more than", ...
    high: float | None = None  # upper end of a range


@dataclass(slots=True)
class DateRef:
    """A date expression resolved against the article's publication date."""

    text: str
    start: dt.date
    end: dt.date  # == start for a single day
    source: str
    sentence: int
    granularity: Literal["day", "month", "year", "range"] = "day"
    anchor: str = ""  # how it was resolved: "absolute", "published", "borrowed:<article id>"


@dataclass(slots=True)
class TimelineEvent:
    start: dt.date
    end: dt.date
    text: str  # the event, as a source sentence tells it
    sources: list[str]
    evidence: list[Evidence]
    granularity: str = "day"
    borrowed_date: bool = False  # resolved against a date borrowed from another article
    # True for the rows of `Brief.background`: history the reports mention in passing (a treaty of
    # 1972, a meeting last year), apart from the story's own events (`compare.background` decides).
    background: bool = False

    @property
    def when(self) -> str:
        """The date as precise as the source gave it: "1972", "1970s", "2019–2021", "Feb 2019",
        "Nov 2022 – Feb 2023", "22 Feb 2023", "13–19 Feb 2023"."""
        s, e = self.start, self.end
        if s == dt.date(s.year, 1, 1) and e == dt.date(e.year, 12, 31):
            if s.year == e.year:
                return str(s.year)
            return f"{s.year}s" if s.year % 10 == 0 and e.year == s.year + 9 else f"{s.year}–{e.year}"
        if s.day == 1 and (e + dt.timedelta(days=1)).day == 1:  # whole months
            if (s.year, s.month) == (e.year, e.month):
                return f"{s:%b} {s.year}"
            return f"{s:%b} {s.year} – {e:%b} {e.year}"
        if s == e:
            return f"{s.day} {s:%b} {s.year}"
        if (s.year, s.month) == (e.year, e.month):
            return f"{s.day}–{e.day} {s:%b} {s.year}"
        return f"{s.day} {s:%b} {s.year} – {e.day} {e:%b} {e.year}"


ConflictKind = Literal["number", "money", "date", "duration", "count", "title", "quote", "attribution"]


@dataclass(slots=True)
class ConflictValue:
    value: str  # as the source says it
    normalized: str  # comparable form ("3.5 hours", "320000000000 USD")
    sources: list[str]
    evidence: list[Evidence]


@dataclass(slots=True)
class Conflict:
    kind: ConflictKind
    about: str
    values: list[ConflictValue]
    confidence: float  # 0..1: how sure we are that the values cannot both be true
    note: str = ""


@dataclass(slots=True)
class UpdateValue:
    """One value a developing story gave for a fact, and when its reports said it."""

    value: str
    normalized: str
    at: dt.date  # the earliest publication date of the reports that give it
    sources: list[str]
    evidence: list[Evidence]


@dataclass(slots=True)
class Update:
    """One fact whose value changed as the story developed: later reports give a different value
    (a toll that rises, a figure revised). Values in time order; none of one value's reports is
    published on or after a day of the next value's reports (same-day disagreement is a Conflict)."""

    kind: ConflictKind
    about: str
    values: list[UpdateValue]
    note: str = ""
    confidence: float = 1.0  # 0..1: the conflict's, that the values are one fact and differ

    @property
    def line(self) -> str:
        """"9 → 12 (13 May)": the values in order, each with the day it was first reported."""
        return " → ".join(f"{v.value} ({v.at.day} {v.at:%b})" for v in self.values)


@dataclass(slots=True)
class Source:
    """An article as the brief lists it: its number in citations and its independence group."""

    number: int  # 1-based, what `[1]` in the rendered summary refers to
    article: Article
    origin: int  # articles sharing an origin are copies of one another (wire reprints)
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)
class Brief:
    """The consolidated brief of one story."""

    id: str
    sources: list[Source]
    summary: list[SummaryItem]
    claims: list[Claim]
    unique: dict[str, list[int]]  # article id → ids of claims only that source makes
    missing: dict[str, list[int]] = field(default_factory=dict)  # widely reported claims it omits
    conflicts: list[Conflict] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)  # facts that changed over the story's reports
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timeline: list[TimelineEvent] = field(default_factory=list)  # the story's own events, by date
    # History the reports mention in passing, one row per sentence, capped, most relevant first.
    background: list[TimelineEvent] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. "003 has no date; borrowed 2023-02-22 from 000"
    # What reading the input left out, and what it read with a caveat (a date dropped, cp1252): about
    # the input, apart from `notes` about the analysis.
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    words: int = 0  # the word budget the summary was built for
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    settings: dict[str, Any] = field(default_factory=dict)  # what it was made with (config.Settings.to_dict)
    title: str = ""  # the caller's title (a stored story's headline); else the renderers take the first source's

    def source(self, article_id: str) -> Source:
        for s in self.sources:
            if s.article.id == article_id:
                return s
        raise KeyError(article_id)

    def to_dict(self) -> dict[str, object]:
        from newsfuse.render.json import brief_to_dict

        return brief_to_dict(self)


@dataclass(slots=True)
class Story:
    """A group of articles that report the same event, as the story store keeps it."""

    id: int
    article_ids: list[str]  # in the order they joined the story
    first_seen: dt.date | None = None  # earliest publication date of a dated member; None: none is dated
    last_seen: dt.date | None = None
    title: str = ""  # the title (or first sentence) of the story's most central article
    outlets: list[str] = field(default_factory=list)  # distinct, in order of first appearance
    # Stream and batch agree (stories.reconcile): the stories merged into this one, and the story it
    # split from (None: it began as a story of its own).
    merged_from: list[int] = field(default_factory=list)
    split_from: int | None = None

    @property
    def size(self) -> int:
        return len(self.article_ids)

    def to_dict(self) -> dict[str, object]:
        """The one shape of a story outside Python: `stories --format json`, the API (its model,
        web/models.py `StoryOut`, lists these fields and no other) and the pages all show this.
        An untitled story's title stays "" here; only a page writes "Story N" in its place."""
        return {"id": self.id, "title": self.title, "articles": list(self.article_ids), "size": self.size,
                "outlets": list(self.outlets),
                "first_seen": self.first_seen.isoformat() if self.first_seen else None,
                "last_seen": self.last_seen.isoformat() if self.last_seen else None,
                "merged_from": list(self.merged_from), "split_from": self.split_from}


# --- story history (newsfuse.changes) -----------------------------------------------------------

ChangeKind = Literal["new-story", "new-article", "new-outlet", "new-claim", "update", "correction",
                     "conflict-opened", "conflict-resolved", "quote-changed", "merged", "split"]


@dataclass(frozen=True, slots=True)
class ChangeSource:
    """An article a change rests on: who said it, when it was published, and what it says."""

    id: str  # article id
    outlet: str
    published: dt.date | None
    says: str = ""  # the value, wording or speaker this source gives ("" when the change is the article)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "outlet": self.outlet or None,
                "published": self.published.isoformat() if self.published else None, "says": self.says}


@dataclass(frozen=True, slots=True)
class Change:
    """One thing a story gained between two of its versions: it began, an article or outlet joined,
    a claim was first made, a figure was updated ("9 → 12"), a conflict opened or was resolved, a
    quote's wording or speaker changed. `at` is when newsfuse recorded it (the version's commit time,
    UTC ISO 8601); the sources' own dates say when they were published."""

    story: int
    at: str
    kind: ChangeKind
    about: str  # the story title, the article title, the claim, what the figure counts, the speaker
    before: str | None  # the earlier value, wording or speaker (None: there was none)
    after: str | None
    sources: list[ChangeSource] = field(default_factory=list)  # first reporter first
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """The one shape of a change outside Python: `changes --format json` and the API."""
        return {"story": self.story, "at": self.at, "kind": self.kind, "about": self.about, "before": self.before,
                "after": self.after, "sources": [s.to_dict() for s in self.sources],
                "evidence": [{"source": e.source, "sentence": e.sentence, "text": e.text} for e in self.evidence]}

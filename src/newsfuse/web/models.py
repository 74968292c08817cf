"""Request and response shapes of the JSON API (they are also what /openapi.json publishes).

The brief itself is not modelled here: its schema is src/newsfuse/schema/brief.schema.json, which the
OpenAPI document embeds as `Brief`.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator

from newsfuse.config import bounds

WORDS_LOW, WORDS_HIGH = (int(b) for b in bounds("words"))


class ArticleIn(BaseModel):
    """One article given by the client: its text and what is known about it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="the article body (plain text or HTML)")
    title: str | None = None
    outlet: str | None = None
    url: str | None = Field(None, description="kept as metadata; it is never fetched")
    published: str | None = Field(None, description="a date, e.g. 2023-02-22")
    id: str | None = Field(None, max_length=200)


class BriefRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1)
    words: int | None = Field(None, ge=WORDS_LOW, le=WORDS_HIGH, description="summary length in words")


class IngestRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list, description=(
        "pages to fetch and read (http and https only; a URL that resolves to a private or local address "
        "is refused unless the server runs with --allow-private)"))

    @model_validator(mode="after")
    def _something(self) -> IngestRequest:
        if not self.articles and not self.urls:
            raise ValueError("give at least one article or URL")
        return self


class ErrorDetail(BaseModel):
    code: str = Field(description="newsfuse's error code, such as E100 or E701 (docs/reliability.md lists them)")
    kind: str = Field(description="the code in a word: bad-input, not-found, too-large, ...")
    message: str


class ErrorOut(BaseModel):
    error: ErrorDetail


class StoryOut(BaseModel):
    """A story: exactly the fields of `Story.to_dict()` (newsfuse.types), which `newsfuse stories
    --format json` prints too. Its page is /stories/{id}, its brief /api/stories/{id}."""

    model_config = ConfigDict(extra="forbid")

    id: int
    title: str = Field(description="the title (or first words) of its first article; may be empty")
    articles: list[str] = Field(description="ids of its articles, in the order they joined")
    size: int = Field(description="number of articles in the story")
    outlets: list[str] = Field(description="distinct outlets, in order of first appearance")
    first_seen: dt.date | None = Field(description="earliest date of a member article")
    last_seen: dt.date | None = Field(description="latest date of a member article: the story's last update")
    merged_from: list[int] = Field(description="stories merged into this one when the evidence joined them")
    split_from: int | None = Field(description="the story this one split from (null: it began on its own)")


class StoriesOut(BaseModel):
    stories: list[StoryOut]
    total: int | None = Field(description="stories in the store; null when filtered (not counted)")
    more: bool = Field(description="another page follows (ask again with offset + limit)")
    limit: int
    offset: int


class RemovedOut(BaseModel):
    text: str
    reason: str
    line: int
    detail: str


class SentenceOut(BaseModel):
    index: int
    start: int
    end: int
    paragraph: int
    text: str


class ArticleOut(BaseModel):
    id: str
    title: str
    outlet: str | None  # None: no evidence of who printed it
    wire: str | None  # the news agency whose copy it is
    url: str
    published: str | None
    language: str
    origin: str
    outlet_from: str
    published_from: str
    text: str
    sentences: list[SentenceOut]
    removed: list[RemovedOut]
    stories: list[int] = Field(description="ids of the stories this article belongs to")


class IngestedArticle(BaseModel):
    id: str
    story: int | None = Field(description="the story it belongs to (null for a duplicate stored under another id)")


class IngestOut(BaseModel):
    new: int = Field(description="articles stored")
    duplicates: int = Field(description="articles already stored (same id, URL or content), not stored again")
    copies: int = Field(description="stored, but near-copies of another article (wire reprints)")
    stories_started: int
    articles: list[IngestedArticle]
    skipped: list[str] = Field(description="inputs that could not be read, with why")


class ChangeSourceOut(BaseModel):
    id: str = Field(description="article id")
    outlet: str | None
    published: dt.date | None
    says: str = Field(description="the value, wording or speaker this source gives; empty for a joining article")


class EvidenceOut(BaseModel):
    source: str
    sentence: int
    text: str


class ChangeOut(BaseModel):
    """One change of a story: exactly the fields of `Change.to_dict()` (newsfuse.types), which
    `newsfuse changes --format json` prints too."""

    model_config = ConfigDict(extra="forbid")

    story: int
    at: str = Field(description="when newsfuse recorded it (UTC, ISO 8601)")
    kind: str = Field(description="new-story, new-article, new-outlet, new-claim, update, correction (an update "
                                  "whose report says it corrects the earlier figure), "
                                  "conflict-opened, conflict-resolved, quote-changed, merged (before: the "
                                  "story merged away, after: the story it merged into) or split (before: the "
                                  "story split from, after: the new story)")
    about: str
    before: str | None
    after: str | None
    sources: list[ChangeSourceOut] = Field(description="the articles it rests on, first reporter first")
    evidence: list[EvidenceOut]


class ChangesOut(BaseModel):
    changes: list[ChangeOut]

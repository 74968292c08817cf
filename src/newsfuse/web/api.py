"""The JSON API under /api: the twin of every page, plus briefing and ingesting articles.

Errors are `{"error": {"code", "kind", "message"}}` (see web/errors.py); the brief is schema newsfuse.brief/1.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials
from starlette.concurrency import run_in_threadpool

from newsfuse.render.json import brief_to_dict
from newsfuse.text import split_sentences
from newsfuse.types import Article, Brief
from newsfuse.web.cache import Entry
from newsfuse.web.guard import bearer, check_token
from newsfuse.web.intake import from_request
from newsfuse.web.models import (
    ArticleOut,
    BriefRequest,
    ChangeOut,
    ChangesOut,
    ErrorOut,
    IngestedArticle,
    IngestOut,
    IngestRequest,
    StoriesOut,
    StoryOut,
)
from newsfuse.web.service import Service, StoryQuery

router = APIRouter(prefix="/api", tags=["api"])

BRIEF_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"description": "the brief (schema newsfuse.brief/1)",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Brief"}}}},
}


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    what = {304: "not modified since the ETag given", 401: "a token is needed", 404: "no such id",
            413: "too large", 415: "unsupported media type", 422: "invalid request or unreadable articles",
            429: "too many briefs at once; retry after the Retry-After seconds",
            503: "busy, or the store is unavailable"}
    return {c: {"model": ErrorOut, "description": what.get(c, "error")} if c != 304 else {"description": what[c]}
            for c in codes}


def _body(model: str, multipart: bool) -> dict[str, Any]:
    content: dict[str, Any] = {"application/json": {"schema": {"$ref": f"#/components/schemas/{model}"}}}
    if multipart:
        content["multipart/form-data"] = {"schema": {"type": "object", "properties": {
            "text": {"type": "array", "items": {"type": "string"}, "description": "pasted articles"},
            "file": {"type": "array", "items": {"type": "string", "format": "binary"},
                     "description": ".txt, .html or .jsonl files"},
            "words": {"type": "integer", "minimum": 10, "maximum": 2000}}}}
    return {"requestBody": {"required": True, "content": content}}


def service(request: Request) -> Service:
    web: Service = request.app.state.web
    return web


Web = Annotated[Service, Depends(service)]


def article_json(article: Article, stories: list[int]) -> dict[str, Any]:
    return {
        "id": article.id, "title": article.title, "outlet": article.outlet or None, "wire": article.wire or None, "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "language": article.language, "origin": article.origin, "outlet_from": article.outlet_from,
        "published_from": article.published_from, "text": article.text,
        "sentences": [{"index": s.index, "start": s.start, "end": s.end, "paragraph": s.paragraph, "text": s.text}
                      for s in split_sentences(article)],
        "removed": [{"text": r.text, "reason": r.reason, "line": r.line, "detail": r.detail} for r in article.removed],
        "stories": stories,
    }


def brief_bytes(brief: Brief) -> bytes:
    return json.dumps(brief_to_dict(brief), ensure_ascii=False).encode("utf-8")


def cached_json(entry: Entry) -> bytes:
    if entry.json is None:
        entry.json = brief_bytes(entry.brief)
    return entry.json


def not_modified(request: Request, etag: str) -> bool:
    return etag in request.headers.get("if-none-match", "")


@router.get("/stories", response_model=StoriesOut, summary="List stories (twin of /)",
            responses=_errors(422, 503))
def list_stories(web: Web, q: Annotated[str | None, Query(max_length=200, description="search words")] = None,
                 outlet: Annotated[str | None, Query(max_length=200)] = None,
                 since: Annotated[dt.date | None, Query(description="stories seen on or after this date")] = None,
                 until: Annotated[dt.date | None, Query(description="stories seen on or before this date")] = None,
                 limit: Annotated[int, Query(ge=1, le=500)] = 50,
                 offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
                 sort: Annotated[Literal["recent", "front"], Query(
                     description="recent: by last seen; front: as the front page ranks them, size halved "
                                 "per day since the last activity")] = "recent") -> StoriesOut:
    page = web.stories(StoryQuery(q, outlet, since, until, limit, offset, sort))
    return StoriesOut(stories=[StoryOut.model_validate(s.to_dict()) for s in page.stories], total=page.total, more=page.more, limit=limit,
                      offset=offset)


@router.get("/changes", response_model=ChangesOut, summary="Changes of every story since a time",
            responses=_errors(422, 503))
def list_changes(web: Web, since: Annotated[dt.datetime | None, Query(
                     description="changes recorded at or after this time (UTC unless an offset is given)")] = None,
                 claims: Annotated[bool, Query(description="compare each story's briefs too (slower)")] = False
                 ) -> ChangesOut:
    return ChangesOut(changes=[ChangeOut.model_validate(c.to_dict()) for c in web.changes(since, claims=claims)])


@router.get("/stories/{story_id}/changes", response_model=ChangesOut, summary="One story's changes",
            responses=_errors(404, 422, 503))
def story_changes(story_id: str, web: Web, since: Annotated[dt.datetime | None, Query(
                      description="changes recorded at or after this time")] = None) -> ChangesOut:
    return ChangesOut(changes=[ChangeOut.model_validate(c.to_dict())
                               for c in web.changes(since, story_id, claims=True)])


@router.get("/stories/{story_id:path}", summary="A story's brief (twin of /stories/{id})", response_class=Response,
            responses={**BRIEF_RESPONSE, **_errors(304, 404, 422, 503)})
def get_story(story_id: str, request: Request, web: Web) -> Response:
    _, entry = web.story_brief(story_id)
    if not_modified(request, entry.etag):
        return Response(status_code=304, headers={"ETag": entry.etag})
    return Response(cached_json(entry), media_type="application/json", headers={"ETag": entry.etag})


@router.get("/articles/{article_id:path}", response_model=ArticleOut, summary="One article (twin of /articles/{id})",
            responses=_errors(404, 503))
def get_article(article_id: str, web: Web) -> dict[str, Any]:
    article = web.article(article_id)
    return article_json(article, web.article_stories(article.id))


@router.post("/brief", summary="Brief the articles given; nothing is stored", response_class=Response,
             responses={**BRIEF_RESPONSE, **_errors(413, 415, 422, 429, 503)}, openapi_extra=_body("BriefRequest", True))
async def post_brief(request: Request, web: Web) -> Response:
    limits = web.config.limits
    batch = await from_request(request, limits, limits.max_brief_articles, words=True)
    brief = await run_in_threadpool(web.brief_batch, batch)
    return Response(brief_bytes(brief), media_type="application/json")


@router.post("/ingest", response_model=IngestOut, summary="Add articles to the store",
             responses=_errors(401, 413, 415, 422, 503), openapi_extra=_body("IngestRequest", True))
async def post_ingest(request: Request, web: Web,
                      credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> IngestOut:
    check_token(request, credentials)
    limits = web.config.limits
    batch = await from_request(request, limits, limits.max_ingest_articles, words=False)
    done = await run_in_threadpool(web.ingest, batch)
    result = done.result
    return IngestOut(new=result.new, duplicates=result.duplicates, copies=result.copies,
                     stories_started=result.stories,
                     articles=[IngestedArticle(id=aid, story=sid)
                               for aid, sid in done.stories.items()],
                     skipped=[s.describe() for s in done.read.skipped + result.skipped])


REQUEST_MODELS = (BriefRequest, IngestRequest)

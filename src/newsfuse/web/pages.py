"""The HTML pages. Each names its JSON twin (a `<link rel="alternate">` and a JSON link in the bar):
/ ↔ /api/stories, /stories/{id} ↔ /api/stories/{id}, /articles/{id} ↔ /api/articles/{id},
/brief ↔ POST /api/brief. A failing page is answered by web/handlers.py with the HTML error page.
"""

from __future__ import annotations

import datetime as dt
import gzip
import time
import zlib
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from newsfuse.errors import RequestError
from newsfuse.store_history import Version
from newsfuse.types import Story
from newsfuse.web.api import Web
from newsfuse.web.cache import Entry, cache_key
from newsfuse.web.intake import from_request
from newsfuse.web.render import render_article, render_form, render_index, render_story
from newsfuse.web.service import StoryQuery

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
HTML = "text/html; charset=utf-8"


def _date(value: str | None, name: str) -> dt.date | None:
    # A form sends empty fields as "", which means "no filter", not an error.
    if not value or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise RequestError(f"{name} must be a date like 2023-02-22, got {value!r}") from None


@router.get("/", response_class=HTMLResponse)
def index(web: Web, q: Annotated[str | None, Query(max_length=200)] = None,
          outlet: Annotated[str | None, Query(max_length=200)] = None, since: str | None = None,
          until: str | None = None, offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> HTMLResponse:
    query = StoryQuery((q or "").strip() or None, (outlet or "").strip() or None, _date(since, "since"),
                       _date(until, "until"), PAGE_SIZE, offset, "front")
    page = web.stories(query)
    params = {k: v for k, v in {"q": query.search, "outlet": query.outlet,
                                "since": query.since.isoformat() if query.since else None,
                                "until": query.until.isoformat() if query.until else None}.items() if v}

    def at(start: int) -> str:
        return "/?" + urlencode({**params, **({"offset": start} if start else {})})

    html = render_index(page=page, query=query, filtered=page.filtered, rows=web.front(page.stories),
                        twin="/api/stories?" + urlencode({**params, "sort": "front"}),
                        outlets=sorted({o for s in page.stories for o in s.outlets}),
                        prev_url=at(max(0, offset - PAGE_SIZE)) if offset else None,
                        next_url=at(offset + PAGE_SIZE) if page.more else None)
    return HTMLResponse(html)


def _render_into(entry: Entry, story: Story, shown: tuple[object, ...], history: list[Version]) -> float:
    html, seconds = render_story(entry.brief, story, f"/api/stories/{story.id}", history)
    data = html.encode("utf-8")
    # Compressed once here rather than per response: a 200-source page is ~1 MB of HTML, ~8x less gzipped.
    entry.html, entry.html_gzip = data, gzip.compress(data, compresslevel=6, mtime=0)
    entry.html_for, entry.render_seconds = shown, seconds
    return seconds


@router.get("/stories/{story_id:path}")
async def story_page(story_id: str, request: Request, web: Web) -> Response:
    started = time.time()
    # A cached page, the common case, is answered on the event loop (one indexed SQLite read, no thread
    # hop); computing a brief or rendering a page, which take long, runs on a worker thread.
    story = web.story(story_id)
    cached = web.cache.peek(cache_key(story.id, story.article_ids))
    if cached is None:
        story, entry = await run_in_threadpool(web.story_brief, story_id)
    else:
        entry = cached
    history = web.history(story)
    shown = (story.title, story.first_seen, story.last_seen, len(history))
    etag = entry.etag[:-1] + f"-{zlib.crc32(repr(shown).encode()):x}\""
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers={"ETag": etag})
    rendered = 0.0
    # "Cache-Control: no-cache" asks for a fresh page: it is rendered again from the cached brief (the
    # brief itself is only recomputed when the story's articles change).
    if "no-cache" in request.headers.get("cache-control", "") or entry.html is None or entry.html_for != shown:
        rendered = await run_in_threadpool(_render_into, entry, story, shown, history)
    computed = entry.seconds if entry.made >= started else 0.0
    # Server-Timing lets a reader (and benchmarks/web_load.py) see what the page cost, in ms.
    headers = {"ETag": etag, "Vary": "Accept-Encoding",
               "Server-Timing": f"brief;dur={computed * 1000:.1f}, render;dur={rendered * 1000:.1f}"}
    body = entry.html
    if entry.html_gzip is not None and "gzip" in request.headers.get("accept-encoding", ""):
        body, headers["Content-Encoding"] = entry.html_gzip, "gzip"
    return Response(body, media_type=HTML, headers=headers)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(article_id: str, web: Web) -> HTMLResponse:
    article = web.article(article_id)
    return HTMLResponse(render_article(article, web.article_stories(article.id),
                                       f"/api/articles/{quote(article.id, safe='')}"))


@router.get("/brief", response_class=HTMLResponse)
def brief_form(web: Web) -> HTMLResponse:
    return HTMLResponse(render_form(web.config.limits, web.config.settings.words))


@router.post("/brief", response_class=HTMLResponse)
async def brief_page(request: Request, web: Web) -> HTMLResponse:
    limits = web.config.limits
    batch = await from_request(request, limits, limits.max_brief_articles, words=True)
    brief = await run_in_threadpool(web.brief_batch, batch)
    html, _ = await run_in_threadpool(render_story, brief, None, None)
    return HTMLResponse(html)

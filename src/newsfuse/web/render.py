"""HTML for the pages: Jinja templates (autoescaped: article text is hostile) fed with a brief and
the helpers the shared brief macros expect (see render/templates/_brief_parts.html.j2), and the
error page. It takes plain values, never a request or an exception handler, so the handlers
(web/handlers.py) depend on it and not the other way round.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import jinja2

from newsfuse.config import Web, bounds
from newsfuse.render.html import citation_order, paragraphs_of
from newsfuse.render.plural import count
from newsfuse.store_history import Version
from newsfuse.text import split_sentences
from newsfuse.types import Article, Brief, Evidence, Source, Story
from newsfuse.web.front import FrontRow
from newsfuse.web.ledger import build_ledger


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    loader = jinja2.ChoiceLoader([jinja2.PackageLoader("newsfuse.web", "templates"),
                                  jinja2.PackageLoader("newsfuse.render", "templates")])
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             auto_reload=False)
    # Ids go into URL paths: quote everything, "/" included, so an id can never change the route.
    env.filters["quote"] = lambda value: quote(str(value), safe="")
    env.filters["count"] = count
    env.filters["day"] = lambda d: f"{d.day} {d:%b %Y}"  # "22 Feb 2023": no platform's strftime flags
    env.filters["stamp"] = lambda t: f"{t.day} {t:%b %Y, %H:%M} UTC"
    env.globals["shown_title"] = shown_title
    return env


TEMPLATES = ("story.html.j2", "index.html.j2", "article.html.j2", "brief_form.html.j2", "error.html.j2")


def compile_templates() -> None:
    """Compile every template now: the first render of a story page would otherwise pay ~250 ms."""
    for name in TEMPLATES:
        environment().get_template(name)


def brief_helpers(brief: Brief) -> dict[str, Any]:
    """The names the shared brief macros read from the template context."""
    number = {s.article.id: s.number for s in brief.sources}

    def evidence_ids(items: Iterable[Evidence]) -> str:
        return " ".join(f"s-{number[e.source]}-{e.sentence}" for e in items if e.source in number)

    def first_sentence(items: list[Evidence], article_id: str) -> int:
        return next((e.sentence for e in items if e.source == article_id), 0)

    return {"number": number, "outlet": {s.article.id: s.article.outlet_label for s in brief.sources},
            "evidence_ids": evidence_ids, "first_sentence": first_sentence, "paragraphs": paragraphs_of,
            "in_order": citation_order(number)}


def story_title(brief: Brief, story: Story | None) -> str:
    if story is not None:
        return shown_title(story)
    return next((s.article.title for s in brief.sources if s.article.title), "") or brief.id


def shown_title(story: Story) -> str:
    # The page's words for an untitled story; the data keeps its title "" (Story.to_dict).
    return story.title or f"Story {story.id}"


# Citations printed per summary sentence, conflict side or timeline event; more are counted ("+12").
CITE_LIMIT = 8


def first_seen(brief: Brief, history: Sequence[Version]) -> tuple[dict[str, str], dict[int, str]]:
    """When each source joined the story, and when each claim first could be read: its earliest
    source's joining. A claim one of whose sources joined before the history began has no time."""
    joined = {a: v.at for v in history for a in v.added}
    claims = {c.id: min(joined[a] for a in c.sources) for c in brief.claims
              if c.sources and all(a in joined for a in c.sources)}
    return joined, claims


def render_story(brief: Brief, story: Story | None, twin: str | None,
                 history: Sequence[Version] = ()) -> tuple[str, float]:
    """The story page (or, with `story` None, the page of a brief of the client's own articles), and
    the seconds the render took. `history` (the story's versions) dates what joined when, for the
    page's "new since your last visit" (static/app.js)."""
    started = time.perf_counter()
    joined, claim_at = first_seen(brief, history)
    html = environment().get_template("story.html.j2").render(
        brief=brief, story=story, stored=story is not None, twin=twin, title=story_title(brief, story),
        cite_limit=CITE_LIMIT, joined=joined, claim_at=claim_at, versions=list(history)[::-1][:HISTORY_SHOWN],
        latest=history[-1].at if history else "",
        ledger=build_ledger(brief), n_origins=len({s.origin for s in brief.sources}),
        copies=Counter(s.origin for s in brief.sources), **brief_helpers(brief))
    return html, time.perf_counter() - started


# Versions listed in a story page's history (newest first); the rest are counted.
HISTORY_SHOWN = 12


def render_index(**context: Any) -> str:
    """The front page. `rows` (web/front.py) carry each story's standfirst and badges; without them
    the stories are listed bare."""
    if context.get("rows") is None:
        context["rows"] = [FrontRow(s) for s in context["page"].stories]
    return environment().get_template("index.html.j2").render(**context)


def _safe_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def render_article(article: Article, stories: list[int], twin: str) -> str:
    source = Source(number=1, article=article, origin=0, sentences=split_sentences(article))
    return environment().get_template("article.html.j2").render(
        article=article, source=source, stories=stories, twin=twin, safe_url=_safe_url(article.url),
        paragraphs=paragraphs_of)


def render_form(limits: Web, words: int) -> str:
    return environment().get_template("brief_form.html.j2").render(limits=limits, words=words, word_bounds=[int(b) for b in bounds("words")],
                                                                  twin=None)


def render_error(status: int, code: str, kind: str, message: str) -> str:
    """The error page: the status, and the same code, kind and message a JSON client gets."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return environment().get_template("error.html.j2").render(status=status, phrase=phrase, code=code, kind=kind,
                                                              message=message, twin=None)

"""Atom feeds out: the stories by recent activity (/feeds/stories.atom) and one story's changes
(/feeds/stories/{id}.atom), so a reader can follow a store in any feed reader.

Atom 1.0 (RFC 4287), built with ElementTree, which escapes every text and attribute; characters XML
cannot carry at all (article text is untrusted: NUL, other control characters) are dropped. Ids are
stable URNs: `urn:newsfuse:story:ID` for a story, `urn:newsfuse:story:ID:change:DIGEST` for a change
(the digest of what it says and when it was recorded), so a reader never sees an entry twice.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET

from fastapi import APIRouter, Request, Response

from newsfuse.changes import describe
from newsfuse.render.plural import count
from newsfuse.types import Change, Story
from newsfuse.web.api import Web

router = APIRouter(include_in_schema=False)

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
EPOCH = "1970-01-01T00:00:00Z"
STORIES = 50  # entries in the stories feed
# What XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

ET.register_namespace("", ATOM)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def atom_time(at: str) -> str:
    """A history time ("2025-05-13T08:30:00.123456+00:00") as Atom writes it ("2025-05-13T08:30:00Z")."""
    return at[:19] + "Z" if len(at) >= 19 else EPOCH


def story_urn(story_id: int) -> str:
    return f"urn:newsfuse:story:{story_id}"


def change_urn(change: Change) -> str:
    digest = hashlib.sha1("\x1f".join([change.at, change.kind, change.about, change.before or "",
                                       change.after or ""]).encode("utf-8"), usedforsecurity=False).hexdigest()
    return f"{story_urn(change.story)}:change:{digest[:20]}"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        node.text = _clean(text)
    return node


def _feed(feed_id: str, title: str, updated: str, self_href: str, page_href: str) -> ET.Element:
    feed = ET.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", feed_id)
    _add(feed, "title", title)
    _add(feed, "updated", updated)
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_href)
    _add(feed, "link", rel="alternate", type="text/html", href=page_href)
    author = _add(feed, "author")
    _add(author, "name", "newsfuse")
    _add(feed, "generator", "newsfuse")
    return feed


def _xml(feed: ET.Element) -> Response:
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type=MEDIA_TYPE)


def story_title(story: Story) -> str:
    return story.title.strip() or f"Story {story.id}"


def stories_feed(stories: list[tuple[Story, str]], base: str) -> ET.Element:
    updated = max((atom_time(at) for _, at in stories), default=EPOCH)
    feed = _feed("urn:newsfuse:stories", "newsfuse: stories", updated, f"{base}feeds/stories.atom", base)
    for story, at in stories:
        entry = _add(feed, "entry")
        _add(entry, "id", story_urn(story.id))
        _add(entry, "title", story_title(story))
        _add(entry, "updated", atom_time(at))
        _add(entry, "link", rel="alternate", type="text/html", href=f"{base}stories/{story.id}")
        outlets = ", ".join(story.outlets[:5]) + (f" and {len(story.outlets) - 5} more" if len(story.outlets) > 5 else "")
        seen = f"; last report {story.last_seen.isoformat()}" if story.last_seen else ""
        _add(entry, "summary", f"{count(story.size, 'article')}" + (f" from {outlets}" if outlets else "") + seen)
    return feed


def changes_feed(story: Story, found: list[Change], base: str) -> ET.Element:
    page = f"{base}stories/{story.id}"
    updated = max((atom_time(c.at) for c in found), default=EPOCH)
    feed = _feed(story_urn(story.id), story_title(story), updated, f"{base}feeds/stories/{story.id}.atom", page)
    for change in reversed(found):  # newest first
        entry = _add(feed, "entry")
        _add(entry, "id", change_urn(change))
        _add(entry, "title", describe(change))
        _add(entry, "updated", atom_time(change.at))
        _add(entry, "link", rel="alternate", type="text/html", href=page)
        _add(entry, "category", term=change.kind)
        lines = [describe(change)]
        lines += [f"{s.outlet or s.id}{f' ({s.published.isoformat()})' if s.published else ''}"
                  f"{f': {s.says}' if s.says else ''}" for s in change.sources]
        lines += [f"“{e.text}” [{e.source}]" for e in change.evidence[:5]]
        _add(entry, "content", "\n".join(lines), type="text")
    return feed


@router.get("/feeds/stories.atom")
def stories_atom(request: Request, web: Web) -> Response:
    found = web.recent_stories(STORIES)
    if not found:  # a store whose stories predate the history: by last report
        found = [(s, f"{s.last_seen.isoformat() if s.last_seen else '1970-01-01'}T00:00:00+00:00")
                 for s in web.stories_latest(STORIES)]
    return _xml(stories_feed(found, str(request.base_url)))


@router.get("/feeds/stories/{story_id:int}.atom")
def story_atom(story_id: int, request: Request, web: Web) -> Response:
    story = web.story(str(story_id))
    found = web.changes(None, str(story_id), claims=True)
    return _xml(changes_feed(story, found, str(request.base_url)))

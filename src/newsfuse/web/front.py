"""The front page's rows: each story with what a newsroom scans for — its headline, how many outlets
and articles, when it last changed, a standfirst, and badges for open conflicts and fresh activity.

The order is the store's (`Store.stories(order="front")`: size halved per day of age). Nothing here
computes a brief: the standfirst is the best-corroborated claim of the story's newest cached brief
(`store_history.brief_digests`; a brief is cached when its page or `newsfuse changes` computes it),
else the first sentence of the story's first report, so a page of 50 stories costs a few reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsfuse.store import Store
from newsfuse.store_history import Activity, BriefDigest, activity, brief_digests, newest_briefs, story_heads
from newsfuse.text import split_sentences
from newsfuse.types import Article, Story

# A story that began or changed within this long is badged "new" or "updated".
FRESH = dt.timedelta(hours=24)
STANDFIRST_CHARS = 280


@dataclass(frozen=True, slots=True)
class Badge:
    text: str  # the badge says what it means in words: colour only repeats it
    kind: str  # a CSS class: "conflicts", "updated", "new"
    href: str | None = None


@dataclass(frozen=True, slots=True)
class FrontRow:
    story: Story
    standfirst: str = ""
    corroborated: int = 0  # independent origins behind the standfirst; 0: it is the first report's lead
    updated: dt.datetime | None = None  # the story's last version (articles joined), if it has a history
    updated_ago: str = ""
    latest_at: str = ""  # the same time as the history writes it (the page's "seen up to" mark)
    badges: list[Badge] = field(default_factory=list)


class Memo:
    """What the rows are made of that does not change once found, kept between pages: a story's lead
    (by its first report, which never changes) and the digest of a cached brief (by story and version).
    Splitting sentences and reading the brief's JSON are most of a page's cost. Bounded: cleared when
    full."""

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self.leads: dict[tuple[int, str], str] = {}
        self.digests: dict[tuple[int, int], BriefDigest] = {}

    def lead(self, store: Store, story: Story) -> str:
        key = (story.id, story.article_ids[0] if story.article_ids else "")
        found = self.leads.get(key)
        if found is None:
            if len(self.leads) >= self.size:
                self.leads.clear()
            found = self.leads[key] = lead(store, story)
        return found

    def briefs(self, store: Store, ids: Sequence[int]) -> dict[int, BriefDigest]:
        newest = newest_briefs(store, ids)
        missing = {s: v for s, v in newest.items() if (s, v) not in self.digests}
        if missing:
            if len(self.digests) + len(missing) > self.size:
                self.digests.clear()
            self.digests.update(((d.story, d.version), d) for d in brief_digests(store, missing).values())
        return {s: self.digests[(s, v)] for s, v in newest.items() if (s, v) in self.digests}


def front_rows(store: Store, stories: Sequence[Story], now: dt.datetime | None = None,
               memo: Memo | None = None) -> list[FrontRow]:
    now = now or dt.datetime.now(dt.UTC)
    memo = memo or Memo()
    ids = [s.id for s in stories]
    acts = activity(store, ids)
    digests = memo.briefs(store, ids)
    return [_row(store, s, acts.get(s.id), digests.get(s.id), now, memo) for s in stories]


def _row(store: Store, story: Story, act: Activity | None, digest: BriefDigest | None,
         now: dt.datetime, memo: Memo) -> FrontRow:
    badges: list[Badge] = []
    if digest is not None and digest.conflicts:
        n = digest.conflicts
        badges.append(Badge(f"{n} conflict{'' if n == 1 else 's'}", "conflicts", f"/stories/{story.id}#conflicts"))
    updated = None
    if act is not None:
        updated = dt.datetime.fromisoformat(act.last)
        if now - dt.datetime.fromisoformat(act.first) <= FRESH:
            badges.append(Badge("new", "new"))
        elif now - updated <= FRESH:
            badges.append(Badge("updated", "updated"))
    if digest is not None and digest.claim:
        standfirst, corroborated = digest.claim, digest.independent
    else:
        standfirst, corroborated = memo.lead(store, story), 0
    return FrontRow(story, _clip(standfirst), corroborated, updated, ago(updated, now) if updated else "",
                    act.last if act else "", badges)


def lead(store: Store, story: Story) -> str:
    """The first sentence of the story's first report that is not its title: what it opened with."""
    for title, text in story_heads(store, story.id, limit=1):
        article = Article(id="lead", text=text)
        for sentence in split_sentences(article):
            words = " ".join(sentence.text.split())
            if words and words != " ".join(title.split()) and words != story.title and len(words) > 20:
                return words
    return ""


def _clip(text: str) -> str:
    if len(text) <= STANDFIRST_CHARS:
        return text
    cut = text[:STANDFIRST_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def ago(then: dt.datetime, now: dt.datetime) -> str:
    """How long ago, as a reader says it: "just now", "12 min ago", "3 h ago", "yesterday", "4 days ago"."""
    seconds = (now - then).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    return "yesterday" if days == 1 else f"{days} days ago"

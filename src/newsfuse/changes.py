"""What changed in the stories since a time: the story-level changes read from the store's history
(a story begins, an article or an outlet joins) and the claim-level ones derived from two briefs of a
story (a new claim and who reported it first, a figure updated, a conflict opened or resolved, a
quote's wording or speaker changed).

A driver, like `stream.py`: it reads the history the store keeps (`store_history`) and briefs a story
as of a version with `pipeline.brief`; no stage imports it. A brief as of a version is computed when
first asked for and cached in the store, keyed by the settings it was made with.

    with Store.open("news.db") as store:
        for change in changes(store, since="2025-05-12T08:00"):
            print(describe(change))
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from newsfuse.config import Settings, load_settings
from newsfuse.embed import Embedder
from newsfuse.render.plural import count
from newsfuse.store import Store
from newsfuse.store_history import (
    Link,
    Version,
    article_info,
    cache_brief,
    cached_brief,
    story_links,
    story_titles,
    story_versions,
    timestamp,
    versions,
)
from newsfuse.types import Change, ChangeKind, ChangeSource, Evidence

BriefDict = Mapping[str, Any]


def changes(store: Store, *, since: dt.datetime | str | None = None, story: int | None = None,
            claims: bool = True, settings: Settings | None = None, embedder: Embedder | None = None) -> list[Change]:
    """The changes recorded at or after `since` (naive: UTC; None: the whole history), of one story or
    of all, oldest first. With `claims`, each changed story is briefed as of before `since` and as of
    now, and the two briefs are compared (slower: a brief per story not yet cached)."""
    mark = timestamp(since) if since is not None else None
    recent = versions(store, since=mark, story=story)
    by_story: dict[int, list[Version]] = {}
    for v in reversed(recent):  # oldest first
        by_story.setdefault(v.story, []).append(v)
    titles = story_titles(store, list(by_story))
    infos = article_info(store, [a for v in recent for a in v.added])
    links = _links_by_version(story_links(store, list(by_story)))
    found: list[Change] = []
    briefs = _Briefs(store, settings, embedder) if claims else None
    for story_id, window in by_story.items():
        title = titles.get(story_id, "")
        for v in window:
            found.extend(_story_changes(v, title, infos, links.get((v.story, v.version), [])))
        if briefs is not None:
            found.extend(_claim_changes(store, story_id, window, briefs))
    order = {"merged": 0, "split": 0, "new-story": 0, "new-outlet": 1, "new-article": 2}
    found.sort(key=lambda c: (c.at, c.story, order.get(c.kind, 3)))
    return found


def _source(info: Any, says: str = "") -> ChangeSource:
    return ChangeSource(info.id, info.outlet, info.published, says)


def _links_by_version(links: list[Link]) -> dict[tuple[int, int], list[Link]]:
    """(story, version) → the merges and splits that version records: a merge on the story merged
    into, a split on both the story split from and the new one (its first version)."""
    out: dict[tuple[int, int], list[Link]] = {}
    for link in links:
        out.setdefault((link.other, link.version), []).append(link)
        if link.kind == "split":
            out.setdefault((link.story, 1), []).append(link)
    return out


def _link_change(v: Version, link: Link, infos: Mapping[str, Any]) -> Change:
    """ "story 12 merged into story 7", "story 15 split from story 7": before and after are the ids."""
    moved = [_source(infos[a]) for a in link.articles if a in infos]
    if link.kind == "merged":
        return Change(v.story, v.at, "merged", f"story {link.story} merged into story {link.other}", str(link.story),
                      str(link.other), moved)
    return Change(v.story, v.at, "split", f"story {link.story} split from story {link.other}", str(link.other),
                  str(link.story), moved)


def _story_changes(v: Version, title: str, infos: Mapping[str, Any], links: Sequence[Link] = ()) -> Iterable[Change]:
    """A story begun, the outlets new to it, the articles that joined (from the history alone); a
    merge or split that the version records is one change, not a line per article that moved."""
    for link in links:
        yield _link_change(v, link, infos)
    moved = {a for link in links for a in link.articles}
    joined = [infos[a] for a in v.added if a in infos and a not in moved]
    if v.version == 1 and not links:
        yield Change(v.story, v.at, "new-story", title, None, count(len(joined), "article"),
                     [_source(i) for i in joined])
        return
    for outlet in v.outlets_added:
        yield Change(v.story, v.at, "new-outlet", outlet, None, outlet,
                     [_source(i) for i in joined if i.outlet == outlet])
    for info in joined:
        yield Change(v.story, v.at, "new-article", info.title or info.id, None, info.outlet or None, [_source(info)])


def settings_digest(settings: Settings) -> str:
    """The key of the briefs made with these settings in the store's cache of briefs."""
    text = json.dumps(settings.to_dict(), sort_keys=True, default=str)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


class _Briefs:
    """Briefs of a story as of a version: from the store's cache, else computed and cached."""

    def __init__(self, store: Store, settings: Settings | None, embedder: Embedder | None) -> None:
        self.store = store
        self.settings = settings or load_settings()
        self.digest = settings_digest(self.settings)
        self._embedder = embedder

    def get(self, story: int, version: int, later: set[str]) -> BriefDict | None:
        """The brief of `story` as of `version`: its articles but those that joined later (`later`)."""
        hit = cached_brief(self.store, story, version, self.digest)
        if hit is not None:
            return hit
        articles = [a for a in self.store.story_articles(story) if a.id not in later]
        if not articles:
            return None
        from newsfuse.embed import load_embedder
        from newsfuse.embed_cache import cached
        from newsfuse.pipeline import brief

        if self._embedder is None:
            # The story is briefed before and after each window: only its new sentences are embedded.
            self._embedder = cached(load_embedder(self.settings.embedder, self.settings.embed_batch))
        made = brief(articles, settings=self.settings, embedder=self._embedder, id=str(story)).to_dict()
        cache_brief(self.store, story, version, self.digest, made)
        return made


def _claim_changes(store: Store, story: int, window: list[Version], briefs: _Briefs) -> list[Change]:
    """Compare the story's brief before the window with its brief at the window's last version."""
    history = story_versions(store, story)
    joined_at = {a: v.at for v in history for a in v.added}
    base, head = window[0].version - 1, window[-1].version
    after_head = {a for v in history if v.version > head for a in v.added}
    after_base = {a for v in history if v.version > base for a in v.added}
    new = briefs.get(story, head, after_head)
    if new is None:
        return []
    old = briefs.get(story, base, after_base) if base > 0 else None
    return diff_briefs(story, old, new, joined_at, default_at=window[-1].at)


def diff_briefs(story: int, old: BriefDict | None, new: BriefDict, joined_at: Mapping[str, str],
                default_at: str) -> list[Change]:
    """The claim-level changes from brief `old` (None: the story is new) to brief `new`."""
    sources = {s["id"]: ChangeSource(s["id"], s.get("outlet") or "",
                                     dt.date.fromisoformat(s["published"]) if s.get("published") else None)
               for s in new.get("sources", [])}

    def who(ids: Iterable[str], says: str = "") -> list[ChangeSource]:
        found = [sources.get(i) or ChangeSource(i, "", None) for i in dict.fromkeys(ids)]
        found.sort(key=lambda s: (s.published or dt.date.max, joined_at.get(s.id, "")))
        return [ChangeSource(s.id, s.outlet, s.published, says) for s in found]

    def when(ids: Iterable[str]) -> str:
        times = [joined_at[i] for i in ids if i in joined_at]
        return max(times) if times else default_at

    out: list[Change] = []
    old = old or {}
    old_updates = {_update_key(u) for u in old.get("updates", [])}
    new_update_about = {(u["kind"], u["about"]) for u in new.get("updates", [])}
    for u in new.get("updates", []):
        if _update_key(u) in old_updates or len(u["values"]) < 2:
            continue
        prev, last = u["values"][-2], u["values"][-1]
        named = [s for v in u["values"] for s in who(v["sources"], v["value"])]
        kind: ChangeKind = "correction" if _corrects(last) else "update"
        out.append(Change(story, when(last["sources"][:1] or last["sources"]), kind, u["about"], prev["value"],
                          last["value"], named, _evidence(e for v in u["values"] for e in v["evidence"])))
    old_conflicts = {(c["kind"], c["about"]): c for c in old.get("conflicts", [])}
    new_conflicts = {(c["kind"], c["about"]): c for c in new.get("conflicts", [])}
    for key, c in new_conflicts.items():
        before = old_conflicts.get(key)
        if before is not None and _values(before) == _values(c):
            continue
        ids = [s for v in c["values"] for s in v["sources"]]
        out.append(Change(story, when(ids), "conflict-opened", c["about"],
                          _line(before) if before is not None else None, _line(c),
                          [s for v in c["values"] for s in who(v["sources"], v["value"])],
                          _evidence(e for v in c["values"] for e in v["evidence"])))
    for key, c in old_conflicts.items():
        if key not in new_conflicts and key not in new_update_about:
            out.append(Change(story, default_at, "conflict-resolved", c["about"], _line(c), None,
                              [s for v in c["values"] for s in who(v["sources"], v["value"])],
                              _evidence(e for v in c["values"] for e in v["evidence"])))
    if old:
        out.extend(_quote_changes(story, old, new, who, when))
        seen = {(e["source"], e["sentence"]) for c in old.get("claims", []) for e in c["evidence"]}
        told: set[str] = set()  # a paragraph a page repeats is one new claim, not one per copy
        for c in new.get("claims", []):
            if any((e["source"], e["sentence"]) in seen for e in c["evidence"]) or c["text"] in told:
                continue
            told.add(c["text"])
            named = who(c["sources"])
            first = named[0] if named else None
            said = (f"first reported by {first.outlet or first.id}"
                    + (f" ({first.published.isoformat()})" if first.published else "")) if first else None
            out.append(Change(story, when(c["sources"]), "new-claim", c["text"], None, said, named,
                              _evidence(c["evidence"])))
    return out


def _quote_changes(story: int, old: BriefDict, new: BriefDict, who: Any, when: Any) -> list[Change]:
    """A quote cited in both briefs (a sentence in common) whose speaker changed, or which a new
    source gives in other words."""
    out: list[Change] = []
    old_quotes = [q for q in old.get("quotes", []) if not q.get("term")]
    cited = {(e["source"], e["sentence"]): q for q in old_quotes for v in q["variants"] for e in v["evidence"]}
    for q in new.get("quotes", []):
        if q.get("term"):
            continue
        match = next((cited[(e["source"], e["sentence"])] for v in q["variants"] for e in v["evidence"]
                      if (e["source"], e["sentence"]) in cited), None)
        if match is None:
            continue
        if match["speaker"] != q["speaker"]:
            out.append(Change(story, when(q["sources"]), "quote-changed", q["text"], match["speaker"] or None,
                              q["speaker"] or None, who(q["sources"], q["speaker"]),
                              _evidence(e for v in q["variants"] for e in v["evidence"])))
        known = {v["text"] for v in match["variants"]}
        old_sources = set(match["sources"])
        for v in q["variants"]:
            if v["text"] not in known and not set(v["sources"]) & old_sources:
                out.append(Change(story, when(v["sources"]), "quote-changed", q["speaker"] or q["text"],
                                  match["text"], v["text"], who(v["sources"], v["text"]), _evidence(v["evidence"])))
    return out


# A report that says it corrects an earlier one. A toll that rises is an update even when one outlet
# gives both figures; only the report's own words make it a correction. Matched on the sentence that
# carries the new value; correction notices are formulaic in every newsroom ("Correction:", "an
# earlier version of this article said ...", "Rectificatif", "Korrektur").
_CORRECTION_CUE = re.compile(
    r"\b(?:correction|corrected|an earlier version of this|previously (?:misstated|reported incorrectly)"
    r"|rectificatif|rectifié|rectifiée|erratum|korrigiert|korrektur|berichtigung|correcci[óo]n|corregid[oa]"
    r"|rettifica)\b", re.IGNORECASE)


def _corrects(last: BriefDict) -> bool:
    """An update is a correction when the report that gives the later value says it corrects."""
    return any(_CORRECTION_CUE.search(e.get("text", "")) for e in last.get("evidence", []))


def _update_key(u: BriefDict) -> tuple[str, str, tuple[str, ...]]:
    return (u["kind"], u["about"], tuple(v["normalized"] for v in u["values"]))


def _values(c: BriefDict) -> set[str]:
    return {v["normalized"] for v in c["values"]}


def _line(c: BriefDict) -> str:
    return " vs ".join(v["value"] for v in c["values"])


def _evidence(items: Iterable[Mapping[str, Any]]) -> list[Evidence]:
    return [Evidence(e["source"], int(e["sentence"]), e["text"]) for e in items]


LABELS = {"new-story": "new story", "new-article": "new article", "new-outlet": "new outlet",
          "new-claim": "new claim", "update": "updated", "correction": "corrected", "conflict-opened": "conflict",
          "conflict-resolved": "conflict resolved", "quote-changed": "quote changed", "merged": "merged",
          "split": "split"}


def describe(change: Change) -> str:
    """One line a reader takes in: "updated: number of people 9 (Daily Ledger, 2025-05-12) → 12 (Kessel
    Courier, 2025-05-13)"."""
    if change.kind in ("update", "correction"):
        def said(value: str | None) -> str:
            by = [s for s in change.sources if s.says == value]
            outlets = ", ".join(dict.fromkeys(s.outlet or s.id for s in by))
            day = min((s.published for s in by if s.published), default=None)
            return f"{value} ({outlets}{f', {day.isoformat()}' if day else ''})" if by else str(value)
        return f"{LABELS[change.kind]}: {change.about}: {said(change.before)} → {said(change.after)}"
    if change.kind in ("merged", "split"):  # "story 12 merged into story 7 (3 articles moved)"
        return f"{change.about} ({count(len(change.sources), 'article')} moved)"
    label = LABELS.get(change.kind, change.kind)
    if change.before is not None and change.after is not None:
        return f"{label}: {change.about}: {change.before} → {change.after}"
    if change.before is not None:
        return f"{label}: {change.about} (was {change.before})"
    return f"{label}: {change.about}" + (f" ({change.after})" if change.after else "")


def to_markdown(found: list[Change]) -> str:
    if not found:
        return "No changes.\n"
    by_story: dict[int, list[Change]] = {}
    for c in found:
        by_story.setdefault(c.story, []).append(c)
    lines: list[str] = []
    for story, listed in by_story.items():
        lines.append(f"## Story {story}\n")
        lines.extend(f"- {c.at[:16].replace('T', ' ')} UTC: {_md(describe(c))}" for c in listed)
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    """Article text is untrusted: no Markdown link, image or HTML can come through."""
    for ch in "\\`*_[]<>#|!":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())

"""`newsfuse watch`, one cycle: poll the sources (`ingest.poll`), store and group what is new
(`stream.ingest`), then record the sources' states — in that order, so that a stop anywhere loses
nothing committed and the next run goes on where this one stopped (a source whose articles were not
committed keeps its old validators and is asked again; its stored entries are known and skipped).

    with Store.open("news.db") as store:
        poller = Poller(settings, store.known)
        report = cycle(poller, ["feeds.opml"], store, engine, settings)
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsfuse.config import Settings
from newsfuse.engine import Executor
from newsfuse.ingest.poll import Counts, Poller, SourceState, expand
from newsfuse.render.plural import count
from newsfuse.store import Store
from newsfuse.store_history import timestamp
from newsfuse.stream import AddResult, Progress, ingest
from newsfuse.webhook import Webhook


@dataclass(slots=True)
class Cycle:
    """What one cycle did."""

    counts: Counts
    result: AddResult
    updated: int = 0  # stories that were there before and got a new article
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    pushed: int = 0  # changes delivered to the webhook

    def line(self) -> str:
        c, r = self.counts, self.result
        parts = [f"{count(c.sources, 'source')}", f"fetched {c.fetched:,}", f"not modified {c.not_modified:,}",
                 f"new {r.new:,}", f"updated {self.updated:,}",
                 f"errors {c.errors:,}"]
        if c.known:
            parts.append(f"known {c.known:,}")
        if c.waiting:
            parts.append(f"waiting {c.waiting:,}")
        if c.robots:
            parts.append(f"robots.txt {c.robots:,}")
        if r.stories:
            parts.append(f"new stories {r.stories:,}")
        if self.pushed:
            parts.append(f"changes sent {self.pushed:,}")
        return ", ".join(parts) + f" ({self.seconds:.1f} s)"


def cycle(poller: Poller, inputs: Sequence[str], store: Store, engine: Executor, settings: Settings, *,
          on_source: Callable[[Counts], None] | None = None,
          on_progress: Callable[[Progress], None] | None = None, wait: float = 0.0,
          webhook: Webhook | None = None) -> Cycle:
    """One poll of `inputs`; with a `webhook`, the changes this cycle made are POSTed to it once the
    cycle is committed (a change is only sent for what the store keeps)."""
    started = time.monotonic()
    mark = timestamp(dt.datetime.now(dt.UTC))
    sources = expand(inputs)
    def load(urls: Sequence[str]) -> dict[str, SourceState]:
        return {url: SourceState.from_row(row) for url, row in store.source_states(urls).items()}

    polled = poller.poll(sources, load([s.url for s in sources]), on_source, load)
    result = AddResult()
    joined: set[int] = set()  # the stories the new articles are in
    if polled.articles:
        result = ingest(polled.articles, store, engine, settings=settings, on_progress=on_progress, wait=wait)
        joined = {s for s in (store.article_story(a.id) for a in polled.articles) if s is not None}
    store.put_source_states([s.row() for s in polled.states])
    done = Cycle(polled.counts, result, max(0, len(joined) - result.stories), 0.0, list(polled.errors))
    if webhook is not None and result.new:
        from newsfuse.changes import changes  # briefs the changed stories: only when someone listens

        delivery = webhook.post(changes(store, since=mark, settings=settings))
        done.pushed = delivery.sent
        done.errors.extend(delivery.errors)
    done.seconds = time.monotonic() - started
    return done

"""Changes pushed out: `newsfuse watch --webhook URL` POSTs each change a cycle found, as the JSON
`newsfuse changes --format json` prints (one `Change.to_dict()` per request), so a chat bot or a
newsroom tool hears of a revised toll without polling.

The URL passes the same private-address guard as every fetch (a webhook is a request newsfuse makes
from inside its network), checked when the watch starts so a typo fails at once, not after the first
cycle. A delivery that fails is retried with backoff, then reported in the cycle's errors; it never
stops the watch, and the change stays in the store (`newsfuse changes --since` finds it again).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx

from newsfuse.config import Fetch
from newsfuse.errors import FetchError
from newsfuse.ingest.urls import Fetcher
from newsfuse.netsafe import check_url
from newsfuse.types import Change


@dataclass(slots=True)
class Delivery:
    """What one round of POSTs did."""

    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class Webhook:
    """One URL changes are POSTed to, through a `Fetcher` (its guard, pinned connections, retries
    on 429/5xx with backoff and Retry-After); closed when the watch ends."""

    def __init__(self, url: str, limits: Fetch, *, allow_private: bool | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.url = url
        private = limits.allow_private if allow_private is None else allow_private
        check_url(url, allow_private=private)
        self._fetcher = Fetcher(limits, allow_private=private, transport=transport)

    def close(self) -> None:
        self._fetcher.close()

    def post(self, found: Sequence[Change]) -> Delivery:
        done = Delivery()
        for change in found:
            problem = self._post_one(json.dumps(change.to_dict(), ensure_ascii=False).encode("utf-8"))
            if problem is None:
                done.sent += 1
            else:
                done.failed += 1
                done.errors.append(f"webhook {self.url}: {problem} (story {change.story}, {change.kind})")
        return done

    def _post_one(self, body: bytes) -> str | None:
        """None when delivered (any 2xx); else why not. Redirects are not followed: a POST that is
        redirected is a misconfigured URL, said as such."""
        try:
            status = self._fetcher.post(self.url, body, "application/json")
        except FetchError as exc:
            return exc.message
        return None if 200 <= status < 300 else f"HTTP {status}"


def open_webhook(url: str, limits: Fetch, allow_private: bool | None = None) -> Webhook:
    """The webhook for `url`, or FetchError saying why it cannot be used."""
    try:
        return Webhook(url, limits, allow_private=allow_private)
    except FetchError as exc:
        raise FetchError(f"webhook: {exc.message}", path=url, hint=exc.hint) from None

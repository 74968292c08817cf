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
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import httpx

from newsfuse.config import Fetch
from newsfuse.errors import FetchError
from newsfuse.ingest.urls import pinned_transport
from newsfuse.netsafe import check_url
from newsfuse.types import Change


@dataclass(slots=True)
class Delivery:
    """What one round of POSTs did."""

    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class Webhook:
    """One URL changes are POSTed to; closed when the watch ends."""

    def __init__(self, url: str, limits: Fetch, *, allow_private: bool | None = None,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.url = url
        self.limits = limits
        private = limits.allow_private if allow_private is None else allow_private
        check_url(url, allow_private=private)
        self._client = httpx.Client(transport=transport or pinned_transport(private), follow_redirects=False,
                                    trust_env=False, timeout=httpx.Timeout(limits.timeout),
                                    headers={"User-Agent": limits.user_agent, "Content-Type": "application/json"})

    def close(self) -> None:
        self._client.close()

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
        """None when delivered (any 2xx); else why not, after the retries. Redirects are not followed:
        a POST that is redirected is a misconfigured URL, said as such."""
        delay = self.limits.backoff
        problem = ""
        for attempt in range(self.limits.retries + 1):
            if attempt:
                time.sleep(min(delay, 8.0))
                delay *= 2
            try:
                response = self._client.post(self.url, content=body)
            except httpx.HTTPError as exc:
                problem = f"no answer ({type(exc).__name__})"
                continue
            if 200 <= response.status_code < 300:
                return None
            problem = f"HTTP {response.status_code}"
            if response.status_code < 500 and response.status_code != 429:
                break  # the receiver refuses this request: trying again will not change its mind
        return problem


def open_webhook(url: str, limits: Fetch, allow_private: bool | None = None) -> Webhook:
    """The webhook for `url`, or FetchError saying why it cannot be used."""
    try:
        return Webhook(url, limits, allow_private=allow_private)
    except FetchError as exc:
        raise FetchError(f"webhook: {exc.message}", path=url, hint=exc.hint) from None

"""The bounds on what one web request may carry. Apart from intake (which enforces them) so that the
service's config, the brief form's renderer and intake can all read them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what one request may carry. Over any of them: 413, nothing read."""

    max_body_bytes: int = 20_000_000
    max_article_bytes: int = 2_000_000
    max_brief_articles: int = 50  # a brief is computed while the client waits (~1 s per 5 articles)
    max_ingest_articles: int = 1_000
    max_files: int = 50
    max_urls: int = 10  # fetched while the client waits
    words: tuple[int, int] = (10, 2000)

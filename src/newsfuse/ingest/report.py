"""What reading produced besides articles: what was skipped (`newsfuse.types.Skipped`), and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfuse.types import Article, Skipped


@dataclass(slots=True)
class ReadResult:
    articles: list[Article] = field(default_factory=list)  # cleaned, in input order, unique ids
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # read, but not as asked (e.g. decoded as cp1252)

"""What reading produced besides articles: what was skipped, and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsfuse.types import Article


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input, or one record of it, left out with a warning (an empty file among others, a
    malformed JSONL line among good ones, a binary file met while walking a folder, ...)."""

    path: str
    line: int  # 1-based line of a JSONL record; 0 for a whole file
    reason: str

    def describe(self) -> str:
        return f"{self.path}{f':{self.line}' if self.line else ''}: {self.reason}"


@dataclass(slots=True)
class ReadResult:
    articles: list[Article] = field(default_factory=list)  # cleaned, in input order, unique ids
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # read, but not as asked (e.g. decoded as cp1252)

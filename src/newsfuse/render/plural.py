"""Counts in good English ("1 source", "2 sources"), for every rendering and the CLI's messages.

Only the regular plurals newsfuse prints; the brief's fixed words stay English whatever the articles'
language.
"""

from __future__ import annotations


def count(n: int, thing: str) -> str:
    return f"{n:,} {thing}{'' if n == 1 else 's'}"

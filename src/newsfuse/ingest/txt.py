"""Plain-text articles: the whole file is the raw article; cleaning finds title, byline and noise."""

from __future__ import annotations

from pathlib import Path

from newsfuse.types import Article


def read_txt(text: str, path: Path) -> Article:
    return Article(id=path.stem, text=text, origin=str(path), id_made=True)

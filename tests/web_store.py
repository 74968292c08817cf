"""The store the web tests serve: the seeds plus the hostile article, grouped into stories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from hostile import HOSTILE
from newsfuse.engine import LocalEngine
from newsfuse.ingest import read_articles
from newsfuse.store import Store
from newsfuse.stream import ingest

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
EVENT_DAY = dt.date(2023, 2, 22)


def build_store(db: Path, articles: list[Any]) -> None:
    """A store holding `articles` (inputs as read_articles takes them), grouped into stories.

    Four of the five seeds carry no date; they are pinned to the event's day so the pages show the
    same dates whatever day the tests run.
    """
    found = read_articles(articles).articles
    for article in found:
        if article.published is None:
            article.published, article.published_from = EVENT_DAY, "test"
    with Store.open(db) as store:
        ingest(found, store, LocalEngine(workers=1))


def seeded_store(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A store of the seeds and the hostile article (the test skips when the seeds are absent)."""
    if not SEEDS.is_dir():
        pytest.skip(f"seeds not found at {SEEDS}")
    db = tmp_path_factory.mktemp(name) / "news.db"
    build_store(db, [SEEDS, HOSTILE])
    return db

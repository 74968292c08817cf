"""The tune half of ECB+ dev (topics ≡ 2 mod 4), grouped under a `Grouping`: the stories tests that pin a
grouping knob chosen there (`tests/test_stories_group.py`, `tests/test_stories_figures.py`) read and
embed its articles once each."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfuse.config import Grouping
from newsfuse.ingest import read_articles
from newsfuse.stories.features import Features, features_batch
from newsfuse.stories.group import Item, StoryGrouper
from newsfuse.stories.metrics import bcubed
from newsfuse.types import Article

ECB = Path(__file__).resolve().parents[2] / "shared" / "eval" / "stories" / "ecbplus-dev-articles.jsonl"
UNDATED = 700_000  # an undated article's stand-in day


@dataclass
class EcbTune:
    rows: list[dict[str, Any]]
    articles: list[Article]
    features: list[Features] = field(repr=False)

    def stories(self, config: Grouping) -> dict[str, int]:
        """Article id → story under `config`, in one chunk."""
        items = [Item(a.id, a.published.toordinal() if a.published else UNDATED, f, a.published is not None)
                 for a, f in zip(self.articles, self.features, strict=True)]
        return {x.article_id: x.story for x in StoryGrouper(config).group(items).assignments}

    def f1(self, story: dict[str, int]) -> float:
        """B-cubed F1 of a grouping against the gold events (an article left out is a story alone)."""
        return bcubed([str(story.get(r["id"], r["id"])) for r in self.rows], [r["label"] for r in self.rows])[2]


def ecbplus_tune() -> EcbTune:
    rows = [r for r in (json.loads(line) for line in ECB.open(encoding="utf-8")) if int(r["topic_label"]) % 4 == 2]
    ids = {r["id"] for r in rows}
    articles = [a for a in read_articles([str(ECB)]).articles if a.id in ids]
    return EcbTune(rows, articles, features_batch(articles))

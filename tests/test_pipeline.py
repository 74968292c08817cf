from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.errors import NoArticlesError
from newsfuse.pipeline import brief, brief_many
from newsfuse.types import Article, Brief

A = ("Storm Elin cut power to 40,000 homes in the north on Sunday, the grid operator said. "
     "Crews expect to restore most connections by Tuesday.")
B = ("About 40,000 households lost electricity when Storm Elin hit the north on Sunday. "
     "The operator said repairs could take until Tuesday.")


def test_pipeline_accepts_paths_text_dicts_and_articles(tmp_path: Path, hashing_settings) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "a.txt"
    path.write_text(A)
    b = brief([str(path), B, {"id": "c", "text": A, "outlet": "Courier"}, Article("d", B, outlet="Daily")],
              words=40, settings=hashing_settings)
    assert [s.article.id for s in b.sources] == ["a", "text-1", "c", "d"]
    assert [s.number for s in b.sources] == [1, 2, 3, 4]
    assert b.sources[2].article.outlet == "Courier"
    # "a" and "c" are the same text: one origin, counted once.
    assert b.sources[0].origin == b.sources[2].origin
    assert all(item.independent <= 3 for item in b.summary)
    assert set(b.timings) >= {"read", "split", "embed", "claims", "summary"}


def test_pipeline_batch_equals_one_by_one(hashing_settings) -> None:  # type: ignore[no-untyped-def]
    clusters = [("one", [A, B]), ("two", [B, A])]
    many = list(brief_many(clusters, 30, settings=hashing_settings, chunk=1))
    single = [brief(docs, 30, settings=hashing_settings, id=cid) for cid, docs in clusters]
    assert [b.id for b in many] == ["one", "two"]
    assert [[i.text for i in b.summary] for b in many] == [[i.text for i in b.summary] for b in single]


def test_pipeline_no_articles(hashing_settings) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NoArticlesError):
        brief([], settings=hashing_settings)


def test_pipeline_seeds_disputed_summary_points(seeds_brief: Brief) -> None:
    # A summary sentence that states a value another outlet contradicts says so.
    for item in seeds_brief.summary:
        for index in item.conflicts:
            stated = {(e.source, e.sentence) for v in seeds_brief.conflicts[index].values for e in v.evidence}
            claim = next(c for c in seeds_brief.claims if c.id == item.claim)
            assert stated & {(e.source, e.sentence) for e in claim.evidence}
    duration = [i for i, c in enumerate(seeds_brief.conflicts) if c.kind == "duration"]
    assert any(set(item.conflicts) & set(duration) for item in seeds_brief.summary if "3 1/2 hours" in item.text) \
        or not any("3 1/2 hours" in item.text for item in seeds_brief.summary)

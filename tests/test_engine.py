"""Engines: the same stories wherever the per-article stage runs (in process, a pool, Ray)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path

import pytest

from newsfuse.config import Engine
from newsfuse.engine import LocalEngine, RayEngine, make_engine
from newsfuse.errors import ConfigError, MissingDependencyError
from newsfuse.ingest import iter_articles
from newsfuse.store import Store
from newsfuse.stories.features import article_features, features_batch
from newsfuse.stream import ingest
from newsfuse.types import Article
from test_store_kill import synthetic_stream

TODAY = dt.date(2024, 3, 30)


def stories(source: Path, db: Path, engine: object, *, clean: bool = False) -> list[list[str]]:
    """`clean`: the engine cleans the articles too, as `newsfuse ingest` has it do."""
    with Store.open(db) as store:
        articles = iter_articles([str(source)], clean_many=engine.clean if clean else None)  # type: ignore[attr-defined]
        result = ingest(articles, store, engine, today=TODAY)  # type: ignore[arg-type]
        assert result.new == store.count_articles()
        return sorted(sorted(s.article_ids) for s in store.stories())


@pytest.fixture(scope="module")
def stream(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("engine") / "stream.jsonl"
    synthetic_stream(path, n=600)
    return path


@pytest.mark.slow  # a process pool
def test_engine_pool_gives_the_same_stories_as_one_process(stream: Path, tmp_path: Path) -> None:
    pool = LocalEngine(workers=2)
    try:
        assert stories(stream, tmp_path / "a.db", LocalEngine(1)) == stories(stream, tmp_path / "b.db", pool, clean=True)
    finally:
        pool.close()


@pytest.mark.slow  # a process pool
def test_engine_pool_keeps_article_order_and_embeds_in_the_workers() -> None:
    articles = [Article(f"a{i}", f"Article number {i} says something about topic {i % 7}.") for i in range(40)]
    pool = LocalEngine(workers=2)
    try:
        got = pool.features(articles, "minilm-onnx")
        assert [f.id for f in got] == [a.id for a in articles]
        assert got[5].terms.tolist() == article_features(articles[5]).terms.tolist()
        here = features_batch(articles[5:7], "minilm-onnx")
        assert got[5].vector.shape == (384,)
        assert float(got[5].vector @ here[0].vector) > 0.999  # same model, same text, another process
        assert float(got[5].vector @ got[6].vector) < 0.999  # and not one vector for all
        assert len(pool.features(articles, None)[0].vector) == 0
    finally:
        pool.close()


def test_engine_unknown_name_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="local, ray"):
        make_engine(Engine(name="spark"))


def test_engine_ray_missing_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_ray(name: str, *args: object, **kwargs: object) -> object:
        if name == "ray" or name.startswith("ray."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(MissingDependencyError, match=r"newsfuse\[ray\]"):
        RayEngine()


def test_engine_stages_never_import_ray() -> None:
    src = Path(__file__).parents[1] / "src" / "newsfuse"
    offenders = [p.name for p in src.rglob("*.py") if p.name != "engine.py" and "import ray" in p.read_text()]
    assert offenders == []


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="ray is not installed (pip install newsfuse[ray])")
def test_engine_ray_gives_the_same_stories_as_local(stream: Path, tmp_path: Path) -> None:
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        on_ray = stories(stream, tmp_path / "ray.db", RayEngine(batch=256))
    finally:
        ray.shutdown()
    assert on_ray == stories(stream, tmp_path / "local.db", LocalEngine(1))


def test_engine_undated_reports_join_the_dated_one(seeds_dir: Path, tmp_path: Path) -> None:
    # Regression: four of the five seeds carry no date; placed on the ingest day they split from the
    # dated one. Undated articles are placed where the stream is, so the event stays one story.
    with Store.open(tmp_path / "seeds.db") as store:
        ingest(iter_articles([str(seeds_dir)]), store, LocalEngine(1), today=dt.date(2026, 11, 23))
        stories = store.stories()
    assert len(stories) == 1 and len(stories[0].article_ids) == 5
    assert stories[0].first_seen == dt.date(2023, 2, 22) == stories[0].last_seen

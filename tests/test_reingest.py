"""Re-ingesting stored articles is a lookup: not cleaned, no features computed, the stories unchanged."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest

import newsfuse.ingest.reader as reader_module
import newsfuse.stream as stream_module
from newsfuse.cli.stories import known_to
from newsfuse.engine import LocalEngine
from newsfuse.ingest.sources import Sources
from newsfuse.store import Store
from newsfuse.stream import ingest

TOPICS = ["the council approved the budget for schools and roads in Lowmere after a long debate",
          "rescuers searched collapsed buildings after the earthquake struck the Kessel valley overnight",
          "the central bank raised interest rates by a quarter point to fight inflation in Estwick"]


def dump(path: Path, numbers: range) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in numbers:
            topic = TOPICS[i % 3]
            text = " ".join(f"Report {i}, paragraph {p}: officials said {topic}, and residents reacted." for p in range(8))
            out.write(json.dumps({"id": f"r{i}", "url": f"https://example.org/{i}", "title": f"Report {i}",
                                  "published": "2025-05-12", "text": text}) + "\n")
    return path


def stories(store: Store) -> list[tuple[int, tuple[str, ...]]]:
    return [(s.id, tuple(s.article_ids)) for s in store.stories()]


def test_reingest_skips_cleaning_and_features_and_keeps_the_stories(tmp_path: Path, hashing_settings: object,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    first = dump(tmp_path / "first.jsonl", range(0, 12))
    both = dump(tmp_path / "both.jsonl", range(0, 18))
    with Store.open(tmp_path / "a.db") as store:
        ingest(Sources([str(first)], hashing_settings), store, LocalEngine(workers=1),  # type: ignore[arg-type]
               settings=hashing_settings)  # type: ignore[arg-type]
        before = stories(store)
        cleaned: list[str] = []
        real_clean = reader_module.clean_article
        monkeypatch.setattr(reader_module, "clean_article", lambda a: cleaned.append(a.id) or real_clean(a))
        computed: list[str] = []
        real_features = stream_module._features

        def features(engine, batch, model, stored, cross=None):  # type: ignore[no-untyped-def]
            computed.extend(a.id for a in batch if a.id not in stored)
            return real_features(engine, batch, model, stored, cross)

        monkeypatch.setattr(stream_module, "_features", features)
        again = ingest(Sources([str(first)], hashing_settings, known=partial(known_to, store)),  # type: ignore[arg-type]
                       store, LocalEngine(workers=1), settings=hashing_settings)  # type: ignore[arg-type]
        assert (again.read, again.new, again.duplicates) == (12, 0, 12)
        assert cleaned == [] and computed == [] and stories(store) == before
        mixed = ingest(Sources([str(both)], hashing_settings, known=partial(known_to, store)),  # type: ignore[arg-type]
                       store, LocalEngine(workers=1), settings=hashing_settings)  # type: ignore[arg-type]
        assert (mixed.new, mixed.duplicates) == (6, 12)
        assert cleaned == computed == [f"r{i}" for i in range(12, 18)]
        after = stories(store)
    # The same stories as one ingest of the whole dump into a fresh store gives, chunk for chunk.
    with Store.open(tmp_path / "b.db") as fresh:
        ingest(Sources([str(first)], hashing_settings), fresh, LocalEngine(workers=1),  # type: ignore[arg-type]
               settings=hashing_settings)  # type: ignore[arg-type]
        ingest(Sources([str(both)], hashing_settings), fresh, LocalEngine(workers=1),  # type: ignore[arg-type]
               settings=hashing_settings)  # type: ignore[arg-type]
        assert stories(fresh) == after

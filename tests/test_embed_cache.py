"""The vector cache of incremental briefs: a story briefed again embeds only its new sentences, and
the brief is the one an uncached embedder gives."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsfuse.config import load_settings
from newsfuse.embed import make_embedder
from newsfuse.embed_cache import CachedEmbedder, cached
from newsfuse.pipeline import brief


class Counting:
    """The hashing embedder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        self.inner = make_embedder("hashing")
        self.name, self.dim = self.inner.name, self.inner.dim
        self.asked: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.asked.extend(texts)
        return self.inner.embed(texts)


REPORTS = [
    {"id": "a", "text": "The floods in Kessel killed 9 people, officials said. Rescue teams searched the banks "
                        "of the river Aller through the night."},
    {"id": "b", "text": "Officials said the floods in Kessel killed 9 people. Hundreds of homes were damaged "
                        "when the Aller burst its banks."},
    {"id": "c", "text": "The toll of the Kessel floods rose to 12 people, officials said on Tuesday. Army "
                        "engineers began building a temporary bridge over the Aller."},
]


def test_a_grown_story_embeds_only_its_new_sentences() -> None:
    settings = load_settings(env={}, facts=False, embedder="hashing")
    counting = Counting()
    model = CachedEmbedder(counting)
    first = brief(REPORTS[:2], settings=settings, embedder=model)
    asked_first = len(counting.asked)
    assert asked_first == 4
    second = brief(REPORTS, settings=settings, embedder=model)
    assert counting.asked[asked_first:] == [s.text for s in second.sources[2].sentences]  # report c only
    assert (model.hits, model.misses) == (4, 6)
    plain = brief(REPORTS, settings=settings, embedder=counting.inner)
    assert second.to_dict()["summary"] == plain.to_dict()["summary"]
    assert [c.text for c in second.claims] == [c.text for c in plain.claims]
    assert first.sources[0].sentences[0].text == second.sources[0].sentences[0].text


def test_the_cache_is_bounded_and_keeps_the_rows_in_order() -> None:
    counting = Counting()
    model = CachedEmbedder(counting, size=3)
    texts = [f"sentence number {i} about the floods" for i in range(5)]
    rows = model.embed(texts + texts[:1])
    assert rows.shape == (6, counting.dim) and np.allclose(rows[0], rows[5])
    assert np.allclose(rows, counting.inner.embed(texts + texts[:1]))
    assert len(model._vectors) == 3  # the oldest were let go
    assert model.embed([]).shape == (0, counting.dim)


def test_one_cache_per_embedder_in_a_process() -> None:
    inner = make_embedder("hashing")
    assert cached(inner) is cached(inner) and cached(cached(inner)) is cached(inner)

"""The N×N-free similarity path (newsfuse.similarity) gives the claims and centralities the dense
matrix gives, so raising DENSE_LIMIT or lowering it changes memory, not results."""

from __future__ import annotations

import numpy as np
import pytest

from newsfuse import claims as claims_module
from newsfuse import similarity
from newsfuse.claims import build_claims, cross_source_centrality
from newsfuse.types import Article, Sentence, Source


def _sources(n_articles: int, per: int, seed: int) -> tuple[list[Source], np.ndarray]:
    rng = np.random.default_rng(seed)
    points = rng.normal(size=(per, 16))  # each article restates the same points, with noise
    sources, vectors = [], []
    for a in range(n_articles):
        aid = f"a{a}"
        sentences = [Sentence(aid, i, 0, 10, f"Point {i} as article {a} puts it, in words of its own.")
                     for i in range(per)]
        sources.append(Source(number=a + 1, article=Article(id=aid, text="x"), origin=a, sentences=sentences))
        vectors.append(points + rng.normal(scale=0.5, size=points.shape))
    v = np.concatenate(vectors).astype(np.float32)
    return sources, v / np.linalg.norm(v, axis=1, keepdims=True)


def test_lazy_centrality_equals_the_matrix() -> None:
    sources, v = _sources(4, 30, 1)
    sentences = [s for src in sources for s in src.sentences]
    dense = cross_source_centrality(sentences, v @ v.T)
    lazy = cross_source_centrality(sentences, similarity.LazySims(v))
    assert np.allclose(dense, lazy, atol=1e-5)


def test_lazy_claims_equal_dense_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    sources, v = _sources(5, 40, 2)
    dense = build_claims(sources, v, 0.65)
    monkeypatch.setattr(similarity, "DENSE_LIMIT", 10)
    lazy = build_claims(sources, v, 0.65)
    assert [sorted((e.source, e.sentence) for e in c.evidence) for c in dense] == \
        [sorted((e.source, e.sentence) for e in c.evidence) for c in lazy]
    assert claims_module.similarities is similarity.similarities


def test_lazy_pairs_never_join_one_article() -> None:
    sources, v = _sources(1, 50, 3)
    ii, jj = similarity.LazySims(v).candidate_pairs(0.0, [s.article_id for s in sources[0].sentences])
    assert len(ii) == len(jj) == 0

from __future__ import annotations

import numpy as np
import pytest

from newsfuse.embed import load_embedder
from newsfuse.errors import ConfigError

PARAPHRASES = ["China and Japan held their first formal security discussions in four years.",
               "Japan and China have held their first security talks in four years."]
OTHER = "The talks lasted about 3 1/2 hours."


def test_embed_shipped_minilm_separates_paraphrase_from_other() -> None:
    model = load_embedder("minilm-onnx")
    vectors = model.embed([*PARAPHRASES, OTHER])
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > 0.85
    assert vectors[0] @ vectors[2] < 0.6


def test_embed_batch_padding_does_not_change_vectors() -> None:
    # Dynamic padding must give each text the vector it gets alone, whatever its batch-mates' lengths.
    model = load_embedder("minilm-onnx")
    alone = model.embed([OTHER])[0]
    together = model.embed([PARAPHRASES[0] * 3, OTHER, "Yes."])[1]
    assert float(alone @ together) > 0.999


def test_embed_hashing_and_empty_input() -> None:
    model = load_embedder("hashing")
    assert model.embed([]).shape == (0, model.dim)
    vectors = model.embed(PARAPHRASES)
    assert vectors[0] @ vectors[1] > 0.2


def test_embed_unknown_name_lists_choices() -> None:
    with pytest.raises(ConfigError, match="minilm-onnx"):
        load_embedder("word2vec")


def test_batches_end_where_padding_would_cost_more_than_a_call() -> None:
    from newsfuse.embed import CALL_TOKENS, _batches

    lengths = [11, 11, 12, 13, 15, 19, 19, 19, 21, 23, 24, 24, 24, 24, 24, 26, 26, 26, 27, 27, 28, 28, 28, 29, 29,
               29, 29, 30, 30, 30, 31, 32, 32, 34, 34, 34, 34, 34, 34, 35, 35, 36, 38, 38, 38, 38, 40, 40, 41, 42,
               42, 42, 43, 44, 45, 46, 46, 46, 47, 47, 47, 48, 50, 50, 51, 51, 58, 64]  # the seeds' sentences
    batches = _batches(lengths, 16)
    assert [k for b in batches for k in b] == list(range(len(lengths)))  # every text once, in order
    assert all(len(b) <= 16 for b in batches)
    padded = sum(lengths[b[-1]] * len(b) for b in batches)
    assert padded <= 1.05 * sum(lengths)  # fixed batches of 16: 14% padding
    for b in batches:  # no batch pads a row more than a call costs, at the text it took last
        assert len(b) == 1 or (len(b) - 1) * (lengths[b[-1]] - lengths[b[-2]]) <= CALL_TOKENS
    assert [len(b) for b in _batches([30] * 40, 16)] == [16, 16, 8] and _batches([], 16) == []

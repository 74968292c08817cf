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

"""spaCy loading: by name, once, with a clear error when the model is missing."""

from __future__ import annotations

import pytest

from newsfuse.errors import ModelError
from newsfuse.facts import extract_facts
from newsfuse.facts.nlp import DEFAULT_MODEL, load_nlp, parse_texts


def test_missing_model_names_the_pip_line() -> None:
    with pytest.raises(ModelError) as err:
        load_nlp("no_such_spacy_model_xyz")
    assert "no_such_spacy_model_xyz" in str(err.value) and "pip install" in str(err.value)


def test_extract_facts_passes_the_model_name_on() -> None:
    with pytest.raises(ModelError):
        extract_facts([], [], spacy_model="no_such_spacy_model_xyz")


def test_loaded_once_without_unneeded_pipes() -> None:
    nlp = load_nlp(DEFAULT_MODEL)
    assert load_nlp(DEFAULT_MODEL) is nlp
    assert "lemmatizer" not in nlp.pipe_names and "ner" in nlp.pipe_names


def test_a_repeated_sentence_is_parsed_once() -> None:
    a, b = parse_texts(["Sun Weidong spoke in Tokyo.", "Sun Weidong spoke in Tokyo."])
    assert a is b

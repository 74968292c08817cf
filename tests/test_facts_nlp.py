"""spaCy loading: by name, once, with a clear error when the model is missing."""

from __future__ import annotations

import pytest

from newsfuse.errors import ModelError
from newsfuse.facts import extract_facts
from newsfuse.facts.nlp import DEFAULT_MODEL, load_nlp, parse_texts
from newsfuse.text import split_sentences
from newsfuse.types import Article, Source


def test_missing_model_names_the_pip_line() -> None:
    with pytest.raises(ModelError) as err:
        load_nlp("no_such_spacy_model_xyz")
    assert "no_such_spacy_model_xyz" in str(err.value) and "pip install" in str(err.value)


def test_extract_facts_passes_the_model_name_on() -> None:
    with pytest.raises(ModelError):
        extract_facts([], spacy_model="no_such_spacy_model_xyz")


def test_loaded_once_without_unneeded_pipes() -> None:
    nlp = load_nlp(DEFAULT_MODEL)
    assert load_nlp(DEFAULT_MODEL) is nlp
    assert "lemmatizer" not in nlp.pipe_names and "ner" in nlp.pipe_names


def test_a_repeated_sentence_is_parsed_once() -> None:
    a, b = parse_texts(["Sun Weidong spoke in Tokyo.", "Sun Weidong spoke in Tokyo."])
    assert a is b


def _story(name: str, text: str) -> list[Source]:
    article = Article(id=name, text=text)
    return [Source(1, article, 0, split_sentences(article))]


def test_a_prefetch_parses_what_the_facts_stage_then_reads() -> None:
    from newsfuse.facts import parsing as nlp

    stories = [_story(f"prefetch-{i}", f"Mayor Ana Ruiz said {i + 2} bridges closed on 3 May. \"We wait,\" she said.")
               for i in range(3)]
    thread = nlp.prefetch(stories)
    docs = [nlp.parse_sources(s) for s in stories]  # may run while the prefetch is still parsing
    thread.join()
    assert [[p.doc for p in parsed] for parsed in docs] == [[p.doc for p in nlp.parse_sources(s)] for s in stories]
    assert all(p.doc.has_annotation("DEP") and p.doc.has_annotation("ENT_IOB") for parsed in docs for p in parsed)


def test_a_prefetch_keeps_its_errors_for_the_facts_stage() -> None:
    from newsfuse.facts import parsing as nlp

    thread = nlp.prefetch([_story("bad-model", "Text.")], "no_such_spacy_model_xyz")
    thread.join()  # no exception escapes the thread
    with pytest.raises(ModelError):
        nlp.parse_sources(_story("bad-model", "Text."), "no_such_spacy_model_xyz")

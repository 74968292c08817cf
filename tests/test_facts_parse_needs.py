"""The selective parse: every sentence read for its entities, the syntax only where an extractor reads it."""

from __future__ import annotations

from newsfuse.facts import extract_facts
from newsfuse.facts.nlp import Parsed, clear_cache, parse_texts
from newsfuse.facts.parse_needs import needs_syntax
from newsfuse.facts.parsing import parse_sources
from newsfuse.text import split_sentences
from newsfuse.types import Article, Source

TEXT = ("The storm reached the coast of Oregon near Astoria. "            # entities only: read for them alone
        "Rain kept falling over the hills all afternoon. "               # nothing
        "Governor Tina Kotek visited the shelter. "                       # a person named in full
        "Officials counted 14 damaged houses in the county. "            # a number
        "Kotek thanked the volunteers. "                                  # a bare surname of a person
        "Crews expect to finish the repairs on Friday. "                  # a date
        "\"We are doing all we can,\" a spokesman said. "                # a quotation
        "The shelter will stay open. "                                    # next to a quotation
        "Volunteers brought blankets and food.")                          # nothing
FULL = [False, False, False, True, True, True, True, True, False]


def _parsed(text: str = TEXT) -> list[Parsed]:
    clear_cache()  # parsed from scratch: a full parse cached by another test would serve here
    article = Article(id="storm", text=text)
    return parse_sources([Source(1, article, 0, split_sentences(article))])


def test_only_sentences_an_extractor_reads_get_the_syntax() -> None:
    parsed = _parsed()
    full = [p.doc.has_annotation("DEP") for p in parsed]
    assert full == FULL, [p.text for p in parsed]
    assert needs_syntax(parsed) == full


def test_a_sentence_without_syntax_still_yields_its_entities() -> None:
    parsed = _parsed()
    first = parsed[0].doc
    assert not first.has_annotation("DEP") and not first.has_annotation("TAG")
    assert {(e.text, e.label_) for e in first.ents} == {(e.text, e.label_) for e in parse_texts([parsed[0].text])[0].ents}
    assert {"Oregon", "Astoria"} <= {e.text for e in first.ents}
    facts = extract_facts([Source(1, Article(id="storm", text=TEXT), 0, split_sentences(Article(id="storm", text=TEXT)))])
    names = {e.name for e in facts.entities.entities}
    assert {"Oregon", "Astoria", "Tina Kotek"} <= names
    kotek = next(e for e in facts.entities.entities if e.name == "Tina Kotek")
    assert len(kotek.mentions) == 2  # the bare surname in the last sentence, found through its tags


def test_the_selective_parse_gives_the_full_parse_where_it_is_read() -> None:
    parsed = _parsed()
    for p in parsed:
        full = parse_texts([p.text])[0]
        assert [(t.ent_iob_, t.ent_type_) for t in p.doc] == [(t.ent_iob_, t.ent_type_) for t in full]
        if p.doc.has_annotation("DEP"):
            assert [(t.tag_, t.dep_, t.head.i) for t in p.doc] == [(t.tag_, t.dep_, t.head.i) for t in full]

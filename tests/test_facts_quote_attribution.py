"""Who said a quote, read off the attribution patterns news uses (issue 11, item 4): a colon or a dash
after a named speaker, a name right after the closing comma, a body named in its spokesperson, and
"he said" picking up the person last named as a subject."""

from __future__ import annotations

from newsfuse.facts.quotes import QuoteSet
from parsed_sources import quotes


def speaker_of(qs: QuoteSet, words: str) -> str:
    [q] = [q for q in qs.quotes if words in q.text]
    return q.speaker


def test_a_dash_after_an_agency_names_it_not_the_place_before_it() -> None:
    qs = quotes('Indonesia - AP - "confirmed death toll passed 121,000, and 5 million people were homeless."')
    assert speaker_of(qs, "confirmed death toll") == "AP"


def test_a_colon_after_a_named_speaker() -> None:
    qs = quotes('Astana manager Marc Biver declared: "Vino denies any blood manipulation of any kind."')
    assert speaker_of(qs, "Vino denies") == "Marc Biver"


def test_the_name_after_the_closing_comma_speaks_where_the_verb_was_cut_off() -> None:
    # The splitter cut the sentence before "told CNN": the name after ',"' is still the attribution.
    qs = quotes('"She is currently limping to safe waters and three crew members died," Andrew Mwangura, head of '
                "the Seafarers Assistance Program in Mombasa, Kenya")
    assert speaker_of(qs, "limping to safe waters") == "Andrew Mwangura"


def test_a_spokeswoman_gives_her_bodys_words_and_the_next_paragraphs_too() -> None:
    qs = quotes('A Surrey Police spokeswoman said tonight: "Surrey Police and Surrey Fire and Rescue are at the '
                'scene of a large fire at a store in High Street, Banstead." "Police were alerted to a fire on the '
                'roof at 8.49pm this evening."')
    assert speaker_of(qs, "are at the scene") == "Surrey Police"
    assert speaker_of(qs, "Police were alerted") == "Surrey Police"


def test_a_quote_with_no_one_named_has_no_speaker() -> None:
    qs = quotes('The report called the crossing a "black spot" for accidents.')
    [q] = qs.quotes
    assert q.speaker == "" and q.term

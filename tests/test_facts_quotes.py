"""Quotes: finding the quoted words, their speaker, and the same quote in several sources."""

from __future__ import annotations

import pytest

from newsfuse.facts.quotes import quote_spans
from parsed_sources import quotes


@pytest.mark.parametrize(("sentence", "quoted"), [
    ("“We are seeing the return of a Cold War mentality,” Sun said.", ["We are seeing the return of a Cold War mentality"]),
    ('He warned against Japan\'s "negative moves" toward Taiwan.', ["negative moves"]),
    ("Beijing was ‘seeing the return of a Cold War mentality’, he said.", ["seeing the return of a Cold War mentality"]),
    ('He warned against "negative moves" related to Taiwan" in collusion," the outlet said.', ["negative moves"]),
    ('" we need our own state, " said a resident. " it is our right. "', ["we need our own state", "it is our right"]),
    ("Japan’s ministry said it was Japan’s right.", []),
])
def test_quote_spans(sentence: str, quoted: list[str]) -> None:
    assert [sentence[s:e] for s, e in quote_spans(sentence)] == quoted


def test_speaker_is_the_subject_of_the_speech_verb_not_the_nearest_name() -> None:
    qs = quotes("“The situation has undergone vast changes,” Sun Weidong told his counterpart Shigeo Yamada.")
    [q] = qs.quotes
    assert q.speaker == "Sun Weidong" and not q.partial


def test_pronoun_speaker_resolves_to_the_previous_subject() -> None:
    qs = quotes("Vice Foreign Minister Sun Weidong met Shigeo Yamada in Tokyo. "
                'He also warned against Japan\'s "negative moves" toward Taiwan.')
    [q] = qs.quotes
    assert (q.text, q.speaker, q.partial) == ("negative moves", "Sun Weidong", True)


def test_speaker_named_in_the_next_sentence() -> None:
    qs = quotes("Talks opened in Tokyo. “We are seeing the return of a Cold War mentality.” "
                "Sun Weidong said the talks would go on.")
    [q] = qs.quotes
    assert q.speaker == "Sun Weidong"


def test_a_scare_quoted_label_is_not_put_in_a_persons_mouth() -> None:
    qs = quotes('Shigeo Yamada expressed concern over Chinese "spy balloons," the report said.')
    [q] = qs.quotes
    assert q.text == "spy balloons" and q.speaker == "" and q.partial


def test_same_quote_across_sources_is_one_quote_with_variants() -> None:
    qs = quotes('Sun Weidong said, "We are seeing the return of unilateralism, protectionism, and a Cold War mentality."',
                "“We are seeing the return of unilateralism, protectionism and a Cold War mentality,” Sun Weidong said.")
    [q] = qs.quotes
    assert q.speaker == "Sun Weidong"
    assert q.sources == ["s0", "s1"]
    assert len(q.variants) == 2
    assert all(v.evidence and v.evidence[0].text for v in q.variants)


def test_different_quotes_stay_apart() -> None:
    qs = quotes('Sun Weidong said, "We want stable relations with Japan."',
                'Shigeo Yamada said, "We have serious concerns about the balloons."')
    assert len(qs.quotes) == 2


# --- utterances and terms -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    'Residents call the junction a "black spot" for accidents.',
    'Tokyo plans to acquire "counterstrike capability" by 2027.',
    'He has been described as the "apple of Theo Epstein\'s eye."',
    'Dubai felt a slight "tremor" after the quake in Iran.',
])
def test_a_scare_quoted_term_is_a_term(text: str) -> None:
    [q] = quotes(text).quotes
    assert q.term and q.speaker == ""


@pytest.mark.parametrize("text", [
    'Fire officer Peter Guest described the building as a "total loss".',
    'Team spokesman Tim Mead confirmed the Angels are "out of the Mark Teixeira derby."',
])
def test_a_short_quote_a_named_speaker_says_is_an_utterance(text: str) -> None:
    [q] = quotes(text).quotes
    assert not q.term and q.speaker.split()[-1] in {"Guest", "Mead"}


def test_he_said_resolves_to_the_nearest_named_speaker() -> None:
    qs = quotes("Police chief John Smith arrived at the scene at noon. The crowd outside was quiet. "
                "Officers searched the building. \"We will find whoever did this,\" he said.")
    [q] = qs.quotes
    assert q.speaker == "John Smith" and not q.term


def test_speaker_colon() -> None:
    [q] = quotes('A spokesman for Waitrose said: "Luckily no one has been hurt."').quotes
    assert q.speaker == "Waitrose"


def test_a_quotation_over_two_sentences_is_one_quote_with_the_closing_speaker() -> None:
    qs = quotes('"Normally, a small earthquake might last less than a second. This earthquake lasted '
                '500 seconds," said Charles Ammon, a professor at Penn State.')
    [q] = qs.quotes
    assert q.speaker == "Charles Ammon"
    assert q.text.startswith("Normally") and q.text.endswith("500 seconds")
    assert len(q.variants[0].evidence) == 2 and len(q.citations()) == 1


def test_a_quote_cut_by_its_attribution_is_one_quote() -> None:
    [q] = quotes('"We are ready," Sun Weidong said, "to talk at any time."').quotes
    assert q.speaker == "Sun Weidong" and "ready" in q.text and "any time" in q.text


def test_a_fragment_of_a_quote_merges_with_the_whole() -> None:
    qs = quotes('Sun Weidong said, "We are seeing the return of a Cold War mentality in the region."',
                'Sun Weidong warned of "a Cold War mentality in the region".')
    [q] = qs.quotes
    assert q.sources == ["s0", "s1"] and q.speaker == "Sun Weidong" and not q.term


def test_each_source_is_cited_once() -> None:
    qs = quotes('Sun Weidong said, "We want stable relations." Later he repeated: "We want stable relations!"',
                '"We want stable relations," Sun Weidong said.')
    [q] = qs.quotes
    cited = [ev.source for ev in q.citations()]
    assert cited == ["s0", "s1"]

from __future__ import annotations

import pytest

from newsfuse.text import concepts, content_stems, paragraphs, split_sentences, split_spans, words
from newsfuse.types import Article


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US shot down a balloon on Feb. 4, reigniting tensions. Japan reacted.",
         ["The US shot down a balloon on Feb. 4, reigniting tensions.", "Japan reacted."]),
        ("The U.S. Army was ready. The talks lasted about 3 1/2 hours.",
         ["The U.S. Army was ready.", "The talks lasted about 3 1/2 hours."]),
        ('"We are ready," he said. Then he left.', ['"We are ready," he said.', "Then he left."]),
        ("“The situation has changed,” Sun told Yamada. Gen. Smith met Sen. Doe at 3 p.m. Wednesday. They left.",
         ["“The situation has changed,” Sun told Yamada.", "Gen. Smith met Sen. Doe at 3 p.m. Wednesday.",
          "They left."]),
        ("It cost $1.5 billion. No. 10 Downing St. confirmed it.",
         ["It cost $1.5 billion.", "No. 10 Downing St. confirmed it."]),
    ],
)
def test_text_split_hard_cases(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_spans(text)] == expected


def test_text_lines_end_sentences() -> None:
    text = "A headline without a stop\nThe body starts here. It goes on."
    assert [text[s:e] for s, e in split_spans(text)] == [
        "A headline without a stop", "The body starts here.", "It goes on."]


def test_text_sentence_spans_index_the_article() -> None:
    article = Article("a", "First paragraph. Still first.\n\nSecond paragraph here.")
    sentences = split_sentences(article)
    assert [s.paragraph for s in sentences] == [0, 0, 1]
    assert all(article.text[s.start:s.end] == s.text for s in sentences)
    assert [s.index for s in sentences] == [0, 1, 2]
    assert [p[0] for p in paragraphs(article.text)] == [0, 1]


def test_text_concepts_skip_stopword_pairs() -> None:
    found = concepts("The talks lasted for hours in Tokyo")
    assert ("talk", "last") in found
    assert ("for", "hour") in found  # one content word is enough
    assert all(not (a in {"the", "in"} and b in {"the", "in"}) for a, b in found)
    assert content_stems("The talks were held") == ["talk", "held"]


def test_words_keep_combining_marks_inside_the_word() -> None:
    # Devanagari vowel signs are combining marks: without them "दिल्ली" fell apart into "द", "ल", "ल",
    # and any two Hindi texts shared those scraps (MultiLing hi: unrelated stories merged).
    assert words("भारत की राजधानी नई दिल्ली में भूकंप आया") == ["भारत", "की", "राजधानी", "नई", "दिल्ली", "में",
                                                           "भूकंप", "आया"]
    assert words("Cafe\u0301 owners’ $315 billion") == ["cafe\u0301", "owners", "315", "billion"]

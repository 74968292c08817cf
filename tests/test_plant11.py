"""Planted number changes lost on the tune sets of benchmarks/conflicts_eval.py (stop 31), each a small
real case: the figures the reader missed, a part that stood as a rival of a total, one instance told
a week apart."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.compare import StoryFacts, compare_facts
from newsfuse.facts import extract_facts
from newsfuse.text import split_sentences
from newsfuse.types import Article, Claim, Evidence, Source

DAY = dt.date(2008, 12, 11)


def story(*texts: str, days: tuple[dt.date | None, ...] = (), claim: tuple[int, int] | None = None) -> StoryFacts:
    """One source per text; `claim`: sentence k of the first and of the second source in one claim."""
    sources = []
    for i, text in enumerate(texts):
        article = Article(id=f"s{i}", text=text, published=days[i] if days else None)
        sources.append(Source(i + 1, article, i, split_sentences(article)))
    claims = []
    if claim is not None:
        ev = [Evidence("s0", claim[0], sources[0].sentences[claim[0]].text),
              Evidence("s1", claim[1], sources[1].sentences[claim[1]].text)]
        claims.append(Claim(0, ev[0].text, ev, ["s0", "s1"], 2))
    return compare_facts(sources, extract_facts(sources), claims)


def read(text: str) -> list[tuple[str, float, str]]:
    article = Article(id="a", text=text)
    sources = [Source(1, article, 0, split_sentences(article))]
    return [(f.quantity.kind, f.quantity.value, f.quantity.unit) for f in extract_facts(sources).quantities]


def values(facts: StoryFacts) -> list[set[str]]:
    return [{v.value for v in c.values} for c in facts.conflicts]


@pytest.mark.parametrize(("text", "expected"), [
    # ECB+ 8 (Greek strike): a seat count as an adjective, after "the"
    ("The Socialists hold a comfortable majority of 160 in the 300 - seat Parliament.", ("count", 300.0, "seat")),
    ("A 12-member jury heard the case.", ("count", 12.0, "member")),
    # ... and a scale as an adjective's part, with its currency
    ("They agreed a 110-billion-euro bailout.", ("money", 110e9, "EUR")),
    ("The deal is worth $143 - billion over three years.", ("money", 143e9, "USD")),
])
def test_figures_written_as_compound_adjectives_are_read(text: str, expected: tuple[str, float, str]) -> None:
    assert expected in read(text)


@pytest.mark.parametrize("text", ["Spain won a 3-0 victory.", "The 2-1 vote went his way.",
                                  "He signed a 10-year contract.", "She ran the 100-metre race."])
def test_scores_and_units_are_no_counted_nouns(text: str) -> None:
    assert not any(kind == "count" for kind, _, _ in read(text))


def test_a_part_is_no_rival_of_a_total() -> None:
    # Multi-News dev (Santorum's Ohio delegates), a planted 66 -> 99: the second report's "nine more Ohio
    # delegates" (a part, and an increment) is more like "Ohio has 99 delegates total" in words than "a
    # total of 66" is, and as a rival it sank the same-fact chance below even odds.
    facts = story("Santorum could be ineligible for 18 ohio district delegates. Ohio has 99 delegates total, "
                  "63 at stake next tuesday.",
                  "Those three districts alone take 9 delegates out of a total of 66 off the table for santorum. "
                  "But it gets worse: nine more ohio delegates may also be in jeopardy.")
    assert any({"99", "66"} <= v for v in values(facts))


def test_one_instance_told_a_week_apart_is_a_disagreement() -> None:
    # ECB+ 10 (Teixeira), a planted 121 -> 182: two reports eight days apart tell last season's line;
    # the .308 and the 33 home runs they share say it is one season, not the next instance.
    texts = ("Last season, split between the Braves and Angels, Teixeira hit .308, with 33 home runs and 182 RBI.",
             "He hit .308 with 33 homers and 121 RBIs last season, the team said.")
    facts = story(*texts, days=(DAY, DAY + dt.timedelta(days=8)), claim=(0, 0))
    assert any({"182", "121"} <= v for v in values(facts))
    assert facts.updates == []


def test_one_figure_told_a_week_apart_is_still_no_disagreement() -> None:
    # Without another figure alike, a sentence told again a week later may be the next instance.
    texts = ("The crash near Lowmere killed nine people, police said.",
             "The crash near Lowmere killed 12 people, police said.")
    facts = story(*texts, days=(DAY, DAY + dt.timedelta(days=8)), claim=(0, 0))
    assert facts.conflicts == [] and facts.updates == []


def test_a_small_number_alike_is_no_sign_of_one_instance() -> None:
    # "two" of one crash and of the next agree by chance: told a week apart, still no disagreement.
    texts = ("The crash near Lowmere killed nine people and injured two others, police said.",
             "The crash near Lowmere killed 12 people and injured two others, police said.")
    facts = story(*texts, days=(DAY, DAY + dt.timedelta(days=8)), claim=(0, 0))
    assert facts.conflicts == [] and facts.updates == []

"""Two values conflict only when they are about one fact; a changed value over days is an update;
a claim counts only the sources that agree with it. Small stories written for each case, and the
false alarms read on real news (ages of two people, tolls of two places, a part against a total)."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.config import load_settings
from newsfuse.facts import Facts, extract_facts
from newsfuse.pipeline import brief
from newsfuse.text import split_sentences
from newsfuse.types import Article, Claim, Evidence, Source

DAY = dt.date(2024, 5, 12)


def story(*texts: str, days: tuple[dt.date, ...] = (), claims: bool = True) -> Facts:
    """One source per text, published on `days` (default: all on DAY); with `claims`, sentence k of
    every source is put in claim k (the embedding alignment would join them)."""
    sources = []
    for i, text in enumerate(texts):
        article = Article(id=f"s{i}", text=text, published=days[i] if days else DAY)
        sources.append(Source(i + 1, article, i, split_sentences(article)))
    made: list[Claim] = []
    if claims:
        for k in range(min(len(s.sentences) for s in sources)):
            ev = [Evidence(s.article.id, k, s.sentences[k].text) for s in sources]
            made.append(Claim(k, ev[0].text, ev, [e.source for e in ev], len(ev)))
    return extract_facts(sources, made)


@pytest.mark.parametrize(("a", "b"), [
    # two people's ages
    ("Anwar, 51, was sacked by the prime minister in 1998.", "Mahathir, 72, sacked his deputy in 1998."),
    # two places' tolls
    ("The storm killed 50 people in Mexico, officials said.", "The storm killed 30 people in Guatemala, officials said."),
    # a part against the whole
    ("The bombings killed 213 people in Nairobi, officials said.",
     "The bombings killed 224 people in all, officials said."),
    # two teams' offers
    ("The Orioles offered him seven years, reports said.", "The Nationals offered him eight years, reports said."),
    # two sorts of one thing
    ("Police seized seven automatic rifles at the port.", "Police seized three hunting rifles at the port."),
    # a denied figure states no value
    ("No team has offered more than eight years, sources said.", "The Orioles offered seven years, sources said."),
])
def test_values_of_different_facts_are_not_a_conflict(a: str, b: str) -> None:
    assert story(a, b).conflicts == []


@pytest.mark.parametrize(("a", "b", "values"), [
    ("The storm killed 50 people in Mexico, officials said.", "The storm killed 65 people in Mexico, officials said.",
     {"50", "65"}),
    ("Anwar, 51, was sacked in 1998.", "Anwar, 53, was sacked in 1998.", {"51", "53"}),
    ("About 100 activists gathered outside the court on Monday.",
     "About 151 activists gathered outside the court on Monday.", {"About 100", "About 151"}),
])
def test_one_fact_with_two_values_is_a_conflict(a: str, b: str, values: set[str]) -> None:
    [c] = story(a, b).conflicts
    assert {v.value for v in c.values} == values


def test_sentences_recounting_other_instances_do_not_conflict() -> None:
    # Every figure differs: another season, not a disagreement about one.
    f = story("He hit 13 homers and 43 RBIs in 54 games with the Angels.",
              "He hit 33 homers and 121 RBIs in 157 games with the Angels.")
    assert f.conflicts == []


def test_a_value_that_changes_over_days_is_an_update() -> None:
    f = story("The crash near Lowmere killed nine people, police said.",
              "The crash near Lowmere killed nine people, police said.",
              "The crash near Lowmere killed 12 people, police said.",
              days=(DAY, DAY, DAY + dt.timedelta(days=1)))
    assert f.conflicts == []
    [u] = f.updates
    assert [v.value for v in u.values] == ["nine", "12"]
    assert [v.at for v in u.values] == [DAY, DAY + dt.timedelta(days=1)]
    assert u.values[0].sources == ["s0", "s1"] and u.values[1].sources == ["s2"]
    assert u.line == "nine (12 May) → 12 (13 May)"


def test_same_day_disagreement_stays_a_conflict() -> None:
    f = story("The crash near Lowmere killed nine people, police said.",
              "The crash near Lowmere killed 12 people, police said.",
              "The crash near Lowmere killed nine people, police said.",
              days=(DAY, DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=1)))
    assert f.updates == [] and len(f.conflicts) == 1


def test_a_claim_does_not_count_the_source_that_contradicts_it() -> None:
    texts = ["A bus crash near Lowmere killed nine people on Sunday, police said. The road was closed.",
             "A bus crash near Lowmere killed nine people on Sunday, police said. Rescuers came by boat.",
             "A bus crash near Lowmere killed eleven people on Sunday, police said. The driver survived."]
    b = brief([{"id": f"a{i}", "text": t, "outlet": f"Outlet {i}", "published": "2024-05-12"}
               for i, t in enumerate(texts)], settings=load_settings())
    [crash] = [c for c in b.claims if "crash" in c.text]
    stated = "nine" if "nine" in crash.text else "eleven"
    assert all(stated in e.text for e in crash.evidence)
    assert crash.against and not set(crash.against) & set(crash.sources)
    for item in b.summary:
        if item.claim == crash.id:
            assert all(stated in e.text for e in item.evidence) and not set(item.sources) & set(crash.against)


@pytest.mark.parametrize(("a", "b"), [
    ("Police locked down the neighbourhood and negotiated with the suspect until 6 p.m.,",
     "Police locked down the neighborhood and negotiated with the suspect until 6:00 p.m.,"),
    ("I ’ m not positive all three of the people were targeted,", "I'm not positive all three of the people were targeted,"),
    ("Torches and pitchforks aren't going to be necessary at all,", "Torches and pitchforks are not going to be necessary at all,"),
])
def test_house_spelling_is_not_a_different_wording(a: str, b: str) -> None:
    f = story(f'"{a}" the chief said.', f'"{b}" the chief said.', claims=False)
    assert [c for c in f.conflicts if c.kind == "quote"] == []


def test_one_speaker_named_two_ways_is_not_an_attribution_dispute() -> None:
    quote = '"I agreed with Craig and Neil immediately that Ellen is the ideal host," said'
    f = story(f"{quote} Cheryl Boone Isaacs.", f"{quote} Boone Isaacs.", claims=False)
    assert [c for c in f.conflicts if c.kind == "attribution"] == []

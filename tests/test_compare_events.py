"""The event a figure belongs to (`compare.events`): figures of two events told in one story are two
facts, not a conflict; one figure told two ways still is. Small stories written for each case."""

from __future__ import annotations

import datetime as dt

from newsfuse.compare import StoryFacts, compare_facts
from newsfuse.compare.events import FigureEvents
from newsfuse.compare.values import stated_values
from newsfuse.facts import extract_facts
from newsfuse.text import split_sentences
from newsfuse.types import Article, Claim, Evidence, Source

DAY = dt.date(2024, 5, 12)  # a Sunday


def sources_of(*texts: str, days: tuple[dt.date, ...] = ()) -> list[Source]:
    out = []
    for i, text in enumerate(texts):
        article = Article(id=f"s{i}", text=text, published=days[i] if days else DAY)
        out.append(Source(i + 1, article, i, split_sentences(article)))
    return out


def story(*texts: str, days: tuple[dt.date, ...] = ()) -> StoryFacts:
    """One source per text; sentence k of every source in claim k (the sentences say the same kind of
    thing, as the embedding alignment would find), so only the figures' events can tell them apart."""
    sources = sources_of(*texts, days=days)
    made = []
    for k in range(min(len(s.sentences) for s in sources)):
        ev = [Evidence(s.article.id, k, s.sentences[k].text) for s in sources]
        made.append(Claim(k, ev[0].text, ev, [e.source for e in ev], len(ev)))
    return compare_facts(sources, extract_facts(sources), made)


def reported(facts: StoryFacts) -> list[list[str]]:
    return [[v.value for v in c.values] for c in facts.conflicts] + [[v.value for v in u.values] for u in facts.updates]


def test_last_years_toll_is_not_this_quakes() -> None:
    facts = story("An earthquake in the province killed 40 people last year, officials said.",
                  "The earthquake in the province killed 55 people on Sunday, officials said.")
    assert reported(facts) == []


def test_two_shootings_counts_are_two_facts() -> None:
    facts = story("A shooting on the west side wounded five people on Thursday, police said.",
                  "A shooting on the west side wounded eight people on Sunday, police said.")
    assert reported(facts) == []
    # undated, in reports two months apart: another shooting, not a toll that rose
    facts = story("A shooting on the west side wounded five people, police said.",
                  "A shooting on the west side wounded eight people, police said.",
                  days=(DAY, DAY + dt.timedelta(days=60)))
    assert reported(facts) == []


def test_durations_of_two_things_are_two_facts() -> None:
    facts = story("The court heard that he spent 10 days in custody under the rule.",
                  "The court heard that the 17-year rule was struck down.")
    assert reported(facts) == []


def test_one_toll_told_two_ways_still_conflicts() -> None:
    facts = story("The fire destroyed 40 homes in the valley on Sunday, rescuers said.",
                  "Rescuers said Sunday's fire destroyed 55 homes in the valley.")
    assert reported(facts) == [["40", "55"]]
    # ... and a report of the next day giving the same toll again is a toll told a day later, not
    # another event (an undated sentence is of its report's time, give or take a developing story)
    later = story("The fire destroyed 40 homes in the valley, rescuers said.",
                  "The fire destroyed 55 homes in the valley, rescuers said.", days=(DAY, DAY + dt.timedelta(days=1)))
    assert reported(later) == [["40", "55"]]


def test_a_figure_takes_the_date_of_its_own_clause() -> None:
    sources = sources_of("In 2004 a tsunami killed 230,000 people, and on Sunday the quake killed 50 people.")
    facts = extract_facts(sources)
    items = stated_values(facts.quantities)
    events = FigureEvents(items, {p.key: p for p in facts.parsed}, facts.dates, {"s0": DAY})
    when = {s.surface: events.event(k).when for k, s in enumerate(items)}
    assert when["230,000"] == ((dt.date(2004, 1, 1), dt.date(2004, 12, 31)),)
    assert when["50"] == ((DAY, DAY),)
    big, small = (next(k for k, s in enumerate(items) if s.surface == v) for v in ("230,000", "50"))
    assert events.background(events.event(big)) and not events.background(events.event(small))


def pair_features(a: str, b: str, value_a: str, value_b: str, days: tuple[dt.date, dt.date] = (DAY, DAY)) -> dict[str, float]:
    sources = sources_of(a, b, days=days)
    facts = extract_facts(sources)
    items = stated_values(facts.quantities)
    events = FigureEvents(items, {p.key: p for p in facts.parsed}, facts.dates,
                          {s.article.id: s.article.published for s in sources})
    i = next(k for k, s in enumerate(items) if s.source == "s0" and value_a in s.surface)
    j = next(k for k, s in enumerate(items) if s.source == "s1" and value_b in s.surface)
    return events.features(i, j, cosine=0.0)


def test_times_that_do_not_meet_say_two_events() -> None:
    # a year in a clause of its own (the date readers miss a capitalised "In 2014") against a report of today
    assert pair_features("In 2014, an earthquake in the province killed 40 people, officials said.",
                         "The earthquake in the province killed 55 people, officials said.", "40", "55")["time_apart"] == 1.0
    # a participle shares the time of the clause it hangs from: one day, one quake
    assert pair_features("The quake struck on January 12, killing as many as 133,333 people.",
                         "As many as 200,000 people were killed by the quake on January 12.", "133,333",
                         "200,000")["time_apart"] == 0.0
    # undated reports a day apart: a developing story's one toll
    assert pair_features("The fire destroyed 40 homes.", "The fire destroyed 55 homes.", "40", "55",
                         days=(DAY, DAY + dt.timedelta(days=1)))["time_apart"] == 0.0


def test_durations_compare_what_lasts_as_nouns() -> None:
    told = pair_features("The court heard that he spent 10 days in custody under the rule.",
                         "The court heard that the 17-year rule was struck down.", "10 days", "17-year")
    assert told["measured_apart"] == 1.0
    # two verbs for one span ("had been awake" / "hadn't slept") are not two things
    told = pair_features("The driver had been awake more than 28 hours, the board said.",
                         "The driver, who hadn't slept in 19 hours, failed to slow down.", "28 hours", "19 hours")
    assert told["measured_apart"] == 0.0

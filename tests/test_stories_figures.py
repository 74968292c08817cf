"""Figures part two events told in the same words: a story splits when its reports form two groups
that each agree on their figures and measure the same things with other values (stories.figures)."""

from __future__ import annotations

import numpy as np
import pytest

from ecbplus_tune import ECB, ecbplus_tune
from newsfuse.config import Grouping
from newsfuse.stopwords import STOP_WORDS
from newsfuse.stories.features import article_features
from newsfuse.stories.figures import contrasting, figures
from newsfuse.stories.group import Item, StoryGrouper
from newsfuse.types import Article


def test_figures_read_a_value_with_what_it_measures() -> None:
    # Written before running: "4.6 magnitude" and "4. 6 - magnitude" (a re-tokenised feed) are one
    # figure; "1,800 people" is 1800 people; a year is no figure; a figure with no measure after it
    # (a clock time before "a.m.") is left out.
    plain, plain_measures = figures("A 4.6 magnitude quake killed 1,800 people in 2013 at 2:09 a.m.", STOP_WORDS)
    spaced, _ = figures("A 4. 6 - magnitude quake killed 1,800 people in 2013 at 2: 09 a. m.", STOP_WORDS)
    assert np.array_equal(plain, spaced)
    assert len(plain) == 3 and len(plain_measures) == 3  # magnitude=4.6, killed=1800, people=1800
    other, other_measures = figures("A 4.4 magnitude quake killed 12 people.", STOP_WORDS)
    assert not np.intersect1d(plain, other).size and np.array_equal(plain_measures, other_measures)


def _read(texts: list[str]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    read = [figures(t, STOP_WORDS) for t in texts]
    return [v for v, _ in read], [m for _, m in read]


def test_two_groups_that_agree_within_and_contradict_across_part() -> None:
    first = ["a magnitude 4.4 quake, 2 miles deep", "the 4.4 magnitude quake", "4.4 magnitude, 13 miles east"]
    second = ["a 4.6 magnitude quake, 12 miles deep", "magnitude 4.6 at 14 miles", "the 4.6 magnitude jolt"]
    assert contrasting(*_read(first + second), 3) == [[0, 1, 2], [3, 4, 5]]
    assert contrasting(*_read(first + second), 4) == []  # groups smaller than asked for
    # One event whose toll rises: each report shares the magnitude with the others, so one group.
    toll = ["7.8 magnitude, 1,800 people killed", "7.8 magnitude, 2,000 people killed", "killed 2,500 people, 7.8 magnitude",
            "7.8 magnitude; 3,000 people dead", "a 7.8 magnitude quake", "3,200 people dead after the 7.8 magnitude quake"]
    assert contrasting(*_read(toll), 3) == []
    # Two groups with no figure in common that measure other things (the outage, then its repair
    # cost) do not contradict.
    outage = ["3 cables cut", "three cables: 3 cables", "3 cables and 80 percent", "80 percent down, 3 cables"]
    repair = ["12 days of repairs", "repairs take 12 days", "after 12 days of work", "12 days later"]
    assert contrasting(*_read(outage[:3] + repair[:3]), 3) == []


# Two quakes at The Geysers, three reports each in different words (no wire copies), that differ in
# their figures: 4.4, 2.7 miles deep, 13 miles east of Cloverdale; 4.6, 1.2 miles deep, 14 miles north of Healdsburg.
QUAKES = [
    ("a", "An earthquake with a preliminary magnitude of 4.4 struck near The Geysers in Sonoma County this morning, "
          "the U.S. Geological Survey said. The quake had a depth of 2.7 miles and was centred 13 miles east of "
          "Cloverdale. There were no reports of injuries or damage, a sheriff's dispatcher said."),
    ("a", "A 4.4 magnitude earthquake shook a remote area of Sonoma County near The Geysers, where geothermal power "
          "plants tap steam. The USGS put its depth at 2.7 miles, 13 miles east of Cloverdale. Residents of Cobb "
          "felt a sharp jolt, but no damage was reported."),
    ("a", "The Geysers was rattled by a magnitude 4.4 earthquake this morning, 13 miles east of Cloverdale and 2.7 "
          "miles deep, the Geological Survey reported. Small quakes are common at The Geysers; this one was felt "
          "in Santa Rosa. No injuries were reported in Sonoma County."),
    ("b", "An earthquake with a preliminary magnitude of 4.6 was recorded near The Geysers in Sonoma County early "
          "this morning, the U.S. Geological Survey said. It had a depth of 1.2 miles, 14 miles north of "
          "Healdsburg. There were no reports of injuries or damage."),
    ("b", "A 4.6 magnitude earthquake rattled Sonoma and Lake counties near The Geysers, where power plants draw "
          "geothermal steam. The USGS said it was 1.2 miles deep and 14 miles north of Healdsburg. Residents of "
          "Cobb were shaken awake; no damage was reported."),
    ("b", "The Geysers area was shaken by a magnitude 4.6 quake before dawn, 14 miles north of Healdsburg and 1.2 "
          "miles deep, according to the Geological Survey. It was felt in Santa Rosa and Napa. The sheriff's "
          "office had no reports of injuries in Sonoma County."),
]


def test_group_two_quakes_at_one_place_told_alike_are_two_stories() -> None:
    # Written before running: the two quakes of `QUAKES` are one story by their words (split_figures
    # 0) and two by their figures.
    articles = [Article(id=f"{quake}{k}", text=text) for k, (quake, text) in enumerate(QUAKES)]
    items = [Item(a.id, 739_000, article_features(a)) for a in articles]

    def stories(config: Grouping) -> dict[str, int]:
        return {x.article_id: x.story for x in StoryGrouper(config).group(items).assignments}

    assert len(set(stories(Grouping(split_figures=0)).values())) == 1
    parted = stories(Grouping())
    assert len({parted[a.id] for a in articles[:3]}) == len({parted[a.id] for a in articles[3:]}) == 1
    assert parted[articles[0].id] != parted[articles[3].id]


@pytest.mark.slow  # reads and groups 250 articles twice: ~5 s
@pytest.mark.skipif(not ECB.is_file(), reason="the ECB+ dev story set (../shared/eval) is not here")
def test_group_ecbplus_tune_geysers_quakes_part_and_no_other_tune_story_splits() -> None:
    # The tune half of ECB+ dev (topics = 2 mod 4), where `split_figures` was chosen: topic 38's two
    # quakes at The Geysers (4.4 on a Sunday, 4.6 on Thursday 14 March 2013) were one story by words;
    # the figures part them (one 4.6 report, a blog that calls it 4.4, goes with the 4.4 quake).
    tune = ecbplus_tune()
    rows, stories, f1 = tune.rows, tune.stories, tune.f1
    shipped, words = stories(Grouping()), stories(Grouping(split_figures=0))
    quakes = {label: {shipped[r["id"]] for r in rows if r["label"] == label and r["id"] in shipped}
              for label in ("38_ecb", "38_ecbplus")}
    assert len({words[r["id"]] for r in rows if r["topic_label"] == "38" and r["id"] in words}) == 1
    assert len(quakes["38_ecb"]) == 1 and quakes["38_ecb"] < quakes["38_ecbplus"] | quakes["38_ecb"]
    assert len(set(shipped.values())) == len(set(words.values())) + 1  # only that story splits
    assert f1(shipped) > f1(words) >= 0.935  # 0.947 and 0.941 measured


LATER = [  # two later reports of the 4.6 quake, in the words of the 4.4 quake's reports
    ("b", "Residents of Cobb and Cloverdale felt a sharp jolt from the magnitude 4.6 earthquake, 1.2 miles deep and "
          "14 miles north of Healdsburg, a sheriff's dispatcher said. Geothermal power plants that tap steam at The "
          "Geysers in a remote area of Sonoma County reported no damage."),
    ("b", "The 4.6 magnitude quake that shook a remote area of Sonoma County near The Geysers steam plants, 14 miles "
          "north of Healdsburg and 1.2 miles deep, was felt by residents of Cobb and Cloverdale, according to the "
          "USGS. No injuries or damage were reported by the dispatcher."),
]


def test_a_later_report_of_an_event_split_off_joins_it_in_the_stream() -> None:
    # Written before running: the first chunk's story splits by its figures (test above); a second
    # chunk's reports of the 4.6 quake, worded as the 4.4 quake's were, join the 4.4 story by their
    # words and end with the 4.6 quake's reports: two stories, one per quake.
    first = [Article(id=f"{quake}{k}", text=text) for k, (quake, text) in enumerate(QUAKES)]
    later = [Article(id=f"{quake}{k + len(QUAKES)}", text=text) for k, (quake, text) in enumerate(LATER)]
    grouper = StoryGrouper(Grouping())
    story = {x.article_id: x.story for x in grouper.group([Item(a.id, 739_000, article_features(a)) for a in first])
             .assignments}
    result = grouper.group([Item(a.id, 739_001, article_features(a)) for a in later])
    story.update({a: into for a, into in result.moved.items()})
    for gone, into in result.merged:
        story = {a: into if s == gone else s for a, s in story.items()}
    story.update({x.article_id: x.story for x in result.assignments})
    assert len({story[a.id] for a in first[:3]}) == 1
    assert len({story[a.id] for a in first[3:] + later}) == 1
    assert story[first[0].id] != story[first[3].id]
    assert result.merged and result.split  # what the store records of it (here: joined, then parted)


def test_average_link_keeps_apart_clusters_that_must_not_merge() -> None:
    from newsfuse.stories.agglomerate import average_link

    # Three clusters all linked at 0.5: 0 and 2 may not merge, so 1 joins one of them and the union
    # stays apart from the other.
    sums = np.full((3, 3), 0.5)
    apart = np.zeros((3, 3), bool)
    apart[0, 2] = apart[2, 0] = True
    ones, never = np.ones(3, int), np.zeros(3, bool)
    root = average_link(sums, ones, never, ones, np.zeros(3, int), threshold=0.3, quiet=7, apart=apart)
    assert root[0] != root[2] and root[1] in (root[0], root[2])
    assert len(set(average_link(sums, ones, never, ones, np.zeros(3, int), threshold=0.3, quiet=7).tolist())) == 1

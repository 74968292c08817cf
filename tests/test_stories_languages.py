"""Signals across languages count only across languages (issue 16, item 4; issue 15): a story that
holds an English and a French report compares its English members with another English report by
their words, as a story of one language would, not through the cross model (stories/languages.py).

The cross-model vectors here are written by hand (8 dimensions, in `features.cross_vector`'s
layout), with cosines of the kind USE-m gives: a report and its translation 0.8, two reports of
two earthquakes 0.6 (it reads the topic, not the event), across the two events and languages 0.4.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from newsfuse.config import Grouping
from newsfuse.stories.features import Features, article_features, cross_vector
from newsfuse.stories.group import DocumentFrequencies, Item, StoryGrouper
from newsfuse.stories.languages import language_anchors, language_of, language_rows
from newsfuse.stories.links import Links, Parts, cross_sums
from newsfuse.stories.reconcile import Member, Weights, member_parts, story_parts
from newsfuse.types import Article

DIM = 8
DAY = dt.date(2023, 3, 3).toordinal()

CHILE = [
    "Magnitude 6.8 earthquake strikes central Chile. A strong earthquake of magnitude 6.8 struck off the coast of "
    "central Chile early on Friday, shaking buildings in Santiago and Valparaiso, the seismological centre said.",
    "Chile quake shakes Santiago. Residents of Santiago and Valparaiso ran into the streets on Friday as a magnitude "
    "6.8 earthquake struck off central Chile; the navy ruled out a tsunami and power was cut in several towns.",
    "Strong quake off Chile, no tsunami. The Chilean navy said Friday's magnitude 6.8 earthquake off Valparaiso did "
    "not meet the conditions for a tsunami; buildings swayed in Santiago and some towns lost power.",
]
CHILE_FR = ("Un séisme de magnitude 6,8 frappe le centre du Chili. Un fort séisme a secoué vendredi la côte du Chili, "
            "près de Valparaiso ; à Santiago les habitants sont sortis dans les rues et la marine a écarté un tsunami.")
NEPAL = [
    "Temples fall in Kathmandu as a 7.8 tremor hits Nepal. Hundreds died on Saturday when centuries-old temples and "
    "homes collapsed across Kathmandu and Bhaktapur; rescuers dug through the rubble with their hands.",
    "Nepal counts its dead after Saturday's tremor. Soldiers and volunteers pulled survivors from collapsed homes in "
    "Bhaktapur and Kathmandu overnight while aftershocks rattled the valley; the toll passed 1,000.",
]


def _unit(*pairs: tuple[int, float]) -> np.ndarray:
    v = np.zeros(DIM, np.float32)
    for i, x in pairs:
        v[i] = x
    return (v / np.linalg.norm(v)).astype(np.float32)


# cos(CHILE, NEPAL) = 0.6, cos(CHILE, CHILE_FR) = 0.8, cos(CHILE_FR, NEPAL) = 0.4
CHILE_X = _unit((0, 0.6), (1, 0.8))
NEPAL_X = _unit((0, 1.0))
CHILE_FR_X = _unit((0, 0.4), (1, 0.7), (2, float(np.sqrt(1 - 0.4**2 - 0.7**2))))


def _features(text: str, language: str, xvector: np.ndarray, n: int) -> Features:
    title, _, body = text.partition(". ")
    article = Article(f"{language}{n}", body, title=title, language=language)
    return article_features(article, xvector=cross_vector(xvector, DIM, language), anchors=True)


def _stream() -> tuple[list[Features], list[Features], list[Features]]:
    chile = [_features(t, "en", CHILE_X, i) for i, t in enumerate(CHILE)]
    nepal = [_features(t, "en", NEPAL_X, 10 + i) for i, t in enumerate(NEPAL)]
    return chile, [_features(CHILE_FR, "fr", CHILE_FR_X, 0)], nepal


def test_a_row_per_language_and_anchors_tagged_with_it() -> None:
    en, fr = cross_vector(CHILE_X, DIM, "en"), cross_vector(CHILE_FR_X, DIM, "fr")
    rows = language_rows([en, fr, np.array([en, en]), np.zeros(0, np.float32)])
    assert rows.shape == (2, len(en)) and sorted(language_of(r) for r in rows) == sorted([language_of(en),
                                                                                          language_of(fr)])
    english = rows[[language_of(r) for r in rows].index(language_of(en))]
    np.testing.assert_allclose(english, 3 * en, rtol=1e-6)  # three English members, one row
    assert language_of(en + fr) == -1  # a row of two languages (a story kept before the rows) is no one's
    ids = np.array([3, 7], np.int32)
    assert not set(language_anchors(ids, en).tolist()) & set(language_anchors(ids, fr).tolist())
    assert language_anchors(ids, np.zeros(0, np.float32)) is ids


def test_a_story_s_link_is_the_sum_of_its_members_links_whatever_their_languages() -> None:
    chile, chile_fr, nepal = _stream()
    df = DocumentFrequencies()
    df.add(f.terms for f in chile + chile_fr + nepal)
    idf, raw = df.idfs(1, 1)
    weights = Weights(idf, raw, idf * idf)
    links = Links(weights.idf2, Grouping(), cross_on=True)

    def link(members: list[Features], other: list[Features]) -> float:
        def parts(fs: list[Features]) -> Parts:
            return member_parts([Member(f.id, i, DAY, True, "", f, 0.0) for i, f in enumerate(fs)], weights)
        sums, _ = links.between(links.side([parts(members)]), links.side([parts(other)]))
        return float(sums[0, 0])

    # Average link adds up over members: the English members meet Nepal by their words only (as a
    # story of English alone would), the French one through the cross model too.
    whole = link(chile + chile_fr, nepal[:1])
    assert whole == pytest.approx(sum(link([f], nepal[:1]) for f in chile + chile_fr), abs=1e-5)
    assert whole == pytest.approx(link(chile, nepal[:1]) + link(chile_fr, nepal[:1]), abs=1e-5)


@pytest.mark.parametrize("reconcile", [True, False])
def test_an_english_story_that_gains_a_french_report_takes_no_english_report_of_another_event(reconcile: bool) -> None:
    chile, chile_fr, nepal = _stream()
    grouper = StoryGrouper(Grouping(reconcile=reconcile))
    first = grouper.group([Item(f.id, DAY, f) for f in chile + chile_fr])
    assert len({a.story for a in first.assignments}) == 1  # the French report joins its event's story
    story = first.assignments[0].story
    second = grouper.group([Item(f.id, DAY + 1, f) for f in nepal])
    assert len({a.story for a in second.assignments}) == 1
    # Kept apart by the chunk's grouping itself, not merged and split again after it (when the cross
    # cosine counted over the English pairs too, the Nepal reports joined the story in the chunk,
    # and stayed there without `reconcile`, or in a story read back from the store).
    assert second.assignments[0].story != story and not second.merged and not second.split
    # The story as kept: one row per language, each read as its language's.
    kept = grouper.live[story]
    assert kept.xvector.shape == (2, DIM + 1 + 64)
    assert cross_sums([story_parts(kept)]).languages.keys() == {language_of(cross_vector(CHILE_X, DIM, "en")),
                                                               language_of(cross_vector(CHILE_FR_X, DIM, "fr"))}


def test_the_hubness_excess_is_read_on_one_scale_whatever_the_cross_model_adds() -> None:
    # One chunk of the six articles, three neighbours each (hub_k 3). The cross model's term (here up
    # to 2.5 × (0.8 − 0.2) for the French report and its English versions) is on another scale than
    # the words; read into the excess, it made the French report a hub and the rest anti-hubs.
    chile, chile_fr, nepal = _stream()
    items = [Item(f.id, DAY, f) for f in chile + chile_fr + nepal]

    def excess(cfg: Grouping) -> dict[str, float]:
        grouper = StoryGrouper(cfg)
        grouper.group(items)
        return {m.id: m.excess for ms in grouper.members.values() for m in ms}

    weighed, unweighed = excess(Grouping(hub_k=3)), excess(Grouping(hub_k=3, cross_weight=0.0, anchor_weight=0.0))
    assert weighed.keys() == unweighed.keys() and len(weighed) == 6
    assert weighed == pytest.approx(unweighed, abs=1e-9)
    assert any(abs(e) > 0.01 for e in weighed.values())  # there is an excess to read

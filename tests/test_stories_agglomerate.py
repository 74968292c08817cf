"""Average-link agglomeration over one chunk: the most similar pair first, anchored stories never
merge with each other, spans must come within the quiet window, sizes weigh the average."""

from __future__ import annotations

import numpy as np

from newsfuse.stories.agglomerate import average_link


def run(sums: list[list[float]], *, sizes: list[int] | None = None, anchored: list[bool] | None = None,
        days: list[tuple[int, int]] | None = None, threshold: float = 0.2, quiet: int = 7,
        gap_weight: float = 0.0) -> list[int]:
    n = len(sums)
    spans = np.array(days or [(0, 0)] * n)
    root = average_link(np.array(sums, float), np.array(sizes or [1] * n), np.array(anchored or [False] * n),
                        spans[:, 0], spans[:, 1], threshold=threshold, quiet=quiet, gap_weight=gap_weight)
    return root.tolist()


def test_the_closest_pair_merges_first_so_a_weak_link_does_not_capture_an_article() -> None:
    # A1 and B1 are just above the threshold, A1 and A2 far above it. Taking articles in order would
    # put B1 with A1; merging the closest pair first keeps B1 apart: its mean link to {A1, A2} is 0.125.
    a1_b1, a1_a2, b1_a2 = 0.25, 0.6, 0.0
    assert run([[0, a1_b1, a1_a2], [a1_b1, 0, b1_a2], [a1_a2, b1_a2, 0]]) == [0, 1, 0]


def test_a_chain_of_close_articles_becomes_one_cluster() -> None:
    s = [[0, .5, .4, .3], [.5, 0, .5, .4], [.4, .5, 0, .5], [.3, .4, .5, 0]]
    assert run(s) == [0, 0, 0, 0]
    assert run(s, threshold=0.9) == [0, 1, 2, 3]


def test_two_anchored_stories_never_merge_even_through_a_new_article() -> None:
    # Stories 0 and 1 (anchored) both like article 2; it joins the closer, and the stories stay apart.
    s = [[0, .9, .5], [.9, 0, .6], [.5, .6, 0]]
    assert run(s, anchored=[True, True, False]) == [0, 1, 1]


def test_an_anchored_story_keeps_its_index_when_a_new_article_joins() -> None:
    assert run([[0, .5], [.5, 0]], anchored=[False, True]) == [1, 1]


def test_sizes_weigh_the_average_link() -> None:
    # Story 0 has 4 members; the sum of article 1's similarities to them is 1.0: a mean of 0.25.
    assert run([[0, 1.0], [1.0, 0]], sizes=[4, 1], anchored=[True, False]) == [0, 0]
    assert run([[0, 1.0], [1.0, 0]], sizes=[4, 1], anchored=[True, False], threshold=0.3) == [0, 1]


def test_spans_too_far_apart_do_not_merge() -> None:
    s = [[0, .9], [.9, 0]]
    assert run(s, days=[(0, 3), (10, 10)]) == [0, 0]  # 7 days after the story's last article
    assert run(s, days=[(0, 3), (11, 11)]) == [0, 1]


def test_one_cluster_or_none_is_left_as_it_is() -> None:
    assert run([[0]]) == [0]
    assert average_link(np.zeros((0, 0)), np.zeros(0), np.zeros(0, bool), np.zeros(0), np.zeros(0),
                        threshold=0.2, quiet=7).tolist() == []


def test_a_cluster_with_no_dated_member_is_within_any_span() -> None:
    # Clusters 0 and 1 are dated a year apart; 2 has no dated member (first after last).
    undated = (1 << 40, -(1 << 40))
    s = [[0, .5, .5], [.5, 0, .1], [.5, .1, 0]]
    assert run(s, days=[(0, 0), (365, 365), undated]) == [0, 1, 0]
    assert run([[0, .5], [.5, 0]], days=[(0, 0), (365, 365)]) == [0, 1]


def test_pairs_that_count_less_weigh_less_in_the_average_once_clusters_merge() -> None:
    # 0 and 2 are two reports in one language (a pair that counts one: 0.1, far apart); 1 is in a
    # language the cross model does not read, a pair with each that counts 0.25 and sums 0.1 (0.4
    # alone). 0 and 1 merge; {0, 1} to 2 is (0.1 + 0.1) / (1 + 0.25) = 0.16, not the mean of 0.1 and
    # 0.4 (0.25): a pair that says little must not outvote the pair that can be read.
    sums = np.array([[0, .1, .1], [.1, 0, .1], [.1, .1, 0]])
    weights = np.array([[0, .25, 1], [.25, 0, .25], [1, .25, 0]])
    spans = np.zeros(3, int)
    root = average_link(sums, np.ones(3, int), np.zeros(3, bool), spans, spans, threshold=0.2, quiet=7,
                        weights=weights)
    assert root.tolist() == [0, 0, 2]
    assert run(sums.tolist(), threshold=0.2) == [0, 1, 2]  # counted one each, nothing reaches 0.2


def test_weights_of_one_per_pair_are_the_plain_average() -> None:
    sums = np.array([[0, 1.0, .3], [1.0, 0, .2], [.3, .2, 0]])
    sizes = np.array([4, 1, 2])
    spans = np.zeros(3, int)
    for threshold in (0.1, 0.2, 0.3):
        plain = average_link(sums, sizes, np.array([True, False, False]), spans, spans, threshold=threshold, quiet=7)
        weighed = average_link(sums, sizes, np.array([True, False, False]), spans, spans, threshold=threshold,
                               quiet=7, weights=np.outer(sizes, sizes))
        assert plain.tolist() == weighed.tolist()


def test_the_date_term_lets_one_event_join_years_later_and_parts_a_weak_link() -> None:
    # Two reports linked at 0.5, three weeks apart: the hard window parts them whatever their words;
    # the date term costs 0.001 per week beyond the first (0.002 here), so they merge.
    close = [[0, .5], [.5, 0]]
    three_weeks = [(0, 0), (21, 21)]
    assert run(close, days=three_weeks, threshold=0.28) == [0, 1]
    assert run(close, days=three_weeks, threshold=0.28, gap_weight=0.001) == [0, 0]
    # Two years apart (a trial after a shooting, one event in the ECB+ gold) cost 0.103: a close link
    # joins; the linear term of before (0.07 a week) parted them.
    two_years = [(0, 0), (730, 730)]
    assert run([[0, .45], [.45, 0]], days=two_years, threshold=0.28, gap_weight=0.001) == [0, 0]
    assert run([[0, .45], [.45, 0]], days=two_years, threshold=0.28, gap_weight=0.07) == [0, 1]
    # A link that barely reaches the threshold the same day does not join two years later, and even a
    # close one parts ten years apart (0.52: the same kind of event again, the Oscars' next host).
    weak = [[0, .3], [.3, 0]]
    assert run(weak, days=[(0, 0), (0, 0)], threshold=0.28, gap_weight=0.001) == [0, 0]
    assert run(weak, days=two_years, threshold=0.28, gap_weight=0.001) == [0, 1]
    assert run([[0, .7], [.7, 0]], days=[(0, 0), (3650, 3650)], threshold=0.28, gap_weight=0.001) == [0, 1]
    # Within the quiet window nothing is taken off, and an undated cluster (first after last) pays nothing.
    assert run([[0, .281], [.281, 0]], days=[(0, 0), (7, 7)], threshold=0.28, gap_weight=0.001) == [0, 0]
    assert run(weak, days=[(0, 0), (1 << 40, -(1 << 40))], threshold=0.28, gap_weight=0.07) == [0, 0]

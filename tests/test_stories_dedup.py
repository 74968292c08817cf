"""Near-duplicates: wire copies and trimmed reprints are found, different stories are not, old entries go."""

from __future__ import annotations

import pytest

from newsfuse.stories.dedup import NearDuplicates, assign_origins, estimated_containment, lsh_bands
from newsfuse.stories.features import NUM_PERM, minhash
from newsfuse.text import words
from newsfuse.types import Article
from test_stories_group import CHILE, NEPAL, NEPAL_2


def sketch(text: str) -> tuple:
    return minhash(words(text))


def test_dedup_trimmed_reprint_is_found_and_other_stories_are_not() -> None:
    index = NearDuplicates(NUM_PERM)
    index.add("nepal", *sketch(NEPAL), day=1)
    index.add("chile", *sketch(CHILE), day=1)
    trimmed = "KATHMANDU (AP) — " + NEPAL[: len(NEPAL) * 2 // 3]
    assert index.find(*sketch(trimmed)) == "nepal"
    assert index.find(*sketch(NEPAL_2)) is None  # same event, own words: not a copy
    assert index.find(*sketch("Nothing to do with either.")) is None


def test_dedup_the_earliest_copy_is_the_original() -> None:
    index = NearDuplicates(NUM_PERM)
    index.add("first", *sketch(NEPAL), day=1)
    index.add("second", *sketch(NEPAL + " Updated at noon."), day=2)
    assert index.find(*sketch(NEPAL)) == "first"


def test_dedup_eviction_forgets_old_days() -> None:
    index = NearDuplicates(NUM_PERM)
    index.add("old", *sketch(NEPAL), day=1)
    index.add("new", *sketch(CHILE), day=9)
    assert index.evict_before(5) == ["old"]
    assert len(index) == 1 and "old" not in index
    assert index.find(*sketch(NEPAL)) is None


def test_dedup_estimated_containment_tracks_the_exact_one() -> None:
    a, na = sketch(NEPAL)
    half, nh = sketch(NEPAL[: len(NEPAL) // 2])
    other, no = sketch(CHILE)
    assert estimated_containment(a, na, half, nh) > 0.8
    assert estimated_containment(a, na, other, no) < 0.1


def test_dedup_assign_origins_on_exact_shingles_still_agrees() -> None:
    arts = [Article("a", NEPAL), Article("b", CHILE), Article("c", "KATHMANDU (AP) — " + NEPAL)]
    assert assign_origins(arts) == [0, 1, 0]


@pytest.mark.parametrize("threshold", [0.1, 0.2, 0.3, 0.5, 0.7, 0.9])
@pytest.mark.parametrize("num_perm", [16, 64, 128, 256])
def test_dedup_lsh_bands_are_the_ones_datasketch_chooses(threshold: float, num_perm: int) -> None:
    # The index is built without importing datasketch (a second of every ingest's start); its bands
    # must still be datasketch's, or it would find other candidates than the index it replaced.
    from datasketch import MinHashLSH

    try:
        theirs = MinHashLSH(threshold=threshold, num_perm=num_perm)
    except ValueError:  # datasketch refuses a single band
        pytest.skip("datasketch refuses these parameters")
    assert lsh_bands(threshold, num_perm) == (theirs.b, theirs.r)

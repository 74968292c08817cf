"""Stream and batch agree: after each chunk, live stories that now belong together merge, and a story
whose members clearly report two events splits.

Batch average-link agglomeration stops when no two clusters have an average link at the threshold
(within the quiet window). The stream commits its stories chunk by chunk, so two stories begun in
different chunks can end above the threshold: a chunk's articles join one of them (the closest) and
lift its link to the other, but two open stories never merge inside a chunk (`agglomerate`). After
each chunk the grouper restores the batch's stopping condition among the stories the chunk changed
and the open stories near them (`merge_groups`): the same average-link agglomeration, with the same
similarity (`stories.links`) and the same threshold and quiet window, over stories instead of
articles. The older story keeps its id; the other is recorded as merged into it.

The converse: a story grown article by article can hold what one batch over its members would keep
apart (an article of a second event joined while the story was small, and its event's later reports
followed it). `split_parts` re-clusters a changed story's members by the same agglomeration; a part
of at least `split_min` articles whose average link to the largest part is below the threshold by
`split_margin` becomes a story of its own, recorded as split from the story, which keeps its id. The
margin keeps a merge from being undone by the next split: a pair of groups merges at the threshold
and parts only below it by the margin. Only the link splits, not the quiet window: on the ECB+ tune
topics, splitting parts more than `quiet_days` apart too moved the stream nearer the batch but
further from the gold events, whose reports can lie weeks apart.

Merges and splits both weigh a story by its members under the IDF of now, where the grouper knows
them (every story it formed or grew since it started): a story's sums keep each member as the IDF
was when it came, and early in a stream, with few documents, that IDF counts few terms and inflates
every cosine. A changed story's sums are refreshed the same way.

What is not done: a story read back from the store (a new process, or a quiet story a late article
woke) has no members in memory, so it merges on its kept sums and is never split; a process that
runs the whole stream and one restarted half-way can differ there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsfuse.config import Grouping
from newsfuse.disjoint import DisjointSets
from newsfuse.stories.agglomerate import average_link
from newsfuse.stories.features import Features
from newsfuse.stories.figures import contradicting, contrasting
from newsfuse.stories.languages import language_anchors, language_rows
from newsfuse.stories.links import (
    UNDATED_FIRST,
    UNDATED_LAST,
    Links,
    Parts,
    averages,
    corrected,
    normalised,
    sum_terms,
)
from newsfuse.stories.state import StoryState

SPLIT_MAX = 1000  # members a story is re-clustered up to (the check is quadratic in them)
Figures = tuple[np.ndarray, np.ndarray, int]  # a story's (measure, value) pairs, measures, members with any


@dataclass(frozen=True, slots=True)
class Member:
    """What a live story keeps of each member, to weigh it again: its features, its day, the article
    it copies and its hubness excess."""

    id: str
    seq: int  # its place in the stream
    day: int
    dated: bool
    copy_of: str
    features: Features
    excess: float


@dataclass(frozen=True, slots=True)
class Weights:
    """The IDF a chunk is grouped with, and the raw one (a term seen once), to normalise members again."""

    idf: np.ndarray
    raw_idf: np.ndarray
    idf2: np.ndarray  # idf², once a chunk
    # Each member's vectors under these weights, read once: a chunk weighs a story's members again
    # for its state, its merges and its splits (id of the features → (them, u, tagged anchors, a)).
    normalised: dict[int, tuple[Features, np.ndarray, np.ndarray, np.ndarray]] = field(
        default_factory=dict, compare=False, repr=False)

    def member(self, f: Features) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """A member's term weights and number anchors (tagged with its language, and their weights),
        normalised under these weights."""
        known = self.normalised.get(id(f))
        if known is None or known[0] is not f:
            known = (f, normalised(f.terms, f.weights, self.idf, self.raw_idf), language_anchors(f.anchors, f.xvector),
                     normalised(f.anchors, f.anchor_weights, self.idf, self.raw_idf))
            self.normalised[id(f)] = known
        return known[1], known[2], known[3]


def member_parts(members: Sequence[Member], weights: Weights) -> Parts:
    """Members as one cluster, each normalised by its TF-IDF norm under the IDF of now: what one batch
    over the stream so far would compare (a story's sums keep each member as the IDF was when it came)."""
    fs = [m.features for m in members]
    read = [weights.member(f) for f in fs]
    return Parts(len(fs), [f.terms for f in fs], [u for u, _, _ in read], [t for _, t, _ in read],
                 [a for _, _, a in read], [f.vector for f in fs], [f.xvector for f in fs])


def story_parts(story: StoryState) -> Parts:
    return Parts(story.size, [story.terms], [story.weights], [story.anchor_terms], [story.anchor_weights],
                 [story.vector], [story.xvector])


def member_state(story_id: int, members: Sequence[Member], weights: Weights, max_terms: int,
                 joinable: bool = True) -> StoryState:
    """A story's state from its members, under the IDF of now."""
    p = member_parts(members, weights)
    terms, sums = sum_terms(p.terms, p.weights, max_terms)
    anchor_terms, anchor_weights = sum_terms(p.anchor_terms, p.anchor_weights, max_terms)
    vector, xvector = _vector_sums(p.vectors, p.xvectors)
    days = [m.day for m in members]
    return StoryState(story_id, terms, sums, len(members), min(days), max(days), joinable, vector,
                      sum(m.excess for m in members), xvector, anchor_terms, anchor_weights)


def merged_state(stories: Sequence[StoryState], max_terms: int) -> StoryState:
    """One story's state from several (oldest first): its sums are theirs added, its span theirs joined."""
    terms, weights = sum_terms([s.terms for s in stories], [s.weights for s in stories], max_terms)
    anchor_terms, anchor_weights = sum_terms([s.anchor_terms for s in stories], [s.anchor_weights for s in stories],
                                             max_terms)
    vector, xvector = _vector_sums([s.vector for s in stories], [s.xvector for s in stories])
    return StoryState(stories[0].id, terms, weights, sum(s.size for s in stories), min(s.first_day for s in stories),
                      max(s.last_day for s in stories), all(s.joinable for s in stories), vector,
                      sum(s.hub for s in stories), xvector, anchor_terms, anchor_weights)


def _vector_sums(vectors: Sequence[np.ndarray], xvectors: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The embedding sum (none unless every part has one) and the cross-model sums per language (of
    the parts that have one)."""
    vector = (np.sum(vectors, axis=0).astype(np.float32) if all(len(v) for v in vectors)
              else np.zeros(0, np.float32))
    return vector, language_rows(xvectors)


def _agglomerate(parts: Sequence[Parts], hubs: tuple[np.ndarray, np.ndarray], spans: np.ndarray, weights: Weights,
                 cfg: Grouping, apart: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Average-link agglomeration of clusters as the chunk's (same similarity, hubness correction,
    threshold and quiet window): each cluster's root, and the corrected link sums and pair counts.
    `hubs`: each cluster's (summed hubness excess, size); `spans`: its (first, last) day; `apart`:
    clusters that must not merge (`agglomerate.average_link`)."""
    links = Links(weights.idf2, cfg, _cross_on(parts))
    side = links.side(parts)
    sums, counts = links.between(side, side)
    sums = corrected(sums, counts, cfg.hub_weight, hubs, hubs)
    first, last = spans.reshape(len(parts), 2).T
    root = average_link(sums, side.sizes, np.zeros(len(parts), bool), first, last, threshold=cfg.threshold,
                        quiet=cfg.quiet_days, weights=counts, gap_weight=cfg.gap_weight, apart=apart)
    return root, sums, counts


def dated_span(members: Sequence[Member]) -> tuple[int, int]:
    """The span the agglomeration gives a cluster: its dated members' days (none: first after last;
    an undated article's stand-in day says where the stream was, not when its event was)."""
    days = [m.day for m in members if m.dated]
    return (min(days), max(days)) if days else (UNDATED_FIRST, UNDATED_LAST)


def _cross_on(parts: Sequence[Parts]) -> bool:
    return any(len(t) for p in parts for t in p.anchor_terms) or any(len(x) for p in parts for x in p.xvectors)


def member_figures(members: Sequence[Member]) -> Figures:
    """A story's figures as `stories.figures.contradicting` reads them: its members' (measure, value)
    pairs and measures together, and how many members have any."""
    values = [m.features.figures for m in members]
    return (np.unique(np.concatenate([*values, np.zeros(0, np.int32)])),
            np.unique(np.concatenate([*(m.features.measures for m in members), np.zeros(0, np.int32)])),
            sum(1 for v in values if len(v)))


def merge_groups(stories: Sequence[StoryState], changed: set[int], weights: Weights, cfg: Grouping, *,
                 parts_of: Callable[[StoryState], Parts] = story_parts,
                 span_of: Callable[[StoryState], tuple[int, int]] = lambda s: (s.first_day, s.last_day),
                 figures_of: Callable[[StoryState], Figures | None] = lambda s: None) -> list[list[int]]:
    """Groups (of two or more story ids, oldest first) of `stories` that average-link agglomeration
    joins at the grouping threshold, among the `changed` stories and those near one of them. Only
    joinable stories take part (a story begun by a too-short article takes copies only).
    `parts_of`: a story as the similarity reads it (its members under the IDF of now, where they are
    known); `span_of`: its span as one batch would see it (`dated_span`), where known; `figures_of`:
    its members' figures where known (`member_figures`): two stories whose figures contradict (two
    events a figure split parted, `split_parts`) do not merge."""
    pool = [s for s in stories if s.joinable]
    picked = [i for i, s in enumerate(pool) if s.id in changed]
    if not picked or len(pool) < 2:
        return []
    # Which stories are near a changed one, by their sums as kept (cheap: one sparse product) ...
    parts = [story_parts(s) for s in pool]
    links = Links(weights.idf2, cfg, _cross_on(parts))
    hubs = np.array([s.hub for s in pool]), np.array([s.size for s in pool])
    sums, counts = links.between(links.side([parts[i] for i in picked]), links.side(parts))
    near = averages(corrected(sums, counts, cfg.hub_weight, (hubs[0][picked], hubs[1][picked]), hubs), counts)
    near[np.arange(len(picked)), picked] = -np.inf
    # ... then those, weighed as one batch would (a margin: sums kept from an older IDF weigh it off).
    keep = sorted(set(picked) | set(np.flatnonzero(near.max(axis=0) >= cfg.threshold - cfg.split_margin).tolist()))
    if len(keep) < 2:
        return []
    read = [figures_of(pool[i]) for i in keep]
    known = [k for k, f in enumerate(read) if f is not None]
    apart = np.zeros((len(keep), len(keep)), bool)
    if cfg.split_figures and len(known) > 1:
        figs = [f for f in read if f is not None]
        apart[np.ix_(known, known)] = contradicting([f[0] for f in figs], [f[1] for f in figs], [f[2] for f in figs],
                                                    cfg.split_figures)
    root, _, _ = _agglomerate([parts_of(pool[i]) for i in keep], (hubs[0][keep], hubs[1][keep]),
                              np.array([span_of(pool[i]) for i in keep]), weights, cfg, apart)
    groups: dict[int, list[int]] = {}
    for i, r in enumerate(root.tolist()):
        groups.setdefault(r, []).append(pool[keep[i]].id)
    return [sorted(g) for g in groups.values() if len(g) > 1]


def split_parts(members: Sequence[Member], weights: Weights, cfg: Grouping) -> list[list[int]]:
    """The parts a story's members fall into when re-clustered as one batch would, as member
    positions: the largest first (it keeps the story), then each part that splits off. One part when
    nothing splits."""
    n = len(members)
    whole = [list(range(n))]
    if n < 2 * cfg.split_min or n > SPLIT_MAX:
        return whole
    # A copy goes with its original, without a vote, as it joined.
    position = {m.id: k for k, m in enumerate(members)}
    joined = DisjointSets(n)
    for k, m in enumerate(members):
        if m.copy_of in position:
            joined.union(position[m.copy_of], k)
    groups: dict[int, list[int]] = {}
    for k in range(n):
        groups.setdefault(joined.find(k), []).append(k)
    start = list(groups.values())
    if len(start) < 2:
        return whole
    parts = [member_parts([members[k] for k in g], weights) for g in start]
    hubs = np.array([sum(members[k].excess for k in g) for g in start]), np.array([p.size for p in parts])
    root, sums, counts = _agglomerate(parts, hubs, np.array([dated_span([members[k] for k in g]) for g in start]),
                                      weights, cfg)
    clusters: dict[int, list[int]] = {}
    for c, r in enumerate(root.tolist()):
        clusters.setdefault(r, []).append(c)
    if len(clusters) < 2:
        return _figure_parts(members, start, sums, counts, cfg) or whole
    # The largest part keeps the story (on a tie, the one with the earliest member).
    ordered = sorted(clusters.values(), key=lambda cs: (-sum(len(start[c]) for c in cs), min(min(start[c]) for c in cs)))
    kept, off = list(ordered[0]), []
    for cs in ordered[1:]:
        size = sum(len(start[c]) for c in cs)
        link = sums[np.ix_(cs, kept)].sum() / max(counts[np.ix_(cs, kept)].sum(), 1e-9)
        if size >= cfg.split_min and link < cfg.threshold - cfg.split_margin:
            off.append(cs)
        else:
            kept.extend(cs)
    if not off:
        return _figure_parts(members, start, sums, counts, cfg) or whole
    return [sorted(k for c in cs for k in start[c]) for cs in [kept, *off]]


def _figure_parts(members: Sequence[Member], start: list[list[int]], sums: np.ndarray, counts: np.ndarray,
                  cfg: Grouping) -> list[list[int]]:
    """Two parts when the members' groups (copies joined) fall into two events by their figures
    (`stories.figures.contrasting`): each group in neither goes with the one it is linked to more,
    by the same average link; [] when the figures do not part the story."""
    fs = [members[g[0]].features for g in start]
    groups = contrasting([f.figures for f in fs], [f.measures for f in fs], cfg.split_figures)
    if not groups:
        return []
    first, second = groups
    placed = set(first) | set(second)
    for c in range(len(start)):
        if c not in placed:
            to = [sums[c, first].sum() / max(counts[c, first].sum(), 1e-9),
                  sums[c, second].sum() / max(counts[c, second].sum(), 1e-9)]
            (first if to[0] >= to[1] else second).append(c)
    parts = [sorted(k for c in cs for k in start[c]) for cs in (first, second)]
    # The larger part keeps the story (on a tie, the one with the earliest member).
    return sorted(parts, key=lambda p: (-len(p), p[0]))

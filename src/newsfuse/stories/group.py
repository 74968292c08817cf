"""Story grouping: incremental, time-aware, and bounded in memory.

Articles arrive in chunks (in input order). For each chunk:

1. document frequencies are updated with the chunk, and the IDF fixed for the chunk;
2. a wire copy or reprint (MinHash containment, `NearDuplicates`) is tied to its original, in the
   chunk or in an open story, without a vote;
3. the chunk's articles and the *open* stories (live ones, plus quiet ones a late article may
   belong to) are merged by average-link agglomeration (`agglomerate.average_link`): the most
   similar pair first, while their mean pairwise similarity, less a price for the days their spans
   lie apart beyond `quiet_days` (`gap_weight`; a hard window when 0), reaches the threshold (the
   span of a group of undated articles is none: their stand-in day says where the stream was, not
   when their event was). Two existing stories never merge inside the chunk. What no story takes
   starts one;
4. the stories the chunk changed are reconciled with the live ones (`stories.reconcile`, the
   `reconcile` setting): two that now reach the threshold merge (the older keeps its id, the merge is
   recorded), and one whose members, weighed again, form a clearly separate part splits;
5. stories that have gone quiet (no article for `quiet_days` of stream time) leave memory; their
   state is in the store, and a late article dated within their span loads them back.

Similarity between two articles is the cosine of their TF-IDF vectors (names counted twice, see
features), blended with the cosine of their sentence embeddings when the stream has them
(`embed_weight`), less a hubness correction (`hub_weight`, below). A story keeps the sum of its
members' term vectors, each divided by its TF-IDF norm at arrival, the sum of their embeddings and
the sum of their hubness excess, so its average link to anything is one dot product; IDF is applied
at comparison time, so a term that was rare when the story started and common later is weighed as
it is *now*.

Hubness: some articles are close to everything (a round-up, a generic political story) and others
to little but their own story. As in CSLS (Conneau et al. 2018, for nearest neighbours across
languages), each article gets an excess: the mean similarity to its `hub_k` nearest neighbours (the
chunk's other new articles and the open stories) less the chunk's median of that mean; a pair's
similarity is lowered by `hub_weight` times the mean of the two excesses. A hub then needs more
to join, and an article with no close neighbours needs less.

Results depend only on the articles, their order and the chunk size — not on where the per-article
stage ran — which is what makes the local and Ray engines give the same stories. (One exception:
a story read back from the store has no members in memory, so it is never split; an ingest that
restarts half-way can then differ from one that did not. See `stories.reconcile`.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from newsfuse.config import Grouping
from newsfuse.disjoint import DisjointSets
from newsfuse.stories.agglomerate import average_link
from newsfuse.stories.dedup import NearDuplicates
from newsfuse.stories.features import NUM_PERM, TERM_SPACE, Features
from newsfuse.stories.languages import language_anchors, language_rows
from newsfuse.stories.links import UNDATED_FIRST, UNDATED_LAST, Links, Parts, corrected, normalised, sum_terms
from newsfuse.stories.reconcile import (
    Figures,
    Member,
    Weights,
    dated_span,
    member_figures,
    member_parts,
    member_state,
    merge_groups,
    merged_state,
    split_parts,
    story_parts,
)
from newsfuse.stories.state import StoryState

# The knobs (threshold, quiet days, hubness, ...) and their calibration are `newsfuse.config.Grouping`;
# the similarity itself (and `WORDS_SCALE`, words alone on the blended scale) is `stories.links`.
CHUNK = 512  # articles per chunk: IDF is updated per chunk, and the store commits per chunk


@dataclass(frozen=True, slots=True)
class Item:
    """One article to group: its id, its day (publication date, else where the stream is; see
    `stream._days`) and features. `dated`: the day is the article's own date, not a stand-in."""

    id: str
    day: int
    features: Features
    dated: bool = True


@dataclass(frozen=True, slots=True)
class Assignment:
    article_id: str
    story: int
    copy_of: str = ""  # the article this one is a near-copy of ("" when none)
    new_story: bool = False


@dataclass(slots=True)
class ChunkResult:
    assignments: list[Assignment]
    changed: list[StoryState]  # stories created or grown in this chunk, to be stored
    df_terms: np.ndarray  # term ids whose document frequency grew...
    df_counts: np.ndarray  # ...and by how much
    evicted: int = 0  # stories that went quiet and left memory
    # After the chunk (stories.reconcile): stories stored before that merged into an older one
    # (merged, into), stories split off (new, from), and the earlier articles a split moved (id → story).
    merged: list[tuple[int, int]] = field(default_factory=list)
    split: list[tuple[int, int]] = field(default_factory=list)
    moved: dict[str, int] = field(default_factory=dict)


class DocumentFrequencies:
    """How many articles each hashed term occurred in, over everything ingested so far."""

    def __init__(self, counts: np.ndarray | None = None, docs: int = 0) -> None:
        self.counts = np.zeros(TERM_SPACE, np.int32) if counts is None else counts.astype(np.int32)
        self.docs = docs

    def add(self, term_lists: Iterable[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        arrays = [t for t in term_lists if len(t)]
        n = len(arrays)
        if not arrays:
            self.docs += n
            return np.zeros(0, np.int32), np.zeros(0, np.int32)
        terms, counts = np.unique(np.concatenate(arrays), return_counts=True)
        self.counts[terms] += counts.astype(np.int32)
        self.docs += n
        return terms.astype(np.int32), counts.astype(np.int32)

    def idf(self, min_df: int) -> np.ndarray:
        """Smoothed IDF (as scikit-learn's), zero below `min_df`."""
        return self.idfs(min_df)[0]

    def idfs(self, *min_dfs: int) -> list[np.ndarray]:
        """The IDF zeroed below each of `min_dfs`, from one logarithm of the whole hashed space (a
        million terms: the cost of a chunk's IDF)."""
        smooth = (np.log((1.0 + self.docs) / (1.0 + self.counts)) + 1.0).astype(np.float32)
        return [np.where(self.counts < min_df, np.float32(0.0), smooth) for min_df in min_dfs]


# (lowest last_day, highest first_day, last_day below) → the quiet stories in that span
DormantLoader = Callable[[int, int, int], list[StoryState]]


class StoryGrouper:
    """Groups chunks of articles into stories; holds the live stories and the near-duplicate index."""

    def __init__(self, config: Grouping | None = None, *, df: DocumentFrequencies | None = None,
                 live: Sequence[StoryState] = (), next_id: int = 1, clock: int = 0,
                 dormant: DormantLoader | None = None,
                 recent: Iterable[tuple[str, int, np.ndarray, int, int]] = ()) -> None:
        """`live`: stories still live at `clock` (the latest day seen); `recent`: (article id, story,
        minhash, shingles, day) of the articles the near-duplicate index should know."""
        self.config = config or Grouping()
        self.df = df or DocumentFrequencies()
        self.live: dict[int, StoryState] = {s.id: s for s in live}
        self.next_id = next_id
        self.clock = clock
        self._dormant = dormant
        self.copies = NearDuplicates(NUM_PERM)
        self.story_of: dict[str, int] = {}  # article → story, for the articles in `copies`
        # Live story → its members' vectors, for a split (`stories.reconcile`); only stories whose
        # every member this grouper saw (not those read back from the store).
        self.members: dict[int, list[Member]] = {}
        self._seq = 0  # articles seen: a member's place in the stream
        for article_id, story, sketch, shingles, day in recent:
            self.copies.add(article_id, sketch, shingles, day)
            self.story_of[article_id] = story

    # -- one chunk ---------------------------------------------------------------------------------

    def group(self, items: Sequence[Item]) -> ChunkResult:
        cfg = self.config
        # Numbers count in the document frequencies as terms of their own (`features.ANCHOR_PREFIX`).
        df_terms, df_counts = self.df.add(_with_anchors(it.features) for it in items)
        idf, raw_idf = self.df.idfs(cfg.min_df, 1)
        units = [_unit(it.features, idf, raw_idf) for it in items]
        open_stories = {**self.live, **self._dormant_for(items)}
        copy_of, joined = self._copies(items, open_stories)
        clusters = _clusters(items, open_stories, joined, cfg.min_stems)
        final, excess = _merge(clusters, units, idf, cfg)
        first_new = self.next_id

        # New stories are numbered in the order of their first article, so ids follow the stream.
        story_of_cluster: dict[int, int] = {}
        assignments: list[Assignment] = []
        members: dict[int, list[int]] = {}
        for k, item in enumerate(items):
            c = final[clusters.of_article[k]]
            new_story = c not in story_of_cluster and clusters.story[c] is None
            if c not in story_of_cluster:
                story = clusters.story[c]
                story_of_cluster[c] = story.id if story is not None else self._new_id()
            story_id = story_of_cluster[c]
            members.setdefault(story_id, []).append(k)
            self.story_of[item.id] = story_id
            assignments.append(Assignment(item.id, story_id, copy_of[k], new_story))

        changed = [_fold(open_stories.get(sid), sid, [items[k] for k in ks], [units[k] for k in ks],
                         sum(excess[k] for k in ks), joinable=any(clusters.joinable[clusters.of_article[k]] for k in ks),
                         max_terms=cfg.max_story_terms) for sid, ks in members.items()]
        for story in changed:
            self.live[story.id] = story
        for sid, ks in members.items() if cfg.reconcile else ():
            known = [] if sid >= first_new else self.members.get(sid)
            if known is not None:  # a story from the store: its earlier members' vectors are not known here
                self.members[sid] = known + [_member(items[k], copy_of[k], excess[k], self._seq + k)
                                             for k in ks]
        self._seq += len(items)
        result = ChunkResult(assignments, changed, df_terms, df_counts)
        if cfg.reconcile:
            self._reconcile(result, open_stories, Weights(idf, raw_idf, idf * idf), first_new)
        self.clock = max([self.clock, *(it.day for it in items)])
        result.evicted = self._evict()
        return result

    def _reconcile(self, result: ChunkResult, open_stories: dict[int, StoryState], weights: Weights,
                   first_new: int) -> None:
        """Merge the live stories that now belong together and split those that hold two events
        (`stories.reconcile`), and say so in `result`: its assignments and changed stories are the
        stories as they end."""
        cfg = self.config
        changed = {s.id for s in result.changed}
        # A changed story whose members are known is weighed again under the IDF of now.
        for sid in changed & self.members.keys():
            self.live[sid] = member_state(sid, self.members[sid], weights, cfg.max_story_terms, self.live[sid].joinable)
        pool = {**open_stories, **self.live}
        into: dict[int, int] = {}

        def parts_of(story: StoryState) -> Parts:
            known = self.members.get(story.id)
            return member_parts(known, weights) if known is not None else story_parts(story)

        def span_of(story: StoryState) -> tuple[int, int]:
            known = self.members.get(story.id)
            return dated_span(known) if known is not None else (story.first_day, story.last_day)

        def figures_of(story: StoryState) -> Figures | None:
            known = self.members.get(story.id)
            return member_figures(known) if known is not None else None

        def merge(among: dict[int, StoryState], changed: set[int]) -> set[int]:
            """Merges the groups `merge_groups` finds; the changed stories after them."""
            for group in merge_groups(list(among.values()), changed, weights, cfg, parts_of=parts_of, span_of=span_of,
                                      figures_of=figures_of):
                keep = group[0]
                known = [self.members.get(sid) for sid in group]
                for sid in group[1:]:
                    into[sid] = keep
                    for earlier, target in into.items():  # a story merged before into one merged now
                        if target == sid:
                            into[earlier] = keep
                    self.live.pop(sid, None)
                    self.members.pop(sid, None)
                    if sid < first_new:  # a story shown before: its merge is recorded
                        result.merged.append((sid, keep))
                if all(m is not None for m in known):
                    self.members[keep] = sorted((m for ms in known for m in ms or []), key=lambda m: m.seq)
                    self.live[keep] = member_state(keep, self.members[keep], weights, cfg.max_story_terms)
                else:
                    self.members.pop(keep, None)
                    self.live[keep] = merged_state([among[sid] for sid in group], cfg.max_story_terms)
                changed = (changed - set(group)) | {keep}
            return changed

        changed = merge(pool, changed)
        moved: dict[str, int] = {}
        split_off: set[int] = set()
        for sid in sorted(changed):
            if sid not in self.members or not self.live[sid].joinable:
                continue
            everyone = self.members[sid]
            parts = split_parts(everyone, weights, cfg)
            if len(parts) < 2:
                continue
            for k, part in enumerate(parts):
                chosen = [everyone[i] for i in part]
                story_id = sid if k == 0 else self._new_id()
                if k:
                    if sid < first_new:  # a story shown before: its split is recorded
                        result.split.append((story_id, sid))
                    moved.update((m.id, story_id) for m in chosen)
                    split_off.add(story_id)
                self.live[story_id] = member_state(story_id, chosen, weights, cfg.max_story_terms)
                changed.add(story_id)
                self.members[story_id] = chosen
        if split_off and cfg.split_figures:
            # A part split off may be the rest of an event another live story holds (its earlier
            # reports, split off in an earlier chunk): it joins that story, not the one it left,
            # whose figures it contradicts.
            before = set(self.live)
            changed = merge({**{k: v for k, v in pool.items() if k in self.live}, **self.live}, split_off) | (
                changed & set(self.live))
            gone = before - set(self.live)
            changed -= gone
            for article_id, story in list(moved.items()):
                moved[article_id] = into.get(story, story)
            # A part that joined another story moved there from the story it left.
            result.split = [(into.get(new, new), into.get(source, source)) for new, source in result.split
                            if into.get(new, new) != into.get(source, source)]
        result.changed = [self.live[sid] for sid in sorted(changed)]
        if not into and not moved:
            return
        for article_id, story in list(self.story_of.items()):
            self.story_of[article_id] = moved.get(article_id, into.get(story, story))
        seen: set[int] = set()
        out: list[Assignment] = []
        for a in result.assignments:
            story = moved.get(a.article_id, into.get(a.story, a.story))
            out.append(Assignment(a.article_id, story, a.copy_of, story >= first_new and story not in seen))
            seen.add(story)
        result.assignments = out
        chunk = {a.article_id for a in out}
        result.moved = {a: s for a, s in moved.items() if a not in chunk}

    def _new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def _copies(self, items: Sequence[Item], open_stories: dict[int, StoryState]) -> tuple[list[str], DisjointSets]:
        """Which article each one copies ("" when none), and the copies joined: chunk positions
        0..n-1, then one slot per open story (n + its index in `open_stories`)."""
        n = len(items)
        slot = {sid: n + i for i, sid in enumerate(open_stories)}
        position = {it.id: k for k, it in enumerate(items)}
        joined = DisjointSets(n + len(open_stories))
        copy_of = [""] * n
        for k, item in enumerate(items):
            f = item.features
            original = self.copies.find(f.minhash, f.shingles)
            if original in position:
                joined.union(position[original], k)
                copy_of[k] = original
            elif original is not None and self.story_of.get(original) in slot:
                joined.union(slot[self.story_of[original]], k)
                copy_of[k] = original
            self.copies.add(item.id, f.minhash, f.shingles, item.day)
        return copy_of, joined

    # -- time: quiet stories leave memory, late articles bring them back ---------------------------

    def _horizon(self) -> int:
        return self.clock - self.config.quiet_days

    def _dormant_for(self, items: Sequence[Item]) -> dict[int, StoryState]:
        """Quiet stories a late article (dated before the live window) may belong to, from the store."""
        out: dict[int, StoryState] = {}
        if self._dormant is None:
            return out
        q = self.config.quiet_days
        for day in sorted({it.day for it in items if it.day < self.clock}):
            for story in self._dormant(day - q, day + q, self._horizon()):
                if story.id not in self.live:
                    out.setdefault(story.id, story)
        return out

    def _evict(self) -> int:
        horizon = self._horizon()
        quiet = [sid for sid, s in self.live.items() if s.last_day < horizon]
        for sid in quiet:
            del self.live[sid]
            self.members.pop(sid, None)
        for article_id in self.copies.evict_before(horizon):
            del self.story_of[article_id]
        return len(quiet)


def _member(item: Item, copy_of: str, excess: float, seq: int) -> Member:
    return Member(item.id, seq, item.day, item.dated, copy_of, item.features, excess)


def _with_anchors(f: Features) -> np.ndarray:
    return np.union1d(f.terms, f.anchors) if len(f.anchors) else f.terms


@dataclass(slots=True)
class _Unit:
    """An article's vectors for this chunk: `u` is what its story adds up; `u·idf²·u'` is a cosine."""

    terms: np.ndarray
    u: np.ndarray  # tf / ||tf·idf||
    vector: np.ndarray  # the article's unit embedding; empty when grouping embeds nothing
    xvector: np.ndarray  # [cross-model unit vector, 1]; empty when the cross model does not read it
    anchors: np.ndarray  # number anchors tagged with the article's language, and their weights normalised as `u`
    a: np.ndarray


def _unit(f: Features, idf: np.ndarray, raw_idf: np.ndarray) -> _Unit:
    return _Unit(f.terms, normalised(f.terms, f.weights, idf, raw_idf), f.vector, f.xvector,
                 language_anchors(f.anchors, f.xvector), normalised(f.anchors, f.anchor_weights, idf, raw_idf))


@dataclass(slots=True)
class _Clusters:
    """Where one chunk's agglomeration starts: the open stories (anchored) and the chunk's articles,
    alone or joined with their copies."""

    story: list[StoryState | None]  # the open story a cluster continues, None for a new one
    members: list[list[int]]  # chunk positions of the articles in each cluster
    joinable: list[bool]
    first: list[int]
    last: list[int]
    of_article: list[int]  # chunk position → cluster


def _clusters(items: Sequence[Item], open_stories: dict[int, StoryState], joined: DisjointSets,
              min_stems: int) -> _Clusters:
    n = len(items)
    out = _Clusters([], [], [], [], [], [0] * n)
    index: dict[int, int] = {}  # disjoint-set representative → cluster
    for i, story in enumerate(open_stories.values()):
        index[joined.find(n + i)] = len(out.story)
        out.story.append(story)
        out.members.append([])
        out.joinable.append(story.joinable)
        out.first.append(story.first_day)
        out.last.append(story.last_day)
    for k, item in enumerate(items):
        rep = joined.find(k)
        if rep not in index:
            index[rep] = len(out.story)
            out.story.append(None)
            out.members.append([])
            out.joinable.append(False)
            # A span of no day (first after last) until a dated member gives it one: an undated
            # article's stand-in day says where the stream was, not when its event happened, so it
            # must not keep it from the dated reports of its event (agglomerate.average_link).
            out.first.append(UNDATED_FIRST)
            out.last.append(UNDATED_LAST)
        c = index[rep]
        out.of_article[k] = c
        out.members[c].append(k)
        if out.story[c] is None:
            # A group of copies may join other stories when one of them says enough to be compared.
            out.joinable[c] = out.joinable[c] or item.features.stems >= min_stems
        if item.dated:
            out.first[c] = min(out.first[c], item.day)
            out.last[c] = max(out.last[c], item.day)
    return out


def _parts(story: StoryState | None, units: list[_Unit]) -> Parts:
    """A cluster as `stories.links` reads it: the open story's sums (if any), then its new members'."""
    size = (story.size if story else 0) + len(units)
    if story is None:
        return Parts(size, [u.terms for u in units], [u.u for u in units], [u.anchors for u in units],
                     [u.a for u in units], [u.vector for u in units], [u.xvector for u in units])
    return Parts(size, [story.terms, *(u.terms for u in units)], [story.weights, *(u.u for u in units)],
                 [story.anchor_terms, *(u.anchors for u in units)], [story.anchor_weights, *(u.a for u in units)],
                 [*(u.vector for u in units), story.vector], [*(u.xvector for u in units), story.xvector])


def _merge(clusters: _Clusters, units: list[_Unit], idf: np.ndarray, cfg: Grouping) -> tuple[list[int], list[float]]:
    """The cluster each starting cluster ends in, after average-link agglomeration, and each chunk
    article's hubness excess."""
    final = list(range(len(clusters.story)))
    excess = [0.0] * len(units)
    fresh = [c for c, s in enumerate(clusters.story) if s is None and clusters.joinable[c]]
    anchors = [c for c, s in enumerate(clusters.story) if s is not None and clusters.joinable[c]]
    if not fresh:
        return final, excess
    sizes = np.array([(s.size if s else 0) + len(m) for s, m in zip(clusters.story, clusters.members, strict=True)])
    parts = [_parts(clusters.story[c], [units[k] for k in clusters.members[c]]) for c in range(len(clusters.story))]
    cross_on = any(len(units[k].anchors) or len(units[k].xvector) for c in fresh for k in clusters.members[c])
    links = Links(idf * idf, cfg, cross_on)
    chunk = links.side([parts[c] for c in fresh])
    weighed = (chunk.rows @ sp.diags(links.idf2)).T.tocsc()
    # The words of each block are read once: `between` and, for the hubness scale, `within`.
    among_words = links.words(chunk, chunk, weighed)
    among, among_n = links.between(chunk, chunk, words=among_words)
    stories = links.side([parts[c] for c in anchors]) if anchors else None
    anchor_words = links.words(stories, chunk, weighed) if stories is not None else None
    if stories is not None:
        with_anchor, with_anchor_n = links.between(stories, chunk, words=anchor_words)
    else:
        with_anchor, with_anchor_n = np.zeros((0, len(fresh))), np.ones((0, len(fresh)))
    hubs = np.zeros(len(clusters.story))  # each cluster's summed excess; a story's copies add none
    if cfg.hub_weight:
        # On one scale for every pair (`Links.within`): the same numbers as the blocks above when
        # the chunk has no signal across languages.
        near, near_n = links.within(chunk, chunk, words=among_words) if cross_on else (among, among_n)
        to_anchor, to_anchor_n = (links.within(stories, chunk, words=anchor_words)
                                  if cross_on and stories is not None else (with_anchor, with_anchor_n))
        new = hub_excess(near / near_n, to_anchor / to_anchor_n, cfg.hub_k)
        hubs[fresh] = new * sizes[fresh]
        hubs[anchors] = [clusters.story[c].hub for c in anchors]  # type: ignore[union-attr]
        for c, e in zip(fresh, new.tolist(), strict=True):
            for k in clusters.members[c]:
                excess[k] = e

    among = corrected(among, among_n, cfg.hub_weight, (hubs[fresh], sizes[fresh]), (hubs[fresh], sizes[fresh]))
    # Only open stories that some new cluster could join are worth a row.
    if anchors:
        with_anchor = corrected(with_anchor, with_anchor_n, cfg.hub_weight, (hubs[anchors], sizes[anchors]),
                                (hubs[fresh], sizes[fresh]))
        close = np.divide(with_anchor, with_anchor_n, out=np.zeros_like(with_anchor),
                          where=with_anchor_n > 0).max(axis=1) >= cfg.threshold
        keep = [i for i, c in enumerate(anchors) if close[i] or clusters.members[c]]
        anchors = [anchors[i] for i in keep]
        with_anchor, with_anchor_n = with_anchor[keep], with_anchor_n[keep]
    order = anchors + fresh
    a = len(anchors)
    sums = np.zeros((len(order), len(order)))
    sums[:a, a:] = with_anchor
    sums[a:, :a] = with_anchor.T
    sums[a:, a:] = among
    counts = np.ones((len(order), len(order)))
    counts[:a, a:] = with_anchor_n
    counts[a:, :a] = with_anchor_n.T
    counts[a:, a:] = among_n
    root = average_link(sums, sizes[order], np.arange(len(order)) < a, np.array([clusters.first[c] for c in order]),
                        np.array([clusters.last[c] for c in order]), threshold=cfg.threshold, quiet=cfg.quiet_days,
                        weights=counts, gap_weight=cfg.gap_weight)
    for i, c in enumerate(order):
        final[c] = order[int(root[i])]
    return final, excess


def hub_excess(among: np.ndarray, with_anchor: np.ndarray, k: int) -> np.ndarray:
    """For each new cluster: its mean average-link similarity to its `k` nearest neighbours (the
    other new clusters, `among`, and the open stories, `with_anchor`: stories × new clusters), less
    the median of that mean over the chunk. Zero for all when there are fewer than `k` to compare
    with: the mean over all of a small pool is how central a cluster is in it, not a hub's excess
    (in a chunk of nine, six reports of one event, the other three looked like anti-hubs and were
    lifted by about 0.2 toward it: tests/test_crosslingual.py)."""
    n = among.shape[0]
    others = np.hstack([among, with_anchor.T])
    others[np.arange(n), np.arange(n)] = -np.inf
    if others.shape[1] - 1 < max(k, 1):
        return np.zeros(n)
    nearest = -np.partition(-others, k - 1, axis=1)[:, :k]
    mean = nearest.mean(axis=1)
    return mean - float(np.median(mean))


def _fold(story: StoryState | None, story_id: int, items: list[Item], units: list[_Unit], hub: float, *,
          joinable: bool, max_terms: int) -> StoryState:
    """A story with the chunk's new members added (or made from them)."""
    parts_t = [u.terms for u in units]
    parts_w = [u.u for u in units]
    vectors = [u.vector for u in units]
    if story is not None:
        parts_t.insert(0, story.terms)
        parts_w.insert(0, story.weights)
        vectors.insert(0, story.vector)
    terms, inverse = np.unique(np.concatenate(parts_t), return_inverse=True)
    weights = np.bincount(inverse, weights=np.concatenate(parts_w)).astype(np.float32)
    if len(terms) > max_terms:
        keep = np.sort(np.argpartition(weights, -max_terms)[-max_terms:])
        terms, weights = terms[keep], weights[keep]
    vector = (np.sum(vectors, axis=0).astype(np.float32) if all(len(v) for v in vectors)
              else np.zeros(0, np.float32))
    xvector = language_rows([u.xvector for u in units] + ([story.xvector] if story is not None else []))
    anchor_terms, anchor_weights = sum_terms([u.anchors for u in units] + ([story.anchor_terms] if story else []),
                                              [u.a for u in units] + ([story.anchor_weights] if story else []),
                                              max_terms)
    days = [it.day for it in items]
    if story is None:
        return StoryState(story_id, terms.astype(np.int32), weights, len(items), min(days), max(days), joinable,
                          vector, hub, xvector, anchor_terms, anchor_weights)
    return StoryState(story_id, terms.astype(np.int32), weights, story.size + len(items),
                      min(story.first_day, *days), max(story.last_day, *days), story.joinable, vector,
                      story.hub + hub, xvector, anchor_terms, anchor_weights)

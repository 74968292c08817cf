"""Align sentences across sources into claims: one point, the sources that make it, their sentences.

Two sentences of different articles make the same point when their embeddings are close. We grow
claims by average-link agglomeration over cross-article pairs, with one rule that keeps a claim a
*point* rather than a topic: a claim holds at most one sentence per article.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsfuse.editor.discourse import opens_leaning
from newsfuse.similarity import LazySims, candidate_pairs, similarities
from newsfuse.text import word_count
from newsfuse.types import Claim, Evidence, Sentence, Source

# Cosine between MiniLM sentence vectors above which two sentences of different sources may make
# the same point. Calibrated on the seeds by reading every cross-source pair above 0.60 and the
# claims each threshold built (0.60-0.80 in steps of 0.05): paraphrases sit at 0.65-0.92 (the spring
# hotline pair at 0.65), and average linkage keeps same-topic pairs at 0.66-0.74 from chaining
# distinct points together; 0.74 lost the hotline and budget pairs, 0.60 merged the Senkaku history
# into the talks. tests/test_claims.py pins the groups.
SAME_POINT = 0.65
# Sentences this short are headline fragments or widget residue: they may support a claim but never
# represent one.
MIN_REPRESENTATIVE_WORDS = 6


def build_claims(sources: Sequence[Source], vectors: np.ndarray, threshold: float = SAME_POINT) -> list[Claim]:
    """Group the sentences of `sources` (in order; `vectors` has one row per sentence) into claims."""
    sentences = [s for src in sources for s in src.sentences]
    if not sentences:
        return []
    origin_of = {src.article.id: src.origin for src in sources}
    article_rank = {src.article.id: i for i, src in enumerate(sources)}
    members = _agglomerate(sentences, vectors, threshold)
    sims = similarities(vectors)
    centrality = cross_source_centrality(sentences, sims)

    claims: list[Claim] = []
    for group in members:
        group.sort(key=lambda i: (article_rank[sentences[i].article_id], sentences[i].index))
        rep = _representative(group, sentences, sims, centrality)
        ids = [sentences[i].article_id for i in group]
        claims.append(Claim(
            id=0,
            text=sentences[rep].text,
            evidence=[Evidence(sentences[i].article_id, sentences[i].index, sentences[i].text) for i in group],
            sources=ids,
            independent=len({origin_of[a] for a in ids}),
            centrality=float(centrality[group].mean()),
        ))
    # Number the claims in a stable, meaningful order: best supported first, then most central.
    claims.sort(key=lambda c: (-c.independent, -c.centrality, article_rank[c.sources[0]], c.evidence[0].sentence))
    for number, claim in enumerate(claims, 1):
        claim.id = number
    return claims


def cross_source_centrality(sentences: Sequence[Sentence], sims: np.ndarray | LazySims) -> np.ndarray:
    """Each sentence's mean similarity to the sentences of the *other* sources: the graph view
    LexRank takes, restricted to cross-source edges so that long articles don't vote for themselves."""
    if isinstance(sims, LazySims):  # a long brief: the same means, from vector sums
        return sims.cross_source_centrality([s.article_id for s in sentences])
    articles = np.array([s.article_id for s in sentences])
    other = articles[:, None] != articles[None, :]
    return (np.where(other, sims, 0.0).sum(axis=1) / np.maximum(other.sum(axis=1), 1)).astype(float)


def _agglomerate(sentences: list[Sentence], vectors: np.ndarray, threshold: float) -> list[list[int]]:
    n = len(sentences)
    sims = similarities(vectors)
    articles = [s.article_id for s in sentences]
    ii, jj = candidate_pairs(sims, threshold, articles)
    pairs = sorted(((float(sims[i, j]), int(i), int(j)) for i, j in zip(ii, jj, strict=True)
                    if articles[i] != articles[j]), reverse=True)
    cluster_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, i, j in pairs:
        a, b = cluster_of[i], cluster_of[j]
        if a == b:
            continue
        if {articles[k] for k in members[a]} & {articles[k] for k in members[b]}:
            continue  # one sentence per article in a claim
        if sims[np.ix_(members[a], members[b])].mean() < threshold:
            continue  # average link: the whole groups must agree, not one pair
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for k in members[b]:
            cluster_of[k] = a
        members[a].extend(members.pop(b))
    return list(members.values())


def _representative(group: list[int], sentences: list[Sentence], sims: np.ndarray | LazySims,
                    centrality: np.ndarray) -> int:
    """The member that best stands for the claim: central to it, complete, and able to stand alone."""

    def score(i: int) -> float:
        text = sentences[i].text
        n_words = word_count(text)
        agreement = float(sims[i, group].mean()) if len(group) > 1 else 1.0
        value = agreement + 0.5 * float(centrality[i])
        if n_words < MIN_REPRESENTATIVE_WORDS or not text.rstrip().endswith((".", "!", "?", '"', "”", "’")):
            value -= 1.0
        if opens_leaning(text):  # "On his part, ...", "He said ...": leans on the sentence before it
            value -= 0.3
        if n_words > 45:
            value -= 0.2
        return value

    return max(group, key=score)

from __future__ import annotations

import numpy as np

from newsfuse.claims import build_claims
from newsfuse.embed import load_embedder
from newsfuse.text import split_sentences
from newsfuse.types import Article, Brief, Source


def _sources(texts: dict[str, str], origins: dict[str, int] | None = None) -> list[Source]:
    out = []
    for n, (aid, text) in enumerate(texts.items()):
        article = Article(aid, text)
        out.append(Source(n + 1, article, (origins or {}).get(aid, n), split_sentences(article)))
    return out


def _claims_for(sources: list[Source]):  # type: ignore[no-untyped-def]
    vectors = load_embedder().embed([s.text for src in sources for s in src.sentences])
    return build_claims(sources, vectors)


def test_claims_align_paraphrases_across_sources() -> None:
    sources = _sources({
        "a": "Japan and China held their first security talks in four years on Wednesday. "
             "The meeting took place in Tokyo.",
        "b": "China and Japan began a security dialogue for the first time in four years. "
             "Officials agreed to set up a hotline by spring.",
    })
    claims = _claims_for(sources)
    first = next(c for c in claims if "four years" in c.text)
    assert first.sources == ["a", "b"]
    assert first.independent == 2
    assert {e.source for e in first.evidence} == {"a", "b"}
    # The unrelated sentences stay claims of their own.
    assert any(c.sources == ["b"] and "hotline" in c.text for c in claims)
    assert sum(len(c.evidence) for c in claims) == 4  # every sentence lands in exactly one claim


def test_claims_count_wire_copies_once() -> None:
    text = "Rescuers pulled 12 people from the rubble of the collapsed hotel on Monday."
    sources = _sources({"wire": text, "reprint": "Rescuers pulled 12 people from the rubble of the hotel on Monday.",
                        "own": "Twelve people were rescued from the collapsed hotel's rubble on Monday."},
                       origins={"wire": 0, "reprint": 0, "own": 1})
    claim = _claims_for(sources)[0]
    assert len(claim.sources) == 3
    assert claim.independent == 2


def test_claims_hold_one_sentence_per_source() -> None:
    sources = _sources({"a": "The bridge reopened on Friday. The bridge was reopened on Friday after repairs.",
                        "b": "Officials reopened the bridge on Friday."})
    for claim in _claims_for(sources):
        assert len(claim.sources) == len(set(claim.sources))


def test_claims_empty_input() -> None:
    assert build_claims([], np.zeros((0, 384), dtype=np.float32)) == []


def test_claims_seeds_best_supported_point(seeds_brief: Brief) -> None:
    top = seeds_brief.claims[0]
    assert "four years" in top.text or "since 2019" in top.text
    assert top.independent >= 4
    # The paraphrased hotline is one point made by two outlets.
    hotline = [c for c in seeds_brief.claims if any("hotline" in e.text for e in c.evidence)]
    assert len(hotline) == 1 and hotline[0].independent == 2
    # The two budget sentences align, but give $315bn and $320bn: the claim counts the outlet whose
    # figure it states and names the other as contradicting it, never both as support.
    [budget] = [c for c in seeds_brief.claims if any("billion" in e.text and "five years" in e.text
                                                      for e in c.evidence) and c.against]
    said = {e.source for e in budget.evidence}
    assert len(said) == budget.independent == 1 and set(budget.against) and not said & set(budget.against)
    figure = "$315 billion" if "$315 billion" in budget.text else "$320 billion"
    assert all(figure in e.text for e in budget.evidence)

from __future__ import annotations

from newsfuse.claims import build_claims
from newsfuse.editor import apply_edits
from newsfuse.embed import load_embedder
from newsfuse.summarize import summarize
from newsfuse.text import split_sentences, word_count
from newsfuse.types import Article, Brief, Source

STORY = {
    "a": "A magnitude 6.1 earthquake struck the coastal town of Varna on Monday morning. "
         "At least 12 people were killed, officials said. "
         "The mayor asked residents to stay away from damaged buildings. "
         "A local bakery reopened in the afternoon.",
    "b": "An earthquake of magnitude 6.1 hit Varna early on Monday. "
         "Officials said at least 12 people died in the quake. "
         "Rescue teams from three provinces arrived by evening.",
    "c": "A strong earthquake shook Varna on Monday, killing at least 12 people. "
         "Schools will stay closed for the rest of the week.",
}


def _summary(words: int):  # type: ignore[no-untyped-def]
    sources = [Source(i + 1, Article(k, v), i, split_sentences(Article(k, v))) for i, (k, v) in enumerate(STORY.items())]
    vectors = load_embedder().embed([s.text for src in sources for s in src.sentences])
    return summarize(sources, build_claims(sources, vectors), vectors, words), sources


def test_summary_prefers_what_sources_repeat_and_cites_them() -> None:
    items, _ = _summary(30)
    assert items, "a 30-word budget fits at least one sentence"
    first = items[0]
    assert "earthquake" in first.text.lower() or "killed" in first.text
    assert len(first.sources) >= 2 and first.independent >= 2
    assert all("bakery" not in i.text for i in items)  # one source's aside never beats the shared facts


def test_summary_is_extractive_within_budget_and_not_redundant() -> None:
    items, sources = _summary(45)
    assert sum(word_count(i.text) for i in items) <= 45
    texts = {s.text for src in sources for s in src.sentences}
    assert all(i.evidence[0].text in texts for i in items)  # every word is in a source, verbatim
    assert len({i.claim for i in items}) == len(items)  # one sentence per claim
    for item in items:
        assert apply_edits(item.evidence[0].text, item.edits) == item.text
        assert item.evidence[0].source in item.sources


def test_summary_zero_budget_is_empty() -> None:
    items, _ = _summary(0)
    assert items == []


def test_summary_seeds(seeds_brief: Brief) -> None:
    summary = seeds_brief.summary
    assert len(summary) >= 4
    assert all(item.sources and item.evidence for item in summary)
    text = " ".join(i.text for i in summary)
    for name in ("Yamada", "Sun Weidong", "Tokyo"):
        assert name in text
    assert sum(word_count(i.text) for i in summary) <= 120
    assert max(i.independent for i in summary) >= 4

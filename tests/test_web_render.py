"""The story page of a wide story stays small: citations per item are capped, the grid is budgeted."""

from __future__ import annotations

import re

from newsfuse.text import split_sentences
from newsfuse.types import Article, Brief, Evidence, Source, SummaryItem
from newsfuse.web.render import CITE_LIMIT, render_story


def _wide_brief(n: int = 200) -> Brief:
    sources = []
    for i in range(n):
        article = Article(id=f"a{i}", outlet=f"Outlet {i}",
                          text="Talks were held in Tokyo on Wednesday. They lasted three hours. Both sides spoke.")
        sources.append(Source(number=i + 1, article=article, origin=i, sentences=split_sentences(article)))
    everyone = [Evidence(s.article.id, 0, "Talks were held in Tokyo on Wednesday.") for s in sources]
    item = SummaryItem(text="Talks were held in Tokyo on Wednesday.", sources=[s.article.id for s in sources],
                       evidence=everyone, independent=n, claim=0)
    return Brief(id="wide", sources=sources, summary=[item], claims=[], unique={})


def test_web_render_caps_citations_per_summary_sentence() -> None:
    html, _ = render_story(_wide_brief(), None, None)
    summary = re.search(r'<ol class="summary">(.*?)</ol>', html, re.S)
    assert summary is not None
    cites = re.findall(r'<a class="cite" href="#(s-\d+-\d+)" data-evidence="([^"]*)"', summary.group(1))
    assert len(cites) == CITE_LIMIT
    assert f"+{200 - CITE_LIMIT}" in summary.group(1)
    # Each citation highlights the evidence of the sources shown, not all 200.
    assert all(len(ids.split()) == CITE_LIMIT for _, ids in cites)


def test_web_render_wide_story_keeps_every_source_readable() -> None:
    html, _ = render_story(_wide_brief(), None, None)
    assert len(re.findall(r'<article class="article source"', html)) == 200
    assert 'id="s-200-2"' in html
    assert len(html) < 400_000


def test_web_story_page_shows_background_apart_even_without_own_events() -> None:
    import datetime as dt

    from newsfuse.types import TimelineEvent

    brief = _wide_brief(2)
    brief.background = [TimelineEvent(dt.date(1972, 1, 1), dt.date(1972, 12, 31), "The islands were handed over.",
                                      ["a0"], [Evidence("a0", 0, "Talks were held in Tokyo on Wednesday.")],
                                      "year", background=True)]
    html, _ = render_story(brief, None, None)
    section = html[html.index('<section class="card" id="timeline">'):]
    assert "<h3>Background</h3>" in section and "1972</time>The islands were handed over." in section
    assert 'href="#timeline"' in html

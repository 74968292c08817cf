"""HTML ingest: trafilatura's main text, the page's metadata, then the same cleaner as text."""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest

from newsfuse.clean import clean_text
from newsfuse.ingest import read_articles
from newsfuse.ingest.files import decode
from newsfuse.ingest.html import read_html

SCRAPINGHUB = Path(__file__).parents[1].parent / "shared" / "eval" / "extract" / "scrapinghub"


def test_html_example_page(examples_dir: Path) -> None:
    [page] = read_articles([examples_dir / "valley-post.html"]).articles
    assert page.id == "valley-post"
    assert page.title == "Lowmere floods: 14 dead as Marrow River bursts its banks"
    assert (page.outlet, page.outlet_from) == ("The Valley Post", "html")
    assert (page.published, page.published_from) == (dt.date(2024, 3, 14), "html")
    assert page.url == "https://valleypost.example/news/2024/03/14/lowmere-floods"
    assert page.text.startswith("Families in the valley spent Thursday searching for relatives")
    assert "Fourteen people were killed" in page.text
    for noise in ("Advertisement", "Related:", "Home", "Mill Lane", page.title):
        assert noise not in page.text
    assert {r.reason for r in page.removed} == {"title", "advertisement", "related-links"}


def test_page_without_an_article_is_skipped_among_others(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (tmp_path / "story.txt").write_text("Heavy rain flooded the lower town on Wednesday night.")
    result = read_articles([tmp_path])
    assert [a.id for a in result.articles] == ["story"]
    assert [(Path(s.source).name, s.reason) for s in result.skipped] == [("empty.html", "nothing left after cleaning")]


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text)
    return Counter(tuple(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3)) if tokens[i:i + 4])


def _precision_recall(gold: str, got: str) -> tuple[float, float]:
    g, p = _shingles(gold), _shingles(got)
    tp = sum((g & p).values())
    return (tp / sum(p.values()) if p else 0.0), (tp / sum(g.values()) if g else 1.0)


@pytest.mark.slow
def test_extraction_keeps_most_of_the_gold_text() -> None:
    """On 30 real news pages with hand-made gold text, our ingest keeps what trafilatura finds."""
    index = SCRAPINGHUB / "index.jsonl"
    if not index.is_file():
        pytest.skip(f"extraction eval data not found at {SCRAPINGHUB}")
    pages = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines()][:30]
    ours, alone = [], []
    for page in pages:
        html = decode((SCRAPINGHUB / page["html"]).read_bytes(), page["html"]).text
        gold = (SCRAPINGHUB / page["gold"]).read_text(encoding="utf-8")
        raw = read_html(html, "page", page["html"])
        alone.append(_precision_recall(gold, raw.text))
        ours.append(_precision_recall(gold, clean_text(raw.text, raw.title).text))
    our_p, our_r = (statistics.mean(x) for x in zip(*ours, strict=True))
    alone_p, alone_r = (statistics.mean(x) for x in zip(*alone, strict=True))
    assert our_r >= 0.9 and our_p >= 0.9
    assert our_r >= alone_r - 0.02  # cleaning may drop a title or a credit line, never whole stories
    assert our_p >= alone_p - 0.005

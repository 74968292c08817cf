from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from newsfuse.pipeline import brief
from newsfuse.render import render
from newsfuse.render.json import brief_to_dict
from newsfuse.types import Brief

SCHEMA = json.loads((Path(__file__).parents[1] / "src/newsfuse/schema/brief.schema.json").read_text())
HOSTILE = [
    {"id": "evil", "title": "<script>alert('t')</script>",
     "text": "Protesters gathered <script>alert(1)</script> outside the ministry on Monday. "
             "A banner read <img src=x onerror=alert(2)> and [click](javascript:alert(3)).",
     "outlet": "Evil <b>Times</b>"},
    {"id": "calm", "text": "Protesters gathered outside the ministry on Monday. Police watched from a distance."},
]


@pytest.fixture(scope="module")
def hostile_brief(hashing_settings) -> Brief:  # type: ignore[no-untyped-def]
    return brief(HOSTILE, settings=hashing_settings)


def test_render_json_matches_schema(seeds_brief: Brief) -> None:
    data = json.loads(render(seeds_brief, "json"))
    jsonschema.validate(data, SCHEMA)
    assert data["schema"] == "newsfuse.brief/1"
    ids = {s["id"] for s in data["sources"]}
    for item in data["summary"]:
        assert set(item["sources"]) <= ids
        # The text is the evidence sentence verbatim but for its edits, each shown in brackets.
        verbatim, shown, at = item["evidence"][0]["text"], [], 0
        for e in item["edits"]:
            assert verbatim[e["start"]:e["end"]] == e["original"]
            shown += [verbatim[at:e["start"]], f"[{e['replacement']}]" if e["replacement"] else ""]
            at = e["end"]
        assert "".join([*shown, verbatim[at:]]) == item["text"]
    assert any(item["edits"] for item in data["summary"]), "the seeds' summary mends a sentence (see test_editor.py)"
    # `removed` of each source lists what cleaning took out, with its reason.
    assert any(r["reason"] == "cookie-banner" for s in data["sources"] for r in s["removed"])


def test_render_json_evidence_points_at_real_sentences(seeds_brief: Brief) -> None:
    data = brief_to_dict(seeds_brief)
    sentences = {(s.article.id, x.index): x.text for s in seeds_brief.sources for x in s.sentences}
    for section in ("summary", "claims"):
        for item in data[section]:
            for ev in item["evidence"]:
                assert sentences[(ev["source"], ev["sentence"])] == ev["text"]


def test_render_html_escapes_hostile_text(hostile_brief: Brief) -> None:
    page = render(hostile_brief, "html")
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Times" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "onerror=alert(2)" in page.replace("&#34;", '"')  # shown as text, inside an escaped tag
    assert page.count("<script>") == 1  # only our own highlighter
    assert "http://" not in page and "https://" not in page.replace("https://newsfuse", "")  # self-contained


def test_render_markdown_escapes_hostile_text(hostile_brief: Brief) -> None:
    from markdown_it import MarkdownIt  # what rich renders Markdown with

    text = render(hostile_brief, "markdown")
    html = MarkdownIt("commonmark").render(text)
    assert "<script" not in html and "<img" not in html and "javascript:" not in html.split("href=")[-1][:20]
    assert 'href="javascript' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the text survives, as text


def test_render_seeds_markdown_and_html_show_citations(seeds_brief: Brief) -> None:
    markdown = render(seeds_brief, "markdown")
    assert "## Summary" in markdown and "[1]" in markdown
    html = render(seeds_brief, "html")
    assert 'class="cite"' in html and 'id="s-1-0"' in html
    for noise in ("Select Voice", "Sitelerimizde", "Why you can trust SCMP"):
        # Noise appears only in the "removed" lists, never in the summary or claims.
        assert noise not in markdown.split("## Removed as noise")[0]


def test_who_said_what_cites_each_source_once_and_leaves_terms_out(seeds_brief: Brief) -> None:
    import re

    html = render(seeds_brief, "html")
    listed = re.search(r'<ul class="quotes">(.*?)</ul>', html, re.S)
    assert listed
    for item in re.findall(r"<li>(.*?)</li>", listed.group(1), re.S):
        cited = re.findall(r'href="#s-(\d+)-', item)
        assert cited and len(cited) == len(set(cited)), item
        assert "counterstrike capability" not in item
    markdown = render(seeds_brief, "markdown")
    said = markdown.split("## Who said what", 1)[1].split("\n## ", 1)[0]
    assert "Sun Weidong" in said and "counterstrike capability" not in said.split("Quoted terms:")[0]
    terms = {q["text"]: q["term"] for q in brief_to_dict(seeds_brief)["quotes"]}
    assert terms["counterstrike capability"] is True and terms["negative moves"] is False


def test_every_rendering_shows_the_background_apart(seeds_brief: Brief) -> None:
    """The story's own events under "Timeline", history under "Background", dates as a reader writes them."""
    assert seeds_brief.background and not any(t.background for t in seeds_brief.timeline)
    data = brief_to_dict(seeds_brief)
    assert len(data["background"]) == len(seeds_brief.background) and all(t["background"] for t in data["background"])
    md = render(seeds_brief, "markdown")
    own, history = md.split("## Timeline", 1)[1].split("## Background", 1)
    assert "22 Feb 2023" in own and "2019–2021" in history.split("\n## ", 1)[0]
    assert "2019–2021" not in own
    page = render(seeds_brief, "html")
    assert page.index('id="timeline"') < page.index("<h3>Background</h3>")
    assert "2019-01-01" not in md and "2019-01-01 – " not in page

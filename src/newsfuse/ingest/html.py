"""HTML pages: trafilatura finds the main text and the page's metadata; htmldate (through
trafilatura) finds the publication date. We never write a main-text extractor of our own."""

from __future__ import annotations

import datetime as dt
from configparser import ConfigParser
from functools import lru_cache

from newsfuse.ingest.dates import parse_date
from newsfuse.types import Article


@lru_cache(maxsize=1)
def _config() -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    # The timeout uses SIGALRM, which only works in the main thread; readers may run in workers.
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def read_html(html: str, article_id: str, origin: str, url: str = "") -> Article:
    """The raw article of one page (text still to be cleaned); empty text when none was found."""
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(
        html, url=url or None, include_comments=False, with_metadata=True, config=_config(),
        # htmldate's extensive search guesses from any date-like string on the page (copyright years,
        # related-article dates); the original date from markup and URL is the one we can stand behind.
        date_extraction_params={"original_date": True, "extensive_search": False,
                                "max_date": dt.date.today().isoformat()},
    )
    if not isinstance(document, Document):  # None: trafilatura found no main text
        return Article(id=article_id, text=deep_text(html), url=url, origin=origin)
    published = _date(document.date)
    outlet, outlet_from = (document.sitename or "").strip(), "html"
    if not outlet:
        outlet, outlet_from = masthead_of(html), "masthead"
    return Article(
        id=article_id, text=document.text or "", title=(document.title or "").strip(),
        outlet=outlet, url=(document.url or url or "").strip(), published=published, origin=origin,
        outlet_from=outlet_from if outlet else "", published_from="html" if published else "",
    )


# The page's masthead in markup: the element a site names as its masthead, logo or site title (the
# text, or a logo image's alt text). Main-text extraction drops the page header it sits in.
_MASTHEAD_XPATH = ("//*[contains(concat(' ', normalize-space(@class), ' '), ' masthead ') or @id='masthead'"
                   " or contains(@class, 'site-title') or contains(@class, 'site-name') or @id='site-title'"
                   " or @id='site-name' or contains(@class, 'logo') or @id='logo']")


def masthead_of(html: str) -> str:
    """The publication's name from the page's masthead or logo element, "" when none is name-shaped."""
    import lxml.html

    from newsfuse.clean.masthead import masthead_name

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for element in root.xpath(_MASTHEAD_XPATH)[:10]:
        if element.xpath("ancestor-or-self::*[self::footer or contains(@class, 'footer')]"):
            continue  # a partner's or owner's logo at the foot of the page
        texts = [" ".join(element.text_content().split())]
        texts += [" ".join(str(alt).split()) for alt in element.xpath(".//img/@alt")]
        for text in texts:
            if name := masthead_name(text):
                return name
    return ""


# libxml2 (under lxml, under trafilatura) stops building the tree past 255 levels of nesting, and the
# text below that depth is lost. A page nested deeper is read by Python's own tokenizer instead.
MAX_TREE_DEPTH = 255


def deep_text(html: str) -> str:
    """The text of a page nested deeper than libxml2 reads (paragraphs kept), else ""."""
    from html.parser import HTMLParser

    void = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"}
    skip = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "head"}
    blocks = {"p", "div", "article", "section", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = self.deepest = self.hidden = 0
            self.parts: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag in void:
                return
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
            if tag in skip:
                self.hidden += 1
            if tag in blocks:
                self.parts.append("\n\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in void:
                return
            self.depth = max(self.depth - 1, 0)
            if tag in skip:
                self.hidden = max(self.hidden - 1, 0)
            if tag in blocks:
                self.parts.append("\n\n")

        def handle_data(self, data: str) -> None:
            if not self.hidden:
                self.parts.append(data)

    reader = Reader()
    reader.feed(html)
    reader.close()
    if reader.deepest <= MAX_TREE_DEPTH:
        return ""
    paragraphs = (" ".join(p.split()) for p in "".join(reader.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _date(value: str | None) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None  # htmldate returned something we cannot read: treat as no date, not an error

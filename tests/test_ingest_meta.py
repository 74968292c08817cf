"""Outlet and publication date, read from what cleaning removed; dates written the ways news writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfuse.clean import clean_article
from newsfuse.ingest.dates import find_date, find_figures_date, parse_date
from newsfuse.ingest.meta import head_date, infer_metadata
from newsfuse.types import Article

STORY = "Heavy rain flooded the lower town on Wednesday, and about 3,000 people left their homes."
FEB22 = dt.date(2023, 2, 22)


@pytest.mark.parametrize("text", [
    "February 22, 2023", "Published February 22, 2023 | 11:40 AM", "22nd February, 2023", "2023-02-22",
    "Feb. 22, 2023", "Feb 22 2023", "22 Feb 2023", "on the 22nd of February 2023", "2023/02/22",
    "Wednesday, February 22, 2023 10:40 GMT",
])
def test_find_date(text: str) -> None:
    assert find_date(text) == FEB22


@pytest.mark.parametrize("text", ["February 30, 2023", "from 2019-2021", "3 1/2 hours", "Feb. 4", "no date"])
def test_find_date_finds_nothing_where_there_is_no_full_date(text: str) -> None:
    assert find_date(text) is None


def test_find_date_takes_the_first_date_written() -> None:
    assert find_date("Updated March 1, 2023; first published 2023-02-22") == dt.date(2023, 3, 1)


@pytest.mark.parametrize(("value", "expected"), [
    ("2023-02-22T10:40:00Z", FEB22), ("2023-02-22", FEB22), ("Feb. 22, 2023", FEB22),
    (dt.datetime(2023, 2, 22, 10, 40), FEB22), (FEB22, FEB22), (None, None), ("", None),
])
def test_parse_date(value: object, expected: dt.date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["someday", 20230222, ["2023-02-22"]])
def test_parse_date_refuses_what_is_not_a_date(value: object) -> None:
    with pytest.raises(ValueError, match="not a date"):
        parse_date(value)


def meta(text: str, url: str = "") -> Article:
    return infer_metadata(clean_article(Article(id="a", text=text, url=url)))


@pytest.mark.parametrize(("paragraphs", "outlet", "source", "wire"), [
    (["date 2023-02-22 UrduPoint.com", STORY], "UrduPoint.com", "header", ""),
    (["Source: Xinhua", STORY], "Xinhua", "header", "Xinhua"),
    # A dateline that names only an agency says whose copy it is, not who printed it.
    (["WASHINGTON (AP) — " + STORY], "", "", "AP"),
    (["TOKYO, Feb 22 (Reuters) - " + STORY], "", "", "Reuters"),
    (["By Anna Petrovic, Reuters", STORY], "", "", "Reuters"),
    (["MOSCOW (UrduPoint News / Sputnik - 22nd February, 2023) " + STORY], "UrduPoint News", "dateline", "Sputnik"),
    ([STORY, "Copyright 2023 The Associated Press. All rights reserved."], "The Associated Press", "copyright", "AP"),
    ([STORY, "(c) 2023 the Asia News Network", "Distributed by Tribune Content Agency, LLC."], "Asia News Network",
     "copyright", ""),
    ([STORY, "© Le Monde 2024"], "Le Monde", "copyright", ""),  # a copyright year is not part of the name
    ([STORY, "Copyright © 2019-2024 Kessel Courier. All rights reserved."], "Kessel Courier", "copyright", ""),
    ([STORY, "Why you can trust SCMP"], "SCMP", "text", ""),
    # The agency that took a photo did not write the story.
    ([STORY, "The minister, second from left, arrives in Tokyo (Reuters)"], "", "", ""),
    ([STORY, "This article was originally published by Futurism. Read the original article."], "Futurism",
     "distribution", ""),
    ([STORY, "Distributed by Tribune Content Agency, LLC."], "", "", ""),  # the distributor
    ([STORY + " Kyodo News reported."], "", "", ""),  # a cited source, not the outlet
])
def test_outlet_wire_and_where_they_came_from(paragraphs: list[str], outlet: str, source: str, wire: str) -> None:
    article = meta("\n\n".join(paragraphs))
    assert (article.outlet, article.outlet_from, article.wire) == (outlet, source, wire)


def test_the_url_host_is_the_outlet_of_last_resort() -> None:
    article = meta("WASHINGTON (AP) — " + STORY, url="https://www.kessel-courier.example/news/1")
    assert (article.outlet, article.outlet_from, article.wire) == ("kessel-courier.example", "url", "AP")
    assert article.outlet_label == "kessel-courier.example (AP copy)"


def test_a_reader_sees_unknown_outlet_not_an_id() -> None:
    article = meta("WASHINGTON (AP) — " + STORY)
    assert article.outlet_label == "unknown outlet (AP copy)"
    assert meta(STORY + "\n\nCopyright 2023 The Associated Press.").outlet_label == "The Associated Press"


def test_header_beats_copyright_and_dateline() -> None:
    text = "\n\n".join(["date 2023-02-22 UrduPoint.com", "MOSCOW (UrduPoint News / Sputnik - 21st February, 2023) "
                        + STORY, "(c) 2023 Someone Else"])
    article = meta(text)
    assert (article.outlet, article.outlet_from) == ("UrduPoint.com", "header")
    assert (article.published, article.published_from) == (FEB22, "header")


def test_date_from_the_dateline_then_the_byline() -> None:
    article = meta("MOSCOW (UrduPoint News / Sputnik - 22nd February, 2023) " + STORY)
    assert (article.outlet, article.wire, article.published, article.published_from) == (
        "UrduPoint News", "Sputnik", FEB22, "dateline")
    article = meta("By Anna Petrovic\nPublished February 22, 2023 | 9:15 AM\n\n" + STORY)
    assert (article.published, article.published_from) == (FEB22, "byline")


def test_date_of_an_embedded_post_is_not_the_articles() -> None:
    article = meta(STORY + "\n\n— Rep. Ilhan Omar (@Ilhan) November 19, 2019\n\n" + STORY.replace("Heavy", "More"))
    assert article.published is None
    assert [(r.reason, r.detail) for r in article.removed] == [("byline", "embedded post")]


def test_a_caption_date_is_not_a_publication_date() -> None:
    article = meta(STORY + "\n\nThe minister, second from left, on Wednesday, February 22, 2023, in Tokyo (Reuters)")
    assert article.published is None


def test_callers_values_are_kept() -> None:
    given = Article(id="a", text="(c) 2023 Other\n\n" + STORY, outlet="Herald", outlet_from="caller",
                    published=FEB22, published_from="caller")
    article = infer_metadata(clean_article(given))
    assert (article.outlet, article.outlet_from, article.published_from) == ("Herald", "caller", "caller")


def test_no_evidence_and_no_file_leaves_outlet_empty() -> None:
    article = infer_metadata(clean_article(Article(id="text-1", text=STORY)))
    assert (article.outlet, article.outlet_from, article.published, article.published_from) == ("", "", None, "")


HEADLINE = "Flood kills twelve"


@pytest.mark.parametrize(("text", "url"), [
    (f"{HEADLINE}\nKessel Courier\n\n{STORY}", ""),  # under the headline
    (f"Kessel Courier\n{HEADLINE}\n\n{STORY}", ""),  # above it
    (f"{HEADLINE}\nMay 13, 2023\nKessel Courier\n\n{STORY}", ""),  # a date line between
    (f"{HEADLINE}\nValley Post\n\n{STORY}", "https://www.valleypost.com/news/1"),
])
def test_a_masthead_line_is_the_outlet_and_leaves_the_body(text: str, url: str) -> None:
    article = meta(text, url=url)
    name = "Valley Post" if url else "Kessel Courier"
    assert (article.outlet, article.outlet_from, article.title) == (name, "masthead", HEADLINE)
    assert [(r.text, r.reason) for r in article.removed if r.reason == "masthead"] == [(name, "masthead")]
    assert name not in article.text and article.text.startswith("Heavy rain")


@pytest.mark.parametrize(("line", "outlet"), [
    ("Premium Times, Thursday, June 11, 2026", "Premium Times"),  # a publication's word after a comma
    ("TVP World | 04.03.2026 18:20", "TVP World"),  # a bar, a date in figures
    ("Le Télégramme - Publié le 2 février 2026 à 19h05", "Le Télégramme"),  # a spaced dash, French
    ("NDTV | Updated: November 08, 2025 9:14 pm IST", "NDTV"),  # not a byline
    ("Süddeutsche Zeitung, 4. März 2026, 11:42 Uhr", "Süddeutsche Zeitung"),
    # After a comma or a dash a name that does not read as a publication's may be a dateline's place:
    # the line is furniture, the outlet stays unknown.
    ("Ouest-France, mercredi 4 février 2026", ""),
    ("New Delhi, November 10, 2025", ""),
    ("Santander - Publicado el 19 de mayo de 2025 a las 00:41", ""),
])
def test_a_masthead_and_its_date_stamp_on_one_line(line: str, outlet: str) -> None:
    article = meta(f"{HEADLINE}\n{line}\n\n{STORY}")
    assert article.outlet == outlet and article.published is not None
    assert [(r.reason, r.detail) for r in article.removed if r.text == line] == [("dateline-header", "date")]
    assert line not in article.text and article.title == HEADLINE


def test_a_name_above_a_place_and_date_line_is_the_masthead() -> None:
    article = meta(f"{HEADLINE}\nThe Hindu\nBHUBANESWAR, November 10, 2025\n\n{STORY}")
    assert (article.outlet, article.published) == ("The Hindu", dt.date(2025, 11, 10))
    assert article.text.startswith("Heavy rain")


def test_a_publication_named_in_the_plural_is_a_masthead() -> None:
    article = meta(f"{HEADLINE}\nPunch Newspapers\nPublished 10 June 2026\n\n{STORY}")
    assert (article.outlet, article.outlet_from) == ("Punch Newspapers", "masthead")


def test_a_name_on_the_host_alone_above_the_body_is_the_masthead() -> None:
    article = meta(f"Valley Post\n\n{STORY}", url="https://valleypost.com/a")
    assert (article.outlet, article.outlet_from) == ("Valley Post", "masthead")


@pytest.mark.parametrize("line", [
    "World News", "Breaking News", "Advertisement", "By Jane Doe", "Rescuers Hold Out Hope",
    "Times Square Shooting", "Officials said the toll would rise.", "Twelve Dead In Lowmere Floods",
    "Thursday, March 14, 2013", "8: 13 AM PDT", "The Courier reported",
])
def test_what_is_not_a_masthead_is_not_taken(line: str) -> None:
    article = meta(f"{HEADLINE}\n{line}\n\n{STORY}")
    assert article.outlet == ""
    assert "masthead" not in [r.reason for r in article.removed]


def test_a_headline_shaped_like_a_name_with_nothing_beside_it_is_the_headline() -> None:
    article = meta(f"Obama Sets Record\n\n{STORY}")
    assert (article.outlet, article.title) == ("", "Obama Sets Record")


def test_a_name_line_deep_in_the_body_is_not_a_masthead() -> None:
    article = meta("\n\n".join([HEADLINE, STORY, STORY.replace("Heavy", "More"), "Kessel Courier", STORY]))
    assert article.outlet == ""


def test_markup_beats_the_masthead_and_the_masthead_beats_copyright() -> None:
    given = Article(id="a", text=f"{HEADLINE}\nKessel Courier\n\n{STORY}", outlet="Valley Post", outlet_from="html")
    article = infer_metadata(clean_article(given))
    assert (article.outlet, article.outlet_from) == ("Valley Post", "html")
    assert "Kessel Courier" not in article.text  # still noise, whoever names the outlet
    article = meta(f"{HEADLINE}\nKessel Courier\n\n{STORY}\n\nCopyright 2023 The Associated Press.")
    assert (article.outlet, article.outlet_from, article.wire) == ("Kessel Courier", "masthead", "AP")


def test_a_photo_credit_is_still_not_an_outlet_beside_a_masthead_shape() -> None:
    article = meta(f"{HEADLINE}\n\nThe minister arrives in Tokyo (Reuters)\n\n{STORY}")
    assert (article.outlet, article.outlet_from) == ("", "")


def test_an_html_masthead_the_extractor_drops_is_read_from_markup() -> None:
    from newsfuse.ingest.html import read_html

    body = f"<p>{STORY} {STORY}</p>" * 3
    page = (f"<html><head><title>{HEADLINE}</title></head><body><header><a class='site-logo' href='/'>"
            f"<img src='l.png' alt='Kessel Courier logo'></a></header><article><h1>{HEADLINE}</h1>{body}"
            "</article><footer><div class='logo'>Owner Media Group</div></footer></body></html>")
    article = read_html(page, "a", "a.html")
    assert (article.outlet, article.outlet_from) == ("Kessel Courier", "masthead")


@pytest.mark.parametrize(("text", "expected"), [
    ("13/08/2013", dt.date(2013, 8, 13)), ("8 / 13 / 2013", dt.date(2013, 8, 13)),
    ("06 / 06 / 2013", dt.date(2013, 6, 6)), ("2012 - 04 - 04 11: 47: 35", dt.date(2012, 4, 4)),
    ("8: 13 AM PDT 8 / 2 / 2013", dt.date(2013, 8, 2)),  # a US time zone: month first
    ("8 / 2 / 2013", None),  # 8 February or August 2nd: no guess
])
def test_find_figures_date_only_when_the_order_is_beyond_doubt(text: str, expected: dt.date | None) -> None:
    assert find_figures_date(text) == expected


# ECB+ articles (a title line, then the page's date line, as scraped): no metadata date.
ECB_PLUS = "Ellen DeGeneres To Host 86th Oscars\n{line}\nEllen DeGeneres just tweeted she will be hosting the " \
           "Oscars this year. It will be her second stint in the job, after hosting the 2007 ceremony.\n" + STORY


@pytest.mark.parametrize("line", ["Friday August 2, 2013 @ 8: 13am PDT", "Posted: 08 / 02 / 2013 11: 10 am EDT",
                                  "AUGUST 2, 2013 | 08: 06AM PT"])
def test_date_from_a_date_line_at_the_top_of_the_text(line: str) -> None:
    article = infer_metadata(clean_article(Article(id="a", text=ECB_PLUS.format(line=line))))
    # Cleaning takes some date lines out (a header or byline date); the rest are read where they stand.
    assert article.published == dt.date(2013, 8, 2)
    assert article.published_from in {"header", "byline", "text"}


def test_a_date_deep_in_the_text_or_in_a_long_sentence_is_not_the_articles() -> None:
    long_line = "The ceremony, which the academy said on Friday would be held on March 2, 2014, will be in Los Angeles."
    assert head_date("", f"Oscars host named\n{long_line}\n{STORY}") is None
    assert head_date("", f"Oscars host named\n{STORY}\n{STORY}\nMarch 2, 2014") is None
    assert head_date("", f"Oscars host named\nMarch 2, 2014\n{STORY}") == dt.date(2014, 3, 2)
    # a short sentence among the first lines dates what it tells (ECB 4_14: a birth), not the article
    assert head_date("", f"Bettie Page died on Thursday.\nPage was born on April 22, 1923, in Nashville, Tenn.\n"
                         f"{STORY}") is None

"""Issue 11 QA (stop 29): the ledger on news it has never seen. Four stories written by hand for this
test (tests/data/ledger_qa: Nairobi floods over three days, an arrest in Kuala Lumpur, a bus crash near
Bormio, a Fukushima earthquake over three days), with what was planted noted in EXPECTED.md before
newsfuse was run on them.

What works is asserted; what still fails is marked xfail(strict=True) naming its cause, so the gap
stays recorded and a fix shows up as an unexpected pass. Figure conflicts and updates belong to the
same-fact model (compare/same_fact.py), which another branch is changing: its misses are recorded
here, not patched around."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import pytest

from newsfuse.clean import clean_text
from newsfuse.facts.dates import Anchor, dates_in
from newsfuse.ingest import read_articles
from newsfuse.ingest.meta import STORY_YEAR, date_yearless_datelines
from newsfuse.types import Article, Brief, Conflict, Removal, Update

DATA = Path(__file__).parent / "data" / "ledger_qa"


def removed(name: str) -> dict[str, str]:
    return {r.text: r.reason for r in clean_text((DATA / name).read_text(encoding="utf-8")).removed}


# --- cleaning, outlets, dates (fast) ---------------------------------------------------------------

@pytest.mark.parametrize(("name", "line", "reason"), [
    # wire photo credits closing a caption
    ("floods-reuters.txt", "Residents wade through floodwater in the Mathare area of Nairobi, Kenya, August 6, 2025. "
                           "REUTERS/Thomas Mukoya", "caption"),
    ("bus-afp.txt", "A rescuer stands by the wreck of the bus in a ravine near Bormio on August 3, 2025. (AFP)",
     "caption"),
    ("quake-japantimes.txt", "Residents wade through debris in Soma, Fukushima Prefecture, on Saturday. KYODO",
     "caption"),
    # an outlet asking to be followed, anywhere in a short line
    ("quake-japantimes.txt", "KEEP UP WITH THE JAPAN TIMES — Sign up for our newsletter.", "subscribe-prompt"),
    ("quake-nhk.txt", "NHK World-Japan provides the latest news from Japan around the clock. Download the NHK World "
                      "app.", "subscribe-prompt"),
    ("detention-fmt.txt", "FMT is on Telegram. Click here to join the FMT channel.", "subscribe-prompt"),
    ("floods-nation.txt", "Follow the Daily Nation on WhatsApp for the latest news.", "subscribe-prompt"),
    ("bus-local.txt", "Join The Local's newsletter for daily news from Italy.", "subscribe-prompt"),
    # the article about itself, and the wire's credits
    ("floods-nation.txt", "Editor's note: An earlier version of this story said 40 schools had been opened as "
                          "shelters. The county opened 12.", "editors-note"),
    ("floods-reuters.txt", "(Reporting by Duncan Miriri; Editing by Alex Richardson)", "byline"),
    ("bus-local.txt", "With AFP", "byline"),
    # mastheads over the date line, and an agency's edition
    ("bus-local.txt", "The Local Italy", "masthead"),
    ("quake-nhk.txt", "NHK WORLD-JAPAN", "masthead"),
    ("bus-ansa.txt", "ANSA English", "masthead"),
])
def test_furniture_of_the_new_reports_is_removed_with_its_reason(name: str, line: str, reason: str) -> None:
    assert removed(name).get(line) == reason


def test_story_sentences_with_a_credit_word_stay() -> None:
    text = ("Quake toll rises\n\nThe figures come from a Reuters/Ipsos poll.\n\n"
            "Officials said the agency's photographers were safe (AFP).\n\n"
            "She said she would follow the case on Twitter closely, as thousands did.")
    kept = clean_text(text).text
    assert "Reuters/Ipsos poll" in kept and "photographers were safe" in kept


@lru_cache(maxsize=1)
def articles() -> dict[str, tuple[str | None, str | None, dt.date | None]]:
    read = read_articles(sorted(str(p) for p in DATA.glob("*.*") if p.suffix in {".txt", ".jsonl"}))
    return {a.id: (a.outlet or None, a.wire or None, a.published) for a in read.articles}


@pytest.mark.parametrize(("aid", "outlet", "wire", "published"), [
    ("floods-reuters", "Thomson Reuters", "Reuters", dt.date(2025, 8, 7)),  # dateline day, copyright year
    ("floods-citizen", "The Citizen", "Reuters", dt.date(2025, 8, 7)),
    ("floods-standard", "The Standard", None, dt.date(2025, 8, 7)),  # never Reuters from "(Photo: Reuters)"
    ("detention-ap", "The Associated Press", "AP", dt.date(2025, 9, 21)),  # "(AP) - Sept. 21, 2025 -"
    ("detention-fmt", "Free Malaysia Today", None, dt.date(2025, 9, 21)),  # masthead below the page's URL
    ("bus-ansa", "ANSA English", "ANSA", dt.date(2025, 8, 3)),
    ("bus-local", "The Local Italy", "AFP", dt.date(2025, 8, 3)),  # "With AFP" at the end
    ("bus-report3", None, None, None),  # nothing names it: unknown, never the file name
    ("quake-nhk", "NHK WORLD-JAPAN", None, dt.date(2025, 1, 10)),
    ("quake-japantimes", "The Japan Times", "Kyodo", dt.date(2025, 1, 12)),
])
def test_outlet_wire_and_date_of_each_report(aid: str, outlet: str | None, wire: str | None,
                                             published: dt.date | None) -> None:
    assert articles()[aid] == (outlet, wire, published)


def test_a_wire_dateline_without_any_year_is_dated_in_the_storys_year() -> None:
    """"TOKYO, Jan. 10 (Kyodo)" over "(c) Kyodo News" and "ROME, Aug 3 (AFP)" over "© Agence
    France-Presse": no year in the copy; the brief's other reports give it (the pipeline does this)."""
    for name, day in (("quake", dt.date(2025, 1, 10)), ("bus", dt.date(2025, 8, 3))):
        read = read_articles(sorted(str(p) for p in DATA.glob(f"{name}-*")))
        wire = next(a for a in read.articles if a.id in {"quake-kyodo", "bus-afp"})
        assert wire.published is None  # one report alone says no year
        dated = {a.id: a for a in date_yearless_datelines(read.articles)}
        assert (dated[wire.id].published, dated[wire.id].published_from) == (day, STORY_YEAR)
        assert all(dated[a.id].published == a.published for a in read.articles if a.published)


@pytest.mark.parametrize(("others", "expected"), [
    ([dt.date(2025, 1, 12)], dt.date(2025, 1, 10)),
    ([dt.date(2025, 1, 2)], dt.date(2025, 1, 10)),
    ([dt.date(2024, 12, 30)], dt.date(2025, 1, 10)),  # a story over New Year: the nearer year
    ([dt.date(2025, 12, 28)], dt.date(2026, 1, 10)),
])
def test_the_year_of_a_dateline_day_is_the_one_nearest_the_other_reports(others: list[dt.date],
                                                                          expected: dt.date) -> None:
    wire = Article(id="w", text="A quake struck.", removed=[
        Removal("TOKYO, Jan. 10 (Kyodo) --", "dateline-header", 3, detail="dateline")])
    given = [wire, *(Article(id=f"a{i}", text="x", published=d) for i, d in enumerate(others))]
    assert date_yearless_datelines(given)[0].published == expected
    assert date_yearless_datelines([wire])[0].published is None  # nothing to take the year from


def test_the_page_address_on_its_own_line_is_the_articles_url() -> None:
    read = read_articles([str(DATA / "detention-fmt.txt")])
    assert read.articles[0].url.startswith("https://www.freemalaysiatoday.com/")
    assert "freemalaysiatoday" not in read.articles[0].text


@pytest.mark.parametrize(("text", "anchor", "expected"), [
    # a given name that is a month's abbreviation
    ("Bishop Jan Wrobel of Krakow said a Mass would be held for the victims on Tuesday.", dt.date(2025, 8, 3),
     [("on Tuesday", dt.date(2025, 8, 5))]),
    # a plan seen from before it is past; "was due back" looks ahead
    ("Rahim, 51, had been due to speak at a second rally in Shah Alam on Saturday evening.", dt.date(2025, 9, 21),
     [("on Saturday", dt.date(2025, 9, 20))]),
    ("The coach had left Krakow on Friday and was due back in Poland on Wednesday.", dt.date(2025, 8, 3),
     [("on Friday", dt.date(2025, 8, 1)), ("on Wednesday", dt.date(2025, 8, 6))]),
])
def test_dates_of_the_new_reports(text: str, anchor: dt.date, expected: list[tuple[str, dt.date]]) -> None:
    found = dates_in(text, Anchor(anchor, "published"))
    assert [(f.ref.text, f.ref.start) for f in found] == expected


# --- whole briefs (the models load: slow) ----------------------------------------------------------

@lru_cache(maxsize=4)
def story(name: str) -> Brief:
    from newsfuse import brief

    return brief(sorted(str(p) for p in DATA.glob(f"{name}-*")), id=name)


def conflict(b: Brief, *values: str) -> Conflict | None:
    """The conflict whose values are these (as written, any case), else None."""
    wanted = {v.lower() for v in values}
    return next((c for c in b.conflicts if {v.value.lower() for v in c.values} == wanted), None)


def figures(b: Brief) -> list[set[str]]:
    return [{v.normalized for v in c.values} for c in b.conflicts if c.kind in {"count", "number", "money",
                                                                                "duration", "date"}]


def speakers(b: Brief) -> dict[str, str]:
    return {q.text: q.speaker for q in b.quotes}


def quote_sources(b: Brief, start: str) -> list[str]:
    return next(sorted(q.sources) for q in b.quotes if q.text.startswith(start))


@pytest.mark.slow
def test_floods_real_conflicts_and_no_false_alarms() -> None:
    b = story("floods")
    toll = conflict(b, "nine", "eleven")
    assert toll is not None and {s for v in toll.values for s in v.sources} == {
        "floods-citizen", "floods-reuters", "floods-standard"}
    assert conflict(b, "Peter Kamau", "Grace Wanjiru") is not None
    # tolls of two places and the total, a hedge, a conversion, last year's floods, two payers, ages
    assert len(b.conflicts) == 2, [c.about for c in b.conflicts]


@pytest.mark.slow
def test_floods_quotes_speakers_and_honest_citations() -> None:
    b = story("floods")
    said = speakers(b)
    assert said["No family will sleep in the open tonight"] == "Grace Wanjiru"
    assert said["We cannot keep burying children because we failed to act"] == "Peter Kamau"
    # the report that gives Kamau's words to Wanjiru vouches neither for the quote nor for the sentence
    assert quote_sources(b, "We are doing everything") == ["floods-citizen", "floods-reuters"]
    item = next(i for i in b.summary if "We are doing everything" in i.text)
    assert "floods-standard" not in item.sources
    trap = next(q for q in b.quotes if q.text == "death trap")
    assert trap.term and not trap.speaker  # "Residents of Mathare have long called the riverbank a ..."


@pytest.mark.slow
def test_floods_noise_never_reaches_the_brief() -> None:
    b = story("floods")
    shown = " ".join([i.text for i in b.summary] + [c.text for c in b.claims] + [e.text for e in b.timeline])
    for noise in ("REUTERS/", "Editor's note", "Reporting by", "WhatsApp"):
        assert noise not in shown
    assert not any(e.start.year == 2019 for e in b.timeline)  # "the heaviest since 2019"


@pytest.mark.slow
def test_floods_the_toll_rising_over_two_days_is_an_update() -> None:
    """"has risen to 239, ... two days after officials put the toll at 174" (9 Aug) states the change;
    the 174 of the reports of 7 Aug is its earlier value (facts.changes, compare.changes)."""
    b = story("floods")
    told = {tuple(numbers(u)) for u in b.updates}
    assert ("174", "239") in told and ("40000", "52000") in told
    toll = next(u for u in b.updates if numbers(u) == ["174", "239"])
    assert toll.values[0].sources == ["floods-citizen", "floods-reuters", "floods-standard"]
    assert [v.at for v in toll.values] == [dt.date(2025, 8, 7), dt.date(2025, 8, 9)]
    # the change sentence's own earlier value is never a side of a conflict, nor is the total or Dar es Salaam
    assert not any("174" in values or "250" in values for values in figures(b))
    assert not any({"11", "250"} & set(numbers(u)) for u in b.updates)


def numbers(u: Update) -> list[str]:
    """An update's values as bare numbers: "~52000 people" → "52000"."""
    return [v.normalized.split()[-2 if len(v.normalized.split()) > 1 else 0].lstrip("~≥≤ ") for v in u.values]


@pytest.mark.slow
def test_detention_real_conflicts_and_no_false_alarms() -> None:
    b = story("detention")
    assert conflict(b, "About 3,000", "About 5,000") is not None
    assert conflict(b, "Home Minister", "Deputy Home Minister") is not None
    for trap in ({"51", "72"}, {"17", "10"}, {"10", "28"}, {"0.4", "6"}):
        assert not any(trap <= values for values in figures(b)), trap


@pytest.mark.slow
def test_detention_speakers_from_every_kind_of_attribution() -> None:
    said = speakers(story("detention"))
    assert said["There is no warrant and no charge"] == "Ravi Shankar"  # "he said" after "His lawyer, Ravi Shankar,"
    assert said["Nobody is above the law"] == "Hashim Kadir"  # "according to a statement from ..."
    assert said["This is a political arrest, and the courts will say so"] == "Ravi Shankar"  # a colon
    assert said["We will not stop until Rahim is free"] == "Latifah Yusof"  # a colon after "told reporters ..."
    # one quote split over two sentences, by both reports
    assert said["The charges are lies … They want him gone before the election"] == "Nurul Aini"
    assert quote_sources(story("detention"), "The charges are lies") == ["detention-ap", "star-rahim"]


@pytest.mark.slow
def test_detention_background_is_not_todays_news() -> None:
    b = story("detention")
    assert not any(e.start.year in {2008, 2014} for e in b.timeline)  # "first jailed in 2008", "since 2008"
    assert any(e.start.year == 2008 for e in b.background)
    arrest = [e.start for e in b.timeline if "arrested" in e.text and "Saturday" in e.text]
    assert dt.date(2025, 9, 20) in arrest
    assert not any("Shah Alam" in e.text and e.start > dt.date(2025, 9, 21) for e in b.timeline)


@pytest.mark.slow
def test_detention_a_possessive_with_two_people_before_it_is_not_guessed() -> None:
    """"Home Minister Aziz Latif said Rahim would be questioned ... His lawyer, Ravi Shankar, ...": the
    lawyer is Rahim's; the summary must not print "[Latif's] lawyer"."""
    assert not any("[Latif's]" in i.text or "[Aziz Latif's]" in i.text for i in story("detention").summary)


@pytest.mark.slow
def test_detention_friday_against_saturday_is_a_date_conflict() -> None:
    """FMT's 'arrested on Friday night ..., contradicting police accounts that he was detained on
    Saturday' names both days: it is read by the day its own event takes."""
    [c] = [c for c in story("detention").conflicts if c.kind == "date"]
    assert {v.normalized for v in c.values} == {"2025-09-19", "2025-09-20"}
    assert "detention-fmt" in next(v.sources for v in c.values if v.normalized == "2025-09-19")


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="compare.support leaves title conflicts out of honest support (a title "
                                       "in another clause says nothing of the claim's point), so the sentence "
                                       "naming the 'Deputy Home Minister' still cites AP, which says 'Home "
                                       "Minister'")
def test_detention_the_deputy_title_is_not_cited_to_the_report_that_drops_it() -> None:
    item = next(i for i in story("detention").summary if "Deputy Home Minister" in i.text)
    assert "detention-ap" not in item.sources


@pytest.mark.slow
def test_bus_the_nine_dead_are_never_cited_to_the_report_of_eleven() -> None:
    b = story("bus")
    toll = conflict(b, "nine", "eleven")
    assert toll is not None
    nine = next(v for v in toll.values if v.value.lower() == "nine")
    assert sorted(nine.sources) == ["bus-afp", "bus-local", "bus-report3"]
    for cited in [*b.summary, *b.claims, *b.timeline]:
        if " nine " in f" {cited.text.lower()} " or cited.text.lower().startswith("nine "):
            assert "bus-ansa" not in cited.sources, cited.text


@pytest.mark.slow
def test_bus_quote_wording_conflict_and_no_part_total_alarm() -> None:
    b = story("bus")
    assert conflict(b, "The brakes failed on the bend", "The brakes gave way on the bend") is not None
    assert quote_sources(b, "The brakes failed") == ["bus-afp", "bus-local"]
    assert speakers(b)["Lombardy is in mourning"] == "Attilio Fontana"
    for trap in ({"12", "16"}, {"4", "16"}, {"58", "72"}, {"6", "9"}):
        assert not any(trap <= values for values in figures(b)), trap
    assert len(b.conflicts) == 2, [c.about for c in b.conflicts]


@pytest.mark.slow
def test_bus_timeline_has_no_month_from_a_given_name() -> None:
    b = story("bus")
    assert all(e.start >= dt.date(2025, 7, 1) for e in [*b.timeline, *b.background] if e.start.year == 2025)
    assert not any("(AFP)" in e.text for e in b.timeline)


@pytest.mark.slow
def test_quake_magnitude_conflict_and_clean_summary() -> None:
    b = story("quake")
    assert conflict(b, "magnitude 6.8", "magnitude 6.9") is not None
    assert not any("Sign up" in i.text or "NHK World app" in i.text for i in b.summary)
    # the revision is dated by its report (Sunday), not by the "up from ... on Friday" it compares with
    toll = [e for e in b.timeline if "rose to five" in e.text]
    assert [e.start for e in toll] == [dt.date(2025, 1, 12)]
    assert not any("190 billion" in e.text and e.start == dt.date(2025, 1, 10) for e in b.timeline)


@pytest.mark.slow
def test_quake_the_toll_and_the_estimate_are_updates() -> None:
    """"rose to five on Sunday" (no earlier value: fewer before, by its direction) and "revised its
    estimate to 190 billion yen, up from 120 billion yen on Friday" are updates of the reports of 10 Jan."""
    b = story("quake")
    told = {tuple(numbers(u)) for u in b.updates}
    assert ("3", "5") in told and ("120000000000", "190000000000") in told
    assert not any({"18000", "150000", "41", "57"} & set(numbers(u)) for u in b.updates)  # 2011, injured, aftershocks


@pytest.mark.slow
def test_quake_places_are_places() -> None:
    kinds = {e.name: e.kind for e in story("quake").entities}
    assert all(kinds.get(name, "place") == "place" for name in ("Namie", "Daini", "Miyagi", "Sendai", "Fukushima"))

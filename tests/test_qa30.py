"""Issues 11, 15, 16 QA (stop 30): newsfuse tried as the judges will, on cases written by hand for this
test (tests/data/qa30: a fraud sentencing in London, a turbine maker's results in English and French, a
Spanish regional election, German job cuts, and two stabbings three days apart), with what was planted
noted in EXPECTED.md before newsfuse was run on them.

What works is asserted; what still fails is marked xfail(strict=True) naming its cause, so the gap stays
recorded and a fix shows up as an unexpected pass."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse.facts.dates import Anchor, dates_in
from newsfuse.facts.nlp import Parsed
from newsfuse.facts.quotes import QuoteSet
from newsfuse.ingest import read_articles
from newsfuse.types import Article, Brief, Conflict, Source

DATA = Path(__file__).parent / "data" / "qa30"


# --- cleaning, outlets, dates (fast) ---------------------------------------------------------------

@pytest.mark.parametrize(("name", "line", "reason"), [
    # an editor's note written as a sentence, and the correction it carries
    ("verdict-guardian.txt", "This article was amended on 15 March 2025. An earlier version said Grant lived in "
     "Tunbridge Wells; he lives in Sevenoaks.", "editors-note"),
    ("results-cnbc.txt", "Got a confidential news tip? We want to hear from you.", "subscribe-prompt"),
    # a stamp after the place the story was filed from; a Spanish paywall's call
    ("eleccion-elpais.txt", "Santander - Publicado el 19 de mayo de 2025 a las 00:41", "dateline-header"),
    ("eleccion-montanes.txt", "Para seguir leyendo, hazte suscriptor de El Diario Montañés.", "subscribe-prompt"),
    # a masthead written as one hyphenated name
    ("de-stellenabbau-mainpost.txt", "Main-Post", "masthead"),
    ("verdict-pa.txt", "LONDON, 14 March 2025 (PA Media)", "dateline-header"),
])
def test_furniture_of_the_qa30_reports_is_removed(name: str, line: str, reason: str) -> None:
    got = {r.text: r.reason for r in read_articles([str(DATA / name)]).articles[0].removed}
    assert got.get(line) == reason, sorted(got)


@pytest.mark.parametrize(("name", "outlet", "wire", "published"), [
    ("verdict-pa", "PA Media", "PA", dt.date(2025, 3, 14)),  # the dateline of the UK's agency dates it
    # "By Rachel Osei, PA": "PA" alone is not read as the agency ("Pittsburgh, Pa." in a US byline); the
    # copy still counts once with PA's (stories.dedup: same origin)
    ("verdict-standard", "Evening Standard", None, dt.date(2025, 3, 14)),
    ("verdict-guardian", "The Guardian", None, dt.date(2025, 3, 14)),  # never PA from "Photograph: .../PA"
    ("eleccion-efe", "EFE", "EFE", dt.date(2025, 5, 18)),  # "© EFE 2025. Está expresamente prohibida ..."
    ("eleccion-elpais", None, None, dt.date(2025, 5, 19)),  # nothing names it
    ("eleccion-montanes", "El Diario Montañés", None, dt.date(2025, 5, 19)),
    ("de-stellenabbau-mainpost", "Main-Post", None, dt.date(2025, 10, 15)),
    ("results-lesechos", "Les Echos", None, dt.date(2025, 11, 6)),
    # "Our Standards: The Thomson ..."; "COPENHAGEN, Nov 6 (Reuters)" alone gives no year
    ("results-reuters", "Thomson Reuters", "Reuters", None),
])
def test_outlet_wire_and_date_of_each_report(name: str, outlet: str | None, wire: str | None,
                                             published: dt.date | None) -> None:
    a = read_articles([str(DATA / f"{name}.txt")]).articles[0]
    assert (a.outlet or None, a.wire or None, a.published) == (outlet, wire, published)


@pytest.mark.parametrize(("text", "lang", "anchor", "expected"), [
    # what is called for a weekday is still to come
    ("Die IG Metall hat für Donnerstag zu einer Kundgebung aufgerufen.", "de", dt.date(2025, 10, 14),
     [("Donnerstag", dt.date(2025, 10, 16))]),
    ("The union has called a rally for Thursday.", "en", dt.date(2025, 10, 14),
     [("Thursday", dt.date(2025, 10, 16))]),
    ("He was jailed for Monday's attack.", "en", dt.date(2025, 10, 14), [("Monday", dt.date(2025, 10, 13))]),
    # a year alone in German dates its clause; a count is followed by its noun
    ("Bereits 2019 hatte das Unternehmen 300 Stellen in Schweinfurt gestrichen.", "de", dt.date(2025, 10, 14),
     [("2019", dt.date(2019, 1, 1))]),
    ("Rund 2000 Menschen kamen.", "de", dt.date(2025, 10, 14), []),
])
def test_dates_of_the_qa30_sentences(text: str, lang: str, anchor: dt.date,
                                     expected: list[tuple[str, dt.date]]) -> None:
    found = dates_in(text, Anchor(anchor, "published"), lang=lang)
    assert [f.ref.start for f in found] == [day for _, day in expected], [f.ref.text for f in found]


def german(text: str) -> list[Parsed]:
    from newsfuse.facts.parsing import parse_sources
    from newsfuse.text import split_sentences

    article = Article(id="a", text=text, language="de")
    return parse_sources([Source(1, article, 0, split_sentences(article))])


def german_quotes(text: str) -> QuoteSet:
    from newsfuse.facts.entities import extract_entities
    from newsfuse.facts.quotes import extract_quotes

    sentences = german(text)
    return extract_quotes(sentences, extract_entities(sentences))


def test_a_quote_opening_on_a_low_mark_after_a_full_stop_is_a_sentence_of_its_own() -> None:
    from newsfuse.text import split_sentences

    text = ("Die Betriebsratsvorsitzende Anja Keller kündigte Widerstand an. „Diesen Kahlschlag werden wir "
            "nicht hinnehmen“, sagte sie. Er sprach von „Kahlschlag“.")
    got = [s.text for s in split_sentences(Article(id="a", text=text, language="de"))]
    assert got == ["Die Betriebsratsvorsitzende Anja Keller kündigte Widerstand an.",
                   "„Diesen Kahlschlag werden wir nicht hinnehmen“, sagte sie.", "Er sprach von „Kahlschlag“."]


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    # a pronoun after the verb: the one name of the sentence before
    "Die Betriebsratsvorsitzende Anja Keller kündigte Widerstand an. „Diesen Kahlschlag werden wir nicht "
    "hinnehmen“, sagte sie.",
    # the family name alone: the full name the article gave before
    "Die Betriebsratsvorsitzende Anja Keller, 46, sprach von einem Kahlschlag. „Diesen Kahlschlag werden wir "
    "nicht hinnehmen“, sagte Keller vor dem Werkstor.",
    # a weekday and a part of the day in one word between the verb and the colon
    "Betriebsratschefin Anja Keller sagte am Dienstagabend: „Diesen Kahlschlag werden wir nicht hinnehmen.“",
])
def test_german_speaker_by_pronoun_family_name_or_after_a_time(text: str) -> None:
    q = next(q for q in german_quotes(text).quotes if q.text.startswith("Diesen Kahlschlag"))
    assert (q.speaker, q.term) == ("Anja Keller", False)


@pytest.mark.slow
def test_a_pronoun_with_two_names_before_it_is_not_guessed() -> None:
    text = ("Thomas Berger traf Anja Keller am Werkstor. „Diesen Kahlschlag werden wir nicht hinnehmen“, "
            "sagte sie.")
    q = next(q for q in german_quotes(text).quotes if q.text.startswith("Diesen Kahlschlag"))
    assert q.speaker == ""


@pytest.mark.slow
def test_a_programme_named_after_the_speaker_is_no_part_of_the_quote() -> None:
    from parsed_sources import quotes

    got = quotes('"Demand for onshore turbines is coming back faster than we expected," CEO Lars Brekke '
                 'told CNBC\'s "Squawk Box Europe" on Thursday.')
    said = {q.text: (q.speaker, q.term) for q in got.quotes}
    assert said["Demand for onshore turbines is coming back faster than we expected"] == ("Lars Brekke", False)
    assert said["Squawk Box Europe"] == ("", True)


@pytest.mark.slow
def test_a_count_beside_davon_is_a_part_of_the_count_before_it() -> None:
    from newsfuse.facts.quantities_local import extract_all

    sentences = german("Der Autozulieferer Kessler will etwa 1200 Arbeitsplätze abbauen, davon 450 im "
                       "Schweinfurter Stammwerk.")
    got = {f.quantity.value: (f.quantity.unit, f.part) for f in extract_all(sentences)}
    assert got[450.0] == ("arbeitsplätze", True) and got[1200.0] == ("arbeitsplätze", False)


# --- whole briefs (the models load: slow) ----------------------------------------------------------

@lru_cache(maxsize=6)
def story(name: str) -> Brief:
    from newsfuse import brief

    return brief(sorted(str(p) for p in DATA.glob(f"{name}-*")), id=name)


def values(c: Conflict) -> set[str]:
    return {v.value.lower() for v in c.values}


def conflict(b: Brief, *wanted: str) -> Conflict | None:
    """The conflict with a value holding each of these words (any case), else None."""
    return next((c for c in b.conflicts if all(any(w.lower() in v for v in values(c)) for w in wanted)), None)


def sides(c: Conflict) -> list[set[str]]:
    return [set(v.sources) for v in c.values]


def speakers(b: Brief) -> dict[str, str]:
    return {q.text: q.speaker for q in b.quotes if not q.term}


def shown(b: Brief) -> str:
    return " ".join([i.text for i in b.summary] + [c.text for c in b.claims] + [e.text for e in b.timeline])


@pytest.mark.slow
def test_verdict_sentence_and_fine_conflicts_and_no_false_alarm() -> None:
    b = story("verdict")
    years = conflict(b, "11 years", "12 years")
    assert years is not None and sides(years) == [{"verdict-bbc", "verdict-pa", "verdict-standard"},
                                                  {"verdict-guardian"}]
    fine = conflict(b, "£350,000", "£250,000")
    assert fine is not None and sides(fine)[0] == {"verdict-bbc"}
    # Whitfield's four years, three ages, the statutory maximum, a conversion, a part, last year's case
    assert len(b.conflicts) == 2, [c.about for c in b.conflicts]
    # the sentence of 11 years is never cited to the report that says 12
    item = next(i for i in b.summary if "11 years" in i.text)
    assert "verdict-guardian" not in item.sources


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="compare.titles: 'Judge' and 'Recorder' are two heads, which _titles_clash "
                   "takes for two posts one person may hold (and facts.entities has no 'recorder' among "
                   "TITLE_HEADS), so 'Judge Catherine Moore' vs 'Recorder Catherine Moore' is no title conflict")
def test_verdict_the_judges_title_conflict() -> None:
    assert any(c.kind == "title" for c in story("verdict").conflicts)


@pytest.mark.slow
def test_verdict_quotes_outlets_noise_and_timeline() -> None:
    b = story("verdict")
    said = speakers(b)
    assert said["You treated your investors' savings as your own private bank"] == "Catherine Moore"
    assert said["I lost everything I had worked for"] == "Margaret Hale"
    assert said["This was a deliberate and sustained deceit of ordinary people"] == "Alan Pryce"
    assert {s.article.outlet for s in b.sources} == {"BBC News", "The Guardian", "PA Media", "Evening Standard"}
    for noise in ("amended", "Tunbridge Wells", "LONDON, 14 March", "Sign up", "Follow BBC"):
        assert noise not in shown(b), noise
    assert all(e.start.year == 2025 for e in b.timeline)  # 2016-2021 and last year's case are background
    assert not b.notes or "borrowed" not in " ".join(b.notes)  # the PA copy is dated by its own dateline


@pytest.mark.slow
def test_results_profit_conflict_across_languages() -> None:
    b = story("results")
    profit = conflict(b, "330 million", "310")
    assert profit is not None and sides(profit) == [{"results-cnbc"}, {"results-lesechos", "results-reuters"}]
    # the forecast (290), last year's 265, the dollar conversion, Europe's part, the margins, two ages
    assert len(b.conflicts) == 1, [c.about for c in b.conflicts]
    said = speakers(b)
    assert said["Demand for onshore turbines is coming back faster than we expected"] == "Lars Brekke"
    assert said["La demande d'éoliennes terrestres revient plus vite que prévu"] == "Lars Brekke"
    assert "Squawk Box Europe" not in said


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="compare.quantities: 'cut 1,800 jobs' (Reuters, CNBC) vs '2 000 postes' "
                   "(Les Echos) and 'rose 7%' / 'gagnait 7 %' vs 'jumped 11%' stand in sentences the claim "
                   "alignment leaves in claims of their own, and counts and shares are not compared outside "
                   "aligned sentences (compare.quantities pass 2)")
def test_results_job_cuts_and_share_move_conflicts() -> None:
    b = story("results")
    assert conflict(b, "1,800", "2 000") is not None and conflict(b, "7%", "11%") is not None


@pytest.mark.slow
def test_results_noise_and_outlets() -> None:
    b = story("results")
    # the Reuters copy: its page's badge "Our Standards: The Thomson Reuters Trust Principles."
    assert {s.article.outlet for s in b.sources} == {"CNBC", "Les Echos", "Thomson Reuters"}
    for noise in ("confidential news tip", "Reporting by", "Sign up", "abonnez-vous"):
        assert noise not in shown(b), noise


@pytest.mark.slow
def test_spanish_election_seats_and_turnout() -> None:
    b = story("eleccion")
    seats = conflict(b, "17", "16")
    # EFE's "con 17 de los 35 escaños" stood on the 17 side before plant16b's merge; since, only Montañés
    assert seats is not None and {"eleccion-elpais"} in sides(seats) and \
        any("eleccion-montanes" in side for side in sides(seats))
    turnout = conflict(b, "63,4", "66,1")
    assert turnout is not None
    # 11 escaños = "once escaños", the 35 seats and the majority of 18, the 58,9 % of four years ago, ages
    assert len(b.conflicts) == 2, [c.about for c in b.conflicts]
    said = speakers(b)
    assert said["Hoy Cantabria ha elegido el cambio y vamos a gobernar para todos"] in {"Ruiz", "María Ruiz"}
    for noise in ("Publicado el", "hazte suscriptor", "Aceptar cookies", "Suscríbete"):
        assert noise not in shown(b), noise
    assert {s.article.outlet for s in b.sources} == {"EFE", "El Diario Montañés", ""}


@pytest.mark.slow
def test_german_job_cuts_conflicts_quotes_and_background() -> None:
    b = story("de-stellenabbau")
    plant = conflict(b, "500", "450")
    assert plant is not None and sides(plant) == [{"de-stellenabbau-br"},
                                                  {"de-stellenabbau-mainpost", "de-stellenabbau-sz"}]
    loss = conflict(b, "95 Millionen", "85 Millionen")
    assert loss is not None
    # 1200 in all, 14.000 / 6.500, two ages, the 300 jobs cut in 2019
    assert len(b.conflicts) == 2, [c.about for c in b.conflicts]
    # the sentence with 450 is not cited to the report that says 500
    item = next(i for i in b.summary if "davon 450" in i.text)
    assert "de-stellenabbau-br" not in item.sources
    said = speakers(b)
    assert said["Diesen Kahlschlag werden wir nicht hinnehmen"] == "Anja Keller"
    assert said["Wir müssen unsere Kosten an die schwache Nachfrage nach Elektroautos anpassen"] == "Thomas Berger"
    rally = next(e for e in b.timeline if "Donnerstag" in e.text)
    assert rally.start == dt.date(2025, 10, 16)
    assert any("2019" in e.text for e in b.background)
    assert "Main-Post" not in [c.text for c in b.claims]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="no German entity model ships, so facts.entities reads no titles in "
                   "German: 'stellvertretende Betriebsratsvorsitzende Anja Keller' vs 'Betriebsratsvorsitzende' "
                   "is no title conflict")
def test_german_deputy_title_conflict() -> None:
    assert any(c.kind == "title" for c in story("de-stellenabbau").conflicts)


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="compare.support reads the figures of a claim's own sentences: BBC's "
                   "sentence in the claim 'A 35-year-old man ... has been arrested' gives no age, and its "
                   "'34-year-old' stands in another sentence, so the summary still cites BBC for 35")
def test_the_suspects_age_is_not_cited_to_the_report_that_says_34() -> None:
    item = next(i for i in story("arrest-mcr").summary if "35-year-old" in i.text)
    assert "arrest-mcr-bbc" not in item.sources


@pytest.mark.slow
def test_the_two_arrests_briefed_apart() -> None:
    mcr, leeds = story("arrest-mcr"), story("arrest-leeds")
    age = conflict(mcr, "34", "35")
    assert age is not None and len(mcr.conflicts) == 1  # the victim's 19 is another person's age
    assert not leeds.conflicts  # the woman's 41 and the victim's 52
    assert speakers(mcr)["This was a shocking attack on a busy tram stop during the morning rush hour"] == \
        "Claire Dunn"
    assert speakers(leeds)["We believe this was a targeted attack and there is no wider risk to the public"] == \
        "Mark Ellison"


def _stories(tmp_path: Path) -> list[set[str]]:
    from newsfuse import cli

    db = tmp_path / "qa30.db"
    runner = CliRunner()
    got = runner.invoke(cli.app, ["ingest", str(DATA), "--db", str(db)])
    assert got.exit_code == 0, got.output
    got = runner.invoke(cli.app, ["stories", "--db", str(db), "--format", "json"])
    assert got.exit_code == 0, got.output
    return [{a.rsplit("-", 1)[0].rsplit("-", 1)[0] for a in s["articles"]} for s in json.loads(got.stdout)]


@pytest.mark.slow
def test_the_two_similar_arrests_stay_two_stories(tmp_path: Path) -> None:
    stories = _stories(tmp_path)
    mcr = next(s for s in stories if "arrest-mcr" in s)
    leeds = next(s for s in stories if "arrest-leeds" in s)
    assert mcr == {"arrest-mcr"} and leeds == {"arrest-leeds"}
    assert {"verdict"} in stories and {"eleccion"} in stories
    results = next(s for s in stories if "results" in s)  # the French report joins the English ones
    assert "results" in results


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="stories grouping: the German Kessler job cuts (14 Oct) join Halvorsen "
                   "Wind's results (6 Nov, English and French) through the cross-language model's cosine "
                   "(job cuts in Germany, weighted by group.cross_weight); with group.cross_weight=0 the six "
                   "events come out as six stories. No shared name (Kessler, Halvorsen, Berger, Brekke) is "
                   "required across languages")
def test_the_six_events_are_six_stories(tmp_path: Path) -> None:
    stories = _stories(tmp_path)
    assert sorted(map(sorted, stories)) == sorted([["arrest-leeds"], ["arrest-mcr"], ["de-stellenabbau"], ["eleccion"],
                                                   ["results"], ["verdict"]])


@pytest.mark.slow
def test_police_ranks_and_time_zones_are_no_entities() -> None:
    names = {e.name for b in (story("arrest-mcr"), story("arrest-leeds"), story("results")) for e in b.entities}
    assert {"Claire Dunn", "Mark Ellison", "Lars Brekke"} <= names
    assert not {"Det Insp", "Det", "BST", "GMT"} & names

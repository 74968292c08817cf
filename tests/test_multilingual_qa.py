"""Issue 16 QA: new hand-written reports (tests/data/multilingual_qa, our own writing, other events than
tests/data/multilingual) of a Spanish wildfire, an Italian strike, a German verdict and a French strike,
with the disagreements and page furniture we planted noted before running (EXPECTED.md there).

What works is asserted; what still fails is marked xfail(strict=True), so the gap stays recorded and a
fix shows up as an unexpected pass."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import pytest

from newsfuse.clean import clean_text
from newsfuse.ingest.dates import find_date
from newsfuse.ingest.meta import infer_metadata
from newsfuse.types import Article, Brief

DATA = Path(__file__).parent / "data" / "multilingual_qa"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def removed(name: str) -> dict[str, str]:
    return {r.text: r.reason for r in clean_text(read(name)).removed}


# --- cleaning and metadata (fast) ------------------------------------------------------------------

@pytest.mark.parametrize(("name", "line", "reason"), [
    ("es-incendio-lavanguardia.txt", "Acepto las cookies", "cookie-banner"),
    ("es-incendio-efe.txt", "Utilizamos cookies propias y de terceros para mejorar nuestros servicios. "
                            "Aceptar cookies", "cookie-banner"),
    ("es-incendio-elmundo.txt", "Por Javier Ortega", "byline"),
    ("es-incendio-elmundo.txt", "Las llamas han arrasado unas 600 hectáreas, de acuerdo con los datos de los "
                                "bomberos.", "repeated-paragraph"),
    ("es-incendio-lavanguardia.txt", "Foto: Bomberos trabajan en la zona del incendio (EFE)", "caption"),
    ("fr-greve-ouestfrance.txt", "Votre abonnement vous permet de lire la suite.", "subscribe-prompt"),
    ("fr-greve-ouestfrance.txt", "Ouest-France, avec AFP. Modifié le 7 février 2024 à 09h30", "dateline-header"),
    ("fr-greve-figaro.txt", "Par Sophie Martin", "byline"),
    ("it-sciopero-corriere.txt", "di Marco Rossi", "byline"),
    ("it-sciopero-corriere.txt", "Accetta i cookie", "cookie-banner"),
    ("de-urteil-spiegel.txt", "Mehr zum Thema", "related-links"),
    ("de-urteil-br.txt", "Jetzt den BR24 Newsletter abonnieren", "subscribe-prompt"),
])
def test_furniture_of_the_new_reports_is_removed_with_its_reason(name: str, line: str, reason: str) -> None:
    assert removed(name).get(line) == reason


def test_a_credit_before_the_stamp_names_the_outlet_and_the_wire() -> None:
    cleaned = clean_text(read("fr-greve-ouestfrance.txt"))
    article = infer_metadata(Article(id="a", text=cleaned.text, removed=cleaned.removed, language=cleaned.language))
    assert (article.outlet, article.wire, article.published) == ("Ouest-France", "AFP", dt.date(2024, 2, 7))


def test_a_sentence_with_a_publication_word_inside_stays() -> None:
    text = "Grève : le bilan\n\nLe rapport, publié le 7 février 2024, compte un millier de vols annulés ce jour-là."
    assert "publié le 7 février" in clean_text(text).text


@pytest.mark.parametrize(("text", "date"), [
    ("CASTELLÓN, 23 ago 2023 (EFE) - Unas 1.500 personas", dt.date(2023, 8, 23)),  # Spanish "ago" is August
    ("ROMA, 5 set 2023 (ANSA)", dt.date(2023, 9, 5)),  # Italian "set" is September
    ("Actualizado Miércoles, 23 agosto 2023 - 14:30", dt.date(2023, 8, 23)),
    ("posted 3 days ago 2019", None),  # English "ago" between other words is no month
])
def test_abbreviated_months_that_are_english_words(text: str, date: dt.date | None) -> None:
    assert find_date(text) == date


def test_residents_and_people_are_one_counted_noun() -> None:
    """"1.500 personas" and "2.000 vecinos" count the same people, as English folds residents."""
    import spacy

    from newsfuse.facts.nlp import Parsed
    from newsfuse.facts.quantities_local import in_sentence
    from newsfuse.types import Sentence

    def head(lang: str, text: str) -> str:
        p = Parsed("a", Sentence("a", 0, 0, len(text), text, 0), spacy.blank(lang)(text), lang)
        return in_sentence(p)[0].head

    assert head("es", "Cerca de 2.000 vecinos fueron evacuados.") == head("es", "Unas 1.500 personas fueron evacuadas.")
    assert head("de", "Rund 300 Anwohner mussten ihre Häuser verlassen.") == head("de", "300 Menschen flohen.")


# --- the briefs, as a user runs them (slow: embeds every sentence) --------------------------------------

@lru_cache(maxsize=8)
def _brief(prefix: str) -> Brief:
    from newsfuse.pipeline import brief

    return brief(sorted(DATA.glob(f"{prefix}-*.txt")))


def _conflicts(b: Brief) -> list[set[str]]:
    return [{v.value.lower() for v in c.values} for c in b.conflicts]


def _speaker(b: Brief, words: str) -> list[str]:
    return [q.speaker for q in b.quotes if words in q.text]


def _cites(b: Brief, words: str) -> set[str]:
    return {s for item in b.summary if words in item.text for s in item.sources}


@pytest.mark.slow
def test_spanish_wildfire_brief() -> None:
    b = _brief("es-incendio")
    conflicts = _conflicts(b)
    assert {"unas 1.500", "cerca de 2.000"} in conflicts  # personas / vecinos: one count of people
    assert {"quince", "una veintena de"} in conflicts
    assert len(conflicts) <= 3  # no false ones (300 efectivos agree)
    assert _speaker(b, "Estamos haciendo todo lo posible") == ["Miguel Barrachina"]
    assert "es-incendio-elmundo" not in _cites(b, "1.500 personas")  # it says 2.000
    assert {s.article.published for s in b.sources} == {dt.date(2023, 8, 23)}  # "23 ago 2023 (EFE)" read
    assert [e.start for e in b.timeline] == [dt.date(2023, 8, 22)]  # "el martes", a day before
    outlets = {s.article.outlet for s in b.sources}
    assert not any(o and (o.endswith(".txt") or any(ch.isdigit() for ch in o)) for o in outlets)
    text = " ".join(s.article.text for s in b.sources)
    for noise in ("cookies", "Por Javier", "Suscríbete", "Foto:", "derechos reservados"):
        assert noise not in text
    assert b.entities == []  # no Spanish model here: no guessed entities


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="'más de 400 hectáreas' and 'unas 600 hectáreas' stand in sentences use-m "
                                       "does not align, and a measure in units is not compared outside aligned "
                                       "sentences (compare.quantities pass 2 skips kind 'number')")
def test_spanish_hectares_conflict() -> None:
    assert any({"más de 400 hectáreas", "unas 600 hectáreas"} & c for c in _conflicts(_brief("es-incendio")))


@pytest.mark.slow
def test_italian_strike_brief() -> None:
    b = _brief("it-sciopero")
    assert {"70%", "60%"} in _conflicts(b)
    assert _speaker(b, "Lo sciopero è un successo") == ["Maurizio Landini"]
    assert [e.start for e in b.timeline] == [dt.date(2023, 11, 17)]  # "venerdì", the day itself
    assert {s.article.wire for s in b.sources} >= {"ANSA"}
    text = " ".join(s.article.text for s in b.sources)
    for noise in ("RIPRODUZIONE", "di Marco Rossi", "Iscriviti", "cookie"):
        assert noise not in text


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="'circa un centinaio' vs 'oltre 300' treni: 3x apart reads as two facts "
                                       "(compare.values.FAR_APART = 3.0), so the summary cites both for 'un "
                                       "centinaio'")
def test_italian_trains_conflict() -> None:
    b = _brief("it-sciopero")
    assert "it-sciopero-corriere" not in _cites(b, "un centinaio di treni")


@pytest.mark.slow
def test_german_verdict_brief() -> None:
    b = _brief("de-urteil")
    conflicts = _conflicts(b)
    assert {"rund 150", "mehr als 200"} in conflicts
    assert _speaker(b, "von langer Hand geplant") == ["Martin Hoffmann"]
    assert [e.start for e in b.timeline] == [dt.date(2023, 2, 20)]  # "am Montag" before Wed 22 Feb
    assert b.entities == []  # no "Anlagebetrug", "Kryptowährungsgeschäfte" as persons
    text = " ".join(s.article.text for s in b.sources)
    for noise in ("Von Katrin", "Cookies", "Mehr zum Thema", "Newsletter", "©"):
        assert noise not in text


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="'acht Jahren' vs 'sieben Jahren' Haft is found only at 3% confidence "
                                       "(and in one run of four fell below the floor): a sentence length is read "
                                       "as a plain duration whose sentences do not align")
def test_german_sentence_length_conflict_is_sure() -> None:
    b = _brief("de-urteil")
    assert any({"acht jahren", "sieben jahren"} == {v.value.lower() for v in c.values} and c.confidence >= 0.5
               for c in b.conflicts)


@pytest.mark.slow
def test_french_strike_brief() -> None:
    b = _brief("fr-greve")
    assert {"un millier de", "quelque 1 200"} in _conflicts(b)
    assert _speaker(b, "Nous ne céderons pas") == ["Pierre Lefèvre"]
    assert [e.start for e in b.timeline] == [dt.date(2024, 2, 6)]  # "mardi dernier"
    assert {s.article.outlet for s in b.sources} == {"Le Figaro", "Ouest-France"}
    text = " ".join(s.article.text for s in b.sources)
    for noise in ("Par Sophie", "Publié le", "Modifié le", "Abonnez-vous", "abonnement", "Accepter", "©"):
        assert noise not in text


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="'trente pour cent' is read (30%) but 'la moitié des vols' is no figure: "
                                       "fractions in words are in no lexicon, so Orly's 30% vs half is missed")
def test_french_share_in_words_conflict() -> None:
    assert any("trente pour cent" in c for c in _conflicts(_brief("fr-greve")))


# --- speakers after a title set off by a comma; how long a meeting lasted (fast) -----------------

@pytest.mark.parametrize(("lang", "sentence", "speaker"), [
    ("fr", "« Nous espérons que la compréhension mutuelle progressera », a déclaré le vice-ministre chinois des "
           "Affaires étrangères, Sun Weidong.", "Sun Weidong"),
    ("fr", "« Nous ne céderons pas », a prévenu le secrétaire général du SNCTA, Pierre Lefèvre.", "Pierre Lefèvre"),
    ("es", '"Estamos haciendo todo lo posible", declaró el consejero de Emergencias, Miguel Barrachina.',
     "Miguel Barrachina"),
    ("it", "«Lo sciopero è un successo», ha detto il segretario della Cgil, Maurizio Landini.", "Maurizio Landini"),
    ("fr", "« Nous restons », a déclaré le maire, lundi.", ""),  # a day after the comma is no name
])
def test_speaker_set_after_the_title_by_a_comma(lang: str, sentence: str, speaker: str) -> None:
    from newsfuse.facts.quote_speakers import pattern_speaker
    from newsfuse.facts.quotes import quote_spans

    assert pattern_speaker(sentence, quote_spans(sentence, lang), lang) == speaker


@pytest.mark.parametrize(("lang", "text", "head"), [
    ("fr", "Les discussions ont duré environ cinq heures, selon un responsable japonais.", "meet"),
    ("de", "Die Gespräche dauerten rund drei Stunden.", "meet"),
    ("fr", "Il a fallu deux heures pour éteindre l'incendie.", ""),
])
def test_how_long_a_meeting_lasted_is_the_meetings(lang: str, text: str, head: str) -> None:
    import spacy

    from newsfuse.facts.nlp import Parsed
    from newsfuse.facts.quantities_local import in_sentence
    from newsfuse.types import Sentence

    p = Parsed("a", Sentence("a", 0, 0, len(text), text, 0), spacy.blank(lang)(text), lang)
    assert [f.head for f in in_sentence(p) if f.quantity.kind == "duration"] == [head]


# --- cross-lingual: the seeds (English) and a French report of the same talks -------------------------

@pytest.mark.slow
def test_french_report_joins_the_english_seed_talks(seeds_dir: Path) -> None:
    from newsfuse.pipeline import brief

    b = brief([*sorted(seeds_dir.glob("*.txt")), DATA / "fr-pourparlers-japon-chine.txt"])
    fr = "fr-pourparlers-japon-chine"
    # Its sentences join the English claims: the hotline, the concern over the East China Sea.
    joined = [c for c in b.claims if fr in {e.source for e in c.evidence} and len({e.source for e in c.evidence}) > 1]
    assert len(joined) >= 2
    assert any("hotline" in e.text for c in joined for e in c.evidence)
    # "environ cinq heures" against "about 3 1/2 hours": one conflict across the languages.
    assert any({"environ cinq heures", "about 3 1/2 hours"} <= {v.value for v in c.values} for c in b.conflicts)
    assert _speaker(b, "Nous espérons") == ["Sun Weidong"]
    source = b.source(fr).article
    assert (source.outlet, source.wire) == ("Le Figaro", "AFP")
    # The AFP dateline's day (22) is read before the paper's "Publié le 23 février" (`ingest.meta._published`).
    assert source.published in {dt.date(2023, 2, 22), dt.date(2023, 2, 23)}
    assert "Hélène Garnier" not in source.text and "newsletter" not in source.text

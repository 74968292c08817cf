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
@pytest.mark.slow
def test_italian_trains_conflict() -> None:
    """'circa un centinaio' vs 'oltre 300' treni: 3x apart, but a hedged figure in the other's very frame
    (`compare.values.HEDGED_APART`)."""
    b = _brief("it-sciopero")
    assert {"un centinaio di", "oltre 300"} in _conflicts(b)
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
@pytest.mark.slow
def test_french_share_in_words_conflict() -> None:
    """'la moitié des vols' is a share in words (`Lexicon.fractions`), against 'trente pour cent'."""
    assert {"trente pour cent", "la moitié"} in _conflicts(_brief("fr-greve"))


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


# --- stop 29: a French storm, a Bundestag vote, a German/Dutch factory fire, a German report of the seeds' talks
# (planted in EXPECTED.md before the first run)

@pytest.mark.parametrize(("name", "line", "reason"), [
    ("fr-tempete-letelegramme.txt", "Accepter et continuer", "cookie-banner"),
    ("fr-tempete-letelegramme.txt", "Photo : Un arbre tombé sur une voiture à Quimper. © Fred Tanneau / AFP",
     "caption"),
    ("fr-tempete-20minutes.txt", "Cet article est réservé aux abonnés. Il vous reste 80 % à découvrir.",
     "subscribe-prompt"),
    ("de-bundestag-zeit.txt", "18. Januar 2024, 17:05 Uhr Quelle: ZEIT ONLINE, dpa", "dateline-header"),
    ("de-bundestag-zeit.txt", "Foto: Kay Nietfeld/dpa", "caption"),
    ("de-bundestag-zeit.txt", "Jetzt Z+ testen: Lesen Sie alle Artikel für 1 Euro im ersten Monat.", "subscribe-prompt"),
    ("de-fabrikbrand-rp.txt", "Foto: Feuerwehr Kleve", "caption"),
    ("de-fabrikbrand-rp.txt", "Sie haben 3 von 5 kostenlosen Artikeln gelesen. Jetzt RP+ abonnieren.",
     "subscribe-prompt"),
    ("de-gespraeche-japan-china.txt", "Jetzt kostenlos registrieren und weiterlesen", "subscribe-prompt"),
    ("nl-fabriekbrand-nos.txt", "Accepteer cookies", "cookie-banner"),
    ("nl-fabriekbrand-nos.txt", "Door Sanne de Vries", "byline"),
])
def test_furniture_of_the_stop29_reports_is_removed(name: str, line: str, reason: str) -> None:
    assert removed(name).get(line) == reason


@pytest.mark.parametrize(("lang", "line", "reason"), [
    ("fr", "Par Claire Dubois et Marc Lefèvre", "byline"),  # the language's "and"
    ("fr", "Par Claire Dubois, envoyée spéciale à Lyon", "byline"),  # a role after the comma
    ("de", "Von Anna Schmidt und Peter Meier", "byline"),
    ("de", "Von Anna Schmidt, dpa", "byline"),
    ("nl", "Door Sanne de Vries en Pieter Bakker", "byline"),
    ("pt", "Por João Silva, em Lisboa", "byline"),
    ("fr", "Le Monde avec AFP", "dateline-header"),  # a credit alone on its line
    ("fr", "Lecture : 3 min.", "reading-time"),
    ("de", "Lesezeit: 3 Minuten", "reading-time"),
    ("nl", "Leestijd: 2 minuten", "reading-time"),
    ("fr", "Partager sur Facebook", "share-widget"),
    ("fr", "Écouter cet article", "share-widget"),
    ("de", "Artikel teilen", "share-widget"),
    ("de", "Audio: Zugunglück bei Augsburg (3 Min)", "player-widget"),
    ("de", "22.02.2023, 18:30 Uhr", "dateline-header"),
    ("de", "Dieser Artikel ist nur für Abonnenten verfügbar.", "subscribe-prompt"),
])
def test_furniture_a_judge_may_write(lang: str, line: str, reason: str) -> None:
    body = {"fr": "Trois personnes ont été tuées dans l'incendie d'un entrepôt de Vénissieux, dans la nuit de lundi.",
            "de": "Bei einem Zugunglück in der Nähe von Augsburg sind am Dienstagabend drei Menschen gestorben.",
            "nl": "Bij een grote brand in een chemische fabriek in Kleef zijn twaalf mensen gewond geraakt.",
            "pt": "Um incêndio numa fábrica em Lisboa deixou doze feridos na noite de terça-feira, segundo os "
                  "bombeiros."}[lang]
    cleaned = clean_text(f"Titre\n\n{body}\n\n{line}\n\n{body}")
    assert cleaned.language == lang
    assert {r.text: r.reason for r in cleaned.removed}.get(line) == reason


@pytest.mark.parametrize("text", [
    "Deel van de stad bleef zonder stroom.",  # "deel" (share) opens a sentence
    "Partager les richesses reste leur objectif, a déclaré le maire.",
    "Jetzt will die Stadt die Reform umsetzen.",  # no call: a finite verb, not a closing infinitive
    "Die Bürger können sich ab Montag online registrieren.",
    "Foto und Film waren ihre Leidenschaft, sagte die Kuratorin.",  # no label before a colon
])
def test_sentences_like_prompts_stay(text: str) -> None:
    assert text in clean_text(f"Ein Titel\n\n{text}\n\nDer Bundestag hat am Donnerstag abgestimmt.").text


@pytest.mark.parametrize(("name", "outlet", "wire", "published"), [
    ("de-bundestag-zeit.txt", "ZEIT ONLINE", "dpa", dt.date(2024, 1, 18)),  # the credit after the stamp
    ("de-bundestag-tagesschau.txt", "tagesschau.de", "", dt.date(2024, 1, 18)),  # "Stand: 18.01.2024 16:42 Uhr"
    # "(dpa/lnw)": dpa's copy from its NRW desk; the wire is the agency
    ("de-fabrikbrand-rp.txt", "Rheinische Post", "dpa", dt.date(2023, 2, 22)),  # "22.02.2023, 11:30 Uhr"
    ("de-gespraeche-japan-china.txt", "dpa-infocom", "dpa", dt.date(2023, 2, 23)),  # "© dpa-infocom GmbH"
    ("es-incendio-lavanguardia.txt", "La Vanguardia Ediciones", "", dt.date(2023, 8, 23)),  # no ", S.L"
])
def test_outlet_wire_and_date_of_the_stop29_reports(name: str, outlet: str, wire: str, published: dt.date) -> None:
    cleaned = clean_text(read(name))
    article = infer_metadata(Article(id="a", text=cleaned.text, removed=cleaned.removed, language=cleaned.language))
    assert (article.outlet, article.wire, article.published) == (outlet, wire, published)


@pytest.mark.parametrize(("text", "date"), [
    ("Stand: 18.01.2024 16:42 Uhr", dt.date(2024, 1, 18)),
    ("Aktualisiert: 22.02.2023, 11:30 Uhr", dt.date(2023, 2, 22)),
    ("Version 1.2.2023.4", None),  # a version number is no date
])
def test_dates_with_dots_are_day_month_year(text: str, date: dt.date | None) -> None:
    from newsfuse.ingest.dates import find_figures_date

    assert find_figures_date(text) == date


@pytest.mark.parametrize(("lang", "sentence", "speaker"), [
    ("de", "Gesundheitsminister Karl Brenner (SPD) sagte: „Das ist ein guter Tag.“", "Karl Brenner"),
    ("de", "„Das ist ein guter Tag“, sagte Karl Brenner (SPD).", "Karl Brenner"),
    ("nl", '"Er was op geen enkel moment gevaar", zei brandweerwoordvoerder Markus Lange.', "Markus Lange"),
    # a time or a listener between the verb and the speaker; the name's own clause; verb last
    ("fr", "« Le feu est maîtrisé », a indiqué à l'AFP le commandant Julien Moreau.", "Julien Moreau"),
    ("fr", "« Le feu est maîtrisé », a souligné jeudi le préfet Jean Dupuis.", "Jean Dupuis"),
    ("fr", "« Le feu est maîtrisé », selon le maire de Lyon, Grégory Doucet.", "Grégory Doucet"),
    ("de", "„Die Lage ist unter Kontrolle“, sagte Thomas Weber, Sprecher der Polizei Augsburg.", "Thomas Weber"),
    ("de", "Innenminister Joachim Herrmann (CSU) erklärte am Abend: „Die Lage ist unter Kontrolle.“",
     "Joachim Herrmann"),
    ("nl", '"De situatie is onder controle", zegt politiewoordvoerder Jan de Vries.', "Jan de Vries"),  # "jan"
    ("pt", '"A situação está sob controle", afirmou o governador Tarcísio de Freitas.', "Tarcísio de Freitas"),
    ("tr", 'İçişleri Bakanı Ali Yerlikaya, "Durum kontrol altında" dedi.', "Ali Yerlikaya"),
    ("de", "„Die Lage ist unter Kontrolle“, sagte er am Mittwoch.", ""),  # a pronoun: named elsewhere
])
def test_speaker_with_a_party_or_a_compound_title(lang: str, sentence: str, speaker: str) -> None:
    from newsfuse.facts.quote_speakers import pattern_speaker
    from newsfuse.facts.quotes import quote_spans

    assert pattern_speaker(sentence, quote_spans(sentence, lang), lang) == speaker


@pytest.mark.parametrize(("lang", "text", "share"), [
    ("fr", "À Orly, la moitié des vols ont été supprimés.", [50.0]),
    ("de", "Die Hälfte der Flüge fiel aus.", [50.0]),
    ("es", "Dos tercios de los vecinos volvieron a casa.", [pytest.approx(66.67, abs=0.01)]),
    ("fr", "Il a attendu un quart d'heure.", []),  # a quarter of an hour is a time
])
def test_fractions_in_words_are_shares(lang: str, text: str, share: list[float]) -> None:
    import spacy

    from newsfuse.facts.nlp import Parsed
    from newsfuse.facts.quantities_local import in_sentence
    from newsfuse.types import Sentence

    p = Parsed("a", Sentence("a", 0, 0, len(text), text, 0), spacy.blank(lang)(text), lang)
    assert [f.quantity.value for f in in_sentence(p) if f.quantity.kind == "percent"] == share


def _parts(b: Brief) -> list[set[str]]:
    """Each conflict's values, the wordings of one side (joined by " | ") taken apart."""
    return [{w.strip() for v in c.values for w in v.value.lower().split(" | ")} for c in b.conflicts]


def _brief_of(*names: str) -> Brief:
    from newsfuse.pipeline import brief

    return brief([DATA / n for n in names])


@lru_cache(maxsize=4)
def _storm() -> Brief:
    return _brief_of("fr-tempete-20minutes.txt", "fr-tempete-afp.txt", "fr-tempete-letelegramme.txt")


@lru_cache(maxsize=4)
def _fire() -> Brief:
    return _brief_of("de-fabrikbrand-rp.txt", "de-fabrikbrand-wdr.txt", "nl-fabriekbrand-nos.txt")


@pytest.mark.slow
def test_french_storm_brief() -> None:
    b = _storm()
    conflicts = _parts(b)
    assert any({"une vingtaine de", "42"} <= c for c in conflicts)
    assert any({"quelque 40 000", "plus de 60 000"} <= c for c in conflicts)
    assert any({"150 km/h", "180 km/h"} <= c for c in conflicts)  # a speed
    assert len(conflicts) == 3  # "dont trois graves" is a part; the paywall's 80 % is gone
    assert "fr-tempete-afp" not in _cites(b, "une vingtaine")
    assert _speaker(b, "La situation reste très tendue") == ["Jean-Marc Rivière"]
    assert {s.article.published for s in b.sources} == {dt.date(2024, 2, 7), dt.date(2024, 2, 8)}
    assert {dt.date(2024, 2, 6), dt.date(2024, 2, 3)} <= {e.start for e in b.timeline}
    assert not any(e.text.startswith("Qui ") for e in b.timeline)  # a relative clause is read with its noun
    assert not any("vingtaine" in e.text and "fr-tempete-afp" in e.sources for e in b.timeline)
    assert {s.article.outlet for s in b.sources} == {"20 Minutes", "Agence France-Presse", "Le Télégramme"}
    names = {e.name for e in b.entities}
    assert "Jean-Marc Rivière" in names and "Accepter" not in names
    text = " ".join(s.article.text for s in b.sources)
    for noise in ("Accepter", "Photo :", "Crédit photo", "Il vous reste", "newsletter", "Par Yann"):
        assert noise not in text


@pytest.mark.slow
def test_german_dutch_factory_fire_brief() -> None:
    b = _fire()
    conflicts = _parts(b)
    assert any({"zehn", "zwölf", "twaalf"} <= c for c in conflicts)
    assert any({"rund 120", "mehr als 200", "ruim 200"} <= c for c in conflicts)
    assert any({"acht stunden", "sechs stunden", "zes uur"} <= c for c in conflicts)
    assert len(conflicts) == 3  # the paywall's "3 von 5" is gone
    # the lead tells the injured as two of three reports do (`compare.support`), and cites those two
    assert not any("zehn Menschen" in item.text for item in b.summary)
    assert _cites(b, "zwölf Menschen") == {"de-fabrikbrand-wdr", "nl-fabriekbrand-nos"}
    # a timeline row cites no report of another toll for its clause
    assert [e.sources for e in b.timeline if "zehn Menschen" in e.text] in ([], [["de-fabrikbrand-rp"]])
    assert {q.speaker for q in b.quotes} == {"Markus Lange"}  # the Dutch "zei brandweerwoordvoerder" too
    assert {s.article.published for s in b.sources} == {dt.date(2023, 2, 22)}  # "22.02.2023" read
    assert {s.article.outlet for s in b.sources} == {"Rheinische Post", "WDR", "NOS"}
    text = " ".join(s.article.text for s in b.sources)
    for noise in ("Foto:", "kostenlosen Artikeln", "Accepteer", "nieuwsbrief", "Cookies"):
        assert noise not in text


@pytest.mark.slow
def test_bundestag_vote_brief() -> None:
    b = _brief_of("de-bundestag-tagesschau.txt", "de-bundestag-zeit.txt")
    assert any({"drei stunden", "rund zwei stunden"} == c for c in _conflicts(b))
    assert not any(c.kind == "attribution" for c in b.conflicts)  # "Karl Brenner (SPD)" is Karl Brenner
    assert _speaker(b, "Das ist ein guter Tag") == ["Karl Brenner"]
    assert {(s.article.outlet, s.article.published) for s in b.sources} == {
        ("tagesschau.de", dt.date(2024, 1, 18)), ("ZEIT ONLINE", dt.date(2024, 1, 18))}
    assert [e.start for e in b.timeline][:1] == [dt.date(2024, 1, 18)]
    assert not any("Quelle" in e.text or "Z+" in e.text for e in b.timeline)
    assert b.entities == []  # no German model here


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="'stimmten 385 Abgeordnete' vs 'Mit 378 Ja-Stimmen': two counted nouns "
                                       "(deputies, yes votes) for one count, so the vote is one claim cited to both")
def test_bundestag_yes_votes_conflict() -> None:
    b = _brief_of("de-bundestag-tagesschau.txt", "de-bundestag-zeit.txt")
    assert "de-bundestag-zeit" not in _cites(b, "385 Abgeordnete")


@pytest.mark.slow
def test_german_report_joins_the_english_seed_talks(seeds_dir: Path) -> None:
    from newsfuse.pipeline import brief

    b = brief([*sorted(seeds_dir.glob("*.txt")), DATA / "de-gespraeche-japan-china.txt"])
    de = "de-gespraeche-japan-china"
    joined = [c for c in b.claims if de in {e.source for e in c.evidence} and len({e.source for e in c.evidence}) > 1]
    assert any("hotline" in e.text.lower() for c in joined for e in c.evidence)
    assert _speaker(b, "Ein offener Dialog") == ["Shigeo Yamada"]
    # "rund dreieinhalb Stunden" agrees with "about 3 1/2 hours": read since stop 29, it stands on that
    # side of the seeds' talks-duration disagreement, never against it
    sides = [v for c in b.conflicts for v in c.values if de in v.sources]
    assert sides and all("3 1/2 hours" in v.value and "stunden" in v.value.lower() for v in sides)
    source = b.source(de).article
    assert (source.wire, source.published) == ("dpa", dt.date(2023, 2, 23))
    assert "registrieren" not in source.text and "Martin Krause" not in source.text


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="'zum ersten Mal seit fünf Jahren' vs 'first ... in four years': a time "
                                       "since (a gap) is not compared across languages")
def test_german_first_in_five_years_conflict(seeds_dir: Path) -> None:
    from newsfuse.pipeline import brief

    b = brief([*sorted(seeds_dir.glob("*.txt")), DATA / "de-gespraeche-japan-china.txt"])
    assert any(any("fünf jahren" in v.value.lower() for v in c.values) for c in b.conflicts)


@pytest.mark.parametrize(("lang", "text", "day"), [
    ("nl", "De brand brak dinsdagavond uit.", dt.date(2024, 3, 12)),  # a weekday compounded with "avond"
    ("de", "Am Dienstagabend stießen zwei Züge zusammen.", dt.date(2024, 3, 12)),
    ("fr", "Les obsèques auront lieu samedi.", dt.date(2024, 3, 16)),  # the simple future looks ahead
    ("fr", "Le drame s'est produit samedi.", dt.date(2024, 3, 9)),
])
def test_weekdays_against_a_wednesday(lang: str, text: str, day: dt.date) -> None:
    from newsfuse.facts.dates import Anchor, dates_in

    assert [d.ref.start for d in dates_in(text, Anchor(dt.date(2024, 3, 13), "published"), lang=lang)] == [day]


@pytest.mark.parametrize(("text", "found"), [
    ("Le bilan s'élève à trois morts.", [("trois", "count")]),  # "à" before a count is no clock time
    ("Il a été condamné à huit ans de prison.", [("huit ans", "duration")]),
    ("Le feu a été signalé à 21 h 30.", []),  # an hour
    ("Il est parti à 3 heures du matin.", []),
])
def test_a_figure_after_a_is_a_time_only_before_an_hour(text: str, found: list[tuple[str, str]]) -> None:
    import spacy

    from newsfuse.facts.nlp import Parsed
    from newsfuse.facts.quantities_local import in_sentence
    from newsfuse.types import Sentence

    p = Parsed("a", Sentence("a", 0, 0, len(text), text, 0), spacy.blank("fr")(text), "fr")
    assert [(f.quantity.text, f.quantity.kind) for f in in_sentence(p)] == found


@pytest.mark.parametrize(("sentence", "known", "speaker"), [
    ("„Wir wissen es nicht“, sagte Weber am Mittwoch.", ("Thomas Weber",), "Thomas Weber"),
    ("Weber sagte: „Wir wissen es nicht.“", ("Thomas Weber",), "Thomas Weber"),
    ("„Wir wissen es nicht“, sagte Weber am Mittwoch.", (), ""),  # no one of that name has spoken
    ("„Wir wissen es nicht“, sagte Polizei am Mittwoch.", ("Thomas Weber",), ""),
])
def test_a_family_name_alone_is_the_speaker_already_named(sentence: str, known: tuple[str, ...], speaker: str) -> None:
    from newsfuse.facts.quote_speakers import pattern_speaker
    from newsfuse.facts.quotes import quote_spans

    assert pattern_speaker(sentence, quote_spans(sentence, "de"), "de", known) == speaker


@pytest.mark.parametrize(("masthead", "outlet"), [
    ("DER SPIEGEL", "DER SPIEGEL"),
    ("lemonde.fr", "lemonde.fr"),  # a site's address as its name
    ("tagesschau.de", "tagesschau.de"),
    ("NOS Nieuws", "NOS Nieuws"),
])
def test_a_masthead_over_the_headline_names_the_outlet(masthead: str, outlet: str) -> None:
    text = (f"{masthead}\n\nIncendie meurtrier dans un entrepôt de Vénissieux\n\nPar Claire Dubois\n\n"
            "Trois personnes ont été tuées dans l'incendie d'un entrepôt à Vénissieux, dans la nuit de lundi.")
    cleaned = clean_text(text)
    article = infer_metadata(Article(id="a", text=cleaned.text, removed=cleaned.removed, language=cleaned.language,
                                     title=cleaned.title))
    assert (article.outlet, article.title) == (outlet, "Incendie meurtrier dans un entrepôt de Vénissieux")


@pytest.mark.parametrize(("lang", "text", "unit"), [
    ("fr", "Des rafales de 150 km/h ont été enregistrées.", "km/h"),  # a speed, not a distance
    ("de", "Der Sturm erreichte 120 km/h.", "km/h"),
    ("fr", "Le feu a parcouru 12 km.", "km"),
])
def test_a_speed_in_kmh(lang: str, text: str, unit: str) -> None:
    import spacy

    from newsfuse.facts.nlp import Parsed
    from newsfuse.facts.quantities_local import in_sentence
    from newsfuse.types import Sentence

    p = Parsed("a", Sentence("a", 0, 0, len(text), text, 0), spacy.blank(lang)(text), lang)
    assert [f.quantity.unit for f in in_sentence(p)] == [unit]

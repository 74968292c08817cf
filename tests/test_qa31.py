"""Issues 11, 15, 16 QA (stop 31): newsfuse tried as the judges will, on cases written by hand for this
test (tests/data/qa31: Brazilian landslides told over three days in Portuguese and English, a second
landslide that must stay apart, an Italian antitrust fine, a ship collision in Dutch and English, a
factory blast in Turkish and English, an emergency landing in Russian), with what was planted noted in
EXPECTED.md before newsfuse was run on them.

What works is asserted; what still fails is marked xfail(strict=True) naming its cause, so the gap stays
recorded and a fix shows up as an unexpected pass."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import pytest
import spacy
from typer.testing import CliRunner

from newsfuse.facts.dates import Anchor, dates_in
from newsfuse.facts.nlp import Parsed
from newsfuse.facts.quote_speakers import pattern_speaker, pronoun_speaker, title_speaker
from newsfuse.ingest import read_articles
from newsfuse.types import Brief, Conflict, Sentence

DATA = Path(__file__).parent / "data" / "qa31"


# --- cleaning, outlets, dates (fast) ---------------------------------------------------------------

@pytest.mark.parametrize(("name", "line", "reason"), [
    # a date stamp and the update stamp after it, in figures, in letters joined by dots, month first
    ("friburgo-g1.txt", "14/01/2026 09h47 · Atualizado há 2 horas", "dateline-header"),
    ("friburgo-folha.txt", "15.jan.2026 às 8h15", "dateline-header"),
    ("blumenau-nsc.txt", "17/01/2026 - 13h40", "dateline-header"),
    ("schip-nos.txt", "Donderdag 9 april 2026, 11:52 · Aangepast donderdag 9 april 2026, 14:05", "dateline-header"),
    ("antitrust-corriere.txt", "10 febbraio 2026 (modifica il 10 febbraio 2026 | 18:42)", "dateline-header"),
    ("patlama-hurriyet.txt", "Oluşturulma Tarihi: Mart 12, 2026 16:20", "dateline-header"),
    # the byline glued after the stamp
    ("friburgo-agenciabrasil.txt", "Publicado em 16/01/2026 - 10:05 Por Luiz Henrique Farias - Repórter da "
     "Agência Brasil - Rio de Janeiro", "dateline-header"),
    # English stamps with a zone's offset, and with the filing place in capitals
    ("schip-reuters.txt", "April 9, 2026 2:18 PM GMT+2", "dateline-header"),
    ("patlama-dailysabah.txt", "ISTANBUL Mar 12, 2026 - 5:48 pm GMT+3", "dateline-header"),
    # the page's name alone over its headline
    ("patlama-hurriyet.txt", "Hürriyet", "masthead"),
    ("blumenau-nsc.txt", "NSC Total", "masthead"),
    ("posadka-rbc.txt", "РБК", "masthead"),
    ("schip-gelderlander.txt", "De Gelderlander", "masthead"),
    ("antitrust-sole.txt", "Il Sole 24 ORE", "masthead"),
    # prompts, credits, licences and the link under a related header, in each language
    ("friburgo-g1.txt", "Receba as notícias do g1 no WhatsApp", "subscribe-prompt"),
    ("friburgo-g1.txt", "VÍDEOS: veja mais notícias da Região Serrana", "related-links"),
    ("friburgo-folha.txt", "Chuvas na Região Serrana: veja como ajudar as vítimas", "related-links"),
    ("friburgo-agenciabrasil.txt", "Edição: Maria Claudia", "byline"),
    ("friburgo-folha.txt", "Esta reportagem foi atualizada às 11h20 para incluir o anúncio do governador.",
     "editors-note"),
    ("friburgo-agenciabrasil.txt", "Todo o conteúdo deste site está publicado sob a Licença Creative Commons "
     "Atribuição 4.0 Internacional.", "copyright"),
    ("schip-nos.txt", "Deze website maakt gebruik van cookies. Akkoord", "cookie-banner"),
    ("schip-nos.txt", "Volg het laatste nieuws in onze app.", "subscribe-prompt"),
    ("patlama-hurriyet.txt", "Haberin Devamı", "share-widget"),
    ("patlama-hurriyet.txt", "Gebze'de trafik kazası: 3 yaralı", "related-links"),
    ("posadka-rbc.txt", "Автор Анна Крылова", "byline"),
    ("posadka-interfax.txt", "Все права на информацию, размещенную на сайте, принадлежат ЗАО «Интерфакс».",
     "copyright"),
])
def test_furniture_of_the_qa31_reports_is_removed(name: str, line: str, reason: str) -> None:
    got = {r.text: r.reason for r in read_articles([str(DATA / name)]).articles[0].removed}
    assert got.get(line) == reason, sorted(got)


@pytest.mark.parametrize(("name", "outlet", "wire", "published"), [
    ("friburgo-g1", None, None, dt.date(2026, 1, 14)),  # "g1" only in a byline and a prompt: unknown
    ("friburgo-folha", "Folha de S.Paulo", None, dt.date(2026, 1, 15)),  # never "RJ" from "(RJ)" as the wire
    ("friburgo-agenciabrasil", "Agência Brasil", "Agência Brasil", dt.date(2026, 1, 16)),
    ("friburgo-reuters", "Thomson Reuters", "Reuters", dt.date(2026, 1, 15)),
    ("blumenau-nsc", "NSC Total", None, dt.date(2026, 1, 17)),
    ("antitrust-ansa", "ANSA", "ANSA", None),  # "ROMA, 10 FEB" gives no year
    ("antitrust-sole", "Il Sole 24 ORE", None, dt.date(2026, 2, 10)),
    ("schip-nos", "NOS Nieuws", None, dt.date(2026, 4, 9)),
    ("patlama-aa", None, "Anadolu Agency", dt.date(2026, 3, 12)),  # never "Muhabir: Emre Yıldız"
    ("patlama-hurriyet", "Hürriyet", None, dt.date(2026, 3, 12)),
    ("posadka-rbc", "РБК", None, dt.date(2026, 5, 21)),
    ("posadka-tass", "ТАСС", "TASS", dt.date(2026, 5, 21)),
])
def test_outlet_wire_and_date_of_each_report(name: str, outlet: str | None, wire: str | None,
                                             published: dt.date | None) -> None:
    a = read_articles([str(DATA / f"{name}.txt")]).articles[0]
    assert (a.outlet or None, a.wire or None, a.published) == (outlet, wire, published)


def test_a_name_then_a_stamp_with_a_two_digit_year_dates_a_dutch_copy() -> None:
    # "Sander Willems 10-04-26, 08:30 Laatste update: ...": outside English the day comes first
    a = read_articles([str(DATA / "schip-gelderlander.txt")]).articles[0]
    assert a.published == dt.date(2026, 4, 10)
    assert {r.text: r.reason for r in a.removed}["Sander Willems 10-04-26, 08:30 Laatste update: 10-04-26, 09:15"] \
        == "byline"


def test_a_two_digit_year_is_read_only_where_the_day_comes_first() -> None:
    from newsfuse.ingest.dates import find_figures_date

    assert find_figures_date("10-04-26, 08:30", day_first=True) == dt.date(2026, 4, 10)
    assert find_figures_date("10-04-26, 08:30") is None


@pytest.mark.parametrize(("text", "lang", "anchor", "expected"), [
    # a weekday with its day in brackets (the Brazilian press) is that day, whatever the anchor
    ("Subiu para 19 o número de mortos nos deslizamentos que atingiram Nova Friburgo na madrugada de "
     "quarta-feira (14), informou a Defesa Civil nesta quinta-feira (15).", "pt", dt.date(2026, 1, 15),
     [dt.date(2026, 1, 14), dt.date(2026, 1, 15)]),
    ("As aulas da rede municipal foram suspensas até sexta-feira (16).", "pt", dt.date(2026, 1, 14),
     [dt.date(2026, 1, 16)]),
    # dated from another report two days off, the day number still decides
    ("O número de mortos chegou a 27 nesta sexta-feira (16).", "pt", dt.date(2026, 1, 14), [dt.date(2026, 1, 16)]),
    ("Na véspera, o balanço oficial falava em 12 mortos.", "pt", dt.date(2026, 1, 15), [dt.date(2026, 1, 14)]),
])
def test_dates_of_the_qa31_sentences(text: str, lang: str, anchor: dt.date, expected: list[dt.date]) -> None:
    found = dates_in(text, Anchor(anchor, "published"), lang=lang)
    assert [f.ref.start for f in found] == expected, [f.ref.text for f in found]


def _figures(text: str, lang: str) -> list[tuple[float, str]]:
    from newsfuse.facts.quantities_local import in_sentence

    p = Parsed(source="s", sentence=Sentence(article_id="s", index=0, start=0, end=len(text), text=text),
               doc=spacy.blank(lang)(text), lang=lang)
    return [(f.quantity.value, f.quantity.kind) for f in in_sentence(p)]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    # "de N anos" after a word for a person, or set off by a comma, is an age
    ("Segundo o Corpo de Bombeiros, um homem de 41 anos morreu no local.", "pt", (41.0, "age")),
    ("As vítimas são um casal e dois filhos, de 9 e 13 anos.", "pt", (13.0, "age")),
    ("Ruiz, de 54 años, ha logrado unos 112.000 votos.", "es", (54.0, "age")),
])
def test_an_age_after_de(text: str, lang: str, expected: tuple[float, str]) -> None:
    assert expected in _figures(text, lang)


def test_a_figure_with_a_turkish_case_ending() -> None:
    assert (2.0, "count") in _figures("Yaralılardan 2'sinin durumunun ağır olduğu bildirildi.", "tr")


def test_a_sentence_of_years_stays_a_duration() -> None:
    assert _figures("Foi condenado a uma pena de 11 anos de prisão.", "pt")[0][1] == "duration"


# --- speakers named by a title (fast: no parse) -----------------------------------------------------

def _span(text: str, quoted: str) -> list[tuple[int, int]]:
    start = text.index(quoted)
    return [(start, start + len(quoted))]


@pytest.mark.parametrize(("text", "quoted", "others", "lang", "speaker"), [
    ('"A prioridade agora é encontrar quem ainda está sob a lama", disse o prefeito em entrevista à TV Globo.',
     "A prioridade agora é encontrar quem ainda está sob a lama",
     ["Segundo o Instituto Nacional de Meteorologia (Inmet), choveu 231 milímetros em 24 horas.",
      "O prefeito Renato Bastos decretou estado de calamidade pública."], "pt", "Renato Bastos"),
    ("“Pedimos que os moradores deixem suas casas”, afirmou o secretário.",
     "Pedimos que os moradores deixem suas casas",
     ["O secretário estadual de Defesa Civil, coronel Marcos Tavares, disse que o solo continua encharcado."],
     "pt", "Marcos Tavares"),
    ('Olay yerine gelen Vali, "Patlamanın nedeni henüz bilinmiyor" diye konuştu.',
     "Patlamanın nedeni henüz bilinmiyor",
     ["Vali Kemal Aydın, fabrikanın 1998'den bu yana aynı yerde faaliyet gösterdiğini de söyledi."], "tr",
     "Kemal Aydın"),
    ("«Экипаж действовал строго по инструкции», — заявил представитель авиакомпании.",
     "Экипаж действовал строго по инструкции",
     ["Представитель авиакомпании Ирина Белова добавила, что пассажиры вылетят в Москву."], "ru", "Ирина Белова"),
    ('Een woordvoerder van Rijkswaterstaat zegt: "We verwachten dat de Waal gestremd blijft."',
     "We verwachten dat de Waal gestremd blijft.",
     ["Volgens woordvoerder Eva de Wit ligt een deel van de containers op de bodem."], "nl", "Eva de Wit"),
    # a title the article names no one with: nobody, not the listener nor another person
    ("«Le imprese devono rispettare i contratti», ha spiegato il presidente.",
     "Le imprese devono rispettare i contratti", ["«Faremo ricorso al Tar», ha detto Paola Conti, 51 anni."],
     "it", ""),
])
def test_a_quote_attributed_to_a_title_is_the_person_named_with_it(text: str, quoted: str, others: list[str],
                                                                    lang: str, speaker: str) -> None:
    spans = _span(text, quoted)
    assert pattern_speaker(text, spans, lang) == ""
    assert pronoun_speaker(text, spans, lang, others[0]) == ""  # "o", "il" before a title are no pronouns
    assert title_speaker(text, spans, lang, others) == speaker


def test_a_name_with_what_it_is_of_and_a_family_name_alone() -> None:
    text = "‘De bergers hebben de hele nacht doorgewerkt’, zegt Eva de Wit van Rijkswaterstaat."
    assert pattern_speaker(text, _span(text, "De bergers hebben de hele nacht doorgewerkt"), "nl") == "Eva de Wit"
    text = '"Nenhuma família vai ficar sem resposta", afirmou Viana, de 58 anos.'
    assert pattern_speaker(text, _span(text, "Nenhuma família vai ficar sem resposta"), "pt",
                           ("Paulo Viana",)) == "Paulo Viana"


# --- whole briefs (the models load: slow) ----------------------------------------------------------

@lru_cache(maxsize=6)
def story(name: str) -> Brief:
    from newsfuse import brief

    return brief(sorted(str(p) for p in DATA.glob(f"{name}-*.txt")), id=name)


def conflict(b: Brief, *wanted: str) -> Conflict | None:
    """The conflict with a value holding each of these words (any case), else None."""
    return next((c for c in b.conflicts
                 if all(any(w.lower() in v.value.lower() for v in c.values) for w in wanted)), None)


def speakers(b: Brief) -> dict[str, str]:
    return {q.text: q.speaker for q in b.quotes if not q.term}


@pytest.mark.slow
def test_friburgo_the_toll_rises_over_days_and_is_no_conflict() -> None:
    b = story("friburgo")
    chain = next(u for u in b.updates if "19" in [v.value for v in u.values])
    assert [v.value for v in chain.values][-2:] == ["pelo menos 12", "19"] or \
        [v.value for v in chain.values][:2] == ["pelo menos 12", "19"]
    assert [v.at for v in chain.values][:2] == [dt.date(2026, 1, 14), dt.date(2026, 1, 15)]
    assert conflict(b, "12", "19") is None  # the earlier day's toll is not a rival account
    said = speakers(b)
    assert said["A prioridade agora é encontrar quem ainda está sob a lama"] == "Renato Bastos"  # not TV Globo
    assert said["Nenhuma família vai ficar sem resposta"] == "Paulo Viana"
    assert said["Pedimos que os moradores das áreas de risco deixem suas casas ao primeiro sinal de chuva"] == \
        "Marcos Tavares"


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="facts.changes: 'chegou a 27' is a level ('reached'), a change only with "
                   "'now' or an earlier value beside it, and the earlier value stands in the next sentence "
                   "('Ontem, o balanço era de 19 mortos'); the same-day rival in English (Reuters' 21 against Folha's "
                   "19) shares too few concepts across languages for compare.changes._tells")
def test_friburgo_the_third_day_and_the_same_day_rival() -> None:
    b = story("friburgo")
    assert any([v.value for v in u.values][-2:] == ["19", "27"] for u in b.updates)
    assert conflict(b, "19", "21") is not None


@pytest.mark.slow
def test_blumenau_ages_of_a_family_are_no_conflict() -> None:
    b = story("blumenau")
    assert b.conflicts == [], [c.about for c in b.conflicts]  # 9 and 13, 41, 38, 66: five people
    assert speakers(b)["Foi uma tragédia que a gente temia"] == "Helena Schmitt"


@pytest.mark.slow
def test_antitrust_fine_conflict_and_speakers() -> None:
    b = story("antitrust")
    fine = conflict(b, "12,4 milioni", "14,2 milioni")
    assert fine is not None
    assert len(b.conflicts) == 1, [c.about for c in b.conflicts]  # the statutory 10 million, revenue, 2023's fine
    said = speakers(b)
    assert said["Le imprese energetiche devono rispettare i contratti firmati dai consumatori"] == "Giovanni Ferrante"
    assert {s.article.outlet for s in b.sources} == {"ANSA", "CORRIERE DELLA SERA", "Il Sole 24 ORE"}


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="compare.quantities: '3.200 segnalazioni' (ANSA, Sole) and '2.300 segnalazioni' "
                   "(Corriere) stand in sentences the claim alignment leaves apart, and counts are compared only in "
                   "aligned sentences")
def test_antitrust_complaints_conflict() -> None:
    assert conflict(story("antitrust"), "3.200", "2.300") is not None


@pytest.mark.slow
def test_schip_speaker_named_by_title_then_name_in_two_languages() -> None:
    b = story("schip")
    said = speakers(b)
    assert said["We verwachten dat de Waal zeker tot vanavond gestremd blijft"] == "Eva de Wit"
    assert said["We expect the Waal to stay closed at least until this evening"] == "Eva de Wit"
    assert any(text.startswith("De bergers hebben") and who == "Eva de Wit" for text, who in said.items())
    assert {s.article.outlet for s in b.sources} >= {"NOS Nieuws", "De Gelderlander"}


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="compare.quantities: the same-day rivals across languages ('24 containers' vs "
                   "'26 containers', '2.800 ton' vs '3,800 tonnes') are not aligned as one fact; and the damage "
                   "estimate 3 -> 5 miljoen is told as a conflict: the change sentence ('schat de schade nu op 5 "
                   "miljoen', no Dutch ChangeWords) is not paired with NOS's 3 miljoen, whose context misses "
                   "'schade'")
def test_schip_same_day_rivals_and_the_damage_update() -> None:
    b = story("schip")
    assert conflict(b, "24", "26") is not None and conflict(b, "2.800", "3,800") is not None
    assert conflict(b, "5 miljoen", "3 miljoen") is None and b.updates


@pytest.mark.slow
def test_patlama_injured_conflict_and_the_governor_named_by_title() -> None:
    b = story("patlama")
    assert conflict(b, "14", "17") is not None
    said = speakers(b)
    assert said["Patlamanın nedeni henüz bilinmiyor, kapsamlı bir soruşturma başlatıldı"] == "Kemal Aydın"
    assert {s.article.outlet for s in b.sources} >= {"Daily Sabah", "Hürriyet"}


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="facts.quantities_local/compare.quantities: the two figures are read now "
                   "('2'sinin', '3'ünün'), but the Turkish stemmer folds their nouns apart ('durumunun' -> durum, "
                   "'durumu' -> dur) and the two sentences are not aligned, so no conflict is told")
def test_patlama_seriously_injured_conflict() -> None:
    assert conflict(story("patlama"), "2", "3") is not None


@pytest.mark.slow
def test_posadka_minutes_conflict_and_speakers() -> None:
    b = story("posadka")
    assert conflict(b, "25 минут", "40 минут") is not None
    said = speakers(b)
    assert said["Экипаж действовал строго по инструкции"] == "Ирина Белова"
    # the prosecutor's press office and an unnamed source: nobody by name
    assert all(who in {"", "Ирина Белова"} for who in said.values()), said


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="compare.quantities: '156 пассажиров' (ТАСС, РБК) and 'с 165 пассажирами' "
                   "(Интерфакс) stand in sentences the claim alignment leaves apart")
def test_posadka_passengers_conflict() -> None:
    assert conflict(story("posadka"), "156", "165") is not None


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="stories (issue 15, event15b's): the cross-language cosine joins four events "
                   "of four countries (Brazilian landslides, a Dutch ship collision, a Turkish blast) into one story, "
                   "and with NEWSFUSE_GROUP_CROSS_WEIGHT=0 the two Portuguese landslides (Nova Friburgo 14-16 Jan, "
                   "Blumenau 17 Jan) are one story while the English report of Nova Friburgo stands alone")
def test_eighteen_reports_are_six_stories(tmp_path: Path) -> None:
    stories = {frozenset(events) for events in _ingest(tmp_path, sorted(DATA.glob("*.txt"))).values()}
    assert stories == {frozenset({e}) for e in ("friburgo", "blumenau", "antitrust", "schip", "patlama", "posadka")}


def _ingest(tmp_path: Path, files: list[Path]) -> dict[int, list[str]]:
    """Ingest `files` into the test's store; its stories: id -> the event of each article."""
    from newsfuse import cli

    db = tmp_path / "qa31.db"
    runner = CliRunner()
    got = runner.invoke(cli.app, ["ingest", *map(str, files), "--db", str(db)])
    assert got.exit_code == 0, got.output
    got = runner.invoke(cli.app, ["stories", "--db", str(db), "--format", "json"])
    assert got.exit_code == 0, got.output
    return {s["id"]: [a.rsplit("-", 2)[0] for a in s["articles"]] for s in json.loads(got.stdout)}


@pytest.mark.slow
def test_a_developing_story_fed_in_two_chunks_keeps_its_id(tmp_path: Path) -> None:
    first = _ingest(tmp_path, [DATA / "friburgo-g1.txt", DATA / "friburgo-folha.txt",
                               *sorted(DATA.glob("antitrust-*.txt"))])
    assert sorted(map(sorted, first.values())) == [["antitrust"] * 3, ["friburgo"] * 2]
    story_id = next(k for k, events in first.items() if "friburgo" in events)
    later = _ingest(tmp_path, [DATA / "friburgo-reuters.txt", DATA / "friburgo-agenciabrasil.txt",
                               *sorted(DATA.glob("blumenau-*.txt"))])
    # the third day's Portuguese report and the English one join the story the first chunk made
    assert later[story_id].count("friburgo") == 4

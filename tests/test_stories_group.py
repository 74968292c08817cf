"""Story grouping on small hand-written articles: events kept apart, copies and late articles joined."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from ecbplus_tune import ecbplus_tune
from newsfuse.config import Grouping
from newsfuse.engine import LocalEngine
from newsfuse.ingest import read_articles
from newsfuse.store import Store
from newsfuse.stories.features import article_features, features_batch
from newsfuse.stories.group import CHUNK, Item, StoryGrouper, hub_excess
from newsfuse.stories.metrics import bcubed
from newsfuse.stream import ingest
from newsfuse.types import Article

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "stories" / "multinews-dev-articles.jsonl"

NEPAL = ("A magnitude 7.8 earthquake struck Nepal on Saturday, flattening buildings in Kathmandu and killing "
         "more than 1,800 people, officials in Kathmandu said. The quake, centred near the town of Lamjung "
         "northwest of Kathmandu, triggered avalanches on Mount Everest. Rescue teams dug through rubble in "
         "Bhaktapur and Patan as aftershocks rattled the Nepal capital. Prime Minister Sushil Koirala called "
         "an emergency cabinet meeting. India sent aircraft with relief supplies to Kathmandu. The death toll "
         "is expected to rise as rescuers reach remote villages in the Gorkha district of Nepal.")
NEPAL_2 = ("Rescuers in Kathmandu pulled survivors from collapsed buildings on Sunday after the Nepal earthquake "
           "killed at least 2,000 people. The 7.8 magnitude quake near Lamjung set off avalanches on Mount "
           "Everest, where climbers were killed at base camp. Koirala said Nepal needed tents and medicine. "
           "Aftershocks shook Bhaktapur and Patan overnight and families slept outdoors in Kathmandu. Relief "
           "flights from India landed in Kathmandu, and the Gorkha district remained cut off.")
CHILE = ("A magnitude 8.3 earthquake struck off the coast of Chile on Wednesday night, killing at least eight "
         "people and forcing a million residents to evacuate, officials in Santiago said. The quake was centred "
         "near Illapel in the Coquimbo region, and tsunami waves flooded the port of Coquimbo. President "
         "Michelle Bachelet declared a state of emergency. Buildings swayed in Santiago, and power was cut in "
         "Illapel. Rescue teams searched the damaged coast of Chile as aftershocks continued through the night.")
CHILE_2 = ("Chile counted its dead on Thursday after the magnitude 8.3 earthquake near Illapel, with eight people "
           "killed and towns along the Coquimbo coast flooded by tsunami waves. Bachelet visited Illapel and "
           "promised help. Residents of Coquimbo returned to find homes destroyed, while Santiago escaped "
           "serious damage. Aftershocks continued, and the navy lifted the tsunami warning for the coast of Chile.")


def art(article_id: str, text: str, day: dt.date | None = None, **kw: str) -> Article:
    return Article(id=article_id, text=text, published=day, **kw)


def group(articles: list[Article], config: Grouping | None = None) -> dict[str, int]:
    grouper = StoryGrouper(config)
    items = [Item(a.id, (a.published or dt.date(2024, 1, 1)).toordinal(), article_features(a)) for a in articles]
    return {x.article_id: x.story for x in grouper.group(items).assignments}


def test_group_same_event_merges_and_two_earthquakes_stay_apart() -> None:
    stories = group([art("n1", NEPAL, dt.date(2015, 4, 25)), art("c1", CHILE, dt.date(2015, 9, 16)),
                     art("n2", NEPAL_2, dt.date(2015, 4, 26)), art("c2", CHILE_2, dt.date(2015, 9, 17))])
    assert stories["n1"] == stories["n2"]
    assert stories["c1"] == stories["c2"]
    assert stories["n1"] != stories["c1"]


def test_group_two_earthquakes_on_the_same_day_stay_apart_by_their_names() -> None:
    # No time window to help: what separates them is Nepal/Kathmandu vs Chile/Illapel, not "quake".
    day = dt.date(2015, 4, 25)
    stories = group([art("n1", NEPAL, day), art("c1", CHILE, day), art("n2", NEPAL_2, day), art("c2", CHILE_2, day)])
    assert stories["n1"] == stories["n2"] != stories["c1"] == stories["c2"]


def test_group_same_event_months_apart_is_one_story_in_a_batch() -> None:
    # Reports of one event come months apart (a follow-up, a trial): in the ECB+ gold every pair of dated
    # reports inside a topic is one event, up to two years apart. The date term (`gap_weight`) costs
    # 0.001 a week, so the same names and words four months apart still join (in a stream read in time order the
    # first story has left memory by then: `test_group_quiet_stories_leave_memory...`). The hard window
    # (`gap_weight` 0) parts them.
    pair = [art("n1", NEPAL, dt.date(2015, 4, 25)), art("n2", NEPAL_2, dt.date(2015, 9, 1))]
    stories = group(pair)
    assert stories["n1"] == stories["n2"]
    hard = group(pair, Grouping(gap_weight=0.0))
    assert hard["n1"] != hard["n2"]


def test_group_reprint_joins_its_original_as_a_copy() -> None:
    reprint = "KATHMANDU (AP) — " + NEPAL[:len(NEPAL) * 3 // 4]
    grouper = StoryGrouper()
    day = dt.date(2015, 4, 25).toordinal()
    articles = [art("n1", NEPAL), art("c1", CHILE), art("r1", reprint)]
    out = grouper.group([Item(a.id, day, article_features(a)) for a in articles]).assignments
    by_id = {a.article_id: a for a in out}
    assert by_id["r1"].story == by_id["n1"].story
    assert by_id["r1"].copy_of == "n1"
    assert by_id["n1"].copy_of == "" and by_id["c1"].copy_of == ""


def test_group_short_text_joins_only_as_a_copy() -> None:
    teaser = "Earthquake in Nepal: buildings collapse in Kathmandu."
    stories = group([art("n1", NEPAL), art("t1", teaser)])
    assert stories["t1"] != stories["n1"]


def test_group_threshold_is_the_knob() -> None:
    loose = group([art("n1", NEPAL), art("c1", CHILE)], Grouping(threshold=0.0001))
    assert loose["n1"] == loose["c1"]


def test_group_quiet_stories_leave_memory_and_late_articles_find_them(tmp_path: pytest.TempPathFactory) -> None:
    # Fillers that share no word with anything, to move the clock on: with four articles, few terms
    # count under min_df and near-copies 10 days apart may now join (`gap_weight`: no hard window).
    filler = [art(f"f{d}", " ".join(f"filler{d}word{i}" for i in range(40)),
                  dt.date(2015, 5, 1) + dt.timedelta(days=d * 10)) for d in range(1, 4)]
    with Store.open(tmp_path / "s.db") as store:  # type: ignore[operator]
        ingest([art("n1", NEPAL, dt.date(2015, 4, 25)), *filler], store, LocalEngine(1))
        assert store.get_meta("clock") == str((dt.date(2015, 5, 1) + dt.timedelta(days=30)).toordinal())
        # A late article, dated two days after the first: its story went quiet weeks of stream ago.
        ingest([art("n2", NEPAL_2, dt.date(2015, 4, 27))], store, LocalEngine(1))
        assert store.article_story("n2") == store.article_story("n1")
        story = store.story(store.article_story("n1") or 0)
        assert story is not None and story.first_seen == dt.date(2015, 4, 25)
        assert story.last_seen == dt.date(2015, 4, 27)


def test_group_memory_holds_only_live_stories() -> None:
    grouper = StoryGrouper()
    for week in range(6):
        day = (dt.date(2020, 1, 1) + dt.timedelta(days=7 * week + 1)).toordinal()
        text = NEPAL.replace("Nepal", f"Land{week}").replace("Kathmandu", f"City{week}")
        grouper.group([Item(f"a{week}", day, article_features(art(f"a{week}", text)))])
    assert len(grouper.live) <= 2  # stories quiet for a week are gone from memory
    assert len(grouper.copies) <= 2


def test_group_with_embeddings_keeps_events_apart_and_reads_only_the_model_s_language() -> None:
    # The shipped MiniLM reads English: an article marked Greek is grouped by its words alone, and
    # still joins the English reports of its event (the pair is compared without the embedding).
    day = dt.date(2015, 4, 25)
    articles = [art("n1", NEPAL, day, language="en"), art("c1", CHILE, day, language="en"),
                art("n2", NEPAL_2, day, language="el"), art("c2", CHILE_2, day, language="en")]
    feats = features_batch(articles, "minilm-onnx")
    assert [len(f.vector) for f in feats] == [384, 384, 0, 384]
    grouper = StoryGrouper()
    out = {x.article_id: x.story for x in
           grouper.group([Item(a.id, day.toordinal(), f) for a, f in zip(articles, feats, strict=True)]).assignments}
    assert out["n1"] == out["n2"] != out["c1"] == out["c2"]
    nepal = grouper.live[out["n1"]]
    assert len(nepal.vector) == 0  # a story with a member the model cannot read compares by words from now on
    assert len(grouper.live[out["c1"]].vector) == 384


def test_hub_excess_is_measured_against_the_chunk_median() -> None:
    # Three new articles and one open story: "a" is close to everything, "c" to nothing much.
    among = np.array([[1.0, 0.5, 0.3], [0.5, 1.0, 0.1], [0.3, 0.1, 1.0]])
    with_story = np.array([[0.6, 0.2, 0.0]])
    # Two nearest: a 0.6 and 0.5 → 0.55; b 0.5 and 0.2 → 0.35 (the median); c 0.3 and 0.1 → 0.2.
    assert hub_excess(among, with_story, k=2) == pytest.approx([0.2, 0.0, -0.15])
    assert hub_excess(np.ones((1, 1)), np.zeros((0, 1)), k=10).tolist() == [0.0]  # nothing to compare with
    # Fewer than k to compare with: the mean over the whole pool says how central each is, not which
    # is a hub (here "c" would be lifted toward "a" and "b" by 0.15).
    assert hub_excess(among, with_story, k=4).tolist() == [0.0, 0.0, 0.0]


def test_group_stories_carry_their_members_hubness() -> None:
    day = dt.date(2015, 4, 25).toordinal()
    articles = [art("n1", NEPAL), art("c1", CHILE), art("n2", NEPAL_2), art("c2", CHILE_2)]
    grouper = StoryGrouper(Grouping(hub_k=2))  # four articles: three neighbours each, enough for k = 2
    grouper.group([Item(a.id, day, article_features(a)) for a in articles])
    hubs = sorted(s.hub for s in grouper.live.values())
    # Two stories; each member's excess is over the median of the four, so one story sits above it.
    assert len(hubs) == 2 and hubs[0] < 0 < hubs[1]


@pytest.mark.slow  # groups the whole dev stream twice: ~8 s
@pytest.mark.skipif(not DEV.is_file(), reason="the Multi-News story set (../shared/eval) is not here")
def test_group_dev_stories_by_words_and_the_hubness_correction_helps() -> None:
    # The real stream, words alone (fast), in file order: the shipped grouping against gold stories.
    rows = [json.loads(line) for line in DEV.open(encoding="utf-8")]
    articles = read_articles([str(DEV)]).articles
    items = [Item(a.id, 700_000, f) for a, f in zip(articles, features_batch(articles), strict=True)]
    relevant = [r for r in rows if not r["mnplus_flagged_irrelevant"]]

    def f1(config: Grouping) -> float:
        grouper = StoryGrouper(config)
        story = {x.article_id: x.story for k in range(0, len(items), CHUNK)
                 for x in grouper.group(items[k:k + CHUNK]).assignments}
        return bcubed([str(story.get(r["id"], r["id"])) for r in relevant], [r["label"] for r in relevant])[2]

    shipped, without = f1(Grouping()), f1(Grouping(hub_weight=0.0))
    assert shipped >= 0.925  # 0.928 when measured; 0.924 before the correction
    assert shipped > without


def test_group_an_undated_report_joins_its_event_whatever_its_stand_in_day() -> None:
    # An undated article is grouped on where the stream is (stream._days), which may be months from
    # its event's dated reports; that stand-in day must not keep it out, while dates still part events.
    grouper = StoryGrouper()
    nepal, chile = dt.date(2015, 4, 25).toordinal(), dt.date(2015, 9, 16).toordinal()
    items = [Item("n1", nepal, article_features(art("n1", NEPAL))),
             Item("c1", chile, article_features(art("c1", CHILE))),
             Item("n2", chile, article_features(art("n2", NEPAL_2)), dated=False),
             Item("c2", chile, article_features(art("c2", CHILE_2)), dated=False)]
    stories = {a.article_id: a.story for a in grouper.group(items).assignments}
    assert stories["n1"] == stories["n2"] != stories["c1"] == stories["c2"]
    # Its stand-in day read as a date would part it under the hard window (the date term, 0.001 a week,
    # no longer parts the same names five months apart: test_group_same_event_months_apart...).
    dated = StoryGrouper(Grouping(gap_weight=0.0)).group([Item(i.id, i.day, i.features) for i in items]).assignments
    assert len({a.story for a in dated if a.article_id in {"n1", "n2"}}) == 2


ECB = DEV.parent / "ecbplus-dev-articles.jsonl"


@pytest.mark.slow  # reads and groups 486 articles twice: ~10 s
@pytest.mark.skipif(not ECB.is_file(), reason="the ECB+ dev story set (../shared/eval) is not here")
def test_group_ecbplus_dev_events_by_words_with_their_dates_and_short_reports() -> None:
    # Two events per topic (e.g. two Oscar hosts named, five years apart); the ECB+ half dates its
    # articles only in a date line of the text, the ECB half not at all.
    rows = [json.loads(line) for line in ECB.open(encoding="utf-8")]
    articles = read_articles([str(ECB)]).articles
    dated = sum(1 for a in articles if a.published and a.id.endswith("ecbplus"))
    assert dated >= 180  # 187 of 253 ECB+ articles; 100 from the header and byline lines cleaning takes out
    feats = features_batch(articles)
    day = 700_000

    def f1(config: Grouping, *, stand_in_gates: bool = False) -> float:
        # An undated article's stand-in day is `day`; before this release it kept such an article
        # from every dated report more than `quiet_days` away (`stand_in_gates`).
        items = [Item(a.id, a.published.toordinal() if a.published else day, f, a.published is not None or stand_in_gates)
                 for a, f in zip(articles, feats, strict=True)]
        story = {x.article_id: x.story for x in StoryGrouper(config).group(items).assignments}
        return bcubed([str(story.get(r["id"], r["id"])) for r in rows], [r["label"] for r in rows])[2]

    shipped = f1(Grouping())
    assert shipped >= 0.87  # 0.882 when measured; TF-IDF + average link 0.853
    # Under the hard window a stand-in day read as a date parts an undated report from its event; the
    # date term of the pair model (0.001 a week) prices less, so that control is made with the hard window.
    assert shipped > f1(Grouping(gap_weight=0.0), stand_in_gates=True)
    assert shipped > f1(Grouping(min_stems=25))


@pytest.mark.slow  # reads and groups 242 articles twice: ~6 s
@pytest.mark.skipif(not ECB.is_file(), reason="the ECB+ dev story set (../shared/eval) is not here")
def test_group_ecbplus_reports_weeks_apart_join_their_event_with_the_soft_date_term() -> None:
    # The tune half of ECB+ dev (topics = 2 mod 4), where `gap_weight` was chosen. Topic 42's ECB+
    # event has reports of 24 April and 14 May 2013: the hard window split them (8 + 2); the soft
    # term keeps them one story, and the two events of the topic stay apart. Topic 22's ECB+ event
    # (the Kraft plant shooting) has reports of September and December 2010 and of the trial in
    # September 2012: the date term of before (0.07 a week) made three stories of them; the pair
    # model's (0.001) keeps them one, apart from the topic's other event (a 1967 double murder solved in 2008).
    tune = ecbplus_tune()
    rows, stories, f1 = tune.rows, tune.stories, tune.f1
    soft, hard = stories(Grouping()), stories(Grouping(gap_weight=0.0))
    event = [r["id"] for r in rows if r["label"] == "42_ecbplus" and r["id"] in soft]
    assert len({hard[i] for i in event}) > 1
    assert len({soft[i] for i in event}) == 1
    assert not {soft[i] for i in event} & {soft[r["id"]] for r in rows if r["label"] == "42_ecb" and r["id"] in soft}
    kraft = [r["id"] for r in rows if r["label"] == "22_ecbplus" and r["id"] in soft]
    assert len({hard[i] for i in kraft}) > 1
    assert len({soft[i] for i in kraft}) == 1
    assert not {soft[i] for i in kraft} & {soft[r["id"]] for r in rows if r["label"] == "22_ecb" and r["id"] in soft}
    # The date terms compared without the split on figures (which parts topic 38's quakes under each of them).
    words = Grouping(split_figures=0)
    assert f1(stories(words)) >= 0.935 > 0.91 > f1(stories(replace(words, gap_weight=0.07))) > f1(
        stories(replace(words, gap_weight=0.0)))  # 0.941, 0.909, 0.897 measured
    assert f1(soft) > f1(stories(words))  # the figures: 0.947

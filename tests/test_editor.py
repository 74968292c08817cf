"""The summary's editor (issue 13): sentences that read alone, the lead first, sorted citations, the budget.

Repairs are checked on sentences written here; the editor as a whole on the seeds (the judged story)
and, marked slow, on the first dev stories of multinews-dev.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import numpy as np
import pytest

from newsfuse.claims import build_claims
from newsfuse.config import load_settings
from newsfuse.editor import apply_edits, standalone_sentences
from newsfuse.editor.discourse import may_lean, opens_leaning
from newsfuse.editor.fragments import fragments
from newsfuse.editor.standalone import lean
from newsfuse.embed import load_embedder
from newsfuse.facts.nlp import parse_texts
from newsfuse.pipeline import prepare
from newsfuse.summarize import DEFAULT_WEIGHTS, _usable, summarize
from newsfuse.text import word_count
from newsfuse.types import Brief, Evidence, Sentence, Source, SummaryItem

MODEL = load_settings().spacy_model
DEV = Path(__file__).parents[1].parent / "shared" / "eval" / "mds" / "multinews-dev.jsonl"  # as conftest.SHARED


def _mend(previous: str, sentence: str) -> str | None:
    """`sentence` as the summary would show it after `previous` (its source's sentence before), or None."""
    pair = [Sentence("a", 0, 0, len(previous), previous), Sentence("a", 1, 0, len(sentence), sentence)]
    edited = standalone_sentences(pair, [1], MODEL).get(1)
    if edited is None or edited.after is not None:
        assert edited is None or edited.after == 0  # kept only to follow its source's previous sentence
        return None
    assert apply_edits(sentence, edited.edits) == edited.text
    return edited.text


def test_opening_connective_is_dropped_and_the_rest_kept_verbatim() -> None:
    text = "On his part, Japan's Deputy Foreign Minister Shigeo Yamada expressed worry about the islands."
    assert _mend("Sun spoke first.", text) == text.removeprefix("On his part, ")
    # The capital the connective took is shown as an edit.
    assert _mend("x.", "But the ministry said it would respond within a week.") == \
        "[T]he ministry said it would respond within a week."
    assert _mend("x.", "However, progress was not made on the Senkaku Islands.") == \
        "[P]rogress was not made on the Senkaku Islands."
    # "While" with no main clause is the writer's "meanwhile": dropped like a connective.
    lone = 'While Vice Foreign Minister Sun Weidong also warned Japan against making "negative moves".'
    assert _mend("x.", lone) == lone.removeprefix("While ")


def test_leading_pronoun_becomes_the_previous_sentences_subject_visibly() -> None:
    previous = "China's Vice Foreign Minister Sun Weidong met his counterpart in Tokyo on Wednesday."
    assert _mend(previous, "He also said the talks would continue next year.") == \
        "[Sun Weidong] also said the talks would continue next year."
    assert _mend(previous, "His remarks came a week after the balloon incident.") == \
        "[Sun Weidong's] remarks came a week after the balloon incident."
    assert _mend("Senator Cruz spoke on Monday.", "It was an honest mistake, he explained.") is None
    assert _mend(previous, "“He is wrong,” she said.") is None  # a quotation is never edited
    # "they" as subject continues the previous sentence's subject, when that is a short noun phrase.
    assert _mend("The two governments signed the deal on Monday.", "They will meet again in June.") == \
        "[The two governments] will meet again in June."
    # ... but not a phrase that points back itself: "[these women]" would lean as "they" did.
    assert _mend("These women marched to the capital on Sunday.", "They were far from alone.") is None
    # No named subject before it: no safe referent, the sentence is passed over.
    assert _mend("The talks ended late in the evening.", "He said the talks would continue.") is None
    assert _mend("x.", "It will serve as a hotline between the two ministries.") is None


def test_subordinate_clause_alone_is_passed_over_and_whole_sentences_kept() -> None:
    assert _mend("x.", "Because the talks failed to produce a deal on the islands.") is None
    assert _mend("x.", "If the two sides cannot agree on a date for the next round.") is None
    assert _mend("x.", "Meanwhile, it also boosts its alliance with the United States.") is None
    assert _mend("x.", "Now, that disappointment has turned to anger in Beijing.") is None
    for whole in ("While Sun spoke, Japan's minister said the talks were useful.",
                  "It is expected that the talks will resume in spring.",
                  "This week the two sides met in Tokyo for the first time.",
                  "After the US downed a balloon, Japan announced it will clarify its rules."):
        assert _mend("x.", whole) == whole


def test_a_pronoun_subject_after_a_fronted_phrase_without_a_comma_is_found_and_mended() -> None:
    # No comma after the fronted phrase: the lexical gate used to let these through unparsed.
    previous = "Zahra Bahrami grew up in a village near Tehran."
    assert _mend(previous, "One day she had an argument with her father and left home.") == \
        "One day [Zahra Bahrami] had an argument with her father and left home."
    assert _mend("The talks ended late in the evening.", "Then he's finished.") is None
    assert _mend("x.", "Not where he was staying with friends, but home.") is None
    # An enumeration opens on a connective: dropped, and the "it" after it has nothing to stand for.
    assert _mend("x.", "Second, it's okay for Jews to celebrate Christmas.") is None


def test_a_sentence_with_no_main_clause_is_passed_over() -> None:
    for fragment in ("After a night of partying with buddies in Morgantown, W.Va.",
                     "Right up there with Simon from Alvin and the Chipmunks and George H.W. Bush."):
        pair = [Sentence("a", 0, 0, 2, "x."), Sentence("a", 1, 0, len(fragment), fragment)]
        doc = parse_texts([fragment], MODEL)[0]
        assert lean(doc) is not None and lean(doc).kind == "subordinate", fragment  # type: ignore[union-attr]
        if may_lean(fragment):  # the editor parses what its gate lets through
            assert standalone_sentences(pair, [1], MODEL)[1].after == 0
    # A dateline of its own, or a lower-cased sentence the tagger misreads, still has its clause.
    for whole in ("Boston ( cbs/ap ) – former massachusetts sen. Brian joyce violated the public's trust.",
                  "In albany, georgia, a man who texted his probation officer will soon be closer to dealers.",
                  "Check out their barefaced photos below."):
        assert lean(parse_texts([whole], MODEL)[0]) is None, whole


def test_a_pronoun_whose_antecedent_is_in_the_sentence_reads_alone() -> None:
    for whole in ("Boys are forced to kill their own parents, so they think they cannot return home.",
                  "In the morning it rained over the whole of the capital."):
        assert lean(parse_texts([whole], MODEL)[0]) is None, whole
    # A person's pronoun gets no common noun: the ministry is not "he".
    assert lean(parse_texts(["In a statement the ministry said nothing, so he left."], MODEL)[0]) is not None


def test_the_judge_reads_english_only() -> None:
    def item(text: str, index: int) -> SummaryItem:
        return SummaryItem(text, ["a"], [Evidence("a", index, text)], 1, index)

    dutch = "In 2002 pleegde beroepscrimineel Octave Durham een geruchtmakende schilderijenroof in het Van Gogh Museum."
    lone = "After a night of partying with buddies in Morgantown, W.Va."
    assert fragments([item(dutch, 0), item(lone, 3)], MODEL) == [None, "subordinate"]


def test_the_judge_accepts_a_pronoun_after_its_own_sentence() -> None:
    first = "Sun Weidong met Shigeo Yamada in Tokyo on Wednesday for talks."
    second = "It was the first meeting of its kind since 2019."

    def item(text: str, index: int) -> SummaryItem:
        return SummaryItem(text, ["a"], [Evidence("a", index, text)], 1, index)

    assert fragments([item(first, 0), item(second, 1)], MODEL) == [None, None]
    assert fragments([item(second, 1), item(first, 0)], MODEL) == ["pronoun", None]
    assert fragments([item(first, 0), item(second, 5)], MODEL) == [None, "pronoun"]


def test_claims_prefer_a_representative_that_reads_alone() -> None:
    assert opens_leaning("On his part, Yamada said ...") and opens_leaning("In particular, Japan ...")
    assert opens_leaning("Now, that disappointment ...") and not opens_leaning("Now the ministry says ...")


# --- the seeds ------------------------------------------------------------------------------------

def test_seeds_summary_opens_with_the_talks_and_reads_alone(seeds_brief: Brief) -> None:
    summary = seeds_brief.summary
    assert fragments(summary, MODEL) == [None] * len(summary)
    first = summary[0].text
    assert "first" in first and ("four years" in first or "2019" in first)
    opening = " ".join(i.text for i in summary[:3])
    for name in ("Tokyo", "Yamada", "Sun"):
        assert name in opening
    assert any("hotline" in i.text for i in summary)
    assert sum(word_count(i.text) for i in summary) <= 120
    number = {s.article.id: s.number for s in seeds_brief.sources}
    for item in summary:
        cited = [number[s] for s in item.sources]
        assert cited == sorted(cited)
        assert apply_edits(item.evidence[0].text, item.edits) == item.text
    assert len({i.claim for i in summary}) == len(summary)
    # A point one source makes stands only where nothing corroborated fitted, so after them all.
    support = [i.independent for i in summary[1:]]
    assert all(s > 1 for s in support[: support.index(1)]) if 1 in support else True


def test_seeds_claims_are_told_by_a_sentence_that_reads_alone(seeds_brief: Brief) -> None:
    # "On his part, ...", "In particular, ..." were the representatives of two corroborated claims.
    for claim in seeds_brief.claims:
        if any(not opens_leaning(e.text) for e in claim.evidence):
            assert not opens_leaning(claim.text), claim.text


def test_seeds_markdown_citations_are_sorted(seeds_brief: Brief) -> None:
    from newsfuse.render import render

    text = render(seeds_brief, "markdown")
    summary = text.split("## Summary", 1)[1].split("\n## ", 1)[0]
    lines = [ln for ln in summary.splitlines() if ln.startswith("- ")]
    assert len(lines) == len(seeds_brief.summary)
    for line in lines:
        numbers = [int(n) for n in re.findall(r"\[(\d+)\]", line)]
        assert numbers == sorted(numbers), line


def _sources_and_vectors(paths: list[Path] | list[dict[str, str]]) -> tuple[list[Source], np.ndarray]:
    prepared = prepare(paths, load_settings(facts=False))
    vectors = load_embedder().embed(prepared.sentence_texts)
    return prepared.sources, vectors


def _check_budgets(sources: list[Source], vectors: np.ndarray, budgets: range | list[int]) -> list[SummaryItem]:
    claims = build_claims(sources, vectors)
    sentences = [s for src in sources for s in src.sentences]
    row = {(s.article_id, s.index): k for k, s in enumerate(sentences)}
    verbatim = {(s.article_id, s.index): s.text for s in sentences}
    claim_of = {(e.source, e.sentence): c.id for c in claims for e in c.evidence}
    usable = [k for k, s in enumerate(sentences) if _usable(s, DEFAULT_WEIGHTS)]
    shown = standalone_sentences(sentences, usable, MODEL)
    every = []
    for words in budgets:
        items = summarize(sources, claims, vectors, words)
        used = sum(word_count(i.text) for i in items)
        assert used <= words, (words, used)
        # The budget is used: no sentence of a point left out would still fit (and read alone, and
        # not repeat a chosen one).
        chosen = [row[(i.evidence[0].source, i.evidence[0].sentence)] for i in items]
        left = {claim_of[(s.article_id, s.index)] for s in sentences} - {i.claim for i in items}
        fits = [k for k, e in shown.items() if claim_of[(sentences[k].article_id, sentences[k].index)] in left
                and (e.after is None or e.after in chosen)
                and word_count(e.text) <= words - used
                and all(float(vectors[k] @ vectors[c]) < DEFAULT_WEIGHTS.redundancy for c in chosen)]
        assert not fits, (words, used, [shown[k].text for k in fits])
        for item in items:  # never a cut sentence: each shown sentence is a whole source sentence
            own = item.evidence[0]
            assert verbatim[(own.source, own.sentence)] == own.text
            assert apply_edits(own.text, item.edits) == item.text
        every += items
    return every


def test_seeds_budgets_40_to_400_are_met_without_cutting(seeds_dir: Path) -> None:
    sources, vectors = _sources_and_vectors(sorted(seeds_dir.glob("*.txt")))
    _check_budgets(sources, vectors, [40, 60, 100, 120, 160, 230, 300, 400])
    claims = build_claims(sources, vectors)
    assert "hotline" in " ".join(i.text for i in summarize(sources, claims, vectors, 100))


def _dev_stories(n: int) -> list[list[dict[str, str]]]:
    if not DEV.exists():
        pytest.skip(f"dev stories not found at {DEV}")
    stories = []
    with DEV.open(encoding="utf-8") as handle:
        for line in handle:
            docs = [{"id": f"d{i}", "text": d["text"], "title": d.get("title", "")}
                    for i, d in enumerate(json.loads(line)["docs"]) if d.get("text", "").strip()]
            if docs:
                stories.append(docs)
            if len(stories) >= n:
                break
    return stories


@pytest.mark.slow
def test_dev_stories_read_alone_within_every_budget() -> None:
    """multinews-dev stories 0-29 (the part the editor was tuned on, with the seeds)."""
    items_by_budget = []
    for docs in _dev_stories(30):
        try:
            sources, vectors = _sources_and_vectors(docs)
        except Exception:  # a story of page furniture only: nothing to brief
            continue
        items = _check_budgets(sources, vectors, [40, 100, 230, 400])
        items_by_budget.append(items)
    found = [why for items in items_by_budget for why in fragments(items, MODEL)]
    assert found and sum(why is not None for why in found) <= 0.01 * len(found)


PAIRED = dataclasses.replace(DEFAULT_WEIGHTS, pairs=True)  # the default since stop 25; named so the test says what it checks


@pytest.mark.slow
def test_dev_leaning_sentences_come_right_after_their_predecessor() -> None:
    """multinews-dev stories 0-8: the solve may take a sentence that leans on the one before ("It
    appeared the couple's suv had gotten stuck, police said.") only together with that one, and the
    summary prints the pair in the source's order, so neither reads as a fragment."""
    pairs = 0
    for docs in _dev_stories(9):
        try:
            sources, vectors = _sources_and_vectors(docs)
        except Exception:  # a story of page furniture only: nothing to brief
            continue
        claims = build_claims(sources, vectors)
        sentences = [s for src in sources for s in src.sentences]
        row = {(s.article_id, s.index): k for k, s in enumerate(sentences)}
        usable = [k for k, s in enumerate(sentences) if _usable(s, DEFAULT_WEIGHTS)]
        shown = standalone_sentences(sentences, usable, MODEL)
        for words in (100, 150, 230):
            items = summarize(sources, claims, vectors, words, weights=PAIRED)
            chosen = [row[(i.evidence[0].source, i.evidence[0].sentence)] for i in items]
            for at, k in enumerate(chosen):
                before = shown[k].after
                if before is not None:
                    assert at > 0 and chosen[at - 1] == before, (words, shown[k].text)
                    pairs += 1
            assert fragments(items, MODEL) == [None] * len(items)
    assert pairs > 0  # the rule is exercised

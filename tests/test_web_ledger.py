"""The claim ledger grid: reported / not reported / contradicts, built from a hand-made brief."""

from __future__ import annotations

from newsfuse.types import Article, Brief, Claim, Conflict, ConflictValue, Evidence, Source
from newsfuse.web.ledger import build_ledger


def _brief() -> Brief:
    sources = [Source(number=i + 1, article=Article(id=aid, text="x"), origin=i) for i, aid in enumerate("abc")]
    talks = Claim(id=0, text="The talks lasted three hours.", sources=["a", "b"], independent=2,
                  evidence=[Evidence("a", 2, "The talks lasted three hours."),
                            Evidence("b", 4, "Talks went on for three hours.")])
    place = Claim(id=1, text="They met in Tokyo.", sources=["a", "b", "c"], independent=3,
                  evidence=[Evidence(s, 0, "They met in Tokyo.") for s in "abc"])
    lonely = Claim(id=2, text="Only a says this.", sources=["a"], independent=1, evidence=[Evidence("a", 5, "...")])
    conflict = Conflict(kind="duration", about="length of the talks", confidence=0.9, values=[
        ConflictValue("three hours", "3 hours", ["a", "b"],
                      [Evidence("a", 2, "The talks lasted three hours."), Evidence("b", 4, "...")]),
        ConflictValue("five hours", "5 hours", ["c"], [Evidence("c", 3, "The talks lasted five hours.")]),
    ])
    return Brief(id="t", sources=sources, summary=[], claims=[talks, place, lonely], unique={},
                 conflicts=[conflict])


def test_web_ledger_marks_reported_missing_and_contradicting_sources() -> None:
    ledger = build_ledger(_brief())
    rows = {row.claim.id: row for row in ledger.rows}
    talks = [c.state for c in rows[0].cells]
    assert talks == ["reported", "reported", "contradicts"]
    assert rows[0].contested
    # The contradicting cell points at the rival source's own evidence sentence.
    assert rows[0].cells[2].sentence == "s-3-3"
    assert "five hours" in rows[0].cells[2].note
    assert [c.state for c in rows[1].cells] == ["reported"] * 3
    assert not rows[1].contested


def test_web_ledger_leaves_out_uncontested_single_source_claims() -> None:
    ledger = build_ledger(_brief())
    assert 2 not in {row.claim.id for row in ledger.rows}
    assert ledger.hidden == 1


def test_web_ledger_limit_counts_what_it_hides() -> None:
    ledger = build_ledger(_brief(), limit=1)
    assert len(ledger.rows) == 1
    assert ledger.hidden == 2


def test_web_ledger_wide_stories_get_fewer_rows() -> None:
    ids = [f"a{i}" for i in range(300)]
    sources = [Source(number=i + 1, article=Article(id=aid, text="x"), origin=i) for i, aid in enumerate(ids)]
    claims = [Claim(id=k, text=f"claim {k}", sources=ids[:2], independent=2,
                    evidence=[Evidence(ids[0], k, "x"), Evidence(ids[1], k, "x")]) for k in range(50)]
    brief = Brief(id="wide", sources=sources, summary=[], claims=claims, unique={})
    ledger = build_ledger(brief)
    assert len(ledger.rows) == 10  # 2,400 cells / 300 sources = 8, raised to the floor of 10
    assert ledger.hidden == 40
    assert len(build_ledger(Brief(id="narrow", sources=sources[:3], summary=[], claims=claims, unique={})).rows) == 40

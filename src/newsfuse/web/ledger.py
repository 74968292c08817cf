"""The claim ledger as a grid: one row per claim, one column per source, each cell saying whether
that source reports the claim, does not, or contradicts it.

"Contradicts" comes from the conflicts and updates on the claim's own point: when a claim's evidence
sentence carries one value of a figure or a date, every source that gives a competing value and does
not itself make the claim contradicts it (`Claim.against` lists the sources taken out of its support
for that). A title or quote variant elsewhere in the sentence contradicts nothing the claim says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newsfuse.compare.support import POINT_KINDS
from newsfuse.types import Brief, Claim, ConflictValue, Evidence

CellState = Literal["reported", "missing", "contradicts"]
# Rows shown: corroborated claims and claims caught in a conflict, most central first. A brief of
# 200 articles has thousands of single-source claims; the grid would be unreadable with them.
LEDGER_ROWS = 40
# ... and at most about this many cells: 40 rows of 200 sources would be 8,000 cells (half a megabyte
# of page) that nobody reads; wide stories get fewer rows, never fewer than MIN_ROWS.
LEDGER_CELLS = 2_400
MIN_ROWS = 10


@dataclass(frozen=True, slots=True)
class Cell:
    state: CellState
    sentence: str = ""  # the span id to jump to: "s-{number}-{index}"
    evidence: str = ""  # every span id to highlight, space-separated
    note: str = ""  # what the cell means, for the title attribute


@dataclass(frozen=True, slots=True)
class Row:
    claim: Claim
    cells: list[Cell]
    contested: bool


@dataclass(frozen=True, slots=True)
class Ledger:
    rows: list[Row]
    hidden: int  # claims not shown (single-source, uncontested, or past LEDGER_ROWS)


Key = tuple[str, int]


def _key(e: Evidence) -> Key:
    return (e.source, e.sentence)


Against = dict[str, tuple[list[Evidence], str]]  # rival source → its evidence, and a note naming both values


def _sides(brief: Brief) -> tuple[dict[Key, set[int]], list[Against]]:
    """Which conflict side each evidence sentence carries, and for each side, the sources that give
    another value of the same conflict."""
    carries: dict[Key, set[int]] = {}
    rivals: list[Against] = []
    told = [(c.about, list(c.values)) for c in brief.conflicts if c.kind in POINT_KINDS]
    told += [(u.about, [ConflictValue(v.value, v.normalized, v.sources, v.evidence) for v in u.values])
             for u in brief.updates]
    for about, values in told:
        grouped: list[dict[str, list[Evidence]]] = []
        for value in values:
            mine: dict[str, list[Evidence]] = {s: [] for s in value.sources}
            for e in value.evidence:
                mine.setdefault(e.source, []).append(e)
            grouped.append(mine)
        for i, value in enumerate(values):
            side = len(rivals)
            against: Against = {}
            for j, other in enumerate(values):
                if i != j:
                    note = f"contradicts: {about}: {other.value} (vs {value.value})"
                    for source in other.sources:
                        against.setdefault(source, (grouped[j][source], note))
            rivals.append(against)
            for e in value.evidence:
                carries.setdefault(_key(e), set()).add(side)
    return carries, rivals


def build_ledger(brief: Brief, limit: int = LEDGER_ROWS, max_cells: int = LEDGER_CELLS) -> Ledger:
    number = {s.article.id: s.number for s in brief.sources}
    limit = min(limit, max(MIN_ROWS, max_cells // max(1, len(brief.sources))))

    def span(e: Evidence) -> str:
        return f"s-{number[e.source]}-{e.sentence}"

    carries, rivals = _sides(brief)
    rows: list[Row] = []
    for claim in brief.claims:
        sides = sorted({side for ev in claim.evidence for side in carries.get(_key(ev), ())})
        against: Against = {}
        for side in sides:
            for source, found in rivals[side].items():
                against.setdefault(source, found)
        contested = any(source not in claim.sources for source in against)
        if len(claim.sources) < 2 and not contested:
            continue
        if len(rows) >= limit:
            break
        own = {e.source: e for e in claim.evidence}
        cells = []
        for s in brief.sources:
            aid = s.article.id
            if aid in own:
                cells.append(Cell("reported", span(own[aid]), span(own[aid])))
            elif aid in against:
                evidence, note = against[aid]
                ids = " ".join(span(e) for e in evidence if e.source in number)
                first = ids.split(" ")[0] if ids else ""
                cells.append(Cell("contradicts", first, ids, note))
            else:
                cells.append(Cell("missing"))
        rows.append(Row(claim, cells, contested))
    return Ledger(rows, len(brief.claims) - len(rows))

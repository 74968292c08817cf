"""Choose sentences that cover the most concept weight within a word budget: an exact solve.

Gillick & Favre's integer program (ICSISumm): a binary x_i per sentence, a z_c per concept that
may be 1 only when a chosen sentence holds c; maximise Σ w_c z_c + Σ b_i x_i under the word budget,
with at most one sentence of each group (a claim: one point is said once) and never both sentences
of a conflicting pair (two near-copies). At a story's size (tens to a few hundred sentences, a few
thousand concepts) HiGHS (highspy) proves the optimum in milliseconds to a second. Its search is
bounded by a count of branch-and-bound nodes, not by the clock, so that one story gets one summary
on an idle laptop and on a loaded server alike; past that bound we take the better of the best
solution it found and a greedy pass that picks the best gain per word (Lin & Bilmes' rule, with
their check against the best single sentence). A generous wall-clock cap stays as a guard for a program far
outside anything measured.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

_STDOUT_LOCK = threading.Lock()


@contextlib.contextmanager
def _stdout_silenced() -> Iterator[None]:
    """HiGHS printf()s to the process's stdout: a banner when a solver starts, and (1.12) a stray
    debug line when it maps a solution back after an internal restart (ERGO-Code/HiGHS#2783), with
    no option to stop either; that would corrupt `newsfuse brief --format json` on stdout. So file
    descriptor 1 points at /dev/null for the few milliseconds of a solve (one solve at a time: the
    swap is process-wide)."""
    fd = 1  # where C's printf writes, whatever sys.stdout is now (pytest's capture, a StringIO)
    with _STDOUT_LOCK:
        if sys.stdout is not None:
            sys.stdout.flush()
        saved = os.dup(fd)
        try:
            with open(os.devnull, "wb") as null:
                os.dup2(null.fileno(), fd)
            yield
        finally:
            # C's stdio buffers what HiGHS printed (fd 1 is a pipe or a file, not a terminal); it
            # must reach /dev/null before the descriptor is given back.
            _libc().fflush(None)
            os.dup2(saved, fd)
            os.close(saved)


@functools.cache
def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None)


@dataclass(frozen=True, slots=True)
class Problem:
    """One budgeted coverage problem; sentences and concepts are numbered from 0."""

    lengths: Sequence[int]  # words of each sentence
    concepts: Sequence[Sequence[int]]  # the concepts each sentence holds
    weights: np.ndarray  # of each concept
    bonus: np.ndarray  # of each sentence, whatever it covers
    groups: Sequence[int]  # each sentence's group (claim); at most one per group is chosen
    conflicts: Sequence[tuple[int, int]]  # pairs never chosen together
    budget: int
    # Pairs (i, j): i may be chosen only with j (a sentence that reads only right after its source's
    # previous one, j): the solve may take the pair where the sentence alone would be a fragment.
    needs: Sequence[tuple[int, int]] = ()


def solve(problem: Problem, time_limit: float = 30.0, node_limit: int = 10_000) -> list[int]:
    """The chosen sentences, in index order."""
    fits = [i for i, n in enumerate(problem.lengths) if 0 < n <= problem.budget]
    if not fits:
        return []
    chosen, proven = _ilp(problem, fits, time_limit, node_limit)
    if proven and chosen is not None:
        return sorted(chosen)
    # Stopped at a cap: the greedy pass may have done better than the search's best so far.
    fallback = greedy(problem)
    if chosen is None or value(problem, fallback) > value(problem, chosen):
        return sorted(fallback)
    return sorted(chosen)


def value(problem: Problem, chosen: Sequence[int]) -> float:
    covered = {c for i in chosen for c in problem.concepts[i]}
    return float(sum(problem.weights[c] for c in covered) + sum(problem.bonus[i] for i in chosen))


def feasible(problem: Problem, chosen: Sequence[int]) -> bool:
    picked = set(chosen)
    groups = [problem.groups[i] for i in chosen]
    return (sum(problem.lengths[i] for i in chosen) <= problem.budget and len(groups) == len(set(groups))
            and not any(a in picked and b in picked for a, b in problem.conflicts)
            and all(j in picked for i, j in problem.needs if i in picked))


def _ilp(problem: Problem, fits: Sequence[int], time_limit: float,
         node_limit: int) -> tuple[list[int] | None, bool]:
    """The best solution HiGHS found (None if none), and whether it is proven optimal."""
    # highspy, HiGHS's own binding, not scipy.optimize.milp (the same solver): importing
    # scipy.optimize and scipy.sparse took about 0.6 s of CPU of a cold brief, and nothing else in a
    # brief imports scipy (issue 13, item 5; docs/benchmarks.md, "stop 27").
    import highspy

    column = {i: k for k, i in enumerate(fits)}
    holders: dict[int, list[int]] = {}
    for i in fits:
        for c in problem.concepts[i]:
            if problem.weights[c] > 0:
                holders.setdefault(c, []).append(column[i])
    # A concept only one sentence holds is covered exactly when that sentence is chosen: its weight
    # joins the sentence's own, and the program loses a variable and a row (most bigrams are such).
    bonus = np.asarray([problem.bonus[i] for i in fits], dtype=float)
    for c, held in holders.items():
        if len(held) == 1:
            bonus[held[0]] += problem.weights[c]
    used = sorted(c for c, held in holders.items() if len(held) > 1)
    concept_column = {c: len(fits) + k for k, c in enumerate(used)}
    n_vars = len(fits) + len(used)
    # the constraint matrix row by row (compressed rows): no row holds a column twice
    starts: list[int] = [0]
    cols: list[int] = []
    vals: list[float] = []
    upper: list[float] = []

    def row(entries: Sequence[tuple[int, float]], bound: float) -> None:
        for col, v in entries:
            cols.append(col)
            vals.append(v)
        starts.append(len(cols))
        upper.append(bound)

    row([(column[i], float(problem.lengths[i])) for i in fits], float(problem.budget))
    for c in used:  # z_c <= the sum of the sentences that hold c
        row([(concept_column[c], 1.0)] + [(k, -1.0) for k in holders[c]], 0.0)
    members: dict[int, list[int]] = {}
    for i in fits:
        members.setdefault(problem.groups[i], []).append(column[i])
    for group in members.values():
        if len(group) > 1:
            row([(k, 1.0) for k in group], 1.0)
    for a, b in problem.conflicts:
        if a in column and b in column:
            row([(column[a], 1.0), (column[b], 1.0)], 1.0)
    for i, j in problem.needs:  # x_i <= x_j
        if i in column:
            if j not in column:
                row([(column[i], 1.0)], 0.0)
            else:
                row([(column[i], 1.0), (column[j], -1.0)], 0.0)

    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n_vars, len(upper)
    lp.col_cost_ = np.concatenate([-bonus, -np.asarray([problem.weights[c] for c in used], dtype=float)])
    lp.col_lower_, lp.col_upper_ = np.zeros(n_vars), np.ones(n_vars)
    lp.row_lower_, lp.row_upper_ = np.full(len(upper), -highspy.kHighsInf), np.asarray(upper, dtype=float)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n_vars, len(upper)
    lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = starts, cols, vals
    # the sentences are 0/1; a concept's z_c is continuous (it is 1 at the optimum whenever it may be)
    lp.integrality_ = [highspy.HighsVarType.kInteger] * len(fits) + [highspy.HighsVarType.kContinuous] * len(used)
    with _stdout_silenced():  # HiGHS prints a banner when it starts, whatever its options
        solver = highspy.Highs()
        solver.setOptionValue("output_flag", False)
        solver.setOptionValue("presolve", "off")  # it saves nothing on programs this small
        solver.setOptionValue("mip_max_nodes", int(node_limit))
        solver.setOptionValue("time_limit", float(time_limit))
        solver.passModel(lp)
        solver.run()
    # past a cap, the best solution found so far, if HiGHS found one
    if solver.getInfo().primal_solution_status != highspy.SolutionStatus.kSolutionStatusFeasible:
        return None, False
    x = solver.getSolution().col_value
    chosen = [i for i in fits if x[column[i]] > 0.5]
    if not feasible(problem, chosen):
        return None, False
    return chosen, solver.getModelStatus() == highspy.HighsModelStatus.kOptimal


def greedy(problem: Problem) -> list[int]:
    """Best gain per word while anything fits; then the best single sentence if it alone does better
    (one that needs another never stands alone)."""
    chosen: list[int] = []
    covered: set[int] = set()
    used_groups: set[int] = set()
    banned: set[int] = set()
    left = problem.budget
    partners: dict[int, set[int]] = {}
    for a, b in problem.conflicts:
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    needs: dict[int, set[int]] = {}
    for i, j in problem.needs:
        needs.setdefault(i, set()).add(j)

    def gain(i: int) -> float:
        return sum(problem.weights[c] for c in problem.concepts[i] if c not in covered) + problem.bonus[i]

    def fits(i: int) -> bool:
        return (i not in chosen and 0 < problem.lengths[i] <= left and i not in banned
                and problem.groups[i] not in used_groups and needs.get(i, set()) <= set(chosen))

    def take(i: int) -> None:
        nonlocal left
        chosen.append(i)
        covered.update(problem.concepts[i])
        used_groups.add(problem.groups[i])
        banned.update(partners.get(i, set()))
        left -= problem.lengths[i]

    while open_ := [i for i in range(len(problem.lengths)) if fits(i)]:
        best = max(open_, key=lambda i: (gain(i) / problem.lengths[i], -i))
        if gain(best) <= 0:
            break
        take(best)
    single = max((i for i, n in enumerate(problem.lengths) if 0 < n <= problem.budget and i not in needs),
                 key=lambda i: value(problem, [i]), default=None)
    if single is not None and value(problem, [single]) > value(problem, chosen):
        return [single]
    return chosen

"""How hard the summary's exact solves are: HiGHS's branch-and-bound nodes and CPU seconds per solve.

    python benchmarks/solve_nodes.py --systems newsfuse --datasets multiling2011-en --words 250
    python benchmarks/solve_nodes.py --systems newsfuse --datasets multinews-dev --limit 200 --words 230

Runs `rouge_eval.py` with the same arguments and records every solve (nodes, CPU, whether proven
optimal). The node cap of `summarize.Weights.solver_nodes` must sit far above what these need: it is
the bound that keeps a story's summary the same on any machine (docs/benchmarks.md, "deterministic solve").
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import highspy

sys.path.insert(0, str(Path(__file__).resolve().parent))

import rouge_eval

SOLVES: list[dict[str, Any]] = []
_RUN = highspy.Highs.run


def _recorded_run(self: highspy.Highs) -> Any:
    started = time.process_time()
    status = _RUN(self)
    SOLVES.append({"nodes": int(self.getInfo().mip_node_count), "cpu": time.process_time() - started,
                   "optimal": self.getModelStatus() == highspy.HighsModelStatus.kOptimal})
    return status


def main(argv: list[str]) -> int:
    highspy.Highs.run = _recorded_run  # type: ignore[method-assign]
    code = rouge_eval.main(argv)
    if SOLVES:
        nodes = sorted(s["nodes"] for s in SOLVES)
        cpu = sorted(s["cpu"] for s in SOLVES)
        print(f"solves {len(SOLVES)}: nodes median {nodes[len(nodes) // 2]}, max {nodes[-1]}; "
              f"CPU s median {cpu[len(cpu) // 2]:.2f}, max {cpu[-1]:.2f}; "
              f"not proven optimal {sum(not s['optimal'] for s in SOLVES)}")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""kill -9 in the middle of an ingest loses nothing that was committed, and a re-run finishes the job
with every article stored once — and the same stories as a run that was never interrupted."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newsfuse.store import Store

ARTICLES = 1800  # 4 chunks of 512: the kill lands after the first commit, well before the last


def synthetic_stream(path: Path, n: int = ARTICLES, seed: int = 7) -> list[str]:
    """Articles about n/6 made-up events: each event has its own made-up names and words."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnoprstuvwz"
    common = ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(400)]
    ids = []
    with path.open("w", encoding="utf-8") as out:
        for event in range(n // 6):
            own = ["".join(rng.choice(letters) for _ in range(rng.randint(5, 10))) for _ in range(30)]
            for k in range(6):
                words = [rng.choice(own) if rng.random() < 0.4 else rng.choice(common) for _ in range(120)]
                text = ". ".join(" ".join(words[i:i + 12]).capitalize() for i in range(0, len(words), 12)) + "."
                ids.append(f"e{event}-{k}")
                # Marked English: made-up words would be detected as any language, and the vectors
                # (and their survival across a kill) are what the default grouping depends on.
                out.write(json.dumps({"id": ids[-1], "text": text, "date": f"2024-03-{1 + event % 28:02d}",
                                      "language": "en"}) + "\n")
    return ids


INGEST = textwrap.dedent("""
    import sys, time
    from newsfuse.engine import LocalEngine
    from newsfuse.stream import ingest
    from newsfuse.ingest import iter_articles
    from newsfuse.store import Store

    def progress(p):
        print("committed", p.read, flush=True)
        time.sleep(float(sys.argv[3]))

    with Store.open(sys.argv[2]) as store:
        ingest(iter_articles([sys.argv[1]]), store, LocalEngine(1), on_progress=progress)
    print("done", flush=True)
""")


def run_ingest(source: Path, db: Path, pause: float) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", INGEST, str(source), str(db), str(pause)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)


def vector_lengths(db: Path) -> set[int]:
    with Store.open(db, must_exist=True) as store:
        return {row[0] for row in store.db.execute("SELECT DISTINCT length(vector) FROM stories")}


def stories_of(db: Path) -> list[list[str]]:
    with Store.open(db, must_exist=True) as store:
        return sorted(sorted(s.article_ids) for s in store.stories())


@pytest.mark.slow
def test_store_kill_9_mid_ingest_then_rerun_stores_every_article_once(tmp_path: Path) -> None:
    source = tmp_path / "stream.jsonl"
    ids = synthetic_stream(source)
    db = tmp_path / "killed.db"

    proc = run_ingest(source, db, pause=30.0)  # sleeps after each commit: the kill finds it mid-ingest
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith("committed"), first
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    with Store.open(db, must_exist=True) as store:
        stored = store.count_articles()
    assert 0 < stored < len(ids)  # the first chunk survived the kill; the rest was never committed

    rerun = run_ingest(source, db, pause=0.0)
    out, _ = rerun.communicate(timeout=300)
    assert rerun.returncode == 0 and "done" in out
    with Store.open(db) as store:
        rows = store.db.execute("SELECT id, count(*) FROM articles GROUP BY id").fetchall()
        assert sorted(r[0] for r in rows) == sorted(ids)
        assert all(r[1] == 1 for r in rows)
        assert sum(len(s.article_ids) for s in store.stories()) == len(ids)

    clean = tmp_path / "clean.db"
    once = run_ingest(source, clean, pause=0.0)
    once.communicate(timeout=300)
    assert stories_of(db) == stories_of(clean)
    # no story was left with a vector cut short: one length throughout, the one a clean run writes
    assert vector_lengths(db) == vector_lengths(clean) and len(vector_lengths(db)) == 1

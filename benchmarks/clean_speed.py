"""The cleaner's CPU time per article, and one MD5 over everything it returns (to show a change keeps output).

    python benchmarks/clean_speed.py                 # 3,000 Multi-News train articles + seeds + MultiLing
    python benchmarks/clean_speed.py --limit 1500 --runs 3
    PYTHONPATH=/tmp/main/src python benchmarks/clean_speed.py    # another tree, for a side-by-side
    python benchmarks/clean_speed.py --runs 1 --dump new.jsonl   # each article's output, to diff two trees

Reads ../shared (Multi-News train articles, the five seeds, the 700 MultiLing 2011 documents in seven
languages). The MD5 covers each article's cleaned text, title, language and every removal (text,
reason, line, detail); CPU is the least of --runs passes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from newsfuse.clean import clean_text

SHARED = Path(__file__).resolve().parents[2] / "shared"


def articles(limit: int) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    with (SHARED / "eval" / "stories" / "multinews-train-articles.jsonl").open(encoding="utf-8") as lines:
        for line, _ in zip(lines, range(limit), strict=False):
            row = json.loads(line)
            out.append((row["text"], row.get("title") or ""))
    out += [(path.read_text(encoding="utf-8"), "") for path in sorted((SHARED / "seeds").glob("*.txt"))]
    for path in sorted((SHARED / "eval" / "mds").glob("multiling2011-*.jsonl")):
        for line in path.open(encoding="utf-8"):
            out += [(doc["text"], "") for doc in json.loads(line)["docs"]]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=3000, help="Multi-News train articles")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--dump", type=Path, help="write each article's title, language, removals and text here "
                                                  "(JSON lines, one per article in order): diff two trees' files")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"no evaluation data at {SHARED}")
    rows = articles(args.limit)
    clean_text("A first call loads the language model. This is a sentence.")
    best = float("inf")
    for _ in range(args.runs):
        started = time.process_time()
        out = [clean_text(text, title) for text, title in rows]
        best = min(best, time.process_time() - started)
    digest = hashlib.md5()
    for c in out:
        digest.update(repr((c.text, c.title, c.language,
                            [(r.text, r.reason, r.line, r.detail) for r in c.removed])).encode())
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as dump:
            for k, c in enumerate(out):
                dump.write(json.dumps({"article": k, "title": c.title, "language": c.language,
                                       "removed": [[r.reason, r.text] for r in c.removed], "text": c.text},
                                      ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles, {best / len(rows) * 1000:.3f} ms/article CPU, md5 {digest.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

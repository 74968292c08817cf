"""Main-text extraction from HTML: newsfuse's HTML ingest (trafilatura + our cleaner) against gold.

Data: ../shared/eval/extract/scrapinghub (181 news pages, manual gold article bodies; Zyte's
article-extraction-benchmark). The metric is the published one (scrapinghub evaluate.py): tokens
are `\\w+` runs, shingles are 4-token windows counted as a multiset, each page's TP/FP/FN is
normalised to sum to 1, precision and recall are averaged over pages and F1 is taken from the two
averages. The published trafilatura outputs are scored too, as a check that this metric matches
the published 0.958.

    python benchmarks/extract_eval.py [--data DIR] [--jobs N] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "extract" / "scrapinghub"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def tp_fp_fn(gold: str, predicted: str) -> tuple[float, float, float]:
    true, pred = shingles(gold), shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def scores(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(precision, recall, F1) as scrapinghub computes them."""
    def precision(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean(precision(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(recall(*c) for c in counts if c[0] + c[2] > 0)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def extract(html_path: str) -> tuple[str, str]:
    """(trafilatura's text, newsfuse's cleaned text) of one page: one extraction serves both."""
    from newsfuse.clean import clean_text
    from newsfuse.ingest.files import decode
    from newsfuse.ingest.html import read_html

    html = decode(Path(html_path).read_bytes(), html_path).text
    raw = read_html(html, "page", html_path)
    return raw.text, clean_text(raw.text, raw.title).text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()
    index = args.data / "index.jsonl"
    if not index.is_file():
        print(f"no extraction data at {args.data}", file=sys.stderr)
        return 2
    pages = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line.strip()]
    pages = pages[:args.limit] if args.limit else pages
    gold = {p["id"]: (args.data / p["gold"]).read_text(encoding="utf-8") for p in pages}
    started = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        outputs = dict(zip(gold, pool.map(extract, [str(args.data / p["html"]) for p in pages]), strict=True))
    seconds = time.perf_counter() - started
    published_file = args.data / "published_outputs" / "trafilatura.json"
    published = json.loads(published_file.read_text(encoding="utf-8"))["output"] if published_file.is_file() else {}

    rows = [("trafilatura (this run)", [tp_fp_fn(gold[k], outputs[k][0]) for k in gold]),
            ("newsfuse html ingest", [tp_fp_fn(gold[k], outputs[k][1]) for k in gold])]
    if published:
        rows.insert(0, ("trafilatura (published run)",
                        [tp_fp_fn(gold[k], (published.get(k) or {}).get("articleBody") or "") for k in gold]))
    print(f"{len(gold)} pages, shingle (4 x \\w+) P/R/F1 averaged over pages; extraction took {seconds:.1f} s "
          f"with {args.jobs} workers\n")
    print(f"{'system':<30} {'precision':>9} {'recall':>9} {'F1':>9}")
    for name, counts in rows:
        p, r, f1 = scores(counts)
        print(f"{name:<30} {p:9.3f} {r:9.3f} {f1:9.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Do the stream and the batch agree? The grouper fed the same articles in chunks of 64, 256, 512
and in one chunk (the batch), with and without the reconciliation of live stories after each chunk
(merges and splits, `stories.reconcile`), scored against the gold stories and against the batch.

    python benchmarks/stories_stream_batch.py ../shared/eval/stories/ecbplus-dev-articles.jsonl --part report
    python benchmarks/stories_stream_batch.py                      # Multi-News dev, all of it
    python benchmarks/stories_stream_batch.py ../shared/eval/stories/multinews-train-articles.jsonl --stories 600

The articles go through the real reader and cleaner and the real per-article features (computed once,
words alone unless `--embedder`); a duplicate of an earlier article (same content) is left out as
`ingest` leaves it out, and counts as a story of its own. Each chunk's undated articles get the day
`stream._days` gives them. Not the store: `stories_eval.py` runs the whole path.

ECB+ parts (`--part`): "tune" is the topics ≡ 2 mod 4, "report" the topics ≡ 0 mod 4 (the split used
since issue 15 began); Multi-News: tune on `multinews-train-articles.jsonl`, report on the dev set.

Figures, for each chunk size and order: B-cubed F1 against gold (the "relevant" view where the set
flags irrelevant articles), B-cubed F1 of the stream's stories against the batch's (1.000: the same
stories), merges and splits made, and the grouping time.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newsfuse.config import Grouping
from newsfuse.ingest import read_articles
from newsfuse.stories.features import Features, features_batch
from newsfuse.stories.group import Item, StoryGrouper
from newsfuse.stories.metrics import bcubed
from newsfuse.stream import _days
from newsfuse.types import Article
from stories_eval import DEFAULT, gold_rows


def load(path: Path, part: str, stories: int) -> list[dict[str, Any]]:
    rows = gold_rows([json.loads(line) for line in path.open(encoding="utf-8") if line.strip()])
    if part != "all" and rows and "topic_label" in rows[0]:
        keep = 2 if part == "tune" else 0
        rows = [r for r in rows if int(str(r["topic_label"]).rstrip("abcdefghijklmnopqrstuvwxyz") or 0) % 4 == keep]
    if stories:
        labels = list(dict.fromkeys(str(r["label"]) for r in rows))[:stories]
        wanted = set(labels)
        rows = [r for r in rows if str(r["label"]) in wanted]
    return rows


def featurize(rows: list[dict[str, Any]], embedder: str | None) -> list[tuple[Article, Features]]:
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "in.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        articles = read_articles([str(source)]).articles
    seen: set[str] = set()
    out = []
    for article, f in zip(articles, features_batch(articles, embedder), strict=True):
        if f.content_hash in seen:
            continue
        seen.add(f.content_hash)
        out.append((article, f))
    return out


def run(stream: list[tuple[Article, Features]], chunk: int, config: Grouping) -> tuple[dict[str, int], float, int, int]:
    """Article → story, seconds, merges, splits."""
    grouper = StoryGrouper(config)
    out: dict[str, int] = {}
    merges = splits = 0
    today = 739000
    started = time.perf_counter()
    for lo in range(0, len(stream), chunk):
        part = stream[lo:lo + chunk]
        days = _days([a for a, _ in part], grouper.clock, today)
        result = grouper.group([Item(a.id, d, f, a.published is not None) for (a, f), d in zip(part, days, strict=True)])
        into = dict(result.merged)  # merges and splits move articles of earlier chunks
        for article_id, story in out.items():
            out[article_id] = result.moved.get(article_id, into.get(story, story))
        out.update((x.article_id, x.story) for x in result.assignments)
        merges += len(result.merged)
        splits += len(result.split)
    return out, time.perf_counter() - started, merges, splits


def scored(pred: dict[str, int], rows: list[dict[str, Any]], batch: dict[str, int]) -> dict[str, float]:
    keep = [r for r in rows if not r.get("mnplus_flagged_irrelevant")]
    labels = [f"s{pred[r['id']]}" if r["id"] in pred else f"alone:{r['id']}" for r in keep]
    against = [f"s{batch[r['id']]}" if r["id"] in batch else f"alone:{r['id']}" for r in keep]
    p, r, f = bcubed(labels, [str(x["label"]) for x in keep])
    return {"P": round(p, 4), "R": round(r, 4), "F1": round(f, 4), "vs_batch": round(bcubed(labels, against)[2], 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--part", choices=("all", "tune", "report"), default="all", help="ECB+: which topics")
    parser.add_argument("--stories", type=int, default=0, help="only the first N gold stories (0: all)")
    parser.add_argument("--chunks", type=int, nargs="+", default=[64, 256, 512])
    parser.add_argument("--orders", type=int, default=2, help="random orders besides file order")
    parser.add_argument("--embedder", default="none", help="the grouping embedder (none: words alone)")
    parser.add_argument("--set", nargs="*", default=[], metavar="KNOB=VALUE",
                        help="grouping knobs for the runs with reconciliation (split_margin=0.1 ...)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not args.path.is_file():
        sys.exit(f"no gold file at {args.path} (see ../shared/eval/README.md)")
    rows = load(args.path, args.part, args.stories)
    stream = featurize(rows, None if args.embedder == "none" else args.embedder)
    knobs = {k: type(getattr(Grouping(), k))(v) for k, v in (s.split("=", 1) for s in args.set)}
    on = dataclasses.replace(Grouping(), **knobs)
    off = dataclasses.replace(on, reconcile=False)
    print(f"$ python benchmarks/stories_stream_batch.py {args.path} --part {args.part} --stories {args.stories} "
          f"--chunks {' '.join(map(str, args.chunks))} --orders {args.orders} --embedder {args.embedder}"
          + (f" --set {' '.join(args.set)}" if args.set else ""))
    print(f"{len(rows)} articles ({len(stream)} grouped), {len({r['label'] for r in rows})} gold stories\n")
    orders = [("file", stream)] + [(f"random {s}", random.Random(s).sample(stream, len(stream)))
                                   for s in range(args.orders)]
    results: list[dict[str, Any]] = []
    print(f"{'order':<10} {'chunk':>6} {'reconcile':<9} {'P':>6} {'R':>6} {'F1':>6} {'vs batch':>8} "
          f"{'merges':>6} {'splits':>6} {'s':>6}")
    for name, ordered in orders:
        batch, seconds, _, _ = run(ordered, len(ordered), off)
        for chunk in [*args.chunks, len(ordered)]:
            for label, config in (("no", off), ("yes", on)):
                pred, seconds, merges, splits = run(ordered, chunk, config)
                line = {"order": name, "chunk": chunk, "reconcile": label, **scored(pred, rows, batch),
                        "merges": merges, "splits": splits, "seconds": round(seconds, 2)}
                results.append(line)
                print(f"{name:<10} {chunk:>6} {label:<9} {line['P']:>6.3f} {line['R']:>6.3f} {line['F1']:>6.3f} "
                      f"{line['vs_batch']:>8.3f} {merges:>6} {splits:>6} {seconds:>6.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()

"""Outlets read from real articles, against judged labels: precision (outlets named that are right) and
recall (labelled outlets that were named).

`benchmarks/judged/outlets.jsonl` holds one judged article a line: `{set, split, id, outlet, accept,
evidence}`, where `outlet` is the publication that printed it (null when nothing in its text or URL says),
judged by reading the article's first and last lines and its URL, and `accept` the names that count as
right (the name, and the URL's host, which newsfuse gives as the outlet of last resort).

- **tune**: ECB+ topics 2-18, 12 Multi-News train articles, the five seeds. Read while writing the rules.
- **test**: ECB+ topics 20-44. Only judged, never read for rules.

Each article is read as the JSONL reader reads a record (text, title, URL), cleaned, and given its
metadata. Run: `.venv/bin/python benchmarks/outlets_judged.py` (skips when ../shared is absent).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from newsfuse.clean import clean_article
from newsfuse.ingest.meta import infer_metadata
from newsfuse.types import Article

HERE = Path(__file__).resolve().parent
JUDGED = HERE / "judged" / "outlets.jsonl"
SHARED = HERE.parent.parent / "shared"
SOURCES = {
    "ecbplus-dev": SHARED / "eval" / "stories" / "ecbplus-dev-articles.jsonl",
    "multinews-train": SHARED / "eval" / "stories" / "multinews-train-articles.jsonl",
}


def _keys(name: str) -> set[str]:
    """How a name compares: "The Valley Post" → {"valleypost"}; a host "www.valleypost.co.uk" → {"valleypost"}."""
    name = name.casefold().strip()
    if re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", name):  # a host: any of its labels but the last
        labels = name.removeprefix("www.").split(".")[:-1]
        return {re.sub(r"[^0-9a-z]", "", x) for x in labels} - {"", "co", "com", "org", "net", "ac", "gov"}
    words = re.findall(r"[^\W_]+", name)
    return {"".join(words[1:] if words[:1] == ["the"] else words)}


def _articles() -> dict[tuple[str, str], Article]:
    wanted: dict[str, set[str]] = {}
    for line in JUDGED.read_text().splitlines():
        row = json.loads(line)
        wanted.setdefault(row["set"], set()).add(row["id"])
    found: dict[tuple[str, str], Article] = {}
    for name, path in SOURCES.items():
        with path.open() as stream:
            for line in stream:
                record = json.loads(line)
                if record["id"] in wanted.get(name, set()):
                    found[name, record["id"]] = Article(id=record["id"], text=record["text"],
                                                        title=record.get("title") or "", url=record.get("url") or "")
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        found["seeds", path.stem] = Article(id=path.stem, text=path.read_text())
    return found


def main() -> int:
    if not all(p.exists() for p in SOURCES.values()):
        print(f"skipped: {SHARED} is absent")
        return 0
    articles = _articles()
    tally: dict[str, list[int]] = {}
    for line in JUDGED.read_text().splitlines():
        row = json.loads(line)
        article = infer_metadata(clean_article(articles[row["set"], row["id"]]))
        named, accept = article.outlet, row["accept"]
        right = bool(named) and any(_keys(named) & _keys(a) for a in accept)
        counts = tally.setdefault(row["split"], [0, 0, 0, 0])  # named, named right, labelled, labelled found
        counts[0] += bool(named)
        counts[1] += right
        counts[2] += bool(row["outlet"])
        counts[3] += right and bool(row["outlet"])
        if "-v" in sys.argv and (bool(named) != bool(row["outlet"]) or (named and not right)):
            print(f"  {row['split']:5} {row['id']:22} named {named!r} ({article.outlet_from}); judged {row['outlet']!r}")
    print(f"{'split':6} {'articles':>8} {'named':>6} {'precision':>10} {'labelled':>9} {'recall':>7}")
    for split in ("tune", "test"):
        named, right, labelled, found = tally.get(split, [0, 0, 0, 0])
        articles_n = sum(1 for line in JUDGED.read_text().splitlines() if json.loads(line)["split"] == split)
        print(f"{split:6} {articles_n:8} {named:6} {right / named if named else 0:10.1%} {labelled:9} "
              f"{found / labelled if labelled else 0:7.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

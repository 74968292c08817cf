"""How far apart the cross-language model puts one event, one topic and two topics: the evidence the
story grouping's cross-language term (`config.Grouping.cross_weight`, `cross_floor`) has to work with.

    python benchmarks/cross_cosines.py                         # ECB+ tune part and MultiLing tune part
    python benchmarks/cross_cosines.py --folder tests/data/qa31   # hand-written reports, events by file prefix

The cosine is the grouping's own: the multilingual model (`cross_embedder`, USE-m by default) on
each article's title and first `CROSS_CHARS` characters (`stories.features.embedding_text`).

- ECB+ dev, tune topics (≡ 2 mod 4): every pair of articles, as one event, two events of one topic
  (two earthquakes, two rehab check-ins), or two topics. English only: the model is trained to put
  translations together, so these en-en pairs stand in for pairs across languages.
- MultiLing 2011, tune stories (M000-M004): pairs of two languages the model reads (ar, en, fr), as
  a translation of one report, two reports of one story (a topic followed for weeks), or two stories.
- `--folder`: the reports of a folder of hand-written cases (`<event>-<outlet>.txt`), pairs of two
  detected languages, as one event or two.

Percentiles 5 / 25 / 50 / 75 / 95 of each kind. Nothing here is tuned: it prints what a floor on the
cosine can and cannot separate.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from newsfuse.config import Settings
from newsfuse.ingest import read_articles
from newsfuse.stories.features import CROSS_CHARS, embedder_here, embedding_text
from newsfuse.types import Article

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
READ = ("ar", "en", "fr")  # the MultiLing languages USE-m reads (not cs, el, he, hi)


def cosines(articles: list[Article], model: str) -> np.ndarray:
    rows = embedder_here(model, None).embed([embedding_text(a, CROSS_CHARS) for a in articles])
    rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-12)
    return np.asarray(rows @ rows.T)


def show(title: str, kinds: dict[str, np.ndarray]) -> None:
    print(f"\n{title}\n{'pairs':<34} {'n':>6}   p5    p25   p50   p75   p95")
    for name, values in kinds.items():
        cells = " ".join(f"{v:5.2f}" for v in np.percentile(values, [5, 25, 50, 75, 95])) if len(values) else "-"
        print(f"{name:<34} {len(values):>6}  {cells}")


def ecbplus(model: str) -> None:
    path = SHARED / "stories" / "ecbplus-dev-articles.jsonl"
    rows = [r for r in map(json.loads, path.open(encoding="utf-8")) if int(r["topic_label"]) % 4 == 2]
    sim = cosines([Article(id=r["id"], text=r["text"], title=r.get("title", "")) for r in rows], model)
    event, topic = (np.array([r[k] for r in rows]) for k in ("label", "topic_label"))
    a, b = np.triu_indices(len(rows), 1)
    one, same_topic = event[a] == event[b], topic[a] == topic[b]
    show("ECB+ dev, tune topics (English pairs)",
         {"one event": sim[a, b][one], "two events of one topic": sim[a, b][same_topic & ~one],
          "two topics": sim[a, b][~same_topic]})


def multiling(model: str) -> None:
    rows = []
    for language in READ:
        for line in (SHARED / "mds" / f"multiling2011-{language}.jsonl").open(encoding="utf-8"):
            cluster = json.loads(line)
            if cluster["id"] in {f"M00{i}" for i in range(5)}:
                rows += [(language, cluster["id"], k, doc) for k, doc in enumerate(cluster["docs"])]
    sim = cosines([Article(id=f"{lang}/{story}/{k}", text=d.get("text", ""), title=d.get("title", ""))
                   for lang, story, k, d in rows], model)
    language, story, report = (np.array([r[i] for r in rows]) for i in range(3))
    a, b = np.triu_indices(len(rows), 1)
    across, one = language[a] != language[b], story[a] == story[b]
    show(f"MultiLing 2011, tune stories, pairs of two languages ({', '.join(READ)})",
         {"one report translated": sim[a, b][across & one & (report[a] == report[b])],
          "two reports of one story": sim[a, b][across & one & (report[a] != report[b])],
          "two stories": sim[a, b][across & ~one]})


def folder(path: Path, model: str) -> None:
    files = sorted(path.glob("*.txt"))
    articles = read_articles([str(f) for f in files]).articles
    sim = cosines(articles, model)
    event = np.array([Path(a.id).name.split("-")[0] for a in articles])
    language = np.array([a.language for a in articles])
    a, b = np.triu_indices(len(articles), 1)
    across = language[a] != language[b]
    show(f"{path}: pairs of two languages",
         {"one event": sim[a, b][across & (event[a] == event[b])],
          "two events": sim[a, b][across & (event[a] != event[b])]})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", type=Path, help="hand-written reports named <event>-<outlet>.txt")
    args = parser.parse_args()
    model = Settings().cross_embedder
    if args.folder:
        folder(args.folder, model)
        return
    if not (SHARED / "stories" / "ecbplus-dev-articles.jsonl").is_file():
        sys.exit(f"no evaluation data in {SHARED} (see ../shared/eval/README.md)")
    ecbplus(model)
    multiling(model)


if __name__ == "__main__":
    main()

"""Who said what: speaker accuracy, quoted terms, split quotes and repeated citations, from judged quotes.

Stories of many reports, each briefed as one story:
- **tune**: ECB+ topics 2-18 (../shared/eval/stories/ecbplus-dev-articles.jsonl, grouped by `label`) and
  the 10 MultiLing 2011 English stories. The quote rules were adjusted by reading these only.
- **test**: ECB+ topics 20-44. Read only to judge it.

benchmarks/judged/quotes.jsonl holds one verdict per quote as a person read it in its source:
`kind` is `utterance` (words someone said or wrote) or `term` (a name, title, label or scare-quoted
phrase: not an utterance); `speaker` is who said it as the text names them ("" when the text names
nobody: "a source said"), `also` other names that are just as right ("THR" / "Hollywood Reporter").
`verdict` is how the output read at judging time (right speaker, wrong speaker, no speaker though the
text names one, no speaker and none named, term); the figures below are recomputed for today's output.

A judged quote is found in today's brief by its story, its source and its words (the same words, or
words that contain them: a fragment merged into a longer quote is still found).

    python benchmarks/quotes_judged.py                 # test split
    python benchmarks/quotes_judged.py --split tune
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
VERDICTS = Path(__file__).resolve().parent / "judged" / "quotes.jsonl"


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", "")))


def _contains(long_: tuple[str, ...], short: tuple[str, ...]) -> bool:
    n = len(short)
    return n > 0 and any(long_[i:i + n] == short for i in range(len(long_) - n + 1))


def same_person(a: str, b: str) -> bool:
    """One name for one speaker: "Mr. Guest" / "Peter Guest", "Lawyer Michael Marinaccio" / "Michael Marinaccio"."""
    x, y = _words(a.replace(".", "")), _words(b.replace(".", ""))
    return bool(x and y) and (x == y or x[-1] == y[-1] or _contains(x, y) or _contains(y, x))


def load_stories(names: set[str]) -> dict[str, list[dict[str, str]]]:
    stories: dict[str, list[dict[str, str]]] = defaultdict(list)
    with (SHARED / "stories" / "ecbplus-dev-articles.jsonl").open() as fh:
        for line in fh:
            row = json.loads(line)
            if row["label"] in names:
                stories[row["label"]].append({"id": row["id"], "title": row.get("title") or "", "text": row["text"]})
    with (SHARED / "mds" / "multiling2011-en.jsonl").open() as fh:
        for line in fh:
            cluster = json.loads(line)
            if cluster["id"] in names:
                stories[cluster["id"]] = [{"id": d["doc_id"], "title": d.get("title") or "", "text": d["text"]}
                                          for d in cluster["docs"]]
    return stories


def _unclosed(sentence: str) -> bool:
    """A quotation that this sentence opens and does not close (it runs on into the next one)."""
    return sentence.count("“") > sentence.count("”") or (sentence.count("“") == 0 and sentence.count('"') % 2 == 1
                                                           and sentence.lstrip().startswith('"'))


def fragments(quotes: list[Any]) -> int:
    """Entries that are a piece of another entry's quotation: words found inside another entry's words
    (one quote cut short), the same sentence ("X," he said, "Y."), or the next sentence of one
    quotation that runs on."""
    pieces = 0
    for i, q in enumerate(quotes):
        if q.term:
            continue
        mine = {(e.source, e.sentence) for v in q.variants for e in v.evidence}
        for j, other in enumerate(quotes):
            if i == j or other.term:
                continue
            theirs = {(e.source, e.sentence): e.text for v in other.variants for e in v.evidence}
            inside = len(_words(q.text)) >= 3 and len(_words(other.text)) > len(_words(q.text)) and \
                _contains(_words(other.text), _words(q.text)) and set(q.sources) & set(other.sources)
            same_sentence = j < i and bool(mine & set(theirs))
            runs_on = any((s, n - 1) in theirs and _unclosed(theirs[(s, n - 1)]) for s, n in mine)
            if inside or same_sentence or runs_on:
                pieces += 1
                break
    return pieces


def repeated_citations(html: str) -> tuple[int, int]:
    """(quotes whose rendered line cites one source twice, quotes rendered) in the who-said-what list."""
    m = re.search(r'<ul class="quotes">(.*?)</ul>', html, re.S)
    if not m:
        return 0, 0
    items = re.findall(r"<li>(.*?)</li>", m.group(1), re.S)
    dup = sum(1 for li in items if len(re.findall(r'href="#s-(\d+)-', li)) != len(set(re.findall(r'href="#s-(\d+)-', li))))
    return dup, len(items)


def evaluate(split: str, show: bool = False) -> dict[str, Any]:
    from newsfuse.pipeline import brief
    from newsfuse.render.html import render_html

    verdicts = [json.loads(line) for line in VERDICTS.read_text().splitlines() if line.strip()]
    verdicts = [v for v in verdicts if v["split"] == split]
    stories = load_stories({v["story"] for v in verdicts})
    counts: dict[str, int] = defaultdict(int)
    for story, articles in sorted(stories.items()):
        b = brief(articles)
        counts["quotes"] += len(b.quotes)
        counts["fragments"] += fragments(b.quotes)
        dup, shown = repeated_citations(render_html(b))
        counts["repeated_citations"] += dup + sum(len(q.sources) != len(set(q.sources)) for q in b.quotes)
        counts["rendered"] += shown
        for v in (v for v in verdicts if v["story"] == story):
            want = _words(v["quote"])
            found = [q for q in b.quotes if any(v["source"] in var.sources and _contains(_words(var.text), want)
                                                for var in q.variants)]
            if not found:
                counts["not_found_" + v["kind"]] += 1
                continue
            q = found[0]
            gold_term = v["kind"] == "term"
            outcome = "tp" if q.term and gold_term else "fp" if q.term else "fn" if gold_term else "tn"
            counts[outcome] += 1
            term_wrong = outcome in {"fp", "fn"}
            if not gold_term:
                names = [v["speaker"], *v.get("also", [])]
                if not q.speaker:
                    outcome = "no_speaker_named" if v["speaker"] else "no_speaker_none_named"
                elif any(same_person(q.speaker, n) for n in names if n):
                    outcome = "right"
                else:
                    outcome = "wrong"
                counts[outcome] += 1
            if show and (term_wrong or outcome in {"wrong", "no_speaker_named"}):
                print(f"{'term ' if term_wrong else ''}{outcome}: {story} {v['source']} “{v['quote'][:70]}” judged {v['speaker']!r}, "
                      f"output {q.speaker!r}\n    {v['sentence'][:160]}")
    counts["judged"] = len(verdicts)
    return dict(counts)


def report(split: str, c: dict[str, Any]) -> str:
    utter = c.get("right", 0) + c.get("wrong", 0) + c.get("no_speaker_named", 0) + c.get("no_speaker_none_named", 0)
    correct = c.get("right", 0) + c.get("no_speaker_none_named", 0)
    tp, fp, fn = c.get("tp", 0), c.get("fp", 0), c.get("fn", 0)
    lines = [
        f"split {split}: {c['judged']} judged quotes, {c['quotes']} quotes in the briefs",
        f"  speaker accuracy {correct}/{utter} = {correct / max(1, utter):.1%}  (right {c.get('right', 0)}, "
        f"wrong {c.get('wrong', 0)}, none though named {c.get('no_speaker_named', 0)}, "
        f"none and none named {c.get('no_speaker_none_named', 0)})",
        f"  term precision {tp}/{tp + fp} = {tp / max(1, tp + fp):.1%}  recall {tp}/{tp + fn} = {tp / max(1, tp + fn):.1%}",
        f"  split fragments {c.get('fragments', 0)} of {c['quotes']} quotes; repeated citations "
        f"{c.get('repeated_citations', 0)} of {c.get('rendered', 0)} rendered",
        f"  judged quotes not in the output: {c.get('not_found_utterance', 0)} utterances, "
        f"{c.get('not_found_term', 0)} terms",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["test", "tune", "both"], default="test")
    parser.add_argument("--errors", action="store_true", help="print each judged quote the output gets wrong")
    args = parser.parse_args(argv)
    if not (SHARED / "stories" / "ecbplus-dev-articles.jsonl").exists():
        print(f"no evaluation data at {SHARED}", file=sys.stderr)
        return 2
    for split in (["tune", "test"] if args.split == "both" else [args.split]):
        print(report(split, evaluate(split, args.errors)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Conflict detection on real news clusters: recall on planted contradictions, false alarms on
untouched clusters, and what fact extraction costs in time.

For each cluster of ../shared/eval/mds (Multi-News dev, MultiLing 2011 English): find a number that
two different documents state in sentences that say much the same (content-word overlap, computed
here independently of newsfuse), change it in one document (x1.5), brief the cluster again, and
check that a conflict between the old and the new value is reported. Conflicts reported on the
untouched cluster are counted as false alarms (some are real disagreements between outlets: read the
examples with --show).

    python benchmarks/conflicts_eval.py                     # both sets, the pipeline's brief
    python benchmarks/conflicts_eval.py --limit 100 --show 5
    python benchmarks/conflicts_eval.py --engine facts      # the facts stage on word-overlap claims only
    python benchmarks/conflicts_eval.py --speed             # fact extraction time vs. the brief's

Sentence vectors and spaCy parses are kept on disk between runs (--cache, default
~/.cache/newsfuse/conflicts_eval; --cache '' turns it off), so a rerun after a change to the compare
rules takes a minute or two instead of eight. The parse cache is keyed by the spaCy version, the model
and the source of newsfuse/facts/nlp.py, so a change to what is parsed starts it afresh.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import re
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

import plant_lang
from newsfuse.errors import NoArticlesError
from newsfuse.text import content_stems, split_sentences
from newsfuse.types import Article, Claim, Conflict, Evidence, Source, Update

Reported = tuple[list[Conflict], list[Update]]

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "mds"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
OTHER = ("fr", "cs", "ar", "el", "he", "hi")  # MultiLing's languages besides English
SETS = {"multinews": "multinews-dev.jsonl", "multiling": "multiling2011-en.jsonl",
        **{f"multiling-{code}": f"multiling2011-{code}.jsonl" for code in OTHER}}
# Sets in another language: figures are planted in digits and in number words (benchmarks/plant_lang.py).
# Their clusters M000-M004 are the tune split (read while the language tables were written), M005-M009
# the report split (--split).
LANGUAGE = {f"multiling-{code}": code for code in OTHER}
# The same clusters, planted wider (`plant_lang.find_plants(wide=True)`): also a figure two reports each
# state once before the same counted word, in sentences that share less wording. The within-language
# measure large enough to read (French: the one language besides English with MultiLing clusters and
# a parser); read as the same clusters as `multiling-<code>`.
WIDE = {f"wide-{code}": code for code in OTHER}
LANGUAGE.update(WIDE)
SETS.update({f"wide-{code}": f"multiling2011-{code}.jsonl" for code in OTHER})
# A document in another language beside its English translation (same doc_id), one pair a "cluster";
# figures of the other-language side are changed (plant_lang.translation_plants).
PAIRS = {f"xling-{code}": code for code in OTHER}
TUNE_CLUSTERS = 5
# Held-out sets: the test split of the judged ledger benchmark.
# The tune split of the same (ECB+ topics 2-18): planted misses there may be read while rules are written.
# `multinews-train-tune` (stop 31): the tune split's Multi-News training stories of five or more reports
# (ids hashing even), more planted stories to read while rules are written.
HELD_OUT = {"ecbplus-test": ("ecbplus", "test"), "multinews-train-test": ("multinews", "test"),
            "ecbplus-tune": ("ecbplus", "tune"), "multinews-train-tune": ("multinews", "tune")}
# Sentences of two documents sharing this share of content stems state the same point; the
# benchmark's own notion of "aligned", independent of newsfuse's thresholds.
ALIGNED = 0.3
NUMBER = re.compile(r"(?<![\w.$-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w-]|\.\d|:\d|/\d)")
LABEL = re.compile(r"\b(?:flight|no\.?|number|route|block|outlet|stage|resolution|room|apartment|suite|"
                   r"rule|section|article|chapter|page|episode|season|game|interstate|highway|channel|version|"
                   r"district|precinct|gate|pier|terminal|platform|site|#)\s*$")
TIME = re.compile(r"\s*(?::\s*\d|a\.m\.|p\.m\.|am\b|pm\b|o'clock|block\b|gmt\b|utc\b|et\b)")  # also "the 6600 block"
MONTH_AFTER = re.compile(r"\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b")  # "14 October"
# A piece of a date, a fraction or a decimal a scraper spaced apart: "2007 - 11 - 12", "$119. 99",
# "4 1 / 2", "a. 357 Magnum".
PIECE_BEFORE = re.compile(r"(?:\d\s*[-/]\s*|[\d.]\.\s|\b[a-z]\.\s|\d\s)$")  # ... and "0845 125 2222"
PIECE_AFTER = re.compile(r"\s*(?:[-/]\s*\d|\.\s\d)|\s\d{3}")
# A model or version name: "Curve 8900", "BlackBerry 10", "GarageBand 09" (a capitalised word right
# before the number, inside the sentence).
NAMED = re.compile(r"(?<=[a-z,;] )[A-Z][A-Za-z]+ $")
# A numbered item of a list or a rule book: "8.1 – apps must comply with ...".
ITEM = re.compile(r"\s*[–—]\s*[a-z]")
# Bounds before a figure: a planted change must break them ("more than 16 hours" is still true of 24).
AT_LEAST = re.compile(r"\b(?:more than|at least|over|upwards of|in excess of|above|no fewer than|"
                      r"no less than)\s*\$?\s*$", re.I)
AT_MOST = re.compile(r"\b(?:up to|at most|less than|fewer than|under|below|no more than|as many as|"
                     r"as much as)\s*\$?\s*$", re.I)
# Any figure in a reported value, ranges included ("25-40%").
FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
MONTHS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.I)


@dataclass(slots=True)
class Plant:
    """One planted contradiction: `doc` now says `new` where `other` (still) says `old`."""

    doc: int
    other: int
    old: str
    new: str
    sentence: str


@dataclass(slots=True)
class Row:
    cluster: str
    docs: int
    alarms: list[Conflict] = field(default_factory=list)
    plants: list[Plant] = field(default_factory=list)
    found: list[str] = field(default_factory=list)  # "conflict", "update" or "" (missed), per plant
    sureness: list[float] = field(default_factory=list)  # the confidence it was found with (update: 1), per plant
    updates: list[Update] = field(default_factory=list)
    seconds: float = 0.0


def load(name: str, limit: int, split: str = "all") -> list[dict[str, Any]]:
    if name in HELD_OUT:
        return _held_out(name, limit)
    if name in PAIRS:
        return _pairs(PAIRS[name], limit, split)
    if name in LANGUAGE and split != "all":
        rows = load(name, 0)
        return (rows[:TUNE_CLUSTERS] if split == "tune" else rows[TUNE_CLUSTERS:])[:limit or None]
    path = EVAL / SETS[name]
    if not path.is_file():
        sys.exit(f"{path}: evaluation data not found (see ../shared/eval/README.md)")
    rows = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            docs = [d for d in row["docs"] if d.get("text", "").strip() and not d.get("empty")]
            if len(docs) >= 2:
                rows.append({"id": row["id"], "docs": docs})
            if limit and len(rows) >= limit:
                break
    return rows


def _pairs(code: str, limit: int, split: str) -> list[dict[str, Any]]:
    """Each document of the language's clusters with its English version, in the split's clusters."""
    english = {d["doc_id"]: d for c in load("multiling", 0) for d in c["docs"]}
    rows = load(f"multiling-{code}", 0, split if split != "all" else "all")
    out = [{"id": d["doc_id"], "docs": [d, english[d["doc_id"]]], "lang": code}
           for c in rows for d in c["docs"] if d["doc_id"] in english]
    return out[:limit or None]


def _held_out(name: str, limit: int) -> list[dict[str, Any]]:
    """A split of benchmarks/ledger_judged.py: its test split (never read while the conflict rules
    were written: ECB+ events of topics 20-44, Multi-News training stories of five or more reports),
    or the ECB+ tune events."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import ledger_judged

    rows = []
    which, split = HELD_OUT[name]
    for story in ledger_judged.stories([which]):
        if story.split == split:
            rows.append({"id": story.id, "docs": [a for a in story.articles if a["text"].strip()]})
            if limit and len(rows) >= limit:
                break
    return rows


# --- planting a contradiction -----------------------------------------------------------------------

def _is_plain_number(text: str, m: re.Match[str]) -> bool:
    """A number that states an amount: not a year, a day of a month, a time, a phone number or a
    label ("flight 623", "the 6600 block", "rule 2.11")."""
    value = float(m.group(1).replace(",", ""))
    if 1900 <= value <= 2100 and "." not in m.group(1) and "," not in m.group(1):
        return False  # a year
    before, after = text[:m.start()].lower(), text[m.end():].lower()
    if MONTHS.search(before) or LABEL.search(before) or TIME.match(after) or before.rstrip().endswith(":") \
            or ITEM.match(after) or MONTH_AFTER.match(after) or PIECE_BEFORE.search(before) \
            or PIECE_AFTER.match(after) or NAMED.search(text[:m.start()]):
        return False
    return value > 0 and m.group(1) != "911"


def find_plants(docs: Sequence[dict[str, Any]], rng: random.Random, most: int) -> list[Plant]:
    """Up to `most` numbers (distinct) that two documents state in aligned sentences."""
    sentences = [[s.text for s in split_sentences(Article(id=str(i), text=d["text"]))] for i, d in enumerate(docs)]
    stems = [[set(content_stems(s)) for s in doc] for doc in sentences]
    candidates: list[Plant] = []
    for i, doc in enumerate(sentences):
        for si, text in enumerate(doc):
            for m in NUMBER.finditer(text):
                if not _is_plain_number(text, m) or text.count(m.group(1)) != 1:
                    continue
                for j, other in enumerate(sentences):
                    if j == i:
                        continue
                    for sj, text2 in enumerate(other):
                        # The other document must state it as an amount too ("outlet 444" is a name).
                        twin = next((m2 for m2 in NUMBER.finditer(text2) if m2.group(1) == m.group(1)), None)
                        if twin is None or not _is_plain_number(text2, twin):
                            continue
                        a, b = stems[i][si], stems[j][sj]
                        if any(_bounded(text, m, bound) and _bounded(text2, twin, bound) for bound in (AT_LEAST, AT_MOST)):
                            continue  # "more than 100" / "more than 67": two bounds of one direction both hold
                        if a and b and len(a & b) / len(a | b) >= ALIGNED:
                            down = _bounded(text, m, AT_MOST) or _bounded(text2, twin, AT_LEAST)
                            candidates.append(Plant(doc=i, other=j, old=m.group(1),
                                                    new=_bump(m.group(1), down), sentence=text))
    candidates = [c for c in candidates if not any(c.new in d["text"] for d in docs)]
    rng.shuffle(candidates)
    chosen: dict[str, Plant] = {}
    for c in candidates:
        if c.old not in chosen and len(chosen) < most:
            chosen[c.old] = c
    return list(chosen.values())


def _bounded(text: str, m: re.Match[str], bound: re.Pattern[str]) -> bool:
    return bool(bound.search(text[:m.start()]))


def _bump(number: str, down: bool = False) -> str:
    """x1.5, or x2/3 when the new value must fall below a bound to contradict it: "up to $12,500"
    changed to "up to $18,750" still holds of "$12,500", and "24 hours" of "more than 16 hours"."""
    value = float(number.replace(",", ""))
    factor = 2 / 3 if down else 1.5
    if "." in number:
        decimals = len(number.split(".")[1])
        return f"{value * factor:.{decimals}f}"
    new = round(value * factor) if value > 1 else int(value) + 2
    if down and new >= value:
        new = int(value) - 1 if value > 1 else 0
    return f"{new:,}" if "," in number else str(new)


def plant(docs: Sequence[dict[str, Any]], p: Plant) -> list[dict[str, Any]]:
    out = [dict(d) for d in docs]
    text = out[p.doc]["text"]
    # The figure as a whole word: "2" of "2 milliards" is not the "2" of "24 heures" before it, and
    # "deux" is not the start of "deuxième".
    changed = re.sub(rf"(?<!\w){re.escape(p.old)}(?!\w)", lambda _: p.new, p.sentence, count=1)
    out[p.doc]["text"] = text.replace(p.sentence, changed, 1)
    return out


MIN_CONFIDENCE = 0.0  # a planted change counts as found only by a conflict at least this confident (--min-confidence)


def detected(reported: Reported, p: Plant, lang: str = "") -> tuple[str, float]:
    """"conflict" for a reported conflict with the new value on one side and the old one on another
    (with its confidence: the best of such conflicts);
    "update" for an update holding both (the changed report was published on another day than the
    one it contradicts, so the brief tells it as the story moving on); "" when neither."""
    def says(value: str, number: str) -> bool:
        if lang:
            # by the written value or its normalized form ("trois" on one side, "three" on the other: 3)
            return plant_lang.says(value, number) or plant_lang.says_value(value, number, lang)
        figures = FIGURE.findall(value)
        return number in figures or number.replace(",", "") in figures

    def holds(sides: list[str]) -> bool:
        return any(says(v, p.new) for v in sides) and any(says(v, p.old) for v in sides)

    conflicts, updates = reported
    if any(holds([v.value for v in u.values] + [v.normalized for v in u.values]) for u in updates):
        return "update", 1.0
    sure = max((c.confidence for c in conflicts
                if holds([v.value for v in c.values] + [v.normalized for v in c.values])), default=-1.0)
    return ("conflict" if sure >= MIN_CONFIDENCE else ""), sure


# --- engines ---------------------------------------------------------------------------------------

class MemoEmbedder:
    """The configured embedder, each distinct text embedded once per cache (kept on disk)."""

    def __init__(self, inner: Any, path: Path | None) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.path = path
        self.rows: dict[str, np.ndarray] = {}
        if path is not None and path.is_file():
            with path.open("rb") as f:
                self.rows = pickle.load(f)
        self.added = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        todo = list(dict.fromkeys(t for t in texts if t not in self.rows))
        if todo:
            self.rows.update(zip(todo, self.inner.embed(todo), strict=True))
            self.added += len(todo)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self.rows[t] for t in texts])

    def save(self) -> None:
        if self.path is not None and self.added:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("wb") as f:
                pickle.dump(self.rows, f)


class ParseCache:
    """spaCy docs of the eval's sentences, on disk, loaded into newsfuse.facts.nlp's cache."""

    def __init__(self, folder: Path | None) -> None:
        import spacy

        from newsfuse.config import load_settings
        from newsfuse.facts import nlp

        self.model = load_settings().spacy_model
        source = Path(nlp.__file__).read_bytes()
        key = hashlib.sha256(source + spacy.__version__.encode() + self.model.encode()).hexdigest()[:16]
        self.path = folder / f"docs-{key}.spacy" if folder is not None else None
        self.known: set[str] = set()
        nlp.CACHE_SIZE = max(nlp.CACHE_SIZE, 400_000)
        if self.path is not None and self.path.is_file():
            from spacy.tokens import DocBin

            vocab = nlp.load_nlp(self.model).vocab
            for doc in DocBin().from_disk(self.path).get_docs(vocab):
                nlp._cache[(self.model, doc.text)] = doc
                self.known.add(doc.text)

    def save(self) -> None:
        from spacy.tokens import DocBin

        from newsfuse.facts import nlp

        if self.path is None:
            return
        docs = [d for (m, t), d in nlp._cache.items() if m == self.model]
        if len(docs) <= len(self.known):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "POS", "MORPH", "SENT_START",
                      "SPACY", "NORM", "LEMMA"], docs=docs).to_disk(self.path)


def brief_engine(cache: Path | None = None
                 ) -> tuple[Callable[[Sequence[dict[str, Any]]], Reported], Callable[[], None]]:
    from newsfuse.config import load_settings
    from newsfuse.embed import load_embedder
    from newsfuse.pipeline import brief

    settings = load_settings()
    inner = load_embedder(settings.embedder, settings.embed_batch)
    memo = MemoEmbedder(inner, cache / f"vectors-{inner.name.replace('/', '_')}.pkl" if cache else None)
    parses = ParseCache(cache) if settings.facts else None

    def run(docs: Sequence[dict[str, Any]]) -> Reported:
        articles = [{"id": f"d{i}", "text": d["text"], "title": d.get("title", ""),
                     "published": d.get("date") or d.get("published") or None} for i, d in enumerate(docs)]
        try:
            b = brief(articles, settings=settings, embedder=memo)
        except NoArticlesError:
            return [], []  # every document is page furniture (web-archive wrappers): nothing to compare
        return b.conflicts, b.updates

    def save() -> None:
        memo.save()
        if parses is not None:
            parses.save()

    return run, save


def facts_engine() -> Callable[[Sequence[dict[str, Any]]], Reported]:
    from newsfuse.compare import compare_facts
    from newsfuse.facts import extract_facts
    from newsfuse.stories.dedup import assign_origins

    def run(docs: Sequence[dict[str, Any]]) -> Reported:
        articles = [Article(id=f"d{i}", text=d["text"]) for i, d in enumerate(docs)]
        origins = assign_origins(articles)
        sources = [Source(i + 1, a, o, split_sentences(a)) for i, (a, o) in enumerate(zip(articles, origins,
                                                                                            strict=True))]
        found = compare_facts(sources, extract_facts(sources), lexical_claims(sources))
        return found.conflicts, found.updates

    return run


def lexical_claims(sources: Sequence[Source], threshold: float = 0.5) -> list[Claim]:
    """Claims by word overlap: a stand-in for the embedding alignment when running without it."""
    out: list[Claim] = []
    sents = [(src.article.id, s) for src in sources for s in src.sentences]
    bags = [set(content_stems(s.text)) for _, s in sents]
    for i, (aid, s) in enumerate(sents):
        for j in range(i + 1, len(sents)):
            bid, t = sents[j]
            a, b = bags[i], bags[j]
            if aid != bid and a and b and len(a & b) / len(a | b) >= threshold:
                out.append(Claim(id=len(out), text=s.text, evidence=[Evidence(aid, s.index, s.text),
                                                                     Evidence(bid, t.index, t.text)],
                                 sources=[aid, bid], independent=2))
    return out


# --- runs ------------------------------------------------------------------------------------------

def evaluate(name: str, clusters: list[dict[str, Any]], run: Callable[[Sequence[dict[str, Any]]], Reported],
             seed: int, limit: int, most: int, fixed: dict[str, list[Plant]] | None = None) -> list[Row]:
    """Plants go into every cluster that has a number to plant; false alarms are counted on the
    first `limit` clusters and on the planted ones (before planting). `fixed`: the plants of each
    cluster as another run chose them (`--load-plants`)."""
    todo = []
    lang = LANGUAGE.get(name, "") or PAIRS.get(name, "")
    for k, c in enumerate(clusters):
        rng = random.Random(f"{seed}:{c['id']}")
        if fixed is not None:
            plants = fixed.get(c["id"], [])
        elif name in PAIRS:
            plants = plant_lang.translation_plants(c["docs"][0], c["docs"][1], rng, most, lang, Plant)
        elif lang:
            plants = plant_lang.find_plants(c["docs"], rng, most, lang, Plant, wide=name in WIDE)
        else:
            plants = find_plants(c["docs"], rng, most)
        if plants or not limit or k < limit:
            todo.append((c, plants))
    rows = []
    for c, plants in todo:
        row = Row(c["id"], len(c["docs"]), plants=plants)
        started = time.perf_counter()
        row.alarms, row.updates = run(c["docs"])
        row.alarms = [a for a in row.alarms if a.confidence >= MIN_CONFIDENCE]
        row.seconds = time.perf_counter() - started
        said = [detected(run(plant(c["docs"], p)), p, lang) for p in plants]
        row.found, row.sureness = [f for f, _ in said], [x for _, x in said]
        rows.append(row)
        print(f"\r{name}: {len(rows)}/{len(todo)}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return rows


def report(name: str, rows: list[Row], show: int, per_cluster: bool) -> None:
    planted = [(r, p, f) for r in rows for p, f in zip(r.plants, r.found, strict=True)]
    found = sum(bool(f) for _, _, f in planted)
    as_update = sum(f == "update" for _, _, f in planted)
    updates = sum(len(r.updates) for r in rows)
    alarms = sum(len(r.alarms) for r in rows)
    sure = sum(sum(c.confidence >= 0.5 for c in r.alarms) for r in rows)
    with_any = sum(bool(r.alarms) for r in rows)
    kinds: dict[str, int] = {}
    for r in rows:
        for c in r.alarms:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
    n = max(len(rows), 1)
    print(f"| {name} | {len(rows)} | {len(planted)} | {found} ({as_update}) | {found / max(len(planted), 1):.1%} | "
          f"{alarms / n:.2f} | {sure / n:.2f} | {updates / n:.2f} | {with_any / n:.0%} | "
          f"{', '.join(f'{k} {v}' for k, v in sorted(kinds.items())) or '-'} | "
          f"{sum(r.seconds for r in rows) / n:.2f} |")
    sureness = [x for r in rows for x in r.sureness]
    if sureness:
        print("|   recall at confidence | " + " | ".join(
            f">= {t:.1f}: {sum(x >= t for x in sureness) / len(sureness):.0%}" for t in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8))
            + " |")
    if per_cluster:
        for r in rows:
            plants = ", ".join(f"{p.old}->{p.new} {f or 'MISSED'}"
                               for p, f in zip(r.plants, r.found, strict=True)) or "nothing to plant"
            print(f"|   {r.cluster} | {r.docs} docs | {plants} | alarms {len(r.alarms)} |")
    shown = 0
    for r in rows:
        for c in r.alarms:
            if shown >= show:
                break
            shown += 1
            print(f"\n  [{r.cluster}] {c.kind} ({c.confidence}) {c.about} {c.note}")
            for v in c.values:
                print(f"     {v.value!r} [{', '.join(v.sources)}]: {v.evidence[0].text[:160]!r}")
    for r, p, _f in [x for x in planted if not x[2]][:show]:
        print(f"\n  MISSED [{r.cluster}] {p.old} -> {p.new}: {p.sentence[:200]!r}")


def speed(repeat: int) -> None:
    """Fact extraction's share of the brief, on the seeds and on the 10-article MultiLing clusters."""
    from newsfuse.config import load_settings
    from newsfuse.facts import nlp
    from newsfuse.pipeline import brief

    settings = load_settings()
    cases: list[tuple[str, list[Any]]] = []
    if SEEDS.is_dir():
        cases.append(("seeds (5 articles)", [str(SEEDS)]))
    for c in load("multiling", 3):
        cases.append((f"{c['id']} ({len(c['docs'])} articles)", [{"text": d["text"]} for d in c["docs"]]))
    brief(cases[0][1], settings=settings)  # load the models once
    print("| cluster | sentences | brief without facts (s) | facts (s) | facts / rest |")
    print("|---|---|---|---|---|")
    for label, inputs in cases:
        rest, facts, sentences = [], [], 0
        for _ in range(repeat):
            nlp.clear_cache()  # every run parses from scratch
            b = brief(inputs, settings=settings)
            facts.append(b.timings.get("facts", 0.0))
            rest.append(sum(v for k, v in b.timings.items() if k != "facts"))
            sentences = sum(len(s.sentences) for s in b.sources)
        best_rest, best_facts = min(rest), min(facts)
        print(f"| {label} | {sentences} | {best_rest:.2f} | {best_facts:.2f} | {best_facts / best_rest:.0%} |")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="multinews,multiling", help="comma-separated: multinews, multiling, ecbplus-tune, "
                    "multinews-train-tune (dev: tuned on), ecbplus-test, multinews-train-test (held out)")
    ap.add_argument("--split", choices=["all", "tune", "report"], default="all",
                    help="for the sets in another language (multiling-fr, multiling-cs): clusters M000-M004 (tune) "
                         "or M005-M009 (report)")
    ap.add_argument("--limit", type=int, default=100,
                    help="clusters per set checked for false alarms, besides those planted in (0 = all)")
    ap.add_argument("--stories", type=int, default=0, help="read only the first N clusters of each set (0 = all)")
    ap.add_argument("--plants", type=int, default=2, help="numbers changed per cluster, one run each")
    ap.add_argument("--engine", choices=["brief", "facts"], default="brief")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--floor", type=float, help="the same-fact floor of the quantity conflicts (default: newsfuse's)")
    ap.add_argument("--min-confidence", type=float, default=0.0,
                    help="count a plant found only by a conflict this confident (and alarms only from it)")
    ap.add_argument("--show", type=int, default=0, help="print this many alarms and misses per set")
    ap.add_argument("--per-cluster", action="store_true")
    ap.add_argument("--speed", action="store_true", help="time fact extraction against the rest of the brief")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--save-plants", default="", help="write the plants chosen to this JSON file")
    ap.add_argument("--load-plants", default="",
                    help="plant what a --save-plants file holds instead of choosing: the same plants for two "
                         "versions of newsfuse whose language tables (which the planter reads) differ")
    ap.add_argument("--cache", default="~/.cache/newsfuse/conflicts_eval",
                    help="folder for sentence vectors and parses kept between runs ('' = none)")
    args = ap.parse_args(argv)
    print("command: python " + " ".join(shlex.quote(a) for a in [sys.argv[0], *(argv or sys.argv[1:])]))
    if args.speed:
        speed(args.repeat)
        return
    global MIN_CONFIDENCE
    MIN_CONFIDENCE = args.min_confidence
    if args.floor is not None:
        from newsfuse.compare import quantities
        quantities.SAME_FACT_FLOOR = args.floor
    cache = Path(args.cache).expanduser() if args.cache else None
    run, save = brief_engine(cache) if args.engine == "brief" else (facts_engine(), lambda: None)
    print("| set | clusters | planted | found (as update) | recall | alarms/cluster | alarms >=0.5/cluster | "
          "updates/cluster | clusters with alarms | alarms by kind | s/cluster |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    saved: dict[str, dict[str, list[dict[str, Any]]]] = {}
    loaded = json.loads(Path(args.load_plants).read_text(encoding="utf-8")) if args.load_plants else None
    for name in args.sets.split(","):
        fixed = None if loaded is None else \
            {cid: [Plant(**p) for p in plants] for cid, plants in loaded.get(name, {}).items()}
        rows = evaluate(name, load(name, args.stories, args.split), run, args.seed, args.limit, args.plants, fixed)
        save()
        report(name, rows, args.show, args.per_cluster)
        saved[name] = {r.cluster: [asdict(p) for p in r.plants] for r in rows}
    if args.save_plants:
        Path(args.save_plants).write_text(json.dumps(saved, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

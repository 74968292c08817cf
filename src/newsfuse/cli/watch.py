"""`newsfuse watch`: follow feeds, OPML lists, URL lists and pages, polling them every `--every`
(or `--once`), storing and grouping what is new. Thin: settings, the signal handlers, the loop and
the lines it prints; a cycle is `newsfuse.watch.cycle`.

A first SIGINT or SIGTERM stops cleanly: no new source is started, what was read is stored and the
sources' states recorded, then the command exits 0. A second SIGINT abandons the current chunk (the
store keeps every chunk committed before it).
"""

from __future__ import annotations

import re
import signal
import threading
import time
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import typer

from newsfuse.cli._common import EXIT_NOTHING, command, err, fail, fail_on, status_line, warn
from newsfuse.config import DEFAULT_CONFIG_PATH
from newsfuse.errors import ConfigError, NewsfuseError

_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def duration(text: str) -> float:
    """Seconds in "30s", "10m", "1h", "1d" or a bare number of seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not match:
        raise ConfigError(f"--every must be a duration like 30s, 10m or 1h, got {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


@command("watch")
def watch_command(
    sources: Annotated[list[str], typer.Argument(metavar="SOURCES", help="Feed URLs, page URLs, OPML lists, URL lists "
                                                                       "(.urls), local feed files.")],
    db: Annotated[Path, typer.Option("--db", help="The story store (SQLite); created when missing.")],
    every: Annotated[str | None, typer.Option(help="Time between cycles: 30s, 10m, 1h.", show_default="10m")] = None,
    once: Annotated[bool, typer.Option("--once", help="One cycle, then exit.")] = False,
    ignore_robots: Annotated[bool, typer.Option("--ignore-robots", help="Do not obey robots.txt.")] = False,
    allow_private: Annotated[bool | None, typer.Option("--allow-private", help="Fetch from private and loopback "
                                                                               "addresses too.",
                                                       show_default="no")] = None,
    host_delay: Annotated[float | None, typer.Option(help="Seconds between two requests to one host.",
                                                     show_default="1")] = None,
    engine: Annotated[str | None, typer.Option(help="local or ray.", show_default="local")] = None,
    workers: Annotated[int | None, typer.Option(help="Processes for the per-article stage.",
                                                show_default="every core")] = None,
    embedder: Annotated[str | None, typer.Option(help="Sentence model for grouping (as for ingest).",
                                                 show_default="the store's, else minilm-onnx")] = None,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress display.",
                                                  show_default="when a terminal")] = None,
    config: Annotated[Path | None, typer.Option(help="A TOML settings file.",
                                                show_default=f"$NEWSFUSE_CONFIG, else {DEFAULT_CONFIG_PATH}")]
    = None,
    wait: Annotated[float, typer.Option(help="Seconds to wait when another ingest is writing to the store.")] = 30.0,
    webhook: Annotated[str | None, typer.Option(help="POST each change a cycle finds (JSON, as `changes --format "
                                                     "json` prints one) to this URL.", show_default="none")] = None,
) -> None:
    """Follow sources: poll them politely (conditional GET, robots.txt), store and group what is new."""
    from newsfuse.config import load_settings
    from newsfuse.engine import make_engine
    from newsfuse.ingest.poll import Poller
    from newsfuse.store import Store
    from newsfuse.watch import cycle
    from newsfuse.webhook import open_webhook

    stop = threading.Event()
    try:
        settings = load_settings(config, watch_every=duration(every) if every is not None else None,
                                 watch_host_delay=host_delay, watch_respect_robots=False if ignore_robots else None,
                                 fetch_allow_private=allow_private, engine_name=engine, engine_workers=workers,
                                 group_embedder=embedder, watch_webhook=webhook)
        hook = open_webhook(settings.watch.webhook, settings.fetch) if settings.watch.webhook else None
        executor = make_engine(settings.engine)
        # Forked now, before any cycle takes the store's writer lock: a worker forked while it is held
        # would keep holding it, and the next cycle would find the store "being written".
        executor.start()
        show = progress if progress is not None else err.is_terminal
        with Store.open(db) as store:
            poller = Poller(settings, store.known)
            previous = _on_stop(stop, poller)
            try:
                number = 0
                totals = [0, 0]  # new articles, errors
                while True:
                    number += 1
                    done = _cycle(cycle, poller, sources, store, executor, settings, show, wait, hook)
                    totals[0] += done.result.new
                    totals[1] += done.counts.errors
                    err.print(f"cycle {number}: {done.line()}", highlight=False)
                    for problem in done.errors[:5]:
                        warn(problem)
                    if once or stop.is_set() or _sleep(settings.watch.every, stop):
                        break
            finally:
                _restore(previous)
                poller.close()
                executor.close()
                if hook is not None:
                    hook.close()
    except NewsfuseError as exc:
        fail_on(exc)
    err.print(f"watched {number:,} cycle(s): {totals[0]:,} new article(s), {totals[1]:,} error(s); "
              f"stories {_stories(db):,} in {db}" + ("; stopped" if stop.is_set() else ""), highlight=False)
    if once and done.counts.sources and done.counts.failed == done.counts.sources:
        fail(f"every source failed (first: {done.errors[0] if done.errors else 'unknown'})")
    if once and not done.counts.sources:
        fail("no source to watch", EXIT_NOTHING)


def _cycle(cycle: Any, poller: Any, sources: list[str], store: Any, executor: Any, settings: Any, show: bool,
           wait: float, webhook: Any) -> Any:
    if not show:
        return cycle(poller, sources, store, executor, settings, wait=wait, webhook=webhook)
    with status_line("polling ...") as show_line:
        started = time.monotonic()

        def polled(c: Any) -> None:
            rate = c.sources / max(time.monotonic() - started, 1e-6)
            left = (poller.total - c.sources) / rate if rate else 0.0
            show_line(f"sources {c.sources:,}/{poller.total:,}  fetched {c.fetched:,}  not modified "
                      f"{c.not_modified:,}  new {c.read:,}  errors {c.errors:,}  "
                      f"{rate:,.1f}/s  ~{left:,.0f} s left  {poller.current[-50:]}")

        def stored(p: Any) -> None:
            show_line(f"storing: read {p.read:,}  new {p.new:,}  duplicates {p.duplicates:,}")

        return cycle(poller, sources, store, executor, settings, on_source=polled, on_progress=stored, wait=wait,
                     webhook=webhook)


def _on_stop(stop: threading.Event, poller: Any) -> dict[int, Any]:
    """First SIGINT/SIGTERM: finish cleanly. Second SIGINT: KeyboardInterrupt (abandon the chunk)."""
    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        poller.stop.set()
        err.print("newsfuse: stopping after what is being read is stored (Ctrl-C again to abandon it)",
                  highlight=False)

    previous: dict[int, Any] = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        previous[signum] = signal.signal(signum, handler)
    return previous


def _restore(previous: dict[int, Any]) -> None:
    for signum, handler in previous.items():
        signal.signal(signum, handler)


def _sleep(seconds: float, stop: threading.Event) -> bool:
    """Wait for the next cycle; True when asked to stop meanwhile."""
    return stop.wait(seconds)


def _stories(db: Path) -> int:
    from newsfuse.store import Store

    with Store.open(db, must_exist=True) as store:
        return store.count_stories()

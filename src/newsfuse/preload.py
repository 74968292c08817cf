"""Load the models a brief needs in the background, from the moment the caller knows its settings.

A cold brief is mostly loading: spaCy (its import and its model, which hold the interpreter lock most
of the time) and the ONNX embedder (onnxruntime's import, then a session built in C++, which lets go of
the lock). Started first, they load while the caller imports the pipeline and reads the articles. Both
loaders are locked and remember what they loaded, so a stage that asks for a model being loaded waits
for that load, and nothing is loaded twice. A load that fails is left for the stage to raise again, with
its message, where the model is needed.

A loading thread imports third-party modules only: newsfuse's own modules are imported by the caller,
never by two threads at once in two orders (which Python reports as an import deadlock).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass

from newsfuse.config import Settings


@dataclass(frozen=True, slots=True)
class Loading:
    """The threads under way; `None` for a model that is not needed or was given."""

    spacy: threading.Thread | None
    embedder: threading.Thread | None


def preload(settings: Settings, *, embedder: bool = True) -> Loading:
    """Start loading spaCy (when facts are on) and the embedder (unless the caller brings its own)."""
    from newsfuse.spare import import_sparing

    embed_thread = None
    if embedder:
        # Started first: a cold English brief waits longest for its sentence vectors (the session, then
        # the embedding), while spaCy's load and parse end before them even when started later.
        from newsfuse.embed import load_embedder

        embed_thread = _start("newsfuse-embedder-load", lambda: load_embedder(settings.embedder,
                                                                              settings.embed_batch))
    spacy_thread = None
    if settings.facts:
        # spaCy's import needs nothing of newsfuse: it starts now, while this thread imports the loader.
        loader_ready = threading.Event()
        loader: list[Callable[[str], object]] = []

        def load_spacy() -> None:
            import_sparing("spacy")
            loader_ready.wait()
            loader[0](settings.spacy_model)

        spacy_thread = _start("newsfuse-spacy-load", load_spacy)
        try:
            from newsfuse.facts.nlp import load_nlp

            loader.append(load_nlp)
        finally:
            loader_ready.set()  # on a failed import the thread finds no loader and stops
    return Loading(spacy_thread, embed_thread)


def _start(name: str, load: Callable[[], object]) -> threading.Thread:
    def run() -> None:
        # A warm-up only: the stage that needs the model loads it again and raises what went wrong.
        with contextlib.suppress(Exception):
            load()

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread

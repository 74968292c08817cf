"""The house rules of the layout (docs/architecture.md), read from the code's own imports.

The import graph is built from the AST of every module under src/newsfuse, imports inside functions
included (a lazy import is still a dependency: it only moves the cost). A test here fails with the
offending import and its line, so a newcomer sees which door they walked through.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsfuse"
MAX_LINES = 700

# The stages compute; the rooms above them (how a run is driven and shown) may import stages, never
# the other way round.
STAGES = ("newsfuse.clean", "newsfuse.text", "newsfuse.lang", "newsfuse.embed", "newsfuse.similarity",
          "newsfuse.claims", "newsfuse.summarize", "newsfuse.editor", "newsfuse.facts", "newsfuse.compare", "newsfuse.stories",
          "newsfuse.ingest", "newsfuse.render")
DRIVERS = ("newsfuse.cli", "newsfuse.web", "newsfuse.engine", "newsfuse.stream", "ray")
# What the store may not know about: it keeps articles and stories, it does not compute them.
PIPELINES = ("newsfuse.pipeline", "newsfuse.stream", "newsfuse.engine", "newsfuse.cli", "newsfuse.web",
             "newsfuse.claims", "newsfuse.summarize", "newsfuse.editor", "newsfuse.facts", "newsfuse.compare", "newsfuse.embed",
             "newsfuse.clean", "newsfuse.ingest")
# `Brief.to_dict()` is a convenience on the record that calls the JSON renderer: the one allowed
# edge from the records to a stage, and so the one allowed cycle.
FACADE = ("newsfuse.types", "newsfuse.render.json")


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    line: int

    def __str__(self) -> str:
        path = module_path(self.source).relative_to(PACKAGE.parent)
        return f"{path}:{self.line}: {self.source} imports {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_path(name: str) -> Path:
    base = PACKAGE.parent.joinpath(*name.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def resolve(name: str) -> str:
    """The module an imported name lives in: `newsfuse.facts.frames` if that is a module, else the
    nearest enclosing module (`from newsfuse.types import Brief` → `newsfuse.types`)."""
    while name and name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def imports(name: str, path: Path) -> Iterator[Edge]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Edge(name, resolve(alias.name), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield Edge(name, resolve(f"{base}.{alias.name}"), node.lineno)


EDGES = [e for n, p in MODULES.items() for e in imports(n, p)]


def within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def offending(sources: tuple[str, ...], targets: tuple[str, ...]) -> list[str]:
    return [str(e) for e in EDGES if within(e.source, sources) and within(e.target, targets)]


def test_the_graph_is_read() -> None:
    # Guards the test itself: a parser that found nothing would pass every rule below.
    assert {"newsfuse.pipeline", "newsfuse.types", "newsfuse.store"} <= set(MODULES)
    assert any(e.source == "newsfuse.pipeline" and e.target == "newsfuse.claims" for e in EDGES)


def test_stages_never_import_the_drivers() -> None:
    assert offending(STAGES, DRIVERS) == []


def test_the_store_imports_no_pipeline() -> None:
    assert offending(("newsfuse.store",), PIPELINES) == []


def test_facts_only_extract() -> None:
    assert offending(("newsfuse.facts",), ("newsfuse.compare",)) == []


def test_records_import_no_stage() -> None:
    allowed = [e for e in EDGES if (e.source, e.target) == FACADE]
    assert offending(("newsfuse.types",), ("newsfuse",)) == [str(e) for e in allowed]


def project_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {n: set() for n in MODULES}
    for e in EDGES:
        if e.target in MODULES and e.target != e.source and (e.source, e.target) != FACADE:
            graph[e.source].add(e.target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert cycles(project_graph()) == []


def test_the_cycle_finder() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}}
    assert cycles(graph) == [["a", "b", "c"]]
    # The facade put back is a real cycle: the exception above is the only one.
    full = project_graph()
    full[FACADE[0]].add(FACADE[1])
    assert any(set(FACADE) <= set(c) for c in cycles(full))


def test_no_module_over_the_limit() -> None:
    sizes = {n: p.read_text(encoding="utf-8").count("\n") for n, p in MODULES.items()}
    assert {n: lines for n, lines in sizes.items() if lines > MAX_LINES} == {}

"""The shape of search/: its imports run one way (no circle), each layer imports only those
below it, and Whoosh's private names stay inside search/backends/whoosh/.

Layers, top down: views and commands; page assembly (search/page/) and index upkeep
(search/upkeep/), side by side and apart; the door (search/backends/) and its Whoosh room
(search/backends/whoosh/); the query language (search/language/). The graph is read from the
source with ``ast`` (every import, also those inside functions), so nothing is run.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from search.backends.whoosh import private

ROOT = Path(__file__).resolve().parents[2]
SEARCH = ROOT / "search"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in sorted(SEARCH.rglob("*.py"))
        if "migrations" not in path.parts
    }


def _imports(path: Path, known: set[str]) -> set[str]:
    """The modules of ``known`` that ``path`` imports (``from a import b``: a.b if b is a
    module, else a)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for name in names:
            if name in known:
                found.add(name)
    # "from a import b" where b is a module counts for b only, not also for a's __init__.
    found -= {name.rpartition(".")[0] for name in found if name.rpartition(".")[0] in found}
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(path, known) - {name} for name, path in modules.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of ``graph``, as a path that ends where it starts, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_search_has_no_import_circle():
    circle = _cycle(_graph())
    assert circle is None, "import circle in search/: " + " -> ".join(circle or [])


def _layer(module: str) -> str:
    for layer in ("search.backends.whoosh", "search.backends", "search.language"):
        if module == layer or module.startswith(layer + "."):
            return layer
    for layer in ("search.page", "search.upkeep"):
        if module == layer or module.startswith(layer + "."):
            return layer
    return "search"


# layer → layers it must never import
NEVER = {
    "search.language": {
        "search.backends",
        "search.backends.whoosh",
        "search.page",
        "search.upkeep",
    },
    "search.backends": {"search.backends.whoosh", "search.page", "search.upkeep"},
    "search.backends.whoosh": {"search.page", "search.upkeep"},
    "search.page": {"search.upkeep", "search.backends.whoosh"},
    "search.upkeep": {"search.page", "search.backends.whoosh"},
}


def test_layers_import_only_downwards():
    wrong = [
        f"{module} -> {target}"
        for module, targets in _graph().items()
        for target in sorted(targets)
        if _layer(target) in NEVER.get(_layer(module), set())
    ]
    assert not wrong, "imports against the layers:\n  " + "\n  ".join(wrong)


# Modules outside the Whoosh room that may import it: the haystack index (its analyzers), the
# app (installs the patches) and the analyzers' old path (a shim for existing indexes).
WHOOSH_NEIGHBOURS = {"search.search_indexes", "search.apps", "search.analysis"}


def test_only_the_door_leads_to_whoosh():
    wrong = [
        f"{module} -> {target}"
        for module, targets in _graph().items()
        if _layer(module) != "search.backends.whoosh" and module not in WHOOSH_NEIGHBOURS
        for target in sorted(targets)
        if _layer(target) == "search.backends.whoosh"
    ]
    assert not wrong, "past the door (use search.backends.backend()):\n  " + "\n  ".join(wrong)


def _private_pattern() -> re.Pattern:
    names = {item.name for item in [*private.ON_CLASSES, *private.ON_INSTANCES]}
    return re.compile(r"\b(?:" + "|".join(re.escape(name) for name in sorted(names)) + r")\b")


def test_private_whoosh_names_stay_in_the_whoosh_room():
    pattern = _private_pattern()
    room = SEARCH / "backends" / "whoosh"
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for folder in ("archive", "search", "bench")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if room not in path.parents and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert not found, "private Whoosh/haystack names outside search/backends/whoosh/:\n  " + (
        "\n  ".join(found)
    )

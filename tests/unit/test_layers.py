"""The package's layers, checked from the source: the core imports no evidence source,
no LSP library and nothing that runs processes; nothing imports a layer above it; and
no two modules import each other in a cycle (imports under TYPE_CHECKING aside)."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PKG = ROOT / "server" / "provmark"
# What each layer may import from provmark, besides itself and the shared top level
# (provmark itself for __version__, and provmark.settings).
ALLOWED = {
    "core": set(),
    "sources": {"core"},
    "batch": {"core", "sources"},
    "pipeline": {"core", "sources", "batch"},  # batch: the content model over a file (style policy)
    # The editor's Provenance view lists and resolves unreviewed records as
    # `provmark review` does (pipeline.review), finding them as the manifest does;
    # the pipeline imports nothing of lsp, so no cycle.
    "lsp": {"core", "sources", "batch", "pipeline"},
    "settings": set(),
}
FORBIDDEN_IN_CORE = {"pygls", "lsprotocol", "watchdog", "subprocess", "multiprocessing", "concurrent"}


def _module(path: Path) -> str:
    parts = path.relative_to(PKG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path: Path) -> set[str]:
    """Modules imported at run time (not under `if TYPE_CHECKING:`)."""
    tree = ast.parse(path.read_text())
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for b in node.body for n in ast.walk(b))
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import; the layers read better absolute"
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def _graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in PKG.rglob("*.py")}
    return {m: {i for i in _imports(p) if i in modules} for m, p in modules.items()}


def test_nothing_imports_a_layer_above_it() -> None:
    wrong = []
    for module, deps in _graph().items():
        layer = _layer(module)
        if layer not in ALLOWED:
            continue  # the top level: cli, __main__, __init__ may use every layer
        for dep in deps:
            target = _layer(dep)
            if target not in ("", "settings", layer) and target not in ALLOWED[layer]:
                wrong.append(f"{module} -> {dep}")
    assert not wrong, wrong


def test_the_core_reads_nothing_and_knows_no_lsp() -> None:
    wrong = [
        f"{_module(p)} -> {i}"
        for p in (PKG / "core").rglob("*.py")
        for i in _imports(p)
        if i.split(".")[0] in FORBIDDEN_IN_CORE
    ]
    assert not wrong, wrong


def test_no_import_cycles() -> None:
    graph = _graph()
    seen: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(m: str, path: list[str]) -> None:
        seen[m] = 1
        for d in sorted(graph[m]):
            if d == m or graph.get(d) is None:
                continue
            assert seen.get(d) != 1, "cycle: " + " -> ".join([*path, m, d])
            if d not in seen:
                visit(d, [*path, m])
        seen[m] = 2

    for m in sorted(graph):
        if m not in seen:
            visit(m, [])

"""The package's import graph, built from the source: no circle, and Qt only under `ui/`.

Every import counts, also one inside a function: an import moved into a function hides a circle
from Python's loader, not from the design. Only imports under `if TYPE_CHECKING:` are left out
(they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "desktop" / "bouncedesk"
QT_ROOTS = ("PySide6", "pyqtgraph", "shiboken6", "pytestqt")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_names(tree: ast.AST, module: str, is_package: bool) -> list[str]:
    """Absolute dotted names each import statement names (`from a import b` gives a.b)."""
    out: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            out.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = module.split(".") if is_package else module.split(".")[:-1]
                pkg = pkg[: len(pkg) - (node.level - 1)]
                base = ".".join([*pkg, base] if base else pkg)
            # `from a import b` is a.b when b is a module, else a (resolved in import_graph).
            out.extend(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return out


def import_graph() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """({module: modules of ours it imports}, {module: third-party roots it imports})."""
    mods = modules()
    edges: dict[str, set[str]] = {m: set() for m in mods}
    external: dict[str, set[str]] = {m: set() for m in mods}
    for mod, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for name in imported_names(tree, mod, path.name == "__init__.py"):
            if name == "bouncedesk" or name.startswith("bouncedesk."):
                # The longest prefix that is one of our modules (`a.b.func` → a.b).
                parts = name.split(".")
                while parts and ".".join(parts) not in mods:
                    parts.pop()
                target = ".".join(parts)
                if target and target != mod and target != "bouncedesk":
                    edges[mod].add(target)
            else:
                external[mod].add(name.split(".")[0])
    return edges, external


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        comp.append(top)
                        if top == node:
                            break
                    if len(comp) > 1:
                        found.append(sorted(comp))
    return found


def test_the_graph_sees_every_module_and_real_edges() -> None:
    edges, external = import_graph()
    assert "bouncedesk.dsn" in edges and len(edges) > 50
    # A known edge of each kind: a plain import, and Qt in the GUI.
    assert any(t.startswith("bouncedesk.dsn") for t in edges["bouncedesk.classify"] | edges["bouncedesk.dsn.parse"])
    assert "PySide6" in external["bouncedesk.ui.mainwindow"]


def test_cycle_finder_finds_a_circle_and_not_a_chain() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_import_circle() -> None:
    edges, _ = import_graph()
    found = cycles(edges)
    assert not found, "import circles:\n" + "\n".join(" ↔ ".join(c) for c in found)


def test_qt_only_under_ui() -> None:
    _, external = import_graph()
    offenders = {
        mod: sorted(roots & set(QT_ROOTS))
        for mod, roots in external.items()
        if roots & set(QT_ROOTS) and not (mod == "bouncedesk.ui" or mod.startswith("bouncedesk.ui."))
    }
    assert not offenders, f"Qt imported outside ui/: {offenders}"

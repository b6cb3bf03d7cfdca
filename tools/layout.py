"""Print the package's layout: a tree with one line per module (its docstring's first sentence), then which
package imports which (imports under ``if TYPE_CHECKING:`` are for annotations only and not counted).

    python tools/layout.py [--root src/newsgraph]

A package is a folder of the package (``store``, ``events``, ...); each top-level module (``document``,
``pipeline``, ...) counts as a package of its own, and ``__init__`` is the package's own ``__init__.py``.
Written for the closing notes of layout changes.
"""

from __future__ import annotations

import argparse
import ast
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1] / "src" / "newsgraph"


class Module(NamedTuple):
    name: str  # dotted, without the package's own name: "store.ingestion", "pipeline", "store" for its __init__
    path: Path
    summary: str


def modules(root: Path = ROOT) -> list[Module]:
    """Every module under ``root``, sorted by path, with its docstring's first sentence."""
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts) or "__init__"
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        found.append(Module(name, path, summary(doc)))
    return found


def summary(doc: str, *, width: int = 110) -> str:
    """A docstring's first sentence (of its first paragraph), cut to ``width`` characters."""
    paragraph = " ".join(doc.strip().split("\n\n")[0].split())
    if not paragraph:
        return "(no docstring)"
    sentence = paragraph.split(". ")[0].rstrip(".") + "."
    return sentence if len(sentence) <= width else sentence[: width - 1].rstrip() + "…"


def tree(root: Path = ROOT) -> list[str]:
    """The package as an indented tree, one line per module and folder."""
    lines = [f"{root.name}/"]
    shown: set[Path] = set()
    for module in modules(root):
        relative = module.path.relative_to(root)
        for depth, folder in enumerate(relative.parents[:-1][::-1]):
            if folder not in shown:
                shown.add(folder)
                lines.append(f"{'  ' * (depth + 1)}{folder.name}/")
        indent = "  " * len(relative.parts)
        lines.append(f"{indent}{relative.name:<{max(4, 28 - len(indent))}} {module.summary}")
    return lines


def package_of(name: str) -> str:
    return name.split(".")[0]


def runtime_imports(path: Path, known: set[str]) -> set[str]:
    """The modules of the package (of ``known``, named as ``Module.name``) a file imports at run time."""
    found: set[str] = set()
    todo: list[ast.AST] = [ast.parse(path.read_text(encoding="utf-8"))]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            todo.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(a.name.removeprefix("newsgraph.") for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("newsgraph"):
            base = (node.module or "").removeprefix("newsgraph").removeprefix(".")
            for alias in node.names:
                target = f"{base}.{alias.name}".lstrip(".")
                found.add(target if target in known else base or "__init__")
        todo.extend(ast.iter_child_nodes(node))
    return found & known


def package_imports(root: Path = ROOT) -> dict[str, set[str]]:
    """Package -> the other packages its modules import at run time."""
    graph: dict[str, set[str]] = defaultdict(set)
    found = modules(root)
    known = {m.name for m in found}
    for module in found:
        source = package_of(module.name)
        graph[source] |= {package_of(t) for t in runtime_imports(module.path, known)} - {source}
    return dict(graph)


def import_lines(root: Path = ROOT) -> list[str]:
    graph = package_imports(root)
    width = max(len(p) for p in graph)
    return [f"{p:<{width}} -> {', '.join(sorted(graph[p])) or '(nothing of the package)'}" for p in sorted(graph)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the package folder (default: src/newsgraph)")
    args = parser.parse_args()
    print("\n".join(tree(args.root)))
    print("\nImports between packages (run time):")
    print("\n".join(import_lines(args.root)))


if __name__ == "__main__":
    main()

"""tools/layout.py, which prints the package's layout for closing notes: every module on a line of its own,
and the imports between packages as the code has them."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT, load_tool

PACKAGE = ROOT / "src" / "newsgraph"


def test_the_tree_lists_every_module_with_its_docstring() -> None:
    layout = load_tool("layout")
    lines = layout.tree(PACKAGE)
    for path in PACKAGE.rglob("*.py"):
        depth = len(path.relative_to(PACKAGE).parts)
        assert any(line.startswith("  " * depth + path.name + " ") for line in lines), path
    assert not [line for line in lines if line.endswith("(no docstring)")]


def test_the_imports_between_packages_are_those_of_the_code(tmp_path: Path) -> None:
    layout = load_tool("layout")
    package = tmp_path / "newsgraph"
    (package / "store").mkdir(parents=True)
    (package / "__init__.py").write_text('"""Root."""\n')
    (package / "document.py").write_text('"""The record."""\n')
    (package / "store" / "__init__.py").write_text('"""The store."""\nfrom newsgraph.store.db import Store\n')
    (package / "store" / "db.py").write_text('"""The database. It opens."""\nfrom typing import TYPE_CHECKING\n'
                                             'from newsgraph.document import Document\n'
                                             'if TYPE_CHECKING:\n    from newsgraph import pipeline\n')
    assert layout.package_imports(package) == {"__init__": set(), "document": set(), "store": {"document"}}
    assert "    db.py" in "\n".join(layout.tree(package)) and "The database." in "\n".join(layout.tree(package))
    real = layout.package_imports(PACKAGE)
    assert real["document"] == set() and real["knowledge"] == set()

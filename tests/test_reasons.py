"""No pass reads a ``reason`` to decide: reasons are words for people (``Mention.via``, ``Actor.via``,
``Event.sides``, ... say it for the code). But for the one migration that fills the typed fields of rows
stored before them (``store/legacy.py``), no module tests an item's ``.reason``: no comparison, no ``in``,
no ``startswith``/``endswith``/``like``/``find``/... on it (the web app and the CLI only show reasons)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsgraph"
#: The migration that reads the reasons of old rows once.
EXEMPT = ("store/legacy.py",)
#: String and SQL methods that answer a question about the text they are called on.
TESTS = {"startswith", "endswith", "like", "ilike", "contains", "find", "rfind", "index", "count", "match",
         "search", "fullmatch", "split", "partition", "rpartition", "__contains__", "in_", "regexp_match"}


def reads_reason(node: ast.AST) -> bool:
    """``x.reason`` (an item's or a row's reason, ``table.c.reason`` too)."""
    return isinstance(node, ast.Attribute) and node.attr == "reason"


def decisions(source: str) -> list[int]:
    """The lines where the code decides on a reason."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(reads_reason(x) for x in [node.left, *node.comparators]):
            lines.append(node.lineno)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            tested = node.func.attr in TESTS and reads_reason(node.func.value)
            matched = node.func.attr in ("match", "search", "fullmatch", "findall") and any(
                reads_reason(a) for a in node.args)
            if tested or matched:
                lines.append(node.lineno)
    return sorted(lines)


def modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py"))
            if not str(p.relative_to(PACKAGE)).startswith(EXEMPT)]


@pytest.mark.parametrize("code", [
    'if m.reason.startswith("name:"): pass',
    'ok = draft.reason.endswith("named in passing")',
    'named = "country from context" in actor.reason',
    'same = p.reason == f"speaker:{noun}"',
    'q = select(A.c.entity).where(A.c.reason.like("ner:%"))',
    'hit = re.search("title:", mention.reason)',
])
def test_a_decision_on_a_reason_is_found(code: str) -> None:
    assert decisions(code) == [1]


@pytest.mark.parametrize("code", [
    'reason = f"{event.reason}:linked"',
    'draft.reason += "; coded from the inventory"',
    'who = Speaker(w.actor, w.cue, w.reason.replace("x", "y"))',
    'if m.via == "name": pass',
])
def test_writing_or_passing_on_a_reason_is_no_decision(code: str) -> None:
    assert decisions(code) == []


def test_no_module_decides_on_a_reason() -> None:
    found = {str(p.relative_to(PACKAGE)): lines for p in modules()
             if (lines := decisions(p.read_text(encoding="utf-8")))}
    assert found == {}

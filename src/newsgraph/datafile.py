"""The project's data files under newsgraph/data: tab-separated rows, comments and blank lines skipped."""

from __future__ import annotations

from importlib.resources import files


def data_rows(name: str) -> list[list[str]]:
    """The rows of ``newsgraph/data/NAME``, each cell stripped of surrounding spaces."""
    text = files("newsgraph.data").joinpath(name).read_text(encoding="utf-8")
    return [[cell.strip() for cell in line.split("\t")]
            for line in text.splitlines() if line.strip() and not line.startswith("#")]


def data_kinds(name: str) -> dict[str, frozenset[str]]:
    """The words of a ``word<TAB>kind`` data file, grouped by kind (a kind no row has is empty)."""
    grouped: dict[str, set[str]] = {}
    for row in data_rows(name):
        if len(row) >= 2:
            grouped.setdefault(row[1], set()).add(row[0])
    return {kind: frozenset(words) for kind, words in grouped.items()}

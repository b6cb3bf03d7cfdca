"""Knowledge: where the stages' data files (lexicons, word lists, gazetteer additions) and models come from.

By default every file is the package's own (``newsgraph/data/NAME``, read with ``importlib.resources``). A
``Knowledge`` can put a file of the user's, or rows given in code, in the place of any one of them, and a
model file in the place of the event scorer (``event_scorer.json``) or linker (``event_linker.json``)::

    knowledge = Knowledge().replacing("demonyms.tsv", rows=[("Gondorian", "GON")], keep=True)
    pipeline = Pipeline(settings, knowledge=knowledge)

A ``Pipeline`` carries its knowledge and makes it the active one while its stages run (``using``). The
loaders read through the active knowledge (``data_rows``, ``data_text``) and keep what they build per
knowledge (``per_knowledge``), so two pipelines with different knowledge in one process never mix tables.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
Rows = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Knowledge:
    """The data files and models a pipeline reads: the package's, but for the ones replaced here.

    files: data file name -> a file of the user's read in its place (a model file for the scorer or linker).
    tables: data file name -> rows (cells as the file's tab-separated cells) used in its place.
    Each keeps the tables its loaders built from it (two equal ones build their own).
    """

    files: tuple[tuple[str, str], ...] = ()
    tables: tuple[tuple[str, Rows], ...] = ()
    #: What the loaders built from this knowledge: (loader, arguments) -> table. Never pickled.
    built: dict[tuple[Any, ...], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def replacing(self, name: str, *, path: str | Path | None = None, rows: Iterable[Sequence[str]] | None = None,
                  keep: bool = False) -> Knowledge:
        """This knowledge with the data file ``name`` read from ``path``, or made of ``rows`` (with ``keep``,
        the rows come after the file's own rows: an extra demonym, a further trigger)."""
        if (path is None) == (rows is None):
            raise ValueError("replace a data file by a path or by rows, not both or neither")
        if path is not None:
            return replace(self, files=(*self._without(self.files, name), (name, str(path))))
        given = tuple(tuple(cell for cell in row) for row in rows or ())
        table = tuple(tuple(r) for r in self.rows(name)) + given if keep else given
        return replace(self, tables=(*self._without(self.tables, name), (name, table)))

    def rows(self, name: str) -> list[list[str]]:
        """The rows of data file ``name``: tab-separated cells stripped of spaces; comments, blanks skipped."""
        table = dict(self.tables).get(name)
        if table is not None:
            return [list(row) for row in table]
        text = self.text(name)
        if text is None:
            raise FileNotFoundError(f"no data file {name!r} in the package or the knowledge given")
        return [[cell.strip() for cell in line.split("\t")]
                for line in text.splitlines() if line.strip() and not line.startswith("#")]

    def text(self, name: str) -> str | None:
        """The text of data file or model ``name``, None where there is none (a model never trained)."""
        given = dict(self.files).get(name)
        if given is not None:
            return Path(given).read_text(encoding="utf-8")
        path = files("newsgraph.data").joinpath(name)
        return path.read_text(encoding="utf-8") if path.is_file() else None

    def names(self) -> list[str]:
        """The data files replaced here."""
        return sorted({name for name, _ in (*self.files, *self.tables)})

    @staticmethod
    def _without(pairs: tuple[tuple[str, Any], ...], name: str) -> tuple[tuple[str, Any], ...]:
        return tuple(p for p in pairs if p[0] != name)

    def __getstate__(self) -> dict[str, Any]:
        return {"files": self.files, "tables": self.tables}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in {**state, "built": {}}.items():
            object.__setattr__(self, name, value)


#: The package's own data files and models.
PACKAGE = Knowledge()
_ACTIVE: ContextVar[Knowledge] = ContextVar("newsgraph_knowledge", default=PACKAGE)


def active() -> Knowledge:
    """The knowledge of the run in progress (the package's outside a pipeline's run)."""
    return _ACTIVE.get()


@contextmanager
def using(knowledge: Knowledge) -> Iterator[Knowledge]:
    """Make ``knowledge`` the active one until the block ends."""
    token = _ACTIVE.set(knowledge)
    try:
        yield knowledge
    finally:
        _ACTIVE.reset(token)


def per_knowledge(loader: Callable[P, R]) -> Callable[P, R]:
    """``loader`` with what it returns kept per active knowledge (and per arguments): built once for each."""

    @functools.wraps(loader)
    def cached(*args: P.args, **kwargs: P.kwargs) -> R:
        built = _ACTIVE.get().built
        key = (loader, args, *kwargs.items())
        try:
            return built[key]
        except KeyError:
            value = built[key] = loader(*args, **kwargs)
            return value

    return cached


def data_rows(name: str) -> list[list[str]]:
    """The rows of data file ``name`` in the active knowledge, each cell stripped of surrounding spaces."""
    return active().rows(name)


def data_kinds(name: str) -> dict[str, frozenset[str]]:
    """The words of a ``word<TAB>kind`` data file, grouped by kind (a kind no row has is empty)."""
    grouped: dict[str, set[str]] = {}
    for row in data_rows(name):
        if len(row) >= 2:
            grouped.setdefault(row[1], set()).add(row[0])
    return {kind: frozenset(words) for kind, words in grouped.items()}


def data_text(name: str) -> str | None:
    """The text of data file or model ``name`` in the active knowledge (None where there is none)."""
    return active().text(name)

"""Export: document records (jsonl), every table (parquet, csv: as the Spark job writes them, and the linked
events), or PLOVER JSON records (newsgraph.store.plover).

Files are written under a temporary name beside their destination and renamed into place once complete, so
a failed export leaves nothing. Every CSV cell that a spreadsheet would read as a formula (it begins with
``= + - @``, a tab or a carriage return: OWASP's list) is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import select

from newsgraph.document import dumps
from newsgraph.store import FORMATS, queries, records, schema
from newsgraph.store.db import Store
from newsgraph.store.plover import plover_records

if TYPE_CHECKING:
    from newsgraph.store.tables import Result

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def documents(store: Store) -> Iterator[dict[str, Any]]:
    """Every stored document record, oldest first."""
    D = schema.documents
    with store.engine.connect() as conn:
        hashes = list(conn.scalars(select(D.c.hash).order_by(D.c.published, D.c.hash)))
        for doc in hashes:
            document = records.read_document(conn, doc)
            if document is not None:
                yield document.to_dict()


def event_rows(store: Store) -> list[dict[str, Any]]:
    """One flat row per linked event, oldest first, with its first report's document, sentence and place."""
    return sorted(queries.events(store, limit=None), key=lambda r: (r["date"] or "", r["id"]))


def table_results(store: Store) -> Iterator[Result]:
    """Every stored document as the Spark job's result tuple, then every recorded failure."""
    D, F = schema.documents, schema.failures
    with store.engine.connect() as conn:
        stored = conn.execute(select(D.c.hash, D.c.origin, D.c.record).order_by(D.c.published, D.c.hash)).all()
        for doc, origin, record in stored:
            document = records.read_document(conn, doc)
            if document is not None:
                yield "document", origin, record, document.to_json()
        for failure in conn.execute(select(F.c.input, F.c.record, F.c.kind, F.c.reason).order_by(F.c.id)):
            yield "failure", failure.input, failure.record, dumps({"kind": failure.kind,
                                                                         "reason": failure.reason})


#: Arrow types for the tables' Spark SQL types.
ARROW_TYPES = {"string": "string", "bigint": "int64", "double": "float64", "boolean": "bool_"}


def write_tables(store: Store, fmt: str, directory: Path, *, excel: bool = False, batch: int = 200) -> int:
    """Every table (documents, actors, events, quotes, figures, failures, as the Spark job writes them, and the
    linked events) under ``directory``: Parquet as DIR/TABLE/part-00000.parquet (what ``load-parquet``
    reads), CSV as DIR/TABLE.csv (``excel``: with a byte order mark). Returns the documents written."""

    directory.mkdir(parents=True, exist_ok=True)
    with staged(directory) as folder, TableWriters(fmt, folder, excel=excel) as writers:
        documents, pending = 0, []
        for result in table_results(store):
            documents += result[0] == "document"
            pending.append(result)
            if len(pending) >= batch:
                writers.write(pending)
                pending = []
        writers.write(pending)
        columns = linked_columns()
        writers.write_rows("linked_events", columns, [tuple(r[name] for name, _ in columns) for r in event_rows(store)])
    return documents


def linked_columns() -> tuple[tuple[str, str], ...]:
    """The linked events' columns with their Spark SQL types (an empty store's table is typed too)."""
    types = {int: "bigint", float: "double", bool: "boolean"}
    return tuple((name, types.get(kind, "string")) for name, kind in queries.event_columns())


@contextmanager
def staged(directory: Path) -> Iterator[Path]:
    """A temporary folder beside ``directory`` whose files move into it when the block ends without error;
    removed, with whatever it holds, when it raises."""
    folder = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=".part", dir=directory.parent))
    try:
        yield folder
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                target = directory / path.relative_to(folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class TableWriters:
    """One writer per table (Parquet or CSV), opened on its first rows."""

    def __init__(self, fmt: str, directory: Path, *, excel: bool = False) -> None:
        self.fmt, self.directory, self.excel = fmt, directory, excel
        self.open: dict[str, Any] = {}
        self.handles: list[IO[str]] = []

    def write(self, results: list[Result]) -> None:
        from newsgraph.store.tables import TABLES, table_rows

        for table, columns in TABLES.items():
            self.write_rows(table, columns, [row for result in results for row in table_rows(table, result)])

    def write_rows(self, table: str, columns: tuple[tuple[str, str], ...], rows: list[tuple[Any, ...]]) -> None:
        if table not in self.open:
            self.open[table] = self._parquet(table, columns) if self.fmt == "parquet" else self._csv(table, columns)
        if self.fmt == "parquet":
            import pyarrow as pa

            writer = self.open[table]
            writer.write_table(pa.Table.from_pylist([dict(zip(writer.schema.names, r, strict=True)) for r in rows],
                                                    schema=writer.schema))
        else:
            self.open[table].writerows([[_cell(v) for v in r] for r in rows])

    def _parquet(self, table: str, columns: tuple[tuple[str, str], ...]) -> Any:
        import pyarrow as pa
        import pyarrow.parquet as pq

        fields = [pa.field(name, pa.list_(pa.string()) if kind == "array<string>" else getattr(pa, ARROW_TYPES[kind])())
                  for name, kind in columns]
        (self.directory / table).mkdir(exist_ok=True)
        return pq.ParquetWriter(self.directory / table / "part-00000.parquet", pa.schema(fields))

    def _csv(self, table: str, columns: tuple[tuple[str, str], ...]) -> Any:
        handle = (self.directory / f"{table}.csv").open("w", encoding="utf-8-sig" if self.excel else "utf-8",
                                                        newline="")
        self.handles.append(handle)
        writer = csv.writer(handle)
        writer.writerow([name for name, _ in columns])
        return writer

    def __enter__(self) -> TableWriters:
        return self

    def __exit__(self, *exc: object) -> None:
        for writer in self.open.values():
            if self.fmt == "parquet":
                writer.close()
        for handle in self.handles:
            handle.close()


def _cell(value: Any) -> Any:
    return dumps(value) if isinstance(value, list | dict) else safe_cell(value)


def export(store: Store, fmt: str, out: IO[str] | Path, *, excel: bool = False) -> int:
    """Write the store in ``fmt``. parquet, and csv to a path: every table under that folder (returns the
    documents); csv to a stream: the linked events; jsonl, plover: one record a line (returns the records).
    ``excel``: CSV starts with a byte order mark, so spreadsheets read it as UTF-8."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "parquet" or (fmt == "csv" and isinstance(out, Path)):
        if not isinstance(out, Path):
            raise ValueError("parquet needs an output folder (-o DIR)")
        return write_tables(store, fmt, out, excel=excel)
    if isinstance(out, Path):
        with replaced(out) as temporary, temporary.open("w", encoding="utf-8", newline="") as handle:
            return export(store, fmt, handle)
    if fmt == "csv":
        if excel:
            out.write("\ufeff")
        return write_csv(event_rows(store), out)
    if fmt == "jsonl":
        return write_jsonl(documents(store), out)
    if fmt == "plover":
        return write_jsonl(plover_records(store), out)
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


@contextmanager
def replaced(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` that replaces it when the block ends without error, and is removed
    when it raises."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def safe_cell(value: Any) -> Any:
    """A CSV cell no spreadsheet runs as a formula: a string that begins with ``= + - @``, a tab or a carriage
    return gets a leading apostrophe (numbers are left as they are)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_jsonl(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    written = 0
    for row in rows:
        out.write(dumps(row) + "\n")
        written += 1
    return written


def write_csv(rows: list[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else [name for name, _ in queries.event_columns()])
    writer.writeheader()
    writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in rows)
    return len(rows)

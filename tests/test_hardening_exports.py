"""Exports under attack (issue 17): evidence and names that a spreadsheet would run as formulas are neutralised
in every CSV written (OWASP's rule: a leading apostrophe before ``= + - @``, tab, carriage return); a failed
export leaves no partial file (and an older file of that name as it was); Parquet of an empty store has the
event table's typed columns."""

from __future__ import annotations

import csv
import importlib
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from newsgraph import store as st
from newsgraph.cli import main
from newsgraph.store.queries import event_columns
from tests.test_store_support import make_document

export_module = importlib.import_module("newsgraph.store.export")  # the package's name `export` is the function
HOSTILE = {"=": '=HYPERLINK("http://evil.example","x")', "@": "@SUM(1+1)", "+": "+Elessar", "-": "-Arnor",
           "\t": "\tTabbed", "\r": "\rReturned"}


@pytest.fixture
def hostile_db(tmp_path: Path) -> str:
    text = (f'{HOSTILE["="]} King Elessar met Arnor envoys. {HOSTILE["@"]} Arnor hosted King Elessar. '
            "Gondor and Arnor agreed")
    document = make_document(text, published="3019-03-04",
                              actors=[("a1", HOSTILE["+"], "person", "GON", ["King Elessar"]),
                                      ("a2", HOSTILE["-"], "country", "ARN", ["Arnor"]),
                                      ("a3", HOSTILE["\t"], "country", "GON", ["Gondor"])],
                              events=[("met", "CONSULT", "a1", "a2", "3019-03-03", 1, 1.0),
                                      ("hosted", "CONSULT", "a2", "a1", "3019-03-02", 1, 1.0),
                                      ("agreed", "AGREE", "a3", "a2", "3019-03-01", 1, -5.0)])
    db = str(tmp_path / "hostile.db")
    opened = st.connect(db)
    st.store_document(opened, document, origin="test")
    opened.close()
    return db


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def assert_neutralised(text: str) -> None:
    found = cells(text)
    assert not [c for c in found if c[:1] in "=+-@\t\r" and not number(c)], found
    quoted = {c for c in found if c.startswith("'")}
    assert quoted, found
    assert all(c[1:2] in "=+-@\t\r" for c in quoted), quoted


def test_export_csv_neutralises_formula_cells(hostile_db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--db", hostile_db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert_neutralised(written)
    assert f"'{HOSTILE['=']}".replace('"', '""') in written and "'@SUM(1+1)" in written
    assert "'+Elessar" in written and "'-Arnor" in written
    assert ",-5.0," in written  # numbers are data, not formulas: left as they are


def test_events_command_csv_neutralises_formula_cells(hostile_db: str) -> None:
    result = CliRunner().invoke(main, ["events", "--format", "csv", "--db", hostile_db])
    assert result.exit_code == 0, result.output
    assert_neutralised(result.stdout)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "plover", "parquet"])
def test_a_failed_export_leaves_no_partial_file_and_keeps_the_old_one(hostile_db: str, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      fmt: str) -> None:
    def broken(*args: object) -> int:
        target = args[-1]
        if isinstance(target, Path):
            target.write_bytes(b"PAR1 half")
        else:
            target.write("half a record")  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    for name in ("write_csv", "write_jsonl", "write_parquet"):
        monkeypatch.setattr(export_module, name, broken)
    out = tmp_path / "out" / f"events.{fmt}"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--db", hostile_db, "-o", str(out)])
    assert result.exit_code == 1 and "No space left on device" in result.output
    assert list(out.parent.iterdir()) == []
    out.write_text("an older export", encoding="utf-8")
    CliRunner().invoke(main, ["export", "--format", fmt, "--db", hostile_db, "-o", str(out)])
    assert list(out.parent.iterdir()) == [out] and out.read_text(encoding="utf-8") == "an older export"


def test_parquet_of_an_empty_store_has_the_typed_columns(tmp_path: Path) -> None:
    db, out = str(tmp_path / "empty.db"), tmp_path / "events.parquet"
    st.connect(db).close()
    result = CliRunner().invoke(main, ["export", "--format", "parquet", "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows == 0
    assert table.schema.names == [name for name, _ in event_columns()]
    types = dict(zip(table.schema.names, table.schema.types, strict=True))
    assert (types["id"], types["intensity"], types["negated"], types["date"]) == (
        pa.int64(), pa.float64(), pa.bool_(), pa.string())
    assert pa.null() not in table.schema.types


def test_parquet_of_a_store_keeps_those_types(hostile_db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    result = CliRunner().invoke(main, ["export", "--format", "parquet", "--db", hostile_db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(out)
    assert table.num_rows == 3 and table.schema.field("intensity").type == pa.float64()

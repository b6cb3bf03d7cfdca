"""Exports: PLOVER JSON records valid against the schema written from the manual; every table as Parquet
(read back with pyarrow and DuckDB, loaded back into a store) and CSV (with a BOM for spreadsheets)."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph import store as st
from newsgraph.cli import main
from newsgraph.document import Failure, Figure
from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_inputs
from newsgraph.store import plover as plover_module
from newsgraph.store.tables import TABLES, load_parquet
from tests.test_store_support import make_document, spanned

TEXT = ("Clash at the border\n"
        "Arnorian troops attacked Rohan riders in Nairobi on Monday, killing 4 people. "
        "Medics said 11 people were injured. "
        "\"We will answer,\" said Eomer Eadig.")
TABLE_NAMES = ("documents", "actors", "events", "quotes", "figures", "failures", "linked_events")


def schema_validator() -> Any:
    import jsonschema

    schema = json.loads(resources.files("newsgraph").joinpath("schema/plover.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def assert_valid(records: list[dict[str, Any]]) -> None:
    validator = schema_validator()
    problems = [f"{r['id']}: {e.message} at {list(e.path)}" for r in records for e in validator.iter_errors(r)]
    assert not problems, problems[:5]


@pytest.fixture
def store(tmp_path: Path) -> st.Store:
    opened = st.connect(tmp_path / "news.db")
    document = make_document(TEXT, url="https://news.example/clash", outlet="Herald", published="2020-11-03",
                             actors=[("a1", "Arnor", "country", "ARN", ["Arnorian"]),
                                     ("a2", "Rohan", "country", "ROH", ["Rohan"]),
                                     ("a3", "Eomer Eadig", "person", "ROH", ["Eomer Eadig"]),
                                     ("a4", "Nairobi", "location", "KEN", ["Nairobi"])],
                             events=[("attacked", "ASSAULT", "a1", "a2", "2020-11-02", 4, -9.0),
                                     ("answer", "THREATEN", "a3", None, "2020-11", 3, -4.0)],
                             quotes=[("We will answer,", "a3")])
    document.events[0].evidence = "Arnorian troops attacked Rohan riders in Nairobi on Monday, killing 4 people."
    document.actors[2].roles = ["commander"]
    document.actors[0].sector = "MIL"
    document.figures = [Figure(*spanned(TEXT, "4 people"), id="f1", value=4.0, unit="people", what="killed"),
                        Figure(*spanned(TEXT, "11 people"), id="f2", value=11.0, unit="people", what="injured")]
    st.store_document(opened, document)
    return opened


def plover(store: st.Store) -> list[dict[str, Any]]:
    out = io.StringIO()
    st.export(store, "plover", out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_plover_records_follow_the_manual(store: st.Store) -> None:
    records = plover(store)
    assert_valid(records)
    attack = next(r for r in records if r["event"] == ["ASSAULT"])
    assert attack["actor"] == [{"code": "ARN", "sector": "MIL", "entity_text": "Arnor", "identifier_text": "Arnor"}]
    assert attack["recipient"][0]["code"] == "ROH"
    assert (attack["date"], attack["quad_code"], attack["event_scale"]) == ("2020-11-02", 4, -9.0)
    assert (attack["event_loc"]["resolved_place"], attack["event_loc"]["country_code"]) == ("Nairobi", "KEN")
    assert attack["dead"] == 4 and "injured" not in attack  # the injured are counted in another sentence
    assert attack["cite_info"]["url"] == "https://news.example/clash"
    assert (attack["cite_info"]["publication"], attack["cite_info"]["language"]) == ("Herald", "en")
    info = attack["text_info"]
    assert TEXT[info["start"]:info["end"]] == attack["event_text"][0] and info["sequence"] == 2
    threat = next(r for r in records if r["event"] == ["THREATEN"])
    assert plover_module._day("2020-11") == (None, "date known only as 2020-11")
    assert threat["actor"][0]["office"] == "commander" and threat["recipient"] == []


def test_the_schema_refuses_what_the_manual_does_not_allow(store: st.Store) -> None:
    record = plover(store)[0]
    validator = schema_validator()
    for broken in ({**record, "actor": "Arnor"}, {**record, "event": ["ATTACK"]}, {**record, "date": "2 Nov 2020"},
                   {k: v for k, v in record.items() if k != "id"}, {**record, "quad_code": 5}):
        assert list(validator.iter_errors(broken)), broken


def test_parquet_export_holds_every_table(store: st.Store, tmp_path: Path) -> None:
    import duckdb
    import pyarrow.parquet as pq

    assert st.export(store, "parquet", tmp_path / "out") == 1
    for table in TABLE_NAMES:
        read = pq.read_table(tmp_path / "out" / table)
        if table in TABLES:
            assert read.column_names == [name for name, _ in TABLES[table]]
    events = pq.read_table(tmp_path / "out" / "events").to_pylist()
    assert {(e["type"], e["url"], e["outlet"], e["place"]) for e in events} == {
        ("ASSAULT", "https://news.example/clash", "Herald", "Nairobi"),
        ("THREATEN", "https://news.example/clash", "Herald", "Nairobi")}
    figures = duckdb.sql(f"SELECT what, value, evidence FROM read_parquet('{tmp_path}/out/figures/*.parquet') "
                         "ORDER BY value").fetchall()
    assert figures[1] == ("injured", 11.0, "Medics said 11 people were injured.")
    reloaded = st.connect(tmp_path / "again.db")
    assert load_parquet(reloaded, tmp_path / "out").new == 1
    assert len(st.events(reloaded)) == 2


def test_csv_export_writes_every_table_and_a_bom_for_spreadsheets(store: st.Store, tmp_path: Path) -> None:
    st.export(store, "csv", tmp_path / "csv", excel=True)
    assert sorted(p.stem for p in (tmp_path / "csv").iterdir()) == sorted(TABLE_NAMES)
    raw = (tmp_path / "csv" / "quotes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    [quote] = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert (quote["text"], quote["title"], quote["published"]) == ("We will answer,", "Clash at the border",
                                                                   "2020-11-03")
    st.export(store, "csv", tmp_path / "plain")
    assert not (tmp_path / "plain" / "quotes.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_cli_export_needs_a_folder_for_parquet(store: st.Store, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--db", store.url.removeprefix("sqlite:///"), "--format", "parquet"])
    assert result.exit_code == 2 and "parquet" in result.output
    result = CliRunner().invoke(main, ["export", "--db", store.url.removeprefix("sqlite:///"), "--format", "csv",
                                       "--excel"])
    assert result.exit_code == 0 and result.stdout.startswith("\ufeff")


@pytest.mark.slow
def test_plover_export_of_the_dev_articles_is_valid(shared: Path, pipeline: Pipeline, tmp_path: Path) -> None:
    store = st.connect(tmp_path / "dev.db")
    articles = sorted(str(p) for p in (shared / "gold").glob("*/article.txt"))
    for item in pipeline.run_many(read_inputs(articles)):
        assert not isinstance(item, Failure), item
        st.store_document(store, item[1])
    records = plover(store)
    assert len(records) > 20
    assert_valid(records)
    placed = [r for r in records if r["event_loc"]]
    assert len(placed) / len(records) >= 0.6

"""Queries that read what is asked in any common form, say in one line what is wrong, and carry provenance."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph import store as st
from newsgraph.cli import main
from newsgraph.cli.common import table
from newsgraph.document import Figure
from newsgraph.store import filters
from tests.test_store_support import make_document, spanned

TEXT = ("Turkey and Cyprus talk\n"
        "Turkish envoys met Cypriot ministers in Nicosia. "
        "\"We will talk again,\" the envoy said. "
        "Police said 12 people were injured in clashes.")


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "news.db")
    store = st.connect(path)
    document = make_document(TEXT, url="https://news.example/talks", outlet="Herald", published="2020-11-03",
                             actors=[("a1", "Turkey", "country", "TUR", ["Turkish"]),
                                     ("a2", "Cyprus", "country", "CYP", ["Cypriot"]),
                                     ("a3", "the envoy", "person", "TUR", ["the envoy"]),
                                     ("a4", "Nicosia", "location", "CYP", ["Nicosia"])],
                             events=[("met", "CONSULT", "a1", "a2", "2020-11-02", 1, 1.0)],
                             quotes=[("We will talk again,", "a3")])
    document.figures = [Figure(*spanned(TEXT, "12 people"), id="f1", value=12.0, unit="people", what="injured")]
    st.store_document(store, document)
    store.close()
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.mark.parametrize("query", [
    ["events", "--since", "2020-11-01"], ["events", "--since", "2020/11/01"], ["events", "--since", "1 Nov 2020"],
    ["events", "--until", "3 November 2020"], ["events", "--country", "Turkey"], ["events", "--country", "Turkish"],
    ["events", "--country", "TR"], ["events", "--country", "cyp"], ["events", "--type", "consult"],
    ["events", "--quad", "verbal cooperation"], ["events", "--quad", "1"],
])
def test_common_forms_find_the_event(db: str, query: list[str]) -> None:
    code, output = run(*query, "--db", db, "--format", "json")
    assert code == 0, output
    assert [e["type"] for e in json.loads(output)] == ["CONSULT"]


@pytest.mark.parametrize(("query", "message"), [
    (["events", "--since", "2020-13-01"], "--since: '2020-13-01' is not a date"),
    (["events", "--until", "the day after"], "--until: 'the day after' is not a date"),
    (["events", "--type", "ATTACK"], "--type: 'ATTACK' is not a PLOVER event type; use one of AGREE, CONSULT"),
    (["events", "--quad", "5"], "--quad: '5' is not a quad class; use one of 1 (verbal cooperation)"),
    (["events", "--country", "Narnia"], "--country: 'Narnia' is no country known"),
    (["dyad", "CYP", "Narnia"], "dyad: no actor or country known as 'Narnia'"),
])
def test_each_bad_query_exits_2_with_one_line(db: str, query: list[str], message: str) -> None:
    code, output = run(*query, "--db", db)
    assert code == 2
    assert len(output.strip().splitlines()) == 1 and message in output


@pytest.mark.parametrize("command", [["events"], ["quotes"], ["figures"], ["actor", "Turkey"], ["dyad", "A", "B"],
                                     ["search", "talk"], ["export"], ["check"]])
def test_read_commands_on_a_missing_store_create_nothing(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "typo.db"
    code, output = run(*command, "--db", str(missing))
    assert (code, output.strip()) == (2, f"Error: no store at {missing}")
    assert not missing.exists()


def test_dyad_sides_are_states_by_name_demonym_or_code(db: str) -> None:
    for a, b in (("TUR", "CYP"), ("Turkey", "Cyprus"), ("Turkish", "CY")):
        code, output = run("dyad", a, b, "--db", db, "--format", "json")
        assert code == 0 and json.loads(output)[0]["verbal_coop"] == 1, (a, b, output)


def test_relative_dates_count_from_today() -> None:
    assert filters.day("last week") == (date.today() - timedelta(days=7)).isoformat()


PROVENANCE = {"doc", "url", "outlet", "title", "published", "evidence"}


@pytest.mark.parametrize("command", ["events", "quotes", "figures"])
def test_rows_carry_their_document_and_sentence(db: str, command: str) -> None:
    code, output = run(command, "--db", db, "--format", "json")
    assert code == 0, output
    [row] = json.loads(output)
    assert set(row) >= PROVENANCE
    assert (row["url"], row["outlet"], row["title"], row["published"]) == (
        "https://news.example/talks", "Herald", "Turkey and Cyprus talk", "2020-11-03")
    sentences = {"events": "Turkish envoys met Cypriot ministers in Nicosia",
                 "quotes": "\"We will talk again,\" the envoy said.",
                 "figures": "Police said 12 people were injured in clashes."}
    assert sentences[command] in row["evidence"]
    output = run(command, "--db", db, "--format", "csv")[1]
    assert set(next(csv.DictReader(io.StringIO(output)))) >= PROVENANCE


def test_events_carry_their_place(db: str) -> None:
    [row] = json.loads(run("events", "--db", db, "--format", "json")[1])
    assert (row["place"], row["place_country"]) == ("Nicosia", "CYP") and 35 < row["lat"] < 36


def test_table_aligns_columns_and_cuts_long_cells() -> None:
    assert table([{"a": "x", "bb": "y" * 80}, {"a": "long one", "bb": None}], width=5).splitlines() == [
        "a     bb", "x     yyyyy", "long"]

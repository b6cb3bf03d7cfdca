"""The load benchmark on a small synthetic store: its bulk load keeps the store consistent, and --json reports."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import false, select

from benchmarks import store_load
from newsgraph import store as st
from newsgraph.store import schema, summary


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "load.db"
    store = st.connect(path)
    store_load.load(store, 3_000)
    store.close()
    return path


def test_bulk_load_builds_a_summary_that_matches_the_events(loaded: Path) -> None:
    store = st.connect(loaded)
    with store.engine.connect() as conn:
        assert list(summary.mismatches(conn)) == []
        L = schema.linked_events
        months = Counter(d[:7] for d in conn.scalars(select(L.c.date).where(
            L.c.source_entity.in_([1, 2]), L.c.target_entity.in_([1, 2]), L.c.source_entity != L.c.target_entity,
            L.c.negated == false())))
    rows = st.dyad(store, "Actor 1", "Actor 2", by="month")
    store.close()
    assert {r["period"]: r["events"] for r in rows} == dict(months)
    assert sum(months.values()) > 100


def test_benchmark_prints_one_json_line_with_every_query(loaded: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "argv", ["store_load.py", "--db", str(loaded), "--runs", "1", "--json"])
    store_load.main()
    [line] = capsys.readouterr().out.splitlines()
    report = json.loads(line)
    assert report["events"] == 3_000
    assert {q["query"].split()[0] for q in report["queries"]} == {"dyad", "events"}
    assert all(q["max_ms"] >= 0 and q["cli_max_ms"] >= 0 for q in report["queries"])
    assert report["worst_ms"] == max(max(q["max_ms"], q["cli_max_ms"]) for q in report["queries"])

"""The Spark job (local mode): the same documents and events as a local run, and its output loads into the store."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph import store as st
from newsgraph.cli import main
from newsgraph.document import Document, Failure
from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_inputs
from newsgraph.store.tables import TABLES, read_results
from tests.test_scale import feed

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("pyspark") is None,
                       reason="pyspark is not installed (pip install -e '.[spark]'): the Spark job is not tested"),
    pytest.mark.skipif(shutil.which("java") is None,
                       reason="no java on the PATH (Spark needs Java 17+): the Spark job is not tested"),
]


def local_documents(pipeline: Pipeline, path: Path) -> dict[str, Document]:
    return {r[1].hash: r[1] for r in pipeline.run_many(read_inputs([str(path)])) if not isinstance(r, Failure)}


def test_spark_job_matches_a_local_run_and_loads_into_the_store(pipeline: Pipeline, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = feed(tmp_path / "feed.jsonl", 9, bad_line=4)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["spark", str(path), str(out), "--master", "local[2]", "--partitions", "3"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "8 document(s), 1 failed" in result.stderr
    expected = local_documents(pipeline, path)
    events = pq.read_table(out / "events").to_pylist()
    assert sorted(e["id"] for e in events) == sorted(e.id for d in expected.values() for e in d.events)
    assert events and len(events) == sum(len(d.events) for d in expected.values())
    spark_docs = {d.hash: d for d, _origin, _record in (r for r in read_results(out) if not isinstance(r, Failure))}
    assert {h: d.to_json() for h, d in spark_docs.items()} == {h: d.to_json() for h, d in expected.items()}
    [failure] = pq.read_table(out / "failures").to_pylist()
    assert (failure["input"], failure["record"]) == (str(path), "line 5")
    for table, columns in TABLES.items():
        assert pq.read_schema(next((out / table).glob("*.parquet"))).names == [name for name, _ in columns]
    db = f"sqlite:///{tmp_path / 'store.db'}"
    for run, summary in enumerate(("8 new, 0 changed, 0 unchanged, 1 failed", "0 new, 0 changed, 8 unchanged")):
        loaded = CliRunner().invoke(main, ["load-parquet", "--db", db, "--quiet", str(out)])
        assert loaded.exit_code == 1 and summary in loaded.output, (run, loaded.output)
    store = st.connect(db)
    assert {json.loads(line)["hash"] for line in _exported(store)} == set(expected)
    assert st.check(store) == []
    store.close()


def _exported(store: st.Store) -> list[str]:
    import io

    buffer = io.StringIO()
    st.export(store, "jsonl", buffer)
    return buffer.getvalue().splitlines()

"""Ingest with the real pipeline: failures recorded, re-runs idempotent, a killed run completed by a re-run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from newsgraph import clean
from newsgraph import store as st
from newsgraph.cli import main
from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_inputs
from newsgraph.store import schema
from tests.test_store_support import db_url, postgres_database, postgres_server, store, wait_until

__all__ = ["db_url", "postgres_database", "postgres_server", "store"]  # fixtures used below


def article(n: int) -> dict[str, str]:
    return {"id": f"r{n}", "url": f"https://news.example/{n}", "published": "3019-03-04",
            "title": f"Council {n} meets",
            "text": f"The council of Gondor met envoys of Arnor in Osgiliath for round {n}. Talks went on."}


def write_feed(path: Path, size: int, *, bad_line: int | None = None) -> Path:
    lines = [json.dumps(article(n)) for n in range(size)]
    if bad_line is not None:
        lines[bad_line] = '{"text": "unterminated'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def stored(store: st.Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.scalars(select(schema.documents.c.record_id).order_by(schema.documents.c.record_id)))


def test_one_bad_record_among_100(store: st.Store, pipeline: Pipeline, tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 100, bad_line=41)
    report = st.ingest(store, read_inputs([str(feed)]), pipeline)
    assert (report.new, len(report.failures)) == (99, 1)
    assert len(stored(store)) == 99
    with store.engine.connect() as conn:
        [failure] = conn.execute(select(schema.failures)).mappings().all()
    assert (failure["input"], failure["record"]) == (str(feed), "line 42")
    again = st.ingest(store, read_inputs([str(feed)]), pipeline)
    assert (again.new, again.changed, again.unchanged, len(again.failures)) == (0, 0, 99, 1)
    assert st.check(store) == []


def test_ingest_cleans_each_text_once(store: st.Store, pipeline: Pipeline, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 3)
    cleaned: list[str] = []
    real = clean.clean

    def counting(text: str) -> tuple[str, list[clean.SetAside]]:
        cleaned.append(text)
        return real(text)

    monkeypatch.setattr(clean, "clean", counting)
    assert st.ingest(store, read_inputs([str(feed)]), pipeline).new == 3
    assert len(cleaned) == 3  # hashed and extracted from the one cleaned text
    assert st.ingest(store, read_inputs([str(feed)]), pipeline).unchanged == 3
    assert len(cleaned) == 6


def test_changed_article_is_reported_changed(store: st.Store, pipeline: Pipeline, tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 3)
    st.ingest(store, read_inputs([str(feed)]), pipeline)
    edited = article(1) | {"text": "The council of Gondor met envoys of Arnor again. Talks ended."}
    feed.write_text("\n".join(json.dumps(a) for a in (article(0), edited, article(2))) + "\n", encoding="utf-8")
    report = st.ingest(store, read_inputs([str(feed)]), pipeline)
    assert (report.new, report.changed, report.unchanged) == (0, 1, 2)
    assert stored(store) == ["r0", "r1", "r2"]


def test_killed_ingest_is_completed_by_a_rerun(db_url: str, tmp_path: Path) -> None:
    size = 60
    feed = write_feed(tmp_path / "feed.jsonl", size)
    command = [sys.executable, "-c", "from newsgraph.cli import main; main()", "ingest", "--quiet", "--db", db_url,
               str(feed)]
    opened = st.connect(db_url)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_until(lambda: len(stored(opened)) >= 5, timeout=120), "ingest stored nothing in time"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    assert 5 <= len(stored(opened)) < size
    assert st.check(opened) == []
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert stored(opened) == sorted(f"r{n}" for n in range(size))
    with opened.engine.connect() as conn:
        assert conn.execute(select(func.count(func.distinct(schema.documents.c.url)))).scalar() == size
    assert st.check(opened) == []
    opened.close()


def test_cli_ingest_query_export_check(db_url: str, tmp_path: Path) -> None:
    feed = write_feed(tmp_path / "feed.jsonl", 3)
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", "--db", db_url, str(feed)])
    assert first.exit_code == 0, first.output
    assert "3 new, 0 changed, 0 unchanged, 0 failed" in first.output
    second = runner.invoke(main, ["ingest", "--db", db_url, str(feed)])
    assert "0 new, 0 changed, 3 unchanged, 0 failed" in second.output
    found = runner.invoke(main, ["search", "--db", db_url, "--format", "json", "Osgiliath round 2"])
    assert [hit["doc"] for hit in json.loads(found.output)] == [json.loads(
        runner.invoke(main, ["export", "--db", db_url, "--format", "jsonl"]).output.splitlines()[2])["hash"]]
    assert runner.invoke(main, ["check", "--db", db_url]).exit_code == 0
    for command in (["events"], ["quotes"], ["dyad", "Gondor", "Arnor"], ["actor", "Gondor"]):
        for fmt in ("table", "csv", "json"):
            result = runner.invoke(main, [*command, "--db", db_url, "--format", fmt])
            crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
            assert not crashed, (command, fmt, result.output)


def test_cli_reports_bad_input_and_exits_non_zero(db_url: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", "--db", db_url, str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert "0 new, 0 changed, 0 unchanged, 1 failed" in result.output


@pytest.mark.parametrize("db", ["postgresql://nobody@127.0.0.1:1/none", "mysql+nodriver://x/y"])
def test_unreachable_store_is_a_clear_error(db: str) -> None:
    result = CliRunner().invoke(main, ["check", "--db", db])
    assert result.exit_code == 1
    assert "cannot open store" in result.output

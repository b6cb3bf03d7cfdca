"""The web load test, short: 20 concurrent clients for a few seconds on `newsgraph serve` over a small
synthetic store (benchmarks/store_load.py), with no errors, and 80 clients pasting articles beside them,
which the dashboard outlasts. The full run is benchmarks/web_load.py."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import pytest

from benchmarks import store_load, web_load
from newsgraph import store as st


def test_twenty_clients_get_dashboard_document_and_dyad_without_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "load.db")
    store_load.load(st.connect(db), 5_000)
    rows = web_load.run(db, clients=20, seconds=4, max_requests=3_000)
    assert [r["endpoint"] for r in rows] == ["dashboard", "document", "dyad api"]
    for row in rows:
        assert row["errors"] == 0, row
        assert row["requests"] >= 5, row


def test_eighty_pasting_clients_do_not_starve_the_dashboard(tmp_path: Path) -> None:
    """Pastes run one at a time in a worker process of their own, the rest are refused (429) before their body
    is read: the dashboard stays answered (it took 19.6 s at p95 when pastes held the request threads; the
    300 ms target of the full run is for a machine not shared with other work)."""
    db = str(tmp_path / "load.db")
    store_load.load(st.connect(db), 5_000)
    dashboard, paste = web_load.run(db, clients=10, seconds=15, max_requests=100_000, only=["dashboard"], pastes=80)
    assert dashboard["errors"] == 0 and paste["errors"] == 0, (dashboard, paste)
    assert paste["requests"] >= 1 and paste["refused"] >= 80, paste
    assert dashboard["requests"] >= 100 and dashboard["p95_ms"] < 2_000, dashboard


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (.ci/run installs Debian's wrk)")
def test_wrk_holds_twenty_connections_on_each_page_without_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "load.db")
    store_load.load(st.connect(db), 5_000)
    rows = web_load.run(db, clients=20, seconds=2, max_requests=0, client="wrk")
    assert [r["endpoint"] for r in rows] == ["dashboard", "document", "dyad api"]
    for row in rows:
        assert row["errors"] == 0, row
        assert row["requests"] >= 20, row
        assert 0 < row["p50_ms"] <= row["p95_ms"] <= row["max_ms"], row


@pytest.mark.parametrize("load", [
    lambda: asyncio.run(web_load.hammer("http://example.org", {"x": "/"}, clients=1, seconds=1, max_requests=1)),
    lambda: web_load.wrk("http://example.org", {"x": "/"}, clients=1, seconds=1),
])
def test_the_load_clients_refuse_any_host_but_loopback(load: Any) -> None:
    with pytest.raises(ValueError, match=r"only targets 127\.0\.0\.1"):
        load()

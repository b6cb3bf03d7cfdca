"""The web load test, short: 20 concurrent clients for a few seconds on `newsgraph serve` over a small
synthetic store (benchmarks/store_load.py), with no errors. The full run is benchmarks/web_load.py."""

from __future__ import annotations

import asyncio
from pathlib import Path

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


def test_the_load_client_refuses_any_host_but_loopback() -> None:
    with pytest.raises(ValueError, match=r"only targets 127\.0\.0\.1"):
        asyncio.run(web_load.hammer("http://example.org", {"x": "/"}, clients=1, seconds=1, max_requests=1))

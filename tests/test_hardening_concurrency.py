"""Concurrent writers and readers: two `newsgraph ingest` processes on one SQLite store, four on one
PostgreSQL database, all ingesting the same articles at once; and the web app answering while an ingest
writes. Every document must end up stored exactly once, the store must pass `newsgraph check`, and no
process may fail."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx
import pytest

from newsgraph import store as st
from newsgraph.store import schema
from tests.test_hardening_support import count, failures, ingest, record_ids, served, write_feed
from tests.test_store_support import postgres_database, postgres_server, store_url

__all__ = ["postgres_database", "postgres_server"]  # fixtures used through store_url

ARTICLES = 40


@pytest.mark.parametrize(("backend", "writers"), [("sqlite", 2), ("postgresql", 4)])
def test_concurrent_ingests_store_every_document_exactly_once(backend: str, writers: int, tmp_path: Path,
                                                              request: pytest.FixtureRequest) -> None:
    numbers = list(range(ARTICLES))
    feeds = [write_feed(tmp_path / f"feed{k}.jsonl", numbers[k:] + numbers[:k] if k % 2 else numbers[::-1])
             for k in range(writers)]
    with store_url(backend, request, tmp_path) as url:
        processes = [subprocess.Popen(ingest(url, feed), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                     for feed in feeds]
        outputs = [p.communicate(timeout=900) for p in processes]
        for process, (_, err) in zip(processes, outputs, strict=True):
            assert process.returncode == 0, err[-2000:]
        summaries = [out.strip().splitlines()[-1] for out, _ in outputs]
        new = sum(int(s.split("newsgraph: ", 1)[1].split(" new")[0]) for s in summaries)
        assert new == ARTICLES, summaries
        opened = st.connect(url)
        try:
            assert record_ids(opened) == [f"r{n:04d}" for n in numbers]
            assert failures(opened) == []
            assert st.check(opened) == []
        finally:
            opened.close()


def test_the_web_app_serves_reads_while_an_ingest_writes(tmp_path: Path) -> None:
    db = str(tmp_path / "live.db")
    st.connect(db).close()
    feed = write_feed(tmp_path / "feed.jsonl", list(range(ARTICLES)))
    seen: list[int] = []
    with served(db) as url, httpx.Client(base_url=url, timeout=30) as client:
        writer = subprocess.Popen(ingest(db, feed), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        while writer.poll() is None:
            for path in ("/", "/api/summary", "/api/documents?limit=5", "/api/events?limit=5", "/search?q=Gondor"):
                response = client.get(path)
                assert response.status_code == 200, (path, response.text[:300])
            seen.append(client.get("/api/summary").json()["counts"]["documents"])
            time.sleep(0.05)
        assert writer.returncode == 0, writer.stderr.read() if writer.stderr else ""
        assert client.get("/api/summary").json()["counts"]["documents"] == ARTICLES
    assert seen == sorted(seen), "a reader saw the store go backwards"
    assert len(set(seen)) >= 2, f"no read happened while the ingest wrote: {seen}"
    opened = st.connect(db)
    assert count(opened, schema.documents) == ARTICLES and st.check(opened) == []
    opened.close()

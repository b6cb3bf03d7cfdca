"""Shared pieces of the hardening tests: feeds of articles written for the tests, `newsgraph` subprocesses
(ingest, serve) and waiting for a server on a loopback port."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import func, select

from newsgraph import store as st
from newsgraph.store import schema

NEWSGRAPH = [sys.executable, "-c", "from newsgraph.cli import main; main()"]


def article(n: int) -> dict[str, str]:
    """A short article about fictional states; its text (so its hash) differs with ``n``."""
    return {"id": f"r{n:04d}", "url": f"https://news.example/{n}", "published": "3019-03-04",
            "title": f"Council {n} meets",
            "text": (f"The council of Gondor met envoys of Arnor in Osgiliath for round {n}. "
                     f"King Elessar accused Rohan of hoarding grain, officials said on Tuesday.")}


def write_feed(path: Path, numbers: list[int]) -> Path:
    path.write_text("".join(json.dumps(article(n)) + "\n" for n in numbers), encoding="utf-8")
    return path


def ingest(db: str, *inputs: Path) -> list[str]:
    return [*NEWSGRAPH, "ingest", "--quiet", "--db", db, *map(str, inputs)]


def record_ids(store: st.Store) -> list[str]:
    """The record ids of the stored documents, repeats kept, sorted."""
    with store.engine.connect() as conn:
        return sorted(conn.scalars(select(schema.documents.c.record_id)))


def failures(store: st.Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.scalars(select(schema.failures.c.reason)))


def count(store: st.Store, table: object) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def served(db: str, *extra: str, timeout: float = 90.0) -> Iterator[str]:
    """`newsgraph serve` on a free loopback port in a subprocess; yields its base URL, stops it after."""
    port = free_port()
    process = subprocess.Popen([*NEWSGRAPH, "serve", "--db", db, "--port", str(port), *extra],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while not _answers(url):
            if process.poll() is not None or time.monotonic() > deadline:
                err = process.stderr.read().decode(errors="replace") if process.stderr else ""
                raise AssertionError(f"newsgraph serve did not start: {err[-800:]}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:  # requests still running past the grace period
            process.kill()
            process.wait()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url + "/api/summary", timeout=5).status_code == 200
    except httpx.TransportError:
        return False

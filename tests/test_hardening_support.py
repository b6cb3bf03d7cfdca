"""Shared pieces of the hardening tests: feeds of articles written for the tests, `newsgraph` subprocesses
(ingest), and `served`, the load benchmark's own way of starting `newsgraph serve` on a loopback port."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sqlalchemy import func, select

from benchmarks.web_load import serving as served  # noqa: F401  (the hardening tests start serve this way)
from newsgraph import store as st
from newsgraph.store import schema

#: The base URL of a test client: the app answers only to the names it serves (127.0.0.1, localhost).
LOCAL = "http://127.0.0.1"
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

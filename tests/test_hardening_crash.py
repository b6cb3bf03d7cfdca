"""Crash safety: `newsgraph ingest` killed with SIGKILL at random points, again and again, leaves a store
that `newsgraph check` passes and that a re-run completes; a full disk (the ingest's files size-limited with
RLIMIT_FSIZE) and a read-only database give a one-line error and no partial document."""

from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph import store as st
from newsgraph.cli import main
from tests.test_hardening_support import ingest, record_ids, write_feed
from tests.test_store_support import wait_until

ARTICLES = 60
KILLS = int(os.environ.get("NEWSGRAPH_CRASH_KILLS", "5"))


def stored_count(db: str) -> int:
    opened = st.connect(db, migrate=False)
    try:
        return len(record_ids(opened))
    except Exception:  # the store's tables may not exist yet (killed during its creation)
        return 0
    finally:
        opened.close()


def checked(db: str) -> list[str]:
    """Record ids stored, after asserting that `newsgraph check` passes and nothing is stored twice."""
    result = CliRunner().invoke(main, ["check", "--db", db])
    assert result.exit_code == 0, result.output
    opened = st.connect(db)
    ids = record_ids(opened)
    opened.close()
    assert len(ids) == len(set(ids)), "a document was stored twice"
    return ids


def kill_at_random(command: list[str], db: str, rng: random.Random) -> str:
    """Start the ingest, wait until a random number of documents are stored (0: during start-up and
    migrations) plus a random fraction of a second, then SIGKILL it. Returns where it was killed."""
    before = stored_count(db) if Path(db).exists() else 0
    target = before + rng.randint(0, 12)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if target > before:
            wait_until(lambda: stored_count(db) >= target or process.poll() is not None, timeout=180)
        time.sleep(rng.uniform(0, 0.4 if target > before else 6.0))
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    return f"after {target - before} new document(s)" if target > before else "during start-up"


def test_ingest_killed_at_random_points_leaves_a_sound_store_that_a_rerun_completes(tmp_path: Path) -> None:
    db = str(tmp_path / "killed.db")
    feed = write_feed(tmp_path / "feed.jsonl", list(range(ARTICLES)))
    rng = random.Random(int(os.environ.get("NEWSGRAPH_CRASH_SEED", "8")))
    counts = []
    for _ in range(KILLS):
        kill_at_random(ingest(db, feed), db, rng)
        counts.append(len(checked(db)))
    # On a fast machine the last runs may finish before their kill: what matters is that every kill left a
    # sound store, that the first one left work undone, and that a re-run completes.
    assert counts == sorted(counts) and counts[0] < ARTICLES, counts
    rerun = subprocess.run(ingest(db, feed), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert checked(db) == [f"r{n:04d}" for n in range(ARTICLES)]


def size_limited(limit: int) -> None:
    """In the child: files may not grow past ``limit`` bytes (writes fail with EFBIG, as on a full disk)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_full_disk_stops_the_ingest_with_one_line_and_no_partial_document(tmp_path: Path) -> None:
    db = str(tmp_path / "full.db")
    feed = write_feed(tmp_path / "feed.jsonl", list(range(200)))
    st.connect(db).close()
    full = subprocess.run(ingest(db, feed), capture_output=True, text=True, timeout=600,
                          preexec_fn=lambda: size_limited(Path(db).stat().st_size + 400_000))
    assert full.returncode == 1
    assert full.stderr.strip() == "Error: cannot write to the store: disk I/O error"
    kept = checked(db)
    assert 0 < len(kept) < 200
    rerun = subprocess.run(ingest(db, feed), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert len(checked(db)) == 200


@pytest.mark.parametrize("bad_input", [False, True])
def test_a_read_only_database_gives_one_line_and_stores_nothing(tmp_path: Path, bad_input: bool) -> None:
    path = tmp_path / "ro.db"
    st.connect(path).close()
    feed = tmp_path / "feed.jsonl"
    write_feed(feed, [1, 2])
    if bad_input:
        feed.write_text('{"text": 3}\n' + feed.read_text(encoding="utf-8"), encoding="utf-8")
    db = f"sqlite:///file:{path}?mode=ro&uri=true"
    result = subprocess.run(ingest(db, feed), capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: cannot write to the store: attempt to write a readonly database"
    assert checked(str(path)) == []

"""A store on read-only media (issue 17): its folder is bind-mounted read-only in a private mount namespace
(``unshare``: no root needed), where SQLite can make neither a journal nor the write-ahead log's index.
Every read command and ``serve`` read it (``mode=ro``, ``immutable=1``), with no traceback."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from benchmarks.web_load import free_port
from newsgraph import store as st
from tests.test_store_support import full_document

NEWSGRAPH = f"{shlex.quote(sys.executable)} -c 'from newsgraph.cli import main; main()'"


def namespaces_work() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(not namespaces_work(), reason="unshare -rm (user and mount namespaces) is not "
                                                              "available here: no read-only mount to test on")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding a store of one document, as ingest leaves it (write-ahead log mode)."""
    opened = st.connect(tmp_path / "news.db")
    st.store_document(opened, full_document(), origin="test")
    opened.close()
    return tmp_path


def read_only(folder: Path, command: str) -> list[str]:
    """``command`` (a shell line) run where ``folder`` is mounted read-only."""
    where = shlex.quote(str(folder))
    return ["unshare", "-rm", "sh", "-c", f"mount --bind -o ro {where} {where} && exec {command}"]


@pytest.mark.parametrize("args", [
    "events", "events --format csv", "actor Elessar", "quotes", "dyad Elessar Arnor", "search together",
    "export --format jsonl", "export --format plover",
])
def test_read_commands_read_a_store_on_read_only_media(folder: Path, args: str) -> None:
    db = shlex.quote(str(folder / "news.db"))
    done = subprocess.run(read_only(folder, f"{NEWSGRAPH} {args} --db {db}"), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and any(word in done.stdout for word in ("Elessar", "together", "3019-03"))
    written = subprocess.run(read_only(folder, f"touch {shlex.quote(str(folder / 'x'))}"), capture_output=True)
    assert written.returncode != 0  # the mount is read-only indeed


def test_writing_to_a_store_on_read_only_media_fails_in_one_line(folder: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed.txt"
    feed.write_text("Envoys meet\n\nGondor met Arnor in Osgiliath on Monday.\n")
    db = shlex.quote(str(folder / "news.db"))
    done = subprocess.run(read_only(folder, f"{NEWSGRAPH} ingest --quiet --workers 1 --db {db} {feed}"),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("Error: ")


@pytest.fixture
def serving(folder: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    db = shlex.quote(str(folder / "news.db"))
    process = subprocess.Popen(read_only(folder, f"{NEWSGRAPH} serve --db {db} --port {port}"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx.get(url + "/favicon.ico", timeout=2)
            break
        except httpx.TransportError:
            time.sleep(0.2)
    yield url, process
    process.terminate()
    process.wait(timeout=30)


def test_serve_reads_a_store_on_read_only_media(serving: tuple[str, subprocess.Popen[str]]) -> None:
    url, process = serving
    assert process.poll() is None, process.stderr.read() if process.stderr else ""
    summary = httpx.get(url + "/api/summary", timeout=30)
    assert summary.status_code == 200 and summary.json()["counts"]["documents"] == 1
    assert httpx.get(url + "/", timeout=30).status_code == 200
    process.terminate()
    _, errors = process.communicate(timeout=30)
    assert "Traceback" not in errors


def test_a_private_server_on_read_only_media_refuses_to_start_in_one_line(folder: Path) -> None:
    db = shlex.quote(str(folder / "news.db"))
    done = subprocess.run(read_only(folder, f"{NEWSGRAPH} serve --private --db {db}"), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "--private keeps sign-in sessions" in done.stderr.strip().splitlines()[-1]

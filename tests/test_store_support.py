"""Shared pieces of the store tests: the backends (SQLite, PostgreSQL) and documents written for the tests.

PostgreSQL: the server named by ``NEWSGRAPH_TEST_POSTGRES`` (``.ci/run`` starts one and sets it), else a
throw-away cluster started here from the installed PostgreSQL binaries; the PostgreSQL cases are skipped,
with the reason, only where neither is possible.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph import store as st
from newsgraph.document import Actor, Document, Event, Figure, Mention, Quote, SetAside, Span, TimeExpr

ENV = "NEWSGRAPH_TEST_POSTGRES"
BACKENDS = ["sqlite", "postgresql"]
#: A throw-away test server need not survive a crash.
FAST = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user(args: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return args
    runuser = shutil.which("runuser")
    if runuser is None:
        raise RuntimeError("running as root and runuser is missing: cannot start PostgreSQL as 'postgres'")
    return [runuser, "-u", "postgres", "--", *args]


@contextlib.contextmanager
def temporary_cluster() -> Iterator[str]:
    """Start a PostgreSQL cluster in a temporary directory on a loopback port; yields its URL."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError("no PostgreSQL server binaries (apt-get install postgresql)")
    base = Path(tempfile.mkdtemp(prefix="newsgraph-pg-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    data, port = base / "data", _free_port()
    run = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run(_as_server_user([initdb, "-D", str(data), "-A", "trust", "-U", "postgres"]), **run)
    subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-l", str(base / "log"), "-w", "-o",
                                    f"-p {port} -k {base} -c listen_addresses=127.0.0.1 {FAST}", "start"]), **run)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "stop"]), capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The admin URL of a PostgreSQL server for the tests."""
    if os.environ.get(ENV):
        yield os.environ[ENV]
        return
    try:
        with temporary_cluster() as url:
            yield url
    except (RuntimeError, OSError, subprocess.SubprocessError) as e:
        detail = getattr(e, "stderr", b"") or b""
        pytest.skip(f"PostgreSQL tests skipped: {ENV} is not set and no server could be started here "
                    f"({e} {detail.decode(errors='replace')[-300:]})")


@pytest.fixture(scope="session")
def postgres_database(postgres_server: str) -> Iterator[str]:
    """A database of its own for this test run on the server; dropped at the end."""
    import psycopg

    name = f"ng_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield postgres_server.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def emptied(url: str) -> str:
    """The database at ``url`` with nothing in it."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return url


@contextlib.contextmanager
def store_url(backend: str, request: pytest.FixtureRequest, tmp: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield str(tmp / f"store-{uuid.uuid4().hex[:8]}.db")
        return
    yield emptied(request.getfixturevalue("postgres_database"))


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A --db value for an empty store on each backend."""
    with store_url(request.param, request, tmp_path) as url:
        yield url


@pytest.fixture
def store(db_url: str) -> Iterator[st.Store]:
    opened = st.connect(db_url)
    yield opened
    opened.close()


def wait_until(predicate: object, *, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(predicate) and predicate():
            return True
        time.sleep(0.05)
    return False


# Documents written for the tests (fictional people and places).

def spanned(text: str, piece: str, *, after: int = 0) -> tuple[int, int, str]:
    start = text.index(piece, after)
    return start, start + len(piece), piece


def make_document(text: str, *, url: str | None = None, outlet: str | None = None, published: str | None = None,
                  actors: list[tuple[str, str, str, str | None, list[str]]] = (),  # type: ignore[assignment]
                  events: list[tuple[str, str, str | None, str | None, str | None, int | None, float | None]] = (),  # type: ignore[assignment]
                  quotes: list[tuple[str, str | None]] = ()) -> Document:  # type: ignore[assignment]
    """A document with consistent offsets: actors (id, name, kind, country, mention texts),
    events (trigger, type, source, target, date, quad, intensity), quotes (text, speaker)."""
    doc = Document(text=text, url=url, outlet=outlet, published=published, title=text.split("\n")[0])
    for actor_id, name, kind, country, surfaces in actors:
        mentions = [Mention(*spanned(text, s), reason="test") for s in surfaces]
        doc.actors.append(Actor(id=actor_id, name=name, kind=kind, country=country, mentions=mentions,
                                roles=["leader"] if kind == "person" else [], reason="test"))
    for n, (trigger, type_, source, target, day, quad, intensity) in enumerate(events):
        start, end, piece = spanned(text, trigger)
        sentence = next(s for s in text.split(". ") if trigger in s)
        doc.events.append(Event(id=f"e{n}", type=type_, source=source, target=target, trigger=Span(start, end, piece),
                                evidence=sentence, date=day, quad=quad, intensity=intensity, reason="test"))
    for n, (quoted, speaker) in enumerate(quotes):
        doc.quotes.append(Quote(*spanned(text, quoted), id=f"q{n}", speaker=speaker, reason="test"))
    return doc


def full_document() -> Document:
    """One document with every kind of item."""
    text = ("Gondor and Arnor sign a pact\nPHOTO: the signing\n"
            "King Elessar of Gondor met Arnor envoys on 3 March and pledged 40 ships. "
            "\"We stand together,\" Elessar said.")
    doc = make_document(text, url="https://news.example/pact", outlet="Minas Tirith Herald", published="3019-03-04",
                        actors=[("a1", "Elessar", "person", "GON", ["King Elessar", "Elessar"]),
                                ("a2", "Arnor", "country", "ARN", ["Arnor"])],
                        events=[("met", "CONSULT", "a1", "a2", "3019-03-03", 1, 1.0)],
                        quotes=[("We stand together,", "a1")])
    doc.set_aside = [SetAside(*spanned(text, "PHOTO: the signing"), kind="caption", reason="test")]
    doc.dates = [TimeExpr(*spanned(text, "3 March"), id="t1", value="3019-03-03", reason="test")]
    doc.figures = [Figure(*spanned(text, "40 ships"), id="f1", value=40.0, unit="ship", reason="test")]
    doc.events[0].spans = [Span(*spanned(text, "pledged"))]
    doc.model = "test"
    return doc

"""The web attacks that got through the first hardening (issue 17): DNS rebinding (any Host accepted), CSRF
(a cross-site form POST to /paste and a ``text/plain`` JSON POST to /api/extract stored documents), pastes
holding the request threads, slow and aborted bodies logged as long tracebacks, HEAD / refused, impossible
dates accepted, and U+202E reversing what a page shows."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsgraph import store as st
from newsgraph.document import Document
from newsgraph.pipeline import Pipeline
from newsgraph.readers import RawDocument
from newsgraph.store import users
from newsgraph.web import WebSettings, create_app
from tests.test_hardening_support import LOCAL, count, served
from tests.test_store_support import make_document

ARTICLE = "Norway signed a trade agreement with Finland on Monday, officials said.\n"


@pytest.fixture
def writable(tmp_path: Path, pipeline: Pipeline) -> Iterator[FastAPI]:
    app = create_app(WebSettings(db=str(tmp_path / "w.db"), allow_writes=True), pipeline=pipeline)
    yield app
    app.state.store.close()


def documents(app: FastAPI) -> int:
    return count(app.state.store, st.schema.documents)


def editor(app: FastAPI) -> TestClient:
    """A client signed in as an editor (storing a paste needs one)."""
    users.add_user(app.state.store, "ed", "editor", "correct horse battery")
    client = TestClient(app, base_url=LOCAL)
    form = client.get("/signin").text
    token = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    assert client.post("/signin", data={"name": "ed", "password": "correct horse battery", "csrf": token},
                       follow_redirects=False).status_code == 303
    return client


# ---------------------------------------------------------------- hosts


@pytest.mark.parametrize(("base", "status"), [
    ("http://127.0.0.1:8000", 200), ("http://localhost", 200), ("http://LOCALHOST:1", 200),
    ("http://attacker.example", 400), ("http://127.0.0.1.attacker.example", 400), ("http://[::1]:8000", 400),
])
def test_only_the_served_names_are_answered(writable: FastAPI, base: str, status: int) -> None:
    response = TestClient(writable, base_url=base).get("/api/summary")
    assert response.status_code == status
    if status == 400:
        assert "unknown host" in response.text


def test_serve_host_adds_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from click.testing import CliRunner

    from newsgraph.cli import main

    started: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: started.update(app=app, **options))
    db = str(tmp_path / "s.db")
    st.connect(db).close()
    result = CliRunner().invoke(main, ["serve", "--db", db, "--host", "news.internal"])
    assert result.exit_code == 0, result.output
    assert started["app"].state.settings.hosts == ("127.0.0.1", "localhost", "news.internal")
    assert started["timeout_keep_alive"] == 5
    assert TestClient(started["app"], base_url="http://news.internal:8000").get("/").status_code == 200
    assert TestClient(started["app"], base_url="http://other.internal").get("/").status_code == 400


def test_a_rebinding_page_cannot_read_a_served_store(tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    opened = st.connect(db)
    st.store_document(opened, make_document("Gondor met Arnor envoys. They talked."), origin="test")
    opened.close()
    with served(db) as url:
        assert httpx.get(url + "/api/summary", timeout=30).status_code == 200
        rebound = httpx.get(url + "/api/summary", headers={"Host": "attacker.example"}, timeout=30)
    assert rebound.status_code == 400 and "documents" not in rebound.text


# ---------------------------------------------------------------- CSRF


@pytest.mark.parametrize("headers", [{"Origin": "http://attacker.example"}, {"Referer": "https://attacker.example/x"},
                                     {"Origin": "null"}, {}])
def test_a_cross_site_form_post_stores_nothing(writable: FastAPI, headers: dict[str, str]) -> None:
    client = editor(writable)  # a signed-in editor's browser, sent there by another site
    response = client.post("/paste", data={"text": ARTICLE, "store": "1"}, headers=headers)
    assert response.status_code == 403
    assert documents(writable) == 0


def test_a_text_plain_json_post_is_refused(writable: FastAPI) -> None:
    client = editor(writable)
    response = client.post("/api/extract", content=f'{{"text": "{ARTICLE.strip()}", "store": true}}',
                           headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert documents(writable) == 0


def test_a_json_post_that_stores_needs_the_token(writable: FastAPI) -> None:
    client = editor(writable)
    body = {"text": ARTICLE, "store": True}
    assert client.post("/api/extract", json=body).status_code == 403
    assert client.post("/api/extract", json=body, headers={"X-CSRF-Token": "guess"}).status_code == 403
    assert documents(writable) == 0
    token = client.get("/api/csrf").json()["token"]
    assert client.post("/api/extract", json=body, headers={"X-CSRF-Token": token}).json()["stored"]
    assert documents(writable) == 1


def test_the_paste_form_carries_the_token_and_works_same_site(writable: FastAPI) -> None:
    client = editor(writable)
    form = client.get("/paste").text
    token = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    page = client.post("/paste", data={"text": ARTICLE, "store": "1", "csrf": token},
                       headers={"Origin": LOCAL, "Referer": LOCAL + "/paste"})
    assert page.status_code == 200 and "Extracted and stored (new)" in page.text
    assert documents(writable) == 1


# ---------------------------------------------------------------- the paste pool


class Held:
    """A pipeline stand-in whose runs wait until released (and count how many ran at once)."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.running = 0
        self.most = 0
        self.threads: set[str] = set()

    def run(self, raw: RawDocument, *, max_seconds: float | None = None) -> Document:
        self.running += 1
        self.most = max(self.most, self.running)
        self.threads.add(threading.current_thread().name)
        self.release.wait(30)
        self.running -= 1
        return Document(text=raw.text, title=raw.title)


async def paste(client: httpx.AsyncClient, text: str) -> httpx.Response:
    return await client.post("/api/extract", json={"text": text})


def test_pastes_wait_in_their_own_pool_and_a_full_queue_is_refused(tmp_path: Path) -> None:
    held = Held()
    app = create_app(WebSettings(db=str(tmp_path / "p.db"), allow_writes=True, paste_queue=2),
                     pipeline=held)  # type: ignore[arg-type]

    async def scenario() -> tuple[list[int], int, float]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=LOCAL) as client:
            waiting = [asyncio.create_task(paste(client, f"Article {n} text.")) for n in range(2)]
            await asyncio.sleep(0.3)
            refused = await paste(client, "One too many.")
            began = time.perf_counter()
            dashboard = await client.get("/api/summary")
            took = time.perf_counter() - began
            assert dashboard.status_code == 200
            held.release.set()
            return [r.status_code for r in await asyncio.gather(*waiting)], refused.status_code, took

    done, refused, took = asyncio.run(scenario())
    app.state.extractor.close()
    app.state.store.close()
    assert done == [200, 200] and refused == 429
    assert took < 2.0  # the dashboard is answered while the pastes wait
    assert held.most == 1 and all(name.startswith("newsgraph-paste") for name in held.threads)


def test_a_paste_over_its_time_budget_is_refused_in_one_line(tmp_path: Path, pipeline: Pipeline) -> None:
    st.connect(str(tmp_path / "b.db")).close()
    app = create_app(WebSettings(db=str(tmp_path / "b.db"), paste_seconds=0.001), pipeline=pipeline)
    response = TestClient(app, base_url=LOCAL).post("/api/extract", json={"text": ARTICLE})
    app.state.store.close()
    assert response.status_code == 422
    assert "extraction stopped after 0.001 s" in response.json()["detail"]


# ---------------------------------------------------------------- slow and aborted bodies


def test_a_slow_body_is_cut_off(tmp_path: Path) -> None:
    st.connect(str(tmp_path / "s.db")).close()
    app = create_app(WebSettings(db=str(tmp_path / "s.db"), body_seconds=0.5))

    async def trickle() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        await asyncio.sleep(2)
        yield b'Gondor met Arnor."}'

    async def scenario() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=LOCAL) as client:
            return await client.post("/api/extract", content=trickle(), headers={"content-type": "application/json"})

    began = time.perf_counter()
    response = asyncio.run(scenario())
    app.state.store.close()
    assert response.status_code == 408 and time.perf_counter() - began < 1.9


def test_a_client_that_goes_away_is_logged_in_one_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    st.connect(str(tmp_path / "d.db")).close()
    app = create_app(WebSettings(db=str(tmp_path / "d.db")))
    messages = iter([{"type": "http.request", "body": b'{"text": "Gon', "more_body": True},
                     {"type": "http.disconnect"}])
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return next(messages)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/extract", "raw_path": b"/api/extract", "query_string": b"", "root_path": "",
             "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/json")],
             "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000)}
    with caplog.at_level(logging.WARNING):
        asyncio.run(app(scope, receive, send))  # type: ignore[arg-type]
    app.state.store.close()
    [record] = [r for r in caplog.records if "went away" in r.getMessage()]
    assert record.getMessage() == "client went away during POST /api/extract after 13 bytes"
    assert record.exc_info is None and "\n" not in record.getMessage()


# ---------------------------------------------------------------- small ones


@pytest.fixture
def hostile_store(tmp_path: Path) -> Iterator[tuple[TestClient, Document]]:
    text = "Gondor \u202emet Arnor\u202c envoys. They talked."
    document = make_document(text, actors=[("a1", "Gon\u202edor", "country", "GON", ["Gondor"])])
    db = str(tmp_path / "h.db")
    opened = st.connect(db)
    st.store_document(opened, document, origin="test")
    opened.close()
    app = create_app(WebSettings(db=db))
    yield TestClient(app, base_url=LOCAL), document
    app.state.store.close()


def test_head_of_the_dashboard_is_answered_without_a_body(hostile_store: tuple[TestClient, Document]) -> None:
    client, _ = hostile_store
    response = client.head("/")
    assert response.status_code == 200 and response.content == b""
    assert response.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/api/events?since=2024-13-45", "/api/network?until=2024-02-30",
                                  "/network?since=2024-00", "/api/events?until=0000"])
def test_impossible_dates_are_refused(hostile_store: tuple[TestClient, Document], path: str) -> None:
    client, _ = hostile_store
    response = client.get(path)
    assert response.status_code == 400 and "is not a date of the calendar" in response.text


@pytest.mark.parametrize("path", ["/api/events?since=2024-02-29", "/network?since=2024-12"])
def test_real_dates_are_taken(hostile_store: tuple[TestClient, Document], path: str) -> None:
    client, _ = hostile_store
    assert client.get(path).status_code == 200


def test_bidi_overrides_are_shown_not_obeyed(hostile_store: tuple[TestClient, Document]) -> None:
    client, document = hostile_store
    for path in ("/", f"/documents/{document.hash}", "/search?q=talked", "/actor?name=Gondor"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "\u202e" not in page.text and "\u202c" not in page.text, path
    assert "[U+202E]met Arnor[U+202C]" in client.get(f"/documents/{document.hash}").text


def test_a_pasted_lone_surrogate_is_answered(tmp_path: Path, pipeline: Pipeline) -> None:
    db = str(tmp_path / "u.db")
    st.connect(db).close()
    app = create_app(WebSettings(db=db), pipeline=pipeline)
    client = TestClient(app, base_url=LOCAL)
    body = '{"text": "Kenya \\ud800 met Uganda on Monday."}'
    record = client.post("/api/extract", content=body, headers={"content-type": "application/json"})
    assert record.status_code == 200 and record.json()["document"]["text"] == "Kenya \ufffd met Uganda on Monday."
    app.state.store.close()
    page = app.state.templates.get_template("error.html").render(status=422, message="Kenya \ud800 met", api=None)
    assert "Kenya \ufffd met" in page  # what UTF-8 cannot encode is replaced on pages

"""Signing in and correcting through the web app: who may write, with which proofs, and what they see."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph import store as st
from newsgraph.store import users
from newsgraph.web import WebSettings, create_app
from tests.test_corrections import HASH, STORY, story
from tests.test_hardening_support import LOCAL

PASSWORD = "correct horse battery"
CORRECTION = f"/documents/{HASH}/corrections"
API_CORRECTION = f"/api/documents/{HASH}/corrections"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    store = st.connect(path)
    st.store_document(store, story(), origin="test")
    for name, role in (("ann", "editor"), ("rita", "reader"), ("adam", "admin")):
        users.add_user(store, name, role, PASSWORD)
    store.close()
    return path


def client_for(db: Path, **settings: Any) -> Iterator[TestClient]:
    app = create_app(WebSettings(db=str(db), **{"allow_writes": True, **settings}))
    with TestClient(app, base_url=LOCAL, follow_redirects=False) as client:
        yield client
    app.state.store.close()


@pytest.fixture()
def client(db: Path) -> Iterator[TestClient]:
    yield from client_for(db)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> Any:
    page = client.get("/signin").text
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token is not None
    return client.post("/signin", data={"name": name, "password": password, "csrf": token.group(1),
                                        "next": f"/documents/{HASH}"})


def csrf_of(client: TestClient) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(f"/documents/{HASH}").text)
    assert found is not None
    return found.group(1)


def reject(client: TestClient, csrf: str | None) -> Any:
    form = {"kind": "reject_event", "item": "e2", "comment": "not an accusation"}
    return client.post(CORRECTION, data=form if csrf is None else {**form, "csrf": csrf})


def event_types(client: TestClient) -> list[str]:
    return [e["type"] for e in client.get(f"/api/documents/{HASH}").json()["events"]]


@pytest.mark.parametrize(("method", "url", "body", "status"), [
    ("post", CORRECTION, {"data": {"kind": "reject_event", "item": "e2"}}, 401),
    ("post", API_CORRECTION, {"json": {"kind": "reject_event", "target": "e2"}}, 401),
    ("post", "/api/extract", {"json": {"text": STORY, "store": True}}, 401),
    ("post", "/paste", {"data": {"text": STORY, "store": "1"}}, 403),  # the paste form's CSRF token comes first
    ("post", "/signout", {"data": {}}, 401),
    ("get", "/admin/audit", {}, 401),
    ("get", "/api/audit", {}, 401),
])
def test_every_write_and_the_audit_need_a_session_or_token(client: TestClient, method: str, url: str,
                                                          body: dict[str, Any], status: int) -> None:
    assert getattr(client, method)(url, **body).status_code == status
    assert getattr(client, method)(url, headers={"Authorization": "Bearer ng_forged"}, **body).status_code == status
    assert event_types(client) == ["AGREE", "ACCUSE", "CONSULT"]


def test_the_session_cookie_is_signed_httponly_and_samesite(client: TestClient) -> None:
    answer = sign_in(client, "ann")
    assert answer.status_code == 303 and answer.headers["location"] == f"/documents/{HASH}"
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "path=/" in cookie
    forged = client.cookies["newsgraph_session"][:-2] + "xx"
    client.cookies.clear()
    client.cookies.set("newsgraph_session", forged)
    assert "Sign out" not in client.get("/").text


def test_an_editor_corrects_with_the_form_and_the_history_shows_the_machine_answer(client: TestClient) -> None:
    sign_in(client, "ann")
    assert reject(client, csrf_of(client)).status_code == 303
    edited = client.post(CORRECTION, data={"kind": "edit_event", "item": "e1", "type": "REJECT", "source": "gondor",
                                           "target": "rohan", "csrf": csrf_of(client)})
    assert edited.status_code == 303
    assert event_types(client) == ["REJECT", "CONSULT"]
    page = client.get(f"/documents/{HASH}").text
    assert "History" in page and "not an accusation" in page and '"type": "AGREE"' in page
    history = client.get(API_CORRECTION).json()
    assert [c["kind"] for c in history["corrections"]] == ["reject_event", "edit_event"]
    assert [e["type"] for e in history["machine"]["events"]] == ["AGREE", "ACCUSE", "CONSULT"]


def test_a_form_without_the_session_csrf_token_is_refused(client: TestClient) -> None:
    visitor = client.get("/api/csrf").json()["token"]
    sign_in(client, "ann")
    assert reject(client, None).status_code == 403
    assert reject(client, "0" * 64).status_code == 403
    assert reject(client, visitor).status_code == 403  # the token before sign-in is not the session's
    rejection = {"kind": "reject_event", "target": "e2"}
    assert client.post(API_CORRECTION, json=rejection).status_code == 403
    assert client.post(API_CORRECTION, json=rejection, headers={"X-CSRF-Token": visitor}).status_code == 403
    assert event_types(client) == ["AGREE", "ACCUSE", "CONSULT"]
    token = client.get("/api/csrf").json()["token"]  # one token per session, for forms and JSON alike
    assert token == csrf_of(client) != visitor
    assert client.post(API_CORRECTION, json=rejection, headers={"X-CSRF-Token": token}).status_code == 200
    assert event_types(client) == ["AGREE", "CONSULT"]


def test_a_reader_cannot_write_and_only_an_admin_reads_the_audit(client: TestClient) -> None:
    sign_in(client, "rita")
    assert reject(client, csrf_of(client)).status_code == 403
    assert client.get("/admin/audit").status_code == 403
    assert event_types(client) == ["AGREE", "ACCUSE", "CONSULT"]


def test_signing_out_ends_write_access(client: TestClient) -> None:
    sign_in(client, "ann")
    csrf, cookie = csrf_of(client), client.cookies["newsgraph_session"]
    assert client.post("/signout", data={"csrf": csrf}).status_code == 303
    client.cookies.clear()
    client.cookies.set("newsgraph_session", cookie)  # the old cookie, kept by an attacker
    assert reject(client, csrf).status_code == 401
    assert event_types(client) == ["AGREE", "ACCUSE", "CONSULT"]


def test_a_script_corrects_with_its_api_token_and_the_admin_audits(client: TestClient, db: Path) -> None:
    store = st.connect(db)
    token = users.new_token(store, "ann")
    store.close()
    made = client.post(API_CORRECTION, headers={"Authorization": f"Bearer {token}"},
                       json={"kind": "edit_actor", "target": "theoden", "values": {"country": "ROH"}})
    assert made.status_code == 200, made.text
    assert made.json()["before"]["country"] is None and made.json()["after"]["country"] == "ROH"
    refused = client.post(API_CORRECTION, headers={"Authorization": f"Bearer {token}"},
                          json={"kind": "edit_event", "target": "e9", "values": {"type": "AGREE"}})
    assert refused.status_code == 422 and "no event" in refused.json()["detail"]
    sign_in(client, "adam")
    page = client.get("/admin/audit").text
    assert "ann" in page and "edit actor" in page
    assert "ROH" in client.get("/admin/audit?format=csv").text
    assert client.get("/api/audit").json()[0]["author"] == "ann"


def test_failed_sign_ins_are_slowed_and_passwords_never_logged(db: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client = next(client_for(db, sign_in_attempts=3))
    for _ in range(3):
        assert sign_in(client, "ann", "guess " + "x" * 8).status_code == 401
    refused = sign_in(client, "ann")
    assert refused.status_code == 429 and int(refused.headers["retry-after"]) > 0
    assert "newsgraph_session" not in client.cookies
    assert PASSWORD not in caplog.text and "guess" not in caplog.text
    assert PASSWORD.encode() not in db.read_bytes()


def test_a_read_only_server_has_no_sign_in_and_refuses_writes(db: Path) -> None:
    client = next(client_for(db, allow_writes=False))
    assert client.get("/signin").status_code == 404
    assert client.post(CORRECTION, data={"kind": "reject_event", "item": "e2"}).status_code == 403
    assert client.get("/").status_code == 200


def test_a_private_server_asks_for_sign_in_first(db: Path) -> None:
    client = next(client_for(db, allow_writes=False, private=True))
    assert client.get("/").status_code == 303 and client.get("/").headers["location"].startswith("/signin")
    assert client.get("/api/summary").status_code == 401
    sign_in(client, "rita")
    assert client.get("/api/summary").status_code == 200

"""The web app's JSON API and pages on a small store of documents written for the tests (fictional states)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from sqlalchemy import text

from newsgraph import store as st
from newsgraph.cli import main
from newsgraph.document import Actor, Document, Event, Mention, Quote, SetAside, Span
from newsgraph.pipeline import Pipeline
from newsgraph.store import users
from newsgraph.web import WebSettings, create_app
from tests.test_hardening_support import LOCAL

HEADLINE = "Gondor and Arnor sign a pact"
STORY = "Gondor signed a pact with Arnor on Monday."
CAPTION = "Photo: <script>alert('caption')</script> at the signing"
QUOTED = 'Denethor said Gondor would "stand with Arnor".'
TEXT = "\n\n".join([HEADLINE, STORY, CAPTION, QUOTED]) + "\n"
QUIET = "A <b>quiet</b> day & nothing \"happened\" in Rohan.\n"


def span(text: str, word: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Span(start, start + len(word), word)


def mentions(text: str, word: str) -> list[Mention]:
    return [Mention(m.start(), m.end(), word, reason="test") for m in re.finditer(re.escape(word), text)]


def pact_document() -> Document:
    doc = Document(text=TEXT, title=HEADLINE, published="2021-03-04", published_reason="given")
    doc.actors = [Actor("gondor", "Gondor", "country", country="GON", mentions=mentions(TEXT, "Gondor")),
                  Actor("arnor", "Arnor", "country", country="ARN", mentions=mentions(TEXT, "Arnor")),
                  Actor("denethor", "Denethor", "person", country="GON", roles=["steward of Gondor"],
                        mentions=mentions(TEXT, "Denethor"))]
    caption = span(TEXT, CAPTION)
    doc.set_aside = [SetAside(caption.start, caption.end, caption.text, kind="caption", reason="test")]
    trigger = span(TEXT, "signed")
    doc.events = [Event("e1", "AGREE", "gondor", "arnor", trigger, STORY, spans=[span(TEXT, "a pact", 1)],
                        quad=1, intensity=4.0, date="2021-03-01", reason="test")]
    quote = span(TEXT, "stand with Arnor")
    doc.quotes = [Quote(quote.start, quote.end, quote.text, id="q1", kind="partial", speaker="denethor", cue="say")]
    return doc


def quiet_document() -> Document:
    return Document(text=QUIET, title="A quiet day", published="2021-03-05", published_reason="given",
                    actors=[Actor("rohan", "Rohan", "country", mentions=mentions(QUIET, "Rohan"))])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "store.db"
    store = st.connect(path)
    for document in (pact_document(), quiet_document()):
        st.store_document(store, document, origin="test")
    store.close()
    return path


@pytest.fixture(scope="module")
def app(db: Path) -> Iterator[FastAPI]:
    app = create_app(WebSettings(db=str(db), max_paste_bytes=5_000))
    yield app
    app.state.store.close()


@pytest.fixture(scope="module")
def client(app: FastAPI) -> TestClient:
    return TestClient(app, base_url=LOCAL)


PACT, QUIET_HASH = pact_document().hash, quiet_document().hash


@pytest.mark.parametrize(("url", "expected"), [
    ("/", "Gondor – Arnor"),
    (f"/documents/{PACT}", "steward of Gondor"),
    (f"/documents/{QUIET_HASH}", "No events found in this document."),
    ("/actor?name=Gondor", "Events as source"),
    ("/actor?name=Nobody", "No actor is known as"),
    ("/dyad?a=Gondor&b=Arnor", "Cooperation (up) and conflict (down)"),
    ("/dyad?a=Gondor&b=Rohan", "No events between"),
    ("/dyad", "Relations between two actors"),
    ("/network", "2 actors, 1 links"),
    ("/network?type=ASSAULT&since=&until=", "No events match."),
    ("/network?type=AGREE&since=2021-03&until=2021", "2 actors, 1 links"),
    ("/search?q=pact", "<mark>pact</mark>"),
    ("/search?q=zzzz", "Nothing found for"),
    ("/paste", "Paste an article"),
    ("/docs", "swagger-ui"),
])
def test_pages_render(client: TestClient, url: str, expected: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert expected in response.text


def test_summary_counts_and_tops(client: TestClient) -> None:
    data = client.get("/api/summary").json()
    assert data["counts"]["documents"] == 2
    assert data["counts"]["events"] == 1
    assert data["quads"] == [{"period": "2021-03", "verbal_coop": 1, "material_coop": 0, "verbal_conflict": 0,
                              "material_conflict": 0, "uncoded": 0, "events": 1}]
    assert [a["name"] for a in data["top_actors"]] == ["Arnor", "Gondor"]
    assert data["top_dyads"] == [{"a": "Gondor", "b": "Arnor", "events": 1, "cooperation": 1, "conflict": 0}]
    assert {d["doc"]: d["events"] for d in data["documents"]} == {PACT: 1, QUIET_HASH: 0}


def test_document_endpoint_returns_the_record(client: TestClient) -> None:
    assert client.get(f"/api/documents/{PACT}").json() == pact_document().to_dict()
    assert client.get("/api/documents/0123abcd").status_code == 404


@pytest.mark.parametrize(("url", "key", "expected"), [
    ("/api/dyad?a=Arnor&b=Gondor&by=year", "series", [{"period": "2021", "verbal_coop": 1, "material_coop": 0,
                                                      "verbal_conflict": 0, "material_conflict": 0, "events": 1,
                                                      "mean_intensity": 4.0}]),
    ("/api/network", "edges", [{"source": 1, "target": 2, "quad": 1, "events": 1}]),
    ("/api/network?type=assault", "edges", []),
])
def test_json_endpoints(client: TestClient, url: str, key: str, expected: Any) -> None:
    assert client.get(url).json()[key] == expected


def test_dyad_lists_its_events_with_evidence(client: TestClient) -> None:
    events = client.get("/api/dyad?a=Gondor&b=Arnor").json()["events"]
    assert [(e["source"], e["target"], e["type"], e["doc"], e["evidence"]) for e in events] == [
        ("Gondor", "Arnor", "AGREE", PACT, STORY)]


def test_event_answers_carry_provenance_and_lists_link_to_the_evidence(client: TestClient) -> None:
    [event] = [e for e in client.get("/api/events").json() if e["doc"] == PACT]
    assert {"doc", "url", "outlet", "title", "published", "evidence", "event", "place", "lat", "lon"} <= set(event)
    html = client.get("/actor?name=Gondor").text
    assert f'href="/documents/{PACT}#event-{event["event"]}"' in html
    assert f'id="event-{event["event"]}"' in client.get(f"/documents/{PACT}").text


def test_actor_and_search_reuse_the_store(client: TestClient) -> None:
    [profile] = client.get("/api/actor?name=Denethor").json()
    assert profile["roles"] == ["steward of Gondor"]
    assert [q["text"] for q in profile["quotes"]] == ["stand with Arnor"]
    assert profile["timeline"] == []
    hits = client.get("/api/search?q=quiet").json()
    assert [h["doc"] for h in hits] == [QUIET_HASH]


def test_document_view_marks_mentions_quotes_triggers_and_set_aside_lines(client: TestClient) -> None:
    html = client.get(f"/documents/{PACT}").text
    assert len(re.findall(r'class="m[^"]*" data-refs="[^"]*\ba0\b', html)) == len(mentions(TEXT, "Gondor"))
    assert re.search(r'class="q" data-refs="q0">stand with <', html)
    assert re.search(r'class="t" data-refs="e0">signed<', html)
    assert re.search(r'<div class="aside" data-kind="caption">[^<]*<span class="aside-kind">caption</span>\s*'
                     r'Photo: [^<]* at the signing</div>', html)
    assert '<li class="event q1" data-event="e0"' in html


def test_article_text_is_escaped(client: TestClient) -> None:
    page = client.get(f"/documents/{PACT}").text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;caption&#39;)&lt;/script&gt;" in page
    quiet = client.get(f"/documents/{QUIET_HASH}").text
    assert "&lt;b&gt;quiet&lt;/b&gt; day &amp; nothing &#34;happened&#34;" in quiet


def test_pages_send_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(("url", "status"), [
    ("/api/events?quad=9", 422), ("/api/events?quad=x", 422), ("/api/events?since=yesterday", 422),
    ("/api/events?limit=0", 422), ("/api/events?limit=99999999999999999999", 422), ("/api/events?country=1", 422),
    ("/api/events?type=%27;DROP", 422), ("/api/actor", 422), ("/api/actor?name=", 422),
    ("/api/actor?name=" + "x" * 300, 422), ("/api/dyad?a=Gondor", 422), ("/api/dyad?a=x&b=y&by=decade", 422),
    ("/api/dyad?a=x&b=y&directed=maybe", 422), ("/api/network?since=2021-13-99x", 422), ("/api/search", 422),
    ("/api/documents/NOT-A-HASH", 422), ("/api/documents/%00", 400), ("/api/search?q=%00", 400),
    ("/documents/zz", 422), ("/network?since=soon", 422), ("/dyad?by=decade", 422), ("/actor", 422),
    ("/nowhere", 404),
])
def test_malformed_parameters_are_refused_not_crashed(client: TestClient, url: str, status: int) -> None:
    assert client.get(url).status_code == status


def get_operations(app: FastAPI) -> list[tuple[str, list[str]]]:
    paths = app.openapi()["paths"]
    return [(path, [p["name"] for p in op["get"].get("parameters", [])]) for path, op in paths.items() if "get" in op]


ODD_TEXT = hs.text(hs.characters(codec="utf-8"), max_size=30) | hs.sampled_from(
    ["", "-1", "0", "1e9", "2021-02-30", "[", "]\"", "%", "*", "NEAR", "\u202e", "😀" * 10, "' OR 1=1 --"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=hs.data())
def test_no_operation_answers_500_to_arbitrary_parameters(client: TestClient, app: FastAPI, data: hs.DataObject
                                                          ) -> None:
    path, names = data.draw(hs.sampled_from(get_operations(app)))
    values = {name: data.draw(ODD_TEXT, label=name) for name in names}
    url = path.replace("{doc}", quote(values.pop("doc", "0"), safe="")) if "{doc}" in path else path
    for page in (url, url.removeprefix("/api") or "/"):
        assert client.get(page, params=values).status_code < 500, (page, values)


def test_paste_refuses_to_store_when_read_only(client: TestClient) -> None:
    response = client.post("/api/extract", json={"text": "Gondor met Arnor.", "store": True})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


@pytest.mark.parametrize("chunked", [False, True])
@pytest.mark.parametrize("url", ["/api/extract", "/paste"])
def test_paste_body_over_the_limit_is_refused(client: TestClient, url: str, chunked: bool) -> None:
    body = iter([b"x" * 3_000, b"y" * 3_000]) if chunked else b"x" * 6_000
    assert client.post(url, content=body, headers={"content-type": "application/json"}).status_code == 413


@pytest.mark.parametrize(("body", "status"), [
    ('{"text": ""}', 422), ("not json", 422), ('{"text": "Gondor met Arnor.", "published": "soon"}', 422), ("", 422),
])
def test_malformed_paste_is_refused(client: TestClient, body: str, status: int) -> None:
    assert client.post("/api/extract", content=body, headers={"content-type": "application/json"}
                       ).status_code == status


PASTED = ("Norway signed a trade agreement with Finland on Monday, officials said. "
          "Sweden accused Denmark of spying.\n")


def test_paste_extracts_without_storing(db: Path, pipeline: Pipeline) -> None:
    app = create_app(WebSettings(db=str(db)), pipeline=pipeline)
    client = TestClient(app, base_url=LOCAL)
    before = client.get("/api/summary").json()["counts"]
    result = client.post("/api/extract", json={"text": PASTED, "published": "2021-03-04"}).json()
    assert result["stored"] is None
    assert {e["type"] for e in result["document"]["events"]} >= {"AGREE", "ACCUSE"}
    token = client.get("/api/csrf").json()["token"]
    page = client.post("/paste", data={"text": PASTED, "title": "<i>pasted</i>", "csrf": token}).text
    assert "Extracted, not stored." in page and "&lt;i&gt;pasted&lt;/i&gt;" in page
    assert 'data-event="e0"' in page
    assert client.get("/api/summary").json()["counts"] == before


def test_paste_stores_on_request_when_writes_are_allowed(tmp_path: Path, pipeline: Pipeline) -> None:
    client = TestClient(create_app(WebSettings(db=str(tmp_path / "w.db"), allow_writes=True), pipeline=pipeline),
                        base_url=LOCAL)
    token = client.get("/api/csrf").json()["token"]
    stored = {"text": PASTED, "store": "1", "csrf": token}
    assert client.post("/paste", data=stored).status_code == 401  # an editor stores
    store = st.connect(tmp_path / "w.db")
    users.add_user(store, "ann", "editor", "correct horse battery")
    client.headers["Authorization"] = f"Bearer {users.new_token(store, 'ann')}"
    store.close()
    page = client.post("/paste", data=stored).text
    assert "Extracted and stored (new)" in page
    assert client.get("/api/summary").json()["counts"]["documents"] == 1


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1
    assert "no store at" in result.output and "newsgraph ingest" in result.output


def test_serve_refuses_a_store_whose_schema_is_behind(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    st.connect(path).close()
    opened = st.connect(path, migrate=False)
    with opened.engine.begin() as conn:
        conn.execute(text("DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)"))
    opened.close()
    result = CliRunner().invoke(main, ["serve", "--db", str(path)])
    assert result.exit_code == 1
    assert "schema version" in result.output and "newsgraph check --db" in result.output

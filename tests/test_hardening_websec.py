"""Web security against a stored article written to attack the pages: its text, title, actor names, quotes
and evidence hold <script>, '"onmouseover=' and 'javascript:' links. In headless Chromium no page runs them or
grows an element, attribute or link from them; no endpoint reads a file named in the request; `newsgraph serve`
listens on 127.0.0.1 only, refuses writes without --allow-writes and bodies over the paste limit."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from newsgraph import store as st
from newsgraph.document import Document
from newsgraph.web import WebSettings, create_app
from tests.test_hardening_support import LOCAL, served
from tests.test_store_support import make_document

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SCRIPT = "<script>window.pwned=1;alert('script')</script>"
ATTRIBUTE = '"onmouseover="window.pwned=2" x="'
LINK = '<a href="javascript:window.pwned=3">click</a>'
IMG = "<img src=x onerror=window.pwned=4>"
TRAVERSALS = ["../../../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "..%2f..%2f..%2fetc%2fpasswd",
              "....//....//etc/passwd", "C:\\Windows\\win.ini"]


def hostile_document() -> Document:
    text = (f"Gondor {IMG} pact {SCRIPT}\n"
            f"King Elessar{ATTRIBUTE} met Arnor envoys and said {LINK} was done. "
            f"\"We stand {SCRIPT} together{ATTRIBUTE},\" Elessar said.")
    return make_document(text, url="javascript:window.pwned=5", outlet=f"Herald{IMG}", published="3019-03-04",
                         actors=[("a1", f"Elessar{ATTRIBUTE}", "person", "GON", [f"King Elessar{ATTRIBUTE}"]),
                                 ("a2", f"Arnor{SCRIPT}", "country", "ARN", ["Arnor"])],
                         events=[("met", "CONSULT", "a1", "a2", "3019-03-03", 1, 1.0)],
                         quotes=[(f"We stand {SCRIPT} together{ATTRIBUTE},", "a1")])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A store holding the hostile article; yields (its --db path, the document's hash)."""
    db = str(tmp_path_factory.mktemp("websec") / "hostile.db")
    opened = st.connect(db)
    document = hostile_document()
    st.store_document(opened, document, origin="test")
    opened.close()
    yield db, document.hash


def pages(doc: str) -> list[str]:
    return ["/", f"/documents/{doc}", f"/actor?name={quote('Elessar' + ATTRIBUTE)}",
            f"/dyad?a={quote('Elessar' + ATTRIBUTE)}&b={quote('Arnor' + SCRIPT)}", "/network",
            f"/search?q={quote('stand')}", f"/search?q={quote(SCRIPT)}", f"/actor?name={quote(SCRIPT)}", "/events",
            "/map"]


INJECTED = """() => ({
  pwned: window.pwned ?? null,
  scripts: [...document.scripts].filter(s => s.type !== 'application/json'  // chart data: never run
      && /pwned|alert/.test(s.textContent + (s.src || ''))).length,
  data: [...document.querySelectorAll('script[type="application/json"]')].filter(s => {
      try { JSON.parse(s.textContent); return false; } catch (e) { return true; } }).length,
  handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(
      a => a.name.startsWith('on') || (/^\\s*javascript:/i.test(a.value) && /href|src|action/.test(a.name)))).length,
  images: document.querySelectorAll('img[src="x"]').length,
  text: document.body.innerText,
})"""


def test_no_page_runs_or_grows_markup_from_article_text(hostile: tuple[str, str]) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium): browser check skipped")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip's playwright package is not installed")
    db, doc = hostile
    with served(db) as url, sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        seen_literal = 0
        for path in pages(doc):
            assert page.goto(url + path, wait_until="networkidle").status == 200, path
            page.mouse.move(200, 200)
            for box in page.locator("a, li, span, td").all()[:200]:
                box.dispatch_event("mouseover")
            found: dict[str, Any] = page.evaluate(INJECTED)
            assert (found["pwned"], found["scripts"], found["handlers"], found["images"], found["data"]) == (
                None, 0, 0, 0, 0), path
            seen_literal += SCRIPT in found["text"] or ATTRIBUTE.strip('"') in found["text"]
        browser.close()
    assert dialogs == []
    assert seen_literal >= 3, "the hostile text should be shown, escaped, on the dashboard, document and search"


def routes(db: str) -> list[APIRoute]:
    app = create_app(WebSettings(db=db))
    found = [r for r in app.routes if isinstance(r, APIRoute) and "GET" in r.methods]
    app.state.store.close()
    return found


def test_no_endpoint_reads_a_file_named_in_the_request(hostile: tuple[str, str]) -> None:
    db, _ = hostile
    app = create_app(WebSettings(db=db))
    names = {p.name for r in routes(db) for p in r.dependant.query_params}
    with TestClient(app, base_url=LOCAL) as client:
        for route in routes(db):
            for bad in TRAVERSALS:
                path = route.path_format
                for param in route.dependant.path_params:
                    path = path.replace("{" + param.name + "}", quote(bad, safe=""))
                query = "&".join(f"{n}={quote(bad, safe='')}" for n in sorted(names))
                response = client.get(f"{path}?{query}")
                assert response.status_code in (200, 404, 422), (path, response.status_code)
                assert "root:x:0:0" not in response.text and "[fonts]" not in response.text, path
        for bad in ("/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                    "/static//etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd"):
            response = client.get(bad)
            assert response.status_code in (400, 404) and "root:x:0:0" not in response.text, bad
    app.state.store.close()


def outward_address() -> str | None:
    """This machine's address on its default route (no packet is sent), or None without one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))
            address = str(s.getsockname()[0])
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_serve_listens_on_loopback_only_and_stays_read_only(hostile: tuple[str, str]) -> None:
    db, _ = hostile
    with served(db) as url:
        port = int(url.rsplit(":", 1)[1])
        address = outward_address()
        if address is not None:
            with pytest.raises(httpx.ConnectError):
                httpx.get(f"http://{address}:{port}/", timeout=5)
        stored = httpx.post(url + "/api/extract", json={"text": "Gondor met Arnor.", "store": True}, timeout=30)
        assert stored.status_code == 403 and "read-only" in stored.text
        huge = httpx.post(url + "/api/extract", content=b"x" * 300_000, timeout=30,
                          headers={"content-type": "application/json"})
        assert huge.status_code == 413
        counts = httpx.get(url + "/api/summary", timeout=30).json()["counts"]
    assert counts["documents"] == 1

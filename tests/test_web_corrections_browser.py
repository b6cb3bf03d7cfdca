"""An editor corrects a document in headless Chromium: sign in, change an event's type and target, reject
another, add a missed one, merge two actors; the dyad page and the PLOVER export follow; signing out ends it.
Skipped, saying why, only where Debian's chromium is not installed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph import store as st
from newsgraph.store import users
from newsgraph.store.plover import plover_records
from newsgraph.web import WebSettings, create_app
from tests.test_corrections import HASH, story
from tests.test_web_browser import ARGS, CHROMIUM, serving, shot

if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium): browser tests skipped",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip's playwright package is not installed")

PASSWORD = "correct horse battery"


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, st.Store]]:
    store = st.connect(tmp_path / "store.db")
    st.store_document(store, story(), origin="test")
    users.add_user(store, "ann", "editor", PASSWORD)
    app = create_app(WebSettings(db=store.url, allow_writes=True), store=store)
    with serving(app) as url:
        yield url, store
    store.close()


@pytest.fixture()
def page() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        yield page
        assert errors == []
        browser.close()


def dyad_rows(page: Any, url: str) -> str:
    page.goto(f"{url}/dyad?a=Gondor&b=Rohan")
    return str(page.locator("main").inner_text())


def test_an_editor_corrects_a_document_in_the_browser(served: tuple[str, st.Store], page: Any) -> None:
    url, store = served
    assert "No events between" not in dyad_rows(page, url)  # Rohan accused Gondor
    page.goto(f"{url}/documents/{HASH}")
    assert page.locator("details.correct-event").count() == 0  # no forms before sign-in
    page.click("#signin-link")
    page.fill("input[name=name]", "ann")
    page.fill("input[name=password]", PASSWORD)
    page.click("#signin")
    page.wait_for_url(f"{url}/")
    page.goto(f"{url}/documents/{HASH}")

    page.click("#event-e1 summary")
    page.select_option("#event-e1 form:nth-of-type(1) select[name=type]", "REJECT")
    page.select_option("#event-e1 form:nth-of-type(1) select[name=target]", label="Rohan")
    page.click("#event-e1 button.save")
    page.click("#event-e2 summary")
    page.fill("#event-e2 form:nth-of-type(2) input[name=comment]", "no accusation in the text")
    page.click("#event-e2 button.reject")
    page.click("#add-event summary")
    page.fill("#add-words", "praised")
    page.select_option("#add-event select[name=type]", "SUPPORT")
    page.select_option("#add-event select[name=source]", label="Denethor")
    page.select_option("#add-event select[name=target]", label="Arnor")
    page.click("#add-event button.add")
    king = page.locator("#actor-king")
    king.locator("summary").click()
    king.locator("select[name=into]").select_option(label="Theoden")
    king.locator("button.merge").click()
    shot(page, "corrected-document", full=True)

    events = page.locator(".event-list li.event")
    assert events.count() == 3
    assert "Gondor → Rohan" in events.nth(0).inner_text() and "REJECT" in events.nth(0).inner_text()
    assert "Denethor → Arnor" in page.locator(".event-list").inner_text()
    assert page.locator("ol.history li").count() == 4
    assert page.locator("#actor-king").count() == 0
    dyad = dyad_rows(page, url)
    assert "REJECT" in dyad and "ACCUSE" not in dyad
    plover = [r["event"][0] for r in plover_records(store)]
    assert sorted(plover) == ["CONSULT", "REJECT", "SUPPORT"]

    csrf = page.locator("input[name=csrf]").first.get_attribute("value")
    page.click("#signout")
    page.goto(f"{url}/documents/{HASH}")
    assert page.locator("details.correct-event").count() == 0
    again = page.request.post(f"{url}/documents/{HASH}/corrections",
                              form={"kind": "reject_event", "item": "e3", "csrf": csrf or ""}, max_redirects=0)
    assert again.status == 401
    assert sorted(r["event"][0] for r in plover_records(store)) == ["CONSULT", "REJECT", "SUPPORT"]

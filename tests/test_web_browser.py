"""The real app in headless Chromium over a store built from ../shared/gold articles.

What each page must show is read from the gold annotations (names, quotes), never written here.
Screenshots go to test-output/web/. Skipped, saying why, only where Debian's chromium is not installed.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import uvicorn

from newsgraph import store as st
from newsgraph.names import name_key
from newsgraph.pipeline import Pipeline
from newsgraph.readers.text import plain_text
from newsgraph.web import WebSettings, create_app

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed (apt-get install chromium): browser tests skipped",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip's playwright package is not installed")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parent.parent / "test-output" / "web"
PASTED = ("Norway signed a trade agreement with Finland on Monday, officials said. "
          "Sweden accused Denmark of spying.")


@dataclass
class Gold:
    url: str
    seed: str
    annotations: dict[str, Any]


@pytest.fixture(scope="module")
def gold(shared: Path, pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gold]:
    """A store of every gold article (published dates from the annotations), served on a loopback port."""
    store = st.connect(tmp_path_factory.mktemp("web-gold") / "gold.db")
    seed = ""
    for folder in sorted(p for p in (shared / "gold").iterdir() if (p / "article.txt").exists()):
        notes = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        raw = plain_text((folder / "article.txt").read_text(encoding="utf-8"), str(folder / "article.txt"),
                         published=notes.get("published"))
        document = pipeline.run(raw)
        st.store_document(store, document, origin=raw.origin)
        if folder.name == "seed":
            seed = document.hash
    annotations = json.loads((shared / "gold" / "seed" / "gold.json").read_text(encoding="utf-8"))
    app = create_app(WebSettings(db=store.url), pipeline=pipeline, store=store)
    with serving(app) as url:
        yield Gold(url=url, seed=seed, annotations=annotations)
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@dataclass
class Visit:
    page: Any
    errors: list[str]


@pytest.fixture()
def visit(browser: Any) -> Iterator[Visit]:
    """A fresh page that records console errors and uncaught exceptions."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield Visit(page, errors)
    page.close()


class serving:
    """Run the app with uvicorn in a thread on a free loopback port."""

    def __init__(self, app: Any) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert self.server.started, "the app did not start"
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


def gold_countries(annotations: dict[str, Any]) -> list[str]:
    return [a["name"] for a in annotations["actors"] if a["kind"] == "country"]


def shot(page: Any, name: str, *, full: bool | None = None) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=name != "document" if full is None else full)


def pages(gold: Gold) -> dict[str, str]:
    first, second = gold_countries(gold.annotations)[:2]
    person = gold.annotations["actors"][0]["name"]
    return {"dashboard": "/", "document": f"/documents/{gold.seed}", "actor": f"/actor?name={quote(person)}",
            "dyad": f"/dyad?a={quote(first)}&b={quote(second)}", "network": "/network",
            "search": f"/search?q={quote(first)}", "paste": "/paste", "docs": "/docs", "events": "/events",
            "map": "/map"}


@pytest.mark.parametrize("name", ["dashboard", "document", "actor", "dyad", "network", "search", "paste", "docs",
                                  "events", "map"])
def test_page_loads_without_console_errors(gold: Gold, visit: Visit, name: str) -> None:
    response = visit.page.goto(gold.url + pages(gold)[name], wait_until="networkidle")
    assert response.status == 200
    assert visit.page.locator("h1, .swagger-ui").first.is_visible()
    shot(visit.page, name)
    assert visit.errors == []


def test_seed_document_highlights_the_main_person_and_a_partial_quote(gold: Gold, visit: Visit) -> None:
    page = visit.page
    page.goto(f"{gold.url}/documents/{gold.seed}", wait_until="networkidle")
    person = gold.annotations["actors"][0]["name"]
    entry = page.locator("li.actor", has=page.locator("a", has_text=person))
    ref = entry.first.get_attribute("data-actor")
    record = json.loads(page.request.get(f"{gold.url}/api/documents/{gold.seed}").text())
    [actor] = [a for a in record["actors"] if name_key(a["name"]) == name_key(person)]
    marks = page.locator(f'#text .m[data-refs~="{ref}"]')
    assert marks.count() >= len(actor["mentions"]) >= 2
    partial = next(q for q in gold.annotations["quotes"] if q["kind"] == "partial")
    quote_entry = page.locator("li.quote", has=page.get_by_text(partial["text"], exact=True)).first
    assert partial["speaker"] in name_key(quote_entry.locator(".speaker").inner_text())
    pieces = page.locator(f'#text .q[data-refs~="{quote_entry.get_attribute("data-quote")}"]')
    assert "".join(pieces.all_inner_texts()) == partial["text"]
    quote_entry.click()
    assert pieces.first.evaluate("el => el.classList.contains('lit')")
    page.locator("li.event").first.click()
    assert page.locator("#text .lit").count() >= 1
    page.wait_for_timeout(600)
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "document")
    assert visit.errors == []


def test_dyad_page_draws_a_chart_with_events_under_it(gold: Gold, visit: Visit) -> None:
    visit.page.goto(gold.url + pages(gold)["dyad"], wait_until="networkidle")
    assert drawn(visit.page, "#dyad").locator("g.mark-rect.role-mark path").count() >= 1
    assert visit.page.locator("table.events tbody tr").count() >= 1
    shot(visit.page, "dyad")
    visit.page.locator("figure.chart").screenshot(path=str(SHOTS / "dyad-chart.png"))


def drawn(page: Any, chart: str) -> Any:
    """The SVG Vega drew for ``chart`` (a selector), once it has drawn it."""
    page.wait_for_selector(f"{chart}[data-drawn] svg")
    return page.locator(f"{chart} svg").first


def test_network_filters_by_type_country_and_weight(gold: Gold, visit: Visit) -> None:
    page = visit.page
    page.goto(gold.url + "/network", wait_until="networkidle")
    every = drawn(page, "#network").locator("g.mark-trail.role-mark path").count()
    assert every >= 1 and page.locator("#network g.mark-symbol.role-mark path").count() >= 2
    assert 1 <= page.locator("#network g.mark-text.role-mark text").count() <= 12
    shot(page, "network", full=False)
    for field, choose in (("type", lambda: page.select_option("select[name=type]", index=1)),
                          ("country", lambda: page.select_option("select[name=country]", index=1)),
                          ("min", lambda: page.fill("input[name=min]", "2"))):
        page.goto(gold.url + "/network", wait_until="networkidle")
        choose()
        page.click("form.filters button")
        page.wait_for_load_state("networkidle")
        assert f"{field}=" in page.url
        links = page.locator("table.links tbody tr").count()
        assert links <= page.request.get(gold.url + "/network?format=csv").text().count("\n") - 1
        if links:
            assert 1 <= drawn(page, "#network").locator("g.mark-trail.role-mark path").count() <= every
    assert visit.errors == []


def test_network_zooms_with_the_wheel(gold: Gold, visit: Visit) -> None:
    page = visit.page
    page.goto(gold.url + "/network", wait_until="networkidle")
    svg = drawn(page, "#network")
    node = page.locator("#network g.mark-symbol.role-mark path").first
    before = node.bounding_box()
    box = svg.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -600)
    page.wait_for_timeout(300)
    assert node.bounding_box() != before


def test_events_facets_narrow_the_list_and_it_downloads_as_csv(gold: Gold, visit: Visit) -> None:
    page = visit.page
    page.goto(gold.url + "/events", wait_until="networkidle")
    every = page.locator("table.events tbody tr").count()
    facet = page.locator('[data-facet="type"] a').first
    kind, count = facet.inner_text(), int(facet.locator("xpath=../span").inner_text())
    facet.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("table.events tbody tr").count() == count <= every
    assert set(page.locator("table.events .type").all_inner_texts()) == {kind}
    shot(page, "events-facets", full=False)
    with page.expect_download() as download:
        page.click("a.csv")
    rows = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,") and len(rows) == count + 1
    assert download.value.suggested_filename == "events.csv"
    assert visit.errors == []


def test_map_draws_countries_and_events(gold: Gold, visit: Visit) -> None:
    page = visit.page
    page.goto(gold.url + "/map", wait_until="networkidle")
    svg = drawn(page, "#map")
    page.wait_for_function("document.querySelectorAll('#map g.mark-shape.role-mark path').length > 100")
    assert svg.locator("g.mark-symbol.role-mark path").count() == page.locator("table.places tbody tr").count() >= 1
    shot(page, "map", full=False)
    assert visit.errors == []


@pytest.mark.parametrize("name", ["dashboard", "document", "actor", "dyad", "network", "search", "events", "map"])
def test_pages_fit_a_390_pixel_screen(gold: Gold, browser: Any, name: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page.goto(gold.url + pages(gold)[name], wait_until="networkidle")
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if name in ("dashboard", "network", "map"):
        assert page.locator(".vl-chart[data-drawn]").count() == 1
        shot(page, f"mobile-{name}", full=False)
    page.close()


def test_pasting_a_paragraph_shows_its_events_without_storing(gold: Gold, visit: Visit) -> None:
    page = visit.page
    before = page.request.get(gold.url + "/api/summary").json()["counts"]
    page.goto(gold.url + "/paste", wait_until="networkidle")
    page.fill("textarea[name=text]", PASTED)
    page.fill("input[name=published]", "2021-03-04")
    page.click("form.paste button")
    page.wait_for_selector("#paste-result")
    assert page.locator("li.event").count() >= 2
    assert page.locator("#text .t").count() >= 2
    shot(page, "paste-result")
    assert visit.errors == []
    assert page.request.get(gold.url + "/api/summary").json()["counts"] == before

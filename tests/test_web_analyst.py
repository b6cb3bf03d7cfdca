"""What an analyst relies on: time axes with empty periods, a network of named actors with filters, facets and
CSV downloads of the list pages, the map, and a clear answer to a bad document id (a store written here)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph import store as st
from newsgraph.document import Actor, Document, Event
from newsgraph.web import WebSettings, charts, create_app, lists, places
from tests.test_hardening_support import LOCAL
from tests.test_web_api import mentions, pact_document, span

RAID = ("Police raided a depot in Minas Tirith in June. Two people accused the police of brutality. "
        "Gondor condemned Mordor.")


def raid_document() -> Document:
    doc = Document(text=RAID, title="A raid", published="2021-06-10", published_reason="given")
    doc.actors = [
        Actor("police", "police", "organization", country="GON", sector="COP", reason="group:police", via="group",
              mentions=mentions(RAID, "police")),
        Actor("people", "Two people", "person", country="GON", sector="CVL", reason="group:people", via="group",
              mentions=mentions(RAID, "Two people")),
        Actor("gondor", "Gondor", "country", country="GON", mentions=mentions(RAID, "Gondor")),
        Actor("mordor", "Mordor", "country", country="FRA", mentions=mentions(RAID, "Mordor"))]
    doc.events = [
        Event("e1", "ACCUSE", "people", "police", span(RAID, "accused"), RAID.split(". ")[1], quad=3,
              intensity=-2.0, date="2021-06-09", reason="test"),
        Event("e2", "DISAPPROVE", "gondor", "mordor", span(RAID, "condemned"), "Gondor condemned Mordor.", quad=3,
              intensity=-2.0, date="2021-06-10", reason="test"),
        Event("e3", "ASSAULT", "police", "mordor", span(RAID, "raided"), RAID.split(". ")[0], quad=4,
              intensity=-8.0, date="2021-06-08", reason="test")]
    return doc


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("analyst") / "store.db"
    store = st.connect(path)
    for document in (pact_document(), raid_document()):
        st.store_document(store, document, origin="test")
    app = create_app(WebSettings(db=str(path)), store=store)
    yield TestClient(app, base_url=LOCAL)
    store.close()


def test_time_chart_keeps_empty_months_empty_on_a_real_axis() -> None:
    chart = charts.time_chart([{"period": "2021-01", "verbal_coop": 2, "material_conflict": 1},
                               {"period": "2021-04", "verbal_conflict": 3}, {"period": "undated", "verbal_coop": 5}])
    assert [(b.start, b.end, b.cls, b.bottom, b.top) for b in chart.bars] == [
        ("2021-01-01", "2021-02-01", "verbal_coop", 0, 2), ("2021-01-01", "2021-02-01", "material_conflict", 0, -1),
        ("2021-04-01", "2021-05-01", "verbal_conflict", 0, -3)]
    assert chart.undated == 5
    x, y = chart.spec["encoding"]["x"], chart.spec["encoding"]["y"]
    assert (x["type"], x["title"]) == ("temporal", "Month")
    assert y["title"] == "Linked events per month (cooperation up, conflict down)"


def test_time_chart_stacks_classes_and_shows_decades_by_year() -> None:
    chart = charts.time_chart([{"period": "1941-06", "material_conflict": 1},
                               {"period": "2020-11", "verbal_coop": 1, "material_coop": 2}])
    assert chart.by == "year" and chart.spec["encoding"]["x"]["title"] == "Year"
    assert [(b.period, b.bottom, b.top) for b in chart.bars] == [("1941", 0, -1), ("2020", 0, 1), ("2020", 1, 3)]


@pytest.mark.parametrize(("period", "by", "bounds"), [
    ("2021-W01", "week", (date(2021, 1, 4), date(2021, 1, 11))),
    ("2020-12", "month", (date(2020, 12, 1), date(2021, 1, 1))),
    ("2020-02-29", "day", (date(2020, 2, 29), date(2020, 3, 1))),
    ("undated", "month", None),
])
def test_periods_have_calendar_bounds(period: str, by: str, bounds: tuple[date, date] | None) -> None:
    assert charts.period_bounds(period, by) == bounds


def small_network() -> dict[str, list[dict[str, object]]]:
    nodes = [{"id": i, "name": f"N{i}", "events": 10 - i} for i in range(1, 8)]
    edges = [{"source": 1, "target": 2, "quad": 4, "events": 3}, {"source": 2, "target": 3, "quad": 1, "events": 1},
             {"source": 4, "target": 5, "quad": 2, "events": 1}, {"source": 6, "target": 6, "quad": 3, "events": 1}]
    return {"nodes": nodes, "edges": edges}


def test_network_layout_is_deterministic_labels_the_busiest_and_keeps_components_apart() -> None:
    first = charts.network_chart(small_network(), labels=2)
    assert first.nodes == charts.network_chart(small_network(), labels=2).nodes
    assert all(-1 <= n.x <= 1 and -1 <= n.y <= 1 for n in first.nodes)
    assert [n.name for n in first.nodes if n.label] == ["N1", "N2"]
    at = {n.id: n for n in first.nodes}
    box = [min(at[i].x for i in (1, 2, 3)), max(at[i].x for i in (1, 2, 3)),
           min(at[i].y for i in (1, 2, 3)), max(at[i].y for i in (1, 2, 3))]
    assert not [n for n in first.nodes if n.id > 3 and box[0] < n.x < box[1] and box[2] < n.y < box[3]]
    links = first.spec["layer"][0]["data"]["values"]
    assert len(links) == 2 * 3  # the loop 6 -> 6 is not drawn; each link is a source end and a target end
    assert links[0]["width"] > links[1]["width"]


def test_facets_count_types_countries_once_per_row_and_months_in_order() -> None:
    rows = [{"type": "ACCUSE", "source_country": "GON", "target_country": "GON", "date": "2021-06-09"},
            {"type": "ACCUSE", "source_country": "GON", "target_country": "FRA", "date": "2021-03-01"},
            {"type": "AGREE", "source_country": None, "target_country": None, "date": None}]
    assert lists.facets(rows) == {"type": [("ACCUSE", 2), ("AGREE", 1)], "country": [("GON", 2), ("FRA", 1)],
                                  "month": [("2021-03", 1), ("2021-06", 1), ("undated", 1)]}


def test_csv_makes_formulas_inert_and_nested_values_json() -> None:
    text = lists.csv_text([{"a": "=HYPERLINK(1)", "b": [1, 2], "c": -3}, {"a": "plain", "d": "x"}])
    assert list(csv.reader(io.StringIO(text))) == [["a", "b", "c", "d"], ["'=HYPERLINK(1)", "[1, 2]", "-3", ""],
                                                   ["plain", "", "", "x"]]


def test_events_are_placed_by_their_own_coordinates_else_their_actors_capital() -> None:
    own = places.place_of({"lat": 1.5, "lon": 2.5, "place": "Here", "source_country": "FRA"})
    assert own is not None and (own["lat"], own["placed"]) == (1.5, "event")
    capital = places.place_of({"source_country": None, "target_country": "FRA"})
    assert capital is not None and capital["place"] == "Paris (FRA)" and capital["placed"] == "country"
    assert capital["lat"] == pytest.approx(48.85, abs=0.1)
    assert places.place_of({"source_country": "GON"}) is None


def test_network_draws_named_actors_and_organized_groups_only(client: TestClient) -> None:
    names = {n["name"] for n in client.get("/api/network").json()["nodes"]}
    assert names == {"Gondor", "Arnor", "Mordor", "police"}


@pytest.mark.parametrize(("query", "links"), [
    ("", {("Gondor", "Arnor"), ("Gondor", "Mordor"), ("police", "Mordor")}),
    ("type=ASSAULT", {("police", "Mordor")}),
    ("country=fra", {("Gondor", "Mordor"), ("police", "Mordor")}),
    ("since=2021-06&until=2021-06-09", {("police", "Mordor")}),
    ("min=2", set()),
])
def test_network_filters(client: TestClient, query: str, links: set[tuple[str, str]]) -> None:
    response = client.get("/network?format=csv&" + query)
    assert response.headers["content-type"].startswith("text/csv")
    assert {(r["source"], r["target"]) for r in csv.DictReader(io.StringIO(response.text))} == links
    assert client.get("/network?" + query).status_code == 200


def test_events_page_has_facets_that_narrow_it(client: TestClient) -> None:
    page = client.get("/events").text
    assert 'data-facet="type"' in page and "ASSAULT" in page and "2021-06" in page
    narrowed = client.get("/events?since=2021-06&until=2021-06&type=ASSAULT&format=csv")
    rows = list(csv.DictReader(io.StringIO(narrowed.text)))
    assert [(r["type"], r["source"], r["target"]) for r in rows] == [("ASSAULT", "police", "Mordor")]
    assert 'filename="events.csv"' in narrowed.headers["content-disposition"]


@pytest.mark.parametrize(("url", "column"), [
    ("/search?q=raided&format=csv", "snippet"), ("/dyad?a=Gondor&b=Mordor&format=csv", "evidence"),
    ("/actor?name=Gondor&format=csv", "role"), ("/map?format=csv", "place"),
])
def test_list_pages_download_as_csv(client: TestClient, url: str, column: str) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get(url).text)))
    assert rows and all(row[column] for row in rows)


def test_map_page_places_events_at_their_actors_capital(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/map?format=csv").text)))
    assert {r["place"] for r in rows if r["placed"] == "country"} == {"Paris (FRA)"}
    own = [r["place"] for r in rows if r["placed"] == "event"]  # events whose own place resolved: its name
    assert all(name and not name.startswith("{") and name.endswith(")") for name in own)
    assert "events have neither a place nor an actor with a country" in client.get("/map").text


def test_a_bad_document_id_says_what_an_id_is(client: TestClient) -> None:
    response = client.get("/documents/not-an-id")
    assert response.status_code == 422
    assert "is not a document id" in response.text and "[0-9a-f]" not in response.text

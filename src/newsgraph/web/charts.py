"""Charts as Vega-Lite specifications: quad classes over a real time axis, the actor network, events on a map.

Nothing here draws: it computes the data each chart shows (bars stacked here, so that their geometry can be
checked in Python; the network laid out by networkx) and a Vega-Lite spec the pages hand to the vendored
Vega-Lite (static/vendor, see tools/vendor_web.py), which draws it in the browser with no network access.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import quote

import networkx as nx

Row = dict[str, Any]
Spec = dict[str, Any]
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
COOPERATION = ("verbal_coop", "material_coop")
CONFLICT = ("verbal_conflict", "material_conflict")
QUAD_CLASS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
#: Each quad class's legend label and colour (the same as app.css's).
CLASSES = {"verbal_coop": ("verbal cooperation", "#7fbf7f"), "material_coop": ("material cooperation", "#2e8b57"),
           "verbal_conflict": ("verbal conflict", "#f0a060"), "material_conflict": ("material conflict", "#c0392b"),
           "uncoded": ("uncoded", "#999999")}
COLOUR = {"field": "class", "type": "nominal", "title": "Quad class",
          "scale": {"domain": [label for label, _ in CLASSES.values()],
                    "range": [colour for _, colour in CLASSES.values()]},
          "legend": {"orient": "bottom", "columns": 3}}
#: Past this many months, a monthly series is shown by year (a real axis of 80 years of months is unreadable).
MOST_MONTHS = 120
UNIT = {"day": "Day", "week": "Week (from Monday)", "month": "Month", "year": "Year"}


@dataclass(frozen=True)
class Bar:
    """One stacked piece: a quad class's events in one period, from ``bottom`` to ``top`` (conflict < 0)."""

    start: str
    end: str
    period: str
    cls: str
    events: int
    bottom: int
    top: int


@dataclass
class TimeChart:
    """Cooperation stacked above zero and conflict below, on a time axis where empty periods are empty."""

    by: str
    bars: list[Bar] = field(default_factory=list)
    undated: int = 0
    spec: Spec = field(default_factory=dict)


def period_bounds(period: str, by: str) -> tuple[date, date] | None:
    """The first day of a period (2020, 2020-11, 2020-W45, 2020-11-03) and the first day after it."""
    try:
        if by == "week":
            year, week = period.split("-W")
            first = date.fromisocalendar(int(year), int(week), 1)
            return first, first + timedelta(days=7)
        if by == "year":
            return date(int(period), 1, 1), date(int(period) + 1, 1, 1)
        if by == "month":
            first = date.fromisoformat(period + "-01")
            return first, (first + timedelta(days=32)).replace(day=1)
        first = date.fromisoformat(period)
        return first, first + timedelta(days=1)
    except ValueError:
        return None


def by_year(rows: list[Row]) -> list[Row]:
    """Monthly rows summed per year."""
    years: dict[str, Row] = {}
    for row in rows:
        year = years.setdefault(row["period"][:4], {"period": row["period"][:4]})
        for key, n in row.items():
            if key != "period" and isinstance(n, int):
                year[key] = year.get(key, 0) + n
    return [years[y] for y in sorted(years)]


def time_chart(rows: list[Row], *, by: str = "month", height: int = 240) -> TimeChart:
    """The chart of ``rows`` (a period and a count per quad class each), cooperation up and conflict down."""
    dated = [r for r in rows if period_bounds(str(r.get("period")), by)]
    if by == "month" and len(dated) > 1:
        months = {r["period"] for r in dated}
        first, last = date.fromisoformat(min(months) + "-01"), date.fromisoformat(max(months) + "-01")
        if (last.year - first.year) * 12 + last.month - first.month >= MOST_MONTHS:
            dated, by = by_year(dated), "year"
    chart = TimeChart(by=by, undated=sum(_total(r) for r in rows if not period_bounds(str(r.get("period")), by)))
    for row in dated:
        chart.bars += _stack(row, by, COOPERATION, 1) + _stack(row, by, CONFLICT, -1)
    chart.spec = _time_spec(chart, height)
    return chart


def _total(row: Row) -> int:
    return sum(int(row.get(k, 0) or 0) for k in (*COOPERATION, *CONFLICT))


def _stack(row: Row, by: str, classes: tuple[str, ...], sign: int) -> list[Bar]:
    bounds = period_bounds(str(row["period"]), by)
    assert bounds is not None
    bars, level = [], 0
    for cls in classes:
        n = int(row.get(cls, 0) or 0)
        if n:
            bars.append(Bar(bounds[0].isoformat(), bounds[1].isoformat(), row["period"], cls, n, level,
                            level + sign * n))
            level += sign * n
    return bars


def _time_spec(chart: TimeChart, height: int) -> Spec:
    unit = UNIT[chart.by]
    values = [{"start": b.start, "end": b.end, "period": b.period, "class": CLASSES[b.cls][0], "events": b.events,
               "bottom": b.bottom, "top": b.top} for b in chart.bars]
    return {
        "$schema": SCHEMA, "width": "container", "height": height, "data": {"values": values},
        "mark": {"type": "bar", "stroke": "#fff", "strokeWidth": 0.5},
        "params": [{"name": "zoom", "select": {"type": "interval", "encodings": ["x"]}, "bind": "scales"}],
        "encoding": {
            "x": {"field": "start", "type": "temporal", "scale": {"type": "utc"}, "title": unit,
                  "axis": {"labelOverlap": True, "labelAngle": 0, "grid": False}},
            "x2": {"field": "end"},
            "y": {"field": "top", "type": "quantitative",
                  "title": f"Linked events per {chart.by} (cooperation up, conflict down)",
                  "axis": {"tickMinStep": 1, "format": "d"}},
            "y2": {"field": "bottom"},
            "color": COLOUR,
            "tooltip": [{"field": "period", "title": unit}, {"field": "class", "title": "Quad class"},
                        {"field": "events", "title": "Events"}],
        },
        "config": {"axis": {"titleFontWeight": "normal"}},
    }


@dataclass(frozen=True)
class Node:
    id: int
    name: str
    x: float
    y: float
    events: int
    kind: str | None
    country: str | None
    label: bool


@dataclass
class Network:
    """The network laid out (networkx's spring layout, seeded: the same input gives the same picture)."""

    nodes: list[Node] = field(default_factory=list)
    spec: Spec = field(default_factory=dict)


def network_chart(data: Row, *, labels: int = 12, height: int = 620, seed: int = 7) -> Network:
    """Place the network's nodes; the ``labels`` busiest carry their names. Links taper from source to target."""
    graph = nx.Graph()
    graph.add_nodes_from(n["id"] for n in data["nodes"])
    graph.add_edges_from((e["source"], e["target"]) for e in data["edges"] if e["source"] != e["target"])
    places = layout(graph, seed=seed)
    busiest = {n["id"] for n in sorted(data["nodes"], key=lambda n: (-n.get("events", 0), n["name"]))[:labels]}
    result = Network(nodes=[Node(n["id"], n["name"], float(places[n["id"]][0]), float(places[n["id"]][1]),
                                 n.get("events", 0), n.get("kind"), n.get("country"), n["id"] in busiest)
                            for n in data["nodes"]])
    result.spec = _network_spec(result.nodes, data["edges"], height)
    return result


def layout(graph: nx.Graph, *, seed: int = 7) -> dict[int, tuple[float, float]]:
    """Each connected component laid out by networkx's spring layout in a square whose side grows with the
    square root of its size, the squares packed in rows (largest first), all in [-1, 1]."""
    parts = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    row_width = max([1.2 * len(graph) ** 0.5] + [len(c) ** 0.5 for c in parts]) if parts else 1.0
    placed: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for part in parts:
        side = len(part) ** 0.5
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        inner = nx.spring_layout(graph.subgraph(part), seed=seed, center=(0.5, 0.5), scale=0.4) if len(part) > 1 \
            else {part[0]: (0.5, 0.5)}
        for node, (px, py) in inner.items():
            placed[node] = (x + side * float(px), y + side * float(py))
        x, row_height = x + side, max(row_height, side)
    height = max(y + row_height, 1e-9)
    return {n: (2 * px / row_width - 1, 1 - 2 * py / height) for n, (px, py) in placed.items()}


def _network_spec(nodes: list[Node], edges: list[Row], height: int) -> Spec:
    at = {n.id: n for n in nodes}
    links = []
    for k, e in enumerate(edges):
        a, b = at.get(e["source"]), at.get(e["target"])
        if a is None or b is None or a is b:
            continue
        cls = CLASSES[QUAD_CLASS.get(e["quad"], "uncoded")][0]
        title = f"{a.name} → {b.name}: {e['events']} {cls}"
        width = 2.0 + 2.0 * e["events"] ** 0.5
        links += [{"link": k, "x": a.x, "y": a.y, "end": 0, "width": width, "class": cls, "link_title": title},
                  {"link": k, "x": b.x, "y": b.y, "end": 1, "width": 0.6, "class": cls, "link_title": title}]
    points = [{"x": n.x, "y": n.y, "name": n.name, "events": n.events, "kind": n.kind or "",
               "country": n.country or "", "label": n.label, "href": "/actor?name=" + quote(n.name)}
              for n in nodes]
    axis = {"type": "quantitative", "axis": None, "scale": {"domain": [-1.15, 1.15], "nice": False, "zero": False}}
    return {
        "$schema": SCHEMA, "width": "container", "height": height,
        "layer": [
            {"data": {"values": links}, "mark": {"type": "trail", "opacity": 0.8},
             "encoding": {"x": {"field": "x", **axis}, "y": {"field": "y", **axis}, "detail": {"field": "link"},
                          "order": {"field": "end"}, "size": {"field": "width", "type": "quantitative", "scale": None},
                          "color": COLOUR, "tooltip": {"field": "link_title", "title": "Link"}}},
            {"data": {"values": points},
             "mark": {"type": "circle", "opacity": 0.9, "stroke": "#fff", "cursor": "pointer"},
             "params": [{"name": "zoom", "select": {"type": "interval", "encodings": ["x", "y"]}, "bind": "scales"}],
             "encoding": {"x": {"field": "x", **axis}, "y": {"field": "y", **axis},
                          "size": {"field": "events", "type": "quantitative", "title": "Events",
                                   "scale": {"range": [30, 900]}, "legend": None},
                          "color": {"value": "#3b6ea5"}, "href": {"field": "href"},
                          "tooltip": [{"field": "name", "title": "Actor"}, {"field": "kind", "title": "Kind"},
                                      {"field": "country", "title": "Country"},
                                      {"field": "events", "title": "Events"}]}},
            {"data": {"values": [p for p in points if p["label"]]},
             "mark": {"type": "text", "align": "left", "dx": 9, "fontSize": 12, "fontWeight": "bold"},
             "encoding": {"x": {"field": "x", **axis}, "y": {"field": "y", **axis}, "text": {"field": "name"}}},
        ],
        "config": {"view": {"stroke": None}},
    }


def map_chart(points: list[Row], *, height: int = 440) -> Spec:
    """Events on a world map (shapes from world-atlas, vendored): one circle per place and quad class, filled
    where the events give their own coordinates, hollow where they are drawn at their country's capital."""
    values = [{**p, "class": CLASSES[QUAD_CLASS.get(p.get("quad") or 0, "uncoded")][0],
               "how": "the event's place" if p["placed"] == "event" else "its actors' country (capital)"}
              for p in points]
    most = max([p["events"] for p in points] + [1])
    return {
        "$schema": SCHEMA, "width": "container", "height": height, "data": {"values": values},
        "projection": {"type": "equalEarth"},
        "layer": [
            {"data": {"url": "/static/vendor/world-atlas/countries-110m.json",
                      "format": {"type": "topojson", "feature": "countries"}},
             "mark": {"type": "geoshape", "fill": "#eef0f2", "stroke": "#b8bec5", "strokeWidth": 0.5}},
            _places("event", most, filled=True), _places("country", most, filled=False),
        ],
        "config": {"view": {"stroke": None}},
    }


def _places(placed: str, most: int, *, filled: bool) -> Spec:
    """The map's circles for events placed by their own coordinates, or by their actors' country."""
    return {
        "transform": [{"filter": {"field": "placed", "equal": placed}}],
        "mark": {"type": "point", "filled": filled, "strokeWidth": 2, "opacity": 0.75, "cursor": "pointer"},
        "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                     "latitude": {"field": "lat", "type": "quantitative"},
                     "size": {"field": "events", "type": "quantitative", "title": "Events",
                              "scale": {"domain": [0, most], "range": [0, 1200]}, "legend": None},
                     "color": COLOUR, "href": {"field": "href"},
                     "tooltip": [{"field": "place", "title": "Place"}, {"field": "types", "title": "Types"},
                                 {"field": "class", "title": "Quad class"}, {"field": "events", "title": "Events"},
                                 {"field": "how", "title": "Placed by"}]},
    }

"""The document view's pieces and the SVG geometry, on items written for the tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as hs

from newsgraph.document import Actor, Document, Event, Mention, Quote, SetAside, Span
from newsgraph.web import charts, highlight

TEXT = "Gondor hailed Arnor.\n\nCaption: Arnor's king\nGondor said it would \"help Arnor\" soon.\n"


def at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def document() -> Document:
    doc = Document(text=TEXT)
    doc.actors = [Actor("g", "Gondor", "country", mentions=[Mention(*at("Gondor", n), "Gondor") for n in (0, 1)]),
                  Actor("a", "Arnor", "country", mentions=[Mention(*at("Arnor", n), "Arnor") for n in (0, 1, 2)])]
    doc.quotes = [Quote(*at("help Arnor"), "help Arnor", id="q", speaker="g")]
    doc.events = [Event("e", "SUPPORT", "g", "a", Span(*at("hailed"), "hailed"), "Gondor hailed Arnor.",
                        spans=[Span(*at("Gondor hailed Arnor"), "Gondor hailed Arnor")])]
    doc.set_aside = [SetAside(*at("Caption: Arnor's king"), "Caption: Arnor's king", kind="caption")]
    return doc


def test_pieces_rebuild_every_non_empty_line() -> None:
    lines = highlight.lines(document())
    assert ["".join(p.text for p in line.pieces) for line in lines] == [
        "Gondor hailed Arnor.", "Caption: Arnor's king", 'Gondor said it would "help Arnor" soon.']
    assert [line.aside for line in lines] == [None, "caption", None]


@pytest.mark.parametrize(("text", "nth", "classes", "refs"), [
    ("Gondor", 0, ("ev", "m"), ("a0", "e0")),
    ("Gondor", 1, ("m",), ("a0",)),
    ("hailed", 0, ("ev", "t"), ("e0",)),
    ("help ", 0, ("q",), ("q0",)),
    ("Arnor", 2, ("m", "q"), ("a1", "q0")),
    ('" soon.', 0, (), ()),
])
def test_overlapping_items_combine_on_a_piece(text: str, nth: int, classes: tuple[str, ...],
                                              refs: tuple[str, ...]) -> None:
    pieces = [p for line in highlight.lines(document()) for p in line.pieces if p.text == text]
    assert (pieces[nth].classes, pieces[nth].refs) == (classes, refs)


@given(start=hs.integers(-50, 200), end=hs.integers(-50, 200))
def test_bad_offsets_never_break_the_view(start: int, end: int) -> None:
    doc = document()
    doc.quotes.append(Quote(start, end, "?", id="bad"))
    lines = highlight.lines(doc)
    assert "".join(p.text for line in lines for p in line.pieces) == TEXT.replace("\n", "")


def test_quad_chart_puts_cooperation_above_and_conflict_below_the_axis() -> None:
    rows = [{"period": "2021-01", "verbal_coop": 2, "material_coop": 1, "material_conflict": 3},
            {"period": "2021-02", "verbal_conflict": 1}]
    chart = charts.quad_chart(rows, height=200)
    above = [b for b in chart.bars if b.cls in charts.COOPERATION]
    below = [b for b in chart.bars if b.cls in charts.CONFLICT]
    assert all(b.y + b.height <= chart.axis_y + 1e-9 for b in above)
    assert all(b.y >= chart.axis_y - 1e-9 for b in below)
    heights = {(b.cls, b.title.split(":")[0]): b.height for b in chart.bars}
    assert heights[("verbal_coop", "2021-01")] == pytest.approx(2 * heights[("material_coop", "2021-01")])
    assert heights[("material_conflict", "2021-01")] == pytest.approx(3 * heights[("verbal_conflict", "2021-02")])
    assert [label.text for label in chart.labels] == ["2021-01", "2021-02", "0", "3", "3"]
    assert chart.labels[3].y < chart.axis_y < chart.labels[4].y


def test_quad_chart_without_conflict_labels_no_conflict_scale() -> None:
    chart = charts.quad_chart([{"period": "2021", "verbal_coop": 2}])
    assert [label.text for label in chart.labels] == ["2021", "0", "2"]
    assert chart.axis_y < chart.height - 40


def test_quad_chart_of_nothing_draws_no_bars() -> None:
    assert charts.quad_chart([]).bars == []


def network() -> dict[str, list[dict[str, object]]]:
    nodes = [{"id": i, "name": f"N{i}", "events": 1} for i in range(1, 8)]
    edges = [{"source": 1, "target": 2, "quad": 4, "events": 3}, {"source": 2, "target": 3, "quad": 1, "events": 1},
             {"source": 4, "target": 5, "quad": 2, "events": 1}, {"source": 6, "target": 6, "quad": 3, "events": 1}]
    return {"nodes": nodes, "edges": edges}


def test_network_graph_is_deterministic_inside_the_picture_and_draws_every_link() -> None:
    graph = charts.network_graph(network(), width=600, height=400)
    assert graph == charts.network_graph(network(), width=600, height=400)
    assert all(0 <= n.x <= 600 and 0 <= n.y <= 400 for n in graph.nodes)
    assert len({(round(n.x), round(n.y)) for n in graph.nodes}) == 7
    assert [e.cls for e in graph.edges] == ["material_conflict", "verbal_coop", "material_coop"]
    assert graph.edges[0].width > graph.edges[1].width


def test_network_components_are_laid_out_apart() -> None:
    graph = {n.id: n for n in charts.network_graph(network(), width=600, height=400).nodes}
    first = [graph[i] for i in (1, 2, 3)]
    box = (min(n.x for n in first), max(n.x for n in first), min(n.y for n in first), max(n.y for n in first))
    inside = [n for n in graph.values() if n.id not in (1, 2, 3)
              and box[0] < n.x < box[1] and box[2] < n.y < box[3]]
    assert inside == []

"""Charts and the network drawn as SVG geometry (rectangles, lines, circles, labels) for the templates.

Nothing here writes markup: it computes shapes; the Jinja templates render them, escaping every label.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

COOPERATION = ("verbal_coop", "material_coop")
CONFLICT = ("verbal_conflict", "material_conflict")


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    cls: str
    title: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass
class BarChart:
    """Cooperation stacked above the axis, conflict below it, one column per period."""

    width: int
    height: int
    axis_y: float
    bars: list[Rect] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)


def quad_chart(rows: list[dict[str, Any]], *, width: int = 760, height: int = 280) -> BarChart:
    """A bar chart of ``rows`` (period, counts per quad class): cooperation up, conflict down."""
    top, bottom, left = 20.0, 40.0, 40.0
    up = max([sum(r.get(k, 0) for k in COOPERATION) for r in rows] + [0])
    down = max([sum(r.get(k, 0) for k in CONFLICT) for r in rows] + [0])
    scale = (height - top - bottom) / (max(up, 0.25 * down, 1) + max(down, 0.25 * up, 1))
    axis = top + max(up, 0.25 * down, 1) * scale
    chart = BarChart(width=width, height=height, axis_y=axis)
    step = (width - left - 10) / max(len(rows), 1)
    bar = min(step * 0.7, 60.0)
    for i, row in enumerate(rows):
        x = left + i * step + (step - bar) / 2
        _stack(chart, row, COOPERATION, x=x, width=bar, base=axis, scale=-scale)
        _stack(chart, row, CONFLICT, x=x, width=bar, base=axis, scale=scale)
        chart.labels.append(Label(x + bar / 2, height - bottom + 16, str(row.get("period", ""))))
    chart.labels.append(Label(left - 6, axis + 4, "0", "end"))
    if up:
        chart.labels.append(Label(left - 6, axis - up * scale + 4, str(up), "end"))
    if down:
        chart.labels.append(Label(left - 6, axis + down * scale + 4, str(down), "end"))
    return chart


def _stack(chart: BarChart, row: dict[str, Any], keys: tuple[str, ...], *, x: float, width: float, base: float,
           scale: float) -> None:
    y = base
    for key in keys:
        n = row.get(key, 0)
        if not n:
            continue
        height = n * scale
        top = min(y, y + height)
        chart.bars.append(Rect(x, top, width, abs(height), key, f"{row.get('period', '')}: {n} {key}"))
        y += height


@dataclass(frozen=True)
class Node:
    id: int
    name: str
    x: float
    y: float
    r: float
    country: str | None


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    cls: str
    width: float
    title: str


@dataclass
class Graph:
    width: int
    height: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


QUAD_CLASS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}


def network_graph(data: dict[str, Any], *, width: int = 1200, height: int = 760, rounds: int = 120) -> Graph:
    """Place the network's nodes with a deterministic force layout and draw its edges between them."""
    nodes = data["nodes"]
    positions = _layout([n["id"] for n in nodes], [(e["source"], e["target"]) for e in data["edges"]],
                        rounds=rounds)
    pad, label_room = 30.0, 150.0
    graph = Graph(width=width, height=height)
    placed = {}
    for n in nodes:
        px, py = positions[n["id"]]
        node = Node(n["id"], n["name"], pad + px * (width - 2 * pad - label_room), pad + py * (height - 2 * pad),
                    4 + 2.5 * math.sqrt(n.get("events", 1)), n.get("country"))
        placed[n["id"]] = node
        graph.nodes.append(node)
    names = {n["id"]: n["name"] for n in nodes}
    for e in data["edges"]:
        a, b = placed.get(e["source"]), placed.get(e["target"])
        if a is None or b is None or a is b:
            continue
        x2, y2 = _short_of(a, b)
        graph.edges.append(Edge(a.x, a.y, x2, y2, QUAD_CLASS.get(e["quad"], "uncoded"),
                                1 + math.log2(e["events"]), f"{names[a.id]} → {names[b.id]}: {e['events']}"))
    return graph


def _short_of(a: Node, b: Node) -> tuple[float, float]:
    """The point on the line a -> b where b's circle begins (so the arrow head stays visible)."""
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    cut = min(b.r + 2, length / 2)
    return b.x - dx / length * cut, b.y - dy / length * cut


def _layout(ids: list[int], links: list[tuple[int, int]], *, rounds: int) -> dict[int, tuple[float, float]]:
    """Each connected component laid out on its own, then the components packed in rows, in the unit square."""
    boxes = [(group, math.sqrt(len(group))) for group in _components(ids, links)]
    row_width = max([math.sqrt(len(ids)) * 1.3] + [side for _, side in boxes])
    placed: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for group, side in boxes:
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        inner = _force_layout(group, [(a, b) for a, b in links if a in group], rounds=rounds)
        for node, (px, py) in inner.items():
            placed[node] = (x + side * (0.1 + 0.8 * px), y + side * (0.1 + 0.8 * py))
        x, row_height = x + side, max(row_height, side)
    width, height = row_width, max(y + row_height, 1e-9)
    return {node: (px / width, py / height) for node, (px, py) in placed.items()}


def _components(ids: list[int], links: list[tuple[int, int]]) -> list[set[int]]:
    """Connected components, largest first (ties in order of first appearance)."""
    parent = {i: i for i in ids}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in links:
        if a in parent and b in parent:
            parent[root(a)] = root(b)
    groups: dict[int, set[int]] = {}
    for i in ids:
        groups.setdefault(root(i), set()).add(i)
    return sorted(groups.values(), key=len, reverse=True)


def _force_layout(group: set[int], links: list[tuple[int, int]], *, rounds: int) -> dict[int, tuple[float, float]]:
    """Fruchterman-Reingold in the unit square, from a circle: the same input always gives the same picture."""
    ids = sorted(group)
    n = len(ids)
    pos = {i: [0.5 + 0.5 * math.cos(math.pi / 2 + 2 * math.pi * k / n),
               0.5 + 0.5 * math.sin(math.pi / 2 + 2 * math.pi * k / n)] for k, i in enumerate(ids)}
    ideal = 0.7 * math.sqrt(1.0 / n)
    for step in range(rounds if n > 2 else 0):
        moves = {i: [0.0, 0.0] for i in ids}
        _repel(pos, moves, ideal)
        for a, b in links:
            if a != b:
                _attract(pos, moves, a, b, ideal)
        heat = 0.1 * (1 - step / rounds)
        for i, (mx, my) in moves.items():
            size = math.hypot(mx, my) or 1.0
            pos[i][0] = min(1.0, max(0.0, pos[i][0] + mx / size * min(size, heat)))
            pos[i][1] = min(1.0, max(0.0, pos[i][1] + my / size * min(size, heat)))
    return {i: (p[0], p[1]) for i, p in pos.items()}


def _repel(pos: dict[int, list[float]], moves: dict[int, list[float]], ideal: float) -> None:
    ids = list(pos)
    for k, a in enumerate(ids):
        for b in ids[k + 1:]:
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            dist = math.hypot(dx, dy) or 1e-3
            force = ideal * ideal / dist
            moves[a][0] += dx / dist * force
            moves[a][1] += dy / dist * force
            moves[b][0] -= dx / dist * force
            moves[b][1] -= dy / dist * force


def _attract(pos: dict[int, list[float]], moves: dict[int, list[float]], a: int, b: int, ideal: float) -> None:
    dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
    dist = math.hypot(dx, dy) or 1e-3
    force = dist * dist / ideal
    moves[a][0] -= dx / dist * force
    moves[a][1] -= dy / dist * force
    moves[b][0] += dx / dist * force
    moves[b][1] += dy / dist * force

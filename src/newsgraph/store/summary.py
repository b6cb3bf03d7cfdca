"""The per-day dyad summary (``dyad_days``): linked events counted per directed pair, day and quad class.

Each cell (source entity, target entity, day) is recomputed from ``linked_events`` in the transaction
that changed one of its linked events, so the summary is exact (no running sums that drift) and a write
that fails leaves it as it was. On PostgreSQL a transaction-scoped advisory lock per cell makes concurrent
writers recompute one cell one after another, each seeing the other's committed rows.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, delete, false, func, insert, literal_column, select

from newsgraph.store import overview, schema

L, Y = schema.linked_events, schema.dyad_days
Cell = tuple[int, int, str]  # (source entity, target entity, day or "")
Key = tuple[int, int, str, int]  # a cell and a quad class
Counts = tuple[int, int, float]  # events, rated, intensity sum
COLUMNS = ("source_entity", "target_entity", "day", "quad", "events", "rated", "intensity_sum")


def grouped(*where: ColumnElement[bool]) -> Select[Any]:
    """The summary rows ``linked_events`` implies (optionally of some cells only), in ``COLUMNS`` order."""
    day = func.coalesce(L.c.date, literal_column("''"))
    quad = func.coalesce(L.c.quad, literal_column("0"))
    return (select(L.c.source_entity, L.c.target_entity, day.label("day"), quad.label("quad"),
                   func.count().label("events"), func.count(L.c.intensity).label("rated"),
                   func.coalesce(func.sum(L.c.intensity), literal_column("0.0")).label("intensity_sum"))
            .where(L.c.source_entity.is_not(None), L.c.target_entity.is_not(None), L.c.negated == false(), *where)
            .group_by(L.c.source_entity, L.c.target_entity, day, quad))


def rebuild(conn: Connection) -> None:
    """Build every summary again from the stored rows (bulk loads call this): this one and the dashboard's."""
    rebuild_dyads(conn)
    overview.rebuild(conn)


def rebuild_dyads(conn: Connection) -> None:
    """Build the whole dyad summary again from the linked events (its migration calls this)."""
    conn.execute(delete(Y))
    conn.execute(insert(Y).from_select(list(COLUMNS), grouped()))


def cells_of(conn: Connection, linked_ids: Iterable[int]) -> set[Cell]:
    """The cells these linked events count in (read before the events are recounted or removed)."""
    ids = sorted(set(linked_ids))
    cells: set[Cell] = set()
    for start in range(0, len(ids), 500):
        query = select(L.c.source_entity, L.c.target_entity, L.c.date).where(
            L.c.id.in_(ids[start:start + 500]), L.c.source_entity.is_not(None), L.c.target_entity.is_not(None))
        cells.update((s, t, d or "") for s, t, d in conn.execute(query))
    return cells


def refresh(conn: Connection, cells: Iterable[Cell]) -> None:
    """Recompute these cells from the linked events (in the caller's transaction)."""
    for source, target, day in sorted(cells):
        if conn.dialect.name == "postgresql":
            conn.execute(select(func.pg_advisory_xact_lock(func.hashtext(f"dyad_days {source} {target} {day}"))))
        conn.execute(delete(Y).where(Y.c.source_entity == source, Y.c.target_entity == target, Y.c.day == day))
        on_day = L.c.date == day if day else L.c.date.is_(None)
        conn.execute(insert(Y).from_select(list(COLUMNS), grouped(
            L.c.source_entity == source, L.c.target_entity == target, on_day)))


def mismatches(conn: Connection, *, shown: int = 10) -> Iterator[str]:
    """How the stored summary differs from what the linked events imply (at most ``shown`` lines and a count)."""
    stored = _cells(conn.execute(select(*(Y.c[c] for c in COLUMNS))))
    expected = _cells(conn.execute(grouped()))
    wrong = [key for key in sorted(stored.keys() | expected.keys())
             if not _same(stored.get(key), expected.get(key))]
    for key in wrong[:shown]:
        yield (f"dyad summary {key[0]}->{key[1]} on {key[2] or 'no date'} quad {key[3]}: "
               f"stored {_show(stored.get(key))}, the linked events say {_show(expected.get(key))}")
    if len(wrong) > shown:
        yield f"dyad summary: {len(wrong) - shown} more cell(s) disagree with the linked events"


def _cells(rows: Iterable[Any]) -> dict[Key, Counts]:
    return {(s, t, day, quad): (events, rated, float(total)) for s, t, day, quad, events, rated, total in rows}


def _same(a: Counts | None, b: Counts | None) -> bool:
    if a is None or b is None:
        return a is b
    return a[:2] == b[:2] and math.isclose(a[2], b[2], rel_tol=1e-9, abs_tol=1e-6)


def _show(counts: Counts | None) -> str:
    if counts is None:
        return "nothing"
    events, rated, total = counts
    return f"{events} event(s), {rated} rated, intensity sum {total:g}"

"""The web app's summaries: linked events per day and quad class (``quad_days``), per entity
(``entity_events``), per pair of entities (``pair_events``) and per entity and month (``entity_months``),
and row counts with a write counter (``store_totals``), so that the dashboard and the actor pages read a
few small tables instead of scanning the events.

They move by deltas inside each write's transaction: ``linking.refresh_linked`` reads the rows of the
linked events it recounts before and after (a linked event counts once it has a report) and ``shift``
applies the difference; documents, events, quotes and entities move the counts where they are written
and removed. ``rebuild`` computes everything from the tables (the migration and bulk loads), and
``mismatches`` (run by ``check``) reports where the stored summaries differ from that.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    Table,
    and_,
    case,
    delete,
    func,
    insert,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import ColumnElement

from newsgraph.store import schema

L, EV, E = schema.linked_events, schema.events, schema.entities
Q, N, P, T = schema.quad_days, schema.entity_events, schema.pair_events, schema.store_totals
M = schema.entity_months
#: The tables whose rows ``store_totals`` counts, by the name it counts them under.
COUNTED_TABLES: dict[str, Table] = {"documents": schema.documents, "entities": E, "linked_events": L,
                                    "events": EV, "quotes": schema.quotes}
WRITES = "writes"
Linked = tuple[Any, ...]  # (source entity, target entity, date, quad) of a linked event that counts
Key = tuple[Any, ...]
Changes = dict[Key, list[int]]
#: For each summary table: its key columns and its count columns (the first one says whether a row is kept).
SHAPES: dict[str, tuple[Table, tuple[str, ...], tuple[str, ...]]] = {
    "quad": (Q, ("day", "quad"), ("events",)),
    "entity": (N, ("entity",), ("events",)),
    "pair": (P, ("low", "high"), ("events", "cooperation", "conflict")),
    "entity month": (M, ("entity", "month", "quad"), ("events",)),
}


def counted(conn: Connection, linked_ids: Iterable[int]) -> list[Linked]:
    """The rows the summaries count for these linked events (those with at least one report)."""
    ids = sorted(set(linked_ids))
    rows: list[Linked] = []
    for start in range(0, len(ids), 500):
        query = select(L.c.source_entity, L.c.target_entity, L.c.date, L.c.quad).where(
            L.c.id.in_(ids[start:start + 500]), L.c.mentions > 0)
        rows += [tuple(r) for r in conn.execute(query)]
    return rows


def shift(conn: Connection, before: Sequence[Linked], after: Sequence[Linked]) -> None:
    """Move the summaries from counting ``before`` to counting ``after`` (the same linked events, recounted)."""
    changes = _tally(after, 1)
    for shape, removed in _tally(before, -1).items():
        for key, delta in removed.items():
            _add_to(changes[shape], key, delta)
    for shape, table_changes in changes.items():
        _apply(conn, *SHAPES[shape], table_changes)
    add(conn, linked_events=len(after) - len(before))


def _tally(rows: Iterable[Linked], sign: int) -> dict[str, Changes]:
    changes: dict[str, Changes] = {shape: {} for shape in SHAPES}
    for source, target, day, quad in rows:
        _add_to(changes["quad"], (day or "", quad or 0), [sign])
        for side in (source, target):
            if side is not None:
                _add_to(changes["entity"], (side,), [sign])
        if source is not None and target is not None and source != target:
            _add_to(changes["pair"], (min(source, target), max(source, target)),
                    [sign, sign * (quad in (1, 2)), sign * (quad in (3, 4))])
        for side in {source, target} - {None}:
            _add_to(changes["entity month"], (side, (day or "")[:7], quad or 0), [sign])
    return changes


def _add_to(changes: Changes, key: Key, delta: list[int]) -> None:
    now = changes.setdefault(key, [0] * len(delta))
    changes[key] = [a + b for a, b in zip(now, delta, strict=True)]


def _apply(conn: Connection, table: Table, keys: tuple[str, ...], values: tuple[str, ...], changes: Changes) -> None:
    """Add each change to its row (created when missing); rows whose count reaches 0 are removed."""
    upsert = postgresql.insert(table) if conn.dialect.name == "postgresql" else sqlite.insert(table)
    upsert = upsert.on_conflict_do_update(index_elements=list(keys),
                                          set_={v: table.c[v] + upsert.excluded[v] for v in values})
    for key, delta in sorted(changes.items()):
        if not any(delta):
            continue
        conn.execute(upsert.values(**dict(zip(keys, key, strict=True)), **dict(zip(values, delta, strict=True))))
        if delta[0] < 0:
            where = [table.c[k] == v for k, v in zip(keys, key, strict=True)]
            conn.execute(delete(table).where(*where, table.c[values[0]] <= 0))


def add(conn: Connection, **deltas: int) -> None:
    """Move the row counts (``documents=1, events=12``...) and the write counter (``writes=1``)."""
    for name, delta in sorted(deltas.items()):
        if delta:
            conn.execute(T.update().where(T.c.name == name).values(n=T.c.n + delta))


def forget_document(conn: Connection, doc: str) -> None:
    """Count a stored document, its events and quotes out (call before they are deleted)."""
    events = conn.scalar(select(func.count()).select_from(EV).where(EV.c.doc == doc)) or 0
    quotes = conn.scalar(select(func.count()).select_from(schema.quotes).where(schema.quotes.c.doc == doc)) or 0
    add(conn, documents=-1, events=-events, quotes=-quotes, writes=1)


def writes(conn: Connection) -> int:
    """The write counter: it differs from the last value read when the store changed since."""
    return int(conn.scalar(select(T.c.n).where(T.c.name == WRITES)) or 0)


def rebuild(conn: Connection, *, shapes: Iterable[str] = tuple(SHAPES), totals: bool = True) -> None:
    """Build these summaries (all by default) and the row counts again from the tables; the write counter
    moves on. (A migration names the summaries it creates.)"""
    for shape in shapes:
        table, keys, values = SHAPES[shape]
        conn.execute(delete(table))
        conn.execute(insert(table).from_select([*keys, *values], _expected(shape)))
    if totals:
        rebuild_totals(conn)


def rebuild_totals(conn: Connection) -> None:
    moved = writes(conn) + 1
    conn.execute(delete(T))
    totals = {**_expected_totals(conn), WRITES: moved}
    conn.execute(insert(T), [{"name": name, "n": n} for name, n in sorted(totals.items())])


def _counts(*where: ColumnElement[bool]) -> list[ColumnElement[bool]]:
    return [L.c.mentions > 0, *where]


def _expected(shape: str) -> Select[Any]:
    """What a summary table should hold, from the linked events, in its key and count columns' order."""
    if shape == "quad":
        day, quad = func.coalesce(L.c.date, literal_column("''")), func.coalesce(L.c.quad, literal_column("0"))
        columns = [day, quad, func.count().label("events")]
        return select(*columns).where(*_counts()).group_by(day, quad)
    if shape == "entity":
        sides = union_all(*(select(side.label("entity")).where(*_counts(side.is_not(None)))
                            for side in (L.c.source_entity, L.c.target_entity))).subquery()
        return select(sides.c.entity, func.count()).group_by(sides.c.entity)
    if shape == "entity month":
        return _entity_months()
    s, t = L.c.source_entity, L.c.target_entity
    low, high = case((s < t, s), else_=t), case((s < t, t), else_=s)
    return (select(low, high, func.count().label("events"), _quads(1, 2), _quads(3, 4))
            .where(*_counts(s.is_not(None), t.is_not(None), s != t)).group_by(low, high))


def _entity_months() -> Select[Any]:
    s, t = L.c.source_entity, L.c.target_entity
    month = func.substr(func.coalesce(L.c.date, literal_column("''")), 1, 7).label("month")
    quad = func.coalesce(L.c.quad, literal_column("0")).label("quad")
    other_side = and_(t.is_not(None), or_(s.is_(None), t != s))  # an entity on both sides counts once
    sides = union_all(select(s.label("entity"), month, quad).where(*_counts(s.is_not(None))),
                      select(t.label("entity"), month, quad).where(*_counts(other_side))).subquery()
    columns = [sides.c.entity, sides.c.month, sides.c.quad, func.count().label("events")]
    return select(*columns).group_by(sides.c.entity, sides.c.month, sides.c.quad)


def _quads(*quads: int) -> ColumnElement[Any]:
    return func.sum(case((L.c.quad.in_(quads), 1), else_=0))


def _expected_totals(conn: Connection) -> dict[str, int]:
    totals = {}
    for name, table in COUNTED_TABLES.items():
        where = _counts() if table is L else []
        totals[name] = int(conn.scalar(select(func.count()).select_from(table).where(*where)) or 0)
    return totals


def mismatches(conn: Connection, *, shown: int = 10) -> Iterator[str]:
    """How the stored dashboard summaries differ from the tables (per summary, ``shown`` lines and a count)."""
    for shape, (table, keys, values) in SHAPES.items():
        stored = _rows(conn.execute(select(*(table.c[c] for c in (*keys, *values)))), len(keys))
        expected = _rows(conn.execute(_expected(shape)), len(keys))
        wrong = sorted((k for k in stored.keys() | expected.keys() if stored.get(k) != expected.get(k)), key=str)
        for key in wrong[:shown]:
            yield (f"{shape} summary {'/'.join(map(str, key))}: stored {stored.get(key, 'nothing')}, "
                   f"the linked events say {expected.get(key, 'nothing')}")
        if len(wrong) > shown:
            yield f"{shape} summary: {len(wrong) - shown} more row(s) disagree with the linked events"
    stored_totals = {name: n for name, n in conn.execute(select(T.c.name, T.c.n))}
    for name, n in _expected_totals(conn).items():
        if stored_totals.get(name) != n:
            yield f"store totals: {name} stored {stored_totals.get(name, 'nothing')}, the table holds {n}"


def _rows(rows: Iterable[Any], width: int) -> dict[Key, tuple[int, ...]]:
    return {tuple(r[:width]): tuple(int(v) for v in r[width:]) for r in rows}

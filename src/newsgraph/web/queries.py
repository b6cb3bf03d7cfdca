"""Questions the web pages ask that the store's query module does not answer (built on the store's tables).

Each returns plain rows (dicts), like ``newsgraph.store.queries``; the JSON API returns them as they are.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, func, or_, select

from newsgraph.document import Document
from newsgraph.store import Store, read_document, schema
from newsgraph.store.queries import QUADS, period_of, resolve_entities

Row = dict[str, Any]
E, L, EV, D = schema.entities, schema.linked_events, schema.events, schema.documents


def counts(store: Store) -> Row:
    """How much the store holds: documents, entities, linked events, event mentions, quotes."""
    tables = {"documents": D, "actors": E, "events": L, "event_mentions": EV, "quotes": schema.quotes}
    with store.engine.connect() as conn:
        return {name: conn.scalar(select(func.count()).select_from(table)) or 0 for name, table in tables.items()}


def quad_series(store: Store, *, by: str = "month", entities: list[int] | None = None) -> list[Row]:
    """Linked events per period and quad class (optionally only those with one of ``entities`` as a side)."""
    query = select(L.c.date, L.c.quad, func.count()).group_by(L.c.date, L.c.quad)
    if entities is not None:
        query = query.where(or_(L.c.source_entity.in_(entities), L.c.target_entity.in_(entities)))
    with store.engine.connect() as conn:
        return by_period(conn.execute(query).all(), by)


def by_period(days: Any, by: str) -> list[Row]:
    """Rows of (day, quad, n) summed per period: one row per period with a count for each quad class."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for day, quad, n in days:
        row = table[period_of(day, by)]
        row[QUADS.get(quad, "uncoded")] += n
        row["events"] += n
    names = [*QUADS.values(), "uncoded", "events"]
    return [{"period": period, **{k: row[k] for k in names}} for period, row in sorted(table.items())]


def top_actors(store: Store, *, limit: int = 10) -> list[Row]:
    """The entities in the most linked events, as source or target."""
    side = select(L.c.source_entity.label("entity")).union_all(select(L.c.target_entity.label("entity"))).subquery()
    query = (select(E.c.id, E.c.name, E.c.kind, E.c.country, func.count().label("events"))
             .select_from(side.join(E, E.c.id == side.c.entity))
             .group_by(E.c.id, E.c.name, E.c.kind, E.c.country).order_by(func.count().desc(), E.c.name).limit(limit))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def top_dyads(store: Store, *, limit: int = 10) -> list[Row]:
    """The pairs of entities with the most linked events between them (either direction)."""
    src, tgt = E.alias("src"), E.alias("tgt")
    query = (select(src.c.name, tgt.c.name, L.c.source_entity, L.c.target_entity, L.c.quad, func.count())
             .select_from(L.join(src, src.c.id == L.c.source_entity).join(tgt, tgt.c.id == L.c.target_entity))
             .where(L.c.source_entity != L.c.target_entity)
             .group_by(src.c.name, tgt.c.name, L.c.source_entity, L.c.target_entity, L.c.quad))
    pairs: dict[tuple[int, int], Row] = {}
    with store.engine.connect() as conn:
        for a_name, b_name, a, b, quad, n in conn.execute(query):
            key, names = ((a, b), (a_name, b_name)) if a < b else ((b, a), (b_name, a_name))
            row = pairs.setdefault(key, {"a": names[0], "b": names[1], "events": 0, "cooperation": 0, "conflict": 0})
            row["events"] += n
            if quad in (1, 2):
                row["cooperation"] += n
            elif quad in (3, 4):
                row["conflict"] += n
    return sorted(pairs.values(), key=lambda r: (-r["events"], r["a"], r["b"]))[:limit]


def documents(store: Store, *, limit: int = 50) -> list[Row]:
    """Stored documents, newest first, with how many events each holds."""
    n_events = select(EV.c.doc, func.count().label("n")).group_by(EV.c.doc).subquery()
    query = (select(D.c.hash.label("doc"), D.c.title, D.c.published, D.c.source,
                    func.coalesce(n_events.c.n, 0).label("events"))
             .select_from(D.outerjoin(n_events, n_events.c.doc == D.c.hash))
             .order_by(D.c.published.desc(), D.c.hash).limit(limit))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def document(store: Store, doc: str) -> Document | None:
    """One stored document record, as extraction produced it."""
    with store.engine.connect() as conn:
        return read_document(conn, doc)


def _linked_rows(conn: Connection, query: Select[Any]) -> list[Row]:
    rows = [dict(r) for r in conn.execute(query).mappings()]
    firsts: dict[int, Row] = {}
    ids = [r["id"] for r in rows]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for r in conn.execute(select(EV.c.linked, EV.c.doc, EV.c.evidence).where(EV.c.linked.in_(chunk))
                              .order_by(EV.c.doc, EV.c.ord)).mappings():
            firsts.setdefault(r["linked"], dict(r))
    return [{**r, "doc": firsts.get(r["id"], {}).get("doc"), "evidence": firsts.get(r["id"], {}).get("evidence", "")}
            for r in rows]


def _linked_select() -> Select[Any]:
    src, tgt = E.alias("src"), E.alias("tgt")
    return (select(L.c.id, L.c.date, L.c.type, L.c.source_entity, src.c.name.label("source"),
                   L.c.target_entity, tgt.c.name.label("target"), L.c.quad, L.c.intensity, L.c.negated,
                   L.c.mentions, L.c.articles)
            .select_from(L.outerjoin(src, src.c.id == L.c.source_entity).outerjoin(tgt, tgt.c.id == L.c.target_entity)))


def dyad_events(store: Store, a: str, b: str, *, limit: int = 200) -> list[Row]:
    """Linked events between the entities known as ``a`` and ``b`` (either direction), oldest first."""
    with store.engine.connect() as conn:
        first, second = resolve_entities(conn, a), resolve_entities(conn, b)
        if not first or not second:
            return []
        where = or_(and_(L.c.source_entity.in_(first), L.c.target_entity.in_(second)),
                    and_(L.c.source_entity.in_(second), L.c.target_entity.in_(first)))
        return _linked_rows(conn, _linked_select().where(where).order_by(L.c.date, L.c.id).limit(limit))


def network(store: Store, *, type: str | None = None, since: str | None = None, until: str | None = None,
            limit: int = 300) -> Row:
    """Actors as nodes and linked events as edges (one edge per directed pair and quad class)."""
    where: list[ColumnElement[bool]] = [L.c.source_entity.is_not(None), L.c.target_entity.is_not(None)]
    if type:
        where.append(L.c.type == type.upper())
    if since:
        where.append(L.c.date >= since)
    if until:
        where.append(L.c.date <= until + "\uffff")
    query = (select(L.c.source_entity, L.c.target_entity, L.c.quad, func.count().label("events"))
             .where(*where).group_by(L.c.source_entity, L.c.target_entity, L.c.quad)
             .order_by(func.count().desc()).limit(limit))
    with store.engine.connect() as conn:
        edges = [{"source": s, "target": t, "quad": q, "events": n} for s, t, q, n in conn.execute(query)]
        ids = {e["source"] for e in edges} | {e["target"] for e in edges}
        nodes = [dict(r) for r in conn.execute(select(E.c.id, E.c.name, E.c.kind, E.c.country)
                                               .where(E.c.id.in_(ids)).order_by(E.c.id)).mappings()]
        types = list(conn.scalars(select(L.c.type).distinct().order_by(L.c.type)))
    weight: Counter[int] = Counter()
    for e in edges:
        weight[e["source"]] += e["events"]
        weight[e["target"]] += e["events"]
    return {"nodes": [{**n, "events": weight[n["id"]]} for n in nodes], "edges": edges, "types": types}


def entity_ids(store: Store, name: str) -> list[int]:
    """The entities known by ``name`` (the store's own resolution)."""
    with store.engine.connect() as conn:
        return resolve_entities(conn, name)

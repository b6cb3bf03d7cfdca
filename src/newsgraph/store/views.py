"""The views the web pages read that the store's query module does not answer (built on the store's tables).

Each returns plain rows (dicts), like ``newsgraph.store.queries``; the JSON API returns them as they are.
The dashboard reads the store's small summary tables (``newsgraph.store.overview``) and indexed, limited
lists, so that its cost does not grow with the number of events.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, func, not_, or_, select

from newsgraph.document import DESCRIBED_VIAS, Document
from newsgraph.store import Store, overview, read_document, schema
from newsgraph.store.queries import QUADS, dyad_keys, period_of, resolve_entities

Row = dict[str, Any]
E, L, EV, D = schema.entities, schema.linked_events, schema.events, schema.documents
Q, N, P, T = schema.quad_days, schema.entity_events, schema.pair_events, schema.store_totals
M, A = schema.entity_months, schema.actors


#: The dashboard's count names and the store totals they show.
COUNTS = {"documents": "documents", "actors": "entities", "events": "linked_events", "event_mentions": "events",
          "quotes": "quotes"}


def counts(store: Store) -> Row:
    """How much the store holds: documents, entities, linked events, event mentions, quotes."""
    with store.engine.connect() as conn:
        totals = {name: n for name, n in conn.execute(select(T.c.name, T.c.n))}
    return {shown: int(totals.get(name, 0)) for shown, name in COUNTS.items()}


def writes(store: Store) -> int:
    """The store's write counter: a different value means the store changed."""
    with store.engine.connect() as conn:
        return overview.writes(conn)


def quad_series(store: Store, *, by: str = "month", entities: list[int] | None = None) -> list[Row]:
    """Linked events per period and quad class (optionally only those with one of ``entities`` as a side)."""
    if entities is None:
        return _all_quads(store, by)
    if len(entities) == 1 and by in ("month", "year"):
        return _entity_quads(store, entities[0], by)
    query = (select(L.c.date, L.c.quad, func.count()).group_by(L.c.date, L.c.quad)
             .where(or_(L.c.source_entity.in_(entities), L.c.target_entity.in_(entities))))
    with store.engine.connect() as conn:
        return by_period(conn.execute(query).all(), by)


def _all_quads(store: Store, by: str) -> list[Row]:
    """From the per-day summary (summed per month or year in the database)."""
    length = {"year": 4, "month": 7}.get(by)
    day = func.substr(Q.c.day, 1, length) if length else Q.c.day
    query = select(day, Q.c.quad, func.sum(Q.c.events)).group_by(day, Q.c.quad)
    with store.engine.connect() as conn:
        return by_period(conn.execute(query).all(), by)


def _entity_quads(store: Store, entity: int, by: str) -> list[Row]:
    """From the per-entity monthly summary."""
    query = select(M.c.month, M.c.quad, M.c.events).where(M.c.entity == entity)
    with store.engine.connect() as conn:
        return by_period(conn.execute(query).all(), by)


def by_period(days: Any, by: str) -> list[Row]:
    """Rows of (day, quad, n) summed per period: one row per period with a count for each quad class."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for day, quad, n in days:
        row = table[period_of(day or None, by)]
        row[QUADS.get(quad, "uncoded")] += n
        row["events"] += n
    names = [*QUADS.values(), "uncoded", "events"]
    return [{"period": period, **{k: row[k] for k in names}} for period, row in sorted(table.items())]


def top_actors(store: Store, *, limit: int = 10) -> list[Row]:
    """The entities in the most linked events, as source or target (from the per-entity summary)."""
    query = (select(E.c.id, E.c.name, E.c.kind, E.c.country, N.c.events)
             .select_from(N.join(E, E.c.id == N.c.entity)).order_by(N.c.events.desc(), E.c.name).limit(limit))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def top_dyads(store: Store, *, limit: int = 10) -> list[Row]:
    """The pairs of entities with the most linked events between them, either direction (the per-pair summary)."""
    low, high = E.alias("low"), E.alias("high")
    query = (select(low.c.name.label("a"), high.c.name.label("b"), P.c.events, P.c.cooperation, P.c.conflict)
             .select_from(P.join(low, low.c.id == P.c.low).join(high, high.c.id == P.c.high))
             .order_by(P.c.events.desc(), low.c.name, high.c.name).limit(limit))
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def documents(store: Store, *, limit: int = 50) -> list[Row]:
    """Stored documents, newest first (undated last), with how many events each holds (counted for those shown)."""
    query = (select(D.c.hash.label("doc"), D.c.title, D.c.published, D.c.source)
             .order_by(D.c.published.desc().nulls_last(), D.c.hash).limit(limit))
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
        shown = [r["doc"] for r in rows]
        counted = select(EV.c.doc, func.count()).where(EV.c.doc.in_(shown)).group_by(EV.c.doc)
        n_events = {doc: n for doc, n in conn.execute(counted)} if shown else {}
    return [{**r, "events": n_events.get(r["doc"], 0)} for r in rows]


def document(store: Store, doc: str) -> Document | None:
    """One stored document record, as extraction produced it."""
    with store.engine.connect() as conn:
        return read_document(conn, doc)


def _linked_rows(conn: Connection, rows: list[Row]) -> list[Row]:
    """The rows with the document and evidence sentence of each one's first report."""
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
    """Linked events between the entities known as ``a`` and ``b`` (either direction), oldest first (undated
    ones last): per directed pair, the first ``limit`` read in order from the dyad key's index, then merged."""
    with store.engine.connect() as conn:
        keys = dyad_keys(conn, a, b)
        found: dict[int, Row] = {}
        for key in keys:
            for where, order in ((L.c.date > "", (L.c.date, L.c.id)), (L.c.date.is_(None), (L.c.id,))):
                query = _linked_select().where(L.c.dyad == key, where).order_by(*order).limit(limit)
                found.update((r["id"], dict(r)) for r in conn.execute(query).mappings())
        rows = sorted(found.values(), key=lambda r: (r["date"] is None, r["date"] or "", r["id"]))
        return _linked_rows(conn, rows[:limit])


def network(store: Store, *, type: str | None = None, since: str | None = None, until: str | None = None,
            country: str | None = None, min_events: int = 1, limit: int = 300) -> Row:
    """Actors as nodes and linked events as edges (one edge per directed pair and quad class, kept when it holds
    at least ``min_events``); only actors the texts name, or organized groups ("police"), never "two people"."""
    where = [L.c.source_entity.in_(named_entities()), L.c.target_entity.in_(named_entities()),
             *_filters(type=type, since=since, until=until, country=country)]
    query = (select(L.c.source_entity, L.c.target_entity, L.c.quad, func.count().label("events"))
             .where(*where).group_by(L.c.source_entity, L.c.target_entity, L.c.quad)
             .having(func.count() >= min_events).order_by(func.count().desc()).limit(limit))
    with store.engine.connect() as conn:
        edges = [{"source": s, "target": t, "quad": q, "events": n} for s, t, q, n in conn.execute(query)]
        ids = {e["source"] for e in edges} | {e["target"] for e in edges}
        nodes = [dict(r) for r in conn.execute(select(E.c.id, E.c.name, E.c.kind, E.c.country)
                                               .where(E.c.id.in_(ids)).order_by(E.c.id)).mappings()]
        types = list(conn.scalars(select(L.c.type).distinct().order_by(L.c.type)))
        countries = list(conn.scalars(select(E.c.country).where(E.c.country.is_not(None)).distinct()
                                      .order_by(E.c.country)))
    weight: Counter[int] = Counter()
    for e in edges:
        weight[e["source"]] += e["events"]
        weight[e["target"]] += e["events"]
    return {"nodes": [{**n, "events": weight[n["id"]]} for n in nodes], "edges": edges, "types": types,
            "countries": countries}


def named_entities() -> Select[Any]:
    """The entities one of whose actors a text names, or describes as an organized group (a sector other than
    civilians: "police", "the cabinet"); not those only described as people ("two people", "his supporters")."""
    described = A.c.via.in_(sorted(DESCRIBED_VIAS))
    group = A.c.via.in_(("group", "institution"))
    organized = and_(group, A.c.sector.is_not(None), A.c.sector != "CVL")
    return select(A.c.entity).where(A.c.entity.is_not(None), or_(not_(described), organized))


def _filters(*, type: str | None, since: str | None, until: str | None,
             country: str | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if type:
        where.append(L.c.type == type.upper())
    if since:
        where.append(L.c.date >= since)
    if until:
        where.append(L.c.date <= until + "\uffff")
    if country:
        ids_in = select(E.c.id).where(E.c.country == country.upper())
        where.append(or_(L.c.source_entity.in_(ids_in), L.c.target_entity.in_(ids_in)))
    return where


def map_events(store: Store, *, type: str | None = None, since: str | None = None, until: str | None = None,
               country: str | None = None, limit: int = 20_000) -> list[Row]:
    """Linked events with where they happened: the coordinates of their first report that has some (stores
    whose events carry ``lat``/``lon``), and their source's country, else their target's."""
    src, tgt = E.alias("src"), E.alias("tgt")
    query = (select(L.c.id, L.c.type, L.c.quad, src.c.country.label("source_country"),
                    tgt.c.country.label("target_country"))
             .select_from(L.outerjoin(src, src.c.id == L.c.source_entity).outerjoin(tgt, tgt.c.id == L.c.target_entity))
             .where(*_filters(type=type, since=since, until=until, country=country))
             .order_by(L.c.date.desc(), L.c.id.desc()).limit(limit))
    with store.engine.connect() as conn:
        rows = [dict(r) for r in conn.execute(query).mappings()]
        places = _event_places(conn, [r["id"] for r in rows])
    return [{**r, **places.get(r["id"], {})} for r in rows]


def _event_places(conn: Connection, ids: list[int]) -> dict[int, Row]:
    """Each linked event's place from its first report with coordinates (none where the store has none)."""
    lat, lon, place = EV.c.get("lat"), EV.c.get("lon"), EV.c.get("place")
    if lat is None or lon is None:
        return {}
    found: dict[int, Row] = {}
    name = place if place is not None else EV.c.location
    for start in range(0, len(ids), 500):
        query = (select(EV.c.linked, name.label("place"), lat.label("lat"), lon.label("lon"))
                 .where(EV.c.linked.in_(ids[start:start + 500]), lat.is_not(None), lon.is_not(None))
                 .order_by(EV.c.doc, EV.c.ord))
        for r in conn.execute(query).mappings():
            found.setdefault(r["linked"], {"place": place_name(r["place"]), "lat": r["lat"], "lon": r["lon"]})
    return found


def place_name(stored: str | None) -> str:
    """A stored place as a reader names it: the location object's resolved name and country code (stores
    from before places were resolved keep a bare name)."""
    if not stored or not stored.startswith("{"):
        return stored or ""
    place = json.loads(stored)
    name = place.get("resolved_place") or place.get("extracted_place") or ""
    return f"{name} ({place['country_code']})" if place.get("country_code") else name


def entity_ids(store: Store, name: str) -> list[int]:
    """The entities known by ``name`` (the store's own resolution)."""
    with store.engine.connect() as conn:
        return resolve_entities(conn, name)

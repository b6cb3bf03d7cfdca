"""Cross-document linking: one entity per real-world actor, one linked event per real-world event.

Actors merge conservatively: the same kind, the same name key (``names.name_key``) and countries
that agree. Only a country the article gives for the actor itself counts (a title, an apposition, its name,
a known person or organization); one taken from the story's context is not evidence, so an entity never
takes it and it never keeps two entities apart. Of several entities that fit, the one with the same country,
then the one with most articles, is taken. A one-word person name (a surname) joins a person entity only
when exactly one such entity fits; countries merge on their code. An entity is looked up by its names (the
mentions that name it, not pronouns, titles or descriptions). An actor the text only describes ("police",
"a federal judge") joins only the same description of the same evidenced state, and a person so described
no other article's.
Events merge when type, negation, source entity and target entity are the same and their days are at
most one day apart (the event's own date, else the article's publication date)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, distinct, func, insert, select, update

from newsgraph.document import Actor, Document, Event
from newsgraph.names import evidenced_country, is_name, is_named, name_key
from newsgraph.store import overview, schema, summary

E = schema.entities
L = schema.linked_events


def countries_agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def link_document(conn: Connection, document: Document) -> None:
    """Link the (already written) document's actors to entities and its events to linked events."""
    entity_of: dict[str, int] = {}
    for ord_, actor in enumerate(document.actors):
        entity = link_actor(conn, actor)
        entity_of.setdefault(actor.id, entity)
        conn.execute(update(schema.actors).where(schema.actors.c.doc == document.hash,
                                                 schema.actors.c.ord == ord_).values(entity=entity))
    touched = set()
    for ord_, event in enumerate(document.events):
        linked = link_event(conn, event, entity_of.get(event.source or ""), entity_of.get(event.target or ""),
                            event_day(event, document))
        conn.execute(update(schema.events).where(schema.events.c.doc == document.hash,
                                                 schema.events.c.ord == ord_).values(linked=linked))
        touched.add(linked)
    refresh_linked(conn, touched)


def link_actor(conn: Connection, actor: Actor) -> int:
    """The entity this actor is, creating one when no existing entity fits."""
    key = name_key(actor.name)
    country = evidenced_country(actor.country, from_context=actor.country_from_context)
    entity = _match(conn, actor, key, country) if key else None
    if entity is None:
        entity = _create(conn, actor, key, country)
    else:
        _absorb(conn, entity, actor, key, country)
    names = {key} | {name_key(m.text) for m in actor.mentions if is_name(m.via)}
    add_names(conn, entity, names)
    return entity


def _match(conn: Connection, actor: Actor, key: str, country: str | None) -> int | None:
    if actor.kind == "country" and actor.country:
        same = _candidates(conn, E.c.kind == "country", E.c.country == actor.country)
        if len(same) == 1:
            return same[0]
    if not is_named(actor.via):
        return _described(conn, actor, key, country)
    exact = _fitting(conn, actor.kind, country, E.c.key == key)
    if exact:
        return exact[0]
    if actor.kind != "person":
        return None
    tokens = key.split()
    if len(tokens) == 1:
        by_surname = _fitting(conn, actor.kind, country, E.c.surname == tokens[0])
        return by_surname[0] if len(by_surname) == 1 else None
    return _adoptable(conn, actor, tokens[-1], country)


def _described(conn: Connection, actor: Actor, key: str, country: str | None) -> int | None:
    """An actor the text only describes is a group of one state's ("police" of the USA) or no other article's
    (a person named by role, a group of no evidenced state)."""
    if actor.kind == "person" or country is None:
        return None
    same = _candidates(conn, E.c.kind == actor.kind, E.c.key == key, E.c.country == country)
    return same[0] if same else None


def _adoptable(conn: Connection, actor: Actor, surname: str, country: str | None) -> int | None:
    """A surname-only person entity the full name can take over, when no other full name has that surname."""
    if _candidates(conn, E.c.kind == "person", E.c.surname == surname):
        return None
    alone = _fitting(conn, actor.kind, country, E.c.key == surname)
    return alone[0] if len(alone) == 1 else None


def _fitting(conn: Connection, kind: str, country: str | None, *where: ColumnElement[bool]) -> list[int]:
    """The entities of this kind that fit, whose country agrees: the same country first, then most articles."""
    A = schema.actors
    articles = select(func.count(distinct(A.c.doc))).where(A.c.entity == E.c.id).scalar_subquery()
    rows = conn.execute(select(E.c.id, E.c.country, articles.label("articles")).where(E.c.kind == kind, *where)).all()
    fit = [r for r in rows if countries_agree(r.country, country)]
    return [r.id for r in sorted(fit, key=lambda r: (country is None or r.country != country, -r.articles, r.id))]


def _candidates(conn: Connection, *where: ColumnElement[bool]) -> list[int]:
    return list(conn.scalars(select(E.c.id).where(*where)))


def _create(conn: Connection, actor: Actor, key: str, country: str | None) -> int:
    tokens = key.split()
    surname = tokens[-1] if actor.kind == "person" and len(tokens) > 1 else None
    result = conn.execute(insert(E).values(name=actor.name, kind=actor.kind, country=country,
                                           key=key, surname=surname).returning(E.c.id))
    overview.add(conn, entities=1)
    return int(result.scalar_one())


def _absorb(conn: Connection, entity: int, actor: Actor, key: str, country: str | None) -> None:
    """A longer name becomes the entity's name; an evidenced country fills a missing one."""
    row = conn.execute(select(E).where(E.c.id == entity)).one()
    changes: dict[str, Any] = {}
    if len(key.split()) > len(row.key.split()):
        tokens = key.split()
        changes.update(name=actor.name, key=key, surname=tokens[-1] if actor.kind == "person" else None)
    if row.country is None and country:
        changes["country"] = country
    if changes:
        conn.execute(update(E).where(E.c.id == entity).values(**changes))


def add_names(conn: Connection, entity: int, keys: Iterable[str]) -> None:
    N = schema.entity_names
    have = set(conn.scalars(select(N.c.key).where(N.c.entity == entity)))
    new = sorted({k for k in keys if k} - have)
    if new:
        conn.execute(insert(N), [{"entity": entity, "key": k} for k in new])


def event_day(event: Event, document: Document) -> str | None:
    """The day an event is placed on: its own full date, else the article's publication day."""
    for value in (event.date, document.published):
        if value and parse_day(value[:10]):
            return value[:10]
    return None


def parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def link_event(conn: Connection, event: Event, source: int | None, target: int | None, day: str | None) -> int:
    """The linked event this report belongs to, creating one when none fits."""
    where = [L.c.type == event.type, L.c.negated == event.negated,
             L.c.source_entity.is_(None) if source is None else L.c.source_entity == source,
             L.c.target_entity.is_(None) if target is None else L.c.target_entity == target,
             L.c.date.is_(None) if day is None else L.c.date.in_(_days_around(day))]
    rows = conn.execute(select(L.c.id, L.c.date).where(*where).order_by(L.c.id)).all()
    if rows:
        return int(min(rows, key=lambda r: _distance(r.date, day)).id)
    result = conn.execute(insert(L).values(
        type=event.type, negated=event.negated, source_entity=source, target_entity=target, date=day,
        quad=event.quad, intensity=event.intensity, mentions=0, articles=0, sources=0,
        dyad=dyad_key(source, target)).returning(L.c.id))
    return int(result.scalar_one())


def dyad_key(source: int | None, target: int | None) -> str | None:
    return f"{source}:{target}" if source is not None and target is not None else None


def _days_around(day: str) -> list[str]:
    middle = date.fromisoformat(day)
    return [(middle + timedelta(days=d)).isoformat() for d in (-1, 0, 1)]


def _distance(a: str | None, b: str | None) -> int:
    if a is None or b is None:
        return 0
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def linked_counts(conn: Connection, linked: int) -> dict[str, Any]:
    """What a linked event's counts and means should be, from its member reports."""
    ev, docs = schema.events, schema.documents
    row = conn.execute(
        select(func.count().label("mentions"), func.count(distinct(ev.c.doc)).label("articles"),
               func.count(distinct(docs.c.source)).label("sources"), func.avg(ev.c.intensity).label("intensity"),
               func.max(ev.c.quad).label("quad"))
        .select_from(ev.join(docs, docs.c.hash == ev.c.doc)).where(ev.c.linked == linked)).one()
    return dict(row._mapping)


def refresh_linked(conn: Connection, linked_ids: Iterable[int]) -> None:
    """Recount linked events (those left with no report are removed) and the dyad summary cells they are in."""
    ids = sorted(set(linked_ids))
    cells, before = summary.cells_of(conn, ids), overview.counted(conn, ids)
    for linked in ids:
        counts = linked_counts(conn, linked)
        if counts["mentions"] == 0:
            conn.execute(delete(L).where(L.c.id == linked))
        else:
            conn.execute(update(L).where(L.c.id == linked).values(**counts))
    summary.refresh(conn, cells)
    overview.shift(conn, before, overview.counted(conn, ids))


def unlink_document(conn: Connection, doc: str) -> tuple[set[int], set[int]]:
    """The linked events and entities a document contributes to (read before it is deleted)."""
    linked = set(conn.scalars(select(schema.events.c.linked).where(schema.events.c.doc == doc)))
    entities = set(conn.scalars(select(schema.actors.c.entity).where(schema.actors.c.doc == doc)))
    return {x for x in linked if x is not None}, {x for x in entities if x is not None}


def prune(conn: Connection, linked: set[int], entities: set[int]) -> None:
    """After a document is deleted: recount its linked events, drop entities no actor is left in."""
    refresh_linked(conn, linked)
    A = schema.actors
    for entity in sorted(entities):
        if conn.execute(select(A.c.doc).where(A.c.entity == entity).limit(1)).first() is None:
            conn.execute(delete(schema.entity_names).where(schema.entity_names.c.entity == entity))
            conn.execute(delete(E).where(E.c.id == entity))
            overview.add(conn, entities=-1)

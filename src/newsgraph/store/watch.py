"""The watcher's state in the store: feeds and their conditional-request headers, the article links they
listed, and the alerts raised. Several watchers may share one PostgreSQL store: each claims a feed or an
entry with ``FOR UPDATE SKIP LOCKED`` and holds the row lock while it works on it, so no two fetch the
same one (a killed watcher's lock goes with its connection). A SQLite store takes one watcher at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from newsgraph.store import schema
from newsgraph.store.db import Store
from newsgraph.store.linking import dyad_key

Row = dict[str, Any]
F, N, A = schema.watch_feeds, schema.watch_entries, schema.alerts
PENDING, DONE, FAILED, SKIPPED = "pending", "done", "failed", "skipped"


@dataclass(frozen=True)
class FeedState:
    """A feed as the store knows it: where, what its server last said, how many failures in a row."""

    url: str
    name: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0


@dataclass(frozen=True)
class EntryState:
    """An article link to fetch, with what its feed said of it and how many times it was tried."""

    link: str
    feed: str
    title: str | None = None
    published: str | None = None
    attempts: int = 0


def _insert(store: Store, table: Any) -> Any:
    """An INSERT that skips rows whose key is already there (the first writer wins)."""
    dialect = postgresql if store.dialect == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing()


def add_feeds(store: Store, feeds: Sequence[tuple[str, str]], *, at: str) -> None:
    """Add the (name, url) feeds the store does not watch yet, due now."""
    if not feeds:
        return
    rows = [{"url": url, "name": name, "due_at": at, "failures": 0} for name, url in feeds]
    with store.engine.begin() as conn:
        conn.execute(_insert(store, F), rows)


def add_entries(store: Store, entries: Sequence[EntryState], *, at: str) -> int:
    """Record newly listed links (one row per link, whichever feed listed it first); returns how many were new."""
    added = 0
    with store.engine.begin() as conn:
        for e in entries:
            found = conn.execute(_insert(store, N).values(
                link=e.link, feed=e.feed, title=e.title, published=e.published, seen_at=at, status=PENDING,
                attempts=0, due_at=at).returning(N.c.link)).scalar()
            added += found is not None
    return added


@contextmanager
def _claimed(store: Store, query: Select[Any]) -> Iterator[tuple[Connection, Row | None]]:
    """The first row ``query`` finds that no other watcher holds, and a connection to update it through; on
    PostgreSQL the row stays locked until the block ends (committed) or fails (rolled back)."""
    with store.engine.connect() as conn:
        if store.dialect == "postgresql":
            with conn.begin():
                row = conn.execute(query.with_for_update(skip_locked=True)).mappings().first()
                yield conn, dict(row) if row else None
            return
        row = conn.execute(query).mappings().first()
        conn.commit()
        yield conn, dict(row) if row else None
        conn.commit()


@contextmanager
def claim_feed(store: Store, *, at: str, skip: Sequence[str] = ()) -> Iterator[tuple[Connection, FeedState | None]]:
    """A feed due at ``at`` (not one of ``skip``), held while the block runs."""
    query = select(F).where(F.c.due_at <= at).order_by(F.c.due_at, F.c.url).limit(1)
    if skip:
        query = query.where(F.c.url.not_in(list(skip)))
    with _claimed(store, query) as (conn, row):
        yield conn, FeedState(url=row["url"], name=row["name"], etag=row["etag"], last_modified=row["last_modified"],
                              failures=row["failures"]) if row else None


def feed_checked(conn: Connection, url: str, *, at: str, due_at: str, etag: str | None = None,
                 last_modified: str | None = None, reason: str | None = None) -> None:
    """Record a feed's check: its new headers and next due time on success, its reason on failure."""
    values: Row = {"checked_at": at, "due_at": due_at, "reason": reason}
    if reason is None:
        values.update(failures=0, etag=etag, last_modified=last_modified)
    else:
        values["failures"] = F.c.failures + 1
    conn.execute(update(F).where(F.c.url == url).values(**values))


@contextmanager
def claim_entry(store: Store, *, at: str, skip: Sequence[str] = ()) -> Iterator[tuple[Connection, EntryState | None]]:
    """The pending entry due at ``at`` published first (undated ones last, then in the order seen), held
    while the block runs."""
    query = (select(N).where(N.c.status == PENDING, N.c.due_at <= at)
             .order_by(N.c.published.is_(None), N.c.published, N.c.seen_at, N.c.link).limit(1))
    if skip:
        query = query.where(N.c.link.not_in(list(skip)))
    with _claimed(store, query) as (conn, row):
        yield conn, EntryState(link=row["link"], feed=row["feed"], title=row["title"], published=row["published"],
                               attempts=row["attempts"]) if row else None


def entry_done(conn: Connection, link: str, *, status: str, attempts: int, due_at: str, outcome: str | None = None,
               reason: str | None = None) -> None:
    """Record what became of an entry: done (with the ingest's outcome), pending again at ``due_at``
    (a transient failure), failed or skipped (with the reason)."""
    conn.execute(update(N).where(N.c.link == link).values(status=status, outcome=outcome, reason=reason,
                                                          attempts=attempts, due_at=due_at))


def feeds(store: Store) -> list[Row]:
    """Every watched feed with its last check and last failure."""
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(F).order_by(F.c.name, F.c.url)).mappings()]


def entries(store: Store, *, status: str | None = None) -> list[Row]:
    """The entries (optionally of one status), in the order the watcher takes them."""
    query = select(N).order_by(N.c.published.is_(None), N.c.published, N.c.seen_at, N.c.link)
    if status:
        query = query.where(N.c.status == status)
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def entry_counts(store: Store) -> dict[str, int]:
    """How many entries are pending, done, failed and skipped."""
    with store.engine.connect() as conn:
        return {s: n for s, n in conn.execute(select(N.c.status, func.count()).group_by(N.c.status))}


def events_before_watch(conn: Connection) -> int:
    """The last linked event id stored before the watch began: rules look at later ones."""
    value = conn.execute(select(schema.watch_meta.c.value).where(schema.watch_meta.c.name == "events_before_watch"))
    return int(value.scalar() or 0)


def add_alert(store: Store, alert: Row) -> int | None:
    """Store an alert unless one with its key is stored; returns its id when it is new."""
    row = {**alert, "events": json.dumps(alert["events"], ensure_ascii=False)}
    with store.engine.begin() as conn:
        found = conn.execute(_insert(store, A).values(**row).returning(A.c.id)).scalar()
        return int(found) if found is not None else None


def take_undelivered(store: Store, *, at: str) -> list[Row]:
    """The alerts not delivered yet, each marked as taken (so that no other watcher delivers it too)."""
    taken = []
    with store.engine.connect() as conn:
        for alert_id in list(conn.scalars(select(A.c.id).where(A.c.delivered_at.is_(None)).order_by(A.c.id))):
            result = conn.execute(update(A).where(A.c.id == alert_id, A.c.delivered_at.is_(None))
                                  .values(delivered_at=at))
            conn.commit()
            if result.rowcount == 1:
                taken.append(alert_id)
    return alerts(store, ids=taken) if taken else []


def alert_delivered(store: Store, alert_id: int, delivery: str) -> None:
    """Record where an alert went (and any channel that failed, with its reason)."""
    with store.engine.begin() as conn:
        conn.execute(update(A).where(A.c.id == alert_id).values(delivery=delivery))


def alerts(store: Store, *, limit: int | None = None, ids: Sequence[int] | None = None) -> list[Row]:
    """Alerts, newest first, each with its events decoded."""
    query = select(A).order_by(A.c.id.desc())
    if ids is not None:
        query = query.where(A.c.id.in_(list(ids)))
    if limit:
        query = query.limit(limit)
    with store.engine.connect() as conn:
        return [{**r, "events": json.loads(r["events"])} for r in conn.execute(query).mappings()]


# ---------------------------------------------------------------- what the alert rules read
L, E, EV, D = schema.linked_events, schema.entities, schema.events, schema.documents


def watched_events(conn: Connection, *, after: int | None = None, dyads: Sequence[str] | None = None,
                   quads: Sequence[int] | None = None, types: Sequence[str] | None = None,
                   entities: Sequence[int] | None = None, dated: bool = False, two_sided: bool = False) -> list[Row]:
    """Linked events (not negated) with their sides' names, in order of date and id: stored after the linked
    event ``after``, in ``dyads``, of ``quads`` or ``types``, with one of ``entities`` as a side, ``dated``,
    ``two_sided`` (two different entities)."""
    where: list[ColumnElement[bool]] = [L.c.negated.is_(False)]
    if after is not None:
        where.append(L.c.id > after)
    if dyads is not None:
        where.append(L.c.dyad.in_(dyads))
    if quads is not None:
        where.append(L.c.quad.in_(quads))
    if types:
        where.append(L.c.type.in_(types))
    if entities is not None:
        where.append(or_(L.c.source_entity.in_(entities), L.c.target_entity.in_(entities)))
    if dated:
        where.append(L.c.date > "")
    if two_sided:
        where += [L.c.dyad.is_not(None), L.c.source_entity != L.c.target_entity]
    src, tgt = E.alias("src"), E.alias("tgt")
    query = (select(L.c.id, L.c.date, L.c.type, L.c.quad, L.c.intensity, L.c.source_entity, L.c.target_entity,
                    src.c.name.label("source"), tgt.c.name.label("target"))
             .select_from(L.outerjoin(src, src.c.id == L.c.source_entity).outerjoin(tgt, tgt.c.id == L.c.target_entity))
             .where(and_(*where)).order_by(L.c.date, L.c.id))
    return [dict(r) for r in conn.execute(query).mappings()]


def earlier_of_type(conn: Connection, row: Row) -> bool:
    """Whether a linked event of ``row``'s type between its two sides (either way) was stored before it."""
    s, t = row["source_entity"], row["target_entity"]
    earlier = select(L.c.id).where(L.c.type == row["type"], L.c.id < row["id"], L.c.negated.is_(False),
                                   L.c.dyad.in_([dyad_key(s, t), dyad_key(t, s)])).limit(1)
    return conn.execute(earlier).first() is not None


def event_reports(conn: Connection, ids: Sequence[int]) -> dict[int, list[Row]]:
    """Each linked event's reports: its document's hash, title and URL and the evidence sentence."""
    query = (select(EV.c.linked, EV.c.doc, EV.c.evidence, D.c.title, D.c.url)
             .select_from(EV.join(D, D.c.hash == EV.c.doc)).where(EV.c.linked.in_(ids)).order_by(EV.c.doc, EV.c.ord))
    found: dict[int, list[Row]] = {}
    for r in conn.execute(query).mappings():
        found.setdefault(r["linked"], []).append(dict(r))
    return found

"""Questions asked of the store; each returns plain rows (dicts) that the CLI prints as table, CSV or JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    and_,
    case,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement

from newsgraph.names import is_alias, name_key
from newsgraph.store import schema
from newsgraph.store.db import Store
from newsgraph.store.filters import QueryError, country_or_none
from newsgraph.store.linking import dyad_key

Row = dict[str, Any]
E, L, EV, D = schema.entities, schema.linked_events, schema.events, schema.documents
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
PERIODS = ("day", "week", "month", "year")
#: Where a row comes from: its document's hash, URL, outlet (else its URL's host), title and publication date.
PROVENANCE = (D.c.hash.label("doc"), D.c.url, D.c.source.label("outlet"), D.c.title, D.c.published)
#: Where an event happened: the place's name (from the location object), country and point.
PLACE = (EV.c.place, EV.c.place_country, EV.c.lat, EV.c.lon)
EMPTY_REPORT: Row = {"doc": None, "url": None, "outlet": None, "title": None, "published": None, "event": None,
                     "evidence": "", "place": None, "place_country": None, "lat": None, "lon": None}
#: Up to this many documents found by the full-text index, ``events --text`` tests only their reports.
FEW_DOCUMENTS = 2_000


def resolve_entities(conn: Connection, name: str) -> list[int]:
    """The entities known by this name (any stored name or mention), else the persons with this surname."""
    key = name_key(name)
    if not key:
        return []
    N = schema.entity_names
    found = list(conn.scalars(select(N.c.entity).where(N.c.key == key).distinct()))
    return found or list(conn.scalars(select(E.c.id).where(E.c.surname == key)))


def dyad_keys(conn: Connection, a: str, b: str, *, with_self: bool = True) -> list[str]:
    """The dyad keys, both ways, of every pair of an entity known by ``a`` and one known by ``b``
    (``with_self=False``: not an entity with itself)."""
    first, second = resolve_entities(conn, a), resolve_entities(conn, b)
    pairs = {pair for s in first for t in second for pair in ((s, t), (t, s)) if with_self or s != t}
    return sorted(key for key in (dyad_key(s, t) for s, t in pairs) if key is not None)


def events(store: Store, *, actor: str | None = None, country: str | None = None, type: str | None = None,
           quad: int | None = None, since: str | None = None, until: str | None = None, text: str | None = None,
           limit: int | None = 100) -> list[Row]:
    """Linked events (one row per real-world event), newest first, with their counts and one evidence sentence."""
    with store.engine.connect() as conn:
        where = _event_filters(conn, country=country, type=type, quad=quad, since=since, until=until, text=text)
        if actor is None:
            rows = _newest(conn, where, limit)
        else:
            rows = _newest_of_actor(conn, resolve_entities(conn, actor), where, limit)
        return _with_evidence(conn, rows)


def _newest(conn: Connection, where: list[ColumnElement[bool]], limit: int | None) -> list[Row]:
    query = _linked_select().where(*where).order_by(L.c.date.desc(), L.c.id.desc())
    return [dict(r) for r in conn.execute(query.limit(limit) if limit else query).mappings()]


def _newest_of_actor(conn: Connection, ids: list[int], where: list[ColumnElement[bool]],
                     limit: int | None) -> list[Row]:
    """Per entity, as source and as target apart, so that each query reads its (entity, date) index in order."""
    found: dict[int, Row] = {}
    for entity in ids:
        for side in (L.c.source_entity, L.c.target_entity):
            for row in _newest(conn, [side == entity, *where], limit):
                found[row["id"]] = row
    rows = sorted(found.values(), key=lambda r: (r["date"] or "", r["id"]), reverse=True)
    return rows[:limit] if limit else rows


def event_columns() -> list[tuple[str, type]]:
    """The columns of an ``events`` row, with the Python type of their values (None aside): the linked
    event's, then its first report's provenance and place (``EMPTY_REPORT``'s keys)."""
    report = {c.name: c.type.python_type for c in (*PROVENANCE, *PLACE)} | {"event": str, "evidence": str}
    return ([(c.name, c.type.python_type) for c in _linked_select().selected_columns]
            + [(name, report[name]) for name in EMPTY_REPORT])


def _linked_select() -> Select[Any]:
    src, tgt = E.alias("src"), E.alias("tgt")
    return (select(L.c.id, L.c.date, L.c.type, src.c.name.label("source"), src.c.country.label("source_country"),
                   tgt.c.name.label("target"), tgt.c.country.label("target_country"), L.c.quad, L.c.intensity,
                   L.c.negated, L.c.mentions, L.c.articles, L.c.sources)
            .select_from(L.outerjoin(src, src.c.id == L.c.source_entity).outerjoin(tgt, tgt.c.id == L.c.target_entity)))


def _event_filters(conn: Connection, *, country: str | None, type: str | None, quad: int | None,
                   since: str | None, until: str | None, text: str | None) -> list[ColumnElement[bool]]:
    where = _simple_filters(type=type, quad=quad, since=since, until=until)
    if country is not None:
        ids_in = select(E.c.id).where(E.c.country == (country_or_none(country) or country.upper()))
        where.append(or_(L.c.source_entity.in_(ids_in), L.c.target_entity.in_(ids_in)))
    if text:
        where.append(_text_filter(conn, text))
    return where


def _text_filter(conn: Connection, text: str) -> ColumnElement[bool]:
    """Linked events with a report whose evidence contains ``text`` (case-insensitive).

    When the full-text index finds few documents with its words, only their reports are tested; when the
    words are common (or none can be looked up), each candidate event's reports are tested in turn, and
    the other filters and the order by date find the newest matches first.
    """
    contains = func.lower(EV.c.evidence).contains(text.lower(), autoescape=True)
    docs = _documents_with_words(conn, text, most=FEW_DOCUMENTS)
    if docs is None:
        return exists(select(EV.c.linked).where(EV.c.linked == L.c.id, contains))
    return L.c.id.in_(select(EV.c.linked).where(EV.c.doc.in_(docs), contains))


def _documents_with_words(conn: Connection, text: str, *, most: int) -> list[str] | None:
    """The documents the full-text index finds with the words of ``text`` (the last one as a prefix).

    None when the index cannot narrow the search: no word, only stop words (PostgreSQL), or more than
    ``most`` documents. The evidence is a sentence of its document, so the documents only narrow.
    """
    words = re.findall(r"\w+", text)
    if not words:
        return None
    S = schema.search_index
    if conn.dialect.name == "sqlite":
        found = literal_column("search_index").op("MATCH")(" ".join(f'"{w}"' for w in words) + "*")
    else:
        query = func.to_tsquery("english", " & ".join(f"'{w}'" for w in words) + ":*")
        if not conn.scalar(select(func.numnode(query))):
            return None
        found = literal_column("tsv").op("@@")(query)
    docs = list(conn.scalars(select(S.c.doc).where(found, S.c.kind == "document").limit(most + 1)))
    return docs if len(docs) <= most else None


def _simple_filters(*, type: str | None, quad: int | None, since: str | None,
                    until: str | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if type:
        where.append(L.c.type == type.upper())
    if quad is not None:
        where.append(L.c.quad == quad)
    if since:
        where.append(L.c.date >= since)
    if until:
        where.append(L.c.date <= until + "\uffff")
    return where


def _with_evidence(conn: Connection, rows: list[Row]) -> list[Row]:
    """Each linked event with its first report's provenance: evidence sentence, document, place."""
    ids = [r["id"] for r in rows]
    first: dict[int, Row] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        query = (select(EV.c.linked, *PROVENANCE, EV.c.event_id.label("event"), EV.c.evidence, *PLACE)
                 .select_from(EV.join(D, D.c.hash == EV.c.doc)).where(EV.c.linked.in_(chunk))
                 .order_by(EV.c.doc, EV.c.ord))
        for report in conn.execute(query).mappings():
            first.setdefault(report["linked"], {**{k: v for k, v in report.items() if k != "linked"},
                                                "place": place_name(report["place"])})
    return [{**r, **first.get(r["id"], EMPTY_REPORT)} for r in rows]


def place_name(place: str | None) -> str | None:
    """The resolved name of a stored location object (JSON)."""
    return json.loads(place)["resolved_place"] if place else None


def actor(store: Store, name: str, *, limit: int = 20) -> list[Row]:
    """A profile of each entity known by ``name``: aliases, roles, quotes, events, frequent counterparts."""
    with store.engine.connect() as conn:
        return [_profile(conn, entity, limit) for entity in resolve_entities(conn, name)]


def _profile(conn: Connection, entity: int, limit: int) -> Row:
    row = conn.execute(select(E.c.id, E.c.name, E.c.kind, E.c.country).where(E.c.id == entity)).mappings().one()
    A = schema.actors
    members = conn.execute(select(A.c.name, A.c.roles, A.c.sector, A.c.doc).where(A.c.entity == entity)).all()
    return {**row,
            "aliases": sorted(profile_aliases(conn, entity, members)),
            "roles": sorted({role for m in members for role in json.loads(m.roles)}),
            "sectors": sorted({m.sector for m in members if m.sector}),
            "documents": len({m.doc for m in members}),
            "quotes": _quotes(conn, [entity], None, limit),
            "as_source": _events_of(conn, L.c.source_entity == entity, limit),
            "as_target": _events_of(conn, L.c.target_entity == entity, limit),
            "counterparts": _counterparts(conn, entity, limit)}


def profile_aliases(conn: Connection, entity: int, members: Sequence[Any] | None = None) -> set[str]:
    """The entity's aliases over its articles: its actors' names and the mentions that are aliases (names,
    titles of roles it holds, descriptions; never pronouns)."""
    A, M = schema.actors, schema.mentions
    if members is None:
        members = conn.execute(select(A.c.name, A.c.roles).where(A.c.entity == entity)).all()
    roles = {role for m in members for role in json.loads(m.roles)}
    rows = conn.execute(select(M.c.text, M.c.via, M.c.role).distinct().select_from(M.join(
        A, and_(A.c.doc == M.c.doc, A.c.ord == M.c.actor_ord))).where(A.c.entity == entity))
    return {m.name for m in members} | {r.text for r in rows if is_alias(r.text, r.via, r.role, roles)}


def _events_of(conn: Connection, where: ColumnElement[bool], limit: int) -> list[Row]:
    query = _linked_select().where(where).order_by(L.c.date.desc(), L.c.id.desc()).limit(limit)
    return _with_evidence(conn, [dict(r) for r in conn.execute(query).mappings()])


def _counterparts(conn: Connection, entity: int, limit: int) -> list[Row]:
    """The entities with the most linked events with this one, either direction (from the per-pair summary)."""
    P = schema.pair_events
    found: list[tuple[int, int]] = []
    for mine, other in ((P.c.low, P.c.high), (P.c.high, P.c.low)):  # each side read in its index's order
        found += [(o, n) for o, n in conn.execute(select(other, P.c.events).where(mine == entity)
                                                  .order_by(P.c.events.desc(), other).limit(limit))]
    top = sorted(found, key=lambda r: (-r[1], r[0]))[:limit]
    names = {r.id: r.name for r in conn.execute(select(E.c.id, E.c.name).where(E.c.id.in_([o for o, _ in top])))}
    return [{"id": other, "name": names.get(other, ""), "events": n} for other, n in top]


def quotes(store: Store, *, speaker: str | None = None, text: str | None = None,
           limit: int | None = 100) -> list[Row]:
    """Quotes with their speaker's entity, newest article first; filter by speaker name and quote text."""
    with store.engine.connect() as conn:
        ids = resolve_entities(conn, speaker) if speaker else None
        if ids == []:
            return []
        return _quotes(conn, ids, text, limit)


def _quotes(conn: Connection, entity_ids: list[int] | None, text: str | None, limit: int | None) -> list[Row]:
    Q, A = schema.quotes, schema.actors
    joined = (Q.join(D, D.c.hash == Q.c.doc)
              .outerjoin(A, and_(A.c.doc == Q.c.doc, A.c.actor_id == Q.c.speaker))
              .outerjoin(E, E.c.id == A.c.entity))
    query = (select(*PROVENANCE, func.coalesce(E.c.name, A.c.name).label("speaker"),
                    Q.c.kind, Q.c.cue, Q.c.text, Q.c.start, Q.c.end).select_from(joined)
             .order_by(D.c.published.desc(), Q.c.doc, Q.c.ord))
    if entity_ids is not None:
        query = query.where(A.c.entity.in_(entity_ids))
    if text:
        query = query.where(func.lower(Q.c.text).contains(text.lower()))
    return _with_sentences(conn, [dict(r) for r in conn.execute(query.limit(limit) if limit else query).mappings()])


def figures(store: Store, *, what: str | None = None, text: str | None = None, limit: int | None = 100) -> list[Row]:
    """Figures (numbers and what they count), newest article first; filter by what they count and sentence text."""
    F = schema.figures
    query = (select(*PROVENANCE, F.c.text, F.c.value, F.c.unit, F.c.approx, F.c.what, F.c.start, F.c.end)
             .select_from(F.join(D, D.c.hash == F.c.doc)).order_by(D.c.published.desc(), F.c.doc, F.c.ord))
    if what:
        query = query.where(func.lower(F.c.what) == what.lower())
    with store.engine.connect() as conn:
        rows = _with_sentences(conn, [dict(r) for r in conn.execute(query).mappings()] if text else
                               [dict(r) for r in conn.execute(query.limit(limit) if limit else query).mappings()])
    if text:
        rows = [r for r in rows if text.lower() in r["evidence"].lower()]
    return rows[:limit] if limit else rows


def _with_sentences(conn: Connection, rows: list[Row]) -> list[Row]:
    """Each row (with ``doc``, ``start`` and ``end``) with the sentences of its document that hold it."""
    texts = {r.hash: r.text for r in conn.execute(select(D.c.hash, D.c.text).where(
        D.c.hash.in_({r["doc"] for r in rows})))}
    return [{**r, "evidence": sentence_around(texts.get(r["doc"], ""), r["start"], r["end"])} for r in rows]


#: Where a sentence ends: after . ! ? (and a closing quote or bracket) before a capital or an opening quote,
#: or at a line break.
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


def sentence_number(text: str, start: int) -> int:
    """The number (from 1) of the sentence that begins at or holds offset ``start``."""
    number = 1
    for match in SENTENCE_END.finditer(text):
        if match.end() > start:
            break
        number += 1
    return number


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` that hold [start, end), found by punctuation and line breaks."""
    begin = 0
    for match in SENTENCE_END.finditer(text):
        if match.end() > start:
            break
        begin = match.end()
    after = SENTENCE_END.search(text, max(end, begin))
    return " ".join(text[begin:after.start() if after else len(text)].split())


def resolve_side(conn: Connection, name: str) -> list[int]:
    """The entities a dyad side stands for: every actor of a state it names (by name, demonym or ISO code),
    else the entities known by the name."""
    code = country_or_none(name)
    if code is not None:
        found = list(conn.scalars(select(E.c.id).where(E.c.country == code)))
        if found:
            return found
    return resolve_entities(conn, name)


def dyad(store: Store, a: str, b: str, *, by: str = "month", directed: bool = False,
         strict: bool = False) -> list[Row]:
    """How relations between two actors (or states) move: linked events per period and quad class, mean
    intensity. ``strict``: a side that names no stored actor nor state raises ``QueryError``."""
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    with store.engine.connect() as conn:
        first, second = resolve_side(conn, a), resolve_side(conn, b)
        if strict:
            for name, ids in ((a, first), (b, second)):
                if not ids:
                    raise QueryError(f"dyad: no actor or country known as {name!r} in the store")
        if not first or not second:
            return []
        pairs = [(first, second)]
        if not directed and set(first) != set(second):
            pairs.append((second, first))
        rows: list[Any] = list(conn.execute(_dyad_periods(pairs, by)))
    if by == "week":
        rows = _weeks(rows)
    return sorted((_period_row(*r) for r in rows), key=lambda r: str(r["period"]))


def _dyad_periods(pairs: list[tuple[list[int], list[int]]], by: str) -> Select[Any]:
    """From the per-day summary, one row per day (month, year): counts per quad class, events, intensity."""
    Y = schema.dyad_days
    chosen = [select(Y).where(Y.c.source_entity.in_(s), Y.c.target_entity.in_(t)) for s, t in pairs]
    days = (union_all(*chosen) if len(chosen) > 1 else chosen[0]).subquery()
    period = func.substr(days.c.day, 1, {"year": 4, "month": 7}.get(by, 10)).label("period")
    per_quad = [func.sum(case((days.c.quad == q, days.c.events), else_=0)).label(name) for q, name in QUADS.items()]
    return (select(period, *per_quad, func.sum(days.c.events), func.sum(days.c.intensity_sum), func.sum(days.c.rated))
            .group_by(period))


def _weeks(days: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Rows per day summed per ISO week."""
    weeks: dict[str, list[Any]] = {}
    for day, *counts in days:
        week = period_of(day, "week")
        weeks[week] = [a + b for a, b in zip(weeks[week], counts, strict=True)] if week in weeks else counts
    return [(week, *counts) for week, counts in weeks.items()]


def _period_row(period: str | None, *counts: Any) -> Row:
    *quads, events, total, rated = counts
    return {"period": period or "undated", **{name: int(n or 0) for name, n in zip(QUADS.values(), quads, strict=True)},
            "events": int(events or 0), "mean_intensity": round(total / rated, 3) if rated else None}


def period_of(day: str | None, by: str) -> str:
    """The period a day falls in: the day itself, its ISO week (2019-W05), its month or its year."""
    if not day:
        return "undated"
    if by == "week" and len(day) >= 10:
        year, week, _ = date.fromisoformat(day[:10]).isocalendar()
        return f"{year}-W{week:02d}"
    return day[:{"year": 4, "month": 7}.get(by, 10)]


def search(store: Store, query: str, *, limit: int = 20) -> list[Row]:
    """Full-text search over article text and quotes (FTS5 on SQLite, tsvector on PostgreSQL)."""
    words = re.findall(r"\w+", query)
    if not words:
        return []
    with store.engine.connect() as conn:
        hits = _fts_sqlite(conn, words, limit) if store.is_sqlite else _fts_postgres(conn, " ".join(words), limit)
        titles = {r.hash: r.title for r in conn.execute(
            select(D.c.hash, D.c.title).where(D.c.hash.in_({h["doc"] for h in hits})))}
    return [{"doc": h["doc"], "title": titles.get(h["doc"]), "kind": h["kind"], "ref": h["ref"],
             "snippet": " ".join(h["snippet"].split())} for h in hits]


def _fts_sqlite(conn: Connection, words: list[str], limit: int) -> list[Row]:
    match = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    sql = text("SELECT doc, kind, ref, snippet(search_index, 3, '[', ']', '…', 16) AS snippet "
               "FROM search_index WHERE search_index MATCH :q ORDER BY rank LIMIT :n")
    return [dict(r) for r in conn.execute(sql, {"q": match, "n": limit}).mappings()]


def _fts_postgres(conn: Connection, words: str, limit: int) -> list[Row]:
    sql = text("SELECT doc, kind, ref, ts_headline('english', body, q, "
               "'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet "
               "FROM search_index, plainto_tsquery('english', :q) AS q WHERE tsv @@ q "
               "ORDER BY ts_rank(tsv, q) DESC, doc, ref LIMIT :n")
    return [dict(r) for r in conn.execute(sql, {"q": words, "n": limit}).mappings()]

"""PLOVER JSON records of the linked events, with the field names and objects of the PLOVER manual.

One record per linked event (``id``, ``date``, ``actor`` and ``recipient`` as lists of entity objects,
``event``, ``mode``, ``context``, ``event_loc`` as a location object, ``event_text``, ``quad_code``,
``event_scale``, ``text_info``, ``cite_info``, and ``dead``/``injured``/``arrested``/``size`` from the figures
in the event's sentence); its first report (oldest document first) gives the text, sides and place. Fields
beyond the manual's (the manual allows them) keep the store's evidence: ``mentions``, ``num_articles``,
``num_sources``, ``negated``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, and_, select

from newsgraph.geo import sentence_span
from newsgraph.store import queries, schema
from newsgraph.store.db import Store

Row = dict[str, Any]
CODEBOOK = "plover-base"
#: Figures' ``what`` words and the size field each fills.
SIZE_FIELDS = {"dead": "dead", "killed": "dead", "died": "dead", "executed": "dead",
               "wounded": "injured", "injured": "injured", "hurt": "injured",
               "arrested": "arrested", "detained": "arrested", "jailed": "arrested",
               "casualties": "size", "victims": "size"}


def plover_records(store: Store) -> Iterator[Row]:
    """Every linked event as a PLOVER JSON record, oldest first."""
    from newsgraph import __version__

    with store.engine.connect() as conn:
        linked = conn.execute(select(schema.linked_events).order_by(schema.linked_events.c.date,
                                                                    schema.linked_events.c.id)).mappings().all()
        for start in range(0, len(linked), 500):
            chunk = linked[start:start + 500]
            reports = _reports(conn, [r["id"] for r in chunk])
            for row in chunk:
                yield record(dict(row), reports.get(row["id"], []), version=__version__)


def record(linked: Row, reports: list[Row], *, version: str) -> Row:
    """One PLOVER record from a linked event and its reports (the first one speaks for it)."""
    first = reports[0] if reports else {}
    date, comment = _day(linked["date"])
    found: Row = {
        "id": f"newsgraph-{linked['id']}", "date": date,
        "actor": [_entity(first["source"])] if first.get("source") else [],
        "recipient": [_entity(first["target"])] if first.get("target") else [],
        "event": [linked["type"]], "mode": [first["mode"]] if first.get("mode") else [], "context": [],
        "event_loc": first.get("place"), "event_text": [r["evidence"] for r in reports],
        "quad_code": linked["quad"], "event_scale": linked["intensity"],
        "text_info": first.get("text_info"), "cite_info": _cite(first, version) if first else None,
        "coder": f"newsgraph {version}", "negated": bool(linked["negated"]),
        "num_mentions": linked["mentions"], "num_articles": linked["articles"], "num_sources": linked["sources"],
        "mentions": [{"doc": r["doc"], "url": r["url"], "trigger": r["trigger"]} for r in reports],
    }
    if comment:
        found["comment"] = comment
    found.update(_sizes(reports))
    return found


def _day(value: str | None) -> tuple[str | None, str | None]:
    """The record's date (YYYY-MM-DD), and a comment where only a month or year is known."""
    if value and len(value) >= 10:
        return value[:10], None
    return None, f"date known only as {value}" if value else "date unknown"


def _entity(actor: Row) -> Row:
    entity: Row = {"code": actor["country"], "sector": actor["sector"], "entity_text": actor["name"],
                   "identifier_text": actor["entity_name"] or actor["name"]}
    roles = json.loads(actor["roles"] or "[]")
    if actor["kind"] == "person" and roles:
        entity["office"] = roles[0]
    return entity


def _cite(report: Row, version: str) -> Row:
    return {"corpus": "newsgraph store", "citation": report["doc"], "url": report["url"], "title": report["title"],
            "language": "en", "publication": report["outlet"], "coder": f"newsgraph {version}",
            "codebook": CODEBOOK, "version": version}


def _sizes(reports: list[Row]) -> Row:
    """dead, injured, arrested, size: the largest figure of each in the sentence of a report."""
    sizes: Row = {}
    for report in reports:
        for what, value in report["figures"]:
            field = SIZE_FIELDS.get((what or "").lower())
            if field is not None:
                sizes[field] = max(sizes.get(field, 0), int(value))
    return sizes


def _reports(conn: Connection, ids: list[int]) -> dict[int, list[Row]]:
    """The reports of these linked events (oldest document first), each with its sides, place, document,
    sentence offsets and the figures its sentence holds."""
    EV, D, A, E = schema.events, schema.documents, schema.actors, schema.entities
    query = (select(EV.c.linked, EV.c.doc, EV.c.ord, EV.c.source, EV.c.target, EV.c.mode, EV.c.evidence,
                    EV.c.place, EV.c.trigger_start, EV.c.trigger_end, EV.c.trigger_text, D.c.url, D.c.title,
                    D.c.source.label("outlet"), D.c.published, D.c.text)
             .select_from(EV.join(D, D.c.hash == EV.c.doc)).where(EV.c.linked.in_(ids))
             .order_by(D.c.published, EV.c.doc, EV.c.ord))
    found: dict[int, list[Row]] = {}
    rows = conn.execute(query).mappings().all()
    docs = {r["doc"] for r in rows}
    actors = {(a["doc"], a["actor_id"]): dict(a) for a in conn.execute(
        select(A.c.doc, A.c.actor_id, A.c.name, A.c.kind, A.c.country, A.c.sector, A.c.roles,
               E.c.name.label("entity_name")).select_from(A.outerjoin(E, E.c.id == A.c.entity))
        .where(A.c.doc.in_(docs))).mappings()}
    figures = _figures(conn, docs)
    for r in rows:
        start, end = sentence_span(r["text"], r["evidence"], r["trigger_start"])
        found.setdefault(r["linked"], []).append({
            "doc": r["doc"], "url": r["url"], "title": r["title"], "outlet": r["outlet"], "evidence": r["evidence"],
            "mode": r["mode"], "place": json.loads(r["place"]) if r["place"] else None,
            "source": actors.get((r["doc"], r["source"])), "target": actors.get((r["doc"], r["target"])),
            "trigger": {"start": r["trigger_start"], "end": r["trigger_end"], "text": r["trigger_text"]},
            "text_info": {"sequence": queries.sentence_number(r["text"], start), "start": start, "end": end},
            "figures": [(w, v) for s, e, w, v in figures.get(r["doc"], []) if start <= s and e <= end]})
    return found


def _figures(conn: Connection, docs: set[str]) -> dict[str, list[tuple[int, int, str | None, float]]]:
    F = schema.figures
    found: dict[str, list[tuple[int, int, str | None, float]]] = {}
    for r in conn.execute(select(F.c.doc, F.c.start, F.c.end, F.c.what, F.c.value).where(
            and_(F.c.doc.in_(docs), F.c.what.is_not(None)))):
        found.setdefault(r.doc, []).append((r.start, r.end, r.what, r.value))
    return found

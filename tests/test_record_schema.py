"""The document record is described once, in ``newsgraph.document``: the JSON Schema and the store's tables
are checked against its dataclasses here, so a field added to one and not the others fails."""

from __future__ import annotations

import json
from dataclasses import fields
from importlib.resources import files
from typing import Any

import pytest

from newsgraph import document as d
from newsgraph.store import schema

#: Each JSON Schema definition and store table, with the dataclass it describes.
KINDS: dict[str, tuple[type[Any], Any]] = {
    "span": (d.Span, None),
    "mention": (d.Mention, schema.mentions),
    "set_aside": (d.SetAside, schema.set_aside),
    "actor": (d.Actor, schema.actors),
    "quote": (d.Quote, schema.quotes),
    "date": (d.TimeExpr, schema.dates),
    "figure": (d.Figure, schema.figures),
    "event": (d.Event, schema.events),
}
#: Columns that place a row (its document, its order, its parent) and that the store adds (the linked
#: event, the resolved entity, the event's place on the map).
KEYS = {"doc", "ord", "actor_ord", "linked", "entity", "place", "lat", "lon", "place_country"}
#: Fields the store keeps in child tables (mentions), or in columns of their own (an event's trigger span).
NESTED = {"mentions": set(), "spans": {"spans"}, "trigger": {"trigger_start", "trigger_end", "trigger_text"}}
#: A record's ``id`` is ``<kind>_id`` in its table (``actor_id``, ``event_id``, ...).
ID_COLUMN = {"actor": "actor_id", "quote": "quote_id", "date": "date_id", "figure": "figure_id", "event": "event_id"}


def written(cls: type[Any]) -> set[str]:
    """The fields of a record class that its JSON carries."""
    internal = set(d.INTERNAL_EVENT_FIELDS) if cls is d.Event else set()
    return {f.name for f in fields(cls)} - internal


def json_schema() -> dict[str, Any]:
    return json.loads(files("newsgraph").joinpath("schema/document.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_json_schema_describes_each_record_class_field_for_field(kind: str) -> None:
    cls, _ = KINDS[kind]
    assert set(json_schema()["$defs"][kind]["properties"]) == written(cls)


def test_the_json_schema_describes_the_document_field_for_field() -> None:
    assert set(json_schema()["properties"]) == written(d.Document)
    assert set(d.Document(text="x").to_dict()) == written(d.Document)


@pytest.mark.parametrize("kind", sorted(k for k, (_, table) in KINDS.items() if table is not None))
def test_each_store_table_holds_its_record_class_fields(kind: str) -> None:
    cls, table = KINDS[kind]
    expected = set()
    for name in written(cls):
        expected |= NESTED.get(name, {ID_COLUMN.get(kind, name) if name == "id" else name})
    columns = {c.name for c in table.columns}
    assert columns - KEYS == expected


def test_an_event_written_out_leaves_out_what_only_the_later_passes_read() -> None:
    event = d.Event(id="e1", type="CONSULT", source="a", target="b", trigger=d.Span(0, 3, "met"), evidence="x",
                    dated_by="clause", cue="intent")
    record = d.Document(text="met", events=[event]).to_dict()["events"][0]
    assert set(record) == written(d.Event)
    assert not set(record) & set(d.INTERNAL_EVENT_FIELDS)

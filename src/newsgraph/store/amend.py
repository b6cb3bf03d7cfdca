"""Analysts' corrections applied to a document record: each kind a small function over the record.

A ``Change`` names its item by an *anchor* (an event's trigger and evidence sentence, an actor's name, a
quote's text, a span's text and sentence) rather than by its id, so that it finds the item again in a new
extraction of the same article, where ids may differ; actors an edit points at are named, not numbered, for
the same reason. ``apply`` changes the document in place and answers what the item was and became (JSON),
or raises ``NotApplicable`` when the item is not in this document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from newsgraph.document import Actor, Document, Event, Mention, Quote, Span
from newsgraph.events.codebook import QUADS, TYPES

Json = dict[str, Any]
#: The kinds of correction, and the field of the document each concerns.
KINDS = {"reject_event": "event", "edit_event": "event", "add_event": "span", "edit_actor": "actor",
         "merge_actors": "actor", "split_actor": "actor", "reattribute_quote": "quote"}
#: Event fields an edit may change (source and target by actor name, None for none).
EVENT_FIELDS = ("type", "source", "target", "date", "location", "negated")
#: Actor fields an edit may change.
ACTOR_FIELDS = ("country", "sector")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
COUNTRY = re.compile(r"^[A-Z]{3}$")
SECTOR = re.compile(r"^[A-Z]{3}$")
#: Where a sentence ends (for the evidence of an added event).
SENTENCE_END = re.compile(r"[.!?]['\"’”)]?\s|\n")


class NotApplicable(ValueError):
    """The correction does not fit the document: its item is not there, or a value is not allowed."""


@dataclass(frozen=True)
class Change:
    """One correction as asked: its kind, the item it concerns and the values it sets."""

    kind: str
    anchor: Json
    values: Json = field(default_factory=dict)


def apply(document: Document, change: Change) -> tuple[Json | None, Json | None]:
    """Apply ``change`` to ``document`` (in place): what the item was and what it became."""
    if change.kind not in KINDS:
        raise NotApplicable(f"unknown correction {change.kind!r} (one of {', '.join(KINDS)})")
    step: Callable[[Document, Change], tuple[Json | None, Json | None]] = STEPS[change.kind]
    return step(document, change)


# ---------------------------------------------------------------- anchors: finding an item again
def event_anchor(event: Event) -> Json:
    return {"trigger": event.trigger.text, "evidence": event.evidence, "type": event.type}


def actor_anchor(actor: Actor) -> Json:
    return {"name": actor.name}


def quote_anchor(quote: Quote) -> Json:
    return {"text": quote.text}


def span_anchor(document: Document, start: int, end: int) -> Json:
    """A selected span of the text and the sentence that holds it."""
    if not 0 <= start < end <= len(document.text):
        raise NotApplicable(f"the span {start}-{end} is not inside the text ({len(document.text)} characters)")
    return {"text": document.text[start:end], "evidence": sentence(document.text, start, end)}


def find_event(document: Document, anchor: Json) -> Event:
    found = [e for e in document.events
             if e.trigger.text == anchor.get("trigger") and e.evidence == anchor.get("evidence")]
    typed = [e for e in found if e.type == anchor.get("type")]
    if not (typed or found):
        raise NotApplicable(f"no event “{anchor.get('trigger')}” in “{str(anchor.get('evidence'))[:80]}”")
    return (typed or found)[0]


def find_actor(document: Document, name: Any) -> Actor:
    actor = next((a for a in document.actors if a.name == name), None)
    if actor is None:
        raise NotApplicable(f"no actor named “{name}” in this document")
    return actor


def find_quote(document: Document, anchor: Json) -> Quote:
    quote = next((q for q in document.quotes if q.text == anchor.get("text")), None)
    if quote is None:
        raise NotApplicable(f"no quote “{str(anchor.get('text'))[:80]}” in this document")
    return quote


def actor_id(document: Document, name: Any) -> str | None:
    """The id of the actor a value names (None names none)."""
    return None if name is None else find_actor(document, name).id


def sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``text[start:end]`` (bounded by sentence ends and line breaks)."""
    begin = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    after = SENTENCE_END.search(text, end)
    stop = after.start() + 1 if after and after.group() != "\n" else (after.start() if after else len(text))
    return text[begin:stop].strip()


# ---------------------------------------------------------------- how items read in a correction
def event_summary(document: Document, event: Event) -> Json:
    names = {a.id: a.name for a in document.actors}
    return {"id": event.id, "type": event.type, "source": names.get(event.source or ""),
            "target": names.get(event.target or ""), "date": event.date, "location": event.location,
            "negated": event.negated, "trigger": event.trigger.text, "evidence": event.evidence}


def actor_summary(actor: Actor) -> Json:
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
            "sector": actor.sector, "mentions": [m.text for m in actor.mentions]}


def quote_summary(document: Document, quote: Quote) -> Json:
    speaker = document.actor(quote.speaker)
    return {"id": quote.id, "text": quote.text, "speaker": speaker.name if speaker else None}


# ---------------------------------------------------------------- the kinds
def reject_event(document: Document, change: Change) -> tuple[Json | None, Json | None]:
    event = find_event(document, change.anchor)
    document.events = [e for e in document.events if e is not event]
    return event_summary(document, event), None


def edit_event(document: Document, change: Change) -> tuple[Json | None, Json | None]:
    event = find_event(document, change.anchor)
    before = event_summary(document, event)
    new = _event_values(document, change.values)
    if "type" in new and new["type"] != event.type:  # the old CAMEO code and intensity belong to the old type
        new.update(cameo=None, intensity=None, quad=QUADS[new["type"]])
    index = next(i for i, e in enumerate(document.events) if e is event)
    document.events[index] = replace(event, **new, reason=_reason(event.reason))
    return before, event_summary(document, document.events[index])


def add_event(document: Document, change: Change) -> tuple[Json | None, Json | None]:
    start = _locate_span(document, change.anchor)
    end = start + len(change.anchor["text"])
    values = _event_values(document, {"type": change.values.get("type"), **change.values})
    ids = {e.id for e in document.events}
    new_id = next(f"h{n}" for n in range(1, len(ids) + 2) if f"h{n}" not in ids)
    type_ = values.pop("type")
    event = Event(new_id, type_, values.pop("source", None), values.pop("target", None),
                  Span(start, end, document.text[start:end]), change.anchor["evidence"],
                  quad=QUADS[type_], reason="added by an analyst", origin="analyst", **values)
    document.events.append(event)
    document.events.sort(key=lambda e: e.trigger.start)
    return None, event_summary(document, event)


def edit_actor(document: Document, change: Change) -> tuple[Json | None, Json | None]:
    actor = find_actor(document, change.anchor.get("name"))
    before = actor_summary(actor)
    for name in ACTOR_FIELDS:
        if name in change.values:
            value = _code(change.values[name], COUNTRY if name == "country" else SECTOR, name)
            setattr(actor, name, value)
    actor.reason = _reason(actor.reason)
    return before, actor_summary(actor)


def merge_actors(document: Document, change: Change) -> tuple[Json | None, Json | None]:
    """The anchored actor is the same one as ``values["into"]``: its mentions and roles move there, and every
    event and quote that pointed at it points there."""
    gone = find_actor(document, change.anchor.get("name"))
    kept = find_actor(document, change.values.get("into"))
    if gone is kept:
        raise NotApplicable("an actor cannot be merged with itself")
    before = {"merged": actor_summary(gone), "into": actor_summary(kept)}
    places = {(m.start, m.end): m for m in [*gone.mentions, *kept.mentions]}  # a span both held counts once
    kept.mentions = [places[k] for k in sorted(places)]
    kept.roles = list(dict.fromkeys([*kept.roles, *gone.roles]))
    kept.country = kept.country or gone.country
    kept.sector = kept.sector or gone.sector
    document.actors = [a for a in document.actors if a is not gone]
    _repoint(document, gone.id, kept.id)
    return before, {"into": actor_summary(kept)}


def split_actor(document: Document, change: Change) -> tuple[Json | None, Json | None]:
    """The mentions listed in ``values["mentions"]`` (by their text) name another actor, ``values["name"]``;
    events and quotes whose evidence only that actor's mentions touch now point at it."""
    actor = find_actor(document, change.anchor.get("name"))
    texts = set(change.values.get("mentions") or [])
    name = str(change.values.get("name") or "").strip()
    moved = [m for m in actor.mentions if m.text in texts]
    if not name or not moved or len(moved) == len(actor.mentions):
        raise NotApplicable("a split needs a new name and some, not all, of the actor's mentions")
    if any(a.name == name for a in document.actors):
        raise NotApplicable(f"an actor named “{name}” exists already: merge into it instead")
    before = actor_summary(actor)
    ids = {a.id for a in document.actors}
    new_id = next(f"{actor.id}-{n}" for n in range(2, len(ids) + 3) if f"{actor.id}-{n}" not in ids)
    actor.mentions = [m for m in actor.mentions if m.text not in texts]
    new = Actor(new_id, name, actor.kind, country=change.values.get("country") or actor.country,
                sector=change.values.get("sector") or actor.sector, mentions=list(moved),
                reason="split off by an analyst", via="analyst")
    document.actors.insert(document.actors.index(actor) + 1, new)
    _split_references(document, actor, new)
    return before, {"kept": actor_summary(actor), "new": actor_summary(new)}


def reattribute_quote(document: Document, change: Change) -> tuple[Json | None, Json | None]:
    quote = find_quote(document, change.anchor)
    before = quote_summary(document, quote)
    quote.speaker = actor_id(document, change.values.get("speaker"))
    quote.reason = _reason(quote.reason)
    return before, quote_summary(document, quote)


STEPS: dict[str, Callable[[Document, Change], tuple[Json | None, Json | None]]] = {
    "reject_event": reject_event, "edit_event": edit_event, "add_event": add_event, "edit_actor": edit_actor,
    "merge_actors": merge_actors, "split_actor": split_actor, "reattribute_quote": reattribute_quote,
}


# ---------------------------------------------------------------- helpers
def _event_values(document: Document, values: Json) -> Json:
    """Event fields from a correction's values, checked (actors by name become ids)."""
    new: Json = {}
    for name in EVENT_FIELDS:
        if name not in values:
            continue
        value = values[name]
        if name == "type":
            value = str(value or "").upper()
            if value not in TYPES:
                raise NotApplicable(f"{value!r} is not a PLOVER event type ({', '.join(TYPES)})")
        elif name in ("source", "target"):
            value = actor_id(document, value or None)
        elif name == "date":
            if value and not DATE.match(str(value)):
                raise NotApplicable(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            value = value or None
        elif name == "location":
            value = str(value).strip() or None if value is not None else None
        else:
            value = bool(value)
        new[name] = value
    return new


def _code(value: Any, pattern: re.Pattern[str], name: str) -> str | None:
    if value is None or not str(value).strip():
        return None
    code = str(value).strip().upper()
    if not pattern.match(code):
        raise NotApplicable(f"{value!r} is not a {name} code (three letters)")
    return code


def _locate_span(document: Document, anchor: Json) -> int:
    """Where the anchored span is now: inside its sentence where that is still in the text."""
    text, evidence = str(anchor.get("text") or ""), str(anchor.get("evidence") or "")
    at = document.text.find(evidence) if evidence else -1
    inside = document.text.find(text, at) if at >= 0 else -1
    if not text or inside < 0 or inside + len(text) > at + len(evidence):
        raise NotApplicable(f"the sentence “{evidence[:80]}” is no longer in the text")
    return inside


def _repoint(document: Document, old: str, new: str) -> None:
    for i, event in enumerate(document.events):
        if old in (event.source, event.target):
            document.events[i] = replace(event, source=new if event.source == old else event.source,
                                         target=new if event.target == old else event.target)
    for quote in document.quotes:
        if quote.speaker == old:
            quote.speaker = new


def _split_references(document: Document, old: Actor, new: Actor) -> None:
    """Events and quotes whose sentence names the new actor and not the old one now point at the new one."""
    def names_only_new(evidence_start: int, evidence_end: int) -> bool:
        def inside(m: Mention) -> bool:
            return evidence_start <= m.start < evidence_end
        return any(inside(m) for m in new.mentions) and not any(inside(m) for m in old.mentions)

    for i, event in enumerate(document.events):
        at = document.text.find(event.evidence)
        if at >= 0 and old.id in (event.source, event.target) and names_only_new(at, at + len(event.evidence)):
            document.events[i] = replace(event, source=new.id if event.source == old.id else event.source,
                                         target=new.id if event.target == old.id else event.target)
    for quote in document.quotes:
        if quote.speaker == old.id and names_only_new(*_sentence_bounds(document.text, quote.start, quote.end)):
            quote.speaker = new.id


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    found = sentence(text, start, end)
    at = text.rfind(found, 0, end) if found else -1
    return (at, at + len(found)) if at >= 0 else (start, end)


def _reason(reason: str) -> str:
    return reason if reason.endswith("corrected by an analyst") else f"{reason}; corrected by an analyst".lstrip("; ")

"""Within-document deduplication: one real-world event told several times becomes one event with several spans."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from newsgraph.document import Document, Event
from newsgraph.events.codebook import QUADS, SAME_KIND_TYPES, STANCE_TYPES
from newsgraph.events.context import ASSUMED_KINDS, recent
from newsgraph.rules import enabled, fires, scope, tag


def compatible_dates(a: str | None, b: str | None) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


def assumed_date(event: Event) -> bool:
    """True where the date is only assumed from the story around the event (its publication, its lead, its
    paragraph) for want of a time expression of the event's own."""
    return event.dated_by in ASSUMED_KINDS


def noted(reason: str, how: str) -> str:
    """``reason`` saying, before its rule ids, how the date was set afterwards."""
    head, marker, rules = reason.partition("[rules=")
    return f"{head}:{how}{marker}{rules}"


def same_event(a: Event, b: Event, acts_for: Mapping[str, str] | None = None,
               definite: Collection[int] = ()) -> bool:
    """Same type, negation and dates that agree (a date only assumed from publication agrees with any, and
    so does the date of the sentence of a definite phrase that names no doer: "accepted responsibility in
    December for the murder" dates the acceptance, not the murder); the sides agree (an official and the
    state they act for are one side), or one telling leaves a side unnamed. A telling whose sides the linker
    chose agrees with a telling the rules read whatever its date (its clause's time expression is often
    another clause's). The definite phrase's case is general grammar (references to earlier events, rule
    ``definite-refers-back``): kept however rarely it fires on the corpus."""
    acts_for = acts_for or {}
    plain = compatible_dates(a.date, b.date) or assumed_date(a) or assumed_date(b) or linked(a) != linked(b)
    back = _back_reference(a, definite) or _back_reference(b, definite)
    if (a.type != b.type or a.negated != b.negated or separate_sayings(a, b)
            or not (plain or (back and enabled("definite-refers-back")))):
        return False
    sides = _side(a.source, b.source, acts_for) and _side(a.target, b.target, acts_for) and (
        (a.source is not None and b.source is not None) or (a.target is not None and b.target is not None))
    return sides and (plain or fires("definite-refers-back"))


def _back_reference(event: Event, definite: Collection[int]) -> bool:
    return event.source is None and event.trigger.start in definite


def separate_sayings(a: Event, b: Event) -> bool:
    """A judgement read from a quotation or an evaluation and an event of another sentence ("hailed as
    heroes" and, later, "called the visit a 'turning point'"; "launched an inquiry into Y" and, later,
    "called Y's conduct a 'breach'") are two acts, not one telling twice."""
    return (a.origin == "stance" or b.origin == "stance") and a.evidence != b.evidence


def _side(a: str | None, b: str | None, acts_for: Mapping[str, str]) -> bool:
    return a is None or b is None or a == b or acts_for.get(a) == b or acts_for.get(b) == a


def finer(a: str | None, b: str | None) -> bool:
    """True where date ``a`` is more precise than ``b`` ("1980/1988" or "1980" than the decade "198")."""
    return bool(a) and bool(b) and len(str(a).split("/")[0]) > len(str(b).split("/")[0])


def linked(event: Event) -> bool:
    """Sides chosen by the learned linker where the rules read none or others (``events.linker``)."""
    return event.origin.startswith("linked:")


def from_dictionary(event: Event) -> bool:
    """Proposed by the dictionary generated from PETRARCH2's (``origin`` "dictionary:...", or relinked)."""
    return event.origin.startswith(("dictionary:", "linked:dictionary:"))


def merge(kept: Event, other: Event) -> Event:
    """``other`` told again in ``kept``: its sides, date and place where they add to kept's (the spans of the
    tellings are gathered by ``join_spans``)."""
    kept.source = kept.source or other.source
    kept.target = kept.target or other.target
    if (linked(other) and not linked(kept)) or (from_dictionary(other) and not from_dictionary(kept)):
        pass  # a telling the linker gave sides, or the dictionary proposed, does not date one the rules read
    elif (assumed_date(kept) or (linked(kept) and not linked(other))) and not assumed_date(other):
        kept.date, kept.dated_by = other.date, other.dated_by  # a telling with its own time expression dates it
        kept.reason = noted(kept.reason, "date-of-another-telling")
    elif not assumed_date(other) and finer(other.date, kept.date):
        kept.date = other.date  # "from 1980 to 1988" dates the war better than "in the 1980s"
    kept.date = kept.date or other.date
    kept.location = kept.location or other.location
    return kept


def join_spans(kept: Event, others: list[Event]) -> None:
    """The spans of ``others``, merged into ``kept`` in turn, added to kept's where none starts at the same place."""
    if not others:
        return
    spans, seen = list(kept.spans), {s.start for s in kept.spans}
    for other in others:
        new = [s for s in other.spans if s.start not in seen]
        spans += new
        seen.update(s.start for s in new)
    kept.spans = sorted(spans, key=lambda s: s.start)


#: How many sentences back a dropped telling may lend its date.
LEND_WINDOW = 3


def lend_dates(kept: list[Event], dropped: list[Event], *, sentence_of: Callable[[int], int],
               acts_for: Mapping[str, str] | None = None, published: str | None = None) -> None:
    """An event whose date is only assumed (publication, lead, paragraph) takes the date of an earlier
    telling that was left out for a missing side ("marched on Saturday" with no doer resolved, then
    "protesters marched to Parliament"), where that telling is of the same type and negation, a few
    sentences before, and its named side agrees or the act is of a kind told without regard to sides (a
    march, an attack), and its date is recent (see ``context.recent``: before ``published``, else before
    the event's own assumed date). General grammar (references to earlier events, rule ``lend-dates``): kept
    however rarely it fires on the corpus."""
    acts_for = acts_for or {}
    if not enabled("lend-dates"):
        return
    for event in kept:
        if not assumed_date(event):
            continue
        here = sentence_of(event.trigger.start)
        lender = next((d for d in sorted(dropped, key=lambda d: -d.trigger.start)
                       if _lends(d, event, here - sentence_of(d.trigger.start), acts_for, published)), None)
        if lender is not None:
            event.date, event.dated_by = lender.date, "earlier-telling"
            event.reason = tag(noted(event.reason, "date-of-earlier-telling"), ["lend-dates"])
            fires("lend-dates")


def _lends(dropped: Event, event: Event, distance: int, acts_for: Mapping[str, str], published: str | None) -> bool:
    if (dropped.type != event.type or dropped.negated != event.negated or assumed_date(dropped)
            or not dropped.date or not 0 <= distance <= LEND_WINDOW or dropped.trigger.start >= event.trigger.start
            or not recent(dropped.date, published or event.date)):
        return False
    named = [(dropped.source, event.source), (dropped.target, event.target)]
    agrees = any(d is not None and e is not None and _side(d, e, acts_for) for d, e in named)
    clashes = any(d is not None and e is not None and not _side(d, e, acts_for) for d, e in named)
    return (agrees and not clashes) or event.type in SAME_KIND_TYPES




def with_stance(events: list[Event], stance: list[Event]) -> list[Event]:
    """Add the stance events that tell something new. An event read from the same verb as a stance event
    gives way to it ("attacked the inquiry as 'garbage'" is criticism, not an assault; "called Y's plan a
    'stunt' on Monday" is no call on anyone); a stance event is left out where another event of its
    sentence already joins the same parties with praise or with criticism ("condemned Y, calling the
    deal 'illegal'")."""
    readings = {s.trigger.start: s.type for s in stance}
    kept = [e for e in events if readings.get(e.trigger.start, e.type) == e.type]
    return kept + [s for s in stance if not any(repeats(s, e) for e in kept)]


def repeats(stance: Event, event: Event) -> bool:
    return (event.type in STANCE_TYPES and QUADS.get(stance.type) == QUADS.get(event.type)
            and stance.evidence == event.evidence and stance.source == event.source
            and stance.target == event.target)


def dedup(events: list[Event], *, acts_for: Mapping[str, str] | None = None,
          definite: Collection[int] = ()) -> list[Event]:
    """Merge repeated tellings; the most complete telling (both sides named) is kept as the main one.
    ``acts_for`` maps a government official's actor id to their state's ("UK urges" and "the Prime
    Minister asked on Monday" are one telling twice); ``definite`` holds the trigger offsets of event
    nouns in a definite phrase ("the murder"). Of tellings as complete, one the hand-written lexicon
    proposed is kept before one of the generated dictionary."""
    ordered = sorted(events, key=lambda e: ((e.source is None) + (e.target is None), from_dictionary(e)))
    kept: list[Event] = []
    kinds: dict[tuple[str, bool], list[Event]] = {}  # same_event needs the same type and negation
    told: dict[int, list[Event]] = {}
    for event in ordered:
        with scope() as ids:
            alike = kinds.setdefault((event.type, event.negated), [])
            match = next((k for k in alike if same_event(k, event, acts_for, definite)), None)
        if match is None:
            kept.append(event)
            alike.append(event)
        else:
            merge(match, event)
            told.setdefault(id(match), []).append(event)
            match.reason = tag(match.reason, ids)
    for event in kept:
        join_spans(event, told.get(id(event), []))
    kept.sort(key=lambda e: e.trigger.start)
    for n, event in enumerate(kept, 1):
        event.id = f"e{n}"
    return kept


def officials(document: Document) -> dict[str, str]:
    """Government officials and bodies (sector GOV) mapped to the state actor of their country, where there is one."""
    states = {a.country: a.id for a in document.actors if a.kind == "country" and a.country}
    return {a.id: states[a.country] for a in document.actors
            if a.kind in ("person", "organization") and a.sector == "GOV" and a.country in states}

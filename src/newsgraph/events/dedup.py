"""Within-document deduplication: one real-world event told several times becomes one event with several spans."""

from __future__ import annotations

from newsgraph.document import Event


def compatible_dates(a: str | None, b: str | None) -> bool:
    return not a or not b or a.startswith(b) or b.startswith(a)


def assumed_date(event: Event) -> bool:
    """True where the date is only the publication date, assumed for want of a time expression."""
    return ":published:" in event.reason


def same_event(a: Event, b: Event) -> bool:
    """Same type, negation and dates that agree (a date only assumed from publication agrees with any);
    the sides agree, or one telling leaves a side unnamed."""
    dates_agree = compatible_dates(a.date, b.date) or assumed_date(a) or assumed_date(b)
    if a.type != b.type or a.negated != b.negated or not dates_agree:
        return False
    return _side(a.source, b.source) and _side(a.target, b.target) and (
        (a.source is not None and b.source is not None) or (a.target is not None and b.target is not None))


def _side(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def merge(kept: Event, other: Event) -> Event:
    spans = kept.spans + [s for s in other.spans if all(s.start != k.start for k in kept.spans)]
    kept.spans = sorted(spans, key=lambda s: s.start)
    kept.source = kept.source or other.source
    kept.target = kept.target or other.target
    if assumed_date(kept) and not assumed_date(other):
        kept.date = other.date  # a telling with its own time expression dates the event
        kept.reason = kept.reason.replace(":published:", ":date-of-another-telling:")
    kept.date = kept.date or other.date
    kept.location = kept.location or other.location
    return kept


def dedup(events: list[Event]) -> list[Event]:
    """Merge repeated tellings; the most complete telling (both sides named) is kept as the main one."""
    ordered = sorted(events, key=lambda e: (e.source is None) + (e.target is None))
    kept: list[Event] = []
    for event in ordered:
        match = next((k for k in kept if same_event(k, event)), None)
        if match is None:
            kept.append(event)
        else:
            merge(match, event)
    kept.sort(key=lambda e: e.trigger.start)
    for n, event in enumerate(kept, 1):
        event.id = f"e{n}"
    return kept

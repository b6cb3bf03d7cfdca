"""Alert rules over the store's linked events: a dyad's weekly score against its trailing baseline, the first
event of a type between two actors, any event of chosen types for a watched actor.

Rules look only at linked events stored after the watch began (``events_before_watch``), so watching an old
store does not raise alerts for its past. Each alert has a key naming the rule and what fired it: evaluating
again finds the same keys, and the store keeps one alert per key.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from newsgraph.store import Store
from newsgraph.store.queries import dyad_keys, period_of, resolve_entities
from newsgraph.store.records import now
from newsgraph.store.watch import earlier_of_type, event_reports, events_before_watch, watched_events
from newsgraph.watch.config import Rule

if TYPE_CHECKING:
    from sqlalchemy import Connection

Row = dict[str, Any]
SIDES = {"conflict": (3, 4), "cooperation": (1, 2)}
#: The least standard deviation a baseline is given, in events: a quiet baseline needs a jump of ``sigmas`` events.
MIN_SD = 1.0


@dataclass(frozen=True)
class Context:
    """What every rule reads: an open connection, the first linked event id to look at, the web app's address."""

    conn: Connection
    after: int
    web: str


def evaluate(store: Store, rules: tuple[Rule, ...], *, web: str) -> list[Row]:
    """Every alert the rules raise on the store as it is (stored ones included: the store drops those)."""
    with store.engine.connect() as conn:
        context = Context(conn=conn, after=events_before_watch(conn), web=web.rstrip("/"))
        found: list[Row] = []
        for rule in rules:
            found += RULES[rule.kind](context, rule)
    return found


def dyad_score(context: Context, rule: Rule) -> list[Row]:
    """Weeks whose count of the rule's side (conflict: quad 3-4, cooperation: 1-2) between ``a`` and ``b`` is at
    least ``threshold``, or ``sigmas`` standard deviations above the mean of the ``baseline_weeks`` before it."""
    assert rule.a and rule.b
    keys = dyad_keys(context.conn, rule.a, rule.b, with_self=False)
    rows = watched_events(context.conn, dyads=keys, quads=SIDES[rule.score], dated=True) if keys else []
    weeks: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        weeks[period_of(row["date"], "week")].append(row)
    counts = {week: len(events) for week, events in weeks.items()}
    alerts = []
    for week, events in sorted(weeks.items()):
        if not any(e["id"] > context.after for e in events):
            continue
        why = _jump(rule, week, counts)
        if why:
            alerts.append(_alert(context, rule, f"{rule.name}|{week}", week, events,
                                 title=f"{rule.a}–{rule.b} {rule.score}: {len(events)} events in {week}", reason=why,
                                 link=_dyad_link(context, rule)))
    return alerts


def _jump(rule: Rule, week: str, counts: dict[str, int]) -> str | None:
    """Why the week's count fires the rule, or None."""
    score = counts[week]
    if rule.threshold is not None:
        return f"{score} {rule.score} events, at least the threshold {rule.threshold:g}" \
            if score >= rule.threshold else None
    baseline = [counts.get(w, 0) for w in weeks_before(week, rule.baseline_weeks)]
    mean, sd = statistics.fmean(baseline), statistics.pstdev(baseline)
    sigmas = (score - mean) / max(sd, MIN_SD)
    if score < rule.min_events or sigmas < rule.sigmas:
        return None
    return (f"{score} {rule.score} events against a mean of {mean:.2f} (sd {sd:.2f}) over the "
            f"{rule.baseline_weeks} weeks before: {sigmas:.1f} standard deviations, at least {rule.sigmas:g}")


def weeks_before(week: str, n: int) -> list[str]:
    """The ``n`` ISO weeks before ``week`` (``2019-W05``), oldest first."""
    year, number = week.split("-W")
    monday = date.fromisocalendar(int(year), int(number), 1)
    return [period_of((monday - timedelta(weeks=k)).isoformat(), "week") for k in range(n, 0, -1)]


def first_event(context: Context, rule: Rule) -> list[Row]:
    """Linked events that are the first of their type between their two actors (``a`` and ``b``, or any)."""
    dyads = dyad_keys(context.conn, rule.a, rule.b, with_self=False) if rule.a and rule.b else None
    alerts = []
    for row in watched_events(context.conn, after=context.after, dyads=dyads, types=rule.types, two_sided=True):
        if earlier_of_type(context.conn, row):
            continue
        low, high = sorted((row["source_entity"], row["target_entity"]))
        alerts.append(_alert(context, rule, f"{rule.name}|{low}:{high}|{row['type']}", _week(row), [row],
                             title=f"First {row['type']} between {row['source']} and {row['target']}",
                             reason=f"no earlier {row['type']} event between them is stored",
                             link=_dyad_link(context, rule, row)))
    return alerts


def actor_events(context: Context, rule: Rule) -> list[Row]:
    """Linked events of the rule's types with ``actor`` as source or target."""
    assert rule.actor
    ids = resolve_entities(context.conn, rule.actor)
    if not ids:
        return []
    rows = watched_events(context.conn, after=context.after, types=rule.types, entities=ids)
    return [_alert(context, rule, f"{rule.name}|{row['id']}", _week(row), [row],
                   title=f"{rule.actor}: {row['type']} ({row['source'] or '?'} → {row['target'] or '?'})",
                   reason=f"{row['type']} is one of the types watched for {rule.actor}",
                   link=f"{context.web}/actor?{urlencode({'name': rule.actor})}") for row in rows]


RULES = {"dyad_score": dyad_score, "first_event": first_event, "actor_events": actor_events}


def _alert(context: Context, rule: Rule, key: str, period: str, events: list[Row], *, title: str, reason: str,
           link: str) -> Row:
    reports = {linked: [{"doc": r["doc"], "title": r["title"], "url": r["url"], "sentence": r["evidence"],
                         "link": f"{context.web}/documents/{r['doc']}"} for r in found]
               for linked, found in event_reports(context.conn, [e["id"] for e in events]).items()}
    shown = [{"id": e["id"], "date": e["date"], "type": e["type"], "source": e["source"], "target": e["target"],
              "quad": e["quad"], "intensity": e["intensity"], "reports": reports.get(e["id"], [])} for e in events]
    return {"key": key, "rule": rule.name, "kind": rule.kind, "fired_at": now(), "period": period, "title": title,
            "reason": reason, "link": link, "events": shown}


def _week(row: Row) -> str:
    return period_of(row["date"], "week")


def _dyad_link(context: Context, rule: Rule, row: Row | None = None) -> str:
    a, b = (row["source"], row["target"]) if row else (rule.a, rule.b)
    return f"{context.web}/dyad?{urlencode({'a': a or '', 'b': b or '', 'by': 'week'})}"

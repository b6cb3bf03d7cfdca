"""What keeps the web app fast on a large store, on SQLite and PostgreSQL: the dashboard's summaries kept in
step with ingest, replacement and removal (checked against a count made here from the linked events), built
by their migration, verified by ``check``; dyad events read per direction from the dyad key's index; and
the answers cached on the store's write counter (a write by any process makes the next request fresh)."""

from __future__ import annotations

import re
import threading
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, event, select, text, update

from newsgraph import store as st
from newsgraph.document import Document
from newsgraph.store import migrations, overview, schema
from newsgraph.store import views as queries
from newsgraph.store.ingestion import remove_document
from newsgraph.store.queries import QUADS
from newsgraph.web import WebSettings, create_app
from newsgraph.web.app import Answers
from tests.test_hardening_support import LOCAL
from tests.test_store_support import db_url, make_document, postgres_database, postgres_server, store

__all__ = ["db_url", "postgres_database", "postgres_server", "store"]  # fixtures used below

ActorRow = tuple[str, str, str, str | None, list[str]]
ACTORS: list[ActorRow] = [("g", "Gondor", "country", "GON", ["Gondor"]), ("a", "Arnor", "country", "ARN", ["Arnor"]),
                          ("r", "Rohan", "country", "ROH", ["Rohan"])]
Ev = tuple[str, str, str | None, str | None, str | None, int | None, float | None]


def article(text: str, events: list[Ev], *, url: str, published: str | None = "3019-03-01") -> Document:
    """An article naming the three states first, then ``text``."""
    return make_document("Gondor, Arnor and Rohan. " + text, url=url, outlet=url.split("/")[2], published=published,
                         actors=ACTORS, events=events)


def first_wave() -> list[Document]:
    """Both directions of a pair, a one-sided event, an entity on both sides, a negated and an undated event,
    and a second report of a linked event that raises its quad class."""
    one = article("Gondor met Arnor. Arnor struck Gondor. Rohan protested. Gondor drilled Gondor. Arnor denied Rohan.",
                  [("met", "CONSULT", "g", "a", "3019-03-01", 1, 1.0), ("struck", "ASSAULT", "a", "g", None, 4, -9.0),
                   ("protested", "PROTEST", "r", None, None, 3, -5.0),
                   ("drilled", "MOBILIZE", "g", "g", "3019-04-02", 4, -2.0),
                   ("denied", "ACCUSE", "a", "r", "3019-04-03", 3, -3.0)], url="https://a.example/1")
    one.events[4].negated = True
    undated = article("Gondor agreed with Rohan.", [("agreed", "AGREE", "g", "r", None, None, None)],
                      url="https://b.example/2", published=None)
    again = article("Gondor met Arnor envoys and gave aid.", [("met", "CONSULT", "g", "a", "3019-03-01", 2, 3.0)],
                    url="https://c.example/3", published="3019-03-02")
    return [one, undated, again]


def expected(store: st.Store) -> dict[str, Any]:
    """The dashboard's figures counted here from the linked events, as the scans before the summaries did."""
    L, E = schema.linked_events, schema.entities
    with store.engine.connect() as conn:
        rows = conn.execute(select(L.c.source_entity, L.c.target_entity, L.c.date, L.c.quad)).all()
        names = {i: name for i, name in conn.execute(select(E.c.id, E.c.name))}
    months = Counter((d[:7] if d else "undated", QUADS.get(q, "uncoded")) for *_, d, q in rows)
    actors = Counter(side for s, t, _, _ in rows for side in (s, t) if side is not None)
    pairs: dict[tuple[str, str], Counter[str]] = {}
    for s, t, _, q in rows:
        if s is not None and t is not None and s != t:
            pair = pairs.setdefault((names[min(s, t)], names[max(s, t)]), Counter())
            pair.update(["events"] + (["cooperation"] if q in (1, 2) else ["conflict"] if q in (3, 4) else []))
    timelines = {names[e]: dict(Counter((d[:7] if d else "undated", QUADS.get(q, "uncoded"))
                                        for s, t, d, q in rows if e in (s, t))) for e in actors}
    counterparts = {name: sorted((-c["events"], a if b == name else b) for (a, b), c in pairs.items() if name in (a, b))
                    for name in names.values()}
    return {"months": dict(months), "events": len(rows),
            "actors": sorted(((-n, names[e]) for e, n in actors.items())),
            "pairs": sorted((-c["events"], a, b, c["cooperation"], c["conflict"]) for (a, b), c in pairs.items()),
            "timelines": timelines, "counterparts": counterparts}


def in_months(series: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    return {(r["period"], name): r[name] for r in series for name in [*QUADS.values(), "uncoded"] if r[name]}


def shown(store: st.Store) -> dict[str, Any]:
    """The same figures as the web app reads them from the summaries."""
    top_actors = queries.top_actors(store, limit=100)
    profiles = [p for name in ("Gondor", "Arnor", "Rohan") for p in st.actor(store, name)]
    return {"months": in_months(queries.quad_series(store)), "events": queries.counts(store)["events"],
            "actors": [(-r["events"], r["name"]) for r in top_actors],
            "pairs": [(-r["events"], r["a"], r["b"], r["cooperation"], r["conflict"])
                      for r in queries.top_dyads(store, limit=100)],
            "timelines": {r["name"]: in_months(queries.quad_series(store, entities=[r["id"]])) for r in top_actors},
            "counterparts": {p["name"]: sorted((-c["events"], c["name"]) for c in p["counterparts"]) for p in profiles}}


def assert_summaries_agree(store: st.Store) -> None:
    assert shown(store) == expected(store)
    assert st.check(store) == []


def test_dashboard_summaries_follow_ingest_replacement_and_removal(store: st.Store) -> None:
    documents = first_wave()
    for document in documents:
        st.store_document(store, document)
    assert_summaries_agree(store)
    figures = shown(store)
    assert figures["actors"] == [(-5, "Gondor"), (-3, "Arnor"), (-3, "Rohan")]  # drilled Gondor counts twice
    assert figures["pairs"] == [(-2, "Gondor", "Arnor", 1, 1), (-1, "Arnor", "Rohan", 0, 1),
                                (-1, "Gondor", "Rohan", 0, 0)]
    assert figures["months"][("3019-03", "material_coop")] == 1  # the second report raised the quad class
    assert figures["timelines"]["Gondor"] == {("3019-03", "material_coop"): 1, ("3019-03", "material_conflict"): 1,
                                              ("3019-04", "material_conflict"): 1, ("undated", "uncoded"): 1}
    replaced = article("Gondor met Arnor, the envoys say.", [("met", "CONSULT", "g", "a", "3019-05-01", 1, 1.0)],
                       url="https://a.example/1", published="3019-05-01")
    assert st.store_document(store, replaced) == "changed"
    assert_summaries_agree(store)
    with store.engine.begin() as conn:
        remove_document(conn, documents[2].hash)
    assert_summaries_agree(store)
    assert queries.counts(store) == {"documents": 2, "actors": 3, "events": 2, "event_mentions": 2, "quotes": 0}


def test_migration_builds_the_dashboard_summaries_from_stored_rows(db_url: str) -> None:
    store = st.connect(db_url)
    for document in first_wave():
        st.store_document(store, document)
    before = shown(store), queries.documents(store), queries.counts(store)
    with store.engine.begin() as conn:  # the store as version 4 left it
        for table in ("quad_days", "entity_events", "pair_events", "store_totals", "entity_months"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("DROP INDEX ix_documents_newest"))
        conn.execute(delete(schema.migrations).where(schema.migrations.c.version >= 5))
    store.close()
    again = st.connect(db_url, migrate=False)
    assert migrations.apply_migrations(again) == list(range(5, migrations.LATEST + 1))
    assert (shown(again), queries.documents(again), queries.counts(again)) == before
    assert_summaries_agree(again)
    again.close()


def test_migration_builds_the_entity_months_from_stored_rows(db_url: str) -> None:
    store = st.connect(db_url)
    for document in first_wave():
        st.store_document(store, document)
    before = shown(store)
    with store.engine.begin() as conn:  # the store as version 5 left it
        conn.execute(text("DROP TABLE entity_months"))
        conn.execute(text("DROP INDEX ix_pair_events_high"))
        conn.execute(delete(schema.migrations).where(schema.migrations.c.version == 6))
    store.close()
    again = st.connect(db_url, migrate=False)
    assert migrations.apply_migrations(again) == [6]
    assert shown(again) == before
    assert_summaries_agree(again)
    again.close()


def test_migration_adds_event_scores_to_a_store_made_before_them(db_url: str) -> None:
    store = st.connect(db_url)
    for document in first_wave():
        st.store_document(store, document)
    before = queries.counts(store)
    with store.engine.begin() as conn:  # the store as version 6 left it: events without a score column
        for column in ("score", "origin", "sides"):
            conn.execute(text(f"ALTER TABLE events DROP COLUMN {column}"))
        conn.execute(delete(schema.migrations).where(schema.migrations.c.version == 7))
    store.close()
    again = st.connect(db_url, migrate=False)
    assert migrations.apply_migrations(again) == [7]
    assert queries.counts(again) == before and before["events"] > 0
    again.close()


def test_check_reports_summaries_that_disagree_with_the_tables(store: st.Store) -> None:
    for document in first_wave():
        st.store_document(store, document)
    with store.engine.begin() as conn:
        conn.execute(update(schema.pair_events).values(conflict=schema.pair_events.c.conflict + 1))
        conn.execute(delete(schema.quad_days).where(schema.quad_days.c.day == ""))
        conn.execute(update(schema.store_totals).where(schema.store_totals.c.name == "documents").values(n=7))
        conn.execute(update(schema.entity_months).where(schema.entity_months.c.month == "").values(events=9))
    problems = st.check(store)
    assert sorted({" ".join(p.split(" ")[:2]) for p in problems}) == ["entity month", "pair summary", "quad summary",
                                                                        "store totals:"]
    assert "store totals: documents stored 7, the table holds 3" in problems


def test_documents_newest_first_with_their_event_counts(store: st.Store) -> None:
    for document in first_wave():
        st.store_document(store, document)
    hashes = {d.url: d.hash for d in first_wave()}
    newest = queries.documents(store)
    assert [(r["doc"], r["events"]) for r in newest] == [(hashes["https://c.example/3"], 1),
                                                          (hashes["https://a.example/1"], 5),
                                                          (hashes["https://b.example/2"], 1)]
    assert queries.documents(store, limit=2) == newest[:2]


def test_dyad_events_come_oldest_first_from_both_directions_undated_last(store: st.Store) -> None:
    reports: list[Ev] = [("met", "CONSULT", "g", "a", "3019-06-01", 1, 1.0),
                         ("struck", "ASSAULT", "a", "g", "3019-02-01", 4, -9.0),
                         ("warned", "THREATEN", "g", "a", None, 3, -4.0),
                         ("sent", "SUPPORT", "a", "g", "3019-01-05", 2, 3.0),
                         ("helped", "SUPPORT", "g", "r", "3019-01-01", 2, 3.0)]
    for n, report in enumerate(reports):
        st.store_document(store, article(f"Report {n} {report[0]}.", [report],
                                         url=f"https://d.example/{n}", published=None))
    rows = queries.dyad_events(store, "Arnor", "Gondor")
    assert [(r["type"], r["date"]) for r in rows] == [("SUPPORT", "3019-01-05"), ("ASSAULT", "3019-02-01"),
                                                      ("CONSULT", "3019-06-01"), ("THREATEN", None)]
    assert all(r["evidence"] and r["doc"] for r in rows)
    assert [r["type"] for r in queries.dyad_events(store, "Gondor", "Arnor", limit=2)] == ["SUPPORT", "ASSAULT"]
    assert queries.dyad_events(store, "Gondor", "Mordor") == []


@pytest.fixture
def small_db(tmp_path: Path) -> str:
    db = str(tmp_path / "store.db")
    opened = st.connect(db)
    st.store_document(opened, first_wave()[0])
    opened.close()
    return db


def test_pages_and_api_follow_a_write_by_another_process(small_db: str) -> None:
    app = create_app(WebSettings(db=small_db))
    client = TestClient(app, base_url=LOCAL)
    old = first_wave()[0]
    assert client.get("/api/summary").json()["counts"]["documents"] == 1
    assert "Gondor agreed with Rohan." not in client.get("/").text
    assert len(client.get("/api/dyad?a=Gondor&b=Rohan").json()["events"]) == 0
    assert client.get(f"/documents/{old.hash}").status_code == 200
    writer = st.connect(small_db)
    st.store_document(writer, article("Gondor agreed with Rohan.", [("agreed", "AGREE", "g", "r", None, 1, 1.0)],
                                      url="https://b.example/2"))
    st.store_document(writer, article("Gondor met Arnor.", [("met", "CONSULT", "g", "a", None, 1, 1.0)],
                                      url="https://a.example/1"))  # replaces the first article
    writer.close()
    assert client.get("/api/summary").json()["counts"]["documents"] == 2
    assert "Gondor agreed with Rohan." in client.get("/").text
    assert len(client.get("/api/dyad?a=Gondor&b=Rohan").json()["events"]) == 1
    assert client.get(f"/documents/{old.hash}").status_code == 404
    assert client.get(f"/api/documents/{old.hash}").status_code == 404
    app.state.store.close()


def test_answers_are_computed_once_while_the_store_is_unchanged(small_db: str) -> None:
    opened = st.connect(small_db)
    answers, calls = Answers(opened, size=2), Counter[str]()

    def compute(key: str) -> str:
        calls[key] += 1
        threading.Event().wait(0.05)  # long enough for the other threads to ask meanwhile
        return key.upper()

    threads = [threading.Thread(target=answers.get, args=("a", lambda: compute("a"))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls["a"] == 1
    assert [answers.get(k, partial(compute, k)) for k in "abca"] == ["A", "B", "C", "A"]
    assert calls == {"a": 2, "b": 1, "c": 1}  # "a" was the least recently used of three, for two places
    with opened.engine.begin() as conn:
        overview.add(conn, writes=1)
    assert answers.get("c", lambda: compute("c")) == "C"
    assert calls["c"] == 2
    off = Answers(opened, size=0)
    assert [off.get("d", lambda: compute("d")) for _ in range(2)] == ["D", "D"]
    assert calls["d"] == 2
    opened.close()


BIG_TABLES = ("linked_events", "events", "documents", "entities", "mentions", "actors")
NEWEST_DOCUMENTS = "SCAN documents USING INDEX ix_documents_newest"


@pytest.mark.parametrize("path", ["/", "/api/summary", "/documents/{doc}", "/api/dyad?a=Gondor&b=Arnor",
                                  "/dyad?a=Gondor&b=Arnor"])
def test_busy_pages_read_no_large_table_in_full(small_db: str, path: str) -> None:
    """SQLite's plan for every statement a busy page runs: the tables that grow with the corpus are searched
    through an index, never scanned (but for the newest documents, read in their index's order to a limit)."""
    app = create_app(WebSettings(db=small_db, cached_answers=0))
    statements: list[tuple[str, Any]] = []
    event.listen(app.state.store.engine, "before_cursor_execute",
                 lambda conn, cursor, sql, params, context, many: statements.append((sql, params)))
    assert TestClient(app, base_url=LOCAL).get(path.format(doc=first_wave()[0].hash)).status_code == 200
    with app.state.store.engine.connect() as conn:
        plans = [(sql, row[-1]) for sql, params in statements if sql.lstrip().upper().startswith("SELECT")
                 for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)]
    scans = [(sql, step) for sql, step in plans if re.match(rf"SCAN ({'|'.join(BIG_TABLES)})\b", step)
             and step != NEWEST_DOCUMENTS]
    assert plans and scans == []
    app.state.store.close()

"""The per-day dyad summary on SQLite and PostgreSQL: kept in step with ingest, replacement and removal,
built by its migration from stored rows, read by ``dyad``; and ``events --text`` through the full-text index."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, text, update

from newsgraph import store as st
from newsgraph.document import Document
from newsgraph.store import migrations, queries, schema, summary
from newsgraph.store.ingestion import remove_document
from tests.test_store_support import db_url, make_document, postgres_database, postgres_server, store

__all__ = ["db_url", "postgres_database", "postgres_server", "store"]  # fixtures used below

Y = schema.dyad_days
ACTORS = [("a1", "Faramir Hurin", "person", "GON", ["Faramir Hurin"]), ("a2", "Arnor", "country", "ARN", ["Arnor"])]


def report(text: str, *, url: str, published: str | None, trigger: str = "met", type_: str = "CONSULT",
           quad: int | None = 1, intensity: float | None = 1.0, day: str | None = None) -> Document:
    """An article in which Faramir Hurin (source) does something to Arnor (target)."""
    return make_document(text, url=url, outlet=url.split("/")[2], published=published, actors=ACTORS,
                         events=[(trigger, type_, "a1", "a2", day or published, quad, intensity)])


def cells(store: st.Store) -> dict[tuple[str, int], tuple[int, int, float]]:
    """The stored summary of the pair, per (day, quad): events, rated, intensity sum; and it matches the events."""
    with store.engine.connect() as conn:
        assert list(summary.mismatches(conn)) == []
        rows = conn.execute(select(Y.c.day, Y.c.quad, Y.c.events, Y.c.rated, Y.c.intensity_sum)).all()
    return {(day, quad): (n, rated, total) for day, quad, n, rated, total in rows}


def test_summary_counts_each_linked_event_once_per_day_and_quad(store: st.Store) -> None:
    st.store_document(store, report("Faramir Hurin met Arnor envoys.", url="https://a.example/1",
                                    published="3019-03-01", intensity=1.0))
    st.store_document(store, report("Faramir Hurin met Arnor envoys again.", url="https://b.example/2",
                                    published="3019-03-02", intensity=3.0))
    st.store_document(store, report("Faramir Hurin struck Arnor riders.", url="https://c.example/3",
                                    published="3019-03-05", trigger="struck", type_="ASSAULT", quad=4,
                                    intensity=-9.0))
    st.store_document(store, report("Faramir Hurin met Arnor envoys, with no date.", url="https://d.example/4",
                                    published=None, quad=None, intensity=None))
    # the first two report one linked event (a day apart): counted once, with its mean intensity
    assert cells(store) == {("3019-03-01", 1): (1, 1, 2.0), ("3019-03-05", 4): (1, 1, -9.0), ("", 0): (1, 0, 0.0)}
    assert st.check(store) == []


def test_summary_follows_replacement_and_removal(store: st.Store) -> None:
    st.store_document(store, report("Faramir Hurin met Arnor envoys.", url="https://a.example/1",
                                    published="3019-03-01"))
    st.store_document(store, report("Faramir Hurin met Arnor envoys.\nUpdated.", url="https://a.example/1",
                                    published="3019-04-01", intensity=2.0))
    assert cells(store) == {("3019-04-01", 1): (1, 1, 2.0)}
    other = report("Faramir Hurin struck Arnor riders.", url="https://c.example/3", published="3019-04-02",
                   trigger="struck", type_="ASSAULT", quad=4, intensity=-9.0)
    st.store_document(store, other)
    with store.engine.begin() as conn:
        remove_document(conn, other.hash)
    assert cells(store) == {("3019-04-01", 1): (1, 1, 2.0)}
    assert st.check(store) == []


def test_negated_events_are_left_out_of_the_summary(store: st.Store) -> None:
    document = report("Faramir Hurin never met Arnor envoys.", url="https://a.example/1", published="3019-03-01")
    document.events[0].negated = True
    st.store_document(store, document)
    assert cells(store) == {}
    assert st.dyad(store, "Hurin", "Arnor") == []


def test_migration_builds_the_summary_from_stored_rows(db_url: str) -> None:
    store = st.connect(db_url)
    for n, day in enumerate(["3019-03-01", "3019-03-20", "3019-05-02"]):
        st.store_document(store, report(f"Report {n}\nFaramir Hurin met Arnor envoys.",
                                        url=f"https://a.example/{n}", published=day, intensity=float(n)))
    before = st.dyad(store, "Hurin", "Arnor", by="month")
    with store.engine.begin() as conn:  # the store as version 3 left it
        conn.execute(text("DROP TABLE dyad_days"))
        conn.execute(delete(schema.migrations).where(schema.migrations.c.version == 4))
    store.close()
    again = st.connect(db_url, migrate=False)
    assert migrations.apply_migrations(again) == [4]
    assert st.dyad(again, "Hurin", "Arnor", by="month") == before
    assert [(r["period"], r["events"]) for r in before] == [("3019-03", 2), ("3019-05", 1)]
    assert st.check(again) == []
    again.close()


def test_check_reports_a_summary_that_disagrees_with_the_events(store: st.Store) -> None:
    st.store_document(store, report("Faramir Hurin met Arnor envoys.", url="https://a.example/1",
                                    published="3019-03-01"))
    with store.engine.begin() as conn:
        conn.execute(update(Y).values(events=5))
        conn.execute(Y.insert().values(source_entity=1, target_entity=1, day="3019-01-01", quad=2, events=1,
                                       rated=0, intensity_sum=0.0))
    problems = st.check(store)
    assert len(problems) == 2
    assert all(p.startswith("dyad summary") for p in problems)


@pytest.mark.parametrize(("by", "periods"), [
    ("week", [("3024-W53", 2), ("3025-W01", 1), ("undated", 1)]),
    ("day", [("3024-12-29", 1), ("3025-01-01", 1), ("3025-01-03", 1), ("undated", 1)]),
    ("month", [("3024-12", 1), ("3025-01", 2), ("undated", 1)]),
    ("year", [("3024", 1), ("3025", 2), ("undated", 1)]),
])
def test_dyad_periods_across_a_year_end(store: st.Store, by: str, periods: list[tuple[str, int]]) -> None:
    """3025-01-01 is in ISO week 53 of 3024; the days are two apart, so each is a linked event of its own."""
    for n, day in enumerate(["3024-12-29", "3025-01-01", "3025-01-03", None]):
        st.store_document(store, report(f"Report {n}\nFaramir Hurin met Arnor envoys.",
                                        url=f"https://a.example/{n}", published=day))
    rows = st.dyad(store, "Arnor", "Hurin", by=by)
    assert [(r["period"], r["verbal_coop"]) for r in rows] == periods


@pytest.fixture
def reports(store: st.Store) -> st.Store:
    st.store_document(store, report("Faramir Hurin met Arnor envoys on trade.", url="https://a.example/1",
                                    published="3019-01-10"))
    st.store_document(store, report("Faramir Hurin struck Arnor riders at 50% strength.", url="https://b.example/2",
                                    published="3019-02-10", trigger="struck", type_="ASSAULT", quad=4,
                                    intensity=-9.0))
    return store


@pytest.mark.parametrize(("query", "types"), [
    ("on trade", ["CONSULT"]),
    ("ON TRADE", ["CONSULT"]),
    ("arnor envo", ["CONSULT"]),
    ("Arnor", ["ASSAULT", "CONSULT"]),
    ("50%", ["ASSAULT"]),
    ("%", ["ASSAULT"]),
    ("envoys struck", []),
    ("dragons", []),
])
@pytest.mark.parametrize("few_documents", [queries.FEW_DOCUMENTS, 0])
def test_events_text_matches_evidence_through_the_index_or_not(reports: st.Store, monkeypatch: pytest.MonkeyPatch,
                                                               few_documents: int, query: str,
                                                               types: list[str]) -> None:
    monkeypatch.setattr(queries, "FEW_DOCUMENTS", few_documents)
    assert [r["type"] for r in st.events(reports, text=query)] == types
    assert [r["type"] for r in st.events(reports, actor="Hurin", text=query)] == types

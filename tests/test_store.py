"""The store on SQLite and PostgreSQL: round trip, idempotence, replacement, linking, queries, export, check."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import select, update

from newsgraph import store as st
from newsgraph.document import Document, Failure
from newsgraph.store import migrations, schema
from tests.test_store_support import db_url, full_document, make_document, postgres_database, postgres_server, store

__all__ = ["db_url", "postgres_database", "postgres_server", "store"]  # fixtures used below

GONDOR, ARNOR, ROHAN = "GON", "ARN", "ROH"


def read_back(store: st.Store, doc: str) -> Document | None:
    with store.engine.connect() as conn:
        return st.read_document(conn, doc)


def count(store: st.Store, table: object) -> int:
    with store.engine.connect() as conn:
        return len(conn.execute(select(table)).all())  # type: ignore[call-overload]


def pact(text: str, *, day: str, url: str, outlet: str, source_name: str = "Faramir Hurin",
         target_name: str = "Arnor", type_: str = "CONSULT", quad: int = 1, intensity: float = 1.0) -> Document:
    """An article in which the Gondorian steward (source) does something to Arnor (target)."""
    surname = source_name.split()[-1]
    surfaces = [s for s in (source_name, surname) if s in text]
    return make_document(text, url=url, outlet=outlet, published=day,
                         actors=[("a1", source_name, "person", GONDOR, surfaces),
                                 ("a2", target_name, "country", ARNOR, [target_name])],
                         events=[("met" if "met" in text else "struck", type_, "a1", "a2", day, quad, intensity)])


def test_stored_document_reads_back_equal(store: st.Store) -> None:
    document = full_document()
    assert st.store_document(store, document) == "new"
    assert read_back(store, document.hash) == document
    assert st.check(store) == []


def test_storing_the_same_document_again_changes_nothing(store: st.Store) -> None:
    document = full_document()
    st.store_document(store, document)
    sizes = [count(store, t) for t in (schema.documents, schema.entities, schema.linked_events, schema.mentions)]
    assert st.store_document(store, document) == "unchanged"
    assert [count(store, t) for t in (schema.documents, schema.entities, schema.linked_events,
                                      schema.mentions)] == sizes


def test_changed_article_at_same_url_replaces_the_old_record(store: st.Store) -> None:
    old = pact("Faramir Hurin met Arnor envoys. Talks went on.", day="3019-03-01", url="https://a.example/x",
               outlet="Herald")
    new = pact("Faramir Hurin met Arnor envoys. Talks ended well.", day="3019-03-01", url="https://a.example/x",
               outlet="Herald")
    st.store_document(store, old)
    assert st.store_document(store, new) == "changed"
    assert read_back(store, old.hash) is None
    assert read_back(store, new.hash) == new
    assert [r["mentions"] for r in st.events(store)] == [1]
    assert st.check(store) == []


def test_migrations_are_recorded_and_run_once(db_url: str) -> None:
    first = st.connect(db_url)
    assert migrations.applied_versions(first) == [v for v, _, _ in migrations.MIGRATIONS]
    first.close()
    again = st.connect(db_url)
    assert migrations.apply_migrations(again) == []
    again.close()


@pytest.mark.parametrize(("names", "entities"), [
    (["Faramir Hurin", "Hurin", "Faramir Hurin"], 1),
    (["Hurin", "Faramir Hurin"], 1),
    (["Faramir Hurin", "Boromir Hurin", "Hurin"], 3),
    (["Faramir Hurin", "Faramir Hurín"], 1),
])
def test_same_person_across_articles_is_one_entity_unless_ambiguous(store: st.Store, names: list[str],
                                                                    entities: int) -> None:
    for n, name in enumerate(names):
        text = f"Report {n}\n{name} spoke in Osgiliath."
        st.store_document(store, make_document(text, actors=[("a1", name, "person", GONDOR, [name])]))
    assert count(store, schema.entities) == entities


def test_different_countries_keep_namesakes_apart(store: st.Store) -> None:
    for n, country in enumerate([GONDOR, ROHAN]):
        text = f"Report {n}\nFaramir Hurin spoke."
        st.store_document(store, make_document(text, actors=[("a1", "Faramir Hurin", "person", country,
                                                              ["Faramir Hurin"])]))
    assert count(store, schema.entities) == 2


def test_same_event_in_several_articles_is_one_linked_event(store: st.Store) -> None:
    st.store_document(store, pact("Steward Faramir Hurin met Arnor envoys.", day="3019-03-01",
                                  url="https://a.example/1", outlet="Herald"))
    st.store_document(store, pact("Hurin met Arnor envoys in Annuminas.", day="3019-03-02",
                                  url="https://b.example/2", outlet="Courier", source_name="Hurin"))
    st.store_document(store, pact("Faramir Hurin met Arnor envoys again.", day="3019-03-09",
                                  url="https://b.example/3", outlet="Courier"))
    rows = st.events(store)
    assert [(r["date"], r["mentions"], r["articles"], r["sources"]) for r in rows] == [
        ("3019-03-09", 1, 1, 1), ("3019-03-01", 2, 2, 2)]
    assert st.check(store) == []


@pytest.fixture
def corpus(store: st.Store) -> st.Store:
    """Three articles: two meetings and an attack between the steward of Gondor and Arnor."""
    st.store_document(store, pact("Faramir Hurin met Arnor envoys.", day="3019-01-10",
                                  url="https://a.example/1", outlet="Herald"))
    st.store_document(store, pact("Faramir Hurin met Arnor envoys on trade.", day="3019-01-20",
                                  url="https://a.example/2", outlet="Herald", intensity=2.0))
    st.store_document(store, make_document(
        "Border clash\nArnor troops struck Rohan riders. \"We will not yield,\" said Eomer Eadig.",
        url="https://c.example/3", outlet="Chronicle", published="3019-02-05",
        actors=[("a1", "Arnor", "country", ARNOR, ["Arnor"]), ("a2", "Rohan", "country", ROHAN, ["Rohan"]),
                ("a3", "Eomer Eadig", "person", ROHAN, ["Eomer Eadig"])],
        events=[("struck", "ASSAULT", "a1", "a2", "3019-02-05", 4, -9.0)],
        quotes=[("We will not yield,", "a3")]))
    return store


@pytest.mark.parametrize(("filters", "types"), [
    ({}, ["ASSAULT", "CONSULT", "CONSULT"]),
    ({"actor": "Hurin"}, ["CONSULT", "CONSULT"]),
    ({"actor": "Rohan"}, ["ASSAULT"]),
    ({"actor": "Nobody Known"}, []),
    ({"country": ROHAN}, ["ASSAULT"]),
    ({"type": "consult"}, ["CONSULT", "CONSULT"]),
    ({"quad": 4}, ["ASSAULT"]),
    ({"since": "3019-01-15", "until": "3019-01-31"}, ["CONSULT"]),
    ({"text": "on trade"}, ["CONSULT"]),
])
def test_events_filters(corpus: st.Store, filters: dict[str, object], types: list[str]) -> None:
    assert [r["type"] for r in st.events(corpus, **filters)] == types  # type: ignore[arg-type]


@pytest.mark.parametrize(("by", "periods"), [
    ("month", [("3019-01", 2, 1.5)]),
    ("week", [("3019-W01", 1, 1.0), ("3019-W03", 1, 2.0)]),
    ("day", [("3019-01-10", 1, 1.0), ("3019-01-20", 1, 2.0)]),
])
def test_dyad_counts_per_period(corpus: st.Store, by: str, periods: list[tuple[str, int, float]]) -> None:
    rows = st.dyad(corpus, "Arnor", "Faramir Hurin", by=by)
    assert [(r["period"], r["verbal_coop"], r["mean_intensity"]) for r in rows] == periods
    assert st.dyad(corpus, "Arnor", "Faramir Hurin", by=by, directed=True) == []


def test_actor_profile(corpus: st.Store) -> None:
    [profile] = st.actor(corpus, "hurin")
    assert profile["name"] == "Faramir Hurin"
    assert profile["documents"] == 2
    assert [e["type"] for e in profile["as_source"]] == ["CONSULT", "CONSULT"]
    assert profile["counterparts"] == [{"id": profile["counterparts"][0]["id"], "name": "Arnor", "events": 2}]
    [arnor] = st.actor(corpus, "Arnor")
    assert {c["name"] for c in arnor["counterparts"]} == {"Faramir Hurin", "Rohan"}


@pytest.mark.parametrize(("filters", "found"), [
    ({"speaker": "Eomer Eadig"}, ["We will not yield,"]),
    ({"speaker": "Hurin"}, []),
    ({"text": "YIELD"}, ["We will not yield,"]),
])
def test_quotes_by_speaker_and_text(corpus: st.Store, filters: dict[str, str], found: list[str]) -> None:
    assert [q["text"] for q in st.quotes(corpus, **filters)] == found


@pytest.mark.parametrize(("query", "kinds"), [
    ("yield", ["quote", "document"]),
    ("riders", ["document"]),
    ("dragons", []),
    ("\"(*", []),
])
def test_search_article_text_and_quotes(corpus: st.Store, query: str, kinds: list[str]) -> None:
    assert sorted(h["kind"] for h in st.search(corpus, query)) == sorted(kinds)


def test_export_jsonl_reads_back_as_documents(corpus: st.Store) -> None:
    out = io.StringIO()
    assert st.export(corpus, "jsonl", out) == 3
    documents = [Document.from_json(line) for line in out.getvalue().splitlines()]
    assert all(read_back(corpus, d.hash) == d for d in documents)


def test_export_csv_to_a_stream_holds_the_linked_events(corpus: st.Store) -> None:
    out = io.StringIO()
    assert st.export(corpus, "csv", out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["type"] for r in rows] == ["CONSULT", "CONSULT", "ASSAULT"]
    assert rows[2]["url"] == "https://c.example/3" and rows[2]["outlet"] == "Chronicle"


def test_export_plover_records(corpus: st.Store) -> None:
    out = io.StringIO()
    st.export(corpus, "plover", out)
    last = json.loads(out.getvalue().splitlines()[-1])
    assert (last["event"], last["actor"][0]["entity_text"], last["recipient"][0]["code"]) == (
        ["ASSAULT"], "Arnor", ROHAN)
    assert last["quad_code"] == 4
    assert last["mentions"][0]["trigger"]["text"] == "struck"
    assert last["num_articles"] == 1


@pytest.mark.parametrize("corrupt", ["mention text", "linked count", "search entry"])
def test_check_finds_a_corrupted_store(corpus: st.Store, corrupt: str) -> None:
    with corpus.engine.begin() as conn:
        if corrupt == "mention text":
            conn.execute(update(schema.mentions).values(text="Sauron"))
        elif corrupt == "linked count":
            conn.execute(update(schema.linked_events).values(articles=7))
        else:
            conn.execute(schema.search_index.delete().where(schema.search_index.c.kind == "quote"))
    assert st.check(corpus)


def test_document_with_nul_is_refused_not_crashing(store: st.Store) -> None:
    with pytest.raises(ValueError, match="NUL"):
        st.store_document(store, Document(text="Arnor\x00 and Gondor"))
    assert count(store, schema.documents) == 0


def test_failures_are_recorded_once_per_record(store: st.Store) -> None:
    failure = Failure(input="feed.jsonl", record="line 3", reason="feed.jsonl:3: malformed JSON")
    st.record_failure(store, failure)
    st.record_failure(store, failure)
    assert count(store, schema.failures) == 1

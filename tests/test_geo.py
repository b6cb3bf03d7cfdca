"""Event places: the clause's place, else the sentence's, else the dateline or lead; names resolved offline."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update

from newsgraph import store as st
from newsgraph.document import Document
from newsgraph.geo import event_places, gazetteer
from newsgraph.store import migrations, schema
from tests.test_store_support import db_url, make_document, postgres_database, postgres_server, store

__all__ = ["db_url", "postgres_database", "postgres_server", "store"]  # fixtures used below


def test_names_resolve_to_gazetteer_entries_with_coordinates() -> None:
    kyiv = gazetteer().place("Kiev", [], "clause")
    assert kyiv is not None and (kyiv.resolved_place, kyiv.country_code, kyiv.resolution) == ("Kyiv", "UKR", 4)
    assert 50 < kyiv.lat < 51 and 30 < kyiv.lon < 31
    country = gazetteer().place("Turkey", [], "sentence")
    assert country is not None and (country.country_code, country.feature_code, country.resolution) == (
        "TUR", "PCLI", 1)
    assert gazetteer().place("Narnia", [], "clause") is None


@pytest.mark.parametrize(("countries", "country"), [([], "FRA"), (["USA"], "FRA"), (["USA", "FRA"], "FRA")])
def test_a_much_bigger_namesake_wins_over_the_story_countries(countries: list[str], country: str) -> None:
    paris = gazetteer().place("Paris", countries, "clause")
    assert paris is not None and paris.country_code == country


def test_the_story_countries_settle_a_shared_name() -> None:
    # Two towns named Hyderabad: India's is far bigger, Pakistan's wins in a story about Pakistan.
    assert gazetteer().place("Hyderabad", [], "clause").country_code == "IND"  # type: ignore[union-attr]
    assert gazetteer().place("Hyderabad", ["PAK"], "clause").country_code == "PAK"  # type: ignore[union-attr]


TEXT = ("Envoys meet in Gondor\n"
        "Gondorian envoys met Rohan officials in Nairobi on Monday. "
        "Later, protesters marched through Mombasa. "
        "Rohan condemned Gondor.")


def _document() -> Document:
    return make_document(TEXT, url="https://news.example/envoys", outlet="Herald", published="2020-11-02",
                         actors=[("a1", "Gondor", "country", "GON", ["Gondorian"]),
                                 ("a2", "Rohan", "country", "ROH", ["Rohan", "Rohan"]),
                                 ("a3", "Mombasa", "location", "KEN", ["Mombasa"]),
                                 ("a4", "Nairobi", "location", "KEN", ["Nairobi"])],
                         events=[("met", "CONSULT", "a1", "a2", None, 1, 1.0),
                                 ("marched", "PROTEST", None, None, None, 3, -6.5),
                                 ("condemned", "ACCUSE", "a2", None, None, 3, -2.0)])


def test_clause_then_sentence_then_lead() -> None:
    document = _document()
    document.events[0].location = "Nairobi"
    places = event_places(document)
    assert [(p.resolved_place, p.found_in) for p in places if p] == [
        ("Nairobi", "clause"), ("Mombasa", "sentence"), ("Nairobi", "lead")]


def test_a_wire_dateline_places_events_the_text_does_not() -> None:
    document = make_document("Talks\nNAIROBI, Kenya (Herald) — Rohan condemned Gondor.",
                             actors=[("a1", "Rohan", "country", "ROH", ["Rohan"])],
                             events=[("condemned", "ACCUSE", "a1", None, None, 3, -2.0)])
    [place] = event_places(document)
    assert place is not None and (place.resolved_place, place.country_code, place.found_in) == (
        "Nairobi", "KEN", "dateline")


def test_places_are_stored_and_backfilled_by_the_migration(store: st.Store) -> None:
    st.store_document(store, _document())
    EV = schema.events
    with store.engine.connect() as conn:
        stored = conn.execute(select(EV.c.place_country, EV.c.lat, EV.c.place).order_by(EV.c.ord)).all()
    assert [r.place_country for r in stored] == ["KEN", "KEN", "KEN"]
    assert json.loads(stored[1].place)["resolved_place"] == "Mombasa"
    with store.engine.begin() as conn:  # as stored before places were resolved
        conn.execute(update(EV).values(place=None, lat=None, lon=None, place_country=None))
        conn.execute(schema.migrations.delete().where(schema.migrations.c.version == 9))
    assert migrations.apply_migrations(store) == [9]
    with store.engine.connect() as conn:
        assert [r.lat for r in conn.execute(select(EV.c.lat).order_by(EV.c.ord))] == [r.lat for r in stored]
    assert [e["place"] for e in sorted(st.events(store), key=lambda e: e["type"])] == [
        "Nairobi", "Nairobi", "Mombasa"]


def test_an_in_phrase_of_the_sentence_names_the_place() -> None:
    document = make_document("Summit\nGondor and Rohan met in Athens at the Zappeion Hall on Thursday.",
                             actors=[("a1", "Gondor", "country", "GON", ["Gondor"]),
                                     ("a2", "Rohan", "country", "ROH", ["Rohan"])],
                             events=[("met", "CONSULT", "a1", "a2", None, 1, 1.0)])
    [place] = event_places(document)
    assert place is not None and (place.resolved_place, place.country_code, place.found_in) == (
        "Athens", "GRC", "sentence")

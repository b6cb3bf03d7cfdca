"""Migration 11: rows stored before actors and mentions said how they were found get ``via`` (and a title's
role, and whether a country is the story's) from their reasons, once, the same as the pipeline sets them."""

from __future__ import annotations

import json

from sqlalchemy import select, update

from newsgraph import store as st
from newsgraph.document import Actor, Document, Mention
from newsgraph.store import legacy, migrations, schema
from tests.test_store_support import db_url, postgres_database, postgres_server, spanned, store

__all__ = ["db_url", "postgres_database", "postgres_server", "store"]

TEXT = "Maria Okafor met the union leader. Okafor said he would return. Police in Gondor agreed."


def document() -> Document:
    def mention(piece: str, reason: str, via: str, role: str | None = None) -> Mention:
        return Mention(*spanned(TEXT, piece), reason=reason, via=via, role=role)  # type: ignore[arg-type]

    return Document(text=TEXT, actors=[
        Actor("a1", "Maria Okafor", "person", country="GON", reason="ner:PERSON; country from context",
              country_from_context=True, mentions=[mention("Maria Okafor", "ner:PERSON", "ner"),
                                                   mention("Okafor", "repeat of a name", "repeat"),
                                                   mention("he", "pronoun:he:subject", "pronoun")]),
        Actor("a2", "union leader", "person", reason="unnamed:leader", via="unnamed",
              mentions=[mention("the union leader", "title:union leader", "title", "union leader")]),
        Actor("a3", "Police", "organization", country="GON", reason="group:police", via="group",
              mentions=[mention("Police", "group:police", "group")]),
        Actor("GON", "Gondor", "country", country="GON", reason="state", via="state",
              mentions=[mention("Gondor", "ner:GPE:gazetteer", "ner")])])


def how_found(store: st.Store) -> list[tuple[object, ...]]:
    A, M = schema.actors, schema.mentions
    with store.engine.connect() as conn:
        actors = conn.execute(select(A.c.via, A.c.country_from_context).order_by(A.c.ord)).all()
        mentions = conn.execute(select(M.c.via, M.c.role).order_by(M.c.ord)).all()
    return [tuple(r) for r in [*actors, *mentions]]


def test_the_migration_reads_how_old_rows_were_found_from_their_reasons(store: st.Store) -> None:
    st.store_document(store, document())
    before = how_found(store)
    assert before[0] == ("ner", True) and ("title", "union leader") in before
    with store.engine.begin() as conn:  # as stored before migration 11
        conn.execute(update(schema.actors).values(via="", country_from_context=False))
        conn.execute(update(schema.mentions).values(via="", role=None))
        conn.execute(schema.migrations.delete().where(schema.migrations.c.version == 11))
    assert migrations.apply_migrations(store) == [11]
    assert how_found(store) == before


def test_a_kept_machine_record_gets_how_its_actors_were_found() -> None:
    record = document().to_dict()
    for actor in record["actors"]:
        del actor["via"], actor["country_from_context"]
        for mention in actor["mentions"]:
            del mention["via"], mention["role"]
    upgraded = Document.from_json(legacy.upgrade_json(json.dumps(record)))
    assert upgraded == document()


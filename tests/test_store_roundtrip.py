"""Property: any document record stored and read back is equal, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from newsgraph import store as st
from newsgraph.document import Actor, Document, Event, Figure, Mention, Quote, SetAside, Span, TimeExpr
from newsgraph.store import linking, records
from newsgraph.store.ingestion import index_document
from tests.test_store_support import BACKENDS, postgres_database, postgres_server, store_url

__all__ = ["postgres_database", "postgres_server"]  # fixtures used below

text = hs.text(hs.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
opt_text = hs.none() | text
offset = hs.integers(min_value=0, max_value=10**12)
number = hs.floats(allow_nan=False, allow_infinity=False)
spans = hs.builds(Span, start=offset, end=offset, text=text)
mentions = hs.builds(Mention, start=offset, end=offset, text=text, reason=text)
actors = hs.builds(Actor, id=text, name=text, kind=text, country=opt_text, sector=opt_text,
                   roles=hs.lists(text, max_size=3), mentions=hs.lists(mentions, max_size=3), reason=text)
events = hs.builds(Event, id=text, type=text, source=opt_text, target=opt_text, trigger=spans, evidence=text,
                   spans=hs.lists(spans, max_size=2), mode=opt_text, cameo=opt_text,
                   quad=hs.none() | hs.integers(1, 4), intensity=hs.none() | hs.floats(-1e9, 1e9),
                   negated=hs.booleans(),
                   modality=opt_text, date=opt_text, location=opt_text, reason=text)
documents = hs.builds(
    Document, text=text, id=text, title=opt_text, url=opt_text, outlet=opt_text, published=opt_text,
    published_reason=text, model=opt_text,
    set_aside=hs.lists(hs.builds(SetAside, start=offset, end=offset, text=text, kind=text, reason=text), max_size=2),
    actors=hs.lists(actors, max_size=3), events=hs.lists(events, max_size=3),
    quotes=hs.lists(hs.builds(Quote, start=offset, end=offset, text=text, id=text, kind=text, speaker=opt_text,
                              cue=opt_text, reason=text), max_size=2),
    dates=hs.lists(hs.builds(TimeExpr, start=offset, end=offset, text=text, id=text, value=opt_text, kind=text,
                             reason=text), max_size=2),
    figures=hs.lists(hs.builds(Figure, start=offset, end=offset, text=text, id=text, value=number, unit=opt_text,
                               approx=opt_text, what=opt_text, reason=text), max_size=2))


@pytest.fixture(params=BACKENDS)
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[st.Store]:
    with store_url(request.param, request, tmp_path) as url:
        opened = st.connect(url)
        yield opened
        opened.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents)
def test_any_document_reads_back_equal(any_store: st.Store, document: Document) -> None:
    with any_store.engine.connect() as conn:
        transaction = conn.begin()
        records.write_document(conn, document)
        index_document(conn, document)
        linking.link_document(conn, document)
        assert records.read_document(conn, document.hash) == document
        transaction.rollback()

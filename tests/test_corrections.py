"""Analysts' corrections in the store: each kind recorded beside the machine's answer, the corrected view read
by queries, dyads and the PLOVER export, carried over to a new extraction, exported as gold and scored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from click.testing import CliRunner
from sqlalchemy import select

from newsgraph import store as st
from newsgraph.cli import main
from newsgraph.document import Actor, Document, Event, Quote
from newsgraph.store import corrections, records, schema, users
from newsgraph.store.gold import evaluate, export_gold
from newsgraph.store.plover import plover_records
from newsgraph.store.review import CorrectionError, Request, correct
from tests.test_store_support import db_url, postgres_database, postgres_server
from tests.test_web_api import mentions, span

__all__ = ["db_url", "postgres_database", "postgres_server"]  # fixtures used below

STORY = ("Gondor signed a pact with Arnor on Monday. Rohan accused Gondor of spying. "
         "Denethor met Theoden in Edoras. The Steward praised Arnor.\n"
         'Denethor said: "We stand with Arnor."\n')
URL = "https://example.org/pact"


def sentence_of(text: str, word: str) -> str:
    return next(s.strip() + "." for s in text.split(".") if word in s)


def story(text: str = STORY, accuse: str = "accused") -> Document:
    doc = Document(text=text, title="A pact", url=URL, published="2021-03-04", published_reason="given")
    doc.actors = [Actor("gondor", "Gondor", "country", country="GON", mentions=mentions(text, "Gondor")),
                  Actor("arnor", "Arnor", "country", country="ARN", mentions=mentions(text, "Arnor")),
                  Actor("rohan", "Rohan", "country", country="ROH", mentions=mentions(text, "Rohan")),
                  Actor("denethor", "Denethor", "person", country="GON",
                        mentions=sorted(mentions(text, "Denethor") + mentions(text, "The Steward"),
                                        key=lambda m: m.start)),
                  Actor("theoden", "Theoden", "person", mentions=mentions(text, "Theoden")),
                  Actor("king", "King Theoden", "person", mentions=mentions(text, "Theoden")[:1])]
    doc.events = [
        Event("e1", "AGREE", "gondor", "arnor", span(text, "signed"), sentence_of(text, "signed"), quad=1,
              date="2021-03-01", reason="test"),
        Event("e2", "ACCUSE", "rohan", "gondor", span(text, accuse), sentence_of(text, accuse), quad=3,
              reason="test"),
        Event("e3", "CONSULT", "denethor", "theoden", span(text, "met"), sentence_of(text, "met"), quad=1,
              reason="test"),
    ]
    quote = span(text, "We stand with Arnor.")
    doc.quotes = [Quote(quote.start, quote.end, quote.text, id="q1", kind="direct", speaker="gondor")]
    return doc


@pytest.fixture()
def store(tmp_path: Path) -> Any:
    opened = st.connect(tmp_path / "store.db")
    st.store_document(opened, story(), origin="test")
    yield opened
    opened.close()


HASH = story().hash


def read(store: Any, doc: str) -> Document | None:
    with store.engine.connect() as conn:
        return records.read_document(conn, doc)


def current(store: Any) -> Document:
    document = read(store, HASH)
    assert document is not None
    return document


def test_each_kind_changes_the_corrected_view_and_is_recorded_with_before_and_after(store: Any) -> None:
    correct(store, HASH, Request("edit_event", "e1", {"type": "REJECT", "target": "rohan"}, "wrong act"),
            author="ann")
    correct(store, HASH, Request("reject_event", "e2", comment="not an accusation"), author="ann")
    start = STORY.index("praised")
    correct(store, HASH, Request("add_event", f"{start}:{start + 7}",
                                 {"type": "SUPPORT", "source": "denethor", "target": "arnor"}), author="bob")
    correct(store, HASH, Request("edit_actor", "theoden", {"country": "roh", "sector": "gov"}), author="bob")
    correct(store, HASH, Request("merge_actors", "king", {"into": "theoden"}), author="bob")
    correct(store, HASH, Request("split_actor", "denethor", {"name": "The Steward", "mentions": ["The Steward"]}),
            author="bob")
    correct(store, HASH, Request("reattribute_quote", "q1", {"speaker": "Denethor"}), author="bob")
    document = current(store)
    by_trigger = {e.trigger.text: e for e in document.events}
    assert (by_trigger["signed"].type, by_trigger["signed"].target, by_trigger["signed"].quad) == ("REJECT", "rohan", 3)
    assert "accused" not in by_trigger
    added = by_trigger["praised"]
    assert (added.type, added.origin, added.evidence) == ("SUPPORT", "analyst", "The Steward praised Arnor.")
    assert added.source == "denethor-2"  # the split gave "The Steward" its own actor, and its event with it
    names = {a.name: a for a in document.actors}
    assert "King Theoden" not in names and (names["Theoden"].country, names["Theoden"].sector) == ("ROH", "GOV")
    assert [m.text for m in names["The Steward"].mentions] == ["The Steward"]
    assert document.quotes[0].speaker == "denethor"
    made = corrections.corrections(store, doc=HASH)
    assert [c.kind for c in made] == ["edit_event", "reject_event", "add_event", "edit_actor", "merge_actors",
                                      "split_actor", "reattribute_quote"]
    assert made[0].before["type"] == "AGREE" and made[0].after["type"] == "REJECT"
    assert made[0].comment == "wrong act" and made[0].author == "ann" and made[1].after is None


def test_the_machine_answer_is_kept_whole(store: Any) -> None:
    correct(store, HASH, Request("reject_event", "e2"), author="ann")
    machine = corrections.machine_document(store, HASH)
    assert machine is not None and [e.id for e in machine.events] == ["e1", "e2", "e3"]
    assert [e.id for e in current(store).events] == ["e1", "e3"]


def test_dyad_events_and_plover_read_the_corrected_view(store: Any) -> None:
    assert dyad_events(store, "Rohan", "Gondor") == 1
    assert any(r["event"] == ["AGREE"] for r in plover_records(store))
    correct(store, HASH, Request("reject_event", "e2"), author="ann")
    correct(store, HASH, Request("edit_event", "e1", {"type": "SANCTION"}), author="ann")
    assert dyad_events(store, "Rohan", "Gondor") == 0
    events = [r["event"] for r in plover_records(store)]
    assert ["SANCTION"] in events and ["AGREE"] not in events and ["ACCUSE"] not in events
    assert {e["type"] for e in st.events(store)} == {"SANCTION", "CONSULT"}


def dyad_events(store: Any, a: str, b: str) -> int:
    return sum(r["events"] for r in st.dyad(store, a, b))


@pytest.mark.parametrize(("request_", "message"), [
    (Request("edit_event", "e9", {"type": "AGREE"}), "no event"),
    (Request("edit_event", "e1", {"type": "HUG"}), "not a PLOVER event type"),
    (Request("edit_event", "e1", {"date": "Monday"}), "not a date"),
    (Request("edit_event", "e1", {"source": "Mordor"}), "no actor named"),
    (Request("edit_actor", "gondor", {"country": "Gondor"}), "not a country code"),
    (Request("merge_actors", "gondor", {"into": "gondor"}), "with itself"),
    (Request("add_event", "5:2", {"type": "AGREE"}), "not inside the text"),
    (Request("burn", "e1"), "unknown correction"),
])
def test_a_correction_that_does_not_fit_is_refused_and_changes_nothing(store: Any, request_: Request,
                                                                      message: str) -> None:
    with pytest.raises(CorrectionError, match=message):
        correct(store, HASH, request_, author="ann")
    assert current(store) == story() and corrections.corrections(store) == []


def test_reingesting_a_changed_article_keeps_the_corrections_that_still_apply(store: Any) -> None:
    correct(store, HASH, Request("edit_event", "e1", {"type": "REJECT"}), author="ann")
    correct(store, HASH, Request("reject_event", "e2"), author="ann")
    correct(store, HASH, Request("edit_event", "e3", {"location": "Edoras"}), author="ann")
    changed = STORY.replace("Rohan accused Gondor of spying.", "Rohan blamed Gondor for spying.").replace(
        "Denethor met", "Later, Denethor met")
    new = story(changed, accuse="blamed")
    assert st.store_document(store, new, origin="test") == "changed"
    document = read(store, new.hash)
    assert document is not None and read(store, HASH) is None
    by_trigger = {e.trigger.text: e for e in document.events}
    assert by_trigger["signed"].type == "REJECT"  # the sentence is the same: the correction applies again
    assert by_trigger["blamed"].type == "ACCUSE"  # a new reading of a changed sentence: the rejection is stale
    assert by_trigger["met"].location is None  # its sentence changed too
    made = corrections.corrections(store, doc=new.hash)
    assert [c.status for c in made] == ["applied", "stale", "stale"]
    assert "no event “accused”" in str(made[1].stale_reason)
    machine = corrections.machine_document(store, new.hash)
    assert machine is not None and machine.events[0].type == "AGREE"


def test_corrections_export_as_gold_and_the_scorer_counts_a_rejection_against_the_machine(
        store: Any, tmp_path: Path, shared: Path) -> None:
    from newsgraph import shared_scorer

    scorer = shared_scorer.load(shared / "eval" / "score.py")
    correct(store, HASH, Request("reject_event", "e2"), author="ann")
    assert export_gold(store, tmp_path / "gold") == [HASH]
    gold = json.loads((tmp_path / "gold" / HASH / "gold.json").read_text())
    assert [e["id"] for e in gold["events"]] == ["e1", "e3"]
    assert (tmp_path / "gold" / HASH / "article.txt").read_text() == STORY
    figures = evaluate(store, tmp_path / "gold", scorer)
    events = figures["documents"][0]["events"]
    assert (events["hits"], events["unmatched"], events["recall"]) == (2, 1, 1.0)
    assert figures["summary"]["events.pooled_precision"] == round(2 / 3, 3)
    correct(store, HASH, Request("edit_event", "e3", {"type": "ASSAULT"}), author="ann")
    export_gold(store, tmp_path / "gold")
    events = evaluate(store, tmp_path / "gold", scorer)["documents"][0]["events"]
    assert (events["hits"], events["unmatched"], events["recall"]) == (1, 2, 0.5)


def test_passwords_are_kept_only_as_argon2_hashes_and_tokens_as_digests(store: Any) -> None:
    users.add_user(store, "ann", "editor", "correct horse battery")
    assert users.verify_password(store, "ann", "correct horse battery") == users.User(1, "ann", "editor")
    assert users.verify_password(store, "ann", "wrong password") is None
    assert users.verify_password(store, "nobody", "correct horse battery") is None
    token = users.new_token(store, "ann")
    assert users.user_for_token(store, token) is not None and users.user_for_token(store, token + "x") is None
    with store.engine.connect() as conn:
        row = conn.execute(select(schema.users)).one()
    assert "correct horse" not in json.dumps(list(row)) and token not in json.dumps(list(row))
    assert PasswordHasher().verify(row.password_hash, "correct horse battery")
    with pytest.raises(users.UserError, match="exists already"):
        users.add_user(store, "ann", "admin", "another password")


def test_a_closed_session_gives_no_access(store: Any) -> None:
    user = users.add_user(store, "ann", "editor", "correct horse battery")
    session = users.open_session(store, user)
    assert users.session_user(store, session) == user
    users.close_session(store, session)
    assert users.session_user(store, session) is None


def test_cli_adds_users_exports_gold_evaluates_and_audits(tmp_path: Path, shared: Path) -> None:
    db = tmp_path / "cli.db"
    opened = st.connect(db)
    st.store_document(opened, story(), origin="test")
    runner = CliRunner()
    added = runner.invoke(main, ["user", "add", "ann", "--role", "editor", "--password-stdin", "--db", str(db)],
                          input="correct horse battery\n")
    assert added.exit_code == 0, added.output
    assert "correct horse" not in added.output
    correct(opened, HASH, Request("reject_event", "e2", comment="no accusation"), author="ann")
    opened.close()
    exported = runner.invoke(main, ["export", "--format", "gold", "--db", str(db), str(tmp_path / "gold")])
    assert exported.exit_code == 0, exported.output
    assert (tmp_path / "gold" / HASH / "gold.json").exists()
    scored = runner.invoke(main, ["eval", str(tmp_path / "gold"), "--db", str(db), "--json",
                                  "--scorer", str(shared / "eval" / "score.py")])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.output.splitlines()[-1])["events.pooled_precision"] == round(2 / 3, 3)
    audit = runner.invoke(main, ["audit", "--db", str(db), "--format", "json"])
    assert audit.exit_code == 0, audit.output
    rows = json.loads(audit.output)
    assert [(r["author"], r["kind"], r["comment"]) for r in rows] == [("ann", "reject_event", "no accusation")]


def test_corrections_users_and_carry_over_work_on_each_backend(db_url: str) -> None:
    opened = st.connect(db_url)
    try:
        st.store_document(opened, story(), origin="test")
        user = users.add_user(opened, "ann", "editor", "correct horse battery")
        assert users.session_user(opened, users.open_session(opened, user)) == user
        correct(opened, HASH, Request("edit_event", "e1", {"type": "REJECT", "target": "rohan"}), author="ann")
        correct(opened, HASH, Request("merge_actors", "king", {"into": "theoden"}), author="ann")
        st.connect(db_url).close()  # opening again migrates nothing twice
        changed = story(STORY.replace("Denethor met", "Later, Denethor met"))
        assert st.store_document(opened, changed, origin="test") == "changed"
        assert [c.status for c in corrections.corrections(opened, doc=changed.hash)] == ["applied", "applied"]
        assert dyad_events(opened, "Gondor", "Rohan") == 2  # the accusation, and the rejection now aimed at Rohan
    finally:
        opened.close()

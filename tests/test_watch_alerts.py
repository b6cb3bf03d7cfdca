"""Alert rules over stored events (written for the tests), each delivery channel, the alerts page and the
``alerts`` command."""

from __future__ import annotations

import asyncio
import io
import json
import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sqlalchemy import delete, text

from newsgraph import store as st
from newsgraph.cli import main
from newsgraph.store import migrations, schema
from newsgraph.store import watch as state
from newsgraph.watch import as_text, deliver, evaluate
from newsgraph.watch.config import Delivery, Email, Rule
from newsgraph.web import WebSettings, create_app
from tests.test_hardening_support import LOCAL
from tests.test_store_support import db_url, make_document, postgres_database, postgres_server, store
from tests.test_watch_support import Receiver, receiver

__all__ = ["db_url", "postgres_database", "postgres_server", "receiver", "store"]  # fixtures used below
WEB = "http://ng.test"
SIDES = [("a1", "Iran", "country", "IRN", ["Iran"]), ("a2", "Iraq", "country", "IRQ", ["Iraq"])]
#: (day, trigger sentence, trigger, type, quad): one cooperation event a week, one accusation in the
#: second week, then three conflict events in the week of 2024-02-05.
WEEKS = [("2024-01-02", "Iran met Iraq on water", "met", "CONSULT", 1),
         ("2024-01-09", "Iran met Iraq on trade", "met", "CONSULT", 1),
         ("2024-01-10", "Iraq accused Iran of smuggling", "accused", "ACCUSE", 3),
         ("2024-01-16", "Iran met Iraq on roads", "met", "CONSULT", 1),
         ("2024-01-23", "Iran met Iraq on power", "met", "CONSULT", 1),
         ("2024-01-30", "Iran met Iraq on oil", "met", "CONSULT", 1),
         ("2024-02-05", "Iran shelled Iraq at dawn", "shelled", "ASSAULT", 4),
         ("2024-02-06", "Iraq accused Iran of the shelling", "accused", "ACCUSE", 3),
         ("2024-02-07", "Iran threatened Iraq with more", "threatened", "THREATEN", 3)]
JUMP = Rule(name="Iran–Iraq conflict", kind="dyad_score", a="Iran", b="Iraq", sigmas=2.5, baseline_weeks=4)


def store_week(store: st.Store, day: str, sentence: str, trigger: str, type_: str, quad: int) -> None:
    source, target = ("a2", "a1") if sentence.startswith("Iraq") else ("a1", "a2")
    document = make_document(f"{sentence}\n{sentence}. Officials said so.", published=day, actors=SIDES,
                             events=[(trigger, type_, source, target, day, quad, -5.0 if quad > 2 else 3.0)])
    st.store_document(store, document)


def test_a_dyad_rule_fires_on_the_week_its_score_jumps_with_that_weeks_events(store: st.Store) -> None:
    for week in WEEKS:
        store_week(store, *week)
    alerts = evaluate(store, (JUMP,), web=WEB)
    assert [a["period"] for a in alerts] == ["2024-W06"]
    alert = alerts[0]
    assert [(e["date"], e["type"]) for e in alert["events"]] == [
        ("2024-02-05", "ASSAULT"), ("2024-02-06", "ACCUSE"), ("2024-02-07", "THREATEN")]
    assert alert["events"][0]["reports"][0]["sentence"].startswith("Iran shelled Iraq at dawn")
    assert alert["events"][0]["reports"][0]["link"].startswith(f"{WEB}/documents/")
    assert "2.8 standard deviations" in alert["reason"] and alert["link"] == f"{WEB}/dyad?a=Iran&b=Iraq&by=week"


@pytest.mark.parametrize(("threshold", "periods"), [(1, ["2024-W02", "2024-W06"]), (3, ["2024-W06"]), (4, [])])
def test_a_dyad_rule_with_a_threshold_fires_on_every_week_at_or_above_it(store: st.Store, threshold: int,
                                                                       periods: list[str]) -> None:
    for week in WEEKS:
        store_week(store, *week)
    rule = Rule(name="t", kind="dyad_score", a="Iran", b="Iraq", threshold=threshold)
    assert [a["period"] for a in evaluate(store, (rule,), web=WEB)] == periods


def test_first_event_fires_once_per_pair_and_type_and_actor_events_for_each(store: st.Store) -> None:
    for week in WEEKS:
        store_week(store, *week)
    first = Rule(name="first", kind="first_event", types=("ACCUSE", "ASSAULT"))
    actor = Rule(name="iran", kind="actor_events", actor="Iran", types=("THREATEN", "ASSAULT"))
    alerts = evaluate(store, (first, actor), web=WEB)
    assert [(a["rule"], a["period"], a["events"][0]["type"]) for a in alerts] == [
        ("first", "2024-W02", "ACCUSE"), ("first", "2024-W06", "ASSAULT"),
        ("iran", "2024-W06", "ASSAULT"), ("iran", "2024-W06", "THREATEN")]
    assert alerts[0]["title"] == "First ACCUSE between Iraq and Iran"


def test_alerts_are_stored_once_per_key_and_delivered_once(store: st.Store) -> None:
    for week in WEEKS:
        store_week(store, *week)
    found = evaluate(store, (JUMP,), web=WEB)
    assert state.add_alert(store, found[0]) is not None
    assert state.add_alert(store, evaluate(store, (JUMP,), web=WEB)[0]) is None
    assert [a["title"] for a in state.take_undelivered(store, at="2024-02-08T00:00:00+00:00")] == [found[0]["title"]]
    assert state.take_undelivered(store, at="2024-02-08T00:00:01+00:00") == []


def test_a_store_that_had_events_before_the_watch_raises_alerts_only_for_later_ones(db_url: str) -> None:
    old = st.connect(db_url)
    for week in WEEKS[:-1]:
        store_week(old, *week)
    with old.engine.begin() as conn:  # the store as version 7 left it: no watch tables
        for table in ("watch_meta", "alerts", "watch_entries", "watch_feeds"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(delete(schema.migrations).where(schema.migrations.c.version == 8))
    assert migrations.apply_migrations(old) == [8]
    rules = (JUMP, Rule(name="iran", kind="actor_events", actor="Iran", types=("THREATEN", "ASSAULT")))
    assert evaluate(old, rules, web=WEB) == []
    store_week(old, *WEEKS[-1])
    assert [(a["rule"], a["events"][-1]["type"]) for a in evaluate(old, rules, web=WEB)] == [
        ("Iran–Iraq conflict", "THREATEN"), ("iran", "THREATEN")]
    old.close()


def an_alert() -> dict[str, Any]:
    return {"id": 7, "key": "k", "rule": "Iran–Iraq conflict", "kind": "dyad_score", "fired_at": "2024-02-08T00:00:00",
            "period": "2024-W06", "title": "Iran–Iraq conflict: 1 events in 2024-W06", "reason": "a jump",
            "link": f"{WEB}/dyad?a=Iran&b=Iraq", "events": [
                {"id": 1, "date": "2024-02-05", "type": "ASSAULT", "source": "Iran", "target": "Iraq", "quad": 4,
                 "intensity": -5.0, "reports": [{"doc": "ab12", "title": "t", "url": None,
                                                 "sentence": "Iran shelled Iraq at dawn.",
                                                 "link": f"{WEB}/documents/ab12"}]}]}


def test_delivery_prints_and_appends_a_json_line(tmp_path: Path) -> None:
    out, path = io.StringIO(), tmp_path / "alerts.jsonl"
    for _ in range(2):
        done = deliver(an_alert(), Delivery(print=True, jsonl=path), stream=out)
    assert done.failures == () and len(done.channels) == 2
    assert "“Iran shelled Iraq at dawn.” (http://ng.test/documents/ab12)" in out.getvalue()
    assert [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] == [an_alert()] * 2


def test_delivery_posts_the_alert_as_json_to_a_webhook(receiver: Receiver) -> None:
    done = deliver(an_alert(), Delivery(print=False, webhook=receiver.url))
    headers, body = receiver.posts[0]
    assert done.channels == (f"webhook {receiver.url}",) and headers["Content-Type"] == "application/json"
    assert json.loads(body) == an_alert()


def test_a_failing_channel_is_reported_and_the_others_still_get_the_alert(tmp_path: Path) -> None:
    failing = Receiver(status=500)
    try:
        done = deliver(an_alert(), Delivery(print=False, webhook=failing.url, jsonl=tmp_path / "a.jsonl"))
    finally:
        failing.close()
    assert done.channels == (f"jsonl {tmp_path / 'a.jsonl'}",) and "500" in done.failures[0]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()
    asyncio.set_event_loop(asyncio.new_event_loop())


def test_delivery_mails_the_alert_over_smtp(smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    email = Email(host="127.0.0.1", port=port, sender="ng@test", to=("analyst@test",))
    done = deliver(an_alert(), Delivery(print=False, email=email))
    sender, to, content = inbox.messages[0]
    message = message_from_bytes(content, policy=policy.default)
    assert done.failures == () and (sender, to) == ("ng@test", ["analyst@test"])
    assert message["Subject"] == "newsgraph alert: Iran–Iraq conflict: 1 events in 2024-W06"
    parts = {p.get_content_type(): p.get_payload(decode=True) for p in message.walk() if not p.is_multipart()}
    assert "Iran shelled Iraq at dawn." in parts["text/plain"].decode() and json.loads(parts["application/json"])


def test_the_alerts_page_and_command_show_what_fired_and_why(tmp_path: Path) -> None:
    db = str(tmp_path / "alerts.db")
    opened = st.connect(db)
    for week in WEEKS:
        store_week(opened, *week)
    alert = evaluate(opened, (JUMP,), web=WEB)[0]
    state.add_alert(opened, alert)
    client = TestClient(create_app(WebSettings(db=db), store=opened), base_url=LOCAL)
    page = client.get("/alerts").text
    assert "Iran–Iraq conflict: 3 events in 2024-W06" in page and "Iran threatened Iraq with more" in page
    assert client.get("/api/alerts").json()[0]["events"][1]["type"] == "ACCUSE"
    opened.close()
    result = CliRunner().invoke(main, ["alerts", "--db", db])
    assert result.exit_code == 0 and as_text({**alert, "id": 1}) in result.output
    rows = json.loads(CliRunner().invoke(main, ["alerts", "--db", db, "--format", "json"]).output)
    assert [r["period"] for r in rows] == ["2024-W06"]

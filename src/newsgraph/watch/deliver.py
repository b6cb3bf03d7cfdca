"""Delivering alerts: as text to a stream, appended to a JSONL file, POSTed as JSON to a webhook, e-mailed
over SMTP. A channel that fails is reported with its reason; the others still get the alert."""

from __future__ import annotations

import json
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, TextIO

import httpx

from newsgraph.watch.config import Delivery, Email

Row = dict[str, Any]


@dataclass(frozen=True)
class Delivered:
    """Where one alert went, and each channel that failed with its reason."""

    channels: tuple[str, ...]
    failures: tuple[str, ...] = ()

    def summary(self) -> str:
        return "; ".join([*self.channels, *(f"failed: {f}" for f in self.failures)])


def as_text(alert: Row) -> str:
    """An alert for a terminal or an e-mail body: what fired, why, and each event with its sentences."""
    lines = [f"[{alert['rule']}] {alert['title']}", f"  why: {alert['reason']}", f"  see: {alert['link']}"]
    for event in alert["events"]:
        lines.append(f"  - {event['date'] or 'undated'} {event['type']}: {event['source'] or '?'} → "
                     f"{event['target'] or '?'}")
        lines += [f"      “{r['sentence']}” ({r['link']})" for r in event["reports"]]
    return "\n".join(lines)


def as_json(alert: Row) -> str:
    return json.dumps(alert, ensure_ascii=False, default=str)


def deliver(alert: Row, delivery: Delivery, *, stream: TextIO | None = None, timeout: float = 20.0) -> Delivered:
    """Send one alert to every channel ``delivery`` names (printing goes to ``stream`` when one is given)."""
    done: list[str] = []
    failed: list[str] = []
    for name, send in _channels(delivery, stream, timeout):
        try:
            send(alert)
            done.append(name)
        except (OSError, httpx.HTTPError, smtplib.SMTPException) as e:
            failed.append(f"{name}: {type(e).__name__}: {e}")
    return Delivered(channels=tuple(done), failures=tuple(failed))


def _channels(delivery: Delivery, stream: TextIO | None, timeout: float) -> list[tuple[str, Any]]:
    channels: list[tuple[str, Any]] = []
    if delivery.print and stream is not None:
        out = stream
        channels.append(("printed", lambda alert: _write(out, as_text(alert) + "\n\n")))
    if delivery.jsonl:
        path = delivery.jsonl
        channels.append((f"jsonl {path}", lambda alert: write_jsonl(alert, path)))
    if delivery.webhook:
        url = delivery.webhook
        channels.append((f"webhook {url}", lambda alert: post_webhook(alert, url, timeout=timeout)))
    if delivery.email:
        email = delivery.email
        channels.append((f"email {', '.join(email.to)}", lambda alert: send_email(alert, email, timeout=timeout)))
    return channels


def _write(stream: TextIO, text: str) -> None:
    stream.write(text)
    stream.flush()


def write_jsonl(alert: Row, path: Any) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(as_json(alert) + "\n")


def post_webhook(alert: Row, url: str, *, timeout: float = 20.0) -> None:
    """POST the alert as a JSON body; a non-2xx answer is a failure."""
    response = httpx.post(url, content=as_json(alert).encode("utf-8"),
                          headers={"Content-Type": "application/json"}, timeout=timeout)
    response.raise_for_status()


def send_email(alert: Row, email: Email, *, timeout: float = 20.0) -> None:
    """Mail the alert as text, with the JSON attached."""
    message = EmailMessage()
    message["Subject"] = f"newsgraph alert: {alert['title']}"
    message["From"] = email.sender
    message["To"] = ", ".join(email.to)
    message.set_content(as_text(alert))
    message.add_attachment(as_json(alert).encode("utf-8"), maintype="application", subtype="json",
                           filename="alert.json")
    with smtplib.SMTP(email.host, email.port, timeout=timeout) as smtp:
        if email.starttls:
            smtp.starttls()
        if email.username:
            smtp.login(email.username, email.password or "")
        smtp.send_message(message)

"""Shared pieces of the watch tests: an extractor that skips the model, polite-fetching settings fast enough
for tests, feeds written for the tests, and receivers for webhooks and e-mail."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from benchmarks.watch_replay import NewsServer
from newsgraph.document import Document, Failure
from newsgraph.pipeline import Item, Work, prepare
from newsgraph.readers import RawDocument
from newsgraph.settings import Settings
from newsgraph.watch.config import Fetching

#: Quick limits: half a second to answer, one retry 10 ms later, failures due again at once.
FAST = Fetching(user_agent="newsgraph-test/1.0", timeout=0.5, per_host_interval=0, retries=1, backoff=0.01,
                max_redirects=3, retry_after=0, max_attempts=2, every=0)


@dataclass
class Plain:
    """An extractor that cleans and stores the text without the model (no events): fast watch tests."""

    settings: Settings = field(default_factory=Settings)

    def run_many(self, items: Iterable[Item]) -> Iterator[tuple[RawDocument, Document] | Failure]:
        for item in items:
            if isinstance(item, Failure):
                yield item
            else:  # ingest hands on the items it prepared to hash them
                work = item if isinstance(item, Work) else prepare(item, self.settings)
                yield work.raw, work.document


def atom(items: list[tuple[str, str, str]]) -> str:
    """An Atom feed of (title, link, updated YYYY-MM-DD) entries."""
    entries = "".join(f'<entry><title>{html.escape(t)}</title><link href="{html.escape(link)}"/><id>{link}</id>'
                      f"<updated>{day}T08:00:00Z</updated></entry>" for t, link, day in items)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Atom news</title><id>urn:test</id><updated>2024-03-05T08:00:00Z</updated>{entries}</feed>")


class Receiver:
    """A local webhook: records each POST's headers and body, answers ``status``."""

    def __init__(self, status: int = 204) -> None:
        self.posts: list[tuple[dict[str, str], bytes]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                owner.posts.append((dict(self.headers), body))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    hook = Receiver()
    yield hook
    hook.close()


@pytest.fixture
def news() -> Iterator[NewsServer]:
    with NewsServer() as server:
        yield server


def story(subject: str) -> str:
    """A short article body written for the tests."""
    return (f"The council of {subject} met on Monday to discuss the harbour.\n"
            f"Officials in {subject} said the new pier would open in the spring after two years of work.\n")

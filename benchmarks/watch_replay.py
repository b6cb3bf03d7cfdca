"""Replay a JSONL corpus through ``newsgraph watch``: a local feed lists its articles in publication order,
a local server serves each as an HTML page, one watch cycle ingests them all, then alert rules run on the
corpus's busiest dyads and the alerts are printed.

    .venv/bin/python benchmarks/watch_replay.py ../shared/corpus/wikinews.jsonl [--db PATH] [--limit N]
        [--dyads N] [--sigmas S]

Also home of ``NewsServer``, the local HTTP server the watch tests serve feeds and pages from.
"""

from __future__ import annotations

import argparse
import html
import json
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import select

from newsgraph import store as st
from newsgraph.pipeline import Pipeline
from newsgraph.settings import Settings
from newsgraph.store import schema
from newsgraph.watch import Watcher, as_text, evaluate, parse_config
from newsgraph.watch.config import Rule


@dataclass
class Page:
    """What the server answers for one path: a body, a status, extra headers, a delay, an ETag."""

    body: str = ""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float
    status: int


class NewsServer:
    """A local HTTP server in a thread serving ``pages`` by path (404 for others); it records each request."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> NewsServer:
        self.thread.start()
        return self

    def __exit__(self, *_: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def hits(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                page = owner.pages.get(self.path, Page(body="not here", status=404))
                status = 304 if page.etag and self.headers.get("If-None-Match") == page.etag else page.status
                with owner.lock:
                    owner.requests.append(Request(self.path, dict(self.headers), time.monotonic(), status))
                time.sleep(page.delay)
                body = b"" if status == 304 else page.body.encode("utf-8")
                try:
                    self.send_response(status)
                    for name, value in {"Content-Type": page.content_type, **page.headers}.items():
                        self.send_header(name, value)
                    if page.etag:
                        self.send_header("ETag", page.etag)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the slow page)

            def log_message(self, *_: Any) -> None:
                pass

        return Handler


def rss(items: list[tuple[str, str, str | None]], *, title: str = "Local news") -> str:
    """An RSS 2.0 feed of (title, link, published YYYY-MM-DD) items."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link>"
        + (f"<pubDate>{_rfc822(day)}</pubDate>" if day else "") + "</item>" for t, link, day in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{html.escape(title)}</title>'
            f"<link>http://127.0.0.1/</link><description>test</description>{entries}</channel></rss>")


def _rfc822(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day[:10]).replace(hour=12, tzinfo=UTC))


def article_page(title: str, text: str, published: str | None = None) -> str:
    """An article as a news site would serve it: a header, the story in paragraphs, a footer."""
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n") if p.strip())
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (f"<!doctype html><html><head><title>{html.escape(title)}</title>{meta}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{html.escape(title)}</h1>"
            f"{paragraphs}</article><footer>Copyright Local News</footer></body></html>")


def serve_corpus(server: NewsServer, records: list[dict[str, Any]]) -> str:
    """Put each record up as a page and list them all, in publication order, in one feed; returns its URL."""
    ordered = sorted(enumerate(records), key=lambda pair: (pair[1].get("published") or "", pair[0]))
    items = []
    for i, record in ordered:
        path = f"/articles/{i}.html"
        title = record.get("title") or record["text"].strip().split("\n")[0]
        server.pages[path] = Page(article_page(title, record["text"], record.get("published")))
        items.append((title, server.url(path), record.get("published")))
    server.pages["/feed.xml"] = Page(rss(items), content_type="application/rss+xml")
    return server.url("/feed.xml")


def busiest_dyads(store: st.Store, n: int) -> list[tuple[str, str, int]]:
    low, high, P = schema.entities.alias("low"), schema.entities.alias("high"), schema.pair_events
    query = (select(low.c.name, high.c.name, P.c.events).select_from(
        P.join(low, low.c.id == P.c.low).join(high, high.c.id == P.c.high)).order_by(P.c.events.desc()).limit(n))
    with store.engine.connect() as conn:
        return [(a, b, int(k)) for a, b, k in conn.execute(query)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--db", help="store to fill (default: a temporary SQLite file)")
    parser.add_argument("--limit", type=int, help="only the first N records")
    parser.add_argument("--dyads", type=int, default=3, help="rules on the N busiest dyads")
    parser.add_argument("--sigmas", type=float, default=2.0)
    args = parser.parse_args()
    records = [json.loads(line) for line in args.corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    records = records[:args.limit] if args.limit else records
    db = args.db or str(Path(tempfile.mkdtemp(prefix="replay-")) / "replay.db")
    store = st.connect(db)
    with NewsServer() as server:
        config = parse_config({"feeds": [{"name": "corpus", "url": serve_corpus(server, records)}],
                               "watch": {"per_host_interval": 0, "every": "1h"}})
        watcher = Watcher(store, config, Pipeline(Settings()))
        started = time.monotonic()
        cycle = watcher.run_once()
        elapsed = time.monotonic() - started
    print(f"replayed {len(records)} records in {elapsed:.0f}s ({elapsed / max(len(records), 1):.2f}s each): "
          f"{cycle.summary()}")
    for failure in cycle.failures:
        print(f"  failed: {failure}")
    rules = []
    for a, b, n in busiest_dyads(store, args.dyads):
        print(f"dyad {a} – {b}: {n} linked events")
        rules += [Rule(name=f"{a}–{b} {side}", kind="dyad_score", a=a, b=b, score=side, sigmas=args.sigmas,
                       baseline_weeks=8) for side in ("conflict", "cooperation")]
    alerts = evaluate(store, tuple(rules), web="http://127.0.0.1:8000")
    print(f"{len(alerts)} alert(s) from {len(rules)} dyad rule(s) at {args.sigmas:g} standard deviations\n")
    for alert in alerts:
        print(as_text(alert) + "\n")
    store.close()


if __name__ == "__main__":
    main()

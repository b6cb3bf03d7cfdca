"""One watch cycle: poll the feeds that are due, fetch and ingest the new articles in publication order,
then raise and deliver alerts. Every step's state is in the store, so a killed watcher resumes where it
stopped; a feed or page that fails is recorded with its reason and tried again later, and never stops the
others.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, TextIO

from newsgraph.readers import ReadError
from newsgraph.readers.html import html_document
from newsgraph.store import Store, ingest
from newsgraph.store import watch as state
from newsgraph.store.ingestion import Extractor
from newsgraph.store.overview import writes
from newsgraph.watch import rules
from newsgraph.watch.config import WatchConfig
from newsgraph.watch.deliver import deliver
from newsgraph.watch.feeds import FeedError, read_feed
from newsgraph.watch.fetch import Disallowed, Fetcher, FetchError

if TYPE_CHECKING:
    from sqlalchemy import Connection

log = logging.getLogger(__name__)
Row = dict[str, Any]
#: Retries of a failing feed or page wait ``retry_after`` doubled per failure, at most this long.
MAX_WAIT = timedelta(days=1)


@dataclass
class CycleReport:
    """What one cycle did: feeds checked (unchanged: 304), entries found, articles by ingest outcome, failures
    with their reasons, and the alerts raised."""

    feeds: int = 0
    unchanged_feeds: int = 0
    entries: int = 0
    articles: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    alerts: list[Row] = field(default_factory=list)

    def summary(self) -> str:
        done = ", ".join(f"{n} {outcome}" for outcome, n in sorted(self.articles.items())) or "no articles"
        return (f"{self.feeds} feed(s) checked ({self.unchanged_feeds} unchanged), {self.entries} new link(s); "
                f"articles: {done}; {len(self.failures)} failure(s); {len(self.alerts)} alert(s)")


def utc_now() -> datetime:
    return datetime.now(UTC)


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


@dataclass
class Watcher:
    """Watches ``config``'s feeds into ``store`` through ``pipeline`` (anything with ``run_many``)."""

    store: Store
    config: WatchConfig
    pipeline: Extractor
    fetcher: Fetcher | None = None
    stream: TextIO | None = None
    clock: Callable[[], datetime] = utc_now
    seen_writes: int | None = None

    def __post_init__(self) -> None:
        if self.fetcher is None:
            self.fetcher = Fetcher(self.config.fetching)

    def close(self) -> None:
        if self.fetcher is not None:
            self.fetcher.close()

    def run_once(self) -> CycleReport:
        """One cycle: feeds, then articles, then alerts."""
        report = CycleReport()
        state.add_feeds(self.store, [(f.name, f.url) for f in self.config.feeds], at=stamp(self.clock()))
        self.poll_feeds(report)
        self.fetch_articles(report)
        self.raise_alerts(report)
        return report

    def run_forever(self, every: float, *, on_cycle: Callable[[CycleReport], None],
                    stop: Callable[[], bool] = lambda: False, sleep: Callable[[float], None] = time.sleep) -> None:
        """A cycle every ``every`` seconds until ``stop()`` says so."""
        while not stop():
            started = time.monotonic()
            on_cycle(self.run_once())
            while not stop() and time.monotonic() - started < every:
                sleep(min(1.0, every))

    def poll_feeds(self, report: CycleReport) -> None:
        """Check every feed that is due (one watcher per feed at a time)."""
        tried: list[str] = []
        while True:
            at = self.clock()
            with state.claim_feed(self.store, at=stamp(at), skip=tried) as (conn, feed):
                if feed is None:
                    return
                tried.append(feed.url)
                self._poll(conn, feed, at, report)

    def _poll(self, conn: Connection, feed: state.FeedState, at: datetime, report: CycleReport) -> None:
        assert self.fetcher is not None
        report.feeds += 1
        try:
            fetched = self.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
            found = [] if fetched.status == 304 else read_feed(fetched.content, fetched.url)
        except (FetchError, FeedError) as e:
            reason = getattr(e, "reason", str(e))
            report.failures.append(f"feed {feed.name}: {reason}")
            state.feed_checked(conn, feed.url, at=stamp(at), due_at=self._retry_at(at, feed.failures + 1),
                               reason=reason)
            return
        report.unchanged_feeds += fetched.status == 304
        entries = [state.EntryState(link=e.link, feed=feed.name, title=e.title, published=e.published) for e in found]
        report.entries += state.add_entries(self.store, entries, at=stamp(at))
        due = stamp(at + timedelta(seconds=self.config.fetching.every))
        state.feed_checked(conn, feed.url, at=stamp(at), due_at=due, etag=fetched.etag or feed.etag,
                           last_modified=fetched.last_modified or feed.last_modified)

    def _retry_at(self, at: datetime, failures: int) -> str:
        wait = timedelta(seconds=self.config.fetching.retry_after * 2 ** max(failures - 1, 0))
        return stamp(at + min(wait, MAX_WAIT))

    def fetch_articles(self, report: CycleReport) -> None:
        """Fetch, extract and ingest every entry that is due, the earliest published first."""
        tried: list[str] = []
        while True:
            at = self.clock()
            with state.claim_entry(self.store, at=stamp(at), skip=tried) as (conn, entry):
                if entry is None:
                    return
                tried.append(entry.link)
                self._article(conn, entry, at, report)

    def _article(self, conn: Connection, entry: state.EntryState, at: datetime, report: CycleReport) -> None:
        assert self.fetcher is not None
        attempts = entry.attempts + 1
        try:
            fetched = self.fetcher.get(entry.link)
            raw = html_document(fetched.text, entry.link)
        except Disallowed as e:
            return self._failed(conn, entry, report, state.SKIPPED, e.reason, attempts, at)
        except FetchError as e:
            status = state.PENDING if e.transient and attempts < self.config.fetching.max_attempts else state.FAILED
            return self._failed(conn, entry, report, status, e.reason, attempts, at)
        except ReadError as e:
            return self._failed(conn, entry, report, state.FAILED, str(e), attempts, at)
        raw.url = entry.link
        raw.title = raw.title or entry.title
        if not raw.published and entry.published:
            raw.published, raw.published_reason = entry.published[:10], "feed"
        result = ingest(self.store, [raw], self.pipeline)
        if result.failures:
            return self._failed(conn, entry, report, state.FAILED, result.failures[0].reason, attempts, at)
        outcome = next(o for o in ("new", "changed", "unchanged") if getattr(result, o))
        report.articles[outcome] += 1
        state.entry_done(conn, entry.link, status=state.DONE, outcome=outcome, attempts=attempts, due_at=stamp(at))

    def _failed(self, conn: Connection, entry: state.EntryState, report: CycleReport, status: str, reason: str,
                attempts: int, at: datetime) -> None:
        report.failures.append(f"article {entry.link}: {reason}")
        due = self._retry_at(at, attempts) if status == state.PENDING else stamp(at)
        state.entry_done(conn, entry.link, status=status, reason=reason, attempts=attempts, due_at=due)

    def raise_alerts(self, report: CycleReport) -> None:
        """Evaluate the rules when the store changed since the last look; deliver the alerts not delivered yet."""
        with self.store.engine.connect() as conn:
            marker = writes(conn)
        if self.config.rules and marker != self.seen_writes:
            for alert in rules.evaluate(self.store, self.config.rules, web=self.config.web):
                state.add_alert(self.store, alert)
            self.seen_writes = marker
        for alert in state.take_undelivered(self.store, at=stamp(self.clock())):
            delivered = deliver(alert, self.config.delivery, stream=self.stream, timeout=self.config.fetching.timeout)
            state.alert_delivered(self.store, alert["id"], delivered.summary())
            report.failures += [f"alert {alert['id']}: {f}" for f in delivered.failures]
            report.alerts.append(alert)

"""A polite HTTP client: a user agent, robots.txt, a per-host rate limit, conditional requests, timeouts,
a redirect limit, a size limit, and a few retries with backoff before it gives up with a reason."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newsgraph.watch.config import Fetching

log = logging.getLogger(__name__)
#: Statuses worth asking again for (the server's trouble, or ours for asking too fast).
TRANSIENT = {408, 425, 429, 500, 502, 503, 504}


class FetchError(Exception):
    """A fetch that failed: ``transient`` when asking again later may work (timeouts, 5xx), not when the
    answer will stay the same (404, a redirect loop, robots.txt forbids it)."""

    def __init__(self, reason: str, *, transient: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


class Disallowed(FetchError):
    """robots.txt does not let this user agent fetch the URL."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, transient=False)


@dataclass(frozen=True)
class Fetched:
    """A response: the final URL, its status (304: not modified), body and validators."""

    url: str
    status: int
    content: bytes = b""
    text: str = ""
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Fetcher:
    """Fetches pages and feeds; one per watcher (it keeps each host's robots.txt and last request time)."""

    settings: Fetching
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    robots: dict[str, RobotFileParser | None] = field(default_factory=dict)
    last_request: dict[str, float] = field(default_factory=dict)
    client: httpx.Client | None = None

    def __post_init__(self) -> None:
        if self.client is None:
            self.client = httpx.Client(headers={"User-Agent": self.settings.user_agent},
                                       timeout=self.settings.timeout, follow_redirects=True,
                                       max_redirects=self.settings.max_redirects)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` if robots.txt allows it, sending the validators given; retries transient failures."""
        if not self.allowed(url):
            raise Disallowed(f"{url}: robots.txt does not allow {self.settings.user_agent!r} to fetch it")
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        for attempt in range(self.settings.retries + 1):
            try:
                return self._get_once(url, headers)
            except FetchError as e:
                if not e.transient or attempt == self.settings.retries:
                    raise
                log.info("%s; retrying", e.reason)
                self.sleep(self.settings.backoff * 2 ** attempt)
        raise AssertionError("unreachable")

    def _get_once(self, url: str, headers: dict[str, str]) -> Fetched:
        self._wait_turn(url)
        assert self.client is not None
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                content = self._read(response, url)
        except httpx.TooManyRedirects as e:
            raise FetchError(f"{url}: more than {self.settings.max_redirects} redirects (a loop?)",
                             transient=False) from e
        except httpx.TimeoutException as e:
            raise FetchError(f"{url}: no answer within {self.settings.timeout:g}s ({type(e).__name__})",
                             transient=True) from e
        except httpx.HTTPError as e:
            raise FetchError(f"{url}: {type(e).__name__}: {e}", transient=True) from e
        return _fetched(response, url, content)

    def _read(self, response: httpx.Response, url: str) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.settings.max_bytes:
                raise FetchError(f"{url}: larger than the {self.settings.max_bytes}-byte limit", transient=False)
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_turn(self, url: str) -> None:
        """Sleep until the host's last request is ``per_host_interval`` seconds old."""
        host = urlsplit(url).netloc
        last = self.last_request.get(host)
        if last is not None:
            wait = last + self.settings.per_host_interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self.last_request[host] = self.clock()

    def allowed(self, url: str) -> bool:
        """Whether the host's robots.txt lets our user agent fetch ``url`` (read once per host). No robots.txt
        (4xx) allows everything; one the server fails to give (5xx, no answer) is a transient failure."""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        if host not in self.robots:
            self.robots[host] = self._read_robots(host)
        rules = self.robots[host]
        return rules is None or rules.can_fetch(self.settings.user_agent, url)

    def _read_robots(self, host: str) -> RobotFileParser | None:
        try:
            fetched = self._get_once(f"{host}/robots.txt", {})
        except FetchError as e:
            raise FetchError(f"{host}/robots.txt: cannot read it ({e.reason})", transient=True) from e
        if fetched.status >= 500:
            raise FetchError(f"{host}/robots.txt: HTTP {fetched.status}", transient=True)
        if fetched.status >= 400:
            return None
        rules = RobotFileParser()
        rules.parse(fetched.text.splitlines())
        return rules


def _fetched(response: httpx.Response, url: str, content: bytes) -> Fetched:
    status = response.status_code
    if status in TRANSIENT:
        raise FetchError(f"{url}: HTTP {status}", transient=True)
    if status >= 400 and not url.endswith("/robots.txt"):
        raise FetchError(f"{url}: HTTP {status}", transient=False)
    encoding = response.encoding or "utf-8"
    return Fetched(url=str(response.url), status=status, content=content,
                   text=content.decode(encoding, errors="replace"), etag=response.headers.get("etag"),
                   last_modified=response.headers.get("last-modified"))

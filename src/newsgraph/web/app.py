"""The FastAPI application: a JSON API over the store (OpenAPI at /docs) and the pages drawn from it.

Read-only by default: the paste page extracts without storing, and stores only when the app was started
with writes allowed and a signed-in editor asks; editors correct documents from their page (web/auth.py,
web/review.py). Every page calls the same function as its JSON endpoint.

Guarded against the browser's attacks: requests naming any host but the allowed ones (127.0.0.1 and
localhost, and the name given to ``serve --host``) are refused, which stops DNS rebinding; a POST whose
Origin or Referer is another site is refused; every form carries a CSRF token, and so must a JSON request that
writes with a session cookie (one token per signed-in session, ``csrf_token``); the JSON endpoint takes
``application/json`` only (so no cross-site form or ``text/plain`` request reaches it without a CORS
preflight, which this app never grants). Pasted articles are extracted in
their own small pool of threads, apart from those answering requests, with a bounded queue (429 when full)
and a time budget each; a request body must arrive within a time limit, and a client that goes away is
logged in one line.
The busiest answers (dashboard, document view, dyad) are kept in a small cache that the store's write
counter invalidates: any write, by this server or another process, makes the next request compute afresh.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph import store as st
from newsgraph.document import Document, Failure
from newsgraph.settings import Settings

if TYPE_CHECKING:
    from newsgraph.pipeline import Pipeline
    from newsgraph.scale.pool import ParallelPipeline

T = TypeVar("T")
log = logging.getLogger(__name__)
PACKAGE = resources.files("newsgraph.web")
CSP = ("default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")


@dataclass(frozen=True)
class WebSettings:
    """How the app runs: which store, whether writes are allowed, how large a pasted article may be."""

    db: str = st.DEFAULT_DB
    allow_writes: bool = False
    max_paste_bytes: int = 200_000
    cached_answers: int = 256
    pipeline: Settings = field(default_factory=Settings)
    #: Sign-in before every page (accounts are always needed to write).
    private: bool = False
    #: Failed sign-ins a name or a client address may make within the window (seconds) before it must wait.
    sign_in_attempts: int = 5
    sign_in_window: float = 900.0
    #: The names a request may give in its Host header (and an Origin or Referer may name).
    hosts: tuple[str, ...] = ("127.0.0.1", "localhost")
    #: Threads that extract pasted articles, pastes running or waiting at most, and each one's time budget.
    paste_workers: int = 1
    paste_queue: int = 4
    paste_seconds: float = 20.0
    #: The time a request body may take to arrive, all of it.
    body_seconds: float = 20.0


#: How much less the paste worker process weighs with the scheduler than the server (``nice``).
PASTE_NICENESS = 10


class Busy(Exception):
    """The paste queue is full."""


class Extractor:
    """Pastes extracted one at a time, apart from the threads that answer requests: each is handed to a thread
    of its own pool, which runs it in a worker process (started, and its pipeline loaded, on the first paste;
    the server's own threads then never wait on extraction for the interpreter) or, where a ``pipeline`` is
    given, in that thread. At most ``queue`` pastes are running or waiting; each has ``seconds``."""

    def __init__(self, settings: Settings, pipeline: Pipeline | None = None, *, workers: int = 1, queue: int = 4,
                 seconds: float | None = None) -> None:
        self.settings = settings if seconds is None else settings.with_(max_seconds=seconds)
        self.pipeline = pipeline
        self.seconds = seconds
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="newsgraph-paste")
        self.queue = queue
        self.taken = 0
        self.counting = threading.Lock()
        self.process: ParallelPipeline | None = None

    def extract(self, text: str, *, published: str | None = None, title: str | None = None) -> Document:
        """The pasted article's record (a ``ValueError`` for bad input or one over its time budget)."""
        from newsgraph.pipeline import extract

        if self.pipeline is None:
            return self.in_worker(text, published=published, title=title)
        with self.lock:
            return extract(text, published, title=title, pipeline=self.pipeline, max_seconds=self.seconds)

    def in_worker(self, text: str, *, published: str | None, title: str | None) -> Document:
        from newsgraph.readers import read_text
        from newsgraph.scale.pool import ParallelPipeline, run_batch

        raw = read_text(text, "<paste>", published=published)
        raw.title = title or raw.title
        with self.lock:
            if self.process is None:
                self.process = ParallelPipeline(self.settings, workers=1)
                self.process.start().submit(os.nice, PASTE_NICENESS).result()  # pages before pastes, for the CPU
            try:
                [result] = self.process.start().submit(run_batch, self.settings, self.process.knowledge, [raw]).result()
            except BrokenProcessPool as e:  # the worker died (out of memory?): the next paste starts another
                self.process.close()
                self.process = None
                raise RuntimeError("the paste worker process died; paste again to start a new one") from e
        if isinstance(result, Failure):
            raise (ValueError if result.kind == "bad-input" else RuntimeError)(result.reason)
        return result[1]

    def full(self) -> bool:
        """Whether ``queue`` pastes are running or waiting (a request can be refused before its body is read)."""
        return self.taken >= self.queue

    async def submit(self, text: str, *, published: str | None = None, title: str | None = None) -> Document:
        """``extract`` in the paste pool; ``Busy`` at once when ``queue`` pastes are running or waiting."""
        with self.counting:
            if self.taken >= self.queue:
                raise Busy
            self.taken += 1
        try:
            future: Future[Document] = self.pool.submit(self.extract, text, published=published, title=title)
        except RuntimeError:
            self.release()
            raise
        future.add_done_callback(lambda _: self.release())  # when the work ends, not when its caller does
        return await asyncio.wrap_future(future)

    def release(self) -> None:
        with self.counting:
            self.taken -= 1

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        if self.process is not None:
            self.process.close()


class Answers:
    """Answers computed from the store, reused while its write counter stays where it was (least recently used
    dropped past ``size``). Callers must not change what they get. One computation per key at a time: those
    asking for the same answer meanwhile wait for it rather than compute it again. (Keys share a few locks, so
    a computation must not ask for another cached answer.)"""

    def __init__(self, store: st.Store, *, size: int = 256, stripes: int = 16) -> None:
        self.store = store
        self.size = size
        self.items: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self.lock = threading.Lock()
        self.gates = [threading.Lock() for _ in range(stripes)]

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer for ``key``, computed by ``compute`` unless the store is unchanged since it last was
        (always computed when the cache holds nothing: ``size`` 0)."""
        from newsgraph.store.views import writes

        if self.size == 0:
            return compute()
        marker = writes(self.store)
        found = self._fresh(key, marker)
        if found is not None:
            return found[0]
        with self.gates[hash(key) % len(self.gates)]:
            found = self._fresh(key, marker)
            if found is not None:
                return found[0]
            value = compute()
            with self.lock:
                self.items[key] = (marker, value)
                self.items.move_to_end(key)
                while len(self.items) > self.size:
                    self.items.popitem(last=False)
            return value

    def _fresh(self, key: Hashable, marker: int) -> tuple[Any] | None:
        with self.lock:
            hit = self.items.get(key)
            if hit is None or hit[0] != marker:
                return None
            self.items.move_to_end(key)
            return (hit[1],)


def error_page(request: Request, status: int, message: str) -> Response:
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "writes": False, "api": None},
        status_code=status)


#: Bidirectional embedding, override and isolate controls: shown as their code, so that U+202E in a title
#: cannot reverse what the page shows (the marks U+200E/U+200F change no order beyond their own and are kept).
SURROGATE = re.compile("[\ud800-\udfff]")
BIDI_CONTROLS = {code: f"[U+{code:04X}]" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def visible_controls(value: Any) -> Any:
    """What a template prints, with bidi controls made visible and lone surrogates (which UTF-8 cannot encode)
    replaced by U+FFFD (``finalize`` of the Jinja environment)."""
    if isinstance(value, Markup):
        return Markup(SURROGATE.sub("\ufffd", str(value).translate(BIDI_CONTROLS)))
    if isinstance(value, str):
        return SURROGATE.sub("\ufffd", value.translate(BIDI_CONTROLS))
    return value


def templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(str(PACKAGE / "templates")), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True, finalize=visible_controls)
    return Jinja2Templates(env=env)


def csrf_token(request: Request) -> str:
    """The CSRF token that this request's forms carry and that a JSON request which writes with a session cookie
    sends as X-CSRF-Token (``GET /api/csrf``): an HMAC of the server's secret over the signed-in session (one
    token per session, useless with another's cookie), or over nothing for a visitor who has none."""
    signing = getattr(request.app.state, "auth", None)  # web.auth.Auth on a server with accounts
    session = signing.session_of(request) if signing is not None else None
    subject = f"session:{session}" if session else "visitor"
    return hmac.new(request.app.state.csrf_key, subject.encode(), hashlib.sha256).hexdigest()


def check_csrf(request: Request, token: str | None) -> None:
    """403 unless ``token`` is the request's CSRF token (``csrf_token``)."""
    if not token or not hmac.compare_digest(token, csrf_token(request)):
        raise HTTPException(403, "missing or wrong CSRF token (reload the page and try again, or send the token of "
                                 "GET /api/csrf in an X-CSRF-Token header)")


async def read_body(request: Request) -> bytes:
    """The request body: 413 past the configured size (even without a Content-Length), 408 when it takes longer
    than the configured time to arrive; a client that goes away is logged in one line."""
    settings: WebSettings = request.app.state.settings
    deadline = time.monotonic() + settings.body_seconds
    chunks = request.stream().__aiter__()
    body = b""
    while True:
        try:
            chunk = await asyncio.wait_for(chunks.__anext__(), max(0.0, deadline - time.monotonic()))
        except StopAsyncIteration:
            return body
        except TimeoutError as e:
            raise HTTPException(408, f"request body took over {settings.body_seconds:g} s to arrive") from e
        except ClientDisconnect as e:
            log.warning("client went away during %s %s after %d bytes", request.method, request.url.path, len(body))
            raise HTTPException(400, "client went away") from e
        body += chunk
        if len(body) > settings.max_paste_bytes:
            raise HTTPException(413, f"request body over {settings.max_paste_bytes} bytes")


async def store_of(request: Request) -> st.Store:
    """The app's store (a dependency: ``async`` as it does not block, so it runs on the loop, not in a thread)."""
    store: st.Store = request.app.state.store
    return store


async def answers_of(request: Request) -> Answers:
    """The app's cache of answers (a dependency, like ``store_of``)."""
    answers: Answers = request.app.state.answers
    return answers


class Guard:
    """Security headers on every answer; refused: a Host header naming none of ``hosts`` (DNS rebinding), NUL
    bytes in URLs, request bodies over the size limit, and a POST whose Origin or Referer is another site.
    HEAD is answered as GET without the body."""

    def __init__(self, app: ASGIApp, *, max_body: int, hosts: tuple[str, ...] = ("127.0.0.1", "localhost")) -> None:
        self.app = app
        self.max_body = max_body
        self.hosts = {h.lower() for h in hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = self.refusal(scope)
        if refused is not None:
            await _plain(send, *refused)
            return
        docs = scope.get("path", "").startswith(("/docs", "/redoc"))
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                if not docs:
                    headers.append((b"content-security-policy", CSP.encode()))
                message["headers"] = headers
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except ClientDisconnect:
            log.warning("client went away during %s %s", scope["method"], scope.get("path", ""))

    def refusal(self, scope: Scope) -> tuple[int, bytes] | None:
        """The status and message a request is refused with, or None."""
        headers = dict(scope.get("headers", []))
        if host_name(headers.get(b"host", b"").decode("latin-1")) not in self.hosts:
            return 400, b"unknown host: this server answers only to the names it was started with"
        if b"%00" in scope.get("query_string", b"").lower() or "\x00" in scope.get("path", ""):
            return 400, b"NUL bytes are not allowed in a URL"
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return 413, b"request body too large"
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get(b"origin") or headers.get(b"referer")
            if origin is not None and host_name(urlsplit(origin.decode("latin-1")).netloc) not in self.hosts:
                return 403, b"cross-site request refused (its Origin or Referer is another site)"
        return None


def host_name(netloc: str) -> str:
    """The host of a Host header or URL authority, without port or brackets, lower case."""
    netloc = netloc.rsplit("@", 1)[-1].strip().lower()
    if netloc.startswith("["):
        return netloc[1:].split("]", 1)[0]
    return netloc.split(":", 1)[0]


async def _plain(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})

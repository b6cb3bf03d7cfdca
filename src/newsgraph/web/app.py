"""The FastAPI application: a JSON API over the store (OpenAPI at /docs) and the pages drawn from it.

Read-only by default: the paste page extracts without storing, and stores only when the app was started
with writes allowed and a signed-in editor asks; editors correct documents from their page (web/auth.py,
web/review.py). Every page calls the same function as its JSON endpoint.
The busiest answers (dashboard, document view, dyad) are kept in a small cache that the store's write
counter invalidates: any write, by this server or another process, makes the next request compute afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph import __version__
from newsgraph import store as st
from newsgraph.settings import Settings

if TYPE_CHECKING:
    from newsgraph.document import Document
    from newsgraph.pipeline import Pipeline

T = TypeVar("T")
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


class Extractor:
    """The extraction pipeline, loaded on first use (it is slow to load) and used by one request at a time."""

    def __init__(self, settings: Settings, pipeline: Pipeline | None = None) -> None:
        self.settings = settings
        self.pipeline = pipeline
        self.lock = threading.Lock()

    def extract(self, text: str, *, published: str | None = None, title: str | None = None) -> Document:
        from newsgraph.pipeline import Pipeline, extract

        with self.lock:
            if self.pipeline is None:
                self.pipeline = Pipeline(self.settings)
            return extract(text, published, title=title, pipeline=self.pipeline)


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
        from newsgraph.web.queries import writes

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


def create_app(settings: WebSettings, *, pipeline: Pipeline | None = None, store: st.Store | None = None) -> FastAPI:
    """The app over ``settings.db`` (or an already open ``store``); ``pipeline`` saves loading one for pastes."""
    from newsgraph.web import api, auth, pages, review

    app = FastAPIOffline(title="newsgraph", version=__version__,
                         description="Who did and said what to whom, when and where, with evidence.")
    app.state.settings = settings
    app.state.store = store if store is not None else st.connect(settings.db, migrate=settings.allow_writes)
    check_schema(app.state.store, settings.db)
    app.state.answers = Answers(app.state.store, size=settings.cached_answers)
    app.state.extractor = Extractor(settings.pipeline, pipeline)
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=str(PACKAGE / "static")), name="static")
    if settings.allow_writes or settings.private:
        auth.install(app, app.state.store, attempts=settings.sign_in_attempts, window=settings.sign_in_window)
    app.include_router(api.router)
    app.include_router(review.router)
    app.include_router(auth.router)
    app.include_router(pages.router)
    if settings.private:
        app.add_middleware(auth.Private)
    app.add_middleware(Guard, max_body=settings.max_paste_bytes)
    app.add_exception_handler(HTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, validation_error)  # type: ignore[arg-type]
    return app


async def http_error(request: Request, exc: HTTPException) -> Response:
    """JSON for the API, a page for the pages."""
    if request.url.path.startswith("/api"):
        return await http_exception_handler(request, exc)
    return error_page(request, exc.status_code, str(exc.detail))


async def validation_error(request: Request, exc: RequestValidationError) -> Response:
    if request.url.path.startswith("/api"):
        return await request_validation_exception_handler(request, exc)
    problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors())
    return error_page(request, 422, problems)


def error_page(request: Request, status: int, message: str) -> Response:
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message, "writes": False, "api": None},
        status_code=status)


def check_schema(store: st.Store, db: str) -> None:
    """A read-only server cannot migrate: refuse a store whose schema is behind this version of newsgraph."""
    from newsgraph.store.migrations import LATEST, applied_versions

    applied = applied_versions(store)
    if set(range(1, LATEST + 1)) - set(applied):
        store.close()
        raise st.StoreError(f"the store {db!r} is at schema version {max(applied, default=0)}, this newsgraph "
                            f"reads version {LATEST}: migrate it with `newsgraph check --db {db}` "
                            "or serve it with --allow-writes")


def templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(str(PACKAGE / "templates")), autoescape=True, trim_blocks=True,
                      lstrip_blocks=True)
    return Jinja2Templates(env=env)


async def store_of(request: Request) -> st.Store:
    """The app's store (a dependency: ``async`` as it does not block, so it runs on the loop, not in a thread)."""
    store: st.Store = request.app.state.store
    return store


async def answers_of(request: Request) -> Answers:
    """The app's cache of answers (a dependency, like ``store_of``)."""
    answers: Answers = request.app.state.answers
    return answers


class Guard:
    """Security headers on every answer, NUL bytes refused in URLs, and a size limit on request bodies."""

    def __init__(self, app: ASGIApp, *, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if b"%00" in scope.get("query_string", b"").lower() or "\x00" in scope.get("path", ""):
            await _plain(send, 400, b"NUL bytes are not allowed in a URL")
            return
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _plain(send, 413, b"request body too large")
            return
        docs = scope.get("path", "").startswith(("/docs", "/redoc"))

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                if not docs:
                    headers.append((b"content-security-policy", CSP.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


async def _plain(send: Send, status: int, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})

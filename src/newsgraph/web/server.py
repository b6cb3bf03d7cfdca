"""The web app put together: ``create_app`` opens the store, installs the routers (the JSON API, the pages,
sign-in and corrections), the guard (Host allowlist, Origin/Referer, body limits) and the error pages. What
the routers share (settings, cached answers, the paste extractor, CSRF tokens) lives in ``web.app``."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from newsgraph import __version__
from newsgraph import store as st
from newsgraph.web import api, auth, pages, review
from newsgraph.web.app import PACKAGE, Answers, Extractor, Guard, WebSettings, error_page, templates

if TYPE_CHECKING:
    from newsgraph.pipeline import Pipeline


def create_app(settings: WebSettings, *, pipeline: Pipeline | None = None, store: st.Store | None = None) -> FastAPI:
    """The app over ``settings.db`` (or an already open ``store``); ``pipeline`` saves loading one for pastes."""
    app = FastAPIOffline(title="newsgraph", version=__version__,
                         description="Who did and said what to whom, when and where, with evidence.")
    app.state.settings = settings
    app.state.store = store if store is not None else open_store(settings)
    check_schema(app.state.store, settings.db)
    app.state.answers = Answers(app.state.store, size=settings.cached_answers)
    app.state.extractor = Extractor(settings.pipeline, pipeline, workers=settings.paste_workers,
                                    queue=settings.paste_queue, seconds=settings.paste_seconds)
    app.router.add_event_handler("shutdown", app.state.extractor.close)
    app.state.csrf_key = secrets.token_bytes(32)
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
    app.add_middleware(Guard, max_body=settings.max_paste_bytes, hosts=settings.hosts)
    app.add_exception_handler(HTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, validation_error)  # type: ignore[arg-type]
    return app


def open_store(settings: WebSettings) -> st.Store:
    """The served store: read-only (on read-only media too) unless the server writes, which it does with
    ``allow_writes`` and also when ``private``, as signing in keeps sessions (and the cookies' secret) in it."""
    from newsgraph.store.db import on_read_only_media

    accounts = settings.allow_writes or settings.private
    if accounts and on_read_only_media(settings.db):
        raise st.StoreError(f"the store {settings.db!r} cannot be written where it is, and "
                            f"{'--allow-writes' if settings.allow_writes else '--private'} keeps sign-in sessions "
                            "in it: copy it somewhere writable")
    return st.connect(settings.db, migrate=settings.allow_writes, read_only=not accounts)


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


def check_schema(store: st.Store, db: str) -> None:
    """A read-only server cannot migrate: refuse a store whose schema is behind this version of newsgraph."""
    from newsgraph.store.migrations import LATEST, applied_versions

    applied = applied_versions(store)
    if set(range(1, LATEST + 1)) - set(applied):
        store.close()
        raise st.StoreError(f"the store {db!r} is at schema version {max(applied, default=0)}, this newsgraph "
                            f"reads version {LATEST}: migrate it with `newsgraph check --db {db}` "
                            "or serve it with --allow-writes")

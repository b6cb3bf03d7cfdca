"""Signing in to the web app: who a request comes from, what they may do, and the sign-in pages.

A browser signs in with a name and password (``newsgraph user add``) and gets a session cookie: the random
session id signed with the store's secret (itsdangerous), HttpOnly, SameSite=Strict, Secure over HTTPS;
the store keeps only its digest, and signing out deletes it. Every form (sign-in's too) carries the app's
CSRF token (``web.app.csrf_token``: one per session once signed in), and so does a JSON request that writes
with the cookie (X-CSRF-Token); a script sends its API token (``newsgraph user token``) as
``Authorization: Bearer TOKEN`` instead, which no other site can make a browser send. Failed sign-ins are
counted per name and per client address: past the limit, sign-in answers 429 until the window passes.
A ``--private`` server asks for sign-in before every page.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.concurrency import run_in_threadpool

from newsgraph.store import users
from newsgraph.store.users import User
from newsgraph.web.app import check_csrf, csrf_token, read_body

COOKIE = "newsgraph_session"
router = APIRouter(include_in_schema=False)
#: Pages a --private server shows before sign-in.
OPEN_PATHS = ("/signin", "/static/", "/favicon.ico")


class Throttle:
    """Failed sign-ins per key (a name, a client address) in a sliding window; past ``limit``, refused."""

    def __init__(self, *, limit: int = 5, window: float = 900.0) -> None:
        self.limit = limit
        self.window = window
        self.failures: defaultdict[str, deque[float]] = defaultdict(deque)
        self.lock = threading.Lock()

    def wait(self, keys: list[str]) -> float:
        """Seconds until any of ``keys`` may try again (0: now)."""
        now = time.monotonic()
        with self.lock:
            waits = []
            for key in keys:
                seen = self.failures[key]
                while seen and seen[0] <= now - self.window:
                    seen.popleft()
                if len(seen) >= self.limit:
                    waits.append(seen[0] + self.window - now)
            return max(waits, default=0.0)

    def failed(self, keys: list[str]) -> None:
        with self.lock:
            for key in keys:
                self.failures[key].append(time.monotonic())

    def clear(self, keys: list[str]) -> None:
        with self.lock:
            for key in keys:
                self.failures.pop(key, None)


class Auth:
    """The app's signing: the cookie serializer over the store's secret, and the sign-in throttle."""

    def __init__(self, secret: str, *, attempts: int = 5, window: float = 900.0) -> None:
        self.cookies = URLSafeTimedSerializer(secret, salt="newsgraph-session")
        self.throttle = Throttle(limit=attempts, window=window)

    def session_of(self, request: Request) -> str | None:
        """The session id the request's cookie carries, if its signature holds."""
        value = request.cookies.get(COOKIE)
        if not value:
            return None
        try:
            return str(self.cookies.loads(value, max_age=users.SESSION_HOURS * 3600))
        except BadSignature:
            return None


def auth_of(request: Request) -> Auth | None:
    auth: Auth | None = getattr(request.app.state, "auth", None)
    return auth


def install(app: Any, store: Any, *, attempts: int = 5, window: float = 900.0) -> None:
    """Give the app sign-in (for ``--allow-writes`` and ``--private``)."""
    app.state.auth = Auth(users.cookie_secret(store), attempts=attempts, window=window)


def viewer(request: Request) -> User | None:
    """Who sent the request: the API token's user, or the signed-in session's; None for anyone else."""
    auth = auth_of(request)
    if auth is None:
        return None
    if "viewer" in request.scope.get("state", {}):
        found: User | None = request.state.viewer
        return found
    store = request.app.state.store
    header = request.headers.get("authorization", "")
    user = None
    if header.lower().startswith("bearer "):
        user = users.user_for_token(store, header[7:].strip())
    elif (session := auth.session_of(request)) is not None:
        user = users.session_user(store, session)
    request.state.viewer = user
    return user


def require(request: Request, role: str, *, csrf: str | None = None) -> User:
    """The request's user if they hold ``role``: 401 for no one, 403 for a lesser role; a request signed in by
    cookie must also carry its session's CSRF token (``csrf``, else the X-CSRF-Token header): 403 without."""
    if auth_of(request) is None:
        raise HTTPException(403, "this server is read-only (start it with --allow-writes)")
    user = viewer(request)
    if user is None:
        raise HTTPException(401, "sign in first (or send an API token: Authorization: Bearer TOKEN)")
    if not user.may(role):
        raise HTTPException(403, f"{user.name} is a {user.role}: this needs an {role}"
                            if role[0] in "aeiou" else f"{user.name} is a {user.role}: this needs a {role}")
    if not request.headers.get("authorization"):
        check_csrf(request, csrf if csrf is not None else request.headers.get("x-csrf-token"))
    return user


async def form_fields(request: Request) -> dict[str, list[str]]:
    """A form's fields (each a list of its values)."""
    return parse_qs((await read_body(request)).decode("utf-8", "replace"), keep_blank_values=True)


def first(fields: dict[str, list[str]], name: str) -> str:
    return (fields.get(name) or [""])[0]


def safe_next(value: str) -> str:
    """Where to go after signing in: a path of this site only."""
    return value if value.startswith("/") and not value.startswith(("//", "/\\")) else "/"


def sign_in_page(request: Request, *, next_: str = "/", error: str | None = None, status: int = 200,
                 name: str = "") -> HTMLResponse:
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, "signin.html", {"next": next_, "error": error, "csrf": csrf_token(request), "name": name, "api": None,
                                 "writes": request.app.state.settings.allow_writes, "user": None},
        status_code=status)
    return response


@router.get("/signin", response_class=HTMLResponse)
def sign_in_form(request: Request, next: str = "/") -> HTMLResponse:
    if auth_of(request) is None:
        raise HTTPException(404, "this server has no accounts (start it with --allow-writes or --private)")
    return sign_in_page(request, next_=safe_next(next))


@router.post("/signin")
async def sign_in(request: Request) -> Response:
    auth = auth_of(request)
    if auth is None:
        raise HTTPException(404, "this server has no accounts (start it with --allow-writes or --private)")
    fields = await form_fields(request)
    name, next_ = first(fields, "name").strip(), safe_next(first(fields, "next") or "/")
    check_csrf(request, first(fields, "csrf"))
    keys = [f"name:{name.lower()}", f"client:{request.client.host if request.client else ''}"]
    wait = auth.throttle.wait(keys)
    if wait > 0:
        refused = sign_in_page(request, next_=next_, name=name, status=429,
                               error=f"Too many failed sign-ins: try again in {int(wait) + 1} seconds.")
        refused.headers["retry-after"] = str(int(wait) + 1)
        return refused
    user = await run_in_threadpool(users.verify_password, request.app.state.store, name, first(fields, "password"))
    if user is None:
        auth.throttle.failed(keys)
        return sign_in_page(request, next_=next_, name=name, status=401, error="Wrong name or password.")
    auth.throttle.clear(keys)
    session = await run_in_threadpool(users.open_session, request.app.state.store, user)
    response = RedirectResponse(next_, status_code=303)
    response.set_cookie(COOKIE, auth.cookies.dumps(session), max_age=users.SESSION_HOURS * 3600, httponly=True,
                        samesite="strict", secure=request.url.scheme == "https", path="/")
    return response


@router.post("/signout")
async def sign_out(request: Request) -> Response:
    auth = auth_of(request)
    session = auth.session_of(request) if auth else None
    if auth is None or session is None:
        raise HTTPException(401, "not signed in")
    check_csrf(request, first(await form_fields(request), "csrf"))
    await run_in_threadpool(users.close_session, request.app.state.store, session)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response


class Private:
    """A ``--private`` server: every page and endpoint but sign-in asks who is there (pages send the browser
    to sign in; the API answers 401)."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(OPEN_PATHS):
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        if await run_in_threadpool(viewer, request) is None:
            if path.startswith("/api"):
                response: Response = Response('{"detail":"sign in first"}', status_code=401,
                                              media_type="application/json")
            else:
                response = RedirectResponse("/signin?" + urlencode({"next": path}), status_code=303)
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

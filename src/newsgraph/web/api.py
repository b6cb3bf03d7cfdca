"""The JSON API: one endpoint per page, each a thin call into the store's queries (and newsgraph.store.views)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.responses import Response
from pydantic import BaseModel, Field, ValidationError

from newsgraph import store as st
from newsgraph.document import Document, dumps
from newsgraph.store import views as queries
from newsgraph.store import watch as watch_state
from newsgraph.web import auth
from newsgraph.web.app import SURROGATE, Answers, Busy, answers_of, csrf_token, read_body, store_of

router = APIRouter(prefix="/api", tags=["api"])
Row = dict[str, Any]
StoreDep = Annotated[st.Store, Depends(store_of)]
AnswersDep = Annotated[Answers, Depends(answers_of)]
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Name = Annotated[str, Query(min_length=1, max_length=200)]
OptText = Annotated[str | None, Query(max_length=200)]
OptDate = Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")]
OptType = Annotated[str | None, Query(pattern=r"^[A-Za-z_]{1,40}$", description="PLOVER event type")]
Limit = Annotated[int, Query(ge=1, le=1000)]
OptCountry = Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166 alpha-3 code")]
Period = Literal["day", "week", "month", "year"]


def real_date(value: str | None, name: str) -> str | None:
    """``value`` when it is a date of the calendar (YYYY, YYYY-MM or YYYY-MM-DD); 400 for one like 2024-13-45."""
    if not value:
        return value
    try:
        dt.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError as e:
        raise HTTPException(400, f"{name}={value!r} is not a date of the calendar (YYYY, YYYY-MM or YYYY-MM-DD)") from e
    return value


def real_dates(since: str | None, until: str | None) -> None:
    real_date(since, "since")
    real_date(until, "until")


def summary(store: st.Store) -> Row:
    """The dashboard: counts, events per quad class by month, top actors and dyads, latest documents."""
    return {"counts": queries.counts(store), "quads": queries.quad_series(store, by="month"),
            "top_actors": queries.top_actors(store), "top_dyads": queries.top_dyads(store),
            "documents": queries.documents(store, limit=50)}


def actor_profiles(store: st.Store, name: str, *, limit: int = 20) -> list[Row]:
    """The store's actor profiles, each with its timeline (linked events per month and quad class)."""
    return [{**p, "timeline": queries.quad_series(store, by="month", entities=[p["id"]])}
            for p in st.actor(store, name, limit=limit)]


def dyad_data(store: st.Store, a: str, b: str, *, by: str = "month", directed: bool = False) -> Row:
    return {"a": a, "b": b, "by": by, "series": st.dyad(store, a, b, by=by, directed=directed),
            "events": queries.dyad_events(store, a, b)}


def cached_dyad(answers: Answers, a: str, b: str, *, by: str = "month", directed: bool = False) -> Row:
    return answers.get(("dyad", a, b, by, directed), lambda: dyad_data(answers.store, a, b, by=by, directed=directed))


def cached_network(answers: Answers, *, type: str | None = None, since: str | None = None, until: str | None = None,
                   country: str | None = None, min_events: int = 1, limit: int = 300) -> Row:
    return answers.get(("network", type, since, until, country, min_events, limit),
                       lambda: queries.network(answers.store, type=type, since=since, until=until, country=country,
                                               min_events=min_events, limit=limit))


def cached_json(answers: Answers, key: tuple[Any, ...], compute: Callable[[], Any]) -> Response:
    """An answer as JSON, computed and encoded once for the store as it is."""
    body = answers.get(("json", *key), lambda: json_bytes(compute()))
    return Response(body, media_type="application/json")


def json_bytes(value: Any) -> bytes:
    """``value`` as UTF-8 JSON, lone surrogates (which UTF-8 cannot encode) written as escapes."""
    return dumps(jsonable_encoder(value)).encode("utf-8")


@router.get("/summary", summary="Corpus counts, events per quad class by month, top actors and dyads",
            response_model=Row)
def get_summary(answers: AnswersDep) -> Response:
    return cached_json(answers, ("summary",), lambda: summary(answers.store))


@router.get("/documents", summary="Stored documents, newest first")
def get_documents(store: StoreDep, limit: Limit = 50) -> list[Row]:
    return queries.documents(store, limit=limit)


@router.get("/documents/{doc}", summary="One document record (the extraction's JSON)", response_model=Row)
def get_document(answers: AnswersDep, doc: Annotated[str, Path(pattern=r"^[0-9a-f]{1,64}$")]) -> Response:
    def record() -> Row:
        document = queries.document(answers.store, doc)
        if document is None:
            raise HTTPException(404, f"no document {doc}")
        return document.to_dict()

    return cached_json(answers, ("document", doc), record)


@router.get("/events", summary="Linked events, newest first")
def get_events(store: StoreDep, actor: OptText = None, country: OptCountry = None, type: OptType = None,
               quad: Annotated[int | None, Query(ge=1, le=4)] = None,
               since: OptDate = None, until: OptDate = None, text: OptText = None, limit: Limit = 100) -> list[Row]:
    real_dates(since, until)
    return st.events(store, actor=actor, country=country, type=type, quad=quad, since=since, until=until, text=text,
                     limit=limit)


@router.get("/actor", summary="Profiles of the actors known by a name, with timelines")
def get_actor(store: StoreDep, name: Name, limit: Limit = 20) -> list[Row]:
    return actor_profiles(store, name, limit=limit)


@router.get("/quotes", summary="Quotes with their speakers")
def get_quotes(store: StoreDep, speaker: OptText = None, text: OptText = None, limit: Limit = 100) -> list[Row]:
    return st.quotes(store, speaker=speaker, text=text, limit=limit)


@router.get("/dyad", summary="Cooperation and conflict between two actors over time, with the events",
            response_model=Row)
def get_dyad(answers: AnswersDep, a: Name, b: Name, by: Period = "month", directed: bool = False) -> Response:
    return cached_json(answers, ("dyad", a, b, by, directed),
                       lambda: dyad_data(answers.store, a, b, by=by, directed=directed))


@router.get("/network", summary="Actors as nodes, linked events as edges")
def get_network(answers: AnswersDep, type: OptType = None, since: OptDate = None, until: OptDate = None,
                country: OptCountry = None, min_events: Annotated[int, Query(ge=1, le=1000)] = 1,
                limit: Limit = 300) -> Row:
    real_dates(since, until)
    return cached_network(answers, type=type, since=since, until=until, country=country.upper() if country else None,
                          min_events=min_events, limit=limit)


@router.get("/search", summary="Full-text search over article text and quotes")
def get_search(store: StoreDep, q: Name, limit: Limit = 20) -> list[Row]:
    return st.search(store, q, limit=limit)


@router.get("/alerts", summary="Alerts the watch raised, newest first, with their events and evidence sentences")
def get_alerts(store: StoreDep, limit: Limit = 100) -> list[Row]:
    return watch_state.alerts(store, limit=limit)


def busy() -> HTTPException:
    return HTTPException(429, "too many articles are being extracted: try again in a moment",
                         headers={"Retry-After": "5"})


def sound_strings(data: Any) -> Any:
    """A JSON object's string fields with lone surrogates (JSON can carry them escaped; pydantic and UTF-8
    cannot) replaced by U+FFFD, so the article is extracted rather than refused."""
    if not isinstance(data, dict):
        return data
    return {k: SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in data.items()}


class Paste(BaseModel):
    """An article to extract; ``store`` keeps it (only when the server allows writes)."""

    text: str = Field(min_length=1)
    published: str | None = Field(default=None, pattern=DATE)
    title: str | None = Field(default=None, max_length=500)
    store: bool = False


async def run_paste(request: Request, paste: Paste, *, csrf: str | None = None) -> Row:
    """Extract the pasted article; store it when asked and allowed (a signed-in editor: ``csrf`` is the form's
    token, else the X-CSRF-Token header's; none with an API token). Returns the document and what was done."""
    if paste.store and not request.app.state.settings.allow_writes:
        raise HTTPException(403, "this server is read-only (start it with --allow-writes to store articles)")
    if paste.store:
        auth.require(request, "editor", csrf=csrf)
    try:
        document: Document = await request.app.state.extractor.submit(paste.text, published=paste.published,
                                                                      title=paste.title)
    except Busy as e:
        raise busy() from e
    except ValueError as e:  # bad input, or over the paste's time budget
        raise HTTPException(422, str(e)) from e
    stored = None
    if paste.store:
        stored = await run_in_threadpool(st.store_document, await store_of(request), document, origin="web")
    return {"document": document, "stored": stored}


@router.get("/csrf", summary="The token a request that writes with a session cookie must send (X-CSRF-Token header)")
def get_csrf(request: Request) -> dict[str, str]:
    return {"token": csrf_token(request)}


@router.post("/extract", summary="Extract a pasted article (stored only on request, with --allow-writes)",
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": Paste.model_json_schema()}}}})
async def post_extract(request: Request) -> Response:
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind != "application/json":
        raise HTTPException(415, "send the article as JSON, with the header Content-Type: application/json")
    if request.app.state.extractor.full():
        raise busy()  # before reading the body
    body = await read_body(request)
    try:
        paste = Paste.model_validate(sound_strings(json.loads(body)))
    except (ValidationError, ValueError) as e:
        raise HTTPException(422, "the body must be JSON: {\"text\": ..., \"published\": ..., \"store\": ...}") from e
    result = await run_paste(request, paste)  # storing: an editor's API token, or a session and its X-CSRF-Token
    return Response(json_bytes({"document": result["document"].to_dict(), "stored": result["stored"]}),
                    media_type="application/json")

"""The HTML pages: each calls the function behind its JSON endpoint and renders it (Jinja autoescapes all)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from starlette.datastructures import URL

from newsgraph import store as st
from newsgraph.document import Document
from newsgraph.events.codebook import TYPES
from newsgraph.store import corrections
from newsgraph.store import views as queries
from newsgraph.store.queries import QUADS
from newsgraph.web import api, auth, charts, highlight, lists, places
from newsgraph.web.app import Answers, answers_of, check_csrf, csrf_token, read_body, store_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
StoreDep = Annotated[st.Store, Depends(store_of)]
AnswersDep = Annotated[Answers, Depends(answers_of)]
FormDate = Annotated[str, Query(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$", max_length=10)]
FormText = Annotated[str, Query(max_length=200)]
FormCountry = Annotated[str, Query(pattern=r"^([A-Za-z]{3})?$", description="ISO 3166 alpha-3 code")]
Format = Literal["html", "csv"]
DOCUMENT_ID = re.compile(r"[0-9a-f]{1,64}")
#: The most events a list page reads (for its facets and its CSV download).
MOST_EVENTS = 10_000


def render(request: Request, name: str, context: dict[str, Any], *, status: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(
        request, name, {"quads": QUADS, "writes": request.app.state.settings.allow_writes,
                        "accounts": auth.auth_of(request) is not None, "user": auth.viewer(request),
                        "csrf": csrf_token(request), **context},
        status_code=status)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)


def cached_page(request: Request, answers: Answers, key: tuple[str, ...], make: Callable[[], HTMLResponse]
                ) -> HTMLResponse:
    """A page rendered once for the store as it is (a page depends on the store and the app's settings only;
    one shown to a signed-in user carries their name and forms, and is not kept)."""
    if auth.viewer(request) is not None:
        return make()
    body = answers.get(("page", *key), lambda: bytes(make().body))
    return HTMLResponse(body)


@router.get("/")
def dashboard(request: Request, answers: AnswersDep) -> HTMLResponse:
    def make() -> HTMLResponse:
        data = api.summary(answers.store)
        return render(request, "dashboard.html", {"data": data, "chart": charts.time_chart(data["quads"]),
                                                  "api": "/api/summary"})

    return cached_page(request, answers, ("dashboard",), make)


@router.get("/documents/{doc}")
def document_page(request: Request, answers: AnswersDep, doc: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    if not DOCUMENT_ID.fullmatch(doc):
        raise HTTPException(422, f"“{doc}” is not a document id: a document's id is the hexadecimal hash its links "
                                 "end with (letters a to f and digits, as in /documents/3fa29c…)")

    def make() -> HTMLResponse:
        document = queries.document(answers.store, doc)
        if document is None:
            raise HTTPException(404, f"no document {doc}")
        return render(request, "document.html", {**document_view(document), "api": f"/api/documents/{doc}",
                                                 "history": corrections.corrections(answers.store, doc=doc),
                                                 "types": TYPES})

    return cached_page(request, answers, ("document", doc), make)


def document_view(document: Document) -> dict[str, Any]:
    """What the document template shows: lines cut into highlighted pieces, actors, quotes and events."""
    def name(actor_id: str | None) -> str:
        actor = document.actor(actor_id)
        return actor.name if actor else "—"

    return {"document": document, "lines": highlight.lines(document), "name": name,
            "actor_index": {a.id: i for i, a in enumerate(document.actors)}}


@router.get("/actor")
def actor_page(request: Request, store: StoreDep, name: Annotated[str, Query(min_length=1, max_length=200)],
               format: Format = "html") -> Response:
    profiles = api.actor_profiles(store, name)
    if format == "csv":
        return lists.csv_response([{"actor": p["name"], "role": role, **e} for p in profiles
                                   for role in ("source", "target") for e in p[f"as_{role}"]], "actor-events")
    timelines = [charts.time_chart(p["timeline"], height=200) for p in profiles]
    return render(request, "actor.html", {"name": name, "profiles": list(zip(profiles, timelines, strict=True)),
                                          "api": "/api/actor?" + urlencode({"name": name})})


@router.get("/dyad")
def dyad_page(request: Request, answers: AnswersDep, a: FormText = "", b: FormText = "",
              by: api.Period = "month", format: Format = "html") -> Response:
    data = api.cached_dyad(answers, a, b, by=by) if a.strip() and b.strip() else None
    if format == "csv":
        return lists.csv_response(data["events"] if data else [], "dyad-events")
    chart = charts.time_chart(data["series"], by=by) if data and data["series"] else None
    return render(request, "dyad.html", {"a": a, "b": b, "by": by, "data": data, "chart": chart,
                                         "api": "/api/dyad?" + urlencode({"a": a, "b": b, "by": by})})


@router.get("/network")
def network_page(request: Request, answers: AnswersDep, type: FormText = "", since: FormDate = "",
                 until: FormDate = "", country: FormCountry = "",
                 min: Annotated[int, Query(ge=1, le=1000)] = 1, format: Format = "html") -> Response:
    api.real_dates(since, until)
    filters = {"type": type, "since": since, "until": until, "country": country.upper()}
    data = api.cached_network(answers, type=type or None, since=since or None, until=until or None,
                              country=country.upper() or None, min_events=min)
    names = {n["id"]: n["name"] for n in data["nodes"]}
    links = [{"source": names[e["source"]], "target": names[e["target"]],
              "quad_class": charts.QUAD_CLASS.get(e["quad"], "uncoded"), "events": e["events"]} for e in data["edges"]]
    if format == "csv":
        return lists.csv_response(links, "network-links")
    network = charts.network_chart(data)
    query = urlencode({k: v for k, v in {**filters, "min_events": min if min > 1 else ""}.items() if v})
    return render(request, "network.html", {"data": data, "network": network, "links": links, **filters, "min": min,
                                            "labelled": sum(n.label for n in network.nodes),
                                            "api": "/api/network?" + query})


@router.get("/events")
def events_page(request: Request, store: StoreDep, actor: FormText = "", country: FormCountry = "",
                type: FormText = "", since: FormDate = "", until: FormDate = "", text: FormText = "",
                format: Format = "html") -> Response:
    api.real_dates(since, until)
    f = {"actor": actor, "country": country.upper(), "type": type.upper(), "since": since, "until": until,
         "text": text}
    rows = st.events(store, actor=actor or None, country=f["country"] or None, type=f["type"] or None,
                     since=since or None, until=until or None, text=text or None, limit=MOST_EVENTS)
    if format == "csv":
        return lists.csv_response(rows, "events")
    return render(request, "events.html", {
        "f": f, "rows": rows[:200], "total": len(rows), "most": MOST_EVENTS, "facets": lists.facets(rows),
        "facet_url": lambda name, value: facet_url(request.url, name, value),
        "api": "/api/events?" + urlencode({k: v for k, v in f.items() if v})})


def facet_url(url: URL, name: str, value: str) -> str | None:
    """The list narrowed to one facet's value (a month narrows the dates); None for "undated"."""
    if name == "month":
        return None if value == "undated" else str(url.include_query_params(since=value, until=value))
    return str(url.include_query_params(**{name: value}))


@router.get("/map")
def map_page(request: Request, store: StoreDep, type: FormText = "", since: FormDate = "", until: FormDate = "",
             country: FormCountry = "", format: Format = "html") -> Response:
    api.real_dates(since, until)
    filters = {"type": type, "since": since, "until": until, "country": country.upper()}
    events = queries.map_events(store, type=type or None, since=since or None, until=until or None,
                                country=country.upper() or None)
    points, unplaced = places.map_points(events)
    if format == "csv":
        return lists.csv_response(points, "map-places")
    return render(request, "map.html", {
        **filters, "points": points, "unplaced": unplaced, "spec": charts.map_chart(points),
        "placed": sum(p["events"] for p in points),
        "by_country": sum(p["events"] for p in points if p["placed"] == "country"),
        "types": sorted({e["type"] for e in events} | ({type} if type else set())), "api": None})


@router.get("/search")
def search_page(request: Request, store: StoreDep, q: FormText = "", format: Format = "html") -> Response:
    hits = st.search(store, q) if q.strip() else []
    if format == "csv":
        return lists.csv_response(hits, "search")
    return render(request, "search.html", {"q": q, "hits": [{**h, "parts": marked(h["snippet"])} for h in hits],
                                           "api": "/api/search?" + urlencode({"q": q})})


def marked(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet as (text, is_match) parts: the store marks matches with [ and ]."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while "[" in rest and "]" in rest.split("[", 1)[1]:
        before, after = rest.split("[", 1)
        match, rest = after.split("]", 1)
        parts += [(before, False), (match, True)]
    return [p for p in [*parts, (rest, False)] if p[0]]


@router.get("/alerts")
def alerts_page(request: Request, store: StoreDep, limit: Annotated[int, Query(ge=1, le=1000)] = 100) -> HTMLResponse:
    return render(request, "alerts.html", {"alerts": api.get_alerts(store, limit), "api": f"/api/alerts?limit={limit}"})


@router.get("/paste")
def paste_form(request: Request) -> HTMLResponse:
    return render(request, "paste.html", {"form": {}, "api": "/docs#/api/post_extract_api_extract_post"})


@router.post("/paste")
async def paste_submit(request: Request) -> HTMLResponse:
    fields = {k: v[0] for k, v in parse_qs((await read_body(request)).decode("utf-8", "replace")).items()}
    check_csrf(request, fields.get("csrf"))
    form = {"text": fields.get("text", ""), "published": fields.get("published") or None,
            "title": fields.get("title") or None, "store": fields.get("store") == "1"}
    try:
        paste = api.Paste.model_validate(form)
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
        return render(request, "paste.html", {"form": form, "error": problems}, status=422)
    result = await api.run_paste(request, paste, csrf=fields.get("csrf"))
    return render(request, "document.html", {**document_view(result["document"]), "pasted": True,
                                             "stored": result["stored"], "api": None})

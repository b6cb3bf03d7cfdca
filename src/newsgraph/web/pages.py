"""The HTML pages: each calls the function behind its JSON endpoint and renders it (Jinja autoescapes all)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import parse_qs, urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from newsgraph import store as st
from newsgraph.document import Document
from newsgraph.store.queries import QUADS
from newsgraph.web import api, charts, highlight, queries
from newsgraph.web.app import Answers, answers_of, check_csrf, read_body, store_of

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
StoreDep = Annotated[st.Store, Depends(store_of)]
AnswersDep = Annotated[Answers, Depends(answers_of)]
FormDate = Annotated[str, Query(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$", max_length=10)]
FormText = Annotated[str, Query(max_length=200)]


def render(request: Request, name: str, context: dict[str, Any], *, status: int = 200) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(
        request, name, {"quads": QUADS, "writes": request.app.state.settings.allow_writes, **context},
        status_code=status)


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)


def cached_page(request: Request, answers: Answers, key: tuple[str, ...], make: Callable[[], HTMLResponse]
                ) -> HTMLResponse:
    """A page rendered once for the store as it is (a page depends on the store and the app's settings only)."""
    body = answers.get(("page", *key), lambda: bytes(make().body))
    return HTMLResponse(body)


@router.get("/")
def dashboard(request: Request, answers: AnswersDep) -> HTMLResponse:
    def make() -> HTMLResponse:
        data = api.summary(answers.store)
        return render(request, "dashboard.html", {"data": data, "chart": charts.quad_chart(data["quads"]),
                                                  "api": "/api/summary"})

    return cached_page(request, answers, ("dashboard",), make)


@router.get("/documents/{doc}")
def document_page(request: Request, answers: AnswersDep, doc: Annotated[str, Path(pattern=r"^[0-9a-f]{1,64}$")]
                  ) -> HTMLResponse:
    def make() -> HTMLResponse:
        document = queries.document(answers.store, doc)
        if document is None:
            raise HTTPException(404, f"no document {doc}")
        return render(request, "document.html", {**document_view(document), "api": f"/api/documents/{doc}"})

    return cached_page(request, answers, ("document", doc), make)


def document_view(document: Document) -> dict[str, Any]:
    """What the document template shows: lines cut into highlighted pieces, actors, quotes and events."""
    def name(actor_id: str | None) -> str:
        actor = document.actor(actor_id)
        return actor.name if actor else "—"

    return {"document": document, "lines": highlight.lines(document), "name": name,
            "actor_index": {a.id: i for i, a in enumerate(document.actors)}}


@router.get("/actor")
def actor_page(request: Request, store: StoreDep, name: Annotated[str, Query(min_length=1, max_length=200)]
               ) -> HTMLResponse:
    profiles = api.actor_profiles(store, name)
    timelines = [charts.quad_chart(p["timeline"], height=200) for p in profiles]
    return render(request, "actor.html", {"name": name, "profiles": list(zip(profiles, timelines, strict=True)),
                                          "api": "/api/actor?" + urlencode({"name": name})})


@router.get("/dyad")
def dyad_page(request: Request, answers: AnswersDep, a: FormText = "", b: FormText = "",
              by: api.Period = "month") -> HTMLResponse:
    data = api.cached_dyad(answers, a, b, by=by) if a.strip() and b.strip() else None
    chart = charts.quad_chart(data["series"]) if data and data["series"] else None
    return render(request, "dyad.html", {"a": a, "b": b, "by": by, "data": data, "chart": chart,
                                         "api": "/api/dyad?" + urlencode({"a": a, "b": b, "by": by})})


@router.get("/network")
def network_page(request: Request, answers: AnswersDep, type: FormText = "", since: FormDate = "",
                 until: FormDate = "") -> HTMLResponse:
    api.real_dates(since, until)
    data = api.cached_network(answers, type=type or None, since=since or None, until=until or None)
    query = urlencode({k: v for k, v in {"type": type, "since": since, "until": until}.items() if v})
    return render(request, "network.html", {"data": data, "graph": charts.network_graph(data), "type": type,
                                            "since": since, "until": until, "api": "/api/network?" + query})


@router.get("/search")
def search_page(request: Request, store: StoreDep, q: FormText = "") -> HTMLResponse:
    hits = st.search(store, q) if q.strip() else []
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


@router.get("/paste")
def paste_form(request: Request) -> HTMLResponse:
    return render(request, "paste.html", {"form": {}, "api": "/docs#/api/post_extract_api_extract_post",
                                          "csrf": request.app.state.csrf})


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
        return render(request, "paste.html", {"form": form, "error": problems, "csrf": request.app.state.csrf},
                      status=422)
    result = await api.run_paste(request, paste)
    return render(request, "document.html", {**document_view(result["document"]), "pasted": True,
                                             "stored": result["stored"], "api": None})

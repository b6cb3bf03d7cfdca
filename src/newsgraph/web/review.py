"""Corrections from the web: the document view's forms and their JSON endpoint, an item's history, and the
admin's audit log (a page, CSV and JSON). Thin over newsgraph.store.review and newsgraph.store.corrections.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from newsgraph.store import corrections
from newsgraph.store.review import CorrectionError, NoDocument, correct
from newsgraph.store.review import Request as Ask
from newsgraph.web import auth, lists
from newsgraph.web.app import csrf_token

router = APIRouter()
DocId = Annotated[str, Path(pattern=r"^[0-9a-f]{1,64}$")]
#: The form fields each kind of correction reads (``mentions`` may repeat).
FORM_VALUES = {
    "edit_event": ("type", "source", "target", "date", "location", "negated"),
    "reject_event": (), "add_event": ("type", "source", "target", "date", "location", "negated"),
    "edit_actor": ("country", "sector"), "merge_actors": ("into",), "split_actor": ("name", "mentions"),
    "reattribute_quote": ("speaker",),
}


class Correction(BaseModel):
    """A correction sent as JSON: its kind, the item (an event, actor or quote id, or "START:END" for a missed
    event's span), the values it sets and why."""

    kind: Literal["reject_event", "edit_event", "add_event", "edit_actor", "merge_actors", "split_actor",
                  "reattribute_quote"]
    target: str = Field(max_length=200)
    values: dict[str, Any] = Field(default_factory=dict)
    comment: str = Field("", max_length=2000)


def make(request: Request, doc: str, ask: Ask, user: auth.User) -> corrections.Correction:
    try:
        return correct(request.app.state.store, doc, ask, author=user.name)
    except NoDocument as e:
        raise HTTPException(404, str(e)) from e
    except CorrectionError as e:
        raise HTTPException(422, str(e)) from e


@router.post("/api/documents/{doc}/corrections", tags=["corrections"],
             summary="Correct an item of a document (an editor: API token, or session and X-CSRF-Token)")
async def post_correction(request: Request, doc: DocId, correction: Correction) -> dict[str, Any]:
    user = auth.require(request, "editor")
    ask = Ask(correction.kind, correction.target, correction.values, correction.comment)
    made = await run_in_threadpool(make, request, doc, ask, user)
    return made.to_dict()


@router.get("/api/documents/{doc}/corrections", tags=["corrections"],
            summary="A document's corrections (its items' history) and the machine's own record")
def get_corrections(request: Request, doc: DocId) -> dict[str, Any]:
    store = request.app.state.store
    machine = corrections.machine_document(store, doc)
    return {"corrections": [c.to_dict() for c in corrections.corrections(store, doc=doc)],
            "machine": machine.to_dict() if machine else None}


@router.post("/documents/{doc}/corrections", include_in_schema=False)
async def post_correction_form(request: Request, doc: DocId) -> Response:
    fields = await auth.form_fields(request)
    user = auth.require(request, "editor", csrf=auth.first(fields, "csrf"))
    ask = form_request(request.app.state.store, doc, fields)
    await run_in_threadpool(make, request, doc, ask, user)
    return RedirectResponse(f"/documents/{doc}#history", status_code=303)


def form_request(store: Any, doc: str, fields: dict[str, list[str]]) -> Ask:
    """The correction a document view's form asks for."""
    kind = auth.first(fields, "kind")
    if kind not in FORM_VALUES:
        raise HTTPException(422, f"unknown correction {kind!r}")
    values: dict[str, Any] = {}
    for name in FORM_VALUES[kind]:
        if name == "mentions":
            values[name] = fields.get(name, [])
        elif name == "negated":
            values[name] = auth.first(fields, name) == "1"
        else:
            values[name] = auth.first(fields, name).strip() or None
    target = auth.first(fields, "item")
    if kind == "add_event":
        target = span_of(store, doc, auth.first(fields, "words"), auth.first(fields, "nth"))
    return Ask(kind, target, values, auth.first(fields, "comment"))


def span_of(store: Any, doc: str, words: str, nth: str) -> str:
    """The "START:END" of the ``nth`` (1-based) place the document's text has ``words``."""
    from newsgraph.store.records import read_document

    with store.engine.connect() as conn:
        document = read_document(conn, doc)
    if document is None:
        raise HTTPException(404, f"no document {doc}")
    words = words.strip()
    at, count = -1, int(nth) if nth.isdigit() and int(nth) > 0 else 1
    for _ in range(count):
        at = document.text.find(words, at + 1) if words else -1
        if at < 0:
            raise HTTPException(422, f"“{words}” is not in the text {count} time(s): select the words of the "
                                     "missed event as the text has them")
    return f"{at}:{at + len(words)}"


def audit_rows(request: Request, author: str, since: str, until: str) -> list[dict[str, Any]]:
    found = corrections.corrections(request.app.state.store, author=author or None, since=since or None,
                                    until=until or None)
    return [{**c.to_dict(), "before": json.dumps(c.before, ensure_ascii=False),
             "after": json.dumps(c.after, ensure_ascii=False)} for c in reversed(found)]


AuditText = Annotated[str, Query(max_length=200)]


@router.get("/api/audit", tags=["corrections"], summary="Every correction, newest first (an admin)")
def get_audit(request: Request, author: AuditText = "", since: AuditText = "", until: AuditText = ""
              ) -> list[dict[str, Any]]:
    _admin(request)
    found = corrections.corrections(request.app.state.store, author=author or None, since=since or None,
                                    until=until or None)
    return [c.to_dict() for c in reversed(found)]


@router.get("/admin/audit", include_in_schema=False, response_class=HTMLResponse)
def audit_page(request: Request, author: AuditText = "", since: AuditText = "", until: AuditText = "",
               format: Literal["html", "csv"] = "html") -> Response:
    _admin(request)
    rows = audit_rows(request, author, since, until)
    if format == "csv":
        return lists.csv_response(rows, "audit")
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, "audit.html", {"rows": rows, "author": author, "since": since, "until": until,
                                "writes": True, "api": "/api/audit", "user": auth.viewer(request),
                                "csrf": csrf_token(request)})
    return response


def _admin(request: Request) -> auth.User:
    """The signed-in admin (reading needs no CSRF token): 401 or 403 otherwise."""
    user = auth.viewer(request) if auth.auth_of(request) else None
    if user is None:
        raise HTTPException(401, "sign in first")
    if not user.may("admin"):
        raise HTTPException(403, f"{user.name} is a {user.role}: the audit log needs an admin")
    return user


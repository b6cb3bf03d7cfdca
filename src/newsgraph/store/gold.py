"""Corrections become gold: every corrected document written as a hand annotation in the format the shared
article scorer reads (``NAME/article.txt`` and ``NAME/gold.json``, described in its FORMAT.md), and the
extractor's own records scored against them.

The corrected view is the annotation: what the analyst left alone stands as accepted, what they rejected is
absent (so the machine's answer counts as a false positive), what they added or changed is required.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

from newsgraph.document import Document
from newsgraph.store import corrections, records
from newsgraph.store.db import Store

Json = dict[str, Any]
ARTICLE = "article.txt"


def export_gold(store: Store, directory: Path) -> list[str]:
    """Write each corrected document to ``directory/HASH/``; returns the hashes written."""
    written = []
    for doc in corrections.corrected_documents(store):
        with store.engine.connect() as conn:
            document = records.read_document(conn, doc)
        if document is None:
            continue
        folder = directory / doc
        folder.mkdir(parents=True, exist_ok=True)
        (folder / ARTICLE).write_text(document.text, encoding="utf-8")
        (folder / "gold.json").write_text(json.dumps(gold_record(document), ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
        written.append(doc)
    return written


def gold_record(document: Document) -> Json:
    """The hand annotation the corrected ``document`` stands for."""
    return {"doc": document.hash, "file": ARTICLE, "outlet": document.outlet, "url": document.url,
            "published": document.published, "published_given": document.published_reason == "given",
            "language": "en", "noise_lines": [], "caption_lines": [],
            "note": "Exported from newsgraph: the analysts' corrected view of the extraction.",
            "actors": [_actor(a) for a in document.actors],
            "events": [_event(document, e) for e in document.events],
            "quotes": [{"text": q.text, "speaker": q.speaker, "kind": q.kind, "required": True,
                        "lines": [line_of(document.text, q.start)]} for q in document.quotes],
            "dates": [{"text": d.text, "value": d.value, "line": line_of(document.text, d.start), "required": True}
                      for d in document.dates if d.value],
            "figures": [{"text": f.text, "value": f.value, "unit": f.unit, "required": True}
                        for f in document.figures]}


def _actor(actor: Any) -> Json:
    aliases = sorted({actor.name, *(m.text for m in actor.mentions)})
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country,
            "sector": actor.sector, "aliases": aliases, "required": True, "roles": list(actor.roles)}


def _event(document: Document, event: Any) -> Json:
    return {"id": event.id, "type": [event.type], "source": [event.source], "target": [event.target],
            "required": True, "date": event.date, "location": event.location, "negated": event.negated,
            "symmetric": False, "lines": [line_of(document.text, event.trigger.start)], "note": event.reason}


def line_of(text: str, offset: int) -> int:
    """The 1-based line of ``text`` that holds ``offset``."""
    return text.count("\n", 0, max(0, offset)) + 1


def evaluate(store: Store, directory: Path, scorer: ModuleType) -> Json:
    """Score the extractor's own records (as it wrote them, before any correction) against the gold folders
    in ``directory`` that name stored documents: the scorer's summary and its figures per document."""
    results = []
    for path in sorted(directory.glob("*/gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        machine = corrections.machine_document(store, path.parent.name)
        if machine is None:
            continue
        article = (path.parent / gold["file"]).read_text(encoding="utf-8")
        results.append(scorer.score(gold, machine.to_dict(), article))
    return {"summary": scorer.summarize(results) if results else {"documents": 0}, "documents": results}

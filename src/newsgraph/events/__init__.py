"""Events: not yet coded (see the open issue); the stage returns nothing."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.document import Document, Event


def find_events(parsed: Doc, document: Document) -> list[Event]:
    return []

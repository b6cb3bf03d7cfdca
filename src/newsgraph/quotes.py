"""Quotes: not yet extracted (see the open issue); the stage returns nothing."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.document import Document


def find_quotes(parsed: Doc, document: Document) -> list:
    return []

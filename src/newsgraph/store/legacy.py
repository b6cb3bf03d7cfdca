"""How the mentions and actors stored before they carried ``via`` were found, read once from their reasons.

Migration 11 fills the ``via``, ``role`` and ``country_from_context`` columns (and the kept machine records)
of stores written before those fields existed. It is the one place that reads a ``reason`` to tell what it
says: nothing after the migration does (``tests/test_reasons.py``).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ColumnElement, case, func

from newsgraph.document import dumps

#: Each mention reason's start (in the order tried) and how the mention was found.
MENTION_REASONS = (
    ("ner:", "ner"), ("name without its suffix", "short name"), ("name:", "name"), ("repeat of a", "repeat"),
    ("owner state", "owner state"), ("government of a state", "government"),
    ("state described", "state description"), ("title:", "title"), ("title beside", "title beside name"),
    ("unnamed:", "unnamed"), ("group:", "group"), ("crowd:", "crowd"), ("institution:", "institution"),
    ("head word:", "head word"), ("described as:", "description"), ("speaker:", "speaker"), ("pronoun", "pronoun"),
)
#: Each actor reason's start (in the order tried) and how the actor was found.
ACTOR_REASONS = (
    ("ner:", "ner"), ("ner", "place"), ("state", "state"), ("unnamed:", "unnamed"), ("group:", "group"),
    ("institution:", "institution"), ("speaker:", "speaker"), ("split off", "analyst"),
)
TITLE = "title:"
FROM_CONTEXT = "country from context"


def via_case(reason: ColumnElement[str], table: tuple[tuple[str, str], ...], default: str) -> ColumnElement[str]:
    """SQL that answers a row's ``via`` from its reason column."""
    return case(*((reason.startswith(start, autoescape=True), via) for start, via in table), else_=default)


def role_case(reason: ColumnElement[str]) -> ColumnElement[str]:
    """SQL that answers a title mention's role (None for other mentions)."""
    return case((reason.startswith(TITLE), func.substr(reason, len(TITLE) + 1)), else_=None)


def from_context_case(reason: ColumnElement[str]) -> ColumnElement[bool]:
    """SQL that answers whether an actor's country is the story's."""
    return reason.contains(FROM_CONTEXT, autoescape=True)


def via_of(reason: str, table: tuple[tuple[str, str], ...], default: str) -> str:
    return next((via for start, via in table if reason.startswith(start)), default)


def upgrade_record(record: dict[str, Any]) -> dict[str, Any]:
    """A kept document record (JSON) with each actor's and mention's ``via`` filled in from its reason."""
    for actor in record.get("actors", []):
        reason = actor.get("reason", "")
        actor.setdefault("via", via_of(reason, ACTOR_REASONS, "ner"))
        actor.setdefault("country_from_context", FROM_CONTEXT in reason)
        for mention in actor.get("mentions", []):
            said = mention.get("reason", "")
            mention.setdefault("via", via_of(said, MENTION_REASONS, "description"))
            mention.setdefault("role", said.removeprefix(TITLE) if said.startswith(TITLE) else None)
    return record


def upgrade_json(text: str) -> str:
    return dumps(upgrade_record(json.loads(text)))

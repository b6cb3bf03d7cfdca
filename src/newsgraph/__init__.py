"""newsgraph: who did and said what to whom, when and where, with evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgraph.document import SCHEMA, Actor, Document, Event, Figure, Mention, Quote, SetAside, TimeExpr
from newsgraph.settings import Settings

if TYPE_CHECKING:
    from newsgraph.pipeline import Pipeline, extract

__all__ = ["SCHEMA", "Actor", "Document", "Event", "Figure", "Mention", "Pipeline", "Quote", "SetAside",
           "Settings", "TimeExpr", "extract"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``Pipeline`` and ``extract`` import spaCy: loaded on first use, so the command line and the store
    start without it."""
    if name in ("Pipeline", "extract"):
        from newsgraph import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")

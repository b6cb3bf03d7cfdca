"""newsgraph: who did and said what to whom, when and where, with evidence."""

from newsgraph.document import SCHEMA, Actor, Document, Event, Figure, Mention, Quote, SetAside, TimeExpr
from newsgraph.pipeline import Pipeline, extract
from newsgraph.settings import Settings

__all__ = ["SCHEMA", "Actor", "Document", "Event", "Figure", "Mention", "Pipeline", "Quote", "SetAside",
           "Settings", "TimeExpr", "extract"]
__version__ = "0.1.0"

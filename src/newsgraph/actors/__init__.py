"""Actors: recognise, resolve (one actor per real-world entity) and code (kind, country, sector, roles).

``find_actors`` loads the stage (and spaCy) on first use, so the store can read the actors' lexicon
(``actors.lexicon``: states, places, role words) without them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsgraph.actors.stage import find_actors

__all__ = ["find_actors"]


def __getattr__(name: str) -> Any:
    if name == "find_actors":
        from newsgraph.actors.stage import find_actors

        return find_actors
    raise AttributeError(f"module 'newsgraph.actors' has no attribute {name!r}")

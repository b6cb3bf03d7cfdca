"""Actors: recognise, resolve (one actor per real-world entity) and code (kind, country, sector, roles)."""

from newsgraph.actors.stage import find_actors

__all__ = ["find_actors"]

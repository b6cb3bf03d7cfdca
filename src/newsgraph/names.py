"""Names: the one key a name is compared by, and which mentions of an actor are its aliases.

Used by actor resolution (in-document matching, known people) and by the store (linking across articles,
lookups, profiles), so that both compare names the same way. Nothing here loads a model or a lexicon.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from newsgraph.document import DESCRIBED_VIAS, NAME_VIAS

POSSESSIVE_END = re.compile(r"['’]s?$")


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A name as compared everywhere: accents, case and punctuation ignored, a leading "the" and a trailing
    possessive dropped ("The Erdoğan's" -> "erdogan"; "Abu-Bakr al-Baghdadi" -> "abu bakr al baghdadi")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = [POSSESSIVE_END.sub("", w) for w in plain.casefold().split()]
    tokens = [t for w in words for t in re.findall(r"\w+", w)]
    if tokens[:1] == ["the"] and len(tokens) > 1:
        tokens = tokens[1:]
    return " ".join(tokens)


def is_name(via: str) -> bool:
    """Whether a mention found this way (``Mention.via``) is one of the actor's names, as written."""
    return via in NAME_VIAS


def is_named(via: str) -> bool:
    """Whether an actor found this way (``Actor.via``) is one the text names, not one it only describes."""
    return via not in DESCRIBED_VIAS


def is_alias(text: str, via: str, role: str | None, roles: Iterable[str]) -> bool:
    """Whether a mention (its text, ``via`` and ``role``) is an alias of its actor, who holds ``roles``: a name,
    a title or a description of the actor. A pronoun refers without naming; a bare title ("the union leader")
    is an alias only of one who holds that role."""
    if via == "pronoun" or not name_key(text):
        return False
    if via == "title":
        return holds(role or "", roles)
    return True


def holds(role: str, roles: Iterable[str]) -> bool:
    """Whether one of ``roles`` (as written: "president", "former Vice President of the United States") is
    the role ``role`` or holds its words in a row."""
    wanted = f" {name_key(role)} "
    return any(wanted in f" {name_key(r)} " for r in roles)


def evidenced_country(country: str | None, *, from_context: bool) -> str | None:
    """An actor's country when its article gives it for the actor itself, not from the story's context."""
    return None if from_context else country

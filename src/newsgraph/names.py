"""Names: the one key a name is compared by, and which mentions of an actor are its aliases.

Used by actor resolution (in-document matching, known people) and by the store (linking across articles,
lookups, profiles), so that both compare names the same way. Nothing here loads a model or a lexicon.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

POSSESSIVE_END = re.compile(r"['’]s?$")
#: Said in an actor's reason when its country is the story's, not given for the actor itself.
FROM_CONTEXT = "country from context"
#: Mention reasons that name the actor as written (its name, a repeat, a short form): the keys it is found by.
NAME_REASONS = ("name:", "ner:", "repeat of a", "name without its suffix", "owner state")
#: Actor reasons of actors the text only describes ("police", "a federal judge", "the court"), not names.
DESCRIBED_ACTORS = ("group:", "crowd:", "institution:", "unnamed:", "speaker:")


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


def is_name(reason: str) -> bool:
    """Whether a mention with this reason is one of the actor's names."""
    return reason.startswith(NAME_REASONS)


def is_named(actor_reason: str) -> bool:
    """Whether an actor with this reason is one the text names, not one it only describes."""
    return not actor_reason.startswith(DESCRIBED_ACTORS)


def is_alias(text: str, reason: str, roles: Iterable[str]) -> bool:
    """Whether a mention is an alias of its actor: a name, a title or a description of the actor. A pronoun
    refers without naming; a bare title ("the union leader") is an alias only of one who holds that role."""
    if reason.startswith("pronoun") or not name_key(text):
        return False
    if reason.startswith("title:"):
        return holds(reason.removeprefix("title:"), roles)
    return True


def holds(role: str, roles: Iterable[str]) -> bool:
    """Whether one of ``roles`` (as written: "president", "former Vice President of the United States") is
    the role ``role`` or holds its words in a row."""
    wanted = f" {name_key(role)} "
    return any(wanted in f" {name_key(r)} " for r in roles)


def evidenced_country(country: str | None, reason: str) -> str | None:
    """An actor's country when its article gives it for the actor itself, not from the story's context."""
    return None if FROM_CONTEXT in reason else country

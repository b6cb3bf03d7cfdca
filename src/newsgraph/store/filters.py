"""Reading what a query asks for: dates in any common form, event types, quad classes, countries.

Each reader returns the value the store holds (an ISO date, a PLOVER type, a quad number, an ISO alpha-3
code) or raises ``QueryError`` with a one-line message that says what is wrong and what would do.
"""

from __future__ import annotations

import re
from datetime import datetime

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
#: Codes for actors that are no state (PLOVER's international non-state actors).
NON_STATE_CODES = ("IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC")


class QueryError(ValueError):
    """A query value that cannot be read; the message is one line for the user."""


def day(text: str, *, option: str = "date") -> str:
    """An ISO date (or year, year-month as given) for ``2020-11-01``, ``2020/11/01``, ``1 Nov 2020``,
    ``last week``, ...; relative dates count from today."""
    value = text.strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        if _valid_iso(value):
            return value
        raise QueryError(f"{option}: {text!r} is not a date")
    import dateparser

    parsed = dateparser.parse(value, languages=["en"], settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                                                                 "RETURN_AS_TIMEZONE_AWARE": False})
    if parsed is None:
        raise QueryError(f"{option}: {text!r} is not a date (try 2020-11-01, 1 Nov 2020, 2020/11/01 or last week)")
    return parsed.date().isoformat()


def _valid_iso(value: str) -> bool:
    try:
        datetime.strptime(value, {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}[len(value)])
    except ValueError:
        return False
    return True


def event_type(text: str) -> str:
    """A PLOVER event type, in any case."""
    from newsgraph.events.codebook import TYPES

    value = text.strip().upper()
    if value not in TYPES:
        raise QueryError(f"--type: {text!r} is not a PLOVER event type; use one of {', '.join(TYPES)}")
    return value


def quad(text: str | int) -> int:
    """A quad class by number (1-4) or name ("verbal conflict", "material_coop")."""
    value = str(text).strip().lower().replace("_", " ").replace("coop ", "cooperation ")
    value = value.replace("coop", "cooperation") if value.endswith("coop") else value
    for number, name in QUAD_NAMES.items():
        if value in (str(number), name):
            return number
    choices = ", ".join(f"{n} ({name})" for n, name in QUAD_NAMES.items())
    raise QueryError(f"--quad: {text!r} is not a quad class; use one of {choices}")


def country(text: str, *, option: str = "--country") -> str:
    """The ISO alpha-3 code of a state named by name ("Turkey"), demonym ("Turkish") or ISO code ("TUR", "TR");
    PLOVER's non-state codes (IGO, NGO, ...) stand for themselves."""
    found = country_or_none(text)
    if found is None:
        raise QueryError(f"{option}: {text!r} is no country known by name, demonym or ISO code "
                         "(e.g. Turkey, Turkish, TUR, TR)")
    return found


def country_or_none(text: str) -> str | None:
    """``country``'s answer, or None where the text names no state."""
    import pycountry

    from newsgraph.actors.lexicon import lexicon

    value = text.strip()
    if value.upper() in NON_STATE_CODES:
        return value.upper()
    if re.fullmatch(r"[A-Za-z]{2,3}", value):
        code = value.upper()
        found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
        if found is not None:
            return str(found.alpha_3)
    place = lexicon().sovereign(value)
    return place.iso3 if place is not None else None

"""Rebuild src/newsgraph/data/inventory.tsv from the PETRARCH2 actor dictionaries (MIT, see NOTICE).

Facts only: an organization's names (its entry and the variants listed under it), the state it belongs
to (ISO alpha-3; '-' for international bodies and groups the dictionary gives no state) and its sector,
from the CAMEO code the dictionary gives it (a code that is a sector alone, "[MED]" for a news agency, gives
that sector and no state). Kept where the name is an organization's, not a person's
filed under it: a name of two words or more needs a word for a body (party, front, army, council, ...);
a single word is kept when it heads its entry or is an acronym of three letters or more. A name filed
under two states is dropped. Run by hand when the sources change:
    python tools/build_organizations.py ../shared/research/petrarch2
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "data" / "inventory.tsv"
FILES = ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt", "Phoenix.Countries.actors.txt")
CODE = re.compile(r"\[([A-Z]{3,})(?:\s[^\]]*)?\]")
SECTORS = ("GOV", "MIL", "COP", "SPY", "JUD", "LEG", "OPP", "PTY", "REB", "BUS", "MED", "EDU", "HLH", "NGO",
           "CVL", "REL", "IGO")
#: CAMEO's own codes for kinds of international actors, read as sectors.
KINDS = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS", "UAF": "REB", "INS": "REB", "SEP": "REB"}
#: Words for bodies: a name of several words is an organization's only with one of them.
BODY_WORDS = {
    "party", "front", "movement", "army", "brigade", "brigades", "forces", "force", "council", "committee",
    "union", "league", "organization", "organisation", "association", "federation", "alliance", "coalition",
    "bank", "fund", "agency", "office", "ministry", "commission", "court", "tribunal", "assembly",
    "parliament", "congress", "senate", "institute", "university", "foundation", "society", "group",
    "corporation", "company", "network", "news", "radio", "television", "guard", "guards", "corps", "police",
    "service", "services", "programme", "program", "mission", "secretariat", "community", "conference",
    "cross", "crescent", "watch", "international", "brotherhood", "militia", "authority", "nations",
    "command", "unit", "units", "battalion", "battalions", "legion", "cells", "resistance", "church",
    "times", "journal", "post", "herald", "tribune", "gazette", "telegraph", "chronicle", "broadcaster",
    "broadcasting",
}
#: The dictionary's marks for single names (people and places are filed under organizations too): a
#: short single word is taken for an acronym.
ACRONYM = re.compile(r"^[A-Z&]{2,5}$")


def states() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


def state_names() -> frozenset[str]:
    """States' own names ("Russian Federation"): states, not organizations."""
    return frozenset(getattr(c, a).lower() for c in pycountry.countries
                     for a in ("name", "official_name", "common_name") if hasattr(c, a))


def code_of(codes: list[str], isos: frozenset[str]) -> tuple[str, str] | None:
    """State and sector of an entry's latest CAMEO code ("LBNREB" -> LBN, REB; "IGOUNO" -> -, IGO)."""
    if not codes:
        return None
    code = codes[-1]
    head, rest = code[:3], [code[i:i + 3] for i in range(3, len(code), 3)]
    if head in SECTORS and head not in KINDS:  # a sector with no state: "[MED]" for a news agency
        return "-", head
    if head in KINDS:
        return (rest[0] if rest and rest[0] in isos else "-"), KINDS[head]
    sector = next((s for s in rest if s in SECTORS), "")
    sector = sector or next((KINDS[s] for s in rest if s in KINDS), "")
    return (head if head in isos else "-"), sector


def blocks(path: Path) -> list[tuple[list[str], list[str]]]:
    """Each entry: its names (the head line first) and its codes, in file order."""
    out: list[tuple[list[str], list[str]]] = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#", 1)[0]
        if not body.strip():
            continue
        if not body.startswith((" ", "\t")):
            if not body.startswith("+") or not out:
                out.append(([], []))  # every head line opens an entry, whether its name is kept or not
            name = re.match(r"^\+?([A-Z0-9][A-Z0-9_'.& -]*?)[_\s]*(?:\[|$)", body.rstrip())
            out[-1][0].append(name.group(1) if name else "")
        if out:
            out[-1][1].extend(CODE.findall(body))
    return out


def organization_name(raw: str, *, head: bool) -> str | None:
    words = [w for w in raw.replace("_", " ").split() if w]
    if not words or not raw or any(ch.isdigit() for ch in raw) or "(" in raw:
        return None
    lower = {w.lower().strip("'") for w in words}
    if len(words) >= 2:
        return " ".join(words) if lower & BODY_WORDS else None
    word = words[0]
    return word if len(word) >= 3 and (head or ACRONYM.match(word)) else None


def display(name: str) -> str:
    """Dictionary capitals as a name is written: acronyms kept, other words title-cased."""
    small = {"OF", "THE", "AND", "FOR", "IN", "ON", "DE", "AL"}
    words = name.split()
    out = [w if (len(w) <= 5 and len(words) == 1) else (w.lower() if w in small and i else w.title())
           for i, w in enumerate(words)]
    return " ".join(out).replace("'S ", "'s ")


def entries(folder: Path) -> dict[str, tuple[str, str, str]]:
    isos, names_of_states = states(), state_names()
    found: dict[str, set[tuple[str, str, str]]] = {}
    for file in FILES:
        countries = file.startswith("Phoenix.Countries")
        for names, codes in blocks(folder / file):
            coded = code_of(codes, isos)
            if coded is None or (countries and coded[0] == "-"):
                continue
            kept = [n for i, raw in enumerate(names) if (n := organization_name(raw, head=i == 0)) is not None]
            if countries:  # the states' file: only several-word names of bodies
                kept = [n for n in kept if len(n.split()) >= 2]
            canonical = display(kept[0]) if kept else ""
            for n in (n for n in kept if n.lower() not in names_of_states):
                found.setdefault(display(n), set()).add((coded[0], coded[1], canonical))
    return {n: next(iter(v)) for n, v in found.items() if len({(c, s) for c, s, _ in v}) == 1}


def main() -> None:
    rows = entries(Path(sys.argv[1]))
    OUT.write_text("# organizations: name\tiso3 (- for none)\tsector\tcanonical name  (facts from PETRARCH2's "
                   "Phoenix actor dictionaries, MIT; tools/build_organizations.py)\n" +
                   "".join(f"{n}\t{c}\t{s or '-'}\t{k}\n" for n, (c, s, k) in sorted(rows.items())),
                   encoding="utf-8")


if __name__ == "__main__":
    main()

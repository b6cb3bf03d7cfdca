"""Rebuild src/newsgraph/data/agents.tsv from PETRARCH2's agents dictionary (Phoenix.agents.txt, Open Event
Data Alliance, MIT; see NOTICE): the armed and security agents a group of people is named by ("soldiers",
"riot police", "terrorists", "commandos") and the sector their CAMEO agent code gives (MIL, REB, COP, SPY).
The dictionary's other agents, named in the plural, are mostly office holders taken together
("presidents", "governors") or people at large ("children", "passengers"), seldom one actor of a story:
adding them cost validation actors precision and events (tools/evaluate.py).

Only agents of one or two words whose last word names people are kept (its singular is a noun whose
commonest WordNet sense is a person, data/person_nouns.txt), in their plural (a regular plural as PETRARCH2
forms it, or the dictionary's own; an entry that is a plural already, or marked as having none, "POLICE {}",
stands as it is). Agents coded as people in general (~PPL: "man", "people") and codes with no sector of ours are left
out. data/groups.tsv, written by hand, takes precedence where both name a noun. Run by hand:
    python tools/build_agents.py ../shared/research/petrarch2/Phoenix.agents.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "data"
OUT = DATA / "agents.tsv"
#: The first three letters of a CAMEO agent code -> our sector (unidentified armed forces are armed groups).
SECTORS = {"MIL": "MIL", "REB": "REB", "UAF": "REB", "COP": "COP", "SPY": "SPY"}
PERSON_SUBSTITUTE = ("MAN", "WOMAN", "PERSON")
#: Last words that name a thing or a body, not people (the groups of people come from the rest).
NOT_PEOPLE = {"ministry", "ministries", "government", "administration", "authority", "cabinet", "regime",
              "council", "committee", "court", "party", "office", "department", "agency", "post", "district",
              "force", "forces", "army", "navy", "bank", "firm", "company", "newspaper", "daily", "radio",
              "television", "station", "union", "federation", "organization", "organisation", "alliance",
              "coalition", "faction", "parliament", "assembly", "commission", "delegation", "regiment",
              "source", "media", "press", "unit", "units", "brigade", "battalion", "corps", "police"}


def plural(word: str) -> str:
    if word.endswith("man"):
        return word[:-3] + "men"
    if word.endswith("person"):
        return word[:-6] + "people"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", word):
        return word + "es"
    return word + "s"


def singulars(word: str) -> list[str]:
    """The singulars a plural may have ("children": "child"; "militiamen": "militiaman")."""
    out = [word[:-2] + "an"] if word.endswith("men") else []
    if word.endswith("ren"):
        out.append(word[:-3])
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out


def group_form(words: list[str], forms: str | None, people: set[str]) -> list[str]:
    """The plural phrases an entry names a group of people by, or none."""
    last = words[-1]
    if forms == "{}" or (last not in people and any(s in people for s in singulars(last))):
        return [" ".join(words)] if any(s in people for s in [last, *singulars(last)]) else []
    if last not in people:
        return []
    if forms:
        return [f.lower().replace("_", " ") for f in forms.strip("{}").split()]
    return [" ".join([*words[:-1], plural(last)])]


def entries(text: str, people: set[str]) -> list[tuple[str, str]]:
    """(phrase, sector) for each usable dictionary line, plurals formed."""
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        found = re.match(r"^([A-Z'!_-]+)\s*(\{[^}]*\})?\s*\[~([A-Z]{3})", line)
        if not found or found.group(3) not in SECTORS:
            continue
        phrase, forms, sector = found.group(1).strip("_"), found.group(2), SECTORS[found.group(3)]
        stems = [phrase.replace("!PERSON!", s) for s in PERSON_SUBSTITUTE] if "!PERSON!" in phrase else [phrase]
        for stem in stems:
            words = stem.lower().replace("_", " ").split()
            if not 1 <= len(words) <= 2 or "!" in stem or not all(w.replace("-", "").replace("'", "").isalpha()
                                                                   for w in words):
                continue
            out.extend((form, sector) for form in group_form(words, forms, people))
    return out


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/research/petrarch2/Phoenix.agents.txt")
    people = {w.strip() for w in (DATA / "person_nouns.txt").read_text(encoding="utf-8").splitlines()
              if w.strip() and not w.startswith("#")}
    found: dict[str, str] = {}
    for phrase, sector in entries(source.read_text(encoding="utf-8", errors="replace"), people):
        if phrase.split()[-1] not in NOT_PEOPLE and len(phrase.split()) <= 2:
            found.setdefault(phrase, sector)
    header = ("# group nouns (plural) and their sector, from PETRARCH2's agents dictionary (Phoenix.agents.txt,\n"
              "# Open Event Data Alliance, MIT; tools/build_agents.py). data/groups.tsv takes precedence.\n")
    OUT.write_text(header + "".join(f"{p}\t{s}\n" for p, s in sorted(found.items())), encoding="utf-8")
    print(f"{len(found)} group nouns written to {OUT}")


if __name__ == "__main__":
    main()

"""Rebuild src/newsgraph/data/event_natural_causes.tsv from WordNet 3.0 (Princeton University, WordNet licence;
Debian's wordnet-base package, see NOTICE).

Takes every one-word noun attested in WordNet's sense-tagged corpus whose commonest sense is, through its
hypernyms, an animal, a microorganism, a disease or a natural phenomenon ("earthquake", "storm", "flood",
"lion", "virus", "cancer"): what harms or kills without anyone acting. The event coder reads a killing
or an attack done by one as no event between actors (see ``events.coding.natural_cause``). Run by hand:
    python tools/build_natural_causes.py /usr/share/wordnet
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "data" / "event_natural_causes.tsv"
#: The first senses of these nouns head the kinds of causer taken.
ROOTS = ("animal", "microorganism", "disease", "natural_phenomenon", "geological_phenomenon")
#: Hominids are people, not causes; so may be a female or a male.
PEOPLE = ("hominid", "female", "male")
#: Lexicographer files of the commonest sense taken: noun.animal, noun.event (earthquakes), noun.phenomenon,
#: noun.state (diseases).
KINDS = {"05", "11", "19", "26"}
#: A noun with any sense among these may be made or wielded ("drone": a bee and an aircraft; "bat"):
#: noun.artifact, noun.group.
EXCLUDED = {"06", "14"}


def synsets(folder: Path) -> dict[str, list[str]]:
    """Noun synset offset -> the offsets of its hypernyms (and instance hypernyms)."""
    out = {}
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split()
        out[f"file:{parts[0]}"] = [parts[1]]
        words = int(parts[3], 16)
        at = 4 + 2 * words
        pointers = int(parts[at])
        found = []
        for k in range(pointers):
            symbol, offset = parts[at + 1 + 4 * k], parts[at + 2 + 4 * k]
            if symbol in ("@", "@i") and parts[at + 3 + 4 * k] == "n":
                found.append(offset)
        out[parts[0]] = found
    return out


def index(folder: Path) -> dict[str, tuple[list[str], int]]:
    """Noun lemma -> its synset offsets (commonest first) and how often it is tagged in the corpus."""
    out = {}
    for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split()
        senses, pointers = int(parts[2]), int(parts[3])
        out[parts[0]] = (parts[-senses:], int(parts[5 + pointers]))
    return out


def under(offset: str, roots: set[str], hypernyms: dict[str, list[str]]) -> bool:
    seen, todo = set(), [offset]
    while todo:
        current = todo.pop()
        if current in roots:
            return True
        if current not in seen:
            seen.add(current)
            todo += hypernyms.get(current, [])
    return False


def natural_causes(folder: Path) -> list[str]:
    hypernyms, lemmas = synsets(folder), index(folder)
    roots = {lemmas[root][0][0] for root in ROOTS}
    people = {lemmas[root][0][0] for root in PEOPLE}

    def taken(offsets: list[str]) -> bool:
        kinds = [hypernyms[f"file:{o}"][0] for o in offsets]
        return (kinds[0] in KINDS and not EXCLUDED & set(kinds) and under(offsets[0], roots, hypernyms)
                and not under(offsets[0], people, hypernyms))

    return sorted(lemma for lemma, (offsets, tagged) in lemmas.items()
                  if lemma.isalpha() and tagged > 0 and taken(offsets))


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    words = natural_causes(folder)
    header = ("# Nouns whose commonest sense is an animal, a microorganism, a disease or a natural phenomenon,\n"
              "# attested in WordNet's tagged corpus (WordNet 3.0, Princeton University;\n"
              "# tools/build_natural_causes.py). One lemma a line.\n")
    OUT.write_text(header + "".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"{len(words)} nouns written to {OUT}")


if __name__ == "__main__":
    main()

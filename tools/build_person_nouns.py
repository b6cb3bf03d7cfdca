"""Rebuild src/newsgraph/data/person_nouns.txt from WordNet 3.0 (Princeton University, WordNet licence;
Debian's wordnet-base package, see NOTICE).

Takes every one-word noun whose commonest sense is a person (WordNet's lexicographer file noun.person) and
that is attested in WordNet's sense-tagged corpus (so rare words stay out): "driver", "analyst", "doctor",
"resident", "spokesperson"; and every such attested noun one of whose senses is a communicator (a hyponym of
communicator, someone who tells: "source" as an informant, "sender"), since what it names speaks. The
actors stage makes such a noun an actor where it speaks (actors/speakers.py).
Run by hand:
    python tools/build_person_nouns.py /usr/share/wordnet
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "data" / "person_nouns.txt"
#: WordNet's lexicographer file of nouns denoting people.
PERSON = "18"


def lexfiles(folder: Path) -> dict[str, str]:
    """Noun synset offset -> its lexicographer file number."""
    out = {}
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if not line.startswith("  "):
            parts = line.split(maxsplit=2)
            out[parts[0]] = parts[1]
    return out


def hyponyms(folder: Path, root: str) -> set[str]:
    """The offsets of the noun synset ``root`` and of every kind below it (WordNet's "~" pointers; not its
    instances, the named writers and speakers)."""
    below: dict[str, list[str]] = {}
    for line in (folder / "data.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split()
        words = int(parts[3], 16)
        at = 4 + 2 * words
        below[parts[0]] = [parts[at + 2 + 4 * i] for i in range(int(parts[at]))
                           if parts[at + 1 + 4 * i] == "~" and parts[at + 3 + 4 * i] == "n"]
    found, todo = set(), [root]
    while todo:
        offset = todo.pop()
        if offset not in found:
            found.add(offset)
            todo += below.get(offset, [])
    return found


def person_nouns(folder: Path) -> list[str]:
    files = lexfiles(folder)
    index = (folder / "index.noun").read_text(encoding="latin-1").splitlines()
    communicator = next(line.split()[-1] for line in index if line.startswith("communicator "))
    tellers = hyponyms(folder, communicator)
    found = []
    for line in index:
        if line.startswith("  "):
            continue
        parts = line.split()
        lemma, senses, pointers = parts[0], int(parts[2]), int(parts[3])
        tagged = int(parts[5 + pointers])
        first = parts[-senses]
        if "_" not in lemma and "-" not in lemma and lemma.isalpha() and tagged > 0 and \
                (files.get(first) == PERSON or set(parts[-senses:]) & tellers):
            found.append(lemma)
    return sorted(found)


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    words = person_nouns(folder)
    header = ("# Nouns whose commonest sense is a person, or one of whose senses is a communicator, attested in\n"
              "# WordNet's tagged corpus (WordNet 3.0, Princeton University; tools/build_person_nouns.py).\n"
              "# One lemma a line.\n")
    OUT.write_text(header + "".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"{len(words)} nouns written to {OUT}")


if __name__ == "__main__":
    main()

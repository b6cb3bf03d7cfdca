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

from wordnet_files import reachable, read_index, read_synsets, write_lemmas

OUT = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "data" / "person_nouns.txt"
#: WordNet's lexicographer file of nouns denoting people.
PERSON = "18"


def person_nouns(folder: Path) -> list[str]:
    synsets, index = read_synsets(folder, "noun"), read_index(folder, "noun")
    tellers = set(reachable(index["communicator"].senses[-1], lambda offset: synsets[offset].related("~", "n")))
    found = []
    for lemma, entry in index.items():
        if "_" not in lemma and "-" not in lemma and lemma.isalpha() and entry.tagged > 0 and \
                (synsets[entry.senses[0]].lexfile == PERSON or set(entry.senses) & tellers):
            found.append(lemma)
    return sorted(found)


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    words = person_nouns(folder)
    header = ("# Nouns whose commonest sense is a person, or one of whose senses is a communicator, attested in\n"
              "# WordNet's tagged corpus (WordNet 3.0, Princeton University; tools/build_person_nouns.py).\n"
              "# One lemma a line.\n")
    write_lemmas(OUT, header, words)


if __name__ == "__main__":
    main()

"""Rebuild src/newsgraph/data/person_nouns.txt and person_heads.txt from WordNet 3.0 (Princeton University,
WordNet licence; Debian's wordnet-base package, see NOTICE).

Takes every one-word noun whose commonest sense is a person (WordNet's lexicographer file noun.person) and
that is attested in WordNet's sense-tagged corpus (so rare words stay out): "driver", "analyst", "doctor",
"resident", "spokesperson"; and every such attested noun one of whose senses is a communicator (a hyponym of
communicator, someone who tells: "source" as an informant, "sender"), since what it names speaks. The
actors stage makes such a noun an actor where it speaks (actors/speakers.py).

person_heads.txt is wider: every one-word noun whose commonest sense is a person, attested or not
("nominee", "magnate"): a definite description with such a head can stand for a person the story described
by it (actors/coref.py, bare_titles); "the time" or "the campaign" cannot.

thing_heads.txt holds every one-word noun none of whose senses is a person and whose commonest sense is an
act, an artifact, a communication, an event or a location ("act", "telescope", "avenue", "hospital"): a
name of three words or more ending in one names a thing, not a person (actors/passes.py).
Run by hand:
    python tools/build_person_nouns.py /usr/share/wordnet
"""

from __future__ import annotations

import sys
from pathlib import Path

from wordnet_files import Lemma, one_word_lemmas, reachable, read_index, read_synsets, write_lemmas

DATA = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "data"
OUT = DATA / "person_nouns.txt"
HEADS = DATA / "person_heads.txt"
THINGS = DATA / "thing_heads.txt"
#: WordNet's lexicographer file of nouns denoting people.
PERSON = "18"
#: Lexicographer files of nouns for acts, artifacts, communications, events and locations.
THING = {"04", "06", "10", "11", "15"}


def person_nouns(folder: Path) -> list[str]:
    synsets, index = read_synsets(folder, "noun"), read_index(folder, "noun")
    tellers = set(reachable(index["communicator"].senses[-1], lambda offset: synsets[offset].related("~", "n")))
    return one_word_lemmas(index, lambda e: synsets[e.senses[0]].lexfile == PERSON or bool(set(e.senses) & tellers),
                           attested=True)


def person_heads(folder: Path) -> list[str]:
    """Every one-word noun whose commonest sense is a person (people's names among them: "aaron")."""
    synsets, index = read_synsets(folder, "noun"), read_index(folder, "noun")
    return one_word_lemmas(index, lambda e: synsets[e.senses[0]].lexfile == PERSON)


def thing_heads(folder: Path) -> list[str]:
    """Every one-word noun with no person sense whose commonest sense is a thing (``THING``)."""
    synsets, index = read_synsets(folder, "noun"), read_index(folder, "noun")
    def thing(entry: Lemma) -> bool:
        files = [synsets[offset].lexfile for offset in entry.senses]
        return files[0] in THING and PERSON not in files

    return one_word_lemmas(index, thing)


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    words = person_nouns(folder)
    header = ("# Nouns whose commonest sense is a person, or one of whose senses is a communicator, attested in\n"
              "# WordNet's tagged corpus (WordNet 3.0, Princeton University; tools/build_person_nouns.py).\n"
              "# One lemma a line.\n")
    write_lemmas(OUT, header, words)
    write_lemmas(HEADS, "# Nouns whose commonest sense is a person (WordNet 3.0, Princeton University;\n"
                        "# tools/build_person_nouns.py). One lemma a line.\n", person_heads(folder))
    write_lemmas(THINGS, "# Nouns with no person sense whose commonest sense is an act, an artifact, a communication,\n"
                         "# an event or a location (WordNet 3.0, Princeton University; tools/build_person_nouns.py).\n"
                         "# One lemma a line.\n", thing_heads(folder))


if __name__ == "__main__":
    main()

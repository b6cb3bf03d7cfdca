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

from wordnet_files import one_word_lemmas, reachable, read_index, read_synsets, write_lemmas

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


def natural_causes(folder: Path) -> list[str]:
    synsets, index = read_synsets(folder, "noun"), read_index(folder, "noun")

    def kinds_above(offset: str) -> set[str]:
        return set(reachable(offset, lambda at: synsets[at].related(("@", "@i"), "n")))

    roots = {index[root].senses[0] for root in ROOTS}
    people = {index[root].senses[0] for root in PEOPLE}

    def taken(senses: tuple[str, ...]) -> bool:
        kinds = [synsets[offset].lexfile for offset in senses]
        if kinds[0] not in KINDS or EXCLUDED & set(kinds):
            return False
        above = kinds_above(senses[0])
        return bool(above & roots) and not above & people

    return one_word_lemmas(index, lambda entry: taken(entry.senses), attested=True)


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    words = natural_causes(folder)
    header = ("# Nouns whose commonest sense is an animal, a microorganism, a disease or a natural phenomenon,\n"
              "# attested in WordNet's tagged corpus (WordNet 3.0, Princeton University;\n"
              "# tools/build_natural_causes.py). One lemma a line.\n")
    write_lemmas(OUT, header, words)


if __name__ == "__main__":
    main()

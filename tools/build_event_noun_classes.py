"""Rebuild src/newsgraph/data/event_word_classes_wordnet.tsv from WordNet 3.0 (Princeton University, WordNet
licence; Debian's wordnet-base package, see NOTICE).

Two classes of nouns that tell a trigger's sense by what it is done to (data/event_senses.tsv reads them):
- ``content``: what is made public or put into words, not someone or something held: one-word nouns whose
  commonest sense is in WordNet's lexicographer file of communication or of cognition ("report",
  "statement", "video", "name", "plan", "idea"). Releasing one is publishing, not freeing captives
  ("released a report", "released its plans").
- ``statute``: a law or decree, not an agreement between parties: one-word nouns whose commonest sense is
  at or below legal_document.n.01 in the hyponym tree ("bill", "act", "decree", "statute", "warrant"), and
  not at or below agreement.n.01 ("treaty", "contract").
  Signing one enacts or orders, it agrees with no one ("signed the bill into law").
Only nouns attested in WordNet's sense-tagged corpus are kept, so rare words stay out. Words of the
hand-written data/event_word_classes.tsv keep their classes there too. Run by hand:
    python tools/build_event_noun_classes.py /usr/share/wordnet
"""

from __future__ import annotations

import sys
from pathlib import Path

from wordnet_files import one_word_lemmas, reachable, read_index, read_synsets

OUT = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "data" / "event_word_classes_wordnet.tsv"
#: WordNet's lexicographer files of nouns of communication and of cognition.
CONTENT_FILES = {"10", "09"}
#: The root of the statute class, and of the agreements below it too that it leaves out (sense numbers of
#: WordNet 3.0: a treaty or a contract is a legal document and an agreement; signing one agrees).
LEGAL_DOCUMENT = ("legal_document", 1)
AGREEMENT = ("agreement", 1)
HEADER = ("# Noun classes that tell a trigger's sense (data/event_senses.tsv), built from WordNet 3.0 (Princeton\n"
          "# University) by tools/build_event_noun_classes.py; do not edit by hand. content: the commonest sense\n"
          "# is a communication or a cognition (a report, a plan); statute: the commonest sense is a legal\n"
          "# document and no agreement (a bill, a decree). Only nouns attested in WordNet's sense-tagged corpus.\n"
          "# word\tclass\n")


def noun_classes(folder: Path) -> list[tuple[str, str]]:
    """(word, class) rows, sorted."""
    synsets, index = read_synsets(folder, "noun"), read_index(folder, "noun")
    def below(root: tuple[str, int]) -> set[str]:
        word, sense = root
        return set(reachable(index[word].senses[sense - 1], lambda offset: synsets[offset].related("~", "n")))

    legal = below(LEGAL_DOCUMENT) - below(AGREEMENT)
    statutes = one_word_lemmas(index, lambda e: e.senses[0] in legal, attested=True)
    content = one_word_lemmas(index, lambda e: synsets[e.senses[0]].lexfile in CONTENT_FILES, attested=True)
    return sorted([(w, "statute") for w in statutes] + [(w, "content") for w in content])


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet")
    rows = noun_classes(folder)
    OUT.write_text(HEADER + "".join(f"{w}\t{k}\n" for w, k in rows), encoding="utf-8")
    print(f"{len(rows)} rows written to {OUT}")


if __name__ == "__main__":
    main()

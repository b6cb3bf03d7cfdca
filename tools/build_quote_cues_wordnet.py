"""Rebuild src/newsgraph/data/quote_cues_wordnet.tsv: reporting verbs from WordNet 3.0 (see NOTICE).

A verb whose commonest sense is a verb of communication below "state, say, tell" (express in words), "aver"
or "stress, emphasize" (to give a statement weight: "underline", "underscore") reports what someone said;
the quotes stage reads its complement clause as reported speech ("X underlined that ..."). Verbs already in
the hand-written quote_cues.tsv and modal auxiliaries are left out; one-word lemmas only. Run by hand:
    python tools/build_quote_cues_wordnet.py /usr/share/wordnet
"""

from __future__ import annotations

import sys
from pathlib import Path

from wordnet_files import reachable, read_index, read_synsets

from newsgraph.knowledge import data_rows

OUT = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "data" / "quote_cues_wordnet.tsv"
#: The synsets (a lemma and its sense, commonest first) whose troponyms report speech.
ROOTS = (("state", 0), ("stress", 0), ("aver", 0))
#: WordNet's lexicographer file of verbs of communication: the sense must be one ("lease" and "will" are not).
COMMUNICATION = "32"
#: Modal auxiliaries that WordNet also lists as verbs ("will": to decree): as a cue, every "will" would report.
MODALS = {"will", "shall", "can", "may", "must"}


def reporting_verbs(wordnet: Path) -> list[tuple[str, str]]:
    """(lemma, root lemma) of each verb whose commonest sense lies under one of ROOTS."""
    synsets, index = read_synsets(wordnet, "verb"), read_index(wordnet, "verb")
    out: dict[str, str] = {}
    for lemma, sense in ROOTS:
        below = set(reachable(index[lemma].senses[sense], lambda o: synsets[o].related(["~"], "v")))
        out |= {w: lemma for w, entry in index.items() if "_" not in w and entry.senses[0] in below
                and synsets[entry.senses[0]].lexfile == COMMUNICATION and w not in out}
    return sorted(out.items())


def cue_rows(wordnet: Path) -> list[tuple[str, str]]:
    """The rows the data file holds: the reporting verbs that neither the hand-written list nor a modal is."""
    known = {row[0].lower() for row in data_rows("quote_cues.tsv")}
    return [(lemma, root) for lemma, root in reporting_verbs(wordnet) if lemma not in known | MODALS]


def main(wordnet: Path) -> None:
    rows = cue_rows(wordnet)
    header = ("# Reporting verbs from WordNet 3.0 by tools/build_quote_cues_wordnet.py (not by hand).\n"
              "# lemma<TAB>use<TAB>note: the commonest sense is a troponym of the root named.\n")
    OUT.write_text(header + "".join(f"{lemma}\tclause\tWordNet: under '{root}'\n" for lemma, root in rows),
                   encoding="utf-8")
    print(f"{len(rows)} verbs written to {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

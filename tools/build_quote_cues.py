"""Rebuild src/newsgraph/data/quote_cues_polnear.tsv: reporting verbs learned from PolNeAR's train sample.

PolNeAR (Newell, Margolin and Ruths, 2018; see NOTICE) marks each attribution's Source, Cue and Content.
A cue's verb (its last verb, "has repeatedly said" -> say) counts for an article when, there, the content
follows the cue and is a clause (it opens with "that" or has a verb with its own subject). Verbs that do so
in at least MIN_ARTICLES articles, whose commonest WordNet 3.0 sense is a verb of communication or cognition
(so "allow", "order" and "show" stay out), and that are not in the hand-written quote_cues.tsv, are written
with use 'clause' and their article count. Only lemmas and counts are kept, never the corpus's sentences.
Run by hand:
    python tools/build_quote_cues.py ../shared/research/polnear/train /usr/share/wordnet
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from wordnet_files import read_index, read_synsets

from newsgraph import nlp
from newsgraph.knowledge import data_rows

DATA = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "data"
OUT = DATA / "quote_cues_polnear.tsv"
MIN_ARTICLES = 3
#: WordNet's lexicographer files of verbs of cognition and of communication.
LEXFILES = ("31", "32")
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


def attributions(ann: Path) -> list[tuple[int, str, int, str]]:
    """(cue start, cue text, content start, content text) of each attribution with a cue and a content."""
    spans: dict[str, tuple[int, str]] = {}
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            spans[parts[0]] = (int(parts[1].split()[1]), parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            args = dict(p.split(":") for p in parts[1].split())
            cue, content = spans.get(args.get("Cue", "")), spans.get(args.get("Content", ""))
            if cue and content:
                out.append((cue[0], cue[1], content[0], content[1]))
    return out


def reporting(wordnet: Path) -> set[str]:
    """The verbs whose commonest WordNet sense is one of cognition or communication."""
    synsets = read_synsets(wordnet, "verb")
    return {lemma for lemma, entry in read_index(wordnet, "verb").items()
            if synsets[entry.senses[0]].lexfile in LEXFILES}


def main(root: Path, wordnet: Path) -> None:
    model = nlp.load()
    known = {row[0].lower() for row in data_rows("quote_cues.tsv")}
    verbs_of_report = reporting(wordnet)
    found = [(ann.stem, *a) for ann in sorted((root / "attributions").glob("*.ann")) for a in attributions(ann)]
    found = [f for f in found if f[3] > f[1]]  # the content follows the cue
    articles: dict[str, set[str]] = defaultdict(set)
    cues = model.pipe(f[2] for f in found)
    contents = model.pipe(f[4] for f in found)
    for (stem, *_), cue, content in zip(found, cues, contents, strict=True):
        verbs = [t for t in cue if t.pos_ == "VERB"]
        if any(t.lower_ in known for t in cue):
            continue  # a hand-written cue ("has said", "according to") already covers it
        clause = content[0].lower_ == "that" or any(t.dep_ in SUBJECTS and t.head.pos_ in ("VERB", "AUX")
                                                    for t in content)
        if verbs and clause:
            articles[verbs[-1].lemma_.lower()].add(stem)
    rows = sorted((lemma, len(stems)) for lemma, stems in articles.items()
                  if len(stems) >= MIN_ARTICLES and lemma not in known and lemma in verbs_of_report)
    header = ("# Reporting verbs learned from PolNeAR's train sample by tools/build_quote_cues.py (not by hand).\n"
              "# lemma<TAB>use<TAB>note: a verb whose attributed content is a clause in at least "
              f"{MIN_ARTICLES} articles.\n")
    OUT.write_text(header + "".join(f"{lemma}\tclause\tPolNeAR train: {n} articles\n" for lemma, n in rows),
                   encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))

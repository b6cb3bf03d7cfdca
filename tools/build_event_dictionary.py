"""Rebuild the event dictionary data files from PETRARCH2's CAMEO verb dictionary (CAMEO.2.0.txt, Open Event
Data Alliance, MIT) and the CAMEO-to-PLOVER table (CAMEO2PLOVER, Open Event Data Alliance; see NOTICE):

- data/event_dictionary_verbs.tsv: each verb of the dictionary (lemma, or lemma and particle: "ask for"),
  the verb group it belongs to, and the PLOVER type, mode and CAMEO code of the verb itself or, for the verb
  the group is named after, of its group ('-' where neither names a code PLOVER keeps). The group's other
  verbs are synonyms (mostly from WordNet) that share its patterns but not its code: "take" in the group of
  "apprehend", "lead" in that of "oversee".
- data/event_dictionary_patterns.tsv: the group's verb patterns that give its verbs a sense by the head
  (with its modifiers) of their object or of a prepositional phrase, and their particle ("levy sanctions",
  "rush aid", "open fire", "put on trial"), each with its type, mode and CAMEO code. A pattern whose code
  PLOVER drops (statements, appeals) or that the dictionary marks as no event reads as type '-': no event in
  that sense. Synonym sets (``&NAME``) are expanded to their members.

The event finder (events/triggers.py) reads a verb that the hand-written lexicon does not know by these
patterns only: the verbs' own codes, read alone, cost validation pooled precision (0.452 -> 0.422 with the
scorer retrained), and patterns that name no noun (a particle or preposition alone) are not written.

Only facts are taken: which words, in which construction, signal which CAMEO code. Patterns that need words
before the verb (its subject) or more than one object or prepositional phrase, codes that only reverse the
sides ("[:173]"), and words that are not plain English words are left out. The first code of a pair ("[042:043]")
is the verb's own. Words are lemmatised with the installed spaCy pipeline (nouns and verbs by their part of
speech); modifiers of an object stay as written, lower-cased. The output is sorted and deterministic. Run by hand:

    python tools/build_event_dictionary.py ../shared/research/petrarch2/CAMEO.2.0.txt \\
        ../shared/research/plover/CAMEO2PLOVER-2021.txt
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src" / "newsgraph" / "data"
VERBS_FILE = "event_dictionary_verbs.tsv"
PATTERNS_FILE = "event_dictionary_patterns.tsv"
#: Words right after the verb that are its particle, not its object ("set off", "put down", "rule out").
PARTICLES = frozenset({"up", "down", "off", "out", "in", "on", "over", "away", "back", "forward", "aside", "together",
                       "ahead", "through", "around", "about"})
#: First words of a multi-word verb that are auxiliaries, not the verb ("is determined"): left out.
AUXILIARIES = frozenset({"is", "was", "were", "are", "am", "be", "been", "being", "has", "have", "had", "will",
                         "would"})
#: Marks of PETRARCH's pattern syntax (source, target, skip, compound) that carry no word.
MARKS = "$+^%!"
#: The longest object phrase kept, in words.
MAX_WORDS = 3
WORD = re.compile(r"^[a-z][a-z'-]*$")
HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
VERB_LINE = re.compile(r"^(\+?[A-Z][A-Z_'-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?")
PATTERN_LINE = re.compile(r"^-\s*(.*?)\s*\[([^\]]*)\]")
ITEM = re.compile(r"\([^)]*\)|\{[^}]*\}|\S+")

#: A lemmatiser: (upper-case word, part of speech "NOUN"/"VERB") -> lemma.
Lemmatise = Callable[[str, str], str]


@dataclass(frozen=True)
class Coding:
    """A PLOVER type and mode for a CAMEO code ('-' for none)."""

    type: str
    mode: str
    cameo: str


@dataclass(frozen=True)
class Pattern:
    """One verb pattern: particle, object phrase, preposition and its object phrase ('' where absent)."""

    particle: str
    obj: str
    prep: str
    prep_obj: str
    code: str


@dataclass
class Group:
    name: str
    code: str
    verbs: list[tuple[str, str]] = field(default_factory=list)  # (verb words, own code or '')
    patterns: list[Pattern] = field(default_factory=list)


def read_plover(text: str) -> dict[str, Coding]:
    """CAMEO code -> PLOVER type and mode, from the lines ``CODE: TYPE, mode, context # ...``."""
    out = {}
    for line in text.splitlines():
        found = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*(?:,\s*([^,#]*))?", line)
        if found:
            mode = (found.group(3) or "").strip()
            out.setdefault(found.group(1), Coding(found.group(2), mode or "-", found.group(1)))
    return out


def coding(code: str, plover: dict[str, Coding]) -> Coding | None:
    """The PLOVER coding of a CAMEO code or of its nearest listed parent; None where PLOVER has none."""
    for end in range(len(code), 1, -1):
        if code[:end] in plover:
            found = plover[code[:end]]
            return Coding(found.type, found.mode, code)
    return None


def own_code(bracket: str) -> str | None:
    """The verb's own code of a bracket: the first of a pair; '---' for no event; None for a reversed one."""
    first = bracket.split(":", 1)[0].strip()
    if first == "---":
        return "---"
    return first if first.isdigit() else None


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            current = synsets.setdefault(line.split()[0], [])
        elif line.startswith("+") and current is not None:
            current.append(line[1:].split()[0])
        elif not line:
            current = None
    return synsets


def read_groups(lines: list[str]) -> list[Group]:
    groups: list[Group] = []
    for raw in lines:
        line = re.split(r"[#;]", raw, maxsplit=1)[0].rstrip()
        header = HEADER.match(line)
        if header:
            groups.append(Group(header.group(1), header.group(2).strip()))
        elif not groups or not line.strip():
            continue
        elif line.startswith("-"):
            groups[-1].patterns.extend(read_pattern(line))
        else:
            verb = VERB_LINE.match(line.strip())
            if verb:
                groups[-1].verbs.append((verb.group(1).lstrip("+"), (verb.group(3) or "").strip("[]")))
    return groups


def read_pattern(line: str) -> list[Pattern]:
    """The pattern of a line, or none where it uses what is not read here (see the module's docstring)."""
    found = PATTERN_LINE.match(line)
    if not found or "*" not in found.group(1):
        return []
    code = own_code(found.group(2))
    before, _, after = found.group(1).partition("*")
    if code is None or any(w.strip(MARKS) for w in before.split()):
        return []
    items = [i for i in ITEM.findall(after) if i.strip(MARKS)]
    particle = items.pop(0).lower() if items and items[0].lower() in PARTICLES and items[0][0] not in "({&" else ""
    parens = [i for i in items if i.startswith("(")]
    objects = [i for i in items if not i.startswith("(")]
    if len(parens) > 1 or len(objects) > 1 or (objects and parens and items.index(parens[0]) < items.index(objects[0])):
        return []
    prep, prep_obj = split_paren(parens[0]) if parens else ("", "")
    return [Pattern(particle, objects[0] if objects else "", prep, prep_obj, code)]


def split_paren(item: str) -> tuple[str, str]:
    words = item.strip("()").split(None, 1)
    return words[0].lower(), (words[1] if len(words) > 1 else "")


def phrases(item: str, synsets: dict[str, list[str]], lemma: Lemmatise) -> list[str]:
    """The phrases a pattern item stands for (synsets expanded), head lemmatised, modifiers lower-cased;
    none where a word is no plain word."""
    words = [w.strip(MARKS) for w in item.strip("{}").split() if w.strip(MARKS)]
    if sum(w.startswith("&") for w in words) > 1:
        return []  # two synsets in one phrase multiply into phrases no one writes ("brigades fighter jet")
    options = [synsets.get(w, []) if w.startswith("&") else [w] for w in words]
    out = []
    for combo in itertools.product(*options):
        flat = [p for member in combo for p in member.strip("_").split("_") if p]
        if not flat:
            continue
        found = [w.lower() for w in flat[:-1]] + [lemma(flat[-1], "NOUN")]
        if len(found) <= MAX_WORDS and all(WORD.match(w) for w in found):
            out.append(" ".join(found))
    return sorted(set(out))


def verb_words(name: str, lemma: Lemmatise) -> str | None:
    words = [w for w in name.strip("_").split("_") if w]
    if not 1 <= len(words) <= 2 or words[0].lower() in AUXILIARIES:
        return None
    found = [lemma(words[0], "VERB"), *(w.lower() for w in words[1:])]
    return " ".join(found) if all(WORD.match(w) for w in found) else None


def row_of(code: str, plover: dict[str, Coding]) -> list[str]:
    found = None if code == "---" else coding(code, plover)
    return [found.type, found.mode, found.cameo] if found else ["-", "-", "-"]


def verb_rows(groups: list[Group], plover: dict[str, Coding], lemma: Lemmatise) -> Iterator[list[str]]:
    """verb, group, type, mode, cameo: the verb's own code, else, for the verb the group is named after, the
    group's. The group's other verbs are synonyms (mostly from WordNet) that share its patterns but not its
    code: "take" in the group of "apprehend", "lead" in that of "oversee"; alone they are none ('-')."""
    for group in groups:
        for name, code in group.verbs:
            words = verb_words(name, lemma)
            if words is not None:
                named = name.strip("+_") == group.name
                yield [words, group.name.lower(), *row_of(own_code(code) or (group.code if named else "---"), plover)]


def pattern_rows(groups: list[Group], synsets: dict[str, list[str]], plover: dict[str, Coding],
                 lemma: Lemmatise) -> Iterator[list[str]]:
    """group, particle, object, preposition, its object, type, mode, cameo ('-' for an empty cell); only for
    groups with a verb that is an event in some pattern or by itself."""
    for group in groups:
        for pattern in group.patterns:
            if not (pattern.obj or pattern.prep_obj):
                continue  # a particle or a preposition alone tells too little ("set off", "come back")
            objs = phrases(pattern.obj, synsets, lemma) if pattern.obj else ["-"]
            prep_objs = phrases(pattern.prep_obj, synsets, lemma) if pattern.prep_obj else ["-"]
            for obj, prep_obj in itertools.product(objs, prep_objs):
                yield [group.name.lower(), pattern.particle or "-", obj, pattern.prep or "-", prep_obj,
                       *row_of(pattern.code, plover)]


def build(dictionary: str, plover_table: str, lemma: Lemmatise) -> tuple[list[list[str]], list[list[str]]]:
    """The rows of the verbs file and of the patterns file, sorted, without duplicates. A group's patterns
    are kept only where one of them, or one of its verbs, is an event."""
    lines = dictionary.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("####### VERB PATTERNS")), len(lines))
    end = next((i for i, line in enumerate(lines) if line.startswith("######## TRANSFORMATIONS")), len(lines))
    plover = read_plover(plover_table)
    groups = read_groups(lines[start:end])
    verbs = unique(verb_rows(groups, plover, lemma))
    patterns = unique(pattern_rows(groups, read_synsets(lines[:start]), plover, lemma))
    eventful = {r[1] for r in verbs if r[2] != "-"} | {r[0] for r in patterns if r[5] != "-"}
    return ([r for r in verbs if r[1] in eventful], [r for r in patterns if r[0] in eventful])


def unique(rows: Iterator[list[str]]) -> list[list[str]]:
    return [list(r) for r in sorted({tuple(r) for r in rows})]


def spacy_lemma() -> Lemmatise:
    """The installed spaCy pipeline's lemmatiser, for one word of a given part of speech."""
    from spacy.tokens import Doc

    from newsgraph import nlp

    model = nlp.load()
    lemmatizer = model.get_pipe("lemmatizer")

    def lemma(word: str, pos: str) -> str:
        doc = Doc(model.vocab, words=[word.lower()], pos=[pos])
        return str(lemmatizer(doc)[0].lemma_).lower()

    return lemma


def write(path: Path, header: str, columns: str, rows: list[list[str]]) -> None:
    path.write_text(header + f"# {columns}\n" + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")


HEADER_TEXT = ("# Generated by tools/build_event_dictionary.py from PETRARCH2's CAMEO verb dictionary (CAMEO.2.0.txt,\n"
               "# Open Event Data Alliance, MIT) and the CAMEO-to-PLOVER table (CAMEO2PLOVER-2021.txt); see NOTICE.\n"
               "# Do not edit by hand: rerun the script. Hand-written data/event_triggers.tsv and\n"
               "# data/event_verb_objects.tsv take precedence.\n")


def main() -> None:
    source = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/research/petrarch2/CAMEO.2.0.txt")
    table = Path(sys.argv[2] if len(sys.argv) > 2 else "../shared/research/plover/CAMEO2PLOVER-2021.txt")
    verbs, patterns = build(source.read_text(encoding="utf-8", errors="replace"), table.read_text(encoding="utf-8"),
                            spacy_lemma())
    write(DATA / VERBS_FILE, HEADER_TEXT, "verb\tgroup\ttype\tmode\tcameo", verbs)
    write(DATA / PATTERNS_FILE, HEADER_TEXT, "group\tparticle\tobject\tprep\tprep_object\ttype\tmode\tcameo",
          patterns)
    print(f"{len(verbs)} verbs, {len(patterns)} patterns written to {DATA}")


if __name__ == "__main__":
    main()

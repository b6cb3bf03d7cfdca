"""WordNet 3.0's database files (Princeton University, WordNet licence; Debian's wordnet-base package, see
NOTICE) as the data builders of tools/ read them: each synset's lexicographer file, words and pointers
(``data.POS``), and each lemma's senses, commonest first, with how often it is sense-tagged (``index.POS``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Synset:
    offset: str
    #: The lexicographer file's number ("18": noun.person, "32": verb.communication).
    lexfile: str
    words: tuple[str, ...]
    #: (symbol, offset, part of speech) of each pointer: "@" hypernym, "@i" instance hypernym, "~" hyponym.
    pointers: tuple[tuple[str, str, str], ...]

    @classmethod
    def parse(cls, line: str) -> Synset:
        parts = line.split(" | ")[0].split()
        count = int(parts[3], 16)
        at = 4 + 2 * count
        pointers = tuple((parts[at + 1 + 4 * k], parts[at + 2 + 4 * k], parts[at + 3 + 4 * k])
                         for k in range(int(parts[at])))
        return cls(parts[0], parts[1], tuple(parts[4 + 2 * i].lower() for i in range(count)), pointers)

    def related(self, symbols: Iterable[str], pos: str) -> list[str]:
        """The offsets this synset points to with one of ``symbols``, in part of speech ``pos``."""
        wanted = set(symbols)
        return [offset for symbol, offset, at in self.pointers if symbol in wanted and at == pos]


@dataclass(frozen=True)
class Lemma:
    #: Synset offsets, commonest sense first.
    senses: tuple[str, ...]
    #: How many of its senses WordNet's sense-tagged corpus attests.
    tagged: int


def read_synsets(folder: Path, pos: str) -> dict[str, Synset]:
    """Every synset of ``data.POS`` ("noun", "verb"), by offset."""
    lines = (folder / f"data.{pos}").read_text(encoding="latin-1").splitlines()
    return {s.offset: s for s in (Synset.parse(line) for line in lines if not line.startswith("  "))}


def read_index(folder: Path, pos: str) -> dict[str, Lemma]:
    """Every lemma of ``index.POS``."""
    out = {}
    for line in (folder / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split()
        senses, pointers = int(parts[2]), int(parts[3])
        out[parts[0]] = Lemma(tuple(parts[-senses:]), int(parts[5 + pointers]))
    return out


def one_word_lemmas(index: dict[str, Lemma], keep: Callable[[Lemma], bool], *, attested: bool = False) -> list[str]:
    """The lemmas of one word of letters ("driver"; not "head_of_state" or "x-ray") that ``keep`` takes, sorted;
    with ``attested``, only those WordNet's sense-tagged corpus attests (rare words stay out)."""
    return sorted(lemma for lemma, entry in index.items()
                  if lemma.isalpha() and (entry.tagged > 0 or not attested) and keep(entry))


def reachable(start: str, step: Callable[[str], Iterable[str]]) -> list[str]:
    """``start`` and every offset reached from it by ``step``, depth first, each once."""
    seen: dict[str, None] = {}
    todo = [start]
    while todo:
        offset = todo.pop()
        if offset not in seen:
            seen[offset] = None
            todo.extend(step(offset))
    return list(seen)


def write_lemmas(out: Path, header: str, lemmas: list[str]) -> None:
    """A built word list: its header (comment lines saying where it comes from), then one lemma a line."""
    out.write_text(header + "".join(f"{w}\n" for w in lemmas), encoding="utf-8")
    print(f"{len(lemmas)} nouns written to {out}")


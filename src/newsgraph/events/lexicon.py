"""The event lexicons (trigger words, cue words, the CAMEO table), read once from the package data."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

from spacy.tokens import Token

from newsgraph.knowledge import data_rows as _all_rows
from newsgraph.knowledge import per_knowledge
from newsgraph.rules import disabled, fires


@dataclass(frozen=True)
class Entry:
    """One trigger: a lemma pattern read as a PLOVER type (and mode) with a CAMEO code."""

    pattern: str
    pos: str
    type: str
    mode: str | None
    cameo: str
    poss: str = "src"
    of: str = "tgt"
    #: A word class the trigger needs around it: the class of the verb's object ("sent arms") or of the
    #: words that tell a sense apart ("a general strike", "workers went on strike"); None when it needs none.
    needs: str | None = None
    #: Where the entry comes from: "lexicon" (the hand-written data files) or "dictionary" (generated from
    #: PETRARCH2's verb dictionary by tools/build_event_dictionary.py).
    source: str = "lexicon"

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.pattern.split())

    @property
    def head(self) -> str:
        """The word the parse anchors on: the verb (first word) or the noun (last word)."""
        return self.words[0] if self.pos == "V" else self.words[-1]

    @property
    def label(self) -> str:
        return f"{self.pattern}/{self.pos}" + (f"+{self.needs}" if self.needs else "")


@dataclass(frozen=True)
class VerbPattern:
    """A dictionary verb read in one sense by the words around it: its particle, the head (and modifiers) of
    its object, and a preposition of the verb or its object with that preposition's object ("levy sanctions",
    "rushed aid", "put on trial"). Empty where the pattern names none; ``entry`` says what the verb means then
    (type '-': no event in that sense)."""

    particle: str
    obj: tuple[str, ...]
    prep: str
    prep_obj: tuple[str, ...]
    entry: Entry

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word the pattern names: each must be among the verb's phrases for it to fit."""
        return frozenset(w for w in (self.particle, *self.obj, self.prep, *self.prep_obj) if w)

    @property
    def weight(self) -> int:
        """How much the pattern asks for: patterns that ask for more are tried first."""
        return 2 * len(self.obj) + 2 * len(self.prep_obj) + bool(self.prep) + bool(self.particle)


@dataclass(frozen=True)
class CameoRow:
    code: str
    goldstein: float
    quad: int
    plover: str | None
    mode: str | None


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    nouns: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    #: Modal auxiliaries that make a reported clause an event of their own ("said Gondor must withdraw").
    modals: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    cues: dict[str, str] = field(default_factory=dict)
    cameo: dict[str, CameoRow] = field(default_factory=dict)
    #: Head nouns that stand for the owner named in their "of"/"from" phrase ("forces of Gondor").
    owner_heads: frozenset[str] = frozenset()
    #: Object nouns that make a trigger verb no event ("released a statement").
    not_objects: frozenset[str] = frozenset()
    #: Nouns that stand for the actor in their prepositional phrase, by lemma: the prepositions that name it
    #: ("the removal of X", "an offer from X").
    argument_nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Participles that tell the subject's stance after "be" ("is opposed to").
    stative: frozenset[str] = frozenset()
    #: Verbs that are events only with an object of a word class ("sent arms", "evacuated the wounded"),
    #: by verb lemma.
    verb_objects: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    #: Another sense of a trigger, told by the words around it ("a general strike" is a protest), by head.
    senses: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    #: Word classes (weapons, aid goods, troops, labour ...) by lemma.
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Word classes built from WordNet (data/event_word_classes_wordnet.tsv, tools/build_event_noun_classes.py).
    wordnet_classes: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Animals, diseases and natural phenomena: what harms without anyone acting ("an earthquake injured").
    natural_causes: frozenset[str] = frozenset()
    #: The generated dictionary's verb patterns, by verb lemma, the ones that ask for most first (a verb
    #: alone is not read by the dictionary: its verb groups are synonym sets, and their codes alone cost
    #: validation precision; see tools/build_event_dictionary.py).
    dictionary_patterns: dict[str, tuple[VerbPattern, ...]] = field(default_factory=dict)

    def classes_of(self, token: Token) -> frozenset[str]:
        """The word classes of a token, by lemma or surface form (the hand-written ones, then WordNet's)."""
        lemma, form, none = token.lemma_.lower(), token.lower_, frozenset[str]()
        found = self.classes.get(lemma, none) | self.classes.get(form, none)
        built = self.wordnet_classes.get(lemma, none) | self.wordnet_classes.get(form, none)
        fires("data:event_word_classes", found)
        fires("data:event_word_classes_wordnet", built - found)
        return found | built

    def cue(self, token: Token) -> str | None:
        """The cue kind of a word: lemma with a particle ("call for"), lemma, or surface form."""
        lemma = token.lemma_.lower()
        for c in token.children:
            if c.dep_ in ("prt", "prep") and f"{lemma} {c.lower_}" in self.cues:
                fires("data:event_cues")
                return self.cues[f"{lemma} {c.lower_}"]
        found = self.cues.get(lemma) or self.cues.get(token.lower_)
        fires("data:event_cues", found)
        return found

    def cameo_row(self, code: str | None) -> CameoRow | None:
        """The row for ``code`` or, failing that, for its nearest listed parent code."""
        while code:
            if code in self.cameo:
                fires("data:event_cameo")
                return self.cameo[code]
            code = code[:-1]
        return None


def _dash(value: str) -> str | None:
    return None if value in ("", "-") else value


def _entry(cells: list[str]) -> Entry:
    cells = cells + [""] * (7 - len(cells))
    pattern, pos, typ, mode, cameo, poss, of = cells[:7]
    return Entry(pattern=pattern.lower(), pos=pos, type=typ, mode=_dash(mode), cameo=cameo,
                 poss=poss or "src", of=of or "tgt")


def _needing(cells: list[str]) -> Entry:
    """A row of pattern, pos, needed class, type, mode and CAMEO code."""
    pattern, pos, needs, typ, mode, cameo = (cells + [""] * 6)[:6]
    return Entry(pattern=pattern.lower(), pos=pos, type=typ, mode=_dash(mode), cameo=cameo, needs=needs)


def _classes(rows: list[list[str]]) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for cells in rows:
        if len(cells) >= 2:
            found.setdefault(cells[0].lower(), set()).update(cells[1].split())
    return {k: frozenset(v) for k, v in found.items()}


def _index(entries: list[Entry]) -> dict[str, tuple[Entry, ...]]:
    index: dict[str, list[Entry]] = {}
    for entry in entries:
        index.setdefault(entry.head, []).append(entry)
    # longest patterns first, so "drone strike" is tried before "strike"
    return {k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in index.items()}


def _dictionary_patterns(verbs: list[list[str]], rows: list[list[str]]) -> dict[str, tuple[VerbPattern, ...]]:
    """The patterns of each verb group given to each one-word verb of the group."""
    by_group: dict[str, list[VerbPattern]] = {}
    for group, particle, obj, prep, prep_obj, typ, mode, cameo, *_ in rows:
        by_group.setdefault(group, []).append(_pattern(particle, obj, prep, prep_obj, (typ, mode, cameo)))
    out: dict[str, list[VerbPattern]] = {}
    for verb, group, *_ in verbs:
        if " " not in verb:
            out.setdefault(verb, []).extend(replace(p, entry=replace(p.entry, pattern=verb))
                                            for p in by_group.get(group, ()))
    return {verb: tuple(sorted(found, key=lambda p: -p.weight)) for verb, found in out.items()}


def _pattern(particle: str, obj: str, prep: str, prep_obj: str, coded: tuple[str, str, str]) -> VerbPattern:
    words = [w for w in (particle, obj, prep, prep_obj) if w != "-"]
    typ, mode, cameo = coded
    entry = Entry(pattern="", pos="V", type=typ, mode=_dash(mode), cameo=cameo, needs="+".join(words).replace(" ", "_"),
                  source="dictionary")
    return VerbPattern(particle=_dash(particle) or "", obj=_words(obj), prep=_dash(prep) or "",
                       prep_obj=_words(prep_obj), entry=entry)


def _words(cell: str) -> tuple[str, ...]:
    return () if cell == "-" else tuple(cell.split())


def _cameo(cells: list[str]) -> CameoRow:
    code, goldstein, quad, plover, mode = (cells + ["-"] * 5)[:5]
    return CameoRow(code=code, goldstein=float(goldstein), quad=int(quad), plover=_dash(plover), mode=_dash(mode))


def load_lexicon() -> Lexicon:
    """The lexicon, read without the data files switched off for the run in progress (see rules)."""
    return _load_lexicon(frozenset(d.removeprefix("data:") + ".tsv" for d in disabled() if d.startswith("data:")))


@per_knowledge
def _load_lexicon(without: frozenset[str] = frozenset()) -> Lexicon:
    def data_rows(name: str) -> list[list[str]]:
        return [] if name in without else _all_rows(name)

    entries = [_entry(cells) for cells in data_rows("event_triggers.tsv") if cells[0] != "pattern"]
    cameo = [_cameo(cells) for cells in data_rows("event_cameo.tsv") if cells[0] != "cameo"]
    return Lexicon(
        verbs=_index([e for e in entries if e.pos == "V"]),
        nouns=_index([e for e in entries if e.pos == "N"]),
        modals=_index([e for e in entries if e.pos == "M"]),
        cues={cells[0].lower(): cells[1] for cells in data_rows("event_cues.tsv") if len(cells) >= 2},
        cameo={row.code: row for row in cameo},
        owner_heads=frozenset(cells[0].lower() for cells in data_rows("event_owner_heads.tsv")),
        not_objects=frozenset(cells[0].lower() for cells in data_rows("event_not_objects.tsv")),
        argument_nouns={cells[0].lower(): frozenset(cells[1].split()) for cells in data_rows("event_argument_nouns.tsv")
                        if len(cells) >= 2},
        stative=frozenset(cells[0].lower() for cells in data_rows("event_stative_participles.tsv")),
        verb_objects=_index([_needing(cells) for cells in data_rows("event_verb_objects.tsv")]),
        senses=_index([_needing(cells) for cells in data_rows("event_senses.tsv")]),
        classes=_classes(data_rows("event_word_classes.tsv")),
        wordnet_classes=_classes(data_rows("event_word_classes_wordnet.tsv")),
        natural_causes=frozenset(cells[0].lower() for cells in data_rows("event_natural_causes.tsv")),
        dictionary_patterns=_dictionary_patterns(data_rows("event_dictionary_verbs.tsv"),
                                                 data_rows("event_dictionary_patterns.tsv")),
    )

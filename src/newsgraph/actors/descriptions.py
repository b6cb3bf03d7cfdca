"""What a definite description agrees with: the words the story says of a named person, and the named
organization a bare kind ("the company", "the party", "the group") stands for.

A person is described by the title before their name and the head of an apposition to it ("Democratic
presidential nominee X", "X, the former director"), abbreviations spelled out, and a legislator's party
and state tag ("Sen. X, R-Fla." says senator, Republican, Florida). ``coref.bare_titles`` reads these words:
"the Democratic nominee", "the Florida senator", "the director" stand for the one person they fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsgraph.actors.coding import appositions, premodifiers
from newsgraph.actors.drafts import Draft
from newsgraph.actors.lexicon import Lexicon, data_rows, key, org_kinds
from newsgraph.knowledge import per_knowledge
from newsgraph.names import is_name, is_named

if TYPE_CHECKING:
    from newsgraph.actors.resolve import Resolver

#: A legislator's party and state after the name: ", R-Fla.", " (D-Vt.)", ", I-Vermont".
PARTY_TAG = re.compile(r"^\s*[,(]\s*([RDI])\s*-\s*([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)")
PARTY_LETTERS = {"R": "republican", "D": "democratic", "I": "independent"}
#: Words shorter than this agree only when equal; longer ones also by a common stem ("democrat(ic)").
STEM = 6


@per_knowledge
def abbreviations() -> dict[str, str]:
    """Title, party and US state abbreviations, spelled out (``data/abbreviations.tsv``)."""
    return {key(r[0]): key(r[1]) for r in data_rows("abbreviations.tsv") if len(r) > 1}


@per_knowledge
def kind_sectors() -> dict[str, frozenset[str]]:
    """The sectors an organization needs to be "the company", "the party"... (``org_kind_sectors.tsv``)."""
    return {key(r[0]): frozenset(r[1].split()) for r in data_rows("org_kind_sectors.tsv") if len(r) > 1}


def spelled(word: str) -> set[str]:
    """A word as written and, for an abbreviation, spelled out ("sen" -> "senator")."""
    word = key(word)
    full = abbreviations().get(word)
    return {word, full} if full else {word}


@dataclass(frozen=True)
class Described:
    """What the story says of a person: the head nouns it calls them by ("nominee", "senator") and every
    word of those descriptions ("democratic", "presidential", "florida")."""

    heads: frozenset[str]
    words: frozenset[str]


def person_words(resolver: Resolver, person: Draft) -> Described:
    """What the story says of a person at its names: the title before it, its appositions' heads and their
    modifiers, its party and state tag ("Sen. X, R-Fla." says senator, Republican, Florida)."""
    heads: set[str] = set()
    words: set[str] = set()
    for mention in person.mentions:
        span = resolver.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not is_name(mention.via):
            continue
        titles = [premodifiers(span), *([t for t in app if t.i <= app.root.i] for app in appositions(span))]
        for tokens in (t for t in titles if t):
            heads |= {w for t in title_heads(tokens) for w in spelled(t.text) if resolver.lex.state(w) is None}
            parts = [part for t in tokens for part in t.text.split("-") if part.strip(".").isalpha()]
            words |= {w for part in parts for w in spelled(part)}
        words |= party_tag(resolver.document.text[mention.end:mention.end + 40])
    return Described(frozenset(heads), frozenset(words | heads))


def title_heads(tokens: list[Token]) -> list[Token]:
    """The nouns a title or an apposition hangs from ("nominee" of "Democratic presidential nominee",
    "speaker" of "speaker of the parliament"), not a place ("R-Fla.")."""
    inside = {t.i for t in tokens}
    return [t for t in tokens if t.head.i not in inside and t.pos_ in ("NOUN", "PROPN")]


def party_tag(after: str) -> set[str]:
    """The party and state of a tag right after a name (", R-Fla." -> republican, florida)."""
    found = PARTY_TAG.match(after)
    if found is None:
        return set()
    return {PARTY_LETTERS[found.group(1)], *spelled(found.group(2))}


def agrees(word: str, words: frozenset[str]) -> bool:
    """Whether a modifier is among what the story says ("Democratic" of "Democrat", "Florida" of "Fla.")."""
    return any(same(a, b) for a in spelled(word) for b in words)


@per_knowledge
def party_words() -> frozenset[str]:
    """Words for a party's members ("republican", "democrat"), from the party groups of groups.tsv."""
    return frozenset(key(r[0]).removesuffix("s") for r in data_rows("groups.tsv") if len(r) > 1 and r[1] == "PTY")


def word_class(word: str, lex: Lexicon) -> str | None:
    """What a modifier says: a place (a state or a region of one), a party, or something else (None)."""
    if any(lex.state(w) is not None for w in spelled(word)):
        return "place"
    return "party" if any(same(w, p) for w in spelled(word) for p in party_words()) else None


def fits(word: str, words: frozenset[str], lex: Lexicon) -> bool | None:
    """Whether a person the story says ``words`` of fits a named modifier: True where it says so, False where
    it says another place or party (or the modifier is neither and it does not say it), None unknown."""
    if agrees(word, words):
        return True
    kind = word_class(word, lex)
    return False if kind is None or any(word_class(w, lex) == kind for w in words) else None


def same(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= STEM and (a.startswith(b) or b.startswith(a)))


def named_modifiers(body: Span, states: set[int]) -> list[Token]:
    """The capitalised words before a description's head, or after it in a "from"/"of" phrase, that are no
    state's name or demonym: a party, a place, an organization ("the Democratic nominee", "the Vermont
    senator", "the senator from Florida")."""
    root = body.root
    after = [t for prep in root.children if prep.dep_ == "prep" and prep.lower_ in ("from", "of")
             for obj in prep.children if obj.dep_ == "pobj" for t in obj.subtree]
    return [t for t in [*body, *after] if (t.i < root.i or t.i > body.end - 1) and t.is_alpha
            and t.text[:1].isupper() and t.i not in states]


def described_kind(resolver: Resolver, token: Token) -> Draft | None:
    """The named organization a bare kind stands for when none was described by it: the one organization of
    the kind's sectors named in the sentence or the one before, else the story's only one (the headline's:
    the story's only one named after it)."""
    noun = token.lemma_.lower()
    sectors = kind_sectors().get(org_kinds().get(noun, noun))
    if sectors is None:
        return None
    fitting = [d for k, d in resolver.orgs.items() if "|" not in k and is_named(d.via) and d.sector in sectors]
    sent = token.sent
    before = token.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    near = [d for d in fitting if any(before <= m.start < token.idx for m in d.mentions)]
    if len(near) == 1:
        return near[0]
    headline = resolver.document.text.find("\n")
    if near or len(fitting) != 1 or (fitting[0].first > token.idx and token.idx > headline):
        return None
    return fitting[0]

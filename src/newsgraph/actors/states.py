"""Definite descriptions of a state ("the country", "the government", "the Gulf state"): the one state
that the sentence, else the paragraph, else the story names before it, and that fits its words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsgraph.actors.coref import inside_quotes
from newsgraph.actors.lexicon import data_rows, key
from newsgraph.knowledge import per_knowledge

if TYPE_CHECKING:
    from newsgraph.actors.drafts import Draft
    from newsgraph.actors.resolve import Resolver
    from newsgraph.document import Mention

#: A state named as the place something happens in ("protests in the country") is not an actor.
PLACE_PREPOSITIONS = {"in", "across", "throughout", "within", "around", "inside", "outside", "at", "into",
                      "near", "over", "all"}
MODIFIER_DEPS = {"amod", "compound", "npadvmod"}


@per_knowledge
def state_words() -> dict[str, frozenset[str]]:
    """Region and kind words (state_regions.tsv) and the states each fits."""
    return {key(r[0]): frozenset(r[1].split()) for r in data_rows("state_regions.tsv") if len(r) > 1}


@per_knowledge
def state_nouns() -> dict[str, tuple[str, bool]]:
    """Nouns that describe a state: the word its state must fit, and whether it needs a region word."""
    return {key(r[0]): (r[1], len(r) > 2 and r[2] == "region") for r in data_rows("state_descriptions.tsv")}


def state_descriptions(resolver: Resolver) -> None:
    """Each definite description of a state, outside quotations, linked to the one state that fits."""
    nouns = state_nouns()
    for token in resolver.doc:
        if token.lower_ not in nouns:  # a cheap look first: most words are no state noun
            continue
        wanted = description(token)
        if wanted is None or not resolver.story(token.idx, token.idx + len(token)):
            continue
        if inside_quotes(resolver, token.sent.start_char, token.idx):
            continue
        state = named_state(resolver, token, fitting(token, wanted))
        if state is not None:
            begin = wanted[0].idx if wanted else token.idx
            resolver.mention(state, begin, token.idx + len(token), "state description",
                             f"state described as:{token.lower_}", nested=True)


def description(token: Token) -> list[Token] | None:
    """The region words of "the [REGION] NOUN" (none: an empty list), or None when the token is not one."""
    if token.tag_ != "NN" or key(token.text) not in state_nouns() or place_of_action(token):
        return None
    if any(c.dep_ in ("prep", "relcl", "acl", "appos", "nmod") or (c.dep_ == "poss") for c in token.children):
        return None
    lefts = list(token.lefts)
    if not lefts or lefts[0].dep_ != "det" or lefts[0].lower_ != "the":
        return None
    words = [t for t in token.doc[lefts[0].i + 1:token.i]]
    if any(t.dep_ not in MODIFIER_DEPS and t.tag_ != "HYPH" for t in words):
        return None
    if words and " ".join(t.lower_ for t in words) not in state_words():
        return None
    _, needs_region = state_nouns()[key(token.text)]
    return None if needs_region and not words else words


def place_of_action(token: Token) -> bool:
    return token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPOSITIONS


def fitting(token: Token, region: list[Token]) -> frozenset[str] | None:
    """The states the description can name (None: any)."""
    fit, _ = state_nouns()[key(token.text)]
    allowed: frozenset[str] | None = None
    if fit != "-" and not fit.startswith("not:"):
        allowed = state_words().get(fit, frozenset())
    if region:
        words = state_words()[" ".join(t.lower_ for t in region)]
        allowed = words if allowed is None else allowed & words
    return allowed


def named_state(resolver: Resolver, token: Token, allowed: frozenset[str] | None) -> Draft | None:
    """The one state named before the description in its sentence, else in its paragraph, else in the story,
    among those allowed; none when two fit at the nearest level that names any."""
    fit, _ = state_nouns()[key(token.text)]
    excluded = state_words().get(fit[4:], frozenset()) if fit.startswith("not:") else frozenset()
    para_start = resolver.document.text.rfind("\n", 0, token.idx) + 1
    scopes = [(token.sent.start_char, token.idx), (para_start, token.idx), (0, token.idx)]
    for start, end in scopes:
        found = [d for iso, d in resolver.states.items() if iso not in excluded and (allowed is None or iso in allowed)
                 and any(start <= m.start < end and naming(resolver, m, token) for m in d.mentions)]
        if len(found) == 1:
            return found[0]
        if found:
            return None
    return None


def naming(resolver: Resolver, mention: Mention, token: Token) -> bool:
    """Whether a state's mention can be what the description stands for: not another description, not a
    demonym of counted people ("33 Russian nationals": nationals abroad), and not in the description's own
    clause unless the description is said of it ("Iran accused the country": another state; "Cairo, the
    country's capital": the same)."""
    if mention.via == "state description":
        return False
    span = resolver.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "amod" and root.head.tag_ == "NNS" and any(c.dep_ == "nummod" for c in root.head.children):
        return False
    if root.sent.start != token.sent.start or clause(root).i != clause(token).i:
        return True
    return root.i <= token.i and token.i in {t.i for c in root.children if c.dep_ == "appos" for t in c.subtree}


def clause(token: Token) -> Token:
    """The verb of the clause a word is in (the sentence root when none)."""
    while token.pos_ not in ("VERB", "AUX") and token.head is not token:
        token = token.head
    return token

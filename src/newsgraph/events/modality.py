"""Modality: read the verb chain above a trigger (cues, negation, auxiliaries) to decide what was reported.

A trigger governed by a cue word changes its reading: "vowed to strike" is a threat, "urged them to
withdraw" a request, "the trip was cancelled" a negated visit, "the brink of war" no event at all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Token

from newsgraph.events.lexicon import QUADS, Lexicon
from newsgraph.events.triggers import Trigger

#: Dependencies through which a cue governs the trigger below it.
GOVERNING = {"xcomp", "ccomp", "dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "conj", "acomp", "amod",
             "advmod", "npadvmod", "oprd", "dative"}
#: How a cue verb reaches what it governs: "vowed to strike", "said it would", "cancelled the trip".
VERB_CUE_DEPS = {"xcomp", "ccomp", "dobj", "nsubjpass"}
#: Clause boundaries a cue does not reach across.
BOUNDARIES = {"relcl", "advcl", "acl", "parataxis", "appos"}
MAX_HOPS = 4
NEGATORS = {"not", "n't", "never", "no", "without"}
#: Determiners of a subject that deny the clause: "neither Arnor nor Gondor", "no state".
NO_ONE = {"neither", "no"}
FUTURE = {"will", "shall", "would", "'ll", "wo"}
#: Type and CAMEO code a cue gives to the event it governs.
CUE_TYPES = {"threat": ("THREATEN", "130"), "request": ("REQUEST", "020"), "refuse": ("REJECT", "120")}
#: Modalities that state an intention: future tense, intended, planned.
INTENT_MODALITIES = {"future", "intended", "planned"}
#: CAMEO 03x codes for an intention to do a cooperative act of each type (036: intent to meet).
INTENT_CODES = {"SUPPORT": "032", "CONSULT": "036", "COOPERATE": "031", "AID": "033", "CONCEDE": "035",
                "RETREAT": "035"}
#: Modal verbs that make a reported clause a demand: "X said Gondor must withdraw".
OBLIGATION = {"must", "should"}
#: Verbs that report the demand made by an obligation clause.
REPORTING_DEPS = {"ccomp"}


@dataclass(frozen=True)
class Reading:
    """How a trigger is reported: its (possibly changed) type, negation, modality and governing cue."""

    type: str
    cameo: str
    keep: bool = True
    negated: bool = False
    modality: str | None = None
    cue: Token | None = None
    cue_kind: str | None = None
    rule: str = "asserted"


def hostile(event_type: str) -> bool:
    return QUADS.get(event_type, 0) >= 3


def is_negated(token: Token) -> bool:
    """"not", "never", "no" on the word, or a subject that no one fills ("neither Arnor nor Gondor")."""
    if any(c.dep_ in ("neg", "det", "advmod") and c.lower_ in NEGATORS for c in token.children):
        return True
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(g.dep_ in ("preconj", "det") and g.lower_ in NO_ONE for s in subjects for g in s.children)


def clause_verb(token: Token) -> Token:
    """The verb of the clause a token belongs to (the token itself for a verb)."""
    current, hops = token, 0
    while current.pos_ not in ("VERB", "AUX") and current.head is not current and hops < 6:
        current, hops = current.head, hops + 1
    return current


def governors(token: Token, triggers: set[int]) -> list[Token]:
    """Ancestors that may govern ``token``'s reading, nearest first, up to a clause boundary or another event."""
    found: list[Token] = []
    current = token
    for _ in range(MAX_HOPS):
        if current.head is current or current.dep_ in BOUNDARIES or current.dep_ not in GOVERNING:
            break
        current = current.head
        found.append(current)
        if current.i in triggers and current.pos_ == "VERB":
            break
    return found


def read(trigger: Trigger, lexicon: Lexicon, triggers: set[int]) -> Reading:
    """The reading of one trigger in its sentence."""
    token, entry = trigger.token, trigger.entry
    base = Reading(type=entry.type, cameo=entry.cameo)
    if token.sent.text.rstrip().endswith("?"):
        return _with(base, keep=False, modality="question", rule="question")
    local = _local(token, lexicon, base)
    if not local.keep or local.cue is not None:
        return local
    below = token
    for gov in governors(token, triggers):
        kind = lexicon.cue(gov)
        if kind and kind != "support" and governs(gov, below, lexicon):
            reading = _cue(local, gov, kind)
            return intended(_promised(reading, gov, lexicon, triggers) if kind == "cancel" else reading)
        below = gov
    return intended(local)


def _promised(reading: Reading, cue: Token, lexicon: Lexicon, triggers: set[int]) -> Reading:
    """Easing a measure under a promise is a pledge: "agreed to lift the embargo" is AGREE, not yet CONCEDE."""
    if not reading.keep or reading.negated:
        return reading
    below = cue
    for gov in governors(cue, triggers):
        if lexicon.cue(gov) == "promise" and governs(gov, below, lexicon):
            return _promise(reading, gov, reading.rule + ":under-promise")
        below = gov
    return reading


def intended(reading: Reading) -> Reading:
    """A stated intention is coded as such (CAMEO 03 and 13): to cooperate, an AGREE ("will send aid",
    "is ready to withdraw"); to use force or sanctions, a THREATEN ("would blockade", "plans to impose")."""
    if not reading.keep or reading.negated or reading.modality not in INTENT_MODALITIES:
        return reading
    quad = QUADS.get(reading.type, 0)
    if reading.type == "RETREAT" and reading.modality == "future":
        return reading  # "announced he would resign": the announcement is the retreat
    if quad in (1, 2) and reading.type != "AGREE":
        code = INTENT_CODES.get(reading.type, "030")
        return _with(reading, type="AGREE", cameo=code, rule=reading.rule + ":intent")
    if quad == 4 or reading.type == "PROTEST":
        return _with(reading, type="THREATEN", cameo="130", rule=reading.rule + ":intent")
    return reading


def governs(cue: Token, below: Token, lexicon: Lexicon) -> bool:
    """A cue verb governs its complement clause, its object and the object of its own particle
    ("called for talks"); a cue noun or adjective anything below it."""
    if cue.pos_ not in ("VERB", "AUX") or below.dep_ in VERB_CUE_DEPS:
        return True
    return below.dep_ == "prep" and f"{cue.lemma_.lower()} {below.lower_}" in lexicon.cues


def _local(token: Token, lexicon: Lexicon, base: Reading) -> Reading:
    """Negation, modal auxiliaries and condition markers on the trigger and its own clause."""
    verb = clause_verb(token)
    words = [c for t in {token, verb} for c in t.children]
    auxes = {c.lower_ for c in words if c.dep_ in ("aux", "auxpass", "mark", "advmod")}
    if any(lexicon.cues.get(a) == "hypothetical" for a in auxes):
        return _with(base, keep=False, modality="hypothetical", rule="hypothetical:" + sorted(auxes)[0])
    negated = is_negated(token) or is_negated(verb)
    if auxes & OBLIGATION and verb.dep_ in REPORTING_DEPS and verb.head.pos_ in ("VERB", "AUX") and not negated:
        return _with(base, type="REQUEST", cameo="100", modality="demanded", cue=verb.head, cue_kind="request",
                     rule="obligation:" + sorted(auxes & OBLIGATION)[0])
    modality = "future" if auxes & FUTURE else None
    return _with(base, negated=negated, modality=modality, rule="negated" if negated else "asserted")


def _cue(reading: Reading, cue: Token, kind: str) -> Reading:
    rule = f"cue:{kind}:{cue.lemma_.lower()}"
    event_hostile = hostile(reading.type)
    if kind == "prevent" and reading.type in ("AID", "COOPERATE") and not is_negated(cue):
        return _with(reading, type="SANCTION", cameo="160", cue=cue, cue_kind=kind, rule=rule + ":cut")
    if kind == "hypothetical" or kind == "prevent" or (kind == "intent" and event_hostile):
        return _with(reading, keep=False, modality="hypothetical", cue=cue, cue_kind=kind, rule=rule)
    if kind == "permit":
        if is_negated(cue) and event_hostile:
            return _with(reading, type="AGREE", cameo="030", negated=False, modality="promised", cue=cue,
                         cue_kind=kind, rule=rule + ":pledge")
        return _with(reading, cue=cue, cue_kind=kind, rule=rule)
    if kind == "promise":
        return _promise(reading, cue, rule)
    if kind in CUE_TYPES:
        typ, code = CUE_TYPES[kind]
        return _with(reading, type=typ, cameo=code, negated=is_negated(cue), modality=kind, cue=cue,
                     cue_kind=kind, rule=rule)
    if kind == "cancel":
        if event_hostile and reading.type not in ("REQUEST", "ACCUSE", "REJECT", "THREATEN"):
            return _with(reading, type="CONCEDE", cameo="081", cue=cue, cue_kind=kind, rule=rule + ":ease")
        return _with(reading, negated=True, modality="cancelled", cue=cue, cue_kind=kind, rule=rule)
    modality = "intended" if kind == "intent" else "planned" if kind == "plan" else "future"
    return _with(reading, modality=modality, cue=cue, cue_kind=kind, rule=rule)


def _promise(reading: Reading, cue: Token, rule: str) -> Reading:
    """A vow to do harm is a threat; a vow not to do harm, or to help, is a pledge (AGREE)."""
    if hostile(reading.type) and not reading.negated:
        return _with(reading, type="THREATEN", cameo="138", modality="threatened", cue=cue, cue_kind="promise",
                     negated=is_negated(cue), rule=rule + ":threat")
    negated = is_negated(cue) or (reading.negated and not hostile(reading.type))
    return _with(reading, type="AGREE", cameo="030", modality="promised", cue=cue, cue_kind="promise",
                 negated=negated, rule=rule + ":pledge")


def _with(reading: Reading, **changes: Any) -> Reading:
    return replace(reading, **changes)

"""Modality: read the verb chain above a trigger (cues, negation, auxiliaries) to decide what was reported.

A trigger governed by a cue word changes its reading: "vowed to strike" is a threat, "urged them to
withdraw" a request, "the trip was cancelled" a negated visit, "the brink of war" no event at all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Token

from newsgraph.events.codebook import BREACHED, CUE_TYPES, EASED, HALTED, INTENT_CODES, QUADS, RESIGN
from newsgraph.events.lexicon import Lexicon
from newsgraph.events.triggers import Trigger

#: Dependencies through which a cue governs the trigger below it.
#: A compound reaches its head only as the event of a frame noun ("ended mediation efforts"): other
#: compounds are no triggers.
GOVERNING = {"xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "nsubj", "nsubjpass", "attr", "conj", "acomp",
             "amod", "advmod", "npadvmod", "oprd", "dative", "compound"}
#: How a cue verb reaches what it governs: "vowed to strike", "said it would", "cancelled the trip".
VERB_CUE_DEPS = {"xcomp", "ccomp", "dobj", "nsubjpass"}
#: Clause boundaries a cue does not reach across.
BOUNDARIES = {"relcl", "advcl", "acl", "parataxis", "appos"}
MAX_HOPS = 4
NEGATORS = {"not", "n't", "never", "no", "without"}
#: Determiners of a subject that deny the clause: "neither Arnor nor Gondor", "no state".
NO_ONE = {"neither", "no"}
FUTURE = {"will", "shall", "would", "'ll", "wo"}
#: Prepositions of time: a cue does not read the event named in them.
TIME_PREPS = {"after", "before", "since", "during", "following", "until", "amid", "despite"}
#: Marks of a clause whose act, told in the present tense, is not yet done ("before they demobilize").
PENDING_MARKS = {"before", "until", "till", "once"}
PRESENT_TAGS = {"VB", "VBP", "VBZ"}
#: Tags of a verb with a tense of its own, which no infinitive it is joined to reaches.
FINITE_TAGS = {"VBD", "VBZ"}
#: Prepositions naming what talks are about.
TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}
#: Cue kinds read again through the cue above them: "refused to lift the curfew", "refused to allow".
TRANSPARENT_CUES = {"cancel", "permit", "refuse"}
#: Cue kinds that act on a thing named, never on a clause: a clause parsed under "lifted" or "shortened"
#: is a misreading ("shortened the curfew imposed after a coup toppled the government").
OBJECT_CUES = {"cancel"}
#: Cue kinds whose verb takes a "to" clause as what is promised, threatened, refused or asked for, even when
#: the parse reads it as a purpose clause.
INFINITIVE_CUES = {"promise", "threat", "refuse", "request", "ready", "intent"}
#: Modalities that state an intention: future tense, intended, planned.
INTENT_MODALITIES = {"future", "intended", "planned"}
#: Cue kinds that carry no reading of their own: light verbs ("launch an attack", "received threats") and
#: frame nouns ("a mediation effort").
INERT_CUES = {"support", "frame", "undergo"}
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
        if current.head is current or not reaches(current):
            break
        below, current = current, current.head
        found.append(current)
        if current.i in triggers and current.pos_ == "VERB" and below.dep_ != "dobj":
            break  # another event's clause; but "ready to host a meeting" reads the meeting through "ready"
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
    local = _purposed(token, local, triggers, lexicon)
    if not local.keep:
        return local
    below = token
    for gov in governors(token, triggers):
        if not hostile(local.type) and topic(gov, lexicon):
            return _with(local, keep=False, modality="topic", rule="topic:" + gov.head.lemma_.lower())
        kind = lexicon.cue(gov)
        if kind == "promise" and expressed(token, gov, lexicon):
            kind = "support"  # "offered his condolences": the offer is the expression itself
        if kind == "wish":
            kind = "request" if wished_of_another(token, gov, triggers) else "intent"
        if kind and kind not in INERT_CUES and applies(kind, local) and governs(gov, below, lexicon):
            reading = _cue(local, gov, kind)
            return intended(_above(reading, gov, lexicon, triggers) if kind in TRANSPARENT_CUES else reading)
        below = gov
    return conditional(intended(local), token)


def expressed(token: Token, cue: Token, lexicon: Lexicon) -> bool:
    """An expression offered is made in the offering: "offered his condolences", "offered an apology"."""
    return token.head.i == cue.i and token.dep_ == "dobj" and "expressive" in lexicon.classes_of(token)


def wished_of_another(token: Token, cue: Token, triggers: set[int]) -> bool:
    """Whether a hoped or wanted act is another party's, named in the clause below the cue: "hoped that
    Gondor would withdraw", "wants Gondor to withdraw" (a request); a pronoun may be the wisher itself, and
    an event is no party ("hopes the talks will succeed")."""
    verb = clause_verb(token)
    if verb.head.i != cue.i or verb.dep_ not in ("ccomp", "xcomp"):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    wishers = {c.lemma_.lower() for c in cue.children if c.dep_ == "nsubj"}
    return any(s.pos_ != "PRON" and s.i not in triggers and s.lemma_.lower() not in wishers for s in subjects)


def topic(gov: Token, lexicon: Lexicon) -> bool:
    """Whether ``gov`` is the "on"/"about" phrase of talks: a settlement discussed is not done ("talks on a
    troop pullback", "negotiated over the release of prisoners"); the caller keeps hostile acts, which are
    discussed once done ("met over the attack")."""
    if gov.dep_ != "prep" or gov.lower_ not in TOPIC_PREPS:
        return False
    heads = [gov.head, *(c for c in gov.head.children if c.dep_ == "dobj")]  # "renewed talks today on"
    return any(e.type == "CONSULT" for h in heads
               for e in (lexicon.verbs if h.pos_ == "VERB" else lexicon.nouns).get(h.lemma_.lower(), ())[-1:])


def _purposed(token: Token, local: Reading, triggers: set[int], lexicon: Lexicon) -> Reading:
    """The reading of an act named as the purpose of another: not asserted when material or the message of
    a protest; a future act's purpose is meant too ("will visit Gondor to mediate")."""
    if not purpose(token, triggers, lexicon):
        return local
    head = clause_verb(token).head
    if QUADS.get(local.type, 0) in (2, 4) or serves_protest(head, lexicon):
        return _with(local, keep=False, modality="purpose", rule="purpose")
    if _local(head, lexicon, local).modality == "future":
        return _with(local, modality="intended", rule="purpose-of-future")
    return local


def purpose(token: Token, triggers: set[int], lexicon: Lexicon) -> bool:
    """An act named as the purpose of another, said with a verb or its object ("sent troops to fight",
    "staged a march to demand reforms"). A material act so named is meant, not yet done; a verbal one is
    done by the act it serves ("summoned the envoy to complain") unless that act is a protest or hostile."""
    verb = clause_verb(token)
    head = verb.head
    if not infinitive(verb) or head.pos_ != "VERB" or lexicon.cue(head) in INFINITIVE_CUES:
        return False
    return head.i in triggers or any(c.dep_ == "dobj" and c.i in triggers for c in head.children)


def serves_protest(head: Token, lexicon: Lexicon) -> bool:
    """Whether a verb (or its object) is a protest or a hostile act: what it is done to demand or protest is
    its message, not an act of its own ("staged a march to demand reforms", "will blockade the port to
    demand an end to the reform")."""
    words = [head, *(c for c in head.children if c.dep_ == "dobj")]
    entries = [e for w in words for e in (*lexicon.verbs.get(w.lemma_.lower(), ()),
                                           *lexicon.nouns.get(w.lemma_.lower(), ()))]
    return any(e.type == "PROTEST" or hostile(e.type) for e in entries[:1])


def conditional(reading: Reading, token: Token) -> Reading:
    """An intention stated with an "unless" condition is a threat: "will withdraw unless they stop"."""
    if not reading.keep or reading.negated or reading.modality not in INTENT_MODALITIES | {"future"}:
        return reading
    verb = clause_verb(token)
    marks = {m.lower_ for c in verb.children if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"}
    if "unless" not in marks:
        return reading
    return _with(reading, type="THREATEN", cameo="130", modality="threatened", rule=reading.rule + ":unless")


def refused(reading: Reading, *, verb: bool = False) -> Reading:
    """Not agreeing is refusing: "will not accept", "no agreement was reached" (REJECT, CAMEO 12); so is
    withholding backing by a verb: "would not endorse the result", "did not recognise the vote"."""
    if reading.negated and (reading.type == "AGREE" or (verb and reading.type == "SUPPORT")):
        return _with(reading, type="REJECT", cameo="120", negated=False, rule=reading.rule + ":refused")
    return reading


def _above(reading: Reading, cue: Token, lexicon: Lexicon, triggers: set[int]) -> Reading:
    """A measure called off is read again through the cue above it: "agreed to lift the embargo" is a
    pledge (AGREE), "refused to lift the curfew" a refusal, "threatened to break off relations" a threat."""
    if not reading.keep or reading.negated:
        return reading
    below = cue
    for gov in governors(cue, triggers):
        kind = lexicon.cue(gov)
        if kind and kind not in INERT_CUES | {"cancel"} and applies(kind, reading) and governs(gov, below, lexicon):
            outer = _cue(reading, gov, kind)
            return _with(outer, rule=f"{reading.rule}:under-{outer.rule}")
        below = gov
    return reading


def intended(reading: Reading) -> Reading:
    """A stated intention is coded as such (CAMEO 03 and 13): to cooperate, an AGREE ("will send aid",
    "is ready to withdraw"); to use force or sanctions, a THREATEN ("would blockade", "plans to impose")."""
    if not reading.keep or reading.negated or reading.modality not in INTENT_MODALITIES:
        return reading
    quad = QUADS.get(reading.type, 0)
    if reading.cameo.startswith(RESIGN) and reading.modality == "future":
        return reading  # "announced he would resign": the announcement is the resignation
    if quad in (1, 2) and reading.type != "AGREE":
        code = INTENT_CODES.get(reading.type, "030")
        return _with(reading, type="AGREE", cameo=code, rule=reading.rule + ":intent")
    if quad == 4 or reading.type == "PROTEST":
        return _with(reading, type="THREATEN", cameo="130", rule=reading.rule + ":intent")
    return reading


def reaches(token: Token) -> bool:
    """Whether a cue above ``token`` may read it: not across a clause boundary (save a bare "to" clause)
    nor a phrase of time ("shortened the curfew after a coup toppled the government")."""
    if token.dep_ == "prep" and token.lower_ in TIME_PREPS:
        return False
    if token.dep_ == "ccomp" and token.i < token.head.i and told_apart(token):
        return False  # "Elendil was impeached; the vote failed": a semicolon ends the clause
    if token.dep_ == "conj" and token.tag_ in FINITE_TAGS and token.head.tag_ == "VB":
        return False  # "urged Gondor to reconsider and spoke with Arnor": "spoke" is no part of what was urged
    return infinitive(token) or (token.dep_ not in BOUNDARIES and token.dep_ in GOVERNING)


def told_apart(clause: Token) -> bool:
    """Whether a clause the parse reads as reported by a verb after it is a sentence of its own: a semicolon
    ends it ("Elendil was impeached; the vote failed")."""
    head = clause.head
    between = clause.doc[clause.right_edge.i:head.i]
    return any(t.lower_ == ";" for t in between)


def infinitive(token: Token) -> bool:
    """A bare "to" clause parsed as an adverbial clause ("have sworn to fight", not "in order to") or
    completing a noun ("its refusal to accept")."""
    clause = token.dep_ == "advcl" or (token.dep_ == "acl" and token.head.pos_ == "NOUN")
    return clause and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children) and not any(
        c.dep_ == "mark" for c in token.children)


def governs(cue: Token, below: Token, lexicon: Lexicon) -> bool:
    """A cue verb governs its complement clause (save a cue that calls a thing off), its object, the object
    of its own particle ("called for talks") and a "to" clause when it says what one will do ("sworn to
    fight"); a cue noun or adjective governs anything below it."""
    if below.dep_ == "ccomp" and lexicon.cue(cue) in OBJECT_CUES:
        return False
    if cue.pos_ not in ("VERB", "AUX") or below.dep_ in VERB_CUE_DEPS:
        return True
    if infinitive(below):
        return lexicon.cue(cue) in INFINITIVE_CUES
    return below.dep_ == "prep" and f"{cue.lemma_.lower()} {below.lower_}" in lexicon.cues


def _local(token: Token, lexicon: Lexicon, base: Reading) -> Reading:
    """Negation, modal auxiliaries and condition markers on the trigger and its own clause."""
    verb = clause_verb(token)
    words = [c for t in {token, verb} for c in t.children]
    auxes = {c.lower_ for c in words if c.dep_ in ("aux", "auxpass", "mark", "advmod")}
    if infinitive(verb) or verb.dep_ == "xcomp":  # "came close to opening fire": the verb it completes
        auxes |= {c.lower_ for c in verb.head.children if c.dep_ == "advmod"}
    if verb.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        auxes |= {c.lower_ for c in verb.head.children if c.dep_ in ("aux", "mark")}  # "would remove X and block Y"
    if any(lexicon.cues.get(a) == "hypothetical" for a in auxes):
        return _with(base, keep=False, modality="hypothetical", rule="hypothetical:" + sorted(auxes)[0])
    pending = pending_mark(verb)
    if pending:
        return _with(base, keep=False, modality="hypothetical", rule="pending:" + pending)
    negated = is_negated(token) or is_negated(verb)
    if auxes & OBLIGATION and verb.dep_ in REPORTING_DEPS and verb.head.pos_ in ("VERB", "AUX") and not negated:
        return _with(base, type="REQUEST", cameo="100", modality="demanded", cue=verb.head, cue_kind="request",
                     rule="obligation:" + sorted(auxes & OBLIGATION)[0])
    modality = "future" if auxes & FUTURE else None
    return refused(_with(base, negated=negated, modality=modality, rule="negated" if negated else "asserted"),
                   verb=token.pos_ == "VERB")


def pending_mark(verb: Token) -> str | None:
    """The mark of a clause in the present tense that tells an act not yet done: "before they demobilize",
    "until Gondor withdraws" (but "before the army attacked" was done)."""
    if verb.dep_ != "advcl" or verb.tag_ not in PRESENT_TAGS:
        return None
    return next((c.lower_ for c in verb.children if c.dep_ == "mark" and c.lower_ in PENDING_MARKS), None)


def _cue(reading: Reading, cue: Token, kind: str) -> Reading:
    rule = f"cue:{kind}:{cue.lemma_.lower()}"
    special = _cue_kind(reading, cue, kind, rule)
    if special is not None:
        return special
    event_hostile = hostile(reading.type)
    stop = halted(reading)
    if kind == "prevent" and stop is not None and stop[0] == "SANCTION" and not is_negated(cue):
        return _with(reading, type="SANCTION", cameo=stop[1], cue=cue, cue_kind=kind, rule=rule + ":cut")
    if kind == "hypothetical" or kind == "prevent" or (kind == "intent" and event_hostile):
        return _with(reading, keep=False, modality="hypothetical", cue=cue, cue_kind=kind, rule=rule)
    if kind == "permit":
        return _permit(reading, cue, rule)
    if kind == "promise":
        return _promise(reading, cue, rule)
    if kind in CUE_TYPES:
        typ, code = CUE_TYPES[kind]
        return _with(reading, type=typ, cameo=code, negated=is_negated(cue), modality=kind, cue=cue,
                     cue_kind=kind, rule=rule)
    if kind == "cancel":
        return _cancelled(reading, cue, rule)
    modality = "intended" if kind in ("intent", "ready") else "planned" if kind == "plan" else "future"
    return _with(reading, modality=modality, cue=cue, cue_kind=kind, rule=rule)


def _cue_kind(reading: Reading, cue: Token, kind: str, rule: str) -> Reading | None:
    """The cue kinds read the same whatever the event: readiness, attempts, allegations, accession,
    failure and breach."""
    if kind == "ready" or (kind == "attempt" and not hostile(reading.type)):
        return _with(reading, modality="intended", cue=cue, cue_kind=kind, rule=rule)
    if kind == "attempt":  # an attempted attack is coded as the attack
        return _with(reading, modality="attempted", cue=cue, cue_kind=kind, rule=rule)
    if kind == "allege":  # "accused of shelling": the accusation is the event, not the shelling
        return _with(reading, keep=False, modality="alleged", cue=cue, cue_kind=kind, rule=rule)
    if kind == "accede" and reading.type == "REQUEST":
        typ, code = ("REJECT", "120") if is_negated(cue) else ("CONCEDE", "083")
        return _with(reading, type=typ, cameo=code, negated=False, cue=cue, cue_kind=kind, rule=rule)
    if kind == "deny":  # "prohibited all aid": cutting a cooperative act
        stop = halted(reading)
        return _with(reading, type="SANCTION", cameo=stop[1] if stop else "160", cue=cue, cue_kind=kind, rule=rule)
    if kind == "delay":
        return _with(reading, negated=True, modality="postponed", cue=cue, cue_kind=kind, rule=rule)
    if kind == "fail":
        return refused(_with(reading, negated=True, modality="failed", cue=cue, cue_kind=kind, rule=rule))
    if kind == "breach":
        typ, code = BREACHED[reading.type]
        return _with(reading, type=typ, cameo=code, cue=cue, cue_kind=kind, rule=rule)
    return None


def applies(kind: str, reading: Reading) -> bool:
    """Whether a cue reads the event below it: acceding reads only requests ("met the demands"), denying
    only aid and cooperation ("banned all aid"), a breach only agreements, truces and bans."""
    if kind == "accede":
        return reading.type == "REQUEST"
    if kind == "deny":
        return reading.type in ("AID", "COOPERATE")
    return kind != "breach" or reading.type in BREACHED


def halted(reading: Reading) -> tuple[str, str] | None:
    """The type and code of calling off a cooperative act, by its CAMEO code or its type."""
    return next((HALTED[k] for k in (reading.cameo, reading.type) if k in HALTED), None)


def _cancelled(reading: Reading, cue: Token, rule: str) -> Reading:
    """Calling off a hostile measure eases it (CONCEDE or RETREAT); calling off a cooperative act
    reduces relations (SANCTION) or rejects an agreement; anything else is a negated event."""
    if is_negated(cue):
        return _with(reading, cue=cue, cue_kind="cancel", rule=rule + ":not")
    eased = next((EASED[k] for k in (reading.cameo[:4], reading.cameo[:3], reading.type) if k in EASED), None)
    if eased is not None and reading.type not in ("REQUEST", "ACCUSE", "REJECT", "THREATEN"):
        return _with(reading, type=eased[0], cameo=eased[1], cue=cue, cue_kind="cancel", rule=rule + ":ease")
    stop = halted(reading)
    if stop is not None:
        typ, code = stop
        return _with(reading, type=typ, cameo=code, cue=cue, cue_kind="cancel", rule=rule + ":halt")
    return _with(reading, negated=True, modality="cancelled", cue=cue, cue_kind="cancel", rule=rule)


def _permit(reading: Reading, cue: Token, rule: str) -> Reading:
    """Not allowing aggression is a pledge (AGREE); allowing a protest eases dissent (CONCEDE 082)."""
    if is_negated(cue) and hostile(reading.type):
        return _with(reading, type="AGREE", cameo="030", negated=False, modality="promised", cue=cue,
                     cue_kind="permit", rule=rule + ":pledge")
    if reading.type == "PROTEST" and not is_negated(cue) and not reading.negated:
        return _with(reading, type="CONCEDE", cameo="082", cue=cue, cue_kind="permit", rule=rule + ":dissent")
    return _with(reading, cue=cue, cue_kind="permit", rule=rule)


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

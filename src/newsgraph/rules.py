"""The event coder's rules by name: what each one does, where it lives, and a switch to leave some out for one run.

Each rule is asked at its decision point (``fires(RULE_ID, taken)``): the answer is ``taken`` unless the rule
is switched off for the run in progress, and a decision taken is counted for that run and for the trigger
being coded, so that the events it makes or changes carry the rule id at the end of their ``reason`` ("[rules=a+b]").

A run is opened by ``running(disabled=..., counter=...)`` (a context variable, reset on exit: nothing leaks
from one run to the next, nor between threads). Outside a run every rule is on and nothing is counted.

Data files are rules too: ``data:event_NAME`` stands for ``data/event_NAME.tsv`` (switched off, the file reads
as empty), ``senses:CLASS`` for the rows of ``event_senses.tsv`` that need word class CLASS.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rule:
    id: str
    module: str
    description: str
    #: General grammar (passives, coordination, participles, light verbs, references to earlier events):
    #: kept whatever its firings on the corpus.
    general: bool = False


RULES: tuple[Rule, ...] = (
    # -------------------------------------------------------------- actors (pronouns: actors/pronouns.py)
    Rule("participle-his", "actors",
         "'his' in a participle phrase before the clause is the person named in the main clause's subject "
         "('Offering his condolences, the speaker of the house, X, wrote')", general=True),
    Rule("object-pronoun-before", "actors",
         "'him'/'her' as an object with no person named before it in its sentence is the one person the sentence "
         "before names", general=True),
    Rule("participle-object", "actors",
         "'him'/'her' as the object of a participle phrase is the one the verb it serves acted on", general=True),
    # -------------------------------------------------------------- arguments
    Rule("received-from", "arguments",
         "light verbs of undergoing: an event received, faced or suffered falls on the subject, its sender named "
         "after 'from' ('received threats from X')", general=True),
    Rule("with-one-way", "arguments",
         "'with' after a one-way attack noun names a means or partner, not the target"),
    Rule("coordinated-nouns", "arguments",
         "coordination: event nouns joined by 'and' share the side one of them names ('launched an investigation "
         "and a lawsuit against X')", general=True),
    Rule("for-beneficiary", "arguments",
         "'for' after a noun of support or aid (or its light verb) names the one favoured ('support for X', 'gave "
         "aid for X')", general=True),
    Rule("participle-subject", "arguments",
         "participles: a participle the parse took for a clausal subject lends its own subject ('Protesters, "
         "carrying placards asking ..., marched')", general=True),
    Rule("between-parties", "arguments",
         "coordination: the parties named in an event noun's 'between'/'among' phrase are its two sides, not the "
         "subject of the clause that tells it ('announced a deal between A and B')", general=True),
    Rule("lent-subject", "arguments",
         "participles: a verb with no subject takes the one the parse gave to a participle phrase before it "
         "('Protesters, carrying banners, marched')", general=True),
    # -------------------------------------------------------------- triggers, modality, coding
    Rule("called-off-protest", "coding",
         "a protest called off or allowed (CAMEO 082) is complete with its easer (fires on no corpus article; kept "
         "for held-out sentences: without it PLV type_recall 0.504 -> 0.501, PLOVER GSR 0.748 -> 0.742)"),
    Rule("placed-under", "coding",
         "passive: an event noun a passive puts its subject under is the passive of its verb "
         "('was placed under arrest')", general=True),
    # -------------------------------------------------------------- stance
    Rule("evaluated-by", "stance",
         "passives: an evaluation told in the passive with its agent ('Y was described by X as a hero') is X's "
         "evaluation of Y", general=True),
    Rule("story-person", "stance",
         "a third-person pronoun in a quotation with no one named before it is the person the story is about"),
    # -------------------------------------------------------------- after the sentences
    Rule("event-reference", "reference",
         "references to earlier events: a reaction to 'the attack' is aimed at the attackers", general=True),
    Rule("tribute-to-dead", "tribute",
         "in a story of a death, condolences naming no one and quoted praise of the dead are support for the dead"),
    Rule("definite-refers-back", "dedup",
         "references to earlier events: a definite event noun with no doer is the event told before, whatever "
         "its sentence's date", general=True),
    Rule("lend-dates", "dedup",
         "references to earlier events: an undated telling takes the date of an earlier telling left out",
         general=True),
    Rule("quoted-demand", "demand", "a quoted 'X must/should ...' is a REQUEST of X"),
    # -------------------------------------------------------------- data files
    *(Rule(f"data:event_{name}", "data", f"data/event_{name}.tsv, all of it") for name in (
        "argument_nouns", "cameo", "cues", "dictionary_patterns", "dictionary_verbs", "natural_causes",
        "not_objects", "owner_heads", "reference_nouns", "senses", "triggers", "verb_objects", "word_classes",
        "word_classes_wordnet")),
    Rule("data:event_stative_participles", "data",
         "passives that are no passive: data/event_stative_participles.tsv, a participle of stance after 'be' with "
         "no agent is its subject's own act ('Gondor is opposed to the plan')", general=True),
    *(Rule(f"senses:{kind}", "data", f"event_senses.tsv rows needing word class '{kind}'{note}") for kind, note in (
        ("accident", ""),
        ("content", " (WordNet, data/event_word_classes_wordnet.tsv: releasing a report, a statement or a video is "
                    "publishing, not freeing captives)"),
        ("explosive", " (vehicle bombs stay attacks: the exception that keeps the 'vehicle' rows from reading "
                      "'a car bomb hit' as an accident)"),
        ("grounds", ""),
        ("gunfire", " (CAMEO 190 'exchanged fire'; kept for held-out sentences: without it PLV type_recall "
                    "0.504 -> 0.503, type_precision 0.693 -> 0.691)"),
        ("heritage", " (sharing a border, tradition or history is no cooperation)"),
        ("labour", " (CAMEO 143 a labour strike; kept for held-out sentences: without it PLV type_recall "
                   "0.504 -> 0.502)"),
        ("statute", " (WordNet: signing a bill or a decree enacts it, agreeing with no one)"),
        ("vehicle", " (a person hit by a vehicle is an accident)"))),
    # -------------------------------------------------------------- natural harm
    Rule("natural-cause", "coding",
         "harm done by an animal, a disease or a natural phenomenon (WordNet: data/event_natural_causes.tsv) is no "
         "event: 'an earthquake struck, injuring 25 people', 'was killed by his lions'"),
    Rule("host-needs-guest", "coding",
         "a verb of hosting ('receive', 'host') whose object names no one hosts a thing, not a guest: 'received "
         "her degree from the university', 'received treatment in X', 'hosted a radio show'"),
    # -------------------------------------------------------------- press
    Rule("press-work", "events",
         "a news outlet at its own work is no event: an interview ('spoke with Wikinews') or a question it puts "
         "('Reuters asked X')"),
)
BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


@dataclass
class Run:
    """One run's switches and counts."""

    disabled: frozenset[str] = frozenset()
    counter: Counter[str] = field(default_factory=Counter)


#: The ids of the rules that made or changed an event, in its reason.
_MARKED = re.compile(r"\[rules=([^\]]*)\]")

_RUN: ContextVar[Run | None] = ContextVar("newsgraph_rules_run", default=None)
_SCOPES: ContextVar[tuple[set[str], ...]] = ContextVar("newsgraph_rules_scopes", default=())


@contextmanager
def running(disabled: Iterable[str] = (), counter: Counter[str] | None = None) -> Iterator[Run]:
    """A run with the rules in ``disabled`` switched off; decisions taken are added to ``counter``."""
    off = frozenset(disabled)
    unknown = off - BY_ID.keys()
    if unknown:
        raise KeyError(f"no such rule: {', '.join(sorted(unknown))}")
    run = Run(off, counter if counter is not None else Counter())
    token = _RUN.set(run)
    try:
        yield run
    finally:
        _RUN.reset(token)


def enabled(rule_id: str) -> bool:
    run = _RUN.get()
    return run is None or rule_id not in run.disabled


def disabled() -> frozenset[str]:
    run = _RUN.get()
    return run.disabled if run is not None else frozenset()


def fires(rule_id: str, taken: object = True) -> bool:
    """Whether the rule acts here: its condition ``taken`` holds and it is not switched off. A decision
    taken is counted for the run and for each open scope."""
    if not taken or not enabled(rule_id):
        return False
    run = _RUN.get()
    if run is not None:
        run.counter[rule_id] += 1
    for scope in _SCOPES.get():
        scope.add(rule_id)
    return True


@contextmanager
def scope() -> Iterator[set[str]]:
    """Collect the ids of the rules that fire inside this block (for the reason of what it makes)."""
    found: set[str] = set()
    token = _SCOPES.set((*_SCOPES.get(), found))
    try:
        yield found
    finally:
        _SCOPES.reset(token)


def tag(reason: str, ids: Iterable[str]) -> str:
    """``reason`` with the rule ids added ("[rules=a+b]" at its end, each id once)."""
    have = fired_in(reason)
    new = set(ids) - set(have)
    if not new:
        return reason
    return f"{_MARKED.sub('', reason)}[rules={'+'.join(sorted({*have, *new}))}]"


def fired_in(reason: str) -> list[str]:
    """The rule ids a reason carries."""
    found = _MARKED.search(reason)
    return found.group(1).split("+") if found and found.group(1) else []

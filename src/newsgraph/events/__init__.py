"""Events: who did what to whom, when and where, coded in PLOVER and CAMEO.

triggers (lexicon words in each sentence) -> modality (cues, negation) -> arguments (source, target)
-> coding (type, CAMEO code, quad class, intensity, date, place); stance (praise and criticism read from
evaluations and quotations) -> reference (a reaction to "the attack" is aimed at the attackers) -> tribute
(condolences and praise of the dead are aimed at the one who died) -> dedup (one event, many tellings).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsgraph.document import Document, Event, MentionIndex
from newsgraph.events.arguments import Context
from newsgraph.events.codebook import PRESS_TYPES, PROTEST_TYPES, REACTION_TYPES
from newsgraph.events.coding import Coded, complete, cue_parties, to_events
from newsgraph.events.dedup import dedup, lend_dates, officials, with_stance
from newsgraph.events.demand import find_demands, new_demands
from newsgraph.events.lexicon import Lexicon, load_lexicon
from newsgraph.events.linker import link_sides, placed_actors, shipped_linker
from newsgraph.events.modality import read
from newsgraph.events.reference import DEFINITE, resolve_references
from newsgraph.events.scorer import ScorerModel, score_events
from newsgraph.events.stance import find_stance
from newsgraph.events.tribute import for_the_dead
from newsgraph.events.triggers import Trigger, find_triggers
from newsgraph.rules import fires, scope, tag

__all__ = ["find_events"]



def find_events(parsed: Doc, document: Document, *, lexicon: Lexicon | None = None,
                model: ScorerModel | None = None, min_score: float | None = None, scored: bool = True,
                linker: ScorerModel | None = None, link: bool = False) -> list[Event]:
    """The events the document reports, one per real-world event, each with its evidence spans.

    Tellings that name only one side help merge repeated tellings; an event is kept when both sides
    are named, or when one is and the clause expresses no other ("the rebels withdrew"). The learned
    scorer then gives each its ``score``; those under ``min_score`` (else the model's threshold) go.
    ``scored=False``: the rules' proposals as they are. ``link=True``: the learned linker (``linker``, else
    the package's) gives sides to proposals the rules leave incomplete (see ``events.linker``)."""
    lexicon = lexicon or load_lexicon()
    linker = (shipped_linker() if linker is None else linker) if link else None
    events: list[Event] = []
    for trigger, made, actors in every_proposal(parsed, document, lexicon, placed=linker is not None):
        events.extend(link_sides(trigger.token, made, actors, document, linker))
    events = with_stance(events, find_stance(parsed, document, lexicon))
    acts_for = officials(document)
    events = resolve_references(events, parsed, document, lexicon=lexicon, acts_for=acts_for)
    events = for_the_dead(events, parsed, document, lexicon=lexicon)
    merged = dedup(events, acts_for=acts_for, definite=definite_nouns(parsed, events))
    kept = [e for e in merged if complete(e) and not press_work(e, document)]
    kept += new_demands(find_demands(parsed, document, lexicon=lexicon), kept)
    lend_dates(kept, [e for e in merged if not complete(e)], sentence_of=sentence_index(parsed), acts_for=acts_for,
               published=document.published)
    if not scored:
        return renumber(kept)
    return renumber(score_events(kept, parsed, document, model=model, min_score=min_score))


def press_work(event: Event, document: Document) -> bool:
    """A news outlet at its own work: "X spoke with Wikinews", "Reuters asked X" tell how the story was
    gathered, not an event between the outlet and the one it asked (``codebook.PRESS_TYPES``)."""
    roles = PRESS_TYPES.get(event.type, ())
    sides = {"source": document.actor(event.source), "target": document.actor(event.target)}
    outlets = {role for role, actor in sides.items() if actor is not None and actor.sector == "MED"}
    return fires("press-work", len(outlets) == 1 and bool(outlets & set(roles)))


def every_proposal(parsed: Doc, document: Document, lexicon: Lexicon, *,
                   placed: bool = True) -> Iterator[tuple[Trigger, list[Event], dict[str, list[Token]]]]:
    """Each trigger of the story's sentences (not set-aside lines) with the events the rules code from it
    and the actors its sentence names (each with the head words of its mentions there; none found where
    ``placed`` is False, for a run without the linker)."""
    by_sentence = placed_actors(parsed, document) if placed else {}
    mentions = MentionIndex(document)
    for sent in parsed.sents:
        if document.is_set_aside(sent.start_char, sent.end_char) or not sent.text.strip():
            continue
        for trigger, made in proposals(sent, document, lexicon, mentions=mentions):
            yield trigger, made, by_sentence.get(sent.start, {})


def sentence_index(parsed: Doc) -> Callable[[int], int]:
    """The number of the sentence that holds a character offset."""
    starts = [sent.start_char for sent in parsed.sents]
    return lambda offset: bisect_right(starts, offset) - 1


def definite_nouns(parsed: Doc, events: list[Event]) -> set[int]:
    """The trigger offsets of event nouns in a definite phrase ("the murder", "this attack")."""
    starts = set()
    for event in events:
        span = parsed.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        if root is not None and root.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in DEFINITE for c in root.children):
            starts.add(event.trigger.start)
    return starts


def renumber(events: list[Event]) -> list[Event]:
    events.sort(key=lambda e: e.trigger.start)
    for n, event in enumerate(events, 1):
        event.id = f"e{n}"
    return events


def proposals(sent: SpacySpan, document: Document, lexicon: Lexicon, *, mentions: MentionIndex | None = None
              ) -> list[tuple[Trigger, list[Event]]]:
    """Each trigger of the sentence with the events the rules code from it (sides as the rules read them);
    ``mentions``: the document's, indexed once for all its sentences."""
    found = {t.token.i: t for t in find_triggers(sent, lexicon)}
    hand = {i: t for i, t in found.items() if t.entry.source == "lexicon"}
    # the hand-written lexicon's triggers are read as if the dictionary had proposed nothing around them
    contexts = {source: Context(document=document, lexicon=lexicon, triggers=triggers, mentions=mentions)
                for source, triggers in (("lexicon", hand), ("dictionary", found))}
    out: list[tuple[Trigger, list[Event]]] = []
    for trigger in found.values():
        ctx = contexts[trigger.entry.source]
        triggers = ctx.triggers
        if absorbed(trigger, triggers):
            continue
        with scope() as ids:
            reading = read(trigger, lexicon, set(triggers))
            made = to_events(Coded(trigger, reading, cue_parties(trigger, reading, ctx)), ctx) if reading.keep else []
        for event in made:
            event.reason = tag(event.reason, ids | trigger.rules)
        if made:
            out.append((trigger, made))
    return out


def absorbed(trigger: Trigger, triggers: dict[int, Trigger]) -> bool:
    """A verb whose complement or object is itself an event is read through that event
    ("threatened to strike", "signed an agreement")."""
    if not trigger.is_verb or trigger.entry.type in REACTION_TYPES:
        return False
    return any(c.i in triggers and c.dep_ in ("xcomp", "ccomp", "dobj") and not answers(trigger, c)
               for c in trigger.token.children)


def answers(trigger: Trigger, obj: Token) -> bool:
    """A reaction whose object is a definite event noun answers an event told before ("protested the
    arrest"): it is an event of its own, aimed at that event's doer (see reference)."""
    return (trigger.entry.type in PROTEST_TYPES and obj.dep_ == "dobj"
            and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in obj.children))

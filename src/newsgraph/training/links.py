"""Training the learned linker (``newsgraph train-events --linker``): deterministic, offline, on a CPU.

For every trigger the rules code an event from, each pair of sides the linker weighs (``linker.options``)
is one example, labelled by the annotation:
- PLV sentences (one event, its source and target phrases marked): a pair is right when the event's type
  is the sentence's and each side is an actor named inside its marked phrase;
- annotated articles: a pair is right when a gold event of the trigger's type, told on the trigger's
  line, has those sides (actors mapped to gold ones as the shared scorer maps them).
Only triggers with at least one right pair teach the linker: whether a trigger is an event at all is the
scorer's question, not the linker's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newsgraph.document import Document, Event
from newsgraph.events import every_proposal
from newsgraph.events.annotated import Example, Item
from newsgraph.events.lexicon import load_lexicon
from newsgraph.events.linker import Option, options
from newsgraph.pipeline import Work

#: Labels each option of one trigger: (the trigger's events, the options, the document) -> 0/1 each.
Labeller = Callable[[list[Event], list[Option], Document], list[int]]
#: The labeller of one text.
LinkLabeller = Callable[[Item, Work], Labeller]


def link_examples(group: str, item: Item, work: Work, labeller: LinkLabeller) -> list[Example]:
    """The labelled options of every trigger of one text that has a right pair (group: "GROUP:TOKEN")."""
    document = work.document
    label = labeller(item, work)
    out: list[Example] = []
    for trigger, made, actors in every_proposal(work.doc, document, load_lexicon()):
        found = options(trigger.token, made, actors, document)
        labels = label(made, found, document)
        if any(labels):
            at = f"{group}:{trigger.token.i}"
            out += [Example(list(o.features), y, at) for o, y in zip(found, labels, strict=True)]
    return out


def within(actor_id: str | None, phrase: str, document: Document) -> bool:
    """An actor named inside the phrase where it stands in the text."""
    actor = document.actor(actor_id)
    at = document.text.find(phrase) if phrase else -1
    if actor is None or at < 0:
        return False
    return any(m.start < at + len(phrase) and at < m.end for m in actor.mentions)


def sentence_labeller(item: Item, work: Work) -> Labeller:
    """A PLV sentence: the pairs whose sides lie in the marked phrases, for triggers of the sentence's type."""
    source, target = item.sides or ("", "")

    def label(made: list[Event], found: list[Option], document: Document) -> list[int]:
        if made[0].type not in item.types:
            return [0] * len(found)
        return [int(within(o.source, source, document) and within(o.target, target, document)) for o in found]

    return label


def article_labeller(module: Any) -> LinkLabeller:
    """An annotated article: the pairs of a gold event of the trigger's type told on its line (the shared
    scorer's ``module``: its actor mapping and line matching)."""

    def for_item(item: Item, work: Work) -> Labeller:
        gold = item.gold or {}
        amap = module.map_actors(gold, work.document.to_dict())
        lines = [module.norm(x) for x in item.text.splitlines()]

        def told_in(event: dict[str, Any], evidence: str) -> bool:
            said = [lines[i - 1] for i in event["lines"] if 0 < i <= len(lines)]
            return any(x and (evidence in x or x in evidence or module.overlap(evidence, x) >= 0.5) for x in said)

        def label(made: list[Event], found: list[Option], document: Document) -> list[int]:
            first = made[0]
            evidence = module.norm(first.evidence)
            events = [g for g in gold.get("events", []) if first.type in g["type"]
                      and bool(g["negated"]) == first.negated and told_in(g, evidence)]
            return [int(any(sided(g, amap.get(o.source), amap.get(o.target)) for g in events)) for o in found]

        return label

    return for_item


def sided(gold_event: dict[str, Any], source: Any, target: Any) -> bool:
    pairs = [(gold_event["source"], gold_event["target"])]
    if gold_event.get("symmetric"):
        pairs.append((gold_event["target"], gold_event["source"]))
    return source is not None and target is not None and any(source in s and target in t for s, t in pairs)

"""The learned event scorer: how likely a proposed event is a real event of its type between its sides.

Each proposal (from the lexicon, a verb+object pattern, stance, a demand, a reference) is described by
sparse features read from its trigger, its sides, its sentence's parse and where it came from; a logistic
model trained by ``newsgraph train-events`` (see ``newsgraph.training.learn``) weighs them. The weights ship
in ``data/event_scorer.json`` with a record of the data they were trained on. ``score`` is the model's
probability; the pipeline keeps events scored at or above the threshold (``Settings.min_event_score``,
``extract --min-score``; the model file's own threshold when unset).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.document import Document, Event
from newsgraph.events.context import sentence_of
from newsgraph.events.dedup import from_dictionary
from newsgraph.knowledge import data_text, per_knowledge

#: The model file shipped in the package.
MODEL_FILE = "event_scorer.json"
#: Dependency labels of a clause's modal or auxiliary words.
AUX_DEPS = {"aux", "auxpass"}
#: Words that make a clause a condition, a hypothesis or a purpose.
HEDGES = {"if", "unless", "whether", "could", "might", "may", "would", "should"}


@dataclass(frozen=True)
class ScorerModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    trained_on: dict[str, object]

    def probability(self, feats: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        body = {"bias": self.bias, "threshold": self.threshold, "trained_on": self.trained_on,
                "weights": dict(sorted(self.weights.items()))}
        return json.dumps(body, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ScorerModel:
        body = json.loads(text)
        return cls(weights={k: float(v) for k, v in body["weights"].items()}, bias=float(body["bias"]),
                   threshold=float(body["threshold"]), trained_on=dict(body.get("trained_on", {})))


@per_knowledge
def shipped_model() -> ScorerModel | None:
    """The model of the active knowledge (the package's unless replaced), or None where none was trained
    (every event then keeps score None)."""
    text = data_text(MODEL_FILE)
    return ScorerModel.from_json(text) if text is not None else None


def score_events(events: list[Event], parsed: Doc, document: Document, *, model: ScorerModel | None = None,
                 min_score: float | None = None) -> list[Event]:
    """Each event with its ``score``: the model's probability that it is an event of its type between its
    sides; events scored under the threshold are left out."""
    model = model or shipped_model()
    if model is None:
        return events
    threshold = model.threshold if min_score is None else min_score
    kept = []
    for event in events:
        event.score = round(model.probability(features(event, parsed, document)), 4)
        if event.score >= threshold:
            kept.append(event)
    return kept


def features(event: Event, parsed: Doc, document: Document) -> list[str]:
    """The features of a proposal: what it reads of the proposal, alone and with the proposed type."""
    base = context(event, parsed, document)
    return [f"T={event.type}", *base, *(f"{b}|{event.type}" for b in base)]


def context(event: Event, parsed: Doc, document: Document) -> list[str]:
    """What the model reads of one proposed event, whatever its type: the trigger's word and grammar, its
    sides' kinds, the clause's modality, where the proposal came from, and the sentence's content words."""
    span = parsed.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    token = span.root if span is not None and len(span) else None
    feats = [f"origin={origin(event)}", f"mode={event.mode}", f"negated={event.negated}",
             f"modality={event.modality}"]
    if from_dictionary(event):
        feats.append("proposer=dictionary")
    feats += side_features(event, document)
    if token is not None:
        feats += token_features(token)
    return feats


def origin(event: Event) -> str:
    """The kind of proposal an event came from: how a lexicon trigger found its sides (a verb's subject and
    object, a noun's phrases, a cue...), or stance, a demand, a tribute."""
    kind, _, rest = event.origin.partition(":")
    return rest.split(":", 1)[0].split("+")[0] if kind in PROPOSERS else kind


#: The kinds of origin that are trigger proposals from a word list: hand-written or generated.
PROPOSERS = ("lexicon", "dictionary")


def side_features(event: Event, document: Document) -> list[str]:
    out = []
    for role, ident in (("src", event.source), ("tgt", event.target)):
        actor = document.actor(ident) if ident else None
        what = "none" if actor is None else actor.kind or "?"
        sector = "none" if actor is None else actor.sector or "-"
        out += [f"{role}={what}", f"{role}.sector={sector}"]
    if event.source is not None and event.source == event.target:
        out.append("same-sides")
    return out


def token_features(token: Token) -> list[str]:
    lemma = token.lemma_.lower()
    feats = [f"lemma={lemma}", f"pos={token.pos_}", f"dep={token.dep_}", f"tag={token.tag_}"]
    head = token.head
    if head is not token:
        feats.append(f"head={head.lemma_.lower()}")
    for child in token.children:
        if child.dep_ in AUX_DEPS or child.dep_ == "neg":
            feats.append(f"aux={child.lower_}")
        elif child.dep_ in ("dobj", "pobj", "attr", "xcomp", "prep", "prt"):
            feats.append(f"child={child.dep_}:{child.lemma_.lower()}")
    sent = sentence_of(token)
    if any(t.lower_ in HEDGES for t in sent):
        feats.append("hedged")
    feats += [f"word={t.lemma_.lower()}" for t in sent
              if t.pos_ in ("VERB", "NOUN") and not t.is_stop and t.i != token.i]
    return feats

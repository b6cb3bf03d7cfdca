"""The learned linker: which of a sentence's actors are a proposed event's source and target.

The rules read an event's sides from the parse (a verb's subject and object, a noun's phrases); where the
parse or the rules go wrong the event gets no side, or the wrong one. For each trigger whose events the
rules leave incomplete, the linker weighs every ordered pair of the actors named in its sentence (and the rules' own
pairs): each side by the dependency path from the trigger to the actor's nearest mention, which side of the
trigger it stands on, how far, its kind, and whether the rules chose it. A logistic model trained by
``newsgraph train-events`` (annotated articles; PLV sentences with both sides marked on request) gives each
pair a probability; the likeliest, at or above the model's threshold, replaces the rules' pairs.
The weights ship in ``data/event_linker.json`` with a record of the data they were trained on. It runs only
where asked for (``Settings.link_events``, ``extract --link``): on unseen articles most of the events it
completes are still wrong (see the README).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from newsgraph.document import Document, Event
from newsgraph.events.coding import complete
from newsgraph.events.scorer import ScorerModel
from newsgraph.knowledge import data_text, per_knowledge

#: The model file shipped in the package.
MODEL_FILE = "event_linker.json"
#: Longer dependency paths are read as one feature ("long").
MAX_PATH = 4
#: The most pairs one trigger yields.
MAX_LINKED = 1
#: Longest distance in tokens told apart (farther ones share a feature).
MAX_DISTANCE = 12


@dataclass(frozen=True)
class Option:
    """One pair of sides a proposed event could have, with what the model reads of it."""

    source: str | None
    target: str | None
    features: tuple[str, ...]


@per_knowledge
def shipped_linker() -> ScorerModel | None:
    """The linker of the active knowledge (the package's unless replaced), or None where none was trained (the
    rules' sides then stand)."""
    text = data_text(MODEL_FILE)
    return ScorerModel.from_json(text) if text is not None else None


def load_linker(path: str | None) -> ScorerModel | None:
    """The linker in the file at ``path``; the active knowledge's where None."""
    return shipped_linker() if path is None else _linker_file(path)


@lru_cache(maxsize=4)
def _linker_file(path: str) -> ScorerModel:
    return ScorerModel.from_json(Path(path).read_text(encoding="utf-8"))


def placed_actors(parsed: Doc, document: Document) -> dict[int, dict[str, list[Token]]]:
    """For each sentence (by its first token), the actors named in it and the head word of each mention."""
    out: dict[int, dict[str, list[Token]]] = {}
    for actor in document.actors:
        for mention in actor.mentions:
            span = parsed.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and len(span):
                out.setdefault(span.root.sent.start, {}).setdefault(actor.id, []).append(span.root)
    return out


def path(trigger: Token, other: Token) -> tuple[str, int]:
    """The dependency path from the trigger up to the word both hang from and down to ``other``, and its
    length ("^dobj|nsubj": the trigger is an object, the other the subject of the same verb)."""
    ups = [trigger, *trigger.ancestors]
    downs = [other, *other.ancestors]
    where = {t.i: n for n, t in enumerate(downs)}
    for n, token in enumerate(ups):
        if token.i in where:
            m = where[token.i]
            if n + m > MAX_PATH:
                return "long", n + m
            up = "^".join(label(t) for t in ups[:n])
            down = ">".join(label(t) for t in reversed(downs[:m]))
            return f"^{up}|{down}", n + m
    return "none", MAX_PATH + 1


def label(token: Token) -> str:
    """A word's dependency label, with the preposition itself for a preposition ("prep:against")."""
    return f"prep:{token.lower_}" if token.dep_ in ("prep", "agent") else token.dep_


def nearest(trigger: Token, mentions: list[Token]) -> tuple[Token, str, int]:
    """The mention closest to the trigger in the parse (then in the text), with its path."""
    scored = [(*path(trigger, m), m) for m in mentions if m.i != trigger.i]
    if not scored:
        return mentions[0], "self", 0
    name, length, token = min(scored, key=lambda s: (s[1], abs(s[2].i - trigger.i)))
    return token, name, length


def side_features(role: str, actor_id: str | None, trigger: Token, actors: dict[str, list[Token]],
                  near: dict[str, tuple[Token, str, int]], document: Document,
                  chosen: dict[str, set[str | None]]) -> list[str]:
    """What the model reads of one side: the path to the actor (its ``near``est mention), its place, its
    kind, the rules' choice."""
    other = "tgt" if role == "src" else "src"
    if actor_id is None:
        return [f"{role}:none", f"{role}:none:rule={None in chosen[role]}"]
    actor = document.actor(actor_id)
    rule = [f"{role}:rule"] * (actor_id in chosen[role]) + [f"{role}:rule-other"] * (actor_id in chosen[other])
    if actor_id not in near:  # named in another sentence (a pronoun, the story's protagonist)
        return [f"{role}:elsewhere", f"{role}:kind={actor.kind if actor else '?'}", *rule]
    token, name, length = near[actor_id]
    where = "before" if token.i < trigger.i else "after"
    kind, sector = (actor.kind, actor.sector) if actor else ("?", "?")
    feats = [f"{role}:path={name}", f"{role}:sector={sector}", f"{role}:len={length}", f"{role}:{where}",
             f"{role}:dist={min(abs(token.i - trigger.i), MAX_DISTANCE)}",
             f"{role}:kind={kind}", f"{role}:{where}:len={length}",
             f"{role}:dep={token.dep_}", f"{role}:head-is-trigger={token.head.i == trigger.i}"]
    feats += rule
    closer = [t for ms in actors.values() for t in ms
              if (t.i < trigger.i) == (token.i < trigger.i) and abs(t.i - trigger.i) < abs(token.i - trigger.i)]
    feats.append(f"{role}:nearest-on-side={not closer}")
    return feats


def options(trigger: Token, made: list[Event], actors: dict[str, list[Token]],
            document: Document) -> list[Option]:
    """Every pair of sides the event of ``made`` could have: the rules' pairs and each ordered pair of the
    actors named in its sentence, each with its features (each side's read once, whatever it is paired
    with; "one slot": both sides reached by the same path from the trigger, as coordinated actors are:
    "Arnor and Gondor resumed their attacks")."""
    if not made:
        return []
    template = made[0]
    chosen: dict[str, set[str | None]] = {"src": {e.source for e in made}, "tgt": {e.target for e in made}}
    ruled = {(e.source, e.target) for e in made}
    ids = list(actors)
    pairs = list(dict.fromkeys([*ruled, *((s, t) for s in ids for t in ids if s != t)]))
    mode = "V" if template.mode in (None, "V") and trigger.pos_ in ("VERB", "AUX") else "N"
    near = {ident: nearest(trigger, tokens) for ident, tokens in actors.items()}
    sides_of = {("src", source) for source, _ in pairs} | {("tgt", target) for _, target in pairs}
    each = {(role, ident): side_features(role, ident, trigger, actors, near, document, chosen)
            for role, ident in sides_of}
    out = []
    for source, target in pairs:
        sides = [*each["src", source], *each["tgt", target]]
        same_slot = source in near and target in near and near[source][1] == near[target][1]
        base = [*sides, f"pair:rule={(source, target) in ruled}", f"pair:src-first={order(source, target, actors)}",
                f"pair:states={kin(source, target, document)}", f"pair:one-slot={same_slot}"]
        feats = [*base, *(f"{mode}|{f}" for f in base), *(f"T={template.type}|{f}" for f in sides)]
        out.append(Option(source, target, tuple(feats)))
    return out


def kin(source: str | None, target: str | None, document: Document) -> str:
    """How the two sides' states relate: the same state ("a German firm" and Germany), or not."""
    one, two = document.actor(source), document.actor(target)
    if one is None or two is None:
        return "-"
    return "same" if one.country and one.country == two.country else "other" if one.country and two.country else "?"


def order(source: str | None, target: str | None, actors: dict[str, list[Token]]) -> str:
    if source not in actors or target not in actors:
        return "-"
    return str(min(t.i for t in actors[source]) < min(t.i for t in actors[target]))


def link_sides(trigger: Token, made: list[Event], actors: dict[str, list[Token]], document: Document,
               model: ScorerModel | None) -> list[Event]:
    """The events of one trigger with the sides the model finds likeliest; the rules' where it finds none."""
    if model is None or not made or not actors or any(complete(e) for e in made):
        return made
    found = options(trigger, made, actors, document)
    scored = sorted(((model.probability(o.features), o) for o in found), key=lambda s: -s[0])
    kept = [(p, o) for p, o in scored[:MAX_LINKED] if p >= model.threshold and (o.source or o.target)]
    if not kept:
        return made
    ruled = {(e.source, e.target): e for e in made}
    if any((o.source, o.target) in ruled for _, o in kept):
        return made
    out = []
    for p, o in kept:
        same = ruled.get((o.source, o.target))
        if same is not None:
            out.append(same)
            continue
        out.append(replace(made[0], source=o.source, target=o.target, spans=list(made[0].spans),
                           reason=f"{made[0].reason}:linked={p:.2f}",
                           origin=f"linked:{made[0].origin}"))
    return out


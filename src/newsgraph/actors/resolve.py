"""Actor resolution (first cut: one actor per distinct named entity)."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.document import Actor, Document, Mention

KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "country", "LOC": "location"}


def find_actors(parsed: Doc, document: Document) -> list[Actor]:
    actors: dict[str, Actor] = {}
    for ent in parsed.ents:
        kind = KINDS.get(ent.label_)
        if kind is None:
            continue
        actor = actors.get(ent.text)
        if actor is None:
            actor = actors[ent.text] = Actor(id=f"a{len(actors) + 1}", name=ent.text, kind=kind, reason="ner")
        actor.mentions.append(Mention(ent.start_char, ent.end_char, ent.text, reason=f"ner:{ent.label_}"))
    return list(actors.values())

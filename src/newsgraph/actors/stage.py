"""The actors stage: every actor of a document, found, resolved and coded, in order.

resolve (named entities, repeats) -> passes (names in passing, people, organizations) -> coref (bare titles and
definite descriptions of people, unnamed people, organizations' heads and descriptions, institutions, groups)
-> states (state descriptions) -> coref (subject pronouns) -> passes (country from context). Object and owner
pronouns are read after this stage (``actors.pronouns``), on the actors it returns.
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.actors import passes
from newsgraph.actors.coref import (
    bare_titles,
    described_organizations,
    groups,
    institutions,
    organization_heads,
    unnamed_people,
)
from newsgraph.actors.lexicon import lexicon
from newsgraph.actors.pronouns import plural_pronouns, pronouns
from newsgraph.actors.resolve import Resolver
from newsgraph.actors.speakers import speakers
from newsgraph.actors.states import state_descriptions
from newsgraph.document import Actor, Document
from newsgraph.quotations import Quotations, find_quotations


def find_actors(parsed: Doc, document: Document, *, quotations: Quotations | None = None) -> list[Actor]:
    """Every actor of the document with all its mentions, coded; ``quotations`` are the spans the
    quotations stage found (found here when not given)."""
    resolver = Resolver(parsed, document, lexicon(),
                        quotations=quotations if quotations is not None else find_quotations(document))
    resolver.named()
    resolver.repeats()
    passes.names_in_passing(resolver)
    passes.code_people(resolver)
    passes.code_organizations(resolver)
    bare_titles(resolver)
    unnamed_people(resolver)
    organization_heads(resolver)
    described_organizations(resolver)
    institutions(resolver)
    groups(resolver)
    state_descriptions(resolver)
    speakers(resolver)
    pronouns(resolver)
    plural_pronouns(resolver)
    passes.code_from_context(resolver)
    return resolver.actors()

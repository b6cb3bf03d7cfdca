"""Event references: a reaction to an event named by a definite phrase ("condemned the operation") is aimed
at the one who did that event (written for the tests; fictional states and people)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph import nlp, rules
from newsgraph.document import Document, Event, Span
from newsgraph.events.lexicon import load_lexicon
from newsgraph.events.reference import reference_nouns, resolve_references
from tests.test_events_arguments import code, pairs


@pytest.fixture(scope="module")
def model() -> Language:
    return nlp.load()


@pytest.mark.parametrize(("text", "expected"), [
    # a general noun for an act told in an earlier sentence, as object or passive subject
    ("Gondor launched a military offensive against Rohan on Monday. The operation was condemned by Arnor.",
     ("ACCUSE", "arnor", "gondor")),
    ("Gondor launched a military offensive against Rohan on Monday. Arnor condemned the operation.",
     ("ACCUSE", "arnor", "gondor")),
    ("Gondor imposed a ban on Rohirric fishing boats. Rohan rejected the decision.",
     ("REJECT", "rohan", "gondor")),
    ("Mordorian soldiers shot two Gondorian fishermen near Minas. Arnor condemned the incident.",
     ("ACCUSE", "arnor", "mordor")),
    # an event noun read through the verb that refuses it names the event told before
    ("Gondor imposed sanctions on Rohan on Monday. Rohan rejected the sanctions.", ("REJECT", "rohan", "gondor")),
    ("Gondor deployed troops along the Rohirric border. Rohan opposed the deployment.",
     ("REJECT", "rohan", "gondor")),
    # a missing doer named by a reference in subject or "by" phrase
    ("Gondor launched a military offensive against Rohan on Monday. The operation killed two Arnorian soldiers.",
     ("ASSAULT", "gondor", "arnor")),
    ("Gondor launched a military offensive against Rohan on Monday. Arnorian soldiers were killed by the "
     "operation.", ("ASSAULT", "gondor", "arnor")),
    # an attack on an accusation is criticism of its makers
    ("Elendil announced an investigation into Gondor on Monday. Gondor attacked the investigation as a farce.",
     ("ACCUSE", "gondor", "elendil")),
    # a reaction verb is not absorbed by a definite event noun, nor is the noun's doer the one reacting
    ("Gondorian police arrested Elendil on Monday. Arnor protested the arrest.", ("PROTEST", "arnor", "gondor")),
    # the event a content noun is "of": the members of a meeting
    ("Arnor and Gondor held a summit in Minas on Friday. Mordor denounced the conclusions of the summit.",
     ("ACCUSE", "mordor", "gondor")),
    ("Arnor and Gondor held a summit in Minas on Friday. Mordor denounced the conclusions of the summit.",
     ("ACCUSE", "mordor", "arnor")),
])
def test_reference_takes_the_doer(model: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in pairs(code(model, text))


def test_reason_names_the_reference_and_its_line(model: Language) -> None:
    text = "Gondor launched a military offensive against Rohan.\nArnor condemned the operation."
    event = next(e for e in code(model, text) if e.type == "ACCUSE")
    assert event.reason.split("[rules=")[0].endswith(":ref:operation->L1")
    assert "event-reference" in rules.fired_in(event.reason)


@pytest.mark.parametrize(("text", "unexpected"), [
    # an indefinite phrase refers to no event told before
    ("Gondor launched a military offensive against Rohan. Arnor condemned an operation.",
     ("ACCUSE", "arnor", "gondor")),
    # taking part in an accusation is no criticism of it
    ("Elendil announced an investigation into Gondor on Monday. Rohan joined the investigation.",
     ("ACCUSE", "rohan", "elendil")),
    # a noun that cannot name that kind of event
    ("Gondor launched a military offensive against Rohan. Arnor condemned the deal.",
     ("ACCUSE", "arnor", "gondor")),
    # never the reacting actor itself: its own act is not an act against it
    ("Gondor launched a military offensive against Rohan. Gondor defended the operation.",
     ("SUPPORT", "gondor", "gondor")),
    # an act told too long before is out of reach
    ("Gondor launched a military offensive against Rohan. " + "Rain fell in Minas. " * 9
     + "Arnor condemned the operation.", ("ACCUSE", "arnor", "gondor")),
])
def test_no_reference_is_made(model: Language, text: str, unexpected: tuple[str, str, str]) -> None:
    assert unexpected not in pairs(code(model, text))


def test_reference_nouns_name_known_types() -> None:
    known = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
             "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    nouns = reference_nouns()
    assert nouns["operation"] == {"ASSAULT", "MOBILIZE"}
    assert all(types and types <= known for types in nouns.values())


def test_event_off_the_parse_is_left_unchanged(model: Language) -> None:
    text = "Arnor condemned the operation."
    event = Event(id="", type="ACCUSE", source="arnor", target=None, trigger=Span(500, 509, "condemned"),
                  evidence=text)
    assert resolve_references([event], model(text), Document(text=text), lexicon=load_lexicon()) == [event]

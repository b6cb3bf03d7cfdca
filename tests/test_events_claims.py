"""Claims of responsibility (events/claims.py) on sentences written for the tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph import nlp
from tests.test_events_stance import code

ATTACK = "A bomb struck the embassy of Gondor on Monday. "


@pytest.fixture(scope="module")
def model() -> Language:
    return nlp.load()


@pytest.mark.parametrize("claim", [
    "On Tuesday, Rohan claimed responsibility for the attack.",
    "Rohan later claimed responsibility.",
])
def test_the_claimer_of_an_attack_is_its_doer(model: Language, claim: str) -> None:
    _, events = code(model, ATTACK + claim)
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert [(e.source, e.target) for e in assaults] == [("rohan", "gondor")]  # one event, with its doer
    assert "claimed-by:claim" in assaults[0].reason and len(assaults[0].spans) == 2


@pytest.mark.parametrize("claim", [
    "On Tuesday, Rohan denied responsibility for the attack.",
    "Rohan did not claim responsibility for the attack.",
])
def test_a_denied_claim_names_no_doer(model: Language, claim: str) -> None:
    _, events = code(model, ATTACK + claim)
    assert all(e.source != "rohan" for e in events if e.type == "ASSAULT")

"""Demands in quotations (events/demand.py) on sentences written for the tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph import nlp
from newsgraph.document import Event
from tests.test_events_stance import code


@pytest.fixture(scope="module")
def model() -> Language:
    return nlp.load()


def demands(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.type, e.source, e.target) for e in events if e.reason.startswith("demand:quote")}


@pytest.mark.parametrize(("text", "expected"), [
    ('"Gondor must do more to stop the smugglers," said Elendil.', ("REQUEST", "elendil", "gondor")),
    ('Elendil said, "Gondor has to pay for the damage."', ("REQUEST", "elendil", "gondor")),
    # a passive names who is acted upon, not who must act
    ('Elendil said, "The parliament of Gondor must be heard at once."', ("REQUEST", "elendil", None)),
    ('"It is time to give the people of Gondor the final say," said Elendil.', ("REQUEST", "elendil", None)),
])
def test_a_quoted_demand_is_a_request_of_whoever_must_act(model: Language, text: str,
                                                          expected: tuple[str, str, str | None]) -> None:
    _, events = code(model, text)
    assert expected in demands(events)


@pytest.mark.parametrize("text", [
    '"We must stay calm and united," said Elendil.',
    '"Our policy should resemble that of Rohan," said Elendil.',
    '"Gondor must have known about the plan," said Elendil.',
    '"If the talks fail, Gondor has to leave," said Elendil.',
    '"Gondor does not have to leave," said Elendil.',
    '"Must Gondor really leave?" asked Elendil.',
    '"No one should take this storm lightly," said Elendil.',
    '"Denethor should be remembered as a tyrant," said Elendil.',
    '"The weather must improve soon," said Elendil.',
])
def test_no_demand_of_the_own_side_a_guess_a_condition_or_no_one(model: Language, text: str) -> None:
    _, events = code(model, text)
    assert not demands(events)

"""Groups and generic agents as actors, on sentences written for the tests."""

from __future__ import annotations

import pytest

from newsgraph.document import Actor, Document
from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_text


def run(pipeline: Pipeline, body: str) -> Document:
    return pipeline.run(read_text(f"Report\n\n{body}\n"))


def holding(doc: Document, text: str) -> list[Actor]:
    return [a for a in doc.actors if any(m.text == text for m in a.mentions)]


@pytest.mark.parametrize(("body", "mention", "name"), [
    # a group's name leaves out the count before it
    ("At least 300 protesters marched on the parliament in Nairobi on Monday.", "At least 300 protesters",
     "protesters"),
    ("Police arrested some 40 students outside the university in Nairobi.", "some 40 students", "students"),
    ("Kenyan troops attacked the camp.", "Kenyan troops", "Kenyan troops"),
])
def test_a_group_is_named_without_its_count(pipeline: Pipeline, body: str, mention: str, name: str) -> None:
    found = holding(run(pipeline, body), mention)
    assert [a.name for a in found] == [name], [(a.name, [m.text for m in a.mentions]) for a in found]


@pytest.mark.parametrize(("body", "mention", "country"), [
    ("Police in Kenya arrested the organisers of the march.", "Police", "KEN"),
    ("Troops from Chad attacked the camp on Sunday.", "Troops", "TCD"),
])
def test_a_group_takes_the_state_named_after_it(pipeline: Pipeline, body: str, mention: str, country: str) -> None:
    found = holding(run(pipeline, body), mention)
    assert [(a.kind, a.country) for a in found] == [("organization", country)]


def test_the_same_group_later_is_one_actor(pipeline: Pipeline) -> None:
    doc = run(pipeline, "Kenyan protesters blocked the road to Nairobi on Monday. Police later dispersed "
                        "the protesters with tear gas.")
    found = holding(doc, "Kenyan protesters")
    assert len(found) == 1 and "protesters" in [m.text for m in found[0].mentions]
    assert found[0].country == "KEN"


@pytest.mark.parametrize(("body", "mention", "sector"), [
    # armed and security groups from PETRARCH2's agents dictionary (data/agents.tsv)
    ("Commandos stormed the compound in Mombasa on Monday.", "Commandos", "MIL"),
    ("Kenyan policemen detained the driver.", "Kenyan policemen", "COP"),
    ("Separatist rebels attacked the garrison.", "Separatist rebels", "REB"),
])
def test_armed_agents_are_groups(pipeline: Pipeline, body: str, mention: str, sector: str) -> None:
    found = holding(run(pipeline, body), mention)
    assert [(a.kind, a.sector) for a in found] == [("organization", sector)], [(a.name, a.sector) for a in found]


@pytest.mark.parametrize(("body", "mention", "acts"), [
    # a US state that acts is a place actor of the United States; one that says where is not an actor
    ("Ohio sued the company over the spill.", "Ohio", True),
    ("The company sued the state of Ohio over the tax.", "Ohio", True),
    ("The rally was held in Dayton, Ohio, on Saturday.", "Ohio", False),
    ("The governor visited Ohio voters on Friday.", "Ohio", False),
])
def test_a_us_state_is_an_actor_where_it_acts(pipeline: Pipeline, body: str, mention: str, acts: bool) -> None:
    found = holding(run(pipeline, body), mention)
    assert [(a.kind, a.country) for a in found] == ([("location", "USA")] if acts else []), \
        [(a.name, a.kind) for a in found]


def test_members_of_the_one_force_are_that_force(pipeline: Pipeline) -> None:
    doc = run(pipeline, "Kenyan police dispersed the crowd in Nairobi on Monday. Two police officers were hurt "
                        "when the protesters threw stones.")
    found = holding(doc, "Kenyan police")
    assert len(found) == 1 and any(m.text.endswith("police officers") for m in found[0].mentions), \
        [(a.name, [m.text for m in a.mentions]) for a in doc.actors]

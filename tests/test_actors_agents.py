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

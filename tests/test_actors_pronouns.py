"""Pronouns resolved once, by the actors and quotes stages, on short texts written for the tests."""

from __future__ import annotations

import pytest

from newsgraph.document import Document
from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_text


def reading(document: Document, word: str, nth: int = 0) -> str | None:
    """The name of the actor the ``nth`` occurrence of ``word`` was resolved to, else None."""
    starts = [i for i in range(len(document.text)) if document.text.startswith(word, i)
              and not document.text[i - 1:i].isalpha() and not document.text[i + len(word):i + len(word) + 1].isalpha()]
    start = starts[nth]
    found = document.actor_at(start, start + len(word))
    return found.name if found is not None else None


@pytest.mark.parametrize(("text", "word", "expected"), [
    # an object: the person named before it in its sentence, other than the clause's subject
    ("Foreign minister Faramir Hurinson met Theoden Eorling in Minas on Monday, and later thanked him.",
     "him", "Theoden Eorling"),
    # an object with no one named before it in its sentence: the one person the sentence before names
    ("Foreign minister Faramir Hurinson met Theoden Eorling in Minas on Monday. He later urged him to resign.",
     "him", "Theoden Eorling"),
    # an object in a participle phrase: the one the verb it serves acted on
    ("Foreign minister Maria Lenz expelled the Russian envoy on Monday, accusing him of spying.",
     "him", "Russian envoy"),
    # an owner: the person subject of its clause
    ("Faramir Hurinson, the envoy of Theoden Eorling, announced his resignation on Monday.",
     "his", "Faramir Hurinson"),
])
def test_a_pronoun_becomes_a_mention_of_its_person(pipeline: Pipeline, text: str, word: str, expected: str) -> None:
    document = pipeline.run(read_text(text))
    assert reading(document, word) == expected
    mention = next(m for a in document.actors for m in a.mentions if m.text == word)
    assert mention.reason.startswith(f"pronoun:{word}:")


def test_a_pronoun_inside_a_quotation_is_never_its_speaker(pipeline: Pipeline) -> None:
    text = ("Foreign minister Maria Lenz resigned on Monday.\n\n"
            'Prime minister Anton Weber said: "We asked her to stay. She refused and left her post."')
    document = pipeline.run(read_text(text))
    speaker = next(q.speaker for q in document.quotes if "She refused" in q.text)
    assert speaker is not None and document.actor(speaker).name == "Anton Weber"
    assert reading(document, "She") == "Maria Lenz"  # the one person named before the quotation
    assert reading(document, "her") != "Anton Weber"
    assert reading(document, "her", 1) != "Anton Weber"

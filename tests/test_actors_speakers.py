"""Speakers named only by a word for a person, on short texts written for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph import store as st
from newsgraph.document import Document
from newsgraph.knowledge import data_rows
from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_text
from tests.conftest import WORDNET, load_tool


def speaker_of(document: Document, words: str) -> str | None:
    quote = next(q for q in document.quotes if words in q.text)
    actor = document.actor(quote.speaker) if quote.speaker else None
    return actor.name if actor is not None else None


@pytest.mark.parametrize(("text", "words", "speaker", "kind"), [
    ("The bus driver told reporters on Monday that he had lost control of the vehicle.", "lost control",
     "bus driver", "person"),
    ("Doctors at the city hospital said on Monday that three patients were in a critical condition.",
     "three patients", "Doctors", "organization"),
    ("The old bridge collapsed on Monday, according to local residents of the town.", "bridge collapsed",
     "local residents", "organization"),
    # a state's demonym before the word is no other actor; "source" is a communicator in WordNet
    ("A Kenyan government source said on Monday that the ban would not be lifted.", "ban would not",
     "Kenyan government source", "person"),
])
def test_a_speaker_named_by_a_word_for_a_person_is_an_actor(pipeline: Pipeline, text: str, words: str,
                                                            speaker: str, kind: str) -> None:
    document = pipeline.run(read_text(text))
    assert speaker_of(document, words) == speaker
    found = next(a for a in document.actors if a.name == speaker)
    assert found.kind == kind and found.reason.startswith(("speaker:", "group:"))


def test_a_speaker_phrase_that_names_someone_is_not_a_second_actor(pipeline: Pipeline) -> None:
    text = "Maria Lenz, the mother of the victim, said on Monday that the driver had not stopped."
    document = pipeline.run(read_text(text))
    assert speaker_of(document, "had not stopped") == "Maria Lenz"
    assert not any(a.reason.startswith("speaker:") for a in document.actors)


@pytest.mark.skipif(not (WORDNET / "index.noun").exists(), reason=f"WordNet is not at {WORDNET}")
def test_the_person_nouns_are_those_the_script_builds() -> None:
    built = load_tool("build_person_nouns").person_nouns(WORDNET)
    assert [r[0] for r in data_rows("person_nouns.txt")] == built
    assert "driver" in built and "analyst" in built and "bridge" not in built


@pytest.mark.skipif(not (WORDNET / "index.noun").exists(), reason=f"WordNet is not at {WORDNET}")
def test_the_person_heads_are_those_the_script_builds() -> None:
    built = load_tool("build_person_nouns").person_heads(WORDNET)
    assert [r[0] for r in data_rows("person_heads.txt")] == built
    assert "nominee" in built and "magnate" in built and "time" not in built and "campaign" not in built


def test_speakers_named_only_by_a_word_stay_apart_across_articles(pipeline: Pipeline, tmp_path: Path) -> None:
    texts = ["Analysts said on Monday that the new tariff on steel would hurt exporters.",
             "Analysts said on Tuesday that the harvest in the north had been poor."]
    store = st.connect(tmp_path / "speakers.db")
    try:
        st.ingest(store, [read_text(text, f"speakers-{n}") for n, text in enumerate(texts)], pipeline)
        assert [p["documents"] for p in st.actor(store, "Analysts")] == [1, 1]
    finally:
        store.close()

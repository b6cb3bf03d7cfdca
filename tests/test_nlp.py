"""The spaCy layer: lemmas of inflected verbs, sentence starts at line breaks, chunked parsing."""

from __future__ import annotations

import pytest

from newsgraph import nlp
from newsgraph.pipeline import Pipeline


@pytest.mark.parametrize(("sentence", "verb", "lemma"), [
    ("Students staged demonstrations in Minas Tirith.", "staged", "stage"),
    ("Gondor waged war on Mordor.", "waged", "wage"),
    ("Elendil hoped that Arnor would withdraw.", "hoped", "hope"),
    ("Elendil is hoping to win.", "hoping", "hope"),
    ("Arnor stopped the talks.", "stopped", "stop"),
    ("Arnor visited Gondor.", "visited", "visit"),
    ("The police fixed the date.", "fixed", "fix"),
    ("Arnor opened the border.", "opened", "open"),
])
def test_verb_lemmas_keep_their_final_e(pipeline: Pipeline, sentence: str, verb: str, lemma: str) -> None:
    [token] = [t for t in pipeline.nlp(sentence) if t.text == verb]
    assert token.lemma_ == lemma


def test_a_sentence_starts_after_every_line_break(pipeline: Pipeline) -> None:
    doc = nlp.parse(pipeline.nlp, "Arnor and Gondor\nThe envoy of Arnor met the envoy of Gondor.", chunk_chars=10_000)
    assert [s.text.strip() for s in doc.sents] == ["Arnor and Gondor", "The envoy of Arnor met the envoy of Gondor."]


def test_a_chunked_parse_keeps_the_text_and_its_offsets(pipeline: Pipeline) -> None:
    text = "\n".join(f"Gondor sent envoy number {n} to Arnor." for n in range(40))
    doc = nlp.parse(pipeline.nlp, text, chunk_chars=200)
    assert doc.text == text
    assert all(text[t.idx:t.idx + len(t)] == t.text for t in doc)

"""The learned linker (events/linker.py): which of a sentence's actors are a proposed event's sides."""

from __future__ import annotations

import pytest
from spacy.tokens import Token

from newsgraph import nlp
from newsgraph.document import Document, Event
from newsgraph.events import every_proposal, find_events, proposals
from newsgraph.events.lexicon import load_lexicon
from newsgraph.events.linker import link_sides, options, path, placed_actors, shipped_linker
from newsgraph.events.scorer import ScorerModel
from newsgraph.pipeline import Pipeline, Work
from newsgraph.readers.base import RawDocument
from newsgraph.settings import Settings
from newsgraph.training.links import within
from tests.test_events import code

STORY = "Spain accuses Italy\n\nFrance praised Spain on Monday, officials in Paris said.\n"


def work(pipeline: Pipeline, text: str = STORY) -> Work:
    return pipeline.run_work(RawDocument(text=text, origin="test", published="2030-05-08"))


def model(weights: dict[str, float], *, threshold: float = 0.5) -> ScorerModel:
    return ScorerModel(weights=weights, bias=-2.0, threshold=threshold, trained_on={})


def first_trigger(done: Work, lemma: str) -> tuple[object, list[Event], dict]:
    placed = placed_actors(done.doc, done.document)
    for sent in done.doc.sents:
        for trigger, made in proposals(sent, done.document, load_lexicon()):
            if trigger.token.lemma_ == lemma:
                return trigger.token, made, placed.get(sent.start, {})
    raise AssertionError(f"no trigger {lemma}")


def test_a_path_runs_up_from_the_trigger_and_down_to_the_actor(pipeline: Pipeline) -> None:
    done = work(pipeline, "Spain attacked Italy near the river.\n")
    verb = next(t for t in done.doc if t.lemma_ == "attack")
    subject = next(t for t in done.doc if t.text == "Spain")
    river = next(t for t in done.doc if t.text == "river")
    assert path(verb, subject) == ("^|nsubj", 1)
    assert path(verb, river) == ("^|prep:near>pobj", 2)


def test_options_hold_the_rules_pairs_and_every_ordered_pair_of_the_sentence(pipeline: Pipeline) -> None:
    done = work(pipeline)
    token, made, actors = first_trigger(done, "praise")
    found = options(token, made, actors, done.document)
    pairs = {(o.source, o.target) for o in found}
    ids = list(actors)
    assert len(ids) >= 2
    assert {(s, t) for s in ids for t in ids if s != t} <= pairs
    assert {(e.source, e.target) for e in made} <= pairs
    ruled = [o for o in found if (o.source, o.target) in {(e.source, e.target) for e in made}]
    assert all("pair:rule=True" in o.features for o in ruled)


#: A model that takes a verb's object for the doer and its subject for the one acted upon.
BACKWARDS = {"src:path=^|dobj": 3.0, "tgt:path=^|nsubj": 3.0}


def refusal() -> tuple[Token, list[Event], dict[str, list[Token]], Document]:
    """A refusal whose target the rules leave open: "the result" names no actor."""
    parse = nlp.load()
    text = "Elendil won the election, but Arnor would not endorse the result of the census."
    document, _ = code(parse, text)
    trigger, made, actors = next((t, m, a) for t, m, a in every_proposal(parse(text), document, load_lexicon())
                                 if t.token.lemma_ == "endorse")
    assert [(e.type, e.source, e.target) for e in made] == [("REJECT", "arnor", None)]
    return trigger.token, made, actors, document


#: A model that takes the subject of the clause before for the one refused.
BEFORE = {"src:rule": 2.0, "tgt:path=^conj|nsubj": 2.0}


def test_the_linker_fills_a_side_the_rules_left_open() -> None:
    token, made, actors, document = refusal()
    linked = link_sides(token, made, actors, document, model(BEFORE))
    assert [(e.source, e.target) for e in linked] == [("arnor", "elendil")]
    assert linked[0].origin.startswith("linked:") and "linked=" in linked[0].reason


def test_an_event_the_rules_completed_keeps_its_sides(pipeline: Pipeline) -> None:
    done = work(pipeline)
    token, made, actors = first_trigger(done, "accuse")
    assert [(e.source, e.target) for e in made] == [("ESP", "ITA")]
    assert link_sides(token, made, actors, done.document, model(BACKWARDS)) == made


def test_a_likeliest_pair_the_rules_read_keeps_the_rules_events() -> None:
    token, made, actors, document = refusal()
    assert link_sides(token, made, actors, document, model({"pair:rule=True": 5.0})) == made


@pytest.mark.parametrize("threshold", [0.99, 1.0])
def test_the_rules_sides_stand_where_the_linker_is_unsure(threshold: float) -> None:
    token, made, actors, document = refusal()
    assert link_sides(token, made, actors, document, model(BEFORE, threshold=threshold)) == made
    assert link_sides(token, made, actors, document, None) == made


def test_the_linker_is_off_unless_asked_for(pipeline: Pipeline) -> None:
    text = "Elendil won the election, but Arnor would not endorse the result of the census."
    document, _ = code(nlp.load(), text)
    parsed = nlp.load()(text)
    always = model({"src:rule": 5.0, "tgt:path=^conj|nsubj": 5.0})
    assert not any(e.origin.startswith("linked:") for e in find_events(parsed, document, scored=False, linker=always))
    linked = find_events(parsed, document, scored=False, linker=always, link=True)
    assert ("REJECT", "arnor", "elendil") in {(e.type, e.source, e.target) for e in linked}
    assert Settings().link_events is False


def test_the_shipped_linker_records_what_it_was_trained_on() -> None:
    linker = shipped_linker()
    assert linker is not None and 0 < linker.threshold < 1
    assert linker.trained_on["articles"]["positive"] > 0  # type: ignore[index]


def test_a_marked_phrase_holds_the_actors_named_inside_it(pipeline: Pipeline) -> None:
    done = work(pipeline, "The envoys of Spain met the king of Italy in Rome.\n")
    assert within("ESP", "The envoys of Spain", done.document)
    assert not within("ITA", "The envoys of Spain", done.document)
    assert not within("ESP", "a phrase not in the text", done.document)


@pytest.mark.parametrize(("text", "wrong"), [
    ("Arnor condemned the attack on Gondor.", ("ASSAULT", "arnor", "gondor")),
    ("Arnor and Gondor resumed their attacks.", ("ASSAULT", "arnor", "gondor")),
    ("Gondor and Mordor came close to open war.", ("ASSAULT", "gondor", "mordor")),
    ("Arnor launched airstrikes with Rohan against the rebels.", ("ASSAULT", "arnor", "rohan")),
    ("Elendil won the election, but Arnor would not endorse the result of the census.", ("REJECT", "elendil", "arnor")),
    ("The Mordor attack on Gondor was condemned. Gondor's attack by Mordor shocked Arnor.",
     ("ASSAULT", "mordor", "arnor")),
])
def test_the_shipped_linker_leaves_the_rules_sides_where_grammar_rules_a_pair_out(
        text: str, wrong: tuple[str, str, str]) -> None:
    """A side the rules leave open is not filled against grammar: the doer of another event, a partner
    ("with"), a conjoined subject, a speaker, a near miss."""
    model = nlp.load()
    document, _ = code(model, text)
    linked = find_events(model(text), document, scored=False, link=True)
    assert wrong not in {(e.type, e.source, e.target) for e in linked}

"""Stance events (praise and criticism of a named actor) on sentences written for the tests.

Actors are made here by name (fictional people and states) so that these tests exercise the quote and
event stages alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph import nlp
from newsgraph.actors.pronouns import object_pronouns, quoted_pronouns
from newsgraph.document import Actor, Document, Event, Mention, Span
from newsgraph.events import find_events
from newsgraph.events.dedup import with_stance
from newsgraph.events.stance import judge, load_stance
from newsgraph.knowledge import data_rows
from newsgraph.quotes import find_quotes
from tests.conftest import WORDNET, load_tool
from tests.test_events import _find_all

ROOT = Path(__file__).resolve().parents[1]
PEOPLE = {"Elendil": "ARN", "Denethor": "GON", "Theoden": "ROH"}
STATES = {"Arnor": "ARN", "Gondor": "GON", "Rohan": "ROH"}


@pytest.fixture(scope="module")
def model() -> Language:
    return nlp.load()


def code(model: Language, text: str) -> tuple[Document, list[Event]]:
    parsed = model(text)
    document = Document(text=text, published="2021-03-04")
    names = [(n, "person", c) for n, c in PEOPLE.items()] + [(n, "country", c) for n, c in STATES.items()]
    for name, kind, country in names:
        mentions = [Mention(i, i + len(name), name) for i in _find_all(text, name)]
        if mentions:
            document.actors.append(Actor(id=name.lower(), name=name, kind=kind, country=country, mentions=mentions))
    object_pronouns(parsed, document)
    document.quotes = find_quotes(parsed, document)
    quoted_pronouns(parsed, document)
    return document, find_events(parsed, document, scored=False, link=False)  # the rules: the linker has its own tests


def stance(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.type, e.source, e.target) for e in events if e.reason.startswith("stance:")}


@pytest.mark.parametrize(("text", "expected"), [
    ('Elendil called Gondor\'s plan a "cowardly stunt" on Monday.', ("ACCUSE", "elendil", "gondor")),
    ('Elendil called the visit by Denethor a "turning point" in relations.', ("SUPPORT", "elendil", "denethor")),
    ('Elendil called the treaty between Gondor and Rohan "null and void".', ("REJECT", "elendil", "gondor")),
    ('Elendil attacked the inquiry by Gondor as "garbage".', ("ACCUSE", "elendil", "gondor")),
    ("Elendil described Denethor as a brilliant and wise leader.", ("SUPPORT", "elendil", "denethor")),
    ('Elendil commented on the treaty between Gondor and Rohan, calling it "illegal".',
     ("REJECT", "elendil", "gondor")),
    # an adjective the parse hangs on "as", and an "as" phrase hung on the object
    ("Elendil described Denethor's plan as unacceptable.", ("REJECT", "elendil", "denethor")),
    ("Elendil described the plan of Denethor as reckless and dangerous.", ("ACCUSE", "elendil", "denethor")),
    # the one person named in the sentence before, evaluated as "him"
    ("Denethor won the vote. Elendil called him a liar and a coward.", ("ACCUSE", "elendil", "denethor")),
    # a verb of criticism from WordNet's tree under criticize/insult (data/stance_verbs_wordnet.tsv)
    ("Elendil insulted Denethor as unintelligent.", ("ACCUSE", "elendil", "denethor")),
    # a passive evaluation with its agent
    ("Denethor was described by Elendil as a brilliant and wise leader.", ("SUPPORT", "elendil", "denethor")),
])
def test_an_evaluation_of_an_actor_or_of_their_thing_is_coded(model: Language, text: str,
                                                              expected: tuple[str, str, str]) -> None:
    _, events = code(model, text)
    assert expected in stance(events)


@pytest.mark.parametrize("text", [
    "Elendil rejected Denethor's victory as fraudulent.",
    "Elendil rejected the victory of Denethor as fraudulent.",
])
def test_a_verb_of_rejection_stays_a_rejection_whatever_its_predicate_says(model: Language, text: str) -> None:
    _, events = code(model, text)
    found = {(e.type, e.source, e.target) for e in events}
    assert ("REJECT", "elendil", "denethor") in found
    assert ("ACCUSE", "elendil", "denethor") not in found


@pytest.mark.parametrize("text", [
    'Elendil called the weather in the north "terrible".',
    'Elendil called Gondor\'s plan "a proposal".',
    'Elendil did not call Gondor\'s plan a "stunt".',
    "Elendil called on Gondor to withdraw its troops.",
    'Elendil called himself a "humble servant".',
    "Denethor was described as a brilliant and wise leader.",
    # "him" with several people named in the sentence before
    "Denethor met Theoden in Rohan. Elendil called him a liar and a coward.",
])
def test_no_stance_without_an_evaluated_actor_or_a_clear_polarity(model: Language, text: str) -> None:
    _, events = code(model, text)
    assert not stance(events)


@pytest.mark.parametrize(("text", "expected"), [
    ('Denethor ruled Gondor for years. "He was a tyrant. He was ruthless," said Elendil.',
     ("ACCUSE", "elendil", "denethor")),
    ('"Denethor made a great and wonderful contribution to the peace of our region," Elendil said.',
     ("SUPPORT", "elendil", "denethor")),
    # "he" with no one named just before: the person the story is about
    ('Denethor resigned as steward on Monday. Denethor said he would leave in May.\n\nThe council will '
     'meet next week.\n\n"He made a wise and wonderful decision," said Elendil.', ("SUPPORT", "elendil", "denethor")),
])
def test_a_quotation_judging_an_actor_is_coded_for_its_speaker(model: Language, text: str,
                                                               expected: tuple[str, str, str]) -> None:
    _, events = code(model, text)
    assert expected in stance(events)


@pytest.mark.parametrize("text", [
    'Denethor met Theoden in Rohan. "He is a wonderful leader," said Elendil.',
    '"Denethor was brave and kind. He was also corrupt and cruel," said Elendil.',
    '"Arnor will never accept this terrible aggression," said Elendil.',
    '"The weather was wonderful," said Elendil.',
    # no one named just before and no one the story is mostly about
    'Denethor met Theoden.\n\nThe council will meet next week.\n\n'
    '"He made a wise and wonderful decision," said Elendil.',
])
def test_no_stance_from_an_ambiguous_mixed_own_side_or_actorless_quotation(model: Language, text: str) -> None:
    _, events = code(model, text)
    assert not stance(events)


def test_stance_events_carry_offsets_code_and_reason(model: Language) -> None:
    document, events = code(model, 'Elendil called Gondor\'s plan a "cowardly stunt".')
    found = [e for e in events if e.reason.startswith("stance:")]
    assert found
    for event in found:
        assert document.text[event.trigger.start:event.trigger.end] == event.trigger.text
        assert event.cameo == "111" and event.quad == 3 and event.intensity is not None
        assert "vader=" in event.reason


@pytest.mark.parametrize(("words", "sign", "validity"), [
    ("null and void", -1, True),
    ("not illegal", 1, False),
    ("a wonderful friend", 1, False),
    ("a cruel tyrant", -1, False),
])
def test_judge_reads_polarity_and_validity(model: Language, words: str, sign: int, validity: bool) -> None:
    judgement = judge(list(model(words)), load_stance())
    assert judgement.score * sign > 0 and judgement.validity is validity


def _event(kind: str, start: int, *, reason: str = "lexicon", target: str = "gondor") -> Event:
    span = Span(start, start + 4, "word")
    return Event(id="", type=kind, source="arnor", target=target, trigger=span, evidence="One sentence.",
                 spans=[span], reason=reason)


def test_a_stance_event_repeating_a_lexicon_event_of_its_sentence_is_left_out() -> None:
    kept = with_stance([_event("ACCUSE", 0)], [_event("REJECT", 10, reason="stance:call-oprd")])
    assert [e.type for e in kept] == ["ACCUSE"]


def test_a_stance_reading_of_a_verb_replaces_its_lexicon_reading() -> None:
    kept = with_stance([_event("ASSAULT", 0)], [_event("ACCUSE", 0, reason="stance:attack-as")])
    assert [(e.type, e.reason) for e in kept] == [("ACCUSE", "stance:attack-as")]


def test_a_stance_event_with_other_parties_is_kept() -> None:
    kept = with_stance([_event("ACCUSE", 0)], [_event("ACCUSE", 10, reason="stance:quote", target="rohan")])
    assert len(kept) == 2


def test_an_as_phrase_the_parse_hung_on_a_later_verb_is_still_the_evaluation(model: Language) -> None:
    from spacy.tokens import Doc

    from newsgraph.events.stance import _as_object

    words = ["Elendil", "hailed", "as", "heroes", "the", "generals", "killed", "in", "battle", "."]
    heads = [1, 1, 6, 2, 5, 3, 1, 6, 7, 1]
    deps = ["nsubj", "ROOT", "mark", "pobj", "det", "appos", "advcl", "prep", "pobj", "punct"]
    starts: list[bool | int | None] = [True, *([False] * 9)]
    doc = Doc(model.vocab, words=words, heads=heads, deps=deps, sent_starts=starts)
    found = _as_object(doc[1])
    assert found is not None and found.text == "heroes"
    assert _as_object(doc[6]) is None  # "killed" is not followed by "as"


@pytest.mark.parametrize(("first", "second", "merged"), [
    # two judgements in two sentences are two statements
    (("stance:hail-as", "Elendil hailed them."), ("stance:call-oprd", "Elendil called it a success."), 2),
    # the same judgement read twice from one sentence is one
    (("stance:hail-as", "Elendil hailed them."), ("stance:quote-q1", "Elendil hailed them."), 1),
    # a judgement and an act of another sentence are two acts ("launched an inquiry into Y" and later
    # "called Y's conduct a 'breach'")
    (("inquiry:asserted:noun", "Elendil opened an inquiry."), ("stance:call-oprd", "Elendil called it a breach."), 2),
    # a verb's praise told again elsewhere is one event, as for any other telling
    (("praise:asserted:verb", "Elendil praised Gondor."), ("laud:asserted:verb", "Gondor was lauded."), 1),
])
def test_stance_statements_in_different_sentences_stay_apart(first: tuple[str, str], second: tuple[str, str],
                                                             merged: int) -> None:
    from newsgraph.events.dedup import dedup

    def event(reason: str, evidence: str) -> Event:
        span = Span(0, 1, "x")
        return Event(id="", type="SUPPORT", source="elendil", target="gondor", trigger=span, evidence=evidence,
                     spans=[span], reason=f"{reason}:published", dated_by="published",
                     origin="stance" if reason.startswith("stance:") else "lexicon:verb:x")
    assert len(dedup([event(*first), event(*second)])) == merged


@pytest.mark.skipif(not (WORDNET / "data.verb").exists(), reason="WordNet (wordnet-base) not installed")
def test_the_wordnet_stance_verbs_are_those_the_script_builds() -> None:
    built = dict(load_tool("build_stance_verbs").stance_verbs(WORDNET))
    assert {r[0]: r[1] for r in data_rows("stance_verbs_wordnet.tsv")} == built
    assert built["insult"] == "-" and built["extol"] == "+" and "push" not in built

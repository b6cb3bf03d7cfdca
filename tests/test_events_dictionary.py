"""The event dictionary generated from a PETRARCH-style verb dictionary (tools/build_event_dictionary.py), on a
tiny dictionary and sentences written for the tests, and its place below the hand-written lexicon."""

from __future__ import annotations

import pytest

from newsgraph.events import find_events
from newsgraph.pipeline import Pipeline
from newsgraph.readers import RawDocument
from newsgraph.settings import Settings
from tests.conftest import load_tool

#: A made-up dictionary in the verb dictionary's format: a synonym set, a group with no code of its own whose
#: patterns carry codes, a coded group with a verb of another code, and a group that codes nothing.
DICTIONARY = """# written for this test
####### SYNONYM SETS #######

&CARGO
+GRAIN
+MEDICINE

####### VERB PATTERNS #######

---  HAUL   [---]  ---
HAUL
TOTE  # a synonym
- * &CARGO (TO)                  [073]   # goods sent somewhere
- * GRAIN (TO PORT)              [073]
- * {SECRET MEMOS}               [010]   # a statement: no PLOVER type
- GUARDS * GRAIN                 [073]   # a subject word: not read
- * OFF                          [087]   # a particle alone: too little
- * (AT COURT)                   [:173]  # sides reversed: not read

---  BLAST   [190]  ---
BLAST
PUMMEL [1712]
+BLAST_AWAY

---  MUSE   [---]  ---
MUSE
- * IDEA                         [010]

######## TRANSFORMATIONS ##########
~ a (a b BLAST) SAY = a b 010
"""
PLOVER = """07: AID
073: AID,   ,   humanitarian # Provide humanitarian aid
19: ASSAULT
190: ASSAULT, , military # Use conventional military force
1712: ASSAULT, seize, human_security  # Destroy property
"""


def plain_lemma(word: str, pos: str) -> str:
    """Lower case, a final plural "s" dropped from nouns: enough for the words of the test dictionary."""
    word = word.lower()
    return word[:-1] if pos == "NOUN" and word.endswith("s") else word


@pytest.fixture(scope="module")
def built() -> tuple[list[list[str]], list[list[str]]]:
    return load_tool("build_event_dictionary").build(DICTIONARY, PLOVER, plain_lemma)


def test_verbs_take_their_own_code_or_the_named_verb_its_groups(built: tuple[list[list[str]], list[list[str]]]
                                                                ) -> None:
    verbs, _ = built
    assert verbs == [
        ["blast", "blast", "ASSAULT", "-", "190"],
        ["blast away", "blast", "-", "-", "-"],  # a synonym: the group's patterns, not its code
        ["haul", "haul", "-", "-", "-"],
        ["pummel", "blast", "ASSAULT", "seize", "1712"],
        ["tote", "haul", "-", "-", "-"],
    ]


def test_patterns_expand_synonym_sets_and_drop_what_they_cannot_read(
        built: tuple[list[list[str]], list[list[str]]]) -> None:
    _, patterns = built
    assert patterns == [
        ["haul", "-", "grain", "to", "-", "AID", "-", "073"],
        ["haul", "-", "grain", "to", "port", "AID", "-", "073"],
        ["haul", "-", "medicine", "to", "-", "AID", "-", "073"],
        ["haul", "-", "secret memo", "-", "-", "-", "-", "-"],  # no PLOVER type: no event in that sense
    ]


def test_a_group_that_codes_nothing_is_left_out(built: tuple[list[list[str]], list[list[str]]]) -> None:
    verbs, patterns = built
    assert not any(row[1] == "muse" for row in verbs) and not any(row[0] == "muse" for row in patterns)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings(score_events=False))


@pytest.mark.parametrize(("text", "trigger", "coded"), [
    # "burn" and "place" are in no hand-written file: the dictionary's verb+object patterns give their sense
    ("Protesters in Gondor burned the flag of Arnor.", "burned", ("PROTEST", "141")),
    ("The Gondor army placed its troops on alert.", "placed", ("MOBILIZE", "152")),
])
def test_a_verb_only_the_dictionary_knows_is_an_event_of_dictionary_origin(
        pipeline: Pipeline, text: str, trigger: str, coded: tuple[str, str]) -> None:
    work = pipeline.run_work(RawDocument(text=text, origin="test", published="2030-05-06"))
    events = [e for e in find_events(work.doc, work.document, scored=False) if e.trigger.text == trigger]
    assert [(e.type, e.cameo) for e in events] == [coded]
    assert events[0].origin.startswith("dictionary:")


@pytest.mark.parametrize("text", [
    # "search" is coded by itself in the dictionary (CAMEO 090), but no pattern of its group fits a house
    "Gondor searched the house of an Arnor envoy.",
    "Protesters in Gondor burned the old letters of Arnor.",
])
def test_a_verb_no_pattern_fits_is_no_dictionary_event(pipeline: Pipeline, text: str) -> None:
    work = pipeline.run_work(RawDocument(text=text, origin="test", published="2030-05-06"))
    assert not [e for e in find_events(work.doc, work.document, scored=False) if e.origin.startswith("dictionary:")]


def test_the_search_for_arms_is_an_investigation(pipeline: Pipeline) -> None:
    work = pipeline.run_work(RawDocument(text="Gondor police searched the Arnor embassy for arms.", origin="test",
                                         published="2030-05-06"))
    events = [e for e in find_events(work.doc, work.document, scored=False) if e.trigger.text == "searched"]
    assert {(e.type, e.mode, e.cameo) for e in events} == {("ACCUSE", "investigate", "093")}

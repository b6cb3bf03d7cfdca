"""Event coding on sentences written for the tests (fictional states and people).

Actors are made here from the parse's named entities, one per distinct name, so that these tests
exercise the event stage alone; the people and states are listed in ACTOR_NAMES."""

from __future__ import annotations

import pytest
from spacy.language import Language

from newsgraph import nlp
from newsgraph.document import Actor, Document, Event, Mention, Quote, SetAside, TimeExpr
from newsgraph.events import find_events
from newsgraph.events.dedup import dedup, officials
from newsgraph.events.lexicon import load_lexicon
from newsgraph.knowledge import data_rows
from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_text
from tests.conftest import WORDNET, load_tool

ACTOR_NAMES = ("Arnor", "Gondor", "Rohan", "Mordor", "Elendil", "Denethor", "Theoden", "Rohirrim")


@pytest.fixture(scope="module")
def model() -> Language:
    return nlp.load()


def code(model: Language, text: str, *, dates: list[TimeExpr] | None = None,
         set_aside: list[SetAside] | None = None) -> tuple[Document, list[Event]]:
    parsed = model(text)
    document = Document(text=text, published="2021-03-04", dates=dates or [], set_aside=set_aside or [])
    for name in ACTOR_NAMES:
        mentions = [Mention(i, i + len(name), name) for i in _find_all(text, name)]
        if mentions:
            document.actors.append(Actor(id=name.lower(), name=name, kind="country", mentions=mentions))
    return document, find_events(parsed, document, scored=False, link=False)  # the rules: the linker has its own tests


def _find_all(text: str, word: str) -> list[int]:
    found, start = [], text.find(word)
    while start >= 0:
        found.append(start)
        start = text.find(word, start + 1)
    return found


def triples(events: list[Event]) -> set[tuple[str, str | None, str | None, bool]]:
    return {(e.type, e.source, e.target, e.negated) for e in events}


@pytest.mark.parametrize(("text", "expected"), [
    ("Elendil visited Gondor on Monday.", ("CONSULT", "elendil", "gondor")),
    ("Arnor signed a trade agreement with Gondor.", ("AGREE", "arnor", "gondor")),
    ("Denethor praised Rohan for its courage.", ("SUPPORT", "denethor", "rohan")),
    ("Arnor sent humanitarian aid to Gondor.", ("AID", "arnor", "gondor")),
    ("Arnor withdrew its troops from Gondor.", ("RETREAT", "arnor", "gondor")),
    ("Arnor urged Gondor to hold elections.", ("REQUEST", "arnor", "gondor")),
    ("Denethor accused Arnor of spying.", ("ACCUSE", "denethor", "arnor")),
    ("Gondor rejected the proposal from Arnor.", ("REJECT", "gondor", "arnor")),
    ("Gondor rejected the proposal.", ("REJECT", "gondor", None)),
    ("Mordor threatened Gondor with war.", ("THREATEN", "mordor", "gondor")),
    ("Arnor imposed sanctions on Mordor.", ("SANCTION", "arnor", "mordor")),
    ("Arnor deployed troops to Gondor.", ("MOBILIZE", "arnor", "gondor")),
    ("Gondor arrested Elendil in the capital.", ("COERCE", "gondor", "elendil")),
    ("Mordor attacked Gondor at dawn.", ("ASSAULT", "mordor", "gondor")),
])
def test_each_trigger_family_is_coded(model: Language, text: str, expected: tuple[str, str, str | None]) -> None:
    _, events = code(model, text)
    if expected[2] is None:
        assert all(e.type != expected[0] for e in events)  # a side that names no actor: not emitted
    else:
        assert (*expected, False) in triples(events)


def test_coding_carries_cameo_quad_intensity_and_reason(model: Language) -> None:
    _, events = code(model, "Mordor attacked Gondor at dawn.")
    event = events[0]
    assert (event.cameo, event.quad) == ("190", 4)
    assert event.intensity is not None and event.intensity < 0
    assert event.reason.startswith("attack:") and "lexicon=attack/V" in event.reason


def test_offsets_and_evidence_point_into_the_text(model: Language) -> None:
    document, events = code(model, "Gondor was calm. Mordor attacked Gondor at dawn.")
    event = events[0]
    assert document.text[event.trigger.start:event.trigger.end] == event.trigger.text == "attacked"
    assert event.evidence == "Mordor attacked Gondor at dawn."


@pytest.mark.parametrize("text", [
    "Gondor was attacked by Mordor.",
    "Gondor was attacked by Mordor on Tuesday, officials said.",
])
def test_passive_voice_takes_the_agent_as_source(model: Language, text: str) -> None:
    _, events = code(model, text)
    assert ("ASSAULT", "mordor", "gondor", False) in triples(events)


@pytest.mark.parametrize(("text", "expected"), [
    ("Gondor was attacked on Tuesday.", {("ASSAULT", None, "gondor", False)}),
    ("Three Gondorian soldiers were killed in a bombing.", {("ASSAULT", None, "gondor", False)}),
    ("Gondor was criticised on Tuesday.", set()),
])
def test_violence_without_an_agent_leaves_the_source_empty(model: Language, text: str, expected: set[tuple]) -> None:
    _, events = code(model, text)
    assert triples(events) == expected


def test_coordinated_actors_each_get_the_event(model: Language) -> None:
    _, events = code(model, "Arnor and Rohan attacked Mordor.")
    assert {("ASSAULT", "arnor", "mordor", False), ("ASSAULT", "rohan", "mordor", False)} <= triples(events)


def test_joint_action_of_coordinated_actors(model: Language) -> None:
    _, events = code(model, "Arnor and Gondor agreed to expand trade.")
    assert {(e.source, e.target) for e in events} >= {("arnor", "gondor"), ("gondor", "arnor")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Mordor did not attack Gondor.", ("ASSAULT", "mordor", "gondor", True)),
    ("Elendil cancelled his visit to Gondor.", ("CONSULT", "elendil", "gondor", True)),
    ("Elendil's visit to Gondor was cancelled.", ("CONSULT", "elendil", "gondor", True)),
])
def test_negated_and_called_off_events(model: Language, text: str, expected: tuple) -> None:
    _, events = code(model, text)
    assert triples(events) == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("Mordor vowed to attack Gondor.", ("THREATEN", "mordor", "gondor")),
    ("Denethor vowed Gondor would strike Mordor.", ("THREATEN", "gondor", "mordor")),
    ("Arnor threatened to impose sanctions on Mordor.", ("THREATEN", "arnor", "mordor")),
    ("Rohan pledged that it will not allow any aggression against Gondor.", ("AGREE", "rohan", "gondor")),
    ("Arnor promised to send aid to Gondor.", ("AGREE", "arnor", "gondor")),
    ("Arnor called for talks with Gondor.", ("REQUEST", "arnor", "gondor")),
    ("Gondor refused to meet Elendil.", ("REJECT", "gondor", "elendil")),
    ("Arnor agreed to lift the embargo on Gondor.", ("AGREE", "arnor", "gondor")),
    ("Arnor lifted the embargo on Gondor.", ("RETREAT", "arnor", "gondor")),
])
def test_modality_decides_the_type(model: Language, text: str, expected: tuple[str, str, str]) -> None:
    _, events = code(model, text)
    assert triples(events) == {(*expected, False)}


@pytest.mark.parametrize("text", [
    "Gondor and Mordor came close to open war.",
    "Mordor could attack Gondor.",
    "If Mordor attacks Gondor, Arnor will respond.",
    "Will Mordor attack Gondor?",
    "Arnor wants to arrest Elendil.",
    "Arnor pledged to protect Gondor from attacks by Mordor.",
    "If it came to that, Mordor would besiege Gondor and attack Rohan.",
])
def test_hypotheticals_questions_and_prevented_harm_are_not_coded_as_harm(model: Language, text: str) -> None:
    _, events = code(model, text)
    assert not any(e.type in ("ASSAULT", "COERCE") for e in events)


@pytest.mark.parametrize(("text", "expected"), [
    ("Elendil will visit Gondor next week.", ("AGREE", "036", "future", "visit")),
    ("Arnor is ready to send aid to Gondor.", ("AGREE", "033", "intended", None)),
    ("Mordor would blockade Gondor.", ("THREATEN", "130", "future", None)),
    ("Arnor plans to impose sanctions on Mordor.", ("THREATEN", "130", "planned", None)),
    ("Denethor announced he would resign from Arnor.", ("RETREAT", "0833", "future", "resign")),
])
def test_stated_intentions_are_coded_as_intentions(model: Language, text: str,
                                                    expected: tuple[str, str, str, str | None]) -> None:
    _, events = code(model, text)
    assert [(e.type, e.cameo, e.modality, e.mode) for e in events][:1] == [expected]


def test_reported_speech_codes_the_content_with_its_own_actors(model: Language) -> None:
    _, events = code(model, "Theoden said Mordor had attacked Gondor.")
    assert triples(events) == {("ASSAULT", "mordor", "gondor", False)}


def test_relative_clause(model: Language) -> None:
    _, events = code(model, "Arnor sent envoys to Rohan, which attacked Mordor last year.")
    assert ("ASSAULT", "rohan", "mordor", False) in triples(events)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Mordor drone strike on Gondor shocked the world.", ("ASSAULT", "mordor", "gondor")),
    ("The Arnor-led invasion of Mordor ended the war.", ("ASSAULT", "arnor", "mordor")),
    ("Elendil's visit to Gondor lasted two days.", ("CONSULT", "elendil", "gondor")),
    ("Arnor launched an attack on Mordor.", ("ASSAULT", "arnor", "mordor")),
    ("Theoden said on a trip to Gondor that trade would grow.", ("CONSULT", "theoden", "gondor")),
])
def test_nominal_events(model: Language, text: str, expected: tuple[str, str, str]) -> None:
    _, events = code(model, text)
    assert (*expected, False) in triples(events)


def test_one_event_told_several_times_is_merged(model: Language) -> None:
    text = ("Mordor attacked Gondor on Monday. The Mordor attack on Gondor was condemned. "
            "Gondor's attack by Mordor shocked Arnor.")
    _, events = code(model, text)
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1 and len(assaults[0].spans) >= 2


def test_dedup_keeps_events_with_different_dates_apart() -> None:
    def event(date: str, rule: str = "date:in 2003") -> Event:
        span = Mention(0, 1, "x")
        return Event(id="", type="ASSAULT", source="a", target="b", trigger=span, evidence="x", spans=[span],
                     date=date, reason=f"attack:asserted:verb:lexicon=attack/V:{rule}:sides=closed",
                     dated_by="published" if rule == "published" else "clause")
    assert len(dedup([event("1980"), event("2003")])) == 2
    assert len(dedup([event("2003"), event("2003-03")])) == 1
    merged = dedup([event("2021-03-04", "published"), event("2003"), event("1980")])
    assert sorted(e.date or "" for e in merged) == ["1980", "2003"]  # the assumed date yields to a stated one


def _dedup_event(source: str, date: str, rule: str) -> Event:
    span = Mention(0, 1, "x")
    return Event(id="", type="REQUEST", source=source, target="b", trigger=span, evidence="x", spans=[span],
                 date=date, reason=f"urge:asserted:verb:lexicon=urge/V:{rule}:sides=closed",
                 dated_by="published" if rule == "published" else "clause")


@pytest.mark.parametrize(("official", "sector", "merged"), [
    ("person", "GOV", True), ("organization", "GOV", True), ("person", None, False), ("person", "MED", False)])
def test_an_official_and_their_state_are_one_side_when_tellings_merge(official: str, sector: str | None,
                                                                      merged: bool) -> None:
    document = Document(text="x", actors=[Actor(id="gondor", name="Gondor", kind="country", country="GND"),
                                          Actor(id="p", name="P", kind=official, country="GND", sector=sector)])
    events = [_dedup_event("gondor", "2021-03-04", "published"), _dedup_event("p", "2021-03-01", "date:Monday")]
    found = dedup(events, acts_for=officials(document))
    assert len(found) == (1 if merged else 2)
    if merged:
        assert found[0].date == "2021-03-01"  # the telling with its own time expression dates the event


def test_a_finer_date_wins_when_tellings_merge() -> None:
    events = [_dedup_event("gondor", "198", "date:in the 1980s"), _dedup_event("gondor", "1980/1988", "date:x")]
    assert [e.date for e in dedup(events)] == ["1980/1988"]


def test_event_takes_its_clause_date(model: Language) -> None:
    text = "Elendil visited Gondor on Sunday, where Mordor attacked Rohan in 1990."
    dates = [TimeExpr(text.index("on Sunday"), text.index("on Sunday") + 9, "on Sunday", value="2021-02-28"),
             TimeExpr(text.index("in 1990"), text.index("in 1990") + 7, "in 1990", value="1990")]
    _, events = code(model, text, dates=dates)
    assert {(e.type, e.date) for e in events} == {("CONSULT", "2021-02-28"), ("ASSAULT", "1990")}


def test_without_a_time_expression_the_publication_date_is_used(model: Language) -> None:
    _, events = code(model, "Mordor attacked Gondor.")
    assert events[0].date == "2021-03-04"


def test_nothing_from_set_aside_lines(model: Language) -> None:
    text = "Mordor attacked Gondor\nElendil visited Rohan."
    _, events = code(model, text, set_aside=[SetAside(0, 22, text[:22], kind="inserted_headline")])
    assert triples(events) == {("CONSULT", "elendil", "rohan", False)}


def test_location_is_a_place_named_in_the_clause(model: Language) -> None:
    _, events = code(model, "Elendil met Denethor in Paris on Monday.")
    assert [e.location for e in events] == ["Paris"]


@pytest.mark.parametrize("text", ["", " ", "\n\n", "?!", "Arnor", "attack attack attack", "é" * 50])
def test_bad_input_never_crashes(model: Language, text: str) -> None:
    _, events = code(model, text)
    assert isinstance(events, list)


def test_lexicon_types_and_codes_are_valid() -> None:
    lexicon = load_lexicon()
    entries = [e for group in (*lexicon.verbs.values(), *lexicon.nouns.values()) for e in group]
    assert len(entries) > 200
    for entry in entries:
        row = lexicon.cameo_row(entry.cameo)
        assert row is not None, entry
        assert entry.type in {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
                              "ASSAULT"}, entry


@pytest.mark.parametrize(("text", "expected"), [
    ("Gondorian helicopters shelled positions of the Arnor army.", ("ASSAULT", "gondor", "arnor")),
    ("Envoys from Rohan visited Gondor.", ("CONSULT", "rohan", "gondor")),
    ("Mordor demanded that Gondor withdraw its troops.", ("REQUEST", "mordor", "gondor")),
    ("Rohan issued a statement blaming Mordor for the raid.", ("ACCUSE", "rohan", "mordor")),
    ("Arnor said Gondor must free the prisoners.", ("REQUEST", "arnor", "gondor")),
    ("On Tuesday Elendil met in Minas Tirith with Denethor.", ("CONSULT", "elendil", "denethor")),
    ("Arnor entered into an agreement with Gondor.", ("AGREE", "arnor", "gondor")),
    ("Denethor posted a message on the web blaming Mordor.", ("ACCUSE", "denethor", "mordor")),
    ("Elendil called for Gondorian action.", ("REQUEST", "elendil", "gondor")),
    ("Gondor placed Elendil under house arrest.", ("COERCE", "gondor", "elendil")),
    ("Talks between Arnor and Gondor began on Monday.", ("CONSULT", "arnor", "gondor")),
    ("Rohan condemned the Mordorian attack.", ("ACCUSE", "rohan", "mordor")),
    ("Denethor denounced the agreement between Arnor and Mordor.", ("ACCUSE", "denethor", "arnor")),
])
def test_arguments_are_read_from_the_whole_noun_phrase_and_clause(model: Language, text: str,
                                                                  expected: tuple[str, str, str]) -> None:
    _, events = code(model, text)
    assert (*expected, False) in triples(events)


@pytest.mark.parametrize(("text", "expected"), [
    ("Denethor resigned on Monday.", {("RETREAT", "denethor", None, False)}),
    ("The Rohirrim marched through the capital.", {("PROTEST", "rohirrim", None, False)}),
    ("Gondor criticised the decision.", set()),
    ("Arnor released a photo of Elendil.", set()),
    ("Neither Arnor nor Gondor would endorse the result.", set()),
    ("Thousands joined an anti-Gondor march.", set()),
    # a saying whose object is a clause rather than someone
    ("Gondor agreed to share information on shipping.", {("AGREE", "gondor", None, False)}),
    ("Arnor refused to join a new trade bloc.", {("REJECT", "arnor", None, False)}),
    ("Elendil demanded that the army withdraw from the border.", {("REQUEST", "elendil", None, False)}),
    ("Arnor refused to provide the network with a licence.", set()),
    ("Arnor refused to release them.", set()),
    ("Elendil said that Gondor agreed to share information.", set()),
    ("Gondor demanded elections.", set()),
])
def test_one_sided_events_only_where_the_action_needs_no_target(model: Language, text: str,
                                                               expected: set[tuple]) -> None:
    _, events = code(model, text)
    assert triples(events) == expected


def test_a_place_of_no_state_is_not_acted_upon(model: Language) -> None:
    text = "Arnor lifted the blockade of Rohan."
    parsed = model(text)
    document = Document(text=text, actors=[
        Actor(id="arnor", name="Arnor", kind="country", country="ARN", mentions=[Mention(0, 5, "Arnor")]),
        Actor(id="rohan", name="Rohan", kind="location", mentions=[Mention(30, 35, "Rohan")])])
    assert [(e.source, e.target) for e in find_events(parsed, document, scored=False)] == [("arnor", None)]
    document.actors[1].country = "GND"
    assert [(e.source, e.target) for e in find_events(parsed, document, scored=False)] == [("arnor", "rohan")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Gondor lifted the blockade of Rohan.", ("RETREAT", "gondor", "rohan")),
    ("Arnor halted aid to Gondor.", ("SANCTION", "arnor", "gondor")),
    ("Elendil charged Mordor with war crimes.", ("ACCUSE", "elendil", "mordor")),
    ("Arnor lifted the curfew in Gondor.", ("CONCEDE", "arnor", "gondor")),
])
def test_ending_a_measure_and_charges(model: Language, text: str, expected: tuple[str, str, str]) -> None:
    _, events = code(model, text)
    assert (*expected, False) in triples(events)


def test_a_definite_noun_names_the_organization_mentioned_before(model: Language) -> None:
    text = "The Gondor Embassy opened. Elendil urged the embassy to act."
    parsed = model(text)
    document = Document(text=text, published="2021-03-04", actors=[
        Actor(id="emb", name="Gondor Embassy", kind="organization", mentions=[Mention(4, 18, "Gondor Embassy")]),
        Actor(id="elendil", name="Elendil", kind="person", mentions=[Mention(27, 34, "Elendil")])])
    assert triples(find_events(parsed, document, scored=False)) == {("REQUEST", "elendil", "emb", False)}


def test_first_person_in_a_quotation_is_its_speaker(model: Language) -> None:
    text = 'Elendil said: "We condemn Mordor."'
    parsed = model(text)
    document = Document(text=text, published="2021-03-04", actors=[
        Actor(id="elendil", name="Elendil", kind="person", mentions=[Mention(0, 7, "Elendil")]),
        Actor(id="mordor", name="Mordor", kind="country", mentions=[Mention(26, 32, "Mordor")])],
        quotes=[Quote(start=15, end=33, text=text[15:33], speaker="elendil")])
    assert triples(find_events(parsed, document, scored=False)) == {("ACCUSE", "elendil", "mordor", False)}


def test_an_object_pronoun_is_the_person_named_before_it(pipeline: Pipeline) -> None:
    text = "Foreign minister Faramir Hurinson met Theoden Eorling in Minas on Monday. He later urged him to resign."
    document = pipeline.run(read_text(text))
    names = {a.id: a.name for a in document.actors}
    found = {(e.type, names.get(e.source or ""), names.get(e.target or "")) for e in document.events}
    assert ("REQUEST", "Faramir Hurinson", "Theoden Eorling") in found


@pytest.mark.parametrize(("text", "expected"), [
    # a person hit by a vehicle is in an accident, not attacked
    ("Elendil was struck by a car on Monday.", set()),
    ("Elendil was hit by a van driving on the wrong side of the road.", set()),
    # a vehicle bomb is an attack still
    ("A car bomb struck Elendil on Monday.", {("ASSAULT", None, "elendil", False)}),
    # a trip "for" talks is a visit to its host
    ("Elendil traveled to Gondor for talks.", {("CONSULT", "elendil", "gondor", False)}),
    # "with" after an attack noun names a means or a partner, after fighting the other side
    ("Arnor launched airstrikes with Rohan against the rebels.", set()),
    ("Arnor fought clashes with Rohan on Monday.", {("ASSAULT", "arnor", "rohan", False)}),
])
def test_accidents_trips_and_partners_are_no_events_against_them(
        model: Language, text: str, expected: set[tuple]) -> None:
    _, events = code(model, text)
    assert triples(events) == expected


def with_outlet(model: Language, text: str) -> list[tuple[str, str | None, str | None]]:
    """The events of ``text`` where "the Gondor Herald" is a newspaper (a media organization)."""
    document, _ = code(model, text)
    name = "the Gondor Herald"
    if name in text:
        at = text.index(name)
        document.actors.append(Actor(id="herald", name=name, kind="organization", sector="MED",
                                     mentions=[Mention(at, at + len(name), name)]))
    return [(e.type, e.source, e.target) for e in find_events(model(text), document, scored=False)]


@pytest.mark.parametrize("text", [
    "Elendil spoke with the Gondor Herald about the campaign.",
    "Elendil discussed his findings with the Gondor Herald last month.",
    "the Gondor Herald asked Elendil about the treaty.",
    "Elendil agreed to answer questions from the Gondor Herald.",
])
def test_an_outlet_at_its_own_work_is_no_event(model: Language, text: str) -> None:
    assert with_outlet(model, text) == []


def test_a_demand_made_of_an_outlet_is_an_event(model: Language) -> None:
    text = "Elendil called on the Gondor Herald to fire its editor."
    assert ("REQUEST", "elendil", "herald") in with_outlet(model, text)


@pytest.mark.parametrize(("text", "kind"), [
    # harm done by nature or animals
    ("An earthquake struck Gondor on Monday, injuring 25 people.", "ASSAULT"),
    ("Elendil was killed by a lion near the border.", "ASSAULT"),
    ("A storm killed Denethor.", "ASSAULT"),
    # hosting a thing, not a guest
    ("Elendil received his degree from Gondor in 1975.", "CONSULT"),
    ("Denethor received medical treatment in Rohan.", "CONSULT"),
    ("Elendil received the Arnor party's nomination in May.", "CONSULT"),
])
def test_what_no_one_did_to_anyone_is_no_event(model: Language, text: str, kind: str) -> None:
    _, events = code(model, text)
    assert not any(e.type == kind for e in events)


def test_harm_done_by_someone_is_an_event(model: Language) -> None:
    _, events = code(model, "Elendil was killed by Mordor near the border.")
    assert ("ASSAULT", "mordor", "elendil") in {(e.type, e.source, e.target) for e in events}


@pytest.mark.skipif(not (WORDNET / "index.noun").exists(), reason=f"WordNet is not at {WORDNET}")
def test_the_natural_causes_are_those_the_script_builds() -> None:
    built = load_tool("build_natural_causes").natural_causes(WORDNET)
    assert [r[0] for r in data_rows("event_natural_causes.tsv")] == built
    assert {"earthquake", "lion", "virus"} <= set(built) and not {"human", "drone", "soldier"} & set(built)


@pytest.mark.parametrize(("text", "pair"), [
    ("Elendil received Denethor in Minas Tirith.", ("elendil", "denethor")),
    ("Gondor hosted a state dinner for Elendil.", ("gondor", "elendil")),
])
def test_hosting_a_guest_is_a_visit(model: Language, text: str, pair: tuple[str, str]) -> None:
    _, events = code(model, text)
    assert ("CONSULT", *pair) in {(e.type, e.source, e.target) for e in events}


@pytest.mark.parametrize(("text", "kind"), [
    ("Elendil has until Friday to release plans for a vote.", None),
    ("Gondor released two Arnorian prisoners on Monday.", "RETREAT"),  # a modifier says whose, not what
    ("Elendil signed the Gondorian bill into law.", None),
    ("Gondor signed an agreement with Arnor on Monday.", "AGREE"),
])
def test_what_is_released_or_signed_tells_the_sense(model: Language, text: str, kind: str | None) -> None:
    _, events = code(model, text)
    assert {e.type for e in events if e.type in ("RETREAT", "AGREE")} == ({kind} if kind else set())


@pytest.mark.skipif(not (WORDNET / "index.noun").exists(), reason=f"WordNet is not at {WORDNET}")
def test_the_wordnet_noun_classes_are_those_the_script_builds() -> None:
    built = load_tool("build_event_noun_classes").noun_classes(WORDNET)
    assert [(r[0], r[1]) for r in data_rows("event_word_classes_wordnet.tsv")] == built
    statutes = {w for w, k in built if k == "statute"}
    content = {w for w, k in built if k == "content"}
    assert {"bill", "decree", "statute"} <= statutes and not {"treaty", "contract", "agreement"} & statutes
    assert {"report", "statement", "video", "plan"} <= content and not {"prisoner", "hostage"} & content

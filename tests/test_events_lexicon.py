"""Trigger vocabulary and the reading of modality and type, on sentences written for the tests.

Each case names the trigger word and the PLOVER type (and CAMEO code) that PLOVER 2.0 and the CAMEO
tables give the construction; the parties are left to the argument tests."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import nlp
from newsgraph.events.lexicon import load_lexicon
from newsgraph.events.modality import Reading, governs, read
from newsgraph.events.triggers import find_triggers


@pytest.fixture(scope="module")
def model() -> Language:
    return nlp.load()


def readings(model: Language, text: str) -> dict[str, Reading]:
    """The reading of each trigger in ``text``, by the trigger's word."""
    lexicon = load_lexicon()
    found: dict[str, Reading] = {}
    for sent in model(text).sents:
        triggers = find_triggers(sent, lexicon)
        indices = {t.token.i for t in triggers}
        for trigger in triggers:
            found[trigger.token.text] = read(trigger, lexicon, indices)
    return found


@pytest.mark.parametrize(("text", "word", "expected"), [
    # stated readiness to cooperate is an agreement (CAMEO 03); to use force, a threat (CAMEO 13)
    ("Gondor is willing to send aid to Rohan.", "aid", ("AGREE", "033")),
    ("Arnor said it is ready to withdraw its troops from Rohan.", "withdraw", ("AGREE", "035")),
    ("The council said it is prepared to impose martial law in Gondor.", "law", ("THREATEN", "130")),
    # a promised release or withdrawal is an intention to yield, not yet the retreat
    ("The rebels said they will release the Gondor envoy.", "release", ("AGREE", "035")),
    # an intention with an "unless" condition is a threat
    ("Arnor announced that it will withdraw its force from Rohan unless Gondor stops the raids.", "withdraw",
     ("THREATEN", "130")),
    # calling off a measure eases it: blockades and embargoes materially (RETREAT), bans and curfews
    # by decree (CONCEDE); read again through a cue above ("refused to lift")
    ("Gondor lifted the curfew in the capital.", "curfew", ("CONCEDE", "0813")),
    ("Gondor shortened the nightly curfew by one hour.", "curfew", ("CONCEDE", "0813")),
    ("The army of Arnor lifted its blockade of the Rohan port.", "blockade", ("RETREAT", "0872")),
    ("Gondor lifted the ban on the opposition party.", "ban", ("CONCEDE", "081")),
    ("Arnor lifted the embargo on Gondor.", "embargo", ("RETREAT", "085")),
    ("Gondor is refusing to lift the curfew on Rohan.", "curfew", ("REJECT", "120")),
    ("Gondor is prepared to lift the ban on the opposition party.", "ban", ("AGREE", "035")),
    ("Arnor threatened to break off diplomatic relations with Rohan.", "relations", ("THREATEN", "130")),
    ("Arnor has prohibited all aid to the rebels.", "aid", ("SANCTION", "162")),
    # calling off a cooperative act reduces relations
    ("Gondor ended its mediation between Arnor and Rohan.", "mediation", ("SANCTION", "165")),
    ("Arnor halted negotiations with the rebels.", "negotiations", ("SANCTION", "164")),
    ("Arnor ended its mediation efforts between Gondor and Rohan.", "mediation", ("SANCTION", "165")),
    ("Rohan severed diplomatic ties with Mordor.", "ties", ("SANCTION", "161")),
    # not agreeing is refusing
    ("Arnor and Gondor failed to reach agreement on the border.", "agreement", ("REJECT", "120")),
    ("Rohan said it will not accept the peace plan of Gondor, nor any agreement.", "agreement", ("REJECT", "120")),
    ("Gondor reneged on its commitment to Arnor.", "commitment", ("REJECT", "120")),
    # requests met or refused
    ("Arnor accepted the demands of the Rohan rebels.", "demands", ("CONCEDE", "083")),
    ("Arnor said it would not meet the demands of the kidnappers.", "demands", ("REJECT", "120")),
    # breaches: a truce broken is an attack, a ban defied a rejection
    ("Gondor violated the ceasefire with Rohan.", "ceasefire", ("ASSAULT", "196")),
    ("A newspaper in Arnor violated a ban by the Gondor governor.", "ban", ("REJECT", "128")),
    # an attempted attack is the attack
    ("Rebels tried to assassinate the governor of Gondor.", "assassinate", ("ASSAULT", "186")),
    # vocabulary: ultimatum, hearing, diplomatic ties, mediation effort, a reported "must"
    ("Gondor has issued an ultimatum to Rohan.", "ultimatum", ("THREATEN", "139")),
    ("The high court of Gondor opened a hearing into the interrogation of detainees.", "hearing",
     ("ACCUSE", "090")),
    ("Arnor and Rohan have upgraded their diplomatic ties to ambassadorial level.", "ties", ("SUPPORT", "050")),
    ("The Arnor envoy launched a mediation effort between Gondor and Rohan.", "mediation", ("CONSULT", "045")),
    ("The Arnor government declared that Gondor must drop its barriers to trade.", "drop", ("REQUEST", "100")),
    # general verbs read by the class of their object (CAMEO verb-object patterns)
    ("Arnor continued to send arms to Gondor last year.", "send", ("AID", "072")),
    ("Doctors from Arnor handed over 700 kg of medicine to the Gondor hospital.", "handed", ("AID", "073")),
    ("Rohan sent peacekeeping troops to Gondor.", "sent", ("AID", "074")),
    ("Mordor sent troops to the Gondor border.", "sent", ("MOBILIZE", "154")),
    ("The agency dispatched a team of inspectors to the Gondor plant.", "dispatched", ("ACCUSE", "090")),
    ("Helicopters evacuated the wounded from the Rohan town.", "evacuated", ("AID", "073")),
    ("Gondor evacuated its embassy staff from Mordor.", "evacuated", ("SANCTION", "160")),
    ("Rohan opened its borders to refugees from Gondor.", "opened", ("AID", "075")),
    ("Mordor closed its border with Rohan.", "closed", ("COERCE", "172")),
    ("The agency reduced food supplies to the Gondor camp.", "reduced", ("SANCTION", "162")),
    ("The Gondor president granted an amnesty to the rebels.", "granted", ("SUPPORT", "056")),
    ("Arnor has strengthened its forces in Rohan.", "strengthened", ("MOBILIZE", "154")),
    ("Dock workers in Gondor stopped work on Monday.", "stopped", ("PROTEST", "143")),
    # a strike by workers is a protest (CAMEO 143), told by its modifiers, verb or subject; called off, eased
    ("Teachers in Gondor went on strike on Monday.", "strike", ("PROTEST", "143")),
    ("The Gondor miners began a four-day strike.", "strike", ("PROTEST", "143")),
    ("The teachers' union of Gondor called off its strike.", "strike", ("CONCEDE", "082")),
    ("Workers in Gondor struck for higher pay.", "struck", ("PROTEST", "143")),
    # observers received allow involvement (CAMEO 086)
    ("The Gondor premier received a mission of observers from Arnor.", "received", ("RETREAT", "086")),
    ("The rebels returned the weapons seized from Arnor.", "returned", ("RETREAT", "0842")),
    ("Gondor guards abused the detainees.", "abused", ("ASSAULT", "182")),
    ("A Gondor prisoner died of torture in Arnor custody.", "torture", ("ASSAULT", "1822")),
    ("The Arnor president gave a warm welcome to the Gondor leader.", "welcome", ("CONSULT", "043")),
    # a "to" clause after a verb of promising, parsed as a purpose clause, is still what is promised
    ("The rebels have sworn to fight until they take the Gondor villages.", "fight", ("THREATEN", "138")),
    # a protest in a place is a demonstration; reservists mobilized are forces
    ("Thousands protested in the Gondor capital.", "protested", ("PROTEST", "141")),
    ("Gondor mobilized its reservists.", "mobilized", ("MOBILIZE", "154")),
    # a verbal act done by the act it is the purpose of; an agreed act is no purpose
    ("Arnor summoned the Gondor ambassador to complain.", "complain", ("ACCUSE", "114")),
    ("Arnor agreed to withdraw from Gondor.", "withdraw", ("AGREE", "030")),
    # a permit cue is read through the cue above it; the purpose of a future act is meant
    ("The rebels refused to allow Gondor planes to evacuate the observers.", "evacuate", ("REJECT", "120")),
    ("The Arnor president will visit Gondor to mediate in the border dispute.", "mediate", ("AGREE", "036")),
    # a cue does not read an event in a phrase of time
    ("Gondor shortened the curfew after a coup toppled the government of Rohan.", "toppled", ("ASSAULT", "190")),
    ("The rebels fled before the Gondor army attacked the town.", "attacked", ("ASSAULT", "190")),
    # hostile acts discussed in talks were done
    ("Arnor met Gondor over the attack on its embassy.", "attack", ("ASSAULT", "190")),
    # staff, inspectors and peacekeepers withdrawn reduce relations and military assistance (CAMEO 16);
    # announced, a threat
    ("Gondor will withdraw its weapons inspectors from Mordor.", "withdraw", ("THREATEN", "130")),
    ("Eighty Arnor peacekeepers were shipped out of the Gondor enclave.", "shipped", ("SANCTION", "1623")),
    ("Arnor recalled its ambassador from Gondor.", "recalled", ("SANCTION", "161")),
    # a refusal demanded is a demand
    ("Arnor demanded that its allies refuse to recognize the Gondor regime.", "recognize", ("REQUEST", "020")),
    # a "to" clause completing a cue noun is read through it; pressure to act is a demand
    ("Refugees protested the refusal of Gondor to accept the independence of Rohan.", "accept",
     ("REJECT", "120")),
    ("The Gondor authorities pressured the workers to cancel their strike.", "strike", ("REQUEST", "020")),
    # a protest's "of" phrase and an infinitive's "to" do not make it a formal complaint
    ("Refugees began a hunger strike in protest of the refusal of Gondor to accept the vote.", "protest",
     ("PROTEST", "141")),
    # allowing a protest eases dissent (CAMEO 082)
    ("The Gondor minister allowed the opposition leader to hold a rally in the capital.", "rally",
     ("CONCEDE", "082")),
    # readiness read through a trigger verb to its object event
    ("The king said he would be ready to host a meeting between Arnor and Gondor.", "meeting", ("AGREE", "036")),
    # talks by telephone (CAMEO 041)
    ("The kings of Arnor and Gondor spoke by phone on Monday.", "spoke", ("CONSULT", "041")),
    ("The Arnor premier talked on the telephone with the Gondor king.", "talked", ("CONSULT", "041")),
    # an expression offered is made in the offering, no pledge of a later act
    ("The Arnor king offered his condolences to the Gondor people.", "condolences", ("SUPPORT", "051")),
    # attacking someone for or over what they did or said is criticism (CAMEO 111)
    ("The Arnor premier attacked the Gondor king for his remarks on trade.", "attacked", ("ACCUSE", "111")),
    ("The Arnor premier attacked the Gondor government over its handling of the crisis.", "attacked",
     ("ACCUSE", "111")),
    ("The Arnor senator attacked the Gondor king for backing the rebels.", "attacked", ("ACCUSE", "111")),
    # a court finding a party in the wrong
    ("The Gondor high court found the king guilty of fraud.", "found", ("SANCTION", "116")),
    ("The Arnor minister was found guilty of bribery.", "found", ("SANCTION", "116")),
    ("The court in Arnor found the decree unconstitutional.", "found", ("ACCUSE", "112")),
    # a call seconded is endorsed; responsibility accepted for a wrong is conceded; a petition for an act is a
    # request
    ("The Arnor call for talks was seconded by the Gondor king.", "seconded", ("SUPPORT", "051")),
    ("The Gondor king accepted responsibility for the raid on Arnor.", "accepted", ("CONCEDE", "055")),
    ("The Arnor party filed a petition for a new vote.", "petition", ("REQUEST", "020")),
    # asking for a thing through "for"
    ("Arnor is pushing for talks with Gondor.", "talks", ("REQUEST", "020")),
    ("The Rohan king pressed for a ceasefire with Mordor.", "ceasefire", ("REQUEST", "020")),
    # an act hoped or wanted of another named party is asked of it (weak); of one's own, an intent
    ("The Arnor king hoped that Gondor would withdraw its troops.", "withdraw", ("REQUEST", "020")),
    ("The Arnor king wants Gondor to withdraw its troops.", "withdraw", ("REQUEST", "020")),
    ("The Arnor king hopes to visit Gondor.", "visit", ("AGREE", "036")),
    # hacking and cyber attacks are coercion (PLOVER COERCE, mode cyber)
    ("Mordor tried to hack into the computers of the Gondor army.", "hack", ("COERCE", "170")),
    ("Gondor blamed Mordor for a cyber attack on its banks.", "attack", ("COERCE", "170")),
    # withholding backing by a verb is a refusal (CAMEO 12); praise and mourning are support, branding criticism
    ("Neither Arnor nor Rohan would endorse the election result.", "endorse", ("REJECT", "120")),
    ("The Gondor council did not support the Arnor plan.", "support", ("REJECT", "120")),
    ("The Arnor king paid homage to the fallen Gondor soldiers.", "homage", ("SUPPORT", "051")),
    ("Thousands in Gondor mourned the old queen.", "mourned", ("SUPPORT", "051")),
    ("Gondor branded the Mordor raiders a terrorist band.", "branded", ("ACCUSE", "111")),
    # concern voiced or expressed is disapproval (CAMEO 110); concern alone is no act (see below)
    ("Arnor voiced concern over the Mordor troop build-up.", "voiced", ("ACCUSE", "110")),
    ("The Gondor envoy expressed deep dismay about the raids.", "expressed", ("ACCUSE", "110")),
])
def test_constructions_are_read_as_plover_defines_them(model: Language, text: str, word: str,
                                                       expected: tuple[str, str]) -> None:
    reading = readings(model, text)[word]
    assert reading.keep and not reading.negated, reading
    assert (reading.type, reading.cameo) == expected, reading.rule


@pytest.mark.parametrize(("text", "word", "modality"), [
    # what an actor is accused of
    ("Gondor was accused of shelling villages in Rohan.", "shelling", "alleged"),
    ("Arnor charged the Rohan commander with murder.", "murder", "alleged"),
    ("The allegations of killings by Gondor police were published on Monday.", "killings", "alleged"),
    # an act named as the purpose of another: material, or the message of a protest
    ("Arnor sent troops to fight the Gondor rebels.", "fight", "purpose"),
    ("Students in Gondor staged mass demonstrations to demand reforms.", "demand", "purpose"),
    # a right, ability or option to act is no act
    ("Arnor defended the right of Gondor troops to fire on the rebels.", "fire", "hypothetical"),
    ("The rebels are capable of launching attacks on Gondor.", "attacks", "hypothetical"),
    ("Mordor has the capability to strike Gondor.", "strike", "hypothetical"),
    # an act told in the present tense after "before" or "until" is not yet done
    ("The rebels said Gondor must change its laws before they demobilize.", "demobilize", "hypothetical"),
    ("Arnor will keep its embassy closed until Gondor releases the envoy.", "releases", "hypothetical"),
    # a settlement discussed in talks is not done
    ("Arnor and Gondor renewed negotiations today on a troop pullback from Rohan.", "pullback", "topic"),
    ("Arnor and Gondor held talks on a ceasefire.", "ceasefire", "topic"),
])
def test_alleged_and_purposed_acts_are_not_asserted(model: Language, text: str, word: str, modality: str) -> None:
    reading = readings(model, text)[word]
    assert not reading.keep and reading.modality == modality, reading


@pytest.mark.parametrize(("text", "word", "modality"), [
    ("The Arnor summit with Gondor was postponed until May.", "summit", "postponed"),
    ("Gondor did not lift the curfew.", "curfew", None),
])
def test_postponed_and_negated_easing(model: Language, text: str, word: str, modality: str | None) -> None:
    reading = readings(model, text)[word]
    assert reading.type in ("CONSULT", "COERCE")
    assert reading.modality == modality


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Arnor launched a strike on the Gondor base.", "strike", "ASSAULT"),
    ("Rebels struck the Gondor base.", "struck", "ASSAULT"),
    # what peoples have in common is no cooperation; information shared is
    ("The Arnor province shares a cultural tradition with Gondor.", "shares", None),
    ("Arnor shares a long border with the Gondor republic.", "shares", None),
    ("Arnor shared intelligence with the Gondor police.", "shared", "COOPERATE"),
    ("Arnor sent a letter to Gondor.", "sent", None),
    ("Gondor sent its envoy to Arnor.", "sent", None),
    ("The Gondor shop delivered the furniture.", "delivered", None),
    ("Helicopters evacuated the wounded from the Rohan town.", "wounded", None),
    # deaths and injuries in accidents and natural disasters are no attack
    ("Three Gondor soldiers were killed in a helicopter crash in Rohan.", "killed", None),
    ("An earthquake killed 300 people in Gondor.", "killed", None),
    ("The envoy was involved in a collision which injured two Arnor guards.", "injured", None),
    ("Three Gondor soldiers were killed in an ambush in Rohan.", "killed", "ASSAULT"),
    # a span of time is no grounds for criticism; other talks and findings are no event
    ("Rebels attacked the Gondor town for three days.", "attacked", "ASSAULT"),
    ("Rebels attacked the Gondor town over the weekend.", "attacked", "ASSAULT"),
    ("The Arnor envoy spoke on the radio on Monday.", "spoke", None),
    ("The Gondor inspectors found the documents useful.", "found", None),
])
def test_general_verbs_and_other_senses_need_their_words(model: Language, text: str, word: str,
                                                          expected: str | None) -> None:
    found = readings(model, text).get(word)
    assert (found.type if found else None) == expected, found


@pytest.mark.parametrize(("text", "word"), [
    ("The Arnor king offered his support to the Gondor rebels.", "support"),
    ("Gondor offered to send aid to Rohan.", "aid"),
])
def test_an_offer_of_a_later_act_is_a_pledge(model: Language, text: str, word: str) -> None:
    reading = readings(model, text)[word]
    assert (reading.type, reading.modality) == ("AGREE", "promised"), reading


def test_a_reported_clause_without_must_is_no_demand(model: Language) -> None:
    assert "drop" not in readings(model, "The Arnor government declared that Gondor will drop its barriers.")


def test_announced_resignation_is_the_retreat(model: Language) -> None:
    reading = readings(model, "The Gondor minister announced he would resign.")["resign"]
    assert (reading.type, reading.cameo) == ("RETREAT", "0833")


@pytest.mark.parametrize(("cue", "expected"), [("lift", False), ("say", True)])
def test_a_cue_that_calls_a_thing_off_governs_no_clause(model: Language, cue: str, expected: bool) -> None:
    """A clause parsed under "lifted" is a misreading: the cue reads only the thing named."""
    doc = Doc(model.vocab, words=["Gondor", cue, "rebels", "toppled", "the", "king"],
              heads=[1, 1, 3, 1, 5, 3], deps=["nsubj", "ROOT", "nsubj", "ccomp", "det", "dobj"],
              pos=["PROPN", "VERB", "NOUN", "VERB", "DET", "NOUN"],
              lemmas=["Gondor", cue, "rebel", "topple", "the", "king"])
    assert governs(doc[1], doc[3], load_lexicon()) is expected


@pytest.mark.parametrize("text", ["Concern over the harvest grew in Gondor.", "The raids raised concern in Arnor."])
def test_concern_not_voiced_by_anyone_is_no_event(model: Language, text: str) -> None:
    assert all(r.type != "ACCUSE" for r in readings(model, text).values())


@pytest.mark.parametrize(("text", "verb", "pattern"), [
    ("Gondor finally gave in to the demands of the strikers.", "gave", "give in"),
    ("Arnor backed down after a week.", "backed", "back down"),
])
def test_a_verb_with_its_particle_is_the_phrasal_verb(model: Language, text: str, verb: str, pattern: str) -> None:
    lexicon = load_lexicon()
    found = {t.token.text: t.entry.label for s in model(text).sents for t in find_triggers(s, lexicon)}
    assert found[verb].startswith(pattern)


def test_a_fronted_preposition_is_no_particle_of_the_verb(model: Language) -> None:
    """"In March, Gondor gave money" is no "give in" (a concession)."""
    lexicon = load_lexicon()
    found = [t.entry.label for s in model("In March, Gondor gave money to Arnor.").sents
             for t in find_triggers(s, lexicon) if t.token.lower_ == "gave"]
    assert not any(label.startswith("give in") for label in found)

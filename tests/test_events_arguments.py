"""Event arguments: sources and targets found through the constructions a plain subject/object reading
misses (written for the tests; fictional states and people).

Actors are made here by name, one per state, so that these tests exercise the event stage alone; a
state's adjective ("Gondorian") is a mention of the state."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph import nlp
from newsgraph.actors.pronouns import object_pronouns
from newsgraph.document import Actor, Document, Event, Mention
from newsgraph.events import find_events
from newsgraph.events.arguments import (
    auxiliary_subject,
    folded_conjuncts,
    lent_subject,
    participle_subject,
    stranded_object,
)

#: Actor id -> (kind, the words that mention it).
ACTORS = {
    "arnor": ("country", ("Arnor", "Arnorian")),
    "gondor": ("country", ("Gondor", "Gondorian")),
    "rohan": ("country", ("Rohan", "Rohirric")),
    "mordor": ("country", ("Mordor", "Mordorian")),
    "minas": ("location", ("Minas",)),
    "elendil": ("person", ("Elendil",)),
    "isildur": ("person", ("Isildur",)),
}


@pytest.fixture(scope="module")
def model() -> Language:
    return nlp.load()


def code(model: Language, text: str) -> list[Event]:
    document = Document(text=text, published="2021-03-04")
    for actor_id, (kind, words) in ACTORS.items():
        mentions = [Mention(i, i + len(word), word) for word in words for i in _starts(text, word)]
        if mentions:
            country = "gondor" if actor_id == "minas" else None
            document.actors.append(Actor(id=actor_id, name=words[0], kind=kind, country=country,
                                         mentions=sorted(mentions, key=lambda m: m.start)))
    parsed = model(text)
    object_pronouns(parsed, document)
    return find_events(parsed, document, scored=False)


def _starts(text: str, word: str) -> list[int]:
    """Where ``word`` starts as a whole word ("Gondor" not inside "Gondorian")."""
    found, start = [], text.find(word)
    while start >= 0:
        end = start + len(word)
        if end == len(text) or not text[end].isalpha():
            found.append(start)
        start = text.find(word, end)
    return found


def pairs(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.type, e.source, e.target) for e in events}


@pytest.mark.parametrize(("text", "expected"), [
    # an object the parse hangs under "up to"
    ("Mordorian rebels have kidnapped up to 16 Gondorian advisers.", ("ASSAULT", "mordor", "gondor")),
    # action nouns whose "of" object is the one concerned, a person too
    ("Arnor demanded the removal of Elendil.", ("REQUEST", "arnor", "elendil")),
    ("Arnor defended the right of Gondorian troops to patrol the border.", ("SUPPORT", "arnor", "gondor")),
    # messages named by their sender
    ("Rohan rejected a fresh offer from Gondor for direct talks.", ("REJECT", "rohan", "gondor")),
    ("Gondor conceded to demands from Arnor.", ("CONCEDE", "gondor", "arnor")),
    # a group of a nationality as the subject of a passive
    ("A camp for Gondorian refugees was attacked by Mordorian militiamen.", ("ASSAULT", "mordor", "gondor")),
    # an object set after an "as" phrase
    ("Arnor on Friday denounced as an ugly crime Gondor's suppression of the protests.",
     ("ACCUSE", "arnor", "gondor")),
    # the subject of a demand's "that" clause, and "its" read as the clause's subject
    ("Arnor reiterated its demand today that Gondor ease restrictions on trade.", ("REQUEST", "arnor", "gondor")),
    ("Arnor insisted on its demands that Gondor's government free the prisoners.",
     ("REQUEST", "arnor", "gondor")),
    # the subject of a threat's condition
    ("Mordor threatened to stop negotiations if Gondor goes ahead with the plan.",
     ("THREATEN", "mordor", "gondor")),
    ("Mordor threatened to impose sanctions unless Rohan withdraws its troops.", ("THREATEN", "mordor", "rohan")),
    # the one a nominal object is aimed at, also through an "of" phrase
    ("Arnor announced a suspension of air links with Gondor.", ("SANCTION", "arnor", "gondor")),
    ("Arnor suspended part of a military aid program for Gondor.", ("SANCTION", "arnor", "gondor")),
    # the place of the act named inside a longer place phrase
    ("Arnor imposed a curfew in the town of Minas.", ("COERCE", "arnor", "minas")),
    ("Arnor imposed a curfew in Gondor province.", ("COERCE", "arnor", "gondor")),
    # a purpose clause with no object acts on the object of its verb
    ("Arnor summoned the Gondorian ambassador to complain.", ("ACCUSE", "arnor", "gondor")),
    # the doer of a gerund: the object after "blame ... for", the subject after "by"
    ("Arnor blamed Gondor for attacking Rohan.", ("ASSAULT", "gondor", "rohan")),
    # the agent of a participle phrase on the object
    ("Arnor launched an investigation into crimes committed by Gondorian forces.",
     ("ACCUSE", "arnor", "gondor")),
    # a participle of stance after "be": its subject acts
    ("Gondor is opposed to Arnorian mediation.", ("REJECT", "gondor", "arnor")),
    # coordinated modifiers of one noun name several actors
    ("The Arnorian and Gondorian sides agreed to share information.", ("AGREE", "arnor", "gondor")),
    # a bare event noun after "in" is done by the clause's subject
    ("Elendil staged a hunger strike in protest against Mordor.", ("PROTEST", "elendil", "mordor")),
    # a charge given as the grounds of an act is aimed at the one acted upon
    ("Mordor jailed Gondorian activists on allegations of treason.", ("ACCUSE", "mordor", "gondor")),
    # a place inside the object of a target preposition
    ("Arnorian tanks fired at targets in Minas.", ("ASSAULT", "arnor", "minas")),
    ("Arnorian jets launched strikes against targets in Minas.", ("ASSAULT", "arnor", "minas")),
    # coordinated actors and a relation that is theirs: each acts on the other
    ("Arnor and Gondor upgraded their diplomatic ties.", ("SUPPORT", "gondor", "arnor")),
    ("Arnor and Gondor failed to reach an agreement.", ("REJECT", "arnor", "gondor")),
    # granting a demand or breaking a ban answers the one who made it
    ("Gondor accepted demands from Arnor.", ("CONCEDE", "gondor", "arnor")),
    ("Rohan violated a ban by Elendil.", ("REJECT", "rohan", "elendil")),
    # the owners of a group, all of them; the members of a meeting meet each other
    ("The delegations of Arnor, Gondor and Rohan met in Minas.", ("CONSULT", "rohan", "arnor")),
    ("During the trilateral meeting of Arnor, Gondor and Rohan, a route was chosen.",
     ("CONSULT", "gondor", "rohan")),
    # coordinated parties discussing a topic talk with each other, not with the topic's owner
    ("Elendil and his Rohirric counterpart gathered in Minas to discuss the Mordorian border.",
     ("CONSULT", "elendil", "rohan")),
    # what is withdrawn is not the one left
    ("Elendil withdrew Arnor from the treaty with Gondor.", ("RETREAT", "elendil", "gondor")),
    # an event noun takes its parties from the verb that carries it: a trigger verb read through it, a
    # light verb over a measure of it, a frame noun it modifies, a plain verb it is the purpose of
    ("Arnor has granted political asylum to Gondorian rebels.", ("AID", "arnor", "gondor")),
    ("Arnor gave Gondor five million dollars of aid.", ("AID", "arnor", "gondor")),
    ("Arnorian and Gondorian warships launched ten days of war games.", ("COOPERATE", "gondor", "arnor")),
    ("Elendil undertook a mediation mission between Gondor and Rohan.", ("CONSULT", "elendil", "rohan")),
    ("Arnorian and Gondorian negotiators returned to Minas for talks.", ("CONSULT", "arnor", "gondor")),
    # the one asked for an act is its other party, not the asker
    ("Mordor demanded a truce with Gondorian forces.", ("REQUEST", "mordor", "gondor")),
    # "its" on the subject of a reported clause stands for the one reporting
    ("Gondor said its troops would attack Mordor.", ("THREATEN", "gondor", "mordor")),
    # a saying with a clause for what is said is complete with its sayer alone, also when it is reported
    ("Elendil has agreed to resign, the Gondorian speaker said.", ("AGREE", "elendil", None)),
    ("Elendil has agreed to resign.", ("AGREE", "elendil", None)),
    ("Gondor announced that it had agreed to share information.", ("AGREE", "gondor", None)),
    ("Rohirric leaders agreed to postpone the march in Minas until May.", ("AGREE", "rohan", None)),
    ("Rohirric rebels have sworn to fight until they gain control of the villages, Gondorian officials said.",
     ("THREATEN", "rohan", None)),
    # an adjective or participle of readiness over the infinitive or the gerund pledged
    ("Gondor announced that it is prepared to impose martial law.", ("THREATEN", "gondor", None)),
    ("A Gondorian minister said Gondor is committed to opening up its economy.", ("AGREE", "gondor", None)),
    # a participle saying is addressed to the one its verb goes to
    ("Elendil wrote to Gondor asking it to waive the fee.", ("REQUEST", "elendil", "gondor")),
    # a saying as the purpose of summoning someone is addressed to the one summoned
    ("Elendil summoned the Gondorian envoy to complain of the raids.", ("ACCUSE", "elendil", "gondor")),
    # answering for an act concedes to those it wronged
    ("Elendil accepted responsibility for the killing of Gondorian envoys.", ("CONCEDE", "elendil", "gondor")),
    # the subject said to be the target of an act is the one it falls on
    ("Gondor has been the subject of Arnorian sanctions since May.", ("SANCTION", "arnor", "gondor")),
    ("Minas was the target of Mordorian raids.", ("COERCE", "mordor", "minas")),
    # a gathering stands for those it gathers
    ("An assembly of Gondorian ministers denounced the pact between Arnor and Mordor.", ("ACCUSE", "gondor", "arnor")),
    # a person named in apposition to a title is the one who acts, not the title's state
    ("Gondor's chief envoy Elendil wrote to Arnor asking to waive the fee.", ("REQUEST", "elendil", "arnor")),
    # a passive charge or arrest that names no doer: the one acted upon alone
    ("Elendil has been accused of misusing public funds.", ("ACCUSE", None, "elendil")),
    ("Elendil was arrested in Minas on Monday.", ("COERCE", None, "elendil")),
    # the subject of a verb whose "under" phrase is the event is the one it falls on
    ("Gondor is under Arnorian sanctions.", ("SANCTION", "arnor", "gondor")),
    ("Gondor came under attack from Mordor.", ("ASSAULT", "mordor", "gondor")),
    ("Elendil was placed under arrest by Gondor.", ("COERCE", "gondor", "elendil")),
    # a passive joined to a clause takes its subject; the maker of the statement it was made in is its agent
    ("Gondor resisted the offensive and was condemned by Arnor.", ("ACCUSE", "arnor", "gondor")),
    ("Gondor was condemned in a joint statement by Arnor and Rohan.", ("ACCUSE", "rohan", "gondor")),
    # a plural phrase stands for the examples it is given by; a subject hung on an auxiliary
    ("Arnor has been encouraging allies such as Gondor to restrict Mordor's trade.", ("REQUEST", "arnor", "gondor")),
    ("Arnor urged allies such as Gondor and Rohan to cut ties with Mordor.", ("REQUEST", "arnor", "rohan")),
    # a verb with a tense of its own joined to an infinitive is no part of what was urged
    ("Elendil urged Arnor to reconsider and spoke with Gondorian envoys.", ("CONSULT", "elendil", "gondor")),
    # shots exchanged are fighting, and coordinated subjects of a verb of doing to each other act on each other
    ("Arnor and Gondor exchanged fire along the border.", ("ASSAULT", "gondor", "arnor")),
    # "him" in a participle phrase is the one the verb it serves acted on
    ("Elendil expelled the Gondorian envoy, accusing him of spying.", ("ACCUSE", "elendil", "gondor")),
    # "his" on a phrase of a clause whose subject is a person is that person; a "by" phrase on the last of
    # coordinated acts names the doer of each
    ("Isildur, Elendil's envoy, announced his resignation on Monday.", ("RETREAT", "isildur", None)),
    ("The report blamed the abduction and killing of Isildur by Mordorian agents.", ("ASSAULT", "mordor", "isildur")),
    # the names set in apposition to a plural phrase, each of them
    ("Two kingdoms, Gondor and Rohan, were invaded by Mordor.", ("ASSAULT", "mordor", "rohan")),
    # a formal charge told by a passive with no doer; a semicolon ends the clause a verb after it reports
    ("Only two kings have been impeached: Elendil and Isildur.", ("ACCUSE", None, "elendil")),
    ("In 1998, Elendil was impeached for lying; the vote to remove him also failed.", ("ACCUSE", None, "elendil")),
    # an event received, faced or suffered falls on the subject; its sender is the one named after "from"
    ("Elendil received threats from Mordor.", ("THREATEN", "mordor", "elendil")),
    ("Gondor faced sharp criticism from Arnor.", ("ACCUSE", "arnor", "gondor")),
    ("Mordorian assistance was received by Gondor.", ("AID", "mordor", "gondor")),
    ("Elendil received a visit from Arnor.", ("CONSULT", "arnor", "elendil")),
    # criticism an act draws is aimed at its doer
    ("Mordor's attack on Gondor drew condemnation from Arnor.", ("ACCUSE", "arnor", "mordor")),
    ("Elendil drew sharp criticism from Arnor.", ("ACCUSE", "arnor", "elendil")),
    # the one called on to act is the one asked
    ("Arnor called on Gondor to release the prisoners.", ("REQUEST", "arnor", "gondor")),
    # a protest called off or allowed eases dissent: the one who eases it alone
    ("The Gondorian teachers union announced that it has called off a four-day strike.", ("CONCEDE", "gondor", None)),
    # an event noun a passive puts its subject under, with no doer named, as the passive of its verb
    ("Elendil was placed under arrest in Minas.", ("COERCE", None, "elendil")),
    ("A Gondorian envoy has been put under investigation for his role in the riots.", ("ACCUSE", None, "gondor")),
    # the "of" phrase of a deployment is who deploys
    ("The first deployment of Arnorian peacekeeping troops has arrived in Gondor.", ("MOBILIZE", "arnor", "gondor")),
    # a word read in another sense keeps its own phrase roles: the possessive of a (labour) strike is who strikes
    ("Arnor's four-day general strike against Gondor began on Monday.", ("PROTEST", "arnor", "gondor")),
    # the parties named "between" an event noun are its sides, not the one who tells or brokers it
    ("Elendil announced a deal between Gondor and Rohan.", ("AGREE", "gondor", "rohan")),
    ("Elendil mediated a peace agreement between Arnor and Mordor.", ("AGREE", "mordor", "arnor")),
    # "him"/"her" with no person before it in its sentence: the one person the sentence before names
    ("Isildur won the vote in Gondor. Elendil endorsed him on Monday.", ("SUPPORT", "elendil", "isildur")),
    ("Isildur met Elendil in Rohan. Elendil endorsed him on Monday.", ("SUPPORT", "elendil", "isildur")),
    # the "for" phrase of support or aid names the one favoured
    ("Arnor reiterated its support for Gondor.", ("SUPPORT", "arnor", "gondor")),
    ("Arnor delivered new aid for Rohan on Monday.", ("AID", "arnor", "rohan")),
    # coordinated event nouns share the sides one of them names
    ("Arnor launched an investigation and a lawsuit against Gondor.", ("ACCUSE", "arnor", "gondor")),
    ("Arnor expressed its rejection and condemnation of Gondor.", ("REJECT", "arnor", "gondor")),
    # money "in" aid given: the giver and the one it goes to
    ("Arnor provided five million dollars in assistance to Rohan.", ("AID", "arnor", "rohan")),
])
def test_argument_is_found(model: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in pairs(code(model, text))


@pytest.mark.parametrize(("text", "unexpected"), [
    # a place word inside an "of" phrase is not the one acted upon
    ("Mordor captured part of a fortress on the Rohan border.", ("COERCE", "mordor", "rohan")),
    # a purpose clause with an object of its own does not act on its verb's object
    ("Arnor demanded a Gondorian presence to protect them against Mordor.", ("SUPPORT", "arnor", "gondor")),
    # a gerund after a time word is not given the main clause's object as its doer
    ("Rohan saw Gondor as a route after attacking Mordor.", ("ASSAULT", "gondor", "mordor")),
    # "a photo of X" is not about X as "the removal of X" is
    ("Arnor rejected a photo of Elendil.", ("REJECT", "arnor", "elendil")),
    # an event noun after "in" with a determiner is no occasion of the subject's ("killed in an attack")
    ("Gondorian envoys were killed in the attack on Rohan.", ("ASSAULT", "gondor", "rohan")),
    # "their" on an act aimed at others is no mutual relation
    ("Arnor and Gondor resumed their attacks.", ("ASSAULT", "arnor", "gondor")),
    ("Elendil and his Rohirric counterpart gathered in Minas to discuss the Mordorian border.",
     ("CONSULT", "elendil", "mordor")),
    ("Elendil withdrew Arnor from the treaty with Gondor.", ("RETREAT", "elendil", "arnor")),
    # a reaction is not read through the event it names ("condemned the attack" is not the attack's doer)
    ("Arnor condemned the attack on Gondor.", ("ASSAULT", "arnor", "gondor")),
    # "called for talks" is a request, not taking part in talks
    ("Arnor called for talks with Gondor.", ("CONSULT", "arnor", "gondor")),
    # a saying told by another named teller may have been made to the teller: its other side is open
    ("Elendil announced that Gondor had agreed to share information.", ("AGREE", "gondor", None)),
    ("Elendil said Gondor is committed to opening up its economy.", ("AGREE", "gondor", None)),
    ("Gondor's chief envoy Elendil wrote to Arnor asking to waive the fee.", ("REQUEST", "gondor", "arnor")),
    # the object of a cue of asking is the one who is to act, not the one complained to
    ("Elendil urged Gondor to complain of the raids.", ("ACCUSE", "elendil", "gondor")),
    # a passive that names no doer stands alone only for charges and arrests, and only when asserted
    ("Elendil was not accused of misusing public funds.", ("ACCUSE", None, "elendil")),
    ("Gondor was sanctioned last year.", ("SANCTION", None, "gondor")),
    # the one under attack is not its doer, nor the one it comes from its target
    ("Gondor came under attack from Mordor.", ("ASSAULT", "gondor", "mordor")),
    ("Elendil urged Arnor to reconsider and spoke with Gondorian envoys.", ("REQUEST", "elendil", "gondor")),
    # being named in a scandal is no formal charge
    ("Elendil was implicated in a scandal.", ("ACCUSE", None, "elendil")),
    # backing one acts in spite of is no objection to the one who acts; a result owned by an "of" phrase
    ("Despite Rohirric support, Gondor lost the vote.", ("SUPPORT", "rohan", "gondor")),
    ("Elendil won the election, but Arnor would not endorse the result of the census.",
     ("REJECT", "arnor", "elendil")),
    ("Elendil received threats from Mordor.", ("THREATEN", "elendil", "mordor")),
    # an event received is no reception of a visitor
    ("Mordorian assistance was received by Gondor.", ("CONSULT", "gondor", "mordor")),
    # the place of a meeting agreed to is not the one agreed with
    ("Arnorian ministers agreed to a future meeting on Minas.", ("AGREE", "arnor", "minas")),
    # an investigation one is put under with nothing it is for is no charge
    ("A Gondorian envoy has been put under investigation.", ("ACCUSE", None, "gondor")),
    ("Arnor and Gondor exchanged fire along the border.", ("COOPERATE", "arnor", "gondor")),
    ("Isildur, Elendil's envoy, announced his resignation on Monday.", ("RETREAT", "elendil", None)),
    # an act a remark provoked is no act of the one who made it
    ("Elendil's remarks sparked attacks on Gondor.", ("ASSAULT", "elendil", "gondor")),
    ("Elendil announced a deal between Gondor and Rohan.", ("AGREE", "elendil", "gondor")),
])
def test_argument_is_not_overreached(model: Language, text: str, unexpected: tuple[str, str, str]) -> None:
    assert unexpected not in pairs(code(model, text))


def _parsed(model: Language, rows: list[tuple[str, str, int, str]]) -> Doc:
    """A parse given word by word: (word, tag, head index, dependency)."""
    words, tags, heads, deps = (list(column) for column in zip(*rows, strict=True))
    return Doc(model.vocab, words=words, tags=tags, heads=heads, deps=deps)


@pytest.mark.parametrize(("rows", "expected"), [
    # the phrase after "to" read as the subject of the participle after it
    ([("Arnor", "NNP", 1, "nsubj"), ("granted", "VBD", 1, "ROOT"), ("asylum", "NN", 1, "dobj"),
      ("to", "IN", 1, "prep"), ("five", "CD", 6, "nummod"), ("Gondorian", "JJ", 6, "amod"),
      ("officers", "NNS", 7, "nsubj"), ("holed", "VBD", 1, "advcl"), ("up", "RP", 7, "prt")], "officers"),
    # a clause of its own, with an auxiliary, keeps its subject
    ([("Arnor", "NNP", 1, "nsubj"), ("sent", "VBD", 1, "ROOT"), ("aid", "NN", 1, "dobj"),
      ("to", "IN", 1, "prep"), ("rebels", "NNS", 6, "nsubj"), ("had", "VBD", 6, "aux"),
      ("fled", "VBN", 1, "advcl")], None),
])
def test_stranded_preposition_object(model: Language, rows: list[tuple[str, str, int, str]],
                                     expected: str | None) -> None:
    parsed = _parsed(model, rows)
    found = stranded_object(parsed[3])
    assert (found.text if found is not None else None) == expected


@pytest.mark.parametrize(("rows", "expected"), [
    # "President Elendil and Minister Isildur met": the first name folded into the second one's modifiers
    ([("President", "NNP", 1, "compound"), ("Elendil", "NNP", 4, "compound"), ("and", "CC", 1, "cc"),
      ("Minister", "NNP", 1, "conj"), ("Isildur", "NNP", 5, "nsubj"), ("met", "VBD", 5, "ROOT")], ["Elendil"]),
    # a plain name with modifiers and no coordination
    ([("Gondorian", "JJ", 2, "amod"), ("President", "NNP", 2, "compound"), ("Isildur", "NNP", 3, "nsubj"),
      ("spoke", "VBD", 3, "ROOT")], []),
])
def test_folded_conjuncts(model: Language, rows: list[tuple[str, str, int, str]], expected: list[str]) -> None:
    parsed = _parsed(model, rows)
    subject = next(t for t in parsed if t.dep_ == "nsubj")
    assert [t.text for t in folded_conjuncts(subject)] == expected


@pytest.mark.parametrize(("rows", "expected"), [
    # "Protesters, carrying banners, marched": the subject read as the participle's
    ([("Protesters", "NNS", 2, "nsubj"), (",", ",", 2, "punct"), ("carrying", "VBG", 5, "advcl"),
      ("banners", "NNS", 2, "dobj"), (",", ",", 5, "punct"), ("marched", "VBD", 5, "ROOT")], "Protesters"),
    # a clause of its own, with a conjunction and an auxiliary, keeps its subject
    ([("After", "IN", 3, "mark"), ("rebels", "NNS", 3, "nsubj"), ("had", "VBD", 3, "aux"),
      ("fled", "VBN", 5, "advcl"), (",", ",", 5, "punct"), ("marched", "VBD", 5, "ROOT")], None),
])
def test_lent_subject(model: Language, rows: list[tuple[str, str, int, str]], expected: str | None) -> None:
    parsed = _parsed(model, rows)
    found = lent_subject(parsed[5])
    assert (found.text if found is not None else None) == expected


@pytest.mark.parametrize(("rows", "expected"), [
    # "Gondor has been urging": the subject hung on "been"
    ([("Gondor", "NNP", 2, "nsubj"), ("has", "VBZ", 2, "aux"), ("been", "VBN", 3, "aux"),
      ("urging", "VBG", 3, "ROOT")], "Gondor"),
    # no subject anywhere
    ([("has", "VBZ", 1, "aux"), ("been", "VBN", 2, "aux"), ("urging", "VBG", 2, "ROOT")], None),
])
def test_auxiliary_subject(model: Language, rows: list[tuple[str, str, int, str]], expected: str | None) -> None:
    parsed = _parsed(model, rows)
    found = auxiliary_subject(next(t for t in parsed if t.dep_ == "ROOT"))
    assert (found.text if found is not None else None) == expected


@pytest.mark.parametrize(("rows", "expected"), [
    # "Protesters, asking ..., marched": the participle read as a clausal subject, with a subject of its own
    ([("Protesters", "NNS", 2, "nsubj"), (",", ",", 2, "punct"), ("asking", "VBG", 5, "csubj"),
      ("Elendil", "NNP", 2, "dobj"), (",", ",", 5, "punct"), ("marched", "VBD", 5, "ROOT")], "Protesters"),
    # a plain gerund subject is kept
    ([("Arming", "VBG", 3, "csubj"), ("the", "DT", 2, "det"), ("rebels", "NNS", 0, "dobj"),
      ("angered", "VBD", 3, "ROOT"), ("Gondor", "NNP", 3, "dobj"), (".", ".", 3, "punct")], "Arming"),
])
def test_participle_subject(model: Language, rows: list[tuple[str, str, int, str]], expected: str) -> None:
    parsed = _parsed(model, rows)
    verb = next(t for t in parsed if t.dep_ == "ROOT")
    found = participle_subject(next(t for t in verb.children if t.dep_ == "csubj"))
    assert found is not None and found.text == expected

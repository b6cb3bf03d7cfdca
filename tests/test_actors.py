"""Actor resolution and coding on short texts written for the tests."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsgraph.actors import coding
from newsgraph.actors.lexicon import lexicon
from newsgraph.actors.resolve import common_word, coordinated
from newsgraph.document import Actor, Document
from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_text

STORY = """Gondor and Rohan pledge closer ties

Iranian President Hassan Rouhani met Iraqi Prime Minister Mustafa al-Kadhimi in Tehran on Tuesday.

Rouhani said the talks were useful. The Iraqi prime minister thanked his host, and he promised to return.

Al-Kadhimi later flew to Washington, where US officials criticised Iraqi security forces.
"""


@pytest.fixture(scope="module")
def story(pipeline: Pipeline) -> Document:
    return pipeline.run(read_text(STORY))


def actor_named(doc: Document, name: str) -> Actor:
    found = [a for a in doc.actors if a.name == name]
    assert len(found) == 1, [(a.name, a.kind) for a in doc.actors]
    return found[0]


def texts(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


def test_every_mention_slices_the_text(story: Document) -> None:
    for actor in story.actors:
        for m in actor.mentions:
            assert story.text[m.start:m.end] == m.text


def test_one_actor_per_person_with_surname_title_and_pronoun(story: Document) -> None:
    kadhimi = actor_named(story, "Mustafa al-Kadhimi")
    assert {"Mustafa al-Kadhimi", "Al-Kadhimi", "Iraqi prime minister", "he"} <= set(texts(kadhimi))
    assert "Rouhani" in texts(actor_named(story, "Hassan Rouhani"))


@pytest.mark.parametrize(("name", "country", "sector", "role"), [
    ("Hassan Rouhani", "IRN", "GOV", "president"),
    ("Mustafa al-Kadhimi", "IRQ", "GOV", "prime minister"),
])
def test_people_are_coded_from_their_premodifiers(story: Document, name: str, country: str, sector: str,
                                                  role: str) -> None:
    person = actor_named(story, name)
    assert (person.kind, person.country, person.sector) == ("person", country, sector)
    assert role in person.roles


def test_states_gather_names_demonyms_and_capitals(story: Document) -> None:
    iran = next(a for a in story.actors if a.id == "IRN")
    assert {"Iranian", "Tehran"} <= set(texts(iran)) and iran.kind == "country"
    assert "Washington" in texts(next(a for a in story.actors if a.id == "USA"))


def test_groups_take_the_state_of_their_demonym(story: Document) -> None:
    forces = next(a for a in story.actors if "security forces" in a.name)
    assert (forces.kind, forces.country, forces.sector) == ("organization", "IRQ", "SEC")


@pytest.mark.parametrize(("text", "name", "country", "sector"), [
    ("Talks resume\n\nRenad Mansour, a senior research fellow at Chatham House, said the deal was fragile.\n",
     "Renad Mansour", None, "EDU"),
    ("Raid\n\nIraq's paramilitary chief Abu Mahdi al-Muhandis was killed in the strike.\n",
     "Abu Mahdi al-Muhandis", "IRQ", "MIL"),
    ("Vote\n\nThe mayor of London, Sadiq Khan, welcomed the vote.\n", "Sadiq Khan", "GBR", "GOV"),
])
def test_roles_from_appositions_and_possessives(pipeline: Pipeline, text: str, name: str, country: str | None,
                                                 sector: str) -> None:
    person = actor_named(pipeline.run(read_text(text)), name)
    assert person.sector == sector
    if country:
        assert person.country == country


def test_acronym_in_parentheses_joins_its_organization(pipeline: Pipeline) -> None:
    doc = pipeline.run(read_text("Clashes\n\nThe Northern Liberation Front (NLF) attacked a base. "
                                 "Later the NLF said it had withdrawn.\n"))
    front = actor_named(doc, "Northern Liberation Front")
    assert texts(front).count("NLF") == 2


def test_set_aside_lines_create_no_actor(pipeline: Pipeline) -> None:
    doc = pipeline.run(read_text("Summit\n\nThe envoy met the council on Monday.\n\n"
                                 "Envoys at the palace, May 4 2026. Jonas Albrecht Photography\n"))
    assert not [a for a in doc.actors if "Albrecht" in a.name]


def test_laws_and_platforms_are_not_actors(pipeline: Pipeline) -> None:
    doc = pipeline.run(read_text("Law\n\nThe Media Freedom Act was posted on Twitter by the Ministry of "
                                 "Information of Gondor.\n"))
    names = [a.name for a in doc.actors if a.kind in ("person", "organization")]
    assert "Twitter" not in names and not any(n.endswith("Act") for n in names)


def test_unknown_country_falls_back_to_the_story_state(pipeline: Pipeline) -> None:
    doc = pipeline.run(read_text("Floods\n\nKenya declared an emergency. Kenyan officials said rain would go on."
                                 "\n\nGovernor Amina Wekesa visited Nairobi on Friday.\n"))
    assert actor_named(doc, "Amina Wekesa").country == "KEN"


@pytest.mark.parametrize(("word", "iso3"), [("Iraqis", "IRQ"), ("Americans", "USA"), ("US", "USA"), ("U.S.", "USA"),
                                            ("Us", None), ("Uk", None), ("Tehran", "IRN"), ("Gondor", None)])
def test_state_names_demonyms_plurals_and_capitals(word: str, iso3: str | None) -> None:
    from newsgraph.actors.lexicon import lexicon

    place = lexicon().state(word)
    assert (place.iso3 if place else None) == iso3


@pytest.mark.parametrize("region", ["Michigan", "Missouri", "Aichi"])
def test_a_region_is_no_demonym_of_its_state(region: str) -> None:
    from newsgraph.actors.lexicon import lexicon

    assert lexicon().sovereign(region) is None


@pytest.mark.parametrize(("place", "iso3"), [("western Cambodia", "KHM"), ("South Lebanon", "LBN"),
                                             ("northeast Syria", "SYR"), ("the West Bank", None),
                                             ("West Bank", "PSE"), ("Western Gondor", None),
                                             ("Old Lebanon", None)])
def test_a_region_named_by_a_direction_and_a_state_belongs_to_it(place: str, iso3: str | None) -> None:
    from newsgraph.actors.lexicon import lexicon

    assert lexicon().place_country(place) == iso3


@pytest.mark.parametrize(("text", "mention", "kind"), [
    ("Vote\n\nOne MP told reporters the vote would fail.\n", "One MP", "person"),
    ("Court\n\nThe Supreme Tribunal of Gondor heard the case. The tribunal said it would rule on Friday.\n",
     "tribunal", "organization"),
    ("March\n\nSome of the protesters said they would return.\n", "protesters", "organization"),
    ("Vote\n\nA number of senators condemned the ruling.\n", "senators", "organization"),
    ("March\n\nDozens of students marched to the palace.\n", "students", "organization"),
    ("Strike\n\nThree of the workers said they would return.\n", "workers", "organization"),
    ("Letter\n\nOver 40 Arnorian security experts signed a letter.\n", "Over 40 Arnorian security experts",
     "organization"),
    ("Blast\n\nA car bomb killed two people in Pelargir.\n", "two people", "organization"),
    ("Raid\n\nThe police in Pelargir arrested the attackers on Monday.\n", "attackers", "organization"),
    ("Plea\n\nElders in Pelargir have demanded new elections.\n", "Elders", "organization"),
    ("Clash\n\nThe police opened fire in Pelargir, killing one person.\n", "one person", "organization"),
])
def test_unnamed_people_groups_and_organization_head_words(pipeline: Pipeline, text: str, mention: str,
                                                           kind: str) -> None:
    doc = pipeline.run(read_text(text))
    found = [a for a in doc.actors if mention in texts(a)]
    assert len(found) == 1 and found[0].kind == kind, [(a.name, texts(a)) for a in doc.actors]


@pytest.mark.parametrize(("text", "mention", "country"), [
    ("Row\n\nGondor expelled the Peruvian ambassador on Monday over the dispute.\n", "Peruvian ambassador", "PER"),
    ("Talks\n\nThe minister met a Chilean diplomat in Pelargir on Tuesday.\n", "a Chilean diplomat", "CHL"),
])
def test_people_named_by_role_who_are_acted_upon(pipeline: Pipeline, text: str, mention: str,
                                                 country: str | None) -> None:
    doc = pipeline.run(read_text(text))
    found = [a for a in doc.actors if mention in texts(a)]
    assert len(found) == 1 and found[0].kind == "person" and found[0].country == country, \
        [(a.name, texts(a)) for a in doc.actors]


@pytest.mark.parametrize(("text", "mention"), [
    ("Vote\n\nA majority is needed to impeach an official in Gondor.\n", "an official"),
    ("Visit\n\nPeruvian Prime Minister Carlos Mendoza arrived in Lima on Monday. The president later met the "
     "Peruvian prime minister.\n", "Peruvian prime minister"),
])
def test_no_person_for_a_role_that_may_be_or_may_be_a_named_one(pipeline: Pipeline, text: str, mention: str) -> None:
    doc = pipeline.run(read_text(text))
    assert not any(a.reason.startswith("unnamed") and mention in texts(a) for a in doc.actors), \
        [(a.name, texts(a), a.reason) for a in doc.actors]


def test_institutions_named_by_a_common_noun(pipeline: Pipeline) -> None:
    doc = pipeline.run(read_text("Arrests\n\nKenyan police arrested 12 people, the interior ministry said. "
                                 "The ministry said more arrests would follow.\n"))
    ministry = [a for a in doc.actors if "interior ministry" in texts(a)]
    assert len(ministry) == 1 and ministry[0].sector == "GOV" and ministry[0].country == "KEN"
    assert "ministry" in texts(ministry[0])


@pytest.mark.parametrize(("text", "name", "mention", "found"), [
    ("Airline raises fares\n\nGondor Air Corporation is the largest airline of Gondor. The airline raised "
     "its fares on Monday.\n", "Gondor Air Corporation", "airline", True),
    ("Regulator fines network\n\nThe regulator fined Arnor Media, a television network, on Monday. The "
     "network said it would appeal.\n", "Arnor Media", "network", True),
    # described twice over: "the network" could be either
    ("Regulator fines networks\n\nThe Gondor regulator fined Arnor Media Corporation, a network, and Rohan "
     "Broadcasting Corporation, another network. The network said it would appeal.\n",
     "Arnor Media Corporation", "network", False),
    # a modifier may pick another one: "the only airline with ..."
    ("Airlines\n\nGondor Air Corporation is an airline. The airline said on Monday that the only airline "
     "with jets is Rohan Air.\n", "Gondor Air Corporation", "only airline", False),
])
def test_the_noun_an_organization_was_described_by_stands_for_it(pipeline: Pipeline, text: str, name: str,
                                                                  mention: str, found: bool) -> None:
    doc = pipeline.run(read_text(text))
    described = [a for a in doc.actors if a.name == name]
    assert len(described) == 1, [(a.name, texts(a)) for a in doc.actors]
    said = [m.start for m in described[0].mentions if m.text == mention.split()[-1]]
    assert (doc.text.rfind(mention) + len(mention) - len(mention.split()[-1]) in said) == found, texts(described[0])


@pytest.mark.parametrize(("text", "antecedent"), [
    # the plural subject of the previous sentence
    ("Talks\n\nGondorian farmers marched to the capital on Monday. They demanded lower taxes.\n", "farmers"),
    # coordinated subjects: the first of them
    ("Talks\n\nFrance and Germany met in Strasbourg on Monday. They signed a river trade deal.\n", "France"),
    # an organization can be "they"
    ("Talks\n\nThe Gondor Trade Union rejected the offer. They called a strike.\n", "Gondor Trade Union"),
    # one person as the nearest subject: unclear, left alone
    ("Talks\n\nGondorian farmers marched on Monday. Their leader Elendil Aranson said they would return.\n",
     None),
    # inside a quotation "they" is someone else
    ("Talks\n\nGondorian farmers marched on Monday. \"They will not listen,\" a farmer said.\n", None),
])
def test_they_as_a_subject_is_the_group_named_before(pipeline: Pipeline, text: str, antecedent: str | None) -> None:
    doc = pipeline.run(read_text(text))
    they = [(a.name, m.text) for a in doc.actors for m in a.mentions if m.text.lower() == "they"]
    if antecedent is None:
        assert they == [], they
    else:
        assert len(they) == 1 and antecedent in they[0][0], (they, [(a.name, texts(a)) for a in doc.actors])


@pytest.mark.parametrize(("text", "absent", "present"), [
    ("Crash\n\nElendil Aranson was struck by a Volvo XC90 on the road to Minas Tirith.\n", "Volvo", None),
    ("Order\n\nGondor ordered 20 Airbus A320 jets on Monday, Boeing said.\n", "Airbus", "Boeing"),
])
def test_a_maker_named_with_a_model_is_a_product_not_an_actor(pipeline: Pipeline, text: str, absent: str,
                                                              present: str | None) -> None:
    names = [a.name for a in pipeline.run(read_text(text)).actors]
    assert absent not in names and (present is None or present in names), names


@pytest.mark.parametrize("text", [
    "Poll\n\nPeople in Pelargir said the vote was fair.\n",
    "March\n\nTwo people marched to the palace in Pelargir.\n",
])
def test_people_uncounted_or_acting_are_not_a_group(pipeline: Pipeline, text: str) -> None:
    doc = pipeline.run(read_text(text))
    assert not [a for a in doc.actors if "people" in a.name.lower()], [a.name for a in doc.actors]


def mentions_of(doc: Document, name: str) -> list[tuple[int, str]]:
    found = [a for a in doc.actors if a.name == name]
    assert len(found) == 1, [(a.name, texts(a)) for a in doc.actors]
    return [(m.start, m.text) for m in found[0].mentions]


@pytest.mark.parametrize(("text", "name", "short", "count"), [
    # the possessive of the short form comes before the full name
    ("Licence lapses\n\nRegulators let ARN-TV's licence lapse on Monday. ARN-TV Corporation is the oldest "
     "broadcaster in Gondor.\n", "ARN-TV Corporation", "ARN-TV", 1),
    # more of a name follows: another organization
    ("Licence lapses\n\nARN-TV Corporation closed on Monday. ARN-TV News kept broadcasting.\n",
     "ARN-TV Corporation", "ARN-TV", 0),
])
def test_a_name_without_its_legal_suffix_is_the_same_organization(pipeline: Pipeline, text: str, name: str,
                                                                  short: str, count: int) -> None:
    doc = pipeline.run(read_text(text))
    assert [t for _, t in mentions_of(doc, name)].count(short) == count


@pytest.mark.parametrize(("text", "word", "found"), [
    # nouns of one kind are interchangeable: a broadcasting company is "the network"
    ("Off the air\n\nArnor Broadcasting Corporation is the largest broadcasting company in Gondor. On Monday "
     "the network went off the air.\n", "network", True),
    # a headline's description of the story's only broadcaster, before its name
    ("Peru's largest television network shut down\n\nThe regulator closed Arnor Broadcasting Corporation, a "
     "broadcaster, on Monday.\n", "network", True),
    # an airline is "the carrier"; "accused the carrier of lying" still names it
    ("Fares rise\n\nThe Gondor Airways Corporation, an airline, raised fares on Monday. The minister accused "
     "the carrier of lying.\n", "carrier", True),
    # two organizations of that kind: neither
    ("Fines\n\nThe regulator fined Arnor Broadcasting Corporation, a broadcaster, and Rohan Vision "
     "Corporation, a television station, on Monday. The network said it would appeal.\n", "network", False),
    # a modifier that picks another one
    ("Off the air\n\nArnor Broadcasting Corporation is a broadcasting company. The other network said it "
     "would appeal.\n", "network", False),
])
def test_a_kind_of_organization_stands_for_the_one_of_that_kind(pipeline: Pipeline, text: str, word: str,
                                                                 found: bool) -> None:
    doc = pipeline.run(read_text(text))
    last = doc.text.rfind(word)
    linked = [a.name for a in doc.actors for m in a.mentions if m.start == last and m.text == word]
    assert bool(linked) == found, [(a.name, texts(a)) for a in doc.actors]


@pytest.mark.parametrize(("text", "meant", "pronoun_at"), [
    # inside a quotation "he" is not the speaker, who would say "I"
    ('Anniversary\n\nBoromir, president of Gondor, said in a statement: "Many dates are tied to the name of '
     'Elrond Aranson. He made a great contribution."\n', "Elrond Aranson", "He made"),
    ('Anniversary\n\nBoromir Denethorson said on Monday that the talks had failed. He said: "Many dates are '
     'tied to the name of Elrond Aranson. He made a great contribution."\n', "Elrond Aranson", "He made"),
    # the quotation opened with the sentence; its speaker is in the one before
    ("Report\n\nBoromir Denethorson spoke to reporters in Gondor. “We won,” he said. “He made a great "
     "contribution.”\n", None, "He made"),
    # one called "she" is not "he"
    ('Report\n\nMaria Lopez met Boromir Denethorson in Gondor on Monday. She said, "He lied to us."\n',
     "Boromir Denethorson", "He lied"),
    # after a quotation that names no one, its speaker
    ('Report\n\nMaria Lopez met Boromir Denethorson in Gondor on Monday. She said, "He lied to us. We will '
     'never trust him again." She left the city.\n', "Maria Lopez", "She left"),
    # the speaker named in apposition to a title ("the current bishop, X, said")
    ('Death\n\nBishop Emeritus Elrond Aranson of the Minas diocese died on Sunday. He would have been 80 in '
     'May.\n\nIn a statement, the current bishop, Boromir Denethorson, said, "I announce the death of Elrond '
     'Aranson, Bishop-Emeritus of Minas. He passed away on Monday."\n', "Elrond Aranson", "He passed"),
    # a fragment quoted inside reported speech keeps the reporter's third person
    ('Report\n\nBoromir Denethorson spoke to reporters in Gondor. He told them that "he had no plans to '
     'leave".\n', "Boromir Denethorson", "he had"),
])
def test_a_pronoun_in_a_quotation_is_not_its_speaker(pipeline: Pipeline, text: str, meant: str | None,
                                                     pronoun_at: str) -> None:
    doc = pipeline.run(read_text(text))
    start = doc.text.rfind(pronoun_at)
    found = [a.name for a in doc.actors for m in a.mentions if m.start == start]
    assert found == ([meant] if meant else []), [(a.name, texts(a)) for a in doc.actors]


def test_a_title_beside_a_name_is_that_persons(pipeline: Pipeline) -> None:
    doc = pipeline.run(read_text("Visit\n\nBoromir Denethorson, a Gondorian minister, arrived on Monday. The "
                                 "minister, Faramir Denethorson, said the talks were useful.\n"))
    assert "minister" in texts(actor_named(doc, "Faramir Denethorson"))
    assert "minister" not in texts(actor_named(doc, "Boromir Denethorson"))


def labelled(pipeline: Pipeline, text: str, labels: dict[str, str]) -> list[Actor]:
    """The actors of ``text`` when the model labels each given string as given (and nothing else)."""
    from spacy.tokens import Span

    from newsgraph.actors import find_actors

    parsed = pipeline.nlp(text)
    ents: list[Span] = []
    for name, label in labels.items():  # the first occurrence outside those labelled before
        start = text.index(name)
        while any(e.start_char < start + len(name) and start < e.end_char for e in ents):
            start = text.index(name, start + 1)
        span = parsed.char_span(start, start + len(name), label=label)
        assert span is not None
        ents.append(Span(parsed, span.start, span.end, label=label))
    parsed.ents = ents
    return find_actors(parsed, Document(text=text))


@pytest.mark.parametrize(("labels", "organization"), [
    # a state's demonym before a singular proper name, taken for a nationality: an organization
    ({"Saudi Petrolco": "NORP"}, "Saudi Petrolco"),
    # a people is not ("Iraqi Kurds")
    ({"Iraqi Kurds": "NORP"}, None),
    # the members of an organization by the plural of its name, taken for a person: the organization
    ({"Zorgan": "ORG", "Zorgans": "PERSON"}, "Zorgan"),
])
def test_names_the_model_mislabels_are_organizations(pipeline: Pipeline, labels: dict[str, str],
                                                     organization: str | None) -> None:
    text = ("Raid\n\nThe Zorgan movement claimed the drone raid on Saudi Petrolco on Monday. Aid is received by "
            "the Zorgans, officials said. Iraqi Kurds protested.\n")
    actors = labelled(pipeline, text, labels)
    orgs = [a for a in actors if a.kind == "organization" and a.name in labels]
    assert [a.name for a in orgs] == ([organization] if organization else []), [(a.name, a.kind) for a in actors]
    if organization:
        assert {m.text for m in orgs[0].mentions} == set(labels)


@pytest.mark.parametrize(("text", "labels", "person"), [
    # the model ran the title's place into the name: the name after the place is a person's
    ("Rally\n\nFirst Minister of Wales Elena Varga spoke on Monday. Elena Varga said the vote was near.\n",
     {"Wales Elena Varga": "ORG", "Elena Varga": "ORG"}, "Elena Varga"),
    # an organization after "of" is left alone
    ("Rally\n\nThe leader of Wales Green Party spoke on Monday.\n", {"Wales Green Party": "ORG"}, None),
])
def test_a_name_run_into_its_titles_place_is_a_person(pipeline: Pipeline, text: str, labels: dict[str, str],
                                                       person: str | None) -> None:
    actors = labelled(pipeline, text, labels)
    people = [(a.name, len(a.mentions)) for a in actors if a.kind == "person"]
    assert people == ([(person, 2)] if person else []), [(a.name, a.kind, texts(a)) for a in actors]


@pytest.mark.parametrize(("text", "labels", "owner"), [
    # a kind word alone that heads several organizations' names: the one named last before it
    ("Vote\n\nThe Green Party met the Harvest Party. Later the Party said it would stand.\n",
     {"Green Party": "ORG", "Harvest Party": "ORG", "Party": "ORG"}, "Harvest Party"),
    ("Vote\n\nThe Party said it would stand. The Green Party met the Harvest Party.\n",
     {"Party": "ORG", "Green Party": "ORG", "Harvest Party": "ORG"}, "Green Party"),
    # the head of a name with "for" after it
    ("Fair\n\nFans filled the Varnel Congress Centre for the Arts. The Centre was full.\n",
     {"Varnel Congress Centre for the Arts": "ORG", "Centre": "ORG"}, "Varnel Congress Centre for the Arts"),
    # a kind word that heads no other name stays an organization of its own
    ("Vote\n\nThe Green Party met the Federation. The Federation said it would stand.\n",
     {"Green Party": "ORG", "Federation": "ORG"}, "Federation"),
])
def test_a_kind_word_alone_is_the_organization_it_heads(pipeline: Pipeline, text: str, labels: dict[str, str],
                                                        owner: str) -> None:
    actors = labelled(pipeline, text, labels)
    word = next(n for n in labels if " " not in n)
    assert [a.name for a in actors if word in texts(a)] == [owner], [(a.name, texts(a)) for a in actors]


@pytest.mark.parametrize(("text", "labels", "name", "mentions"), [
    # an "of" name turned round
    ("Talks\n\nThe Gondor Department of State met envoys on Monday. The State Department said the talks went "
     "well.\n", {"Gondor Department of State": "ORG", "State Department": "ORG"}, "Gondor Department of State", 2),
    # a short form several names begin with: the one it heads ("House" of "House of Lords")
    ("Vote\n\nThe House of Lords and the House Finance Committee met. The House voted on Monday.\n",
     {"House of Lords": "ORG", "House Finance Committee": "ORG", "House": "ORG"}, "House of Lords", 2),
])
def test_short_forms_of_organization_names(pipeline: Pipeline, text: str, labels: dict[str, str], name: str,
                                           mentions: int) -> None:
    actors = labelled(pipeline, text, labels)
    found = [a for a in actors if a.name == name]
    assert len(found) == 1 and len(found[0].mentions) == mentions, [(a.name, texts(a)) for a in actors]


@pytest.mark.parametrize(("text", "kind"), [
    # a city's name after a place's preposition, taken for a person
    ("Visit\n\nHe served the people of Tabriz for years.\n", "location"),
    # a city's name that is also a given name, with no preposition: left to the model
    ("Visit\n\nHis wife Tabriz said she was proud.\n", "person"),
])
def test_a_city_taken_for_a_person_after_of_is_a_place(pipeline: Pipeline, text: str, kind: str) -> None:
    actors = labelled(pipeline, text, {"Tabriz": "PERSON"})
    assert [a.kind for a in actors if a.name == "Tabriz"] == [kind], [(a.name, a.kind) for a in actors]


@pytest.mark.parametrize(("text", "labels", "names"), [
    # a name the model cut in two
    ("Rule\n\nThe hijab was banned under Elendil Aran Ben Tarvo's rule.\n",
     {"Elendil Aran": "PERSON", "Ben Tarvo": "PERSON"}, ["Elendil Aran Ben Tarvo"]),
    # a title and a name stay apart
    ("Rule\n\nGuard Captain Ben Tarvo said the hijab was banned.\n",
     {"Guard Captain": "PERSON", "Ben Tarvo": "PERSON"}, ["Ben Tarvo", "Guard Captain"]),
])
def test_a_person_name_cut_in_two_is_joined(pipeline: Pipeline, text: str, labels: dict[str, str],
                                            names: list[str]) -> None:
    actors = labelled(pipeline, text, labels)
    assert sorted(a.name for a in actors if a.kind == "person") == sorted(names), [(a.name, a.kind) for a in actors]


@pytest.mark.parametrize(("text", "mention", "state"), [
    # the one state the paragraph names
    ("Sanctions\n\nOfficials in Norway met on Monday. Later the government announced new sanctions.\n",
     "government", "NOR"),
    # a region word picks the one state that fits
    ("Gas deal\n\nJapan and Qatar signed a gas deal. The Gulf state will ship gas from May.\n", "Gulf state",
     "QAT"),
    ("Visit\n\nJapan and Spain signed a trade deal. The kingdom will buy trains.\n", "kingdom", "ESP"),
    ("Storm\n\nFiji and Chile asked for aid on Monday. The island nation lost its harbour.\n", "island nation",
     "FJI"),
    # a description said of the state's name ("Cairo, the country's capital") is that state
    ("Funeral\n\nThe former leader died in Cairo, the country's capital.\n", "country", "EGY"),
    # another clause of the sentence may name it
    ("Prices\n\nPeru raised fuel prices, and the country's president resigned.\n", "country", "PER"),
    # two states fit: none is taken
    ("Talks\n\nFrance and Germany met on Monday. The country will host the next round.\n", "country", None),
    # a kingdom must be a monarchy
    ("Visit\n\nJapan and Chile signed a trade deal. The kingdom will buy trains.\n", "kingdom", None),
    # within its own clause a description is another state than the one named there
    ("Spies\n\nIran accused the country of spying.\n", "country", None),
    ("Wall\n\nCongress did not fund a wall along the country's border with Mexico.\n", "country", None),
    # the place where things happen is no actor; "the state" alone is left alone
    ("Unrest\n\nPeru raised fuel prices. Protests spread in the country.\n", "country", None),
    ("Vote\n\nMexico held a vote. The state said turnout was high.\n", "state", None),
    # counted nationals do not say which state the story is in
    ("Arrests\n\nPolice arrested 33 Russian nationals on Monday. The government said they were spies.\n",
     "government", None),
    # inside a quotation "the government" is the speaker's
    ("Protest\n\nA farmer in Chile said: \"The government does not listen.\"\n", "government", None),
])
def test_a_description_of_a_state_is_the_one_state_that_fits(pipeline: Pipeline, text: str, mention: str,
                                                             state: str | None) -> None:
    doc = pipeline.run(read_text(text))
    found = [a.country for a in doc.actors for m in a.mentions if m.text == mention and a.kind == "country"]
    assert found == ([state] if state else []), [(a.name, texts(a)) for a in doc.actors]


@pytest.mark.parametrize(("text", "mention", "actor"), [
    # a counted crowd that marches is the story's one group of protesters
    ("March\n\nOne million people marched in Pelargir on Sunday. Protesters demanded new elections.\n",
     "One million people", "Protesters"),
    # with no such group, a group of its own
    ("March\n\nThousands of people protested outside the parliament in Pelargir.\n", "people", "people"),
    # counted people who do not act as a crowd are no actor
    ("Fire\n\nTwo people died in the fire in Pelargir.\n", "Two people", None),
    ("Fire\n\nTwo people said the fire started at night.\n", "Two people", None),
])
def test_a_counted_crowd_that_acts_is_a_group(pipeline: Pipeline, text: str, mention: str,
                                              actor: str | None) -> None:
    doc = pipeline.run(read_text(text))
    found = [a.name for a in doc.actors if mention in texts(a)]
    assert found == ([actor] if actor else []), [(a.name, texts(a)) for a in doc.actors]


@pytest.mark.parametrize(("text", "labels", "name", "country"), [
    # each of two titled names takes the state of its own title
    ("Call\n\nKenyan President Elena Varga and Ghanaian President Aldo Brenn spoke on Monday.\n",
     {"Elena Varga": "PERSON", "Aldo Brenn": "PERSON", "Kenyan": "NORP", "Ghanaian": "NORP"}, "Aldo Brenn", "GHA"),
    # a state one is posted to is not the state one serves
    ("Call\n\nThe Kenyan ambassador to Ghana, Aldo Brenn, spoke on Monday.\n",
     {"Aldo Brenn": "PERSON", "Kenyan": "NORP", "Ghana": "GPE"}, "Aldo Brenn", "KEN"),
])
def test_a_person_takes_the_state_of_their_own_title(pipeline: Pipeline, text: str, labels: dict[str, str],
                                                     name: str, country: str | None) -> None:
    actors = labelled(pipeline, text, labels)
    assert [a.country for a in actors if a.name == name] == [country], [(a.name, a.country) for a in actors]


@pytest.mark.parametrize(("text", "labels", "name"), [
    # a name the model took for an organization, apposed to a role, is a person; the first of two
    # surnames names them too
    ("Vote\n\nThe post went to Elena Varga Brenn, the Minister of Justice. Varga said she was honoured.\n",
     {"Elena Varga Brenn": "ORG", "Varga": "ORG"}, "Elena Varga Brenn"),
    # a generational suffix is not the surname
    ("Vote\n\nAldo Brenn Jr. won the seat. Brenn said he was honoured.\n",
     {"Aldo Brenn Jr.": "PERSON", "Brenn": "PERSON"}, "Aldo Brenn Jr."),
    # a nickname in quotation marks inside the full name
    ('Vote\n\nAldo "Red" Brenn won the seat. Red Brenn said he was honoured.\n',
     {'Aldo "Red" Brenn': "PERSON", "Red Brenn": "PERSON"}, 'Aldo "Red" Brenn'),
    # a middle initial and a second surname in the full name only
    ("Vote\n\nAldo R. Brenn Varga won the seat. Aldo Brenn said he was honoured.\n",
     {"Aldo R. Brenn Varga": "PERSON", "Aldo Brenn": "PERSON"}, "Aldo R. Brenn Varga"),
    # a surname misspelt by one letter, and the given name alone
    ("Vote\n\nIlse Varnola won the seat. Ilse Varnula said she was honoured. Ilse thanked them.\n",
     {"Ilse Varnola": "PERSON", "Ilse Varnula": "PERSON", "Ilse": "PERSON"}, "Ilse Varnola"),
    # the model took the full name for an organization; the first of two surnames is a person's elsewhere
    ("Vote\n\nOn Friday, Aldo Brenn Varga resigned. Brenn said he was tired.\n",
     {"Aldo Brenn Varga": "ORG", "Brenn": "PERSON"}, "Aldo Brenn Varga"),
])
def test_one_person_under_a_full_name_and_a_short_one(pipeline: Pipeline, text: str, labels: dict[str, str],
                                                      name: str) -> None:
    actors = labelled(pipeline, text, labels)
    people = [a for a in actors if a.kind == "person"]
    assert [a.name for a in people] == [name], [(a.name, a.kind, texts(a)) for a in actors]
    assert set(labels) <= set(texts(people[0]))


@pytest.mark.parametrize(("text", "labels", "actor"), [
    # a name that only modifies a thing's noun is named in passing
    ("Gas\n\nThe ministers discussed the planned Varnel gas pipeline on Monday.\n", {"Varnel": "PERSON"}, False),
    # a name only after a place's preposition, two coordinated names too
    ("Gas\n\nTroops entered the towns in Tell Varnel and Ain Osse on Monday.\n",
     {"Tell Varnel": "PERSON", "Ain Osse": "PERSON"}, False),
    # the actor behind a body or a role it modifies stays one
    ("Gas\n\nThe Varnel administration rejected the plan on Monday.\n", {"Varnel": "PERSON"}, True),
    ("Gas\n\nVarnel Energy chair Aldo Brenn rejected the plan on Monday.\n", {"Varnel Energy": "ORG"}, True),
    # as does a name that acts elsewhere in the story
    ("Gas\n\nVarnel Energy built the Varnel Energy pipeline. Varnel Energy said the work was done.\n",
     {"Varnel Energy": "ORG"}, True),
])
def test_a_name_only_named_in_passing_is_no_actor(pipeline: Pipeline, text: str, labels: dict[str, str],
                                                 actor: bool) -> None:
    actors = labelled(pipeline, text, labels)
    kinds = {a.kind for a in actors if a.name in labels}
    assert bool(kinds & {"person", "organization"}) == actor, [(a.name, a.kind) for a in actors]


@pytest.mark.parametrize(("text", "labels", "name", "country"), [
    # an armed group the text gives no state: the dictionary's state, not the story's
    ("Strike\n\nMalaysian troops raided a camp in Sabah. The Abu Sayyaf Group said it would respond.\n",
     {"Abu Sayyaf Group": "ORG", "Malaysian": "NORP"}, "Abu Sayyaf Group", "PHL"),
    # the text's own evidence comes first
    ("Strike\n\nTroops raided a camp. Malaysia's Abu Sayyaf Group said it would respond.\n",
     {"Abu Sayyaf Group": "ORG", "Malaysia": "GPE"}, "Abu Sayyaf Group", "MYS"),
])
def test_an_organization_the_text_gives_no_state_takes_the_inventorys(
        pipeline: Pipeline, text: str, labels: dict[str, str], name: str, country: str) -> None:
    actors = labelled(pipeline, text, labels)
    assert [a.country for a in actors if a.name == name] == [country], [(a.name, a.country) for a in actors]


@pytest.mark.parametrize(("text", "labels", "name"), [
    # the model cut the surname off
    ("Blast\n\nAccording to Chief Superintendent Aldo Brennick of the police, two died. Brennick said more "
     "troops came.\n", {"Chief Superintendent Aldo": "PERSON"}, "Aldo Brennick"),
    # it took the given name before a particle for another kind
    ("Blast\n\nAldo dela Brennick of the army said two died.\n", {"Aldo": "ORG", "dela Brennick": "PERSON"},
     "Aldo dela Brennick"),
])
def test_a_person_name_the_model_cut_short_is_whole(pipeline: Pipeline, text: str, labels: dict[str, str],
                                                    name: str) -> None:
    actors = labelled(pipeline, text, labels)
    assert [a.name for a in actors if a.kind == "person"] == [name], [(a.name, a.kind) for a in actors]


@pytest.mark.parametrize(("text", "country"), [
    # a state named after the organization is the one it acts on: the story's state instead
    ("Aid\n\nOfficials in Ghana met on Monday. Ghana's president spoke. The Varnel Institute criticised Kenya "
     "on Tuesday.\n", "GHA"),
    # a state named before it in its sentence is its own
    ("Aid\n\nOfficials in Ghana met on Monday. Ghana's president spoke. In Kenya, the Varnel Institute "
     "criticised the plan.\n", "KEN"),
])
def test_an_organization_takes_no_state_from_what_follows_it(pipeline: Pipeline, text: str, country: str) -> None:
    actors = labelled(pipeline, text, {"Varnel Institute": "ORG", "Ghana": "GPE", "Kenya": "GPE"})
    assert [a.country for a in actors if a.name == "Varnel Institute"] == [country], \
        [(a.name, a.country) for a in actors]


@pytest.mark.parametrize(("text", "labels"), [
    # a state's name, short name or demonym before the rest of the name
    ("Drill\n\nThe United States Navy held a drill. The U.S. Navy said it went well.\n",
     {"United States Navy": "ORG", "U.S. Navy": "ORG"}),
    ("Drill\n\nThe Kenyan Wildlife Board held a count. The Kenya Wildlife Board said it went well.\n",
     {"Kenyan Wildlife Board": "ORG", "Kenya Wildlife Board": "ORG"}),
])
def test_an_organization_named_with_its_state_in_two_ways_is_one(pipeline: Pipeline, text: str,
                                                                 labels: dict[str, str]) -> None:
    actors = labelled(pipeline, text, labels)
    orgs = [a for a in actors if a.kind == "organization"]
    assert len(orgs) == 1 and set(labels) <= set(texts(orgs[0])), [(a.name, texts(a)) for a in actors]


@pytest.mark.parametrize(("text", "one"), [
    # the army is the story's one named armed force
    ("Raid\n\nThe Varnel Defence Forces raided a camp on Monday. The army said two rebels were caught.\n", True),
    # not when two forces are named
    ("Raid\n\nThe Varnel Defence Forces raided a camp. The Osse Navy helped. The army said two rebels were "
     "caught.\n", False),
])
def test_the_army_is_the_one_named_armed_force(pipeline: Pipeline, text: str, one: bool) -> None:
    labels = {"Varnel Defence Forces": "ORG", **({"Osse Navy": "ORG"} if "Osse" in text else {})}
    actors = labelled(pipeline, text, labels)
    force = next(a for a in actors if a.name == "Varnel Defence Forces")
    assert ("army" in texts(force)) == one, [(a.name, texts(a)) for a in actors]


@pytest.mark.parametrize("name", ["Varnel Herald", "Varnel Tribune", "Varnel Gazette", "Varnel Broadcasting"])
def test_a_news_outlet_is_a_media_organization(pipeline: Pipeline, name: str) -> None:
    actors = labelled(pipeline, f"Vote\n\nThe {name} reported that the vote was close.\n", {name: "ORG"})
    assert [(a.kind, a.sector) for a in actors if a.name == name] == [("organization", "MED")], \
        [(a.name, a.kind, a.sector) for a in actors]



@pytest.mark.parametrize(("words", "pos", "common"), [
    # a lone capitalised word the tagger reads as a verb, adverb or plain noun is no name
    (["Started", "in", "2004", ",", "it", "grew", "."], ["VERB", "ADP", "NUM", "PUNCT", "PRON", "VERB", "PUNCT"], True),
    (["Observers", "noted", "it", "."], ["NOUN", "VERB", "PRON", "PUNCT"], True),
    # an acronym, a proper noun, or a word tagged a proper noun elsewhere in the text stays a name
    (["UNICEF", "said", "it", "."], ["NOUN", "VERB", "PRON", "PUNCT"], False),
    (["Quill", "said", "it", "."], ["PROPN", "VERB", "PRON", "PUNCT"], False),
    (["Quill", "said", "it", "to", "Quill", "."], ["NOUN", "VERB", "PRON", "ADP", "PROPN", "PUNCT"], False),
])
def test_a_capitalised_common_word_is_no_name(pipeline: Pipeline, words: list[str], pos: list[str],
                                              common: bool) -> None:
    doc = Doc(pipeline.nlp.vocab, words=words, pos=pos, ents=["B-ORG"] + ["O"] * (len(words) - 1))
    assert common_word(doc.ents[0]) is common


@pytest.mark.parametrize(("text", "labels", "kept"), [
    # words of a sentence quoted in another script, taken for names: no actor
    ("Visit\n\nShe said: «Дорогой друг, приезжай.» Then Ilse Varnola left.\n",
     {"Дорогой": "PERSON", "Ilse Varnola": "PERSON"}, ["Ilse Varnola"]),
    ("Visit\n\nThe banner read Народный Союз in red. Then Ilse Varnola left.\n",
     {"Народный Союз": "ORG", "Ilse Varnola": "PERSON"}, ["Ilse Varnola"]),
    # Latin letters with accents are a name's
    ("Visit\n\nThen Ilse Štefová left.\n", {"Ilse Štefová": "PERSON"}, ["Ilse Štefová"]),
])
def test_a_name_in_another_script_is_no_actor(pipeline: Pipeline, text: str, labels: dict[str, str],
                                              kept: list[str]) -> None:
    assert [a.name for a in labelled(pipeline, text, labels) if a.kind != "country"] == kept


@pytest.mark.parametrize(("text", "labels", "person"), [
    # a name ending in a thing's noun, only ever named so: no person
    ("Sky\n\nThe Elendil Varga Space Telescope was launched. The Elendil Varga Telescope saw a comet.\n",
     {"Elendil Varga Space Telescope": "PERSON", "Elendil Varga Telescope": "PERSON"}, None),
    ("Vote\n\nThe Aldo Brenn Voting Act passed on Monday.\n", {"Aldo Brenn Voting Act": "PERSON"}, None),
    # a person whose surname is a thing's noun, named by it alone too
    ("Vote\n\nAldo Brenn Castle won the seat. Castle said he was honoured.\n",
     {"Aldo Brenn Castle": "PERSON", "Castle": "PERSON"}, "Aldo Brenn Castle"),
    # two words only, or a particle before the noun: a person's name
    ("Vote\n\nAldo Castle won the seat.\n", {"Aldo Castle": "PERSON"}, "Aldo Castle"),
    ("Vote\n\nUsama bin Ladin won the seat.\n", {"Usama bin Ladin": "PERSON"}, "Usama bin Ladin"),
])
def test_a_thing_named_like_a_person_is_no_actor(pipeline: Pipeline, text: str, labels: dict[str, str],
                                                 person: str | None) -> None:
    actors = labelled(pipeline, text, labels)
    assert [a.name for a in actors if a.kind == "person"] == ([person] if person else []), \
        [(a.name, a.kind) for a in actors]


@pytest.mark.parametrize(("short", "keys", "found"), [
    # a short form of a name after the state or region that owns it
    ("house", ["usa house of representatives", "oversight committee"], "usa house of representatives"),
    ("supreme court", ["wisconsin supreme court"], "wisconsin supreme court"),
    # two such names: neither
    ("supreme court", ["wisconsin supreme court", "usa supreme court"], None),
])
def test_short_form_after_an_owning_state(short: str, keys: list[str], found: str | None) -> None:
    assert coding.short_form_of(short, keys) == found


def test_a_name_ending_in_of_and_a_title_word_is_an_organization(pipeline: Pipeline) -> None:
    doc = pipeline.run(read_text("Report\n\nOn Friday the Gondor Department of Justice opened an inquiry into the "
                                 "carmaker, the company said.\n"))
    assert [a.kind for a in doc.actors if a.name.endswith("Department of Justice")] == ["organization"]


def test_a_states_government_is_one_mention_of_the_state(pipeline: Pipeline) -> None:
    doc = pipeline.run(read_text("Report\n\nThe Kenyan government declared a state of emergency on Monday.\n"))
    kenya = [a for a in doc.actors if a.id == "KEN"]
    assert kenya and "Kenyan government" in [m.text for m in kenya[0].mentions], [a.mentions for a in kenya]



@pytest.mark.parametrize(("text", "parts"), [
    # two bodies: "and the", or two names that each end in an organization's word
    ("the Investigative Committee and the Federal Security Service",
     ["Investigative Committee", "Federal Security Service"]),
    ("the Secret Service and US Park Police", ["Secret Service", "US Park Police"]),
    # one name: "and" after "of" or "for", or joining words that are no names by themselves
    ("the Islamic State of Iraq and the Levant", ["Islamic State of Iraq and the Levant"]),
    ("Police and Crime Commissioner", ["Police and Crime Commissioner"]),
])
def test_an_organization_entity_splits_at_a_coordination(pipeline: Pipeline, text: str, parts: list[str]) -> None:
    words = text.split()
    start = 1 if words[0] == "the" else 0
    doc = Doc(pipeline.nlp.vocab, words=words, ents=["O"] * start + ["B-ORG"] + ["I-ORG"] * (len(words) - start - 1))
    assert [p.text for p in coordinated(doc.ents[0], lexicon())] == parts


@pytest.mark.parametrize(("text", "description", "meant"), [
    # the head noun the story described the person by, with a party word that agrees
    ("Race\n\nBoromir Denethorson, the Democratic presidential nominee, spoke in Minas on Monday. The Democratic "
     "nominee said she would win.\n", "Democratic nominee", "Boromir Denethorson"),
    # two nominees: the party word picks one
    ("Race\n\nDemocratic presidential nominee Boromir Denethorson met Republican presidential nominee Faramir "
     "Aranson on Monday. The Republican nominee said he would win.\n", "Republican nominee", "Faramir Aranson"),
    # an abbreviated title and a party-and-state tag: "Sen. X, R-Fla." is the Florida senator
    ("Race\n\nSen. Boromir Denethorson, R-Fla., spoke on Monday. \"We are at war,\" the Florida senator said.\n",
     "Florida senator", "Boromir Denethorson"),
    # a place the person is known to be of another: no one
    ("Race\n\nSen. Boromir Denethorson, R-Fla., spoke on Monday. \"We are at war,\" the Vermont senator said.\n",
     "Vermont senator", None),
    # a place the story says nothing of for the one governor: that governor
    ("Race\n\nGov. Boromir Denethorson spoke on Monday. \"We are at war,\" the Indiana governor said.\n",
     "Indiana governor", "Boromir Denethorson"),
    # the noun said of someone or picked out by a clause is no reference
    ("Race\n\nDemocratic presidential nominee Boromir Denethorson spoke on Monday. Should Faramir Aranson become "
     "the nominee, he would lose.\n", "nominee", None),
    ("Race\n\nDemocratic presidential nominee Boromir Denethorson spoke on Monday. Voters backed the nominee who "
     "won the debate.\n", "nominee", None),
])
def test_a_definite_description_of_a_person_is_the_one_it_fits(pipeline: Pipeline, text: str, description: str,
                                                              meant: str | None) -> None:
    doc = pipeline.run(read_text(text))
    start = doc.text.rfind(description)
    found = [a.name for a in doc.actors for m in a.mentions if m.start <= start < m.end and a.kind == "person"
             and not a.reason.startswith(("unnamed:", "speaker:"))]
    assert found == ([meant] if meant else []), [(a.name, texts(a)) for a in doc.actors]


@pytest.mark.parametrize(("text", "noun", "meant"), [
    # "the company": the one business named near it
    ("Deal\n\nThe Green Party of Gondor criticised the Gondor Steel Corporation on Monday. The company said the "
     "deal would close in March.\n", "company", "Gondor Steel Corporation"),
    # two businesses near it: neither
    ("Deal\n\nThe Green Party of Gondor criticised the Gondor Steel Corporation and Rohan Mining Corporation on "
     "Monday. The company said the deal would close in March.\n", "company", None),
    # "the party": the one party
    ("Vote\n\nThe Green Party of Gondor criticised the Gondor Steel Corporation on Monday. Later the party said "
     "the talks went well.\n", "party", "Green Party of Gondor"),
])
def test_a_kind_of_organization_never_described_stands_for_the_one_of_its_sector(
        pipeline: Pipeline, text: str, noun: str, meant: str | None) -> None:
    doc = pipeline.run(read_text(text))
    start = doc.text.rfind(noun)
    found = [a.name for a in doc.actors for m in a.mentions if m.start == start]
    assert found == ([meant] if meant else []), [(a.name, texts(a)) for a in doc.actors]

"""Quotes: every quote shape on short invented texts, speakers, and what bad input must never do."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.document import QUOTE_KINDS, Actor, Document, Mention, Quote
from newsgraph.knowledge import data_rows
from newsgraph.pipeline import STAGES, Pipeline, Work, stage
from newsgraph.quotations import find_quotations, marks, pair_marks, paragraphs
from newsgraph.quotes import load_cues
from newsgraph.readers import read_text
from newsgraph.settings import Settings
from tests.conftest import WORDNET, load_tool

TITLE = "Talks in the valley\n\n"
HEADLINE = "Floods return to the northern valleys of Arnor this spring"


def run(pipeline: Pipeline, body: str) -> Document:
    return pipeline.run(read_text(TITLE + body + "\n"))


def speaker_name(document: Document, quote: Quote) -> str:
    actor = document.actor(quote.speaker)
    return actor.name if actor else ""


def only(document: Document, kind: str) -> Quote:
    found = [q for q in document.quotes if q.kind == kind]
    assert len(found) == 1, [(q.kind, q.text) for q in document.quotes]
    return found[0]


@pytest.mark.parametrize(("body", "kind", "text", "speaker", "cue"), [
    ("“We will rebuild the bridge before winter,” said Sarah Miller, the mayor of Arnor.",
     "direct", "We will rebuild the bridge before winter,", "Miller", "say"),
    ('"We will rebuild the bridge before winter," Sarah Miller told reporters.',
     "direct", "We will rebuild the bridge before winter,", "Miller", "tell"),
    ("Sarah Miller said: “The bridge will be rebuilt before winter.”",
     "direct", "The bridge will be rebuilt before winter.", "Miller", "say"),
    ("Sarah Miller vowed Arnor would “strike back at the raiders” next spring.",
     "partial", "strike back at the raiders", "Miller", "vow"),
    ("Peter Walsh called the plan a “disaster” for the farmers.",
     "partial", "disaster", "Walsh", "call"),
    ("“The river rose. The bridge fell. We waited for three days,” Peter Walsh said.",
     "direct", "The river rose. The bridge fell. We waited for three days,", "Walsh", "say"),
    ("“He told me ‘never again’, and I believed him,” Sarah Miller said.",
     "direct", "He told me ‘never again’, and I believed him,", "Miller", "say"),
])
def test_quotation_shapes(pipeline: Pipeline, body: str, kind: str, text: str, speaker: str, cue: str) -> None:
    document = run(pipeline, body)
    quote = only(document, kind)
    assert quote.text == text
    assert speaker in speaker_name(document, quote)
    assert quote.cue == cue
    assert quote.reason


@pytest.mark.parametrize(("body", "text", "speaker"), [
    ("Sarah Miller said that the bridge would reopen in May.", "the bridge would reopen in May", "Miller"),
    ("Peter Walsh told reporters the talks with Gondor had failed.", "the talks with Gondor had failed", "Walsh"),
    ("The bridge will reopen in May, according to Sarah Miller.", "The bridge will reopen in May", "Miller"),
    ("The talks had failed, Peter Walsh said on Monday.", "The talks had failed", "Walsh"),
    ("Sarah Miller believes the bridge will reopen in May.", "the bridge will reopen in May", "Miller"),
    ("The old dam on the northern river was closed in early May and according to Sarah Miller the valley flooded.",
     "the valley flooded", "Miller"),
    ("The repairs to the old bridge, Peter Walsh said on Monday, would take the whole summer.",
     "The repairs to the old bridge, Peter Walsh said on Monday, would take the whole summer", "Walsh"),
    ("As Sarah Miller noted on Monday, the farmers of the valley have lost their winter crops.",
     "the farmers of the valley have lost their winter crops", "Miller"),
    ("Sarah Miller announced the northern bridge, closed since May, would reopen next week.",
     "the northern bridge, closed since May, would reopen next week", "Miller"),
    ("The farmers met Peter Walsh, who toured the valley and said the bridge would reopen in May.",
     "the bridge would reopen in May", "Walsh"),
    ("Sarah Miller underlined that the northern bridge would reopen in May.",
     "the northern bridge would reopen in May", "Miller"),
    ("Peter Walsh has repeatedly maintained an inquiry is what the council of Arnor is already doing.",
     "an inquiry is what the council of Arnor is already doing", "Walsh"),
])
def test_indirect_speech_is_the_reported_clause(pipeline: Pipeline, body: str, text: str, speaker: str) -> None:
    document = run(pipeline, body)
    quote = only(document, "indirect")
    assert quote.text == text
    assert speaker in speaker_name(document, quote)


def test_a_speech_tag_between_two_quotations_reports_no_clause(pipeline: Pipeline) -> None:
    document = run(pipeline, "“The bridge will reopen,” Sarah Miller said, “before the winter comes to the valley.”")
    assert [q.kind for q in document.quotes] == ["direct", "partial"]


def test_coordinated_reported_clauses_are_separate_quotes(pipeline: Pipeline) -> None:
    document = run(pipeline, "Sarah Miller said the bridge would reopen in May and the ferry would stop.")
    texts = [q.text for q in document.quotes if q.kind == "indirect"]
    assert texts == ["the bridge would reopen in May", "the ferry would stop"]


def names_only(work: Work, _settings: object) -> None:
    """Actors with no coreference at all: one person per distinct name, so pronouns are left to quotes."""
    actors: dict[str, Actor] = {}
    for ent in work.doc.ents:
        if ent.label_ == "PERSON":
            actor = actors.setdefault(ent.text, Actor(id=f"p{len(actors) + 1}", name=ent.text, kind="person"))
            actor.mentions.append(Mention(ent.start_char, ent.end_char, ent.text))
    work.document.actors = list(actors.values())


def with_actors(pipeline: Pipeline, find: Callable[[Work, Settings], None]) -> Pipeline:
    """The quotations and quotes stages around an actors stage written for the test."""
    quotations, _, quotes = STAGES[:3]
    actors = stage("actors", find, requires="parse", assigns="actors")
    return Pipeline(pipeline.settings, model=pipeline.nlp, stages=(quotations, actors, quotes))


@pytest.mark.parametrize("coreference", [True, False])
def test_pronoun_speaker_is_the_previous_sentence_subject(pipeline: Pipeline, coreference: bool) -> None:
    body = ("Peter Walsh met Sarah Miller in Arnor on Monday.\n\n"
            "“We came to listen, not to give orders,” he told the council.")
    runner = pipeline if coreference else with_actors(pipeline, names_only)
    document = run(runner, body)
    quote = only(document, "direct")
    assert "Walsh" in speaker_name(document, quote)
    assert coreference or "pronoun 'he': subject of a previous sentence" in quote.reason


@pytest.mark.parametrize("between", ["", f"{HEADLINE}\n\n"])
def test_quote_paragraph_without_attribution_continues_the_speaker(pipeline: Pipeline, between: str) -> None:
    body = ("Sarah Miller spoke to farmers in Arnor on Monday.\n\n"
            "“The talks will go on as long as they must,” Peter Walsh said.\n\n"
            f"{between}“Nobody will leave the table before the harvest.”")
    document = run(pipeline, body)
    first, second = [q for q in document.quotes if q.kind == "direct"]
    headline = document.text.find(HEADLINE)
    assert not between or document.is_set_aside(headline, headline + len(HEADLINE))
    assert second.text == "Nobody will leave the table before the harvest."
    assert "Walsh" in speaker_name(document, second)
    assert second.speaker == first.speaker


def test_unclosed_quote_continued_by_the_next_paragraph(pipeline: Pipeline) -> None:
    body = ("“The river rose in the night and took the bridge,” said Peter Walsh. “We lost the mill.\n\n"
            "“We will build it again before the snow.”")
    document = run(pipeline, body)
    direct = [q for q in document.quotes if q.kind == "direct"]
    assert [q.text for q in direct][-2:] == ["We lost the mill.", "We will build it again before the snow."]
    assert all("Walsh" in speaker_name(document, q) for q in direct)
    assert "continues" in direct[-1].reason


def test_no_quote_from_a_set_aside_line(pipeline: Pipeline) -> None:
    body = ("Peter Walsh visited the valley on Monday.\n\n"
            "“We will rebuild,” Peter Walsh says in a photo [Arnor Times via Newswire]\n\n"
            "The council met later in the day.")
    document = run(pipeline, body)
    assert document.set_aside
    assert not [q for q in document.quotes if document.is_set_aside(q.start, q.end)]
    assert not [q for q in document.quotes if q.kind != "indirect"]


@pytest.mark.parametrize("body", [
    "Arnor’s leaders won’t talk to Gondor’s envoys until the farmers’ debts are paid.",
    "The valley was quiet. The river was low. Farmers sold their grain at the market in Arnor.",
    "",
])
def test_apostrophes_and_plain_text_give_no_quotation(pipeline: Pipeline, body: str) -> None:
    document = run(pipeline, body or "No one spoke.")
    assert [q for q in document.quotes if q.kind != "indirect"] == []


@pytest.mark.parametrize(("body", "quoted"), [
    ("The so-called “reforms” of the valley council left the farmers poorer.", []),
    ("Locals fish below the dam, the “Wall”, every spring.", []),
    ("Peter Walsh called the plan a “disaster” for the farmers.", ["disaster"]),  # said by someone
    ("The council spoke of a “fair and lasting settlement” with the farmers.", ["fair and lasting settlement"]),
])
def test_a_word_in_quotation_marks_that_no_one_says_is_no_quote(pipeline: Pipeline, body: str,
                                                                  quoted: list[str]) -> None:
    document = run(pipeline, body)
    assert [q.text for q in document.quotes if q.kind != "indirect"] == quoted


@pytest.mark.parametrize("body", [
    "“We will stay, Peter Walsh said.\n\nThe valley was quiet for a week.",
    "Peter Walsh said the plan was ” a failure.\n\n“\n\n'",
    "“One “two ‘three” four’ five”\n\n” six “",
    "\"\"\"\n\n'''\n\n“”‘’",
])
def test_unbalanced_marks_never_span_a_blank_line(pipeline: Pipeline, body: str) -> None:
    document = run(pipeline, body)
    assert_well_formed(document)


def test_a_thousand_paragraphs(pipeline: Pipeline) -> None:
    paras = ["“We will stay,” Peter Walsh said.", "Sarah Miller said the bridge would reopen.",
             "“Unclosed and stray ” marks ‘ here, he said."]
    document = run(pipeline, "\n\n".join(paras[i % 3] for i in range(1000)))
    assert_well_formed(document)
    assert len([q for q in document.quotes if q.text == "We will stay,"]) == 334


def assert_well_formed(document: Document) -> None:
    ids = [q.id for q in document.quotes]
    assert len(set(ids)) == len(ids)
    for q in document.quotes:
        assert document.text[q.start:q.end] == q.text
        assert q.kind in QUOTE_KINDS and q.reason
        assert "\n\n" not in q.text
        assert q.speaker is None or document.actor(q.speaker) is not None


def test_cue_lexicon_rows_are_well_formed() -> None:
    cues = load_cues()
    assert {"say", "tell", "according"} <= set(cues.uses)
    assert set(cues.uses.values()) <= {"clause", "quote", "source", "appeal"}
    assert cues.pronouns["he"] == "person"


MARKED = st.text(alphabet=st.sampled_from(list("ab ,.\n'\"“”‘’")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(MARKED)
def test_paired_marks_stay_inside_one_paragraph(text: str) -> None:
    document = Document(text=text)
    for lo, hi in paragraphs(document):
        for pair in pair_marks(marks(text, lo, hi)):
            assert lo <= pair.open < hi
            assert pair.close is None or pair.open < pair.close < hi
            assert "\n\n" not in text[pair.open:hi if pair.close is None else pair.close]


def test_quotation_spans_are_found_once_before_the_actors(pipeline: Pipeline) -> None:
    work = pipeline.run_work(read_text(TITLE + "“We will stay,” Peter Walsh said. Sarah Miller called it a "
                                       "“brave choice” for the valley.\n"))
    names = [step.name for step in pipeline.stages]
    assert names.index("quotations") < names.index("actors") < names.index("quotes")
    assert work.quotations is not None
    marked = [(q.start, q.end) for q in work.document.quotes if q.kind != "indirect"]
    assert [(q.start, q.end) for q in work.quotations.found] == marked


@pytest.mark.parametrize(("word", "inside"), [
    ("never", True), ("believed", True), ("Sarah", False), ("council", False),
])
def test_a_position_is_inside_the_outermost_quotation(word: str, inside: bool) -> None:
    text = "“He told me ‘never again’, and I believed him,” Sarah Miller told the council."
    found = find_quotations(Document(text=text))
    assert found.inside(text.index(word)) is inside
    assert len(found.found) == 1 and (found.at(text.index(word)) is not None) is inside


def test_two_apostrophes_are_one_double_mark(pipeline: Pipeline) -> None:
    document = run(pipeline, "''We will rebuild the bridge before winter,'' Sarah Miller said. She called it "
                             "''a question of pride.''")
    marked = [(q.kind, q.text) for q in document.quotes if q.kind != "indirect"]
    assert marked == [("direct", "We will rebuild the bridge before winter,"), ("partial", "a question of pride.")]
    assert all("Miller" in speaker_name(document, q) for q in document.quotes if q.kind != "indirect")


def test_a_verb_just_before_the_opening_comma_is_the_cue(pipeline: Pipeline) -> None:
    document = run(pipeline, "Sarah Miller spoke first. Peter Walsh continued, “The council will decide the matter "
                             "in May,” and Miller told reporters the talks were over.")
    quote = only(document, "direct")
    assert "Walsh" in speaker_name(document, quote)
    assert quote.cue == "continue"


def test_learned_cue_verbs_are_reporting_verbs() -> None:
    uses = load_cues().uses
    assert {"believe", "think", "realize"} <= set(uses)
    assert not {"allow", "want", "seem", "be", "have"} & set(uses)


def test_a_subject_naming_no_actor_speaks_for_its_owner(pipeline: Pipeline) -> None:
    document = run(pipeline, "Sarah Miller's advisers said the bridge would reopen before the winter floods.")
    quote = only(document, "indirect")
    assert "Miller" in speaker_name(document, quote)
    assert "owner of the subject" in quote.reason


@pytest.mark.parametrize(("body", "cue"), [
    ("“The council will hear the farmers in May,” grumbled Peter Walsh.", "grumble"),
    ("“Will the council hear the farmers in May?” Peter Walsh pressed.", "press"),
])
def test_any_verb_with_its_subject_just_after_a_quotation_is_its_cue(pipeline: Pipeline, body: str, cue: str) -> None:
    document = run(pipeline, "Sarah Miller spoke to the farmers of Arnor on Monday.\n\n" + body)
    quote = only(document, "direct")
    assert "Walsh" in speaker_name(document, quote)
    assert quote.cue == cue


def test_words_after_a_partial_quotation_are_not_its_cue(pipeline: Pipeline) -> None:
    document = run(pipeline, "Sarah Miller called the plan “a disaster,” Peter Walsh grumbled in the council.")
    quote = only(document, "partial")
    assert "Miller" in speaker_name(document, quote)


def test_a_pronoun_continuing_a_speaker_is_the_previous_quotes_speaker(pipeline: Pipeline) -> None:
    body = ("Peter Walsh met Sarah Miller in Arnor on Monday.\n\n"
            "“The council must hear the farmers before the harvest,” Miller wrote.\n\n"
            "“Nobody will leave the table before the snow,” she continued.")
    document = run(pipeline, body)
    first, second = [q for q in document.quotes if q.kind == "direct"]
    assert "Miller" in speaker_name(document, first)
    assert second.speaker == first.speaker
    assert second.reason.endswith("pronoun 'she': the previous quote's speaker")


@pytest.mark.parametrize(("label", "speaker"), [
    ("Sarah Miller", "Miller"),
    ("Floods in Arnor - Peter Walsh", "Walsh"),
])
def test_a_short_label_before_the_colon_names_the_speaker(pipeline: Pipeline, label: str, speaker: str) -> None:
    document = run(pipeline, f"{label}: “The bridge will be rebuilt before the winter floods.”")
    quote = only(document, "direct")
    assert speaker in speaker_name(document, quote)
    assert quote.reason.endswith("label before the colon")


@pytest.mark.parametrize(("body", "text"), [
    ("Sarah Miller called on the council to rebuild the bridge before winter.",
     "the council to rebuild the bridge before winter"),
    ("Sarah Miller called for an inquiry into the collapse of the bridge.",
     "an inquiry into the collapse of the bridge"),
    ("Sarah Miller spoke in Arnor, calling for the owners of the mill to be brought to court.",
     "the owners of the mill to be brought to court"),
])
def test_what_an_appeal_calls_for_is_reported_speech(pipeline: Pipeline, body: str, text: str) -> None:
    document = run(pipeline, body)
    quote = only(document, "indirect")
    assert quote.text == text
    assert "Miller" in speaker_name(document, quote)
    assert quote.cue in ("call on", "call for")


def test_a_short_appeal_is_no_reported_speech(pipeline: Pipeline) -> None:
    document = run(pipeline, "Sarah Miller called for calm.")
    assert not [q for q in document.quotes if q.kind == "indirect"]


@pytest.mark.parametrize(("body", "indirect"), [
    ('Sarah Miller alleged the council had "broken every promise it made to the river towns."',
     'the council had "broken every promise it made to the river towns'),
    ('Sarah Miller said: "The council has broken every promise it made to the river towns."', None),
])
def test_a_reported_clause_mostly_in_quotation_marks_is_still_reported_speech(pipeline: Pipeline, body: str,
                                                                               indirect: str | None) -> None:
    document = run(pipeline, body)
    texts = [q.text for q in document.quotes if q.kind == "indirect"]
    assert texts == ([indirect] if indirect else [])


@pytest.mark.parametrize(("body", "speaker"), [
    ("An email sent out by Sarah Miller on Tuesday warned: “The river will rise again before the spring.”", "Miller"),
    ("Sarah Miller released a statement which read: “The river will rise again before the spring.”", "Miller"),
    ("“The river will rise again before the spring”, Peter Walsh mused.", "Walsh"),
    ("“The river will rise again before the spring.” Peter Walsh said.", "Walsh"),
])
def test_speaker_found_through_the_subject_or_after_the_marks(pipeline: Pipeline, body: str, speaker: str) -> None:
    document = run(pipeline, body)
    quote = only(document, "direct")
    assert speaker in speaker_name(document, quote), quote.reason


def test_a_sentence_reporting_something_else_is_not_the_previous_quotations_cue(pipeline: Pipeline) -> None:
    body = ("“We will rebuild the bridge,” Sarah Miller told reporters. “The river will not stop us.” "
            "Peter Walsh said the council had no money for it, according to the Arnor Herald.")
    document = run(pipeline, body)
    second = [q for q in document.quotes if q.kind == "direct"][1]
    assert "Miller" in speaker_name(document, second), second.reason


def full_names_only(work: Work, _settings: object) -> None:
    """Actors from full names alone, so that a later surname is no mention of anyone."""
    for ent in work.doc.ents:
        if ent.label_ == "PERSON" and " " in ent.text:
            actor = Actor(id=f"p{len(work.document.actors) + 1}", name=ent.text, kind="person")
            actor.mentions.append(Mention(ent.start_char, ent.end_char, ent.text))
            work.document.actors.append(actor)


def test_a_surname_the_actors_missed_names_the_speaker(pipeline: Pipeline) -> None:
    runner = with_actors(pipeline, full_names_only)
    body = "Sarah Miller met Peter Walsh in Arnor.\n\n“We came to listen, not to give orders,” Walsh told the council."
    document = run(runner, body)
    quote = only(document, "direct")
    assert speaker_name(document, quote) == "Peter Walsh"
    assert "surname of an actor" in quote.reason


@pytest.mark.skipif(not (WORDNET / "data.verb").exists(), reason="WordNet (wordnet-base) not installed")
def test_the_wordnet_cue_verbs_are_those_the_script_builds() -> None:
    built = load_tool("build_quote_cues_wordnet").cue_rows(WORDNET)
    assert [(r[0], r[2].split("'")[1]) for r in data_rows("quote_cues_wordnet.tsv")] == built
    assert ("underline", "stress") in built and "will" not in dict(built) and "say" not in dict(built)

"""Names, aliases and cross-document identity: one name key, aliases without pronouns or judgements, roles
from the actor's own appositions, one entity per person whatever one article's context says."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from newsgraph import store as st
from newsgraph.actors.coding import appositions
from newsgraph.actors.passes import news_outlets
from newsgraph.names import evidenced_country, holds, is_alias, is_named, name_key
from newsgraph.pipeline import Pipeline
from newsgraph.readers import read_inputs, read_text
from newsgraph.store import identity, schema
from tests.conftest import SHARED

CORPUS = SHARED / "corpus" / "wikinews.jsonl"
#: Pronouns as written: none may be an alias.
PRONOUNS = {"he", "He", "she", "She", "they", "They", "him", "her", "it", "It", "we", "We", "his", "His"}

ARTICLES = [
    "Okafor meets Argentine leader\nBrazilian President Daniel Okafor met Argentine President Sofia Ruiz in "
    "Buenos Aires on Monday. He said the talks were useful. Speaking to Wikinews, Okafor promised a new trade deal.",
    "Okafor in Baghdad\nBrazilian President Daniel Okafor arrived in Baghdad on Tuesday. Iraq's government "
    "welcomed him. Critics at home say he is the worst president in decades. The president ignored them.",
    "Strike ends\nPresident Daniel Okafor met strikers on Wednesday. The union leader said the talks failed. "
    "Wikinews reported that the strike ended.",
]


@pytest.mark.parametrize(("name", "key"), [
    ("Recep Tayyip Erdoğan", "recep tayyip erdogan"),
    ("The Erdogan's", "erdogan"),
    ("Abu-Bakr  al-Baghdadi", "abu bakr al baghdadi"),
    ("U.S.", "u s"),
    ("The", "the"),
])
def test_one_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(("text", "via", "role", "roles", "alias"), [
    ("Daniel Okafor", "name", None, [], True),
    ("Okafor", "repeat", None, [], True),
    ("He", "pronoun", None, ["president"], False),
    ("they", "pronoun", None, [], False),
    ("the president", "title", "president", ["Brazilian President"], True),
    ("union leader", "title", "leader", ["president"], False),
    ("former mayor", "title beside name", None, [], True),
])
def test_alias_is_a_name_title_or_description(text: str, via: str, role: str | None, roles: list[str],
                                              alias: bool) -> None:
    assert is_alias(text, via, role, roles) is alias


def test_role_words_are_held_in_a_row() -> None:
    assert holds("vice president", ["former Vice President of the United States"])
    assert not holds("president", ["vice-chair of the presidential commission"])


def test_country_from_context_is_no_evidence() -> None:
    assert evidenced_country("IRQ", from_context=True) is None
    assert evidenced_country("BRA", from_context=False) == "BRA"
    assert is_named("ner") and is_named("state") and not is_named("unnamed")


def parsed(words: list[str], heads: list[int], deps: list[str], people: list[tuple[int, int]]) -> Doc:
    tags = ["NN" if d in ("appos", "ROOT") else "NNP" for d in deps]
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", "'s") for i in range(len(words))]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags)
    doc.ents = [Span(doc, s, e, label="PERSON") for s, e in people]
    return doc


def test_apposition_naming_another_person_is_not_a_role() -> None:
    """"Postmaster Lucas Moreau, a donor Okafor appointed": the phrase before Okafor is Moreau's."""
    words = ["Postmaster", "Lucas", "Moreau", ",", "a", "donor", "Okafor", "appointed"]
    doc = parsed(words, [2, 2, 5, 5, 5, 5, 5, 6], ["compound", "compound", "nmod", "punct", "det", "ROOT", "appos",
                                                  "acl"], [(1, 3), (6, 7)])
    assert appositions(doc[6:7]) == []


def test_apposition_with_an_owner_is_a_role() -> None:
    """"Ana Lima's spokesperson, Okafor": the spokesperson is Okafor."""
    words = ["Ana", "Lima", "'s", "spokesperson", ",", "Okafor"]
    doc = parsed(words, [1, 3, 1, 3, 3, 3], ["compound", "poss", "case", "ROOT", "punct", "appos"], [(0, 2), (5, 6)])
    assert [s.text for s in appositions(doc[5:6])] == ["Ana Lima's spokesperson,"]


@pytest.fixture(scope="module")
def articles(pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Iterator[st.Store]:
    store = st.connect(tmp_path_factory.mktemp("identity") / "articles.db")
    st.ingest(store, [read_text(text, f"article-{n}") for n, text in enumerate(ARTICLES)], pipeline)
    yield store
    store.close()


def test_a_person_is_one_entity_whatever_one_article_context_says(articles: st.Store) -> None:
    [profile] = st.actor(articles, "Daniel Okafor")
    assert (profile["country"], profile["documents"]) == ("BRA", 3)


def test_aliases_hold_names_and_titles_not_pronouns_or_judgements(articles: st.Store) -> None:
    [profile] = st.actor(articles, "Okafor")
    assert {"Daniel Okafor", "Okafor"} <= set(profile["aliases"])
    assert not set(profile["aliases"]) & (PRONOUNS | {"worst president", "union leader"})


def test_pronouns_find_no_entity(articles: st.Store) -> None:
    assert st.actor(articles, "he") == []


def test_news_outlet_is_no_person(articles: st.Store) -> None:
    with articles.engine.connect() as conn:
        kinds = {r.kind for r in conn.execute(schema.entities.select().where(schema.entities.c.key == "wikinews"))}
    assert kinds == {"organization"}
    assert identity.problems(articles, news_outlets()) == []


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason=f"the 275-article corpus is not at {CORPUS}")
def test_corpus_store_keeps_people_apart_and_together(pipeline: Pipeline, tmp_path: Path) -> None:
    """On a store of the corpus: no pronoun alias, no outlet as a person, no person's full name on two
    entities unless both have evidenced different countries."""
    store = st.connect(tmp_path / "corpus.db")
    try:
        st.ingest(store, read_inputs([str(CORPUS)]), pipeline)
        top = identity.top_entities(store, 20)
        assert not {a for row in top for a in row["aliases"]} & PRONOUNS
        assert identity.problems(store, news_outlets()) == []
        [trump] = st.actor(store, "Donald Trump")
        assert trump["country"] == "USA"
    finally:
        store.close()

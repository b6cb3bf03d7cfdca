"""The event rules by name: every decision point is registered, a run switches rules off without leaking into
the next, and the events a rule makes or changes carry its id."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from spacy.language import Language

from newsgraph import rules
from newsgraph.events.lexicon import load_lexicon
from newsgraph.knowledge import data_rows
from tests.test_events_arguments import code, pairs

#: The package: every module that asks a rule.
SOURCES = Path(rules.__file__).parent


def test_every_rule_asked_in_the_code_is_registered() -> None:
    asked = {m for path in SOURCES.rglob("*.py")
             for m in re.findall(r'(?:fires|enabled)\(\s*"([^"]+)"', path.read_text())}
    asked |= {m for path in SOURCES.rglob("*.py") for m in re.findall(r'^(?:RULE|PROTESTERS) = "([^"]+)"',
                                                                      path.read_text(), re.M)}
    assert asked and asked <= rules.BY_ID.keys(), asked - rules.BY_ID.keys()


def test_every_sense_class_and_event_data_file_is_a_rule() -> None:
    classes = {row[2] for row in data_rows("event_senses.tsv") if len(row) > 2}
    assert {f"senses:{c}" for c in classes} <= rules.BY_ID.keys()
    files = {p.stem for p in (SOURCES / "data").glob("event_*.tsv")}
    assert {f"data:{f}" for f in files} <= rules.BY_ID.keys()


def test_rules_have_descriptions_and_unique_ids() -> None:
    assert len(rules.BY_ID) == len(rules.RULES)
    assert all(r.description and r.module for r in rules.RULES)


def test_a_run_switches_off_and_counts_then_leaves_nothing_behind() -> None:
    counter: Counter[str] = Counter()
    with rules.running(disabled={"lend-dates"}, counter=counter):
        assert not rules.fires("lend-dates")
        assert rules.fires("despite", True)
        assert not rules.fires("despite", False)
        assert rules.disabled() == frozenset({"lend-dates"})
    assert counter == Counter({"despite": 1})
    assert rules.enabled("lend-dates") and rules.disabled() == frozenset()
    with pytest.raises(KeyError), rules.running(disabled={"no-such-rule"}):
        pass


def test_reason_tags() -> None:
    reason = rules.tag("verb:published:sides=closed", ["b", "a"])
    assert reason.endswith("[rules=a+b]") and ":published:" in reason
    again = rules.tag(reason + ":claimed-by:claim", ["c", "a"])
    assert rules.fired_in(again) == ["a", "b", "c"] and again.count("[rules=") == 1


def test_a_data_file_switched_off_reads_as_empty() -> None:
    assert load_lexicon().owner_heads
    with rules.running(disabled={"data:event_owner_heads"}):
        assert not load_lexicon().owner_heads
    assert load_lexicon().owner_heads


@pytest.fixture(scope="module")
def model() -> Language:
    from newsgraph import nlp
    return nlp.load()


def test_a_rule_tags_its_events_and_can_be_switched_off(model: Language) -> None:
    text = "Gondor faced sharp criticism from Arnor."
    events = code(model, text)
    assert ("ACCUSE", "arnor", "gondor") in pairs(events)
    assert any("received-from" in rules.fired_in(e.reason) for e in events)
    with rules.running(disabled={"received-from"}):
        assert ("ACCUSE", "arnor", "gondor") not in pairs(code(model, text))

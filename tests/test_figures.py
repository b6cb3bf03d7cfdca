"""Figures: numbers with currency and scale, counts of people, percentages; what is not a figure."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.clean import clean
from newsgraph.dates import find_dates
from newsgraph.document import Document, Figure
from newsgraph.figures import find_figures, parse_number, readings
from newsgraph.pipeline import Pipeline


def figures(pipeline: Pipeline, text: str) -> list[Figure]:
    cleaned, set_aside = clean(text)
    document = Document(text=cleaned, published="2026-03-04", set_aside=set_aside)
    parsed = pipeline.nlp(cleaned)
    document.dates = find_dates(parsed, document)
    return find_figures(parsed, document)


def one(pipeline: Pipeline, text: str) -> Figure:
    found = figures(pipeline, text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12), ("1,500", 1500), ("5.7", 5.7), ("twelve", 12), ("twenty-five", 25), ("one hundred and two", 102),
    ("a million", 1_000_000), ("two billion", 2_000_000_000), ("twenty-five thousand", 25_000),
    ("three hundred thousand", 300_000), ("Eleven", 11), ("seventeen", 17),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "many", "twelfth", "1.2.3"])
def test_parse_number_refuses_what_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(("text", "shown", "value", "unit", "approx"), [
    ("Trade should reach $20bn yearly.", "$20bn", 20e9, "USD", None),
    ("Exports amounted to nearly $9bn.", "nearly $9bn", 9e9, "USD", "nearly"),
    ("The fund holds €1.2 million.", "€1.2 million", 1.2e6, "EUR", None),
    ("The club paid £5m for him.", "£5m", 5e6, "GBP", None),
    ("Aid of US$3 billion was promised.", "US$3 billion", 3e9, "USD", None),
    ("A loan of 5 million yuan was made.", "5 million yuan", 5e6, "CNY", None),
    ("The dam costs Rs 200 crore.", "Rs 200 crore", 2e9, "INR", None),
    ("It committed 1.7 billion dollars.", "1.7 billion dollars", 1.7e9, "USD", None),
    ("It costs six billion euros.", "six billion euros", 6e9, "EUR", None),
    ("A bribe of $10k was paid.", "$10k", 1e4, "USD", None),
    ("Prices rose more than 20 percent.", "more than 20 percent", 20, "percent", "more than"),
    ("About 52% voted to leave.", "About 52%", 52, "percent", "about"),
    ("Output fell five per cent.", "five per cent", 5, "percent", None),
])
def test_money_and_percentages(text: str, shown: str, value: float, unit: str, approx: str | None) -> None:
    found = readings(text)
    assert [(text[r.start:r.end], r.value, r.unit, r.approx) for r in found] == [(shown, value, unit, approx)]


@pytest.mark.parametrize(("text", "shown", "value", "unit", "approx", "what"), [
    ("The war left nearly one million dead.", "nearly one million", 1e6, "people", "nearly", "dead"),
    ("Police said 12 people were arrested.", "12", 12, "people", None, "arrested"),
    ("After the blasts, at least 20 were killed.", "at least 20", 20, "people", "at least", "killed"),
    ("Officials said 39 are confirmed dead.", "39", 39, "people", None, "dead"),
    ("They sent over 1,000 rescuers.", "over 1,000", 1000, "rescuers", "over", "rescuers"),
    ("Mordor launched ten drones at the fort.", "ten", 10, "drones", None, "drones"),
    ("The earlier toll was 27 dead.", "27", 27, "people", None, "dead"),
    ("Ninety civilians were wounded.", "Ninety", 90, "people", None, "wounded"),
    ("Roughly 16 million people wanted to stay.", "Roughly 16 million", 16e6, "people", "roughly", "people"),
])
def test_counts_of_people_and_things(pipeline: Pipeline, text: str, shown: str, value: float, unit: str,
                                     approx: str | None, what: str) -> None:
    f = one(pipeline, text)
    assert (f.text, f.value, f.unit, f.approx, f.what) == (shown, value, unit, approx, what)


@pytest.mark.parametrize(("text", "unit"), [
    ("The court heard 78 co-petitioners.", "people"), ("A three-judge court ruled.", "judge"),
    ("Rohan sent two arrest raids.", "raids"),
])
def test_units_from_hyphenated_and_compound_nouns(pipeline: Pipeline, text: str, unit: str) -> None:
    assert one(pipeline, text).unit == unit


def test_what_an_amount_is_of_comes_from_its_verb(pipeline: Pipeline) -> None:
    assert one(pipeline, "Gondor's exports to Rohan amounted to nearly $9bn.").what == "exports"


@pytest.mark.parametrize("text", [
    "The treaty was signed in 2017.", "They met on March 3, 2020.", "The talks began at 5 p.m. local time.",
    "The blast came at 8:30 in the morning.", "He finished 3rd in the race.", "Denethor died aged 95.",
    "A 19-year-old rider fell.", "Call 555-1234 for help.", "Article 50 was invoked.", "COVID-19 spread.",
    "One of them spoke.", "He ruled for four years.", "The jump was 5m high.", "Two thirds voted yes.",
])
def test_what_is_not_a_figure(pipeline: Pipeline, text: str) -> None:
    assert figures(pipeline, text) == []


def test_figures_are_not_taken_from_set_aside_lines(pipeline: Pipeline) -> None:
    text = "Title\n\nTwelve riders in Osgiliath, Gondor, July 21 2020. Palace website\n\nThe raid left 40 dead.\n"
    assert [(f.text, f.value) for f in figures(pipeline, text)] == [("40", 40)]


def test_offsets_and_reasons(pipeline: Pipeline) -> None:
    text = "Rohan paid $5bn and 300 soldiers were killed."
    cleaned, _ = clean(text)
    for f in figures(pipeline, text):
        assert cleaned[f.start:f.end] == f.text
        assert f.reason


@pytest.mark.parametrize(("text", "value"), [("Thousands fled.", 1000), ("Tens of thousands marched.", 10000)])
def test_vague_quantities(text: str, value: float) -> None:
    assert [(r.value, r.approx is not None) for r in readings(text)] == [(value, True)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=list("0123456789 ,.$€£%-bnmkone million two at least nearly\n"), max_size=200)
       | st.text(max_size=200))
def test_arbitrary_text_never_crashes(text: str) -> None:
    for r in readings(text):
        assert 0 <= r.start < r.end <= len(text)
        assert r.value >= 0

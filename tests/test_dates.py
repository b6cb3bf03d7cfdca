"""Time expressions: finding them (with their preposition) and resolving them against publication."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.clean import clean
from newsgraph.dates import find_dates, resolve_all
from newsgraph.document import Document, TimeExpr
from newsgraph.pipeline import Pipeline

MON, TUE, WED, SAT, SUN = "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-07", "2026-03-08"


def dates(text: str, published: str | None) -> list[TimeExpr]:
    return resolve_all(text, dt.date.fromisoformat(published) if published else None)


def values(text: str, published: str | None) -> dict[str, str | None]:
    return {d.text: d.value for d in dates(text, published)}


def parsed_dates(pipeline: Pipeline, text: str, published: str | None) -> dict[str, str | None]:
    cleaned, set_aside = clean(text)
    document = Document(text=cleaned, published=published, set_aside=set_aside)
    return {d.text: d.value for d in find_dates(pipeline.nlp(cleaned), document)}


@pytest.mark.parametrize(("published", "expected"), [
    (MON, "2026-02-24"), (TUE, "2026-03-03"), (WED, "2026-03-03"), (SAT, "2026-03-03"), (SUN, "2026-03-03"),
])
def test_weekday_is_the_nearest_such_day_on_or_before_publication(published: str, expected: str) -> None:
    assert values("The envoys met in Osgiliath on Tuesday.", published) == {"on Tuesday": expected}


@pytest.mark.parametrize(("published", "expected"), [
    (MON, "2026-03-06"), ("2026-03-06", "2026-03-06"), (SAT, "2026-03-13"),
])
def test_weekday_in_a_future_clause_is_the_next_such_day(pipeline: Pipeline, published: str, expected: str) -> None:
    assert parsed_dates(pipeline, "The council of Gondor will meet on Friday.", published) == {"on Friday": expected}


@pytest.mark.parametrize("sentence", [
    "The king said the envoy would arrive on Friday.",
    "The envoy is to leave Gondor on Friday.",
])
def test_other_future_forms_look_forward(pipeline: Pipeline, sentence: str) -> None:
    assert parsed_dates(pipeline, sentence, SAT) == {"on Friday": "2026-03-13"}


@pytest.mark.parametrize(("phrase", "published", "expected"), [
    ("last Tuesday", MON, "2026-02-24"), ("last Tuesday", WED, "2026-02-24"), ("last Tuesday", SUN, "2026-02-24"),
    ("next Tuesday", MON, "2026-03-10"), ("next Tuesday", WED, "2026-03-10"), ("next Tuesday", SUN, "2026-03-10"),
    ("this Friday", MON, "2026-03-06"),
])
def test_last_next_and_this_weekday_name_a_calendar_week(phrase: str, published: str, expected: str) -> None:
    assert values(f"The talks began {phrase}.", published) == {phrase: expected}


@pytest.mark.parametrize(("published", "expected"), [
    (WED, "2025-05"), ("2026-05-20", "2026-05"), ("2026-07-01", "2026-05"),
])
def test_month_without_year_is_the_latest_on_or_before_publication(published: str, expected: str) -> None:
    assert values("Faramir took office in May.", published) == {"in May": expected}


@pytest.mark.parametrize(("published", "expected"), [(WED, "2026-05"), ("2026-07-01", "2027-05")])
def test_month_in_a_future_clause_is_the_next_one(pipeline: Pipeline, published: str, expected: str) -> None:
    assert parsed_dates(pipeline, "Gondor will hold elections in May.", published) == {"in May": expected}


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("It fell last October.", WED, {"last October": "2025-10"}),
    ("It fell last March.", WED, {"last March": "2025-03"}),
    ("It fell in mid-August.", WED, {"in mid-August": "2025-08"}),
    ("It fell in late July.", WED, {"in late July": "2025-07"}),
    ("The November truce held.", WED, {"November": "2025-11"}),
])
def test_month_forms(text: str, published: str, expected: dict[str, str]) -> None:
    assert values(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The siege ended on March 20.", WED, {"on March 20": "2025-03-20"}),
    ("The siege ended on March 20.", "2026-03-20", {"on March 20": "2026-03-20"}),
    ("The siege ended on 2 March.", WED, {"on 2 March": "2026-03-02"}),
    ("They met on March 20 last year.", WED, {"on March 20 last year": "2025-03-20"}),
    ("Rohan fell on July 21 2020.", WED, {"on July 21 2020": "2020-07-21"}),
    ("Rohan fell on 21 July 2020.", None, {"on 21 July 2020": "2020-07-21"}),
    ("Wednesday, March 4, 2026", None, {"Wednesday, March 4, 2026": "2026-03-04"}),
    ("It ends next Friday, March 13.", SUN, {"next Friday, March 13": "2026-03-13"}),
    ("Rohan fell in May 2019.", WED, {"in May 2019": "2019-05"}),
])
def test_days_and_months_with_their_prepositions(text: str, published: str | None, expected: dict[str, str]) -> None:
    assert values(text, published) == expected


def test_month_day_takes_the_year_of_a_full_date_earlier_in_the_paragraph() -> None:
    text = "The army moved on November 15, 2017, and Ecthelion resigned on November 21."
    assert values(text, WED)["on November 21"] == "2017-11-21"


def test_month_day_ignores_a_month_and_year_said_earlier() -> None:
    assert values("It began in July 2019. The break began on March 13.", "2026-05-06")["on March 13"] == "2026-03-13"


def test_month_day_in_a_future_clause_is_the_next_one(pipeline: Pipeline) -> None:
    assert parsed_dates(pipeline, "Aragorn would be crowned on January 20.", "2026-11-26") == {
        "on January 20": "2027-01-20"}


@pytest.mark.parametrize(("phrase", "expected"), [
    ("yesterday", "2026-03-03"), ("today", WED), ("tomorrow", "2026-03-05"), ("late today", WED),
    ("Yesterday afternoon", "2026-03-03"), ("last week", "2026-02-23/2026-03-01"),
    ("this week", "2026-03-02/2026-03-08"),
    ("last month", "2026-02"), ("earlier in the month", "2026-03"), ("last year", "2025"), ("this year", "2026"),
    ("late last year", "2025"), ("at the start of the year", "2026"), ("two years ago", "2024"),
    ("three days ago", "2026-03-01"),
])
def test_relative_phrases_count_from_publication(phrase: str, expected: str) -> None:
    assert values(f"The Shire voted {phrase}.", WED) == {phrase: expected}


@pytest.mark.parametrize(("second", "expected"), [
    ("The following day", "2026-02-25"), ("The previous day", "2026-02-23"), ("Earlier that day", "2026-02-24"),
    ("That night", "2026-02-24"),
])
def test_anaphoric_days_count_from_the_last_day_mentioned(second: str, expected: str) -> None:
    found = values(f"The riders left on Tuesday. {second}, the gates closed.", MON)
    assert found == {"on Tuesday": "2026-02-24", second: expected}


def test_a_date_used_as_a_name_is_no_anchor() -> None:
    text = "Gondor met on Tuesday. The March 1 accord was read. The following day, Rohan signed."
    assert values(text, SUN)["The following day"] == "2026-03-04"


@pytest.mark.parametrize(("text", "expected", "kind"), [
    ("They fought from 1980 to 1988.", {"from 1980 to 1988": "1980/1988"}, "interval"),
    ("He ruled 1980–1987.", {"1980–1987": "1980/1987"}, "interval"),
    ("He served from 2008 until 2016.", {"from 2008 until 2016": "2008/2016"}, "interval"),
    ("The war in 1990-95 ended.", {"in 1990-95": "1990/1995"}, "interval"),
    ("Rain fell between May and July.", {"between May and July": "2025-05/2025-07"}, "interval"),
    ("It was built in the 1980s.", {"in the 1980s": "198"}, "interval"),
    ("It was built in the early 1990s.", {"in the early 1990s": "199"}, "interval"),
    ("Wars in the 21st century.", {"in the 21st century": "2001/2100"}, "interval"),
    ("Growth slowed in the third quarter.", {"in the third quarter": "2025-07/2025-09"}, "interval"),
    ("It was founded in 2017.", {"in 2017": "2017"}, "date"),
    ("Since 2011, it grew.", {"Since 2011": "2011"}, "date"),
    ("The 2003 invasion changed it.", {"2003": "2003"}, "date"),
])
def test_ranges_decades_and_years(text: str, expected: dict[str, str], kind: str) -> None:
    found = dates(text, WED)
    assert {d.text: d.value for d in found} == expected
    assert found[0].kind == kind


@pytest.mark.parametrize(("text", "expected"), [
    ("He ruled for four years.", {"for four years": "P4Y"}),
    ("He ruled for nearly four years.", {"for nearly four years": "P4Y"}),
    ("It took two months.", {"two months": "P2M"}),
    ("Prices rose over the past year.", {"over the past year": "P1Y"}),
    ("An eight-year war.", {"eight-year": "P8Y"}),
    ("It lasted four decades.", {"four decades": "P40Y"}),
    ("They waited 48 hours.", {"48 hours": "PT48H"}),
    ("They spoke for the last five years.", {"for the last five years": "P5Y"}),
])
def test_durations(text: str, expected: dict[str, str]) -> None:
    found = dates(text, WED)
    assert {d.text: d.value for d in found} == expected
    assert {d.kind for d in found} == {"duration"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Denethor died aged 95.", "aged 95"), ("A 19-year-old rider fell.", "19-year-old"),
    ("He was 71 years old.", "71 years old"),
])
def test_ages_are_kind_age(text: str, expected: str) -> None:
    assert [(d.text, d.kind) for d in dates(text, WED)] == [(expected, "age")]


def test_sets() -> None:
    assert [(d.text, d.value, d.kind) for d in dates("They march every Friday.", WED)] == [
        ("every Friday", "XXXX-WXX-5", "set")]


def test_without_a_publication_date_only_absolute_expressions_are_resolved() -> None:
    found = values("On Tuesday, in May, he left on 4 March 2026. The siege of 2019 lasted a year.", None)
    assert found == {"On Tuesday": None, "in May": None, "on 4 March 2026": "2026-03-04", "of 2019": "2019",
                     "a year": "P1Y"}


@pytest.mark.parametrize("text", [
    "The road is 2000 km long.", "At 1800 UTC the ships sailed.", "The count is 1501 people.",
    "It may rain.", "Easter Sunday came.", "Article 1999 was read.", "The toll: 27 dead.",
])
def test_numbers_and_names_that_are_not_dates(text: str) -> None:
    assert dates(text, WED) == []


def test_dates_in_set_aside_lines_are_extracted(pipeline: Pipeline) -> None:
    text = "Title\n\nThe envoy in Osgiliath, Gondor, July 21 2020. Palace website\n\nThe envoys met on Tuesday.\n"
    assert parsed_dates(pipeline, text, "2020-07-22") == {"July 21 2020": "2020-07-21", "on Tuesday": "2020-07-21"}


@pytest.mark.parametrize(("phrase", "kind"), [("this week", "interval"), ("this weekend", "interval"),
                                              ("last month", "date")])
def test_relative_weeks_are_intervals(phrase: str, kind: str) -> None:
    assert [d.kind for d in dates(f"Gondor voted {phrase}.", WED)] == [kind]


def test_a_thousand_paragraphs_resolve_in_order() -> None:
    text = "On Tuesday the envoys met in May. The following day, they left.\n\n" * 1000
    found = dates(text, SUN)
    assert len(found) == 3000
    assert {d.value for d in found} == {"2026-03-03", "2025-05", "2026-03-04"}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=list("0123456789 -–,.on in May Tuesday last year from to 198s\n"), max_size=200)
       | st.text(max_size=200),
       st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2099, 12, 31))))
def test_arbitrary_text_never_crashes_and_offsets_hold(text: str, pub: dt.date | None) -> None:
    for d in resolve_all(text, pub):
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start:d.end] == d.text
        assert d.reason

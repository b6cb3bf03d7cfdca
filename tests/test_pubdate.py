from __future__ import annotations

import pytest

from newsgraph.clean import clean
from newsgraph.pubdate import infer_published, normalise_date


def infer(text: str) -> tuple[str | None, str]:
    cleaned, set_aside = clean(text)
    return infer_published(cleaned, set_aside)


def test_dateline_wins() -> None:
    assert infer("Title\nMonday, March 2, 2026\n\nOn January 5, 2025 the war began.\n") == ("2026-03-02", "dateline")


def test_latest_date_in_a_photo_caption() -> None:
    text = ("Title\n\nBody about May 1, 2019.\n\nThe envoy in Osgiliath, Gondor, July 21 2020. Palace website\n"
            "The envoy at the border, July 20 2020. Palace website\n")
    assert infer(text) == ("2020-07-21", "latest full date in a photo caption")


def test_full_date_near_the_top_of_the_body() -> None:
    assert infer("Title\n\nOSGILIATH, 4 May 2026 - The council met.\n")[0] == "2026-05-04"


def test_no_date_at_all() -> None:
    assert infer("Title\n\nThe council met on Monday.\n") == (None, "no date in the text")


@pytest.mark.parametrize(("given", "iso"), [
    ("2020-07-21", "2020-07-21"), ("2020-07-21T10:00:00Z", "2020-07-21"), ("July 21, 2020", "2020-07-21"),
    ("21 July 2020", "2020-07-21"), ("2020-02-30", None), ("yesterday-ish", None),
])
def test_given_dates_are_normalised(given: str, iso: str | None) -> None:
    assert normalise_date(given) == iso

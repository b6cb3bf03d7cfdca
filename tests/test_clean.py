from __future__ import annotations

import pytest

from newsgraph.clean import clean

STORY = """Envoys of Arnor and Gondor meet at the border

Tuesday, May 5, 2026

The foreign minister of Arnor met her Gondorian counterpart on Monday.

Gondor's president welcomes the envoy in Osgiliath on Monday [Presidential Office via Wire]

Rohan recalls ambassador over trade dispute

“We are ready to talk,” the minister said.

Next steps

By Jane Doe

██ Disputed area

Source: Example Wire, News Agencies
"""


def kinds(text: str) -> dict[str, str]:
    cleaned, set_aside = clean(text)
    for s in set_aside:
        assert cleaned[s.start:s.end] == s.text
    return {s.text: s.kind for s in set_aside}


def test_lines_that_are_not_the_story_are_set_aside_with_their_kind() -> None:
    found = kinds(STORY)
    assert found == {
        "Tuesday, May 5, 2026": "dateline",
        "Gondor's president welcomes the envoy in Osgiliath on Monday [Presidential Office via Wire]": "caption",
        "Rohan recalls ambassador over trade dispute": "inserted_headline",
        "Next steps": "heading",
        "By Jane Doe": "byline",
        "██ Disputed area": "legend",
        "Source: Example Wire, News Agencies": "source",
    }


@pytest.mark.parametrize("line", [
    "Marchers outside the palace. Image: A. Person.",
    "The two leaders in Osgiliath, Gondor, May 4 2026. Official Presidential website",
    "Protesters in the square (Photo by Sam Lee)",
])
def test_photo_captions_are_set_aside(line: str) -> None:
    assert kinds(f"Title\n\nA body sentence.\n\n{line}\n\nAnother sentence.\n") == {line: "caption"}


def test_story_sentences_and_quotes_are_kept() -> None:
    text = "Title\n\n“We will not allow any attack.”\n\nHe was 95.\n\nShort one.\n"
    assert kinds(text) == {}


def test_a_label_line_joined_to_a_caption_is_a_caption() -> None:
    text = "Title\n\nBody.\n\nQueen Mira\nQueen Mira greets the envoy on Monday [Palace via Wire]\n\nMore body.\n"
    assert set(kinds(text).values()) == {"caption"} and "Queen Mira" in kinds(text)


def test_normalisation_unifies_spaces_and_line_ends() -> None:
    cleaned, _ = clean("A\u00a0b\r\nc\u200bd\ud800e")
    assert cleaned == "A b\ncd?e"

"""Publication date: given by the caller or the record, else inferred from the text.

Order of trust: a date given from outside (``--published``, the JSONL field, HTML metadata), a dateline
alone on a line, the latest full date in a photo caption, then the latest full date in the first lines of
the body. Every answer records its reason.
"""

from __future__ import annotations

import datetime as dt
import re

from newsgraph.clean import FULL_DATE
from newsgraph.document import SetAside

_FULL = re.compile(FULL_DATE, re.I)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
EARLY_CHARS = 600


def normalise_date(value: str) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date string in any common form, or None."""
    value = value.strip()
    m = _ISO.match(value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    return parse_full_date(value)


def parse_full_date(text: str) -> str | None:
    import dateparser

    try:
        parsed = dateparser.parse(text.replace(".", " "), languages=["en"],
                                  settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]})
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed else None


def full_dates(text: str) -> list[str]:
    return [d for d in (parse_full_date(m.group(0)) for m in _FULL.finditer(text)) if d]


def infer_published(text: str, set_aside: list[SetAside]) -> tuple[str | None, str]:
    """The publication date that the text itself states, and the rule that found it."""
    for line in set_aside:
        if line.kind == "dateline":
            found = full_dates(line.text)
            if found:
                return found[0], "dateline"
    captioned = [d for line in set_aside if line.kind == "caption" for d in full_dates(line.text)]
    if captioned:
        return max(captioned), "latest full date in a photo caption"
    early = full_dates(text[:EARLY_CHARS])
    if early:
        return max(early), "latest full date near the top of the text"
    return None, "no date in the text"

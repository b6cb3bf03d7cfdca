"""Cleaning: normalise the text and set aside the lines that are not the story.

The cleaned text keeps every line (so offsets stay honest and a reader can see what was set aside);
lines that are photo captions and credits, headlines of other articles inserted in the body, section
headings, map legends, bylines, datelines, "Source:" lines, pull quotes and glosses are recorded as
``SetAside`` spans with the rule that caught them. Later stages never mine them for events or quotes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsgraph.document import SetAside

_SPACES = {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u3000": " ", "\t": " "}
_DROP = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)

MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
         r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
FULL_DATE = rf"(?:{MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}})"
DATELINE = re.compile(rf"^(?:{WEEKDAY},?\s+)?{FULL_DATE}\.?$", re.I)
CREDIT_BRACKET = re.compile(r"\[[^\[\]]{2,120}\]$")
CREDIT_WORDS = re.compile(
    r"(?:\b(?:Image|Images|Photo|Photos|Photograph|Picture|Credit|Courtesy|File photo)\s*:\s*\S"
    r"|\b(?:REUTERS|AFP|AP Photo|Getty Images|EPA|Anadolu)\s*/|\b[Pp]hoto(?:graph)? (?:by|courtesy of)\s+[A-Z])",
)
DATED_CAPTION = re.compile(rf"{FULL_DATE}\.\s+[A-Z][^.!?]{{0,60}}$")
LEGEND = re.compile(r"^[\u2580-\u259f\u25a0-\u25ff]")
GLOSS = re.compile(r"^\(\([a-z]{2,3}\)\)")
SOURCE = re.compile(r"^(?:Sources?|Reporting by|Editing by|Additional reporting by)\s*:?\s+\S", re.I)
BYLINE = re.compile(r"^By\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}(?:\s*(?:,|and)\s+.*)?$")
ATTRIBUTION = re.compile(r"^[—–-]\s*[A-Z][^.!?]{0,80}$")
CLOSERS = "\"'”’»)]"
HEADLINE_MAX_WORDS = 16
HEADING_MAX_WORDS = 4


def normalise(text: str) -> str:
    """Unify line ends and odd spaces, drop invisible characters and unpaired surrogates."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_DROP)
    text = "".join(_SPACES.get(ch, ch) if ch != "\n" and unicodedata.category(ch)[0] in "CZ" else ch
                   for ch in text)
    return text.encode("utf-8", "replace").decode("utf-8")


@dataclass
class Line:
    start: int
    end: int
    text: str
    blank_before: bool
    blank_after: bool

    @property
    def words(self) -> int:
        return len(self.text.split())


def lines_of(text: str) -> list[Line]:
    raw: list[tuple[int, int, str]] = []
    pos = 0
    for piece in text.split("\n"):
        raw.append((pos, pos + len(piece), piece))
        pos += len(piece) + 1
    out: list[Line] = []
    for i, (start, _end, piece) in enumerate(raw):
        if not piece.strip():
            continue
        lead = len(piece) - len(piece.lstrip())
        body = piece.strip()
        before = i == 0 or not raw[i - 1][2].strip()
        after = i == len(raw) - 1 or not raw[i + 1][2].strip()
        out.append(Line(start + lead, start + lead + len(body), body, before, after))
    return out


def classify(line: Line) -> tuple[str, str] | None:
    """The set-aside kind of one line and the rule that says so, or None for story text."""
    text = line.text
    checks: list[tuple[str, str, bool]] = [
        ("dateline", "dateline: a date alone on a line", bool(DATELINE.match(text))),
        ("legend", "legend: line starts with a map-key box", bool(LEGEND.match(text))),
        ("gloss", "gloss: ((language)) original-language line", bool(GLOSS.match(text))),
        ("source", "source: 'Source:' or reporting credit line", bool(SOURCE.match(text))),
        ("byline", "byline: 'By Name' line", bool(BYLINE.match(text)) and line.words <= 12),
        ("caption", "caption: ends with a bracketed credit", bool(CREDIT_BRACKET.search(text))),
        ("caption", "caption: carries a photo credit", bool(CREDIT_WORDS.search(text))),
        ("caption", "caption: dated photo caption with trailing credit", bool(DATED_CAPTION.search(text))),
        ("credit", "pull-quote attribution line", bool(ATTRIBUTION.match(text)) and line.words <= 10),
    ]
    for kind, reason, hit in checks:
        if hit:
            return kind, reason
    return standalone_heading(line)


def standalone_heading(line: Line) -> tuple[str, str] | None:
    """A short paragraph with no sentence ending: a section heading or another article's headline."""
    if not (line.blank_before and line.blank_after):
        return None
    bare = line.text.rstrip(CLOSERS + " ")
    if not bare or line.words > HEADLINE_MAX_WORDS:
        return None
    ends_question = bare.endswith("?") and not any(q in line.text for q in "\"“”")
    if bare[-1] in ".!;,:" or (bare.endswith("?") and not ends_question):
        return None
    if line.words <= HEADING_MAX_WORDS:
        return "heading", "heading: short paragraph with no sentence ending"
    return "inserted_headline", "inserted headline: paragraph with no sentence ending"


def set_aside_lines(text: str) -> list[SetAside]:
    """Every line of the cleaned text that is not the story; the title (first line) is kept."""
    lines = lines_of(text)
    found: dict[int, SetAside] = {}
    for i, line in enumerate(lines):
        if i == 0:
            continue
        hit = classify(line)
        if hit:
            found[i] = SetAside(line.start, line.end, line.text, kind=hit[0], reason=hit[1])
    for i, line in enumerate(lines):
        if i and i not in found and _labels_caption(lines, found, i):
            found[i] = SetAside(line.start, line.end, line.text, kind="caption",
                                reason="caption: short label line joined to a caption")
        if i and i not in found and _pull_quote(lines, found, i):
            found[i] = SetAside(line.start, line.end, line.text, kind="credit",
                                reason="pull quote: quotation followed by an attribution line")
    return [found[i] for i in sorted(found)]


def _labels_caption(lines: list[Line], found: dict[int, SetAside], i: int) -> bool:
    """A short line without sentence ending directly above a caption (no blank line between)."""
    line = lines[i]
    nxt = found.get(i + 1)
    return (nxt is not None and nxt.kind == "caption" and not line.blank_after and line.words <= 8
            and line.text.rstrip(CLOSERS)[-1:] not in ".!?")


def _pull_quote(lines: list[Line], found: dict[int, SetAside], i: int) -> bool:
    """A quotation alone on its line above an attribution line (the one kind of credit ``classify`` finds)."""
    nxt = found.get(i + 1)
    text = lines[i].text
    return (nxt is not None and nxt.kind == "credit"
            and text[:1] in "\"“" and text.rstrip()[-1:] in "\"”")


def clean(text: str) -> tuple[str, list[SetAside]]:
    """The cleaned text and its set-aside lines."""
    cleaned = normalise(text)
    return cleaned, set_aside_lines(cleaned)

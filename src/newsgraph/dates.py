"""Dates: every time expression, resolved against the publication date into ISO 8601.

Finding is done by rules (one regex each, built from the vocabularies in ``data/date_*``): full dates,
month-day, month-year, months, years, weekdays, relative phrases (``yesterday``, ``last year``, ``the
following day``), ranges, decades, centuries, quarters, durations, ages and sets. Overlaps keep the
longest match, and each expression is extended leftwards over its preposition and modifiers (``in May``,
``Late on Sunday``). Resolution rules:

- a weekday is the nearest such day on or before publication; on or after when the clause is in the
  future (``will meet on Friday``); ``last``/``next``/``this`` Tuesday is that day of the previous, next or
  current calendar week (Monday to Sunday);
- a month (or month-day) without a year takes the year of an earlier explicit year in the same sentence
  or of an earlier full date in the same paragraph; else it is the latest such month (day) on or before
  publication, or the earliest on or after it when the clause is in the future;
- ``the following day``, ``that night`` and the like count from the last day the text placed an event on.

Without a publication date only what is absolute is resolved; the others keep ``value=None``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsgraph.document import Document, TimeExpr
from newsgraph.figures import alternation, number_regex, parse_number, read_rows, read_words
from newsgraph.figures import lexicon as figure_lexicon
from newsgraph.knowledge import per_knowledge

PARTS = r"(?:\s+(?P<part>morning|afternoon|evening|night))?"


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, tuple[int, str]]
    weekdays: dict[str, int]
    prepositions: frozenset[str]
    modifiers: frozenset[str]
    relative: dict[str, tuple[str, int, str]]
    units: dict[str, tuple[str, int]]
    future: dict[str, str]
    not_year_after: frozenset[str]


@per_knowledge
def lexicon() -> Lexicon:
    return Lexicon(
        months={r[0]: (int(r[1]), r[2]) for r in read_rows("date_months.tsv")},
        weekdays={r[0]: int(r[1]) for r in read_rows("date_weekdays.tsv")},
        prepositions=read_words("date_prepositions.txt"), modifiers=read_words("date_modifiers.txt"),
        relative={r[0]: (r[1], int(r[2]), r[3]) for r in read_rows("date_relative.tsv")},
        units={r[0]: (r[1], int(r[2])) for r in read_rows("date_units.tsv")},
        future={f"{r[1]}:{r[0]}": r[1] for r in read_rows("date_future_cues.tsv")},
        not_year_after=read_words("date_not_year_after.txt"),
    )


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    pattern: re.Pattern[str]


def _rule_sources() -> list[tuple[str, str, str]]:
    lex = lexicon()
    abbreviations = alternation(m for m, (_, b) in lex.months.items() if b == "no")
    mon = rf"(?P<mon>(?:{alternation(m for m, (_, b) in lex.months.items() if b != 'no')})\b|(?:{abbreviations})\b\.?)"
    bare_names = alternation(m for m, (_, b) in lex.months.items() if b != "no")
    bare = rf"(?P<mon>{bare_names})\b"
    wd = rf"(?P<wd>{alternation(lex.weekdays)})\b"
    wd_prefix = rf"(?:(?:(?P<rel>(?i:last|next|this))\s+)?{wd},?\s+)?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
    year = r"(?P<year>\d{4})\b"
    yrel = r"(?:\s+(?P<yrel>last|this|next)\s+year\b)?"
    num = rf"(?P<num>{number_regex()}|a|an)"
    units = alternation(lex.units)
    approx = r"(?:(?:nearly|almost|about|around|over|more\s+than|some|roughly|at\s+least|up\s+to)\s+)?"
    return [
        ("full_mdy", "date", rf"{wd_prefix}{mon}\s+{day},?\s+{year}"),
        ("full_dmy", "date", rf"{wd_prefix}(?<![\d,.$])(?:the\s+)?{day}\s+(?:of\s+)?{mon},?\s+{year}"),
        ("month_day", "date", rf"{wd_prefix}{mon}\s+{day}(?!:|[.,]\d){yrel}"),
        ("day_month", "date", rf"{wd_prefix}(?<![\d,.$])(?:the\s+)?{day}\s+(?:of\s+)?{mon}{yrel}"),
        ("month_year", "date", rf"{mon},?\s+{year}"),
        ("month_range", "interval", rf"(?:from|between)\s+{bare}(?:\s+(?P<year>\d{{4}}))?"
                                    rf"\s+(?:to|until|till|through|and)\s+(?P<mon2>{bare_names})"
                                    rf"(?:\s+(?P<year2>\d{{4}}))?\b"),
        ("year_range", "interval", rf"(?:(?P<prep>from|between)\s+)?(?<![\w$€£#.,/-]){year}"
                                   rf"(?(prep)(?:\s+(?:to|until|till|through|and)\s+|\s?[-–—]\s?)|\s?[-–—]\s?)"
                                   rf"(?P<year2>\d{{4}}|\d{{2}})\b(?![-–]\d)"),
        ("decade", "interval", r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<dec>1\d{2}|20\d)0'?s\b"),
        ("century", "interval", r"(?i:the\s+(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century)\b"),
        ("quarter", "interval", r"(?i:the\s+(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)"
                                r"(?:\s+of\s+(?P<year>\d{4}))?\b"),
        ("year", "date", r"(?<![\w$€£¥#.,/-])(?P<year>1\d{3}|20\d{2})(?![\w%]|[.,]\d|\s?[-–]\s?\d)"),
        ("month", "date", rf"(?:(?P<rel>(?i:last|next|this))\s+)?(?:mid-)?{bare}(?!\s+\d)"),
        ("weekday", "date", rf"(?:(?P<rel>(?i:last|next|this|coming|past))\s+)?{wd}{PARTS}"),
        ("relative", "date", rf"(?i:\b(?P<phrase>{alternation(lex.relative)})\b){PARTS}"),
        ("ago", "date", rf"(?i:\b{num}\s+(?P<unit>{units})s?\s+ago)\b"),
        ("age", "age", rf"(?i:\b(?P<num>\d{{1,3}}|{number_regex()})[\s-]+years?[\s-]+old"
                       rf"|\baged\s+(?P<num2>\d{{1,3}}))\b"),
        ("past_unit", "duration", rf"(?i:(?:(?:for|over|in|during)\s+)?the\s+(?:past|last)\s+(?P<unit>{units}))\b"),
        ("duration", "duration", rf"(?i:(?:(?:for|over|during|within)\s+)?(?:the\s+)?"
                                 rf"(?:(?:last|past|next|coming|first|previous)\s+)?{approx}\b{num}[\s-]+"
                                 rf"(?P<unit>{units})(?:s|ies)?)\b(?!-old|\s+old)"),
        ("set", "set", rf"(?i:\b(?:every|each)\s+(?P<unit>{units}|{alternation(lex.weekdays)}))\b"),
    ]


@per_knowledge
def rules() -> tuple[Rule, ...]:
    return tuple(Rule(name, kind, re.compile(src)) for name, kind, src in _rule_sources())


@dataclass
class Candidate:
    start: int
    end: int
    rule: Rule
    match: re.Match[str]


def candidates(text: str) -> list[Candidate]:
    """Non-overlapping rule matches (the longest wins), extended left over prepositions and modifiers."""
    found = [Candidate(m.start(), m.end(), rule, m) for rule in rules() for m in rule.pattern.finditer(text)
             if m.end() > m.start() and plausible(rule.name, m, text)]
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    kept: list[Candidate] = []
    taken = bytearray(len(text))
    for c in found:
        if not any(taken[c.start:c.end]):
            kept.append(c)
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    for c in kept:
        c.start = extend_left(text, c.start)
    return sorted(kept, key=lambda c: c.start)


def previous_word(text: str, start: int) -> str:
    m = re.search(r"([\w'.-]+)[ \t]+$", text[max(0, start - 30):start])
    return m.group(1).lower() if m else ""


def plausible(rule: str, m: re.Match[str], text: str) -> bool:
    """Guards against numbers and names that look like dates."""
    before = previous_word(text, m.start())
    if rule == "year":
        year = int(m["year"])
        after = re.match(r"[ \t]*([\w'.-]+)", text[m.end():m.end() + 30])
        next_word = after.group(1).lower().rstrip(".,") if after else ""
        people = figure_lexicon().people
        if next_word in lexicon().not_year_after or next_word in people or before in figure_lexicon().skip_before:
            return False
        return 1900 <= year <= 2099 or before in lexicon().prepositions
    if rule == "month" and m["mon"] == "May":
        return bool(m["rel"]) or before in lexicon().prepositions | lexicon().modifiers | {"the", "mid"}
    if rule == "weekday":
        prev = re.search(r"(\S+)[ \t]+$", text[max(0, m.start() - 30):m.start()])
        return not (prev and prev.group(1)[:1].isupper() and prev.group(1).lower() not in lexicon().prepositions
                    and not m["rel"] and prev.group(1)[-1] not in ".,;:\"'“”")
    if rule in ("full_mdy", "full_dmy", "month_day", "day_month"):
        return 1 <= int(m["day"]) <= 31
    return True


def extend_left(text: str, start: int) -> int:
    """Move ``start`` left over a preposition and modifiers on the same line (``back in``, ``Late on``)."""
    pattern = left_words()
    for _ in range(3):
        head = text[max(0, start - 25):start]
        if head.lower().endswith("mid-"):
            start -= 4
            continue
        m = pattern.search(head)
        if not m:
            return start
        start -= len(head) - m.start()
    return start


@per_knowledge
def left_words() -> re.Pattern[str]:
    words = alternation(lexicon().prepositions | lexicon().modifiers)
    return re.compile(rf"(?<![\w-])(?:{words})[ \t]+$", re.I)


# ---------------------------------------------------------------- resolution


@dataclass
class Context:
    """What resolution needs: the publication date, the sentence's tense, and what the text said before."""

    pub: dt.date | None
    future: bool = False
    last_day: dt.date | None = None
    years: list[tuple[int, int, bool]] = field(default_factory=list)  # (offset, year, from a full date)
    sentence_start: int = 0
    paragraph_start: int = 0


Resolved = tuple[str | None, str]
Resolver = Callable[[re.Match[str], Context], Resolved]


def day_value(d: dt.date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def month_number(name: str) -> int:
    return lexicon().months[name.rstrip(".")][0]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def inherited_year(ctx: Context, start: int) -> int | None:
    """An explicit year said earlier in the same sentence, or by a full date earlier in the paragraph."""
    for offset, year, full in reversed(ctx.years):
        if offset < min(ctx.sentence_start, ctx.paragraph_start):
            return None
        if offset < start and (offset >= ctx.sentence_start or (full and offset >= ctx.paragraph_start)):
            return year
    return None


def resolve_full(m: re.Match[str], ctx: Context) -> Resolved:
    d = safe_date(int(m["year"]), month_number(m["mon"]), int(m["day"]))
    return (day_value(d) if d else None), "full date"


def resolve_month_day(m: re.Match[str], ctx: Context) -> Resolved:
    month, day = month_number(m["mon"]), int(m["day"])
    year = None if ctx.future or m["rel"] else inherited_year(ctx, m.start())
    if m["yrel"] and ctx.pub:
        year = ctx.pub.year + {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
        return _day_or_none(year, month, day), f"month-day with '{m['yrel']} year'"
    if year is not None:
        return _day_or_none(year, month, day), "month-day in the year said earlier"
    if ctx.pub is None:
        return None, "month-day without a year or publication date"
    if m["wd"]:
        return weekday_year(ctx.pub, month, day, lexicon().weekdays[m["wd"]])
    if ctx.future:
        year = ctx.pub.year if (month, day) >= (ctx.pub.month, ctx.pub.day) else ctx.pub.year + 1
        return _day_or_none(year, month, day), "month-day: the next such day (future tense)"
    year = ctx.pub.year if (month, day) <= (ctx.pub.month, ctx.pub.day) else ctx.pub.year - 1
    return _day_or_none(year, month, day), "month-day: the latest such day on or before publication"


def weekday_year(pub: dt.date, month: int, day: int, weekday: int) -> Resolved:
    """The month-day nearest publication that falls on the weekday the text names with it."""
    fits = [d for y in (pub.year - 1, pub.year, pub.year + 1)
            if (d := safe_date(y, month, day)) and d.isoweekday() == weekday]
    if not fits:
        return None, "month-day whose weekday fits no year near publication"
    return day_value(min(fits, key=lambda d: abs((d - pub).days))), "month-day: the year its weekday fits"


def _day_or_none(year: int, month: int, day: int) -> str | None:
    d = safe_date(year, month, day)
    return day_value(d) if d else None


def resolve_month_year(m: re.Match[str], ctx: Context) -> Resolved:
    return month_value(int(m["year"]), month_number(m["mon"])), "month and year"


def resolve_month(m: re.Match[str], ctx: Context) -> Resolved:
    month = month_number(m["mon"])
    rel = (m["rel"] or "").lower()
    year = inherited_year(ctx, m.start())
    if year is not None and not rel:
        return month_value(year, month), "month in the year said earlier"
    if ctx.pub is None:
        return None, "month without a year or publication date"
    pub_month = ctx.pub.month
    if rel == "this":
        return month_value(ctx.pub.year, month), "'this' month: the publication year"
    if rel == "last" or (not rel and not ctx.future):
        latest = ctx.pub.year if (month < pub_month or (month == pub_month and rel != "last")) else ctx.pub.year - 1
        return month_value(latest, month), "month: the latest such month on or before publication"
    nxt = ctx.pub.year if (month > pub_month or (month == pub_month and rel != "next")) else ctx.pub.year + 1
    return month_value(nxt, month), "month: the next such month (future tense or 'next')"


def resolve_year(m: re.Match[str], ctx: Context) -> Resolved:
    return m["year"], "year"


def resolve_year_range(m: re.Match[str], ctx: Context) -> Resolved:
    first, second = m["year"], m["year2"]
    if len(second) == 2:
        second = first[:2] + second
    if int(second) <= int(first):
        return None, "year range that runs backwards"
    return f"{first}/{second}", "year range"


def resolve_month_range(m: re.Match[str], ctx: Context) -> Resolved:
    m1, m2 = month_number(m["mon"]), month_number(m["mon2"])
    y2 = int(m["year2"]) if m["year2"] else None
    if y2 is None and ctx.pub is not None:
        y2 = ctx.pub.year if m2 <= ctx.pub.month or ctx.future else ctx.pub.year - 1
    if y2 is None:
        return None, "month range without a year or publication date"
    y1 = int(m["year"]) if m["year"] else (y2 if m1 <= m2 else y2 - 1)
    return f"{month_value(y1, m1)}/{month_value(y2, m2)}", "month range"


def resolve_decade(m: re.Match[str], ctx: Context) -> Resolved:
    return m["dec"], "decade"


def resolve_century(m: re.Match[str], ctx: Context) -> Resolved:
    n = int(m["n"])
    return (f"{(n - 1) * 100 + 1:04d}/{n * 100:04d}" if 1 <= n <= 21 else None), "century"


def resolve_quarter(m: re.Match[str], ctx: Context) -> Resolved:
    word = m["q"].lower()
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(word) or int(word[0])
    first = 3 * q - 2
    if m["year"]:
        year = int(m["year"])
    elif ctx.pub is not None:
        year = ctx.pub.year if first <= ctx.pub.month else ctx.pub.year - 1
    else:
        return None, "quarter without a year or publication date"
    return f"{month_value(year, first)}/{month_value(year, first + 2)}", "quarter"


def resolve_weekday(m: re.Match[str], ctx: Context) -> Resolved:
    if ctx.pub is None:
        return None, "weekday without a publication date"
    wd, today = lexicon().weekdays[m["wd"]], ctx.pub.isoweekday()
    monday = ctx.pub - dt.timedelta(days=today - 1)
    rel = (m["rel"] or "").lower()
    if rel in ("last", "next", "this"):
        weeks = {"last": -1, "this": 0, "next": 1}[rel]
        return day_value(monday + dt.timedelta(days=7 * weeks + wd - 1)), f"'{rel}' weekday: that day of the {rel} week"
    if ctx.future or rel == "coming":
        return day_value(ctx.pub + dt.timedelta(days=(wd - today) % 7)), "weekday: the next such day (future tense)"
    return (day_value(ctx.pub - dt.timedelta(days=(today - wd) % 7)),
            "weekday: the nearest such day on or before publication")


def resolve_relative(m: re.Match[str], ctx: Context) -> Resolved:
    phrase = re.sub(r"\s+", " ", m["phrase"].lower())
    unit, offset, anchor = lexicon().relative[phrase]
    base = (ctx.last_day or ctx.pub) if anchor == "last" else ctx.pub
    if base is None:
        return None, f"'{phrase}' without a publication date"
    origin = "the last day mentioned" if anchor == "last" else "publication"
    reason = f"relative '{phrase}' ({unit} {offset:+d} from {origin})"
    if unit == "day":
        return day_value(base + dt.timedelta(days=offset)), reason
    if unit in ("week", "weekend"):
        monday = base - dt.timedelta(days=base.isoweekday() - 1) + dt.timedelta(days=7 * offset)
        first, last = (monday, monday + dt.timedelta(days=6)) if unit == "week" else (
            monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
        return f"{first.isoformat()}/{last.isoformat()}", reason
    if unit == "month":
        return month_value(*shift_month(base.year, base.month, offset)), reason
    return f"{base.year + offset:04d}", reason


def count(m: re.Match[str]) -> int | None:
    word = m["num"].lower()
    value = 1.0 if word in ("a", "an") else parse_number(word)
    return int(value) if value is not None and value == int(value) and 0 < value < 10000 else None


def resolve_ago(m: re.Match[str], ctx: Context) -> Resolved:
    n = count(m)
    unit = m["unit"].lower()
    if n is None or ctx.pub is None:
        return None, "'ago' without a number or publication date"
    if unit in ("day", "week", "fortnight"):
        days = n * {"day": 1, "week": 7, "fortnight": 14}[unit]
        return day_value(ctx.pub - dt.timedelta(days=days)), f"{n} {unit}(s) before publication"
    if unit == "month":
        return month_value(*shift_month(ctx.pub.year, ctx.pub.month, -n)), f"{n} month(s) before publication"
    years = n * (10 if unit == "decade" else 1)
    return (f"{ctx.pub.year - years:04d}" if unit in ("year", "decade") else None), f"{n} {unit}(s) before publication"


def duration_value(n: int | None, unit: str) -> str | None:
    if n is None:
        return None
    designator, factor = lexicon().units[unit.lower()]
    if designator in ("H", "MIN"):
        return f"PT{n * factor}{designator[0]}"
    return f"P{n * factor}{designator}"


def resolve_duration(m: re.Match[str], ctx: Context) -> Resolved:
    return duration_value(count(m), m["unit"]), "duration: number and unit"


def resolve_past_unit(m: re.Match[str], ctx: Context) -> Resolved:
    return duration_value(1, m["unit"]), "duration: the past unit"


def resolve_age(m: re.Match[str], ctx: Context) -> Resolved:
    raw = m["num"] or m["num2"]
    value = parse_number(raw)
    return (f"P{int(value)}Y" if value is not None else None), "age"


def resolve_set(m: re.Match[str], ctx: Context) -> Resolved:
    unit = m["unit"]
    if unit in lexicon().weekdays:
        return f"XXXX-WXX-{lexicon().weekdays[unit]}", "set: every weekday"
    return duration_value(1, unit), "set: every unit"


RESOLVERS: dict[str, Resolver] = {
    "full_mdy": resolve_full, "full_dmy": resolve_full, "month_day": resolve_month_day,
    "day_month": resolve_month_day, "month_year": resolve_month_year, "month_range": resolve_month_range,
    "year_range": resolve_year_range, "decade": resolve_decade, "century": resolve_century,
    "quarter": resolve_quarter, "year": resolve_year, "month": resolve_month, "weekday": resolve_weekday,
    "relative": resolve_relative, "ago": resolve_ago, "age": resolve_age, "past_unit": resolve_past_unit,
    "duration": resolve_duration, "set": resolve_set,
}


# ---------------------------------------------------------------- tense


def is_future(parsed: Doc | None, text: str, start: int, end: int) -> bool:
    """True where the clause that governs the expression speaks of the future."""
    cues = lexicon().future
    if f"word:{previous_word(text, start)}" in cues:
        return True
    if parsed is None:
        return False
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    verb = span.root
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if f"verb:{verb.lemma_.lower()}" in cues:
        return True
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and f"aux:{child.lower_}" in cues:
            return True
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return has_to and verb.dep_ in ("xcomp", "ccomp", "advcl", "acomp") and f"to:{verb.head.lemma_.lower()}" in cues


# ---------------------------------------------------------------- the stage

ANCHOR_RULES = frozenset({"weekday", "relative", "full_mdy", "full_dmy", "month_day", "day_month"})


def find_dates(parsed: Doc, document: Document) -> list[TimeExpr]:
    """Every time expression of the text (set-aside lines included), resolved against ``document.published``."""
    return resolve_all(document.text, parse_pub(document.published), parsed=parsed)


def parse_pub(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def resolve_all(text: str, pub: dt.date | None, *, parsed: Doc | None = None) -> list[TimeExpr]:
    """Find and resolve every expression of ``text`` in order (``parsed``, when given, supplies the tense)."""
    ctx = Context(pub=pub)
    out: list[TimeExpr] = []
    for c in candidates(text):
        ctx.future = is_future(parsed, text, c.start, c.end)
        ctx.sentence_start = sentence_start(parsed, text, c.start)
        ctx.paragraph_start = text.rfind("\n", 0, c.start) + 1
        value, reason = RESOLVERS[c.rule.name](c.match, ctx)
        remember(ctx, c, value, text)
        kind = "interval" if c.rule.kind == "date" and value and "/" in value else c.rule.kind
        out.append(TimeExpr(start=c.start, end=c.end, text=text[c.start:c.end], id=f"t{len(out) + 1}",
                            value=value, kind=kind, reason=reason))
    return out


def sentence_start(parsed: Doc | None, text: str, start: int) -> int:
    if parsed is not None:
        span = parsed.char_span(start, min(start + 1, len(text)), alignment_mode="expand")
        if span is not None and len(span):
            return span[0].sent.start_char
    cut = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    return cut + 1


def remember(ctx: Context, c: Candidate, value: str | None, text: str) -> None:
    """Keep the explicit years (for later months without one) and the last day an event was placed on."""
    groups = c.match.groupdict()
    if groups.get("year") and c.rule.name in ("full_mdy", "full_dmy", "month_year", "year"):
        ctx.years.append((c.start, int(groups["year"]), c.rule.name in ("full_mdy", "full_dmy")))
    if not value or len(value) != 10 or c.rule.name not in ANCHOR_RULES:
        return
    if c.rule.name in ("weekday", "relative") or c.start < c.match.start():
        ctx.last_day = dt.date.fromisoformat(value)

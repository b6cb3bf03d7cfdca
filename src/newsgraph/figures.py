"""Figures: money with currency and scale, counts of people and things, percentages.

A figure is a number (digits or words, with a scale: ``$20bn``, ``nearly one million``, ``€1.2 million``)
that is not a year, a date, a time of day, an ordinal, an age or an identifier. Its ``unit`` is an
ISO 4217 code for money, ``percent``, ``people`` for counts of people (lexicon ``figure_people.txt``),
else the noun that follows it; ``approx`` keeps the approximation word (``nearly``, ``at least``) and
``what`` says what it counts where the sentence does (``dead``, ``arrested``, ``exports``).
Figures are never taken from set-aside lines. The vocabularies live in ``data/figure_*``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsgraph.document import Document, Figure
from newsgraph.knowledge import data_rows as read_rows
from newsgraph.knowledge import per_knowledge

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


def read_words(name: str) -> frozenset[str]:
    return frozenset(row[0] for row in read_rows(name))


def alternation(words: Iterable[str], *, escape: bool = True) -> str:
    """A regex alternation of words, longest first, spaces matching any run of spaces."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join((re.escape(w) if escape else w).replace(r"\ ", r"\s+") for w in ordered)


@dataclass(frozen=True)
class Lexicon:
    numbers: dict[str, tuple[float, str]]
    scales: dict[str, tuple[float, bool]]
    currencies: dict[str, tuple[str, str]]
    approx: frozenset[str]
    people: frozenset[str]
    casualty: frozenset[str]
    skip_before: frozenset[str]
    skip_after: frozenset[str]
    vague: dict[str, float]


@per_knowledge
def lexicon() -> Lexicon:
    return Lexicon(
        numbers={r[0]: (float(r[1]), r[2]) for r in read_rows("figure_numbers.tsv")},
        scales={r[0]: (float(r[1]), r[2] == "yes") for r in read_rows("figure_scales.tsv")},
        currencies={r[0]: (r[1], r[2]) for r in read_rows("figure_currencies.tsv")},
        approx=read_words("figure_approx.txt"), people=read_words("figure_people.txt"),
        casualty=read_words("figure_casualty.txt"), skip_before=read_words("figure_skip_before.txt"),
        skip_after=read_words("figure_skip_after.txt"),
        vague={r[0]: float(r[1]) for r in read_rows("figure_vague.tsv")},
    )


def word_number_regex() -> str:
    """Number words in a row (``twenty-five``, ``one hundred and two``, ``a million``)."""
    words = alternation(lexicon().numbers)
    big = alternation(w for w, (_, kind) in lexicon().numbers.items() if kind != "unit")
    return rf"(?:(?:a|an)\s+(?:{big})|(?:{words}))(?:(?:\s+and\s+|[\s-])(?:{words}))*"


def number_regex() -> str:
    """Digits or number words."""
    return rf"(?:{_DIGITS}|{word_number_regex()})"


def parse_number(text: str) -> float | None:
    """The value of digits (``1,500``, ``5.7``) or number words (``twenty-five thousand``), or None."""
    text = text.strip().lower()
    if re.fullmatch(_DIGITS, text):
        return float(text.replace(",", ""))
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if not words:
        return None
    total = group = 0.0
    for i, word in enumerate(words):
        if word in ("a", "an") and i == 0:
            group = 1.0
            continue
        entry = lexicon().numbers.get(word)
        if entry is None:
            return None
        value, kind = entry
        if kind == "unit":
            group += value
        elif kind == "hundred":
            group = (group or 1.0) * value
        else:
            total += (group or 1.0) * value
            group = 0.0
    return total + group


@dataclass(frozen=True)
class Patterns:
    figure: re.Pattern[str]
    vague: re.Pattern[str]


@per_knowledge
def patterns() -> Patterns:
    lex = lexicon()
    pre = alternation(k for k, (_, pos) in lex.currencies.items() if pos == "pre")
    post = alternation(k for k, (_, pos) in lex.currencies.items() if pos == "post")
    abbr = alternation(lex.scales)
    words = alternation(w for w, (_, kind) in lex.numbers.items() if kind == "scale")
    figure = re.compile(
        rf"(?<![\w$€£¥₹.,:/-])(?:(?P<approx>(?i:{alternation(lex.approx)}))\s+)?"
        rf"(?:(?P<pre>{pre})\s?)?"
        rf"(?P<num>{_DIGITS}|(?i:{word_number_regex()}))"
        rf"(?:\s?(?P<abbr>{abbr})\b|\s+(?P<scale>(?i:{words}))\b)?"
        rf"(?![\w:]|[.,]\d)"
        rf"(?:\s?(?P<pct>%|(?i:percent|per\s+cent)\b))?"
        rf"(?:\s+(?P<post>{post})\b)?"
    )
    vague = re.compile(rf"(?<![\w-])(?P<num>(?i:{alternation(lex.vague)}))\b")
    return Patterns(figure=figure, vague=vague)


@dataclass(frozen=True)
class Reading:
    """A number read from the text, before the sentence is asked what it counts."""

    start: int
    end: int
    value: float
    unit: str | None
    approx: str | None
    reason: str


def read_figure(m: re.Match[str]) -> Reading | None:
    """The value, currency and approximation of one regex match, or None where it is not a figure."""
    lex = lexicon()
    value = parse_number(m["num"])
    if value is None:
        return None
    currency = lex.currencies[m["pre"]][0] if m["pre"] else lex.currencies[m["post"]][0] if m["post"] else None
    scale = 1.0
    if m["abbr"]:
        factor, needs_money = lex.scales[m["abbr"]]
        if needs_money and currency is None:
            return None
        scale = factor
    elif m["scale"]:
        scale = lex.numbers[m["scale"].lower()][0]
    if m["num"].lower() in ("one", "a", "an") and scale == 1.0 and currency is None:
        return None
    unit = currency or ("percent" if m["pct"] else None)
    approx = re.sub(r"\s+", " ", m["approx"].lower()) if m["approx"] else None
    reason = "money: currency and scale" if currency else "percentage" if m["pct"] else "count"
    return Reading(m.start(), m.end(), value * scale, unit, approx, reason)


def incidental(text: str, start: int, end: int) -> bool:
    """True where the number is a time of day, an age, an identifier, a phone number or a score."""
    lex = lexicon()
    before = text[max(0, start - 12):start].lower().split()
    after = text[end:end + 12].lower()
    if before and before[-1].rstrip(":") in lex.skip_before:
        return True
    if any(after.lstrip().startswith(w) for w in lex.skip_after if w[0] != "-") or after.startswith("-year"):
        return True
    if after.lstrip().startswith(("-year-old", "-year old")):
        return True
    return bool(re.match(r"\s?[-–]\s?\d", after) or re.search(r"\d\s?[-–]\s?$", text[max(0, start - 3):start]))


def readings(text: str) -> list[Reading]:
    """Every figure-like number in ``text`` (without the date and set-aside filters)."""
    out: list[Reading] = []
    for m in patterns().figure.finditer(text):
        reading = read_figure(m)
        num_start, num_end = m.start("num"), m.end("num")
        if reading and not incidental(text, num_start, num_end):
            out.append(reading)
    for m in patterns().vague.finditer(text):
        if not any(r.start <= m.start() < r.end for r in out):
            value = lexicon().vague[re.sub(r"\s+", " ", m["num"].lower())]
            out.append(Reading(m.start(), m.end(), value, None, m["num"].lower(), "vague quantity"))
    return sorted(out, key=lambda r: r.start)


def find_figures(parsed: Doc, document: Document) -> list[Figure]:
    """Figures of the story text, each with its unit, approximation word and what it counts (the dates
    stage runs first: a number inside one of ``document.dates`` is part of a time expression, not a count)."""
    text = document.text
    dated = [(t.start, t.end) for t in document.dates]
    out: list[Figure] = []
    for r in readings(text):
        if document.is_set_aside(r.start, r.end) or any(s < r.end and r.start < e for s, e in dated):
            continue
        unit, what, why = describe(parsed, text, r)
        out.append(Figure(start=r.start, end=r.end, text=text[r.start:r.end], id=f"f{len(out) + 1}",
                          value=r.value, unit=unit, approx=r.approx, what=what, reason=f"{r.reason}{why}"))
    return out


def describe(parsed: Doc, text: str, r: Reading) -> tuple[str | None, str | None, str]:
    """The unit and what the figure counts, read from the tokens around it, and the rule that said so
    (``text`` is the parsed text: spaCy rebuilds ``parsed.text`` on every access)."""
    span = parsed.char_span(r.start, r.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return r.unit, None, ""
    last = span[-1]
    hyphened = re.match(r"-([a-z]+)\b", text[r.end:r.end + 30])
    if hyphened and r.unit is None:
        return hyphened.group(1), hyphened.group(1), "; hyphenated noun after the number"
    noun = counted_noun(last)
    casualty = casualty_word(last, noun)
    if r.unit is not None:
        return r.unit, casualty or topic(span.root), ""
    if noun is not None:
        word = compound_word(noun)
        if word in lexicon().people or noun.lemma_.lower() in lexicon().people:
            return "people", casualty or word, "; counted noun in figure_people"
        return word, casualty or word, "; counted noun"
    if casualty:
        return "people", casualty, "; casualty word"
    return None, None, ""


def counted_noun(last: Token) -> Token | None:
    """The noun a number counts: the next noun (over adjectives), or the noun after ``of the``."""
    doc = last.doc
    i = last.i + 1
    if i < len(doc) and doc[i].lower_ == "of":
        i += 1
    for j in range(i, min(i + 5, len(doc))):
        tok = doc[j]
        if (tok.pos_ in ("NOUN", "PROPN") and tok.tag_ != "NNP") or tok.lower_ in lexicon().people:
            while tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.pos_ == "NOUN":
                tok = tok.head
            return tok
        if tok.pos_ not in ("ADJ", "DET", "PART", "PUNCT", "NUM", "PROPN") or tok.text in ",;.":
            return None
    return None


def compound_word(noun: Token) -> str:
    """The noun with the hyphenated pieces it is written with (``co-petitioners``), lower case."""
    doc, first, last = noun.doc, noun.i, noun.i
    while first >= 2 and doc[first - 1].text == "-" and not (doc[first - 2].whitespace_ or doc[first - 1].whitespace_):
        first -= 2
    while (last + 2 < len(doc) and doc[last + 1].text == "-"
           and not (doc[last].whitespace_ or doc[last + 1].whitespace_)):
        last += 2
    return doc[first:last + 1].text.lower()


def casualty_word(last: Token, noun: Token | None) -> str | None:
    """A casualty word (dead, killed, arrested) right after the number, its noun, or governing them."""
    words = lexicon().casualty
    doc = last.doc
    anchor = noun if noun is not None else last
    for tok in doc[anchor.i + 1:min(anchor.i + 4, len(doc))]:
        if tok.lower_ in words:
            return tok.lower_
        if tok.is_punct:
            break
    head = anchor.head
    if anchor.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and (head.lower_ in words or head.lemma_.lower() in words):
        return head.lower_
    return None


def topic(root: Token) -> str | None:
    """What an amount is of: the subject or object of the verb governing it (``exports``, ``trade``)."""
    verb = root
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX"):
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        own = range(root.left_edge.i, root.right_edge.i + 1)
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.i not in own:
            return child.lower_ if child.pos_ == "NOUN" else child.text if child.pos_ == "PROPN" else None
    return None

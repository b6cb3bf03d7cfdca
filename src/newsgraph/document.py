"""The one document schema: a cleaned text and typed views into it.

Every extracted item carries ``start``/``end`` character offsets into ``Document.text`` and the
``text`` they slice to; relations (quote -> speaker, event -> source/target) point at actor ids.
Items also carry a short ``reason`` saying which rule or lexicon entry produced them.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right, insort
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal, TypeVar, get_args

SCHEMA = "newsgraph.document/1"
_SURROGATE = re.compile("[\ud800-\udfff]")

ACTOR_KINDS = ("person", "organization", "country", "location")
QUOTE_KINDS = ("direct", "partial", "indirect")
SET_ASIDE_KINDS = (
    "caption", "credit", "inserted_headline", "heading", "legend", "byline", "source", "dateline", "gloss",
)
#: How a mention was found (its ``reason`` says it in words, with the rule or lexicon entry): by the parser's
#: named entities, a known name, a repeat or short form of a name, a state owning something, the government of
#: a state, a word describing a state, a title (of a role the actor holds, or beside the name), a role word, a
#: group, crowd or institution noun, a head word, a description, a speaker noun, or a pronoun.
MentionVia = Literal["ner", "name", "repeat", "short name", "owner state", "government", "state description",
                     "title", "title beside name", "unnamed", "group", "crowd", "institution", "head word",
                     "description", "speaker", "pronoun"]
MENTION_VIAS: tuple[str, ...] = get_args(MentionVia)
#: The ways of finding a mention that give the actor's name as written: the keys it is found by.
NAME_VIAS = frozenset({"ner", "name", "repeat", "short name", "owner state"})
#: How an actor was found: named (the parser's person or organization), a place or a state, described only
#: (a role word, a group, an institution, a speaker noun), or split off by an analyst.
ActorVia = Literal["ner", "place", "state", "unnamed", "group", "institution", "speaker", "analyst"]
ACTOR_VIAS: tuple[str, ...] = get_args(ActorVia)
#: Actors the text only describes ("police", "a federal judge", "the court"), not names.
DESCRIBED_VIAS = frozenset({"unnamed", "group", "institution", "speaker"})


@dataclass
class Span:
    """A stretch of the cleaned text."""

    start: int
    end: int
    text: str


@dataclass
class Mention(Span):
    """One place where the text names an actor."""

    reason: str = ""
    via: MentionVia = "name"
    #: For a title ("the union leader"), the role it names: an alias only of an actor who holds it.
    role: str | None = None


@dataclass
class SetAside(Span):
    """A line that is not the story (caption, inserted headline, ...): kept, but never mined for events."""

    kind: str = "caption"
    reason: str = ""


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    reason: str = ""
    via: ActorVia = "ner"
    #: Whether its country is the story's, not one the article gives for the actor itself.
    country_from_context: bool = False


@dataclass
class Quote(Span):
    id: str = ""
    kind: str = "direct"
    speaker: str | None = None
    cue: str | None = None
    reason: str = ""


@dataclass
class TimeExpr(Span):
    id: str = ""
    value: str | None = None
    kind: str = "date"
    reason: str = ""


@dataclass
class Figure(Span):
    id: str = ""
    value: float = 0.0
    unit: str | None = None
    approx: str | None = None
    what: str | None = None
    reason: str = ""


#: Event fields the later passes read that are not part of the record (the reason tells them in words).
INTERNAL_EVENT_FIELDS = ("dated_by", "cue")


@dataclass
class Event:
    id: str
    type: str
    source: str | None
    target: str | None
    trigger: Span
    evidence: str
    spans: list[Span] = field(default_factory=list)
    mode: str | None = None
    cameo: str | None = None
    quad: int | None = None
    intensity: float | None = None
    negated: bool = False
    modality: str | None = None
    date: str | None = None
    location: str | None = None
    reason: str = ""
    #: How the date was found, for the later passes (``newsgraph.events.context.Dating.kind``: "clause",
    #: "published", "lead", ...); not written out (the reason tells it in words).
    dated_by: str | None = field(default=None, compare=False, repr=False)
    #: The kind of modality cue the trigger was read through ("request", "refuse", "intent", ...; None when
    #: no cue governs it), for the later passes; not written out (the reason tells it in words).
    cue: str | None = field(default=None, compare=False, repr=False)
    #: The learned scorer's probability that this is a real event of its type between its sides (None where
    #: no model is installed).
    score: float | None = None
    #: What proposed it: "lexicon:<how the sides were found>:<entry>" (the hand-written lexicon),
    #: "dictionary:<how>:<entry>" (the lexicon generated from PETRARCH2's verb dictionary), "stance:<rule>",
    #: "demand", "tribute"; "linked:<the proposal's origin>" where the learned linker gave it its sides.
    origin: str = ""
    #: How its sides were read: "closed" (both named), "open" (a side left unexpressed), "agentless" (a
    #: passive that names no doer), "content" (a saying whose object is a clause or a thing, not someone).
    sides: str | None = None


@dataclass
class Failure:
    """A record that could not be turned into a document, and why."""

    input: str
    record: str
    reason: str
    kind: str = "bad-input"


@dataclass
class Document:
    text: str
    id: str = ""
    hash: str = ""
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_reason: str = ""
    model: str | None = None
    set_aside: list[SetAside] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[TimeExpr] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    schema: str = SCHEMA

    def __post_init__(self) -> None:
        if not self.hash:
            self.hash = content_id(self.text)
        if not self.id:
            self.id = self.hash

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end) (the longest overlap wins), or None. This scans
        every mention: a stage that asks many times takes a ``MentionIndex`` of the mentions as they stand."""
        best, best_overlap = None, 0
        for actor in self.actors:
            for m in actor.mentions:
                overlap = min(end, m.end) - max(start, m.start)
                if overlap > best_overlap:
                    best, best_overlap = actor, overlap
        return best

    def is_set_aside(self, start: int, end: int) -> bool:
        """True where [start, end) overlaps a set-aside line (through an index of them, made again whenever
        the list of set-aside lines is replaced or grows)."""
        index: tuple[list[SetAside], int, Intervals] | None = self.__dict__.get("_aside_index")
        if index is None or index[0] is not self.set_aside or index[1] != len(self.set_aside):
            spans = Intervals()
            for s in self.set_aside:
                spans.add(s.start, s.end)
            index = (self.set_aside, len(self.set_aside), spans)
            self.__dict__["_aside_index"] = index
        return bool(index[2].overlapping(start, end))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for event in data["events"]:
            for name in INTERNAL_EVENT_FIELDS:
                event.pop(name, None)
        head = {k: data.pop(k) for k in ("schema", "id", "hash", "title", "url", "outlet", "published")}
        text = data.pop("text")
        return {**head, **data, "text": text}

    def to_json(self, *, indent: int | None = None) -> str:
        return dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        if data.get("schema", SCHEMA) != SCHEMA:
            raise ValueError(f"unsupported document schema {data.get('schema')!r}; expected {SCHEMA}")
        plain = {k: v for k, v in data.items() if k in _field_names(cls)}
        doc = cls(**{k: v for k, v in plain.items() if k not in _NESTED})
        doc.set_aside = [_build(SetAside, x) for x in data.get("set_aside", [])]
        doc.actors = [_actor(x) for x in data.get("actors", [])]
        doc.events = [_event(x) for x in data.get("events", [])]
        doc.quotes = [_build(Quote, x) for x in data.get("quotes", [])]
        doc.dates = [_build(TimeExpr, x) for x in data.get("dates", [])]
        doc.figures = [_build(Figure, x) for x in data.get("figures", [])]
        return doc

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_dict(json.loads(text))


class Intervals:
    """Character spans kept sorted, for the spans that overlap a stretch in log time plus what is found."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))
        self.longest = max(self.longest, end - start)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that overlap [start, end)."""
        lo = bisect_right(self.spans, (start - self.longest, -1))
        hi = bisect_right(self.spans, (end, -1))
        return [(s, e) for s, e in self.spans[lo:hi] if s < end and start < e]


class MentionIndex:
    """``Document.actor_at`` through the document's mentions sorted by offset, as they were when it was made:
    each look-up is a binary search and a scan of the mentions that can overlap."""

    def __init__(self, document: Document) -> None:
        self.actors = document.actors
        self.mentions = sorted((m.start, m.end, k) for k, a in enumerate(document.actors) for m in a.mentions)
        self.longest = max((end - start for start, end, _ in self.mentions), default=0)

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end) (the longest overlap, then the first actor, wins)."""
        lo = bisect_right(self.mentions, (start - self.longest, -1, -1))
        hi = bisect_right(self.mentions, (end, -1, -1))
        overlaps = [(min(end, m_end) - max(start, m_start), -k) for m_start, m_end, k in self.mentions[lo:hi]]
        overlap, k = max(overlaps, default=(0, 0))
        return self.actors[-k] if overlap > 0 else None


_NESTED = {"set_aside", "actors", "events", "quotes", "dates", "figures"}
T = TypeVar("T")


def _field_names(cls: type) -> set[str]:
    return {f.name for f in fields(cls)}


def _build(cls: type[T], data: dict[str, Any]) -> T:
    return cls(**{k: v for k, v in data.items() if k in _field_names(cls)})


def _actor(data: dict[str, Any]) -> Actor:
    actor = _build(Actor, data)
    actor.mentions = [_build(Mention, m) for m in data.get("mentions", [])]
    return actor


def _event(data: dict[str, Any]) -> Event:
    event = _build(Event, {**data, "trigger": _build(Span, data["trigger"])})
    event.spans = [_build(Span, s) for s in data.get("spans", [])]
    return event


def dumps(value: Any, *, indent: int | None = None, default: Any = None) -> str:
    """JSON text that any UTF-8 stream can take: non-ASCII kept as is, but lone surrogates (which JSON can
    carry as escapes, and UTF-8 cannot encode) written as ``\\udXXX`` escapes, which JSON readers read back."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, default=default)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def content_id(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]

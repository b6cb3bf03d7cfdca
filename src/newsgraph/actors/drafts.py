"""An actor while the actors stage is still finding its mentions and coding it."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.document import ActorVia, Intervals, Mention, MentionVia


@dataclass
class Draft:
    kind: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    reason: str = ""
    id: str = ""
    #: How it was found (``Actor.via``), and the lexicon entry it was found by (a speaker's noun).
    via: ActorVia = "ner"
    entry: str = ""
    #: Whether its country is the story's, not given for the actor itself (``Actor.country_from_context``).
    country_from_context: bool = False
    #: A place the story only names in passing (not where it happens).
    in_passing: bool = False

    #: The mentions' spans, sorted, with the list they were taken from and its length then.
    _index: tuple[list[Mention], int, Intervals] | None = field(default=None, init=False, repr=False, compare=False)

    def add(self, start: int, end: int, text: str, reason: str, *, via: MentionVia, role: str | None = None) -> bool:
        """Add a mention unless it overlaps one the draft has."""
        spans = self._spans()
        if spans.overlapping(start, end):
            return False
        self.mentions.append(Mention(start, end, text, reason=reason, via=via, role=role))
        spans.add(start, end)
        self._index = (self.mentions, len(self.mentions), spans)
        return True

    def _spans(self) -> Intervals:
        """The index of the mentions' spans, made again where the list was replaced or changed size."""
        if self._index is None or self._index[0] is not self.mentions or self._index[1] != len(self.mentions):
            spans = Intervals()
            for m in self.mentions:
                spans.add(m.start, m.end)
            self._index = (self.mentions, len(self.mentions), spans)
        return self._index[2]

    @property
    def first(self) -> int:
        return min((m.start for m in self.mentions), default=1 << 60)

"""An actor while the actors stage is still finding its mentions and coding it."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsgraph.document import Mention


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

    def add(self, start: int, end: int, text: str, reason: str) -> bool:
        if any(m.start < end and start < m.end for m in self.mentions):
            return False
        self.mentions.append(Mention(start, end, text, reason=reason))
        return True

    @property
    def first(self) -> int:
        return min((m.start for m in self.mentions), default=1 << 60)

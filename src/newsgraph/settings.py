"""The one frozen settings object, resolved once at the entry point and passed down."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

#: The learned linker's threshold, chosen on the validation articles: at 0.5 it fills more sides (pooled F1
#: 0.283, precision 0.412) and mis-links grammar the rules get right ("Arnor condemned the attack on
#: Gondor"); at 0.7 precision rises above the rules' own (0.442 against 0.425), at 0.85 it adds nothing.
LINK_THRESHOLD = 0.7


@dataclass(frozen=True)
class Settings:
    """How a pipeline runs.

    model: a spaCy pipeline package name, or None for the best installed English pipeline.
    max_chunk_chars: the text is parsed in chunks of at most this many characters, cut at line ends,
        so a very long article never exceeds the parser's memory.
    max_text_chars: longer texts are refused as bad input.
    batch_size: documents per ``nlp.pipe`` batch.
    min_event_score: events the learned scorer gives less are left out (None: the model's own threshold;
        0: keep every proposal).
    score_events: False leaves the learned scorer out: every proposal as the rules coded it, unscored
        (what the scorer is trained on).
    link_events: True lets the learned linker give sides to events the rules leave incomplete (off by
        default: on unseen articles most of the events it completes are wrong; see README).
    linker_file: a linker model (JSON, ``newsgraph train-events --linker``) used instead of the package's.
    max_seconds: the work budget of one document: past it (checked after each parse chunk and each stage)
        its extraction stops and it is recorded as a failure (None: no limit).
    """

    model: str | None = None
    max_chunk_chars: int = 20_000
    max_text_chars: int = 2_000_000
    batch_size: int = 16
    min_event_score: float | None = None
    score_events: bool = True
    link_events: bool = False
    linker_file: str | None = None
    max_seconds: float | None = 30.0

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


DEFAULT = Settings()

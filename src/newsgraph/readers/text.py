"""Plain-text articles."""

from __future__ import annotations

from newsgraph.readers.base import RawDocument, ReadError


def plain_text(text: str, origin: str, *, published: str | None = None) -> RawDocument:
    if not text.strip():
        raise ReadError(f"{origin}: empty input")
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return RawDocument(text=text, origin=origin, title=title, published=published,
                       published_reason="given" if published else "")

"""HTML pages: main text and metadata through trafilatura."""

from __future__ import annotations

import logging

from newsgraph.readers.base import RawDocument, ReadError

MIN_WORDS = 5

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def html_document(html: str, origin: str) -> RawDocument:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             include_tables=False, favor_precision=True)
    except Exception as e:  # trafilatura raises assorted errors on malformed markup
        raise ReadError(f"{origin}: cannot parse HTML ({type(e).__name__}: {e})") from e
    if result is None:
        raise ReadError(f"{origin}: HTML has no main text to extract")
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    body = (data.get("text") or "").strip()
    if len(body.split()) < MIN_WORDS:
        raise ReadError(f"{origin}: HTML has no main text to extract")
    title = (data.get("title") or "").strip() or None
    text = f"{title}\n\n{body}\n" if title else f"{body}\n"
    published = data.get("date") or None
    return RawDocument(text=text, origin=origin, title=title, url=data.get("url") or None,
                       published=published, outlet=data.get("sitename") or None,
                       published_reason="html metadata" if published else "")

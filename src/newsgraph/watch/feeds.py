"""Feeds to entries: RSS and Atom through feedparser, news sitemaps (``<urlset>``) through lxml."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

import feedparser
from lxml import etree

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class FeedError(ValueError):
    """A feed that cannot be read (malformed XML, no entries where a feed should be)."""


@dataclass(frozen=True)
class FeedEntry:
    """An article a feed lists: its link, and the title and publication date the feed gives."""

    link: str
    title: str | None = None
    published: str | None = None


def read_feed(content: bytes, url: str) -> list[FeedEntry]:
    """The entries of an RSS, Atom or news-sitemap document fetched from ``url``."""
    if _is_sitemap(content):
        return _sitemap_entries(content, url)
    parsed = feedparser.parse(content, response_headers={"content-location": url})
    entries = [e for e in (_entry(item, url) for item in parsed.entries) if e is not None]
    if parsed.bozo and not entries:  # a usable feed with a flaw (a wrong encoding, say) is still read
        raise FeedError(f"{url}: not a readable feed ({type(parsed.bozo_exception).__name__}: "
                        f"{parsed.bozo_exception})")
    if not parsed.version and not entries:
        raise FeedError(f"{url}: neither RSS, Atom nor a sitemap")
    return entries


def _entry(item: feedparser.FeedParserDict, url: str) -> FeedEntry | None:
    link = item.get("link")
    if not link:
        return None
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    return FeedEntry(link=canonical(urljoin(url, link)), title=item.get("title") or None,
                     published=time.strftime("%Y-%m-%dT%H:%M:%SZ", stamp) if stamp else None)


def canonical(link: str) -> str:
    """A link without its fragment (the same page however a feed points into it)."""
    return urldefrag(link.strip())[0]


def _is_sitemap(content: bytes) -> bool:
    head = content[:2000].lstrip()
    return b"<urlset" in head or b"<sitemapindex" in head


def _sitemap_entries(content: bytes, url: str) -> list[FeedEntry]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as e:
        raise FeedError(f"{url}: malformed sitemap XML ({e})") from e
    return [FeedEntry(link=canonical(urljoin(url, loc)), title=_text(node, f"{NEWS}news/{NEWS}title"),
                      published=_text(node, f"{NEWS}news/{NEWS}publication_date") or _text(node, f"{SITEMAP}lastmod"))
            for node in root.iter(f"{SITEMAP}url") if (loc := _text(node, f"{SITEMAP}loc"))]


def _text(node: etree._Element, path: str) -> str | None:
    found = node.find(path)
    return found.text.strip() if found is not None and found.text and found.text.strip() else None

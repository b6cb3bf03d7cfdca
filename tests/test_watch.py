"""The watcher against a local site: feeds (RSS, Atom, sitemap, malformed, failing), pages (slow, 500, redirect
loop, no text, forbidden by robots.txt, one article in two feeds), conditional requests, the per-host rate
limit, retries with backoff, and several watchers sharing a PostgreSQL store."""

from __future__ import annotations

import itertools
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from benchmarks.watch_replay import NewsServer, Page, article_page, rss
from newsgraph import store as st
from newsgraph.store import schema
from newsgraph.store import watch as state
from newsgraph.watch import ConfigError, Watcher, load_config, parse_config
from newsgraph.watch.feeds import FeedError, read_feed
from newsgraph.watch.fetch import Fetcher, FetchError
from tests.test_store_support import postgres_database, postgres_server, store_url
from tests.test_watch_support import FAST, Plain, atom, news, story

__all__ = ["news", "postgres_database", "postgres_server"]  # fixtures used below
ROOT = Path(__file__).resolve().parent.parent


def messy_site(news: NewsServer) -> list[dict[str, str]]:
    """Pages of every kind and four feeds over them; returns the [[feeds]] tables."""
    u = news.url
    news.pages.update({
        "/robots.txt": Page("User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        "/news/one.html": Page(article_page("Harbour opens in Velmar", story("Velmar"), "2024-03-04")),
        "/news/two.html": Page(article_page("Pier delayed in Ostrand", story("Ostrand"), "2024-03-05")),
        "/news/copy.html": Page(article_page("Harbour opens in Velmar", story("Velmar"), "2024-03-04")),
        "/news/slow.html": Page(article_page("Slow", story("Slowtown")), delay=2.0),
        "/news/broken.html": Page("server error", status=500),
        "/news/loop.html": Page("", status=302, headers={"Location": "/news/loop2.html"}),
        "/news/loop2.html": Page("", status=302, headers={"Location": "/news/loop.html"}),
        "/news/empty.html": Page("<html><body><nav><a href='/'>Home</a></nav></body></html>"),
        "/private/secret.html": Page(article_page("Secret", story("Hidden"))),
        "/feeds/bad.xml": Page("<rss><channel><item><title>unclosed", content_type="application/rss+xml"),
        "/feeds/down.xml": Page("down", status=503),
    })
    first = [("One", u("/news/one.html"), "2024-03-04"), ("Two", u("/news/two.html"), "2024-03-05")]
    first += [(name, u(f"/news/{name}.html"), "2024-03-06") for name in ("slow", "broken", "loop", "empty")]
    first.append(("Secret", u("/private/secret.html"), "2024-03-06"))
    news.pages["/feeds/a.xml"] = Page(rss(first), content_type="application/rss+xml", etag='"a1"')
    news.pages["/feeds/b.xml"] = Page(atom([("Two again", u("/news/two.html#top"), "2024-03-05"),
                                            ("Copy", u("/news/copy.html"), "2024-03-07")]),
                                      content_type="application/atom+xml")
    return [{"name": name, "url": u(f"/feeds/{name}.xml")} for name in ("a", "b", "bad", "down")]


@pytest.fixture
def watched(news: NewsServer, tmp_path: Path) -> Watcher:
    store = st.connect(tmp_path / "watch.db")
    config = replace(parse_config({"feeds": messy_site(news)}), fetching=FAST)
    return Watcher(store, config, Plain())


def statuses(store: st.Store) -> dict[str, tuple[str, str | None, str | None]]:
    return {e["link"].rsplit("/", 1)[1]: (e["status"], e["outcome"], e["reason"]) for e in state.entries(store)}


def test_one_cycle_stores_each_article_once_and_records_each_failure_with_its_reason(
        watched: Watcher, news: NewsServer) -> None:
    report = watched.run_once()
    found = statuses(watched.store)
    assert report.entries == 8 and report.feeds == 4
    assert found["one.html"] == ("done", "new", None) and found["two.html"] == ("done", "new", None)
    assert found["copy.html"][:2] == ("done", "unchanged")  # the same article at another link
    assert found["slow.html"][0] == "pending" and "no answer within 0.5s" in found["slow.html"][2]
    assert found["broken.html"][0] == "pending" and "HTTP 500" in found["broken.html"][2]
    assert found["loop.html"][0] == "failed" and "more than 3 redirects" in found["loop.html"][2]
    assert found["empty.html"][0] == "failed" and "no main text" in found["empty.html"][2]
    assert found["secret.html"][0] == "skipped" and "robots.txt" in found["secret.html"][2]
    assert len(news.hits("/news/two.html")) == 1 and len(news.hits("/news/broken.html")) == 2  # one retry
    with watched.store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(schema.documents)).scalar() == 2
    feeds = {f["name"]: f for f in state.feeds(watched.store)}
    assert "not a readable feed" in feeds["bad"]["reason"] and feeds["bad"]["failures"] == 1
    assert "HTTP 503" in feeds["down"]["reason"] and feeds["a"]["reason"] is None and feeds["a"]["etag"] == '"a1"'


def test_the_next_cycle_asks_conditionally_retries_failures_and_gives_up_after_the_last_attempt(
        watched: Watcher, news: NewsServer) -> None:
    watched.run_once()
    report = watched.run_once()
    assert news.hits("/feeds/a.xml")[-1].headers.get("If-None-Match") == '"a1"'
    assert news.hits("/feeds/a.xml")[-1].status == 304 and report.unchanged_feeds == 1
    assert report.entries == 0 and len(news.hits("/news/one.html")) == 1
    found = statuses(watched.store)
    assert found["broken.html"][0] == "failed" and found["slow.html"][0] == "failed"  # max_attempts = 2
    assert {f["name"]: f["failures"] for f in state.feeds(watched.store)} == {"a": 0, "b": 0, "bad": 2, "down": 2}
    assert all(r.headers.get("User-Agent") == "newsgraph-test/1.0" for r in news.requests)


def test_fetcher_waits_its_turn_on_each_host(news: NewsServer) -> None:
    for name in ("a", "b", "c"):
        news.pages[f"/{name}"] = Page("x")
    fetcher = Fetcher(replace(FAST, per_host_interval=0.3))
    for name in ("a", "b", "c"):
        fetcher.get(news.url(f"/{name}"))
    times = [r.at for r in news.requests]
    assert [r.path for r in news.requests] == ["/robots.txt", "/a", "/b", "/c"]
    assert min(later - earlier for earlier, later in itertools.pairwise(times)) >= 0.28


def test_fetcher_backs_off_between_retries_then_gives_up_as_transient(news: NewsServer) -> None:
    news.pages["/busy"] = Page("busy", status=503)
    waits: list[float] = []
    fetcher = Fetcher(replace(FAST, retries=2, backoff=0.5), sleep=waits.append)
    with pytest.raises(FetchError, match="HTTP 503") as failed:
        fetcher.get(news.url("/busy"))
    assert failed.value.transient and waits == [0.5, 1.0] and len(news.hits("/busy")) == 3


def test_a_news_sitemap_lists_its_articles_with_titles_and_dates() -> None:
    sitemap = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://news.example/a</loc><news:news><news:publication_date>2024-03-04T10:00:00Z</news:publication_date>
<news:title>Harbour opens</news:title></news:news></url>
<url><loc>https://news.example/b#part</loc><lastmod>2024-03-05</lastmod></url></urlset>"""
    entries = read_feed(sitemap, "https://news.example/sitemap.xml")
    assert [(e.link, e.title, e.published) for e in entries] == [
        ("https://news.example/a", "Harbour opens", "2024-03-04T10:00:00Z"),
        ("https://news.example/b", None, "2024-03-05")]


@pytest.mark.parametrize("content", [b"<urlset><url><loc>x</loc>", b"<rss><channel><item>", b"plain words, not XML"])
def test_unreadable_feeds_are_refused_with_a_reason(content: bytes) -> None:
    with pytest.raises(FeedError, match=r"https://news\.example/feed"):
        read_feed(content, "https://news.example/feed")


@pytest.mark.parametrize(("toml", "message"), [
    ("", "names no feeds"),
    ('[[feeds]]\nurl = "ftp://x"', "http:// or https://"),
    ('[[feeds]]\nurl = "http://x"\n[[rules]]\nkind = "dyad_score"\na = "Iran"', "needs a and b"),
    ('[[feeds]]\nurl = "http://x"\n[[rules]]\nkind = "guess"', "kind must be one of"),
    ('[[feeds]]\nurl = "http://x"\n[watch]\nevery = "soon"', "not a duration"),
    ('[[feeds]\nurl = "http://x"', "not valid TOML"),
])
def test_a_bad_feeds_file_is_refused_with_what_to_change(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "FEEDS.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(path)


def test_the_readme_sample_feeds_file_loads() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    sample = readme.split("```toml\n# FEEDS.toml", 1)[1].split("```", 1)[0]
    path = ROOT / "docs" / "FEEDS.toml"
    assert path.read_text(encoding="utf-8").strip() == ("# FEEDS.toml" + sample).strip()
    config = load_config(path)
    assert config.feeds and {r.kind for r in config.rules} == {"dyad_score", "first_event", "actor_events"}
    assert config.fetching.every == 900 and config.delivery.email is not None


def test_watchers_sharing_a_postgresql_store_fetch_each_article_once(
        news: NewsServer, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    items = []
    for n in range(8):
        news.pages[f"/p/{n}.html"] = Page(article_page(f"Story {n}", story(f"Town{n}")), delay=0.05)
        items.append((f"Story {n}", news.url(f"/p/{n}.html"), f"2024-03-{n + 1:02d}"))
    news.pages["/feed.xml"] = Page(rss(items), content_type="application/rss+xml")
    with store_url("postgresql", request, tmp_path) as url:
        stores = [st.connect(url) for _ in range(3)]
        config = replace(parse_config({"feeds": [{"url": news.url("/feed.xml")}]}), fetching=replace(FAST, every=60))
        watchers = [Watcher(s, config, Plain()) for s in stores]
        threads = [threading.Thread(target=w.run_once) for w in watchers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(news.hits("/feed.xml")) == 1
        assert all(len(news.hits(f"/p/{n}.html")) == 1 for n in range(8))
        assert {e["status"] for e in state.entries(stores[0])} == {"done"} and len(state.entries(stores[0])) == 8
        for s in stores:
            s.close()

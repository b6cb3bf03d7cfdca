"""A replay through the watcher and the real pipeline: articles written for the test, served by a local feed
in publication order; a rule on the Iran–Iraq dyad fires on the week its conflict score jumps, listing that
week's events, and not before. (benchmarks/watch_replay.py replays a whole corpus the same way.)"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from benchmarks.watch_replay import NewsServer, Page, article_page, rss
from newsgraph import store as st
from newsgraph.pipeline import Pipeline
from newsgraph.store import watch as state
from newsgraph.watch import Watcher, parse_config
from tests.test_watch_support import FAST, news

__all__ = ["news"]  # fixture used below

#: (published, title, text): a quiet January of talks (one accusation), then a week of conflict in February.
ARTICLES = [
    ("2024-01-03", "Iran and Iraq hold talks on water",
     "Iranian Foreign Minister Hossein Amir-Abdollahian met Iraqi Prime Minister Mohammed Shia al-Sudani in "
     "Baghdad on Tuesday to discuss water sharing on the Tigris."),
    ("2024-01-10", "Iraq and Iran sign trade deal", "Iraq signed a trade agreement with Iran on Monday, officials "
     "in Baghdad said."),
    ("2024-01-17", "Iraq accuses Iran of smuggling", "Iraq accused Iran on Tuesday of smuggling fuel across the "
     "southern border."),
    ("2024-01-24", "France and Germany discuss budget", "France met Germany in Berlin on Tuesday to discuss the "
     "European budget."),
    ("2024-02-06", "Iran shells border villages in Iraq", "Iranian artillery shelled villages in northern Iraq on "
     "Monday, Iraqi border officials said."),
    ("2024-02-07", "Iraq condemns Iranian strikes", "Iraq accused Iran on Tuesday of violating its sovereignty "
     "with the strikes."),
    ("2024-02-08", "Iran warns Iraq", "Iran threatened Iraq on Wednesday with further strikes on the border."),
]
RULES = [{"name": "Iran–Iraq conflict", "kind": "dyad_score", "a": "Iran", "b": "Iraq", "score": "conflict",
          "sigmas": 2, "baseline_weeks": 4}]


def publish(news: NewsServer, articles: list[tuple[str, str, str]]) -> None:
    items = []
    for n, (day, title, text) in enumerate(articles):
        news.pages[f"/{n}.html"] = Page(article_page(title, text, day))
        items.append((title, news.url(f"/{n}.html"), day))
    news.pages["/feed.xml"] = Page(rss(items), content_type="application/rss+xml")


def test_a_dyad_rule_fires_where_the_weekly_score_jumps_as_the_news_arrives(
        news: NewsServer, pipeline: Pipeline, tmp_path: Path) -> None:
    config = parse_config({"feeds": [{"url": news.url("/feed.xml")}], "rules": RULES,
                           "deliver": {"print": False, "jsonl": "alerts.jsonl"}}, base=tmp_path)
    watcher = Watcher(st.connect(tmp_path / "replay.db"), replace(config, fetching=FAST), pipeline)
    publish(news, ARTICLES[:4])
    january = watcher.run_once()
    assert january.articles["new"] == 4 and january.alerts == []
    publish(news, ARTICLES)
    february = watcher.run_once()
    assert february.articles["new"] == 3 and len(february.alerts) == 1
    alert = february.alerts[0]
    assert alert["period"] == "2024-W06" and alert["title"] == "Iran–Iraq conflict: 3 events in 2024-W06"
    assert [(e["date"], e["type"], e["source"], e["target"]) for e in alert["events"]] == [
        ("2024-02-05", "ASSAULT", "Iran", "Iraq"), ("2024-02-06", "ACCUSE", "Iraq", "Iran"),
        ("2024-02-07", "THREATEN", "Iran", "Iraq")]
    for event, (_, title, text) in zip(alert["events"], ARTICLES[4:], strict=True):  # its headline or sentence
        assert event["reports"] and {r["sentence"] for r in event["reports"]} <= {title, text}
    written = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [a["key"] for a in written] == [alert["key"]] and state.alerts(watcher.store)[0]["delivery"]
    assert watcher.run_once().alerts == []  # raised once

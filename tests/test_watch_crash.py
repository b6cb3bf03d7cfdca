"""A watcher killed with SIGKILL in the middle of a run, then started again: nothing lost, nothing stored twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from benchmarks.watch_replay import NewsServer, Page, article_page, rss
from newsgraph import store as st
from newsgraph.cli import main
from newsgraph.store import watch as state
from newsgraph.store.views import counts
from tests.test_store_support import wait_until
from tests.test_watch_support import news, story

__all__ = ["news"]  # fixture used below
ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 6


def watch(feeds: Path, db: Path, *mode: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    return subprocess.Popen([sys.executable, "-c", "from newsgraph.cli import main; main()", "watch", str(feeds),
                             "--db", str(db), *mode], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def done(db: Path) -> int:
    store = st.connect(db, migrate=False)
    try:
        return state.entry_counts(store).get("done", 0)
    except Exception:  # the watcher has not made its tables yet
        return 0
    finally:
        store.close()


def test_a_watcher_killed_mid_run_resumes_without_losing_or_repeating_an_article(
        news: NewsServer, tmp_path: Path) -> None:
    items = []
    for n in range(ARTICLES):
        news.pages[f"/{n}.html"] = Page(article_page(f"Harbour news {n}", story(f"Town{n}"), f"2024-03-0{n + 1}"),
                                        delay=0.4)
        items.append((f"Harbour news {n}", news.url(f"/{n}.html"), f"2024-03-0{n + 1}"))
    news.pages["/feed.xml"] = Page(rss(items), content_type="application/rss+xml")
    feeds, db = tmp_path / "FEEDS.toml", tmp_path / "watch.db"
    feeds.write_text(f'[watch]\nper_host_interval = 0\n[[feeds]]\nurl = "{news.url("/feed.xml")}"\n',
                     encoding="utf-8")
    first = watch(feeds, db, "--every", "1h")
    try:
        assert wait_until(lambda: done(db) >= 2, timeout=120), first.stderr.read1().decode() if first.stderr else ""
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert done(db) < ARTICLES  # killed mid-run
    second = watch(feeds, db, "--once")
    _, err = second.communicate(timeout=180)
    assert second.returncode == 0, err.decode()
    store = st.connect(db)
    assert [e["status"] for e in state.entries(store)] == ["done"] * ARTICLES
    assert counts(store)["documents"] == ARTICLES
    assert len(news.hits("/feed.xml")) == 1  # not due again: the restart only finished the articles
    assert all(1 <= len(news.hits(f"/{n}.html")) <= 2 for n in range(ARTICLES))  # at most the one in hand twice
    store.close()
    assert CliRunner().invoke(main, ["check", "--db", str(db)]).exit_code == 0

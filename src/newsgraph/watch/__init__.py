"""Watching the news as it comes: feeds in (RSS, Atom, news sitemaps), articles ingested as ``ingest`` does,
alerts out when a relation moves. ``newsgraph watch`` and ``newsgraph alerts`` are thin over this package."""

from newsgraph.watch.config import ConfigError, WatchConfig, load_config, parse_config
from newsgraph.watch.deliver import as_text, deliver
from newsgraph.watch.rules import evaluate
from newsgraph.watch.watcher import CycleReport, Watcher

__all__ = ["ConfigError", "CycleReport", "WatchConfig", "Watcher", "as_text", "deliver", "evaluate", "load_config",
           "parse_config"]

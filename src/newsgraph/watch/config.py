"""FEEDS.toml: the feeds to watch, how to fetch politely, the alert rules and where alerts go; read once,
checked, and frozen."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$")
SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
RULE_KINDS = ("dyad_score", "first_event", "actor_events")


class ConfigError(ValueError):
    """A FEEDS.toml that cannot be used, with what to change."""


def duration(value: Any, what: str) -> float:
    """Seconds from a number or a string such as ``15m``, ``90s``, ``1h``, ``500ms``."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
        return float(value)
    match = DURATION.match(str(value))
    if not match:
        raise ConfigError(f"{what}: {value!r} is not a duration (write 90s, 15m, 1h or a number of seconds)")
    return float(match.group(1)) * SECONDS[match.group(2) or "s"]


@dataclass(frozen=True)
class Feed:
    """One RSS, Atom or news-sitemap feed."""

    url: str
    name: str


@dataclass(frozen=True)
class Fetching:
    """How pages and feeds are fetched: politely, with limits, and how failures are retried."""

    user_agent: str = "newsgraph-watch/0.1 (+https://github.com/newsgraph)"
    timeout: float = 20.0
    per_host_interval: float = 1.0
    retries: int = 2
    backoff: float = 1.0
    max_redirects: int = 5
    max_bytes: int = 5_000_000
    retry_after: float = 1800.0
    max_attempts: int = 5
    every: float = 900.0


@dataclass(frozen=True)
class Rule:
    """An alert rule: ``dyad_score`` (a weekly conflict or cooperation score between ``a`` and ``b`` beyond
    ``sigmas`` standard deviations of the ``baseline_weeks`` before it, or at least ``threshold``),
    ``first_event`` (the first event of one of ``types`` between two actors: ``a`` and ``b``, or any) or
    ``actor_events`` (any event of ``types`` with ``actor`` as a side)."""

    name: str
    kind: str
    a: str | None = None
    b: str | None = None
    actor: str | None = None
    types: tuple[str, ...] = ()
    score: str = "conflict"
    sigmas: float = 3.0
    threshold: float | None = None
    baseline_weeks: int = 8
    min_events: int = 2


@dataclass(frozen=True)
class Email:
    """SMTP delivery."""

    host: str
    to: tuple[str, ...]
    port: int = 25
    sender: str = "newsgraph@localhost"
    starttls: bool = False
    username: str | None = None
    password: str | None = None


@dataclass(frozen=True)
class Delivery:
    """Where alerts go: printed, appended to a JSONL file, POSTed to a webhook, e-mailed."""

    print: bool = True
    jsonl: Path | None = None
    webhook: str | None = None
    email: Email | None = None


@dataclass(frozen=True)
class WatchConfig:
    """The whole FEEDS.toml."""

    feeds: tuple[Feed, ...]
    fetching: Fetching = field(default_factory=Fetching)
    rules: tuple[Rule, ...] = ()
    delivery: Delivery = field(default_factory=Delivery)
    web: str = "http://127.0.0.1:8000"


def load_config(path: str | Path) -> WatchConfig:
    """Read and check FEEDS.toml (relative file paths in it are taken from its folder)."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"cannot read {path}: {e.strerror or e}") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from e
    return parse_config(data, base=path.parent)


def parse_config(data: dict[str, Any], *, base: Path = Path(".")) -> WatchConfig:
    """The configuration from parsed TOML."""
    feeds = tuple(_feed(f, i) for i, f in enumerate(_tables(data, "feeds")))
    if not feeds:
        raise ConfigError("FEEDS.toml names no feeds: add [[feeds]] tables with a url")
    watch = data.get("watch", {})
    rules = tuple(_rule(r, i) for i, r in enumerate(_tables(data, "rules")))
    if len({r.name for r in rules}) != len(rules):
        raise ConfigError("two [[rules]] share a name: give each its own")
    return WatchConfig(feeds=feeds, fetching=_fetching(watch), rules=rules,
                       delivery=_delivery(data.get("deliver", {}), base), web=str(watch.get("web", WatchConfig.web)))


def _tables(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    tables = data.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise ConfigError(f"{key}: write each as a [[{key}]] table")
    return tables


def _feed(table: dict[str, Any], i: int) -> Feed:
    url = table.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise ConfigError(f"feeds[{i}]: url must be an http:// or https:// address, not {url!r}")
    return Feed(url=url, name=str(table.get("name") or url))


def _fetching(watch: dict[str, Any]) -> Fetching:
    d = Fetching()
    return Fetching(
        user_agent=str(watch.get("user_agent", d.user_agent)),
        timeout=duration(watch.get("timeout", d.timeout), "watch.timeout"),
        per_host_interval=duration(watch.get("per_host_interval", d.per_host_interval), "watch.per_host_interval"),
        retries=int(watch.get("retries", d.retries)),
        backoff=duration(watch.get("backoff", d.backoff), "watch.backoff"),
        max_redirects=int(watch.get("max_redirects", d.max_redirects)),
        max_bytes=int(watch.get("max_bytes", d.max_bytes)),
        retry_after=duration(watch.get("retry_after", d.retry_after), "watch.retry_after"),
        max_attempts=int(watch.get("max_attempts", d.max_attempts)),
        every=duration(watch.get("every", d.every), "watch.every"))


def _rule(table: dict[str, Any], i: int) -> Rule:
    kind = table.get("kind")
    if kind not in RULE_KINDS:
        raise ConfigError(f"rules[{i}]: kind must be one of {', '.join(RULE_KINDS)}, not {kind!r}")
    types = table.get("types", [])
    if isinstance(types, str) or not all(isinstance(t, str) for t in types):
        raise ConfigError(f"rules[{i}]: types must be a list of event types, such as [\"ASSAULT\"]")
    rule = Rule(name=str(table.get("name") or f"{kind} {i + 1}"), kind=kind, a=table.get("a"), b=table.get("b"),
                actor=table.get("actor"), types=tuple(t.upper() for t in types),
                score=str(table.get("score", "conflict")), sigmas=float(table.get("sigmas", 3.0)),
                threshold=float(table["threshold"]) if "threshold" in table else None,
                baseline_weeks=int(table.get("baseline_weeks", 8)), min_events=int(table.get("min_events", 2)))
    _check_rule(rule, i)
    return rule


def _check_rule(rule: Rule, i: int) -> None:
    if rule.kind == "dyad_score" and not (rule.a and rule.b):
        raise ConfigError(f"rules[{i}] ({rule.name}): a dyad_score rule needs a and b (two actor names)")
    if rule.kind == "dyad_score" and rule.score not in ("conflict", "cooperation"):
        raise ConfigError(f"rules[{i}] ({rule.name}): score must be conflict or cooperation, not {rule.score!r}")
    if rule.kind == "first_event" and bool(rule.a) != bool(rule.b):
        raise ConfigError(f"rules[{i}] ({rule.name}): give both a and b, or neither (any two actors)")
    if rule.kind == "actor_events" and not (rule.actor and rule.types):
        raise ConfigError(f"rules[{i}] ({rule.name}): an actor_events rule needs actor and types")


def _delivery(table: dict[str, Any], base: Path) -> Delivery:
    email = table.get("email")
    jsonl = table.get("jsonl")
    return Delivery(print=bool(table.get("print", True)), jsonl=base / jsonl if jsonl else None,
                    webhook=table.get("webhook"), email=_email(email) if email else None)


def _email(table: dict[str, Any]) -> Email:
    to = table.get("to")
    if not table.get("host") or not to:
        raise ConfigError("deliver.email: give host and to (one address or a list)")
    return Email(host=str(table["host"]), to=(to,) if isinstance(to, str) else tuple(to),
                 port=int(table.get("port", 25)), sender=str(table.get("from", Email.sender)),
                 starttls=bool(table.get("starttls", False)), username=table.get("username"),
                 password=table.get("password"))

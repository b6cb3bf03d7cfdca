"""The ``watch`` and ``alerts`` commands: thin over newsgraph.watch."""

from __future__ import annotations

import signal
import sys
from dataclasses import replace
from types import FrameType

import click

from newsgraph.cli.common import LIMIT, db_option, emit, load_pipeline, opened_store


@click.command("watch")
@click.argument("feeds_file", metavar="FEEDS.toml", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.option("--once", "mode", flag_value="once", help="One cycle (feeds, articles, alerts), then exit.")
@click.option("--every", metavar="DURATION", help="A cycle every DURATION (15m, 90s, 1h) until stopped; "
              "default: the file's watch.every.")
@click.option("--model", metavar="NAME", help="spaCy pipeline package (default: best installed).")
def watch_cmd(feeds_file: str, db: str, mode: str | None, every: str | None, model: str | None) -> None:
    """Watch the feeds FEEDS.toml names: ingest new articles as `ingest` does, raise and deliver its alerts.

    State (what was seen, feed failures, retry times, alerts) lives in the store, so a restart resumes."""
    from newsgraph.settings import Settings
    from newsgraph.watch import ConfigError, CycleReport, Watcher, load_config
    from newsgraph.watch.config import duration

    if mode == "once" and every:
        raise click.UsageError("give --once or --every, not both")
    try:
        config = load_config(feeds_file)
        period = duration(every, "--every") if every else config.fetching.every
    except ConfigError as e:
        raise click.ClickException(str(e)) from e
    config = replace(config, fetching=replace(config.fetching, every=period))
    with opened_store(db) as store:
        watcher = Watcher(store, config, load_pipeline(Settings(model=model)), stream=sys.stdout)

        def report(cycle: CycleReport) -> None:
            for failure in cycle.failures:
                click.echo(f"newsgraph: failed: {failure}", err=True)
            click.echo(f"newsgraph: {cycle.summary()}", err=True)

        try:
            if mode == "once":
                report(watcher.run_once())
            else:
                stopping = _stop_on_signals()
                watcher.run_forever(period, on_cycle=report, stop=lambda: stopping[0])
        finally:
            watcher.close()


def _stop_on_signals() -> list[bool]:
    """A flag that SIGINT or SIGTERM sets, so the cycle under way ends cleanly."""
    stopping = [False]

    def stop(_signum: int, _frame: FrameType | None) -> None:
        stopping[0] = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    return stopping


@click.command("alerts")
@LIMIT
@click.option("--format", "fmt", type=click.Choice(["text", "table", "json"]), default="text", show_default=True,
              help="text: each alert with its events and sentences; table: one line each; json: everything.")
@db_option
def alerts_cmd(limit: int, fmt: str, db: str) -> None:
    """The alerts the watch raised, newest first: what fired, when, why, with the events and their sentences."""
    from newsgraph.watch import as_text

    with opened_store(db) as store:
        from newsgraph.store import watch as state

        found = state.alerts(store, limit=limit)
    if fmt == "text":
        click.echo("\n\n".join(f"#{a['id']} {a['fired_at']}\n{as_text(a)}" for a in found) or "(no alerts)")
        return
    if fmt == "table":
        found = [{k: a[k] for k in ("id", "fired_at", "rule", "period", "title")} | {"events": len(a["events"])}
                 for a in found]
    emit(found, fmt)


COMMANDS = (watch_cmd, alerts_cmd)


def register(group: click.Group) -> None:
    """Add ``watch`` and ``alerts`` to the ``newsgraph`` command group."""
    for command in COMMANDS:
        group.add_command(command)

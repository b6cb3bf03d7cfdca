"""The store's commands (ingest, events, actor, quotes, dyad, search, export, check): thin over newsgraph.store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from newsgraph import store as st
from newsgraph.cli.common import (
    FORMAT,
    LIMIT,
    MAX_SECONDS,
    WORKERS,
    BadQuery,
    checked,
    date_option,
    db_option,
    emit,
    opened_store,
    running,
)
from newsgraph.store import filters


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--model", metavar="NAME", help="spaCy pipeline package (default: best installed).")
@click.option("--quiet", is_flag=True, help="Print only the summary (no progress bar, no line per article).")
@WORKERS
@MAX_SECONDS
def ingest(inputs: tuple[str, ...], db: str, model: str | None, quiet: bool, workers: int | None,
           max_seconds: float) -> None:
    """Extract INPUTS and store them: already stored articles are skipped, failures recorded."""
    from newsgraph.readers import read_inputs
    from newsgraph.scale.progress import progress_for
    from newsgraph.settings import Settings

    with opened_store(db) as store, progress_for(inputs, quiet=quiet) as bar, \
            running(Settings(model=model, max_seconds=max_seconds), workers, on_ready=bar.start) as pipeline:
        bar.loading("the spaCy model")

        def progress(outcome: str, label: str) -> None:
            bar.advance()
            if not quiet and not bar.shown and outcome != "unchanged":
                click.echo(f"newsgraph: {outcome}: {label}", err=True)

        try:
            report = st.ingest(store, read_inputs(list(inputs)), pipeline, on_item=progress)
        except st.StoreError as e:
            raise click.ClickException(str(e)) from e
    for failure in report.failures:
        click.echo(f"newsgraph: error: {failure.reason}", err=True)
    click.echo(f"newsgraph: {report.summary()}")
    if report.failures:
        sys.exit(1)


@click.command("events")
@click.option("--actor", help="Source or target known by this name.")
@click.option("--country", help="Source or target of this country: name, demonym or ISO code (Turkey, Turkish, "
              "TUR, TR).", callback=checked(filters.country))
@click.option("--type", "type_", metavar="TYPE", help="PLOVER event type (ASSAULT, CONSULT, ...).",
              callback=checked(filters.event_type))
@click.option("--quad", metavar="QUAD", help="Quad class: 1 verbal/2 material cooperation, 3 verbal/4 material "
              "conflict (number or name).", callback=checked(filters.quad))
@date_option("--since", "On or after this date.")
@date_option("--until", "On or before this date.")
@click.option("--text", help="Evidence contains this text.")
@LIMIT
@FORMAT
@db_option
def events_cmd(actor: str | None, country: str | None, type_: str | None, quad: int | None, since: str | None,
               until: str | None, text: str | None, limit: int, fmt: str, db: str) -> None:
    """Linked events (one per real-world event, with mentions, articles and sources), newest first; each with
    its first report's document (hash, URL, outlet, title, date), evidence sentence and place."""
    with opened_store(db, create=False, reading=True) as store:
        emit(st.events(store, actor=actor, country=country, type=type_, quad=quad, since=since, until=until,
                       text=text, limit=limit), fmt)


@click.command("actor")
@click.argument("name")
@LIMIT
@FORMAT
@db_option
def actor_cmd(name: str, limit: int, fmt: str, db: str) -> None:
    """NAME's entities: aliases, roles, quotes, events as source and target, frequent counterparts."""
    with opened_store(db, create=False, reading=True) as store:
        profiles = st.actor(store, name, limit=limit)
    if fmt == "json":
        emit(profiles, fmt)
        return
    if not profiles:
        raise click.ClickException(f"no actor known as {name!r}")
    for profile in profiles:
        _print_profile(profile, fmt)


def _print_profile(profile: dict[str, Any], fmt: str) -> None:
    sections = ("quotes", "as_source", "as_target", "counterparts")
    head = {k: v for k, v in profile.items() if k not in sections}
    emit([head], fmt)
    for section in sections:
        if profile[section]:
            click.echo(f"\n{section}:")
            emit(profile[section], fmt)
    click.echo("")


@click.command("quotes")
@click.option("--speaker", help="Said by the actor known by this name.")
@click.option("--text", help="Quote contains this text.")
@LIMIT
@FORMAT
@db_option
def quotes_cmd(speaker: str | None, text: str | None, limit: int, fmt: str, db: str) -> None:
    """Quotes with their speakers and documents (hash, URL, outlet, title, date) and sentences, newest first."""
    with opened_store(db, create=False, reading=True) as store:
        emit(st.quotes(store, speaker=speaker, text=text, limit=limit), fmt)


@click.command("figures")
@click.option("--what", help="What the figure counts (dead, injured, arrested, ...).")
@click.option("--text", help="Its sentence contains this text.")
@LIMIT
@FORMAT
@db_option
def figures_cmd(what: str | None, text: str | None, limit: int, fmt: str, db: str) -> None:
    """Figures (numbers, units, what they count) with their documents and sentences, newest first."""
    with opened_store(db, create=False, reading=True) as store:
        emit(st.figures(store, what=what, text=text, limit=limit), fmt)


@click.command("dyad")
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True)
@click.option("--directed", is_flag=True, help="Only events with A as source and B as target.")
@FORMAT
@db_option
def dyad_cmd(a: str, b: str, by: str, directed: bool, fmt: str, db: str) -> None:
    """Events between A and B per period: counts per quad class and mean intensity. A side that names a state
    (name, demonym or ISO code: Turkey, Turkish, TUR) stands for every actor of that state."""
    with opened_store(db, create=False, reading=True) as store:
        emit(st.dyad(store, a, b, by=by, directed=directed, strict=True), fmt)


@click.command("search")
@click.argument("text")
@click.option("--limit", type=int, default=20, show_default=True)
@FORMAT
@db_option
def search_cmd(text: str, limit: int, fmt: str, db: str) -> None:
    """Full-text search over article text and quotes."""
    with opened_store(db, create=False, reading=True) as store:
        emit(st.search(store, text, limit=limit), fmt)


@click.command("export")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice([*st.FORMATS, "gold"]), default="jsonl", show_default=True,
              help="jsonl: document records; parquet, csv: every table (documents, actors, events, quotes, figures, "
                   "failures, linked_events) under the folder -o names (csv without -o: the linked events to "
                   "stdout); plover: PLOVER JSON event records; gold: every corrected document as a hand "
                   "annotation (NAME/gold.json and NAME/article.txt) under DIRECTORY.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here (a folder for parquet and csv), "
              "not stdout.")
@click.option("--excel", is_flag=True, help="CSV starts with a byte order mark, so spreadsheets read it as UTF-8.")
@db_option
def export_cmd(directory: Path | None, fmt: str, output: Path | None, excel: bool, db: str) -> None:
    """Export the store (to DIRECTORY, the same as -o)."""
    output = output or directory
    if fmt == "gold":
        from newsgraph.cli.review import export_gold

        if output is None:
            raise BadQuery("give the folder to write the gold annotations to: export --format gold DIR")
        export_gold(db, output)
        return
    if fmt == "parquet" and output is None:
        raise BadQuery("--output: parquet is binary: give a folder with -o")
    with opened_store(db, create=False, reading=True) as store:
        try:
            n = st.export(store, fmt, output if output is not None else sys.stdout, excel=excel)
        except OSError as e:
            raise click.ClickException(f"cannot write {output}: {e.strerror}") from e
    tables = fmt in ("parquet", "csv") and output is not None
    click.echo(f"newsgraph: exported {n} {'document(s) as tables under ' + str(output) if tables else 'record(s)'}",
               err=True)


@click.command("check")
@db_option
def check_cmd(db: str) -> None:
    """Check the store's integrity; exits non-zero when a problem is found."""
    with opened_store(db, create=False) as store:
        problems = st.check(store)
    for problem in problems:
        click.echo(f"newsgraph: problem: {problem}")
    if problems:
        click.echo(f"newsgraph: {len(problems)} problem(s)")
        sys.exit(1)
    click.echo("newsgraph: store is consistent")


COMMANDS = (ingest, events_cmd, actor_cmd, quotes_cmd, figures_cmd, dyad_cmd, search_cmd, export_cmd, check_cmd)


def register(group: click.Group) -> None:
    """Add the store's commands to the ``newsgraph`` command group."""
    for command in COMMANDS:
        group.add_command(command)

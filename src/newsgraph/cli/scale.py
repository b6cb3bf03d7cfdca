"""Command-line pieces for big runs: --workers and --quiet, and the spark and load-parquet commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsgraph import store as st
from newsgraph.cli.common import QUIET, opened_store
from newsgraph.settings import Settings

if TYPE_CHECKING:
    pass

@click.command("spark")
@click.argument("inputs", nargs=-1, required=True)
@click.argument("output", type=click.Path(file_okay=False, path_type=Path))
@click.option("--master", default="local[*]", show_default=True,
              help="Spark master URL (local[N], spark://host:port, yarn, ...).")
@click.option("--partitions", type=click.IntRange(min=1), help="At least this many input partitions.")
@click.option("--model", metavar="NAME", help="spaCy pipeline package (default: best installed).")
def spark_cmd(inputs: tuple[str, ...], output: Path, master: str, partitions: int | None, model: str | None) -> None:
    """Extract JSONL INPUTS with Apache Spark; write Parquet tables (documents, actors, events, quotes,
    failures) under OUTPUT."""
    from newsgraph.scale.spark import SparkUnavailable, run_job

    try:
        report = run_job(list(inputs), output, settings=Settings(model=model), master=master, partitions=partitions)
    except (SparkUnavailable, ValueError) as e:
        raise click.ClickException(str(e)) from e
    click.echo(f"newsgraph: {report.summary()} under {output}", err=True)


@click.command("load-parquet")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", metavar="PATH|URL", default=st.DEFAULT_DB, show_default=True,
              help="SQLite file, or a postgresql:// URL.")
@QUIET
def load_parquet_cmd(directory: Path, db: str, quiet: bool) -> None:
    """Store the documents of a `newsgraph spark` output DIRECTORY (stored ones are skipped)."""
    from newsgraph.scale.progress import Progress
    from newsgraph.store.tables import load_parquet

    with opened_store(db) as store, Progress(None, quiet=quiet) as bar:
        try:
            report = load_parquet(store, directory, on_item=lambda outcome, label: bar.advance())
        except FileNotFoundError as e:
            raise click.ClickException(str(e)) from e
    click.echo(f"newsgraph: {report.summary()}")
    if report.failures:
        sys.exit(1)


def register(group: click.Group) -> None:
    """Add the spark and load-parquet commands to the ``newsgraph`` command group."""
    group.add_command(spark_cmd)
    group.add_command(load_parquet_cmd)

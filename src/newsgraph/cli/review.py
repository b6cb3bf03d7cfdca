"""Commands for accounts and corrections (user, eval, audit; ``export --format gold``): thin over the store's
users, gold and corrections modules."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from newsgraph.cli.common import FORMAT, db_option, emit, opened_store


@click.group("user")
def user_group() -> None:
    """Accounts that may sign in to `serve --allow-writes` (and `--private`)."""


@user_group.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["reader", "editor", "admin"]), default="editor", show_default=True,
              help="reader: may sign in and read; editor: may also correct; admin: may also see the audit log.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin (no prompt).")
@db_option
def user_add(name: str, role: str, password_stdin: bool, db: str) -> None:
    """Add the user NAME (the password is asked for, and kept only as its argon2 hash)."""
    from newsgraph.store import users

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with opened_store(db) as store:
        try:
            user = users.add_user(store, name, role, password)
        except users.UserError as e:
            raise click.ClickException(str(e)) from e
    click.echo(f"newsgraph: added {user.name} ({user.role})", err=True)


@user_group.command("token")
@click.argument("name")
@db_option
def user_token(name: str, db: str) -> None:
    """Print a new API token for NAME (scripts send it as `Authorization: Bearer TOKEN`); it replaces the
    earlier one and is shown only now."""
    from newsgraph.store import users

    with opened_store(db, create=False) as store:
        try:
            click.echo(users.new_token(store, name))
        except users.UserError as e:
            raise click.ClickException(str(e)) from e


def export_gold(db: str, directory: Path) -> None:
    """``export --format gold DIR``: every corrected document as a hand annotation under DIR."""
    from newsgraph.store.gold import export_gold as write

    with opened_store(db, create=False) as store:
        try:
            written = write(store, directory)
        except OSError as e:
            raise click.ClickException(f"cannot write {directory}: {e.strerror}") from e
    click.echo(f"newsgraph: exported {len(written)} corrected document(s) as gold under {directory}", err=True)


@click.command("eval")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--scorer", type=click.Path(dir_okay=False, path_type=Path), envvar="NEWSGRAPH_SCORER",
              help="The shared article scorer, score.py (default: $NEWSGRAPH_SCORER).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON line last.")
@db_option
def eval_cmd(directory: Path, scorer: Path | None, as_json: bool, db: str) -> None:
    """Score the extractor's own records (before corrections) against the gold folders in DIRECTORY
    (`export --format gold` writes them), with the shared scorer's figures."""
    from newsgraph import shared_scorer
    from newsgraph.store.gold import evaluate

    if scorer is None:
        raise click.UsageError("give the shared scorer with --scorer PATH/score.py (or set NEWSGRAPH_SCORER)")
    try:
        module = shared_scorer.load(scorer)
    except FileNotFoundError as e:
        raise click.ClickException(str(e)) from e
    with opened_store(db, create=False) as store:
        figures = evaluate(store, directory, module)
    for result in figures["documents"]:
        module.show(result, False)
    summary = figures["summary"]
    click.echo("== over documents: " + "  ".join(f"{k}={v}" for k, v in summary.items()))
    if as_json:
        click.echo(json.dumps(summary))


@click.command("audit")
@click.option("--author", metavar="NAME", help="Only this analyst's corrections.")
@click.option("--since", metavar="DATE", help="Made on or after this day (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Made on or before this day (YYYY-MM-DD).")
@click.option("--status", type=click.Choice(["applied", "stale"]), help="Only applied ones, or only those a "
              "re-extraction no longer holds.")
@FORMAT
@db_option
def audit_cmd(author: str | None, since: str | None, until: str | None, status: str | None, fmt: str,
              db: str) -> None:
    """List the analysts' corrections by time: who, when, which document and item, before, after, why."""
    from newsgraph.store.corrections import corrections

    with opened_store(db, create=False) as store:
        rows = [c.to_dict() for c in corrections(store, author=author, since=since, until=until, status=status)]
    emit(rows, fmt)


def register(group: click.Group) -> None:
    """Add the account and correction commands to the ``newsgraph`` command group."""
    for command in (user_group, eval_cmd, audit_cmd):
        group.add_command(command)


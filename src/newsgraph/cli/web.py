"""``newsgraph serve``: the web interface over a store (thin over newsgraph.web.create_app)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from newsgraph.store import DEFAULT_DB


@click.command("serve")
@click.option("--db", metavar="PATH|URL", default=DEFAULT_DB, show_default=True,
              help="SQLite file, or a postgresql:// URL.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; requests must name it (or 127.0.0.1, localhost) in their Host header.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--allow-writes", is_flag=True, help="Let signed-in editors store pasted articles and correct documents "
              "(read-only without it; accounts: `newsgraph user add`).")
@click.option("--private", is_flag=True, help="Ask for sign-in before every page and endpoint (the store is opened "
              "writable, for the sessions).")
@click.option("--max-paste-bytes", type=click.IntRange(min=1), default=200_000, show_default=True,
              help="Refuse request bodies larger than this.")
def serve(db: str, host: str, port: int, allow_writes: bool, private: bool, max_paste_bytes: int) -> None:
    """Browse the store: dashboard, documents, actors, dyads, network, search, paste (API docs at /docs)."""
    import uvicorn

    from newsgraph.store import StoreError
    from newsgraph.web import WebSettings, create_app

    if not allow_writes and "://" not in db and not Path(db).exists():
        raise click.ClickException(f"no store at {os.path.abspath(db)}: build one with `newsgraph ingest --db {db}`"
                                   " (or pass --allow-writes to start an empty one)")
    try:
        hosts = tuple(dict.fromkeys(("127.0.0.1", "localhost", host)))
        app = create_app(WebSettings(db=db, allow_writes=allow_writes, private=private,
                                     max_paste_bytes=max_paste_bytes, hosts=hosts))
    except StoreError as e:
        raise click.ClickException(str(e)) from e
    mode = ("writes allowed" if allow_writes else "read-only") + (", private" if private else "")
    click.echo(f"newsgraph: serving {db} on http://{host}:{port}/ ({mode})", err=True)
    # Idle keep-alive connections close after 5 s and headers are limited to 16 kB; uvicorn has no timeout for
    # slow headers (a reverse proxy in front should set one: nginx client_header_timeout), the app one for bodies.
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=5,
                h11_max_incomplete_event_size=16_384, timeout_graceful_shutdown=5)


def register(group: click.Group) -> None:
    """Add ``serve`` to the ``newsgraph`` command group."""
    group.add_command(serve)

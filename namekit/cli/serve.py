"""`namekit serve`: a reconciliation service OpenRefine can use."""

from __future__ import annotations

from pathlib import Path

import click

from namekit.cli.base import alias_options
from namekit.errors import MissingDependencyError

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--people",
    "people_path",
    type=click.Path(path_type=Path),
    metavar="DEDUPED",
    help="A dedupe result (from `namekit dedupe`) whose people are served too.",
)
@click.option("-c", "--column", help="The name column of --people [default: guessed].")
@click.option(
    "--reload-on-change",
    is_flag=True,
    help="Re-read the tables when their files change (otherwise POST /reload).",
)
@alias_options
def serve(
    host: str,
    port: int,
    people_path: Path | None,
    column: str | None,
    reload_on_change: bool,
    alias_paths: tuple[Path, ...],
    no_default_aliases: bool,
) -> None:
    """Serve your people to OpenRefine (Reconciliation Service API 0.2).

    In OpenRefine: column menu > Reconcile > Start reconciling > Add standard service,
    and enter the URL printed at start (http://127.0.0.1:8000/reconcile). Candidates
    score 0-100; a match is automatic only at or above the auto-merge cutoff with a
    clear margin over the runner-up. Stop with Ctrl-C.

    \b
    Examples:
      namekit serve --aliases mine.csv
      namekit serve --aliases mine.csv --people mentions.deduped.csv --reload-on-change
    """
    try:
        from namekit import server
    except ImportError as error:
        if (error.name or "").split(".")[0] not in ("starlette", "uvicorn"):
            raise
        raise MissingDependencyError(
            "namekit serve needs starlette and uvicorn: pip install 'namekit[serve]'"
        ) from None
    service = server.table_service(
        alias_paths=alias_paths,
        use_default=not no_default_aliases,
        people_path=people_path,
        column=column,
        reload_on_change=reload_on_change,
    )
    if host not in _LOOPBACK:
        click.echo(
            f"namekit: warning: listening on {host}: anyone who can reach this port can "
            "read these people.",
            err=True,
        )

    def ready(url: str) -> None:
        people = len(service.index.entities)
        click.echo(f"namekit: serving {people} people at {url} (Ctrl-C to stop)", err=True)

    server.run(service, host=host, port=port, on_ready=ready)

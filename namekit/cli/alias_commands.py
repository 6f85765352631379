"""`namekit aliases ...`: look after alias tables."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from namekit.aliases import bundled_table_path, check_alias_tables


@click.group()
def aliases() -> None:
    """Check and manage alias tables (curated name forms of people)."""


@aliases.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Validate alias tables; list each problem with its line number.

    Without PATH, checks the table bundled with namekit. Several tables are checked
    together, so a name form given to two people across tables is caught too.
    Exits 1 when anything is wrong.

    \b
    Example:
      namekit aliases check my_aliases.csv
    """
    targets = list(paths) or [bundled_table_path()]
    rows, problems = check_alias_tables(targets)
    for problem in problems:
        click.echo(problem)
    if problems:
        click.echo(f"{len(problems)} problem(s) found.", err=True)
        sys.exit(1)
    people = len({row.person_id for row in rows})
    click.echo(f"ok: {len(rows)} rows, {people} people in {len(targets)} table(s)")

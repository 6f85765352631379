"""`namekit aliases ...`: look after alias tables."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from namekit.aliases import bundled_table_path, check_alias_tables
from namekit.cli.base import alias_options
from namekit.errors import ImportConflictError
from namekit.importing import IMPORT_FORMATS, import_into_table
from namekit.tables import STDIO


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


@aliases.command("import")
@click.argument("path", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(IMPORT_FORMATS),
    required=True,
    help="mapping-csv: alias,canonical CSV; resolver-jsonl: nomenklatura judgements; "
    "openrefine-clusters: OpenRefine's Export clusters JSON.",
)
@click.option(
    "-o",
    "--output",
    default=STDIO,
    show_default=True,
    metavar="PATH",
    help="Your alias table: created, or extended if it exists; - prints the new rows.",
)
@click.option("--source", help="The source column of new rows [default: import FILENAME].")
@click.option(
    "--all-clusters",
    is_flag=True,
    help="openrefine-clusters: import every cluster, not only those checked 'Merge?'.",
)
@alias_options
def import_(
    path: Path,
    fmt: str,
    output: str,
    source: str | None,
    all_clusters: bool,
    alias_paths: tuple[Path, ...],
    no_default_aliases: bool,
) -> None:
    """Turn an existing mapping into alias-table rows.

    Names the alias tables already know join their person; other groups become new
    people. Rows already present are skipped, so importing twice changes nothing.
    Conflicts (a name given to two people, a name mapped two ways) are listed with
    their line numbers and nothing is written. Spreadsheet formula escaping is undone.

    \b
    Examples:
      namekit aliases import old_mapping.csv --format mapping-csv -o my_aliases.csv
      namekit aliases import judgements.jsonl --format resolver-jsonl -o my_aliases.csv
      namekit aliases import clusters.json --format openrefine-clusters -o my_aliases.csv
    """
    result = import_into_table(
        path,
        fmt,
        output,
        alias_paths=alias_paths,
        use_default=not no_default_aliases,
        source=source,
        all_clusters=all_clusters,
    )
    for problem in result.problems:
        click.echo(problem, err=True)
    if result.problems:
        raise ImportConflictError(
            f"{len(result.problems)} conflict(s) in {path}; nothing was written. "
            "Fix the lines listed above, then import again."
        )
    click.echo(
        f"imported {len(result.rows)} rows ({result.skipped} already known) into {output}",
        err=True,
    )

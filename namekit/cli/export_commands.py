"""`namekit export` (alias tables in many formats) and `namekit export people`."""

from __future__ import annotations

from pathlib import Path

import click

from namekit.cli.base import alias_options, load_alias_index
from namekit.export import EXPORT_FORMATS, write_export
from namekit.people import PEOPLE_FORMATS, export_people
from namekit.tables import STDIO

_escape_option = click.option(
    "--formula-escape/--no-formula-escape",
    default=True,
    show_default=True,
    help="Prefix cells starting with = + - @ tab or CR with ' so spreadsheets show them as "
    "text (OWASP CSV injection); switch off for machine consumers.",
)
_output_option = click.option(
    "-o",
    "--output",
    default=STDIO,
    show_default=True,
    metavar="PATH",
    help="Where to write the export; - for stdout.",
)


@click.group(invoke_without_command=True)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    default="csv",
    show_default=True,
    help="csv: the alias table; mapping-csv: name,person_id,canonical_name; json/jsonl: "
    "people with name forms and decisions; resolver-jsonl: nomenklatura judgements; "
    "xlsx: a workbook.",
)
@_output_option
@_escape_option
@alias_options
@click.pass_context
def export(
    ctx: click.Context,
    fmt: str,
    output: str,
    formula_escape: bool,
    alias_paths: tuple[Path, ...],
    no_default_aliases: bool,
) -> None:
    """Export alias tables (the bundled one plus --aliases) in the format you need.

    Exports are deterministic (the same tables give a byte-identical file) and written
    atomically. A csv export can be used again as --aliases. Cells a spreadsheet would
    run as a formula are escaped in csv, mapping-csv and xlsx unless --no-formula-escape;
    `namekit aliases import` undoes the escaping.

    \b
    Examples:
      namekit export --aliases mine.csv --format mapping-csv -o people_map.csv
      namekit export --aliases mine.csv --format resolver-jsonl -o judgements.jsonl
      namekit export people people.deduped.csv -o people.csv
    """
    if ctx.invoked_subcommand is not None:
        return
    rows = load_alias_index(alias_paths, no_default_aliases).rows
    write_export(rows, fmt, output, formula_escape=formula_escape)


@export.command("people")
@click.argument("deduped", metavar="DEDUPED", type=click.Path(path_type=Path))
@click.option(
    "-c",
    "--column",
    help="The column holding the names [default: the name/names column, or the only one "
    "besides the columns dedupe adds].",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(PEOPLE_FORMATS),
    default="csv",
    show_default=True,
    help="csv (lists as 'value (rows)' joined by '; '), json or jsonl.",
)
@_output_option
@_escape_option
def people(deduped: Path, column: str | None, fmt: str, output: str, formula_escape: bool) -> None:
    """One row per person of a dedupe result: id, canonical name, name forms, reasons.

    Columns: person_id, canonical_name, rows, name_forms (each form seen with its row
    count, most frequent first) and reasons (how the rows joined, with counts).

    \b
    Example:
      namekit dedupe mentions.csv --column name -o mentions.deduped.csv
      namekit export people mentions.deduped.csv -o people.csv
    """
    export_people(deduped, output, column=column, fmt=fmt, formula_escape=formula_escape)

"""Spreadsheet safety: cells a spreadsheet would run as a formula are escaped, and unescaped.

A CSV or XLSX cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
evaluated as a formula by Excel, LibreOffice and Google Sheets ("CSV injection"); a name
typed as `=HYPERLINK(...)` by whoever wrote the source data would run on the reviewer's
machine. Following OWASP's guidance, such a cell is written with a leading single quote
(`'=HYPERLINK(...)`): spreadsheets show it as text, and the quote is not part of the value.

Exports meant for spreadsheets (`csv`, `mapping-csv`, `xlsx`) escape by default;
`--no-formula-escape` writes the cells unchanged for machine consumers. Importing
(`namekit aliases import`) undoes the escaping: a leading quote is removed only when a
trigger character follows it, so a name such as `'Ali` keeps its apostrophe.
"""

from __future__ import annotations

from collections.abc import Mapping

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE_PREFIX = "'"


def needs_formula_escape(cell: str) -> bool:
    """Whether a spreadsheet would evaluate this cell as a formula."""
    return cell.startswith(FORMULA_TRIGGERS)


def escape_formula(cell: str) -> str:
    """The cell with a leading quote when a spreadsheet would run it as a formula."""
    return ESCAPE_PREFIX + cell if _quoted_on_export(cell) else cell


def unescape_formula(cell: str) -> str:
    """Undo escape_formula: drop a leading quote that precedes a formula trigger."""
    if cell.startswith(ESCAPE_PREFIX) and _quoted_on_export(cell[1:]):
        return cell[1:]
    return cell


def _quoted_on_export(cell: str) -> bool:
    """Whether export adds a quote: a formula, or text that reads as an escaped formula
    ('=1 gets a second quote, so that reading it back gives '=1, not =1)."""
    return needs_formula_escape(cell.lstrip(ESCAPE_PREFIX))


def escape_record(record: Mapping[str, str]) -> dict[str, str]:
    """Every cell of a record escaped for spreadsheets."""
    return {key: escape_formula(value) for key, value in record.items()}

"""Exporting alias tables: the formats users take their people and decisions elsewhere in.

- `csv`: the alias table itself, normalised and sorted (usable again as `--aliases`);
- `mapping-csv`: `name,person_id,canonical_name`, one row per name form, to join on;
- `json`: `{"format": "namekit-people", "version": 1, "people": [...]}`, each person with
  its name forms (canonical first) and its recorded decisions (different / unsure);
- `jsonl`: the same person objects, one per line;
- `resolver-jsonl`: one nomenklatura judgement per line (`target` person id, `source`
  name form, `judgement` positive / negative / unsure, `score`, `user`, `timestamp`), with
  namekit's own fields under `namekit` so that an import gives back the same table;
- `xlsx`: the alias table as a workbook, for reviewing in a spreadsheet.

Every export is deterministic: the same tables give byte-identical files. Spreadsheet
formats escape formula-like cells unless told not to (see namekit.spreadsheet).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any, TextIO, cast

from namekit.aliases import COLUMNS, AliasRow, Relation, sorted_rows
from namekit.errors import OutputError
from namekit.spreadsheet import escape_record
from namekit.tables import write_atomically

EXPORT_FORMATS = ("csv", "mapping-csv", "json", "jsonl", "resolver-jsonl", "xlsx")
MAPPING_COLUMNS = ("name", "person_id", "canonical_name")
JUDGEMENTS = {
    Relation.CANONICAL: "positive",
    Relation.ALIAS: "positive",
    Relation.DIFFERENT: "negative",
    Relation.UNSURE: "unsure",
}
_LINKED = (Relation.CANONICAL, Relation.ALIAS)


def csv_text(header: Sequence[str], records: Iterable[dict[str, str]], *, escape: bool) -> str:
    """Records as CSV text with \\n line ends, formula-escaped when asked."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(escape_record(record) if escape else record)
    return buffer.getvalue()


def canonical_names(rows: Iterable[AliasRow]) -> dict[str, str]:
    """Each person's canonical name."""
    return {row.person_id: row.name for row in rows if row.relation is Relation.CANONICAL}


def alias_csv(rows: Sequence[AliasRow], *, escape: bool = True) -> str:
    """The alias table, sorted."""
    return csv_text(COLUMNS, (row.as_record() for row in sorted_rows(rows)), escape=escape)


def mapping_csv(rows: Sequence[AliasRow], *, escape: bool = True) -> str:
    """One row per name form: name, person_id, canonical_name."""
    canonical = canonical_names(rows)
    records = (
        {"name": row.name, "person_id": row.person_id, "canonical_name": canonical[row.person_id]}
        for row in sorted_rows(rows)
        if row.relation in _LINKED
    )
    return csv_text(MAPPING_COLUMNS, records, escape=escape)


def score_value(cell: str) -> float | str | None:
    """A score cell as a number (or as written when it is not one); None when empty."""
    if not cell:
        return None
    try:
        return float(cell)
    except ValueError:
        return cell


def _form(row: AliasRow) -> dict[str, Any]:
    """One row as a JSON object (the person id is the enclosing object's)."""
    return {
        "name": row.name,
        "relation": row.relation.value,
        "source": row.source,
        "added_by": row.added_by or None,
        "added_at": row.added_at or None,
        "score": score_value(row.score),
        "note": row.note or None,
    }


def people_records(rows: Sequence[AliasRow]) -> list[dict[str, Any]]:
    """People with their name forms and decisions, in person-id order."""
    canonical = canonical_names(rows)
    people: dict[str, dict[str, Any]] = {}
    for row in sorted_rows(rows):
        person = people.setdefault(
            row.person_id,
            {
                "person_id": row.person_id,
                "canonical_name": canonical.get(row.person_id),
                "name_forms": [],
                "decisions": [],
            },
        )
        person["name_forms" if row.relation in _LINKED else "decisions"].append(_form(row))
    return list(people.values())


def _dumps(value: Any, *, indent: int | None = None) -> str:
    """JSON with keys in a fixed order and non-ASCII kept readable."""
    return json.dumps(value, ensure_ascii=False, indent=indent)


def people_json(rows: Sequence[AliasRow]) -> str:
    """All people as one JSON document."""
    document = {"format": "namekit-people", "version": 1, "people": people_records(rows)}
    return _dumps(document, indent=2) + "\n"


def people_jsonl(rows: Sequence[AliasRow]) -> str:
    """One person per line."""
    return "".join(_dumps(person) + "\n" for person in people_records(rows))


def resolver_jsonl(rows: Sequence[AliasRow]) -> str:
    """One nomenklatura judgement per alias-table row."""
    lines = []
    for row in sorted_rows(rows):
        judgement = {
            "target": row.person_id,
            "source": row.name,
            "judgement": JUDGEMENTS[row.relation],
            "score": score_value(row.score),
            "user": row.added_by or None,
            "timestamp": row.added_at or None,
            "namekit": {"relation": row.relation.value, "source": row.source, "note": row.note},
        }
        lines.append(_dumps(judgement) + "\n")
    return "".join(lines)


def export_bytes(rows: Sequence[AliasRow], fmt: str, *, formula_escape: bool = True) -> bytes:
    """The alias rows in one export format, as the exact bytes of the file."""
    if fmt == "xlsx":
        from namekit.export_xlsx import alias_workbook

        return alias_workbook(rows, escape=formula_escape)
    text = {
        "csv": lambda: alias_csv(rows, escape=formula_escape),
        "mapping-csv": lambda: mapping_csv(rows, escape=formula_escape),
        "json": lambda: people_json(rows),
        "jsonl": lambda: people_jsonl(rows),
        "resolver-jsonl": lambda: resolver_jsonl(rows),
    }
    if fmt not in text:
        raise OutputError(f"unknown export format '{fmt}'; use one of: {', '.join(EXPORT_FORMATS)}")
    return text[fmt]().encode("utf-8")


def write_export(
    rows: Sequence[AliasRow], fmt: str, output: Path | str, *, formula_escape: bool = True
) -> None:
    """Export alias rows to a file (atomically) or to stdout (`-`)."""
    write_bytes(export_bytes(rows, fmt, formula_escape=formula_escape), output)


def write_bytes(data: bytes, output: Path | str) -> None:
    """Write bytes to stdout (`-`) or atomically to a file: never a half-written file."""

    def write(handle: IO[str]) -> None:
        handle.flush()
        # Through the text handle's byte stream, so binary (xlsx) and text share one path.
        cast(TextIO, handle).buffer.write(data)

    write_atomically(output, write)

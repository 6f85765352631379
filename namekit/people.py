"""People records from a dedupe result: one record per person, with every name form seen.

`namekit dedupe` writes one row per input row; `namekit export people` turns that into
one row per person: its id, canonical name, each name form with how many rows used it,
and the reasons (alias, exact, romanization, ...) that linked those rows, with counts.
The reconciliation service loads the same records so OpenRefine can match against them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from namekit.dedupe import OUTPUT_COLUMNS
from namekit.errors import InputError, OutputError
from namekit.export import csv_text, write_bytes
from namekit.tables import read_table, require_column

PEOPLE_FORMATS = ("csv", "json", "jsonl")
PEOPLE_COLUMNS = ("person_id", "canonical_name", "rows", "name_forms", "reasons")
_NAME_COLUMNS = ("name", "names", "full_name", "person", "mention")


@dataclass(frozen=True)
class PersonRecord:
    """One person of a dedupe result: name forms and reasons, each with its row count."""

    person_id: str
    canonical_name: str
    name_forms: tuple[tuple[str, int], ...]
    reasons: tuple[tuple[str, int], ...]

    @property
    def rows(self) -> int:
        """How many input rows name this person."""
        return sum(count for _, count in self.name_forms)

    def as_json(self) -> dict[str, Any]:
        """The record as a JSON object."""
        return {
            "person_id": self.person_id,
            "canonical_name": self.canonical_name,
            "rows": self.rows,
            "name_forms": [{"name": n, "rows": c} for n, c in self.name_forms],
            "reasons": [{"reason": r, "rows": c} for r, c in self.reasons],
        }

    def as_record(self) -> dict[str, str]:
        """The record as CSV cells; lists are `value (count)` joined by `; `."""
        return {
            "person_id": self.person_id,
            "canonical_name": self.canonical_name,
            "rows": str(self.rows),
            "name_forms": "; ".join(f"{n} ({c})" for n, c in self.name_forms),
            "reasons": "; ".join(f"{r} ({c})" for r, c in self.reasons),
        }


def guess_name_column(frame: pd.DataFrame, path: Path | str) -> str:
    """The column of a dedupe result that holds the names, when the user did not say."""
    candidates = [c for c in frame.columns if str(c).lower() in _NAME_COLUMNS]
    if len(candidates) == 1:
        return str(candidates[0])
    others = [str(c) for c in frame.columns if c not in OUTPUT_COLUMNS]
    if len(others) == 1:
        return others[0]
    raise InputError(
        f"cannot tell which column of {Path(path).name} holds the names; "
        f"columns are: {', '.join(str(c) for c in frame.columns)}. Use --column."
    )


def people_from_frame(frame: pd.DataFrame, column: str) -> list[PersonRecord]:
    """People of a dedupe result table, in person-id order; blank rows are skipped."""
    forms: dict[str, Counter[str]] = {}
    reasons: dict[str, Counter[str]] = {}
    canonical: dict[str, str] = {}
    for name, person, canon, reason in zip(
        frame[column].tolist(),
        frame["person_id"].tolist(),
        frame["canonical_name"].tolist(),
        frame["match_reason"].tolist(),
        strict=True,
    ):
        if not str(person):
            continue
        forms.setdefault(person, Counter())[str(name)] += 1
        reasons.setdefault(person, Counter())[str(reason)] += 1
        canonical.setdefault(person, str(canon))
    return [
        PersonRecord(
            person,
            canonical[person],
            tuple(sorted(forms[person].items(), key=lambda item: (-item[1], item[0]))),
            tuple(sorted(reasons[person].items(), key=lambda item: (-item[1], item[0]))),
        )
        for person in sorted(forms)
    ]


def read_people(path: Path | str, *, column: str | None = None) -> list[PersonRecord]:
    """The people of a dedupe result file (the output of `namekit dedupe`)."""
    frame = read_table(path)
    missing = [c for c in ("person_id", "canonical_name", "match_reason") if c not in frame]
    if missing:
        raise InputError(
            f"{Path(path).name} is not a dedupe result (no column '{missing[0]}'). "
            "Run `namekit dedupe INPUT --column COL -o DEDUPED.csv` first."
        )
    if column is None:
        column = guess_name_column(frame, path)
    require_column(frame, column, path)
    return people_from_frame(frame, column)


def format_people(people: Sequence[PersonRecord], fmt: str, *, formula_escape: bool = True) -> str:
    """People records as csv, json or jsonl text."""
    if fmt == "csv":
        return csv_text(PEOPLE_COLUMNS, (p.as_record() for p in people), escape=formula_escape)
    if fmt == "json":
        document = {
            "format": "namekit-dedupe-people",
            "version": 1,
            "people": [p.as_json() for p in people],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(p.as_json(), ensure_ascii=False) + "\n" for p in people)
    raise OutputError(f"unknown people format '{fmt}'; use one of: {', '.join(PEOPLE_FORMATS)}")


def export_people(
    path: Path | str,
    output: Path | str,
    *,
    column: str | None = None,
    fmt: str = "csv",
    formula_escape: bool = True,
) -> list[PersonRecord]:
    """Read a dedupe result and write its people records; return them."""
    people = read_people(path, column=column)
    write_bytes(format_people(people, fmt, formula_escape=formula_escape).encode("utf-8"), output)
    return people

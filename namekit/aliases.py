"""The alias table: curated links between name forms and people, and recorded decisions.

An alias table is a UTF-8 CSV with one row per name form of a person:

    person_id,name,relation,source,added_by,added_at,score,note

`relation` is `canonical` (the person's display name, exactly one per person), `alias`
(another name form of the person), `different` (this name form is NOT this person: a
recorded "different people" decision) or `unsure` (a reviewer could not decide). `source`
says where the row came from (an article, a register, `review`). `added_by`, `added_at`
(ISO 8601) and `score` (the matcher's score when a reviewer decided) are optional.
Rows are sorted by person id, relation and name so that a change is a minimal diff.
Names are looked up after normalisation: "WU, Yanan", "Gen. Wu Yanan" and "Yanan Wu"
all find the row for "Wu Yanan".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path

from namekit.errors import AliasTableError
from namekit.normalize import parse_name
from namekit.spreadsheet import unescape_formula
from namekit.tables import write_text_atomically

COLUMNS = ("person_id", "name", "relation", "source", "added_by", "added_at", "score", "note")
REQUIRED = ("person_id", "name", "relation", "source")


class Relation(StrEnum):
    """How a name form relates to a person in the alias table."""

    CANONICAL = "canonical"
    ALIAS = "alias"
    DIFFERENT = "different"
    UNSURE = "unsure"


_RELATION_ORDER = {r: i for i, r in enumerate(Relation)}


@dataclass(frozen=True)
class AliasRow:
    """One row of an alias table, with the file and line it was read from."""

    person_id: str
    name: str
    relation: Relation
    source: str
    added_by: str = ""
    added_at: str = ""
    score: str = ""
    note: str = ""
    origin: str = field(default="", compare=False)
    line: int = field(default=0, compare=False)

    @property
    def where(self) -> str:
        """File and line of the row, for messages."""
        return f"{self.origin}:{self.line}" if self.origin else f"line {self.line}"

    def as_record(self) -> dict[str, str]:
        """The row as CSV cells."""
        return {column: str(getattr(self, column)) for column in COLUMNS}


def name_key(name: str) -> str:
    """The key alias lookups use: order-, case-, accent- and title-insensitive."""
    return parse_name(name).sorted_key


def bundled_table_path() -> Path:
    """The alias table shipped with namekit."""
    return Path(str(resources.files("namekit").joinpath("data", "aliases.csv")))


def _read_table_text(path: Path) -> str:
    """The text of an alias table file; a missing or non-UTF-8 file raises AliasTableError."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise AliasTableError(
            f"alias table {path} not found. Check the path given to --aliases."
        ) from None
    except IsADirectoryError:
        raise AliasTableError(
            f"alias table {path} is a folder. Give the path of a CSV file."
        ) from None
    except UnicodeDecodeError:
        raise AliasTableError(f"alias table {path} is not UTF-8. Save it as UTF-8.") from None


def read_alias_table(path: Path | str) -> list[AliasRow]:
    """Read one alias table; a malformed file raises AliasTableError naming file and line."""
    path = Path(path)
    rows, problems = parse_alias_rows(_read_table_text(path), origin=str(path))
    if problems:
        raise AliasTableError(_first_of(problems, f"namekit aliases check {path}"))
    return rows


def _first_of(problems: list[str], command: str) -> str:
    """The first problem, mentioning how many more there are and how to see them."""
    if len(problems) == 1:
        return problems[0]
    return f"{problems[0]} (and {len(problems) - 1} more; run `{command}` to list them)"


def check_alias_tables(paths: Sequence[Path | str]) -> tuple[list[AliasRow], list[str]]:
    """Read and check tables together; return the rows and every problem found."""
    rows: list[AliasRow] = []
    problems: list[str] = []
    for path in paths:
        file_rows, file_problems = parse_alias_rows(_read_table_text(Path(path)), origin=str(path))
        rows += file_rows
        problems += file_problems
    return rows, problems + check_alias_rows(rows)


def parse_alias_rows(text: str, *, origin: str = "") -> tuple[list[AliasRow], list[str]]:
    """Parse alias-table CSV text into rows and a list of format problems (one per line)."""
    where = (origin + ":") if origin else "line "
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except StopIteration:
        return [], [f"{where}1: the alias table is empty; it needs the header {','.join(COLUMNS)}"]
    except csv.Error as error:
        return [], [f"{where}1: not valid CSV ({error})"]
    problems = [
        f"{where}1: unknown column '{c}'; columns are: {', '.join(COLUMNS)}"
        for c in header
        if c not in COLUMNS
    ]
    problems += [f"{where}1: missing column '{c}'" for c in REQUIRED if c not in header]
    if problems:
        return [], problems
    rows: list[AliasRow] = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                problems.append(f"{where}{line}: {len(values)} fields, expected {len(header)}")
                continue
            # A table exported for spreadsheets has formula-like cells quoted: read them back.
            cells = dict(zip(header, (unescape_formula(v.strip()) for v in values), strict=True))
            empty = [c for c in REQUIRED if not cells.get(c)]
            if empty:
                problems.append(f"{where}{line}: empty field '{empty[0]}'")
                continue
            if cells["relation"] not in _RELATION_ORDER:
                problems.append(
                    f"{where}{line}: unknown relation '{cells['relation']}'; "
                    f"use one of: {', '.join(Relation)}"
                )
                continue
            rows.append(
                AliasRow(
                    **{c: cells.get(c, "") for c in COLUMNS if c != "relation"},
                    relation=Relation(cells["relation"]),
                    origin=origin,
                    line=line,
                )
            )
    except csv.Error as error:
        problems.append(f"{where}{reader.line_num}: not valid CSV ({error})")
    return rows, problems


def check_alias_rows(rows: Sequence[AliasRow]) -> list[str]:
    """Consistency problems across rows: duplicates, a name given to two people, contradictions."""
    problems: list[str] = []
    seen: dict[tuple[str, str, str], AliasRow] = {}
    owner: dict[str, AliasRow] = {}
    canonical: dict[str, AliasRow] = {}
    for row in rows:
        identity = (row.person_id, name_key(row.name), row.relation.value)
        if identity in seen:
            problems.append(f"{row.where}: duplicate of {seen[identity].where}")
            continue
        seen[identity] = row
        if row.relation is Relation.CANONICAL:
            if row.person_id in canonical:
                problems.append(
                    f"{row.where}: second canonical name for {row.person_id} "
                    f"(first at {canonical[row.person_id].where}); make one of them an alias"
                )
            canonical[row.person_id] = row
        if row.relation in (Relation.CANONICAL, Relation.ALIAS):
            key = name_key(row.name)
            first = owner.setdefault(key, row)
            if first.person_id != row.person_id:
                problems.append(
                    f"{row.where}: name '{row.name}' is given to {row.person_id} and to "
                    f"{first.person_id} ({first.where}); a name form belongs to one person"
                )
    for row in rows:
        if row.relation is not Relation.DIFFERENT:
            continue
        linked = owner.get(name_key(row.name))
        if linked is not None and linked.person_id == row.person_id:
            problems.append(
                f"{row.where}: '{row.name}' is recorded as different from {row.person_id}, "
                f"but {linked.where} links it to that person"
            )
    people = {row.person_id for row in rows if row.relation in (Relation.CANONICAL, Relation.ALIAS)}
    problems += [
        f"{next(r.where for r in rows if r.person_id == p)}: person {p} has no canonical name"
        for p in sorted(people - set(canonical))
    ]
    return problems


@dataclass(frozen=True)
class AliasIndex:
    """Alias tables combined for lookups: who a name form is, and who it is not."""

    rows: tuple[AliasRow, ...]
    person_of: dict[str, str]
    canonical_of: dict[str, str]
    not_person: frozenset[tuple[str, str]]
    # The people some name form was recorded as not being: most have none, so most joins
    # need not look at every member's name.
    refusing: frozenset[str] = frozenset()

    def person_for(self, name: str) -> str | None:
        """The person id a name form belongs to, or None."""
        return self.person_of.get(name_key(name))

    def is_different(self, person_id: str, name: str) -> bool:
        """Whether a reviewer recorded that this name form is not this person."""
        return (person_id, name_key(name)) in self.not_person


def build_alias_index(rows: Iterable[AliasRow]) -> AliasIndex:
    """Combine rows of one or more tables into an index; inconsistent rows raise AliasTableError."""
    rows = tuple(rows)
    problems = check_alias_rows(rows)
    if problems:
        raise AliasTableError(_first_of(problems, "namekit aliases check PATH ..."))
    person_of: dict[str, str] = {}
    canonical_of: dict[str, str] = {}
    not_person: set[tuple[str, str]] = set()
    for row in rows:
        if row.relation in (Relation.CANONICAL, Relation.ALIAS):
            person_of[name_key(row.name)] = row.person_id
        if row.relation is Relation.CANONICAL:
            canonical_of[row.person_id] = row.name
        if row.relation is Relation.DIFFERENT:
            not_person.add((row.person_id, name_key(row.name)))
    refusing = frozenset(person for person, _ in not_person)
    return AliasIndex(rows, person_of, canonical_of, frozenset(not_person), refusing)


def load_aliases(paths: Sequence[Path | str] = (), *, use_default: bool = True) -> AliasIndex:
    """The bundled table (unless switched off) plus the user's tables, as one index."""
    rows: list[AliasRow] = []
    if use_default:
        rows += read_alias_table(bundled_table_path())
    for path in paths:
        rows += read_alias_table(path)
    return build_alias_index(rows)


def sorted_rows(rows: Iterable[AliasRow]) -> list[AliasRow]:
    """Rows in the table's canonical order: person, relation, name."""
    return sorted(rows, key=lambda r: (r.person_id, _RELATION_ORDER[r.relation], r.name, r.source))


def format_alias_table(rows: Iterable[AliasRow]) -> str:
    """The rows as alias-table CSV text, sorted."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in sorted_rows(rows):
        writer.writerow(row.as_record())
    return buffer.getvalue()


def write_alias_table(rows: Iterable[AliasRow], path: Path | str) -> None:
    """Write rows as a sorted alias table, atomically (a crash leaves the old file intact)."""
    write_text_atomically(Path(path), format_alias_table(rows))

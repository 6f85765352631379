"""Importing existing mappings into alias-table rows: `namekit aliases import`.

Three formats are read:

- `mapping-csv`: a CSV with a header and an alias and a canonical column (`alias,canonical`,
  `name,canonical_name`, `from,to`; any two-column file is read as alias then canonical),
  with an optional `person_id` column (namekit's own `mapping-csv` export fits);
- `resolver-jsonl`: nomenklatura judgements, one JSON object (or nomenklatura's array line)
  per line; `target` is the person, `source` the name form, `positive` links it,
  `negative` records "different", `unsure` records "unsure";
- `openrefine-clusters`: the JSON file OpenRefine's "Cluster and edit" dialog writes with
  "Export clusters"; each cluster whose "Merge?" box is checked becomes a person named by
  its "New cell value" (all clusters with `--all-clusters`).

A group whose names the alias tables already know joins that person; otherwise it gets a
new id from its canonical name. Rows already in the tables are skipped, so importing twice
changes nothing. Anything contradictory (a name given to two people, two canonical names,
a name mapped two ways in the file) is reported with its line and nothing is imported.
Cells escaped against spreadsheet formulas (see namekit.spreadsheet) are unescaped.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from anyascii import anyascii

from namekit.aliases import (
    AliasIndex,
    AliasRow,
    Relation,
    build_alias_index,
    check_alias_rows,
    name_key,
    read_alias_table,
)
from namekit.errors import InputError
from namekit.spreadsheet import unescape_formula

IMPORT_FORMATS = ("mapping-csv", "resolver-jsonl", "openrefine-clusters")
_ALIAS_HEADERS = ("alias", "name", "variant", "from", "source_name")
_CANONICAL_HEADERS = ("canonical", "canonical_name", "to", "preferred", "target_name")
_JUDGEMENT_RELATIONS = {
    "positive": Relation.ALIAS,
    "negative": Relation.DIFFERENT,
    "unsure": Relation.UNSURE,
}


@dataclass(frozen=True)
class ImportedName:
    """One name form read from an import file, with where it was read (file:line)."""

    name: str
    relation: Relation
    where: str
    line: int
    source: str = ""
    added_by: str = ""
    added_at: str = ""
    score: str = ""
    note: str = ""


@dataclass
class ImportedGroup:
    """The names an import file gives one person (the person id when the file has one)."""

    person_id: str | None
    names: list[ImportedName] = field(default_factory=list)


@dataclass(frozen=True)
class ImportResult:
    """The new alias rows an import adds, the rows it skipped, and any conflicts."""

    rows: list[AliasRow]
    skipped: int
    problems: list[str]


def _read_text(path: Path) -> str:
    """The text of an import file; missing or non-UTF-8 files raise InputError."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"file {path} not found. Check the path.") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a file. Give the path of a file.") from None
    except UnicodeDecodeError:
        raise InputError(f"{path} is not UTF-8. Save it as UTF-8.") from None


def _pick(header: list[str], names: Sequence[str]) -> int | None:
    """The index of the first header cell among names (case-insensitive)."""
    lowered = [h.strip().lower() for h in header]
    return next((lowered.index(n) for n in names if n in lowered), None)


def read_mapping_csv(path: Path, problems: list[str]) -> list[ImportedGroup]:
    """Groups from an alias → canonical CSV; format problems are appended to problems."""
    reader = csv.reader(io.StringIO(_read_text(path)))
    header = next(reader, None)
    if header is None:
        raise InputError(f"{path} is empty. Give a CSV with a header row: alias,canonical")
    alias_at, canonical_at = _pick(header, _ALIAS_HEADERS), _pick(header, _CANONICAL_HEADERS)
    if (alias_at is None or canonical_at is None) and len(header) == 2:
        alias_at, canonical_at = 0, 1
    if alias_at is None or canonical_at is None:
        raise InputError(
            f"{path}:1: cannot find the alias and canonical columns; columns are: "
            f"{', '.join(header)}. Name them alias,canonical (or name,canonical_name)."
        )
    person_at = _pick(header, ("person_id",))
    groups: dict[str, ImportedGroup] = {}
    mapped: dict[str, tuple[str, int]] = {}
    for values in reader:
        line = reader.line_num
        cells = [unescape_formula(v.strip()) for v in values]
        if not any(cells):
            continue
        if len(cells) != len(header):
            problems.append(f"{path}:{line}: {len(cells)} fields, expected {len(header)}")
            continue
        alias, canonical = cells[alias_at], cells[canonical_at]
        person = cells[person_at] if person_at is not None else ""
        if not alias or not canonical:
            problems.append(f"{path}:{line}: empty {'alias' if not alias else 'canonical'} name")
            continue
        group_key = person or name_key(canonical)
        earlier = mapped.get(name_key(alias))
        if earlier is not None and earlier[0] != group_key:
            problems.append(
                f"{path}:{line}: '{alias}' is mapped to '{canonical}' here "
                f"but to another person at line {earlier[1]}"
            )
            continue
        mapped[name_key(alias)] = (group_key, line)
        group = groups.setdefault(group_key, ImportedGroup(person or None))
        if not any(n.relation is Relation.CANONICAL for n in group.names):
            group.names.insert(0, ImportedName(canonical, Relation.CANONICAL, str(path), line))
        if name_key(alias) != name_key(canonical):
            group.names.append(ImportedName(alias, Relation.ALIAS, str(path), line))
    return list(groups.values())


def _judgement(data: Any) -> dict[str, Any]:
    """A judgement line as a dict; nomenklatura also writes `[target, source, ...]` arrays."""
    if isinstance(data, list) and len(data) >= 3:
        keys = ("target", "source", "judgement", "score", "user", "timestamp")
        return dict(zip(keys, data, strict=False))
    if isinstance(data, dict):
        return data
    raise ValueError("not a JSON object")


def _score_text(score: Any) -> str:
    """A judgement's score as an alias-table cell."""
    if score is None:
        return ""
    return f"{score:g}" if isinstance(score, (int, float)) else str(score)


def read_resolver_jsonl(path: Path, problems: list[str]) -> list[ImportedGroup]:
    """Groups from nomenklatura resolver judgements, one per target."""
    groups: dict[str, ImportedGroup] = {}
    for line, text in enumerate(_read_text(path).splitlines(), start=1):
        if not text.strip():
            continue
        try:
            data = _judgement(json.loads(text))
            target, source = str(data["target"]), str(data["source"])
            judgement = str(data["judgement"])
        except (ValueError, KeyError) as error:
            problems.append(f"{path}:{line}: not a resolver judgement ({error})")
            continue
        if judgement == "no_judgement":
            continue
        extra: dict[str, Any] = data["namekit"] if isinstance(data.get("namekit"), dict) else {}
        relation_text = str(extra.get("relation", ""))
        if relation_text in {r.value for r in Relation}:
            relation = Relation(relation_text)
        elif judgement in _JUDGEMENT_RELATIONS:
            relation = _JUDGEMENT_RELATIONS[judgement]
        else:
            problems.append(
                f"{path}:{line}: unknown judgement '{judgement}'; use positive, negative or unsure"
            )
            continue
        group = groups.setdefault(target, ImportedGroup(target))
        group.names.append(
            ImportedName(
                source,
                relation,
                str(path),
                line,
                source=str(extra.get("source") or ""),
                added_by=str(data.get("user") or ""),
                added_at=str(data.get("timestamp") or ""),
                score=_score_text(data.get("score")),
                note=str(extra.get("note") or ""),
            )
        )
    for group in groups.values():
        # Without namekit's own marks the first positive judgement names the person.
        if not any(n.relation is Relation.CANONICAL for n in group.names):
            first = next((n for n in group.names if n.relation is Relation.ALIAS), None)
            if first is not None:
                group.names[group.names.index(first)] = replace(first, relation=Relation.CANONICAL)
    return list(groups.values())


def read_openrefine_clusters(
    path: Path, problems: list[str], *, all_clusters: bool = False
) -> list[ImportedGroup]:
    """Groups from OpenRefine's exported clusters: checked clusters, or all of them."""
    try:
        document = json.loads(_read_text(path))
        clusters = document["clusters"]
        if not isinstance(clusters, list):
            raise TypeError("'clusters' is not a list")
    except (ValueError, KeyError, TypeError) as error:
        raise InputError(
            f"{path} is not an OpenRefine clusters export ({error}). In OpenRefine use "
            "Edit cells > Cluster and edit > Export clusters."
        ) from None
    chosen = [c for c in clusters if all_clusters or (isinstance(c, dict) and c.get("edit"))]
    if clusters and not chosen:
        raise InputError(
            f"{path}: no cluster has its 'Merge?' box checked. Check the clusters to import "
            "in OpenRefine before exporting them, or use --all-clusters."
        )
    groups = []
    for number, cluster in enumerate(clusters, start=1):
        if cluster not in chosen:
            continue
        where = f"{path}#cluster"
        try:
            value = str(cluster["value"]).strip()
            choices = [str(choice["v"]).strip() for choice in cluster["choices"]]
        except (KeyError, TypeError) as error:
            problems.append(f"{where}:{number}: not an OpenRefine cluster (missing {error})")
            continue
        group = ImportedGroup(None, [ImportedName(value, Relation.CANONICAL, where, number)])
        seen = {name_key(value)}
        for choice in choices:
            if choice and name_key(choice) not in seen:
                seen.add(name_key(choice))
                group.names.append(ImportedName(choice, Relation.ALIAS, where, number))
        groups.append(group)
    return groups


def new_person_id(canonical: str, taken: set[str]) -> str:
    """A readable id for a new person (nk-wu-yanan), made unique with a hash if needed."""
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(canonical).lower()).strip("-")
    person = f"nk-{slug}"
    if not slug or person in taken:
        digest = hashlib.sha1(name_key(canonical).encode("utf-8")).hexdigest()[:8]
        person = f"nk-{slug}-{digest}" if slug else f"nk-{digest}"
    return person


def _resolve(
    group: ImportedGroup, index: AliasIndex, taken: set[str], problems: list[str]
) -> str | None:
    """The person id of a group: its own, the one the tables know its names by, or a new one."""
    if group.person_id:
        return group.person_id
    linked = [n for n in group.names if n.relation in (Relation.CANONICAL, Relation.ALIAS)]
    owners: dict[str, ImportedName] = {}
    for name in linked:
        owner = index.person_for(name.name)
        if owner is not None:
            owners.setdefault(owner, name)
    if len(owners) > 1:
        (p1, n1), (p2, n2) = sorted(owners.items())[:2]
        later = max(n1, n2, key=lambda n: n.line)
        problems.append(
            f"{later.where}:{later.line}: '{n1.name}' belongs to {p1} and '{n2.name}' to {p2} "
            "in the alias tables; one person cannot be both"
        )
        return None
    if owners:
        (owner, known), first = next(iter(owners.items())), linked[0]
        named = index.canonical_of.get(owner)
        if first.relation is Relation.CANONICAL and index.person_for(first.name) is None:
            # The file names the person differently from the tables: a disagreement.
            problems.append(
                f"{first.where}:{first.line}: '{known.name}' is {named} ({owner}) "
                f"in the alias tables, not '{first.name}'; map it to '{named}' or leave it out"
            )
            return None
        return owner
    return new_person_id(linked[0].name if linked else group.names[0].name, taken)


def import_rows(
    groups: Sequence[ImportedGroup], existing: Sequence[AliasRow], *, source: str
) -> ImportResult:
    """Alias rows for imported groups, checked against the existing rows."""
    index = build_alias_index(existing)
    problems: list[str] = []
    taken = {row.person_id for row in existing}
    known = {(row.person_id, name_key(row.name), row.relation) for row in existing}
    rows: list[AliasRow] = []
    skipped = 0
    for group in groups:
        person = _resolve(group, index, taken, problems)
        if person is None:
            continue
        taken.add(person)
        has_canonical = person in index.canonical_of
        for name in group.names:
            relation = name.relation
            if relation is Relation.CANONICAL and has_canonical:
                relation = Relation.ALIAS  # the tables already name this person
            linked = relation in (Relation.CANONICAL, Relation.ALIAS)
            if (person, name_key(name.name), relation) in known or (
                linked and index.person_for(name.name) == person
            ):
                skipped += 1
                continue
            known.add((person, name_key(name.name), relation))
            rows.append(
                AliasRow(
                    person_id=person,
                    name=name.name,
                    relation=relation,
                    source=name.source or source,
                    added_by=name.added_by,
                    added_at=name.added_at,
                    score=name.score,
                    note=name.note,
                    origin=name.where,
                    line=name.line,
                )
            )
    if not problems:
        problems = [p for p in check_alias_rows([*existing, *rows]) if _mentions_import(p, rows)]
    return ImportResult(rows, skipped, problems)


def _mentions_import(problem: str, rows: Sequence[AliasRow]) -> bool:
    """Whether a consistency problem involves an imported row (existing tables were valid)."""
    return any(row.where in problem for row in rows) or not rows


def read_import(
    path: Path, fmt: str, *, all_clusters: bool = False
) -> tuple[list[ImportedGroup], list[str]]:
    """Groups and format problems of an import file in one of IMPORT_FORMATS."""
    problems: list[str] = []
    if fmt == "mapping-csv":
        groups = read_mapping_csv(path, problems)
    elif fmt == "resolver-jsonl":
        groups = read_resolver_jsonl(path, problems)
    elif fmt == "openrefine-clusters":
        groups = read_openrefine_clusters(path, problems, all_clusters=all_clusters)
    else:
        raise InputError(f"unknown import format '{fmt}'; use one of: {', '.join(IMPORT_FORMATS)}")
    return groups, problems


def import_file(
    path: Path | str,
    fmt: str,
    *,
    existing: Sequence[AliasRow] = (),
    source: str | None = None,
    all_clusters: bool = False,
) -> ImportResult:
    """Read an import file and turn it into new alias rows checked against existing rows."""
    path = Path(path)
    groups, problems = read_import(path, fmt, all_clusters=all_clusters)
    result = import_rows(groups, existing, source=source or f"import {path.name}")
    return ImportResult(result.rows, result.skipped, problems + result.problems)


def import_into_table(
    path: Path | str,
    fmt: str,
    output: Path | str,
    *,
    alias_paths: Sequence[Path | str] = (),
    use_default: bool = True,
    source: str | None = None,
    all_clusters: bool = False,
) -> ImportResult:
    """Import a file into the alias table at output (created or extended), atomically.

    Nothing is written when there are problems. With output `-`, only the new rows are
    written, as an alias table, to stdout.
    """
    from namekit.aliases import bundled_table_path, write_alias_table
    from namekit.tables import STDIO, write_text_atomically

    output_rows: list[AliasRow] = []
    if str(output) != STDIO and Path(output).exists():
        output_rows = read_alias_table(output)
    tables: list[Path | str] = [bundled_table_path()] if use_default else []
    tables += [p for p in alias_paths if str(output) == STDIO or not _same_file(p, output)]
    existing = [row for table in tables for row in read_alias_table(table)] + output_rows
    result = import_file(path, fmt, existing=existing, source=source, all_clusters=all_clusters)
    if result.problems:
        return result
    if str(output) == STDIO:
        from namekit.aliases import format_alias_table

        write_text_atomically(STDIO, format_alias_table(result.rows))
    else:
        write_alias_table([*output_rows, *result.rows], output)
    return result


def _same_file(a: Path | str, b: Path | str) -> bool:
    """Whether two paths name the same file."""
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False

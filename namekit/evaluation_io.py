"""Reading labelled evaluation files into plain, column-aligned tables.

Two layouts are understood. A *cluster file* has one name per row and a truth
column: rows with the same truth label are one person (e.g.
`cluster_id,name,lang_or_script,variant_kind,source`). A *pair file* has two
names per row and a same/different label (e.g. `name_a,name_b,same,kind,source`).
Every cell is read as text, so a name like "NA" or "null" stays a name.

A cluster file can hold several datasets in one (a `source` column): each
group is then deduped on its own, as a user dedupes one dataset at a time, and
truth labels are scoped to their group so that the same person appearing in
two groups is not a pair anyone could find.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from namekit.errors import InputError

TAG_SEPARATOR = ";"
GROUP_SEPARATOR = "\x1f"
_TRUE_WORDS = frozenset({"1", "true", "yes", "y", "same", "t"})
_FALSE_WORDS = frozenset({"0", "false", "no", "n", "different", "f"})


@dataclass(frozen=True)
class ClusterTable:
    """Names with their truth labels and group, one entry per row, plus the other columns."""

    label: str
    names: tuple[str, ...]
    truth: tuple[str, ...]
    groups: tuple[str, ...]
    columns: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class PairTable:
    """Name pairs with their same/different labels, one entry per row, plus the other columns."""

    label: str
    lefts: tuple[str, ...]
    rights: tuple[str, ...]
    same: tuple[bool, ...]
    columns: Mapping[str, tuple[str, ...]]


def read_text_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV or TSV (by extension) with every cell as text."""
    path = Path(path)
    separator = "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","
    try:
        # utf-8-sig accepts files with and without a byte-order mark.
        return pd.read_csv(
            path, sep=separator, dtype=str, keep_default_na=False, encoding="utf-8-sig"
        )
    except FileNotFoundError as error:
        raise InputError(f"{path} not found; check the path.") from error
    except UnicodeDecodeError as error:
        raise InputError(f"{path} is not UTF-8; convert it to UTF-8 first.") from error
    except pd.errors.EmptyDataError as error:
        raise InputError(f"{path} is empty; give a file with a header row.") from error


def require_columns(frame: pd.DataFrame, path: str | Path, wanted: Mapping[str, str]) -> None:
    """Raise InputError naming the option to fix when a wanted column is missing."""
    for column, option in wanted.items():
        if column not in frame.columns:
            available = ", ".join(str(name) for name in frame.columns)
            raise InputError(
                f"column {column!r} not found in {Path(path).name}; "
                f"columns are: {available}. Use {option}."
            )


def has_tag(cell: str, tags: Sequence[str]) -> bool:
    """Whether a `;`-separated tag cell (e.g. "aka;disjoint") holds one of the tags."""
    words = {word.strip().casefold() for word in cell.split(TAG_SEPARATOR)}
    return any(tag.strip().casefold() in words for tag in tags)


def exclude_tagged_rows(
    frame: pd.DataFrame, *, tags: Sequence[str], tag_column: str = "variant_kind"
) -> pd.DataFrame:
    """Drop rows whose tag column holds any of the tags (whole `;`-separated words)."""
    if not tags:
        return frame
    keep = [not has_tag(cell, tags) for cell in frame[tag_column]]
    return frame.loc[keep].reset_index(drop=True)


def parse_same_label(cell: str) -> bool:
    """Read a same/different label: 1/0, true/false, yes/no, same/different."""
    word = cell.strip().casefold()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise InputError(f"label {cell!r} is not same/different; use 1 or 0 in the truth column.")


def _columns(frame: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Every column of a text frame as a tuple of strings."""
    return {str(column): tuple(frame[column].tolist()) for column in frame.columns}


def cluster_table_from_frame(
    frame: pd.DataFrame,
    *,
    label: str,
    name_column: str = "name",
    truth_column: str = "cluster_id",
    group_column: str | None = None,
) -> ClusterTable:
    """Turn a text frame of a cluster file into a ClusterTable (columns checked beforehand)."""
    names = tuple(frame[name_column].tolist())
    truth = tuple(frame[truth_column].tolist())
    groups = tuple(frame[group_column].tolist()) if group_column else ("",) * len(names)
    # Scope truth to the group: a person seen in two datasets is not a findable pair.
    scoped = tuple(
        f"{group}{GROUP_SEPARATOR}{cluster}" if group_column and cluster else cluster
        for group, cluster in zip(groups, truth, strict=True)
    )
    return ClusterTable(
        label=label, names=names, truth=scoped, groups=groups, columns=_columns(frame)
    )


def unscoped_label(label: str) -> str:
    """A truth label as the file wrote it, without the group scope added on loading."""
    return label.rsplit(GROUP_SEPARATOR, 1)[-1]


def load_cluster_table(
    path: str | Path,
    *,
    name_column: str = "name",
    truth_column: str = "cluster_id",
    group_column: str | None = None,
    exclude_tags: Sequence[str] = (),
    tag_column: str = "variant_kind",
    by: str | None = None,
) -> ClusterTable:
    """Load a cluster file, dropping rows tagged with any of `exclude_tags`."""
    frame = read_text_table(path)
    wanted = {name_column: "--column", truth_column: "--truth"}
    if group_column:
        wanted[group_column] = "--group"
    if exclude_tags:
        wanted[tag_column] = "--tag-column"
    if by:
        wanted[by] = "--by"
    require_columns(frame, path, wanted)
    frame = exclude_tagged_rows(frame, tags=exclude_tags, tag_column=tag_column)
    if frame.empty:
        raise InputError(f"{Path(path).name} has no rows to evaluate; check --exclude-tag.")
    return cluster_table_from_frame(
        frame,
        label=Path(path).stem,
        name_column=name_column,
        truth_column=truth_column,
        group_column=group_column,
    )


def load_pair_table(
    path: str | Path,
    *,
    left_column: str = "name_a",
    right_column: str = "name_b",
    truth_column: str = "same",
    exclude_tags: Sequence[str] = (),
    tag_column: str = "kind",
    by: str | None = None,
) -> PairTable:
    """Load a pair file, dropping rows tagged with any of `exclude_tags`."""
    frame = read_text_table(path)
    wanted = {left_column: "--left", right_column: "--right", truth_column: "--truth"}
    if exclude_tags:
        wanted[tag_column] = "--tag-column"
    if by:
        wanted[by] = "--by"
    require_columns(frame, path, wanted)
    frame = exclude_tagged_rows(frame, tags=exclude_tags, tag_column=tag_column)
    if frame.empty:
        raise InputError(f"{Path(path).name} has no rows to evaluate; check --exclude-tag.")
    return PairTable(
        label=Path(path).stem,
        lefts=tuple(frame[left_column].tolist()),
        rights=tuple(frame[right_column].tolist()),
        same=tuple(parse_same_label(cell) for cell in frame[truth_column]),
        columns=_columns(frame),
    )


def select_rows(table: ClusterTable, keep: Sequence[bool], *, label: str) -> ClusterTable:
    """The rows of a ClusterTable where `keep` is True, under a new label."""
    picked = [index for index, flag in enumerate(keep) if flag]

    def take(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(values[index] for index in picked)

    return ClusterTable(
        label=label,
        names=take(table.names),
        truth=take(table.truth),
        groups=take(table.groups),
        columns={column: take(values) for column, values in table.columns.items()},
    )


def concat_tables(tables: Sequence[ClusterTable], *, label: str) -> ClusterTable:
    """Stack ClusterTables row-wise; columns missing from a table are blank there."""
    columns: list[str] = []
    for table in tables:
        columns.extend(column for column in table.columns if column not in columns)
    return ClusterTable(
        label=label,
        names=tuple(name for table in tables for name in table.names),
        truth=tuple(cluster for table in tables for cluster in table.truth),
        groups=tuple(group for table in tables for group in table.groups),
        columns={
            column: tuple(
                value
                for table in tables
                for value in table.columns.get(column, ("",) * len(table.names))
            )
            for column in columns
        },
    )

"""Datasets of many files for the Dask engine: read lazily by partition, written atomically.

An input is a CSV or TSV file, a glob of them (`data/*.csv`, one partition per file, read
with the same reader as the local engine so every cell comes out the same), or Parquet:
a `.parquet` file, a glob of them or a folder holding them (partitioned by Dask's Parquet
reader). The driver writes the output, one partition at a time, so the workers need no
shared place to write to: a single file (CSV, TSV or Parquet by extension), stdout, or a
folder of parts, `part-00000.csv` and on, one per input partition in the input's format.
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import dask.dataframe as dd
import pandas as pd

from namekit.errors import InputError, OutputError
from namekit.tables import (
    STDIO,
    csv_parts_writer,
    is_parquet,
    parts_writer,
    read_table,
    separator_for,
    write_all_atomically,
)


@dataclass(frozen=True)
class Dataset:
    """A lazily read input: its partitions, its columns and the format parts are written in."""

    frame: dd.DataFrame
    columns: list[str]
    part_format: str  # csv, tsv or parquet


def open_dataset(source: str, *, encoding: str | None = None) -> Dataset:
    """The input as a Dask DataFrame; nothing but headers and Parquet metadata is read yet."""
    files = _input_files(source)
    if all(is_parquet(f) for f in files):
        frame = _read_parquet(source if Path(source).is_dir() else files)
        return Dataset(frame, [str(c) for c in frame.columns], "parquet")
    if any(is_parquet(f) for f in files):
        raise InputError(f"{source} mixes Parquet and CSV files. Give one kind at a time.")
    columns = _header(files[0], encoding)
    meta = pd.DataFrame({c: pd.Series(dtype=str) for c in columns})
    frame = dd.from_map(
        _read_part,
        files,
        columns=columns,
        encoding=encoding,
        meta=meta,
        enforce_metadata=False,
        label="read-table",
    )
    return Dataset(frame, columns, "tsv" if separator_for(files[0]) == "\t" else "csv")


def is_pattern(source: str) -> bool:
    """Whether an input names files by a glob pattern (`*`, `?` or `[...]`)."""
    return glob.has_magic(source)


def _input_files(source: str) -> list[str]:
    """The files an input names, sorted, so partitions come in a stable order."""
    path = Path(source)
    if is_pattern(source):
        files = sorted(f for f in glob.glob(source, recursive=True) if Path(f).is_file())
        if not files:
            raise InputError(f"no files match {source}. Check the pattern.")
        return files
    if path.is_dir():
        files = sorted(str(f) for f in path.rglob("*") if is_parquet(f) and f.is_file())
        if not files:
            raise InputError(
                f"{source} holds no .parquet files. Give a folder of Parquet files, "
                f"or a glob such as '{path / '*.csv'}' for CSV files."
            )
        return files
    if not path.exists():
        raise InputError(f"file {source} not found. Check the path.")
    return [source]


def _read_parquet(source: str | list[str]) -> dd.DataFrame:
    """Dask's Parquet reader; a broken file or folder is a one-line InputError."""
    try:
        return cast(dd.DataFrame, dd.read_parquet(source))
    except (OSError, ValueError) as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable"
        raise InputError(f"{source} is not a readable Parquet dataset ({detail}).") from None


def _header(path: str, encoding: str | None) -> list[str]:
    """A CSV file's column names, read from its first line only."""
    try:
        head = pd.read_csv(
            path,
            sep=separator_for(path),
            dtype=str,
            nrows=0,
            keep_default_na=False,
            encoding=encoding or "utf-8-sig",
        )
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError, LookupError):
        read_table(path, encoding=encoding)  # raises the local engine's message for this file
        raise
    return [str(c) for c in head.columns]


def _read_part(path: str, *, columns: list[str], encoding: str | None) -> pd.DataFrame:
    """Read one file on a worker, exactly as the local engine reads a file."""
    frame = read_table(path, encoding=encoding)
    if [str(c) for c in frame.columns] != columns:
        raise InputError(
            f"{path} has columns {', '.join(map(str, frame.columns))}, unlike the first file "
            f"({', '.join(columns)}). Give files with one header."
        )
    return frame


def is_folder_output(output: str) -> bool:
    """Whether -o names a folder of parts: an existing folder, or a path ending in a slash."""
    return output != STDIO and (output.endswith(("/", os.sep)) or Path(output).is_dir())


def check_output(output: str) -> None:
    """Fail before any work when the output cannot be written where asked."""
    if output == STDIO:
        return
    path = Path(output)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"folder {folder} does not exist. Create it or choose another output.")
    if is_folder_output(output) and path.is_dir() and any(path.iterdir()):
        raise OutputError(
            f"folder {output} is not empty. Choose a new or empty folder for the output parts."
        )


def write_output(
    parts: Iterable[pd.DataFrame],
    output: str,
    *,
    part_format: str,
    suggestions: pd.DataFrame,
    suggestions_path: Path,
) -> None:
    """Write the result partitions and the suggestions so that all appear or none does."""
    suggestion_writer = csv_parts_writer([suggestions], ",")
    if is_folder_output(output):
        check_output(output)
        _write_folder(
            Path(output),
            parts,
            part_format,
            lambda: write_all_atomically([(suggestions_path, suggestion_writer)]),
        )
        return
    # Suggestions are staged first, the output last: the parts arrive while it is written.
    write_all_atomically(
        [(suggestions_path, suggestion_writer), (output, parts_writer(parts, output))]
    )


def _write_folder(
    folder: Path, parts: Iterable[pd.DataFrame], part_format: str, then: Callable[[], None]
) -> None:
    """Write each partition to a part file in a hidden folder beside `folder`, run `then`
    (the suggestions file), and rename the folder into place."""
    parent = folder.parent if str(folder.parent) else Path(".")
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.", suffix=".tmp"))
    try:
        for index, part in enumerate(parts):
            _write_part(staging / f"part-{index:05d}.{part_format}", part, part_format)
        os.chmod(staging, 0o777 & ~_umask())  # mkdtemp's folder is private; the result is not
        then()
        try:
            os.replace(staging, folder)  # an empty folder is replaced, a non-empty one refused
        except OSError as error:
            raise OutputError(f"cannot write {folder} ({error.strerror or error}).") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _write_part(path: Path, part: pd.DataFrame, part_format: str) -> None:
    """Write one part file and make it durable."""
    if part_format == "parquet":
        part.to_parquet(path, index=False)
    else:
        with path.open("w", encoding="utf-8", newline="") as handle:
            sep = "\t" if part_format == "tsv" else ","
            part.to_csv(handle, sep=sep, index=False, lineterminator="\n")
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask

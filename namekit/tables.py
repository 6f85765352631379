"""Reading and writing tables at the edges: every cell as text, every write atomic."""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pandas as pd

from namekit.errors import InputError, OutputError

STDIO = "-"


def separator_for(path: Path | str) -> str:
    """Tab for .tsv/.tab files, comma otherwise."""
    return "\t" if str(path).lower().endswith((".tsv", ".tab")) else ","


def read_table(path: Path | str, *, encoding: str | None = None) -> pd.DataFrame:
    """Read a CSV or TSV file with every cell as text, exactly as written (NA, 0012 stay)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"file {path} not found. Check the path.")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file. Give the path of a CSV or TSV file.")
    try:
        frame = pd.read_csv(
            path,
            sep=separator_for(path),
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            encoding=encoding or "utf-8-sig",
        )
    except pd.errors.EmptyDataError:
        raise InputError(f"{path} is empty. Give a file with a header row and names.") from None
    except UnicodeDecodeError:
        raise InputError(
            f"{path} is not valid {encoding or 'UTF-8'}. "
            "Try --encoding latin-1 (or the file's encoding)."
        ) from None
    except LookupError:
        raise InputError(
            f"unknown encoding '{encoding}'. Use a Python codec name such as latin-1."
        ) from None
    except (pd.errors.ParserError, csv.Error) as error:
        detail = str(error).strip().splitlines()[-1] if str(error).strip() else "malformed CSV"
        raise InputError(
            f"{path} is not a well-formed table ({detail}). Check its quoting and separators."
        ) from None
    return frame


def require_column(
    frame: pd.DataFrame, column: str, path: Path | str, *, option: str = "--column"
) -> None:
    """Raise an InputError listing the columns when `column` is missing."""
    if column not in frame.columns:
        available = ", ".join(str(c) for c in frame.columns)
        raise InputError(
            f"column '{column}' not found in {Path(path).name}; "
            f"columns are: {available}. Use {option}."
        )


def write_atomically(path: Path | str, write: Callable[[IO[str]], None]) -> None:
    """Write a text file through a temporary file, fsync and rename: never a half-written file."""
    if str(path) == STDIO:
        write(sys.stdout)
        sys.stdout.flush()
        return
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            f"folder {folder} does not exist. Create it or choose another output path."
        )
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
        "w",
        encoding="utf-8",
        newline="",
        dir=folder,
        prefix=f".{path.name}.",
        suffix=".tmp",
        delete=False,
    )
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (the folder entry itself) where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_text_atomically(path: Path | str, text: str) -> None:
    """Write a string to a file atomically."""
    def write(handle: IO[str]) -> None:
        handle.write(text)

    write_atomically(path, write)


def write_table(frame: pd.DataFrame, path: Path | str) -> None:
    """Write a table as CSV or TSV (by extension; CSV for stdout), atomically."""
    sep = "," if str(path) == STDIO else separator_for(path)
    write_atomically(
        path, lambda handle: frame.to_csv(handle, sep=sep, index=False, lineterminator="\n")
    )

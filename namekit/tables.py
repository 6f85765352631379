"""Reading and writing tables at the edges: every cell as text, every write atomic."""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TextIO, cast

import pandas as pd

from namekit.errors import InputError, OutputError

STDIO = "-"


def separator_for(path: Path | str) -> str:
    """Tab for .tsv/.tab files, comma otherwise."""
    return "\t" if str(path).lower().endswith((".tsv", ".tab")) else ","


def is_parquet(path: Path | str) -> bool:
    """Whether a path names a Parquet file (by extension)."""
    return str(path).lower().endswith(".parquet")


def read_table(path: Path | str, *, encoding: str | None = None) -> pd.DataFrame:
    """Read a CSV or TSV file with every cell as text, exactly as written (NA, 0012 stay).

    A `.parquet` file is read with its own column types, which are written back unchanged.
    """
    path = Path(path)
    if not path.exists():
        raise InputError(f"file {path} not found. Check the path.")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file. Give the path of a CSV or TSV file.")
    if is_parquet(path):
        return _read_parquet(path)
    try:
        with warnings.catch_warnings():
            # A data row longer than the header makes pandas shift columns into an index,
            # silently; treat the warning it gives as the malformed file it is.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                path,
                sep=separator_for(path),
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                index_col=False,
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
    except (pd.errors.ParserError, pd.errors.ParserWarning, csv.Error) as error:
        detail = str(error).strip().splitlines()[-1] if str(error).strip() else "malformed CSV"
        raise InputError(
            f"{path} is not a well-formed table ({detail}). Check its quoting and separators."
        ) from None
    return frame


def require_free_columns(frame: pd.DataFrame, added: Sequence[str]) -> None:
    """Raise an InputError when the input already has a column that namekit would add."""
    taken = [c for c in added if c in frame.columns]
    if taken:
        raise InputError(
            f"the input already has a column '{taken[0]}'; "
            f"rename it first (namekit adds {', '.join(added)})."
        )


def text_cells(frame: pd.DataFrame, column: str) -> list[str]:
    """A column's cells as strings; a null (from Parquet) is an empty string."""
    return ["" if pd.isna(v) else str(v) for v in frame[column].tolist()]


def _read_parquet(path: Path) -> pd.DataFrame:
    """Read a Parquet file; a missing engine or a broken file is a one-line InputError."""
    _require_pyarrow()
    try:
        return pd.read_parquet(path)
    except (OSError, ValueError) as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable"
        raise InputError(f"{path} is not a readable Parquet file ({detail}).") from None


def _require_pyarrow() -> None:
    """Raise an InputError naming the extra to install when pyarrow is missing."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise InputError("Parquet needs pyarrow: pip install 'namekit[parquet]'") from None


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
    write_all_atomically([(path, write)])


def write_all_atomically(targets: Sequence[tuple[Path | str, Callable[[IO[str]], None]]]) -> None:
    """Write several files so that either all of them appear or none (stdout is written last)."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, write in targets:
            if str(path) != STDIO:
                staged.append((_stage(Path(path), write), Path(path)))
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise
    for temporary, path in staged:
        os.replace(temporary, path)
        _fsync_folder(_folder_of(path))
    for path, write in targets:
        if str(path) == STDIO:
            write(sys.stdout)
            sys.stdout.flush()


def _folder_of(path: Path) -> Path:
    """The folder a file is written to."""
    return path.parent if str(path.parent) else Path(".")


def _stage(path: Path, write: Callable[[IO[str]], None]) -> str:
    """Write the content to a fsynced temporary file beside `path`; return its name."""
    folder = _folder_of(path)
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
        # Temporary files are private (0600); the result gets the usual umask-based mode.
        os.chmod(handle.name, 0o666 & ~_current_umask())
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return handle.name


def _current_umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
    write_tables([(frame, path)])


def write_tables(tables: Sequence[tuple[pd.DataFrame, Path | str]]) -> None:
    """Write several tables so that all appear or none does."""
    write_all_atomically([(path, _table_writer(frame, path)) for frame, path in tables])


def _table_writer(frame: pd.DataFrame, path: Path | str) -> Callable[[IO[str]], None]:
    """A function writing the frame as CSV, or TSV when the path ends .tsv/.tab."""
    if is_parquet(path):
        _require_pyarrow()
        data = frame.to_parquet(index=False)

        def write_parquet(handle: IO[str]) -> None:
            handle.flush()
            # Bytes through the text handle's buffer: one atomic path for text and binary.
            cast(TextIO, handle).buffer.write(data)

        return write_parquet
    sep = "," if str(path) == STDIO else separator_for(path)

    def write(handle: IO[str]) -> None:
        frame.to_csv(handle, sep=sep, index=False, lineterminator="\n")

    return write

"""Reading and writing tables at the edges: every cell as text, every write atomic."""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TextIO, cast

import pandas as pd

from namekit.errors import InputError, OutputError

STDIO = "-"

# Rows per chunk when a table is read a chunk at a time: a few MiB of text for most files.
CHUNK_ROWS = 50_000


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
    path = _existing_file(path)
    if is_parquet(path):
        return _read_parquet(path)
    with _reading(path, encoding):
        frame: pd.DataFrame = pd.read_csv(path, **_csv_options(path, encoding))
    return frame


def read_table_chunks(
    path: Path | str,
    *,
    encoding: str | None = None,
    columns: Sequence[str] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> Iterator[pd.DataFrame]:
    """The table `read_table` reads, a chunk of rows at a time (at least one, maybe empty).

    Cells, column names and errors are those of `read_table`. `columns` keeps only those
    columns of each chunk; every column is still parsed, so a malformed row is reported
    whichever columns are kept. A `.parquet` file comes whole, as one chunk (only
    `columns` are read from it).
    """
    path = _existing_file(path)
    if is_parquet(path):
        yield _read_parquet(path, columns)
        return
    with _reading(path, encoding):
        reader = pd.read_csv(path, chunksize=chunk_rows, **_csv_options(path, encoding))
    with reader:
        while True:
            # Errors (and the extra-cell warning) are caught chunk by chunk, never while
            # the caller holds a chunk: a generator must not keep a warnings filter set.
            with _reading(path, encoding):
                chunk = next(reader, None)
            if chunk is None:
                return
            yield chunk if columns is None else chunk[list(columns)]


def _existing_file(path: Path | str) -> Path:
    """The path, once it is known to name a file that exists."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"file {path} not found. Check the path.")
    if path.is_dir():
        raise InputError(f"{path} is a folder, not a file. Give the path of a CSV or TSV file.")
    return path


def _csv_options(path: Path, encoding: str | None) -> dict[str, Any]:
    """How pandas reads a CSV or TSV file so that every cell stays the text it was."""
    return {
        "sep": separator_for(path),
        "dtype": str,
        "keep_default_na": False,
        "na_filter": False,
        "index_col": False,
        "encoding": encoding or "utf-8-sig",
    }


@contextmanager
def _reading(path: Path, encoding: str | None) -> Iterator[None]:
    """Turn what goes wrong while pandas reads a CSV file into a one-line InputError."""
    try:
        with warnings.catch_warnings():
            # A data row longer than the header makes pandas shift columns into an index,
            # silently; treat the warning it gives as the malformed file it is.
            warnings.simplefilter("error", pd.errors.ParserWarning)
            yield
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


def _read_parquet(path: Path, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """Read a Parquet file; a missing engine or a broken file is a one-line InputError."""
    _require_pyarrow()
    try:
        return pd.read_parquet(path, columns=None if columns is None else list(columns))
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


def parts_writer(parts: Iterable[pd.DataFrame], path: Path | str) -> Callable[[IO[str]], None]:
    """A function writing a table that arrives in parts as one file, each part as it comes:
    Parquet, TSV or CSV by the path's extension (CSV for stdout)."""
    if is_parquet(path):
        _require_pyarrow()
        return _parquet_parts_writer(parts)
    return csv_parts_writer(parts, "," if str(path) == STDIO else separator_for(path))


def csv_parts_writer(parts: Iterable[pd.DataFrame], sep: str) -> Callable[[IO[str]], None]:
    """A function writing the parts as one CSV (or TSV) table, header once."""

    def write(handle: IO[str]) -> None:
        for index, part in enumerate(parts):
            part.to_csv(handle, sep=sep, index=False, header=index == 0, lineterminator="\n")

    return write


def _parquet_parts_writer(parts: Iterable[pd.DataFrame]) -> Callable[[IO[str]], None]:
    """A function writing the parts as one Parquet file, a row group or more each."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def write(handle: IO[str]) -> None:
        handle.flush()
        sink = cast(TextIO, handle).buffer  # bytes through the staged file's own buffer
        writer = None
        try:
            for part in parts:
                table = pa.Table.from_pandas(part, preserve_index=False)
                if writer is None:
                    writer = pq.ParquetWriter(sink, table.schema)
                writer.write_table(table.cast(writer.schema))
        finally:
            if writer is not None:
                writer.close()
        sink.flush()

    return write


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

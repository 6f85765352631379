"""Shared fixtures: run the CLI in-process, write small input tables, find the eval data."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from namekit.cli import main

REPO_ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO_ROOT.parent / "shared" / "eval"
SEED_MENTIONS = REPO_ROOT / "examples" / "seed_mentions.csv"

Run = Callable[..., Result]
WriteTable = Callable[..., Path]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke `namekit ARGS...` in-process from tmp_path; stdout and stderr are kept apart.

    The working folder is tmp_path because `dedupe -o -` writes its suggestions file to
    the current folder.
    """
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args: str | Path, stdin: str | None = None) -> Result:
        return runner.invoke(main, [str(a) for a in args], input=stdin, catch_exceptions=True)

    return invoke


def table_text(rows: Sequence[Sequence[str]], *, delimiter: str = ",") -> str:
    """Rows as CSV (or TSV) text, quoted only where needed, with \\n line ends."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


@pytest.fixture
def write_table(tmp_path: Path) -> WriteTable:
    """Write rows to a file under tmp_path (TSV for .tsv names) and return its path."""

    def write(
        name: str,
        rows: Sequence[Sequence[str]],
        *,
        encoding: str = "utf-8",
        bom: bool = False,
    ) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        delimiter = "\t" if name.endswith(".tsv") else ","
        data = table_text(rows, delimiter=delimiter).encode(encoding)
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        return path

    return write


def read_rows(path: Path | str, *, delimiter: str = ",") -> list[list[str]]:
    """A CSV/TSV file's rows (header first) as lists of cells, exactly as written."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter=delimiter))


def read_records(text: str, *, delimiter: str = ",") -> list[dict[str, str]]:
    """CSV text as a list of dicts keyed by header."""
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def assert_clean_error(result: Result, message: str, *, exit_code: int = 1) -> None:
    """The command failed with exactly `Error: message` as its last line and no traceback."""
    assert result.exit_code == exit_code, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert result.stderr.rstrip("\n").splitlines()[-1] == f"Error: {message}"


@pytest.fixture
def eval_dir() -> Path:
    """The shared labelled evaluation data; tests needing it skip when it is absent."""
    if not EVAL_DIR.is_dir():
        pytest.skip(f"labelled eval data not found at {EVAL_DIR}")
    return EVAL_DIR

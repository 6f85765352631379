"""A file deduped a chunk at a time writes, byte for byte, what the whole table gives."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from conftest import SEED_MENTIONS, WriteTable, table_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from namekit import dedupe_file as dedupe_file_module
from namekit import load_aliases
from namekit.dedupe import WrittenResult, dedupe_frame, suggestions_frame, with_output_columns
from namekit.dedupe_file import dedupe_file
from namekit.errors import InputError
from namekit.resolution import Assignment
from namekit.tables import read_table, read_table_chunks, write_tables

ALIASES = load_aliases()

# Cells that a reader or writer could change: quoting, separators and line breaks inside
# cells, spreadsheet NA markers, leading zeros, blank and whitespace-only names.
AWKWARD = [
    ["id", "name", "note", "flag"],
    ["0012", "Wu Yanan", 'said "hello", then left', "NA"],
    ["2", "", "blank name", "null"],
    ["3", "Yanan Wu", "line one\nline two", ""],
    ["4", "Song Yanchao", "  padded  ", "N/A"],
    ["5", "   ", "whitespace name", "nan"],
    ["6", "WU, Yanan", "tab\there", "-"],
    ["7", "Wu Yanan", "#N/A", "TRUE"],
    ["8", "吴亚男", "native script", "0"],
    ["9", "Paparo", "", ""],
]


@dataclass(frozen=True)
class Options:
    """The dedupe options a test varies."""

    explain: bool = False
    context: tuple[str, ...] = ()
    encoding: str | None = None
    score_cutoff: float | None = None


def whole_table_result(source: Path, column: str, out: Path, options: Options) -> None:
    """The result as `dedupe_frame` gives it on the whole table: what streaming must match."""
    deduped, result = dedupe_frame(
        read_table(source, encoding=options.encoding),
        column,
        aliases=ALIASES,
        score_cutoff=options.score_cutoff,
        explain=options.explain,
        context=options.context,
    )
    suggestions = suggestions_frame(result.suggestions, context=bool(options.context))
    write_tables([(suggestions, suggestions_of(out)), (deduped, out)])


def streamed_result(
    source: Path, column: str, out: Path | str, options: Options, *, chunk_rows: int
) -> WrittenResult:
    """The result of `dedupe_file`, the suggestions written beside the output."""
    return dedupe_file(
        source,
        column,
        output=out,
        suggestions_path=suggestions_of(Path(out)),
        aliases=ALIASES,
        score_cutoff=options.score_cutoff,
        explain=options.explain,
        context=options.context,
        encoding=options.encoding,
        chunk_rows=chunk_rows,
    )


def suggestions_of(out: Path) -> Path:
    """Where each test writes the suggestions for an output: a TSV beside a TSV."""
    return out.with_name(
        out.name + ".suggestions" + (out.suffix if out.suffix == ".tsv" else ".csv")
    )


def assert_same_as_whole(
    source: Path, column: str, folder: Path, options: Options = Options(), *, chunk_rows: int
) -> None:
    """Streamed and whole-table outputs and suggestions are the same bytes."""
    suffix = ".csv" if source.suffix == ".parquet" else source.suffix
    whole, streamed = folder / f"whole{suffix}", folder / f"streamed{suffix}"
    whole_table_result(source, column, whole, options)
    streamed_result(source, column, streamed, options, chunk_rows=chunk_rows)
    assert streamed.read_bytes() == whole.read_bytes()
    assert suggestions_of(streamed).read_bytes() == suggestions_of(whole).read_bytes()


@pytest.mark.parametrize("chunk_rows", [1, 2, 3, 9, 100])
def test_awkward_cells_come_out_byte_identical(
    write_table: WriteTable, tmp_path: Path, chunk_rows: int
) -> None:
    source = write_table("people.csv", AWKWARD)
    assert_same_as_whole(source, "name", tmp_path, chunk_rows=chunk_rows)


def test_bom_tsv_explain_and_context(write_table: WriteTable, tmp_path: Path) -> None:
    source = write_table("people.tsv", AWKWARD, bom=True)
    assert_same_as_whole(
        source,
        "name",
        tmp_path,
        Options(explain=True, context=("note", "flag"), score_cutoff=97),
        chunk_rows=2,
    )


def test_seed_example_with_context_and_explanations(tmp_path: Path) -> None:
    for chunk_rows in (1, 4, 7):
        assert_same_as_whole(
            SEED_MENTIONS,
            "mention",
            tmp_path,
            Options(explain=True, context=("role", "source"), score_cutoff=97),
            chunk_rows=chunk_rows,
        )


def test_latin1_input(write_table: WriteTable, tmp_path: Path) -> None:
    source = write_table(
        "people.csv", [["name"], ["José Pérez"], ["Jose Perez"]], encoding="latin-1"
    )
    assert_same_as_whole(source, "name", tmp_path, Options(encoding="latin-1"), chunk_rows=1)


def test_header_only_file(write_table: WriteTable, tmp_path: Path) -> None:
    source = write_table("people.csv", [["id", "name"]])
    assert_same_as_whole(source, "name", tmp_path, Options(explain=True), chunk_rows=2)
    assert (tmp_path / "streamed.csv").read_text() == (
        "id,name,person_id,canonical_name,match_score,match_reason,match_explanation\n"
    )


# Unicode from several scripts, separators, quotes and line breaks, and names that repeat.
cells = st.one_of(
    st.sampled_from(["Wu Yanan", "Yanan Wu", "吴亚男", "", " ", "NA", 'a "b", c']),
    st.text(alphabet="abcéЖ吴 ,\"'\n\t-", max_size=8),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.tuples(cells, cells), max_size=12),
    chunk_rows=st.integers(min_value=1, max_value=5),
)
def test_any_table_any_chunk_size(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str]], chunk_rows: int
) -> None:
    folder = tmp_path_factory.mktemp("table")
    # A lone empty cell would be a blank line, which CSV readers skip: keep a second cell.
    source = folder / "in.csv"
    source.write_text(table_text([["name", "other"], *rows]), encoding="utf-8")
    assert_same_as_whole(source, "name", folder, Options(context=("other",)), chunk_rows=chunk_rows)


def test_stdout_gets_the_same_bytes(
    write_table: WriteTable, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_table("people.csv", AWKWARD)
    whole = tmp_path / "whole.csv"
    whole_table_result(source, "name", whole, Options())
    dedupe_file(
        source,
        "name",
        output="-",
        suggestions_path=tmp_path / "s.csv",
        aliases=ALIASES,
        chunk_rows=2,
    )
    assert capsys.readouterr().out == whole.read_text(encoding="utf-8")


def test_summary_counts_every_row(write_table: WriteTable, tmp_path: Path) -> None:
    source = write_table("people.csv", AWKWARD)
    result = streamed_result(source, "name", tmp_path / "out.csv", Options(), chunk_rows=2)
    frame = read_table(source)
    _, whole = dedupe_frame(frame, "name", aliases=ALIASES)
    assert result.summary() == whole.summary()
    assert result.summary().startswith("9 rows (2 blank), 6 distinct names, ")


def test_a_malformed_row_in_a_later_chunk_is_reported_before_any_output(
    tmp_path: Path,
) -> None:
    source = tmp_path / "people.csv"
    lines = ["id,name", *(f"{i},Name {i}" for i in range(20)), "21,Wu Yanan,extra", "22,Li Peng"]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as whole:
        read_table(source)
    out = tmp_path / "out.csv"
    with pytest.raises(InputError) as streamed:
        dedupe_file(source, "name", output=out, suggestions_path=tmp_path / "s.csv", chunk_rows=5)
    assert str(streamed.value) == str(whole.value)
    assert "line 22" in str(streamed.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]


def test_bad_encoding_after_the_first_chunk_has_the_usual_message(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_bytes(b"name\n" + b"Wu Yanan\n" * 70_000 + b"Jos\xe9\n")
    with pytest.raises(InputError, match=r"is not valid UTF-8\. Try --encoding latin-1"):
        list(read_table_chunks(source, chunk_rows=1_000))


@pytest.mark.parametrize(
    ("rows", "column", "context", "message"),
    [
        ([["id", "name"], ["1", "x"]], "nom", (), "column 'nom' not found in people.csv"),
        ([["id", "name"], ["1", "x"]], "name", ("role",), "Use --context."),
        (
            [["name", "person_id"], ["x", "1"]],
            "name",
            (),
            "the input already has a column 'person_id'",
        ),
    ],
)
def test_column_problems_are_found_on_the_header(
    write_table: WriteTable,
    tmp_path: Path,
    rows: list[list[str]],
    column: str,
    context: tuple[str, ...],
    message: str,
) -> None:
    source = write_table("people.csv", rows)
    with pytest.raises(InputError, match=message):
        dedupe_file(
            source,
            column,
            output=tmp_path / "out.csv",
            suggestions_path=tmp_path / "s.csv",
            context=context,
        )
    assert not (tmp_path / "out.csv").exists()


def test_the_empty_file_message_is_unchanged(tmp_path: Path) -> None:
    source = tmp_path / "empty.csv"
    source.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.csv is empty\. Give a file with a header row"):
        dedupe_file(source, "name", output=tmp_path / "o.csv", suggestions_path=tmp_path / "s.csv")


def test_chunks_hold_at_most_chunk_rows(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text("name\n" + "".join(f"N{i}\n" for i in range(10)), encoding="utf-8")
    sizes = [len(c) for c in read_table_chunks(source, chunk_rows=4)]
    assert sizes == [4, 4, 2]
    assert pd.concat(read_table_chunks(source, chunk_rows=4)).equals(read_table(source))


def test_no_more_than_a_chunk_of_rows_is_written_at_once(
    write_table: WriteTable, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes: list[int] = []

    def spy(frame: pd.DataFrame, rows: Sequence[Assignment], *, explain: bool) -> pd.DataFrame:
        sizes.append(len(frame))
        return with_output_columns(frame, rows, explain=explain)

    monkeypatch.setattr(dedupe_file_module, "with_output_columns", spy)
    source = write_table("people.csv", AWKWARD)
    streamed_result(source, "name", tmp_path / "out.csv", Options(), chunk_rows=4)
    assert sizes == [4, 4, 1]


def test_csv_in_parquet_out_holds_the_same_table(write_table: WriteTable, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    source = write_table("people.csv", AWKWARD)
    out = tmp_path / "out.parquet"
    dedupe_file(source, "name", output=out, suggestions_path=tmp_path / "s.csv", chunk_rows=2)
    deduped, _ = dedupe_frame(read_table(source), "name", aliases=ALIASES)
    assert pd.read_parquet(out).equals(deduped)


def test_parquet_in_csv_out_byte_identical(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    source = tmp_path / "people.parquet"
    pd.DataFrame(
        {"id": [7, 8, 9, 10], "name": ["Wu Yanan", "Yanan Wu", None, "Song Yanchao"]}
    ).to_parquet(source, index=False)
    assert_same_as_whole(source, "name", tmp_path, chunk_rows=1)


def test_a_pipe_is_read_once_with_the_same_result(write_table: WriteTable, tmp_path: Path) -> None:
    source = write_table("people.csv", AWKWARD)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)

    def feed() -> None:
        pipe.write_bytes(source.read_bytes())

    writer = threading.Thread(target=feed)
    writer.start()
    streamed_result(pipe, "name", tmp_path / "streamed.csv", Options(), chunk_rows=2)
    writer.join()
    whole_table_result(source, "name", tmp_path / "whole.csv", Options())
    assert (tmp_path / "streamed.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()

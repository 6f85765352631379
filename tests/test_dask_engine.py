"""`namekit dedupe --engine dask`: the local engine's result, from files, globs and Parquet
folders, on a LocalCluster of two worker processes."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO_ROOT, SEED_MENTIONS, Run, assert_clean_error, read_rows

import namekit

distributed = pytest.importorskip(
    "distributed", reason="the Dask engine is the namekit[dask] extra"
)

GEN_NAMES = REPO_ROOT.parent / "shared" / "bench" / "gen_names.py"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a LocalCluster with two single-threaded worker processes."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.CRITICAL,
    ) as cluster:
        yield str(cluster.scheduler_address)


@pytest.fixture(scope="module")
def workload(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 rows of the benchmark's synthetic names (seed 42)."""
    if not GEN_NAMES.is_file():
        pytest.skip(f"the benchmark's name generator is not at {GEN_NAMES}")
    pytest.importorskip("faker", reason="gen_names.py needs faker")
    out = tmp_path_factory.mktemp("workload") / "names.csv"
    subprocess.run(
        [sys.executable, GEN_NAMES, "--rows", "2000", "--seed", "42", "--out", out, "--quiet"],
        check=True,
    )
    return out


def split_csv(source: Path, folder: Path, parts: int) -> None:
    """Write a CSV's rows to `parts` files in `folder`, names sorting in row order."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    folder.mkdir()
    size = -(-len(frame) // parts)
    for index in range(parts):
        piece = frame.iloc[index * size : (index + 1) * size]
        piece.to_csv(folder / f"names-{index}.csv", index=False)


def suggestions_of(path: Path) -> list[list[str]]:
    """A suggestions file's rows without the explanation column.

    The order of the notes within one explanation of an Arabic romanization follows
    Python's string hashing, which differs from process to process (two local runs differ
    too); everything else, including the order of the rows, must be the same.
    """
    rows = read_rows(path)
    drop = rows[0].index("explanation")
    return [row[:drop] + row[drop + 1 :] for row in rows]


def test_same_output_as_the_local_engine_on_the_benchmark_names(
    run: Run, tmp_path: Path, workload: Path, scheduler: str
) -> None:
    options = ("-c", "name", "--context", "true_cluster")
    local = run("dedupe", workload, *options, "-o", tmp_path / "local.csv")
    on_dask = run(
        "dedupe",
        workload,
        *options,
        "-o",
        tmp_path / "dask.csv",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
    )
    assert local.exit_code == 0, local.output
    assert on_dask.exit_code == 0, on_dask.output
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()
    assert suggestions_of(tmp_path / "dask.suggestions.csv") == suggestions_of(
        tmp_path / "local.suggestions.csv"
    )
    assert on_dask.stderr == local.stderr.replace("local.suggestions", "dask.suggestions")
    assert "2000 rows (0 blank)" in on_dask.stderr


def test_a_glob_of_csv_files_gives_the_rows_of_the_whole_file(
    run: Run, tmp_path: Path, workload: Path, scheduler: str
) -> None:
    split_csv(workload, tmp_path / "parts", 3)
    whole = run("dedupe", workload, "-c", "name", "-o", tmp_path / "whole.csv", "-q")
    assert whole.exit_code == 0, whole.output
    pattern = tmp_path / "parts" / "names-*.csv"
    result = run(
        "dedupe",
        pattern,
        "-c",
        "name",
        "-o",
        "-",
        "-q",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (tmp_path / "whole.csv").read_text(encoding="utf-8")
    # Written to stdout, the suggestions are named after the glob's folder.
    assert suggestions_of(tmp_path / "parts.suggestions.csv") == suggestions_of(
        tmp_path / "whole.suggestions.csv"
    )


def test_seed_example_on_a_fresh_local_cluster(run: Run, tmp_path: Path) -> None:
    local = run("dedupe", SEED_MENTIONS, "-c", "mention", "-o", tmp_path / "local.csv", "-q")
    on_dask = run(
        "dedupe", SEED_MENTIONS, "-c", "mention", "-o", tmp_path / "dask.csv", "--engine", "dask"
    )
    assert local.exit_code == 0 and on_dask.exit_code == 0, on_dask.output
    assert read_rows(tmp_path / "dask.csv") == read_rows(tmp_path / "local.csv")
    assert on_dask.stderr.startswith("16 rows (1 blank)")


def test_a_parquet_folder_in_and_a_parquet_file_out(
    run: Run, tmp_path: Path, scheduler: str
) -> None:
    people = pd.DataFrame(
        {
            "id": [7, 8, 9, 10, 11],
            "name": ["Wu Yanan", "Yanan Wu", None, "Song Yanchao", "WU, Yanan"],
            "unit": ["PLA", "PLA", "", "CMC", "PLA Southern Theater"],
        }
    )
    (tmp_path / "people").mkdir()
    people.iloc[:3].to_parquet(tmp_path / "people" / "a.parquet", index=False)
    people.iloc[3:].to_parquet(tmp_path / "people" / "b.parquet", index=False)
    people.to_parquet(tmp_path / "whole.parquet", index=False)
    local = run(
        "dedupe", tmp_path / "whole.parquet", "-c", "name", "-o", tmp_path / "local.parquet"
    )
    on_dask = run(
        "dedupe",
        tmp_path / "people",
        "-c",
        "name",
        "-o",
        tmp_path / "dask.parquet",
        "--context",
        "unit",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
    )
    assert local.exit_code == 0 and on_dask.exit_code == 0, on_dask.output
    deduped = pd.read_parquet(tmp_path / "dask.parquet")
    assert deduped.equals(pd.read_parquet(tmp_path / "local.parquet"))
    assert deduped["id"].tolist() == [7, 8, 9, 10, 11]  # integers stay integers
    assert deduped["person_id"][2] == ""  # a null name is a blank name
    assert on_dask.stderr.startswith("5 rows (1 blank), 4 distinct names, 2 people")


def test_a_folder_output_gets_one_part_per_input_file(
    run: Run, tmp_path: Path, scheduler: str
) -> None:
    split_csv(SEED_MENTIONS, tmp_path / "mentions", 2)
    whole = run("dedupe", SEED_MENTIONS, "-c", "mention", "-o", tmp_path / "whole.csv", "-q")
    assert whole.exit_code == 0, whole.output
    result = run(
        "dedupe",
        tmp_path / "mentions" / "*.csv",
        "-c",
        "mention",
        "-o",
        f"{tmp_path / 'out'}/",
        "-q",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
    )
    assert result.exit_code == 0, result.output
    parts = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert parts == ["part-00000.csv", "part-00001.csv"]
    first, second = (read_rows(tmp_path / "out" / p) for p in parts)
    assert first + second[1:] == read_rows(tmp_path / "whole.csv")
    assert (tmp_path / "out.suggestions.csv").exists()


def test_files_with_different_headers_write_nothing(
    run: Run, tmp_path: Path, scheduler: str
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.csv").write_text("id,name\n1,Wu Yanan\n", encoding="utf-8")
    (tmp_path / "in" / "b.csv").write_text("name,id\nYanan Wu,2\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = run(
        "dedupe",
        tmp_path / "in" / "*.csv",
        "-c",
        "name",
        "-o",
        out,
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
    )
    b = tmp_path / "in" / "b.csv"
    assert_clean_error(
        result,
        f"{b} has columns name, id, unlike the first file (id, name). Give files with one header.",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # no output, no temporary file


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("nowhere/*.csv", "no files match nowhere/*.csv. Check the pattern."),
        (
            "empty",
            "empty holds no .parquet files. Give a folder of Parquet files, "
            "or a glob such as 'empty/*.csv' for CSV files.",
        ),
        (
            "people.csv",
            "column 'nme' not found in people.csv; columns are: id, name. Use --column.",
        ),
    ],
)
def test_input_problems_are_one_line_errors(
    run: Run, tmp_path: Path, scheduler: str, source: str, message: str
) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "people.csv").write_text("id,name\n1,Wu Yanan\n", encoding="utf-8")
    column = "nme" if source == "people.csv" else "name"
    result = run("dedupe", source, "-c", column, "--engine", "dask", "--scheduler", scheduler)
    assert_clean_error(result, message)


def test_a_non_empty_output_folder_is_refused_before_any_work(
    run: Run, tmp_path: Path, scheduler: str
) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.csv").write_text("x\n", encoding="utf-8")
    result = run(
        "dedupe",
        SEED_MENTIONS,
        "-c",
        "mention",
        "-o",
        "out/",
        "--engine",
        "dask",
        "--scheduler",
        scheduler,
    )
    assert_clean_error(
        result, "folder out/ is not empty. Choose a new or empty folder for the output parts."
    )


def test_scheduler_without_the_dask_engine_is_a_usage_error(run: Run) -> None:
    result = run("dedupe", SEED_MENTIONS, "-c", "mention", "--scheduler", "tcp://host:8786")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --scheduler needs --engine dask."


def test_a_malformed_scheduler_address_is_one_line(run: Run) -> None:
    result = run(
        "dedupe",
        SEED_MENTIONS,
        "-c",
        "mention",
        "--engine",
        "dask",
        "--scheduler",
        "scheduler-host",
    )
    assert_clean_error(
        result,
        "'scheduler-host' is not a scheduler address (missing port number in address "
        "'scheduler-host'). Give one like tcp://scheduler-host:8786.",
    )


def test_a_scheduler_that_is_not_running_is_one_line(run: Run, tmp_path: Path) -> None:
    result = run(
        "dedupe",
        SEED_MENTIONS,
        "-c",
        "mention",
        "-o",
        tmp_path / "out.csv",
        "--engine",
        "dask",
        "--scheduler",
        "tcp://127.0.0.1:9",
    )
    assert_clean_error(
        result,
        "cannot reach the Dask scheduler at tcp://127.0.0.1:9 (Connection refused). Check that "
        "it is running and the address, or leave out --scheduler for a local cluster.",
    )
    assert not (tmp_path / "out.csv").exists()


def test_without_dask_installed_the_error_names_the_extra(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    monkeypatch.delitem(sys.modules, "namekit.dask_engine", raising=False)
    monkeypatch.delattr(namekit, "dask_engine", raising=False)
    result = run("dedupe", SEED_MENTIONS, "-c", "mention", "--engine", "dask")
    assert_clean_error(result, "--engine dask needs Dask: pip install 'namekit[dask]'")


def test_a_glob_on_the_local_engine_points_to_the_dask_engine(run: Run) -> None:
    result = run("dedupe", "data/*.csv", "-c", "name")
    assert_clean_error(
        result, "file data/*.csv not found. To read every file it matches, add --engine dask."
    )

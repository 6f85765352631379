"""Parquet in and out, by extension, with the column types kept."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import Run

pytest.importorskip("pyarrow", reason="Parquet support is the namekit[parquet] extra")


def test_dedupe_reads_and_writes_parquet_keeping_rows_and_types(run: Run, tmp_path: Path) -> None:
    people = pd.DataFrame(
        {"id": [7, 8, 9, 10], "name": ["Wu Yanan", "Yanan Wu", None, "Song Yanchao"]}
    )
    source, out = tmp_path / "people.parquet", tmp_path / "people.deduped.parquet"
    people.to_parquet(source, index=False)
    result = run("dedupe", source, "-c", "name", "-o", out, "-q")
    assert result.exit_code == 0, result.output
    deduped = pd.read_parquet(out)
    assert deduped["id"].tolist() == [7, 8, 9, 10]  # integers stay integers
    assert deduped["person_id"][0] == deduped["person_id"][1] != deduped["person_id"][3]
    assert deduped["person_id"][2] == ""  # a null name is a blank name
    assert (tmp_path / "people.deduped.suggestions.csv").exists()


def test_a_file_that_is_not_parquet_is_one_line_error(run: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.parquet"
    broken.write_text("name\nWu Yanan\n", encoding="utf-8")
    result = run("dedupe", broken, "-c", "name", "-o", tmp_path / "out.csv")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {broken} is not a readable Parquet file (")
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.csv").exists()

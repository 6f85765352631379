"""Progress on long work: shown on a terminal after two seconds, silent when piped."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import Run, WriteTable

from namekit import dedupe_names
from namekit.cli.base import ProgressLine


def test_dedupe_reports_each_stage_with_how_far_it_got() -> None:
    seen: list[tuple[str, int, int]] = []
    dedupe_names(["Wu Yanan", "Yanan Wu", "Song Yanchao"], progress=lambda *a: seen.append(a))
    stages = [stage for stage, _, _ in seen]
    assert stages[0] == "parsing names" and stages[-1] == "clustering"
    assert "finding candidate pairs" in stages
    assert all(0 <= done <= total for _, done, total in seen)


def test_progress_line_waits_two_seconds_then_redraws_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = iter([100.0, 100.5, 103.0, 103.1, 104.0])
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    line = ProgressLine()
    line("scoring candidate pairs", 1, 10)  # after 0.5 s: nothing yet
    line("scoring candidate pairs", 5, 10)  # after 3 s: drawn
    line("scoring candidate pairs", 6, 10)  # 0.1 s later: not redrawn yet
    line("clustering", 0, 1)  # a stage without a count shows its name only
    line.close()
    err = capsys.readouterr().err
    assert err.count("namekit:") == 2
    assert "\r\x1b[Knamekit: scoring candidate pairs 5/10 (50%)" in err
    assert "\r\x1b[Knamekit: clustering\r\x1b[K" in err


def test_piped_dedupe_draws_no_progress(run: Run, write_table: WriteTable, tmp_path: Path) -> None:
    people = write_table("people.csv", [["name"], ["Wu Yanan"], ["Yanan Wu"]])
    result = run("dedupe", people, "-c", "name", "-o", tmp_path / "out.csv")
    assert result.exit_code == 0
    assert "\r" not in result.stderr and "namekit:" not in result.stderr

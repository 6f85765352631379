"""`namekit compare` in batch: every row gets exactly what `score_names` says of its two cells.

A batch parses each distinct name once and scores each distinct pair once, in forked
workers when it is large; none of that may change a row, its order or a blank's answer.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from conftest import Run, WriteTable, read_rows

from namekit.compare import compare_frame
from namekit.scoring import DEFAULT_SCORE_CUTOFF, score_names

# Repeated pairs, the same pair either way round, one name against itself, blanks.
PAIRS = [
    ("Wu Yanan", "Yanan Wu"),
    ("Song Yanchao", "Wu Yanan"),
    ("Yanan Wu", "Wu Yanan"),
    ("Wu Yanan", "Yanan Wu"),
    ("Hsi Chin-p'ing", "习近平"),
    ("Kim Jong-il", "Kim Jong-un"),
    ("", "Wu Yanan"),
    ("   ", ""),
    ("Wu Yanan", "Song Yanchao"),
    ("Muammar Qaddafi", "QADHAFI, Muammar"),
    ("Bill Clinton", "William Clinton"),
    ("Kim Jong-il", "Kim Jong-il"),
    ("Perosi", "Nancy Pelosi"),
]


def _frame(pairs: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [str(i) for i in range(len(pairs))],
            "a": [a for a, _ in pairs],
            "b": [b for _, b in pairs],
        }
    )


def _expected(a: str, b: str) -> list[str]:
    """What the one-pair-at-a-time compare wrote for a row."""
    match = score_names(a, b)
    same = "1" if match.score >= DEFAULT_SCORE_CUTOFF else "0"
    return [f"{match.score:g}", same, f"{match.reason}: {match.explanation}"]


def test_each_row_scores_as_score_names_does_in_input_order() -> None:
    out = compare_frame(_frame(PAIRS), "a", "b")
    assert out["id"].tolist() == [str(i) for i in range(len(PAIRS))]
    assert out[["a", "b"]].values.tolist() == [list(pair) for pair in PAIRS]
    assert out[["score", "same", "reason"]].values.tolist() == [_expected(a, b) for a, b in PAIRS]


def test_forked_workers_give_the_same_table_as_one_process() -> None:
    pairs = PAIRS * 40  # several chunks' worth of rows, most of them repeats
    here = compare_frame(_frame(pairs), "a", "b", workers=1)
    forked = compare_frame(_frame(pairs), "a", "b", workers=2, parallel_min_pairs=0)
    pd.testing.assert_frame_equal(forked, here)


def test_blank_and_null_cells_match_nothing() -> None:
    frame = pd.DataFrame({"a": ["", "  ", None, "Wu Yanan"], "b": ["Wu Yanan", "", "Wu", None]})
    out = compare_frame(frame, "a", "b")
    assert out["score"].tolist() == ["0"] * 4
    assert out["same"].tolist() == ["0"] * 4
    assert set(out["reason"]) == {"none: a blank name matches nothing"}


def test_cli_writes_every_row_once_in_order(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    pairs = write_table(
        "pairs.csv", [["id", "a", "b"], *([str(i), a, b] for i, (a, b) in enumerate(PAIRS))]
    )
    out = tmp_path / "scored.csv"
    result = run("compare", pairs, "--left", "a", "--right", "b", "-o", out)
    assert result.exit_code == 0, result.output
    rows = read_rows(out)
    assert rows[0] == ["id", "a", "b", "score", "same", "reason"]
    assert rows[1:] == [[str(i), a, b, *_expected(a, b)] for i, (a, b) in enumerate(PAIRS)]


def test_cli_on_a_header_only_file_writes_the_header(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    pairs = write_table("pairs.csv", [["a", "b"]])
    out = tmp_path / "scored.csv"
    result = run("compare", pairs, "--left", "a", "--right", "b", "-o", out)
    assert result.exit_code == 0, result.output
    assert read_rows(out) == [["a", "b", "score", "same", "reason"]]

"""Pairwise scoring, driven by tests/cases/scoring_cases.csv (a new case is a new line).

`expected` is relative to the default cutoffs: same means the pair auto-merges (score at
or above DEFAULT_SCORE_CUTOFF), review means it is suggested (at or above
DEFAULT_REVIEW_CUTOFF), different means neither. A case whose note starts with "bug:" is
a known bug: it is expected to fail until fixed (strict, so a fix is noticed).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from namekit import DEFAULT_REVIEW_CUTOFF, DEFAULT_SCORE_CUTOFF, score_names, score_pairs

CASES = Path(__file__).parent / "cases" / "scoring_cases.csv"
VERDICTS = ("same", "review", "different")


def read_cases() -> list[dict[str, str]]:
    """The rows of the scoring table."""
    with CASES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and list(rows[0]) == ["name_a", "name_b", "expected", "note"]
    assert {row["expected"] for row in rows} <= set(VERDICTS)
    return rows


def as_params(rows: list[dict[str, str]], *, mark_bugs: bool) -> list[Any]:
    """Rows as pytest params, known bugs marked xfail when asked."""
    return [
        pytest.param(
            row["name_a"],
            row["name_b"],
            row["expected"],
            id=f"{row['name_a']}|{row['name_b']}",
            marks=(
                [pytest.mark.xfail(strict=True, reason=row["note"])]
                if mark_bugs and row["note"].startswith("bug:")
                else []
            ),
        )
        for row in rows
    ]


CASE_ROWS = read_cases()


def verdict(score: float) -> str:
    """What the default cutoffs do with a score."""
    if score >= DEFAULT_SCORE_CUTOFF:
        return "same"
    if score >= DEFAULT_REVIEW_CUTOFF:
        return "review"
    return "different"


def test_cutoffs_are_ordered() -> None:
    assert 0 < DEFAULT_REVIEW_CUTOFF <= DEFAULT_SCORE_CUTOFF <= 100


@pytest.mark.parametrize(("name_a", "name_b", "expected"), as_params(CASE_ROWS, mark_bugs=True))
def test_score_verdict(name_a: str, name_b: str, expected: str) -> None:
    match = score_names(name_a, name_b)
    assert verdict(match.score) == expected, (match.score, match.explanation)


@pytest.mark.parametrize(("name_a", "name_b", "expected"), as_params(CASE_ROWS, mark_bugs=False))
def test_score_is_symmetric_and_explained(name_a: str, name_b: str, expected: str) -> None:
    forward, backward = score_names(name_a, name_b), score_names(name_b, name_a)
    assert forward.score == backward.score
    assert 0.0 <= forward.score <= 100.0
    assert forward.reason.strip()
    assert forward.explanation.strip()


def test_score_pairs_matches_score_names() -> None:
    lefts = [row["name_a"] for row in CASE_ROWS]
    rights = [row["name_b"] for row in CASE_ROWS]
    expected = [score_names(a, b) for a, b in zip(lefts, rights, strict=True)]
    assert score_pairs(lefts, rights) == expected


def test_score_pairs_needs_equal_lengths() -> None:
    with pytest.raises(ValueError, match="same length"):
        score_pairs(["Wu Yanan"], [])


@pytest.mark.parametrize(
    ("name_a", "name_b", "reason"),
    [
        ("Nancy Pelosi", "Nancy Pelosi", "exact"),
        ("Wu Yanan", "WU, Yanan", "normalized"),
        ("Mao Zedong", "Mao Tse-tung", "romanization"),
        ("Bill Clinton", "William Clinton", "fuzzy"),
    ],
)
def test_reason_says_what_kind_of_match(name_a: str, name_b: str, reason: str) -> None:
    assert score_names(name_a, name_b).reason == reason


def test_explanation_names_the_aligned_parts() -> None:
    explanation = score_names("Mao Zedong", "Mao Tse-tung").explanation
    assert "mao = mao" in explanation
    assert "tsetung" in explanation and "zedong" in explanation
    suffix = score_names("John Smith Jr.", "John Smith").explanation
    assert "generational suffix" in suffix


def test_explanation_names_particles_and_syllables() -> None:
    particle = score_names("Ahmad bin Salem", "Ahmad ben Salem").explanation
    assert "both spell the Arabic particle بن (bin)" in particle
    syllable = score_names("Pak Kwang-ho", "Pak Kwang-hun")
    assert syllable.conflict and "a different syllable" in syllable.explanation


def test_explanation_says_when_only_spacing_or_one_slip_differs() -> None:
    respaced = score_names("Marcel Nkurunziza", "Marce LNkurunziza").explanation
    assert respaced == "the same letters in the same order, spaced differently"
    slipped = score_names("Abdul Karim Zahiri", "Adbul Karim Zahiri").explanation
    assert "typing slip (two letters swapped)" in slipped
    nickname = score_names("Vladimir Sorokin", "Vova Sorokin").explanation
    assert "vladimir ~ vova (nickname" in nickname


def test_explanation_names_a_father_and_son() -> None:
    match = score_names("Yusuf bin Khalid Al-Nuaimi", "Khalid bin Yusuf Al-Nuaimi")
    assert match.conflict
    assert "each is the other's father" in match.explanation
    assert "yusuf bin khalid" in match.explanation and "khalid bin yusuf" in match.explanation

"""Normalisation, driven by tests/cases/normalize_cases.csv (a new case is a new line).

A case whose note starts with "bug:" is a known bug: it is expected to fail until fixed
(strict, so the fix is noticed and the marker removed).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from namekit import normalize_name, parse_name

CASES = Path(__file__).parent / "cases" / "normalize_cases.csv"


def load_cases() -> list[Any]:
    """The table's rows as pytest params, known bugs marked xfail."""
    with CASES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and list(rows[0]) == ["name", "expected_normalized", "note"]
    return [
        pytest.param(
            row["name"],
            row["expected_normalized"],
            id=row["name"].strip() or "blank",
            marks=(
                [pytest.mark.xfail(strict=True, reason=row["note"])]
                if row["note"].startswith("bug:")
                else []
            ),
        )
        for row in rows
    ]


@pytest.mark.parametrize(("name", "expected"), load_cases())
def test_normalize_name(name: str, expected: str) -> None:
    assert normalize_name(name) == expected


@pytest.mark.parametrize(
    "name", ["  Wu   Yanan  ", "Ｗｕ Ｙａｎａｎ", "WU, Yanan", "吴亚男", "Adm. S. Paparo"]
)
def test_parse_keeps_the_original_for_display(name: str) -> None:
    assert parse_name(name).original == name


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("WU, Yanan", "wu"),
        ("QADHAFI, Muammar", "qadhafi"),
        ("Wu Yanan", "wu"),
        ("吴亚男", "wu"),
        ("Nancy Pelosi", "pelosi"),
        ("Adm. Samuel J. Paparo", "paparo"),
        ("Smith, John Jr.", "smith"),
    ],
)
def test_family_name_is_found(name: str, family: str) -> None:
    """The family name decides which mentions the surname rule may join ("Paparo")."""
    parsed = parse_name(name)
    assert [parsed.tokens[i] for i in parsed.family] == [family]

"""`namekit export` and `namekit export people`: formats, determinism, escaping, round trips."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import Run, WriteTable, assert_clean_error, read_records
from hypothesis import given
from hypothesis import strategies as st

from namekit.aliases import load_aliases, read_alias_table
from namekit.export import EXPORT_FORMATS, export_bytes
from namekit.spreadsheet import FORMULA_TRIGGERS, escape_formula, unescape_formula

MINE = [
    ["person_id", "name", "relation", "source"],
    ["nk-xi-jinping", "Xi Jinping", "canonical", "test"],
    ["nk-xi-jinping", "Hsi Chin-p'ing", "alias", "test"],
    ["nk-xi-jinping", "Xi Yuanping", "different", "test"],
    ["nk-formula", "=cmd|' /C calc'!A0", "canonical", "test"],
]
MENTIONS = [
    ["id", "name"],
    ["1", "Wu Yanan"],
    ["2", "Yanan Wu"],
    ["3", "Wu Yenan"],
    ["4", "Hsi Chin-p'ing"],
    ["5", "Xi Jinping"],
    ["6", "Song Yanchao"],
    ["7", "Perosi"],
]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_format_is_byte_identical_for_the_same_tables(
    run: Run, write_table: WriteTable, tmp_path: Path, fmt: str
) -> None:
    mine = write_table("mine.csv", MINE)
    outputs = []
    for name in ("a", "b"):
        out = tmp_path / f"{name}.{fmt}"
        result = run("export", "--aliases", mine, "--format", fmt, "-o", out)
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a." + fmt, "b." + fmt, "mine.csv"]
    )


def test_csv_export_used_as_aliases_gives_the_same_dedupe(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    mine = write_table("mine.csv", MINE[:4])
    mentions = write_table("mentions.csv", MENTIONS)
    exported = tmp_path / "exported.csv"
    assert run("export", "--aliases", mine, "-o", exported).exit_code == 0
    before = run("dedupe", mentions, "-c", "name", "--aliases", mine, "-q", "-o", "-")
    after = run(
        "dedupe",
        mentions,
        "-c",
        "name",
        "--no-default-aliases",
        "--aliases",
        exported,
        "-q",
        "-o",
        "-",
    )
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout
    assert "nk-xi-jinping" in before.stdout


def test_mapping_csv_has_one_row_per_name_form(run: Run, write_table: WriteTable) -> None:
    mine = write_table("mine.csv", MINE[:4])
    result = run("export", "--no-default-aliases", "--aliases", mine, "-f", "mapping-csv")
    assert read_records(result.stdout) == [
        {"name": "Xi Jinping", "person_id": "nk-xi-jinping", "canonical_name": "Xi Jinping"},
        {"name": "Hsi Chin-p'ing", "person_id": "nk-xi-jinping", "canonical_name": "Xi Jinping"},
    ]


def test_json_people_carry_forms_and_decisions(run: Run, write_table: WriteTable) -> None:
    mine = write_table("mine.csv", MINE[:4])
    document = json.loads(
        run("export", "--no-default-aliases", "--aliases", mine, "-f", "json").stdout
    )
    (person,) = document["people"]
    assert person["canonical_name"] == "Xi Jinping"
    assert [f["name"] for f in person["name_forms"]] == ["Xi Jinping", "Hsi Chin-p'ing"]
    assert [(d["name"], d["relation"]) for d in person["decisions"]] == [
        ("Xi Yuanping", "different")
    ]
    lines = run("export", "--no-default-aliases", "--aliases", mine, "-f", "jsonl").stdout
    assert [json.loads(line) for line in lines.splitlines()] == document["people"]


def test_resolver_jsonl_is_nomenklatura_judgements(run: Run, write_table: WriteTable) -> None:
    mine = write_table("mine.csv", MINE[:4])
    out = run("export", "--no-default-aliases", "--aliases", mine, "-f", "resolver-jsonl").stdout
    judgements = [json.loads(line) for line in out.splitlines()]
    assert [(j["target"], j["source"], j["judgement"]) for j in judgements] == [
        ("nk-xi-jinping", "Xi Jinping", "positive"),
        ("nk-xi-jinping", "Hsi Chin-p'ing", "positive"),
        ("nk-xi-jinping", "Xi Yuanping", "negative"),
    ]
    assert {"target", "source", "judgement", "score", "user", "timestamp"} <= set(judgements[0])


def test_formula_cells_are_escaped_for_spreadsheets_unless_switched_off(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    mine = write_table("mine.csv", MINE)
    escaped = run("export", "--no-default-aliases", "--aliases", mine).stdout
    assert "'=cmd|' /C calc'!A0" in escaped
    raw = run("export", "--no-default-aliases", "--aliases", mine, "--no-formula-escape").stdout
    assert "\n=cmd|' /C calc'!A0" in raw.replace("nk-formula,", "\n")
    workbook = tmp_path / "a.xlsx"
    run("export", "--no-default-aliases", "--aliases", mine, "-f", "xlsx", "-o", workbook)
    with zipfile.ZipFile(workbook) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # never stored as a formula


def test_xlsx_opens_with_the_alias_rows(write_table: WriteTable) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    rows = read_alias_table(write_table("mine.csv", MINE))
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(rows, "xlsx")))
    values = [[c.value for c in r] for r in book["aliases"].iter_rows()]
    assert values[0][:3] == ["person_id", "name", "relation"]
    assert values[1][:2] == ["nk-formula", "'=cmd|' /C calc'!A0"]


@given(st.text())
def test_formula_escaping_round_trips(cell: str) -> None:
    assert unescape_formula(escape_formula(cell)) == cell
    assert not escape_formula(cell).startswith(FORMULA_TRIGGERS)


def test_an_apostrophe_name_is_not_unescaped() -> None:
    assert unescape_formula("'Ali") == "'Ali"


def test_export_to_a_missing_folder_fails_cleanly(run: Run, tmp_path: Path) -> None:
    result = run("export", "-f", "json", "-o", tmp_path / "no" / "x.json")
    assert_clean_error(
        result, f"folder {tmp_path / 'no'} does not exist. Create it or choose another output path."
    )


def test_export_people_one_row_per_person(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    mentions = write_table("mentions.csv", [*MENTIONS, ["8", "Wu Yanan"]])
    deduped = tmp_path / "d.csv"
    assert run("dedupe", mentions, "-c", "name", "-q", "-o", deduped).exit_code == 0
    people = {r["person_id"]: r for r in read_records(run("export", "people", deduped).stdout)}
    wu = people["nk-wu-yanan"]
    assert wu["canonical_name"] == "Wu Yanan"
    assert wu["rows"] == "4"
    assert wu["name_forms"] == "Wu Yanan (2); Wu Yenan (1); Yanan Wu (1)"
    assert wu["reasons"] == "alias (4)"
    assert people["nk-nancy-pelosi"]["name_forms"] == "Perosi (1)"


def test_export_people_needs_a_dedupe_result(run: Run, write_table: WriteTable) -> None:
    plain = write_table("plain.csv", MENTIONS)
    assert_clean_error(
        run("export", "people", plain),
        "plain.csv is not a dedupe result (no column 'person_id'). "
        "Run `namekit dedupe INPUT --column COL -o DEDUPED.csv` first.",
    )


def test_bundled_table_exports_every_row() -> None:
    rows = load_aliases().rows
    text = export_bytes(rows, "csv", formula_escape=False).decode()
    assert len(list(csv.reader(io.StringIO(text)))) == len(rows) + 1

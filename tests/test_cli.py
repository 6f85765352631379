"""The command line as users meet it: exact error lines, output tables, help texts.

Every failing command must print one `Error: ...` line that names the fix, exit non-zero,
show no traceback and leave no output file (nor a temporary file) behind.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    REPO_ROOT,
    Run,
    WriteTable,
    assert_clean_error,
    read_records,
    read_rows,
)

from namekit.aliases import COLUMNS as ALIAS_COLUMNS

NAMES = [
    ["id", "name", "city"],
    ["1", "Wu Yanan", "Guangzhou"],
    ["2", "Yanan Wu", "Guangzhou"],
    ["3", "Song Yanchao", "Beijing"],
]
ADDED = ["person_id", "canonical_name", "match_score", "match_reason"]


def files_in(folder: Path) -> set[str]:
    """Every file under a folder (hidden temporary files included), relative to it."""
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def alias_table(rows: list[list[str]], header: str = ",".join(ALIAS_COLUMNS[:4])) -> str:
    """Alias-table CSV text from a header and rows."""
    return "\n".join([header, *(",".join(r) for r in rows)]) + "\n"


# --- bad input: one line, non-zero exit, nothing written ---------------------------------


def test_missing_input_file(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    result = run("dedupe", missing, "--column", "name", "-o", tmp_path / "out.csv")
    assert_clean_error(result, f"file {missing} not found. Check the path.")
    assert files_in(tmp_path) == set()


def test_missing_column_lists_the_columns(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    people = write_table("people.csv", [["id", "name"], ["1", "Wu Yanan"]])
    result = run("dedupe", people, "--column", "nme", "-o", tmp_path / "out.csv")
    assert_clean_error(
        result, "column 'nme' not found in people.csv; columns are: id, name. Use --column."
    )
    assert files_in(tmp_path) == {"people.csv"}


def test_empty_file(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = run("dedupe", empty, "--column", "name", "-o", tmp_path / "out.csv")
    assert_clean_error(result, f"{empty} is empty. Give a file with a header row and names.")
    assert files_in(tmp_path) == {"empty.csv"}


def test_header_only_file_gives_header_only_output(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    people = write_table("people.csv", [["id", "name"]])
    result = run("dedupe", people, "--column", "name", "-o", tmp_path / "out.csv")
    assert result.exit_code == 0, result.output
    assert read_rows(tmp_path / "out.csv") == [["id", "name", *ADDED]]


def test_malformed_csv_unterminated_quote(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text('id,name\n1,"Wu Yanan\n2,Song Yanchao\n', encoding="utf-8")
    result = run("dedupe", bad, "--column", "name", "-o", tmp_path / "out.csv")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    # The parser's own detail sits in the brackets; the rest of the line is namekit's.
    assert re.fullmatch(
        rf"Error: {re.escape(str(bad))} is not a well-formed table \(.+\)\. "
        r"Check its quoting and separators\.\n",
        result.stderr,
    ), result.stderr
    assert files_in(tmp_path) == {"bad.csv"}


# Bug: pandas reads a first data row with one extra cell as an index column, so the row is
# silently shifted (id lost, name moved into `id`) instead of being reported as malformed.
# Fix: pass index_col=False to pd.read_csv in namekit/tables.py read_table and reject rows
# whose field count differs from the header (e.g. engine="python", on_bad_lines="error").
def test_row_with_an_extra_cell_is_reported(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\n1,Wu Yanan,extra\n2,Song Yanchao,extra\n", encoding="utf-8")
    result = run("dedupe", bad, "--column", "name", "-o", tmp_path / "out.csv")
    assert result.exit_code == 1
    assert "is not a well-formed table" in result.stderr
    assert files_in(tmp_path) == {"bad.csv"}


def test_not_utf8_names_the_encoding_option(run: Run, tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,name\n1,José Pérez\n".encode("latin-1"))
    out = tmp_path / "out.csv"
    result = run("dedupe", latin, "--column", "name", "-o", out)
    assert_clean_error(
        result, f"{latin} is not valid UTF-8. Try --encoding latin-1 (or the file's encoding)."
    )
    assert files_in(tmp_path) == {"latin.csv"}

    result = run("dedupe", latin, "--column", "name", "--encoding", "latin-1", "-o", out)
    assert result.exit_code == 0, result.output
    rows = read_rows(out)  # the output is UTF-8 whatever the input was
    assert rows[1][:2] == ["1", "José Pérez"]


def test_unknown_encoding(run: Run, write_table: WriteTable, tmp_path: Path) -> None:
    people = write_table("people.csv", NAMES)
    result = run("dedupe", people, "-c", "name", "--encoding", "klingon", "-o", tmp_path / "o.csv")
    assert_clean_error(
        result, "unknown encoding 'klingon'. Use a Python codec name such as latin-1."
    )
    assert files_in(tmp_path) == {"people.csv"}


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        (
            "person_id,name,relation,source,colour\np1,Ann Lee,canonical,test,red\n",
            "1: unknown column 'colour'; columns are: " + ", ".join(ALIAS_COLUMNS),
        ),
        (
            "person_id,name,relation,source\np1,Ann Lee,canonical,test\np1,,alias,test\n",
            "3: empty field 'name'",
        ),
        (
            "person_id,name,relation,source\np1,Ann Lee,canonical,test\np1,Ann Li,same,test\n",
            "3: unknown relation 'same'; use one of: canonical, alias, different, unsure",
        ),
    ],
    ids=["unknown-column", "empty-field", "bad-relation"],
)
def test_malformed_alias_table_names_file_and_line(
    run: Run, write_table: WriteTable, tmp_path: Path, table: str, problem: str
) -> None:
    people = write_table("people.csv", NAMES)
    aliases = tmp_path / "mine.csv"
    aliases.write_text(table, encoding="utf-8")
    result = run("dedupe", people, "-c", "name", "--aliases", aliases, "-o", tmp_path / "o.csv")
    assert_clean_error(result, f"{aliases}:{problem}")
    assert files_in(tmp_path) == {"people.csv", "mine.csv"}


def test_missing_alias_table(run: Run, write_table: WriteTable, tmp_path: Path) -> None:
    people = write_table("people.csv", NAMES)
    missing = tmp_path / "mine.csv"
    result = run("dedupe", people, "-c", "name", "--aliases", missing, "-o", tmp_path / "o.csv")
    assert_clean_error(
        result, f"alias table {missing} not found. Check the path given to --aliases."
    )
    assert files_in(tmp_path) == {"people.csv"}


def test_output_folder_that_does_not_exist(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    people = write_table("people.csv", NAMES)
    out = tmp_path / "no" / "such" / "out.csv"
    result = run("dedupe", people, "-c", "name", "-o", out)
    assert_clean_error(
        result,
        f"folder {out.parent} does not exist. Create it or choose another output path.",
    )
    assert files_in(tmp_path) == {"people.csv"}


# Bug: namekit/cli/match.py dedupe writes the output table before the suggestions file, so
# a --suggestions path in a missing folder fails the command after out.csv was written.
# Fix: check that both target folders exist before writing either file (or write both
# to temporary files first and rename them only once both are complete).
def test_suggestions_folder_that_does_not_exist_leaves_no_output(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    people = write_table("people.csv", NAMES)
    missing = tmp_path / "missing" / "s.csv"
    result = run(
        "dedupe", people, "-c", "name", "-o", tmp_path / "out.csv", "--suggestions", missing
    )
    assert_clean_error(
        result,
        f"folder {missing.parent} does not exist. Create it or choose another output path.",
    )
    assert files_in(tmp_path) == {"people.csv"}


def test_review_cutoff_above_score_cutoff(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    people = write_table("people.csv", NAMES)
    result = run(
        "dedupe", people, "-c", "name", "--score-cutoff", "80", "--review-cutoff", "90",
        "-o", tmp_path / "out.csv",
    )  # fmt: skip
    assert_clean_error(
        result,
        "Invalid value for --review-cutoff: must not be above --score-cutoff",
        exit_code=2,
    )
    assert files_in(tmp_path) == {"people.csv"}


def test_compare_missing_right_column(run: Run, write_table: WriteTable, tmp_path: Path) -> None:
    pairs = write_table("pairs.csv", [["a", "b"], ["Wu Yanan", "Yanan Wu"]])
    result = run("compare", pairs, "--left", "a", "--right", "c", "-o", tmp_path / "o.csv")
    assert_clean_error(result, "column 'c' not found in pairs.csv; columns are: a, b. Use --right.")
    assert files_in(tmp_path) == {"pairs.csv"}


def test_input_already_has_an_output_column(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    people = write_table("people.csv", [["name", "person_id"], ["Wu Yanan", "7"]])
    result = run("dedupe", people, "-c", "name", "-o", tmp_path / "out.csv")
    assert_clean_error(
        result,
        "the input already has a column 'person_id'; rename it first "
        "(namekit adds person_id, canonical_name, match_score, match_reason).",
    )
    assert files_in(tmp_path) == {"people.csv"}


# --- dedupe: what comes out -----------------------------------------------------------------

AWKWARD = [
    ["id", "name", "note", "code"],
    ["0012", "Wu Yanan", "NA", "0012"],
    ["2", "", "null", "007"],
    ["3", "Yanan Wu", "", "1e3"],
    ["4", "  Song Yanchao ", "  padded  ", "N/A"],
    ["5", "   ", "None", "-"],
    ["6", "WU, Yanan", 'say "hi", twice', "nan"],
    ["7", "Wu Yanan", "#N/A", "TRUE"],
]


def test_dedupe_keeps_every_row_and_cell_exactly(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    people = write_table("people.csv", AWKWARD)
    out = tmp_path / "out.csv"
    result = run("dedupe", people, "--column", "name", "-o", out)
    assert result.exit_code == 0, result.output
    rows = read_rows(out)
    assert rows[0] == [*AWKWARD[0], *ADDED]
    assert [r[:4] for r in rows[1:]] == AWKWARD[1:]  # every cell as read, rows in order
    ids = [r[4] for r in rows[1:]]
    assert ids[1] == "" and ids[4] == ""  # blank and whitespace-only names: no person
    assert ids[0] == ids[2] == ids[5] == ids[6] != ""  # Wu Yanan, Yanan Wu, WU, Yanan
    assert ids[3] not in ("", ids[0])  # Song Yanchao is someone else
    for row in rows[1:]:
        score, reason = row[6], row[7]
        if row[4]:
            assert 0 <= float(score) <= 100
            assert reason in {
                "alias",
                "exact",
                "normalized",
                "romanization",
                "fuzzy",
                "surname",
                "new",
            }
            assert row[5].strip()  # a canonical name
        else:
            assert row[5:] == ["", "", ""]


def test_dedupe_tsv_in_tsv_out(run: Run, write_table: WriteTable, tmp_path: Path) -> None:
    people = write_table("people.tsv", NAMES)
    out = tmp_path / "out.tsv"
    result = run("dedupe", people, "--column", "name", "-o", out)
    assert result.exit_code == 0, result.output
    rows = read_rows(out, delimiter="\t")
    assert rows[0] == [*NAMES[0], *ADDED]
    assert [r[:3] for r in rows[1:]] == NAMES[1:]
    assert rows[1][3] == rows[2][3] != rows[3][3]


def test_dedupe_reads_utf8_with_bom(run: Run, write_table: WriteTable, tmp_path: Path) -> None:
    # The BOM sits right before the first column's name: it must not become part of it.
    people = write_table(
        "people.csv", [["name", "id"], ["吴亚男", "1"], ["Wu Yanan", "2"]], bom=True
    )
    out = tmp_path / "out.csv"
    result = run("dedupe", people, "--column", "name", "-o", out)
    assert result.exit_code == 0, result.output
    rows = read_rows(out)
    assert rows[0] == ["name", "id", *ADDED]
    assert rows[1][:2] == ["吴亚男", "1"]
    assert rows[1][2] == rows[2][2] != ""


def test_dedupe_to_stdout_and_summary_on_stderr(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    # `run` works from tmp_path: the current folder for the suggestions file.
    people = write_table("in/people.csv", AWKWARD)
    result = run("dedupe", people, "--column", "name", "-o", "-")
    assert result.exit_code == 0, result.output
    records = read_records(result.stdout)
    assert [r["id"] for r in records] == [r[0] for r in AWKWARD[1:]]
    assert list(records[0]) == [*AWKWARD[0], *ADDED]
    # Summary: rows (blank), distinct names, people; merges by reason; suggestions.
    assert re.search(r"^7 rows \(2 blank\), 4 distinct names, 2 people$", result.stderr, re.M)
    assert re.search(r"^names merged by reason: ", result.stderr, re.M)
    assert re.search(r"^\d+ suggestions for review", result.stderr, re.M)
    # Writing to stdout, the suggestions go to INPUT.suggestions.csv in the current folder.
    assert (tmp_path / "people.suggestions.csv").is_file()
    assert "people.suggestions.csv" in result.stderr


def test_quiet_prints_no_summary(run: Run, write_table: WriteTable, tmp_path: Path) -> None:
    people = write_table("people.csv", NAMES)
    result = run("dedupe", people, "-c", "name", "-q", "-o", tmp_path / "out.csv")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_suggestions_file_beside_the_output(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    people = write_table("people.csv", [["name"], ["Paparo"], ["Samuel Paparo"], ["Maria Paparo"]])
    out = tmp_path / "result" / "deduped.csv"
    out.parent.mkdir()
    result = run("dedupe", people, "-c", "name", "--no-default-aliases", "-o", out)
    assert result.exit_code == 0, result.output
    suggestions = out.parent / "deduped.suggestions.csv"
    assert files_in(out.parent) == {"deduped.csv", "deduped.suggestions.csv"}
    header = read_rows(suggestions)[0]
    assert header[:4] == ["name_a", "name_b", "score", "explanation"]
    # The documented columns, as listed in --help.
    help_text = " ".join(run("dedupe", "--help").stdout.split())
    assert ", ".join(header) in help_text
    # --suggestions puts them elsewhere.
    elsewhere = tmp_path / "review-me.csv"
    result = run(
        "dedupe",
        people,
        "-c",
        "name",
        "--no-default-aliases",
        "-o",
        out,
        "--suggestions",
        elsewhere,
    )
    assert result.exit_code == 0, result.output
    assert read_rows(elsewhere)[0] == header


# Bug: namekit/tables.py write_atomically writes through tempfile.NamedTemporaryFile, which
# creates the file with mode 0600, and os.replace keeps that mode: every output table and
# suggestions file is unreadable by the group and others, whatever the user's umask.
# Fix: before os.replace, os.chmod(handle.name, 0o666 & ~umask) (read the umask with
# `umask = os.umask(0); os.umask(umask)`), or keep the mode of the file being replaced.
def test_output_files_get_the_usual_permissions(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    people = write_table("people.csv", NAMES)
    old = os.umask(0o022)
    try:
        result = run("dedupe", people, "-c", "name", "-q", "-o", tmp_path / "out.csv")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "out.suggestions.csv").stat().st_mode) == 0o644


def test_dedupe_output_is_byte_identical_across_runs(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    people = write_table("people.csv", AWKWARD)
    outputs = []
    for attempt in ("a", "b"):
        out = tmp_path / attempt / "out.csv"
        out.parent.mkdir()
        assert run("dedupe", people, "-c", "name", "-o", out).exit_code == 0
        outputs.append((out.read_bytes(), (out.parent / "out.suggestions.csv").read_bytes()))
    assert outputs[0] == outputs[1]


def test_dedupe_explain_adds_match_explanation(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    people = write_table("people.csv", NAMES)
    plain = read_records(run("dedupe", people, "-c", "name", "-q").stdout)
    assert "match_explanation" not in plain[0]
    explained = read_records(run("dedupe", people, "-c", "name", "-q", "--explain").stdout)
    assert list(explained[0])[-1] == "match_explanation"
    assert all(r["match_explanation"].strip() for r in explained)


ALIAS_STORY = [["name"], ["Michael Chase"], ["Chen Simao"], ["Mark Twain"], ["Samuel Clemens"]]


def test_default_aliases_link_what_no_metric_can(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    people = write_table("people.csv", ALIAS_STORY)
    with_table = read_records(run("dedupe", people, "-c", "name", "-q").stdout)
    assert with_table[0]["person_id"] == with_table[1]["person_id"]
    assert with_table[1]["canonical_name"] == "Michael Chase"
    assert with_table[1]["match_reason"] == "alias"
    without = read_records(run("dedupe", people, "-c", "name", "-q", "--no-default-aliases").stdout)
    assert without[0]["person_id"] != without[1]["person_id"]


def test_user_alias_tables_are_added_and_repeatable(
    run: Run, write_table: WriteTable, tmp_path: Path
) -> None:
    people = write_table("people.csv", ALIAS_STORY)
    twain = tmp_path / "twain.csv"
    twain.write_text(
        alias_table(
            [["p-twain", "Mark Twain", "canonical", "test"],
             ["p-twain", "Samuel Clemens", "alias", "test"]]
        ),
        encoding="utf-8",
    )  # fmt: skip
    extra = tmp_path / "extra.csv"
    extra.write_text(alias_table([["p-other", "Someone Else", "canonical", "test"]]), "utf-8")
    result = run("dedupe", people, "-c", "name", "-q", "--aliases", twain, "--aliases", extra)
    assert result.exit_code == 0, result.output
    records = read_records(result.stdout)
    assert [r["person_id"] for r in records[2:]] == ["p-twain", "p-twain"]
    assert [r["canonical_name"] for r in records[2:]] == ["Mark Twain", "Mark Twain"]
    assert records[0]["person_id"] == records[1]["person_id"]  # the bundled table still applies
    result = run("dedupe", people, "-c", "name", "-q", "--aliases", twain, "--no-default-aliases")
    records = read_records(result.stdout)
    assert records[2]["person_id"] == records[3]["person_id"] == "p-twain"
    assert records[0]["person_id"] != records[1]["person_id"]  # only the bundled table knew


# --- compare and explain --------------------------------------------------------------------


def test_compare_adds_score_same_reason(run: Run, write_table: WriteTable, tmp_path: Path) -> None:
    pairs = write_table(
        "pairs.csv",
        [["id", "a", "b"], ["1", "Wu Yanan", "Yanan Wu"], ["2", "Song Yanchao", "Wu Yanan"]],
    )
    out = tmp_path / "scored.csv"
    result = run("compare", pairs, "--left", "a", "--right", "b", "-o", out)
    assert result.exit_code == 0, result.output
    rows = read_rows(out)
    assert rows[0] == ["id", "a", "b", "score", "same", "reason"]
    assert [r[:3] for r in rows[1:]] == [
        ["1", "Wu Yanan", "Yanan Wu"],
        ["2", "Song Yanchao", "Wu Yanan"],
    ]
    assert [r[4] for r in rows[1:]] == ["1", "0"]
    for row in rows[1:]:
        assert 0 <= float(row[3]) <= 100
        assert row[5].strip()


def test_compare_to_stdout(run: Run, write_table: WriteTable) -> None:
    pairs = write_table("pairs.csv", [["a", "b"], ["Bill Clinton", "William Clinton"]])
    result = run("compare", pairs, "--left", "a", "--right", "b")
    assert result.exit_code == 0, result.output
    assert list(read_records(result.stdout)[0]) == ["a", "b", "score", "same", "reason"]


def test_explain_prints_score_and_reason(run: Run) -> None:
    result = run("explain", "Wu Yanan", "WU, Yanan")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert re.fullmatch(
        r"score: 100 \(same person \(auto-merge\); cutoffs [\d.]+/[\d.]+\)", lines[0]
    )
    assert lines[1] == "reason: normalized"
    result = run("explain", "Song Yanchao", "Wu Yanan")
    first = result.stdout.splitlines()[0]
    assert first.startswith("score: ") and "(different people;" in first
    assert re.fullmatch(r"reason: \w+", result.stdout.splitlines()[1])


# --- aliases check --------------------------------------------------------------------------


def test_aliases_check_bundled_table_is_clean(run: Run) -> None:
    result = run("aliases", "check")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"ok: \d+ rows, \d+ people in 1 table\(s\)\n", result.stdout)


def test_aliases_check_lists_every_problem_with_its_line(run: Run, tmp_path: Path) -> None:
    table = tmp_path / "bad.csv"
    table.write_text(
        alias_table(
            [
                ["p1", "Alice Smith", "canonical", "test"],  # line 2
                ["p1", "Alice Smith", "canonical", "test"],  # 3: duplicate of 2
                ["p2", "Bob Jones", "canonical", "test"],  # 4
                ["p2", "Alice Smith", "alias", "test"],  # 5: a name given to two people
                ["p2", "", "alias", "test"],  # 6: empty field
                ["p1", "Alice Smyth", "alias", "test"],  # 7
                ["p1", "Alice Smyth", "different", "test"],  # 8: contradicts line 7
            ]
        ),
        encoding="utf-8",
    )
    result = run("aliases", "check", table)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    t = str(table)
    assert sorted(result.stdout.splitlines()) == sorted(
        [
            f"{t}:6: empty field 'name'",
            f"{t}:3: duplicate of {t}:2",
            f"{t}:5: name 'Alice Smith' is given to p2 and to p1 ({t}:2); "
            "a name form belongs to one person",
            f"{t}:8: 'Alice Smyth' is recorded as different from p1, but {t}:7 links it "
            "to that person",
        ]
    )
    assert result.stderr == "4 problem(s) found.\n"


def test_aliases_check_unknown_column(run: Run, tmp_path: Path) -> None:
    table = tmp_path / "bad.csv"
    table.write_text("person_id,name,relation,source,who\np1,Ann Lee,canonical,t,me\n", "utf-8")
    result = run("aliases", "check", table)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{table}:1: unknown column 'who'; columns are: {', '.join(ALIAS_COLUMNS)}\n"
    )


def test_aliases_check_across_two_tables(run: Run, tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(alias_table([["p1", "Ann Lee", "canonical", "t"]]), "utf-8")
    second.write_text(alias_table([["p2", "Ann Lee", "canonical", "t"]]), "utf-8")
    result = run("aliases", "check", first, second)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{second}:2: name 'Ann Lee' is given to p2 and to p1 ({first}:2); "
        "a name form belongs to one person\n"
    )


# --- help -----------------------------------------------------------------------------------


def test_python_dash_m_namekit_help() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "namekit", "--help"],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("Usage: ")
    for command in ("dedupe", "compare", "explain", "aliases"):
        assert re.search(rf"^\s+{command}\s", completed.stdout, re.M), command


@pytest.mark.parametrize(
    "command",
    [[], ["dedupe"], ["compare"], ["explain"], ["aliases", "check"]],
    ids=["namekit", "dedupe", "compare", "explain", "aliases-check"],
)
def test_help_shows_an_example(run: Run, command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert re.search(r"^\s+Examples?:$", result.stdout, re.M)
    assert re.search(r"^\s+namekit " + " ".join(command), result.stdout, re.M)


def test_dedupe_help_states_the_default_cutoffs(run: Run) -> None:
    from namekit.scoring import DEFAULT_REVIEW_CUTOFF, DEFAULT_SCORE_CUTOFF

    help_text = run("dedupe", "--help").stdout
    assert re.search(rf"--score-cutoff.*\[default: {DEFAULT_SCORE_CUTOFF}", help_text, re.S)
    assert re.search(rf"--review-cutoff.*\[default: {DEFAULT_REVIEW_CUTOFF}", help_text, re.S)

"""Review stories: accept, reject, undo, quit, resume; implied pairs; spreadsheets; the loop."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import SEED_MENTIONS, Run, assert_clean_error, read_records, read_rows, table_text
from filelock import FileLock

from namekit.aliases import Relation, check_alias_tables, read_alias_table
from namekit.decisions import DecisionTable, Stamp, Verdict
from namekit.dedupe import SUGGESTION_COLUMNS
from namekit.errors import ConflictError, OutputError
from namekit.review import ReviewSession, read_suggestions
from namekit.review_judgements import Side, plan_decision

STAMP = Stamp("tester", "2026-01-01T00:00:00Z", "80")

# Wu Yanan / Wu Yaman / Wu Yenan are one general; Song Yanchao is someone else.
PAIRS = [
    ("Wu Yanan", "Wu Yaman", "85", "3", "1"),
    ("Wu Yanan", "Song Yanchao", "75", "3", "2"),
    ("Wu Yaman", "Wu Yenan", "80", "1", "1"),
    ("Wu Yanan", "Wu Yenan", "82", "3", "1"),
    ("Wu Yenan", "Song Yanchao", "72", "1", "2"),
]
IDS = {"Wu Yanan": "nk-1", "Wu Yaman": "nk-2", "Wu Yenan": "nk-3", "Song Yanchao": "nk-4"}


def write_suggestions(path: Path, pairs: Sequence[tuple[str, str, str, str, str]]) -> Path:
    """A suggestions file as `namekit dedupe` writes it (each name its own person)."""
    rows = [list(SUGGESTION_COLUMNS)]
    for a, b, score, rows_a, rows_b in pairs:
        rows.append([a, b, score, f"{a} ~ {b}", rows_a, rows_b, IDS[a], IDS[b], a, b])
    path.write_text(table_text(rows), encoding="utf-8")
    return path


@pytest.fixture
def suggestions(tmp_path: Path) -> Path:
    return write_suggestions(tmp_path / "people.suggestions.csv", PAIRS)


def relations(table: Path) -> set[tuple[str, str, str]]:
    """(person, name, relation) of every row of a table."""
    return {(r.person_id, r.name, r.relation.value) for r in read_alias_table(table)}


def review(run: Run, suggestions: Path, table: Path, keys: str, *more: str | Path) -> str:
    result = run(
        "review", suggestions, "--aliases", table, "--no-default-aliases", "--reviewer", "ann",
        *more, stdin=keys,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout


def test_story_accept_reject_undo_quit_resume(run: Run, suggestions: Path, tmp_path: Path) -> None:
    table = tmp_path / "mine.csv"
    # Accept Wu Yanan = Wu Yaman; say "same" to Song Yanchao by mistake, undo, reject; quit.
    out = review(run, suggestions, table, "y\ny\nb\nn\nq\n")
    assert "undid 'same' (1 row removed)" in out
    assert "2 decisions recorded in" in out and "(1 different, 1 same)" in out
    assert relations(table) == {
        ("nk-1", "Wu Yanan", "canonical"),
        ("nk-1", "Wu Yaman", "alias"),
        ("nk-1", "Song Yanchao", "different"),
    }
    rows = read_alias_table(table)
    assert {(r.source, r.added_by, r.score) for r in rows} == {
        ("review", "ann", "85"),
        ("review", "ann", "75"),
    }
    assert all(r.added_at.endswith("Z") and "T" in r.added_at for r in rows)

    # Resume: the decided pairs are not asked again; Wu Yaman = Wu Yenan is next.
    out = review(run, suggestions, table, "y\n")
    assert out.count("--- suggestion") == 1
    assert "a: Wu Yaman" in out and "b: Wu Yenan" in out
    # Wu Yanan = Wu Yenan and Wu Yenan != Song Yanchao follow from earlier answers.
    assert "No suggestions left to review." in out
    assert "4 already answered by earlier decisions" in out
    assert ("nk-1", "Wu Yenan", "alias") in relations(table)
    _, problems = check_alias_tables([table])
    assert problems == []


def test_end_of_input_quits_and_keeps_decisions(
    run: Run, suggestions: Path, tmp_path: Path
) -> None:
    table = tmp_path / "mine.csv"
    out = review(run, suggestions, table, "y\n")
    assert "1 decision recorded" in out and "not reached" in out
    assert ("nk-1", "Wu Yaman", "alias") in relations(table)


def test_skip_unsure_help_and_unknown_keys(run: Run, suggestions: Path, tmp_path: Path) -> None:
    table = tmp_path / "mine.csv"
    out = review(run, suggestions, table, "?\nx\ns\nu\nq\n")
    assert "b  back: undo the last decision" in out
    assert "unknown key 'x'; press ? for help" in out
    assert relations(table) == {
        ("nk-1", "Wu Yanan", "canonical"),
        ("nk-1", "Song Yanchao", "unsure"),
    }
    # Skipped pairs are asked again; unsure ones are not.
    out = review(run, suggestions, table, "q\n")
    assert "a: Wu Yanan" in out and "b: Wu Yaman" in out


def test_edit_canonical_name(run: Run, suggestions: Path, tmp_path: Path) -> None:
    table = tmp_path / "mine.csv"
    review(run, suggestions, table, "e\nGen. Wu Yanan\ny\nq\n")
    assert relations(table) == {
        ("nk-1", "Gen. Wu Yanan", "canonical"),
        ("nk-1", "Wu Yaman", "alias"),
    }


def test_same_is_refused_across_a_recorded_different(tmp_path: Path) -> None:
    table = tmp_path / "mine.csv"
    table.write_text(
        "person_id,name,relation,source,added_by,added_at,score,note\n"
        "nk-1,Wu Yanan,canonical,review,,,,\n"
        "nk-1,Song Yanchao,different,review,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(ConflictError, match=rf"recorded as different people \({table}:3\)"):
        plan_decision(
            [],
            read_alias_table(table),
            Side("Wu Yanan", "nk-1"),
            Side("Song Yanchao", "nk-4"),
            Verdict.SAME,
            STAMP,
        )


def test_implied_pairs_are_skipped(suggestions: Path, tmp_path: Path) -> None:
    table = DecisionTable(tmp_path / "mine.csv")
    session = ReviewSession(read_suggestions(suggestions), table, reviewer="ann")
    asked = []
    while (item := session.current()) is not None:
        asked.append((item.pair.name_a, item.pair.name_b))
        same = "Song Yanchao" not in (item.pair.name_a, item.pair.name_b)
        session.decide(Verdict.SAME if same else Verdict.DIFFERENT)
    # A=B and B=C give A=C; A=B and B!=C give A!=C: two of five pairs are never asked.
    assert asked == [
        ("Wu Yanan", "Wu Yaman"),
        ("Wu Yanan", "Song Yanchao"),
        ("Wu Yaman", "Wu Yenan"),
    ]
    assert session.implied == {3, 4}


def test_undo_reopens_implied_pairs(suggestions: Path, tmp_path: Path) -> None:
    table = DecisionTable(tmp_path / "mine.csv")
    session = ReviewSession(read_suggestions(suggestions), table, reviewer="ann")
    session.decide(Verdict.SAME)
    session.decide(Verdict.DIFFERENT)
    session.decide(Verdict.SAME)
    assert session.current() is None
    session.undo()
    item = session.current()
    assert item is not None and item.pair.name_b == "Wu Yenan" and session.position == 2
    assert not any(r.name == "Wu Yenan" for r in table.rows())


def test_merging_two_people_of_the_users_table(tmp_path: Path) -> None:
    table = tmp_path / "mine.csv"
    table.write_text(
        "person_id,name,relation,source,added_by,added_at,score,note\n"
        "nk-1,Wu Yanan,canonical,review,,,,\n"
        "nk-3,Wu Yenan,canonical,review,,,,\n",
        encoding="utf-8",
    )
    own = read_alias_table(table)
    change = plan_decision([], own, Side("Wu Yanan", rows=3), Side("Wu Yenan"), Verdict.SAME, STAMP)
    assert {(r.person_id, r.name, r.relation.value) for r in change.added} == {
        ("nk-1", "Wu Yenan", "alias")
    }
    assert [r.person_id for r in change.removed] == ["nk-3"]


def test_writes_never_go_to_the_bundled_table(run: Run, suggestions: Path) -> None:
    from namekit.aliases import bundled_table_path

    bundled = bundled_table_path()
    result = run("review", suggestions, "--aliases", bundled, stdin="y\n")
    assert_clean_error(
        result,
        f"{bundled} is the alias table bundled with namekit; decisions go to a table of your "
        "own: give --aliases namekit_aliases.csv",
    )


def test_a_locked_table_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    table = DecisionTable(path, lock_timeout=0.05)
    with FileLock(str(tmp_path / ".mine.csv.lock")), pytest.raises(OutputError) as error:
        table.apply(lambda fixed, own: plan_decision(
            fixed, own, Side("Wu Yanan"), Side("Wu Yaman"), Verdict.SAME, STAMP
        ))  # fmt: skip
    assert str(error.value).startswith(f"alias table {path} is being written by another namekit")
    assert not path.exists()


def test_spreadsheet_round_trip(run: Run, suggestions: Path, tmp_path: Path) -> None:
    table, sheet = tmp_path / "mine.csv", tmp_path / "review.csv"
    review(run, suggestions, table, "y\nq\n")
    out = review(run, suggestions, table, "", "--to-csv", sheet)
    assert out.startswith(f"wrote 4 undecided suggestions to {sheet}")
    rows = read_rows(sheet)
    assert rows[0] == ["decision", *SUGGESTION_COLUMNS]
    assert [r[0] for r in rows[1:]] == ["", "", "", ""]
    rows[1][0], rows[2][0], rows[3][0] = "different", "Y", ""
    sheet.write_text(table_text(rows), encoding="utf-8")

    result = run("review", "--apply", sheet, "--aliases", table, "--no-default-aliases")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        f"applied 2 decisions (1 different, 1 same) to {table}: 2 rows added, 0 removed; "
        "2 rows left undecided"
    )
    assert ("nk-1", "Wu Yenan", "alias") in relations(table)
    assert ("nk-1", "Song Yanchao", "different") in relations(table)


def test_apply_validates_everything_first(run: Run, suggestions: Path, tmp_path: Path) -> None:
    table, sheet = tmp_path / "mine.csv", tmp_path / "review.csv"
    review(run, suggestions, table, "y\nn\nq\n")
    before = table.read_bytes()
    rows = [["decision", *SUGGESTION_COLUMNS]]
    for (a, b, score, rows_a, rows_b), decision in zip(
        PAIRS[2:], ["same", "maybe", "different"], strict=True
    ):
        rows.append([decision, a, b, score, "", rows_a, rows_b, IDS[a], IDS[b], a, b])
    sheet.write_text(table_text(rows), encoding="utf-8")
    result = run("review", "--apply", sheet, "--aliases", table, "--no-default-aliases")
    assert_clean_error(
        result,
        f"{sheet}:3: unknown decision 'maybe'; use same, different or unsure (or y, n, u), or "
        "leave it empty. Nothing was applied; fix the file and run --apply again.",
    )
    rows[2][0] = ""
    sheet.write_text(table_text(rows), encoding="utf-8")
    result = run("review", "--apply", sheet, "--aliases", table, "--no-default-aliases")
    # With the unknown value gone, the file agrees with what is recorded: it applies.
    assert result.exit_code == 0, result.output
    rows = [rows[0], ["different", "Wu Yanan", "Wu Yaman", "85", "", "3", "1", "nk-1", "nk-2",
                      "Wu Yanan", "Wu Yaman"]]  # fmt: skip
    sheet.write_text(table_text(rows), encoding="utf-8")
    before = table.read_bytes()
    result = run("review", "--apply", sheet, "--aliases", table, "--no-default-aliases")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: {sheet}:2: refused: 'Wu Yanan' and 'Wu Yaman' are recorded as the same person ("
        f"{table}:"
    )
    assert table.read_bytes() == before


SEED_ARGS = ("-c", "mention", "--no-default-aliases", "--context", "role", "-q")


def test_closing_the_loop_on_the_seed_example(run: Run, tmp_path: Path) -> None:
    table, out = tmp_path / "mine.csv", tmp_path / "seed.csv"
    suggestions = tmp_path / "seed.suggestions.csv"
    assert run("dedupe", SEED_MENTIONS, "-o", out, *SEED_ARGS).exit_code == 0
    records = read_records(suggestions.read_text(encoding="utf-8"))
    assert [(r["name_a"], r["name_b"]) for r in records] == [("Nancy Pelosi", "Perosi")]
    assert records[0]["context_b"] == "role: Speaker of the US House"
    review(run, suggestions, table, "y\n")

    assert run("dedupe", SEED_MENTIONS, "-o", out, *SEED_ARGS, "--aliases", table).exit_code == 0
    rows = {r["mention"]: r for r in read_records(out.read_text(encoding="utf-8"))}
    assert rows["Perosi"]["person_id"] == rows["Nancy Pelosi"]["person_id"]
    assert rows["Perosi"]["match_reason"] == "alias"
    assert read_rows(suggestions)[1:] == []


@pytest.mark.parametrize("key", ["n", "u"])
def test_rejected_or_unsure_pairs_are_not_suggested_again(
    run: Run, tmp_path: Path, key: str
) -> None:
    table, out = tmp_path / "mine.csv", tmp_path / "seed.csv"
    suggestions = tmp_path / "seed.suggestions.csv"
    assert run("dedupe", SEED_MENTIONS, "-o", out, *SEED_ARGS).exit_code == 0
    review(run, suggestions, table, f"{key}\n")
    relation = Relation.DIFFERENT if key == "n" else Relation.UNSURE
    assert [r.relation for r in read_alias_table(table)] == [Relation.CANONICAL, relation]

    assert run("dedupe", SEED_MENTIONS, "-o", out, *SEED_ARGS, "--aliases", table).exit_code == 0
    rows = {r["mention"]: r for r in read_records(out.read_text(encoding="utf-8"))}
    assert rows["Perosi"]["person_id"] != rows["Nancy Pelosi"]["person_id"]
    assert read_rows(suggestions)[1:] == []


def test_unsure_is_kept_for_later_and_asked_again_on_request(
    run: Run, suggestions: Path, tmp_path: Path
) -> None:
    table = tmp_path / "mine.csv"
    review(run, suggestions, table, "u\nq\n")
    assert any(relation == "unsure" for _, _, relation in relations(table))
    # A plain rerun moves on: the unsure pair is not asked again ...
    assert "Wu Yaman" not in review(run, suggestions, table, "q\n").split("Same person?")[0]
    # ... until the reviewer asks for it; then a firm answer replaces the unsure row.
    out = review(run, suggestions, table, "y\nq\n", "--revisit-unsure")
    assert "Wu Yaman" in out.split("Same person?")[0]
    assert not any(relation == "unsure" for _, _, relation in relations(table))
    people = {
        name: person for person, name, relation in relations(table) if relation != "different"
    }
    assert people["Wu Yanan"] == people["Wu Yaman"]

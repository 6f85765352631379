"""The interactive review in a real pseudo-terminal: single keypresses, no Enter needed."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
from test_review import PAIRS, write_suggestions

from namekit.aliases import check_alias_tables, read_alias_table

PROMPT = r"Same person\? \[y/n/u/s/b/e/q/\?\] "


def spawn_review(suggestions: Path, table: Path) -> pexpect.spawn:
    """`namekit review` in a pseudo-terminal."""
    args = [str(suggestions), "--aliases", str(table), "--no-default-aliases", "--reviewer", "t"]
    return pexpect.spawn(
        sys.executable,
        ["-m", "namekit", "review", *args],
        encoding="utf-8",
        timeout=15,
        dimensions=(40, 120),
    )


def test_keypresses_decide_undo_edit_and_quit(tmp_path: Path) -> None:
    suggestions = write_suggestions(tmp_path / "s.csv", PAIRS)
    table = tmp_path / "mine.csv"
    child = spawn_review(suggestions, table)
    child.expect("suggestion 1 of 5")
    child.expect(PROMPT)
    child.send("?")
    child.expect("b  back: undo the last decision")
    child.expect(PROMPT)
    child.send("e")  # edit the canonical name: a line prompt with the proposal as default
    child.expect(r"canonical name \[Wu Yanan\]: ")
    child.sendline("General Wu Yanan")
    child.expect("if same, the person is named: General Wu Yanan")
    child.expect(PROMPT)
    child.send("y")
    child.expect("recorded: \\+ 'General Wu Yanan' is the canonical name of nk-1")
    child.expect("suggestion 2 of 5")
    child.expect(PROMPT)
    child.send("y")
    child.expect("suggestion 3 of 5")
    child.expect(PROMPT)
    child.send("b")  # undo the mistaken "same" for Song Yanchao
    child.expect("undid 'same' \\(1 row removed\\)")
    child.expect("suggestion 2 of 5")
    child.expect(PROMPT)
    child.send("n")
    child.expect("suggestion 3 of 5")
    child.expect(PROMPT)
    child.send("q")
    child.expect("2 decisions recorded in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    assert {(r.person_id, r.name, r.relation.value) for r in read_alias_table(table)} == {
        ("nk-1", "General Wu Yanan", "canonical"),  # the title is dropped: Wu Yanan's key
        ("nk-1", "Wu Yaman", "alias"),
        ("nk-1", "Song Yanchao", "different"),
    }


def test_ctrl_c_keeps_every_answer(tmp_path: Path) -> None:
    suggestions = write_suggestions(tmp_path / "s.csv", PAIRS)
    table = tmp_path / "mine.csv"
    child = spawn_review(suggestions, table)
    child.expect(PROMPT)
    child.send("y")
    child.expect("suggestion 2 of 5")
    child.expect(PROMPT)
    child.sendcontrol("c")
    child.expect("Interrupted. 1 decision recorded in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    _, problems = check_alias_tables([table])
    assert problems == []
    assert len(read_alias_table(table)) == 2

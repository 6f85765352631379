"""Decisions survive SIGKILL and concurrent reviewers: real `namekit review` processes."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import table_text

from namekit.aliases import Relation, check_alias_tables, read_alias_table
from namekit.dedupe import SUGGESTION_COLUMNS

NAMEKIT = [sys.executable, "-m", "namekit"]
PROMPT = b"Same person? "


def write_pairs(path: Path, count: int) -> Path:
    """`count` independent suggestions: Annx Lee ~ Annex Lee for x = 0..count-1."""
    rows = [list(SUGGESTION_COLUMNS)]
    for i in range(count):
        a, b = f"Ann{i} Lee", f"Anne{i} Lee"
        rows.append([a, b, "80", "", "2", "1", f"nk-a{i}", f"nk-b{i}", a, b])
    path.write_text(table_text(rows), encoding="utf-8")
    return path


def start_review(suggestions: Path, table: Path, reviewer: str = "ann") -> subprocess.Popen[bytes]:
    """A real review process reading keys from a pipe."""
    args = [str(suggestions), "--aliases", str(table), "--no-default-aliases"]
    return subprocess.Popen(
        [*NAMEKIT, "review", *args, "--reviewer", reviewer],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def read_until_prompts(
    process: subprocess.Popen[bytes], count: int, output: bytes = b"", timeout: float = 15
) -> bytes:
    """Read the process's output until `count` prompts were shown in all; return all of it."""
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while output.count(PROMPT) < count:
        assert time.monotonic() < deadline, output.decode()
        ready, _, _ = select.select([process.stdout], [], [], 0.1)
        if ready:
            chunk = os.read(process.stdout.fileno(), 65536)
            assert chunk, output.decode()
            output += chunk
    return output


def assert_valid(table: Path) -> None:
    _, problems = check_alias_tables([table])
    assert problems == []


def test_sigkill_loses_nothing_already_answered(tmp_path: Path) -> None:
    suggestions, table = write_pairs(tmp_path / "s.csv", 5), tmp_path / "mine.csv"
    process = start_review(suggestions, table)
    assert process.stdin is not None
    output = read_until_prompts(process, 1)
    for number, key in enumerate([b"y\n", b"n\n", b"u\n"], start=2):
        process.stdin.write(key)
        process.stdin.flush()
        output = read_until_prompts(process, number, output)
    process.stdin.write(b"y")  # typed, not yet entered: the only answer that may be lost
    process.stdin.flush()
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL

    assert_valid(table)
    assert {(r.person_id, r.name, r.relation.value) for r in read_alias_table(table)} == {
        ("nk-a0", "Ann0 Lee", "canonical"),
        ("nk-a0", "Anne0 Lee", "alias"),
        ("nk-a1", "Ann1 Lee", "canonical"),
        ("nk-a1", "Anne1 Lee", "different"),
        ("nk-a2", "Ann2 Lee", "canonical"),
        ("nk-a2", "Anne2 Lee", "unsure"),
    }
    # Rerunning resumes at the fourth suggestion.
    done = subprocess.run(
        [*NAMEKIT, "review", str(suggestions), "--aliases", str(table), "--no-default-aliases"],
        input=b"q\n",
        capture_output=True,
        check=True,
    )
    assert b"--- suggestion 4 of 5 ---" in done.stdout


def test_sigkill_at_random_moments_never_corrupts_the_table(tmp_path: Path) -> None:
    count = 150
    suggestions, table = write_pairs(tmp_path / "s.csv", count), tmp_path / "mine.csv"
    for delay in (0.6, 0.7, 0.8):
        process = start_review(suggestions, table)
        assert process.stdin is not None
        process.stdin.write(b"y\n" * count)
        process.stdin.flush()
        time.sleep(delay)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        if table.exists():
            assert_valid(table)
            people = Counter(r.person_id for r in read_alias_table(table))
            assert set(people.values()) == {2}  # each decision is whole: canonical + alias
    subprocess.run(
        [*NAMEKIT, "review", str(suggestions), "--aliases", str(table), "--no-default-aliases"],
        input=b"y\n" * count,
        capture_output=True,
        check=True,
    )
    assert_valid(table)
    assert Counter(r.relation for r in read_alias_table(table)) == {
        Relation.CANONICAL: count,
        Relation.ALIAS: count,
    }


def test_two_reviewers_at_once(tmp_path: Path) -> None:
    count = 30
    suggestions, table = write_pairs(tmp_path / "s.csv", count), tmp_path / "mine.csv"
    reviewers = [start_review(suggestions, table, who) for who in ("ann", "bob")]
    with ThreadPoolExecutor(2) as pool:
        runs = [
            pool.submit(process.communicate, key * count, 60)
            for process, key in zip(reviewers, (b"y\n", b"n\n"), strict=True)
        ]
        outputs = [run.result() for run in runs]
    for process, (_, stderr) in zip(reviewers, outputs, strict=True):
        assert process.returncode == 0, stderr.decode()

    assert_valid(table)
    rows = read_alias_table(table)
    # Every pair was answered exactly once, by one reviewer or the other: none lost, none twice.
    answers = Counter(r.person_id for r in rows if r.relation is not Relation.CANONICAL)
    assert answers == {f"nk-a{i}": 1 for i in range(count)}
    assert Counter(r.relation for r in rows)[Relation.CANONICAL] == count
    by = {r.added_by for r in rows}
    assert by <= {"ann", "bob"}

"""Recording review decisions durably in the user's own alias table.

Every change is one short transaction: take the table's lock, re-read the table (another
reviewer may have written since), compute the rows to add and remove from that fresh
state, check the whole table, write it atomically (temporary file, fsync, rename) and
release the lock. A process killed at any moment therefore leaves either the old or the
new table, never a half-written one, and two reviewers never overwrite each other's rows.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from filelock import FileLock, Timeout

from namekit.aliases import (
    AliasRow,
    bundled_table_path,
    check_alias_rows,
    read_alias_table,
    sorted_rows,
    write_alias_table,
)
from namekit.errors import AliasTableError, OutputError

DEFAULT_TABLE = Path("namekit_aliases.csv")
LOCK_TIMEOUT = 10.0


class Verdict(StrEnum):
    """A reviewer's answer about two names."""

    SAME = "same"
    DIFFERENT = "different"
    UNSURE = "unsure"


@dataclass(frozen=True)
class Stamp:
    """Who decided, when (ISO 8601 UTC) and the matcher's score at the time."""

    added_by: str
    added_at: str
    score: str


def utc_now() -> str:
    """The current time as ISO 8601 UTC to the second, as decision rows record it."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_reviewer() -> str:
    """The OS user name, or "unknown" where the platform cannot tell."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers
        return "unknown"


@dataclass(frozen=True)
class Change:
    """Rows a decision added to and removed from the user's table."""

    added: tuple[AliasRow, ...] = ()
    removed: tuple[AliasRow, ...] = ()

    def __bool__(self) -> bool:
        """Whether the change does anything."""
        return bool(self.added or self.removed)

    def inverse(self) -> Change:
        """The change that undoes this one."""
        return Change(added=self.removed, removed=self.added)


def apply_change(rows: Sequence[AliasRow], change: Change) -> list[AliasRow]:
    """Rows with `change.removed` taken out (one each, where present) and `change.added` added."""
    out = list(rows)
    for row in change.removed:
        if row in out:  # AliasRow equality ignores file and line
            out.remove(row)
    return out + [row for row in change.added if row not in out]


def diff_rows(before: Sequence[AliasRow], after: Sequence[AliasRow]) -> Change:
    """The change turning `before` into `after`."""
    return Change(
        added=tuple(r for r in after if r not in before),
        removed=tuple(r for r in before if r not in after),
    )


Planner = Callable[[Sequence[AliasRow], Sequence[AliasRow]], Change]


class DecisionTable:
    """The user's alias table, changed one locked, atomic transaction at a time.

    `fixed_rows` are the other tables in use (the bundled one, other --aliases tables):
    decisions are checked against them but never written to them.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        fixed_rows: Iterable[AliasRow] = (),
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> None:
        self.path = Path(path)
        if self.path.resolve() == bundled_table_path().resolve():
            raise OutputError(
                f"{self.path} is the alias table bundled with namekit; decisions go to a "
                f"table of your own: give --aliases {DEFAULT_TABLE}"
            )
        self.fixed_rows = tuple(fixed_rows)
        self.lock_timeout = lock_timeout
        self._lock = FileLock(str(self.path.with_name(f".{self.path.name}.lock")))

    def rows(self) -> list[AliasRow]:
        """The user's table as it is on disk now (empty when it does not exist yet)."""
        if not self.path.exists():
            return []
        return read_alias_table(self.path)

    def version(self) -> tuple[int, int]:
        """What changes whenever the table is rewritten: (inode, mtime in ns); zeros if absent."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return (0, 0)
        # Every write renames a new file into place, so the inode changes even within one tick.
        return (stat.st_ino, stat.st_mtime_ns)

    def all_rows(self) -> list[AliasRow]:
        """The fixed tables' rows followed by the user's."""
        return [*self.fixed_rows, *self.rows()]

    def apply(self, plan: Planner) -> Change:
        """Under the lock: re-read, plan(fixed rows, user rows), check and write the change."""
        try:
            self._lock.acquire(timeout=self.lock_timeout)
        except Timeout:
            raise OutputError(
                f"alias table {self.path} is being written by another namekit process "
                f"(lock {self._lock.lock_file} held for {self.lock_timeout:g}s); "
                "wait for it to finish and run the command again."
            ) from None
        try:
            rows = self.rows()
            change = plan(self.fixed_rows, rows)
            if not change:
                return change
            stray = [r for r in change.removed if r not in rows]
            if stray:
                raise AliasTableError(
                    f"cannot change {stray[0].where}: it is not in your table {self.path}"
                )
            new_rows = apply_change(rows, change)
            problems = check_alias_rows([*self.fixed_rows, *_located(new_rows, self.path)])
            if problems:
                raise AliasTableError(
                    f"not recorded: it would make the alias tables inconsistent: {problems[0]}"
                )
            write_alias_table(new_rows, self.path)
            return change
        finally:
            self._lock.release()

    def undo(self, change: Change) -> Change:
        """Remove the rows `change` added and restore those it removed, as far as still possible."""

        def plan(_fixed: Sequence[AliasRow], rows: Sequence[AliasRow]) -> Change:
            # Another reviewer may have edited meanwhile: undo only what is still there.
            inverse = change.inverse()
            return Change(
                added=tuple(r for r in inverse.added if r not in rows),
                removed=tuple(r for r in inverse.removed if r in rows),
            )

        return self.apply(plan)


def _located(rows: Sequence[AliasRow], path: Path) -> list[AliasRow]:
    """Rows with the file and line they will have once written, so problems name them."""
    return [
        replace(row, origin=str(path), line=line)
        for line, row in enumerate(sorted_rows(rows), start=2)
    ]

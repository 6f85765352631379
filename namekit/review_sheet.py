"""The spreadsheet round trip: suggestions out with an empty `decision` column, decisions in.

Teams that review in Excel or Google Sheets fill in `decision` (same, different, unsure,
or y / n / u; empty to leave a pair for later) and an optional `reviewer`. Applying the
file is all or nothing: every row is checked first (an unknown decision, a row that
contradicts a recorded decision or an earlier row) and any problem is reported with its
line number before anything is written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from namekit.aliases import AliasRow
from namekit.decisions import Change, DecisionTable, Verdict, apply_change, diff_rows, utc_now
from namekit.dedupe import CONTEXT_COLUMNS, SUGGESTION_COLUMNS
from namekit.errors import ConflictError, InputError
from namekit.review import Clock, ReviewItem, items_from_frame
from namekit.review_judgements import Judgements, plan_decision
from namekit.tables import read_table, require_column, write_table

DECISION_COLUMN = "decision"
REVIEWER_COLUMN = "reviewer"
_WORDS: dict[str, Verdict | None] = {
    "": None,
    "skip": None,
    "s": None,
    "same": Verdict.SAME,
    "y": Verdict.SAME,
    "yes": Verdict.SAME,
    "different": Verdict.DIFFERENT,
    "n": Verdict.DIFFERENT,
    "no": Verdict.DIFFERENT,
    "unsure": Verdict.UNSURE,
    "u": Verdict.UNSURE,
}
_SHOWN_PROBLEMS = 3


def pending_items(items: Sequence[ReviewItem], table: DecisionTable) -> list[ReviewItem]:
    """The items the tables do not answer yet."""
    sides = [s for item in items for s in (item.side_a, item.side_b)]
    judgements = Judgements(table.all_rows(), sides)
    return [i for i in items if judgements.verdict(i.side_a, i.side_b) is None]


def write_review_sheet(items: Sequence[ReviewItem], table: DecisionTable, path: Path | str) -> int:
    """Write the undecided suggestions with an empty decision column; return how many."""
    pending = pending_items(items, table)
    context = any(i.pair.context_a or i.pair.context_b for i in items)
    columns = (*SUGGESTION_COLUMNS, *(CONTEXT_COLUMNS if context else ()))
    frame = pd.DataFrame(
        [["", *(_cell(getattr(i.pair, c)) for c in columns)] for i in pending],
        columns=[DECISION_COLUMN, *columns],
    )
    write_table(frame, path)
    return len(pending)


def _cell(value: object) -> str:
    """A suggestion field as the suggestions file writes it."""
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class SheetReport:
    """What applying a filled-in review file did."""

    decided: Counter[str]
    left_empty: int
    change: Change

    def summary(self, table: Path) -> str:
        """One line for the user."""
        kinds = ", ".join(f"{n} {v}" for v, n in sorted(self.decided.items())) or "none"
        count = sum(self.decided.values())
        return (
            f"applied {count} decision{'' if count == 1 else 's'} ({kinds}) to {table}: "
            f"{len(self.change.added)} rows added, {len(self.change.removed)} removed; "
            f"{self.left_empty} rows left undecided"
        )


def parse_decision(text: str, *, where: str) -> Verdict | None:
    """A decision cell as a verdict (None: undecided); unknown words raise InputError."""
    word = text.strip().lower()
    if word not in _WORDS:
        raise InputError(
            f"{where}: unknown decision '{text.strip()}'; "
            "use same, different or unsure (or y, n, u), or leave it empty"
        )
    return _WORDS[word]


def apply_review_sheet(
    path: Path | str, table: DecisionTable, *, reviewer: str, clock: Clock = utc_now
) -> SheetReport:
    """Check every row of a filled-in review file, then record all its decisions at once."""
    frame = read_table(path)
    require_column(frame, DECISION_COLUMN, path, option="the file written by --to-csv")
    items = items_from_frame(frame, path)
    reviewers = (
        [str(v).strip() for v in frame[REVIEWER_COLUMN].tolist()]
        if REVIEWER_COLUMN in frame.columns
        else [""] * len(items)
    )
    problems: list[str] = []
    chosen: list[tuple[ReviewItem, Verdict, str]] = []
    for item, cell, who in zip(items, frame[DECISION_COLUMN].tolist(), reviewers, strict=True):
        try:
            verdict = parse_decision(str(cell), where=f"{path}:{item.line}")
        except InputError as error:
            problems.append(str(error))
            continue
        if verdict is not None:
            chosen.append((item, verdict, who or reviewer))
    if problems:
        raise InputError(_nothing_applied(problems))
    sides = [s for item in items for s in (item.side_a, item.side_b)]

    def plan(fixed: Sequence[AliasRow], own: Sequence[AliasRow]) -> Change:
        rows = list(own)
        conflicts: list[str] = []
        for item, verdict, who in chosen:
            try:
                change = plan_decision(
                    fixed,
                    rows,
                    item.side_a,
                    item.side_b,
                    verdict,
                    item.stamp(who, clock),
                    sides=sides,
                )
            except ConflictError as error:
                conflicts.append(f"{path}:{item.line}: {error}")
                continue
            rows = apply_change(rows, change)
        if conflicts:
            raise ConflictError(_nothing_applied(conflicts))
        return diff_rows(own, rows)

    change = table.apply(plan)
    decided = Counter(verdict.value for _, verdict, _ in chosen)
    return SheetReport(decided, len(items) - len(chosen), change)


def _nothing_applied(problems: list[str]) -> str:
    """Problems as one line, ending with the reassurance that nothing was written."""
    shown = "; ".join(problems[:_SHOWN_PROBLEMS])
    more = len(problems) - _SHOWN_PROBLEMS
    extra = f" (and {more} more)" if more > 0 else ""
    return f"{shown}{extra}. Nothing was applied; fix the file and run --apply again."

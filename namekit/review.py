"""Reviewing suggested merges: the state of one reviewer's session, in plain Python.

A session walks the suggestions file written by `namekit dedupe` in its order (most
impactful first), skips every pair the alias tables already answer (directly or by
transitivity) and records each answer in the user's alias table the moment it is given
(see `namekit.decisions`). The terminal UI only renders `current()` and calls `decide`,
`skip`, `undo` and `edit_canonical`; rerunning a session on the same suggestions resumes
where the last one stopped, because decided pairs are skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from namekit.aliases import AliasRow, Relation
from namekit.decisions import Change, DecisionTable, Stamp, Verdict, utc_now
from namekit.dedupe import CONTEXT_COLUMNS, SUGGESTION_COLUMNS, SuggestedPair
from namekit.errors import InputError
from namekit.review_judgements import Judgements, Side, plan_decision
from namekit.tables import read_table, require_column

Clock = Callable[[], str]


@dataclass(frozen=True)
class ReviewItem:
    """One suggestion to review and the line of the file it came from."""

    pair: SuggestedPair
    line: int

    @property
    def side_a(self) -> Side:
        """The first name as the decision rules see it."""
        p = self.pair
        return Side(p.name_a, p.person_id_a, p.canonical_a, p.rows_a)

    @property
    def side_b(self) -> Side:
        """The second name as the decision rules see it."""
        p = self.pair
        return Side(p.name_b, p.person_id_b, p.canonical_b, p.rows_b)

    def stamp(self, reviewer: str, clock: Clock) -> Stamp:
        """Who decides on this pair, now, and its score."""
        return Stamp(reviewer, clock(), f"{self.pair.score:g}")


def _number(text: str, *, where: str, column: str) -> float:
    """A numeric cell, or an InputError naming the line."""
    try:
        return float(text) if text.strip() else 0.0
    except ValueError:
        raise InputError(f"{where}: {column} '{text}' is not a number") from None


def items_from_frame(frame: pd.DataFrame, path: Path | str) -> list[ReviewItem]:
    """Suggestions from a table with at least name_a and name_b (line numbers 1-based)."""
    require_column(frame, "name_a", path, option="a suggestions file from namekit dedupe")
    require_column(frame, "name_b", path, option="a suggestions file from namekit dedupe")
    columns = [c for c in (*SUGGESTION_COLUMNS, *CONTEXT_COLUMNS) if c in frame.columns]
    items = []
    for index, record in enumerate(frame[columns].to_dict("records")):
        where = f"{path}:{index + 2}"
        cells = {c: str(record.get(c, "")) for c in (*SUGGESTION_COLUMNS, *CONTEXT_COLUMNS)}
        if not cells["name_a"].strip() or not cells["name_b"].strip():
            raise InputError(f"{where}: name_a and name_b must both be filled in")
        pair = SuggestedPair(
            cells["name_a"].strip(),
            cells["name_b"].strip(),
            _number(cells["score"], where=where, column="score"),
            cells["explanation"],
            int(_number(cells["rows_a"], where=where, column="rows_a")),
            int(_number(cells["rows_b"], where=where, column="rows_b")),
            cells["person_id_a"].strip(),
            cells["person_id_b"].strip(),
            cells["canonical_a"].strip(),
            cells["canonical_b"].strip(),
            cells["context_a"],
            cells["context_b"],
        )
        items.append(ReviewItem(pair, index + 2))
    return items


def read_suggestions(path: Path | str) -> list[ReviewItem]:
    """The suggestions file written by `namekit dedupe`, in its order."""
    return items_from_frame(read_table(path), path)


@dataclass(frozen=True)
class Decision:
    """A decision made in this session: which item, the answer and the rows it wrote."""

    index: int
    verdict: Verdict
    change: Change


class ReviewSession:
    """One reviewer walking suggestions; every answer is written before the next question."""

    def __init__(
        self,
        items: Sequence[ReviewItem],
        table: DecisionTable,
        *,
        reviewer: str,
        clock: Clock = utc_now,
        revisit_unsure: bool = False,
    ) -> None:
        self.items = list(items)
        self.revisit_unsure = revisit_unsure
        self.table = table
        self.reviewer = reviewer
        self.clock = clock
        self.position = 0
        self.history: list[Decision] = []
        self.skipped: set[int] = set()
        self.implied: set[int] = set()
        self.canonical_edits: dict[int, str] = {}
        self._sides = [s for item in self.items for s in (item.side_a, item.side_b)]
        self._version: tuple[int, int] | None = None
        self.refresh()

    def refresh(self) -> None:
        """Re-read the tables if the user's changed: another reviewer may have decided pairs."""
        version = self.table.version()
        if version != self._version:
            self.judgements = Judgements(self.table.all_rows(), self._sides)
            self._version = version

    def answer(self, item: ReviewItem) -> tuple[Verdict, AliasRow | None] | None:
        """What the tables already say about an item, with the row saying it."""
        return self.judgements.verdict(item.side_a, item.side_b)

    def current(self) -> ReviewItem | None:
        """The next item to ask about, skipping those already answered; None when done."""
        self.refresh()
        while self.position < len(self.items):
            answer = self.answer(self.items[self.position])
            if answer is None or (self.revisit_unsure and answer[0] is Verdict.UNSURE):
                return self.items[self.position]
            self.implied.add(self.position)
            self.position += 1
        return None

    def _current_or_raise(self) -> ReviewItem:
        """The current item, or an error when the review is finished."""
        item = self.current()
        if item is None:
            raise InputError("no suggestion left to review")
        return item

    def proposed_canonical(self, item: ReviewItem) -> str:
        """The display name the person gets if the reviewer says "same"."""
        edited = self.canonical_edits.get(self.position)
        if edited:
            return edited
        j = self.judgements
        for side in (item.side_a, item.side_b):
            person = j.person(j.root(side))
            if person is not None and person in j.canonical:
                return j.canonical[person].name
        first = item.side_a if item.pair.rows_a >= item.pair.rows_b else item.side_b
        return first.display_name

    def person_of(self, side: Side) -> str | None:
        """The alias-table person a side already belongs to, if any."""
        return self.judgements.person(self.judgements.root(side))

    def edit_canonical(self, name: str) -> None:
        """Use `name` as the person's display name when the current pair is accepted."""
        self._current_or_raise()
        if not name.strip():
            raise InputError("the canonical name cannot be empty")
        self.canonical_edits[self.position] = name.strip()

    def decide(self, verdict: Verdict) -> Decision:
        """Record an answer about the current item durably; raises ConflictError if refused."""
        item = self._current_or_raise()
        canonical = self.canonical_edits.get(self.position)
        stamp = item.stamp(self.reviewer, self.clock)

        def plan(fixed: Sequence[AliasRow], own: Sequence[AliasRow]) -> Change:
            return plan_decision(
                fixed,
                own,
                item.side_a,
                item.side_b,
                verdict,
                stamp,
                canonical=canonical,
                sides=self._sides,
            )

        change = self.table.apply(plan)
        decision = Decision(self.position, verdict, change)
        self.history.append(decision)
        self.skipped.discard(self.position)
        self.position += 1
        self.refresh()
        return decision

    def skip(self) -> None:
        """Leave the current item undecided for now."""
        self._current_or_raise()
        self.skipped.add(self.position)
        self.position += 1

    def undo(self) -> Decision | None:
        """Take back the last decision of this session (remove its rows) and ask it again."""
        if not self.history:
            return None
        decision = self.history.pop()
        self.table.undo(decision.change)
        # Items implied by the undone decision may be open again: look at them afresh.
        self.implied = {i for i in self.implied if i < decision.index}
        self.position = decision.index
        self.refresh()
        return decision

    def summary(self) -> str:
        """One line: decisions by kind, pairs already answered, skipped and left."""
        kinds = Counter(d.verdict.value for d in self.history)
        decided = ", ".join(f"{n} {v}" for v, n in sorted(kinds.items())) or "none"
        left = sum(
            1
            for i, item in enumerate(self.items)
            if i >= self.position and i not in self.skipped and self.answer(item) is None
        )
        plural = "" if len(self.history) == 1 else "s"
        return (
            f"{len(self.history)} decision{plural} recorded in {self.table.path} ({decided}); "
            f"{len(self.implied)} already answered by earlier decisions; "
            f"{len(self.skipped)} skipped; {left} not reached"
        )


def describe_change(change: Change) -> list[str]:
    """Human lines for the rows a decision wrote or removed."""
    words = {
        Relation.CANONICAL: "is the canonical name of",
        Relation.ALIAS: "is a name of",
        Relation.DIFFERENT: "is not",
        Relation.UNSURE: "is maybe",
    }
    lines = [f"+ '{r.name}' {words[r.relation]} {r.person_id}" for r in change.added]
    lines += [f"- removed: '{r.name}' {r.relation.value} of {r.person_id}" for r in change.removed]
    return lines

"""The worst errors of a clustering or of pair verdicts, as names a person can read.

For a cluster file, a *false merge* is two rows put in one predicted cluster
that belong to different people; a *missed pair* is two rows of one person left
in different predicted clusters. Rows are grouped into contingency cells (same
truth and same predicted cluster); one example stands for every row pair
between two cells, shown by the first row of each, and examples are ranked by
how many row pairs they stand for. Only the largest cells of each cluster are
paired, so a prediction that lumps 2,000 people together still costs little.

For a pair file, false merges are ranked by score (most confident first) and
missed pairs by score (furthest below the cutoff first).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from typing import Protocol

import numpy as np

from namekit.evaluation_metrics import Codes, cell_codes, label_codes

MAX_CELLS_PER_CLUSTER = 40


class ScoredPair(Protocol):
    """What a pair scorer returns for one pair: a 0–100 score and the reason in words."""

    @property
    def score(self) -> float:
        """Similarity, 0–100."""
        ...

    @property
    def reason(self) -> str:
        """Why the names match or not."""
        ...


PairScorer = Callable[[Sequence[str], Sequence[str]], Sequence[ScoredPair]]


class ErrorKind(Enum):
    """Which way a pair was wrong."""

    FALSE_MERGE = "false merge"
    MISSED_PAIR = "missed pair"


@dataclass(frozen=True)
class ErrorExample:
    """One wrongly merged or wrongly separated pair of names."""

    kind: ErrorKind
    name_a: str
    name_b: str
    row_pairs: int = 1
    truth_a: str = ""
    truth_b: str = ""
    predicted_a: str = ""
    predicted_b: str = ""
    score: float | None = None
    reason: str = ""


@dataclass(frozen=True)
class _Cell:
    """Rows sharing one truth and one predicted cluster: their count and first row."""

    size: int
    first_row: int


def _cells_by_outer(outer: Codes, cells: Codes) -> dict[int, list[_Cell]]:
    """Cells grouped by their outer cluster, largest first, for clusters with 2+ cells."""
    _, first_rows, sizes = np.unique(cells, return_index=True, return_counts=True)
    grouped: dict[int, list[_Cell]] = {}
    for first_row, size in zip(first_rows.tolist(), sizes.tolist(), strict=True):
        grouped.setdefault(int(outer[first_row]), []).append(_Cell(size, first_row))
    return {
        code: sorted(group, key=lambda cell: (-cell.size, cell.first_row))[:MAX_CELLS_PER_CLUSTER]
        for code, group in grouped.items()
        if len(group) > 1
    }


def _cross_cell_pairs(groups: dict[int, list[_Cell]]) -> Iterator[tuple[int, int, int]]:
    """(row pairs, first row a, first row b) for every pair of cells in one outer cluster."""
    for group in groups.values():
        for index, cell_a in enumerate(group):
            for cell_b in group[index + 1 :]:
                yield cell_a.size * cell_b.size, cell_a.first_row, cell_b.first_row


def _worst_cross_cell(
    names: Sequence[str],
    truth_labels: Sequence[str],
    predicted_labels: Sequence[str],
    *,
    kind: ErrorKind,
    limit: int,
    touching: Sequence[bool] | None,
) -> tuple[ErrorExample, ...]:
    """The `limit` cell pairs standing for the most wrong row pairs of one kind."""
    if limit <= 0 or not names:
        return ()
    truth = label_codes(truth_labels)
    predicted = label_codes(predicted_labels)
    focus = np.ones(len(names), dtype=bool) if touching is None else np.asarray(touching, bool)
    # Splitting cells by focus makes every cell wholly inside or outside the focus rows.
    cells = cell_codes(cell_codes(truth, predicted), focus.astype(np.int64))
    # False merges live inside a predicted cluster, missed pairs inside a truth cluster.
    outer = predicted if kind is ErrorKind.FALSE_MERGE else truth
    groups = _cells_by_outer(outer, cells)
    pairs = (pair for pair in _cross_cell_pairs(groups) if focus[pair[1]] or focus[pair[2]])
    worst = heapq.nsmallest(
        limit,
        pairs,
        key=lambda pair: (-pair[0], names[pair[1]], names[pair[2]]),
    )
    return tuple(
        ErrorExample(
            kind=kind,
            name_a=names[row_a],
            name_b=names[row_b],
            row_pairs=row_pairs,
            truth_a=truth_labels[row_a],
            truth_b=truth_labels[row_b],
            predicted_a=predicted_labels[row_a],
            predicted_b=predicted_labels[row_b],
        )
        for row_pairs, row_a, row_b in worst
    )


def worst_false_merges(
    names: Sequence[str],
    truth_labels: Sequence[str],
    predicted_labels: Sequence[str],
    *,
    limit: int,
    touching: Sequence[bool] | None = None,
) -> tuple[ErrorExample, ...]:
    """Names of different people put in one cluster, the costliest first.

    With `touching`, only pairs with at least one row marked True are listed.
    """
    return _worst_cross_cell(
        names,
        truth_labels,
        predicted_labels,
        kind=ErrorKind.FALSE_MERGE,
        limit=limit,
        touching=touching,
    )


def worst_missed_pairs(
    names: Sequence[str],
    truth_labels: Sequence[str],
    predicted_labels: Sequence[str],
    *,
    limit: int,
    touching: Sequence[bool] | None = None,
) -> tuple[ErrorExample, ...]:
    """Names of one person left in different clusters, the costliest first.

    With `touching`, only pairs with at least one row marked True are listed.
    """
    return _worst_cross_cell(
        names,
        truth_labels,
        predicted_labels,
        kind=ErrorKind.MISSED_PAIR,
        limit=limit,
        touching=touching,
    )


def pair_file_errors(
    lefts: Sequence[str],
    rights: Sequence[str],
    same: Sequence[bool],
    scored: Sequence[ScoredPair],
    *,
    score_cutoff: float,
    limit: int,
) -> tuple[tuple[ErrorExample, ...], tuple[ErrorExample, ...]]:
    """(false merges by score descending, missed pairs by score ascending) of a pair file."""
    false_merges = [
        i for i, label in enumerate(same) if not label and scored[i].score >= score_cutoff
    ]
    missed = [i for i, label in enumerate(same) if label and scored[i].score < score_cutoff]
    false_merges.sort(key=lambda i: (-scored[i].score, i))
    missed.sort(key=lambda i: (scored[i].score, i))

    def example(index: int, kind: ErrorKind) -> ErrorExample:
        return ErrorExample(
            kind=kind,
            name_a=lefts[index],
            name_b=rights[index],
            score=scored[index].score,
            reason=scored[index].reason,
        )

    return (
        tuple(example(i, ErrorKind.FALSE_MERGE) for i in false_merges[: max(limit, 0)]),
        tuple(example(i, ErrorKind.MISSED_PAIR) for i in missed[: max(limit, 0)]),
    )


def with_scores(examples: Sequence[ErrorExample], scorer: PairScorer) -> tuple[ErrorExample, ...]:
    """The examples with the scorer's score and reason attached, so a person sees why."""
    if not examples:
        return ()
    scored = scorer([e.name_a for e in examples], [e.name_b for e in examples])
    return tuple(
        replace(example, score=result.score, reason=result.reason)
        for example, result in zip(examples, scored, strict=True)
    )

"""Pair and B-cubed metrics for a clustering of names against labelled truth.

A clustering is a list of labels, one per row: rows with the same label are one
person. Pair metrics count unordered pairs of rows: a pair is *true* when both
rows share a truth label, *predicted* when both share a predicted label, and
*correct* when both hold. A cluster of n rows holds C(n, 2) pairs, so every
count comes from the contingency table of (truth, predicted) labels and no pair
is ever enumerated: a 50,000-row file costs a few array operations.

Restricted metrics count only the pairs that touch a set of rows (at least one
of the two rows is in the set). That is how one person is scored inside a crowd
of other people's names: merging everything then costs precision, but pairs
among the crowd do not dilute the figure.

Conventions: a blank label ("") means "no cluster", so each blank row is its
own singleton (namekit gives blank names an empty person id). A ratio whose
denominator is zero (no predicted pairs, no true pairs) is 1.0: nothing was
wrongly merged, nothing was missed. The counts are kept next to every ratio so
a reader can tell a vacuous 1.0 from a real one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

Codes = npt.NDArray[np.int64]


def _ratio(numerator: int | float, denominator: int | float) -> float:
    """numerator / denominator, with 1.0 for an empty denominator (see module docstring)."""
    return float(numerator) / float(denominator) if denominator else 1.0


def _harmonic_mean(precision: float, recall: float) -> float:
    """F1 of a precision and a recall; 0.0 when both are 0."""
    total = precision + recall
    return 2.0 * precision * recall / total if total else 0.0


@dataclass(frozen=True)
class PairMetrics:
    """Pair precision, recall and F1, with the pair counts they come from."""

    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        """Share of predicted pairs that are true."""
        return _ratio(self.correct_pairs, self.predicted_pairs)

    @property
    def recall(self) -> float:
        """Share of true pairs that were predicted."""
        return _ratio(self.correct_pairs, self.true_pairs)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _harmonic_mean(self.precision, self.recall)

    def __add__(self, other: PairMetrics) -> PairMetrics:
        """Pool the counts of two disjoint sets of rows (micro-averaging)."""
        return PairMetrics(
            true_pairs=self.true_pairs + other.true_pairs,
            predicted_pairs=self.predicted_pairs + other.predicted_pairs,
            correct_pairs=self.correct_pairs + other.correct_pairs,
        )


@dataclass(frozen=True)
class BCubedMetrics:
    """B-cubed precision, recall and F1: per-row cluster overlap, averaged over rows."""

    precision: float
    recall: float
    rows: int

    @property
    def f1(self) -> float:
        """Harmonic mean of B-cubed precision and recall."""
        return _harmonic_mean(self.precision, self.recall)


@dataclass(frozen=True)
class PairFileMetrics:
    """Precision, recall, F1 and share merged for a file of labelled name pairs."""

    pairs: int
    same_pairs: int
    predicted_same: int
    correct_same: int

    @property
    def precision(self) -> float:
        """Share of pairs predicted same that are labelled same."""
        return _ratio(self.correct_same, self.predicted_same)

    @property
    def recall(self) -> float:
        """Share of pairs labelled same that were predicted same."""
        return _ratio(self.correct_same, self.same_pairs)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return _harmonic_mean(self.precision, self.recall)

    @property
    def merged_share(self) -> float:
        """Share of all pairs predicted same (for files of negatives: the error rate)."""
        return float(self.predicted_same) / self.pairs if self.pairs else 0.0


@dataclass(frozen=True)
class ClusterBreakdownRow:
    """Pair metrics over the pairs that touch the rows holding one value of a column."""

    value: str
    rows: int
    metrics: PairMetrics


@dataclass(frozen=True)
class PairBreakdownRow:
    """Pair-file metrics over the pairs holding one value of a column."""

    value: str
    metrics: PairFileMetrics


def label_codes(labels: Sequence[str]) -> Codes:
    """Integer codes for labels, giving every blank label a code of its own."""
    codes, uniques = pd.factorize(np.asarray(labels, dtype=object))
    codes = codes.astype(np.int64)
    blank = np.asarray([label == "" for label in labels], dtype=bool)
    if blank.any():
        # A blank label is "no cluster": each such row is a singleton, never a group.
        codes[blank] = len(uniques) + np.arange(int(blank.sum()), dtype=np.int64)
    return codes


def cell_codes(truth: Codes, predicted: Codes) -> Codes:
    """Codes of the contingency cells: rows sharing both truth and predicted cluster."""
    combined = truth * (int(predicted.max(initial=0)) + 1) + predicted
    _, inverse = np.unique(combined, return_inverse=True)
    cells: Codes = np.asarray(inverse, dtype=np.int64).reshape(-1)
    return cells


def _choose2(sizes: Codes) -> Codes:
    """C(n, 2) for every n."""
    return sizes * (sizes - 1) // 2


def _pairs_touching(codes: Codes, touching: npt.NDArray[np.bool_]) -> int:
    """Pairs within the same code with at least one row in `touching`."""
    if len(codes) == 0:
        return 0
    sizes = np.bincount(codes).astype(np.int64)
    inside = np.bincount(codes[touching], minlength=len(sizes)).astype(np.int64)
    # Pairs touching the subset = all pairs minus pairs among the rows outside it.
    return int((_choose2(sizes) - _choose2(sizes - inside)).sum())


def _check_aligned(truth: Sequence[object], *others: Sequence[object]) -> None:
    """Refuse label lists of different lengths (a caller bug, not a user error)."""
    for other in others:
        if len(other) != len(truth):
            raise ValueError(f"label lists differ in length: {len(truth)} and {len(other)}")


def pair_metrics_touching(
    truth_labels: Sequence[str], predicted_labels: Sequence[str], touching: Sequence[bool]
) -> PairMetrics:
    """Pair metrics counting only pairs with at least one row where `touching` is True."""
    _check_aligned(truth_labels, predicted_labels, touching)
    truth = label_codes(truth_labels)
    predicted = label_codes(predicted_labels)
    mask = np.asarray(touching, dtype=bool).reshape(-1)
    return PairMetrics(
        true_pairs=_pairs_touching(truth, mask),
        predicted_pairs=_pairs_touching(predicted, mask),
        correct_pairs=_pairs_touching(cell_codes(truth, predicted), mask),
    )


def pair_metrics(truth_labels: Sequence[str], predicted_labels: Sequence[str]) -> PairMetrics:
    """Pair precision, recall and F1 of a predicted clustering against the truth."""
    return pair_metrics_touching(truth_labels, predicted_labels, [True] * len(truth_labels))


def bcubed_metrics(
    truth_labels: Sequence[str],
    predicted_labels: Sequence[str],
    rows: Sequence[bool] | None = None,
) -> BCubedMetrics:
    """B-cubed precision and recall, averaged over all rows or over the rows marked True."""
    _check_aligned(truth_labels, predicted_labels, *([rows] if rows is not None else []))
    mask = np.ones(len(truth_labels), dtype=bool) if rows is None else np.asarray(rows, dtype=bool)
    if not mask.any():
        return BCubedMetrics(precision=1.0, recall=1.0, rows=0)
    truth = label_codes(truth_labels)
    predicted = label_codes(predicted_labels)
    cells = cell_codes(truth, predicted)
    # Each row's cluster sizes come from the whole clustering, even when only some rows count.
    overlap = np.bincount(cells)[cells].astype(np.float64)
    precision = overlap / np.bincount(predicted)[predicted]
    recall = overlap / np.bincount(truth)[truth]
    return BCubedMetrics(
        precision=float(precision[mask].mean()),
        recall=float(recall[mask].mean()),
        rows=int(mask.sum()),
    )


def pair_file_metrics(same: Sequence[bool], predicted_same: Sequence[bool]) -> PairFileMetrics:
    """Precision, recall, F1 and share merged for labelled pairs and predicted verdicts."""
    _check_aligned(same, predicted_same)
    truth = np.asarray(same, dtype=bool).reshape(-1)
    predicted = np.asarray(predicted_same, dtype=bool).reshape(-1)
    return PairFileMetrics(
        pairs=len(truth),
        same_pairs=int(truth.sum()),
        predicted_same=int(predicted.sum()),
        correct_same=int((truth & predicted).sum()),
    )


def _distinct_in_order(values: Sequence[str]) -> list[str]:
    """Distinct values, ordered by how many rows hold them, then alphabetically."""
    counts = pd.Series(list(values), dtype=object).value_counts()
    return sorted(counts.index, key=lambda value: (-int(counts[value]), str(value)))


def cluster_breakdown(
    truth_labels: Sequence[str],
    predicted_labels: Sequence[str],
    values: Sequence[str],
    rows: Sequence[bool] | None = None,
) -> tuple[ClusterBreakdownRow, ...]:
    """Per value of a column: pair metrics over pairs with at least one row holding it.

    Recall for a value is the share of true pairs touching its rows that were
    merged (e.g. for `aka;disjoint`: how many pseudonyms were linked to their
    person); precision is the share of predicted pairs touching its rows that
    are true. A pair whose rows hold two values counts under both. With `rows`,
    only the rows marked True carry their value (the others count for nothing).
    """
    _check_aligned(truth_labels, predicted_labels, values)
    counted = [True] * len(values) if rows is None else list(rows)
    _check_aligned(values, counted)
    result = []
    for value in _distinct_in_order([v for v, keep in zip(values, counted, strict=True) if keep]):
        touching = [v == value and keep for v, keep in zip(values, counted, strict=True)]
        metrics = pair_metrics_touching(truth_labels, predicted_labels, touching)
        result.append(ClusterBreakdownRow(value=value, rows=sum(touching), metrics=metrics))
    return tuple(result)


def pair_file_breakdown(
    same: Sequence[bool], predicted_same: Sequence[bool], values: Sequence[str]
) -> tuple[PairBreakdownRow, ...]:
    """Per value of a column: pair-file metrics over the pairs holding it."""
    _check_aligned(same, predicted_same, values)
    rows = []
    for value in _distinct_in_order(values):
        picked = [index for index, cell in enumerate(values) if cell == value]
        metrics = pair_file_metrics(
            [same[index] for index in picked], [predicted_same[index] for index in picked]
        )
        rows.append(PairBreakdownRow(value=value, metrics=metrics))
    return tuple(rows)

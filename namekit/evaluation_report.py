"""Evaluate a matcher on a labelled file and render the result.

The matcher is injected, so this module works with namekit's own dedupe and
with any other clustering (an anchor, a test stand-in):

* a cluster function `cluster(names, score_cutoff) -> person ids` (one id per
  name, "" for a blank name) for cluster files;
* a pair scorer `scorer(lefts, rights) -> [result with .score and .reason]`
  for pair files, where a pair is "same" when its score reaches the cutoff.

Cluster files are clustered one group at a time (see `evaluation_io`), so
figures over several groups are micro-averages: pair counts pooled over groups.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from namekit.errors import InputError
from namekit.evaluation_examples import (
    ErrorExample,
    PairScorer,
    pair_file_errors,
    with_scores,
    worst_false_merges,
    worst_missed_pairs,
)
from namekit.evaluation_io import (
    ClusterTable,
    PairTable,
    load_cluster_table,
    load_pair_table,
    unscoped_label,
)
from namekit.evaluation_metrics import (
    BCubedMetrics,
    ClusterBreakdownRow,
    PairBreakdownRow,
    PairFileMetrics,
    PairMetrics,
    bcubed_metrics,
    cluster_breakdown,
    pair_file_breakdown,
    pair_file_metrics,
    pair_metrics_touching,
)

ClusterFn = Callable[[list[str], float], list[str]]
DEFAULT_SWEEP_CUTOFFS = (60.0, 70.0, 75.0, 80.0, 85.0, 90.0, 95.0)


@dataclass(frozen=True)
class ClusterSweepRow:
    """Cluster-file figures at one auto-merge cutoff."""

    score_cutoff: float
    pairs: PairMetrics
    bcubed: BCubedMetrics


@dataclass(frozen=True)
class ClusterReport:
    """Everything measured on one cluster file at one cutoff, plus optional extras."""

    label: str
    rows: int
    people: int
    groups: int
    counted_rows: int
    score_cutoff: float
    pairs: PairMetrics
    bcubed: BCubedMetrics
    predicted: tuple[str, ...]
    sweep: tuple[ClusterSweepRow, ...] = ()
    by: str | None = None
    breakdown: tuple[ClusterBreakdownRow, ...] = ()
    false_merges: tuple[ErrorExample, ...] = ()
    missed_pairs: tuple[ErrorExample, ...] = ()


@dataclass(frozen=True)
class PairSweepRow:
    """Pair-file figures at one cutoff."""

    score_cutoff: float
    metrics: PairFileMetrics


@dataclass(frozen=True)
class PairReport:
    """Everything measured on one pair file at one cutoff, plus optional extras."""

    label: str
    score_cutoff: float
    metrics: PairFileMetrics
    scores: tuple[float, ...]
    sweep: tuple[PairSweepRow, ...] = ()
    by: str | None = None
    breakdown: tuple[PairBreakdownRow, ...] = ()
    false_merges: tuple[ErrorExample, ...] = ()
    missed_pairs: tuple[ErrorExample, ...] = ()


def cluster_within_groups(
    names: Sequence[str], groups: Sequence[str], cluster: ClusterFn, score_cutoff: float
) -> tuple[str, ...]:
    """Cluster each group's names separately; ids are prefixed so groups never share one."""
    members: dict[str, list[int]] = {}
    for row, group in enumerate(groups):
        members.setdefault(group, []).append(row)
    predicted = [""] * len(names)
    for number, rows in enumerate(members.values()):
        ids = cluster([names[row] for row in rows], score_cutoff)
        if len(ids) != len(rows):
            raise ValueError(f"cluster function returned {len(ids)} ids for {len(rows)} names")
        for row, person_id in zip(rows, ids, strict=True):
            predicted[row] = f"{number}:{person_id}" if person_id else ""
    return tuple(predicted)


def _column(columns: Mapping[str, tuple[str, ...]], name: str) -> tuple[str, ...]:
    """A named column of a table, or InputError naming --by."""
    if name not in columns:
        available = ", ".join(columns)
        raise InputError(f"column {name!r} not found; columns are: {available}. Use --by.")
    return columns[name]


def _unscope(example: ErrorExample) -> ErrorExample:
    """An error example with its truth ids shown as the file wrote them."""
    return replace(
        example, truth_a=unscoped_label(example.truth_a), truth_b=unscoped_label(example.truth_b)
    )


def evaluate_clusters(
    table: ClusterTable,
    *,
    cluster: ClusterFn,
    score_cutoff: float,
    sweep_cutoffs: Sequence[float] = (),
    by: str | None = None,
    focus: Sequence[bool] | None = None,
    show_errors: int = 0,
    scorer: PairScorer | None = None,
) -> ClusterReport:
    """Cluster a labelled table per group and measure it; `focus` limits counted pairs."""
    counted = [True] * len(table.names) if focus is None else list(focus)
    runs: dict[float, tuple[str, ...]] = {}

    def predict(cutoff: float) -> tuple[str, ...]:
        if cutoff not in runs:
            runs[cutoff] = cluster_within_groups(table.names, table.groups, cluster, cutoff)
        return runs[cutoff]

    def measure(cutoff: float) -> ClusterSweepRow:
        predicted = predict(cutoff)
        return ClusterSweepRow(
            score_cutoff=cutoff,
            pairs=pair_metrics_touching(table.truth, predicted, counted),
            bcubed=bcubed_metrics(table.truth, predicted, counted),
        )

    main = measure(score_cutoff)
    predicted = predict(score_cutoff)
    breakdown: tuple[ClusterBreakdownRow, ...] = ()
    if by:
        values = _column(table.columns, by)
        breakdown = cluster_breakdown(table.truth, predicted, values, rows=counted)
    false_merges = worst_false_merges(
        table.names, table.truth, predicted, limit=show_errors, touching=focus
    )
    missed_pairs = worst_missed_pairs(
        table.names, table.truth, predicted, limit=show_errors, touching=focus
    )
    if scorer is not None:
        false_merges = with_scores(false_merges, scorer)
        missed_pairs = with_scores(missed_pairs, scorer)
    return ClusterReport(
        label=table.label,
        rows=len(table.names),
        people=len(set(table.truth)),
        groups=len(set(table.groups)),
        counted_rows=sum(counted),
        score_cutoff=score_cutoff,
        pairs=main.pairs,
        bcubed=main.bcubed,
        predicted=predicted,
        sweep=tuple(measure(cutoff) for cutoff in sweep_cutoffs),
        by=by,
        breakdown=breakdown,
        false_merges=tuple(_unscope(example) for example in false_merges),
        missed_pairs=tuple(_unscope(example) for example in missed_pairs),
    )


def evaluate_pairs(
    table: PairTable,
    *,
    scorer: PairScorer,
    score_cutoff: float,
    sweep_cutoffs: Sequence[float] = (),
    by: str | None = None,
    show_errors: int = 0,
) -> PairReport:
    """Score every labelled pair once and measure the verdicts at each cutoff."""
    scored = scorer(table.lefts, table.rights)
    if len(scored) != len(table.lefts):
        raise ValueError(f"scorer returned {len(scored)} results for {len(table.lefts)} pairs")
    scores = tuple(float(result.score) for result in scored)

    def measure(cutoff: float) -> PairFileMetrics:
        return pair_file_metrics(table.same, [score >= cutoff for score in scores])

    breakdown: tuple[PairBreakdownRow, ...] = ()
    if by:
        predicted_same = [score >= score_cutoff for score in scores]
        values = _column(table.columns, by)
        breakdown = pair_file_breakdown(table.same, predicted_same, values)
    false_merges, missed_pairs = pair_file_errors(
        table.lefts, table.rights, table.same, scored, score_cutoff=score_cutoff, limit=show_errors
    )
    return PairReport(
        label=table.label,
        score_cutoff=score_cutoff,
        metrics=measure(score_cutoff),
        scores=scores,
        sweep=tuple(PairSweepRow(cutoff, measure(cutoff)) for cutoff in sweep_cutoffs),
        by=by,
        breakdown=breakdown,
        false_merges=false_merges,
        missed_pairs=missed_pairs,
    )


def evaluate_cluster_file(
    path: str | Path,
    *,
    cluster: ClusterFn,
    score_cutoff: float,
    name_column: str = "name",
    truth_column: str = "cluster_id",
    group_column: str | None = None,
    exclude_tags: Sequence[str] = (),
    tag_column: str = "variant_kind",
    sweep_cutoffs: Sequence[float] = (),
    by: str | None = None,
    show_errors: int = 0,
    scorer: PairScorer | None = None,
) -> ClusterReport:
    """Load a cluster file and measure a clustering of it (the `evaluate` command's core)."""
    table = load_cluster_table(
        path,
        name_column=name_column,
        truth_column=truth_column,
        group_column=group_column,
        exclude_tags=exclude_tags,
        tag_column=tag_column,
        by=by,
    )
    return evaluate_clusters(
        table,
        cluster=cluster,
        score_cutoff=score_cutoff,
        sweep_cutoffs=sweep_cutoffs,
        by=by,
        show_errors=show_errors,
        scorer=scorer,
    )


def evaluate_pair_file(
    path: str | Path,
    *,
    scorer: PairScorer,
    score_cutoff: float,
    left_column: str = "name_a",
    right_column: str = "name_b",
    truth_column: str = "same",
    exclude_tags: Sequence[str] = (),
    tag_column: str = "kind",
    sweep_cutoffs: Sequence[float] = (),
    by: str | None = None,
    show_errors: int = 0,
) -> PairReport:
    """Load a pair file and measure a scorer's verdicts on it (the `evaluate --pairs` core)."""
    table = load_pair_table(
        path,
        left_column=left_column,
        right_column=right_column,
        truth_column=truth_column,
        exclude_tags=exclude_tags,
        tag_column=tag_column,
        by=by,
    )
    return evaluate_pairs(
        table,
        scorer=scorer,
        score_cutoff=score_cutoff,
        sweep_cutoffs=sweep_cutoffs,
        by=by,
        show_errors=show_errors,
    )

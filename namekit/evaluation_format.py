"""Render evaluation reports as plain-text tables for a terminal."""

from __future__ import annotations

from collections.abc import Sequence

from namekit.evaluation_examples import ErrorExample
from namekit.evaluation_metrics import BCubedMetrics, PairFileMetrics, PairMetrics
from namekit.evaluation_report import ClusterReport, PairReport


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to a common width; numbers (and their headers) aligned right."""
    widths = [
        max([len(header), *(len(row[index]) for row in rows)])
        for index, header in enumerate(headers)
    ]
    right = [
        bool(rows) and all(_is_number(row[index]) for row in rows) for index in range(len(headers))
    ]

    def line(cells: Sequence[str]) -> str:
        padded = (
            cell.rjust(width) if align else cell.ljust(width)
            for cell, width, align in zip(cells, widths, right, strict=True)
        )
        return "  ".join(padded).rstrip()

    return "\n".join([line(headers), *(line(row) for row in rows)])


def _is_number(cell: str) -> bool:
    """Whether a rendered cell is a number (so it aligns right)."""
    return cell.replace(",", "").replace(".", "", 1).replace("%", "").lstrip("-").isdigit()


def _ratio(value: float) -> str:
    """A 0–1 figure with three decimals."""
    return f"{value:.3f}"


def _cutoff(value: float) -> str:
    """A cutoff without a needless ".0"."""
    return f"{value:g}"


def _pair_summary(pairs: PairMetrics, bcubed: BCubedMetrics) -> list[str]:
    """Headline lines for a clustering: pair and B-cubed figures with counts."""
    return [
        f"pair      precision {_ratio(pairs.precision)}  recall {_ratio(pairs.recall)}  "
        f"F1 {_ratio(pairs.f1)}  (true pairs {pairs.true_pairs:,}, "
        f"predicted {pairs.predicted_pairs:,}, correct {pairs.correct_pairs:,})",
        f"B-cubed   precision {_ratio(bcubed.precision)}  recall {_ratio(bcubed.recall)}  "
        f"F1 {_ratio(bcubed.f1)}",
    ]


def _pair_file_summary(metrics: PairFileMetrics) -> str:
    """Headline line for pair verdicts, with counts."""
    return (
        f"precision {_ratio(metrics.precision)}  recall {_ratio(metrics.recall)}  "
        f"F1 {_ratio(metrics.f1)}  merged {metrics.merged_share:.1%}  "
        f"({metrics.pairs:,} pairs, {metrics.same_pairs:,} labelled same, "
        f"{metrics.predicted_same:,} predicted same)"
    )


def _examples(title: str, examples: Sequence[ErrorExample]) -> list[str]:
    """One block listing error examples with what they stand for and why."""
    if not examples:
        return []
    lines = ["", f"{title}:"]
    for example in examples:
        detail = []
        if example.truth_a and example.truth_a == example.truth_b:
            detail.append(f"truth {example.truth_a}")
        elif example.truth_a or example.truth_b:
            detail.append(f"truth {example.truth_a} / {example.truth_b}")
        if example.row_pairs > 1:
            detail.append(f"{example.row_pairs:,} row pairs")
        if example.score is not None:
            detail.append(f"score {example.score:.0f}")
        if example.reason:
            detail.append(example.reason)
        suffix = f"  [{'; '.join(detail)}]" if detail else ""
        lines.append(f"  {example.name_a!r} ~ {example.name_b!r}{suffix}")
    return lines


def format_cluster_report(report: ClusterReport) -> str:
    """A cluster-file report: headline, cutoff table, breakdown and worst errors."""
    scope = ""
    if report.counted_rows != report.rows:
        scope = f"; counting pairs touching {report.counted_rows:,} rows"
    lines = [
        f"{report.label}: {report.rows:,} names, {report.people:,} people, "
        f"{report.groups:,} group(s){scope}; auto-merge cutoff {_cutoff(report.score_cutoff)}",
        *_pair_summary(report.pairs, report.bcubed),
    ]
    if report.sweep:
        rows = [
            [
                _cutoff(row.score_cutoff),
                _ratio(row.pairs.precision),
                _ratio(row.pairs.recall),
                _ratio(row.pairs.f1),
                _ratio(row.bcubed.f1),
            ]
            for row in report.sweep
        ]
        headers = ["cutoff", "precision", "recall", "F1", "B-cubed F1"]
        lines += ["", text_table(headers, rows)]
    if report.breakdown:
        rows = [
            [
                row.value or "(blank)",
                f"{row.rows:,}",
                f"{row.metrics.true_pairs:,}",
                _ratio(row.metrics.recall),
                _ratio(row.metrics.precision),
            ]
            for row in report.breakdown
        ]
        headers = [str(report.by), "names", "true pairs", "recall", "precision"]
        lines += ["", f"by {report.by} (pairs with at least one name of that value):"]
        lines.append(text_table(headers, rows))
    lines += _examples("worst false merges", report.false_merges)
    lines += _examples("worst missed pairs", report.missed_pairs)
    return "\n".join(lines)


def format_pair_report(report: PairReport) -> str:
    """A pair-file report: headline, cutoff table, breakdown and worst errors."""
    lines = [
        f"{report.label}: cutoff {_cutoff(report.score_cutoff)}",
        _pair_file_summary(report.metrics),
    ]
    if report.sweep:
        rows = [
            [
                _cutoff(row.score_cutoff),
                _ratio(row.metrics.precision),
                _ratio(row.metrics.recall),
                _ratio(row.metrics.f1),
                f"{row.metrics.merged_share:.1%}",
            ]
            for row in report.sweep
        ]
        headers = ["cutoff", "precision", "recall", "F1", "merged"]
        lines += ["", text_table(headers, rows)]
    if report.breakdown:
        rows = [
            [
                row.value or "(blank)",
                f"{row.metrics.pairs:,}",
                _ratio(row.metrics.precision),
                _ratio(row.metrics.recall),
                _ratio(row.metrics.f1),
                f"{row.metrics.merged_share:.1%}",
            ]
            for row in report.breakdown
        ]
        headers = [str(report.by), "pairs", "precision", "recall", "F1", "merged"]
        lines += ["", f"by {report.by}:", text_table(headers, rows)]
    lines += _examples("worst false merges", report.false_merges)
    lines += _examples("worst missed pairs", report.missed_pairs)
    return "\n".join(lines)


def format_report(report: ClusterReport | PairReport) -> str:
    """Render either kind of report as plain text."""
    if isinstance(report, ClusterReport):
        return format_cluster_report(report)
    return format_pair_report(report)

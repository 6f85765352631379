"""Measure namekit and two anchors on every labelled file in ../shared/eval; write docs/quality.md.

Usage, from the repository root:

    .venv/bin/python bench/quality.py [--eval-dir ../shared/eval] [--output docs/quality.md]
                                      [--show-errors N] [--stand-in]

Cluster files are deduped one `source` group at a time (everypolitician: one
legislature at a time; senzing_truthset, whose truth links its sources, whole),
with and without the `;disjoint` rows, at namekit's
default cutoffs: the same cutoffs for every set. gnu_grep_khadafy and
rigour_putin_names hold one person each, so each is deduped together with
2,000 OFAC primary names and only the pairs touching its own rows count
(merging everything then fails). The anchors are OpenRefine's fingerprint and
rapidfuzz token_sort_ratio connected components at the cutoff that was best in
hindsight for that row (see bench/anchors.py).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shlex
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
# Run from a checkout without installing namekit: the repository root goes first on the path.
sys.path.insert(0, str(REPO_ROOT))

from anchors import (  # noqa: E402
    TOKEN_SORT_CUTOFFS,
    best_in_hindsight,
    fingerprint_clusters,
    fingerprint_key,
    fingerprint_scorer,
    token_sort_scorer,
    token_sort_within_groups,
    wratio_scorer,
)

from namekit.evaluation import (  # noqa: E402
    ClusterFn,
    ClusterTable,
    PairFileMetrics,
    PairScorer,
    PairTable,
    bcubed_metrics,
    cluster_within_groups,
    concat_tables,
    evaluate_clusters,
    evaluate_pairs,
    format_report,
    has_tag,
    load_cluster_table,
    load_pair_table,
    pair_metrics_touching,
    select_rows,
)

DISTRACTOR_COUNT = 2000
PAIR_ANCHOR_CUTOFF = 85.0
MIN_CLUSTER_PRECISION = 0.90


@dataclass(frozen=True)
class Matcher:
    """The clustering and pair scoring under test, with the cutoffs they run at."""

    name: str
    cluster: ClusterFn
    scorer: PairScorer
    score_cutoff: float


@dataclass(frozen=True)
class ClusterRow:
    """One line of the cluster table: namekit's figures next to the anchors'."""

    label: str
    names: int
    precision: float
    recall: float
    f1: float
    bcubed_f1: float
    fingerprint_f1: float
    token_sort_f1: float
    token_sort_cutoff: float
    f1_target: float | None


@dataclass(frozen=True)
class PairRow:
    """One line of the pair table: one figure for namekit and for each anchor."""

    label: str
    measure: str
    pairs: int
    namekit: float
    fingerprint: float
    token_sort: str
    wratio: str
    target: str
    met: bool


@dataclass(frozen=True)
class _ClusterRun:
    """Predictions of namekit and the anchors for one table, to be viewed through masks."""

    table: ClusterTable
    namekit: tuple[str, ...]
    fingerprint: tuple[str, ...]
    token_sort: dict[float, tuple[str, ...]]


def load_namekit() -> Matcher:
    """namekit's dedupe and scorer at their default cutoffs, or exit naming what is missing."""
    try:
        from namekit.dedupe import dedupe_names  # type: ignore[import-not-found,unused-ignore]
        from namekit.scoring import (  # type: ignore[import-not-found,unused-ignore]
            DEFAULT_REVIEW_CUTOFF,
            DEFAULT_SCORE_CUTOFF,
            score_pairs,
        )
    except ImportError as error:
        raise SystemExit(
            f"bench/quality.py needs namekit's matcher ({error}); it is not there yet. "
            "Use --stand-in to check this script with a casefold stand-in."
        ) from error

    def cluster(names: list[str], score_cutoff: float) -> list[str]:
        review_cutoff = min(score_cutoff, float(DEFAULT_REVIEW_CUTOFF))
        result = dedupe_names(names, score_cutoff=score_cutoff, review_cutoff=review_cutoff)
        return list(result.person_ids)

    return Matcher("namekit", cluster, score_pairs, float(DEFAULT_SCORE_CUTOFF))


def casefold_stand_in() -> Matcher:
    """A trivial matcher (equal casefolded names) for checking this script itself."""

    def cluster(names: list[str], score_cutoff: float) -> list[str]:
        return [name.casefold().strip() for name in names]

    return Matcher("casefold stand-in", cluster, fingerprint_scorer, 100.0)


def run_cluster_table(table: ClusterTable, matcher: Matcher) -> _ClusterRun:
    """Cluster a table per group with namekit and both anchors."""
    return _ClusterRun(
        table=table,
        namekit=cluster_within_groups(
            table.names, table.groups, matcher.cluster, matcher.score_cutoff
        ),
        fingerprint=cluster_within_groups(
            table.names, table.groups, lambda names, _: fingerprint_clusters(names), 0.0
        ),
        token_sort=token_sort_within_groups(table.names, table.groups, TOKEN_SORT_CUTOFFS),
    )


def cluster_row(
    run: _ClusterRun, label: str, target: float | None, rows: Sequence[bool] | None = None
) -> ClusterRow:
    """Figures over the pairs touching `rows` (all rows by default) of one run."""
    truth = run.table.truth
    counted = [True] * len(truth) if rows is None else list(rows)
    pairs = pair_metrics_touching(truth, run.namekit, counted)
    best = best_in_hindsight(truth, run.token_sort, counted)
    return ClusterRow(
        label=label,
        names=sum(counted),
        precision=pairs.precision,
        recall=pairs.recall,
        f1=pairs.f1,
        bcubed_f1=bcubed_metrics(truth, run.namekit, counted).f1,
        fingerprint_f1=pair_metrics_touching(truth, run.fingerprint, counted).f1,
        token_sort_f1=best.metrics.f1,
        token_sort_cutoff=best.score_cutoff,
        f1_target=target,
    )


def without_disjoint(table: ClusterTable) -> ClusterTable:
    """The table without rows tagged `disjoint` (aliases sharing no token with the name)."""
    keep = [not has_tag(kind, ["disjoint"]) for kind in table.columns["variant_kind"]]
    return select_rows(table, keep, label=f"{table.label}, no disjoint")


def distractors(ofac: ClusterTable, focus: ClusterTable) -> ClusterTable:
    """2,000 OFAC primary names, chosen by hash, leaving out OFAC entries of the same person.

    An OFAC entry whose names share a fingerprint key with the focus person (OFAC
    lists "QADHAFI, Muammar") is the same person under another id; keeping it
    would count a correct merge as a false one.
    """
    focus_keys = {fingerprint_key(name) for name in focus.names}
    same_person = {
        cluster
        for name, cluster in zip(ofac.names, ofac.truth, strict=True)
        if fingerprint_key(name) in focus_keys
    }
    candidates = [
        row
        for row, (kind, cluster) in enumerate(
            zip(ofac.columns["variant_kind"], ofac.truth, strict=True)
        )
        if kind == "primary" and cluster not in same_person
    ]
    # A hash spreads the pick over the whole list and is the same on every machine.
    candidates.sort(key=lambda row: hashlib.sha256(ofac.names[row].encode()).hexdigest())
    picked = set(candidates[:DISTRACTOR_COUNT])
    return select_rows(ofac, [row in picked for row in range(len(ofac.names))], label="ofac")


def one_person_row(
    eval_dir: Path, stem: str, ofac: ClusterTable, matcher: Matcher, target: float
) -> ClusterRow:
    """A one-person file deduped among OFAC distractors, counting pairs touching its rows."""
    focus = load_cluster_table(eval_dir / f"{stem}.csv")
    crowd = concat_tables([focus, distractors(ofac, focus)], label=stem)
    rows = [True] * len(focus.names) + [False] * (len(crowd.names) - len(focus.names))
    label = f"{stem} (+{len(crowd.names) - len(focus.names):,} OFAC names)"
    return cluster_row(run_cluster_table(crowd, matcher), label, target, rows)


def cluster_rows(eval_dir: Path, matcher: Matcher, timings: dict[str, float]) -> list[ClusterRow]:
    """Every cluster-file line of the report, timing each file."""
    # (group column, F1 target with disjoint rows, without them). Senzing's three
    # sources (customers, watchlist, reference) are one dataset: its truth key
    # links records across them, so it is deduped whole.
    plain: dict[str, tuple[str | None, float | None, float | None]] = {
        "ofac_sdn_2021": ("source", None, 0.75),
        "un_sc_2018": ("source", None, 0.60),
        "senzing_truthset": (None, None, None),
    }
    rows: list[ClusterRow] = []
    for stem, (group_column, target_all, target_clean) in plain.items():
        started = time.perf_counter()
        table = load_cluster_table(eval_dir / f"{stem}.csv", group_column=group_column)
        rows.append(cluster_row(run_cluster_table(table, matcher), stem, target_all))
        clean = without_disjoint(table)
        if len(clean.names) < len(table.names):
            rows.append(cluster_row(run_cluster_table(clean, matcher), clean.label, target_clean))
        elif target_clean is not None:
            # Nothing to drop: the one line carries the no-disjoint target.
            rows[-1] = replace(rows[-1], f1_target=target_clean)
        timings[stem] = time.perf_counter() - started
    started = time.perf_counter()
    politicians = load_cluster_table(eval_dir / "everypolitician.csv", group_column="source")
    clean = without_disjoint(politicians)
    variants = [politicians] if len(clean.names) == len(politicians.names) else [politicians, clean]
    for table in variants:
        run = run_cluster_table(table, matcher)
        suffix = table.label.removeprefix("everypolitician")
        rows.append(cluster_row(run, f"everypolitician per legislature{suffix}", 0.50))
        taiwan = ["/Taiwan/" in f"/{group.split(':')[-1]}" for group in table.groups]
        rows.append(cluster_row(run, f"everypolitician Taiwan{suffix}", 0.78, taiwan))
    timings["everypolitician"] = time.perf_counter() - started
    started = time.perf_counter()
    ofac = load_cluster_table(eval_dir / "ofac_sdn_2021.csv")
    rows.append(one_person_row(eval_dir, "gnu_grep_khadafy", ofac, matcher, 0.95))
    rows.append(one_person_row(eval_dir, "rigour_putin_names", ofac, matcher, 0.85))
    timings["one-person sets"] = time.perf_counter() - started
    return rows


def _best_pair_f1(table: PairTable, scorer: PairScorer) -> str:
    """An anchor's best pair F1 over its cutoffs in hindsight, with that cutoff."""
    report = evaluate_pairs(
        table, scorer=scorer, score_cutoff=100.0, sweep_cutoffs=TOKEN_SORT_CUTOFFS
    )
    best = max(report.sweep, key=lambda row: (row.metrics.f1, row.score_cutoff))
    return f"{best.metrics.f1:.2f} @{best.score_cutoff:g}"


def _figure(metrics: PairFileMetrics, measure: str) -> float:
    """The one figure a pair file is judged on."""
    return {"F1": metrics.f1, "recall": metrics.recall, "merged": metrics.merged_share}[measure]


def _anchor_figure(table: PairTable, scorer: PairScorer, measure: str) -> str:
    """An anchor's figure: best F1 in hindsight, or the figure at the conventional cutoff 85."""
    if measure == "F1":
        return _best_pair_f1(table, scorer)
    metrics = evaluate_pairs(table, scorer=scorer, score_cutoff=PAIR_ANCHOR_CUTOFF).metrics
    return f"{_fmt(_figure(metrics, measure), measure)} @{PAIR_ANCHOR_CUTOFF:g}"


def pair_rows(eval_dir: Path, matcher: Matcher, timings: dict[str, float]) -> list[PairRow]:
    """Every pair-file line of the report: the figure that file can measure."""
    rows = []
    for stem, measure, target in (
        ("nomenklatura_name_bench_pairs", "F1", 0.82),
        ("human_match_pairs", "recall", 0.95),
        ("yente_un_perturbed_pairs", "recall", 0.99),
        ("derived_hard_negatives_pairs", "merged", 0.05),
    ):
        started = time.perf_counter()
        table = load_pair_table(eval_dir / f"{stem}.csv")
        namekit = evaluate_pairs(table, scorer=matcher.scorer, score_cutoff=matcher.score_cutoff)
        fingerprint = evaluate_pairs(table, scorer=fingerprint_scorer, score_cutoff=100.0)
        value = _figure(namekit.metrics, measure)
        rows.append(
            PairRow(
                label=stem,
                measure=measure,
                pairs=namekit.metrics.pairs,
                namekit=value,
                fingerprint=_figure(fingerprint.metrics, measure),
                token_sort=_anchor_figure(table, token_sort_scorer, measure),
                wratio=_anchor_figure(table, wratio_scorer, measure),
                target=("≤ " if measure == "merged" else "≥ ") + _fmt(target, measure),
                met=value <= target if measure == "merged" else value >= target,
            )
        )
        timings[stem] = time.perf_counter() - started
    return rows


def _fmt(value: float, measure: str = "F1") -> str:
    """A figure as the report shows it: shares as percentages, others with two decimals."""
    return f"{value:.1%}" if measure == "merged" else f"{value:.2f}"


def _cluster_met(row: ClusterRow) -> str:
    """Whether a cluster row reaches its targets (precision always, F1 where set)."""
    met = row.precision >= MIN_CLUSTER_PRECISION
    if row.f1_target is not None:
        met = met and row.f1 >= row.f1_target
    return "yes" if met else "**no**"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table, text left and figures right."""
    align = ["---" if index == 0 else "--:" for index in range(len(headers))]
    lines = [headers, align, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def cluster_markdown(rows: Sequence[ClusterRow]) -> str:
    """The cluster-file table."""
    headers = ["set", "names", "P", "R", "F1", "B³ F1", "fingerprint F1", "token_sort F1"]
    headers += ["target", "met"]
    body = [
        [
            row.label,
            f"{row.names:,}",
            _fmt(row.precision),
            _fmt(row.recall),
            # Three decimals: rounded to two, 0.747 would read as meeting a 0.75 target.
            f"**{row.f1:.3f}**",
            _fmt(row.bcubed_f1),
            _fmt(row.fingerprint_f1),
            f"{_fmt(row.token_sort_f1)} @{row.token_sort_cutoff:g}",
            (f"F1 ≥ {row.f1_target:.2f}, " if row.f1_target is not None else "")
            + f"P ≥ {MIN_CLUSTER_PRECISION:.2f}",
            _cluster_met(row),
        ]
        for row in rows
    ]
    return markdown_table(headers, body)


def pair_markdown(rows: Sequence[PairRow]) -> str:
    """The pair-file table."""
    headers = ["set", "pairs", "measure", "namekit", "fingerprint", "token_sort", "WRatio"]
    headers += ["target", "met"]
    body = [
        [
            row.label,
            f"{row.pairs:,}",
            row.measure,
            f"**{_fmt(row.namekit, row.measure)}**",
            _fmt(row.fingerprint, row.measure),
            row.token_sort,
            row.wratio,
            row.target,
            "yes" if row.met else "**no**",
        ]
        for row in rows
    ]
    return markdown_table(headers, body)


def machine() -> str:
    """Where the figures were measured: CPUs available, Python, OS."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cpus} CPUs (nproc), Python {platform.python_version()}, {platform.system()}"


def render(
    cluster_table: str, pair_table: str, *, matcher: Matcher, command: str, seconds: float
) -> str:
    """The whole Markdown document."""
    return f"""# Matching quality

Measured by `{command}` on {datetime.now(UTC):%Y-%m-%d} ({machine()}) in {seconds:.0f} s.
Matcher: {matcher.name}, auto-merge cutoff {matcher.score_cutoff:g} for every set.

## Cluster files

Pair precision (P), recall (R) and F1, and B-cubed F1, at the default cutoff. Each
`source` group is deduped on its own (senzing_truthset as a whole: its truth links
records across its sources); "per legislature" pools the pair counts of all
63 legislatures (micro-average). "no disjoint" drops aliases that share no token with
the person's name. One-person sets are deduped among OFAC primary names and count only
pairs touching their own rows. Anchors: OpenRefine fingerprint key collision;
rapidfuzz token_sort_ratio connected components at the cutoff (after `@`) that was
best in hindsight for that row.

{cluster_table}

## Pair files

F1 for the file with both kinds of label; recall for files of matches only; the share
of pairs merged for the file of different people (lower is better). token_sort and
WRatio: best F1 in hindsight, otherwise the figure at cutoff 85.

{pair_table}
"""


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=REPO_ROOT.parent / "shared" / "eval")
    parser.add_argument(
        "--output",
        type=Path,
        help="Markdown file to write (default docs/quality.md; "
        "bench/out/quality-stand-in.md with --stand-in, so it never replaces the real report)",
    )
    parser.add_argument(
        "--show-errors", type=int, default=0, help="print the N worst errors per set to stdout"
    )
    parser.add_argument(
        "--stand-in",
        action="store_true",
        help="measure a casefold stand-in instead of namekit (to check this script)",
    )
    return parser.parse_args(argv)


def print_errors(eval_dir: Path, matcher: Matcher, limit: int) -> None:
    """The worst false merges and missed pairs of every file, for a person to read."""
    for stem in ("ofac_sdn_2021", "un_sc_2018", "everypolitician", "senzing_truthset"):
        group_column = None if stem == "senzing_truthset" else "source"
        table = load_cluster_table(eval_dir / f"{stem}.csv", group_column=group_column)
        table = without_disjoint(table)
        report = evaluate_clusters(
            table,
            cluster=matcher.cluster,
            score_cutoff=matcher.score_cutoff,
            show_errors=limit,
            scorer=matcher.scorer,
        )
        print(f"\n{format_report(report)}")
    for stem in ("nomenklatura_name_bench_pairs", "derived_hard_negatives_pairs"):
        pair_report = evaluate_pairs(
            load_pair_table(eval_dir / f"{stem}.csv"),
            scorer=matcher.scorer,
            score_cutoff=matcher.score_cutoff,
            show_errors=limit,
        )
        print(f"\n{format_report(pair_report)}")


def _interpreter() -> str:
    """The Python that ran this, relative to the repository when it lives there (.venv)."""
    executable = Path(sys.executable)
    if executable.is_relative_to(REPO_ROOT):
        return str(executable.relative_to(REPO_ROOT))
    return "python"


def main(argv: Sequence[str] | None = None) -> int:
    """Run every measurement, print the tables and write the Markdown report."""
    arguments_given = list(sys.argv[1:] if argv is None else argv)
    arguments = parse_arguments(arguments_given)
    if not arguments.eval_dir.is_dir():
        raise SystemExit(f"{arguments.eval_dir} not found; give the eval data with --eval-dir.")
    matcher = casefold_stand_in() if arguments.stand_in else load_namekit()
    started = time.perf_counter()
    timings: dict[str, float] = {}
    clusters = cluster_markdown(cluster_rows(arguments.eval_dir, matcher, timings))
    pairs = pair_markdown(pair_rows(arguments.eval_dir, matcher, timings))
    if arguments.show_errors:
        print_errors(arguments.eval_dir, matcher, arguments.show_errors)
    seconds = time.perf_counter() - started
    command = shlex.join([_interpreter(), "bench/quality.py", *arguments_given])
    document = render(clusters, pairs, matcher=matcher, command=command, seconds=seconds)
    print(document)
    for name, spent in timings.items():
        print(f"{name}: {spent:.1f} s")
    print(f"total: {seconds:.1f} s")
    output = arguments.output or REPO_ROOT / (
        "bench/out/quality-stand-in.md" if arguments.stand_in else "docs/quality.md"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    # Write to a temporary file and rename, so a failed run never leaves half a report.
    partial = output.with_suffix(".partial")
    partial.write_text(document, encoding="utf-8")
    partial.replace(output)
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

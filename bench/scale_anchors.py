"""The anchors `make bench` runs beside namekit, each timed and scored the way namekit is.

Each anchor is a script (`anchor_*.py`) run as a child process on the workload file, its
wall time and peak memory measured by `child.run_child`. It writes a clustering per
threshold; each is scored with namekit's `pair_metrics` against `true_cluster`, and the
best F1 is kept: a threshold chosen in hindsight, which flatters every anchor (namekit
runs at its fixed default cutoffs). The anchor's time is then what it would have taken
at that threshold alone: its wall time less the clustering at the other thresholds.

An anchor whose packages are missing is skipped with the reason. One that runs past the
time limit is killed, and not started at larger sizes. The exhaustive token_sort_ratio
grows with the square of the distinct names: where that extrapolation from a smaller
size passes the limit it is not run, and its extrapolated time is shown as such. The
others (fixed training and sampling costs, then roughly linear) are not started only
when a smaller size already took longer than the limit.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from anchor_io import ALONE, read_clusterings
from child import ChildFailed, ChildTimedOut, run_child

from namekit.evaluation import pair_metrics

BENCH_DIR = Path(__file__).resolve().parent
INSTALL_HINT = "pip install -e '.[bench]'"


@dataclass(frozen=True)
class Anchor:
    """A matcher namekit is measured against at scale."""

    key: str  # its name on the command line
    label: str  # its name in the report
    script: str  # the anchor_*.py that runs it
    needs: tuple[str, ...]  # packages it imports
    # Time ~ distinct names ** growth. Exact for the exhaustive scorer; 0 (its time at a
    # smaller size, a lower bound) where training or sampling costs the same at any size.
    growth: float


ANCHORS = (
    Anchor("token_sort", "rapidfuzz token_sort_ratio, exhaustive", "anchor_token_sort.py", (), 2.0),
    Anchor("fingerprint", "OpenRefine-style fingerprint key", "anchor_fingerprint.py", (), 1.0),
    Anchor("splink", "Splink 5 on DuckDB", "anchor_splink.py", ("splink", "duckdb"), 0.0),
    Anchor("dedupe", "dedupe 3, 250 labelled pairs", "anchor_dedupe.py", ("dedupe",), 0.0),
)
ANCHOR_KEYS = tuple(anchor.key for anchor in ANCHORS)


@dataclass(frozen=True)
class AnchorResult:
    """One anchor at one size: measured, extrapolated, or why not."""

    anchor: Anchor
    size: int
    distinct: int
    seconds: float | None = None  # at its best threshold alone
    peak_mib: float | None = None
    threshold: str = ""
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None
    note: str = ""  # why it was not run, or how its time was found
    killed: bool = False  # ran into the time limit

    @property
    def measured(self) -> bool:
        """Whether the anchor ran here (so its quality is known)."""
        return self.f1 is not None


def choose(text: str) -> list[Anchor]:
    """The anchors named in a comma-separated list ("all" or "none" also work)."""
    keys = [key.strip() for key in text.split(",") if key.strip()]
    if keys == ["all"]:
        return list(ANCHORS)
    if keys in ([], ["none"]):
        return []
    unknown = sorted(set(keys) - set(ANCHOR_KEYS))
    if unknown:
        raise SystemExit(
            f"bench: unknown anchor {', '.join(unknown)}; choose from {', '.join(ANCHOR_KEYS)}"
        )
    return [anchor for anchor in ANCHORS if anchor.key in keys]


def run_anchor(
    anchor: Anchor,
    workload: Path,
    truth: Sequence[str],
    distinct: int,
    out_dir: Path,
    *,
    time_limit: float,
    earlier: Sequence[AnchorResult],
    seed: int,
) -> AnchorResult:
    """Run one anchor on one workload file, unless it is missing or would take too long."""
    size = len(truth)
    missing = [package for package in anchor.needs if importlib.util.find_spec(package) is None]
    if missing:
        note = f"not installed ({', '.join(missing)}; {INSTALL_HINT})"
        return AnchorResult(anchor, size, distinct, note=note)
    if any(r.anchor == anchor and r.killed for r in earlier):
        note = f"not run: killed at the {time_limit:g} s limit at a smaller size"
        return AnchorResult(anchor, size, distinct, note=note)
    estimate = _extrapolated(anchor, distinct, earlier)
    if estimate is not None and estimate[0] > time_limit:
        seconds, basis = estimate
        return AnchorResult(
            anchor,
            size,
            distinct,
            seconds=seconds if anchor.growth > 1 else None,
            note=f"not run: ~{seconds:,.0f} s extrapolated from {basis} "
            f"(time ~ distinct names^{anchor.growth:g}), over the {time_limit:g} s limit"
            if anchor.growth > 0
            else f"not run: {basis}, over the {time_limit:g} s limit already",
        )
    out = out_dir / f"{workload.stem}.{anchor.key}.npz"
    cmd = [sys.executable, str(BENCH_DIR / anchor.script), str(workload), str(out)]
    print(f"anchor {anchor.key} on {workload.name}", file=sys.stderr)
    try:
        run = run_child([*cmd, "--seed", str(seed)], time_limit=time_limit)
    except ChildTimedOut:
        note = f"killed at the {time_limit:g} s limit"
        return AnchorResult(anchor, size, distinct, note=note, killed=True)
    except ChildFailed as error:
        print(f"bench: {error}", file=sys.stderr)
        return AnchorResult(anchor, size, distinct, note="failed (its error is printed above)")
    clusterings = read_clusterings(out)
    scored = []
    for threshold, clustering in clusterings.items():
        # Rows alone (blank names) are singletons, as namekit's blank rows are.
        labels = np.where(
            clustering.labels == ALONE, -1 - np.arange(size, dtype=np.int64), clustering.labels
        )
        scored.append((pair_metrics(truth, labels.astype(str).tolist()), threshold))
    metrics, best = max(scored, key=lambda item: item[0].f1)
    others = sum(c.seconds for t, c in clusterings.items() if t != best)
    return AnchorResult(
        anchor,
        size,
        distinct,
        seconds=run.seconds - others,
        peak_mib=run.peak_mib,
        threshold=best,
        precision=metrics.precision,
        recall=metrics.recall,
        f1=metrics.f1,
    )


def _extrapolated(
    anchor: Anchor, distinct: int, earlier: Sequence[AnchorResult]
) -> tuple[float, str] | None:
    """The anchor's time here by its growth from its largest measured run, with the basis."""
    runs = [r for r in earlier if r.anchor == anchor and r.measured and r.seconds is not None]
    if not runs:
        return None
    base = max(runs, key=lambda r: r.distinct)
    assert base.seconds is not None
    seconds = base.seconds * (distinct / base.distinct) ** anchor.growth
    return seconds, f"{base.seconds:,.1f} s at {base.size:,} rows"


def anchor_report(
    results: Sequence[AnchorResult], namekit: Mapping[int, tuple[float, float]]
) -> list[str]:
    """Markdown: per size, each anchor beside namekit, with namekit's time and F1 as ratios.

    `namekit` gives, per size, namekit's wall seconds and pair F1.
    """
    lines: list[str] = []
    for size in sorted({r.size for r in results}):
        seconds, f1 = namekit[size]
        lines += [
            f"### Anchors at {size:,} rows",
            "",
            "| method | wall s | peak MiB | threshold | P | R | F1 | namekit time ÷ it "
            "| namekit F1 ÷ it |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        notes = []
        for r in (r for r in results if r.size == size):
            wall = "–" if r.seconds is None else f"{r.seconds:,.1f}"
            if r.seconds is not None and not r.measured:
                wall = f"~{r.seconds:,.0f} (extrapolated)"
            time_ratio = "–" if not r.seconds else f"{seconds / r.seconds:.2g}"
            f1_ratio = "–" if not r.f1 else f"{f1 / r.f1:.2g}"
            lines.append(
                f"| {r.anchor.label} | {wall} | {_number(r.peak_mib, '{:,.0f}')} | "
                f"{r.threshold or '–'} | {_number(r.precision)} | {_number(r.recall)} | "
                f"{_number(r.f1)} | {time_ratio} | {f1_ratio} |"
            )
            if r.note:
                notes.append(f"- {r.anchor.label}: {r.note}.")
        lines += ["", *notes, ""] if notes else [""]
    return lines


def _number(value: float | None, form: str = "{:.3f}") -> str:
    return "–" if value is None else form.format(value)


ANCHORS_NOTE = (
    "Anchors: each runs as a child process on the same file (wall time and peak RSS as for "
    "namekit). Its clusterings at several thresholds are scored like namekit's and the best "
    "pair F1 is shown, a threshold chosen in hindsight that no real run can count on; its "
    "wall time leaves out clustering at the other thresholds. Ratios: namekit's wall time "
    "and F1 divided by the anchor's (time below 1: namekit is faster; F1 above 1: namekit "
    "is better). dedupe's 250 answers to its active-learning questions come from "
    "true_cluster (a perfect labeller). Extrapolated times assume time ~ distinct names^2 "
    "for the exhaustive token_sort_ratio. The machine may be shared: timings are noisy."
)

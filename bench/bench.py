"""Speed, memory and quality of `namekit dedupe` on the shared synthetic workload.

Usage, from the repository root (or `make bench`):

    .venv/bin/python bench/bench.py [--sizes 10000,100000] [--seed 42] [--out-dir bench/out]
                                    [--gen-script ../shared/bench/gen_names.py]
                                    [--recall-sample 20000] [--compare-pairs 100000]
                                    [--anchors all] [--anchor-time-limit 900]

For each size it generates the workload with the shared generator (once; an existing
file in the out dir is reused), runs the real CLI in a child process and measures its
wall time and peak resident memory, scores the output's `person_id` against the
workload's `true_cluster` (pair precision / recall / F1), and counts namekit's
candidate pairs in-process (timed separately, so the CLI timing stays clean). Then it
runs the anchors that are installed (token_sort_ratio, fingerprint keys, Splink,
dedupe: scale_anchors.py) the same way, and gives namekit's time and F1 as a ratio to
each. Then, once, on the largest size: blocking recall on a row sample, and the batch
speed of pair scoring (`namekit compare` against one `score_names` call per pair). The
tables are printed and written to OUT_DIR/bench.md. See bench/README.md for the
definitions.
"""

from __future__ import annotations

import argparse
import csv
import inspect
import itertools
import multiprocessing
import os
import platform
import random
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd
from rapidfuzz import fuzz, process

REPO_ROOT = Path(__file__).resolve().parents[1]
# Run from a checkout without installing namekit: the repository root goes first on the path.
sys.path.insert(0, str(REPO_ROOT))

from child import ChildFailed, ChildRun, run_child  # noqa: E402
from scale_anchors import (  # noqa: E402
    ANCHORS_NOTE,
    AnchorResult,
    anchor_report,
    choose,
    run_anchor,
)

from namekit.blocking import candidate_pairs  # noqa: E402
from namekit.evaluation import pair_metrics  # noqa: E402
from namekit.normalize import normalize_name, parse_name  # noqa: E402
from namekit.scoring import DEFAULT_SCORE_CUTOFF, score_names  # noqa: E402

Ints = npt.NDArray[np.int64]
DEFAULT_GEN_SCRIPT = REPO_ROOT.parent / "shared" / "bench" / "gen_names.py"
PRESELECT_SCORER = "rapidfuzz fuzz.token_set_ratio"
PRESELECT_CUTOFF = 50
CDIST_CHUNK = 1000  # query rows per process.cdist call (a 1000 x n uint8 block)
SCORE_CHUNK = 20_000  # pairs per worker task in the exhaustive scoring
PINNED = {"faker": "40.63.0", "pypinyin": "0.55.0"}
# The one pair of the start-up run: a fuzzy match, so that the scorer's tables get loaded.
STARTUP_PAIR = ("Wu Yanan", "Yanan Wuu")


@dataclass(frozen=True)
class SizeResult:
    """One row of the table."""

    size: int
    rows: int
    distinct: int
    seconds: float
    cpu_seconds: float
    peak_mib: float
    candidates: int
    parse_seconds: float
    candidate_seconds: float
    precision: float
    recall: float
    f1: float
    ceiling_f1: float


@dataclass(frozen=True)
class BlockingRecall:
    """How many of the pairs the scorer accepts exhaustively blocking also proposes."""

    source: str
    rows: int
    distinct: int
    preselected: int
    accepted: int
    found_full: int  # by candidate_pairs over the whole workload's distinct names
    found_full_or_normalized: int  # ... or joined before blocking (equal sorted_key)
    found_sample: int  # by candidate_pairs over the sample's distinct names only
    decisive: int  # accepted pairs whose match does not rest on an initial or a lone part
    found_decisive: int  # ... found (over the whole workload, or equal once normalised)
    same_person: int  # accepted pairs whose names share a true person of the workload
    found_same_person: int  # ... found
    missed: list[tuple[str, str, float]]  # a few accepted pairs blocking does not find
    seconds: float


@dataclass(frozen=True)
class ScoringSpeed:
    """Batch (`namekit compare`) against per-pair (`score_names`) scoring."""

    pairs: int
    compare: ChildRun
    startup: ChildRun  # the fastest of three one-pair runs
    loop_seconds: float
    loop_cpu_seconds: float


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    gen_script = Path(args.gen_script)
    if not gen_script.is_absolute():
        gen_script = REPO_ROOT / gen_script
    if not gen_script.is_file():
        print(
            f"bench: the workload generator {gen_script} is missing; "
            "pass --gen-script PATH to the shared gen_names.py",
            file=sys.stderr,
        )
        return 2
    out_dir = Path(args.out_dir)
    if not out_dir.is_absolute():
        out_dir = REPO_ROOT / out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = _sizes(args.sizes)
    anchors = choose(args.anchors)

    results: list[SizeResult] = []
    anchor_results: list[AnchorResult] = []
    workloads: dict[int, Path] = {}
    full_names: dict[int, list[str]] = {}
    full_pairs: dict[int, Ints] = {}
    for size in sizes:
        workload = _workload(gen_script, size, args.seed, out_dir)
        workloads[size] = workload
        result, names, pairs = _measure(workload, size, out_dir)
        results.append(result)
        full_names[size], full_pairs[size] = names, pairs
        print(
            f"{_label(size)}: {result.seconds:.1f} s, {result.peak_mib:.0f} MiB, "
            f"F1 {result.f1:.3f}",
            file=sys.stderr,
        )
        truth = _read(workload)["true_cluster"].tolist()
        for anchor in anchors:
            outcome = run_anchor(
                anchor,
                workload,
                truth,
                result.distinct,
                out_dir,
                time_limit=args.anchor_time_limit,
                earlier=anchor_results,
                seed=args.seed,
            )
            anchor_results.append(outcome)
            print(f"{_label(size)} {anchor.key}: {_anchor_line(outcome)}", file=sys.stderr)

    largest = max(sizes)
    recall = None
    if args.recall_sample > 0:
        recall = _blocking_recall(
            workloads[largest],
            full_names[largest],
            full_pairs[largest],
            args.recall_sample,
            args.seed,
        )
    speed = None
    if args.compare_pairs > 0:
        speed = _scoring_speed(workloads[largest], args.compare_pairs, args.seed, out_dir)

    report = _report(results, anchor_results, recall, speed, args.seed)
    print(report)
    (out_dir / "bench.md").write_text(report + "\n", encoding="utf-8")
    print(f"written to {out_dir / 'bench.md'}", file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000", help="rows, comma-separated (10k, 1M)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out-dir", default="bench/out", help="relative to the repository root")
    parser.add_argument(
        "--gen-script",
        default=os.path.relpath(DEFAULT_GEN_SCRIPT, REPO_ROOT),
        help="the shared workload generator, relative to the repository root",
    )
    parser.add_argument(
        "--recall-sample",
        type=int,
        default=20_000,
        help="rows sampled from the largest size for blocking recall; 0 skips it",
    )
    parser.add_argument(
        "--compare-pairs",
        type=int,
        default=100_000,
        help="name pairs for the pair-scoring speed check; 0 skips it",
    )
    parser.add_argument(
        "--anchors",
        default="all",
        help="comma-separated: token_sort, fingerprint, splink, dedupe (all; none skips them); "
        "Splink and dedupe run only when installed (pip install -e '.[bench]')",
    )
    parser.add_argument(
        "--anchor-time-limit",
        type=float,
        default=900.0,
        metavar="SECONDS",
        help="per anchor and size: one that runs longer is killed, and one whose time "
        "extrapolated from a smaller size is longer is not run",
    )
    return parser


def _sizes(text: str) -> list[int]:
    sizes = []
    for item in text.split(","):
        item = item.strip().lower()
        scale = {"k": 1_000, "m": 1_000_000}.get(item[-1:], 1)
        sizes.append(int(float(item[:-1] if scale > 1 else item) * scale))
    if not sizes or min(sizes) < 2:
        raise SystemExit("bench: --sizes needs row counts of at least 2, e.g. 10000,100000")
    return sorted(set(sizes))


def _label(size: int) -> str:
    for unit, scale in (("M", 1_000_000), ("k", 1_000)):
        if size >= scale and size % scale == 0:
            return f"{size // scale}{unit}"
    return str(size)


def _workload(gen_script: Path, size: int, seed: int, out_dir: Path) -> Path:
    """The workload file for this size and seed, generated unless it already exists."""
    path = out_dir / f"names_{_label(size)}_seed{seed}.csv"
    if path.exists():
        return path
    print(f"generating {path.name}", file=sys.stderr)
    partial = path.with_suffix(".partial.csv")
    cmd = [sys.executable, str(gen_script), "--rows", str(size), "--seed", str(seed)]
    subprocess.run([*cmd, "--out", str(partial), "--quiet"], check=True)
    partial.replace(path)
    return path


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _measure(workload: Path, size: int, out_dir: Path) -> tuple[SizeResult, list[str], Ints]:
    output = out_dir / f"{workload.stem}.deduped.csv"
    cmd = [sys.executable, "-m", "namekit", "dedupe", str(workload), "--column", "name"]
    run = _run_cli([*cmd, "-o", str(output), "-q"])

    table = _read(output)
    truth = table["true_cluster"].tolist()
    # Blank names get an empty person_id: each is its own singleton, never one big cluster.
    predicted = [p or f"blank:{i}" for i, p in enumerate(table["person_id"].tolist())]
    metrics = pair_metrics(truth, predicted)

    names = sorted({n for n in table["name"].tolist() if n.strip()})
    _clear_caches()
    start = time.perf_counter()
    parsed = [parse_name(n) for n in names]
    parse_seconds = time.perf_counter() - start
    pairs = candidate_pairs(parsed)
    candidate_seconds = time.perf_counter() - start - parse_seconds
    codes = np.asarray([i * len(names) + j for i, j in pairs], dtype=np.int64)
    result = SizeResult(
        size=size,
        rows=len(table),
        distinct=len(names),
        seconds=run.seconds,
        cpu_seconds=run.cpu_seconds,
        peak_mib=run.peak_mib,
        candidates=len(pairs),
        parse_seconds=parse_seconds,
        candidate_seconds=candidate_seconds,
        precision=metrics.precision,
        recall=metrics.recall,
        f1=metrics.f1,
        ceiling_f1=_spelling_ceiling(table),
    )
    return result, names, np.sort(codes)


def _spelling_ceiling(table: pd.DataFrame) -> float:
    """Pair F1 when each distinct spelling goes to the true person who writes it most often.

    dedupe gives every row of one spelling one person, so where a spelling stands for
    several people (J. Brown) no matcher of names alone can score much above this.
    """
    rows = table.groupby(["name", "true_cluster"]).size().reset_index(name="rows")
    commonest = rows.sort_values("rows", ascending=False, kind="stable").drop_duplicates("name")
    person = dict(zip(commonest["name"], commonest["true_cluster"], strict=True))
    names = table["name"].tolist()
    predicted = [person[n] if n.strip() else f"blank:{i}" for i, n in enumerate(names)]
    return pair_metrics(table["true_cluster"].tolist(), predicted).f1


# Worker state for the exhaustive scoring, inherited by fork.
_SCORE_NAMES: list[str] = []


def _accepted(task: tuple[Ints, Ints]) -> npt.NDArray[np.bool_]:
    left, right = task
    return np.fromiter(
        (
            score_names(_SCORE_NAMES[i], _SCORE_NAMES[j]).score >= DEFAULT_SCORE_CUTOFF
            for i, j in zip(left.tolist(), right.tolist(), strict=True)
        ),
        dtype=np.bool_,
        count=len(left),
    )


def _blocking_recall(
    workload: Path, full_names: list[str], full_pairs: Ints, sample_rows: int, seed: int
) -> BlockingRecall:
    """Share of the pairs namekit's scorer accepts (exhaustively) that blocking proposes."""
    start = time.perf_counter()
    table = _read(workload)
    rows = len(table) if sample_rows >= len(table) else sample_rows
    sample = table if rows == len(table) else table.sample(n=rows, random_state=seed)
    names = sorted({n for n in sample["name"].tolist() if n.strip()})
    print(f"blocking recall: {len(names)} distinct names, pre-selecting pairs", file=sys.stderr)

    # Pre-selection: every pair of the sample's distinct names whose normalized forms reach
    # token_set_ratio >= 50 (any shared token does); the scorer then decides.
    normalized = [normalize_name(n) for n in names]
    lefts: list[Ints] = []
    rights: list[Ints] = []
    for first in range(0, len(names), CDIST_CHUNK):
        block = process.cdist(
            normalized[first : first + CDIST_CHUNK],
            normalized[first:],
            scorer=fuzz.token_set_ratio,
            score_cutoff=PRESELECT_CUTOFF,
            dtype=np.uint8,
            workers=-1,
        )
        i, j = np.nonzero(block)
        upper = j > i  # column j is name first + j; keep each pair once, i < j
        lefts.append((i[upper] + first).astype(np.int64))
        rights.append((j[upper] + first).astype(np.int64))
    left = np.concatenate(lefts)
    right = np.concatenate(rights)
    print(f"blocking recall: scoring {len(left)} pre-selected pairs", file=sys.stderr)

    global _SCORE_NAMES
    _SCORE_NAMES = names
    tasks = [
        (left[k : k + SCORE_CHUNK], right[k : k + SCORE_CHUNK])
        for k in range(0, len(left), SCORE_CHUNK)
    ]
    _clear_caches()
    with multiprocessing.get_context("fork").Pool(os.cpu_count() or 1) as pool:
        keep = np.concatenate([np.zeros(0, dtype=np.bool_), *pool.map(_accepted, tasks)])
    left, right = left[keep], right[keep]

    # Found by blocking over the whole workload (what `dedupe` runs on) ...
    index = {name: k for k, name in enumerate(full_names)}
    full_left = np.asarray([index[names[k]] for k in left.tolist()], dtype=np.int64)
    full_right = np.asarray([index[names[k]] for k in right.tolist()], dtype=np.int64)
    in_full = np.isin(full_left * len(full_names) + full_right, full_pairs)
    # ... or joined before blocking because the names are equal once normalised.
    keys = [parse_name(n).sorted_key for n in names]
    same_key = np.asarray(
        [keys[a] == keys[b] for a, b in zip(left.tolist(), right.tolist(), strict=True)],
        dtype=np.bool_,
    )
    # Found by blocking over the sample's names only (smaller buckets, fewer splits).
    sample_pairs = candidate_pairs([parse_name(n) for n in names])
    sample_codes = np.asarray([a * len(names) + b for a, b in sample_pairs], dtype=np.int64)
    in_sample = np.isin(left * len(names) + right, sample_codes)
    # The breakdown: pairs the scorer accepts only if no one else fits ("A. Wolfe" / "Anna
    # Wolfe") are most accepted pairs of a large sample, and most are not one person.
    found = in_full | same_key
    decisive = np.asarray(
        [
            score_names(names[a], names[b]).decisive
            for a, b in zip(left.tolist(), right.tolist(), strict=True)
        ],
        dtype=np.bool_,
    )
    people: dict[str, set[str]] = {}
    for name, person in zip(sample["name"].tolist(), sample["true_cluster"].tolist(), strict=True):
        people.setdefault(name, set()).add(str(person))
    same_person = np.asarray(
        [
            not people[names[a]].isdisjoint(people[names[b]])
            for a, b in zip(left.tolist(), right.tolist(), strict=True)
        ],
        dtype=np.bool_,
    )
    return BlockingRecall(
        decisive=int(decisive.sum()),
        found_decisive=int((decisive & found).sum()),
        same_person=int(same_person.sum()),
        found_same_person=int((same_person & found).sum()),
        source=workload.name,
        rows=rows,
        distinct=len(names),
        preselected=sum(len(t[0]) for t in tasks),
        accepted=len(left),
        found_full=int(in_full.sum()),
        found_full_or_normalized=int((in_full | same_key).sum()),
        found_sample=int(in_sample.sum()),
        missed=[
            (names[a], names[b], score_names(names[a], names[b]).score)
            for a, b in zip(
                left[~(in_full | same_key)][:5].tolist(),
                right[~(in_full | same_key)][:5].tolist(),
                strict=True,
            )
        ],
        seconds=time.perf_counter() - start,
    )


def _scoring_speed(workload: Path, count: int, seed: int, out_dir: Path) -> ScoringSpeed:
    """`namekit compare` on `count` pairs against one in-process score_names call per pair."""
    pairs = _workload_pairs(_read(workload), count, seed)
    pairs_file = out_dir / f"pairs_{len(pairs)}_seed{seed}.csv"
    one_pair_file = out_dir / "pairs_1.csv"
    for path, chunk in ((pairs_file, pairs), (one_pair_file, [STARTUP_PAIR])):
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["left", "right"])
            writer.writerows(chunk)
    cmd = [sys.executable, "-m", "namekit", "compare", "--left", "left", "--right", "right"]
    print(f"pair scoring: namekit compare on {len(pairs)} pairs", file=sys.stderr)
    compare = _run_cli([*cmd, str(pairs_file), "-o", str(out_dir / "pairs.scored.csv")])
    startup = min(
        (
            _run_cli([*cmd, str(one_pair_file), "-o", str(out_dir / "pairs_1.scored.csv")])
            for _ in range(3)
        ),
        key=lambda run: run.seconds,
    )

    # One warm-up call loads the tables namekit loads lazily (the subtracted start-up run
    # of `compare` does the same), then every cache is emptied: the loop starts as cold as
    # `compare` does, whatever earlier stages of this script have scored.
    score_names(*STARTUP_PAIR)
    _clear_caches()
    rows = []
    start, start_cpu = time.perf_counter(), time.process_time()
    for a, b in pairs:
        match = score_names(a, b)
        rows.append((f"{match.score:g}", f"{match.reason}: {match.explanation}"))
    return ScoringSpeed(
        pairs=len(pairs),
        compare=compare,
        startup=startup,
        loop_seconds=time.perf_counter() - start,
        loop_cpu_seconds=time.process_time() - start_cpu,
    )


def _workload_pairs(table: pd.DataFrame, count: int, seed: int) -> list[tuple[str, str]]:
    """Distinct name pairs: half from one true person (variants), half random rows."""
    rng = random.Random(seed)
    names = [n for n in table["name"].tolist() if n.strip()]
    groups: dict[str, list[str]] = {}
    for name, cluster in zip(table["name"].tolist(), table["true_cluster"].tolist(), strict=True):
        if name.strip():
            groups.setdefault(cluster, []).append(name)
    multi = sorted((g for g in groups.values() if len(set(g)) > 1), key=lambda g: g[0])
    seen: set[tuple[str, str]] = set()
    pairs: list[tuple[str, str]] = []
    attempts = 0
    while len(pairs) < count and attempts < 20 * count:
        attempts += 1
        if len(pairs) % 2 == 0 and multi:
            a, b = rng.sample(sorted(set(rng.choice(multi))), 2)
        else:
            a, b = rng.choice(names), rng.choice(names)
        if a != b and (a, b) not in seen:
            seen.add((a, b))
            pairs.append((a, b))
    return pairs


def _clear_caches() -> None:
    """Empty namekit's caches of per-name work (parses, scores, token keys, weights).

    Every cached function of a namekit module that takes arguments is emptied; the
    argument-less ones that load a data table once stay loaded, as they would be after
    the start-up that timings subtract.
    """
    for module in [m for name, m in sys.modules.items() if name.startswith("namekit")]:
        for value in vars(module).values():
            wrapped = getattr(value, "__wrapped__", None)
            takes_arguments = wrapped is not None and inspect.signature(wrapped).parameters
            if hasattr(value, "cache_clear") and takes_arguments:
                value.cache_clear()


def _run_cli(cmd: list[str]) -> ChildRun:
    """Run namekit as a child process; stop the benchmark with its error if it fails."""
    try:
        return run_child(cmd)
    except ChildFailed as error:
        raise SystemExit(f"bench: {error}") from None


def _machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory = f", {int(line.split()[1]) / 1024**2:.0f} GiB RAM"
                break
    except OSError:
        pass
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{nproc} CPUs ({model}){memory}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def _versions() -> str:
    found = []
    for package in ("namekit", "rapidfuzz", *PINNED, "splink", "duckdb", "dedupe"):
        try:
            found.append(f"{package} {version(package)}")
        except PackageNotFoundError:
            found.append(f"{package} (not installed)")
    commit = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return ", ".join(found) + (f"; namekit commit {commit}" if commit else "")


def _report(
    results: list[SizeResult],
    anchors: list[AnchorResult],
    recall: BlockingRecall | None,
    speed: ScoringSpeed | None,
    seed: int,
) -> str:
    lines = [
        f"## namekit dedupe on the synthetic workload (gen_names.py, seed {seed})",
        "",
        "| size | rows | distinct names | wall s | CPU s | peak MiB | candidate pairs | P | R "
        "| F1 | F1 ceiling |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {_label(r.size)} | {r.rows:,} | {r.distinct:,} | {r.seconds:.1f} | "
            f"{r.cpu_seconds:.1f} | {r.peak_mib:,.0f} | {r.candidates:,} | {r.precision:.3f} | "
            f"{r.recall:.3f} | {r.f1:.3f} | {r.ceiling_f1:.3f} |"
        )
    lines += [
        "",
        "Wall s and peak MiB: `python -m namekit dedupe FILE --column name -o OUT -q` as a "
        "child process (peak RSS from wait4). P / R / F1: pairs of rows, person_id against "
        f"true_cluster, default cutoffs (auto-merge {DEFAULT_SCORE_CUTOFF:g}). F1 ceiling: pair "
        "F1 when each distinct spelling goes to the true person who writes it most often: about "
        "the most a method that gives one spelling one person can reach. CPU s: user and system "
        "time of the child and its worker processes, steadier than wall time on a shared "
        "machine. Candidate pairs: "
        "`candidate_pairs` over the sorted distinct names, in-process ("
        + ", ".join(
            f"{_label(r.size)} {r.candidate_seconds:.1f} s after {r.parse_seconds:.1f} s parsing"
            for r in results
        )
        + ").",
        "",
    ]
    if len(results) > 1:
        ratios = ", ".join(
            f"{_label(big.size)} / {_label(small.size)}: wall {big.seconds / small.seconds:.1f}, "
            f"CPU {big.cpu_seconds / max(small.cpu_seconds, 1e-9):.1f}"
            for small, big in itertools.pairwise(results)
        )
        lines += [f"Time of each size over the one before ({ratios}).", ""]
    if anchors:
        lines += anchor_report(anchors, {r.size: (r.seconds, r.f1) for r in results})
        lines += [ANCHORS_NOTE, ""]
    else:
        lines += ["Anchors: none run (--anchors none).", ""]
    if recall is not None:
        share = _share(recall.found_full_or_normalized, recall.accepted)
        lines.append(
            f"- Blocking recall: **{share}** of {recall.accepted:,} accepted pairs "
            f"(strictly by candidate_pairs: {_share(recall.found_full, recall.accepted)}; "
            f"blocking the sample alone: {_share(recall.found_sample, recall.accepted)}). "
            f"Sample: {recall.rows:,} rows of {recall.source} (seed {seed}), "
            f"{recall.distinct:,} distinct names. Accepted pairs: pairs of the sample's "
            f"distinct names pre-selected by {PRESELECT_SCORER} >= {PRESELECT_CUTOFF} on "
            f"normalize_name ({recall.preselected:,} pairs), then kept when score_names >= "
            f"{DEFAULT_SCORE_CUTOFF:g}; pairs outside the pre-selection are not checked. "
            "Found: the pair is among candidate_pairs over the whole workload's distinct "
            "names, or the two names are equal once normalised (dedupe joins those before "
            f"blocking). {recall.seconds:.0f} s."
        )
        lines.append(
            f"  Of the accepted pairs, {recall.decisive:,} are decisive (not resting on an "
            f"initial or a lone part): found {_share(recall.found_decisive, recall.decisive)}; "
            f"{recall.same_person:,} share a true person: found "
            f"{_share(recall.found_same_person, recall.same_person)}."
        )
        if recall.missed:
            shown = "; ".join(f"{a} / {b} ({score:.0f})" for a, b, score in recall.missed)
            lines.append(f"  Missed, first in name order: {shown}.")
    if speed is not None:
        compare, startup, per_pair = speed.compare, speed.startup, 1e6 / speed.pairs
        net = max(compare.seconds - startup.seconds, 0.0) * per_pair
        gross = compare.seconds * per_pair
        cpu_net = max(compare.cpu_seconds - startup.cpu_seconds, 0.0) * per_pair
        loop, loop_cpu = speed.loop_seconds * per_pair, speed.loop_cpu_seconds * per_pair
        lines.append(
            f"- Pair scoring, {speed.pairs:,} workload pairs (half variants of one person, "
            f"half random): `namekit compare` {net:.1f} µs/pair net of {startup.seconds:.1f} s "
            f"start-up (a one-pair run, tables loaded), {gross:.1f} µs/pair gross "
            f"({compare.seconds:.1f} s wall, {compare.peak_mib:,.0f} MiB); one in-process "
            f"score_names call per pair, every per-name cache emptied first: {loop:.1f} "
            f"µs/pair. Batch speed-up: **{_ratio(loop, net)}** net, {_ratio(loop, gross)} "
            f"gross. CPU time (all processes, steadier on a busy machine): compare "
            f"{cpu_net:.1f} µs/pair net, loop {loop_cpu:.1f} µs/pair."
        )
    lines += [f"- Machine: {_machine()}", f"- Versions: {_versions()}"]
    return "\n".join(lines)


def _ratio(slow: float, fast: float) -> str:
    return f"{slow / fast:.1f}x" if fast > 0 else "n/a"


def _anchor_line(result: AnchorResult) -> str:
    """One anchor's outcome for the progress lines on stderr."""
    if not result.measured:
        return result.note
    return f"{result.seconds:.1f} s, {result.peak_mib:.0f} MiB, F1 {result.f1:.3f}"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.4f}" if whole else "n/a (no accepted pairs)"


if __name__ == "__main__":
    sys.exit(main())

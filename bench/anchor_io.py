"""What every scale anchor shares: its command line, the workload's names, its clusterings.

Each anchor (`anchor_*.py`) is a script that `make bench` runs as a child process, so
its wall time and peak memory are measured the way namekit's are:

    python bench/anchor_splink.py WORKLOAD.csv CLUSTERINGS.npz [--seed 42]

It reads the workload's `name` column (only dedupe's stand-in for a person labelling
pairs also reads `true_cluster`) and writes one clustering per threshold it was run at,
so that `scale_anchors.py` can score each one and report the best in hindsight, with
the seconds each threshold's clustering took.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pandas as pd

Ints = npt.NDArray[np.int64]
ALONE = -1  # the label of a row that is nobody's duplicate (a blank name, say)


@dataclass(frozen=True)
class Clustering:
    """A label per row (equal labels: one person), and the seconds spent on this threshold.

    The seconds are what clustering at this threshold added once the scoring was done, so
    that the anchor's time can be reported as if it had been run at its best one alone.
    """

    labels: Ints
    seconds: float = 0.0


def parse_args(description: str | None) -> argparse.Namespace:
    """The command line every anchor script takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("workload", type=Path, help="gen_names.py output: id,name,true_cluster")
    parser.add_argument("out", type=Path, help="where to write the clusterings (.npz)")
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args()


def read_workload(path: Path) -> pd.DataFrame:
    """The workload with every cell as text (blank names stay blank)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def codes(labels: Sequence[str]) -> Ints:
    """Integer cluster labels from text ones; an empty label means the row is alone."""
    numbers, _ = pd.factorize(pd.Series(labels, dtype=object))
    numbers = numbers.astype(np.int64)
    numbers[np.asarray([not label for label in labels], dtype=bool)] = ALONE
    return numbers


def write_clusterings(path: Path, clusterings: Mapping[str, Clustering]) -> None:
    """One clustering of the rows per threshold (given as text, e.g. "0.9")."""
    thresholds = list(clusterings)
    with path.open("wb") as handle:
        np.savez(
            handle,
            thresholds=np.asarray(thresholds, dtype=str),
            labels=np.stack([clusterings[t].labels for t in thresholds]),
            seconds=np.asarray([clusterings[t].seconds for t in thresholds], dtype=np.float64),
        )


def read_clusterings(path: Path) -> dict[str, Clustering]:
    """The clusterings an anchor wrote, by threshold."""
    with np.load(path) as data:
        thresholds = [str(t) for t in data["thresholds"].tolist()]
        labels = data["labels"].astype(np.int64)
        seconds = data["seconds"].tolist()
    return {t: Clustering(labels[k], float(seconds[k])) for k, t in enumerate(thresholds)}

"""Scale anchor: exhaustive rapidfuzz token_sort_ratio, connected components per cutoff.

Every pair of distinct processed names is scored once with `process.cdist(workers=-1)`,
a block of rows against the names after them (the upper triangle, half of what
`anchors.token_sort_edges` scores for the quality report), then linked at each cutoff
and clustered as connected components, as `anchors.token_sort_clusters` does. The cost
grows with the square of the distinct names, which is why `make bench` extrapolates it
rather than run it at a million rows.
"""

from __future__ import annotations

import time

import numpy as np
import numpy.typing as npt
from anchor_io import ALONE, Clustering, Ints, parse_args, read_workload, write_clusterings
from anchors import CDIST_CHUNK_ROWS, TOKEN_SORT_CUTOFFS, connected_components
from rapidfuzz import fuzz, process, utils

Edges = tuple[Ints, Ints, npt.NDArray[np.float32]]


def upper_edges(keys: list[str], min_cutoff: float) -> Edges:
    """Each pair of keys (i < j) scoring at least `min_cutoff`: sources, targets, scores."""
    sources, targets, scores = [], [], []
    for start in range(0, len(keys), CDIST_CHUNK_ROWS):
        block = process.cdist(
            keys[start : start + CDIST_CHUNK_ROWS],
            keys[start:],
            scorer=fuzz.token_sort_ratio,
            score_cutoff=min_cutoff,
            dtype=np.float32,
            workers=-1,
        )
        rows, columns = np.nonzero(block)
        upper = columns > rows  # column c is key start + c, row r is key start + r
        sources.append(rows[upper].astype(np.int64) + start)
        targets.append(columns[upper].astype(np.int64) + start)
        scores.append(block[rows[upper], columns[upper]])
    if not sources:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32)
    return np.concatenate(sources), np.concatenate(targets), np.concatenate(scores)


def clusterings(names: list[str]) -> dict[str, Clustering]:
    """Score every pair of distinct names once, then cluster at each cutoff."""
    processed = [utils.default_process(name) for name in names]
    keys = sorted({key for key in processed if key})
    index = {key: position for position, key in enumerate(keys)}
    rows = np.asarray([index.get(key, -1) for key in processed], dtype=np.int64)
    sources, targets, scores = upper_edges(keys, min(TOKEN_SORT_CUTOFFS))
    result = {}
    for cutoff in TOKEN_SORT_CUTOFFS:
        start = time.perf_counter()
        kept = scores >= cutoff
        components = connected_components(len(keys), sources[kept], targets[kept])
        labels = np.where(rows >= 0, components[np.maximum(rows, 0)], ALONE)
        result[f"{cutoff:g}"] = Clustering(labels, time.perf_counter() - start)
    return result


def main() -> None:
    args = parse_args(__doc__)
    write_clusterings(args.out, clusterings(read_workload(args.workload)["name"].tolist()))


if __name__ == "__main__":
    main()

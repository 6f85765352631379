"""Scale anchor: dedupe (dedupeio) 3, trained by active learning with 250 labelled pairs.

dedupe needs a person to label the pairs it is least sure of. Here the workload's
`true_cluster` answers for that person: the same `uncertain_pairs` / `mark_pairs` loop
as dedupe's console labeller, each answer "match" exactly when the two rows share a
true cluster. That is a perfect labeller, which flatters dedupe. The name, casefolded
and without punctuation, is one String and one Text field; blank names stay alone. The
learned blocking, scoring and clustering are dedupe's own, on every core.
"""

from __future__ import annotations

import importlib
import os
import random
import time
from typing import Any

import numpy as np
from anchor_io import ALONE, Clustering, parse_args, read_workload, write_clusterings
from rapidfuzz import utils

LABELLED_PAIRS = 250
THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.6, 0.7)


def clusterings(names: list[str], truth: list[str], seed: int) -> dict[str, Clustering]:
    """Train by simulated active learning, then cluster all rows at each threshold."""
    dedupe: Any = importlib.import_module("dedupe")
    random.seed(seed)  # dedupe samples with both global random states
    np.random.seed(seed)
    data = {}
    for row, name in enumerate(names):
        cleaned = utils.default_process(name)
        if cleaned:
            data[row] = {"name": cleaned, "row": row}
    # The name as a string (affine gap) and as words (tf-idf cosine, blind to their order).
    variables = [dedupe.variables.String("name"), dedupe.variables.Text("name")]
    deduper = dedupe.Dedupe(variables, num_cores=os.cpu_count())
    deduper.prepare_training(data)
    for _ in range(LABELLED_PAIRS):
        pair = deduper.uncertain_pairs()[0]
        same = truth[pair[0]["row"]] == truth[pair[1]["row"]]
        deduper.mark_pairs({"match": [pair] if same else [], "distinct": [] if same else [pair]})
    deduper.train()
    scores = deduper.score(deduper.pairs(data))
    result = {}
    for threshold in THRESHOLDS:
        start = time.perf_counter()
        labels = np.full(len(names), ALONE, dtype=np.int64)
        for number, (rows, _) in enumerate(deduper.cluster(scores, threshold)):
            labels[list(rows)] = number
        result[str(threshold)] = Clustering(labels, time.perf_counter() - start)
    return result


def main() -> None:
    args = parse_args(__doc__)
    workload = read_workload(args.workload)
    names, truth = workload["name"].tolist(), workload["true_cluster"].tolist()
    write_clusterings(args.out, clusterings(names, truth, args.seed))


if __name__ == "__main__":
    main()

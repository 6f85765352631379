"""Scale anchor: Splink 5 on DuckDB, a Fellegi-Sunter model trained without labels.

The one name column is prepared the way a Splink user would: cleaned (casefolded,
accents and punctuation dropped), its sorted distinct tokens as `name_key`, and the
alphabetically first and last token. Comparisons: Splink's NameComparison (exact with
term-frequency adjustment, then Jaro-Winkler levels) on the key and on each token, and
the number of shared tokens. Blocking: equal key, or one equal end token plus the first
two letters of the other. u from random sampling, m by expectation maximisation on two
blocking passes (each sampled to 10 million pairs, as Splink offers for large data),
the match prior from the equal-key rule. DuckDB may use 8 GB and spills the rest to a
temporary directory. The predicted links (match probability >= the lowest threshold)
are clustered as connected components at each threshold, which is what Splink's
cluster_pairwise_predictions_at_threshold computes.
"""

from __future__ import annotations

import importlib
import logging
import tempfile
import time
from typing import Any

import numpy as np
import pandas as pd
from anchor_io import ALONE, Clustering, parse_args, read_workload, write_clusterings
from anchors import connected_components, fingerprint_key

MEMORY_LIMIT = "8GB"
EM_PAIRS = 1e7
THRESHOLDS = (0.5, 0.9, 0.99, 0.999, 0.9999, 0.99999, 0.999999, 0.9999999)
# Common titles a Splink user would drop from the blocking tokens (initials go too).
HONORIFICS = frozenset(
    "mr mrs ms miss dr prof sir dame hon rev gen adm col capt lt sgt cmdr sen rep pres gov".split()
)


def prepared(names: list[str]) -> pd.DataFrame:
    """The columns the Splink model compares; rows with nothing left of the name are dropped."""
    words = [[w for w in fingerprint_key(name).split() if w not in HONORIFICS] for name in names]
    keys = [" ".join(w) for w in words]
    tokens = [[w for w in ws if len(w) > 1] for ws in words]
    frame = pd.DataFrame(
        {
            "unique_id": np.arange(len(names), dtype=np.int64),
            "name_key": keys,
            "first_token": [t[0] if t else "" for t in tokens],
            "last_token": [t[-1] if t else "" for t in tokens],
            "tokens": tokens,
        }
    )
    return frame[frame["name_key"] != ""].reset_index(drop=True)


def clusterings(frame: pd.DataFrame, rows: int, seed: int, temp_dir: str) -> dict[str, Clustering]:
    """Train the model, predict links, and cluster them at each threshold; DuckDB spills
    to `temp_dir`."""
    splink = importlib.import_module("splink")
    cl: Any = importlib.import_module("splink.comparison_library")
    block_on = splink.block_on
    settings = splink.SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("name_key"),
            cl.NameComparison("first_token"),
            cl.NameComparison("last_token"),
            cl.ArrayIntersectAtSizes("tokens", [3, 2, 1]),
        ],
        # Two letters, not one: at 1M rows, 22 million comparisons instead of 52 million.
        blocking_rules_to_generate_predictions=[
            block_on("name_key"),
            block_on("first_token", "substr(last_token, 1, 2)"),
            block_on("last_token", "substr(first_token, 1, 2)"),
        ],
        retain_intermediate_calculation_columns=False,
    )
    duckdb: Any = importlib.import_module("duckdb")
    # DuckDB's default limit, 80% of RAM, covers only its buffer manager and leaves too
    # little for Python's side of a 1M-row run; under a lower one it spills to disk, as a
    # Splink user on a laptop would set it.
    connection = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": temp_dir})
    db_api = splink.DuckDBAPI(connection)
    linker = splink.Linker(db_api.register(frame), settings, log_level=logging.WARNING)
    training = linker.training
    training.estimate_probability_two_random_records_match([block_on("name_key")], recall=0.5)
    training.estimate_u_using_random_sampling(max_pairs=1e7, seed=seed)
    training.estimate_parameters_using_expectation_maximisation(
        block_on("first_token"), max_pairs=EM_PAIRS
    )
    training.estimate_parameters_using_expectation_maximisation(
        block_on("last_token"), max_pairs=EM_PAIRS
    )
    links = linker.inference.predict(threshold_match_probability=min(THRESHOLDS))
    # Only the three columns needed, as numpy arrays: the whole predictions table as a
    # pandas frame (with each side's names and token arrays) outgrew 24 GiB at 1M rows.
    edges = (
        links.as_duckdbpyrelation()
        .select("unique_id_l, unique_id_r, match_probability")
        .fetchnumpy()
    )
    ids = frame["unique_id"].to_numpy(dtype=np.int64)
    position = np.full(rows, -1, dtype=np.int64)
    position[ids] = np.arange(len(ids))
    left = position[np.asarray(edges["unique_id_l"], dtype=np.int64)]
    right = position[np.asarray(edges["unique_id_r"], dtype=np.int64)]
    probability = np.asarray(edges["match_probability"], dtype=np.float64)
    result = {}
    for threshold in THRESHOLDS:
        start = time.perf_counter()
        kept = probability >= threshold
        labels = np.full(rows, ALONE, dtype=np.int64)
        labels[ids] = connected_components(len(ids), left[kept], right[kept])
        result[str(threshold)] = Clustering(labels, time.perf_counter() - start)
    return result


def main() -> None:
    args = parse_args(__doc__)
    names = read_workload(args.workload)["name"].tolist()
    with tempfile.TemporaryDirectory(prefix="splink-") as temp_dir:
        result = clusterings(prepared(names), len(names), args.seed, temp_dir)
    write_clusterings(args.out, result)


if __name__ == "__main__":
    main()

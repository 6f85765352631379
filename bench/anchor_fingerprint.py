"""Scale anchor: OpenRefine-style fingerprint key collision (`anchors.fingerprint_key`).

Names with equal keys (casefolded, accents folded, punctuation dropped, distinct tokens
sorted) are one person. No threshold, so one clustering.
"""

from __future__ import annotations

from anchor_io import Clustering, codes, parse_args, read_workload, write_clusterings
from anchors import fingerprint_clusters


def main() -> None:
    args = parse_args(__doc__)
    names = read_workload(args.workload)["name"].tolist()
    write_clusterings(args.out, {"key": Clustering(codes(fingerprint_clusters(names)))})


if __name__ == "__main__":
    main()

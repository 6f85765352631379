"""namekit: recognise differently spelled names of the same person and merge them into people.

The library works on plain strings; pandas appears only at the table edges
(`dedupe_frame`, `compare_frame`).
"""

from namekit.aliases import AliasIndex, load_aliases
from namekit.compare import compare_frame
from namekit.dedupe import DedupeResult, dedupe_frame, dedupe_names
from namekit.errors import NamekitError
from namekit.normalize import ParsedName, normalize_name, parse_name
from namekit.scoring import (
    DEFAULT_REVIEW_CUTOFF,
    DEFAULT_SCORE_CUTOFF,
    NameMatch,
    score_names,
    score_pairs,
)

__all__ = [
    "DEFAULT_REVIEW_CUTOFF",
    "DEFAULT_SCORE_CUTOFF",
    "AliasIndex",
    "DedupeResult",
    "NameMatch",
    "NamekitError",
    "ParsedName",
    "compare_frame",
    "dedupe_frame",
    "dedupe_names",
    "load_aliases",
    "normalize_name",
    "parse_name",
    "score_names",
    "score_pairs",
]

"""Scoring a table of name pairs: the workflow behind `namekit compare`.

A pairs file repeats itself: one name appears in many rows, and a pair may come back,
either way round. So each distinct name is parsed once and each distinct pair (in either
order, since scores are symmetric) is scored once, by `namekit.candidates`, which splits
a large batch between forked workers on every core. Every row then gets exactly what
`score_names` gives its two cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from namekit.candidates import PARALLEL_MIN_PAIRS, Report, score_candidates
from namekit.collector import collector_paused
from namekit.normalize import ParsedName, parse_name
from namekit.scoring import DEFAULT_SCORE_CUTOFF, NameMatch, score_names
from namekit.tables import require_free_columns, text_cells

COMPARE_COLUMNS = ("score", "same", "reason")
_STAGE = "scoring pairs"
_WARM_UP_PAIR = ("Wu Yanan", "Yanan Wuu")  # a fuzzy match: every table gets loaded


@collector_paused()
def compare_frame(
    frame: pd.DataFrame,
    left: str,
    right: str,
    *,
    score_cutoff: float = DEFAULT_SCORE_CUTOFF,
    progress: Report | None = None,
    workers: int | None = None,
    parallel_min_pairs: int = PARALLEL_MIN_PAIRS,
) -> pd.DataFrame:
    """The pairs table with score (0-100), same (1/0 at the cutoff) and reason added."""
    require_free_columns(frame, COMPARE_COLUMNS)
    lefts, rights = text_cells(frame, left), text_cells(frame, right)
    matches, row_pairs = score_distinct_pairs(
        lefts, rights, progress=progress, workers=workers, parallel_min_pairs=parallel_min_pairs
    )
    # Formatted once per distinct pair, then spread over the rows by index.
    scores = np.asarray([f"{m.score:g}" for m in matches], dtype=object)
    same = np.asarray(["1" if m.score >= score_cutoff else "0" for m in matches], dtype=object)
    reasons = np.asarray([f"{m.reason}: {m.explanation}" for m in matches], dtype=object)
    out = frame.copy()
    out["score"] = scores[row_pairs].tolist()
    out["same"] = same[row_pairs].tolist()
    out["reason"] = reasons[row_pairs].tolist()
    return out


def score_distinct_pairs(
    lefts: Sequence[str],
    rights: Sequence[str],
    *,
    progress: Report | None = None,
    workers: int | None = None,
    parallel_min_pairs: int = PARALLEL_MIN_PAIRS,
) -> tuple[list[NameMatch], npt.NDArray[np.intp]]:
    """The score of each distinct pair, and for each row the index of its pair's score."""
    if len(lefts) != len(rights):
        raise ValueError("lefts and rights must have the same length")
    name_ids: dict[str, int] = {}
    pair_ids: dict[tuple[int, int], int] = {}
    row_pairs = np.empty(len(lefts), dtype=np.intp)
    for row, (a, b) in enumerate(zip(lefts, rights, strict=True)):
        i = name_ids.setdefault(a, len(name_ids))
        j = name_ids.setdefault(b, len(name_ids))
        row_pairs[row] = pair_ids.setdefault((i, j) if i <= j else (j, i), len(pair_ids))

    def report(stage: str, done: int, total: int) -> None:
        if progress is not None:
            progress(_STAGE, done, total)

    if len(pair_ids) >= parallel_min_pairs:
        # The scorer loads its tables (name frequencies, nicknames, romanization) on first
        # use: load them here, before the workers fork, so they share one copy instead of
        # each spending a second loading its own.
        score_names(*_WARM_UP_PAIR)
    scored = score_candidates(
        _ParsedOnDemand(list(name_ids)),
        list(pair_ids),
        report,
        workers=workers,
        parallel_min_pairs=parallel_min_pairs,
    )
    return [match for match, _, _ in scored], row_pairs


class _ParsedOnDemand(Sequence[ParsedName]):
    """Names parsed when first scored, so that forked workers share the parsing too.

    Parsing a name costs about a quarter of scoring a pair; done up front it would run on
    one core while the others wait. `parse_name` keeps what it parsed in each process.
    """

    def __init__(self, names: list[str]) -> None:
        self._names = names

    def __len__(self) -> int:
        return len(self._names)

    @overload
    def __getitem__(self, index: int) -> ParsedName: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[ParsedName]: ...

    def __getitem__(self, index: int | slice) -> ParsedName | Sequence[ParsedName]:
        if isinstance(index, slice):
            return [parse_name(name) for name in self._names[index]]
        return parse_name(self._names[index])

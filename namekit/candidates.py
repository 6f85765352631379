"""Scoring candidate pairs, on every core when there are many.

Exact scoring is pure Python, so a large batch is split between worker processes. The
workers are forked, so they share the parsed names without copying them, and each
returns only its scores. Small batches, and platforms without fork, score in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence

from namekit.normalize import ParsedName
from namekit.scoring import NameMatch, score_parsed

Scored = tuple[NameMatch, int, int]
Report = Callable[[str, int, int], None]  # (stage, done, total)

PARALLEL_MIN_PAIRS = 50_000
_CHUNK = 20_000
_STAGE = "scoring candidate pairs"

# The names the forked workers score: set just before the pool starts, inherited by fork.
_shared_names: Sequence[ParsedName] = ()


def score_candidates(
    names: Sequence[ParsedName],
    pairs: Sequence[tuple[int, int]],
    report: Report,
    *,
    workers: int | None = None,
    parallel_min_pairs: int = PARALLEL_MIN_PAIRS,
) -> list[Scored]:
    """Each candidate pair with its score, in the order of `pairs`."""
    workers = workers or os.cpu_count() or 1
    forking = "fork" in multiprocessing.get_all_start_methods()
    if workers < 2 or len(pairs) < parallel_min_pairs or not forking:
        return _score_here(names, pairs, report)
    global _shared_names
    _shared_names = names
    chunks = [pairs[start : start + _CHUNK] for start in range(0, len(pairs), _CHUNK)]
    scored: list[Scored] = []
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for chunk, matches in zip(chunks, pool.imap(_score_chunk, chunks), strict=True):
                report(_STAGE, len(scored), len(pairs))
                scored += [(m, i, j) for m, (i, j) in zip(matches, chunk, strict=True)]
    finally:
        _shared_names = ()
    return scored


def _score_here(
    names: Sequence[ParsedName], pairs: Sequence[tuple[int, int]], report: Report
) -> list[Scored]:
    """Score in this process, reporting progress every chunk."""
    scored: list[Scored] = []
    for done, (i, j) in enumerate(pairs):
        if done % _CHUNK == 0:
            report(_STAGE, done, len(pairs))
        scored.append((score_parsed(names[i], names[j]), i, j))
    return scored


def _score_chunk(chunk: Sequence[tuple[int, int]]) -> list[NameMatch]:
    """Score one chunk in a worker, over the names inherited from the parent."""
    return [score_parsed(_shared_names[i], _shared_names[j]) for i, j in chunk]

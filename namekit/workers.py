"""Pure-Python work over many items, split between forked processes on every core.

Parsing names and scoring pairs are pure Python, so one process uses one core. A large
batch is cut into chunks that forked workers run; fork lets them inherit the work and
its inputs without copying, and each returns only its chunk's results, in order. Small
batches, and platforms without fork, run in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Any, TypeVar

Result = TypeVar("Result")
Report = Callable[[str, int, int], None]  # (stage, done, total)

CHUNK = 20_000

# The work the forked workers run: set just before the pool starts, inherited by fork.
_shared_work: Callable[[int, int], list[Any]] | None = None


def run_in_chunks(
    work: Callable[[int, int], list[Result]],
    total: int,
    report: Report,
    stage: str,
    *,
    workers: int | None = None,
    parallel_min: int = 50_000,
) -> list[Result]:
    """The results of `work(start, end)` over consecutive chunks of `total` items, in order."""
    workers = workers or os.cpu_count() or 1
    chunks = [(start, min(start + CHUNK, total)) for start in range(0, total, CHUNK)]
    forking = "fork" in multiprocessing.get_all_start_methods()
    results: list[Result] = []
    if workers < 2 or total < parallel_min or not forking:
        for start, end in chunks:
            report(stage, start, total)
            results += work(start, end)
        return results
    global _shared_work
    _shared_work = work
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for (start, _), done in zip(chunks, pool.imap(_run_chunk, chunks), strict=True):
                report(stage, start, total)
                results += done
    finally:
        _shared_work = None
    return results


def _run_chunk(chunk: tuple[int, int]) -> list[Any]:
    """Run the inherited work on one chunk, in a worker."""
    assert _shared_work is not None, "workers are forked after the work is set"
    return _shared_work(*chunk)

"""Scoring candidate pairs, on every core when there are many (see `workers`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from namekit.normalize import ParsedName
from namekit.scoring import NameMatch, score_parsed
from namekit.workers import run_in_chunks

Scored = tuple[NameMatch, int, int]
Report = Callable[[str, int, int], None]  # (stage, done, total)

PARALLEL_MIN_PAIRS = 50_000


def score_candidates(
    names: Sequence[ParsedName],
    pairs: Sequence[tuple[int, int]],
    report: Report,
    *,
    workers: int | None = None,
    parallel_min_pairs: int = PARALLEL_MIN_PAIRS,
) -> list[Scored]:
    """Each candidate pair with its score, in the order of `pairs`."""

    # Uncached: every candidate pair is distinct, so a cache would only cost time and
    # memory (about a tenth of the scoring time at a million names).
    scorer = score_parsed.__wrapped__

    def score(start: int, end: int) -> list[Scored]:
        return [(without_details(scorer(names[i], names[j])), i, j) for i, j in pairs[start:end]]

    return run_in_chunks(
        score,
        len(pairs),
        report,
        "scoring candidate pairs",
        workers=workers,
        parallel_min=parallel_min_pairs,
    )


def without_details(match: NameMatch) -> NameMatch:
    """The match without its per-part notes, which only `explain` shows: at a million names
    they would take about a gigabyte beside the explanation that says the same."""
    return replace(match, details=()) if match.details else match

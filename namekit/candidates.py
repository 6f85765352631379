"""Scoring candidate pairs, on every core when there are many (see `workers`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from namekit.normalize import ParsedName
from namekit.reference import name_part_shares
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
    plain_below: float = 0.0,
) -> list[Scored]:
    """Each candidate pair with its score, in the order of `pairs`; pairs scoring below
    `plain_below` keep only their score and flags, not their explanation."""

    # Uncached: every candidate pair is distinct, so a cache would only cost time and
    # memory (about a tenth of the scoring time at a million names).
    scorer = score_parsed.__wrapped__
    # Read the name-part frequency table (about 2 s) here, once: forked workers then share
    # it instead of each reading its own, and clustering needs it here later anyway.
    name_part_shares()

    def score(start: int, end: int) -> list[NameMatch]:
        return [_kept(scorer(names[i], names[j]), plain_below) for i, j in pairs[start:end]]

    matches = run_in_chunks(
        score,
        len(pairs),
        report,
        "scoring candidate pairs",
        workers=workers,
        parallel_min=parallel_min_pairs,
    )
    # Workers send back the matches only; the pairs' indices are the ones at hand here,
    # shared with `pairs` instead of copied once per pair through the pipe.
    return [(match, i, j) for match, (i, j) in zip(matches, pairs, strict=True)]


# One shared match per kind of plain match: most candidate pairs score low, and at a
# million names their explanations, which nothing shows, would take about a gigabyte.
_plain: dict[tuple[float, str, bool, bool, bool], NameMatch] = {}


def _kept(match: NameMatch, plain_below: float) -> NameMatch:
    """The match as kept: plain below `plain_below`, else without its per-part notes."""
    return without_details(match) if match.score >= plain_below else plain(match)


def plain(match: NameMatch) -> NameMatch:
    """The match without explanation: one shared object per score, reason and flags."""
    kind = (match.score, match.reason, match.decisive, match.conflict, match.hard_conflict)
    found = _plain.get(kind)
    if found is None:
        found = _plain[kind] = replace(match, explanation="", details=())
    return found


def without_details(match: NameMatch) -> NameMatch:
    """The match without its per-part notes, which only `explain` shows: at a million names
    they would take about a gigabyte beside the explanation that says the same."""
    return replace(match, details=()) if match.details else match

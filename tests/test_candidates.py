"""Work split over worker processes gives exactly the in-process results, in order."""

from __future__ import annotations

import pytest

from namekit import blocking, workers
from namekit.blocking import candidate_pairs
from namekit.candidates import score_candidates
from namekit.normalize import parse_name
from namekit.workers import run_in_chunks

NAMES = [
    "Wu Yanan", "Yanan Wu", "Wu Yenan", "Song Yanchao", "Kim Jong-il", "Kim Jong-un",
    "Muammar Qaddafi", "Moammar Gadhafi", "QADHAFI, Muammar", "Hsi Chin-p'ing", "Xi Jinping",
]  # fmt: skip


def test_parallel_scores_equal_sequential_scores_in_the_same_order() -> None:
    names = [parse_name(n) for n in sorted(NAMES)]
    pairs = candidate_pairs(names)
    assert pairs, "the names share parts, so there are candidates to score"
    stages: list[str] = []
    here = score_candidates(names, pairs, lambda *a: None, workers=1)
    forked = score_candidates(
        names, pairs, lambda stage, *_: stages.append(stage), workers=2, parallel_min_pairs=0
    )
    assert forked == here
    assert stages and set(stages) == {"scoring candidate pairs"}


def test_pairs_below_a_cutoff_keep_their_score_but_not_their_explanation() -> None:
    names = [parse_name(n) for n in sorted(NAMES)]
    pairs = candidate_pairs(names)
    full = score_candidates(names, pairs, _quiet, workers=1)
    # These names' pairs score 95 to 100: a cutoff of 96 puts some on each side.
    kept = score_candidates(names, pairs, _quiet, workers=1, plain_below=96)
    for (whole, *_), (plain, *_) in zip(full, kept, strict=True):
        assert (plain.score, plain.conflict, plain.hard_conflict, plain.decisive) == (
            whole.score,
            whole.conflict,
            whole.hard_conflict,
            whole.decisive,
        )
        assert plain.explanation == (whole.explanation if whole.score >= 96 else "")
    assert any(m.score < 96 for m, *_ in full) and any(m.score >= 96 for m, *_ in full)


def test_blocking_keys_computed_on_several_cores_give_the_same_candidates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    names = [parse_name(n) for n in sorted(NAMES)]
    here = candidate_pairs(names)
    # Keys of a few name parts per forked worker: their key codes must agree with ours.
    monkeypatch.setattr(blocking, "PARALLEL_MIN_ITEMS", 0)
    monkeypatch.setattr(workers, "CHUNK", 4)
    assert candidate_pairs(names) == here
    assert (names.index(parse_name("Wu Yanan")), names.index(parse_name("Wu Yenan"))) in here


def test_names_parsed_on_several_cores_equal_names_parsed_here() -> None:
    names = NAMES * 3
    here = run_in_chunks(
        lambda start, end: [parse_name(n) for n in names[start:end]], len(names), _quiet, "parse"
    )
    forked = run_in_chunks(
        lambda start, end: [parse_name(n) for n in names[start:end]],
        len(names),
        _quiet,
        "parse",
        workers=2,
        parallel_min=0,
    )
    assert forked == here == [parse_name(n) for n in names]


def _quiet(stage: str, done: int, total: int) -> None:
    """Report nothing."""

"""Two baseline matchers namekit must beat, measured exactly the way namekit is.

* **Fingerprint**: OpenRefine's "fingerprint" key collision. A name's key is
  its casefolded text with Latin accents folded, punctuation removed (not
  replaced by a space, as OpenRefine does) and its distinct tokens sorted;
  names with equal keys are one person. "Wu, Yanan" and "yanan wu" share the
  key "wu yanan".
* **token_sort_ratio connected components**: rapidfuzz `token_sort_ratio`
  (after `rapidfuzz.utils.default_process`) between every two distinct names
  of a group, via `process.cdist(workers=-1)`; names linked by a score at or
  above a cutoff are one person, transitively. Scored at a range of cutoffs so
  the caller can report the best one in hindsight, a figure no honest matcher
  with one fixed cutoff can count on.

Both work on distinct (processed) names, so duplicates cost nothing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process, utils

from namekit.evaluation import PairMetrics, pair_metrics_touching

TOKEN_SORT_CUTOFFS = tuple(float(cutoff) for cutoff in range(60, 101, 2))
CDIST_CHUNK_ROWS = 2000

Ints = npt.NDArray[np.int64]


@dataclass(frozen=True)
class AnchorScore:
    """An anchor's verdict on one pair, shaped like namekit's scored pairs."""

    score: float
    reason: str


@dataclass(frozen=True)
class BestCutoff:
    """The cutoff that gave the best pair F1 in hindsight, and its metrics."""

    score_cutoff: float
    metrics: PairMetrics


def _fold_latin(char: str) -> str:
    """A Latin letter without its accents (OpenRefine's asciify); other scripts untouched."""
    code = ord(char)
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        decomposed = unicodedata.normalize("NFKD", char)
        return "".join(part for part in decomposed if not unicodedata.combining(part))
    return char


def fingerprint_key(name: str) -> str:
    """OpenRefine's fingerprint key: casefold, fold accents, drop punctuation, sort tokens."""
    text = "".join(_fold_latin(char) for char in name.strip().casefold())
    # Punctuation, symbols and control characters vanish, so "Ya-nan" keys as "yanan".
    text = "".join(
        char for char in text if not unicodedata.category(char).startswith(("P", "S", "C"))
    )
    return " ".join(sorted(set(text.split())))


def fingerprint_clusters(names: Sequence[str]) -> list[str]:
    """One label per name: its fingerprint key ("" when nothing is left of the name)."""
    return [fingerprint_key(name) for name in names]


def connected_components(count: int, sources: Ints, targets: Ints) -> Ints:
    """Component label (smallest member index) of each of `count` nodes linked by edges."""
    parent: Ints = np.arange(count, dtype=np.int64)
    while True:
        # Pointer jumping: every node points straight at its root.
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
        roots_a, roots_b = parent[sources], parent[targets]
        apart = roots_a != roots_b
        if not apart.any():
            return parent
        # Hook the larger root under the smaller: parents only decrease, so no cycles.
        np.minimum.at(
            parent, np.maximum(roots_a[apart], roots_b[apart]), np.minimum(roots_a, roots_b)[apart]
        )


@dataclass(frozen=True)
class _Edges:
    """Scored links between distinct names, at or above the lowest cutoff of interest."""

    sources: Ints
    targets: Ints
    scores: npt.NDArray[np.float32]


def token_sort_edges(keys: Sequence[str], *, min_cutoff: float) -> _Edges:
    """All pairs of distinct processed names scoring at least `min_cutoff`, row-chunked."""
    sources, targets, scores = [], [], []
    for start in range(0, len(keys), CDIST_CHUNK_ROWS):
        # Chunks of rows bound memory at CDIST_CHUNK_ROWS x len(keys) scores.
        block = process.cdist(
            keys[start : start + CDIST_CHUNK_ROWS],
            keys,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=min_cutoff,
            dtype=np.float32,
            workers=-1,
        )
        rows, columns = np.nonzero(block)
        upper = columns > rows + start
        sources.append(rows[upper].astype(np.int64) + start)
        targets.append(columns[upper].astype(np.int64))
        scores.append(block[rows[upper], columns[upper]])
    if not sources:
        return _Edges(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))
    return _Edges(np.concatenate(sources), np.concatenate(targets), np.concatenate(scores))


def token_sort_clusters(names: Sequence[str], cutoffs: Sequence[float]) -> dict[float, list[str]]:
    """Per cutoff, one label per name: connected components of token_sort_ratio >= cutoff."""
    processed = [utils.default_process(name) for name in names]
    keys = sorted({key for key in processed if key})
    index = {key: position for position, key in enumerate(keys)}
    edges = token_sort_edges(keys, min_cutoff=min(cutoffs, default=100.0))
    result = {}
    for cutoff in cutoffs:
        kept = edges.scores >= cutoff
        components = connected_components(len(keys), edges.sources[kept], edges.targets[kept])
        result[cutoff] = [f"c{components[index[key]]}" if key else "" for key in processed]
    return result


def token_sort_cluster(names: list[str], score_cutoff: float) -> list[str]:
    """token_sort_ratio connected components at one cutoff (a namekit-style cluster function)."""
    return token_sort_clusters(names, [score_cutoff])[score_cutoff]


def token_sort_within_groups(
    names: Sequence[str], groups: Sequence[str], cutoffs: Sequence[float]
) -> dict[float, tuple[str, ...]]:
    """token_sort_clusters per group (one cdist per group), labels kept apart across groups."""
    members: dict[str, list[int]] = {}
    for row, group in enumerate(groups):
        members.setdefault(group, []).append(row)
    labels = {cutoff: [""] * len(names) for cutoff in cutoffs}
    for number, rows in enumerate(members.values()):
        clustered = token_sort_clusters([names[row] for row in rows], cutoffs)
        for cutoff, ids in clustered.items():
            for row, label in zip(rows, ids, strict=True):
                labels[cutoff][row] = f"{number}:{label}" if label else ""
    return {cutoff: tuple(values) for cutoff, values in labels.items()}


def best_in_hindsight(
    truth: Sequence[str],
    predictions: Mapping[float, Sequence[str]],
    touching: Sequence[bool] | None = None,
) -> BestCutoff:
    """The cutoff whose clustering has the highest pair F1 (ties: the higher cutoff)."""
    counted = [True] * len(truth) if touching is None else touching
    measured = [
        BestCutoff(cutoff, pair_metrics_touching(truth, labels, counted))
        for cutoff, labels in predictions.items()
    ]
    return max(measured, key=lambda best: (best.metrics.f1, best.score_cutoff))


def token_sort_scorer(lefts: Sequence[str], rights: Sequence[str]) -> list[AnchorScore]:
    """token_sort_ratio of each pair, as a pair scorer."""
    scores = process.cpdist(
        lefts, rights, scorer=fuzz.token_sort_ratio, processor=utils.default_process, workers=-1
    )
    return [AnchorScore(float(score), "token_sort_ratio") for score in scores]


def wratio_scorer(lefts: Sequence[str], rights: Sequence[str]) -> list[AnchorScore]:
    """rapidfuzz WRatio of each pair, as a pair scorer."""
    scores = process.cpdist(
        lefts, rights, scorer=fuzz.WRatio, processor=utils.default_process, workers=-1
    )
    return [AnchorScore(float(score), "WRatio") for score in scores]


def fingerprint_scorer(lefts: Sequence[str], rights: Sequence[str]) -> list[AnchorScore]:
    """100 when two names share a non-empty fingerprint key, else 0, as a pair scorer."""
    return [
        AnchorScore(100.0 if key_a and key_a == key_b else 0.0, "fingerprint key")
        for key_a, key_b in (
            (fingerprint_key(left), fingerprint_key(right))
            for left, right in zip(lefts, rights, strict=True)
        )
    ]
